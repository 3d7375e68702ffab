"""One URL -> one PageSnapshot, loaded once in a reused browser page.

The only module (with browser.py and probes/) that touches Playwright. A page that times out
or errors becomes a snapshot with `error` set, in words a site owner understands ("redirect
loop", "HTTP 503 (Service Unavailable), also when asked again 1 s later"); the engine
records it and goes on. Every wait has a limit, so a page that misbehaves (a script that
never ends, a body that never finishes, a 20 MB page) costs at most its timeout. After a
failure the browser page is in an unknown state (`page_unusable`): the engine closes it and
opens a fresh one for the next URL.
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import re
import time
from email.utils import parsedate_to_datetime
from http import HTTPStatus
from typing import Any
from urllib.parse import urlsplit

import httpx
from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Page, Response
from playwright.async_api import TimeoutError as PlaywrightTimeoutError

from auditor import request_guard
from auditor.blocking import block_trackers
from auditor.config import AuditConfig
from auditor.deadline import DeadlineExceeded, deadline
from auditor.model import Link, PageSnapshot, utcnow
from auditor.probes import PAGE_PROBES
from auditor.probes.pdf import inspect_pdf
from auditor.request_guard import PageTraffic
from auditor.textblocks import (
    ANCESTOR_CREDITS,
    BLOCKS,
    MAIN_EXCLUDE_SELECTOR,
    MAIN_SELECTOR,
    MIN_PARAGRAPH_CHARS,
)

DOCUMENT_EXTENSIONS = re.compile(
    r"\.(pdf|docx?|xlsx?|pptx?|odt|ods|odp|rtf|csv|zip|gz|tgz|rar|7z|png|jpe?g|gif|webp|svg|ico|"
    r"bmp|tiff?|mp3|mp4|m4a|wav|avi|mov|webm|ogg|exe|dmg|msi|apk|ics|vcf|xml|json|txt)$",
    re.I,
)

MAX_IMAGES = 200  # per page: enough to find broken ones, bounded for huge galleries
MAX_REQUESTS = 500  # subresource requests recorded per page load (mixed content)
MAX_HTML_BYTES = 5_000_000  # larger pages are recorded, not audited (20 MB took minutes)
RETRY_STATUSES = (429, 503)  # "come back later": retried once, never hammered
MAX_RETRY_WAIT = 5.0  # seconds; a longer Retry-After is not waited for
DEFAULT_RETRY_WAIT = 1.0  # seconds, when a 429/503 has no (valid) Retry-After
BINARY_SHARE = 0.1  # share of NUL/control/replacement characters that makes text "binary"
MAX_SELF_NAVIGATIONS = 2  # a page that reloads itself more often while it is read fails
RELOADING = "the page kept reloading itself"
QUIET_MS = 100  # the DOM unchanged this long once main content appeared: it has rendered
EMPTY_QUIET_MS = 1000  # ... this long while its main content is still empty
QUIET_CAP_MS = 2000  # never wait longer for a page that keeps changing (a ticker, a clock)
NO_CONTENT = "no content rendered"

# Chromium's network errors in words (the code is kept after them).
NET_ERRORS = {
    "ERR_TOO_MANY_REDIRECTS": "redirect loop",
    "ERR_CONNECTION_RESET": "connection reset by the server",
    "ERR_CONNECTION_CLOSED": "connection closed by the server",
    "ERR_EMPTY_RESPONSE": "the server closed the connection without a response",
    "ERR_CONNECTION_REFUSED": "connection refused",
    "ERR_NAME_NOT_RESOLVED": "host not found",
    "ERR_ADDRESS_UNREACHABLE": "host unreachable",
    "ERR_TIMED_OUT": "the connection timed out",
    "ERR_CONTENT_LENGTH_MISMATCH": "the response was shorter than announced",
    "ERR_INCOMPLETE_CHUNKED_ENCODING": "the response was cut off",
    "ERR_INVALID_RESPONSE": "not a valid HTTP response",
    "ERR_INVALID_REDIRECT": "invalid redirect",
    "ERR_UNSAFE_REDIRECT": "redirect to a URL the browser refuses",
    # only cx-audit's own hook fails a page's document so (auditor/site_headers.py)
    "ERR_BLOCKED_BY_CLIENT": "redirect to an action link, not followed",
    "ERR_RESPONSE_HEADERS_TOO_BIG": "response headers too big",
    "ERR_CERT_": "TLS certificate not valid",
    "ERR_SSL_": "TLS handshake failed",
}
NAVIGATED_AWAY = ("Execution context was destroyed", "Cannot find context with specified id")


@dataclasses.dataclass
class _Activity:
    """What the page did while it was loaded and read (gather's request listener)."""

    traffic: PageTraffic = dataclasses.field(default_factory=PageTraffic)
    requests: list[dict[str, str]] = dataclasses.field(default_factory=list)
    loads: int = 0  # main-frame document requests; a redirect chain counts once
    read: int = 0  # `loads` when the document we read had arrived

    @property
    def self_loads(self) -> int:
        """Documents the page loaded by itself after the one we read (a reload loop)."""
        return self.loads - self.read

    @property
    def restless(self) -> bool:
        return self.self_loads > MAX_SELF_NAVIGATIONS


class Unloadable(Exception):
    """The page cannot be audited; the message says why, for the report."""

    def __init__(self, reason: str, status: int | None = None) -> None:
        super().__init__(reason)
        self.status = status


REMOVE_JS = """(selectors) => {
  for (const selector of selectors) {
    document.querySelectorAll(selector).forEach((el) => el.remove());
  }
}"""
"""--exclude-selector: the matching elements leave our copy of the page before anything
reads it (the audited site is not touched)."""

# Everything the checks need from the DOM, in one round trip.
EXTRACT_JS = """([mainSelector, excludeSelector, maxChars, blocks, credits, minParagraph]) => {
  const size = document.documentElement.outerHTML.length;
  if (size > maxChars) return JSON.stringify({tooLarge: size});
  const visible = (el) => {
    if (!el.getClientRects().length) return false;
    const s = getComputedStyle(el);
    return s.visibility !== 'hidden' && s.display !== 'none' && parseFloat(s.opacity) !== 0;
  };
  const body = document.body;
  // innerText skips the content of closed <details> (accordion FAQs): open them while reading.
  const closed = [...document.querySelectorAll('details:not([open])')];
  closed.forEach((d) => { d.open = true; });
  const text = body ? body.innerText : '';
  // Main content: main/[role=main]/article, else the largest text block (a paragraph, a <p>
  // or a <div> with no blocks inside, credits its parent fully, its grandparent half and the
  // level above a sixth, as Readability.js does), else the body without navigation, header,
  // footer and cookie banners. Code blocks and tables of numbers are left out of it.
  // textblocks.main_content does the same with markup.
  const excluded = (el) => !!el.closest(excludeSelector);
  let root = document.querySelector(mainSelector);
  let strip = [];
  if (!root && body) {
    const scores = new Map();
    const paragraphs = [...body.querySelectorAll('p'),
      ...[...body.querySelectorAll('div')].filter((d) => !d.querySelector(blocks))];
    for (const p of paragraphs) {
      const n = excluded(p) ? 0 : (p.innerText || '').trim().length;
      if (n < minParagraph) continue;
      let ancestor = p.parentElement;
      for (const credit of credits) {
        if (!ancestor) break;
        scores.set(ancestor, (scores.get(ancestor) || 0) + n * credit);
        ancestor = ancestor.parentElement;
      }
    }
    let best = 0;
    for (const [el, score] of scores) if (score > best) { root = el; best = score; }
    if (!root || root === body || root === document.documentElement) {
      root = body;
      strip = [...body.querySelectorAll(excludeSelector)];
    }
  }
  const numeric = /^[\\s\\d.,:;%€$£+\\-\\/()x]*$/;
  const isNumberTable = (table) => {
    const cells = [...table.querySelectorAll('td, th')].map((c) => c.innerText.trim())
      .filter(Boolean);
    return cells.length > 0 && cells.filter((c) => numeric.test(c)).length * 2 >= cells.length;
  };
  let mainText = root ? root.innerText : '';
  if (root) {
    const tables = [...root.querySelectorAll('table')].filter(isNumberTable);
    strip = strip.concat([...root.querySelectorAll('pre')], tables);
  }
  for (const el of strip) {
    const t = el.innerText;
    if (t && t.trim()) mainText = mainText.replace(t, '');
  }
  closed.forEach((d) => { d.open = false; });
  const links = [];
  for (const a of document.querySelectorAll('a[href], area[href]')) {
    let name = (a.innerText || '').trim();
    if (!name) name = a.getAttribute('aria-label') || a.getAttribute('title') || '';
    if (!name) { const img = a.querySelector('img[alt]'); if (img) name = img.alt; }
    links.push({href: a.href, text: name.replace(/\\s+/g, ' ').trim().slice(0, 300),
                visible: a.tagName === 'AREA' ? true : visible(a)});
  }
  // The URL the document came from: history.pushState/replaceState change location, not it.
  const entry = performance.getEntriesByType('navigation')[0];
  // One JSON string: Playwright serialises an object value by value, which took 1.2-1.4 s
  // for a page of 10,000 links; the same data as a string takes about 0.1 s.
  return JSON.stringify({
    documentUrl: entry && /^https?:/.test(entry.name) ? entry.name : location.href,
    title: document.title || '',
    lang: document.documentElement.getAttribute('lang') || '',
    html: document.documentElement.outerHTML,
    images: [...new Set([...document.images].map((i) => i.currentSrc || i.src)
      .filter((u) => u && /^https?:/.test(u)))],
    text, mainText, links,
  });
}"""


def looks_like_document(url: str) -> bool:
    return bool(DOCUMENT_EXTENSIONS.search(urlsplit(url).path))


def is_html(content_type: str) -> bool:
    return content_type.split(";", maxsplit=1)[0].strip().lower() in (
        "text/html",
        "application/xhtml+xml",
        "",
    )


async def fetch_document(
    client: httpx.AsyncClient,
    url: str,
    depth: int,
    *,
    timeout: float,
    inspect_pdf: bool = False,
    max_bytes: int = 0,
) -> PageSnapshot:
    """Record a non-HTML URL (PDF, image…) from its response headers. The body is read only
    for a PDF that is to be inspected (`probes["pdf"]`), and at most `max_bytes` of it. The
    whole fetch, body included, has `timeout` seconds (a deadline, not a read timeout)."""
    started = time.perf_counter()
    pdf = False
    body: bytes | None = None
    try:
        async with deadline(timeout), client.stream("GET", url) as response:
            headers = {k.lower(): v for k, v in response.headers.items()}
            content_type = headers.get("content-type", "application/octet-stream")
            pdf = inspect_pdf and response.status_code < 400 and _is_pdf(content_type, url)
            if pdf:
                body = await _read_at_most(response, max_bytes)
    except httpx.HTTPError as exc:
        return failed(url, depth, f"document: {_describe_httpx(exc)}")
    probes = {"pdf": await _pdf_probe(body, max_bytes)} if pdf else {}
    return PageSnapshot(
        url=url,
        final_url=str(response.url),
        status=response.status_code,
        headers=headers,
        content_type=content_type,
        depth=depth,
        kind="document",
        probes=probes,
        timings={"fetch_ms": _ms(started)},
    )


def _is_pdf(content_type: str, url: str) -> bool:
    kind = content_type.split(";", maxsplit=1)[0].strip().lower()
    return kind == "application/pdf" or (
        kind in ("application/octet-stream", "") and urlsplit(url).path.lower().endswith(".pdf")
    )


async def _pdf_probe(body: bytes | None, max_bytes: int) -> dict[str, Any]:
    """The PDF's inspection (off the event loop), or why it was not inspected."""
    if body is None:
        return {"skipped": f"larger than {max_bytes // 1_000_000} MB: not inspected"}
    return await asyncio.to_thread(inspect_pdf, body)


async def _read_at_most(response: httpx.Response, max_bytes: int) -> bytes | None:
    """The body, or None when it is larger than `max_bytes` (reading stops there)."""
    body = bytearray()
    async for chunk in response.aiter_bytes():
        body.extend(chunk)
        if len(body) > max_bytes:
            return None
    return bytes(body)


def failed(url: str, depth: int, reason: str, status: int | None = None) -> PageSnapshot:
    return PageSnapshot(url=url, status=status, depth=depth, error=reason, kind="other")


async def gather(
    page: Page,
    client: httpx.AsyncClient,
    url: str,
    depth: int,
    *,
    config: AuditConfig,
    needs: frozenset[str],
    inspect_documents: bool = False,
) -> PageSnapshot:
    """Load `url` once and collect the DOM facts and the probe results the checks need.
    `inspect_documents`: read and inspect a PDF body (the engine caps how many)."""
    reading = {
        "timeout": config.timeout,
        "inspect_pdf": inspect_documents,
        "max_bytes": config.max_document_bytes,
    }
    if looks_like_document(url):
        return await fetch_document(client, url, depth, **reading)
    await block_trackers(page, config)
    activity = _Activity(traffic=request_guard.begin(page))

    def record(request: Any) -> None:
        if len(activity.requests) < MAX_REQUESTS:
            activity.requests.append({"url": request.url, "type": request.resource_type})
        document = request.is_navigation_request() and request.redirected_from is None
        if document and request.frame == page.main_frame:
            activity.loads += 1

    # The page is reused for the next URL: the listener must go whatever happens here.
    page.on("request", record)
    try:
        return await _load(
            page,
            client,
            url,
            depth,
            config=config,
            needs=needs,
            reading=reading,
            activity=activity,
        )
    finally:
        page.remove_listener("request", record)


def page_unusable(snapshot: PageSnapshot) -> bool:
    """Whether the browser page that gathered `snapshot` should not load another URL: a
    navigation that failed can still commit later and break the next one, and a script that
    never ends hangs the page (a probe ran out of time), and a page that reloads itself goes
    on doing so (and asking the server) as long as it is open."""
    timings = snapshot.timings
    failed = snapshot.error is not None and not snapshot.error.startswith(NO_CONTENT)
    return failed or "probe_timeout" in timings or "self_loads" in timings


async def discard_page(page: Page) -> None:
    """Close a page whose state is unknown; the engine opens a new one for the next URL.
    A page that reloads itself can refuse to close, and meanwhile goes on asking the server
    for itself: its scripts are switched off and it goes to about:blank first. (A script
    that never ends ignores the first step; closing ends it.)"""
    if await _within(_stop_scripts(page), 1.0):
        await _within(page.goto("about:blank"), 2.0)
    await _within(page.close(run_before_unload=False), 5.0)


async def _stop_scripts(page: Page) -> None:
    session = await page.context.new_cdp_session(page)
    await session.send("Emulation.setScriptExecutionDisabled", {"value": True})
    await session.detach()


async def _within(awaitable: Any, seconds: float) -> bool:
    """Await with a time limit, without waiting for a call that does not stop when told
    to; True when it finished without an error."""
    task = asyncio.ensure_future(awaitable)
    done, _ = await asyncio.wait({task}, timeout=seconds)
    if task not in done:
        task.cancel()
        task.add_done_callback(_retrieve)
        return False
    return _retrieve(task) is None


def _retrieve(task: asyncio.Future[Any]) -> BaseException | None:
    """The task's error, retrieved (no "exception was never retrieved" warning)."""
    return None if task.cancelled() else task.exception()


async def _load(
    page: Page,
    client: httpx.AsyncClient,
    url: str,
    depth: int,
    *,
    config: AuditConfig,
    needs: frozenset[str],
    reading: dict[str, Any],
    activity: _Activity,
) -> PageSnapshot:
    """Navigate, then read the DOM and run the probes (gather's body)."""
    started = time.perf_counter()
    fetched_at = utcnow()
    try:
        response, load_complete = await _navigate(page, url, config.timeout)
    except Unloadable as exc:
        return failed(url, depth, str(exc), exc.status)
    except PlaywrightTimeoutError:
        return failed(url, depth, f"timeout: the page did not load within {config.timeout:g} s")
    except PlaywrightError as exc:
        message = _first_line(exc)
        if "Download is starting" in message or "net::ERR_ABORTED" in message:
            return await fetch_document(client, url, depth, **reading)
        if "Target page, context or browser has been closed" in message or "crashed" in message:
            raise
        return failed(url, depth, f"navigation failed: {explain_net_error(message)}")
    nav_ms = _ms(started)
    headers = {k.lower(): v for k, v in (await response.all_headers()).items()}
    content_type = headers.get("content-type", "")
    if not is_html(content_type):
        return PageSnapshot(
            url=url,
            final_url=page.url,
            status=response.status,
            headers=headers,
            content_type=content_type,
            depth=depth,
            kind="document",
            fetched_at=fetched_at,
            timings={"navigation_ms": nav_ms},
        )
    started = time.perf_counter()
    quiet_ms = 0.0
    try:
        data = await _extract(page, config.timeout, config.exclude_selectors, activity)
        if response.status < 400 and not data["mainText"].strip():
            # Empty so far: content a script renders after the load event (an article
            # fetched as JSON) is read once the DOM has been quiet.
            quiet_ms = await _wait_for_quiet(page)
            data = await _extract(page, config.timeout, config.exclude_selectors, activity)
    except Unloadable as exc:
        return failed(url, depth, str(exc), response.status)
    # Where the document we read came from (a script may have changed the address bar to
    # another page's URL with the history API: that page is still to be audited).
    final_url = data["documentUrl"]
    timings = {"navigation_ms": nav_ms, "extract_ms": _ms(started), "quiet_ms": quiet_ms}
    if not load_complete:
        timings["load_incomplete"] = 1.0
    network: dict[str, Any] = {"requests": activity.requests}
    if page.url != final_url:
        network["address_changed_to"] = page.url
    probes: dict[str, Any] = {
        "network": network,
        "cookies": [_cookie_facts(c) for c in await page.context.cookies(final_url)],
    }
    if response.status < 400:
        hung = not await _run_probes(page, config, needs, probes, timings, activity=activity)
        if hung:
            timings["probe_timeout"] = 1.0  # the page's scripts never end: see page_unusable
    probes["network"].update(activity.traffic.facts())
    if activity.self_loads:
        timings["self_loads"] = float(activity.self_loads)  # see page_unusable
    if activity.restless:
        reason = f"{RELOADING} ({activity.self_loads} times while it was read)"
        return failed(url, depth, reason, response.status)
    return PageSnapshot(
        url=url,
        final_url=final_url,
        status=response.status,
        headers=headers,
        content_type=content_type or "text/html",
        html=data["html"],
        text=data["text"],
        main_text=data["mainText"],
        title=data["title"].strip(),
        lang=data["lang"],
        links=tuple(_link(raw, final_url) for raw in data["links"]),
        images=tuple(data["images"][:MAX_IMAGES]),
        redirects=_redirect_chain(response),
        probes=probes,
        timings=timings,
        depth=depth,
        fetched_at=fetched_at,
        error=_no_content(data, response.status),
    )


def _no_content(data: dict[str, Any], status: int) -> str | None:
    """Why a page is not audited although it loaded: its main content was still empty once
    the DOM had been quiet (a script that failed, or one that renders only after a login or
    a consent). Checks would report what they did not find on it, so none run; its links
    are still followed."""
    if status >= 400 or data["mainText"].strip():
        return None
    return (
        f"{NO_CONTENT}: the page's main content was still empty once its scripts had left it "
        f"unchanged for {EMPTY_QUIET_MS / 1000:g} s (built by a script that failed?)"
    )


QUIET_JS = """async ([quietMs, emptyQuietMs, capMs, mainSelector]) => {
  const start = performance.now();
  let last = start;
  const observer = new MutationObserver(() => { last = performance.now(); });
  observer.observe(document, {subtree: true, childList: true, characterData: true});
  const empty = () => {
    const main = document.querySelector(mainSelector) || document.body;
    return !main || !main.innerText.trim();
  };
  try {
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      const now = performance.now();
      if (now - start >= capMs) return now - start;
      if (now - last >= (empty() ? emptyQuietMs : quietMs)) return now - start;
    }
  } finally {
    observer.disconnect();
  }
}"""


async def _wait_for_quiet(page: Page) -> float:
    """Wait until the DOM has not changed for EMPTY_QUIET_MS while the main content is
    empty (QUIET_MS once it has some), at most QUIET_CAP_MS. Only a page read empty waits:
    a page with content is read at once, as a script that navigates away right after the
    load event (to an action link the guard refuses) must not replace it. Milliseconds
    waited; a page whose scripts keep the browser busy is not waited for longer (the DOM
    read that follows has its own time limit)."""
    started = time.perf_counter()
    args = [QUIET_MS, EMPTY_QUIET_MS, QUIET_CAP_MS, MAIN_SELECTOR]
    await _within(page.evaluate(QUIET_JS, args), QUIET_CAP_MS / 1000 + 1.0)
    return _ms(started)


async def _run_probes(
    page: Page,
    config: AuditConfig,
    needs: frozenset[str],
    probes: dict[str, Any],
    timings: dict[str, float],
    *,
    activity: _Activity,
) -> bool:
    """Run the probes the selected checks need. A probe that fails is recorded under its
    name as {"error": ...} (the engine reports it) and the others still run; a browser that
    died is not a probe failure and propagates. A probe that does not finish in time means
    the page hangs: the rest are skipped and False is returned. A page that keeps reloading
    itself gets no more probes."""
    limit = probe_timeout(config)
    for probe in PAGE_PROBES:
        if probe.name not in needs or activity.restless:
            continue
        started = time.perf_counter()
        try:
            probes[probe.name] = await asyncio.wait_for(probe.run(page, config), limit)
        except TimeoutError:
            probes[probe.name] = {"error": f"did not finish within {limit:g} s"}
            return False
        except PlaywrightError as exc:
            if page.is_closed() or "has been closed" in str(exc) or "crashed" in str(exc):
                raise
            probes[probe.name] = {"error": _first_line(exc)}
        except Exception as exc:
            probes[probe.name] = {"error": f"{type(exc).__name__}: {exc}"}
        timings[f"{probe.name}_ms"] = _ms(started)
    return True


def probe_timeout(config: AuditConfig) -> float:
    """Seconds one probe may take: axe on a big page needs more than a page load."""
    return max(2 * config.timeout, 30.0)


def _cookie_facts(cookie: Any) -> dict[str, Any]:
    """A cookie's name and attributes; never its value (reports end up as CI artifacts)."""
    return {
        "name": cookie.get("name", ""),
        "domain": cookie.get("domain", ""),
        "path": cookie.get("path", "/"),
        "secure": bool(cookie.get("secure")),
        "http_only": bool(cookie.get("httpOnly")),
        "same_site": cookie.get("sameSite", ""),
        "session": cookie.get("expires", -1) == -1,
    }


def _redirect_chain(response: Any) -> tuple[str, ...]:
    """The URLs that redirected to the final response, first one first."""
    chain = []
    request = response.request.redirected_from
    while request is not None:
        chain.append(request.url)
        request = request.redirected_from
    return tuple(reversed(chain))


async def _navigate(page: Page, url: str, timeout: float) -> tuple[Response, bool]:
    """Go to `url` and wait until its document is parsed: (the response, whether the load
    event came in the time left). A 429 or 503 is asked once more after its Retry-After (at
    most MAX_RETRY_WAIT); raises Unloadable with the reason when the page cannot be audited,
    PlaywrightTimeoutError when it did not load in time."""
    started = time.perf_counter()
    response = await _goto(page, url, timeout)
    wait = retry_wait(response.status, response.headers.get("retry-after"))
    if wait is None and response.status in RETRY_STATUSES:
        raise Unloadable(
            f"{_http_status(response.status)}; its Retry-After "
            f"({response.headers.get('retry-after')}) is longer than cx-audit waits "
            f"({MAX_RETRY_WAIT:g} s)",
            response.status,
        )
    if wait is not None:
        await asyncio.sleep(wait)
        started = time.perf_counter()
        response = await _goto(page, url, timeout)
        if response.status in RETRY_STATUSES:
            raise Unloadable(
                f"{_http_status(response.status)}, also when asked again {wait:g} s later",
                response.status,
            )
    return response, await _wait_for_load(page, timeout * 1000 - _ms(started))


async def _goto(page: Page, url: str, timeout: float) -> Response:
    """page.goto until DOMContentLoaded (the Playwright driver keeps the time, whatever this
    process is busy with), cut short when the document is too large to audit or its download
    breaks off: Chromium then leaves the page "loading" for ever."""
    cut: asyncio.Future[Unloadable] = asyncio.get_running_loop().create_future()
    answered: dict[Any, int] = {}  # the page's document requests that got a response

    def on_response(response: Any) -> None:
        request = response.request
        if not request.is_navigation_request() or request.frame != page.main_frame:
            return
        if not 300 <= response.status < 400:  # a redirect is not the document
            answered[request] = response.status
        length = response.headers.get("content-length", "")
        html = is_html(response.headers.get("content-type", ""))
        if html and length.isdigit() and int(length) > MAX_HTML_BYTES and not cut.done():
            cut.set_result(Unloadable(too_large(int(length)), response.status))

    def on_failed(request: Any) -> None:
        failure = request.failure or ""
        if request in answered and "ERR_ABORTED" not in failure and not cut.done():
            reason = "the page arrived incomplete, the connection broke off mid-response: "
            cut.set_result(Unloadable(reason + explain_net_error(failure), answered[request]))

    page.on("response", on_response)
    page.on("requestfailed", on_failed)
    navigation = asyncio.ensure_future(
        page.goto(url, wait_until="domcontentloaded", timeout=timeout * 1000)
    )
    try:
        await asyncio.wait({navigation, cut}, return_when=asyncio.FIRST_COMPLETED)
        if cut.done():
            raise cut.result()
        response = navigation.result()
    finally:
        page.remove_listener("response", on_response)
        page.remove_listener("requestfailed", on_failed)
        cut.cancel()
        navigation.cancel()
        navigation.add_done_callback(_retrieve)
    if response is None:
        raise Unloadable("navigation failed: no response")
    return response


async def _extract(
    page: Page, timeout: float, exclude_selectors: tuple[str, ...], activity: _Activity
) -> dict[str, Any]:
    """Read the DOM (EXTRACT_JS) within `timeout` seconds, after removing the excluded
    elements. A page that navigates away while it is read (a script redirect) is read again
    where it landed, once; one that keeps doing so is given up on."""
    activity.read = activity.loads
    for attempt in (1, 2):
        try:
            data: dict[str, Any] = await asyncio.wait_for(
                read_dom(page, exclude_selectors), timeout
            )
        except TimeoutError:
            raise Unloadable(
                f"timeout: the page's scripts kept it busy for more than {timeout:g} s "
                "(a script that never ends?)"
            ) from None
        except PlaywrightError as exc:
            if not any(s in str(exc) for s in NAVIGATED_AWAY):
                raise
            if attempt == 2 or not await _settle(page, activity, timeout):
                raise Unloadable(f"{RELOADING} while it was read") from None
            activity.read = activity.loads
            continue
        if "tooLarge" in data:
            raise Unloadable(too_large(data["tooLarge"]))
        if looks_binary(data["text"]):
            raise Unloadable("not HTML: binary content served as text/html")
        return data
    raise AssertionError("unreachable")


async def _settle(page: Page, activity: _Activity, timeout: float) -> bool:
    """Wait for the load of the document the page went to by itself; False as soon as it
    goes on to more (a reload loop asks the server for the page many times a second)."""
    activity.read = activity.loads
    loading = asyncio.ensure_future(_wait_for_load(page, timeout * 1000))
    try:
        while not loading.done():
            await asyncio.wait({loading}, timeout=0.05)
            if activity.restless:
                return False
        return True
    finally:
        loading.cancel()


READ_KEYS = frozenset(
    {"documentUrl", "title", "lang", "html", "images", "text", "mainText", "links"}
)


def extract_args() -> list[Any]:
    """EXTRACT_JS's arguments: the definitions of main content it shares with textblocks."""
    return [
        MAIN_SELECTOR, MAIN_EXCLUDE_SELECTOR, MAX_HTML_BYTES, BLOCKS, list(ANCESTOR_CREDITS),
        MIN_PARAGRAPH_CHARS,
    ]  # fmt: skip


async def read_dom(page: Page, exclude_selectors: tuple[str, ...]) -> dict[str, Any]:
    """What the checks read from the DOM (EXTRACT_JS), after removing the excluded elements;
    no time limit of its own (`_extract` sets one)."""
    if exclude_selectors:  # e.g. a third-party cookie banner: no check sees it
        await page.evaluate(REMOVE_JS, list(exclude_selectors))
    raw = await page.evaluate(EXTRACT_JS, extract_args())
    try:
        data = json.loads(raw) if isinstance(raw, str) else None
    except ValueError:
        data = None
    if not isinstance(data, dict) or not ("tooLarge" in data or data.keys() >= READ_KEYS):
        # The read runs in the page's own world: a script may have replaced JSON.stringify.
        raise Unloadable("the page's scripts changed what cx-audit reads from it")
    return data


def retry_wait(status: int, retry_after: str | None, *, now: float | None = None) -> float | None:
    """Seconds to wait before asking for a 429/503 page once more, or None: not such a status,
    or its Retry-After (seconds or an HTTP date) is longer than MAX_RETRY_WAIT."""
    if status not in RETRY_STATUSES:
        return None
    value = (retry_after or "").strip()
    if not value:
        return DEFAULT_RETRY_WAIT
    if value.isdigit():
        seconds = float(value)
    else:
        try:
            moment = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return DEFAULT_RETRY_WAIT
        if moment.tzinfo is None:
            return DEFAULT_RETRY_WAIT
        seconds = moment.timestamp() - (time.time() if now is None else now)
    return max(seconds, 0.0) if seconds <= MAX_RETRY_WAIT else None


def explain_net_error(message: str) -> str:
    """'Page.goto: net::ERR_TOO_MANY_REDIRECTS at http://…' -> 'redirect loop
    (net::ERR_TOO_MANY_REDIRECTS)'; other messages are returned as they are."""
    match = re.search(r"net::(ERR_[A-Z_]+)", message)
    if not match:
        return message
    code = match.group(1)
    words = next((w for prefix, w in NET_ERRORS.items() if code.startswith(prefix)), "")
    return f"{words} (net::{code})" if words else f"net::{code}"


def too_large(size: int) -> str:
    return (
        f"too large: {size / 1_000_000:.1f} MB of HTML; pages over "
        f"{MAX_HTML_BYTES // 1_000_000} MB are not audited"
    )


def looks_binary(text: str) -> bool:
    """Text in which NUL, control and replacement characters abound: bytes that are not
    text, decoded as if they were."""
    sample = text[:20_000]
    if len(sample) < 100:
        return False
    bad = sum(1 for c in sample if c == "\ufffd" or (c < " " and c not in "\t\n\r\f"))
    return bad > BINARY_SHARE * len(sample)


def _http_status(status: int) -> str:
    try:
        return f"HTTP {status} ({HTTPStatus(status).phrase})"
    except ValueError:
        return f"HTTP {status}"


async def _wait_for_load(page: Page, remaining_ms: float) -> bool:
    """Wait for the load event in the time left. A page whose document arrived but whose
    subresources (a hanging tracker, a slow font) never finish is still audited."""
    try:
        await page.wait_for_load_state("load", timeout=max(remaining_ms, 1.0))
    except PlaywrightTimeoutError:
        return False
    return True


def _link(raw: dict[str, Any], page_url: str) -> Link:
    href = raw["href"]
    here = urlsplit(page_url)
    try:
        there = urlsplit(href)
    except ValueError:  # e.g. href="http://[": kept (a broken link), never followed
        return Link(href=href, text=raw["text"], internal=False, visible=raw["visible"])
    internal = there.scheme in ("http", "https") and there.netloc == here.netloc
    return Link(href=href, text=raw["text"], internal=internal, visible=raw["visible"])


def _ms(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 1)


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def _describe_httpx(exc: httpx.HTTPError) -> str:
    if isinstance(exc, DeadlineExceeded):
        return str(exc)
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
