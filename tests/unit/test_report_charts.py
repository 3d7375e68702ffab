"""The report's charts: the right counts per bucket, a table with the same numbers as the
picture, a text alternative, "no data" instead of an empty picture, escaping, both languages,
contrast, and the charts in the rendered report."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag

from auditor.model import AuditResult, CheckInfo, Issue, PageResult, Pitfall, Severity
from reports import charts
from reports import html as html_report
from reports.i18n import UI
from tests.sample_result import sample_result

STARTED = datetime(2025, 11, 20, 9, 30, tzinfo=UTC)
SCRIPT = "<script>alert(1)</script>"
BREAKOUT = '"><img src=x onerror=alert(1)>'
CSS = Path(html_report.__file__).parent / "templates" / "report.css.j2"


def page(n: int, metrics: Mapping[str, Any] | None = None, **fields: Any) -> PageResult:
    values: dict[str, Any] = {
        "url": f"https://help.example.nl/p{n}",
        "final_url": f"https://help.example.nl/p{n}",
        "status": 200,
        "title": f"Pagina {n}",
        "depth": 1,
        "lang": "nl",
        "kind": "help-article",
        "metrics": dict(metrics or {}),
    }
    values.update(fields)
    return PageResult(**values)


def issue(n: int, pitfall: Pitfall, severity: Severity) -> Issue:
    return Issue(
        id=f"i{n}",
        check_id=f"check-{n}",
        pitfall=pitfall,
        severity=severity,
        title=f"Issue {n}",
        message="m",
        priority=1.0,
        why="",
        page_count=1,
        example_urls=("https://help.example.nl/p1",),
        fingerprints=(f"f{n}",),
    )


def check(check_id: str, pitfall: Pitfall) -> CheckInfo:
    return CheckInfo(check_id, pitfall, Severity.MINOR, "t", "f", "docs")


def result_of(
    pages: Iterable[PageResult] = (),
    issues: Iterable[Issue] = (),
    checks: Iterable[CheckInfo] = (),
    config: Mapping[str, Any] | None = None,
) -> AuditResult:
    return AuditResult(
        tool={"version": "0.1.0"},
        started_at=STARTED,
        finished_at=STARTED,
        config=dict(config or {}),
        start_urls=("https://help.example.nl/",),
        discovered=0,
        pages=tuple(pages),
        findings=(),
        issues=tuple(issues),
        checks=tuple(checks),
    )


def chart_by_id(result: AuditResult, chart_id: str, lang: str = "en") -> charts.Chart:
    found = [c for c in charts.build_charts(result, lang) if c.id == chart_id]
    assert len(found) == 1, [c.id for c in charts.build_charts(result, lang)]
    return found[0]


def totals(chart: charts.Chart) -> dict[str, int]:
    return {bar.key: bar.total for bar in chart.bars}


# --------------------------------------------------------------------------------------------
# The numbers
# --------------------------------------------------------------------------------------------


def test_issues_are_counted_per_pitfall_and_severity() -> None:
    issues = [
        issue(1, Pitfall.ACCESSIBILITY, Severity.CRITICAL),
        issue(2, Pitfall.ACCESSIBILITY, Severity.CRITICAL),
        issue(3, Pitfall.ACCESSIBILITY, Severity.SERIOUS),
        issue(4, Pitfall.ACCESSIBILITY, Severity.MINOR),
        issue(5, Pitfall.LANGUAGE, Severity.MODERATE),
        issue(6, Pitfall.LANGUAGE, Severity.MODERATE),
    ]
    checks = [check("not-https", Pitfall.TRUST), check("axe", Pitfall.ACCESSIBILITY)]
    chart = chart_by_id(result_of(issues=issues, checks=checks), "chart-issues")
    # Pitfalls in their order; trust was checked and is clean; findability was not checked.
    assert [bar.key for bar in chart.bars] == ["accessibility", "language", "trust"]
    segments = {bar.key: [(s.key, s.value) for s in bar.segments] for bar in chart.bars}
    assert segments["accessibility"] == [
        ("critical", 2),
        ("serious", 1),
        ("moderate", 0),
        ("minor", 1),
    ]
    assert segments["language"] == [("critical", 0), ("serious", 0), ("moderate", 2), ("minor", 0)]
    assert totals(chart) == {"accessibility": 4, "language": 2, "trust": 0}
    assert chart.bars[0].cells == ("2", "1", "0", "1", "4")
    assert chart.summary == (
        "Issues found: 6 (2 critical, 1 serious, 2 moderate, 1 minor). "
        "The most are in Accessibility: 4."
    )


def test_page_ages_fall_in_calendar_buckets_from_the_pinned_audit_day() -> None:
    pages = [
        page(1, {"last_updated": "2026-02-01"}),  # 6 weeks: recent
        page(2, {"published": "2025-06-01"}),  # 9 months
        page(3, {"last_updated": "2024-09-01", "published": "2025-06-02"}),  # newest: 9 months
        page(4, {"last_updated": "2024-09-01"}),  # 18 months
        page(5, {"last_updated": "2020-01-01", "date_source": "visible-text"}),
        page(6, {"last_updated": "yesterday"}),  # unreadable: no date
        page(7),
        page(8, {"last_updated": "2026-02-01"}, error="Timeout"),  # failed: not counted
        page(9, {"last_updated": "2026-02-01"}, content_type="application/pdf"),  # a document
        page(10, {"last_updated": "2026-02-01"}, status=404),
    ]
    result = result_of(pages, config={"now": "2026-03-15T08:00:00+00:00"})
    chart = chart_by_id(result, "chart-age")
    assert totals(chart) == {"recent": 1, "year": 2, "two_years": 1, "older": 1, "unknown": 2}
    assert chart.summary == (
        "Of 7 pages, 1 were updated in the last 3 months and 2 more than a year ago; "
        "2 show no date. Audit date: 2026-03-15."
    )


def test_without_a_pinned_day_the_age_is_taken_at_the_start_of_the_audit() -> None:
    result = result_of([page(1, {"last_updated": "2025-10-01"})], config={"now": None})
    assert charts.audit_day(result) == date(2025, 11, 20)
    assert totals(chart_by_id(result, "chart-age"))["recent"] == 1
    hostile = result_of([page(1)], config={"now": SCRIPT})
    assert charts.audit_day(hostile) == date(2025, 11, 20)


@pytest.mark.parametrize(
    ("when", "bucket"),
    [
        (date(2026, 3, 20), "recent"),  # in the future
        (date(2025, 12, 16), "recent"),
        (date(2025, 12, 15), "year"),  # exactly 3 months
        (date(2025, 3, 16), "year"),
        (date(2025, 3, 15), "two_years"),  # exactly a year
        (date(2024, 3, 16), "two_years"),
        (date(2024, 3, 15), "older"),
        (None, "unknown"),
    ],
)
def test_age_bucket_boundaries(when: date | None, bucket: str) -> None:
    assert charts.age_bucket(when, date(2026, 3, 15)) == bucket


def test_months_before_the_end_of_a_month_stays_in_the_shorter_month() -> None:
    assert charts.age_bucket(date(2026, 2, 28), date(2026, 5, 31)) == "year"
    assert charts.age_bucket(date(2026, 3, 1), date(2026, 5, 31)) == "recent"


def test_contact_depth_buckets_and_the_target() -> None:
    depths = [0, 1, 1, 2, 3, 5, 9, None]
    pages = [page(i, {"contact_depth": d}) for i, d in enumerate(depths)]
    pages.append(page(99, {"words": 10}))  # no metric: not counted
    chart = chart_by_id(result_of(pages), "chart-contact-depth")
    assert totals(chart) == {"0": 1, "1": 2, "2": 1, "3": 1, "4": 2, "none": 1}
    assert [bar.label for bar in chart.bars] == [
        "0 (contact page)",
        "1 click",
        "2 clicks",
        "3 clicks",
        "4 or more",
        "no route",
    ]
    assert chart.target_after == 2  # the default max_clicks of contact-route-depth
    assert [bar.cells[1] for bar in chart.bars] == ["yes", "yes", "yes", "no", "no", "no"]
    assert chart.summary == (
        "4 of 8 pages reach the contact page within 2 clicks; 3 need more clicks and 1 have "
        "no route to it."
    )


def test_contact_depth_target_follows_the_check_option() -> None:
    pages = [page(i, {"contact_depth": d}) for i, d in enumerate([0, 1, 2, 6])]
    config = {"check_options": {"contact-route-depth": {"max_clicks": 1}}}
    chart = chart_by_id(result_of(pages, config=config), "chart-contact-depth")
    assert chart.target_after == 1
    assert chart.target_label == "target: at most 1 click"
    wide = {"check_options": {"contact-route-depth": {"max_clicks": 5}}}
    chart = chart_by_id(result_of(pages, config=wide), "chart-contact-depth")
    assert [bar.key for bar in chart.bars] == ["0", "1", "2", "3", "4", "5", "6", "none"]
    assert totals(chart)["6"] == 1 and chart.target_after == 5


def scored_pages() -> list[PageResult]:
    nl = {"readability_formula": "lint-like"}
    en = {"readability_formula": "flesch-rare-words"}
    return [
        page(1, {**nl, "reading_ease": 58.0, "readability_level": "B1"}),
        page(2, {**nl, "reading_ease": 57.0, "readability_level": "B1"}),
        page(3, {**nl, "reading_ease": 30.0, "readability_level": "C1"}),
        # An older report: no formula, an old level name; the level comes from the score.
        page(4, {"reading_ease": 66.3, "readability_level": "plain"}),
        page(5, {"readability_level": "not scored"}),
        page(6, {**en, "reading_ease": 62.0, "readability_level": "grade 8"}, lang="en"),
        page(7, {"reading_ease": 45.0, "readability_level": "hard"}, lang="en-GB"),  # grade 13
        page(9, {**en, "reading_ease": 55.0, "readability_level": "grade 9", "grade": 9.4}),
        page(8, {"reading_ease": 70.0, "readability_level": "n/a"}, lang="de"),  # no model
    ]


def test_readability_counts_pages_per_level_per_language_with_the_target() -> None:
    built = {c.id: c for c in charts.build_charts(result_of(scored_pages()), "en")}
    nl, en = built["chart-readability-nl"], built["chart-readability-en"]
    assert totals(nl) == {"A2": 1, "B1": 2, "B2": 0, "C1": 1}
    assert nl.target_after == 1 and nl.target_label == "target: B1 or easier"
    assert [bar.cells for bar in nl.bars] == [
        ("1", "yes"),
        ("2", "yes"),
        ("0", "no"),
        ("1", "no"),
    ]
    assert nl.summary == (
        "3 of 4 scored pages meet the target (B1 or easier); 1 are harder to read."
    )
    # a report without the `grade` metric: Flesch's table (45 is grade 13, in "13–14")
    assert [k for k, v in totals(en).items() if v] == ["grade 8", "grade 9", "grade 14"]
    assert [bar.label for bar in en.bars] == [
        "grade ≤ 5", "grade 6", "grade 7", "grade 8", "grade 9", "grade 10", "grade 11–12",
        "grade 13–14", "grade 15+",
    ]  # fmt: skip
    assert [bar.key for bar in en.bars][en.target_after or 0] == "grade 8"
    assert en.summary.startswith("1 of 3 scored pages meet the target (grade 8 or easier)")


def test_readability_target_follows_the_check_options() -> None:
    config = {"check_options": {"readability-level": {"target_level": "B2", "target_grade": 10}}}
    built = {c.id: c for c in charts.build_charts(result_of(scored_pages(), config=config), "en")}
    assert built["chart-readability-nl"].target_after == 2
    assert built["chart-readability-nl"].summary.startswith("3 of 4")
    en = built["chart-readability-en"]
    assert en.bars[en.target_after or 0].key == "grade 10"


# --------------------------------------------------------------------------------------------
# The picture and its table
# --------------------------------------------------------------------------------------------


def rich_result() -> AuditResult:
    issues = [
        issue(1, Pitfall.ACCESSIBILITY, Severity.CRITICAL),
        issue(2, Pitfall.ACCESSIBILITY, Severity.SERIOUS),
        issue(3, Pitfall.ACCESSIBILITY, Severity.SERIOUS),
        issue(4, Pitfall.ESCALATION, Severity.MINOR),
        issue(5, Pitfall.LANGUAGE, Severity.MODERATE),
    ]
    pages = [
        *scored_pages(),
        *(page(20 + i, {"contact_depth": d}) for i, d in enumerate([0, 1, 1, 3, None])),
        page(30, {"last_updated": "2025-10-01"}),
        page(31, {"published": "2019-10-01"}),
    ]
    return result_of(pages, issues, [check("axe", Pitfall.ACCESSIBILITY)])


def charts_section(result: AuditResult, lang: str = "en") -> Tag:
    soup = BeautifulSoup(html_report.render(result, lang), "html.parser")
    section = soup.find("section", attrs={"aria-labelledby": "charts"})
    assert isinstance(section, Tag)
    return section


def number(text: str) -> int:
    return int(re.sub(r"[.,]", "", text))


def bar_length(bar: Tag) -> float:
    """From the start of a bar's first segment to the end of its last (0 without any)."""
    rects = bar.find_all("rect")
    if not rects:
        return 0.0
    start = float(rects[0]["x"]) - 0.5  # rects are inset by half their 1-unit outline
    return float(rects[-1]["x"]) + float(rects[-1]["width"]) + 0.5 - start


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_each_table_has_the_numbers_the_picture_draws(lang: str) -> None:
    result = rich_result()
    figures = charts_section(result, lang).find_all("figure")
    assert [f["id"] for f in figures] == [c.id for c in charts.build_charts(result, lang)]
    for figure in figures:
        svg, table = figure.find("svg"), figure.find("table")
        assert isinstance(svg, Tag) and isinstance(table, Tag), figure["id"]
        rows = table.tbody.find_all("tr")  # type: ignore[union-attr]
        bars = svg.find_all("g", class_="bar")
        assert len(bars) == len(rows) > 0
        stacked = figure["id"] == "chart-issues"
        per_unit = []
        for bar, row in zip(bars, rows, strict=True):
            texts = [t.text for t in bar.find_all("text", recursive=False)]
            cells = [td.text for td in row.find_all("td")]
            total = cells[-1] if stacked else cells[0]
            assert texts[0] == row.th.text  # the label
            assert texts[-1] == total  # the count after the bar
            if number(total):
                per_unit.append(bar_length(bar) / number(total))
            else:
                assert bar_length(bar) == 0
            if stacked:  # each segment's tooltip holds the table's count for its severity
                head = [th.text for th in table.thead.find_all("th")][1:-1]  # type: ignore[union-attr]
                shown = dict(r.title.text.split(": ") for r in bar.find_all("rect"))
                assert shown == {h: c for h, c in zip(head, cells, strict=False) if c != "0"}
        # every bar is as long as its number, on one scale
        assert max(per_unit) - min(per_unit) < 1.0, (figure["id"], per_unit)


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_every_picture_is_an_image_named_by_its_summary(lang: str) -> None:
    section = charts_section(sample_result(), lang)
    svgs = section.find_all("svg")
    assert svgs
    for svg in svgs:
        assert svg["role"] == "img"
        ids = str(svg["aria-labelledby"]).split()
        assert [svg.find(id=i).name for i in ids] == ["title", "desc"]  # type: ignore[union-attr]
        assert all(svg.find(id=i).text.strip() for i in ids)  # type: ignore[union-attr]
        assert svg.find_next_sibling() is None  # alone in its (scrolling) box
        after = svg.parent.find_next_sibling()  # type: ignore[union-attr]
        assert after is not None and after.name == "details" and after.find("table")
        assert after.summary.text == UI[lang]["chart.table"]  # type: ignore[union-attr]
        assert svg.find_all("rect"), "a picture without bars"
    ids = [tag["id"] for tag in section.find_all(id=True)]
    assert len(ids) == len(set(ids))


