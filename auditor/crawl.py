"""The crawl frontier: which URLs to audit, in which order, and why others are skipped.

Synchronous and free of I/O: the engine fetches pages and feeds the links back with `add`.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from fnmatch import fnmatchcase
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from auditor.action_links import is_action_link
from auditor.model import SkippedUrl
from auditor.urls import normalize_url, origin_of, path_pattern

if TYPE_CHECKING:
    from auditor.robots import RobotsPolicy

SKIP_ROBOTS = "robots.txt disallows"
SKIP_DESTRUCTIVE = "destructive-looking link"
SKIP_EXCLUDED = "excluded by --exclude"
SKIP_NOT_INCLUDED = "not matched by --include"
SKIP_TOO_DEEP = "deeper than --max-depth"
SKIP_TRAP = "crawl trap:"
SKIP_OFF_SITE = "redirects off-site to"
SKIP_SAME_PAGE = "redirects to a page already audited:"
TRAP_CHAIN = 2  # pages in a row that found nothing new but their own pattern
TRAP_REPEATS = 3  # one path segment this often: relative links nesting for ever

LinkGuard = Callable[[str, str], bool]
"""(URL, link text) -> True for a link that must never be requested."""


def action_link_guard(extra_words: Sequence[str] = ()) -> LinkGuard:
    """The public crawl's guard: `is_action_link` with the `deny_links` words; the link text
    is not read (see auditor/action_links.py)."""
    words = tuple(extra_words)
    return lambda url, _text: is_action_link(url, words)


@dataclass(frozen=True)
class CrawlItem:
    url: str
    depth: int
    source: str  # "start" | "link" | "sitemap" | "redirect" | "resume"


def matches_any(url: str, patterns: Sequence[str]) -> bool:
    """fnmatch against the full URL and against its path, so '/intern/*' and '*/intern/*'
    both select https://example.nl/intern/a."""
    path = urlsplit(url).path
    return any(fnmatchcase(url, p) or fnmatchcase(path, p) for p in patterns)


