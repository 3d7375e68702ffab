"""The HTML report: one self-contained file (inline CSS, no external requests).

Everything that came from an audited page is rendered as text by Jinja2's autoescape and is
never marked safe; audited URLs become links only when they are http(s).
"""

from __future__ import annotations

import dataclasses
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from auditor.conformance import summary as conformance_summary
from auditor.model import (
    AuditError,
    AuditResult,
    CheckInfo,
    Finding,
    Issue,
    PageResult,
    Pitfall,
    Severity,
)
from reports.i18n import strings

EXAMPLE_LIMIT = 5
"""Example URLs shown per issue; the rest is summarised as "and N more"."""

OPEN_FINDINGS_LIMIT = 5
"""A page's findings list starts collapsed when it is longer than this."""

_DOCS_HEADING = re.compile(r"^#+\s+(.*)$")


def is_web_url(value: object) -> bool:
    """Only http(s) URLs may become links: never `javascript:`, `data:` or the like."""
    return isinstance(value, str) and value.lower().startswith(("http://", "https://"))


_BASE64_PNG = re.compile(r"^iVBORw0KGgo[A-Za-z0-9+/]*={0,2}$")


def is_base64_png(value: object) -> bool:
    """Only a real base64 PNG may become an image (report.json can be edited by anyone)."""
    return isinstance(value, str) and bool(_BASE64_PNG.match(value))


