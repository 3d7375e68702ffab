"""The focus probe: press Tab through the first focusable elements and see whether focus shows.

Before the walk, the unfocused look of the elements that Tab can reach is recorded (in the
page, behind a handle): outline, border, box shadow, background, colour, text decoration,
filter, transform, the `::before`/`::after` pseudo-elements, the position (a skip link that
moves into view), ancestors that hold no other focusable element (`li:focus-within`) and the
first descendants (`a:focus h3`). Then the probe presses Tab up to `max_elements` times and
compares each focused element with its unfocused look; CSS transitions are finished first, so
`transition: outline .3s` is measured at its end. Elements that are not visible when focused
(or stay outside the viewport), iframes (their focus is drawn inside the frame) and elements
in shadow DOM are left out and counted. Text fields are marked `editable`: their caret may be
the only indicator.

Afterwards focus goes back to where it was (usually nowhere) and the scroll position is
restored. The maximum comes from the `focus-visible` check's `max_elements` option.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from auditor.probes.selectors_js import SELECTOR_JS

if TYPE_CHECKING:
    from playwright.async_api import Page

    from auditor.config import AuditConfig

CHECK_ID = "focus-visible"
DEFAULT_MAX_ELEMENTS = 25
MAX_ITEMS = 20

_LOOK = (
    """
  const FOCUSABLE = 'a[href], area[href], button, input:not([type="hidden"]), select, '
    + 'textarea, summary, iframe, [tabindex], [contenteditable="true"], [contenteditable=""], '
    + 'audio[controls], video[controls]';
  const PROPS = ['box-shadow', 'background-color', 'background-image', 'color', 'filter',
    'transform', 'text-decoration-line', 'text-decoration-style', 'text-decoration-color',
    'text-decoration-thickness'];
  const SIDES = ['top', 'right', 'bottom', 'left'];
  const outline = (s) => (s.outlineStyle === 'none' || parseFloat(s.outlineWidth) === 0)
    ? 'none' : [s.outlineStyle, s.outlineWidth, s.outlineColor, s.outlineOffset].join(' ');
  const border = (s, side) => {
    const v = (p) => s.getPropertyValue(`border-${side}-${p}`);
    return v('style') === 'none' || parseFloat(v('width')) === 0
      ? 'none' : [v('style'), v('width'), v('color')].join(' ');
  };
  const paint = (s) => [outline(s), ...SIDES.map((side) => border(s, side)),
    ...PROPS.map((p) => s.getPropertyValue(p))].join('|');
  const pseudo = (el, which) => {
    const s = getComputedStyle(el, which);
    return ['none', 'normal'].includes(s.content) || s.display === 'none'
      ? 'absent' : [s.content, s.width, s.height, paint(s)].join('|');
  };
  const place = (el) => {
    const r = el.getBoundingClientRect();
    return [r.left + scrollX, r.top + scrollY, r.width, r.height];
  };
  // Ancestors whose look can only mean "this element has focus".
  const holders = (el) => {
    const out = [];
    for (let a = el.parentElement; a && a !== document.body && out.length < 2;
         a = a.parentElement) {
      if (a.querySelectorAll(FOCUSABLE).length !== 1) break;
      out.push(a);
    }
    return out;
  };
  const look = (el) => ({
    self: paint(getComputedStyle(el)),
    before: pseudo(el, '::before'),
    after: pseudo(el, '::after'),
    place: place(el),
    around: [...holders(el), ...[...el.querySelectorAll('*')].slice(0, 8)]
      .map((a) => paint(getComputedStyle(a))),
  });
