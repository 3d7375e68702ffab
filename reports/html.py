"""The HTML report: one self-contained file (inline CSS, no external requests).

Everything that came from an audited page is rendered as text by Jinja2's autoescape and is
never marked safe; audited URLs become links only when they are http(s).
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from auditor import i18n_checks
from auditor.conformance import summary as conformance_summary
from auditor.model import (
    SEVERITY_WEIGHTS,
    AuditError,
    AuditResult,
    CheckInfo,
    Finding,
    Issue,
    PageResult,
    Pitfall,
    Severity,
)
from auditor.prioritize import LEGAL_FACTOR
from auditor.scores import PENALTY, result_scores
from reports.charts import build_charts
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
    pitfall: Pitfall
    name: str
    why: str
    counts: Mapping[Severity, int]
    checked: bool
    score: int | None

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
    title: str  # in the report language
    why: str  # why it matters, in the report language
    fix: str  # how to fix, in the report language
    rank_reason: str  # why it ranks here, in the report language
    pages: str = ""  # the per-page view's numbers of its pages, for the filter ("1 4 9")


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
    number: int  # 1-based, the anchor page-<number> and the issue filter's value
    page: PageResult
    findings: tuple[FindingView, ...]


def render(result: AuditResult, lang: str = "en") -> str:
    """The report as one HTML document in `lang` ("en" or "nl")."""
    t = strings(lang)
    views = issue_views(result, lang)
    template = _ENV.get_template("report.html.j2")
    return template.render(
        lang=lang,
        t=t,
        result=result,
        csp=content_security_policy(),
        filter_js=Markup(FILTER_JS),
        fixes=[v for v in views if not v.issue.needs_review][:TOP_FIXES],
        penalties={s.value: round(p * 100) for s, p in PENALTY.items()},
        methodology=methodology(result),
        history=history_view(result, lang),
        detail_limit=ISSUE_DETAIL_LIMIT,
        severities=list(Severity),
        started=result.started_at.strftime("%Y-%m-%d %H:%M %Z").strip(),
        duration=(result.finished_at - result.started_at).total_seconds(),
        pitfalls=pitfall_summaries(result, lang),
        conformance=conformance_rows(result.conformance, views, lang),
        conformance_counts=conformance_summary(result.conformance),
        standard=standard_name(result, t),
        issues=views,
        readability=readability_overview(result),
        charts=build_charts(result, lang),
        pages=page_views(result, {fp: v.rank for v in views for fp in v.issue.fingerprints}),
        page_errors=page_errors(result),
        check_errors=[e for e in result.errors if e.check_id],
        open_limit=OPEN_FINDINGS_LIMIT,
        num=number_formatter(lang),
        kind=lambda value: t.get(f"kind.{value}", value),
    )


WORST_PAGES = 10
TOP_FIXES = 10
TREND_POINTS = 10
ISSUE_DETAIL_LIMIT = 100
"""Issues shown in full (evidence, docs, screenshot); the rest are one table row each, so
that a 1,000-page report stays small and opens quickly."""

FILTER_JS = """
(function () {
  var form = document.getElementById("issue-filter");
  var status = document.getElementById("filter-status");
  var issues = Array.prototype.slice.call(document.querySelectorAll(".issue[data-pitfall]"));
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details").forEach(function (d) { d.open = true; });
  });
  if (!form || !status) { return; }
  form.hidden = false;
  function apply() {
    var pitfall = form.elements.pitfall.value;
    var severity = form.elements.severity.value;
    var page = form.elements.page.value;
    var shown = 0;
    issues.forEach(function (el) {
      var ok = (!pitfall || el.dataset.pitfall === pitfall) &&
        (!severity || el.dataset.severity === severity) &&
        (!page || (" " + el.dataset.pages + " ").indexOf(" " + page + " ") >= 0);
      el.hidden = !ok;
      if (ok) { shown += 1; }
    });
    status.textContent = status.dataset.template
      .replace("{n}", shown).replace("{total}", issues.length);
  }
  form.addEventListener("change", apply);
  form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
})();
"""
"""The issue filter (progressive enhancement: without JavaScript the form stays hidden and
every issue shows) and opening all <details> before printing."""


def history_view(result: AuditResult, lang: str) -> dict[str, Any] | None:
    """The comparison with the previous audit (auditor/history.py), ready to show: titles in
    the report language, and per pitfall its scores over time and the change since last."""
    history = result.history
    if not history.get("trend"):
        return None
    checks = {c.id: c for c in result.checks}

    def title(summary: Mapping[str, Any]) -> str:
        check_id = str(summary.get("check_id", ""))
        check = check_for(check_id, checks)
        if check is not None and "/" in check_id:
            rule = i18n_checks.axe_rule_text(check_id.split("/", 1)[1], lang)
            return (rule or {}).get("help") or str(summary.get("title", ""))
        if check is not None and summary.get("title") == check.failure_title:
            return check.text("failure_title", lang)
        return str(summary.get("title", ""))

    def items(key: str) -> list[dict[str, Any]]:
        return [
            {**s, "title": title(s), "severity": Severity(s["severity"])}
            for s in history.get(key, ())
            if s.get("severity") in {v.value for v in Severity}
        ]

    trend = list(history["trend"])[-TREND_POINTS:]
    previous = history.get("previous") or {}
    rows = []
    for pitfall in Pitfall:
        scores = [point.get("scores", {}).get(pitfall.value) for point in trend]
        before = (previous.get("scores") or {}).get(pitfall.value)
        now = scores[-1] if scores else None
        change = now - before if isinstance(now, int) and isinstance(before, int) else None
        rows.append({"name": pitfall.names[lang], "scores": scores, "change": change})
    return {
        "previous": str(previous.get("started_at", ""))[:16].replace("T", " "),
        "dates": [str(p.get("started_at", ""))[:10] for p in trend],
        "rows": rows,
        "new": items("new"),
        "fixed": items("fixed"),
        "not_rechecked": items("not_rechecked"),
        "newly_audited": items("newly_audited"),
        "unchanged": len(history.get("unchanged", ())),
    }


def content_security_policy() -> str:
    """Nothing loads from outside; the only script that may run is FILTER_JS (by its hash)."""
    digest = base64.b64encode(hashlib.sha256(FILTER_JS.encode("utf-8")).digest()).decode()
    return (
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
        f"script-src 'sha256-{digest}'; base-uri 'none'; form-action 'none'"
    )


def methodology(result: AuditResult) -> dict[str, Any]:
    """What the report's method section states: settings, checks by pitfall, and the
    success criteria that no automated rule covers (a person must check them)."""
    config = result.config
    checks_by_pitfall: dict[Pitfall, list[str]] = defaultdict(list)
    for check in result.checks:
        checks_by_pitfall[check.pitfall].append(check.id)
    return {
        "checks": [(p, sorted(checks_by_pitfall[p])) for p in Pitfall if checks_by_pitfall[p]],
        "settings": {
            key: config[key]
            for key in (
                "max_pages",
                "max_depth",
                "concurrency",
                "timeout",
                "rate_limit",
                "standard",
                "best_practice",
                "ignore_robots",
                "search_probe",
                "now",
            )
            if key in config
        },
        "manual": [row for row in result.conformance if row.get("status") == "not-testable"],
        "review": [row for row in result.conformance if row.get("status") == "needs-review"],
    }


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
    scores = result_scores(result)
    return [
        PitfallSummary(p, p.names[lang], p.why[lang], counts[p], p in checked, scores[p])
        for p in Pitfall
    ]


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


def issue_views(result: AuditResult, lang: str = "en") -> list[IssueView]:
    """The issues in the order given (already ranked), with their check, example URLs and
    texts in the report language."""
    checks = {c.id: c for c in result.checks}
    page_numbers = _page_numbers(result)
    urls_by_fingerprint: dict[str, set[str]] = defaultdict(set)
    for finding in result.findings:
        urls_by_fingerprint[finding.fingerprint].add(finding.url)
    views = []
    for rank, issue in enumerate(result.issues, start=1):
        check = check_for(issue.check_id, checks)
        examples = issue.example_urls[:EXAMPLE_LIMIT]
        total = max(issue.page_count, len(issue.example_urls))
        docs = doc_sections(check.docs) if check else ()
        urls = {u for fp in issue.fingerprints for u in urls_by_fingerprint.get(fp, ())}
        numbers = sorted(
            {page_numbers[u] for u in urls | set(issue.example_urls) if u in page_numbers}
        )
        views.append(
            IssueView(
                rank,
                issue,
                check,
                docs,
                examples,
                total - len(examples),
                title=issue_title(issue, check, lang),
                why=check.text("why", lang) if check else "",
                fix=issue_fix(issue, check, lang),
                rank_reason=rank_reason(issue, result, lang),
                pages=" ".join(map(str, numbers)),
            )
        )
    return views


def _page_numbers(result: AuditResult) -> dict[str, int]:
    """Requested and final URL of each page -> its number in the per-page view (1-based)."""
    numbers: dict[str, int] = {}
    for number, page in enumerate(result.pages, start=1):
        numbers.setdefault(page.url, number)
        numbers.setdefault(page.final_url, number)
    return numbers


def issue_title(issue: Issue, check: CheckInfo | None, lang: str) -> str:
    """The issue's title in `lang`: a check's translated failure title; an axe rule's help
    text from axe-core's locale when there is one; else the title as recorded."""
    if check is None:
        return issue.title
    if "/" in issue.check_id:
        rule = i18n_checks.axe_rule_text(issue.check_id.split("/", 1)[1], lang)
        return (rule or {}).get("help") or issue.title
    if issue.title == check.failure_title:
        return check.text("failure_title", lang)
    return issue.title


