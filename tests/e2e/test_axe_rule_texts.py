"""Every rule of the axe-core builds cx-audit can run has a Dutch title, asked of axe itself.

`axe.getRules()` needs a DOM, so it runs in real Chromium: once for the build that
`auditor.axe_core.axe_build()` resolves (the pinned npm release, or `CX_AUDIT_AXE`) and once for
the fallback bundled with axe-playwright-python. This does not depend on the npm package's
`locales/_template.json` being installed (tests/unit/test_check_texts.py reads that one).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import sync_playwright

from auditor.axe_core import BUNDLED_SCRIPT, axe_build, script_version
from auditor.browser import find_browser, launch_options
from tests.unit.test_check_texts import axe_problems, load

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def rules_by_build() -> dict[str, list[str]]:
    """{"<source> <version>": rule ids} for the resolved build and the bundled one."""
    build = axe_build()
    scripts = {f"{build.source} {build.version}": build.script}
    scripts.setdefault(f"bundled {script_version(BUNDLED_SCRIPT)}", BUNDLED_SCRIPT)
    found = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(**launch_options(find_browser()))
        try:
            for name, script in scripts.items():
                page = browser.new_page()
                page.set_content("<!doctype html><html lang='nl'><title>t</title></html>")
                page.add_script_tag(content=script)
                found[name] = page.evaluate("() => axe.getRules().map(rule => rule.ruleId)")
                page.close()
        finally:
            browser.close()
    return found


def test_every_axe_rule_that_can_run_has_a_dutch_text(rules_by_build: dict[str, list[str]]):
    table = load("axe-nl.json")
    for name, rules in rules_by_build.items():
        assert len(rules) > 50, f"{name}: axe.getRules() gave only {len(rules)} rules"
        assert axe_problems(rules, table) == [], name
