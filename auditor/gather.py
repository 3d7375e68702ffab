"""One URL -> one PageSnapshot, loaded once in a reused browser page.

The only module (with browser.py and probes/) that touches Playwright. A page that times out
or errors becomes a snapshot with `error` set; the engine records it and goes on.
"""

from __future__ import annotations

import asyncio
import re
import time
from typing import Any
from urllib.parse import urlsplit

import httpx
from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Page
from playwright.async_api import TimeoutError as PlaywrightTimeoutError

from auditor.config import AuditConfig
from auditor.model import Link, PageSnapshot, utcnow
from auditor.probes import PAGE_PROBES
from auditor.probes.pdf import inspect_pdf
from auditor.textblocks import MAIN_EXCLUDE_SELECTOR, MAIN_SELECTOR

DOCUMENT_EXTENSIONS = re.compile(
    r"\.(pdf|docx?|xlsx?|pptx?|odt|ods|odp|rtf|csv|zip|gz|tgz|rar|7z|png|jpe?g|gif|webp|svg|ico|"
    r"bmp|tiff?|mp3|mp4|m4a|wav|avi|mov|webm|ogg|exe|dmg|msi|apk|ics|vcf|xml|json|txt)$",
    re.I,
)

MAX_IMAGES = 200  # per page: enough to find broken ones, bounded for huge galleries
MAX_REQUESTS = 500  # subresource requests recorded per page load (mixed content)

REMOVE_JS = """(selectors) => {
  for (const selector of selectors) {
    document.querySelectorAll(selector).forEach((el) => el.remove());
  }
}"""
"""--exclude-selector: the matching elements leave our copy of the page before anything
reads it (the audited site is not touched)."""

