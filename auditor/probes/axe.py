"""The axe probe: inject axe-core once per page load and run it with the selected tags.

We inject the script ourselves and pass options as a real argument, instead of through
axe-playwright-python's `run` (which builds the call with Python `repr()` and re-sends the
570 KB script for every call). The axe-core build is the one that package ships.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from axe_playwright_python.base import AXE_SCRIPT

STANDARDS: dict[str, tuple[str, ...]] = {
    "wcag21aa": ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa"),
    "wcag22aa": ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"),
    "en301549": ("EN-301-549",),
}
# Shadow AMD/CommonJS globals so that pages using RequireJS or a bundler still get window.axe.
_INJECT = "(function (define, module, exports, require) {\n" + AXE_SCRIPT + "\n}).call(window);"
_RUN = """async (options) => {
  if (typeof window.axe === 'undefined') { return null; }
  const r = await window.axe.run(document, options);
  const slim = (rule) => ({id: rule.id, impact: rule.impact, tags: rule.tags, help: rule.help,
    description: rule.description, helpUrl: rule.helpUrl,
    nodes: rule.nodes.map(n => ({target: n.target, html: n.html, impact: n.impact,
                                 failureSummary: n.failureSummary}))});
  return {violations: r.violations.map(slim), incomplete: r.incomplete.map(slim),
          passes: r.passes.map(p => ({id: p.id, tags: p.tags})),
          inapplicable: r.inapplicable.map(p => p.id), version: r.testEngine.version};
}"""


@cache
def axe_version() -> str:
    match = re.search(r"axe v([\d.]+)", AXE_SCRIPT[:500])
    return match[1] if match else "unknown"


def axe_options(standard: str) -> dict[str, Any]:
    return {
        "runOnly": {"type": "tag", "values": list(STANDARDS[standard])},
        "resultTypes": ["violations", "incomplete"],
    }


async def run_axe(page: Any, config: Any) -> dict[str, Any]:
    """Inject axe-core into the loaded document and run it; returns slimmed results."""
    await page.evaluate(_INJECT)
    result = await page.evaluate(_RUN, axe_options(config.standard))
    if result is None:
        raise RuntimeError("axe-core could not be injected into the page")
    return result
