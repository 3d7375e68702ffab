"""The conformance table: the WCAG data file, the rule tally, statuses, standards and the report."""

from __future__ import annotations

import dataclasses
import json
import re
from collections import Counter
from collections.abc import Sequence
from importlib.resources import files

import pytest
from bs4 import BeautifulSoup, Tag

from auditor.conformance import (
    EXAMPLE_LIMIT,
    STATUSES,
    RuleTally,
    build_conformance,
    criteria,
    criteria_for,
    summary,
)
from auditor.model import Finding, Pitfall, Severity
from reports import html as html_report
from reports.i18n import strings
from tests.sample_result import sample_result

WCAG22_ONLY = {"2.4.11", "2.5.7", "2.5.8", "3.2.6", "3.3.7", "3.3.8"}
TAGS = {
    "image-alt": ["cat.text-alternatives", "wcag2a", "wcag111", "EN-301-549", "EN-9.1.1.1"],
    "color-contrast": ["cat.color", "wcag2aa", "wcag143", "EN-301-549", "EN-9.1.4.3"],
    "color-contrast-enhanced": ["cat.color", "wcag2aaa", "wcag146"],
    "aria-valid-attr-value": ["cat.aria", "wcag2a", "wcag412", "EN-301-549", "EN-9.4.1.2"],
    "video-caption": ["cat.text-alternatives", "wcag2a", "wcag122", "EN-301-549"],
    "region": ["cat.keyboard", "best-practice"],
}


def axe(
    passes: Sequence[str] = (),
    violations: Sequence[str] = (),
    incomplete: Sequence[str] = (),
    inapplicable: Sequence[str] = (),
) -> dict[str, list[object]]:
    def rules(ids: Sequence[str]) -> list[object]:
        return [{"id": rule, "tags": TAGS[rule]} for rule in ids]

    return {
        "passes": rules(passes),
        "violations": rules(violations),
        "incomplete": rules(incomplete),
        "inapplicable": rules(inapplicable),
    }


def finding(check_id: str, url: str, wcag: Sequence[str], *, needs_review: bool = False) -> Finding:
    return Finding(
        check_id,
        Pitfall.ACCESSIBILITY,
        Severity.SERIOUS,
        "message",
        url,
        wcag=tuple(wcag),
        needs_review=needs_review,
        signature=url,
    )


def rows_by_sc(tally: RuleTally, findings: Sequence[Finding] = (), standard: str = "wcag22aa"):
    return {row["sc"]: row for row in build_conformance(tally, findings, standard)}


# --------------------------------------------------------------------------------------------
# checks/data/wcag22.json
# --------------------------------------------------------------------------------------------


def test_data_file_holds_every_wcag22_a_and_aa_criterion_plus_obsolete_parsing() -> None:
    counts = Counter((c.version, c.level) for c in criteria())
    assert counts == {
        ("2.0", "A"): 25,
        ("2.0", "AA"): 13,
        ("2.1", "A"): 5,
        ("2.1", "AA"): 7,
        ("2.2", "A"): 2,
        ("2.2", "AA"): 4,
    }
    current = [c for c in criteria() if not c.obsolete]
    assert Counter(c.level for c in current) == {"A": 31, "AA": 24}
    assert [c.id for c in criteria() if c.obsolete] == ["4.1.1"]
    assert {c.id for c in criteria() if c.version == "2.2"} == WCAG22_ONLY


def test_data_file_ids_are_unique_and_in_criterion_order() -> None:
    ids = [c.id for c in criteria()]
    assert len(ids) == len(set(ids)) == 56
    assert ids == sorted(ids, key=lambda i: tuple(map(int, i.split("."))))
    assert all(re.fullmatch(r"[1-4]\.\d\.\d{1,2}", i) for i in ids)


