"""Reports: JSON round trip, the HTML report's content, safety and markup, terminal summary."""

from __future__ import annotations

import dataclasses
import io
import json
import re
from itertools import pairwise
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from rich.console import Console

from auditor.model import AuditResult, Pitfall, Severity, SkippedUrl
from reports import FORMATS, json_report, write_reports
from reports import html as html_report
from reports.i18n import UI, strings
from reports.terminal import print_summary
from tests.sample_result import sample_result

SCRIPT = "<script>alert(1)</script>"
ATTRIBUTE_BREAKOUT = '"><img src=x onerror=alert(1)>'
JS_URL = "javascript:alert(1)"


def soup_of(result: AuditResult, lang: str = "en") -> BeautifulSoup:
    return BeautifulSoup(html_report.render(result, lang), "html.parser")


def hostile_result() -> AuditResult:
    """The sample with attacker-controlled text in every field that comes from a page."""
    result = sample_result()
    payload = f"{SCRIPT}{ATTRIBUTE_BREAKOUT}"
    page = dataclasses.replace(result.pages[0], title=payload, error=payload)
    finding = dataclasses.replace(
        result.findings[0], url=JS_URL, message=payload, evidence=payload, selector=payload
    )
    issue = dataclasses.replace(
        result.issues[0],
        title=payload,
        message=payload,
        evidence=payload,
        selector=payload,
        why=payload,
        help_url=JS_URL,
        example_urls=(JS_URL, f"{JS_URL}{ATTRIBUTE_BREAKOUT}"),
    )
    return dataclasses.replace(
        result,
        start_urls=(f"https://example.nl/{ATTRIBUTE_BREAKOUT}",),
        pages=(page, *result.pages[1:]),
        findings=(finding, *result.findings[1:]),
        issues=(issue, *result.issues[1:]),
        skipped=(SkippedUrl(JS_URL, payload),),
    )


def row_for(soup: BeautifulSoup, pitfall_name: str) -> Tag:
    header = soup.find("th", scope="row", string=pitfall_name)
    assert isinstance(header, Tag), pitfall_name
    row = header.parent
    assert isinstance(row, Tag)
    return row


# --------------------------------------------------------------------------------------------
# JSON
# --------------------------------------------------------------------------------------------


def test_json_report_round_trips_to_an_equal_result() -> None:
    result = sample_result()
    text = json_report.render(result)
    assert AuditResult.from_dict(json.loads(text)).to_dict() == result.to_dict()


def test_json_report_keeps_non_ascii_text_readable() -> None:
    assert "continuïteit" in json_report.render(sample_result())


# --------------------------------------------------------------------------------------------
# HTML: content
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_html_names_every_pitfall_in_the_report_language(lang: str) -> None:
    soup = soup_of(sample_result(), lang)
    assert soup.html is not None and soup.html["lang"] == lang
    row_names = [th.get_text() for th in soup.select("table.pitfalls tbody th[scope=row]")]
    assert row_names == [p.names[lang] for p in Pitfall]
    text = soup.get_text()
    for pitfall in Pitfall:
        assert pitfall.why[lang] in text


def test_dutch_report_uses_dutch_ui_and_severity_names() -> None:
    soup = soup_of(sample_result(), "nl")
    text = soup.get_text()
    assert "Toegankelijkheid" in text and "Escalatiemogelijkheid" in text
    badges = {b.get_text() for b in soup.select(".badge")}
    assert {"kritiek", "ernstig", "matig", "klein"} <= badges
    assert "Prioriteit: 23,1" in text
    assert "Ranked issues" not in text


def test_pitfall_without_checks_says_not_checked_and_checked_pitfall_says_no_issues() -> None:
    result = sample_result()
    result = dataclasses.replace(
        result, issues=tuple(i for i in result.issues if i.pitfall is not Pitfall.ESCALATION)
    )
    soup = soup_of(result)
    t = strings("en")
    assert t["no_issues"] in row_for(soup, "Escalation").get_text()
    assert t["not_checked"] in row_for(soup, "Trust").get_text()
    assert t["no_issues"] not in row_for(soup, "Accessibility").get_text()


def test_pitfall_summary_counts_issues_by_severity() -> None:
    cells = row_for(soup_of(sample_result()), "Accessibility").find_all("td", class_="num")
    counts = [int(cell.get_text()) for cell in cells]
    assert counts == [1, 2, 0, 0]  # critical, serious, moderate, minor


def test_header_shows_versions_and_page_totals() -> None:
    soup = soup_of(sample_result())
    header = soup.find("header")
    assert isinstance(header, Tag)
    text = " ".join(header.get_text().split())
    assert "axe-core 4.10.2" in text and "Chromium 131.0.6778.33" in text
    assert "39 Discovered but not audited" in text
    assert "1 Pages failed" in text and "3 URLs skipped" in text


def test_ranked_issues_appear_in_priority_order() -> None:
    result = sample_result()
    soup = soup_of(result)
    titles = [" ".join(h.get_text().split()[1:]) for h in soup.select("article.issue h3")]
    assert titles == [issue.title for issue in result.issues]
    priorities = [i.priority for i in result.issues]
    assert priorities == sorted(priorities, reverse=True)


