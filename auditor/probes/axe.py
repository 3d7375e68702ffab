"""The axe probe: inject axe-core once per page load and run it with the selected tags.

We inject the script ourselves and pass options as a real argument, instead of through
axe-playwright-python's `run` (which builds the call with Python `repr()`). The build is the
pinned npm release when installed, else the one axe-playwright-python ships (axe_core.py).
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
_RUN = """async ([options, MAX_NODES]) => {
  if (typeof window.axe === 'undefined') { return null; }
  const r = await window.axe.run(document, options);
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
    """Shadow AMD/CommonJS globals so pages using RequireJS or a bundler still get window.axe."""
    return (
        "(function (define, module, exports, require) {\n"
        + axe_build().script
        + "\n}).call(window);"
    )


def axe_options(standard: str, best_practice: bool = False) -> dict[str, Any]:
    tags = [*STANDARDS[standard], *([BEST_PRACTICE_TAG] if best_practice else [])]
    return {"runOnly": {"type": "tag", "values": tags}, "resultTypes": ["violations", "incomplete"]}


async def run_axe(page: Any, config: Any) -> dict[str, Any]:
    """Inject axe-core into the loaded document and run it; returns slimmed results."""
    await page.evaluate(_inject_script())
    options = axe_options(config.standard, config.best_practice)
    result = await page.evaluate(_RUN, [options, MAX_NODES])
    if result is None:
        raise RuntimeError("axe-core could not be injected into the page")
    return result
