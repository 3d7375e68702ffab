"""robots.txt and XML sitemaps: what the site owner lets us crawl, and which pages it lists.

Only GET requests, through the `httpx.AsyncClient` the engine passes in.
"""

from __future__ import annotations

import gzip
import io
import xml.etree.ElementTree as ET
import zlib
from collections import deque
from dataclasses import dataclass

import httpx
from protego import Protego

from auditor.urls import normalize_url, origin_of

# The product token matched against robots.txt groups, whatever --user-agent says.
ROBOTS_TOKEN = "cx-audit"
MAX_ROBOTS_BYTES = 500 * 1024  # Google reads the first 500 KiB and ignores the rest
MAX_SITEMAP_BYTES = 10 * 1024 * 1024  # per file, after decompression: guards against bombs

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


async def load_robots(
    client: httpx.AsyncClient, origin: str, user_agent: str, policy: RobotsPolicy
) -> None:
    """Fetch `origin`/robots.txt into `policy`, following Google's rules: a 4xx (or a redirect
    loop) allows everything, a 5xx or 429 disallows everything.

    Connection errors propagate: an unreachable start host is the engine's error to report.
    """
    url = f"{_origin_key(origin)}/robots.txt"
    try:
        status, body, _ = await _get_capped(client, url, MAX_ROBOTS_BYTES, user_agent=user_agent)
    except httpx.TooManyRedirects:
        policy.set_rules(origin, ALLOW_ALL)
        return
    if status == 429 or status >= 500:
        policy.set_rules(origin, DISALLOW_ALL)
    elif 200 <= status < 300:
        policy.set_rules(origin, body.decode("utf-8", errors="replace"))
    else:
        policy.set_rules(origin, ALLOW_ALL)


@dataclass(frozen=True)
class SitemapEntry:
    url: str
    lastmod: str | None = None


async def sitemap_entries(
    client: httpx.AsyncClient,
    origin: str,
    robots_sitemaps: list[str],
    *,
    limit: int = 5000,
    max_files: int = 20,
    problems: list[tuple[str, str]] | None = None,
) -> list[SitemapEntry]:
    """Pages listed in the site's sitemaps, with their `<lastmod>` when given.

    Reads each robots.txt `Sitemap:` URL and `origin`/sitemap.xml (once each), follows
    sitemap indexes (children on the index's own origin) up to `max_files` files, reads
    gzipped files, and skips files that fail or do not parse. Only URLs on `origin` are kept,
    at most `limit`, each once. `problems` gets (sitemap URL, why) for each sitemap listed
    in robots.txt or an index that could not be read (/sitemap.xml, which we only try, is
    no problem when missing or not a sitemap).
    """
    site = _origin_key(origin)
    pending = deque(_unique_urls([*robots_sitemaps, f"{site}/sitemap.xml"]))
    listed = set(_unique_urls(robots_sitemaps))
    queued = set(pending)
    entries: dict[str, SitemapEntry] = {}
    fetched = 0
    while pending and fetched < max_files and len(entries) < limit:
        sitemap_url = pending.popleft()
        fetched += 1
        root, why = await _fetch_xml(client, sitemap_url)
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
                    pending.append(child)
        elif kind == "urlset":
            for entry in _url_entries(root):
                if len(entries) >= limit:
                    break
                if origin_of(entry.url) == site and entry.url not in entries:
                    entries[entry.url] = entry
    return list(entries.values())


async def sitemap_urls(
    client: httpx.AsyncClient,
    origin: str,
    robots_sitemaps: list[str],
    *,
    limit: int = 5000,
    max_files: int = 20,
) -> list[str]:
    """The URLs of `sitemap_entries`."""
    entries = await sitemap_entries(
        client, origin, robots_sitemaps, limit=limit, max_files=max_files
    )
    return [entry.url for entry in entries]


async def _fetch_xml(client: httpx.AsyncClient, url: str) -> tuple[ET.Element | None, str]:
    """The parsed sitemap, or None and why not."""
    try:
        status, body, cut = await _get_capped(client, url, MAX_SITEMAP_BYTES)
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
    client: httpx.AsyncClient, url: str, cap: int, *, user_agent: str | None = None
) -> tuple[int, bytes, bool]:
    """GET `url`, following redirects: (status, the decoded body cut at `cap` bytes, whether it
    was cut). Stops reading at the cap, so a huge response never sits in memory."""
    headers = {"User-Agent": user_agent} if user_agent else None
    chunks: list[bytes] = []
    size = 0
    async with client.stream("GET", url, headers=headers, follow_redirects=True) as response:
        async for chunk in response.aiter_bytes():
            chunks.append(chunk)
            size += len(chunk)
            if size > cap:
                break
    return response.status_code, b"".join(chunks)[:cap], size > cap
