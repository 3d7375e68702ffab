"""A site whose title, text, alt and link texts carry `<script>` and an attribute break-out.

The real CLI audits it in Chromium with every report format; the reports must show the text
and never turn it into markup: no foreign element or event handler in the HTML files (also
checked by opening them in Chromium: nothing sets window.__pwned), nothing raw in Markdown.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from playwright.async_api import async_playwright

from auditor.browser import find_browser, launch_options
from reports.html import FILTER_JS
from tests.e2e.conftest import cx_audit
from tests.servers import LocalServer

SITE = Path(__file__).resolve().parents[1] / "data" / "hostile_site"
PAYLOADS = ("<script>window.__pwned", "<img src=x onerror=window.__pwned")


@pytest.fixture(scope="module")
def output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("hostile")
    with LocalServer({}, directory=SITE) as server:
        run = cx_audit(
            "audit",
            f"{server.url}/",
            "--output",
            str(out),
            "--format",
            "html,json,md,sarif,junit",
            "--fail-on",
            "never",
            "--quiet",
            "--report-lang",
            "en",
        )
    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.stderr
    return out


def test_the_payloads_reached_the_result(output: Path) -> None:
    """Guards the test itself: the hostile strings really are in what the reports render."""
    data = (output / "report.json").read_text("utf-8")
    report = json.loads(data)
    titles = " ".join(p["title"] for p in report["pages"])
    assert "<script>window.__pwned=1</script>" in titles
    evidence = " ".join(f["evidence"] + f["message"] for f in report["findings"])
    assert "onerror=window.__pwned" in evidence


@pytest.mark.parametrize("name", ["report.html", "accessibility-statement.en.html"])
def test_html_files_carry_no_foreign_markup(output: Path, name: str) -> None:
    text = (output / name).read_text("utf-8")
    soup = BeautifulSoup(text, "html.parser")
    assert [s.string for s in soup.find_all("script")] in ([], [FILTER_JS])
    for img in soup.find_all("img"):
        assert str(img["src"]).startswith("data:image/png;base64,")
    for tag in soup.find_all(True):
        assert not [a for a in tag.attrs if a.lower().startswith("on")], tag
    if name == "report.html":
        assert "window.__pwned" in soup.get_text()  # shown as text


@pytest.mark.parametrize("name", ["report.html", "accessibility-statement.en.html"])
def test_nothing_runs_when_the_reports_are_opened(output: Path, name: str) -> None:
    async def pwned() -> object:
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(**launch_options(find_browser()))
            try:
                page = await browser.new_page()
                await page.goto((output / name).as_uri())
                await page.wait_for_timeout(200)
                return await page.evaluate("() => window.__pwned ?? null")
            finally:
                await browser.close()

    assert asyncio.run(pwned()) is None


def test_markdown_has_no_raw_markup(output: Path) -> None:
    text = (output / "report.md").read_text("utf-8")
    for payload in PAYLOADS:
        assert payload not in text


def test_sarif_and_junit_stay_well_formed(output: Path) -> None:
    from xml.etree import ElementTree

    sarif = json.loads((output / "report.sarif").read_text("utf-8"))
    assert sarif["runs"][0]["results"]
    root = ElementTree.parse(output / "report.junit.xml").getroot()
    assert root.iter("testcase")