def test_the_target_line_is_drawn_between_the_rows_it_separates() -> None:
    chart = chart_by_id(result_of(scored_pages()), "chart-readability-nl")
    soup = BeautifulSoup(str(chart.svg), "html.parser")
    target = soup.find("g", class_="target")
    assert isinstance(target, Tag)
    assert target.text == "target: B1 or easier"
    line_y = float(target.line["y1"])  # type: ignore[index]
    bar_y = [float(g.rect["y"]) if g.rect else None for g in soup.find_all("g", class_="bar")]
    assert bar_y[1] is not None and bar_y[3] is not None
    assert bar_y[1] < line_y < bar_y[3]


def test_no_data_gives_a_sentence_not_an_empty_picture() -> None:
    built = charts.build_charts(result_of(), "en")
    assert [c.id for c in built] == [
        "chart-issues",
        "chart-readability",
        "chart-age",
        "chart-contact-depth",
    ]
    assert all(not c.has_data and str(c.svg) == "" for c in built)
    section = charts_section(result_of())
    assert section.find("svg") is None
    texts = [p.text for p in section.select("p.chart-empty")]
    assert texts == [
        "No issues found: there is nothing to draw.",
        "No page was scored for readability.",
        "No pages to show.",
        "No contact page was found, so there is no route to measure.",
    ]


