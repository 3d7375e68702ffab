"""The layout and focus probes in real Chromium against the fixture site: planted failures
found, every other page clean, and the page left as it was (viewport, scroll, focus)."""

from __future__ import annotations

import asyncio
import dataclasses
from pathlib import Path
from typing import Any

import pytest
from playwright.async_api import Page, async_playwright

from auditor.browser import find_browser, launch_options
from auditor.config import AuditConfig
from auditor.demo import serve_site
from auditor.model import Finding
from auditor.probes.focus import run_focus
from auditor.probes.layout import run_layout
from auditor.testing import make_page
from checks.accessibility import focus_visible, reflow_320, text_zoom_200

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "fixtures" / "site"
VIEWPORT = {"width": 1280, "height": 800}
PLANTED = {
    "/en/layout/fixed-width.html": "reflow-320",
    "/en/layout/clipped-text.html": "text-zoom-200",
    "/en/layout/no-focus-outline.html": "focus-visible",
}
CHECKS = (reflow_320.CHECK, text_zoom_200.CHECK, focus_visible.CHECK)
# Before the probes run, this page is scrolled down and has a focused link.
DISTURBED = "/en/help/submit-meter-reading.html"
STATE_JS = """() => ({scroll: [scrollX, scrollY], width: innerWidth, height: innerHeight,
  focus: document.activeElement ? document.activeElement.outerHTML.slice(0, 80) : null})"""
DISTURB_JS = """() => { document.querySelector('main a').focus(); window.scrollTo(0, 120); }"""
# A layout that a script makes responsive (on resize and with a ResizeObserver), not CSS.
SCRIPTED = """<html lang="en"><body><div id="box" style="width: 900px">Your statement</div>
<p id="note" style="height: 3em; overflow: hidden">{note}</p><script>
const box = document.getElementById('box');
addEventListener('resize', () => { box.style.width = innerWidth < 600 ? 'auto' : '900px'; });
new ResizeObserver(() => {
  document.getElementById('note').style.height = innerWidth < 1000 ? 'auto' : '3em';
}).observe(document.body);
</script></body></html>""".replace("{note}", "We read your meter once a year. " * 12)


@dataclasses.dataclass
class Probed:
    probes: dict[str, Any]
    before: dict[str, Any]
    after: dict[str, Any]

    def findings(self) -> list[Finding]:
        page = make_page("<html lang='en'></html>", probes=self.probes)
        return [f for check in CHECKS for f in check.execute(page)]


def audit_config(base_url: str, check_options: dict[str, Any] | None = None) -> AuditConfig:
    return AuditConfig(start_urls=(base_url,), check_options=check_options or {})


def site_paths() -> list[str]:
    return sorted("/" + str(p.relative_to(SITE)) for p in SITE.rglob("*.html"))


async def probe(page: Page, url: str, path: str, config: AuditConfig) -> Probed:
    await page.goto(url, wait_until="load")
    if path == DISTURBED:
        await page.evaluate(DISTURB_JS)
    before = await page.evaluate(STATE_JS)
    probes = {"layout": await run_layout(page, config), "focus": await run_focus(page, config)}
    return Probed(probes, before, await page.evaluate(STATE_JS))


async def probe_site() -> tuple[dict[str, Probed], dict[str, Any], dict[str, Any]]:
    with serve_site(SITE) as (base_url, _):
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(**launch_options(find_browser()))
            page = await (await browser.new_context(viewport=VIEWPORT)).new_page()
            results = {
                path: await probe(page, base_url + path.lstrip("/"), path, audit_config(base_url))
                for path in site_paths()
            }
            three = audit_config(base_url, {"focus-visible": {"max_elements": 3}})
            limited = await probe(page, base_url + "index.html", "/index.html", three)
            await page.set_content(SCRIPTED)
            scripted = await run_layout(page, three)
            await browser.close()
    return results, limited.probes["focus"], scripted


@pytest.fixture(scope="module")
def probed() -> tuple[dict[str, Probed], dict[str, Any], dict[str, Any]]:
    return asyncio.run(probe_site())


@pytest.fixture(scope="module")
def pages(probed: tuple[dict[str, Probed], dict[str, Any], dict[str, Any]]) -> dict[str, Probed]:
    return probed[0]


@pytest.mark.parametrize("path, check_id", sorted(PLANTED.items()))
def test_planted_failure_is_a_definite_finding(
    pages: dict[str, Probed], path: str, check_id: str
) -> None:
    found = pages[path].findings()
    assert {f.check_id for f in found} == {check_id}
    assert not any(f.needs_review for f in found)


def test_reflow_names_the_fixed_width_box(pages: dict[str, Probed]):
    [finding] = pages["/en/layout/fixed-width.html"].findings()
    assert finding.selector == "div.statement" and "900 px wide" in finding.message


def test_text_zoom_names_the_clipping_box(pages: dict[str, Probed]):
    [finding] = pages["/en/layout/clipped-text.html"].findings()
    assert finding.selector == "div.notice" and "clipped" in finding.message


def test_focus_flags_each_link_and_the_button_without_a_focus_style(pages: dict[str, Probed]):
    found = pages["/en/layout/no-focus-outline.html"].findings()
    assert sorted(f.selector for f in found) == ["button.plain-button"] + ["ul.quick-links a"] * 3


def test_every_other_page_is_clean(pages: dict[str, Probed]):
    dirty = {
        path: [f"{f.check_id} {f.selector}" for f in result.findings()]
        for path, result in pages.items()
        if path not in PLANTED and result.findings()
    }
    assert dirty == {}


def test_wide_table_scrolls_in_its_wrapper_not_the_page(pages: dict[str, Probed]):
    reflow = pages["/en/layout/wide-table.html"].probes["layout"]["reflow"]
    assert reflow["scroll_width"] <= reflow["viewport_width"] + 1


def test_custom_focus_styles_count_as_visible(pages: dict[str, Probed]):
    walk = pages["/en/layout/good-focus.html"].probes["focus"]
    assert walk["tabbed"] >= 10 and walk["offenders"] == []


def test_probes_restore_viewport_scroll_and_focus(pages: dict[str, Probed]):
    disturbed = pages[DISTURBED]
    assert disturbed.before["scroll"] == [0, 120] and disturbed.before["focus"].startswith("<a")
    for path, result in pages.items():
        assert result.after == result.before, path
        assert result.probes["layout"]["viewport"] == VIEWPORT


def test_max_elements_option_limits_the_focus_walk(probed: tuple[Any, ...]):
    walk = probed[1]
    assert walk["max_elements"] == 3 and walk["tabbed"] == 3


def test_focus_walk_starts_at_the_top_even_when_something_had_focus(pages: dict[str, Probed]):
    html = (SITE / DISTURBED.lstrip("/")).read_text("utf-8")
    stops = sum(html.count(tag) for tag in ("<a ", "<button", "<input"))
    assert pages[DISTURBED].probes["focus"]["tabbed"] == stops


def test_layout_waits_for_the_page_scripts_after_each_resize(probed: tuple[Any, ...]):
    scripted = probed[2]
    assert scripted["reflow"]["offenders"] == [] and scripted["zoom"]["issues"] == []
