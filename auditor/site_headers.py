"""`--header` values go to the audited origins only, on every hop of every redirect.

They are often credentials (a gateway's API key, a bearer token), so they must never reach
another origin: not a `Sitemap:` line pointing elsewhere, not a PDF or sitemap that redirects
there, not a browser redirect chain that passes through another site and back.

- **Our own HTTP requests** (httpx): a request hook runs before each request *and each
  redirect hop*; it adds the values for an audited origin and takes them off (back to the
  client's own value, e.g. our User-Agent) for any other.
- **The browser**: a Playwright route's header override sticks to every hop of a redirect
  chain (Playwright re-applies it), so the headers go through Chromium's own Fetch domain
  on each page's CDP session instead, which pauses every hop and whose overrides never
  carry over to the next one. Requests of frames in another process (a cross-origin
  iframe) do not pass there and get no values, which is the safe side.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable, Collection, Mapping
from typing import TYPE_CHECKING, Any

import httpx

from auditor.urls import origin_of

if TYPE_CHECKING:
    from playwright.async_api import CDPSession, Page


class SiteHeaders:
    """The `--header` values and the origins they may go to."""

    def __init__(self, headers: Mapping[str, str], origins: Collection[str]) -> None:
        self.headers = dict(headers)
        self.origins = origins  # may grow (the portal's origins); read on every request
        self._pending: set[asyncio.Future[Any]] = set()

    def __bool__(self) -> bool:
        return bool(self.headers)

    def goes_to(self, url: str) -> bool:
        return bool(self.headers) and origin_of(url) in self.origins

    def httpx_hook(self, base: Mapping[str, str]) -> Callable[[httpx.Request], Awaitable[None]]:
        """An httpx request hook; `base` are the client's own headers (restored elsewhere)."""
        defaults = {name.lower(): value for name, value in base.items()}

        async def hook(request: httpx.Request) -> None:
            if self.goes_to(str(request.url)):
                request.headers.update(self.headers)
                return
            for name in self.headers:
                if name.lower() in defaults:
                    request.headers[name] = defaults[name.lower()]
                else:
                    request.headers.pop(name, None)

        return hook

    def client(self, **options: Any) -> httpx.AsyncClient:
        """An httpx client whose requests carry the values only to the audited origins."""
        base = dict(options.pop("headers", None) or {})
        hooks = {"request": [self.httpx_hook(base)]} if self.headers else {}
        return httpx.AsyncClient(headers=base, event_hooks=hooks, **options)

    async def attach(self, page: Page) -> None:
        """Add the values to `page`'s requests to the audited origins, hop by hop."""
        if not self.headers:
            return
        session = await page.context.new_cdp_session(page)
        session.on("Fetch.requestPaused", lambda event: self._answer(session, event))
        await session.send("Fetch.enable", {"patterns": [{"urlPattern": "*"}]})

    def _answer(self, session: CDPSession, event: dict[str, Any]) -> None:
        request = event.get("request", {})
        params: dict[str, Any] = {"requestId": event["requestId"]}
        if self.goes_to(request.get("url", "")):
            merged = {**request.get("headers", {}), **self.headers}
            # Chromium adds the cookies itself (as Playwright does, never pass them back)
            params["headers"] = [
                {"name": k, "value": v} for k, v in merged.items() if k.lower() != "cookie"
            ]
        task = asyncio.ensure_future(_quietly(session.send("Fetch.continueRequest", params)))
        self._pending.add(task)
        task.add_done_callback(self._pending.discard)


async def _quietly(awaitable: Awaitable[Any]) -> None:
    """The page may close while a request waits: nothing to answer then."""
    with contextlib.suppress(Exception):
        await awaitable