def test_a_checked_site_without_issues_still_says_so() -> None:
    result = result_of([page(1)], checks=[check("axe", Pitfall.ACCESSIBILITY)])
    chart = chart_by_id(result, "chart-issues")
    assert [bar.total for bar in chart.bars] == [0]
    assert not chart.has_data and str(chart.svg) == ""


def test_hostile_text_is_escaped_in_the_picture() -> None:
    hostile = charts.Chart(
        id="chart-x",
        title=SCRIPT,
        summary=BREAKOUT,
        head=("h", "n"),
        bars=(charts.Bar("a", SCRIPT, (charts.Segment("neutral", BREAKOUT, 2),), ("2",)),),
        empty="",
        legend=(charts.Segment("minor", SCRIPT, 0),),
        target_after=0,
        target_label=BREAKOUT,
    )
    markup = str(charts.svg_markup(hostile, str))
    assert "<script" not in markup and "<img" not in markup
    soup = BeautifulSoup(markup, "html.parser")
    assert soup.find("script") is None and soup.find("img") is None
    for tag in soup.find_all(True):
        assert not [a for a in tag.attrs if a.lower().startswith("on")], tag
    assert soup.find("title").text == SCRIPT  # type: ignore[union-attr]
    assert soup.find("desc").text == BREAKOUT  # type: ignore[union-attr]


