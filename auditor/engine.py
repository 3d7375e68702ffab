"""Wires crawl -> gather -> page checks -> site checks -> prioritise into one AuditResult.

Concurrency: `config.concurrency` workers, each with one long-lived browser page (a new
context per page costs about 3x the navigation time). Snapshots are dropped as soon as their
page checks ran; only the small PageSummary is kept for the site checks. With a `Recorder`
(the history store), each finished URL is committed as it is produced, and `--resume` takes
an unfinished run up again (auditor/resume.py).
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import signal
from collections.abc import Callable, Coroutine, Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Protocol

import httpx
from playwright.async_api import Browser, BrowserContext, Page, async_playwright
from playwright.async_api import Error as PlaywrightError

from auditor import __version__
from auditor.axe_core import axe_build
from auditor.browser import (
    HOW_TO_GET_ONE,
    BrowserChoice,
    BrowserNotFound,
    find_browser,
    launch_options,
)
from auditor.check import Check, configured
from auditor.classify import classify
from auditor.config import AuditConfig
from auditor.conformance import RuleTally, build_conformance
from auditor.crawl import (
    SKIP_OFF_SITE,
    SKIP_ROBOTS,
    SKIP_SAME_PAGE,
    CrawlItem,
    Frontier,
    action_link_guard,
)
from auditor.gather import (
    MAX_RETRY_WAIT,
    NO_CONTENT,
    discard_page,
    failed,
    gather,
    page_unusable,
    probe_timeout,
)
from auditor.linkcheck import LinkChecker
from auditor.model import (
    AuditError,
    AuditResult,
    Finding,
    Link,
    LinkStatus,
    PageResult,
    PageSnapshot,
    PageSummary,
    Pitfall,
    SiteSummary,
    SkippedUrl,
    primary_language,
    utcnow,
)
from auditor.prioritize import prioritize
from auditor.probes.axe import preload_axe
from auditor.probes.screenshot import capture_element
from auditor.ratelimit import RateLimiter
from auditor.registry import select_checks
from auditor.request_guard import RequestGuard
from auditor.resume import (
    PageRecord,
    Recorder,
    Restored,
    axe_outcome,
    axe_results,
    summary_from_state,
    summary_state,
)
from auditor.robots import (
    SITEMAP_BUDGET,
    RobotsPolicy,
    RobotsUnread,
    load_robots,
    sitemap_entries,
)
from auditor.search_probe import SKIP_PROBE, SearchPlan, refusal, search_outcome
from auditor.site_headers import SiteHeaders
from auditor.suppress import Suppressor
from auditor.urls import normalize_url, origin_of
from checks import ALL_CHECKS, PAGE_FACTS, SITE_METRICS
from checks.escalation.region import site_regions, tld_region
from checks.language import warm_up as language_warm_up

ProgressCallback = Callable[[int, int, str], None]
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)
PAGE_REUSE = 100
"""URLs a worker's browser page serves before it is replaced. Playwright keeps up to 10,000
request and response objects per kind in its driver and in Python until their page closes,
so a long-lived page makes memory grow with the site; a fresh page (and context) every 100
URLs bounds that for well under 1 ms per URL."""


class Redactor(Protocol):
    """Masks personal data in what the audit keeps of a portal page (auditor/portal.py)."""

    def findings(self, findings: list[Finding]) -> list[Finding]: ...

    def facts(self, facts: dict[str, Any]) -> dict[str, Any]: ...

    def page(self, page: PageResult) -> PageResult: ...

    def text(self, value: str) -> str: ...


BROWSER_GONE = (
    "Target page, context or browser has been closed",
    "Browser closed",
    "browser has disconnected",
    "crashed",
    "Connection closed",
)


class AuditAbort(Exception):
    """The audit cannot start (e.g. the start URL is unreachable); message is for the user."""


class BrowserSession:
    """One Chromium; relaunched when it dies, so the audit goes on.

    Each worker's page gets a context of its own: two pages in one context share a window,
    and there Chromium sometimes holds back the frame after a viewport resize for a whole
    second (the layout probe waits for that frame). A context costs a few MB; the portal's
    session keeps one shared context (`shared_context`), because its login lives there."""

    shared_context = False

    def __init__(
        self,
        pw: Any,
        choice: BrowserChoice,
        config: AuditConfig,
        limiter: RateLimiter | None = None,
        *,
        with_axe: bool = False,
    ) -> None:
        self._pw = pw
        self._choice = choice
        self._config = config
        self._browser: Browser | None = None
        self._context: BrowserContext | None = None
        self._lock = asyncio.Lock()
        self._origins = {o for o in map(origin_of, config.start_urls) if o}
        # What pages may ask of the network, and where --header values may go.
        self.request_guard = RequestGuard(
            self._origins,
            limiter=limiter,
            action_words=config.deny_links,
            start_urls=(*config.start_urls, *config.portal_urls),
        )
        self.site_headers = SiteHeaders(config.headers, self._origins)
        self.generation = 0
        self.version = ""
        self.with_axe = with_axe  # a selected check reads the axe probe: preload it

    async def start(self) -> None:
        self._browser = await self._pw.chromium.launch(**launch_options(self._choice))
        self.version = self._browser.version
        if self.shared_context:
            self._context = await self._new_context()
            await self.prepare(self._context)
        self.generation += 1

    async def _new_context(self) -> BrowserContext:
        assert self._browser is not None
        context = await self._browser.new_context(**self.context_options())
        await self.request_guard.install(context)
        if self.with_axe:
            await preload_axe(context)
        return context

    def context_options(self) -> dict[str, Any]:
        """The options of the browser context (the portal's session adds its stored state)."""
        return {
            "user_agent": self._config.browser_user_agent(self.version),
            "accept_downloads": False,
            "ignore_https_errors": False,
            "service_workers": "block",
        }

    async def prepare(self, context: BrowserContext) -> None:
        """Set up the shared context before pages open in it (the portal's session guards
        it)."""

    async def new_page(self) -> tuple[Page, int]:
        if self._context is not None:
            page = await self._context.new_page()
        else:  # a context of its own, closed with its page
            context = await self._new_context()
            page = await context.new_page()
            page.on("close", lambda _page: _in_background(context.close()))
        await self.site_headers.attach(page, self.request_guard.refuse_document)
        page.on("dialog", _dismiss_dialog)
        page.on("popup", _close_popup)
        return page, self.generation

    async def restart(self, seen_generation: int) -> None:
        """Relaunch once, however many workers noticed the crash."""
        async with self._lock:
            if self.generation != seen_generation:
                return
            await self.close()
            await self.start()

    async def close(self) -> None:
        if self._browser is not None:
            with contextlib.suppress(PlaywrightError):
                await self._browser.close()
        self._browser = None
        self._context = None


_background: set[asyncio.Future[Any]] = set()


def _in_background(awaitable: Any) -> None:
    """Keep a reference until done, so the event loop does not lose the task. Its page may
    close first (a failed page is discarded): that error is expected, not a traceback."""
    task = asyncio.ensure_future(_quietly(awaitable))
    _background.add(task)
    task.add_done_callback(_background.discard)


async def _quietly(awaitable: Any) -> None:
    with contextlib.suppress(PlaywrightError):
        await awaitable


def _dismiss_dialog(dialog: Any) -> None:
    """alert/confirm/prompt would block the page: dismiss them."""
    _in_background(dialog.dismiss())


def _close_popup(popup: Page) -> None:
    """Windows a page opens by itself (window.open) are closed; we audit only what we load."""
    _in_background(popup.close())


def is_browser_gone(exc: BaseException) -> bool:
    return isinstance(exc, PlaywrightError) and any(s in str(exc) for s in BROWSER_GONE)


@dataclasses.dataclass
class _Collected:
    pages: list[PageResult] = dataclasses.field(default_factory=list)
    summaries: list[PageSummary] = dataclasses.field(default_factory=list)
    findings: list[Finding] = dataclasses.field(default_factory=list)
    errors: list[AuditError] = dataclasses.field(default_factory=list)
    screenshots: dict[str, str] = dataclasses.field(default_factory=dict)


# What one check counted for the conformance tally: (check id, axe rule ids per result or
# None for our own checks, the axe rules' tags).
_Tallied = tuple[str, dict[str, list[str]] | None, dict[str, list[str]]]


@dataclasses.dataclass
class _Evaluated:
    """What the page checks of one snapshot produced (see Audit._evaluate)."""

    healthy: bool = False
    metrics: dict[str, Any] = dataclasses.field(default_factory=dict)
    findings: list[Finding] = dataclasses.field(default_factory=list)
    facts: dict[str, Any] = dataclasses.field(default_factory=dict)
    errors: list[AuditError] = dataclasses.field(default_factory=list)
    ran: list[Check] = dataclasses.field(default_factory=list)  # for the conformance tally


class Audit:
    """One audit run. `run()` returns the AuditResult; nothing gathered is lost on errors."""

    def __init__(
        self,
        config: AuditConfig,
        progress: ProgressCallback | None = None,
        recorder: Recorder | None = None,
    ) -> None:
        self.config = config
        self.recorder = recorder  # streams every finished URL to the history store
        self.progress = progress
        self.checks = select_checks(ALL_CHECKS, config.select, config.ignore, config.extend_select)
        self.page_checks = [c for c in self.checks if c.scope == "page"]
        self.site_checks = [c for c in self.checks if c.scope == "site"]
        self.needs = frozenset(n for c in self.checks for n in c.needs)
        self.collected = _Collected()
        self.suppressor = Suppressor(
            config.finding_select,
            config.ignore,
            config.per_url_ignores,
            known=[*(c.id for c in ALL_CHECKS), *(p.value for p in Pitfall)],
        )
        self.tally = RuleTally()
        self.documents_read = 0
        self.sitemap_lastmod: dict[str, str] = {}  # normalised URL -> <lastmod>
        # The regions phone numbers are read in, decided by the first page (_decide_regions).
        self.site_regions: tuple[str, ...] = ()
        self.regions_decided = False
        self.links: LinkChecker | None = None  # when a selected check needs link statuses
        self.search = SearchPlan()
        self.search_outcome: dict[str, Any] = {}
        self.limiter = RateLimiter(config.rate_limit)
        self.chromium_version = ""
        self.started_at = recorder.started_at if recorder else utcnow()
        self.resumed: dict[str, int] = {}  # {"run", "pages"} when --resume restored pages
        self.interrupted_by: int | None = None  # the signal that stopped the crawl
        self._stage_task: asyncio.Task[None] | None = None
        self.robots_unread: dict[str, RobotsUnread] = {}  # origin -> why (all disallowed)
        # Set by the portal crawl: masks personal data in everything the result keeps, and
        # its summary for report.json (site.metrics.portal).
        self.redactor: Redactor | None = None
        self.portal_summary: dict[str, Any] = {}
        self.portal_frontier: Frontier | None = None
        # Public URLs that redirected to a login page: the portal's entry points when no
        # --portal-url says where it starts.
        self.login_redirects: list[str] = []
        self._login_pages: set[str] = set()
        # One thread runs every page check in turn (they are pure, see _evaluate).
        self._checks_thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="cx-checks")
        if any(c.pitfall == "language" for c in self.page_checks):
            self._checks_thread.submit(language_warm_up)  # while the browser starts

    async def run(self) -> AuditResult:
        try:
            return await self._run()
        finally:
            self._checks_thread.shutdown(wait=False, cancel_futures=True)

    async def _run(self) -> AuditResult:
        config = self.config
        # --header values only to the audited origins, on every redirect hop too
        site_headers = SiteHeaders(
            config.headers, {o for o in map(origin_of, config.start_urls) if o}
        )
        async with (
            site_headers.client(
                headers={"User-Agent": config.bot_user_agent},
                timeout=config.timeout,
                follow_redirects=True,
            ) as client,
            httpx.AsyncClient(headers={"User-Agent": config.bot_user_agent}) as checker_client,
        ):
            robots = RobotsPolicy()
            origins = [o for o in dict.fromkeys(map(origin_of, config.start_urls)) if o]
            await self._stage(self._load_robots(client, origins, robots))
            frontier = Frontier(
                config.start_urls,
                max_pages=config.max_pages,
                max_depth=config.max_depth,
                include=config.include,
                exclude=config.exclude,
                path_prefix=config.path_prefix,
                robots=None if config.ignore_robots else robots,
                max_urls_per_pattern=config.max_urls_per_pattern,
                max_query_variants=config.max_query_variants,
                is_action=action_link_guard(config.deny_links),
            )
            blocked = {s.url for s in frontier.skipped if s.reason == SKIP_ROBOTS}
            if blocked and all(normalize_url(u) in blocked for u in config.start_urls):
                if not self.robots_unread:
                    raise AuditAbort(
                        f"robots.txt disallows {config.start_urls[0]}; audit another start URL, "
                        "or use --ignore-robots if this is your own site"
                    )
                # RFC 9309: an unreadable robots.txt disallows everything; the report says so
                return self._result(frontier, {})
            if config.sitemaps:
                await self._stage(self._read_sitemaps(client, origins, robots, frontier))
            if "links" in self.needs:
                self.links = LinkChecker(
                    checker_client,
                    limiter=self.limiter,
                    timeout=min(config.timeout, 15.0),
                    site_headers=config.headers,
                    site_origins=frozenset(origins),
                    action_words=config.deny_links,
                )
            if self.recorder is not None and self.recorder.resumed:
                self._restore(self.recorder.restore(), frontier)
            await self._stage(self._crawl(frontier, client))
            if config.portal and self.interrupted_by is None:
                from auditor.portal import PortalCrawl

                await self._stage(PortalCrawl(self, client, robots).run())
            statuses: dict[str, LinkStatus] = {}
            if self.links is not None:
                await self._stage(self._wait_for_links(self.links, statuses))
                if self.interrupted_by is not None:
                    statuses = self.links.finished()
        return self._result(frontier, statuses)

    async def _stage(self, work: Coroutine[Any, Any, None]) -> None:
        """Run one stage of the audit (robots.txt, sitemaps, the public crawl, the portal,
        the last link checks) as the task a signal cancels. Every stage that waits on the
        network or the browser goes through here, so a signal stops whichever one runs;
        after a signal the remaining stages are skipped."""
        if self.interrupted_by is not None:
            work.close()
            return
        self._stage_task = asyncio.create_task(work)
        try:
            await self._stage_task
        except asyncio.CancelledError:
            if self.interrupted_by is None:
                raise
        finally:
            self._stage_task = None

    async def _load_robots(
        self, client: httpx.AsyncClient, origins: list[str], robots: RobotsPolicy
    ) -> None:
        """robots.txt of each start origin; an unreadable one disallows its origin (RFC
        9309), which `robots_unread` records for the report (unless --ignore-robots). When
        no start origin can be reached at all, the audit cannot start."""
        unread: dict[str, RobotsUnread] = {}
        for origin in origins:
            await self.limiter.wait(origin)
            why = await load_robots(
                client, origin, self.config.bot_user_agent, robots, deadline=self.config.timeout
            )
            if why is not None:
                unread[origin] = why
        down = [origin for origin, why in unread.items() if why.unreachable]
        if down and len(down) == len(origins):
            raise AuditAbort(
                f"cannot reach {down[0]} ({unread[down[0]].reason}); check the address and "
                "that the site is up"
            )
        if not self.config.ignore_robots:
            self.robots_unread = unread

    async def _read_sitemaps(
        self,
        client: httpx.AsyncClient,
        origins: list[str],
        robots: RobotsPolicy,
        frontier: Frontier,
    ) -> None:
        """Queue the pages the sitemaps list; what a cap left out is listed as skipped."""
        for origin in origins:
            problems: list[tuple[str, str]] = []
            capped: list[tuple[str, str]] = []
            entries = await sitemap_entries(
                client,
                origin,
                robots.sitemaps(origin),
                deadline=self.config.timeout,
                budget=SITEMAP_BUDGET * self.config.timeout,
                limiter=self.limiter,
                problems=problems,
                capped=capped,
            )
            for sitemap, why in problems:  # the crawl goes on without it
                self.collected.errors.append(AuditError(sitemap, f"sitemap not read: {why}"))
            for sitemap, why in capped:
                frontier.skip(sitemap, why)
            for entry in entries:
                frontier.add(entry.url, 1, source="sitemap")
                if entry.lastmod:
                    self.sitemap_lastmod[entry.url] = entry.lastmod

    @staticmethod
    async def _wait_for_links(links: LinkChecker, statuses: dict[str, LinkStatus]) -> None:
        statuses.update(await links.results())

    def interrupt(self, signum: int) -> None:
        """SIGINT/SIGTERM: stop crawling, keep every page gathered so far, and let the audit
        finish with them (site checks, issues, an interrupted report). The handlers go away,
        so a second signal stops at once."""
        self.interrupted_by = signum
        loop = asyncio.get_running_loop()
        for other in STOP_SIGNALS:
            loop.remove_signal_handler(other)
        if self._stage_task is not None:
            self._stage_task.cancel()

    async def run_until_signal(self) -> AuditResult:
        loop = asyncio.get_running_loop()
        for signum in STOP_SIGNALS:
            loop.add_signal_handler(signum, self.interrupt, signum)
        try:
            return await self.run()
        finally:
            for signum in STOP_SIGNALS:
                loop.remove_signal_handler(signum)

    async def _crawl(self, frontier: Frontier, client: httpx.AsyncClient) -> None:
        async with async_playwright() as pw:
            choice = find_browser(
                self.config.browser, managed_executable=pw.chromium.executable_path
            )
            session = BrowserSession(
                pw, choice, self.config, self.limiter, with_axe="axe" in self.needs
            )
            try:
                await session.start()
            except PlaywrightError as exc:
                raise BrowserNotFound(
                    f"could not start {choice.describe()}: {_reason(exc)}; {HOW_TO_GET_ONE}"
                ) from exc
            self.chromium_version = session.version
            state = {"in_flight": 0, "done": 0}
            cond = asyncio.Condition()

            async def next_item() -> CrawlItem | None:
                async with cond:
                    while True:
                        if not self.regions_decided and state["in_flight"]:
                            await cond.wait()  # the first page decides (_decide_regions)
                            continue
                        if (item := frontier.next()) is not None:
                            break
                        if state["in_flight"] == 0:
                            cond.notify_all()
                            return None
                        await cond.wait()
                    state["in_flight"] += 1
                    return item

            async def worker() -> None:
                page: Page | None = None  # opened with the worker's first URL, not before
                generation = 0
                served = 0
                while (item := await next_item()) is not None:
                    served += 1
                    try:
                        if page is None:
                            page, generation = await session.new_page()
                        elif served % PAGE_REUSE == 0:
                            await discard_page(page)  # _gather_with_restart opens a fresh one
                        snapshot, page, generation = await self._gather_with_restart(
                            session, page, generation, client, item
                        )
                        await self._audit_page(
                            snapshot, item, frontier, page, shoot=self.config.screenshots
                        )
                    finally:
                        async with cond:
                            state["in_flight"] -= 1
                            state["done"] += 1
                            cond.notify_all()
                    if self.progress:
                        self.progress(state["done"], frontier.discovered, item.url)

            try:
                await asyncio.gather(*(worker() for _ in range(self.config.concurrency)))
                if "search" in self.needs and self.config.search_probe:
                    await self._probe_search(session, client, frontier)
            finally:
                await session.close()

    async def _probe_search(
        self, session: BrowserSession, client: httpx.AsyncClient, frontier: Frontier
    ) -> None:
        """Use the site's own GET search form once, with a term from its headings (the
        one form submit cx-audit makes besides a scripted login; never inside a portal).
        A form that is not plainly a search is not submitted: listed as skipped."""
        url, term = self.search.query()
        if not url or self.search.form is None:
            return
        why = refusal(
            self.search.form, url, frontier.origins, frontier.robots, self.config.deny_links
        )
        if why:
            frontier.skip(url, f"{SKIP_PROBE} {why}")
            return
        page, _generation = await session.new_page()
        await self.limiter.wait(url)
        try:
            result = await gather(page, client, url, 0, config=self.config, needs=frozenset())
        finally:
            await page.close()
        self.search_outcome = search_outcome(result, term)

    async def _gather_with_restart(
        self,
        session: BrowserSession,
        page: Page,
        generation: int,
        client: httpx.AsyncClient,
        item: CrawlItem,
    ) -> tuple[PageSnapshot, Page, int]:
        """Gather one URL; if the browser died, relaunch it and try the URL once more.
        Anything else that goes wrong, even a hang that no inner limit caught, becomes the
        page's error: one page never stops the audit or loses the pages gathered before."""
        for attempt in (1, 2):
            try:
                if page.is_closed():
                    page, generation = await session.new_page()
                await self.limiter.wait(item.url)
                inspect = "pdf" in self.needs and self.documents_read < self.config.max_documents
                snapshot = await asyncio.wait_for(
                    gather(
                        page,
                        client,
                        item.url,
                        item.depth,
                        config=self.config,
                        needs=self.needs,
                        inspect_documents=inspect,
                    ),
                    self.page_budget,
                )
                if "pdf" in snapshot.probes:
                    self.documents_read += 1
                if page_unusable(snapshot):
                    await discard_page(page)  # the next URL gets a fresh page
                return snapshot, page, generation
            except PlaywrightError as exc:
                if not is_browser_gone(exc) and "has been closed" not in str(exc):
                    await discard_page(page)
                    reason = f"browser error: {_reason(exc)}"
                    return failed(item.url, item.depth, reason), page, generation
                await session.restart(generation)
                page, generation = await session.new_page()
                if attempt == 2:
                    reason = "the browser crashed twice on this page"
                    return failed(item.url, item.depth, reason), page, generation
            except TimeoutError:
                await discard_page(page)
                reason = (
                    f"timeout: loading and inspecting the page took over {self.page_budget:g} s"
                )
                return failed(item.url, item.depth, reason), page, generation
            except Exception as exc:  # a bug must cost one page, not the audit
                await discard_page(page)
                reason = f"internal error: {type(exc).__name__}: {exc}"
                return failed(item.url, item.depth, reason), page, generation
        raise AssertionError("unreachable")

    @property
    def page_budget(self) -> float:
        """Seconds one URL may take in all: navigation (twice when a 429/503 is asked again),
        reading the DOM and the probes. Only a hang nothing else caught comes near it."""
        return 3 * self.config.timeout + MAX_RETRY_WAIT + 4 * probe_timeout(self.config)

    async def _audit_page(
        self,
        snapshot: PageSnapshot,
        item: CrawlItem,
        frontier: Frontier,
        page: Page,
        *,
        shoot: bool,
        redactor: Redactor | None = None,
    ) -> None:
        """Process one gathered URL, screenshot its findings while the page is still open,
        then commit it to the history store: one transaction per URL."""
        findings, record = await self._process(snapshot, item, frontier, redactor)
        shots: dict[str, str] = {}
        usable = snapshot.is_html and not page_unusable(snapshot) and not page.is_closed()
        if shoot and findings and usable:
            await self._capture_safely(page, findings, shots)
        if record is not None and self.recorder is not None:
            self.recorder.keep(record, shots)

    async def _process(
        self,
        snapshot: PageSnapshot,
        item: CrawlItem,
        frontier: Frontier,
        redactor: Redactor | None = None,
    ) -> tuple[list[Finding], PageRecord | None]:
        """Classify, follow links, measure, run page checks; then drop the snapshot.
        Returns the page's findings (the page is still open, for screenshots) and, with a
        history store, what it keeps of the URL.
        `redactor`: a portal page's personal data is masked in what is kept of it."""
        config = self.config
        skipped = self._advance(frontier, item, snapshot.final_url)
        if skipped:
            frontier.skip(item.url, skipped)
            if snapshot.final_url in self._login_pages:
                self.login_redirects.append(item.url)
            return [], self._record(item, None, [], {"skipped": skipped})
        self._decide_regions(snapshot.language if snapshot.is_html else "")
        snapshot = self._with_audit_context(snapshot)
        if snapshot.error is None and snapshot.is_html:
            snapshot = snapshot.with_kind(classify(snapshot, start_urls=config.start_urls))
            if snapshot.kind == "login" and redactor is None:
                self._login_pages.add(snapshot.final_url)
                if snapshot.final_url != item.url:
                    self.login_redirects.append(item.url)
            if (snapshot.status or 0) < 400:
                _follow(frontier, item, snapshot.links)
                self._check_links(snapshot.links, snapshot.images, snapshot.final_url)
        elif (snapshot.error or "").startswith(NO_CONTENT):
            _follow(frontier, item, snapshot.links)  # its menus still lead somewhere
        # The checks are pure CPU work: on their own thread, the event loop goes on driving
        # the other workers' pages meanwhile.
        loop = asyncio.get_running_loop()
        done = await loop.run_in_executor(self._checks_thread, self._evaluate, snapshot)
        tallied = [t for check in done.ran if (t := self._tally(check, snapshot)) is not None]
        errors = [*_page_errors(snapshot), *done.errors]
        self.collected.errors.extend(errors)
        suppressed = self.suppressor.suppressed
        findings = [f for f in done.findings if self.suppressor.keep(f)]
        facts = done.facts
        search: dict[str, Any] | None = None
        if redactor is not None:
            findings = redactor.findings(findings)
            facts = redactor.facts(facts)
        elif done.healthy and "search" in self.needs:  # never a search inside the portal
            search = self.search.observe(snapshot)
        self.collected.findings.extend(findings)
        summary = PageSummary.of(snapshot, facts)
        self.collected.summaries.append(summary)
        result = PageResult(
            url=snapshot.url,
            final_url=snapshot.final_url,
            status=snapshot.status,
            title=snapshot.title,
            depth=snapshot.depth,
            lang=snapshot.lang,
            kind=snapshot.kind,
            content_type=snapshot.content_type,
            error=snapshot.error,
            metrics={**done.metrics, **_traffic_metrics(snapshot)},
        )
        if redactor is not None:
            result = redactor.page(result)
            self.collected.pages.append(result)
            # The portal is audited afresh on --resume: only what the report keeps is stored.
            return findings, self._record(item, result, findings, {}, part="portal")
        self.collected.pages.append(result)
        if self.recorder is None:
            return findings, None
        state = {
            "summary": summary_state(summary),
            "errors": [e.to_dict() for e in errors],
            "suppressed": self.suppressor.suppressed - suppressed,
            "document": "pdf" in snapshot.probes,
            **self._tally_state(tallied),
        }
        if search is not None:
            state["search"] = search
        return findings, self._record(item, result, findings, state)

    def _tally_state(self, tallied: list[_Tallied]) -> dict[str, Any]:
        """A page's conformance tally contributions, with the axe rules' tags stored only
        the first time (see auditor/resume.py)."""
        assert self.recorder is not None
        tags = {rule: t for _id, _outcome, page_tags in tallied for rule, t in page_tags.items()}
        return {
            "tally": [[check_id, outcome] for check_id, outcome, _tags in tallied],
            "tags": self.recorder.new_tags(tags),
        }

    def _record(
        self,
        item: CrawlItem,
        page: PageResult | None,
        findings: list[Finding],
        state: dict[str, Any],
        part: str = "site",
    ) -> PageRecord | None:
        if self.recorder is None:
            return None
        return PageRecord(item.url, item.depth, part, page, findings, state)

    @staticmethod
    def _advance(frontier: Frontier, item: CrawlItem, final_url: str) -> str:
        """Where the URL ended up: a start URL that redirects widens the site; a page that
        ends on another site, or on a page that was already audited (`/app` after `/app/`),
        is not audited (the reason is returned, "" otherwise); the final URL is not audited
        again."""
        if final_url == item.url:
            return ""
        if item.depth == 0:
            frontier.add_origin(final_url)
        elif origin_of(final_url) not in frontier.origins:
            # Another site (a redirect, or a script that sends the visitor on, e.g. to a
            # login provider): not audited as part of this one.
            return f"{SKIP_OFF_SITE} {final_url}"
        if frontier.handed_out(final_url):
            return f"{SKIP_SAME_PAGE} {final_url}"
        frontier.mark_seen(final_url)
        return ""

    def _restore(self, restored: Restored, frontier: Frontier) -> None:
        """--resume: what the unfinished run finished comes back in the order it was
        committed, as if it had just been audited; the frontier replays its links, so only
        the rest is audited."""
        wcag = {c.id: c.wcag for c in self.checks}
        tags = restored.tags
        for crawled in restored.crawled:
            item = CrawlItem(crawled.url, crawled.depth, "link")
            frontier.take(item.url, item.depth)
            state = crawled.state
            if "skipped" in state or "off_site" in state or crawled.page is None:
                why = state.get("skipped") or f"{SKIP_OFF_SITE} {state.get('off_site', '')}"
                frontier.skip(item.url, why)
                continue
            summary = summary_from_state(state["summary"])
            self._advance(frontier, item, summary.final_url)
            if summary.is_html and (summary.status or 0) < 400:
                links = (*summary.links, *summary.external)
                _follow(frontier, item, links)
                self._check_links(links, summary.images, summary.final_url)
            for check_id, outcome in state.get("tally", []):
                if outcome is None:
                    self.tally.add_check_run(check_id, wcag.get(check_id, ()), summary.url)
                else:
                    self.tally.add_axe(summary.url, axe_results(outcome, tags))
            self.collected.errors.extend(AuditError.from_dict(e) for e in state["errors"])
            self.collected.findings.extend(restored.findings.get(item.url, []))
            if "search" in state:
                self.search.replay(state["search"])
            self.collected.summaries.append(summary)
            self.collected.pages.append(crawled.page)
            self._decide_regions(primary_language(crawled.page.lang))
            self.suppressor.suppressed += state.get("suppressed", 0)
            self.documents_read += bool(state.get("document"))
        self.collected.screenshots.update(restored.screenshots)
        self.resumed = {"run": restored.run_id, "pages": len(self.collected.pages)}

    def _evaluate(self, snapshot: PageSnapshot) -> _Evaluated:
        """Page checks, metrics and facts of one snapshot (runs on the checks' thread, so it
        only reads the audit's settings and returns what it found)."""
        done = _Evaluated()
        if snapshot.error is None and (snapshot.status or 0) < 400:
            for check in self.page_checks:
                self._run_page_check(check, snapshot, done)
        done.healthy = snapshot.error is None and snapshot.is_html and (snapshot.status or 0) < 400
        if done.healthy:
            done.facts = self._facts(snapshot, done.errors)
        return done

    @staticmethod
    def _facts(snapshot: PageSnapshot, errors: list[AuditError]) -> dict[str, Any]:
        """Small per-page facts that site checks read from the summary (PAGE_FACTS)."""
        facts: dict[str, Any] = {}
        for key, compute in PAGE_FACTS.items():
            try:
                facts[key] = compute(snapshot)
            except Exception as exc:  # recorded like a check that raised; no facts stored
                errors.append(
                    AuditError(snapshot.url, f"{type(exc).__name__}: {exc}", f"facts:{key}")
                )
        return facts

    def _check_links(self, links: Iterable[Link], images: Iterable[str], final_url: str) -> None:
        """Start checking external link targets and images while the crawl goes on; internal
        pages get their status from the crawl itself."""
        if self.links is None:
            return
        external = not self.config.no_external
        for link in links:
            if external and not link.internal and link.href.startswith(("http://", "https://")):
                self.links.submit(link.href)
        for image in images:
            if external or origin_of(image) == origin_of(final_url):
                self.links.submit(image)

    def _decide_regions(self, language: str) -> None:
        """The first audited page decides the regions the site's phone numbers are read in
        (checks/escalation/region.py): the start URL's country domain, else that page's
        language, so the English pages of a Dutch site on a .org domain still read Dutch
        numbers; none when neither is known (then each page's own language decides). The
        crawl holds the other workers until then, so every page gets the same regions."""
        if self.regions_decided:
            return
        self.regions_decided = True
        start = self.config.start_urls[0] if self.config.start_urls else ""
        if tld_region(start) or language:
            self.site_regions = site_regions(start, language)

    def _with_audit_context(self, snapshot: PageSnapshot) -> PageSnapshot:
        """What checks need from the audit rather than the page: "today" (`--now` pins it, so
        date checks give the same answer tomorrow), the sitemap's <lastmod> and the site's
        regions for phone numbers."""
        changes: dict[str, Any] = {}
        if self.config.now is not None:
            changes["fetched_at"] = self.config.now
        probes: dict[str, Any] = {}
        lastmod = self.sitemap_lastmod.get(normalize_url(snapshot.url) or snapshot.url)
        if lastmod:
            probes["sitemap"] = {"lastmod": lastmod}
        if self.site_regions:
            probes["site"] = {"regions": list(self.site_regions)}
        if probes:
            changes["probes"] = {**snapshot.probes, **probes}
        return dataclasses.replace(snapshot, **changes) if changes else snapshot

    async def _capture_safely(
        self, page: Page, findings: list[Finding], taken: dict[str, str]
    ) -> None:
        """Screenshots are evidence, not the audit: a page that hangs or closes meanwhile
        costs its screenshots only (and is discarded: its state is unknown)."""
        timeout = max(self.config.timeout, 15.0)
        try:
            await asyncio.wait_for(self._capture(page, findings, taken), timeout)
        except (PlaywrightError, TimeoutError):
            await discard_page(page)

    async def _capture(self, page: Page, findings: list[Finding], taken: dict[str, str]) -> None:
        """Screenshot the first occurrence of each issue's element, up to the cap, while
        the page is still open (no page is loaded twice for evidence). Adds them to
        `taken` too, for the history store."""
        shots = self.collected.screenshots
        for finding in findings:
            if len(shots) >= self.config.max_screenshots:
                return
            selector = finding.selector
            if not selector or ">>>" in selector or finding.group_key in shots:
                continue
            png = await capture_element(page, selector)
            if png:
                shots[finding.group_key] = taken[finding.group_key] = png

    def _tally(self, check: Check, snapshot: PageSnapshot) -> _Tallied | None:
        """Record what automated testing covered, for the conformance table. A check whose
        probe failed covered nothing. Returns what was counted (for the history store)."""
        results = [snapshot.probes.get(name) for name in check.needs]
        if any(not isinstance(r, dict) or "error" in r for r in results):
            return None
        if "axe" in check.needs:
            axe = snapshot.probes["axe"]
            self.tally.add_axe(snapshot.url, axe)
            if self.recorder is None:
                return None
            return (check.id, *axe_outcome(axe))
        if check.wcag:
            self.tally.add_check_run(check.id, check.wcag, snapshot.url)
            return (check.id, None, {})
        return None

    def _run_page_check(self, check: Check, snapshot: PageSnapshot, done: _Evaluated) -> None:
        try:
            if check.measure is not None and snapshot.is_html:
                done.metrics.update(
                    check.measured(snapshot, configured(check, self.config.check_options))
                )
            if check.applies(snapshot):
                done.findings.extend(
                    check.execute(snapshot, configured(check, self.config.check_options))
                )
                done.ran.append(check)
        except Exception as exc:  # a check that raises is recorded; the audit goes on
            done.errors.append(AuditError(snapshot.url, f"{type(exc).__name__}: {exc}", check.id))

    def _result(self, frontier: Frontier, statuses: Mapping[str, LinkStatus]) -> AuditResult:
        site = SiteSummary(
            start_urls=self.config.start_urls,
            pages=tuple(self.collected.summaries),
            link_status=statuses,
            search=self.search_outcome,
        )
        findings = self._refined(self.collected.findings, site)
        site_metrics: dict[str, dict[str, Any]] = {}
        for check in self.site_checks:
            try:
                if check.site_measure is not None:
                    for url, values in check.site_measure(site).items():
                        site_metrics.setdefault(url, {}).update(values)
                findings.extend(
                    f
                    for f in check.execute(site, configured(check, self.config.check_options))
                    if self.suppressor.keep(f)
                )
                if check.wcag and site.pages:
                    self.tally.add_check_run(check.id, check.wcag, self.config.start_urls[0])
            except Exception as exc:
                self.collected.errors.append(
                    AuditError("", f"{type(exc).__name__}: {exc}", check.id)
                )
        infos = {c.id: c.info for c in self.checks}
        portal = self.portal_frontier
        metrics: dict[str, Any] = {}
        if any(p.kind in ("help-article", "faq") for p in site.html_pages):
            metrics = {name: compute(site) for name, compute in SITE_METRICS.items()}
        if self.resumed:
            metrics["resumed"] = dict(self.resumed)
        if traffic := traffic_totals(self.collected.pages):
            metrics["requests"] = traffic
        pages = [
            dataclasses.replace(p, metrics={**p.metrics, **site_metrics[p.url]})
            if p.url in site_metrics
            else p
            for p in self.collected.pages
        ]
        errors = list(self.collected.errors)
        if self.portal_summary:
            metrics["portal"] = dict(self.portal_summary)
        if self.robots_unread:
            metrics["robots_unread"] = {o: why.reason for o, why in self.robots_unread.items()}
        if self.redactor is not None:  # the portal's personal data, wherever it ended up
            redactor = self.redactor
            findings = redactor.findings(findings)
            pages = [redactor.page(p) for p in pages]
            errors = [dataclasses.replace(e, message=redactor.text(e.message)) for e in errors]
        return AuditResult(
            tool=self.tool_info(),
            started_at=self.started_at,
            finished_at=utcnow(),
            config=self.config.to_dict(),
            start_urls=self.config.start_urls,
            discovered=frontier.discovered + (portal.discovered if portal else 0),
            not_audited=frontier.not_audited + (portal.not_audited if portal else 0),
            site_metrics=metrics,
            skipped=tuple(
                _unread_robots(skip, self.robots_unread)
                for skip in (*frontier.skipped, *(portal.skipped if portal else ()))
            ),
            pages=tuple(pages),
            findings=tuple(findings),
            issues=tuple(prioritize(findings, site, infos, self.collected.screenshots)),
            checks=tuple(infos.values()),
            errors=tuple(errors),
            suppressed=self.suppressor.suppressed,
            conformance=tuple(build_conformance(self.tally, findings, self.config.standard)),
            interrupted=self.interrupted_by is not None,
        )

    def _refined(self, findings: Sequence[Finding], site: SiteSummary) -> list[Finding]:
        """Page findings after each check's site-wide second pass (`Check.refine`), in their
        order; a pass that raises is recorded and keeps the check's findings as they were."""
        refining = {c.id: c for c in self.page_checks if c.refine is not None}
        by_check: dict[str, list[Finding]] = {}
        for finding in findings:
            if finding.check_id in refining:
                by_check.setdefault(finding.check_id, []).append(finding)
        dropped: set[int] = set()
        for check_id, own in by_check.items():
            try:
                check = refining[check_id]
                kept = check.refined(own, site, configured(check, self.config.check_options))
            except Exception as exc:
                self.collected.errors.append(
                    AuditError("", f"{type(exc).__name__}: {exc}", f"refine:{check_id}")
                )
                continue
            dropped |= {id(f) for f in own} - {id(f) for f in kept}
        return [f for f in findings if id(f) not in dropped]

    def tool_info(self) -> dict[str, str]:
        return {
            "name": "cx-audit",
            "version": __version__,
            "axe_core": axe_build().version,
            "axe_core_source": axe_build().source,
            "chromium": self.chromium_version,
        }


