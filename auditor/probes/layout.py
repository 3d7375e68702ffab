"""The layout probe: the page at 320 CSS px (reflow) and at 200% zoom (resize text).

Chrome's page zoom divides the CSS px viewport by the zoom factor: 200% in a 1280×800
window lays the page out in a 640×400 CSS px viewport, and 400% (what WCAG 1.4.10 Reflow
asks for) in 320 px. We emulate both by resizing the viewport, once per state, and restore the
original size and scroll position at the end.

- `reflow`: at 320×640, how wide the document is and which elements stick out past the right
  edge, leaving out content that may scroll in two dimensions (tables, `pre`/`code`, maps,
  video, canvas, SVG) and everything inside a container that scrolls or clips horizontally
  itself. Only the outermost offender of a subtree is listed.
- `zoom`: at half the original size, text that is lost or unreadable *because of the zoom*:
  lines clipped by an `overflow: hidden` box, text cut off with an ellipsis or line clamp,
  text that overflows a fixed-size box onto the text that follows, and text that does not
  grow (sized in viewport units, WCAG failure F94). Boxes that already lose text at 100%
  (teasers, carousels, deliberate truncation) are measured first and left out.

Each element is named by tag, id and classes (never its position) with its size and a short
text; lists are capped at `MAX_ITEMS`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from auditor.probes.selectors_js import SELECTOR_JS

if TYPE_CHECKING:
    from playwright.async_api import Page

    from auditor.config import AuditConfig

MAX_ITEMS = 20
REFLOW_SIZE = {"width": 320, "height": 640}
ZOOM = 2

# After a resize, wait one frame (and the task after it) so that the page's resize, media
# query and ResizeObserver listeners have run. A page without scripts has none, and neither
# has one whose only scripts are data blocks (JSON-LD, JSON islands, templates): waiting for
# a frame costs about 16 ms, and up to a second when another page of the browser is busy.
_SETTLE = """
  const JS_TYPE = /^(|module|(text|application)\\/(x-)?(java|ecma)script|text\\/jscript)$/;
  const scripted = () => window.onresize !== null
    || [...document.scripts].some((s) => JS_TYPE.test(s.type.trim().toLowerCase()));
  const settle = () => !scripted() ? Promise.resolve()
    : new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
"""
# Helpers shared by the in-page functions below (each evaluate is self-contained).
_HELPERS = (
    _SETTLE
    + SELECTOR_JS
    + """
  const shortText = (el) => (el.innerText || el.getAttribute('alt') || '')
    .replace(/\\s+/g, ' ').trim().slice(0, 80);
  const shown = (el) => el.checkVisibility({opacityProperty: true, visibilityProperty: true});
  const silenced = (el) => el.closest('[aria-hidden="true"], [inert]') !== null;
  const round = (n) => Math.round(n);
