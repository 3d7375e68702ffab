"""Size and opening time of report.html for large audits (a script, not a test).

Renders the synthetic result of tests/large_result.py (the shape of a real help centre:
unique language issues per page, template-wide axe issues, screenshots on top issues) at 100,
200 and 1,000 pages, and opens each report in Chromium from disk. Prints bytes, render time
and the time until the browser's load event, each as a ratio to the 100-page report.

    .venv/bin/python -m bench.report_size
"""

from __future__ import annotations

import asyncio
import tempfile
import time
from pathlib import Path

from playwright.async_api import async_playwright

from auditor.browser import find_browser, launch_options
from reports import html
from tests.large_result import large_result

SIZES = (100, 200, 1000)


async def open_times(paths: list[Path], rounds: int = 3) -> list[float]:
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(**launch_options(find_browser()))
        page = await browser.new_page()
        times = []
        for path in paths:
            best = float("inf")
            for _ in range(rounds):
                started = time.perf_counter()
                await page.goto(path.as_uri(), wait_until="load")
                best = min(best, time.perf_counter() - started)
            times.append(best)
        await browser.close()
    return times


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="cx-report-size-"))
    rows = []
    for pages in SIZES:
        result = large_result(pages)
        started = time.perf_counter()
        text = html.render(result, "nl")
        render_s = time.perf_counter() - started
        path = folder / f"report-{pages}.html"
        path.write_text(text, "utf-8")
        rows.append((pages, len(result.issues), len(text.encode()), render_s, path))
    loads = asyncio.run(open_times([row[4] for row in rows]))
    base = rows[0]
    print("pages  issues      bytes  (ratio)  render s (ratio)  open s (ratio)")
    for (pages, issues, size, render_s, _path), load in zip(rows, loads, strict=True):
        print(
            f"{pages:5}  {issues:6}  {size:9,}  ({size / base[2]:4.1f})  {render_s:7.2f} "
            f"({render_s / base[3]:4.1f})  {load:6.2f} ({load / loads[0]:4.1f})"
        )


if __name__ == "__main__":
    main()
