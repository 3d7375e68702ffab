"""report.junit.xml: the findings as JUnit test results, for GitLab merge requests and Jenkins.

One `<testsuite>` per pitfall (named in the report language). Each check with findings on a
page is one failing `<testcase>` (classname = check id, name = page URL). Each check that ran
with no findings at all is one passing testcase named "all pages". A check whose findings on a
page all need a person's review is a skipped testcase, not a failure. A check that raised on a
page is an `<error>` testcase. Pages that failed to load are `<error>` testcases in the suite
"pages". The XML is built with xml.etree, which escapes markup. Characters that XML 1.0 cannot
hold are removed from the text first.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from auditor.model import AuditError, AuditResult, CheckInfo, Finding, Pitfall

ALL_PAGES = "all pages"
PAGES_SUITE = "pages"
# Characters outside XML 1.0's Char production (C0 controls but tab/LF/CR, surrogates, FFFE/FFFF)
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_COUNTS = ("tests", "failures", "errors", "skipped")


def xml_text(value: object) -> str:
    """`value` as text XML 1.0 can carry: characters it forbids are dropped."""
    return _NOT_XML.sub("", str(value))


@dataclass
class Suite:
    name: str
    cases: list[ET.Element] = field(default_factory=list)


def render(result: AuditResult, lang: str = "en") -> str:
    root = ET.Element("testsuites", name="cx-audit")
    seconds = max((result.finished_at - result.started_at).total_seconds(), 0.0)
    timestamp = result.started_at.strftime("%Y-%m-%dT%H:%M:%S")
    for suite in _suites(result, lang):
        root.append(_suite_element(suite, timestamp))
    for key in _COUNTS:
        root.set(key, str(sum(int(s.get(key, "0")) for s in root.findall("testsuite"))))
    root.set("time", f"{seconds:.3f}")
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'


def _suites(result: AuditResult, lang: str) -> list[Suite]:
    checks = {c.id: c for c in result.checks}
    suites = {p: Suite(p.names.get(lang, p.names["en"])) for p in Pitfall}
    # (check id, page URL) -> its findings; `axe/<rule>` findings belong to the check `axe`
    groups: dict[tuple[str, str], list[Finding]] = {}
    for finding in result.findings:
        groups.setdefault((finding.check_id, finding.url), []).append(finding)
    for (check_id, url), findings in groups.items():
        check = _check_for(check_id, checks)
        suites[findings[0].pitfall].cases.append(
            _finding_case(check_id, url, findings, check, lang)
        )
    pages = Suite(PAGES_SUITE)
    for error in _check_errors(result):
        check = checks.get(error.check_id)
        target = suites[check.pitfall] if check else pages
        target.cases.append(_error_case(error.check_id, error.url, error.message, "check-error"))
    found = {check_id.split("/", 1)[0] for check_id, _url in groups} | {c for c, _u in groups}
    for check in result.checks:
        if check.id not in found:
            suites[check.pitfall].cases.append(_case(check.id, ALL_PAGES))
    for url, message in _page_errors(result):
        pages.cases.append(_error_case(PAGES_SUITE, url, message, "page-error"))
    return [s for s in (*suites.values(), pages) if s.cases]


def _check_for(check_id: str, checks: Mapping[str, CheckInfo]) -> CheckInfo | None:
    return checks.get(check_id) or checks.get(check_id.split("/", 1)[0])


def _check_errors(result: AuditResult) -> list[AuditError]:
    return [e for e in result.errors if e.check_id]


def _page_errors(result: AuditResult) -> list[tuple[str, str]]:
    """Failed pages, and errors naming no check for URLs that are not among them."""
    errors = {p.url: p.error or "" for p in result.failed_pages}
    for error in result.errors:
        if not error.check_id:
            errors.setdefault(error.url, error.message)
    return list(errors.items())


def _case(classname: str, name: str) -> ET.Element:
    return ET.Element("testcase", classname=xml_text(classname), name=xml_text(name), time="0")


def _finding_case(
    check_id: str, url: str, findings: list[Finding], check: CheckInfo | None, lang: str
) -> ET.Element:
    case = _case(check_id, url)
    failing = [f for f in findings if not f.needs_review]
    shown = failing or findings
    worst = min((f.severity for f in shown), key=lambda s: s.rank)
    title = findings[0].message
    if check is not None and check.id == check_id:
        title = check.text("failure_title", lang)
    count = f" ({len(shown)}×)" if len(shown) > 1 else ""
    if failing:
        outcome = ET.SubElement(case, "failure", type=worst.value)
    else:
        outcome = ET.SubElement(case, "skipped", type="needs-review")
    outcome.set("message", xml_text(f"{title}{count}"))
    outcome.text = xml_text(_details(shown))
    return case


def _details(findings: Iterable[Finding]) -> str:
    blocks = []
    for finding in findings:
        lines = [f"[{finding.severity.value}] {finding.message}"]
        if finding.selector:
            lines.append(f"selector: {finding.selector}")
        if finding.evidence:
            lines.append(f"evidence: {finding.evidence}")
        if finding.wcag:
            lines.append(f"WCAG: {', '.join(finding.wcag)}")
        if finding.help_url:
            lines.append(f"help: {finding.help_url}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def _error_case(classname: str, url: str, message: str, kind: str) -> ET.Element:
    case = _case(classname, url)
    error = ET.SubElement(case, "error", type=kind, message=xml_text(message))
    error.text = xml_text(message)
    return case


def _suite_element(suite: Suite, timestamp: str) -> ET.Element:
    element = ET.Element("testsuite", name=xml_text(suite.name), timestamp=timestamp)
    element.extend(suite.cases)
    counts = {
        "tests": len(suite.cases),
        "failures": sum(1 for c in suite.cases if c.find("failure") is not None),
        "errors": sum(1 for c in suite.cases if c.find("error") is not None),
        "skipped": sum(1 for c in suite.cases if c.find("skipped") is not None),
    }
    for key in _COUNTS:
        element.set(key, str(counts[key]))
    element.set("time", "0")
    return element
