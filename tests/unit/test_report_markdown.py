"""report.md: the PR-comment summary, its two languages, its escaping, the GitHub job summary."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from markdown_it import MarkdownIt

from auditor.model import AuditResult, Issue, Pitfall, Severity
from reports import FORMATS, markdown
from tests.sample_result import sample_result

SCRIPT = "<script>alert(1)</script>"
BREAKOUT = '"><img src=x onerror=alert(1)>'
LINKS = "[click](https://evil.example) ![x](https://evil.example/x.png) <https://evil.example>"
TABLE = "a | b | c\n| --- |\n`code` **bold** @octo-org/team #1"


def html_of(text: str) -> BeautifulSoup:
    """Rendered as CommonMark with GitHub's tables (markdown-it-py, which rich ships)."""
    return BeautifulSoup(MarkdownIt("commonmark").enable("table").render(text), "html.parser")


def issue(n: int, **changes: Any) -> Issue:
    base = sample_result().issues[2]  # contact-phone-visible: a check's own title
    return dataclasses.replace(base, **{"id": f"issue-{n}", "title": f"Issue {n}", **changes})


def with_issues(*issues: Issue, **changes: Any) -> AuditResult:
    return dataclasses.replace(sample_result(), issues=issues, **changes)


def table_after(soup: BeautifulSoup, heading: str) -> list[list[str]]:
    title = soup.find(["h2", "h3"], string=re.compile(heading))
    assert title is not None, heading
    table = title.find_next("table")
    assert table is not None
    return [[cell.get_text() for cell in row.find_all("td")] for row in table.select("tbody tr")]


# --------------------------------------------------------------------------------------------
# content
# --------------------------------------------------------------------------------------------


def test_summary_names_site_pages_gate_and_report() -> None:
    text = markdown.render(sample_result(), "en")
    soup = html_of(text)
    heading = soup.find("h2")
    assert heading is not None
    assert heading.get_text() == "cx-audit: https://www.energie-voorbeeld.nl/"
    assert heading.find("code") is not None
    assert "6 pages audited, 1 failed (2025-11-20)" in text
    assert "Gate `--fail-on serious`: **failed**, 5 issues at or above serious." in text
    assert text.rstrip().endswith("`report.html`.")


def test_counts_by_severity_and_which_count_for_the_gate() -> None:
    soup = html_of(markdown.render(sample_result(), "en"))
    table = soup.find("table")
    assert table is not None
    rows = [[td.get_text() for td in tr.find_all("td")] for tr in table.select("tbody tr")]
    assert rows == [
        ["critical", "1", "yes"],
        ["serious", "4", "yes"],
        ["moderate", "2", "no"],
        ["minor", "0", "no"],
    ]


def test_gate_follows_fail_on_and_ignores_issues_that_need_review() -> None:
    result = sample_result()
    review = dataclasses.replace(result.issues[1], needs_review=True)  # the critical one
    config = {**result.config, "fail_on": "critical"}
    text = markdown.render(
        dataclasses.replace(result, issues=(review, *result.issues[2:]), config=config), "en"
    )
    assert "Gate `--fail-on critical`: **passed**, no issues at or above critical." in text
    assert "Not counted: 1 issues that need a person's review." in text
    assert "| critical | 0 | yes |" in text and "| serious | 3 | no |" in text


def test_with_a_baseline_only_new_issues_count_for_the_gate() -> None:
    result = sample_result()
    known = [fp for i in result.issues[:3] for fp in i.fingerprints]  # critical + 2 serious
    config = {**result.config, "baseline_fingerprints": known}
    text = markdown.render(dataclasses.replace(result, config=config), "en")
    assert "**failed**, 2 issues at or above serious." in text
    assert "| critical | 0 | yes |" in text and "| serious | 2 | yes |" in text
    assert "Only issues new since the baseline count (3 known issues not counted)." in text
    config["baseline_fingerprints"] = [fp for i in result.issues for fp in i.fingerprints]
    text = markdown.render(dataclasses.replace(result, config=config), "nl")
    assert "**gehaald**, geen problemen van ernstig of erger." in text


def test_no_gate_when_fail_on_never() -> None:
    result = sample_result()
    text = markdown.render(dataclasses.replace(result, config={"fail_on": "never"}), "en")
    assert "No gate (`--fail-on never`)." in text
    assert "| yes |" not in text


def test_pitfall_table_counts_issues_and_says_which_were_not_checked() -> None:
    rows = table_after(html_of(markdown.render(sample_result(), "en")), "Issues per pitfall")
    assert [row[0] for row in rows] == [p.names["en"] for p in Pitfall]
    counts = dict(rows)
    assert counts["Accessibility"] == "3"
    assert counts["Language"] == "2"
    assert counts["Escalation"] == "2"
    assert counts["Trust"] == "not checked"


def test_top_ten_issues_in_rank_order() -> None:
    issues = [issue(n, severity=Severity.MINOR if n % 2 else Severity.SERIOUS) for n in range(12)]
    issues[3] = dataclasses.replace(issues[3], page_count=7)
    rows = table_after(html_of(markdown.render(with_issues(*issues), "en")), "Top 10 issues")
    assert [row[0] for row in rows] == [str(n) for n in range(1, 11)]
    assert [row[2] for row in rows] == [f"Issue {n}" for n in range(10)]
    assert rows[0][1] == "serious" and rows[1][1] == "minor"
    assert rows[3][3] == "7"