def test_every_criterion_has_both_titles_a_clause_or_null_and_an_understanding_url() -> None:
    for c in criteria():
        assert set(c.title) == {"en", "nl"} and all(t.strip() == t and t for t in c.title.values())
        if c.id in WCAG22_ONLY:
            assert c.en301549 is None, c.id
        else:
            assert c.en301549 == f"9.{c.id}" and re.fullmatch(r"9\.\d\.\d\.\d{1,2}", c.en301549)
        assert re.fullmatch(r"https://www\.w3\.org/WAI/WCAG22/Understanding/[a-z-]+\.html", c.url)


def test_official_titles() -> None:
    titles = {c.id: c.title for c in criteria()}
    assert titles["1.1.1"] == {"en": "Non-text Content", "nl": "Niet-tekstuele content"}
    assert titles["1.4.3"] == {"en": "Contrast (Minimum)", "nl": "Contrast (minimum)"}
    assert titles["2.1.1"] == {"en": "Keyboard", "nl": "Toetsenbord"}
    assert titles["3.2.6"] == {"en": "Consistent Help", "nl": "Consistente hulp"}
    assert titles["4.1.1"] == {"en": "Parsing", "nl": "Parsen"}


def test_data_file_is_package_data() -> None:
    resource = files("checks") / "data" / "wcag22.json"
    assert len(json.loads(resource.read_text(encoding="utf-8"))["criteria"]) == 56


# --------------------------------------------------------------------------------------------
# standards
# --------------------------------------------------------------------------------------------


def test_standards_select_their_criteria() -> None:
    wcag21 = [c.id for c in criteria_for("wcag21aa")]
    wcag22 = [c.id for c in criteria_for("wcag22aa")]
    en = [c.id for c in criteria_for("en301549")]
    assert (len(wcag21), len(wcag22), len(en)) == (50, 55, 50)
    assert "4.1.1" in wcag21 and "4.1.1" not in wcag22 and "4.1.1" in en
    assert set(wcag22) >= WCAG22_ONLY and not WCAG22_ONLY & set(wcag21)
    assert en == wcag21
    for standard in ("wcag21aa", "wcag22aa", "en301549"):
        assert len(build_conformance(RuleTally(), [], standard)) == len(criteria_for(standard))


def test_unknown_standard_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="unknown standard 'wcag3'"):
        criteria_for("wcag3")


# --------------------------------------------------------------------------------------------
# statuses
# --------------------------------------------------------------------------------------------


def test_statuses_follow_what_ran_and_what_it_found() -> None:
    tally = RuleTally()
    tally.add_axe(
        "https://e.nl/a",
        axe(
            passes=["color-contrast"],
            violations=["image-alt", "region"],
            incomplete=["aria-valid-attr-value"],
            inapplicable=["video-caption"],
        ),
    )
    tally.add_axe(
        "https://e.nl/b",
        axe(passes=["image-alt", "color-contrast"], inapplicable=["video-caption"]),
    )
    findings = [finding("axe/image-alt", "https://e.nl/a", ["1.1.1"])]
    rows = rows_by_sc(tally, findings)

    assert rows["1.1.1"]["status"] == "fails"
    assert rows["1.1.1"]["failing_checks"] == ["axe/image-alt"]
    assert rows["1.1.1"]["pages_failing"] == 1
    assert rows["1.1.1"]["example_urls"] == ["https://e.nl/a"]
    assert rows["4.1.2"]["status"] == "needs-review"
    assert rows["4.1.2"]["review_rules"] == ["axe/aria-valid-attr-value"]
    assert rows["4.1.2"]["pages_review"] == 1
    assert rows["1.4.3"]["status"] == "no-automated-failures"
    assert rows["1.4.3"]["rules"] == ["axe/color-contrast"]
    assert rows["1.2.2"]["status"] == "no-automated-failures"  # inapplicable everywhere
    assert rows["1.2.2"]["rules"] == ["axe/video-caption"]
    uncovered = set(rows) - {"1.1.1", "4.1.2", "1.4.3", "1.2.2"}
    assert {rows[sc]["status"] for sc in uncovered} == {"not-testable"}
    assert all(rows[sc]["rules"] == [] for sc in uncovered)