def issue_fix(issue: Issue, check: CheckInfo | None, lang: str) -> str:
    """How to fix it: an axe rule's own instruction ("Ensure …") when the language has it,
    else the check's fix line."""
    if check is None:
        return ""
    if "/" in issue.check_id:
        rule = i18n_checks.axe_rule_text(issue.check_id.split("/", 1)[1], lang)
        if rule and rule.get("description"):
            return " ".join(p for p in (f"{rule['description']}.", check.text("fix", lang)) if p)
    return check.text("fix", lang)


def rank_reason(issue: Issue, result: AuditResult, lang: str) -> str:
    """Why the issue ranks where it does: as recorded (English), or rebuilt in `lang` from
    the priority's parts."""
    if lang == "en" and issue.why:
        return issue.why
    t = strings(lang)
    weight = SEVERITY_WEIGHTS[issue.severity]
    legal = LEGAL_FACTOR if issue.legal else 1.0
    reach = issue.priority / (weight * legal)
    num = number_formatter(lang)
    where = t["rank_where"].format(n=num(issue.page_count), total=num(result.audited))
    if set(result.start_urls) & set(issue.example_urls):
        where += t["rank_start"]
    reason = t["rank_reason"].format(
        severity=t[f"severity.{issue.severity.value}"],
        weight=weight,
        reach=num(round(reach, 1)),
        where=where,
    )
    if issue.legal:
        reason += t["rank_legal"].format(factor=num(LEGAL_FACTOR))
    return reason + f" = {num(issue.priority)}"


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
    for number, page in enumerate(result.pages, start=1):
        urls = dict.fromkeys((page.url, page.final_url))
        findings = [f for url in urls for f in by_url.get(url, ())]
        findings.sort(key=lambda f: f.severity.rank)
        items = tuple(FindingView(f, rank_by_fingerprint.get(f.fingerprint)) for f in findings)
        views.append(PageView(number, page, items))
    return views


def page_errors(result: AuditResult) -> list[AuditError]:
    """Pages that failed: from the pages themselves and from page-level errors, once each."""
    errors = {p.url: AuditError(p.url, p.error or "") for p in result.failed_pages}
    for error in result.errors:
        if not error.check_id:
            errors.setdefault(error.url, error)
    return list(errors.values())
