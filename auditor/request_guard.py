"""What a page we load may ask of the network, enforced in the browser.

The audited site's own scripts run in our browser: a load script can `sendBeacon`, submit a
form, `fetch` with POST or open 5,000 iframes. cx-audit promises GET/HEAD only and a polite
request rate, so every browser context gets a `RequestGuard` (a Playwright context route, which
also sees popups, cross-origin frames and workers):

- a request that is not GET or HEAD is aborted, whatever made it (fetch/XHR, beacon, form
  submit, ping), and counted on its page; so is a request to an action link on the audited
  origins (auditor/action_links.py: a script's `location = '/logout'`, an iframe or image
  on `/account/delete`), unless it is a start URL;
- a page load may make at most `max_site_requests` requests to the audited origins besides
  its own document (images, scripts, frames…): the rest are aborted and counted;
- a frame document (an iframe) on an audited origin waits for the per-host rate limit, like
  any page we load.

`begin(page)` starts the count for the next URL loaded in that page; gather reads it into
`probes["network"]`, and the engine puts it in the page's metrics and the site's totals.
"""

from __future__ import annotations

import contextlib
import dataclasses
import weakref
from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING, Any

from playwright.async_api import Error as PlaywrightError

from auditor.action_links import is_action_link
from auditor.urls import normalize_url, origin_of

if TYPE_CHECKING:
    from playwright.async_api import BrowserContext, Page, Route

    from auditor.ratelimit import RateLimiter

SAFE_METHODS = frozenset({"GET", "HEAD"})
MAX_SITE_REQUESTS = 300
"""Requests one page load may make to the audited origins besides its own document. A help
article with a few dozen images, scripts and styles stays far below it; a page with
thousands of iframes or images on the audited host is cut off there."""
MAX_HISTORY_CHANGES = 100
HISTORY_GUARD_JS = f"""(() => {{
  let changes = 0;
  for (const name of ['pushState', 'replaceState']) {{
    const original = History.prototype[name];
    History.prototype[name] = function (...args) {{
      if (++changes > {MAX_HISTORY_CHANGES}) return undefined;
      return original.apply(this, args);
    }};
  }}
}})();"""
"""A document may change its address with the history API at most 100 times; the calls after
that do nothing. A head script with 10,000 pushState calls sent an event per call through
the browser's protocol (and Chromium a console warning per throttled call), and stalled the
worker's next pages; single-page apps change the address a few times per view."""


@dataclasses.dataclass
class PageTraffic:
    """What one page load asked for that the guard stopped or held."""

    site_requests: int = 0  # to the audited origins, besides the page's own document
    blocked: int = 0  # not GET/HEAD, or an action link on the audited origins: aborted
    capped: int = 0  # over max_site_requests: aborted
    paced: int = 0  # frame documents that waited for the rate limit

    def facts(self) -> dict[str, Any]:
        """For probes["network"]: only what happened (an ordinary page adds nothing)."""
        facts: dict[str, Any] = {}
        if self.blocked:
            facts["blocked_requests"] = self.blocked
        if self.capped:
            facts["capped_requests"] = self.capped
        if self.paced:
            facts["paced_frames"] = self.paced
        return facts


_traffic: weakref.WeakKeyDictionary[Page, PageTraffic] = weakref.WeakKeyDictionary()


def begin(page: Page) -> PageTraffic:
    """Count what `page` asks for from now on (the next URL loaded in it)."""
    traffic = PageTraffic()
    _traffic[page] = traffic
    return traffic


class RequestGuard:
    """A context route: GET/HEAD only, a cap per page load, frames paced (see module doc)."""

    def __init__(
        self,
        origins: Collection[str],
        *,
        limiter: RateLimiter | None = None,
        max_site_requests: int = MAX_SITE_REQUESTS,
        action_words: Sequence[str] = (),
        start_urls: Collection[str] = (),
    ) -> None:
        self.origins = origins  # the audited origins (scheme://host[:port])
        self.limiter = limiter
        self.max_site_requests = max_site_requests
        self.action_words = tuple(action_words)  # deny_links
        self.start_urls = frozenset(filter(None, map(normalize_url, start_urls)))

    async def install(self, context: BrowserContext) -> None:
        await context.add_init_script(HISTORY_GUARD_JS)
        await context.route("**/*", self.handle)

    async def handle(self, route: Route) -> None:
        with contextlib.suppress(PlaywrightError):  # the page may close meanwhile
            await self._handle(route)

    async def _handle(self, route: Route) -> None:
        request = route.request
        traffic = _traffic_of(request)
        if request.method not in SAFE_METHODS or self._is_action(request.url):
            if traffic is not None:
                traffic.blocked += 1
            # "aborted": a blocked form submit or script navigation leaves the page as it was
            # (any other reason puts Chromium's error page in its place)
            await route.abort("aborted" if request.is_navigation_request() else "blockedbyclient")
            return
        if origin_of(request.url) in self.origins and not _is_page_document(request):
            if traffic is not None:
                traffic.site_requests += 1
                if traffic.site_requests > self.max_site_requests:
                    traffic.capped += 1
                    await route.abort("blockedbyclient")
                    return
            if request.is_navigation_request() and self.limiter is not None:
                if traffic is not None:
                    traffic.paced += 1
                await self.limiter.wait(request.url)
        await route.fallback()

    def refuse_document(self, page: Page, url: str) -> bool:
        """For the per-page Fetch hook (auditor/site_headers.py), which also sees redirect
        hops: True (and counted on `page`) for an action link."""
        if not self._is_action(url):
            return False
        traffic = _traffic.get(page)
        if traffic is not None:
            traffic.blocked += 1
        return True

    def _is_action(self, url: str) -> bool:
        """An action link on the audited origins that the user did not start the audit at."""
        return (
            origin_of(url) in self.origins
            and is_action_link(url, self.action_words)
            and normalize_url(url) not in self.start_urls
        )


def _traffic_of(request: Any) -> PageTraffic | None:
    try:
        return _traffic.get(request.frame.page)
    except Exception:  # a worker's request has no frame: counted nowhere, still guarded
        return None


def _is_page_document(request: Any) -> bool:
    """The document of the page itself (its main frame), which the crawl already paced."""
    if not request.is_navigation_request():
        return False
    try:
        return request.frame.parent_frame is None
    except Exception:
        return False
