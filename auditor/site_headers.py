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

The same per-page hook refuses a redirect hop to an action link (`refuse`): a Playwright
route sees only the first request of a redirect chain, the Fetch domain sees every hop.
Without `--header` values it pauses documents only (page loads and frames, with their hops).
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

    async def attach(self, page: Page, refuse: Callable[[Page, str], bool] | None = None) -> None:
        """Add the values to `page`'s requests to the audited origins, hop by hop, and fail
        the documents `refuse(page, url)` says must not be loaded (a redirect hop to an
        action link)."""
        if not self.headers and refuse is None:
            return
        pattern: dict[str, str] = {"urlPattern": "*"}
        if not self.headers:
            pattern["resourceType"] = "Document"
        session = await page.context.new_cdp_session(page)
        session.on("Fetch.requestPaused", lambda event: self._answer(page, session, event, refuse))
        await session.send("Fetch.enable", {"patterns": [pattern]})

    def _answer(
        self,
        page: Page,
        session: CDPSession,
        event: dict[str, Any],
        refuse: Callable[[Page, str], bool] | None,
    ) -> None:
        request = event.get("request", {})
        url = request.get("url", "")
        params: dict[str, Any] = {"requestId": event["requestId"]}
        if refuse is not None and event.get("resourceType") == "Document" and refuse(page, url):
            # A redirect hop fails the load with the reason gather reports; any other document
            # request (a script's `location = ...`, a frame) is aborted, which leaves the page
            # as it was (a blocked-by-client failure would put an error page in its place).
            redirect = "redirectedRequestId" in event
            params["errorReason"] = "BlockedByClient" if redirect else "Aborted"
            self._send(session, "Fetch.failRequest", params)
            return
        if self.goes_to(url):
            merged = {**request.get("headers", {}), **self.headers}
            # Chromium adds the cookies itself (as Playwright does, never pass them back)
            params["headers"] = [
                {"name": k, "value": v} for k, v in merged.items() if k.lower() != "cookie"
            ]
        self._send(session, "Fetch.continueRequest", params)

    def _send(self, session: CDPSession, method: str, params: dict[str, Any]) -> None:
        task = asyncio.ensure_future(_quietly(session.send(method, params)))
        self._pending.add(task)
        task.add_done_callback(self._pending.discard)


async def _quietly(awaitable: Awaitable[Any]) -> None:
    """The page may close while a request waits: nothing to answer then."""
    with contextlib.suppress(Exception):
        await awaitable
