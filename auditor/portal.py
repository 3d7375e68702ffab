"""The logged-in part of an audit: the portal ("Mijn omgeving"), crawled after the public
site with a session, safely.

- **The session**: a stored Playwright state (`--auth-state`) and/or a scripted login from
  the `[login]` settings (auditor/login.py). Submitting that one login form is the only POST
  cx-audit makes: the portal's browser contexts abort every other request that is not GET or
  HEAD, including the pages' own scripts.
- **Where**: from `portal_urls`, else the page the scripted login ends on, else the public
  links that redirected to the login page (a header's "Mijn omgeving" link to /mijn/), only
  below `portal_prefix` (by default the folder the portal's start URLs share), never a page
  the public crawl already
  audited and never the login page. Links that look destructive or session-ending (the
  built-in words, the portal's own such as annuleren and cancel, and `deny_links`, anywhere in
  the URL or the link text) and action links (auditor/action_links.py) are never followed;
  no button is clicked and no form submitted.
- **Session loss**: a portal page that ends on the login page (or another page with a
  password field after a redirect, or 401) means the session is gone: cx-audit logs in once
  more when it has a scripted login and tries the page again; otherwise, or when the session
  is lost again, the portal part stops with a message and what was gathered is kept.
- **Access control**: every page reached with the session is loaded again in a context
  without it (`probes/no_session.py`) for `page-open-without-login`.
- **Privacy**: the customer's data shown in the portal is masked in everything the audit
  keeps (auditor/privacy.py); no screenshots inside the portal unless
  `portal_screenshots`; the secrets (username, password, cookie and storage values) are
  masked wherever they might appear.
"""

from __future__ import annotations

import asyncio
import dataclasses
import posixpath
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import httpx
from playwright.async_api import BrowserContext, Page, async_playwright
from playwright.async_api import Error as PlaywrightError

from auditor.browser import find_browser
from auditor.crawl import CrawlItem, Frontier, LinkGuard, action_link_guard
from auditor.engine import BrowserSession, is_browser_gone
from auditor.gather import discard_page
from auditor.login import (
    Credentials,
    GetOnlyGuard,
    LoginFailed,
    LoginSettings,
    credentials_from_env,
    load_storage_state,
    scripted_login,
    state_secrets,
)
from auditor.model import AuditError, Finding, PageResult, PageSnapshot
from auditor.privacy import Masker, personal_values
from auditor.probes.no_session import fetch_without_session
from auditor.urls import (
    DESTRUCTIVE_WORDS,
    PORTAL_DESTRUCTIVE_WORDS,
    looks_destructive,
    normalize_url,
    origin_of,
)

if TYPE_CHECKING:
    from auditor.engine import Audit
    from auditor.robots import RobotsPolicy

LOGGED_IN_METRIC = "logged_in"


class PortalSession(BrowserSession):
    """The browser for the portal: one context with the session and one without it (for
    the no-session refetch), both GET-only except for the login form's submit."""

    shared_context = True

    def __init__(
        self,
        *args: Any,
        state: dict[str, Any] | None,
        guard: GetOnlyGuard,
        with_axe: bool = False,
    ) -> None:
        super().__init__(*args, with_axe=with_axe)
        self.state = state
        self.guard = guard
        # --header values also go to the portal's and the login page's hosts
        portal = (*self._config.portal_urls, str(self._config.login.get("url", "")))
        self._origins |= {o for o in map(origin_of, portal) if o}
        self.anonymous: BrowserContext | None = None

    def context_options(self) -> dict[str, Any]:
        options = super().context_options()
        if self.state is not None:
            options["storage_state"] = self.state
        return options

    async def prepare(self, context: BrowserContext) -> None:
        await self.guard.install(context)
        assert self._browser is not None
        self.anonymous = await self._browser.new_context(**super().context_options())
        await self.request_guard.install(self.anonymous)
        await GetOnlyGuard().install(self.anonymous)

    @property
    def context(self) -> BrowserContext:
        assert self._context is not None
        return self._context

    async def anonymous_page(self, page: Page | None) -> Page:
        if page is None or page.is_closed():
            assert self.anonymous is not None
            page = await self.anonymous.new_page()
            await self.site_headers.attach(page, self.request_guard.refuse_document)
        return page


