"""The axe probe: axe-core in every page's top frame, run with the selected tags.

The engine registers axe-core once per browser context as an init script (`preload_axe`), so
Chromium evaluates it in each new document: sending its 650 KB from Python through the
Playwright driver on every page cost 0.06 s of the 0.10 s an injection took. It is kept
under a name a page script cannot reassign (a page may ship its own axe as `window.axe`). A
page without it (another context, a document that predates it) gets it injected, as before.
Options are passed as a real argument, not through axe-playwright-python's `run` (which
builds the call with Python `repr()`). The build is the pinned npm release when installed,
else the one axe-playwright-python ships (axe_core.py).
"""

from __future__ import annotations

from functools import cache
from typing import Any

from auditor.axe_core import axe_build

STANDARDS: dict[str, tuple[str, ...]] = {
    "wcag21aa": ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa"),
    "wcag22aa": ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"),
    "en301549": ("EN-301-549",),
}
BEST_PRACTICE_TAG = "best-practice"
MAX_NODES = 50
"""Elements kept per rule and page: a page with 10,000 tiny links gives 50 findings of
`target-size` and a count of the rest, not a 20 MB report."""
AXE_GLOBAL = "__cxAuditAxe"
_RUN = """async ([options, MAX_NODES, AXE_GLOBAL]) => {
  const axe = window[AXE_GLOBAL];
  if (typeof axe === 'undefined') { return null; }
  const r = await axe.run(document, options);
  const slim = (rule) => ({id: rule.id, impact: rule.impact, tags: rule.tags, help: rule.help,
    description: rule.description, helpUrl: rule.helpUrl,
    nodeCount: rule.nodes.length,
    nodes: rule.nodes.slice(0, MAX_NODES).map(n => ({target: n.target, html: n.html,
                                 impact: n.impact, failureSummary: n.failureSummary}))});
  return {violations: r.violations.map(slim), incomplete: r.incomplete.map(slim),
          passes: r.passes.map(p => ({id: p.id, tags: p.tags})),
          inapplicable: r.inapplicable.map(p => ({id: p.id, tags: p.tags})),
          version: r.testEngine.version};
}"""


@cache
def _inject_script() -> str:
    """axe-core in the top frame under `AXE_GLOBAL`, once. AMD/CommonJS globals are shadowed
    so pages using RequireJS or a bundler still get window.axe."""
    return (
        f"if (window.top === window && !Object.hasOwn(window, '{AXE_GLOBAL}')) {{\n"
        "(function (define, module, exports, require) {\n"
        + axe_build().script
        + "\n}).call(window);\n"
        f"Object.defineProperty(window, '{AXE_GLOBAL}', {{value: window.axe}});\n}}"
    )


async def preload_axe(context: Any) -> None:
    """Register axe-core with a browser context: every new document gets it."""
    await context.add_init_script(_inject_script())


def axe_options(standard: str, best_practice: bool = False) -> dict[str, Any]:
    tags = [*STANDARDS[standard], *([BEST_PRACTICE_TAG] if best_practice else [])]
    return {"runOnly": {"type": "tag", "values": tags}, "resultTypes": ["violations", "incomplete"]}


async def run_axe(page: Any, config: Any) -> dict[str, Any]:
    """Run axe-core on the loaded document (injected when it is not there); returns
    slimmed results."""
    options = axe_options(config.standard, config.best_practice)
    result = await page.evaluate(_RUN, [options, MAX_NODES, AXE_GLOBAL])
    if result is None:
        await page.evaluate(_inject_script())
        result = await page.evaluate(_RUN, [options, MAX_NODES, AXE_GLOBAL])
    if result is None:
        raise RuntimeError("axe-core could not be injected into the page")
    return result