def test_no_issues_says_so() -> None:
    text = markdown.render(with_issues(), "en")
    assert "No issues found." in text
    assert "Top" not in text


def test_dutch_summary_uses_dutch_text_throughout() -> None:
    text = markdown.render(sample_result(), "nl")
    assert "6 pagina's onderzocht, 1 mislukt" in text
    assert "**niet gehaald**, 5 problemen van ernstig of erger" in text
    assert "| kritiek | 1 | ja |" in text
    assert "| Escalatiemogelijkheid | 2 |" in text and "niet onderzocht" in text
    assert "### Top 7 problemen" in text
    for english in ("pages audited", "Gate", "Severity", "not checked", "Top 7 issues"):
        assert english not in text


def test_issue_titles_use_the_checks_translation() -> None:
    result = sample_result()
    texts = {"nl": {"failure_title": "Geen telefoonnummer op de contactpagina"}}
    checks = tuple(
        dataclasses.replace(c, texts=texts) if c.id == "contact-phone-visible" else c
        for c in result.checks
    )
    text = markdown.render(dataclasses.replace(result, checks=checks), "nl")
    assert "| 3 | ernstig | Geen telefoonnummer op de contactpagina | 1 |" in text


def test_ui_strings_have_the_same_keys_and_no_empty_values() -> None:
    assert set(markdown.UI) == {"en", "nl"}
    assert set(markdown.UI["en"]) == set(markdown.UI["nl"])
    for table in markdown.UI.values():
        assert all(value.strip() for value in table.values())
        assert all(f"severity.{s.value}" in table for s in Severity)


def test_unsupported_language_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="unsupported report language 'de'"):
        markdown.render(sample_result(), "de")


# --------------------------------------------------------------------------------------------
# escaping
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("title", [SCRIPT, BREAKOUT, LINKS, TABLE, "a\\|b", "x\r\ny\u2028z"])
def test_hostile_titles_stay_literal_text_in_one_cell(title: str) -> None:
    result = with_issues(issue(1, title=title), issue(2))
    text = markdown.render(result, "en")
    soup = html_of(text)
    rows = table_after(soup, "Top 2 issues")
    assert len(rows) == 2 and all(len(row) == 4 for row in rows)
    assert rows[0][2].replace("\u200b", "") == " ".join(title.split())
    cell = soup.select("table")[-1].select("tbody tr td")[2]
    assert cell.find_all(True) == []  # text only: no link, image, emphasis, code or HTML
    assert soup.find_all(["a", "img", "script"]) == []


def test_escaped_titles_break_github_autolinks_and_mentions() -> None:
    title = "see https://evil.example or www.evil.example, cc @octo-org/team re #12"
    row = next(
        line
        for line in markdown.render(with_issues(issue(1, title=title)), "en").splitlines()
        if line.startswith("| 1 |")
    )
    assert "://" not in row and "www." not in row  # GFM's extended autolinks need these
    assert "@octo" not in row and "#12" not in row


def test_hostile_start_url_is_a_code_span() -> None:
    url = f"https://example.nl/`{BREAKOUT}``{SCRIPT}\n# heading"
    result = dataclasses.replace(sample_result(), start_urls=(url,))
    soup = html_of(markdown.render(result, "en"))
    heading = soup.find("h2")
    assert heading is not None
    code = heading.find("code")
    assert code is not None
    assert code.get_text() == " ".join(url.split())
    assert soup.find_all(["a", "img", "script", "h1"]) == []


def test_md_text_escapes_every_markdown_character() -> None:
    assert markdown.md_text("a|b") == "a\\|b"
    assert markdown.md_text("[x](y)") == "\\[x\\]\\(y\\)"
    assert markdown.md_text("<b>&amp;</b>") == "\\<b\\>\\&amp\\;\\<\\/b\\>"
    assert markdown.md_text("line\nbreak") == "line break"
    assert markdown.md_text("plain words 123") == "plain words 123"


def test_md_code_uses_a_fence_longer_than_any_backtick_run() -> None:
    assert markdown.md_code("a``b") == "```a``b```"
    assert markdown.md_code("`x") == "`` `x ``"
    assert markdown.md_code("plain") == "`plain`"


# --------------------------------------------------------------------------------------------
# GitHub job summary
# --------------------------------------------------------------------------------------------


def test_append_step_summary_appends_to_the_named_file(tmp_path: Path) -> None:
    summary = tmp_path / "step_summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    env = {"GITHUB_STEP_SUMMARY": str(summary)}
    assert markdown.append_step_summary("## one", env) == summary
    assert markdown.append_step_summary("## two\n", env) == summary
    assert summary.read_text("utf-8") == "earlier step\n## one\n## two\n"


@pytest.mark.parametrize("env", [{}, {"GITHUB_STEP_SUMMARY": ""}])
def test_append_step_summary_does_nothing_outside_github(
    env: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert markdown.append_step_summary("## report", env) is None
    assert list(tmp_path.iterdir()) == []


def test_append_step_summary_reads_the_real_environment_by_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    text = markdown.render(sample_result(), "en")
    assert markdown.append_step_summary(text) == summary
    assert summary.read_text("utf-8") == text


def test_markdown_is_a_registered_format() -> None:
    assert FORMATS["md"].filename == "report.md"
    assert FORMATS["md"].render(sample_result(), "nl") == markdown.render(sample_result(), "nl")