def test_hostile_metrics_are_never_drawn_as_they_are() -> None:
    pages = [
        page(1, {"reading_ease": 50.0, "readability_level": SCRIPT}),
        page(2, {"contact_depth": BREAKOUT, "last_updated": SCRIPT}),
        page(3, {"contact_depth": 0, "published": BREAKOUT}),
    ]
    result = result_of(
        pages, config={"now": SCRIPT, "check_options": {"readability-level": SCRIPT}}
    )
    text = str(charts_section(result))
    assert "<script" not in text and "<img" not in text
    assert totals(chart_by_id(result, "chart-readability-nl")) == {
        "A2": 0,
        "B1": 0,
        "B2": 1,
        "C1": 0,
    }
    assert totals(chart_by_id(result, "chart-contact-depth"))["none"] == 1
    assert totals(chart_by_id(result, "chart-age"))["unknown"] == 3


def test_labels_and_numbers_follow_the_report_language() -> None:
    pages = [page(i) for i in range(1200)]
    result = result_of(pages, [issue(1, Pitfall.OUTDATED, Severity.SERIOUS)])
    nl = {c.id: c for c in charts.build_charts(result, "nl")}
    en = {c.id: c for c in charts.build_charts(result, "en")}
    assert nl["chart-issues"].title == "Problemen per valkuil en ernst"
    assert nl["chart-issues"].head == ("Valkuil", "kritiek", "ernstig", "matig", "klein", "Totaal")
    assert nl["chart-issues"].bars[0].label == "Verouderde informatie"
    assert en["chart-issues"].bars[0].label == "Outdated information"
    assert nl["chart-age"].value("unknown") == en["chart-age"].value("unknown") == 1200
    assert nl["chart-age"].bars[-1].cells == ("1.200",)
    assert en["chart-age"].bars[-1].cells == ("1,200",)
    assert nl["chart-age"].bars[-1].label == "geen datum"
    assert "Van de 1.200 pagina's" in nl["chart-age"].summary
    assert "1.200" in str(nl["chart-age"].svg) and "1,200" in str(en["chart-age"].svg)
    assert nl["chart-contact-depth"].empty.startswith("Er is geen contactpagina")
    grades = {c.id: c for c in charts.build_charts(result_of(scored_pages()), "nl")}
    assert grades["chart-readability-en"].bars[3].label == "leerjaar 8 (VS)"
    assert grades["chart-readability-nl"].bars[1].cells == ("2", "ja")


