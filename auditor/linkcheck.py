"""A concurrent HTTP link checker that runs while the crawl goes on.

The engine submits link targets and image URLs as it finds them; each normalised URL is
checked once per audit, in its own asyncio task, and `results()` waits for all of them. Only
HEAD and GET are ever sent: HEAD first, GET (streamed, the body never read) when a server
refuses HEAD. Redirects are followed by hand so the hops can be counted. Action links
(auditor/action_links.py: /account/delete, ?confirm=1…) are never requested, neither as a link
nor as a redirect hop. Requests share the
audit's per-host rate limit and at most `per_host` run at once per host. Nothing raises: a
failure becomes `LinkStatus(error=...)` with a short reason. Only the small `LinkStatus` of
each URL is kept.
"""

from __future__ import annotations

import asyncio
import socket
import ssl
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

import httpx

from auditor.action_links import is_action_link
from auditor.deadline import deadline
from auditor.model import LinkStatus
from auditor.ratelimit import RateLimiter
from auditor.urls import normalize_url, origin_of

MAX_REDIRECTS = 10
MAX_IN_FLIGHT = 16  # requests at once over all hosts, below httpx's default pool of 100
HEAD_REFUSED = frozenset({403, 405, 501})  # answered to HEAD only; GET may work
RETRY_STATUSES = frozenset({429, 503})
REDIRECT_LOOP = "redirect loop"

# The first matching cause in an exception's chain names the failure.
_REASONS: tuple[tuple[tuple[type[BaseException], ...], str], ...] = (
    ((socket.gaierror,), "DNS lookup failed"),
    ((ConnectionRefusedError,), "connection refused"),
    ((ssl.SSLError,), "TLS error"),
    ((ConnectionResetError,), "connection reset"),
    ((httpx.RemoteProtocolError,), "invalid response"),
    ((httpx.ConnectError,), "connection failed"),
    ((httpx.UnsupportedProtocol, httpx.InvalidURL), "invalid URL"),
)


