from auditor.model import Severity
from auditor.testing import make_page
from checks.accessibility.axe import CHECK, en301549_clauses, wcag_criteria

IMAGE_ALT = {
    "id": "image-alt",
    "impact": "critical",
    "tags": ["cat.text-alternatives", "wcag2a", "wcag111", "EN-301-549", "EN-9.1.1.1", "ACT"],
    "help": "Images must have alternative text",
    "helpUrl": "https://dequeuniversity.com/rules/axe/4.12/image-alt",
    "nodes": [
        {
            "target": ["main > img:nth-child(3)"],
            "html": '<img src="/img/meter.png">',
            "impact": "critical",
            "failureSummary": "Fix any of the following",
        },
    ],
}
BEST_PRACTICE = {
    "id": "region",
    "impact": "moderate",
    "tags": ["cat.keyboard", "best-practice"],
    "help": "All page content should be contained by landmarks",
    "helpUrl": "https://x",
    "nodes": [{"target": ["p"], "html": "<p>x</p>", "impact": "moderate"}],
}


def test_violation_becomes_finding_with_criteria_and_clauses():
    page = make_page(
        "<html><body><img src='/img/meter.png'></body></html>",
        probes={"axe": {"violations": [IMAGE_ALT]}},
    )
    [finding] = CHECK.execute(page)
    assert finding.check_id == "axe/image-alt"
    assert finding.severity is Severity.CRITICAL
    assert finding.wcag == ("1.1.1",)
    assert finding.en301549 == ("9.1.1.1",)
    assert finding.legal is True
    assert finding.selector == "main > img:nth-child(3)"
    assert finding.evidence == '<img src="/img/meter.png">'
    assert finding.help_url.endswith("image-alt")


def test_fingerprint_ignores_position_in_selector():
    moved = {
        **IMAGE_ALT,
        "nodes": [{**IMAGE_ALT["nodes"][0], "target": ["div > img:nth-child(9)"]}],
    }
    a = CHECK.execute(make_page("<p>", probes={"axe": {"violations": [IMAGE_ALT]}}))[0]
    b = CHECK.execute(make_page("<p>", probes={"axe": {"violations": [moved]}}))[0]
    assert a.fingerprint == b.fingerprint


def test_best_practice_rule_is_not_a_legal_failure():
    page = make_page("<p>x</p>", probes={"axe": {"violations": [BEST_PRACTICE]}})
    [finding] = CHECK.execute(page)
    assert finding.legal is False
    assert finding.wcag == ()
    assert finding.message.endswith("(best practice)")


def test_clean_page_has_no_findings():
    page = make_page("<p>x</p>", probes={"axe": {"violations": [], "incomplete": []}})
    assert CHECK.execute(page) == []


def test_tag_parsing():
    assert wcag_criteria(["wcag1410", "wcag2aa", "wcag412", "wcag21aa"]) == ("1.4.10", "4.1.2")
    assert en301549_clauses(["EN-301-549", "EN-9.4.1.2"]) == ("9.4.1.2",)


def test_elements_beyond_the_probe_cap_are_counted_on_the_last_finding():
    nodes = [
        {"target": [f"a:nth-child({n})"], "html": f'<a href="/d{n}">{n}</a>', "impact": "serious"}
        for n in range(3)
    ]
    rule = {**IMAGE_ALT, "id": "target-size", "nodes": nodes, "nodeCount": 10_000}
    page = make_page("<html><body></body></html>", probes={"axe": {"violations": [rule]}})
    findings = CHECK.execute(page)
    assert len(findings) == 3
    assert findings[-1].message.endswith("(and 9997 more elements on this page)")
    assert "more elements" not in findings[0].message


def test_no_count_note_when_every_element_is_there():
    rule = {**IMAGE_ALT, "nodeCount": 1}
    page = make_page("<html><body></body></html>", probes={"axe": {"violations": [rule]}})
    [finding] = CHECK.execute(page)
    assert finding.message == IMAGE_ALT["help"]