def _page_errors(snapshot: PageSnapshot) -> list[AuditError]:
    """The page's own error and its failed probes."""
    errors = [AuditError(snapshot.url, snapshot.error)] if snapshot.error else []
    for name, data in snapshot.probes.items():
        if isinstance(data, dict) and "error" in data:
            errors.append(AuditError(snapshot.url, f"probe {name} failed: {data['error']}"))
    return errors


TRAFFIC_METRICS = ("blocked_requests", "capped_requests", "paced_frames")


def _traffic_metrics(snapshot: PageSnapshot) -> dict[str, Any]:
    """What the request guard stopped or held on the page (auditor/request_guard.py)."""
    network = snapshot.probes.get("network") or {}
    names = (*TRAFFIC_METRICS, "address_changed_to")  # a script changed the address shown
    return {name: network[name] for name in names if network.get(name)}


def traffic_totals(pages: Iterable[PageResult]) -> dict[str, int]:
    """The site's totals of the request guard's page metrics (none when all are 0)."""
    totals = {name: sum(p.metrics.get(name, 0) for p in pages) for name in TRAFFIC_METRICS}
    return {name: count for name, count in totals.items() if count}


def _unread_robots(skip: SkippedUrl, unread: Mapping[str, RobotsUnread]) -> SkippedUrl:
    """A URL skipped because its origin's robots.txt could not be read says so."""
    why = unread.get(origin_of(skip.url) or "")
    if why is None or skip.reason != SKIP_ROBOTS:
        return skip
    return SkippedUrl(skip.url, f"robots.txt could not be read ({why.reason}): site not crawled")


def _follow(frontier: Frontier, item: CrawlItem, links: Iterable[Link]) -> None:
    frontier.follow(item.url, item.depth, ((link.href, link.text) for link in links))


def _reason(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def run_audit(
    config: AuditConfig,
    progress: ProgressCallback | None = None,
    interrupted: list[int] | None = None,
    recorder: Recorder | None = None,
) -> AuditResult:
    """Runs the audit. On SIGINT or SIGTERM the result covers the pages gathered so far
    (`result.interrupted`), and the signal's number is appended to `interrupted`.
    `recorder` streams it into the history store (and may resume an unfinished run)."""
    audit = Audit(config, progress, recorder)
    result = asyncio.run(audit.run_until_signal())
    if audit.interrupted_by is not None and interrupted is not None:
        interrupted.append(audit.interrupted_by)
    return result