"""
    + SELECTOR_JS
)

# Blur whatever has focus and record the unfocused look of every element Tab may reach:
# rendered, enabled, not taken out of the tab order, positive tabindex first.
_SNAPSHOT_JS = (
    "([limit]) => {"
    + _LOOK
    + """
  // Start the walk at the top: blur what has focus and move the sequential focus
  // navigation starting point to the body (focusing it needs a tabindex, for a moment).
  const previous = document.activeElement;
  if (previous && previous !== document.body) {
    previous.blur();
    const body = document.body;
    const tabindex = body.getAttribute('tabindex');
    body.tabIndex = -1;
    body.focus({preventScroll: true});
    body.blur();
    if (tabindex === null) body.removeAttribute('tabindex');
    else body.setAttribute('tabindex', tabindex);
  }
  const tabbable = [...document.querySelectorAll(FOCUSABLE)].filter((el) =>
    el.tabIndex >= 0 && !el.disabled && el.checkVisibility({visibilityProperty: true}));
  const ordered = [...tabbable.filter((el) => el.tabIndex > 0)
    .sort((a, b) => a.tabIndex - b.tabIndex), ...tabbable.filter((el) => el.tabIndex === 0)];
  const looks = new Map(ordered.slice(0, limit).map((el) => [el, look(el)]));
  return {looks, seen: new Set(), previous: previous === document.body ? null : previous,
          scroll: [scrollX, scrollY]};
}"""
)

# After one Tab: the focused element, compared with its unfocused look.
_STEP_JS = (
    "(state) => {"
    + _LOOK
    + """
  let el = document.activeElement;
  while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
  if (!el || el === document.body || el === document.documentElement) return {done: true};
  // Tab stops inside an iframe all show up as the iframe: skip them, do not stop there.
  if (el.localName === 'iframe') return {skipped: true};
  if (state.seen.has(el)) return {done: true};
  state.seen.add(el);
  const before = state.looks.get(el);
  if (!before) return {skipped: true};
  for (const a of document.getAnimations()) {
    if (a instanceof CSSTransition) a.finish();
  }
  const r = el.getBoundingClientRect();
  const s = getComputedStyle(el);
  const visible = el.checkVisibility({opacityProperty: true, visibilityProperty: true})
    && r.width > 1 && r.height > 1 && r.right > 0 && r.bottom > 0 && r.left < innerWidth
    && r.top < innerHeight && s.clip === 'auto' && s.clipPath === 'none';
  if (!visible) return {skipped: true};
  const now = look(el);
  const moved = now.place.some((v, i) => Math.abs(v - before.place[i]) > 1);
  const changed = moved || now.self !== before.self || now.before !== before.before
    || now.after !== before.after || now.around.some((a, i) => a !== before.around[i]);
  const editable = el.isContentEditable || el.localName === 'textarea' || (el.localName
    === 'input' && !['button', 'submit', 'reset', 'checkbox', 'radio', 'range', 'color',
    'file', 'image'].includes(el.type));
  return {changed, editable, selector: selectorOf(el), tag: el.localName,
          width: Math.round(r.width), height: Math.round(r.height),
          text: (el.innerText || el.value || el.getAttribute('aria-label') || '')
            .replace(/\\s+/g, ' ').trim().slice(0, 80)};
}"""
)

_RESTORE_JS = """(state) => {
  if (document.activeElement && document.activeElement !== document.body) {
    document.activeElement.blur();
  }
  if (state.previous && state.previous.isConnected) state.previous.focus({preventScroll: true});
  window.scrollTo(state.scroll[0], state.scroll[1]);
}"""


def max_elements(config: AuditConfig) -> int:
    """The `focus-visible` check's `max_elements` option, or the default."""
    options = config.check_options.get(CHECK_ID, {})
    return int(options.get("max_elements", DEFAULT_MAX_ELEMENTS))


async def run_focus(page: Page, config: AuditConfig) -> dict[str, Any]:
    """Tab through up to `max_elements` elements; list those whose focus changes nothing."""
    limit = max_elements(config)
    # A margin over the limit: elements Tab skips (inert, in closed menus) are in the list too.
    state = await page.evaluate_handle(_SNAPSHOT_JS, [limit * 4])
    tabbed = skipped = 0
    offenders: list[dict[str, Any]] = []
    try:
        for _ in range(limit):
            await page.keyboard.press("Tab")
            step = await page.evaluate(_STEP_JS, state)
            if step.get("done"):
                break
            tabbed += 1
            if step.get("skipped"):
                skipped += 1
            elif not step.pop("changed"):
                offenders.append({**step, "index": tabbed - 1})
    finally:
        if not page.is_closed():
            await page.evaluate(_RESTORE_JS, state)
            await state.dispose()
    return {
        "max_elements": limit,
        "tabbed": tabbed,
        "skipped": skipped,
        "offenders": offenders[:MAX_ITEMS],
    }
