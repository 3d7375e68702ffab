"""reflow-320: at 320 CSS px wide, the page does not scroll sideways.

## What it does
Reads the `layout` probe, which lays the page out in a 320×640 CSS px viewport (what a
1280 px wide window shows at 400% zoom, WCAG 1.4.10 Reflow) and lists the elements that stick
out past the right edge. Each of them is a finding, naming the element (tag, id, classes),
its width and how far it sticks out.

Content that may need two-dimensional scrolling is left out, as WCAG allows: data tables,
`pre`/`code`, maps, video, `canvas`, SVG diagrams and everything inside a container that
scrolls or clips horizontally itself (`overflow-x: auto`). Only the outermost element of a
wide subtree is reported. The finding needs review when the cause is an image (it may be a
diagram), when the element lies wholly beyond the right edge (often an off-canvas menu that
is never shown), or when the page hides horizontal overflow (`overflow-x: hidden` on `html`
or `body`): then nothing scrolls, but the part past the edge cannot be read at all. Elements
wholly beyond the edge of such a page are not reported.

## Why is this bad?
People who zoom in to 400% to read, and people on small phones, have to scroll left and right
for every line. They lose their place and miss content. WCAG 2.2 success criterion 1.4.10
(level AA; EN 301 549 9.1.4.10) requires content to reflow into 320 CSS px without
horizontal scrolling.

## Example
```html
<div style="width: 900px">Your yearly statement …</div>
```

## Use instead
```html
<div style="max-width: 900px">Your yearly statement …</div>
```
Use `max-width`, flexible grids (`minmax(min(16rem, 100%), 1fr)`), `overflow-wrap: anywhere`
for long URLs, and put wide tables in a wrapper with `overflow-x: auto`.

## Options
- `tolerance` (int, default 1): CSS px an element may stick out before it is reported.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from auditor.check import Check
from auditor.model import Finding, PageSnapshot, Pitfall, Severity


def reflow_result(page: PageSnapshot) -> dict[str, Any] | None:
    """The probe's 320 px measurement, or None when the probe did not run or failed."""
    probe = page.probes.get("layout")
    if not isinstance(probe, dict) or "error" in probe:
        return None
    return probe.get("reflow")


def run(page: PageSnapshot, *, tolerance: int = 1) -> Iterator[Finding]:
    reflow = reflow_result(page)
    if not reflow:
        return
    clips = bool(reflow.get("root_clips"))
    width = reflow.get("viewport_width", 320)
    for item in reflow.get("offenders", []):
        if item["overflow"] <= tolerance or (clips and item.get("offscreen")):
            continue
        yield CHECK.finding(
            page.url,
            _message(item, width, clips),
            selector=item["selector"],
            evidence=f"{item['selector']} ({item['width']} px wide): {item.get('text', '')}",
            signature=item["selector"],
            needs_review=clips or bool(item.get("offscreen") or item.get("media")),
        )


def _message(item: dict[str, Any], width: int, clips: bool) -> str:
    what = f"{item['selector']} is {item['width']} px wide"
    if clips:
        return (
            f"At {width} CSS px wide, {what} and {item['overflow']} px of it is cut off at "
            "the right edge."
        )
    return (
        f"At {width} CSS px wide the page scrolls sideways: {what} and sticks out "
        f"{item['overflow']} px."
    )


CHECK = Check(
    id="reflow-320",
    pitfall=Pitfall.ACCESSIBILITY,
    severity=Severity.SERIOUS,
    title="Content reflows at 320 CSS px",
    failure_title="The page scrolls sideways at 320 CSS px",
    fix=(
        "Let the content fit a 320 CSS px wide screen: use max-width and flexible grids instead of "
        "fixed widths, and wrap wide tables in a box with overflow-x: auto."
    ),
    run=run,
    docs=__doc__ or "",
    legal=True,
    wcag=("1.4.10",),
    en301549=("9.1.4.10",),
    needs=("layout",),
    help_url="https://www.w3.org/WAI/WCAG22/Understanding/reflow.html",
)
