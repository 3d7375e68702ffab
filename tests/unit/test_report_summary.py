"""The HTML report's summary parts: scores, top-10 fixes, ranking reasons in the report
language, the issue filter (and its CSP hash), and the method and limits section."""

from __future__ import annotations

import base64
import dataclasses
import hashlib

import pytest
from bs4 import BeautifulSoup, Tag

from auditor.model import CheckInfo, Pitfall
from auditor.scores import result_scores
from reports import html as html_report
from tests.sample_result import sample_result


@pytest.fixture(autouse=True)
def no_axe_translations(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests are about the report, not about axe-core's locale files."""
    monkeypatch.setattr(
        html_report.i18n_checks, "axe_rule_text", lambda _rule, _lang: None, raising=False
    )


def soup_of(result: object, lang: str = "en") -> BeautifulSoup:
    return BeautifulSoup(html_report.render(result, lang), "html.parser")  # type: ignore[arg-type]


def section(soup: BeautifulSoup, anchor: str) -> Tag:
    heading = soup.find(id=anchor)
    assert isinstance(heading, Tag), anchor
    parent = heading.find_parent("section")
    assert isinstance(parent, Tag)
    return parent


def test_pitfall_table_shows_each_score_and_how_it_is_computed() -> None:
    result = sample_result()
    scores = result_scores(result)
    table = section(soup_of(result), "pitfalls")
    rows = {
        row.th.get_text(strip=True): row.find("td", class_="score").get_text(strip=True)
        for row in table.select("tbody tr")
    }
    assert rows["Accessibility"] == str(scores[Pitfall.ACCESSIBILITY])
    assert rows["Trust"] == "not checked"  # no trust check in the sample
    assert "Each score starts at 100" in table.get_text()
    assert "25% (serious)" in table.get_text()


def test_dutch_report_uses_dutch_pitfall_names_and_explanation() -> None:
    table = section(soup_of(sample_result(), "nl"), "pitfalls")
    names = [row.th.get_text(strip=True) for row in table.select("tbody tr")]
    assert names == [
        "Toegankelijkheid",
        "Taalgebruik",
        "Verouderde informatie",
        "Escalatiemogelijkheid",
        "Oplossend vermogen",
        "Interactiviteit",
        "Verbetercyclus",
        "Vertrouwen",
    ]
    assert "Elke score begint bij 100" in table.get_text()


def test_top_fixes_list_what_why_how_and_rank_reason() -> None:
    result = sample_result()
    fixes = section(soup_of(result), "fixes")
    items = fixes.select("ol.fixes > li")
    ranked = [i for i in result.issues if not i.needs_review]
    assert len(items) == min(10, len(ranked))
    first = items[0]
    assert first.h3.a["href"] == "#issue-1"
    text = first.get_text(" ", strip=True)
    assert "Why it ranks here" in text and ranked[0].why in text
    dutch = section(soup_of(result, "nl"), "fixes").select("ol.fixes > li")[0]
    assert "Waarom deze positie" in dutch.get_text()
    assert html_report.rank_reason(ranked[0], result, "nl") in dutch.get_text(" ", strip=True)


def test_top_fixes_stop_at_ten() -> None:
    result = sample_result()
    many = tuple(
        dataclasses.replace(result.issues[0], id=f"i{n}", priority=100 - n) for n in range(14)
    )
    fixes = section(soup_of(dataclasses.replace(result, issues=many)), "fixes")
    assert len(fixes.select("ol.fixes > li")) == 10


def test_check_texts_follow_the_report_language() -> None:
    result = sample_result()
    contact = next(c for c in result.checks if c.id == "contact-phone-visible")
    translated = dataclasses.replace(
        contact,
        fix="Show the number.",
        texts={
            "nl": {
                "failure_title": "Geen telefoonnummer zichtbaar",
                "fix": "Toon het nummer.",
                "why": "Klanten willen bellen.",
            }
        },
    )
    checks = tuple(translated if c.id == contact.id else c for c in result.checks)
    issues = tuple(
        dataclasses.replace(i, title=contact.failure_title) if i.check_id == contact.id else i
        for i in result.issues
    )
    result = dataclasses.replace(result, checks=checks, issues=issues)
    nl = soup_of(result, "nl").get_text(" ", strip=True)
    en = soup_of(result, "en").get_text(" ", strip=True)
    assert "Geen telefoonnummer zichtbaar" in nl and "Toon het nummer." in nl
    assert "Klanten willen bellen." in nl
    assert contact.failure_title in en and "Show the number." in en
    assert "Geen telefoonnummer zichtbaar" not in en


def test_rank_reason_is_rebuilt_in_dutch() -> None:
    result = sample_result()
    issue = next(i for i in result.issues if i.legal)
    reason = html_report.rank_reason(issue, result, "nl")
    assert "bereik" in reason and "een wettelijke eis" in reason
    assert f"van {result.audited} pagina's" in reason
    assert reason.endswith(html_report.number_formatter("nl")(issue.priority))


def test_issue_articles_carry_filter_data_and_page_numbers() -> None:
    result = sample_result()
    soup = soup_of(result)
    first = soup.find("article", id="issue-1")
    assert isinstance(first, Tag)
    issue = result.issues[0]
    assert first["data-pitfall"] == issue.pitfall.value
    assert first["data-severity"] == issue.severity.value
    numbers = [int(n) for n in str(first["data-pages"]).split()]
    urls = {result.pages[n - 1].url for n in numbers}
    assert urls == set(issue.example_urls) & {p.url for p in result.pages}
    for n in numbers:
        assert soup.find("article", id=f"page-{n}") is not None
    form = soup.find("form", id="issue-filter")
    assert isinstance(form, Tag) and form.has_attr("hidden")  # shown only by the script


def test_csp_allows_exactly_the_filter_script() -> None:
    soup = soup_of(sample_result())
    csp = str(soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"])
    digest = base64.b64encode(hashlib.sha256(html_report.FILTER_JS.encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in csp
    assert "unsafe-inline'" not in csp.split("script-src", 1)[1].split(";", maxsplit=1)[0]
    assert [s.string for s in soup.find_all("script")] == [html_report.FILTER_JS]


def test_methodology_names_versions_settings_checks_and_manual_criteria() -> None:
    result = sample_result()
    method = section(soup_of(result), "methodology")
    text = method.get_text(" ", strip=True)
    assert result.tool["axe_core"] in text and result.tool["chromium"] in text
    assert "Maximum pages" in text
    for check in result.checks:
        assert check.id in text
    manual = [r for r in result.conformance if r["status"] == "not-testable"]
    assert manual, "the sample should have criteria no rule covers"
    for row in manual:
        assert row["sc"] in text
    assert "only part" in text


def test_fix_falls_back_to_english_when_a_language_lacks_it() -> None:
    info = CheckInfo(
        "x",
        Pitfall.TRUST,
        sample_result().issues[0].severity,
        "t",
        "f",
        "x\n\n## Why is this bad?\nBecause.",
        fix="Do it.",
    )
    assert info.text("fix", "nl") == "Do it."
    assert info.text("why", "nl") == "Because."


def with_history(result: object, **history: object) -> object:
    return dataclasses.replace(result, history=history)  # type: ignore[type-var]


def test_history_shows_new_fixed_unchanged_and_the_trend() -> None:
    result = sample_result()
    issue = result.issues[0]
    summary = {
        "id": "x1",
        "check_id": issue.check_id,
        "pitfall": issue.pitfall.value,
        "severity": issue.severity.value,
        "title": "An old problem",
        "page_count": 2,
    }
    trend = [
        {"run": 1, "started_at": "2025-10-01T09:00:00+00:00", "scores": {"accessibility": 50}},
        {"run": 2, "started_at": "2025-11-20T09:30:00+00:00", "scores": {"accessibility": 62}},
    ]
    result = with_history(
        result,
        previous={"run": 1, "started_at": trend[0]["started_at"], "scores": {"accessibility": 50}},
        new=[{**summary, "id": "x2", "title": "A new problem"}],
        fixed=[summary],
        not_rechecked=[],
        newly_audited=[],
        unchanged=["a", "b", "c"],
        trend=trend,
    )
    history = section(soup_of(result), "history")
    text = history.get_text(" ", strip=True)
    assert "2025-10-01 09:00" in text
    assert "1 new issues" in text and "1 fixed issues" in text and "3 unchanged issues" in text
    assert "A new problem" in text and "An old problem" in text
    row = next(r for r in history.select("table.trend tbody tr") if "Accessibility" in r.th.text)
    cells = [td.get_text(strip=True) for td in row.find_all("td")]
    assert cells == ["50", "62", "+12 (better)"]
    dutch = section(soup_of(result, "nl"), "history").get_text(" ", strip=True)
    assert "nieuwe problemen" in dutch and "+12 (beter)" in dutch


def test_first_audit_says_so_and_no_history_means_no_section() -> None:
    first = with_history(
        sample_result(),
        trend=[{"run": 1, "started_at": "2025-11-20T09:30:00+00:00", "scores": {}}],
    )
    assert "first audit of this site" in section(soup_of(first), "history").get_text()
    assert soup_of(sample_result()).find(id="history") is None
