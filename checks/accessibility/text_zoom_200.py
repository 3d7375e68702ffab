"""text-zoom-200: at 200% zoom no text is clipped, cut off, overlapping or too small.

## What it does
Reads the `layout` probe, which lays the page out as Chrome does at 200% zoom (half the CSS
px viewport: 1280×720 becomes 640×360) and compares it with the page at 100%. It reports
text that is lost *because of the zoom*:

- `clipped`: lines of text hidden by a box with a fixed height and `overflow: hidden`;
- `truncated`: text cut off with `text-overflow: ellipsis` or a line clamp (needs review:
  the full text may be available elsewhere, such as a tooltip or the linked page);
- `overlap`: text that overflows a fixed-size box and runs over the text after it;
- `not-scaling`: text sized in viewport units (`font-size: 2vw`) that does not reach twice
  its size at 200% nor at 400% zoom (WCAG failure technique F94).

Boxes that already hide text at 100% (teasers, carousels, deliberate truncation), visually
hidden text (`sr-only`), text under `aria-hidden` and clipped images or icons are not
reported.

## Why is this bad?
People with low vision zoom in to read. When the text they zoom is cut off or printed over
other text, they cannot read it at all. WCAG 2.2 success criterion 1.4.4 Resize Text (level
AA; EN 301 549 9.1.4.4) requires that text can be resized up to 200% without loss of content
or functionality.

## Example
```html
<div style="height: 11rem; overflow: hidden">We are open on most holidays …</div>
```

## Use instead
```html
<div style="min-height: 11rem">We are open on most holidays …</div>
```
Let boxes grow with their content (`min-height`, no fixed heights around text), and size
text in `rem` or `em`, or with `clamp()` whose maximum is at most 2.5 times its minimum.

## Options
None.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from auditor.check import Check
from auditor.model import Finding, PageSnapshot, Pitfall, Severity

MESSAGES = {
    "clipped": "At 200% zoom, text in {selector} is clipped by its fixed-size box.",
    "truncated": "At 200% zoom, text in {selector} is cut off with an ellipsis or line clamp.",
    "overlap": "At 200% zoom, text in {selector} overflows its box and overlaps {other}.",
    "not-scaling": (
        "Text in {selector} does not grow with zoom (it reaches {grows}x its size at most): "
        "its font size is set in viewport units."
    ),
}
NEEDS_REVIEW = frozenset({"truncated"})


def zoom_result(page: PageSnapshot) -> dict[str, Any] | None:
    """The probe's 200% measurement, or None when the probe did not run or failed."""
    probe = page.probes.get("layout")
    if not isinstance(probe, dict) or "error" in probe:
        return None
    return probe.get("zoom")


def run(page: PageSnapshot) -> Iterator[Finding]:
    zoom = zoom_result(page)
    if not zoom:
        return
    for item in zoom.get("issues", []):
        kind = item["kind"]
        yield CHECK.finding(
            page.url,
            MESSAGES[kind].format(
                selector=item["selector"],
                other=item.get("other", "the text after it"),
                grows=item.get("grows", 1),
            ),
            selector=item["selector"],
            evidence=f"{item['selector']} ({item['width']}×{item['height']} px): "
            f"{item.get('text', '')}",
            signature=f"{kind}:{item['selector']}",
            needs_review=kind in NEEDS_REVIEW,
        )


CHECK = Check(
    id="text-zoom-200",
    pitfall=Pitfall.ACCESSIBILITY,
    severity=Severity.SERIOUS,
    title="Text can be zoomed to 200%",
    failure_title="Text is lost when zoomed to 200%",
    fix=(
        "Let boxes around text grow with their content (min-height instead of a fixed height with "
        "overflow: hidden) and size text in rem or em."
    ),
    run=run,
    docs=__doc__ or "",
    legal=True,
    wcag=("1.4.4",),
    en301549=("9.1.4.4",),
    needs=("layout",),
    help_url="https://www.w3.org/WAI/WCAG22/Understanding/resize-text.html",
)
