"""report.junit.xml: read back with junitparser (what GitLab and Jenkins plugins parse)."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest
from junitparser import Error, Failure, JUnitXml, Skipped, TestCase, TestSuite
from lxml import etree

from auditor.model import AuditError, AuditResult, CheckInfo, Finding, Pitfall, Severity
from reports import FORMATS, junit
from tests.sample_result import CONTACT, HOME, OUTAGE, sample_result

SCRIPT = "<script>alert(1)</script>"
BREAKOUT = '"><img src=x onerror=alert(1)>'
CONTROL = "\x00\x08\x0b\x1b\ufffe"


def parse(result: AuditResult, tmp_path: Path, lang: str = "en") -> JUnitXml:
    """Written to a file and read back, as a CI server does."""
    path = tmp_path / "report.junit.xml"
    path.write_text(junit.render(result, lang), encoding="utf-8")
    xml = JUnitXml.fromfile(str(path))
    assert isinstance(xml, JUnitXml)
    return xml


def suites(xml: JUnitXml) -> dict[str, TestSuite]:
    return {suite.name: suite for suite in xml}


def outcome(case: TestCase) -> Any:
    (result,) = case.result
    return result


def finding(**changes: Any) -> Finding:
    base = Finding(
        "contact-phone-visible",
        Pitfall.ESCALATION,
        Severity.SERIOUS,
        "No phone number is visible on the contact page.",
        CONTACT,
    )
    return dataclasses.replace(base, **{"fingerprint": "", **changes})


def check(check_id: str, pitfall: Pitfall = Pitfall.ESCALATION) -> CheckInfo:
    return CheckInfo(check_id, pitfall, Severity.SERIOUS, f"{check_id} ok", f"{check_id} fails", "")


def small(*findings: Finding, checks: tuple[CheckInfo, ...] = (), **changes: Any) -> AuditResult:
    return dataclasses.replace(
        sample_result(), findings=findings, checks=checks, errors=(), **changes
    )


# --------------------------------------------------------------------------------------------
# structure and counts
# --------------------------------------------------------------------------------------------


def test_sample_suites_cases_and_counts(tmp_path: Path) -> None:
    xml = parse(sample_result(), tmp_path)
    by_name = suites(xml)
    assert list(by_name) == ["Accessibility", "Language", "Escalation", "pages"]
    counts = {name: (s.tests, s.failures, s.errors, s.skipped) for name, s in by_name.items()}
    assert counts == {
        "Accessibility": (5, 5, 0, 0),  # image-alt on 3 pages, label, color-contrast
        "Language": (3, 2, 1, 0),  # readability on 2 pages; the check raised on the portal
        "Escalation": (3, 3, 0, 0),  # phone on the contact page; contact link on 2 pages
        "pages": (1, 0, 1, 0),  # the outage page timed out
    }
    assert (xml.tests, xml.failures, xml.errors, xml.skipped) == (12, 10, 2, 0)


def test_count_attributes_match_the_cases(tmp_path: Path) -> None:
    xml = parse(sample_result(), tmp_path)
    for suite in xml:
        cases = list(suite)
        kinds = [type(r) for case in cases for r in case.result]
        assert suite.tests == len(cases)
        assert suite.failures == kinds.count(Failure)
        assert suite.errors == kinds.count(Error)
        assert suite.skipped == kinds.count(Skipped)
    assert xml.tests == sum(s.tests for s in xml)
    assert xml.failures == sum(s.failures for s in xml)


def test_a_failing_case_per_check_and_page(tmp_path: Path) -> None:
    result = sample_result()
    accessibility = suites(parse(result, tmp_path))["Accessibility"]
    pairs = [(case.classname, case.name) for case in accessibility]
    expected = [(f.check_id, f.url) for f in result.findings if f.check_id.startswith("axe/")]
    assert pairs == expected
    label = next(c for c in accessibility if c.classname == "axe/label")
    failure = outcome(label)
    assert isinstance(failure, Failure)
    assert failure.type == "critical"
    assert failure.message == "Form elements must have labels"
    assert "selector: #postcode" in failure.text
    assert 'evidence: <input id="postcode" type="text" placeholder="1234 AB">' in failure.text


def test_findings_of_one_check_on_one_page_are_one_case(tmp_path: Path) -> None:
    one = finding(signature="a", severity=Severity.MODERATE)
    two = finding(signature="b", message="Second problem.", severity=Severity.CRITICAL)
    result = small(one, two, checks=(check("contact-phone-visible"),))
    (case,) = list(suites(parse(result, tmp_path))["Escalation"])
    failure = outcome(case)
    assert failure.type == "critical"  # the worst of the two
    assert failure.message == "contact-phone-visible fails (2×)"
    assert "No phone number is visible" in failure.text and "Second problem." in failure.text


def test_checks_without_findings_pass_once_for_all_pages(tmp_path: Path) -> None:
    checks = (check("contact-phone-visible"), check("contact-email-visible"))
    xml = parse(small(finding(), checks=checks), tmp_path)
    cases = {(c.classname, c.name): c for c in suites(xml)["Escalation"]}
    assert set(cases) == {
        ("contact-phone-visible", CONTACT),
        ("contact-email-visible", junit.ALL_PAGES),
    }
    assert cases[("contact-email-visible", "all pages")].is_passed
    assert not cases[("contact-phone-visible", CONTACT)].is_passed


def test_the_axe_check_does_not_pass_when_axe_rules_failed(tmp_path: Path) -> None:
    xml = parse(sample_result(), tmp_path)
    names = [(c.classname, c.name) for suite in xml for c in suite]
    assert ("axe", junit.ALL_PAGES) not in names


def test_findings_that_need_review_are_skipped_not_failed(tmp_path: Path) -> None:
    review = finding(needs_review=True)
    xml = parse(small(review, checks=(check("contact-phone-visible"),)), tmp_path)
    (case,) = list(suites(xml)["Escalation"])
    assert case.is_skipped and not case.is_passed
    assert xml.failures == 0 and xml.skipped == 1


def test_failed_pages_are_errors_in_the_pages_suite(tmp_path: Path) -> None:
    pages = suites(parse(sample_result(), tmp_path))["pages"]
    (case,) = list(pages)
    assert (case.classname, case.name) == ("pages", OUTAGE)
    error = outcome(case)
    assert isinstance(error, Error)
    assert error.message == "Timeout 30000ms exceeded while loading the page"


def test_a_check_that_raised_is_an_error_in_its_pitfall(tmp_path: Path) -> None:
    language = suites(parse(sample_result(), tmp_path))["Language"]
    errors = [c for c in language if any(isinstance(r, Error) for r in c.result)]
    assert [(c.classname, outcome(c).message) for c in errors] == [
        ("readability-level", "ZeroDivisionError: division by zero")
    ]


@pytest.mark.parametrize(("lang", "name"), [("en", "Escalation"), ("nl", "Escalatiemogelijkheid")])
def test_suites_are_named_in_the_report_language(tmp_path: Path, lang: str, name: str) -> None:
    xml = parse(sample_result(), tmp_path, lang)
    assert name in suites(xml)


def test_no_findings_no_checks_is_an_empty_but_valid_report(tmp_path: Path) -> None:
    xml = parse(small(pages=()), tmp_path)
    assert (xml.tests, xml.failures, xml.errors) == (0, 0, 0)


# --------------------------------------------------------------------------------------------
# escaping
# --------------------------------------------------------------------------------------------


def hostile_result() -> AuditResult:
    payload = f"{SCRIPT}{BREAKOUT}{CONTROL}&amp;]]>"
    result = sample_result()
    first = dataclasses.replace(
        result.findings[0],
        url=f"https://example.nl/{BREAKOUT}{CONTROL}",
        message=payload,
        selector=payload,
        evidence=payload,
    )
    page = dataclasses.replace(result.pages[-1], error=payload)
    errors = (AuditError(HOME, payload, check_id="readability-level"),)
    return dataclasses.replace(
        result,
        findings=(first, *result.findings[1:]),
        pages=(*result.pages[:-1], page),
        errors=errors,
    )


def test_hostile_text_is_escaped_and_illegal_characters_removed(tmp_path: Path) -> None:
    text = junit.render(hostile_result(), "en")
    strict = etree.fromstring(text.encode("utf-8"), etree.XMLParser(recover=False))
    tags = {element.tag for element in strict.iter()}
    assert tags <= {"testsuites", "testsuite", "testcase", "failure", "error", "skipped"}
    assert not any(ch in text for ch in CONTROL)
    xml = parse(hostile_result(), tmp_path)
    clean = f"{SCRIPT}{BREAKOUT}&amp;]]>"
    case = next(c for suite in xml for c in suite if c.classname == "axe/image-alt")
    assert case.name == f"https://example.nl/{BREAKOUT}"
    failure = outcome(case)
    assert failure.message == clean
    assert f"selector: {clean}" in failure.text
    assert f"evidence: {clean}" in failure.text
    page_error = outcome(next(iter(suites(xml)["pages"])))
    assert page_error.message == clean
    check_error = next(c for c in suites(xml)["Language"] if c.name == HOME)
    assert outcome(check_error).message == clean


def test_multi_line_messages_survive_in_attributes(tmp_path: Path) -> None:
    lines = finding(message="first line\nsecond line")
    xml = parse(small(lines), tmp_path)
    (case,) = list(suites(xml)["Escalation"])
    assert outcome(case).message == "first line\nsecond line"


def test_xml_text_keeps_tab_newline_and_non_ascii() -> None:
    assert junit.xml_text("a\tb\nc\rd ü € 😀") == "a\tb\nc\rd ü € 😀"
    assert junit.xml_text(f"x{CONTROL}\ud800y") == "xy"


def test_junit_is_a_registered_format() -> None:
    assert FORMATS["junit"].filename == "report.junit.xml"
