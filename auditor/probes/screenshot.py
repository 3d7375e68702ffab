"""A cropped screenshot of one failing element, with a highlight, while the page is open.

The element is scrolled into view, a fixed overlay draws a red frame around it, and the
viewport is clipped to the element plus a margin (capped in size). Only a selector that
matches exactly one element is used, so the picture never shows the wrong element. The
overlay is removed and the scroll position restored afterwards, so later probes and
screenshots see the page as it was. Returns base64 PNG, or None when the element is gone,
invisible or the image too big.
"""

from __future__ import annotations

import base64
from typing import Any

from playwright.async_api import Error as PlaywrightError

MARGIN = 16
MAX_WIDTH = 800
MAX_HEIGHT = 450
MAX_BYTES = 250_000
OVERLAY_ID = "__cx_audit_highlight"

_HIGHLIGHT = """([selector, overlayId]) => {
  let found;
  try { found = document.querySelectorAll(selector); } catch (e) { return null; }
  if (found.length !== 1) return null;  // a selector that is not unique could show the wrong one
  const el = found[0];
  if (el === document.documentElement || el === document.body) return null;
  const scroll = [window.scrollX, window.scrollY];
  el.scrollIntoView({block: 'center', inline: 'center'});
  const r = el.getBoundingClientRect();
  if (r.width < 1 || r.height < 1) { window.scrollTo(scroll[0], scroll[1]); return null; }
  const o = document.createElement('div');
  o.id = overlayId;
  Object.assign(o.style, {position: 'fixed', left: (r.left - 4) + 'px', top: (r.top - 4) + 'px',
    width: (r.width + 8) + 'px', height: (r.height + 8) + 'px', border: '4px solid #c4001a',
    boxSizing: 'border-box', zIndex: '2147483647', pointerEvents: 'none'});
  document.documentElement.appendChild(o);
  return {x: r.left, y: r.top, width: r.width, height: r.height,
          vw: window.innerWidth, vh: window.innerHeight, scroll};
}"""
_CLEAN_UP = """([overlayId, scroll]) => {
  const o = document.getElementById(overlayId);
  if (o) o.remove();
  window.scrollTo(scroll[0], scroll[1]);
}"""


def clip_for(box: dict[str, Any]) -> dict[str, float] | None:
    """The element plus a margin, inside the viewport, at most MAX_WIDTH x MAX_HEIGHT."""
    x = max(box["x"] - MARGIN, 0)
    y = max(box["y"] - MARGIN, 0)
    width = min(box["width"] + 2 * MARGIN, MAX_WIDTH, box["vw"] - x)
    height = min(box["height"] + 2 * MARGIN, MAX_HEIGHT, box["vh"] - y)
    if width < 1 or height < 1:
        return None
    return {"x": x, "y": y, "width": width, "height": height}


async def capture_element(page: Any, selector: str) -> str | None:
    box = await page.evaluate(_HIGHLIGHT, [selector, OVERLAY_ID])
    if not box:
        return None
    try:
        clip = clip_for(box)
        if clip is None:
            return None
        png = await page.screenshot(clip=clip, type="png", animations="disabled", timeout=5000)
    except PlaywrightError:
        if page.is_closed():
            raise
        return None
    finally:
        if not page.is_closed():
            await page.evaluate(_CLEAN_UP, [OVERLAY_ID, box["scroll"]])
    return base64.b64encode(png).decode("ascii") if len(png) <= MAX_BYTES else None
