"""AuditConfig: every setting of one audit, immutable, validated once."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from datetime import datetime
from typing import Any

import soupsieve

from auditor.model import Pitfall, Severity
from auditor.probes.axe import STANDARDS
from auditor.userinfo import userinfo_problem

FORMATS = ("html", "json", "sarif", "junit", "md")
FAIL_ON = ("critical", "serious", "moderate", "minor", "never")
PRODUCT_TOKEN = "cx-audit"
PROJECT_URL = "https://github.com/cx-audit/cx-audit"


class ConfigError(ValueError):
    """A setting is wrong; the message names it and says what is allowed."""


def default_concurrency(cores: int | None = None) -> int:
    """Browser pages at once: one per core, at least 2 (one page loads while the other runs
    axe and the checks) and at most 8 (each page's renderer holds 100-200 MB). On 2 cores,
    3 or 4 pages gave no steady gain and 9-17 % more memory (README, Speed and memory)."""
    return max(2, min(cores or os.cpu_count() or 2, 8))


@dataclasses.dataclass(frozen=True)
class AuditConfig:
    start_urls: tuple[str, ...]
    output: str = "cx-audit-report"
    formats: tuple[str, ...] = ("html", "json")
    fail_on: str = "serious"
    max_pages: int = 100
    max_depth: int = 5
    max_urls_per_pattern: int = 0  # URLs per path pattern (/agenda/#/#); 0: off (traps: crawl.py)
    max_query_variants: int = 20  # query strings per path found in a trap chain; 0: off
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    path_prefix: str = ""
    concurrency: int = dataclasses.field(default_factory=default_concurrency)
    timeout: float = 30.0
    rate_limit: float = 4.0
    standard: str = "wcag22aa"
    best_practice: bool = False
    screenshots: bool = True
    block_trackers: bool = True  # Chromium drops known analytics/ad requests (auditor/blocking.py)
    max_screenshots: int = 40
    max_documents: int = 50  # PDFs read and inspected per audit
    max_document_bytes: int = 15_000_000
    select: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    # URL glob -> check ids, pitfalls or globs to ignore on the matching pages
    per_url_ignores: Mapping[str, tuple[str, ...]] = dataclasses.field(default_factory=dict)
    exclude_selectors: tuple[str, ...] = ()  # elements left out of every check (cookie banner)
    baseline: str = ""  # a baseline file: the gate fails only on issues it does not hold
    max_issues: Mapping[str, int] = dataclasses.field(default_factory=dict)  # pitfall -> budget
    user_agent: str = ""  # empty: a Chrome user agent with the cx-audit token (browser_user_agent)
    headers: Mapping[str, str] = dataclasses.field(default_factory=dict)
    ignore_robots: bool = False
    no_external: bool = False  # do not check links and images on other hosts
    search_probe: bool = True  # try the site's own GET search form once (--no-probe)
    sitemaps: bool = True
    report_lang: str = ""
    now: datetime | None = None
    quiet: bool = False
    pdf: bool = False  # also print report.html to report.pdf through Chromium
    history: bool = True  # keep each audit in the history store and compare with the last
    history_file: str = ""  # default: history.sqlite in the output directory
    resume: bool = False  # continue the latest unfinished audit of the site (auditor/resume.py)
    browser: str | None = None
    # The logged-in portal (auditor/portal.py): a stored session and/or a scripted login.
    auth_state: str = ""  # a Playwright storage state file (--auth-state)
    login: Mapping[str, str] = dataclasses.field(default_factory=dict)  # the [login] table
    portal_urls: tuple[str, ...] = ()  # where the portal crawl starts (default: after login)
    portal_prefix: str = ""  # only crawl below this path inside the portal (default: derived)
    deny_links: tuple[str, ...] = ()  # more action words (auditor/action_links.py)
    portal_screenshots: bool = False  # screenshots inside the portal (personal data!)
    check_options: Mapping[str, Mapping[str, Any]] = dataclasses.field(default_factory=dict)

    def __post_init__(self) -> None:
        for url in self.start_urls:
            if problem := userinfo_problem(url, "URL"):
                raise ConfigError(problem)
        unknown = [f for f in self.formats if f not in FORMATS]
        if unknown:
            raise ConfigError(f"unknown format {unknown[0]!r}; choose from {', '.join(FORMATS)}")
        if self.fail_on not in FAIL_ON:
            raise ConfigError(f"--fail-on {self.fail_on!r}: choose from {', '.join(FAIL_ON)}")
        if self.standard not in STANDARDS:
            raise ConfigError(f"--standard {self.standard!r}: choose from {', '.join(STANDARDS)}")
        for name in ("max_pages", "concurrency"):
            if getattr(self, name) < 1:
                raise ConfigError(f"--{name.replace('_', '-')} must be at least 1")
        for name in ("max_depth", "max_urls_per_pattern", "max_query_variants"):
            if getattr(self, name) < 0:
                raise ConfigError(f"--{name.replace('_', '-')} must be 0 or more")
        if self.timeout <= 0:
            raise ConfigError("--timeout must be more than 0 seconds")
        for selector in self.exclude_selectors:
            try:
                soupsieve.compile(selector)
            except soupsieve.SelectorSyntaxError:
                raise ConfigError(
                    f"exclude_selectors: {selector!r} is not a valid CSS selector"
                ) from None
        pitfalls = [p.value for p in Pitfall]
        for pitfall, budget in self.max_issues.items():
            if pitfall not in pitfalls:
                raise ConfigError(
                    f"max_issues: unknown pitfall {pitfall!r}; choose from {', '.join(pitfalls)}"
                )
            if budget < 0:
                raise ConfigError(f"max_issues.{pitfall} must be 0 or more")
        if self.resume and not self.history:
            raise ConfigError(
                "--resume continues an audit kept in the history store: drop --no-history"
            )
        if self.report_lang not in ("", "en", "nl"):
            raise ConfigError(f"--report-lang {self.report_lang!r}: choose en or nl")
        self._check_portal()

    def _check_portal(self) -> None:
        from auditor.login import login_table_problems

        problems = login_table_problems(self.login) if self.login else []
        if problems:
            raise ConfigError(problems[0])
        for url in self.portal_urls:
            if problem := userinfo_problem(url, "portal_urls"):
                raise ConfigError(problem)
            if not url.startswith(("http://", "https://")):
                raise ConfigError(f"portal_urls: {url!r} is not an http(s) URL")
        if self.portal_urls and not self.portal:
            raise ConfigError(
                "portal_urls: a portal needs a session: give --auth-state FILE or a [login] "
                "table in the settings file"
            )
        if self.portal_prefix and not self.portal_prefix.startswith("/"):
            raise ConfigError(f"portal_prefix {self.portal_prefix!r} must start with /")

    @property
    def portal(self) -> bool:
        """A logged-in portal is audited after the public site."""
        return bool(self.auth_state or self.login)

    def browser_user_agent(self, chromium_version: str) -> str:
        """The user agent of the browser: the one given, or Chrome's own without "Headless"
        (some sites block headless browsers) and with our product token, so site owners can
        recognise and allow the audit."""
        if self.user_agent:
            return self.user_agent
        major = chromium_version.split(".", maxsplit=1)[0] or "130"
        return (
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
            f"Chrome/{major}.0.0.0 Safari/537.36 {self.bot_user_agent}"
        )

    @property
    def bot_user_agent(self) -> str:
        """For our own HTTP requests (robots.txt, sitemaps, documents)."""
        from auditor import __version__

        return self.user_agent or f"{PRODUCT_TOKEN}/{__version__} (+{PROJECT_URL})"

    @property
    def finding_select(self) -> tuple[str, ...]:
        """What findings must match: nothing (all) unless --select narrowed the checks."""
        return (*self.select, *self.extend_select) if self.select else ()

    @property
    def fail_severity(self) -> Severity | None:
        return None if self.fail_on == "never" else Severity(self.fail_on)

    def to_dict(self) -> dict[str, Any]:
        """The settings as report.json records them (request headers' values left out)."""
        data = dataclasses.asdict(self)
        data["headers"] = sorted(self.headers)
        data["per_url_ignores"] = {k: list(v) for k, v in self.per_url_ignores.items()}
        data["now"] = self.now.isoformat() if self.now else None
        for key, value in data.items():
            if isinstance(value, tuple):
                data[key] = list(value)
        return data
