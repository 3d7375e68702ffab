"""robots.txt and XML sitemaps: what the site owner lets us crawl, and which pages it lists.

Only GET requests, through the `httpx.AsyncClient` the engine passes in.
"""

from __future__ import annotations

import asyncio
import gzip
import io
import xml.etree.ElementTree as ET
import zlib
from collections import deque
from dataclasses import dataclass

import httpx
from protego import Protego

from auditor.deadline import DeadlineExceeded
from auditor.deadline import deadline as within
from auditor.ratelimit import RateLimiter
from auditor.urls import normalize_url, origin_of

# The product token matched against robots.txt groups, whatever --user-agent says.
ROBOTS_TOKEN = "cx-audit"
MAX_ROBOTS_BYTES = 500 * 1024  # Google reads the first 500 KiB and ignores the rest
MAX_SITEMAP_BYTES = 10 * 1024 * 1024  # per file, after decompression: guards against bombs
MAX_SITEMAP_FILES = 20  # per site, indexes included
MAX_SITEMAP_URLS = 5000  # pages taken from a site's sitemaps
SITEMAP_BUDGET = 3  # all of a site's sitemaps within this many --timeout deadlines
MAX_REDIRECTS = 5  # RFC 9309 asks crawlers to follow at least five

ALLOW_ALL = ""
DISALLOW_ALL = "User-agent: *\nDisallow: /\n"


class RobotsPolicy:
    """Parsed robots.txt per origin. Origins that were not loaded are fully allowed."""

    def __init__(self, agent: str = ROBOTS_TOKEN) -> None:
        self.agent = agent
        self._rules: dict[str, Protego] = {}

    def set_rules(self, origin: str, robots_txt: str) -> None:
        self._rules[_origin_key(origin)] = Protego.parse(robots_txt)

    def is_loaded(self, origin: str) -> bool:
        return _origin_key(origin) in self._rules

    def allowed(self, url: str) -> bool:
        rules = self._rules.get(_origin_key(url))
        return rules is None or rules.can_fetch(url, self.agent)

    def sitemaps(self, origin: str) -> list[str]:
        """The `Sitemap:` URLs of the origin's robots.txt, in file order."""
        rules = self._rules.get(_origin_key(origin))
        return list(rules.sitemaps) if rules is not None else []


def _origin_key(url: str) -> str:
    return origin_of(url) or url


@dataclass(frozen=True)
class RobotsUnread:
    """Why an origin's robots.txt could not be read; the whole origin is then off limits."""

    reason: str
    unreachable: bool = False  # no connection at all: the site itself is down


def rules_for_status(status: int) -> str | None:
    """The rules RFC 9309 implies for a robots.txt answer that is not 2xx: a 4xx allows
    everything; a 5xx (and a 429, as Google does: the server asks us to go away) disallows
    everything. None for a 2xx (read the body)."""
    if status == 429 or status >= 500:
        return DISALLOW_ALL
    if 200 <= status < 300:
        return None
    return ALLOW_ALL


async def load_robots(
    client: httpx.AsyncClient,
    origin: str,
    user_agent: str,
    policy: RobotsPolicy,
    *,
    deadline: float = 30.0,
) -> RobotsUnread | None:
    """Fetch `origin`/robots.txt into `policy` as RFC 9309 says, within `deadline` seconds
    in all: redirects are followed up to 5 (more allow everything, as a 4xx does); a 4xx
    allows everything. When it cannot be read (no connection, a 5xx or 429, no complete
    answer in time) everything is disallowed for the run, and the reason is returned.
    """
    url = f"{_origin_key(origin)}/robots.txt"
    try:
        status, body, _ = await _get_capped(
            client, url, MAX_ROBOTS_BYTES, user_agent=user_agent, deadline=deadline
        )
    except httpx.TooManyRedirects:
        policy.set_rules(origin, ALLOW_ALL)
        return None
    except (httpx.ConnectError, httpx.ConnectTimeout) as exc:
        policy.set_rules(origin, DISALLOW_ALL)
        return RobotsUnread(f"no connection: {_first_line(exc)}", unreachable=True)
    except httpx.TimeoutException:
        policy.set_rules(origin, DISALLOW_ALL)
        return RobotsUnread(f"timeout: no complete answer within {deadline:g} s")
    except httpx.HTTPError as exc:
        policy.set_rules(origin, DISALLOW_ALL)
        return RobotsUnread(_first_line(exc))
    rules = rules_for_status(status)
    policy.set_rules(origin, body.decode("utf-8", errors="replace") if rules is None else rules)
    return RobotsUnread(f"HTTP {status}") if rules == DISALLOW_ALL else None


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


