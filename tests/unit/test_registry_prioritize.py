import pytest

from auditor.model import Finding, Link, PageSummary, Pitfall, Severity, SiteSummary
from auditor.prioritize import prioritize
from auditor.registry import keep_finding, select_checks
from checks import ALL_CHECKS, BY_ID

BASE = "https://voorbeeld.nl"


def ids(checks):
    return [c.id for c in checks]


def test_select_by_id_pitfall_and_glob():
    assert ids(select_checks(ALL_CHECKS, ["readability-level"])) == ["readability-level"]
    escalation = {c.id for c in ALL_CHECKS if c.pitfall.value == "escalation"}
    assert {"contact-phone-visible", "no-phone-anywhere"} <= escalation
    assert set(ids(select_checks(ALL_CHECKS, ["escalation"]))) == escalation
    assert set(ids(select_checks(ALL_CHECKS, ["contact-*"]))) == {
        c for c in escalation if c.startswith("contact-")
    }
    assert ids(select_checks(ALL_CHECKS, ["axe/color-contrast"])) == ["axe"]
    assert "axe" not in ids(select_checks(ALL_CHECKS, [], ["accessibility"]))


def test_unknown_id_is_an_error():
    with pytest.raises(ValueError, match="unknown check"):
        select_checks(ALL_CHECKS, ["no-such-check"])


def finding(check_id, url, severity=Severity.SERIOUS, signature="sig", legal=False):
    return Finding(
        check_id=check_id,
        pitfall=Pitfall.ACCESSIBILITY,
        severity=severity,
        message=f"{check_id} message",
        url=url,
        signature=signature,
        legal=legal,
    )


def test_keep_finding_filters_rules_below_axe():
    contrast = finding("axe/color-contrast", BASE + "/")
    alt = finding("axe/image-alt", BASE + "/")
    assert keep_finding(contrast, ["axe/color-contrast"]) and not keep_finding(
        alt, ["axe/color-contrast"]
    )
    assert not keep_finding(contrast, [], ["axe/color-*"]) and keep_finding(
        alt, [], ["axe/color-*"]
    )


def site(n):
    pages = [
        PageSummary(
            url=f"{BASE}/p{i}",
            final_url=f"{BASE}/p{i}",
            title="",
            depth=2,
            status=200,
            kind="other",
            is_html=True,
            links=(Link(f"{BASE}/p0", "x", True),),
        )
        for i in range(n)
    ]
    return SiteSummary(start_urls=(f"{BASE}/p0",), pages=tuple(pages))


def test_same_element_on_many_pages_is_one_issue_ranked_above_a_single_page():
    infos = {c.id: c.info for c in ALL_CHECKS}
    findings = [
        finding("axe/image-alt", f"{BASE}/p{i}", signature="img|src=/logo.png", legal=True)
        for i in range(8)
    ]
    findings.append(finding("axe/label", f"{BASE}/p3", signature="input|name=q", legal=True))
    issues = prioritize(findings, site(10), infos)
    assert [i.check_id for i in issues] == ["axe/image-alt", "axe/label"]
    assert issues[0].page_count == 8
    assert "8 of 10 pages" in issues[0].why and "start page" in issues[0].why
    assert issues[0].priority > issues[1].priority


def test_severity_and_legal_weigh_in():
    infos = {c.id: c.info for c in ALL_CHECKS}
    minor = finding("axe/a", f"{BASE}/p1", Severity.MINOR, "a")
    critical = finding("axe/b", f"{BASE}/p1", Severity.CRITICAL, "b")
    legal = finding("axe/c", f"{BASE}/p1", Severity.MINOR, "c", legal=True)
    issues = {i.check_id: i for i in prioritize([minor, critical, legal], site(4), infos)}
    assert issues["axe/b"].priority > issues["axe/a"].priority
    assert issues["axe/c"].priority == pytest.approx(issues["axe/a"].priority * 1.5, rel=0.03)


def test_check_metadata_is_complete():
    for check in ALL_CHECKS:
        assert check.id and check.title and check.failure_title
        assert "Why is this bad?" in check.docs, check.id
        assert BY_ID[check.id] is check


def test_opt_in_checks_run_only_when_named():
    default = ids(select_checks(ALL_CHECKS))
    assert "focus-visible" not in default and "reflow-320" in default
    assert "focus-visible" in ids(select_checks(ALL_CHECKS, extend=["focus-visible"]))
    assert "focus-visible" in ids(select_checks(ALL_CHECKS, ["focus-*"]))
    assert "focus-visible" not in ids(select_checks(ALL_CHECKS, ["accessibility"]))
    extended = ids(select_checks(ALL_CHECKS, ["readability-level"], extend=["focus-visible"]))
    assert extended == ["focus-visible", "readability-level"]