def test_chart_strings_exist_in_both_languages() -> None:
    keys = {lang: {k for k in table if k.startswith("chart.")} for lang, table in UI.items()}
    assert keys["en"] and keys["en"] == keys["nl"]
    for lang in ("en", "nl"):
        assert all(UI[lang][k].strip() for k in keys[lang])


# --------------------------------------------------------------------------------------------
# Colours
# --------------------------------------------------------------------------------------------


def luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_of_the_chart_colours() -> None:
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)  # the helper works
    for key, (fill, outline, ink) in charts.COLOURS.items():
        # the shape (its fill or its outline) stands out 3:1 from the white background
        assert max(contrast(fill, charts.BACKGROUND), contrast(outline, charts.BACKGROUND)) >= 3, (
            key
        )
        assert contrast(ink, fill) >= 4.5, key  # the count written on the segment
    assert contrast(charts.INK, charts.BACKGROUND) >= 4.5


def test_severity_colours_are_the_report_badges() -> None:
    css = CSS.read_text(encoding="utf-8")
    for severity in Severity:
        rule = re.search(rf"\.sev-{severity.value} \{{([^}}]*)\}}", css)
        assert rule, severity
        background = re.search(r"background: (#[0-9a-f]{6})", rule.group(1))
        assert background and background.group(1) == charts.COLOURS[severity.value][0]


# --------------------------------------------------------------------------------------------
# In the report
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "heading"), [("en", "In pictures"), ("nl", "In beeld")])
def test_the_report_shows_the_charts_before_the_conformance_table(lang: str, heading: str) -> None:
    soup = BeautifulSoup(html_report.render(sample_result(), lang), "html.parser")
    section = soup.find("section", attrs={"aria-labelledby": "charts"})
    assert isinstance(section, Tag)
    assert section.h2 is not None and section.h2.text == heading
    following = section.find_next_sibling("section")
    assert following is not None and following["aria-labelledby"] == "conformance"
    captions = [f.figcaption.text for f in section.find_all("figure")]  # type: ignore[union-attr]
    assert captions[0] == UI[lang]["chart.issues.title"]
    assert UI[lang]["chart.readability.title.nl"] in captions
    assert UI[lang]["chart.age.title"] in captions and UI[lang]["chart.depth.title"] in captions
    issues = section.find("figure", id="chart-issues")
    assert isinstance(issues, Tag) and issues.find("svg") is not None