def highlight(text: str, parts: Sequence[str]) -> Markup:
    """`text` escaped, with each of `parts` (hard words, a date) wrapped in <mark>."""
    wanted = sorted({p for p in parts if p}, key=len, reverse=True)
    if not wanted:
        return Markup(escape(text))
    pattern = re.compile("|".join(re.escape(p) for p in wanted), re.IGNORECASE)
    out, last = [], 0
    for match in pattern.finditer(text):
        out.append(escape(text[last : match.start()]))
        out.append(Markup("<mark>%s</mark>") % match.group(0))
        last = match.end()
    out.append(escape(text[last:]))
    return Markup("").join(out)


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("reports", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.tests["web_url"] = is_web_url
    env.tests["base64_png"] = is_base64_png
    env.filters["highlight"] = highlight
    return env


_ENV = _environment()


@dataclasses.dataclass(frozen=True)
class PitfallSummary:
    name: str
    why: str
    counts: Mapping[Severity, int]
    checked: bool

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclasses.dataclass(frozen=True)
class DocSection:
    heading: str
    body: str


@dataclasses.dataclass(frozen=True)
class IssueView:
    rank: int
    issue: Issue
    check: CheckInfo | None
    docs: tuple[DocSection, ...]
    examples: tuple[str, ...]
    more: int


@dataclasses.dataclass(frozen=True)
class RuleRef:
    """A rule or check id in the conformance table; `issue_rank` links it to its first issue."""

    id: str
    issue_rank: int | None


@dataclasses.dataclass(frozen=True)
class ConformanceRow:
    """One success criterion as the report shows it, in the report language."""

    sc: str
    level: str
    title: str
    url: str
    en301549: str | None
    obsolete: bool
    status: str
    pages: int
    failing: tuple[RuleRef, ...]
    review: tuple[RuleRef, ...]
    rules: tuple[str, ...]
    examples: tuple[str, ...]


@dataclasses.dataclass(frozen=True)
class FindingView:
    finding: Finding
    issue_rank: int | None


@dataclasses.dataclass(frozen=True)
class PageView:
    page: PageResult
    findings: tuple[FindingView, ...]


def render(result: AuditResult, lang: str = "en") -> str:
    """The report as one HTML document in `lang` ("en" or "nl")."""
    t = strings(lang)
    views = issue_views(result)
    template = _ENV.get_template("report.html.j2")
    return template.render(
        lang=lang,
        t=t,
        result=result,
        severities=list(Severity),
        started=result.started_at.strftime("%Y-%m-%d %H:%M %Z").strip(),
        duration=(result.finished_at - result.started_at).total_seconds(),
        pitfalls=pitfall_summaries(result, lang),
        conformance=conformance_rows(result.conformance, views, lang),
        conformance_counts=conformance_summary(result.conformance),
        standard=standard_name(result, t),
        issues=views,
        readability=readability_overview(result),
        pages=page_views(result, {fp: v.rank for v in views for fp in v.issue.fingerprints}),
        page_errors=page_errors(result),
        check_errors=[e for e in result.errors if e.check_id],
        open_limit=OPEN_FINDINGS_LIMIT,
        num=number_formatter(lang),
        kind=lambda value: t.get(f"kind.{value}", value),
    )


WORST_PAGES = 10


def readability_overview(result: AuditResult) -> dict[str, Any]:
    """Site level: how many pages per reading level, and the hardest pages first."""
    scored = [p for p in result.pages if isinstance(p.metrics.get("reading_ease"), int | float)]
    levels: dict[str, int] = defaultdict(int)
    for page in scored:
        levels[str(page.metrics.get("readability_level", "?"))] += 1
    return {
        "scored": len(scored),
        "not_scored": sum(
            1 for p in result.pages if p.metrics.get("readability_level") == "not scored"
        ),
        "levels": sorted(levels.items()),
        "worst": sorted(scored, key=lambda p: p.metrics["reading_ease"])[:WORST_PAGES],
    }


def number_formatter(lang: str) -> Callable[[Any], str]:
    """Formats numbers for the report language (decimal comma in Dutch); other values as-is."""

    def fmt(value: Any) -> str:
        if isinstance(value, bool) or not isinstance(value, int | float):
            return str(value)
        text = f"{value:,.1f}" if isinstance(value, float) else f"{value:,}"
        if lang == "nl":
            text = text.translate(str.maketrans({",": ".", ".": ","}))
        return text

    return fmt


def pitfall_summaries(result: AuditResult, lang: str) -> list[PitfallSummary]:
    """All eight pitfalls in order, with issue counts by severity and whether any check ran."""
    counts: dict[Pitfall, dict[Severity, int]] = {p: dict.fromkeys(Severity, 0) for p in Pitfall}
    for issue in result.issues:
        counts[issue.pitfall][issue.severity] += 1
    checked = {check.pitfall for check in result.checks}
    return [PitfallSummary(p.names[lang], p.why[lang], counts[p], p in checked) for p in Pitfall]


def check_for(check_id: str, checks: Mapping[str, CheckInfo]) -> CheckInfo | None:
    """The check behind a finding; `axe/<rule>` findings belong to the check `axe`."""
    return checks.get(check_id) or checks.get(check_id.split("/", 1)[0])


def doc_sections(docs: str) -> tuple[DocSection, ...]:
    """Splits a check's docstring at its `## Heading` lines; the first line is the summary."""
    sections = [DocSection("", "")]
    for line in docs.splitlines():
        match = _DOCS_HEADING.match(line)
        if match:
            sections.append(DocSection(match.group(1).strip(), ""))
        else:
            last = sections[-1]
            sections[-1] = DocSection(last.heading, f"{last.body}\n{line}")
    return tuple(
        DocSection(s.heading, s.body.strip()) for s in sections if s.heading or s.body.strip()
    )


def issue_views(result: AuditResult) -> list[IssueView]:
    """The issues in the order given (already ranked), with their check and example URLs."""
    checks = {c.id: c for c in result.checks}
    views = []
    for rank, issue in enumerate(result.issues, start=1):
        check = check_for(issue.check_id, checks)
        examples = issue.example_urls[:EXAMPLE_LIMIT]
        total = max(issue.page_count, len(issue.example_urls))
        docs = doc_sections(check.docs) if check else ()
        views.append(IssueView(rank, issue, check, docs, examples, total - len(examples)))
    return views


def standard_name(result: AuditResult, t: Mapping[str, str]) -> str:
    """The audited standard in the report language, e.g. "WCAG 2.2 level A and AA"."""
    standard = str(result.config.get("standard") or "")
    return t.get(f"standard.{standard}", standard or "WCAG")


def conformance_rows(
    rows: Iterable[Mapping[str, Any]], issues: Iterable[IssueView], lang: str
) -> list[ConformanceRow]:
    """The conformance table's rows, with failing rules linked to their highest-ranked issue."""
    first_rank: dict[str, int] = {}
    for view in issues:
        first_rank.setdefault(view.issue.check_id, view.rank)

    def refs(ids: Iterable[str]) -> tuple[RuleRef, ...]:
        return tuple(RuleRef(i, first_rank.get(i)) for i in ids)

    views = []
    for row in rows:
        failing, review = row.get("failing_checks", ()), row.get("review_rules", ())
        views.append(
            ConformanceRow(
                sc=row["sc"],
                level=row["level"],
                title=row["title"].get(lang) or row["title"]["en"],
                url=row.get("url", ""),
                en301549=row.get("en301549"),
                obsolete=bool(row.get("obsolete")),
                status=row["status"],
                pages=row.get("pages_failing") or row.get("pages_review") or 0,
                failing=refs(failing),
                review=refs(review),
                rules=tuple(r for r in row.get("rules", ()) if r not in {*failing, *review}),
                examples=tuple(row.get("example_urls", ())),
            )
        )
    return views


def page_views(result: AuditResult, rank_by_fingerprint: Mapping[str, int]) -> list[PageView]:
    """Each page with its findings (matched on requested or final URL), grouped in one pass."""
    by_url: dict[str, list[Finding]] = defaultdict(list)
    for finding in result.findings:
        by_url[finding.url].append(finding)
    views = []
    for page in result.pages:
        urls = dict.fromkeys((page.url, page.final_url))
        findings = [f for url in urls for f in by_url.get(url, ())]
        findings.sort(key=lambda f: f.severity.rank)
        items = tuple(FindingView(f, rank_by_fingerprint.get(f.fingerprint)) for f in findings)
        views.append(PageView(page, items))
    return views


def page_errors(result: AuditResult) -> list[AuditError]:
    """Pages that failed: from the pages themselves and from page-level errors, once each."""
    errors = {p.url: AuditError(p.url, p.error or "") for p in result.failed_pages}
    for error in result.errors:
        if not error.check_id:
            errors.setdefault(error.url, error)
    return list(errors.values())
