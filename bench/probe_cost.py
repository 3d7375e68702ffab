"""What the layout and focus probes cost on top of navigation + axe (a script, not a test).

Serves fixtures/site on 127.0.0.1 and, on one reused page (as the engine does), measures per
page the baseline (navigation as gather does it, plus the axe probe) and the extra time of
the `layout` and `focus` probes. Each page is measured `--rounds` times and the median kept.

    .venv/bin/python bench/probe_cost.py [--rounds 5] [--pages 'en/*']
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from playwright.async_api import Page, async_playwright

from auditor.browser import find_browser, launch_options
from auditor.config import AuditConfig
from auditor.demo import serve_site
from auditor.probes.axe import run_axe
from auditor.probes.focus import run_focus
from auditor.probes.layout import run_layout

SITE = Path(__file__).resolve().parents[1] / "fixtures" / "site"
PROBES: dict[str, Callable[[Any, Any], Awaitable[Any]]] = {
    "layout": run_layout,
    "focus": run_focus,
}


async def timed(work: Awaitable[Any]) -> float:
    started = time.perf_counter()
    await work
    return (time.perf_counter() - started) * 1000


async def baseline(page: Page, url: str, config: AuditConfig) -> None:
    await page.goto(url, wait_until="domcontentloaded")
    await page.wait_for_load_state("load")
    await run_axe(page, config)


async def measure_page(page: Page, url: str, config: AuditConfig) -> dict[str, float]:
    times = {"baseline": await timed(baseline(page, url, config))}
    for name, probe in PROBES.items():
        times[name] = await timed(probe(page, config))
    return times


async def measure(paths: list[str], rounds: int) -> dict[str, dict[str, float]]:
    config = AuditConfig(start_urls=("http://127.0.0.1/",))
    samples: dict[str, list[dict[str, float]]] = {path: [] for path in paths}
    with serve_site(SITE) as (base_url, _):
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(**launch_options(find_browser()))
            page = await (await browser.new_context()).new_page()
            for _ in range(rounds):
                for path in paths:
                    samples[path].append(await measure_page(page, base_url + path, config))
            await browser.close()
    return {
        path: {key: statistics.median(s[key] for s in runs) for key in runs[0]}
        for path, runs in samples.items()
    }


def report(medians: dict[str, dict[str, float]]) -> None:
    width = max(len(path) for path in medians)
    print(f"{'page':<{width}}  {'nav+axe':>8}  {'layout':>14}  {'focus':>14}")
    for path, t in medians.items():
        extras = "  ".join(f"{t[name]:6.0f} {t[name] / t['baseline']:+6.0%}" for name in PROBES)
        print(f"{path:<{width}}  {t['baseline']:6.0f}ms  {extras}")
    total = {key: sum(t[key] for t in medians.values()) for key in ("baseline", *PROBES)}
    per_page = total["baseline"] / len(medians)
    ratios = " ".join(f"{name} {total[name] / total['baseline']:+.0%}" for name in PROBES)
    print(f"\n{len(medians)} pages, nav+axe {per_page:.0f} ms/page: {ratios}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--pages", default="**/*.html", help="glob under fixtures/site")
    args = parser.parse_args()
    paths = sorted(
        str(p.relative_to(SITE)) for p in SITE.glob(args.pages) if "intern" not in p.parts
    )
    report(asyncio.run(measure(paths, args.rounds)))


if __name__ == "__main__":
    main()
