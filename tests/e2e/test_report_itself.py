"""The HTML report is itself accessible, runs only its own script, and its filter works.

The report of the real fixture audit (both languages) is opened in Chromium from a local
server; axe-core runs on it with WCAG 2.2 A/AA and best-practice rules.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from playwright.async_api import async_playwright

from auditor.browser import find_browser, launch_options
from auditor.probes.axe import run_axe
from tests.e2e.conftest import FixtureAudit, cx_audit
from tests.servers import LocalServer


async def _open(url: str, action: Any) -> Any:
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(**launch_options(find_browser()))
        try:
            page = await browser.new_page()
            errors: list[str] = []
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: errors.append(str(e)))
            await page.goto(url)
            return await action(page, errors)
        finally:
            await browser.close()


@pytest.fixture(scope="module")
def reports(fixture_audit: FixtureAudit, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture audit's report re-rendered as report.en.html and report.nl.html."""
    out = tmp_path_factory.mktemp("rerender")
    for lang in ("en", "nl"):
        run = cx_audit(
            "report",
            str(fixture_audit.output / "report.json"),
            "--output",
            str(out / lang),
            "--report-lang",
            lang,
        )
        assert run.returncode == 0, run.stderr
        (out / f"report.{lang}.html").write_text(
            (out / lang / "report.html").read_text("utf-8"), "utf-8"
        )
        statement = out / lang / f"accessibility-statement.{lang}.html"
        assert f'<html lang="{lang}">' in statement.read_text("utf-8")
        (out / statement.name).write_text(statement.read_text("utf-8"), "utf-8")
    return out


@pytest.mark.parametrize(
    "name",
    [
        "report.en.html",
        "report.nl.html",
        "accessibility-statement.en.html",
        "accessibility-statement.nl.html",
    ],
)
def test_report_passes_axe(reports: Path, name: str) -> None:
    config = SimpleNamespace(standard="wcag22aa", best_practice=True)

    async def audit(page: Any, errors: list[str]) -> Any:
        return await run_axe(page, config), errors

    with LocalServer({}, directory=reports) as server:
        result, errors = asyncio.run(_open(f"{server.url}/{name}", audit))
    violations = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]
    assert violations == []
    assert errors == []  # no CSP violation, no script error


def test_filter_hides_other_issues(reports: Path) -> None:
    async def use_filter(page: Any, errors: list[str]) -> Any:
        assert await page.locator("#issue-filter").is_visible()  # the script ran (CSP hash)
        total = await page.locator(".issue[data-pitfall]").count()
        await page.select_option("#issue-filter select[name=severity]", "critical")
        await page.wait_for_timeout(50)
        severities = await page.eval_on_selector_all(
            ".issue[data-pitfall]:not([hidden])", "els => els.map(e => e.dataset.severity)"
        )
        shown = len(severities)
        status = await page.text_content("#filter-status")
        return total, shown, set(severities), status, errors

    with LocalServer({}, directory=reports) as server:
        total, shown, severities, status, errors = asyncio.run(
            _open(f"{server.url}/report.en.html", use_filter)
        )
    assert 0 < shown < total
    assert severities == {"critical"}
    assert status == f"{shown} of {total} issues shown"
    assert errors == []


def test_pdf_is_printed_with_the_evidence_opened(
    fixture_audit: FixtureAudit, tmp_path: Path
) -> None:
    from pypdf import PdfReader

    run = cx_audit(
        "report",
        str(fixture_audit.output / "report.json"),
        "--output",
        str(tmp_path),
        "--report-lang",
        "en",
        "--pdf",
    )
    assert run.returncode == 0, run.stderr
    reader = PdfReader(tmp_path / "report.pdf")
    assert len(reader.pages) > 3
    # "About this check" is inside <details>: opened for print. Pages are read in order until
    # every phrase is found (pypdf reads the fixture report's 260 pages in over 20 s).
    wanted = {"Self-service audit report", "Top 10", "Why it matters", "About this check"}
    text = ""
    for page in reader.pages:
        text += " " + page.extract_text()
        if all(phrase in text for phrase in wanted):
            break
    assert {phrase for phrase in wanted if phrase not in text} == set()