def test_best_practice_and_aaa_rules_never_affect_the_table() -> None:
    tally = RuleTally()
    tally.add_axe("https://e.nl/", axe(violations=["region", "color-contrast-enhanced"]))
    rows = build_conformance(tally, [], "wcag22aa")
    assert {row["status"] for row in rows} == {"not-testable"}
    assert not any(row["rules"] for row in rows)


def test_a_violation_fails_even_when_its_findings_were_suppressed() -> None:
    tally = RuleTally()
    for n in range(3):
        tally.add_axe(f"https://e.nl/{n}", axe(violations=["color-contrast"]))
    row = rows_by_sc(tally)["1.4.3"]
    assert row["status"] == "fails"
    assert row["failing_checks"] == ["axe/color-contrast"]
    assert row["pages_failing"] == 3


def test_failure_wins_over_review_and_review_findings_do_not_fail() -> None:
    tally = RuleTally()
    tally.add_axe("https://e.nl/a", axe(violations=["color-contrast"]))
    tally.add_axe("https://e.nl/b", axe(incomplete=["color-contrast"]))
    findings = [
        finding("axe/aria-valid-attr-value", "https://e.nl/a", ["4.1.2"], needs_review=True)
    ]
    rows = rows_by_sc(tally, findings)
    assert rows["1.4.3"]["status"] == "fails"
    assert rows["1.4.3"]["example_urls"] == ["https://e.nl/a"]
    assert rows["4.1.2"]["status"] == "needs-review"
    assert rows["4.1.2"]["failing_checks"] == [] and rows["4.1.2"]["pages_failing"] == 0


def test_own_checks_cover_their_criteria_when_they_ran() -> None:
    tally = RuleTally()
    for url in ("https://e.nl/a", "https://e.nl/b"):
        tally.add_check_run("reflow-320", ["1.4.10"], url)
        tally.add_check_run("focus-visible", ["2.4.7"], url)
    findings = [
        finding("focus-visible", "https://e.nl/a", ["2.4.7"]),
        finding("focus-visible", "https://e.nl/a", ["2.4.7"]),
    ]
    rows = rows_by_sc(tally, findings)
    assert rows["1.4.10"]["status"] == "no-automated-failures"
    assert rows["1.4.10"]["rules"] == ["reflow-320"]
    assert rows["2.4.7"]["status"] == "fails"
    assert rows["2.4.7"]["pages_failing"] == 1  # two findings, one page


def test_bare_inapplicable_ids_cover_nothing_until_their_tags_are_known() -> None:
    tally = RuleTally()
    tally.add_axe("https://e.nl/a", {"inapplicable": ["video-caption"]})
    assert rows_by_sc(tally)["1.2.2"]["status"] == "not-testable"
    tally.add_axe("https://e.nl/b", axe(inapplicable=["video-caption"]))
    assert rows_by_sc(tally)["1.2.2"]["status"] == "no-automated-failures"


def test_rows_carry_the_criterion_and_a_limited_number_of_examples() -> None:
    findings = [finding("axe/image-alt", f"https://e.nl/{n}", ["1.1.1"]) for n in range(8)]
    row = rows_by_sc(RuleTally(), findings, "wcag21aa")["1.1.1"]
    assert row["pages_failing"] == 8
    assert len(row["example_urls"]) == EXAMPLE_LIMIT
    assert row["title"] == {"en": "Non-text Content", "nl": "Niet-tekstuele content"}
    assert row["level"] == "A" and row["en301549"] == "9.1.1.1" and row["obsolete"] is False
    assert row["url"].endswith("/non-text-content.html")
    parsing = rows_by_sc(RuleTally(), [], "wcag21aa")["4.1.1"]
    assert parsing["obsolete"] is True and parsing["status"] == "not-testable"


def test_summary_counts_every_status() -> None:
    tally = RuleTally()
    tally.add_axe("https://e.nl/", axe(passes=["color-contrast"], violations=["image-alt"]))
    counts = summary(build_conformance(tally, [], "wcag21aa"))
    assert list(counts) == list(STATUSES)
    assert counts == {
        "fails": 1,
        "needs-review": 0,
        "no-automated-failures": 1,
        "not-testable": 48,
    }