# Everything the checks need from the DOM, in one round trip.
EXTRACT_JS = """([mainSelector, excludeSelector]) => {
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
  // Main content: main/[role=main]/article, else the largest text block (paragraph text
  // credits its parent fully and its grandparent half, as Readability.js does), else the body
  // without navigation, header, footer and cookie banners. Code blocks and tables of numbers
  // are left out of it.
  const excluded = (el) => !!el.closest(excludeSelector);
  let root = document.querySelector(mainSelector);
  let strip = [];
  if (!root && body) {
    const scores = new Map();
    for (const p of body.querySelectorAll('p')) {
      const n = excluded(p) ? 0 : (p.innerText || '').trim().length;
      if (n < 25) continue;
      const parent = p.parentElement;
      const grand = parent && parent.parentElement;
      if (parent) scores.set(parent, (scores.get(parent) || 0) + n);
      if (grand) scores.set(grand, (scores.get(grand) || 0) + n / 2);
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
  return {
    title: document.title || '',
    lang: document.documentElement.getAttribute('lang') || '',
    html: document.documentElement.outerHTML,
    images: [...new Set([...document.images].map((i) => i.currentSrc || i.src)
      .filter((u) => u && /^https?:/.test(u)))],
    text, mainText, links,
  };
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
    inspect_pdf: bool = False,
    max_bytes: int = 0,
) -> PageSnapshot:
    """Record a non-HTML URL (PDF, image…) from its response headers. The body is read only
    for a PDF that is to be inspected (`probes["pdf"]`), and at most `max_bytes` of it."""
    started = time.perf_counter()
    try:
        async with client.stream("GET", url) as response:
            headers = {k.lower(): v for k, v in response.headers.items()}
            content_type = headers.get("content-type", "application/octet-stream")
            probes: dict[str, Any] = {}
            if inspect_pdf and response.status_code < 400 and _is_pdf(content_type, url):
                probes["pdf"] = await _inspect_pdf_body(response, max_bytes)
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
    except httpx.HTTPError as exc:
        return failed(url, depth, f"document: {_describe_httpx(exc)}")


def _is_pdf(content_type: str, url: str) -> bool:
    kind = content_type.split(";", maxsplit=1)[0].strip().lower()
    return kind == "application/pdf" or (
        kind in ("application/octet-stream", "") and urlsplit(url).path.lower().endswith(".pdf")
    )


async def _inspect_pdf_body(response: httpx.Response, max_bytes: int) -> dict[str, Any]:
    body = bytearray()
    async for chunk in response.aiter_bytes():
        body.extend(chunk)
        if len(body) > max_bytes:
            return {"skipped": f"larger than {max_bytes // 1_000_000} MB: not inspected"}
    return await asyncio.to_thread(inspect_pdf, bytes(body))


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
    reading = {"inspect_pdf": inspect_documents, "max_bytes": config.max_document_bytes}
    if looks_like_document(url):
        return await fetch_document(client, url, depth, **reading)
    requests: list[dict[str, str]] = []

    def record(request: Any) -> None:
        if len(requests) < MAX_REQUESTS:
            requests.append({"url": request.url, "type": request.resource_type})

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
            requests=requests,
        )
    finally:
        page.remove_listener("request", record)


async def _load(
    page: Page,
    client: httpx.AsyncClient,
    url: str,
    depth: int,
    *,
    config: AuditConfig,
    needs: frozenset[str],
    reading: dict[str, Any],
    requests: list[dict[str, str]],
) -> PageSnapshot:
    """Navigate, then read the DOM and run the probes (gather's body)."""
    started = time.perf_counter()
    fetched_at = utcnow()
    timeout_ms = config.timeout * 1000
    try:
        response = await page.goto(url, wait_until="domcontentloaded", timeout=timeout_ms)
        load_complete = await _wait_for_load(page, timeout_ms - _ms(started))
    except PlaywrightTimeoutError:
        return failed(url, depth, f"timeout: the page did not load within {config.timeout:g} s")
    except PlaywrightError as exc:
        message = _first_line(exc)
        if "Download is starting" in message or "net::ERR_ABORTED" in message:
            return await fetch_document(client, url, depth, **reading)
        if "Target page, context or browser has been closed" in message or "crashed" in message:
            raise
        return failed(url, depth, f"navigation failed: {message}")
    nav_ms = _ms(started)
    if response is None:
        return failed(url, depth, "navigation failed: no response")
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
    if config.exclude_selectors:  # e.g. a third-party cookie banner: no check sees it
        await page.evaluate(REMOVE_JS, list(config.exclude_selectors))
    data: dict[str, Any] = await page.evaluate(EXTRACT_JS, [MAIN_SELECTOR, MAIN_EXCLUDE_SELECTOR])
    timings = {"navigation_ms": nav_ms, "extract_ms": _ms(started)}
    if not load_complete:
        timings["load_incomplete"] = 1.0
    probes: dict[str, Any] = {
        "network": {"requests": requests},
        "cookies": [_cookie_facts(c) for c in await page.context.cookies(page.url)],
    }
    if response.status < 400:
        await _run_probes(page, config, needs, probes, timings)
    return PageSnapshot(
        url=url,
        final_url=page.url,
        status=response.status,
        headers=headers,
        content_type=content_type or "text/html",
        html=data["html"],
        text=data["text"],
        main_text=data["mainText"],
        title=data["title"].strip(),
        lang=data["lang"],
        links=tuple(_link(raw, page.url) for raw in data["links"]),
        images=tuple(data["images"][:MAX_IMAGES]),
        redirects=_redirect_chain(response),
        probes=probes,
        timings=timings,
        depth=depth,
        fetched_at=fetched_at,
    )


async def _run_probes(
    page: Page,
    config: AuditConfig,
    needs: frozenset[str],
    probes: dict[str, Any],
    timings: dict[str, float],
) -> None:
    """Run the probes the selected checks need. A probe that fails is recorded under its
    name as {"error": ...} (the engine reports it) and the others still run; a browser that
    died is not a probe failure and propagates."""
    for probe in PAGE_PROBES:
        if probe.name not in needs:
            continue
        started = time.perf_counter()
        try:
            probes[probe.name] = await probe.run(page, config)
        except PlaywrightError as exc:
            if page.is_closed() or "has been closed" in str(exc) or "crashed" in str(exc):
                raise
            probes[probe.name] = {"error": _first_line(exc)}
        except Exception as exc:
            probes[probe.name] = {"error": f"{type(exc).__name__}: {exc}"}
        timings[f"{probe.name}_ms"] = _ms(started)


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
    there = urlsplit(href)
    internal = there.scheme in ("http", "https") and there.netloc == here.netloc
    return Link(href=href, text=raw["text"], internal=internal, visible=raw["visible"])


def _ms(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 1)


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def _describe_httpx(exc: httpx.HTTPError) -> str:
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