@dataclasses.dataclass
class _Progress:
    in_flight: int = 0
    done: int = 0


class PortalCrawl:
    """Crawls the portal for one `Audit` and adds its pages to the audit's results; also the
    audit's `Redactor` (masks the portal's personal data in everything kept)."""

    def __init__(self, audit: Audit, client: httpx.AsyncClient, robots: RobotsPolicy) -> None:
        config = audit.config
        self.audit = audit
        self.config = config
        self.client = client  # replaced by one with the session's cookies (documents)
        self._public_client = client
        self.robots = robots
        self.login = LoginSettings.from_table(config.login) if config.login else None
        self.credentials: Credentials | None = (
            credentials_from_env(self.login) if self.login else None
        )
        self.state = load_storage_state(config.auth_state) if config.auth_state else None
        secrets = list(self.credentials.secrets if self.credentials else ())
        secrets += state_secrets(self.state or {})
        self.masker = Masker([self.credentials.username] if self.credentials else [], secrets)
        self.public_contacts = _public_contacts(audit)
        self.public_urls = _public_urls(audit, self.login.url if self.login else "")
        self.audited: set[str] = set()  # portal page URLs
        self.relogins = 0
        self.login_generation = 0
        self.stopped = ""
        self.start_urls: list[str] = []
        self._login_lock = asyncio.Lock()

    # -- the crawl ---------------------------------------------------------------------

    async def run(self) -> None:
        self.audit.redactor = self
        guard = GetOnlyGuard()
        try:
            async with async_playwright() as pw:
                choice = find_browser(
                    self.config.browser, managed_executable=pw.chromium.executable_path
                )
                session = PortalSession(
                    pw,
                    choice,
                    self.config,
                    self.audit.limiter,
                    state=self.state,
                    guard=guard,
                    with_axe="axe" in self.audit.needs,
                )
                await session.start()
                try:
                    await self._run(session)
                finally:
                    await session.close()
                    if self.client is not self._public_client:
                        await self.client.aclose()
        except LoginFailed as exc:
            self._stop(self.login.url if self.login else "", f"portal not audited: {exc}")
        except PlaywrightError as exc:
            reason = self.masker.text((str(exc).strip().splitlines() or ["browser error"])[0])
            self._stop("", f"portal not audited: browser error: {reason}")
        finally:
            self.audit.portal_summary = self._summary(guard)

    async def _run(self, session: PortalSession) -> None:
        self.start_urls = list(self.config.portal_urls)
        if self.login is not None and self.state is None:
            landing = await self._log_in(session)
            self.start_urls = self.start_urls or [landing]
        if not self.start_urls:
            # The public pages' links that redirected to the login page lead into the portal.
            self.start_urls = list(dict.fromkeys(self.audit.login_redirects))
        if not self.start_urls:
            self._stop(
                "",
                "portal not audited: no public link led to the login page; say where the "
                "portal starts with --portal-url URL",
            )
            return
        await self._share_cookies(session)
        frontier = self._frontier()
        self.audit.portal_frontier = frontier
        await self._crawl(session, frontier)
        self._drop_public_redirects()

    def _frontier(self) -> Frontier:
        config = self.config
        prefix = config.portal_prefix or shared_folder(self.start_urls)
        frontier = Frontier(
            self.start_urls,
            max_pages=config.max_pages,
            max_depth=config.max_depth,
            include=config.include,
            exclude=config.exclude,
            path_prefix=prefix,
            robots=None if config.ignore_robots else self.robots,
            is_action=portal_link_guard(config.deny_links),
            max_urls_per_pattern=config.max_urls_per_pattern,
            max_query_variants=config.max_query_variants,
        )
        starts = {normalize_url(u) for u in self.start_urls}
        for url in self.public_urls - starts:
            frontier.mark_seen(url)
        if self.login is not None:
            frontier.mark_seen(self.login.url)
        return frontier

    async def _crawl(self, session: PortalSession, frontier: Frontier) -> None:
        progress = _Progress()
        cond = asyncio.Condition()

        async def next_item() -> CrawlItem | None:
            async with cond:
                while not self.stopped and (item := frontier.next()) is None:
                    if progress.in_flight == 0:
                        cond.notify_all()
                        return None
                    await cond.wait()
                if self.stopped:
                    cond.notify_all()
                    return None
                progress.in_flight += 1
                return item

        async def worker() -> None:
            page, generation = await session.new_page()
            anonymous: Page | None = None
            while (item := await next_item()) is not None:
                try:
                    anonymous = await session.anonymous_page(anonymous)
                    page, generation = await self._one(
                        session, page, generation, item, frontier=frontier, anonymous=anonymous
                    )
                finally:
                    async with cond:
                        progress.in_flight -= 1
                        progress.done += 1
                        cond.notify_all()
                if self.audit.progress:
                    self.audit.progress(len(self.audit.collected.pages), frontier.discovered, "")

        await asyncio.gather(*(worker() for _ in range(self.config.concurrency)))

    async def _one(
        self,
        session: PortalSession,
        page: Page,
        generation: int,
        item: CrawlItem,
        *,
        frontier: Frontier,
        anonymous: Page,
    ) -> tuple[Page, int]:
        """Gather one portal page with the session (again after a lost session), refetch it
        without, run the checks and keep the masked result."""
        audit = self.audit
        for attempt in (1, 2):
            seen_login = self.login_generation
            snapshot, page, generation = await audit._gather_with_restart(
                session, page, generation, self.client, item
            )
            if not self.session_lost(snapshot, item.url):
                break
            if attempt == 2 or not await self._recover(session, seen_login):
                self._stop(item.url, self._lost_message(item.url))
                return page, generation
        self.masker.add(
            personal_values(snapshot.html, snapshot.text, public_contacts=self.public_contacts)
        )
        snapshot = await self._with_access_probes(anonymous, snapshot)
        self.audited.add(snapshot.url)
        shoot = self.config.screenshots and self.config.portal_screenshots
        await audit._audit_page(snapshot, item, frontier, page, shoot=shoot, redactor=self)
        return page, generation

    async def _with_access_probes(self, anonymous: Page, snapshot: PageSnapshot) -> PageSnapshot:
        """Add the no-session refetch (`no_session`) and what the check needs to know of the
        session (`session`: the account's details, whether the public crawl has the page)."""
        if snapshot.error or not snapshot.is_html or (snapshot.status or 0) >= 400:
            return snapshot
        await self.audit.limiter.wait(snapshot.final_url)
        timeout = self.config.timeout
        try:
            probe = await asyncio.wait_for(
                fetch_without_session(
                    anonymous,
                    snapshot.final_url,
                    timeout=timeout,
                    login_url=self.login.url if self.login else "",
                ),
                2 * timeout + 5,
            )
        except TimeoutError:  # a hang no inner limit caught: the page is not reused
            await discard_page(anonymous)
            probe = {"error": f"timeout: the refetch without the session took over {timeout:g} s"}
        except PlaywrightError as exc:
            if not is_browser_gone(exc) and "has been closed" not in str(exc):
                raise
            probe = {"error": "the browser closed during the refetch without the session"}
        public = normalize_url(snapshot.final_url) in self.public_urls
        session = {"identifiers": sorted(self.masker.values), "public": public}
        return dataclasses.replace(
            snapshot, probes={**snapshot.probes, "no_session": probe, "session": session}
        )

    # -- the session -------------------------------------------------------------------

    def session_lost(self, snapshot: PageSnapshot, url: str) -> bool:
        """The page ended on the login page (or, after a redirect, on another page with a
        password field), or answered 401: the session is gone."""
        if snapshot.error:
            return False
        if snapshot.status == 401:
            return True
        if self.login is not None and _same_page(snapshot.final_url, self.login.url):
            return not _same_page(url, self.login.url)
        if not snapshot.redirects or not snapshot.html:
            return False
        return snapshot.dom.select_one("input[type=password]") is not None

    async def _log_in(self, session: PortalSession) -> str:
        assert self.login is not None and self.credentials is not None
        landing = await scripted_login(
            session.context,
            self.login,
            self.credentials,
            session.guard,
            timeout=self.config.timeout,
            site_headers=session.site_headers,
        )
        session.state = await session.context.storage_state()  # in memory, for a relaunch
        self.masker.add_secrets(state_secrets(session.state))
        self.login_generation += 1
        return landing

    async def _recover(self, session: PortalSession, seen_login: int) -> bool:
        """Log in once more (once per audit); True when the page may be tried again."""
        async with self._login_lock:
            if self.login_generation != seen_login:
                return True  # another worker logged in again meanwhile
            if self.login is None or self.relogins >= 1 or self.stopped:
                return False
            self.relogins += 1
            try:
                await self._log_in(session)
            except LoginFailed as exc:
                self._stop(self.login.url, f"the session was lost; logging in again failed: {exc}")
                return False
            await self._share_cookies(session)
            return True

    async def _share_cookies(self, session: PortalSession) -> None:
        """Documents (PDFs) inside the portal are fetched with httpx: give it the session."""
        cookies = await session.context.cookies()
        jar = httpx.Cookies()
        for cookie in cookies:
            jar.set(cookie["name"], cookie["value"], cookie["domain"], cookie["path"])
        if self.client is not self._public_client:
            await self.client.aclose()
        self.client = session.site_headers.client(
            headers={"User-Agent": self.config.bot_user_agent},
            timeout=self.config.timeout,
            follow_redirects=True,
            cookies=jar,
        )

    def _lost_message(self, url: str) -> str:
        where = f"{url} was sent to the login page"
        pages = f"the logged-in part stopped after {len(self.audited)} pages"
        if self.login is None:
            return (
                f"the stored session (--auth-state) is not logged in (any more): {where}; "
                f"{pages}. Save a new one with `cx-audit login URL --save FILE`"
            )
        if self.relogins:
            return f"the session was lost again after logging in once more: {where}; {pages}"
        return f"the session was lost: {where}; {pages}"

    def _stop(self, url: str, message: str) -> None:
        if self.stopped:
            return
        self.stopped = self.masker.text(message)
        self.audit.collected.errors.append(AuditError(url, self.stopped, "portal"))

    def _drop_public_redirects(self) -> None:
        """A portal URL the public crawl requested only got the login page there: its
        logged-in audit replaces that one."""
        collected = self.audit.collected
        login = self.login.url if self.login else ""
        stale = {
            p.url
            for p in collected.pages
            if p.url in self.audited
            and LOGGED_IN_METRIC not in p.metrics
            and p.final_url != p.url
            and (not login or _same_page(p.final_url, login))
        }
        if not stale:
            return
        collected.pages = [
            p for p in collected.pages if not (p.url in stale and LOGGED_IN_METRIC not in p.metrics)
        ]
        first = {}
        for summary in collected.summaries:
            first.setdefault(summary.url, summary)
        collected.summaries = [
            s for s in collected.summaries if not (s.url in stale and first[s.url] is s)
        ]

    def _summary(self, guard: GetOnlyGuard) -> dict[str, Any]:
        kind = "scripted login" if self.state is None else "stored session (--auth-state)"
        return {
            "login": kind,
            "start_urls": [self.masker.text(u) for u in self.start_urls],
            "pages": len(self.audited),
            "relogins": self.relogins,
            "stopped": self.stopped,
            "blocked_requests": len(guard.blocked),
            "screenshots": self.config.portal_screenshots and self.config.screenshots,
        }

    # -- Redactor ----------------------------------------------------------------------

    def text(self, value: str) -> str:
        return self.masker.text(value)

    def findings(self, findings: list[Finding]) -> list[Finding]:
        return [self._finding(f) for f in findings]

    def _finding(self, finding: Finding) -> Finding:
        masked = {
            "message": self.text(finding.message),
            "evidence": self.text(finding.evidence),
            "selector": self.text(finding.selector),
            "signature": self.text(finding.signature),
            "highlights": tuple(self.text(h) for h in finding.highlights),
        }
        if all(getattr(finding, k) == v for k, v in masked.items()):
            return finding
        return dataclasses.replace(finding, **masked, fingerprint="")

    def facts(self, facts: dict[str, Any]) -> dict[str, Any]:
        """The customer's own phone numbers and addresses are no contact routes of the site:
        they leave the facts the site checks read."""
        return _without_personal(facts, self.masker)

    def page(self, page: PageResult) -> PageResult:
        metrics = self.masker.deep(dict(page.metrics))
        if page.url in self.audited:
            metrics[LOGGED_IN_METRIC] = True
        return dataclasses.replace(page, title=self.text(page.title), metrics=metrics)


