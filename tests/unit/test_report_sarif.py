"""report.sarif: valid SARIF 2.1.0 (the OASIS schema), rules, locations, fingerprints, baseline."""

from __future__ import annotations

import dataclasses
import json
import re
from datetime import UTC, datetime, timedelta, timezone
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import jsonschema
import pytest

from auditor.model import AuditError, AuditResult, CheckInfo, Finding, Pitfall, Severity
from reports import FORMATS, sarif
from tests.sample_result import CONTACT, HOME, METER, sample_result

SCHEMA = Path(__file__).resolve().parents[1] / "data" / "sarif-schema-2.1.0.json"
HOSTILE = '<script>alert(1)</script>"><img src=x onerror=alert(1)>\x00\x1b'
# RFC 3986 characters (unreserved, reserved and %): what a URI reference may hold
URI_CHARS = re.compile(r"^[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*$")


@cache
def validator() -> jsonschema.protocols.Validator:
    schema = json.loads(SCHEMA.read_text("utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def schema_errors(log: dict[str, Any]) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator().iter_errors(log)]


def log_of(result: AuditResult, lang: str = "en") -> dict[str, Any]:
    return json.loads(sarif.render(result, lang))


def run_of(result: AuditResult, lang: str = "en") -> dict[str, Any]:
    runs = log_of(result, lang)["runs"]
    assert len(runs) == 1
    return runs[0]


def rules_by_id(run: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {rule["id"]: rule for rule in run["tool"]["driver"]["rules"]}


def with_findings(*findings: Finding, **changes: Any) -> AuditResult:
    return dataclasses.replace(sample_result(), findings=findings, **changes)


def finding(**changes: Any) -> Finding:
    base = Finding(
        "contact-phone-visible",
        Pitfall.ESCALATION,
        Severity.SERIOUS,
        "No phone number is visible on the contact page.",
        CONTACT,
    )
    return dataclasses.replace(base, **{"fingerprint": "", **changes})  # "": computed anew


# --------------------------------------------------------------------------------------------
# the schema
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_sample_is_valid_sarif_2_1_0(lang: str) -> None:
    log = log_of(sample_result(), lang)
    assert log["version"] == "2.1.0"
    assert log["$schema"].endswith("sarif-schema-2.1.0.json")
    assert schema_errors(log) == []


def test_the_schema_check_can_fail() -> None:
    log = log_of(sample_result())
    log["runs"][0]["results"][0]["level"] = "fatal"
    del log["runs"][0]["tool"]["driver"]["name"]
    errors = schema_errors(log)
    assert any("'fatal' is not one of" in e for e in errors)
    assert any("'name' is a required property" in e for e in errors)


def test_hostile_page_text_still_gives_a_valid_log() -> None:
    hostile = finding(
        url=f"https://example.nl/a b/{HOSTILE}?q=ü",
        message=HOSTILE,
        selector=HOSTILE,
        evidence=HOSTILE,
    )
    errors = (AuditError(f"https://example.nl/{HOSTILE}", HOSTILE, check_id="axe"),)
    log = log_of(with_findings(hostile, errors=errors))
    assert schema_errors(log) == []
    result = log["runs"][0]["results"][0]
    assert result["message"]["text"] == HOSTILE
    assert result["properties"]["evidence"] == HOSTILE
    uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert URI_CHARS.match(uri), uri
    assert unquote(uri) == hostile.url


def test_empty_audit_is_valid() -> None:
    result = dataclasses.replace(
        sample_result(), findings=(), issues=(), checks=(), errors=(), start_urls=(), pages=()
    )
    log = log_of(result)
    assert schema_errors(log) == []
    assert log["runs"][0]["results"] == []


# --------------------------------------------------------------------------------------------
# results
# --------------------------------------------------------------------------------------------


def test_one_result_per_finding_and_its_rule_index_points_at_its_rule() -> None:
    result = sample_result()
    run = run_of(result)
    rules = run["tool"]["driver"]["rules"]
    assert [r["ruleId"] for r in run["results"]] == [f.check_id for f in result.findings]
    for item in run["results"]:
        assert rules[item["ruleIndex"]]["id"] == item["ruleId"]
    assert [r["message"]["text"] for r in run["results"]] == [f.message for f in result.findings]


@pytest.mark.parametrize(
    ("severity", "level"),
    [
        (Severity.CRITICAL, "error"),
        (Severity.SERIOUS, "error"),
        (Severity.MODERATE, "warning"),
        (Severity.MINOR, "note"),
    ],
)
def test_level_follows_severity(severity: Severity, level: str) -> None:
    (item,) = run_of(with_findings(finding(severity=severity)))["results"]
    assert (item["kind"], item["level"]) == ("fail", level)
    assert item["properties"]["severity"] == severity.value


def test_a_finding_that_needs_review_is_a_review_with_level_none() -> None:
    result = with_findings(finding(needs_review=True, severity=Severity.CRITICAL))
    (item,) = run_of(result)["results"]
    assert (item["kind"], item["level"]) == ("review", "none")
    assert schema_errors(log_of(result)) == []


def test_location_names_the_page_url_and_the_selector() -> None:
    result = sample_result()
    label = next(f for f in result.findings if f.check_id == "axe/label")
    item = run_of(with_findings(label))["results"][0]
    (location,) = item["locations"]
    assert location["physicalLocation"]["artifactLocation"]["uri"] == label.url
    assert location["logicalLocations"] == [
        {"name": "#postcode", "fullyQualifiedName": "#postcode", "kind": "element"}
    ]
    assert item["properties"]["evidence"] == label.evidence
    assert "region" not in location["physicalLocation"]  # no made-up line numbers


def test_site_level_finding_names_its_url_and_no_element() -> None:
    result = sample_result()
    linked = next(f for f in result.findings if f.check_id == "contact-page-linked")
    assert next(c for c in result.checks if c.id == linked.check_id).scope == "site"
    (item,) = run_of(with_findings(linked))["results"]
    (location,) = item["locations"]
    assert location["physicalLocation"]["artifactLocation"]["uri"] == linked.url == METER
    assert "logicalLocations" not in location
    assert "evidence" not in item["properties"]


def test_fingerprints_are_the_findings_and_stable_across_renders_and_round_trips() -> None:
    result = sample_result()
    prints = [r["partialFingerprints"]["cxAudit/v1"] for r in run_of(result)["results"]]
    assert prints == [f.fingerprint for f in result.findings]
    assert all(re.fullmatch(r"[0-9a-f]{8,}", p) for p in prints)
    assert len(set(prints)) == len(prints)
    again = AuditResult.from_dict(json.loads(json.dumps(result.to_dict())))
    assert sarif.render(again, "en") == sarif.render(result, "en")


def test_fingerprint_ignores_the_message_but_not_the_page() -> None:
    first = finding(signature="template")
    reworded = finding(signature="template", message="Reworded.")
    elsewhere = finding(signature="template", url=HOME)
    prints = [
        r["partialFingerprints"]["cxAudit/v1"]
        for r in run_of(with_findings(first, reworded, elsewhere))["results"]
    ]
    assert prints[0] == prints[1] != prints[2]


def test_no_baseline_means_no_baseline_state() -> None:
    assert all("baselineState" not in r for r in run_of(sample_result())["results"])


def test_baseline_fingerprints_mark_results_unchanged_or_new() -> None:
    result = sample_result()
    accepted = [result.findings[0].fingerprint, result.findings[3].fingerprint, "0" * 16]
    config = {**result.config, "baseline_fingerprints": accepted}
    log = log_of(dataclasses.replace(result, config=config))
    states = [r["baselineState"] for r in log["runs"][0]["results"]]
    expected = ["new"] * len(result.findings)
    expected[0] = expected[3] = "unchanged"
    assert states == expected
    assert schema_errors(log) == []


def test_empty_baseline_makes_every_result_new() -> None:
    result = sample_result()
    run = run_of(dataclasses.replace(result, config={"baseline_fingerprints": []}))
    assert {r["baselineState"] for r in run["results"]} == {"new"}


# --------------------------------------------------------------------------------------------
# rules
# --------------------------------------------------------------------------------------------


def test_a_rule_for_every_check_that_ran_and_every_axe_rule_found() -> None:
    result = sample_result()
    rules = rules_by_id(run_of(result))
    expected = {c.id for c in result.checks} | {f.check_id for f in result.findings}
    assert set(rules) == expected
    assert {"axe/image-alt", "axe/label", "axe/color-contrast"} <= set(rules)
    assert len(run_of(result)["tool"]["driver"]["rules"]) == len(rules)  # no duplicates


def test_check_rule_carries_title_why_docs_and_metadata() -> None:
    result = sample_result()
    axe = next(c for c in result.checks if c.id == "axe")
    rule = rules_by_id(run_of(result))["axe"]
    assert rule["shortDescription"]["text"] == axe.title
    assert rule["fullDescription"]["text"] == (
        "Every violation is a barrier for customers who use a screen reader, a keyboard or "
        "magnification."
    )
    assert rule["help"]["text"] == axe.docs
    assert rule["help"]["markdown"] == axe.docs
    assert rule["defaultConfiguration"]["level"] == "error"
    assert rule["properties"]["pitfall"] == "accessibility"
    assert rule["properties"]["severity"] == "serious"
    assert "legal" in rule["properties"]["tags"]


def test_check_rule_without_a_why_section_falls_back_to_its_failure_title() -> None:
    rule = rules_by_id(run_of(sample_result()))["readability-level"]
    assert rule["fullDescription"]["text"] == "The main text is harder to read than the target"
    assert "legal" not in rule["properties"]["tags"]


def test_check_rule_tags_name_wcag_and_en_301_549_and_help_uri_comes_from_findings() -> None:
    check = CheckInfo(
        "reflow-320",
        Pitfall.ACCESSIBILITY,
        Severity.SERIOUS,
        "Content reflows at 320 px",
        "Content does not reflow at 320 px",
        "reflow-320.\n\n## Why is this bad?\nZoomed pages scroll sideways.",
        legal=True,
        wcag=("1.4.10",),
        en301549=("9.1.4.10",),
    )
    help_url = "https://www.w3.org/WAI/WCAG22/Understanding/reflow.html"
    hit = finding(check_id="reflow-320", pitfall=Pitfall.ACCESSIBILITY, help_url=help_url)
    run = run_of(with_findings(hit, checks=(check,)))
    rule = rules_by_id(run)["reflow-320"]
    assert rule["properties"]["tags"] == [
        "accessibility",
        "WCAG 1.4.10",
        "EN 301 549 9.1.4.10",
        "legal",
    ]
    assert rule["helpUri"] == help_url
    assert rule["fullDescription"]["text"] == "Zoomed pages scroll sideways."


def test_axe_rule_has_the_axe_message_help_uri_and_tags() -> None:
    result = sample_result()
    image_alt = next(f for f in result.findings if f.check_id == "axe/image-alt")
    rule = rules_by_id(run_of(result))["axe/image-alt"]
    assert rule["shortDescription"]["text"] == "Images must have alternative text"
    assert rule["helpUri"] == image_alt.help_url
    assert image_alt.help_url in rule["help"]["text"]
    assert rule["properties"]["tags"] == [
        "accessibility",
        "WCAG 1.1.1",
        "EN 301 549 9.1.1.1",
        "legal",
    ]
    assert rule["properties"]["parent"] == "axe"
    assert rule["defaultConfiguration"]["level"] == "error"


def test_axe_rule_level_is_its_worst_finding() -> None:
    mild = finding(check_id="axe/region", pitfall=Pitfall.ACCESSIBILITY, severity=Severity.MINOR)
    worse = dataclasses.replace(mild, severity=Severity.MODERATE, url=HOME)
    rule = rules_by_id(run_of(with_findings(mild, worse)))["axe/region"]
    assert rule["defaultConfiguration"]["level"] == "warning"


def test_rule_texts_are_in_the_report_language() -> None:
    result = sample_result()
    texts = {"nl": {"title": "Er staat een telefoonnummer", "why": "Klanten willen bellen."}}
    checks = tuple(
        dataclasses.replace(c, texts=texts) if c.id == "contact-phone-visible" else c
        for c in result.checks
    )
    result = dataclasses.replace(result, checks=checks)
    dutch = rules_by_id(run_of(result, "nl"))["contact-phone-visible"]
    english = rules_by_id(run_of(result, "en"))["contact-phone-visible"]
    assert dutch["shortDescription"]["text"] == "Er staat een telefoonnummer"
    assert dutch["fullDescription"]["text"] == "Klanten willen bellen."
    assert english["shortDescription"]["text"] == "A phone number is visible on the contact page"
    assert run_of(result, "nl")["language"] == "nl"


# --------------------------------------------------------------------------------------------
# the run
# --------------------------------------------------------------------------------------------


def test_driver_invocation_automation_and_versions() -> None:
    run = run_of(sample_result())
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("cx-audit", "0.1.0")
    assert driver["informationUri"].startswith("https://")
    (invocation,) = run["invocations"]
    assert invocation["executionSuccessful"] is True
    assert invocation["startTimeUtc"] == "2025-11-20T09:30:00Z"
    assert invocation["endTimeUtc"] == "2025-11-20T09:31:12Z"
    automation = run["automationDetails"]["id"]
    assert automation == "cx-audit/www.energie-voorbeeld.nl/2025-11-20T09:30:00Z"
    assert run["properties"]["axeCore"] == "4.10.2"
    assert run["properties"]["chromium"] == "131.0.6778.33"
    assert run["properties"]["pagesAudited"] == 6 and run["properties"]["pagesFailed"] == 1


def test_interrupted_audit_is_not_a_successful_execution() -> None:
    run = run_of(dataclasses.replace(sample_result(), interrupted=True))
    assert run["invocations"][0]["executionSuccessful"] is False


def test_errors_become_tool_notifications() -> None:
    notes = run_of(sample_result())["invocations"][0]["toolExecutionNotifications"]
    assert [n["message"]["text"] for n in notes] == [
        "Timeout 30000ms exceeded while loading the page",
        "ZeroDivisionError: division by zero",
    ]
    assert "associatedRule" not in notes[0]
    assert notes[1]["associatedRule"] == {"id": "readability-level"}
    uri = notes[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri.endswith("/hulp/storing")


def test_times_are_utc_with_z_whatever_the_offset() -> None:
    amsterdam = timezone(timedelta(hours=1))
    assert sarif.utc(datetime(2025, 11, 20, 10, 30, tzinfo=amsterdam)) == "2025-11-20T09:30:00Z"
    assert sarif.utc(datetime(2025, 11, 20, 9, 30, tzinfo=UTC)) == "2025-11-20T09:30:00Z"


def test_sarif_is_a_registered_format() -> None:
    assert FORMATS["sarif"].filename == "report.sarif"
    assert FORMATS["sarif"].render(sample_result(), "en") == sarif.render(sample_result(), "en")