@dataclass(frozen=True)
class SitemapEntry:
    url: str
    lastmod: str | None = None


async def sitemap_entries(
    client: httpx.AsyncClient,
    origin: str,
    robots_sitemaps: list[str],
    *,
    limit: int = MAX_SITEMAP_URLS,
    max_files: int = MAX_SITEMAP_FILES,
    deadline: float = 30.0,
    budget: float | None = None,
    limiter: RateLimiter | None = None,
    problems: list[tuple[str, str]] | None = None,
    capped: list[tuple[str, str]] | None = None,
) -> list[SitemapEntry]:
    """Pages listed in the site's sitemaps, with their `<lastmod>` when given.

    Reads each robots.txt `Sitemap:` URL and `origin`/sitemap.xml (once each), follows
    sitemap indexes (children on the index's own origin) up to `max_files` files, reads
    gzipped files, and skips files that fail or do not parse. Only URLs on `origin` are kept,
    at most `limit`, each once. Each file is one fetch within `deadline` seconds, paced by
    `limiter`, and all of them within `budget` seconds (20 files that each drip until their
    deadline would otherwise hold the audit for 20 deadlines). `problems` gets (sitemap URL,
    why) for each sitemap listed in robots.txt or an index that could not be read
    (/sitemap.xml, which we only try, is no problem when missing or not a sitemap); `capped`
    gets (sitemap URL, why) for what a cap left out.
    """
    site = _origin_key(origin)
    pending = deque(_unique_urls([*robots_sitemaps, f"{site}/sitemap.xml"]))
    listed = set(_unique_urls(robots_sitemaps))
    queued = set(pending)
    parents: dict[str, str] = {}  # child sitemap -> the index that lists it
    entries: dict[str, SitemapEntry] = {}
    fetched = 0
    clock = asyncio.get_running_loop().time
    ends = None if budget is None else clock() + budget
    while pending and fetched < max_files and len(entries) < limit:
        left = deadline if ends is None else min(deadline, ends - clock())
        if left <= 0:
            break
        sitemap_url = pending.popleft()
        fetched += 1
        if limiter is not None:
            await limiter.wait(sitemap_url)
        root, why = await _fetch_xml(client, sitemap_url, left)
        if root is None:
            if problems is not None and sitemap_url in listed:
                problems.append((sitemap_url, why))
            continue
        kind = _local_name(root.tag)
        if kind == "sitemapindex":
            for child in _unique_urls(_locs(root, "sitemap")):
                if child not in queued and origin_of(child) == origin_of(sitemap_url):
                    queued.add(child)
                    listed.add(child)
                    parents[child] = sitemap_url
                    pending.append(child)
        elif kind == "urlset":
            for entry in _url_entries(root):
                if origin_of(entry.url) != site or entry.url in entries:
                    continue
                if len(entries) >= limit:
                    if capped is not None:
                        why = f"lists more pages; took the first {limit:,} from sitemaps (cap)"
                        capped.append((sitemap_url, why))
                    break
                entries[entry.url] = entry
    if capped is not None:
        if ends is not None and clock() >= ends and budget is not None:
            cap = f"cap: {budget:g} s for all sitemaps"
        elif fetched >= max_files:
            cap = f"cap: {max_files} files"
        else:
            cap = f"cap: {limit:,} pages"
        capped.extend(_not_read([u for u in pending if u in listed], parents, cap))
    return list(entries.values())


def _not_read(unread: list[str], parents: dict[str, str], cap: str) -> list[tuple[str, str]]:
    """(sitemap URL, why) for sitemaps a cap left unread: a sitemap index once, with how
    many of its sitemaps were read (they are read in the order listed)."""
    reasons: list[tuple[str, str]] = []
    left: dict[str, int] = {}
    for url in unread:
        if url in parents:
            left[parents[url]] = left.get(parents[url], 0) + 1
        else:
            reasons.append((url, f"sitemap not read ({cap})"))
    for index, count in left.items():
        total = sum(1 for parent in parents.values() if parent == index)
        why = f"sitemap index lists {total:,} sitemaps; read the first {total - count:,} ({cap})"
        reasons.append((index, why))
    return reasons