def portal_deny_words(extra: Iterable[str] = ()) -> tuple[str, ...]:
    return tuple(dict.fromkeys((*DESTRUCTIVE_WORDS, *PORTAL_DESTRUCTIVE_WORDS, *extra)))


def portal_link_guard(extra: Sequence[str] = ()) -> LinkGuard:
    """Inside the portal a click has consequences: a link is skipped when its URL or text
    holds any of the portal's deny words anywhere, as well as when the public crawl's
    action-link rule says so."""
    words = portal_deny_words(extra)
    public = action_link_guard(extra)
    return lambda url, text: looks_destructive(url, text, words) or public(url, text)


def folder_of(url: str) -> str:
    """`/mijn/` for https://x/mijn/ and https://x/mijn/overzicht; "" for the host's root."""
    path = urlsplit(url).path or "/"
    folder = path[: path.rfind("/") + 1]
    return "" if folder == "/" else folder


def shared_folder(urls: Sequence[str]) -> str:
    """The folder all `urls` are in (`folder_of` each, then their common start): `/mijn/`
    for /mijn/ and /mijn/facturen; "" when they share only the host's root."""
    folders = [folder_of(url) for url in urls]
    if not folders or "" in folders:
        return ""
    folder = posixpath.commonpath(folders).rstrip("/") + "/"
    return "" if folder == "/" else folder


