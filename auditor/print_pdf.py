"""`--pdf`: print report.html to report.pdf with Chromium, through the print stylesheet.

The HTML file is opened from disk (file://): the report loads nothing from the network, and
its links to the audited site are never followed. Every <details> is opened first, so the
PDF holds the collapsed evidence too.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from playwright.async_api import async_playwright

from auditor.browser import find_browser, launch_options

_OPEN_DETAILS = "() => document.querySelectorAll('details').forEach((d) => { d.open = true; })"


async def _print(html: Path, pdf: Path, browser: str | None, timeout: float) -> None:
    choice = find_browser(browser)
    async with async_playwright() as pw:
        chromium = await pw.chromium.launch(**launch_options(choice))
        try:
            page = await chromium.new_page()
            await page.goto(html.resolve().as_uri(), timeout=timeout * 1000)
            await page.emulate_media(media="print")
            await page.evaluate(_OPEN_DETAILS)
            await page.pdf(
                path=str(pdf),
                format="A4",
                print_background=True,
                margin={"top": "15mm", "bottom": "15mm", "left": "12mm", "right": "12mm"},
            )
        finally:
            await chromium.close()


def print_pdf(html: Path, pdf: Path, *, browser: str | None = None, timeout: float = 120) -> Path:
    """Writes `pdf` from the report at `html`; returns the PDF's path."""
    asyncio.run(_print(html, pdf, browser, timeout))
    return pdf