"""
)

_REFLOW_JS = (
    "async ([baseline, limit]) => {"
    + _HELPERS
    + """
  await settle();
  // Font sizes at 400% zoom, for text that only reaches 200% at a higher zoom (below).
  baseline.reflowFonts = new Map([...baseline.fonts.keys()].map(
    (el) => [el, parseFloat(getComputedStyle(el).fontSize)]));
  const EXEMPT = 'table, pre, code, samp, map, video, audio, canvas, svg, math, iframe, '
    + 'object, embed, [role="img"], [role="application"], [role="grid"], [role="math"], '
    + '.leaflet-container, .mapboxgl-map, .maplibregl-map, .gm-style, .ol-viewport';
  const MEDIA = new Set(['img', 'picture']);
  const root = document.scrollingElement || document.documentElement;
  const vw = document.documentElement.clientWidth;
  const clipsX = (el) => ['hidden', 'clip'].includes(getComputedStyle(el).overflowX);
  const result = {viewport_width: vw, scroll_width: root.scrollWidth,
                  root_clips: clipsX(document.documentElement) || clipsX(document.body),
                  offenders: [], restore: scripted() || baseline.scroll.some((n) => n !== 0)};
  if (root.scrollWidth <= vw + 1) return result;
  const ownsText = (el) => [...el.childNodes].some(
    (n) => n.nodeType === Node.TEXT_NODE && /\\S/.test(n.data));
  // The box itself, or its own text (a long URL) running out of it.
  const sticksOut = (el, r) => r.right > vw + 1 || (r.left + el.scrollWidth > vw + 1
    && ownsText(el) && getComputedStyle(el).overflowX === 'visible');
  const offending = new Set();
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width > 2 && r.height > 2 && sticksOut(el, r)) offending.add(el);
  }
  // Only the outermost offender; nothing that scrolls or clips itself, is fixed or exempt.
  const contained = (el) => {
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      if (offending.has(a) || getComputedStyle(a).overflowX !== 'visible') return true;
      if (getComputedStyle(a).position === 'fixed') return true;
    }
    return false;
  };
  for (const el of offending) {
    if (el.closest(EXEMPT) || !shown(el) || silenced(el)) continue;
    if (getComputedStyle(el).position === 'fixed' || contained(el)) continue;
    const r = el.getBoundingClientRect();
    result.offenders.push({selector: selectorOf(el), tag: el.localName, width: round(r.width),
      overflow: round(Math.max(r.right, r.left + el.scrollWidth) - vw), text: shortText(el),
      media: MEDIA.has(el.localName), offscreen: r.left >= vw - 1});
  }
  result.offenders.sort((a, b) => b.overflow - a.overflow);
  result.offenders = result.offenders.slice(0, limit);
  return result;
}"""
)

# One scan of the page for text that is lost; run at 100% (baseline = null: returns a handle
# to the boxes and font sizes) and at 200% (baseline given: returns what is new).
_TEXT_JS = (
    "async ([baseline, limit, zoom, reflowZoom]) => {"
    + _HELPERS
    + """
  if (baseline !== null) await settle();
  const clips = (v) => v === 'hidden' || v === 'clip';
  const owners = new Map();
  // A text node belongs to the box that clips it: not to an outer one, and not when a box
  // in between scrolls, clips or hides it.
  const ownedBy = (parent, box) => {
    if (!owners.has(parent)) {
      let ok = shown(parent) && !silenced(parent);
      for (let a = parent; ok && a !== box; a = a.parentElement) {
        const s = getComputedStyle(a);
        ok = s.overflowX === 'visible' && s.overflowY === 'visible' && s.clip === 'auto'
          && s.position !== 'fixed';
      }
      owners.set(parent, ok);
    }
    return owners.get(parent);
  };
  const lineRects = function* (box, maxNodes) {
    const walk = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    let count = 0;
    for (let t = walk.nextNode(); t && count < maxNodes; t = walk.nextNode()) {
      if (!/\\S/.test(t.data) || !ownedBy(t.parentElement, box)) continue;
      count += 1;
      range.selectNodeContents(t);
      for (const r of range.getClientRects()) {
        if (r.width > 0.5 && r.height > 0.5) yield [t, r];
      }
    }
  };
  const paddingBox = (el) => {
    const r = el.getBoundingClientRect();
    const left = r.left + el.clientLeft;
    const top = r.top + el.clientTop;
    return {left, top, right: left + el.clientWidth, bottom: top + el.clientHeight};
  };
  const lostIn = (el, s) => {
    const box = paddingBox(el);
    const cutX = Math.max(4, parseFloat(s.fontSize) / 2);
    for (const [t, r] of lineRects(el, 200)) {
      const below = clips(s.overflowY) && r.bottom - box.bottom > r.height / 2;
      const beside = clips(s.overflowX) && r.right - box.right > cutX && r.left < box.right;
      if (below || beside) return t.data.replace(/\\s+/g, ' ').trim().slice(0, 80);
    }
    return null;
  };
  const followers = function* (el) {
    for (let a = el; a && a !== document.body; a = a.parentElement) {
      for (let n = a.nextElementSibling; n; n = n.nextElementSibling) yield n;
    }
  };
  const intersects = (a, b) => {
    const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
    const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
    return x > 2 && y > Math.max(2, 0.3 * Math.min(a.height, b.height));
  };
  const overlapOf = (el) => {
    const box = paddingBox(el);
    const spilled = [];
    for (const [, r] of lineRects(el, 100)) {
      if (r.bottom - box.bottom > r.height / 2 || r.right - box.right > r.height / 2) {
        spilled.push(r);
      }
      if (spilled.length >= 5) break;
    }
    if (!spilled.length) return null;
    const reach = Math.max(...spilled.map((r) => r.bottom));
    let looked = 0;
    for (const other of followers(el)) {
      const o = other.getBoundingClientRect();
      if (o.top > reach || looked++ > 20) break;
      for (const [, r] of lineRects(other, 50)) {
        if (spilled.some((s) => intersects(s, r))) return selectorOf(other);
      }
    }
    return null;
  };
  const problems = [];
  for (const el of document.body.querySelectorAll('*')) {
    if (el.scrollHeight <= el.clientHeight + 1 && el.scrollWidth <= el.clientWidth + 1) continue;
    if (el.clientWidth <= 2 || el.clientHeight <= 2 || !shown(el) || silenced(el)) continue;
    const s = getComputedStyle(el);
    if (s.clip !== 'auto' || s.clipPath !== 'none') continue;
    if (clips(s.overflowX) || clips(s.overflowY)) {
      const text = lostIn(el, s);
      if (text === null) continue;
      const truncated = s.textOverflow === 'ellipsis' || s.webkitLineClamp !== 'none';
      problems.push({el, kind: truncated ? 'truncated' : 'clipped', text});
    } else if (s.overflowX === 'visible' && s.overflowY === 'visible') {
      const other = overlapOf(el);
      if (other !== null) problems.push({el, kind: 'overlap', text: shortText(el), other});
    }
  }
  if (baseline === null) {
    const owning = [...document.body.querySelectorAll('*')].filter((el) =>
      [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && /\\S/.test(n.data)));
    const fonts = new Map();
    for (const el of owning.slice(0, 5000)) {
      if (shown(el)) fonts.set(el, parseFloat(getComputedStyle(el).fontSize));
    }
    return {known: new Set(problems.map((p) => p.el)), fonts, scroll: [scrollX, scrollY]};
  }
  const seen = new Set();
  const out = [];
  const add = (el, item) => {
    const r = el.getBoundingClientRect();
    const key = item.kind + ' ' + selectorOf(el);
    if (seen.has(key) || out.length >= limit) return;
    seen.add(key);
    out.push({selector: selectorOf(el), tag: el.localName, width: round(r.width),
              height: round(r.height), ...item});
  };
  for (const {el, ...item} of problems) {
    if (!baseline.known.has(el)) add(el, item);
  }
  // Text sized in viewport units does not grow with zoom. It fails when it reaches twice
  // its size neither at 200% nor at 400% zoom (fluid type with a rem minimum often does).
  for (const [el, before] of baseline.fonts) {
    if (!el.isConnected || !shown(el) || silenced(el)) continue;
    const now = parseFloat(getComputedStyle(el).fontSize);
    const grows = Math.max(zoom * now, reflowZoom * baseline.reflowFonts.get(el)) / before;
    if (grows < 1.9) {
      add(el, {kind: 'not-scaling', text: shortText(el), font_px: [before, now],
               grows: Math.round(grows * 100) / 100});
    }
  }
  return {viewport_width: document.documentElement.clientWidth, issues: out};
}"""
)

_RESTORE_SCROLL_JS = (
    "async (baseline) => {"
    + _SETTLE
    + "  await settle();\n  window.scrollTo(...baseline.scroll);\n}"
)
_VIEWPORT_JS = "() => ({width: window.innerWidth, height: window.innerHeight})"


async def run_layout(page: Page, config: AuditConfig) -> dict[str, Any]:
    """Measure reflow at 320 CSS px and text at 200% zoom; restore viewport and scroll."""
    original = dict(page.viewport_size or await page.evaluate(_VIEWPORT_JS))
    baseline = await page.evaluate_handle(_TEXT_JS, [None, MAX_ITEMS, ZOOM, 0])
    restore = True
    try:
        await page.set_viewport_size(REFLOW_SIZE)
        reflow = await page.evaluate(_REFLOW_JS, [baseline, MAX_ITEMS])
        restore = reflow.pop("restore")
        zoomed = {"width": original["width"] // ZOOM, "height": original["height"] // ZOOM}
        await page.set_viewport_size(zoomed)
        reflow_zoom = original["width"] / REFLOW_SIZE["width"]
        zoom = await page.evaluate(_TEXT_JS, [baseline, MAX_ITEMS, ZOOM, reflow_zoom])
    finally:
        if not page.is_closed():
            await page.set_viewport_size(original)
            if restore:  # a page at the top without scripts is back where it was
                await page.evaluate(_RESTORE_SCROLL_JS, baseline)
            await baseline.dispose()
    return {
        "viewport": original,
        "reflow": {**REFLOW_SIZE, **reflow},
        "zoom": {**zoomed, "factor": ZOOM, **zoom},
    }