def test_issue_shows_why_it_ranks_help_link_and_the_axe_check_docs() -> None:
    result = sample_result()
    article = soup_of(result).find("article", id="issue-1")
    assert isinstance(article, Tag)
    issue = result.issues[0]
    text = article.get_text()
    assert issue.check_id.startswith("axe/")
    assert issue.why in text
    assert "axe-core adapter" in text  # docs of the check "axe"
    help_link = article.find("a", href=issue.help_url)
    assert isinstance(help_link, Tag)
    assert help_link["rel"] == ["noopener", "noreferrer"]
    evidence = article.find("pre")
    assert evidence is not None and evidence.get_text() == issue.evidence


def test_example_urls_are_capped_with_a_count_of_the_rest() -> None:
    result = sample_result()
    urls = tuple(f"https://example.nl/page-{n}" for n in range(8))
    issue = dataclasses.replace(result.issues[0], example_urls=urls, page_count=12)
    soup = soup_of(dataclasses.replace(result, issues=(issue,)))
    examples = soup.select("article#issue-1 ul.examples li")
    assert [li.get_text() for li in examples[:-1]] == list(urls[: html_report.EXAMPLE_LIMIT])
    assert examples[-1].get_text() == "and 7 more"


def test_page_findings_are_collapsed_when_many() -> None:
    result = sample_result()
    home = result.pages[0].url
    many = tuple(
        dataclasses.replace(result.findings[0], message=f"finding {n}", signature=str(n))
        for n in range(html_report.OPEN_FINDINGS_LIMIT + 1)
    )
    soup = soup_of(dataclasses.replace(result, findings=many))
    details = soup.select("article.page details.findings")
    assert len(details) == 1
    assert not details[0].has_attr("open")
    assert len(details[0].find_all("li")) == len(many)
    assert all(f.url == home for f in many)
    few = soup_of(result).select("article.page details.findings")
    assert few and all(d.has_attr("open") for d in few)


def test_failed_pages_and_check_errors_are_listed() -> None:
    result = sample_result()
    errors = soup_of(result).find("section", attrs={"aria-labelledby": "errors"})
    assert isinstance(errors, Tag)
    text = errors.get_text()
    assert "Timeout 30000ms exceeded" in text
    assert "ZeroDivisionError: division by zero" in text and "readability-level" in text


# --------------------------------------------------------------------------------------------
# HTML: safety
# --------------------------------------------------------------------------------------------


def test_page_content_is_escaped_not_executed() -> None:
    soup = soup_of(hostile_result())
    scripts = soup.find_all("script")
    assert [s.string for s in scripts] == [html_report.FILTER_JS]  # only our own filter
    assert soup.find_all("img") == []
    for tag in soup.find_all(True):
        assert not [name for name in tag.attrs if name.lower().startswith("on")], tag.name
    text = soup.get_text()
    assert SCRIPT in text and ATTRIBUTE_BREAKOUT in text


def test_non_web_urls_are_never_links() -> None:
    soup = soup_of(hostile_result())
    hrefs = [a["href"] for a in soup.find_all("a", href=True)]
    assert hrefs
    assert all(str(h).startswith(("https://", "http://", "#")) for h in hrefs), hrefs
    assert JS_URL in soup.get_text()


def test_is_web_url_accepts_only_http_and_https() -> None:
    assert html_report.is_web_url("https://example.nl/")
    assert html_report.is_web_url("HTTP://example.nl/")
    for value in (JS_URL, " https://example.nl", "data:text/html,x", "//example.nl", None):
        assert not html_report.is_web_url(value)


def test_report_makes_no_external_requests() -> None:
    text = html_report.render(sample_result())
    assert not re.search(r"""src\s*=\s*["']?\s*(https?:)?//""", text, re.I)
    assert "<link" not in text.lower()
    assert "@import" not in text
    assert "url(" not in text
    soup = BeautifulSoup(text, "html.parser")
    csp = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert isinstance(csp, Tag)
    assert str(csp["content"]).startswith("default-src 'none'")


# --------------------------------------------------------------------------------------------
# HTML: accessible markup
# --------------------------------------------------------------------------------------------


def test_one_h1_and_no_skipped_heading_levels() -> None:
    soup = soup_of(sample_result())
    levels = [int(h.name[1]) for h in soup.find_all(re.compile(r"^h[1-6]$"))]
    assert levels.count(1) == 1 and levels[0] == 1
    assert all(b - a <= 1 for a, b in pairwise(levels))


def test_table_headers_are_scoped_and_badges_carry_text() -> None:
    soup = soup_of(sample_result())
    headers = soup.find_all("th")
    assert headers and all(th.get("scope") in {"col", "row"} for th in headers)
    assert all(badge.get_text().strip() for badge in soup.select(".badge"))


def test_styles_include_focus_and_print_rules() -> None:
    text = html_report.render(sample_result())
    assert ":focus-visible" in text
    assert "@media print" in text


# --------------------------------------------------------------------------------------------
# i18n
# --------------------------------------------------------------------------------------------


