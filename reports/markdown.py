"""report.md: a short summary for pull-request comments and GitHub's job summary.

The site, the pages, the gate and its counts by severity, the issues per pitfall, the top 10
issues and a pointer to report.html. Text that comes from the audited site goes through
`md_text` (every ASCII punctuation character backslash-escaped, line breaks removed, @mentions
and #references broken) or `md_code` (URLs, as code spans). So a page cannot put links, images,
HTML or table cells into a comment.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path

from auditor.model import AuditResult, Issue, Pitfall, Severity
from reports.html import check_for, issue_title

TOP = 10
DEFAULT_FAIL_ON = "serious"  # AuditConfig's default, for results that do not record it

UI: Mapping[str, Mapping[str, str]] = {
    "en": {
        "heading": "cx-audit: {site}",
        "more_sites": " and {n} more",
        "pages": "{audited} pages audited, {failed} failed ({date})",
        "gate_failed": "Gate `--fail-on {level}`: **failed**, {n} issues at or above {severity}.",
        "gate_passed": "Gate `--fail-on {level}`: **passed**, no issues at or above {severity}.",
        "gate_none": "No gate (`--fail-on never`).",
        "severity": "Severity",
        "issues": "Issues",
        "gate": "Counts for the gate",
        "yes": "yes",
        "no": "no",
        "review": "Not counted: {n} issues that need a person's review.",
        "baseline": "Only issues new since the baseline count ({n} known issues not counted).",
        "pitfalls": "Issues per pitfall",
        "pitfall": "Pitfall",
        "not_checked": "not checked",
        "top": "Top {n} issues",
        "issue": "Issue",
        "page_count": "Pages",
        "no_issues": "No issues found.",
        "full_report": "Every issue, with how to fix it, is in the full report: `report.html`.",
        "severity.critical": "critical",
        "severity.serious": "serious",
        "severity.moderate": "moderate",
        "severity.minor": "minor",
    },
    "nl": {
        "heading": "cx-audit: {site}",
        "more_sites": " en nog {n}",
        "pages": "{audited} pagina's onderzocht, {failed} mislukt ({date})",
        "gate_failed": "Drempel `--fail-on {level}`: **niet gehaald**, {n} problemen van "
        "{severity} of erger.",
        "gate_passed": "Drempel `--fail-on {level}`: **gehaald**, geen problemen van "
        "{severity} of erger.",
        "gate_none": "Geen drempel (`--fail-on never`).",
        "severity": "Ernst",
        "issues": "Problemen",
        "gate": "Telt voor de drempel",
        "yes": "ja",
        "no": "nee",
        "review": "Niet meegeteld: {n} problemen die een mens moet beoordelen.",
        "baseline": "Alleen problemen die nieuw zijn sinds de baseline tellen mee ({n} bekende "
        "problemen niet meegeteld).",
        "pitfalls": "Problemen per valkuil",
        "pitfall": "Valkuil",
        "not_checked": "niet onderzocht",
        "top": "Top {n} problemen",
        "issue": "Probleem",
        "page_count": "Pagina's",
        "no_issues": "Geen problemen gevonden.",
        "full_report": "Alle problemen, met hoe je ze oplost, staan in het volledige rapport: "
        "`report.html`.",
        "severity.critical": "kritiek",
        "severity.serious": "ernstig",
        "severity.moderate": "matig",
        "severity.minor": "klein",
    },
}

_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
_SPACE = re.compile(r"[\s\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def md_text(value: object) -> str:
    """Page-derived text as literal Markdown: one line, every ASCII punctuation character
    backslash-escaped (no links, images, HTML, emphasis or table cells), and a zero-width
    space after @ and # so GitHub makes no mentions or issue references."""
    text = _SPACE.sub(" ", str(value)).strip()
    return _PUNCTUATION.sub(r"\\\1", text).replace("@", "@\u200b").replace("#", "#\u200b")


def md_code(value: object) -> str:
    """Page-derived text as an inline code span (for URLs: no autolinks, no mentions)."""
    text = _SPACE.sub(" ", str(value)).strip()
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith(("`", " ")) or text.endswith(("`", " ")) else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def strings(lang: str) -> Mapping[str, str]:
    if lang not in UI:
        raise ValueError(f"unsupported report language {lang!r}; choose from {', '.join(UI)}")
    return UI[lang]


