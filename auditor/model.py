"""The data model shared by the engine, the checks and the reports.

Everything here is a frozen dataclass that round-trips through JSON (`to_dict` / `from_dict`),
so `report.json` is exactly the `AuditResult` and reports can be re-rendered without crawling.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
import weakref
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from enum import StrEnum
from functools import cache, cached_property
from typing import Any, Self, TypeVar, get_origin, get_type_hints
from urllib.parse import urlsplit

from bs4 import BeautifulSoup

T = TypeVar("T")


class Severity(StrEnum):
    """axe-core's impact scale, shared by every check so one scale ranks everything."""

    CRITICAL = "critical"
    SERIOUS = "serious"
    MODERATE = "moderate"
    MINOR = "minor"

    @property
    def weight(self) -> int:
        return SEVERITY_WEIGHTS[self]

    @property
    def rank(self) -> int:
        """0 for critical … 3 for minor: sorts the worst first."""
        return list(Severity).index(self)

    def at_least(self, other: Severity) -> bool:
        return self.rank <= other.rank


SEVERITY_WEIGHTS = {
    Severity.CRITICAL: 10,
    Severity.SERIOUS: 7,
    Severity.MODERATE: 3,
    Severity.MINOR: 1,
}


class Pitfall(StrEnum):
    """The eight self-service pitfalls: the report's top-level grouping."""

    ACCESSIBILITY = "accessibility"
    LANGUAGE = "language"
    OUTDATED = "outdated"
    ESCALATION = "escalation"
    FINDABILITY = "findability"
    INTERACTIVITY = "interactivity"
    FEEDBACK = "feedback"
    TRUST = "trust"

    @property
    def names(self) -> dict[str, str]:
        return PITFALL_INFO[self]["name"]

    @property
    def why(self) -> dict[str, str]:
        return PITFALL_INFO[self]["why"]


PITFALL_INFO: dict[Pitfall, dict[str, dict[str, str]]] = {
    Pitfall.ACCESSIBILITY: {
        "name": {"en": "Accessibility", "nl": "Toegankelijkheid"},
        "why": {
            "en": "Customers with a disability must be able to use self-service. Since 28 June "
            "2025 the European Accessibility Act makes WCAG 2.1 AA (EN 301 549) a legal duty "
            "for many consumer services.",
            "nl": "Klanten met een beperking moeten selfservice kunnen gebruiken. Sinds 28 juni "
            "2025 maakt de European Accessibility Act WCAG 2.1 AA (EN 301 549) wettelijk "
            "verplicht voor veel consumentendiensten.",
        },
    },
    Pitfall.LANGUAGE: {
        "name": {"en": "Language", "nl": "Taalgebruik"},
        "why": {
            "en": "Customers who do not understand a page call instead. Plain language (about "
            "B1, or grade 8 in English) lets most people help themselves.",
            "nl": "Klanten die een pagina niet begrijpen, bellen alsnog. Eenvoudige taal (B1) "
            "laat de meeste mensen zichzelf helpen.",
        },
    },
    Pitfall.OUTDATED: {
        "name": {"en": "Outdated information", "nl": "Verouderde informatie"},
        "why": {
            "en": "Stale pages, expired dates and dead links cost trust and send customers to "
            "the phone anyway.",
            "nl": "Verouderde pagina's, verlopen data en dode links kosten vertrouwen en sturen "
            "klanten alsnog naar de telefoon.",
        },
    },
    Pitfall.ESCALATION: {
        "name": {"en": "Escalation", "nl": "Escalatiemogelijkheid"},
        "why": {
            "en": "When self-service fails, customers need a visible way to reach a person. "
            "For web shops and energy suppliers in the EU a phone number and email address "
            "are a legal duty.",
            "nl": "Als selfservice tekortschiet, moet de klant zichtbaar een mens kunnen "
            "bereiken. Voor webwinkels en energieleveranciers in de EU zijn telefoonnummer en "
            "e-mailadres wettelijk verplicht.",
        },
    },
    Pitfall.FINDABILITY: {
        "name": {"en": "Problem-solving power", "nl": "Oplossend vermogen"},
        "why": {
            "en": "Customers must find the answer to their own question: search that works "
            "and help that leads to a solution, not a static encyclopedia.",
            "nl": "Klanten moeten het antwoord op hun eigen vraag vinden: zoeken dat werkt en "
            "hulp die tot een oplossing leidt, geen statische encyclopedie.",
        },
    },
    Pitfall.INTERACTIVITY: {
        "name": {"en": "Interactivity", "nl": "Interactiviteit"},
        "why": {
            "en": "Explaining a task is not enough: customers must be able to do it, and know "
            "what happens next.",
            "nl": "Uitleggen hoe iets werkt is niet genoeg: de klant moet het ook kunnen regelen "
            "en weten wat er daarna gebeurt.",
        },
    },
    Pitfall.FEEDBACK: {
        "name": {"en": "Improvement cycle", "nl": "Verbetercyclus"},
        "why": {
            "en": "Without a 'was this helpful?' signal, nobody learns which articles fail.",
            "nl": "Zonder 'was dit nuttig?' weet niemand welke artikelen tekortschieten.",
        },
    },
    Pitfall.TRUST: {
        "name": {"en": "Trust", "nl": "Vertrouwen"},
        "why": {
            "en": "Customers who fear phishing will not log in; personal data must never be "
            "reachable by others.",
            "nl": "Klanten die phishing vrezen, loggen niet in; persoonlijke gegevens mogen "
            "nooit voor anderen bereikbaar zijn.",
        },
    },
}