# --------------------------------------------------------------------------------------------
# the tally
# --------------------------------------------------------------------------------------------


def test_tally_keeps_counts_and_a_few_examples_per_result() -> None:
    tally = RuleTally()
    tally.add_axe("https://e.nl/none", None)
    for n in range(100):
        tally.add_axe(f"https://e.nl/{n}", axe(passes=["image-alt"], violations=["region"]))
        tally.add_check_run("reflow-320", ["1.4.10"], f"https://e.nl/{n}")
    rule = tally.rules["image-alt"]
    assert rule.pages == {"passed": 100} and rule.tags == tuple(TAGS["image-alt"])
    assert len(rule.examples["passed"]) == EXAMPLE_LIMIT
    assert tally.checks["reflow-320"].pages == 100
    assert len(tally.checks["reflow-320"].examples) == EXAMPLE_LIMIT


def test_tally_round_trips_through_json() -> None:
    tally = RuleTally()
    tally.add_axe("https://e.nl/a", axe(passes=["color-contrast"], incomplete=["image-alt"]))
    tally.add_axe("https://e.nl/b", {"violations": [{"id": "image-alt"}], "inapplicable": ["x"]})
    tally.add_check_run("reflow-320", ["1.4.10"], "https://e.nl/a")
    copy = RuleTally.from_dict(json.loads(json.dumps(tally.to_dict())))
    assert copy.to_dict() == tally.to_dict()
    assert build_conformance(copy, [], "wcag22aa") == build_conformance(tally, [], "wcag22aa")


# --------------------------------------------------------------------------------------------
# the report
# --------------------------------------------------------------------------------------------


def conformance_section(lang: str, result=None) -> Tag:
    soup = BeautifulSoup(html_report.render(result or sample_result(), lang), "html.parser")
    section = soup.find("section", attrs={"aria-labelledby": "conformance"})
    assert isinstance(section, Tag)
    return section


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_report_shows_the_conformance_table_in_the_report_language(lang: str) -> None:
    t = strings(lang)
    result = sample_result()
    section = conformance_section(lang, result)
    assert t["conformance_limits"] in section.get_text()
    rows = section.select("table.conformance tbody tr")
    assert len(rows) == len(result.conformance) == 50
    by_sc = {row.th.get_text(strip=True): row for row in rows if row.th}
    for data in result.conformance:
        cells = [" ".join(c.get_text().split()) for c in by_sc[data["sc"]].find_all("td")]
        level, title, clause, status = cells[:4]
        assert (level, title, clause) == (data["level"], data["title"][lang], data["en301549"])
        assert status.startswith(t[f"conformance.{data['status']}"])  # text, not colour alone
    assert t["obsolete"] in by_sc["4.1.1"].get_text()
    failing = by_sc["1.1.1"]
    assert "axe/image-alt" in failing.get_text()
    assert failing.find("a", href="#issue-1") is not None


def test_dutch_report_uses_the_dutch_status_names() -> None:
    text = conformance_section("nl").get_text()
    for name in (
        "Voldoet niet",
        "Handmatig beoordelen",
        "Geen automatisch gevonden fouten",
        "Niet automatisch te testen",
    ):
        assert name in text
    assert "Niet-tekstuele content" in text and "Not testable automatically" not in text


def test_wcag22_rows_without_a_clause_say_so() -> None:
    result = dataclasses.replace(
        sample_result(), conformance=tuple(build_conformance(RuleTally(), [], "wcag22aa"))
    )
    section = conformance_section("en", result)
    header = section.find("th", scope="row", string="2.5.8")
    assert isinstance(header, Tag) and header.parent is not None
    assert strings("en")["no_clause"] in header.parent.get_text()


def test_report_without_conformance_rows_says_so_and_keeps_the_note() -> None:
    result = dataclasses.replace(sample_result(), conformance=())
    section = conformance_section("en", result)
    t = strings("en")
    assert t["conformance_missing"] in section.get_text()
    assert t["conformance_limits"] in section.get_text()
    assert section.find("table") is None