def render(result: AuditResult, lang: str = "en") -> str:
    t = strings(lang)
    lines = [*_header(result, t), "", *_gate(result, t), "", *_pitfalls(result, t, lang), ""]
    lines += [*_top(result, t, lang), "", t["full_report"]]
    return "\n".join(lines) + "\n"


def _header(result: AuditResult, t: Mapping[str, str]) -> list[str]:
    urls = result.start_urls
    site = md_code(urls[0]) if urls else "?"
    if len(urls) > 1:
        site += t["more_sites"].format(n=len(urls) - 1)
    pages = t["pages"].format(
        audited=result.audited,
        failed=len(result.failed_pages),
        date=result.started_at.date().isoformat(),
    )
    return [f"## {t['heading'].format(site=site)}", "", pages]


def _gate(result: AuditResult, t: Mapping[str, str]) -> list[str]:
    """The `--fail-on` verdict and the counts it is based on: issues that need review never
    count; with `baseline_fingerprints` in the config only new issues count (as the CLI's gate
    does). Pitfall budgets are not shown here."""
    fail_on = str(result.config.get("fail_on") or DEFAULT_FAIL_ON)
    threshold = None if fail_on not in set(Severity) else Severity(fail_on)
    gating = [i for i in result.issues if not i.needs_review]
    baseline = result.config.get("baseline_fingerprints")
    counted = gating if baseline is None else _new(gating, frozenset(baseline))
    counts = {s: sum(1 for i in counted if i.severity is s) for s in Severity}
    if threshold is None:
        verdict = t["gate_none"]
    else:
        failing = sum(n for s, n in counts.items() if s.at_least(threshold))
        key = "gate_failed" if failing else "gate_passed"
        name = t[f"severity.{threshold.value}"]
        verdict = t[key].format(level=threshold.value, n=failing, severity=name)
    lines = [verdict, "", f"| {t['severity']} | {t['issues']} | {t['gate']} |", "|---|--:|---|"]
    for severity, n in counts.items():
        gated = threshold is not None and severity.at_least(threshold)
        lines.append(f"| {t[f'severity.{severity.value}']} | {n} | {t['yes' if gated else 'no']} |")
    notes = []
    if baseline is not None:
        notes.append(t["baseline"].format(n=len(gating) - len(counted)))
    if len(result.issues) > len(gating):
        notes.append(t["review"].format(n=len(result.issues) - len(gating)))
    return [*lines, "", " ".join(notes)] if notes else lines


def _new(issues: list[Issue], accepted: frozenset[str]) -> list[Issue]:
    """Issues with a finding whose fingerprint the baseline does not hold."""
    return [i for i in issues if any(fp not in accepted for fp in i.fingerprints)]


def _pitfalls(result: AuditResult, t: Mapping[str, str], lang: str) -> list[str]:
    checked = {c.pitfall for c in result.checks} | {i.pitfall for i in result.issues}
    lines = [f"### {t['pitfalls']}", "", f"| {t['pitfall']} | {t['issues']} |", "|---|--:|"]
    for pitfall in Pitfall:
        n = sum(1 for i in result.issues if i.pitfall is pitfall)
        lines.append(f"| {pitfall.names[lang]} | {n if pitfall in checked else t['not_checked']} |")
    return lines


def _top(result: AuditResult, t: Mapping[str, str], lang: str) -> list[str]:
    top = result.issues[:TOP]
    if not top:
        return [t["no_issues"]]
    header = f"| # | {t['severity']} | {t['issue']} | {t['page_count']} |"
    lines = [f"### {t['top'].format(n=len(top))}", "", header, "|--:|---|---|--:|"]
    checks = {c.id: c for c in result.checks}
    for rank, issue in enumerate(top, start=1):
        title = md_text(issue_title(issue, check_for(issue.check_id, checks), lang))
        severity = t[f"severity.{issue.severity.value}"]
        lines.append(f"| {rank} | {severity} | {title} | {issue.page_count} |")
    return lines


def append_step_summary(markdown: str, env: Mapping[str, str] = os.environ) -> Path | None:
    """Appends `markdown` to GitHub's job summary (the file $GITHUB_STEP_SUMMARY names).

    Returns the file's path, or None when the variable is unset or empty (not on GitHub).
    """
    name = env.get("GITHUB_STEP_SUMMARY", "")
    if not name:
        return None
    path = Path(name)
    with path.open("a", encoding="utf-8") as summary:
        summary.write(markdown if markdown.endswith("\n") else f"{markdown}\n")
    return path