class LinkChecker:
    """Checks link targets and images concurrently; `submit` now, `results` at the end."""

    def __init__(
        self,
        client: httpx.AsyncClient,
        *,
        limiter: RateLimiter,
        per_host: int = 2,
        timeout: float = 15.0,
        max_retry_after: float = 30.0,
        site_headers: Mapping[str, str] | None = None,
        site_origins: frozenset[str] = frozenset(),
        action_words: Sequence[str] = (),
    ) -> None:
        """`site_headers` (--header values, often credentials) go only to `site_origins`;
        `action_words` are more words that make an action link (`deny_links`)."""
        self.action_words = tuple(action_words)
        self.client = client
        self.site_headers = dict(site_headers or {})
        self.site_origins = site_origins
        self.limiter = limiter
        self.timeout = timeout
        self.max_retry_after = max_retry_after
        self._hosts: defaultdict[str, asyncio.Semaphore] = defaultdict(
            lambda: asyncio.Semaphore(per_host)
        )
        self._all = asyncio.Semaphore(MAX_IN_FLIGHT)
        self._done: dict[str, LinkStatus] = {}
        self._in_flight: dict[str, asyncio.Task[None]] = {}

    def submit(self, url: str) -> None:
        """Start checking `url` (normalised) unless it was submitted before. URLs that are
        not http(s), and action links (logout, ?confirm=1…), are ignored."""
        key = normalize_url(url)
        if key is None or key in self._done or key in self._in_flight:
            return
        if is_action_link(key, self.action_words):
            return
        self._in_flight[key] = asyncio.get_running_loop().create_task(self._run(key))

    async def results(self) -> dict[str, LinkStatus]:
        """Wait for every submitted URL; the statuses by normalised URL."""
        while self._in_flight:
            await asyncio.wait(list(self._in_flight.values()))
        return dict(self._done)

    def finished(self) -> dict[str, LinkStatus]:
        """The statuses that came in; checks still running are cancelled (an interrupted
        audit reports what it has)."""
        for task in self._in_flight.values():
            task.cancel()
        return dict(self._done)

    async def _run(self, url: str) -> None:
        try:
            self._done[url] = await self._check(url)
        finally:
            self._in_flight.pop(url, None)

    async def _check(self, url: str) -> LinkStatus:
        """Request `url`, following redirects by hand; never raises."""
        current = url
        for hops in range(MAX_REDIRECTS + 1):
            try:
                response = await self._fetch(current)
            except Exception as exc:  # every failure is a status, never an exception
                reason = failure_reason(exc, self.timeout)
                return LinkStatus(url, error=reason, final_url=current, redirects=hops)
            if not response.has_redirect_location:
                return LinkStatus(
                    url,
                    status=response.status_code,
                    final_url=current,
                    redirects=hops,
                    content_type=response.headers.get("content-type", ""),
                )
            if hops == MAX_REDIRECTS:
                break
            current = urljoin(current, response.headers["location"])
            if is_action_link(current, self.action_words):  # where it leads, not requested
                return LinkStatus(
                    url, status=response.status_code, final_url=current, redirects=hops + 1
                )
        return LinkStatus(
            url,
            status=response.status_code,
            error=REDIRECT_LOOP,
            final_url=current,
            redirects=MAX_REDIRECTS,
        )

    async def _fetch(self, url: str) -> httpx.Response:
        """HEAD, or GET when the server refuses HEAD (a refusing status or a reset)."""
        try:
            response = await self._request("HEAD", url)
        except (httpx.ReadError, httpx.RemoteProtocolError):
            return await self._request("GET", url)
        if response.status_code in HEAD_REFUSED:
            return await self._request("GET", url)
        return response

    async def _request(self, method: str, url: str) -> httpx.Response:
        """One request, retried once after the server's Retry-After on 429 and 503."""
        response = await self._send(method, url)
        delay = retry_delay(response, datetime.now(UTC), self.max_retry_after)
        if delay is None:
            return response
        await asyncio.sleep(delay)
        return await self._send(method, url)

    async def _send(self, method: str, url: str) -> httpx.Response:
        """Send within the host's and the global concurrency limits and the rate limit, and
        within the deadline (`timeout`, for the whole exchange: a server that drips its
        headers is cut); the body is never read and the response is closed at once (its
        headers stay)."""
        async with self._hosts[_host(url)], self._all:
            await self.limiter.wait(url)
            headers = self.site_headers if origin_of(url) in self.site_origins else None
            request = self.client.build_request(method, url, headers=headers, timeout=self.timeout)
            async with deadline(self.timeout):
                response = await self.client.send(request, stream=True, follow_redirects=False)
                await response.aclose()
        return response


def failure_reason(exc: BaseException, timeout: float) -> str:
    """A short, user-facing reason for a failed request ("DNS lookup failed"…)."""
    causes = list(_causes(exc))
    if any(isinstance(c, httpx.TimeoutException | TimeoutError) for c in causes):
        return f"timeout after {timeout:g} s"
    for types, reason in _REASONS:
        if any(isinstance(c, types) for c in causes):
            return reason
    return type(exc).__name__


def retry_delay(response: httpx.Response, now: datetime, cap: float) -> float | None:
    """Seconds to wait before the one retry of a 429 or 503 (Retry-After in seconds or as an
    HTTP-date, capped at `cap`); None when the response does not ask for one."""
    value = response.headers.get("retry-after", "").strip()
    if response.status_code not in RETRY_STATUSES or not value:
        return None
    if value.isdigit():
        seconds = float(value)
    else:
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        seconds = (when - now).total_seconds()
    return min(max(seconds, 0.0), cap)


def _causes(exc: BaseException) -> Iterator[BaseException]:
    """The exception and what caused it, outermost first (httpx wraps httpcore wraps OSError)."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


def _host(url: str) -> str:
    return urlsplit(url).netloc.lower()