class Frontier:
    """Breadth-first queue of in-scope URLs; each URL is handed out at most once.

    Scope is the origins (scheme, host, port) of the start URLs, widened by `add_origin`, and
    `path_prefix`. Out-of-scope URLs are ignored; in-scope URLs that may not be audited are
    recorded in `skipped` with a reason. Start URLs are audited whatever --include, --exclude,
    `path_prefix` and `is_action` (the action-link guard) say; only robots.txt can stop them.

    Crawl traps are told from big sites by how they grow, not by how many URLs share a
    shape: a help centre with 600 numbered articles (/artikel/0001.html) is audited in full
    up to --max-pages. A trap feeds only itself: a calendar month that links to nothing new
    but other months, a filter page that links to nothing new but more filter combinations.
    Pages of one path pattern (`path_pattern`: /agenda/2026/11 is /agenda/#/#) found by a
    page of that pattern which found nothing new but its own pattern form a chain; after
    `TRAP_CHAIN` such pages in a row, the next ones are skipped as "crawl trap: …", unless
    a page outside the chain links them too (an article reached by "next article" links
    that a listing also lists). A paged listing is no trap: each page finds new articles.
    Query strings of one path found in such a chain (filters combined) are capped at
    `max_query_variants`. A path that repeats its own segments (relative links that nest
    for ever: /help/faq/help/faq/help/…) is cut too, and `max_urls_per_pattern` (off unless
    set) caps URLs per pattern. 0 turns a cap off. URLs from sitemaps count, but are never
    cut: the site owner listed them.
    """

    def __init__(
        self,
        start_urls: Sequence[str],
        *,
        max_pages: int = 100,
        max_depth: int = 5,
        include: Sequence[str] = (),
        exclude: Sequence[str] = (),
        path_prefix: str = "",
        robots: RobotsPolicy | None = None,
        is_action: LinkGuard | None = None,
        max_urls_per_pattern: int = 0,
        max_query_variants: int = 0,
    ) -> None:
        if max_pages < 1:
            raise ValueError(f"max_pages must be at least 1, not {max_pages}")
        if max_depth < 0:
            raise ValueError(f"max_depth must not be negative, not {max_depth}")
        self.max_pages = max_pages
        self.max_depth = max_depth
        self.include = tuple(include)
        self.exclude = tuple(exclude)
        self.path_prefix = path_prefix
        self.robots = robots
        self.is_action = is_action or action_link_guard()
        self.max_urls_per_pattern = max_urls_per_pattern
        self.max_query_variants = max_query_variants
        self.skipped: list[SkippedUrl] = []
        self._origins: set[str] = set()
        self._seen: set[str] = set()  # discovered or marked seen: never queued again
        self._handed: set[str] = set()  # handed out, taken or a redirect's final URL
        self._discovered = 0
        self._queue: list[tuple[int, int, CrawlItem]] = []  # heap of (depth, order, item)
        self._queued: dict[str, int] = {}  # url -> depth of its live heap entry
        self._too_deep: dict[str, SkippedUrl] = {}  # may still be reached by a shorter path
        self._trapped: dict[str, SkippedUrl] = {}  # cut in a chain; a page outside may link it
        self._order = 0
        self._handed_out = 0
        self._per_pattern: Counter[str] = Counter()  # origin + path pattern -> URLs queued
        self._per_path: Counter[str] = Counter()  # origin + path -> query variants queued
        self._chain: dict[str, int] = {}  # url -> its place in a self-feeding chain (0: none)
        self._finder: dict[str, str] = {}  # url -> the page of its pattern that found it
        self._others: dict[str, frozenset[int]] = {}  # page -> its other-pattern links (hashes)
        starts = [_normalize_start(url) for url in start_urls]
        self._origins.update(_origin(url) for url in starts)
        for url in starts:
            self._add_start(url)

    @property
    def origins(self) -> frozenset[str]:
        return frozenset(self._origins)

    @property
    def discovered(self) -> int:
        """Distinct in-scope URLs seen: queued, skipped or handed out."""
        return self._discovered

    @property
    def not_audited(self) -> int:
        """URLs still queued once --max-pages was reached (0 while the cap is not reached)."""
        return len(self._queued) if self._handed_out >= self.max_pages else 0

    def in_scope(self, url: str) -> bool:
        """Same origin as a start URL (or an added origin) and under `path_prefix`."""
        normalized = normalize_url(url)
        return normalized is not None and self._in_scope(normalized)

    def follow(self, page_url: str, depth: int, links: Iterable[tuple[str, str]]) -> None:
        """Queue the links (URL, text) found on the page `page_url`, audited at `depth`.

        A page of the same pattern as the page that found it, whose other in-scope links
        were all on that page too (navigation and sidebar, no new article or event), has no
        content of its own: it continues its finder's chain, one step further when it found
        new URLs of its own pattern (it feeds only itself, see the class).
        """
        page = normalize_url(page_url) or page_url
        pattern = _pattern_key(page)
        found = [(url, text, normalize_url(url)) for url, text in links]
        inside = [n for _, _, n in found if n is not None and self._in_scope(n)]
        own_new = any(n not in self._seen and _pattern_key(n) == pattern for n in inside)
        others = frozenset(hash(n) for n in inside if _pattern_key(n) != pattern)
        finder = self._finder.pop(page, "")
        shared = self._others.get(finder) if finder else None
        new_content = shared is None or not others <= shared
        chain = 0 if new_content else self._chain.get(page, 0) + own_new
        if own_new:
            self._others[page] = others  # what its own-pattern neighbours are compared with
        for url, text, normalized in found:
            own = normalized is not None and _pattern_key(normalized) == pattern
            outside = new_content or not own  # a page with content of its own links it
            queued = self.add(url, depth + 1, text=text, chain=chain if own else 0, revive=outside)
            if queued and own:
                self._finder[normalized or url] = page

    def add(
        self,
        url: str,
        depth: int,
        *,
        source: str = "link",
        text: str = "",
        chain: int = 0,
        revive: bool = True,
    ) -> bool:
        """Queue `url` found at `depth`; True when it was queued (or moved to a lower depth).

        `text` is the link text, for a guard that reads it (the portal's); `chain` is the
        URL's place in a chain of pages that feed only themselves (`follow` says); `revive`
        queues a URL cut as a trap after all: a page outside the trap links it.
        """
        normalized = normalize_url(url)
        if normalized is None or not self._in_scope(normalized):
            return False
        if normalized in self._queued:
            return self._requeue_shallower(normalized, depth, source)
        if normalized in self._too_deep and depth <= self.max_depth:
            self.skipped.remove(self._too_deep.pop(normalized))
        elif normalized in self._trapped and revive and not chain:
            self.skipped.remove(self._trapped.pop(normalized))  # linked from outside the trap
        elif normalized in self._seen:
            return False
        else:
            self._seen.add(normalized)
            self._discovered += 1
        reason = self._skip_reason(normalized, depth, text) or self._trap(normalized, source, chain)
        if reason:
            skip = SkippedUrl(normalized, reason)
            self.skipped.append(skip)
            if reason == SKIP_TOO_DEEP:
                self._too_deep[normalized] = skip
            elif chain and reason.startswith(SKIP_TRAP):
                self._trapped[normalized] = skip
            return False
        if chain:
            self._chain[normalized] = chain
        self._push(CrawlItem(normalized, depth, source))
        return True

    def add_origin(self, url: str) -> None:
        """Widen the scope to the origin of `url`, e.g. when the start URL redirects to www."""
        normalized = normalize_url(url)
        if normalized is not None:
            self._origins.add(_origin(normalized))

    def skip(self, url: str, reason: str) -> None:
        """Record a URL that was handed out but turned out not to be auditable here (it
        redirects off-site)."""
        self.skipped.append(SkippedUrl(normalize_url(url) or url, reason))

    def next(self) -> CrawlItem | None:
        """The next URL to audit: lowest depth first, then in order of discovery. None when
        the queue is empty or --max-pages URLs were handed out."""
        while self._queue and self._handed_out < self.max_pages:
            depth, _, item = heapq.heappop(self._queue)
            if self._queued.get(item.url) != depth:
                continue  # superseded by a shallower entry, or marked seen
            del self._queued[item.url]
            self._handed_out += 1
            self._handed.add(item.url)
            return item
        return None

    def take(self, url: str, depth: int) -> None:
        """Count `url` as handed out and finished without `next()`: a resumed audit replays
        the URLs its interrupted run finished. One the replay has not queued yet (its link
        came from a page that was in flight) is discovered here first."""
        normalized = normalize_url(url) or url
        if normalized not in self._seen:
            self.add(normalized, depth, source="resume")
        self._queued.pop(normalized, None)
        self._seen.add(normalized)
        self._handed.add(normalized)
        self._handed_out += 1

    def handed_out(self, url: str) -> bool:
        """`url` was handed out to be audited (or is the final URL of an audited redirect)."""
        return (normalize_url(url) or url) in self._handed

    def mark_seen(self, url: str) -> bool:
        """Record a redirect's final URL so it is not audited again; True when it was new.

        A queued copy is dropped: the page was already audited under the redirecting URL.
        """
        normalized = normalize_url(url)
        if normalized is None:
            return False
        self._handed.add(normalized)
        self._queued.pop(normalized, None)
        if normalized in self._too_deep:
            self.skipped.remove(self._too_deep.pop(normalized))
        if normalized in self._seen:
            return False
        self._seen.add(normalized)
        return True

    def _add_start(self, url: str) -> None:
        if url in self._seen:
            return
        self._seen.add(url)
        self._discovered += 1
        if self.robots is not None and not self.robots.allowed(url):
            self.skipped.append(SkippedUrl(url, SKIP_ROBOTS))
        else:
            self._push(CrawlItem(url, 0, "start"))

    def _in_scope(self, url: str) -> bool:
        return _origin(url) in self._origins and urlsplit(url).path.startswith(self.path_prefix)

    def _skip_reason(self, url: str, depth: int, text: str) -> str | None:
        if self.robots is not None and not self.robots.allowed(url):
            return SKIP_ROBOTS
        if self.is_action(url, text):
            return SKIP_DESTRUCTIVE
        if self.exclude and matches_any(url, self.exclude):
            return SKIP_EXCLUDED
        if self.include and not matches_any(url, self.include):
            return SKIP_NOT_INCLUDED
        if depth > self.max_depth:
            return SKIP_TOO_DEEP
        return None

    def _trap(self, url: str, source: str, chain: int) -> str | None:
        """The crawl-trap reason when `url` is one too many of its kind; else counts it."""
        parts = urlsplit(url)
        origin = _origin(url)
        path_key = origin + parts.path
        pattern = path_pattern(parts.path)
        pattern_key = origin + pattern
        cut = source != "sitemap"
        if cut and chain > TRAP_CHAIN:
            return (
                f"{SKIP_TRAP} more than {TRAP_CHAIN} pages like {pattern} in a row that link "
                "to nothing new but more of themselves"
            )
        repeated = _repeated_segment(parts.path)
        if cut and repeated:
            return f"{SKIP_TRAP} the path repeats {repeated!r} {TRAP_REPEATS} times or more"
        queries = self.max_query_variants
        if cut and chain and queries and parts.query and self._per_path[path_key] >= queries:
            return (
                f"{SKIP_TRAP} more than {queries} query variants of {parts.path} "
                "(--max-query-variants)"
            )
        per_pattern = self.max_urls_per_pattern
        if cut and per_pattern and self._per_pattern[pattern_key] >= per_pattern:
            return (
                f"{SKIP_TRAP} more than {per_pattern} URLs like {pattern} (--max-urls-per-pattern)"
            )
        self._per_pattern[pattern_key] += 1
        if parts.query:
            self._per_path[path_key] += 1
        return None

    def _requeue_shallower(self, url: str, depth: int, source: str) -> bool:
        if depth >= self._queued[url]:
            return False
        self._push(CrawlItem(url, depth, source))
        return True

    def _push(self, item: CrawlItem) -> None:
        self._queued[item.url] = item.depth
        heapq.heappush(self._queue, (item.depth, self._order, item))
        self._order += 1


def _normalize_start(url: str) -> str:
    normalized = normalize_url(url)
    if normalized is None:
        raise ValueError(f"not an http(s) URL: {url!r}")
    return normalized


def _origin(normalized_url: str) -> str:
    return origin_of(normalized_url) or ""


def _pattern_key(normalized_url: str) -> str:
    return _origin(normalized_url) + path_pattern(urlsplit(normalized_url).path)


def _repeated_segment(path: str) -> str:
    """A path segment with letters that occurs `TRAP_REPEATS` times or more ('' if none):
    /help/faq/help/faq/help/faq is what relative links nesting for ever make. Numbers
    (dates such as /2020/10/10) do not count."""
    words = Counter(s for s in path.split("/") if any(c.isalpha() for c in s))
    if not words:
        return ""
    segment, count = words.most_common(1)[0]
    return segment if count >= TRAP_REPEATS else ""