async def sitemap_urls(
    client: httpx.AsyncClient,
    origin: str,
    robots_sitemaps: list[str],
    *,
    limit: int = MAX_SITEMAP_URLS,
    max_files: int = MAX_SITEMAP_FILES,
) -> list[str]:
    """The URLs of `sitemap_entries`."""
    entries = await sitemap_entries(
        client, origin, robots_sitemaps, limit=limit, max_files=max_files
    )
    return [entry.url for entry in entries]


async def _fetch_xml(
    client: httpx.AsyncClient, url: str, deadline: float
) -> tuple[ET.Element | None, str]:
    """The parsed sitemap, or None and why not."""
    try:
        status, body, cut = await _get_capped(client, url, MAX_SITEMAP_BYTES, deadline=deadline)
    except DeadlineExceeded as exc:
        return None, str(exc)
    except (httpx.HTTPError, httpx.InvalidURL) as exc:
        return None, f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    if not 200 <= status < 300:
        return None, f"HTTP {status}"
    too_large = f"larger than {MAX_SITEMAP_BYTES // (1024 * 1024)} MB"
    if cut:
        return None, too_large
    try:
        return ET.fromstring(_gunzip(body)), ""
    except ET.ParseError as exc:
        return None, f"not valid XML ({exc})"
    except _TooLarge:
        return None, too_large
    except (OSError, EOFError, zlib.error) as exc:
        return None, f"not valid gzip data ({exc})"


def _gunzip(body: bytes) -> bytes:
    """Decompress a gzip file (by its magic bytes, whatever the name or content type)."""
    if not body.startswith(b"\x1f\x8b"):
        return body
    with gzip.GzipFile(fileobj=io.BytesIO(body)) as f:
        data = f.read(MAX_SITEMAP_BYTES + 1)
    if len(data) > MAX_SITEMAP_BYTES:
        raise _TooLarge
    return data


def _url_entries(root: ET.Element) -> list[SitemapEntry]:
    entries = []
    for url in root:
        if _local_name(url.tag) != "url":
            continue
        fields = {_local_name(child.tag): (child.text or "").strip() for child in url}
        normalized = normalize_url(fields.get("loc", ""))
        if normalized:
            entries.append(SitemapEntry(normalized, fields.get("lastmod") or None))
    return entries


def _locs(root: ET.Element, element: str) -> list[str]:
    return [
        (child.text or "").strip()
        for item in root
        if _local_name(item.tag) == element
        for child in item
        if _local_name(child.tag) == "loc"
    ]


def _unique_urls(urls: list[str]) -> list[str]:
    normalized = (normalize_url(url) for url in urls)
    return list(dict.fromkeys(url for url in normalized if url))


def _local_name(tag: object) -> str:
    """The tag without its XML namespace ('{http://www.sitemaps.org/...}url' -> 'url')."""
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


class _TooLarge(Exception):
    pass


async def _get_capped(
    client: httpx.AsyncClient,
    url: str,
    cap: int,
    *,
    deadline: float,
    user_agent: str | None = None,
    max_redirects: int = MAX_REDIRECTS,
) -> tuple[int, bytes, bool]:
    """GET `url`, following up to `max_redirects` redirects, all within `deadline` seconds:
    (status, the decoded body cut at `cap` bytes, whether it was cut). Stops reading at the
    cap, so a huge response never sits in memory."""
    headers = {"User-Agent": user_agent} if user_agent else None
    async with within(deadline):
        request = client.build_request("GET", url, headers=headers)
        for _hop in range(max_redirects + 1):
            response = await client.send(request, stream=True, follow_redirects=False)
            try:
                if response.next_request is None:
                    return response.status_code, *await _read_capped(response, cap)
                request = response.next_request
            finally:
                await response.aclose()
    raise httpx.TooManyRedirects(f"more than {max_redirects} redirects", request=request)


async def _read_capped(response: httpx.Response, cap: int) -> tuple[bytes, bool]:
    chunks: list[bytes] = []
    size = 0
    async for chunk in response.aiter_bytes():
        chunks.append(chunk)
        size += len(chunk)
        if size > cap:
            break
    return b"".join(chunks)[:cap], size > cap