def test_ui_strings_have_the_same_keys_in_every_language() -> None:
    assert set(UI["en"]) == set(UI["nl"])


def test_ui_strings_are_never_empty() -> None:
    for lang, table in UI.items():
        assert all(value.strip() for value in table.values()), lang


def test_every_severity_has_a_translated_name() -> None:
    for table in UI.values():
        assert all(f"severity.{s.value}" in table for s in Severity)


def test_unsupported_language_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="unsupported report language 'de'"):
        html_report.render(sample_result(), "de")


# --------------------------------------------------------------------------------------------
# terminal
# --------------------------------------------------------------------------------------------


def terminal_output(result: AuditResult, top: int = 10) -> str:
    console = Console(file=io.StringIO(), width=120, color_system=None)
    print_summary(result, console, top=top)
    assert isinstance(console.file, io.StringIO)
    return console.file.getvalue()


def test_terminal_summary_shows_totals_and_top_issues() -> None:
    result = sample_result()
    out = terminal_output(result, top=3)
    assert "6 pages audited (1 failed, 3 skipped, 39 not audited)" in out
    for issue in result.issues[:3]:
        assert issue.title in out
    assert result.issues[3].title not in out
    assert f"and {len(result.issues) - 3} more issues" in out


def test_terminal_summary_prints_markup_in_data_literally() -> None:
    result = sample_result()
    issue = dataclasses.replace(result.issues[0], title="[bold]x[/] and [link=https://e.nl]y")
    out = terminal_output(dataclasses.replace(result, issues=(issue,)))
    assert "[bold]x[/] and [link=https://e.nl]y" in out


# --------------------------------------------------------------------------------------------
# writing files
# --------------------------------------------------------------------------------------------


def test_write_reports_writes_each_requested_format(tmp_path: Path) -> None:
    out_dir = tmp_path / "nested" / "report"
    paths = write_reports(sample_result(), out_dir, ["html", "json"], "nl")
    assert paths == [out_dir / "report.html", out_dir / "report.json"]
    assert '<html lang="nl">' in paths[0].read_text(encoding="utf-8")
    assert json.loads(paths[1].read_text(encoding="utf-8"))["site"]["not_audited"] == 39


def test_write_reports_rejects_unknown_formats_before_writing(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"unknown report format\(s\): pdf; choose from"):
        write_reports(sample_result(), tmp_path / "out", ["html", "pdf"], "en")
    assert not (tmp_path / "out").exists()


def test_formats_name_their_files() -> None:
    assert {name: fmt.filename for name, fmt in FORMATS.items()} == {
        "html": "report.html",
        "json": "report.json",
        "sarif": "report.sarif",
        "junit": "report.junit.xml",
        "md": "report.md",
    }


def test_screenshot_is_embedded_only_when_it_is_a_png():
    import base64
    import dataclasses

    from reports import html as html_report
    from tests.sample_result import sample_result

    result = sample_result()
    png = base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"\x00" * 20).decode()
    first, second, *rest = result.issues
    shown = dataclasses.replace(first, screenshot=png)
    forged = dataclasses.replace(second, screenshot='x" onerror="alert(1)')
    page = html_report.render(dataclasses.replace(result, issues=(shown, forged, *rest)), "en")
    soup = BeautifulSoup(page, "html.parser")
    images = soup.select("img.shot")
    assert len(images) == 1
    assert images[0]["src"] == f"data:image/png;base64,{png}"
    assert images[0]["alt"].startswith("The failing element")
    assert "onerror" not in page


def test_no_css_leaks_into_the_page_text():
    from reports import html as html_report
    from tests.sample_result import sample_result

    soup = BeautifulSoup(html_report.render(sample_result(), "en"), "html.parser")
    for style in soup.find_all("style"):
        style.decompose()
    assert "{" not in soup.body.get_text()


def test_hard_words_are_highlighted_and_still_escaped():
    from reports.html import highlight

    marked = str(highlight('Indien u <b>niet</b> betaalt, volgt "incasso".', ["indien", "incasso"]))
    assert marked == (
        "<mark>Indien</mark> u &lt;b&gt;niet&lt;/b&gt; betaalt, volgt "
        "&#34;<mark>incasso</mark>&#34;."
    )
    assert str(highlight("<script>x</script>", ["<script>"])) == (
        "<mark>&lt;script&gt;</mark>x&lt;/script&gt;"
    )


def test_readability_overview_lists_the_hardest_pages_first():
    from reports import html as html_report
    from tests.sample_result import sample_result

    result = sample_result()
    overview = html_report.readability_overview(result)
    eases = [p.metrics["reading_ease"] for p in overview["worst"]]
    assert overview["scored"] == len(eases) > 0 and eases == sorted(eases)
    for lang, heading in (("en", "Readability"), ("nl", "Leesbaarheid")):
        soup = BeautifulSoup(html_report.render(result, lang), "html.parser")
        assert soup.find("h2", id="readability").get_text() == heading


def test_the_settings_accept_exactly_the_formats_that_exist() -> None:
    from auditor.config import FORMATS as SETTING_FORMATS

    assert set(SETTING_FORMATS) == set(FORMATS)
