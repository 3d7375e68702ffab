"""focus-visible: keyboard focus can be seen.

## What it does
Reads the `focus` probe, which presses Tab through the first `max_elements` focusable
elements of the page in real Chromium and compares each focused element with how it looked
unfocused: outline, border, box shadow, background, colour, text decoration, filter,
transform, its `::before`/`::after`, its position (a skip link that slides into view), its
first descendants and an ancestor that holds only this element (`li:focus-within`). An
element whose focus changes none of these is a finding.

Elements that are not visible when focused, iframes and elements inside shadow DOM are not
judged. A text field whose focus changes nothing needs review: its blinking caret may be the
only indicator.

## Why is this bad?
Keyboard users, including many people with motor disabilities and screen magnifier users,
must see where they are on the page. Without a visible focus they cannot tell which link or
button Enter will activate. WCAG 2.2 success criterion 2.4.7 Focus Visible (level AA; EN 301
549 9.2.4.7) requires a visible keyboard focus indicator.

## Example
```css
a:focus, button:focus { outline: none; }
```

## Use instead
```css
a:focus-visible, button:focus-visible { outline: 3px solid #f5b700; outline-offset: 2px; }
```
Removing the browser's outline is fine only when another clear change replaces it.

This check is opt-in (`--extend-select focus-visible`): the Tab walk adds about half the
time of loading a page and running axe-core on a small page (see bench/probe_cost.py).

## Options
- `max_elements` (int, default 25): how many Tab stops the focus probe visits per page.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from auditor.check import Check
from auditor.model import Finding, PageSnapshot, Pitfall, Severity
from auditor.probes.focus import DEFAULT_MAX_ELEMENTS


def focus_result(page: PageSnapshot) -> dict[str, Any] | None:
    """The focus walk, or None when the probe did not run or failed."""
    probe = page.probes.get("focus")
    if not isinstance(probe, dict) or "error" in probe:
        return None
    return probe


def run(page: PageSnapshot, *, max_elements: int = DEFAULT_MAX_ELEMENTS) -> Iterator[Finding]:
    walk = focus_result(page)
    if not walk:
        return
    for item in walk.get("offenders", []):
        if item["index"] >= max_elements:
            continue
        name = item.get("text", "")
        label = f"{item['selector']} “{name}”" if name else item["selector"]
        yield CHECK.finding(
            page.url,
            f"Keyboard focus on {label} (Tab stop {item['index'] + 1}) cannot be seen: "
            "its look does not change.",
            selector=item["selector"],
            evidence=f"{item['selector']} ({item['width']}×{item['height']} px): {name}",
            signature=f"{item['selector']}|name={name}",
            needs_review=bool(item.get("editable")),
        )


CHECK = Check(
    id="focus-visible",
    pitfall=Pitfall.ACCESSIBILITY,
    severity=Severity.SERIOUS,
    title="Keyboard focus is visible",
    failure_title="Keyboard focus cannot be seen",
    fix=(
        "Give every link, button and field a clearly visible focus style, such as a 3px outline on "
        ":focus-visible, and never remove the outline without a replacement."
    ),
    run=run,
    docs=__doc__ or "",
    legal=True,
    wcag=("2.4.7",),
    en301549=("9.2.4.7",),
    needs=("focus",),
    help_url="https://www.w3.org/WAI/WCAG22/Understanding/focus-visible.html",
    default=False,  # the Tab walk adds about 50% to navigation + axe: opt-in (bench/)
)