def utcnow() -> datetime:
    return datetime.now(UTC)


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _from_iso(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def short_hash(*parts: str, length: int = 16) -> str:
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return digest[:length]


class Record:
    """JSON round-trip for the flat records of report.json, driven by the field types:
    enums become their value, tuples lists, mappings dicts; `from_dict` reverses it and
    ignores keys it does not know, so older and newer reports both read."""

    __slots__ = ()

    def to_dict(self) -> dict[str, Any]:
        return {f.name: _plain(getattr(self, f.name)) for f in dataclasses.fields(self)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Self:
        hints = _field_types(cls)
        values = {name: _typed(hints[name], data[name]) for name in hints if name in data}
        return cls(**values)


def _plain(value: Any) -> Any:
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    return value


@cache
def _field_types(cls: type) -> dict[str, Any]:
    hints = get_type_hints(cls)
    return {f.name: hints[f.name] for f in dataclasses.fields(cls)}


def _typed(hint: Any, value: Any) -> Any:
    if isinstance(hint, type) and issubclass(hint, StrEnum):
        return hint(value)
    if get_origin(hint) is tuple and value is not None:
        return tuple(value)
    if get_origin(hint) is Mapping and value is not None:
        return dict(value)
    return value


# --------------------------------------------------------------------------------------------
# What gather produces
# --------------------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True, slots=True)
class Link(Record):
    """One `<a href>` / `<area href>` on a page, as the browser resolved it."""

    href: str
    text: str = ""
    internal: bool = False
    visible: bool = True


# Parsed DOMs by HTML, as long as a snapshot holds them (checks only read the DOM).
_PARSED: weakref.WeakValueDictionary[str, BeautifulSoup] = weakref.WeakValueDictionary()


@dataclasses.dataclass(frozen=True)
class PageSnapshot:
    """Everything gathered about one URL, loaded once. Checks read only this.

    `html` is the rendered DOM. `text` is the visible text (the browser's innerText);
    `main_text` is the visible text without navigation, header, footer and cookie banners.
    `probes` holds probe results by name (e.g. `axe`), so checks stay pure.
    """

    url: str
    final_url: str = ""
    status: int | None = None
    headers: Mapping[str, str] = dataclasses.field(default_factory=dict)
    content_type: str = "text/html"
    html: str = ""
    text: str = ""
    main_text: str = ""
    title: str = ""
    lang: str = ""
    links: tuple[Link, ...] = ()
    images: tuple[str, ...] = ()  # absolute URLs of the images the page shows
    redirects: tuple[str, ...] = ()  # the URLs that redirected, in order, before final_url
    probes: Mapping[str, Any] = dataclasses.field(default_factory=dict)
    timings: Mapping[str, float] = dataclasses.field(default_factory=dict)
    depth: int = 0
    kind: str = "other"
    fetched_at: datetime = dataclasses.field(default_factory=utcnow)
    error: str | None = None

    def __post_init__(self) -> None:
        if not self.final_url:
            object.__setattr__(self, "final_url", self.url)

    @cached_property
    def dom(self) -> BeautifulSoup:
        """The parsed DOM, built on first use and cached. A snapshot made from another with
        `dataclasses.replace` (the engine sets `kind` that way, after classifying by the DOM)
        shares its DOM while the other one holds it, instead of parsing the HTML again."""
        html = self.html or ""
        dom = _PARSED.get(html)
        if dom is None:
            dom = BeautifulSoup(html, "lxml")
            _PARSED[html] = dom
        return dom

    @cached_property
    def _memo(self) -> dict[str, Any]:
        return {}

    def with_kind(self, kind: str) -> PageSnapshot:
        """This snapshot with its page kind, keeping what was derived while classifying it
        (the main content), so it is not parsed again for the checks."""
        classified = dataclasses.replace(self, kind=kind)
        classified._memo.update(self._memo)
        return classified

    def memo(self, key: str, compute: Callable[[], T]) -> T:
        """Compute a derived value once per snapshot and share it between checks (sentences,
        the detected language…). Checks stay pure; the snapshot is the cache."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    @property
    def language(self) -> str:
        """The primary language subtag of the declared language ('nl', 'en'), or ''."""
        return primary_language(self.lang or self.headers.get("content-language", ""))

    @property
    def is_html(self) -> bool:
        return "html" in self.content_type and self.error is None

    @property
    def path(self) -> str:
        return urlsplit(self.final_url).path or "/"


def primary_language(tag: str) -> str:
    tag = (tag or "").split(",")[0].strip().lower()
    return re.split(r"[-_]", tag, maxsplit=1)[0] if tag else ""


@dataclasses.dataclass(frozen=True, slots=True)
class PageSummary:
    """What site checks need of one page; kept for the whole crawl, so it stays small.

    `links` are the internal links in DOM order; `external` the other http(s), tel: and
    mailto: links; `anchors` the ids and `<a name>`s a #fragment can point to.
    """

    url: str
    final_url: str
    title: str
    depth: int
    status: int | None
    kind: str
    is_html: bool
    links: tuple[Link, ...] = ()
    external: tuple[Link, ...] = ()
    images: tuple[str, ...] = ()
    anchors: frozenset[str] = frozenset()
    redirects: tuple[str, ...] = ()
    facts: Mapping[str, Any] = dataclasses.field(default_factory=dict)

    @classmethod
    def of(cls, page: PageSnapshot, facts: Mapping[str, Any] | None = None) -> PageSummary:
        return cls(
            url=page.url,
            final_url=page.final_url,
            title=page.title,
            depth=page.depth,
            status=page.status,
            kind=page.kind,
            is_html=page.is_html,
            links=tuple(link for link in page.links if link.internal),
            external=tuple(link for link in page.links if not link.internal),
            images=page.images,
            anchors=_anchors(page) if page.is_html and page.html else frozenset(),
            redirects=page.redirects,
            facts=dict(facts or {}),
        )


def _anchors(page: PageSnapshot) -> frozenset[str]:
    dom = page.dom
    return frozenset(
        [str(el["id"]) for el in dom.select("[id]")]
        + [str(el["name"]) for el in dom.select("a[name]")]
    )


NOT_JUDGED_STATUSES = frozenset({401, 403, 405, 406, 429, 999})


@dataclasses.dataclass(frozen=True)
class LinkStatus(Record):
    """What checking one URL (a link target, an image) gave; once per URL per audit."""

    url: str
    status: int | None = None
    error: str = ""  # DNS, connection, timeout… ("" when a response came)
    final_url: str = ""
    redirects: int = 0
    content_type: str = ""

    @property
    def broken(self) -> bool:
        """Certainly broken for a customer. Answers that refuse a checker rather than a
        person (401, 403, 429, 999…) and time-outs are not judged: fewer findings that are
        right beat a list of false dead links."""
        if self.error:
            return not self.error.startswith("timeout")
        return (self.status or 0) >= 400 and self.status not in NOT_JUDGED_STATUSES


@dataclasses.dataclass(frozen=True)
class SiteSummary:
    """All pages of the audit (summaries only) and the start URLs: what site checks read."""

    start_urls: tuple[str, ...]
    pages: tuple[PageSummary, ...]
    fetched_at: datetime = dataclasses.field(default_factory=utcnow)
    link_status: Mapping[str, LinkStatus] = dataclasses.field(default_factory=dict)
    # The site-search probe's outcome (see checks/findability/site_search_broken.py)
    search: Mapping[str, Any] = dataclasses.field(default_factory=dict)

    @property
    def html_pages(self) -> tuple[PageSummary, ...]:
        return tuple(p for p in self.pages if p.is_html and (p.status or 0) < 400)


# --------------------------------------------------------------------------------------------
# What checks produce
# --------------------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Finding(Record):
    """One problem on one page (or the site), produced by one check."""

    check_id: str
    pitfall: Pitfall
    severity: Severity
    message: str
    url: str
    selector: str = ""
    evidence: str = ""
    wcag: tuple[str, ...] = ()
    en301549: tuple[str, ...] = ()
    legal: bool = False
    help_url: str = ""
    needs_review: bool = False
    highlights: tuple[str, ...] = ()  # parts of the evidence to mark (hard words, a date)
    signature: str = ""
    fingerprint: str = ""

    def __post_init__(self) -> None:
        if not self.fingerprint:
            object.__setattr__(self, "fingerprint", self.compute_fingerprint())

    @property
    def group_key(self) -> str:
        """What makes two findings the same fix: the check and the element signature."""
        return short_hash(self.check_id, self.signature or self.evidence or self.message)

    def compute_fingerprint(self) -> str:
        """Stable across unrelated edits and hosts: check id + URL path + element signature.

        The signature is set by the check from the element's tag, id, classes or accessible
        name; it never holds a positional selector. Without one, the evidence text is hashed.
        """
        parts = urlsplit(self.url)
        origin = f"{parts.scheme}://{parts.netloc}"
        element = self.signature or self.evidence or self.message
        # Same-site URLs inside the signature (a dead link's target) count without their
        # origin, like the page itself: a baseline from staging or another port still holds.
        if parts.netloc:
            element = element.replace(origin, "")
        return short_hash(self.check_id, parts.path or "/", element)


@dataclasses.dataclass(frozen=True)
class Issue(Record):
    """Findings that share one fix (same check, same element or evidence, many pages)."""

    id: str
    check_id: str
    pitfall: Pitfall
    severity: Severity
    title: str
    message: str
    priority: float
    why: str
    page_count: int
    example_urls: tuple[str, ...]
    fingerprints: tuple[str, ...]
    selector: str = ""
    evidence: str = ""
    legal: bool = False
    help_url: str = ""
    needs_review: bool = False
    wcag: tuple[str, ...] = ()
    highlights: tuple[str, ...] = ()
    screenshot: str = ""  # base64 PNG of the element on the first page, with a highlight


@dataclasses.dataclass(frozen=True)
class PageResult(Record):
    """One audited URL as it appears in report.json (no HTML, no DOM)."""

    url: str
    final_url: str
    status: int | None
    title: str
    depth: int
    lang: str
    kind: str
    content_type: str = "text/html"
    error: str | None = None
    metrics: Mapping[str, Any] = dataclasses.field(default_factory=dict)


@dataclasses.dataclass(frozen=True)
class CheckInfo(Record):
    """A check's public metadata, as report.json and SARIF carry it."""

    id: str
    pitfall: Pitfall
    severity: Severity
    title: str
    failure_title: str
    docs: str
    scope: str = "page"
    legal: bool = False
    wcag: tuple[str, ...] = ()
    en301549: tuple[str, ...] = ()
    fix: str = ""  # one line: how to fix it
    # The texts in other report languages: {"nl": {"title", "failure_title", "why", "fix"}}
    texts: Mapping[str, Mapping[str, str]] = dataclasses.field(default_factory=dict)

    def text(self, field: str, lang: str) -> str:
        """`field` ("title", "failure_title", "why", "fix") in `lang`, else in English."""
        translated = self.texts.get(lang, {}).get(field)
        if translated:
            return translated
        if field == "why":
            return docs_section(self.docs, "Why is this bad?")
        return str(getattr(self, field))


def docs_section(docs: str, heading: str) -> str:
    """The body of the `## heading` section of a check's docstring, as one paragraph."""
    lines, inside = [], False
    for line in docs.splitlines():
        if line.startswith("#"):
            inside = line.lstrip("#").strip().lower() == heading.lower()
            continue
        if inside:
            lines.append(line.strip())
    return " ".join(" ".join(lines).split())


@dataclasses.dataclass(frozen=True)
class AuditError(Record):
    """A page that failed or a check that raised; recorded, and the audit goes on."""

    url: str
    message: str
    check_id: str = ""


@dataclasses.dataclass(frozen=True)
class SkippedUrl(Record):
    url: str
    reason: str


@dataclasses.dataclass(frozen=True)
class AuditResult:
    """The one object every report renders. `report.json` is `to_dict()` of it."""

    tool: Mapping[str, str]
    started_at: datetime
    finished_at: datetime
    config: Mapping[str, Any]
    start_urls: tuple[str, ...]
    discovered: int
    pages: tuple[PageResult, ...]
    findings: tuple[Finding, ...]
    issues: tuple[Issue, ...]
    checks: tuple[CheckInfo, ...]
    skipped: tuple[SkippedUrl, ...] = ()
    not_audited: int = 0
    site_metrics: Mapping[str, Any] = dataclasses.field(default_factory=dict)
    suppressed: int = 0
    errors: tuple[AuditError, ...] = ()
    conformance: tuple[Mapping[str, Any], ...] = ()
    interrupted: bool = False
    # Run-over-run comparison from the history store (auditor/history.py); {} when none.
    history: Mapping[str, Any] = dataclasses.field(default_factory=dict)

    @property
    def audited(self) -> int:
        return len(self.pages)

    @property
    def failed_pages(self) -> tuple[PageResult, ...]:
        return tuple(p for p in self.pages if p.error)

    def to_dict(self) -> dict[str, Any]:
        return {
            "tool": dict(self.tool),
            "started_at": _iso(self.started_at),
            "finished_at": _iso(self.finished_at),
            "interrupted": self.interrupted,
            "config": dict(self.config),
            "site": {
                "start_urls": list(self.start_urls),
                "discovered": self.discovered,
                "audited": self.audited,
                "not_audited": self.not_audited,
                "metrics": dict(self.site_metrics),
                "skipped": [s.to_dict() for s in self.skipped],
            },
            "pages": [p.to_dict() for p in self.pages],
            "findings": [f.to_dict() for f in self.findings],
            "issues": [i.to_dict() for i in self.issues],
            "checks": [c.to_dict() for c in self.checks],
            "suppressed": self.suppressed,
            "conformance": [dict(c) for c in self.conformance],
            "errors": [e.to_dict() for e in self.errors],
            "history": dict(self.history),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> AuditResult:
        site = data["site"]
        return cls(
            tool=dict(data["tool"]),
            started_at=_from_iso(data["started_at"]) or utcnow(),
            finished_at=_from_iso(data["finished_at"]) or utcnow(),
            interrupted=bool(data.get("interrupted", False)),
            config=dict(data.get("config", {})),
            start_urls=tuple(site["start_urls"]),
            discovered=int(site["discovered"]),
            not_audited=int(site.get("not_audited", 0)),
            site_metrics=dict(site.get("metrics", {})),
            skipped=tuple(SkippedUrl.from_dict(s) for s in site.get("skipped", [])),
            pages=tuple(PageResult.from_dict(p) for p in data["pages"]),
            findings=tuple(Finding.from_dict(f) for f in data["findings"]),
            issues=tuple(Issue.from_dict(i) for i in data["issues"]),
            checks=tuple(CheckInfo.from_dict(c) for c in data["checks"]),
            suppressed=int(data.get("suppressed", 0)),
            conformance=tuple(data.get("conformance", [])),
            errors=tuple(AuditError.from_dict(e) for e in data.get("errors", [])),
            history=dict(data.get("history", {})),
        )