def _same_page(a: str, b: str) -> bool:
    pa, pb = urlsplit(a), urlsplit(b)
    return (pa.netloc.lower(), pa.path.rstrip("/")) == (pb.netloc.lower(), pb.path.rstrip("/"))


def _public_urls(audit: Audit, login_url: str) -> set[str]:
    """The URLs the public crawl audited, except those that only got the login page."""
    urls: set[str] = set()
    for page in audit.collected.pages:
        if page.final_url != page.url and login_url and _same_page(page.final_url, login_url):
            continue
        urls |= {u for u in (normalize_url(page.url), normalize_url(page.final_url)) if u}
    return urls


def _public_contacts(audit: Audit) -> list[str]:
    """Phone numbers and email addresses the public pages show: the organisation's own."""
    found: list[str] = []
    for summary in audit.collected.summaries:
        contact = summary.facts.get("contact")
        if isinstance(contact, dict):
            for key in ("phones", "abroad_phones", "other_phones", "emails"):
                found += [str(v) for v in contact.get(key, [])]
    return found


def _without_personal(value: Any, masker: Masker) -> Any:
    if isinstance(value, dict):
        return {k: _without_personal(v, masker) for k, v in value.items()}
    if isinstance(value, list):
        return [
            _without_personal(v, masker)
            for v in value
            if not (isinstance(v, str) and masker.is_personal(v))
        ]
    if isinstance(value, str):
        return masker.text(value)
    return value
