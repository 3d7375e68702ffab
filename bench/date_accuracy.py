"""How often the date extraction finds the right day, and how long it takes (a script, not a
test).

Reads an index of pages with known dates (default `tests/data/dated_pages/index.json`) and
compares `page_dates` (checks/outdated/dates.py) with the expected `published`,
`last_updated` (ISO day, or null: must report none) and `date_source`; a page is right when
every field it lists is right. For comparison it also scores htmldate alone
(`find_date(html, original_date=True)`, its defaults) on the pages with a known publication
date. Times are per page, median of `--rounds`, for the date extraction on an already parsed
snapshot (the DOM is shared with the other checks).

    .venv/bin/python bench/date_accuracy.py [--index FILE] [--rounds 5] [--verbose]

The index format: {"fetched_at": ISO, "pages": [{"file", "url", "headers"?, "probes"?,
"fetched_at"?, "expected": {"published"?, "last_updated"?, "date_source"?}}]}, with `file`
relative to the index. Any set of real pages with known dates can be scored this way.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from datetime import datetime
from pathlib import Path
from typing import Any

from htmldate import find_date

from auditor.model import PageSnapshot
from auditor.testing import make_page
from checks.outdated.dates import PageDates, compute_page_dates

DEFAULT_INDEX = Path(__file__).resolve().parents[1] / "tests/data/dated_pages/index.json"


def load_cases(index: Path) -> list[tuple[dict[str, Any], PageSnapshot]]:
    data = json.loads(index.read_text("utf-8"))
    cases = []
    for entry in data["pages"]:
        html = (index.parent / entry["file"]).read_text("utf-8")
        fetched = datetime.fromisoformat(entry.get("fetched_at") or data["fetched_at"])
        page = make_page(
            html,
            url=entry["url"],
            headers=entry.get("headers"),
            probes=entry.get("probes"),
            fetched_at=fetched,
        )
        cases.append((entry, page))
    return cases


def reported(dates: PageDates) -> dict[str, str | None]:
    return {
        "published": dates.published.isoformat() if dates.published else None,
        "last_updated": dates.last_updated.isoformat() if dates.last_updated else None,
        "date_source": dates.date_source or None,
    }


def wrong_fields(expected: dict[str, Any], got: dict[str, str | None]) -> list[str]:
    return [field for field, want in expected.items() if got[field] != want]


def timed(page: PageSnapshot) -> tuple[PageDates, float]:
    """One cold run: htmldate caches some work per string, so repeats would flatter it."""
    start = time.perf_counter()
    dates = compute_page_dates(page)
    return dates, time.perf_counter() - start


def big_page(lang: str, fetched_at: datetime) -> PageSnapshot:
    """A large undated help page, the slowest case (htmldate searches everything): 360 KB of
    HTML, of which 240 KB inline script and style, a 600-item menu and 25 KB of text."""
    script = "<script>" + "window.__data = {a: 1, b: 'x', when: 1700000000};\n" * 3500 + "</script>"
    style = "<style>" + ".card{margin:0 0 1rem;padding:.5rem 1rem;color:#333}\n" * 2000 + "</style>"
    menu = "".join(
        f"<li class='menu-item'><a href='/c/{i}'>Onderwerp {i}</a></li>" for i in range(600)
    )
    cards = "".join(
        f"<section class='card'><h2>Vraag {i}</h2><p>U kunt uw rekening betalen met een"
        " overschrijving of met automatische incasso. Bel ons als u hulp nodig hebt.</p></section>"
        for i in range(150)
    )
    html = (
        f"<html lang='{lang}'><head><title>Help</title>{style}{script}</head><body><header><nav>"
        f"<ul>{menu}</ul></nav></header><main><h1>Help</h1>{cards}</main>"
        "<footer>© 2026 Example</footer></body></html>"
    )
    return make_page(html, url="https://example.com/help/pay", fetched_at=fetched_at)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--index", type=Path, default=DEFAULT_INDEX)
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()

    cases = load_cases(args.index)
    right = 0
    field_total: dict[str, int] = {}
    field_right: dict[str, int] = {}
    htmldate_total = htmldate_right = 0
    times = []
    for entry, page in cases:
        dates, seconds = timed(page)
        times.append(seconds)
        got = reported(dates)
        wrong = wrong_fields(entry["expected"], got)
        right += not wrong
        for field in entry["expected"]:
            field_total[field] = field_total.get(field, 0) + 1
            field_right[field] = field_right.get(field, 0) + (field not in wrong)
        if entry["expected"].get("published"):
            htmldate_total += 1
            htmldate_right += (
                find_date(page.html, original_date=True) == entry["expected"]["published"]
            )
        if wrong or args.verbose:
            mark = "WRONG " + ",".join(wrong) if wrong else "ok"
            print(f"{mark:28} {entry['file']:38} expected {entry['expected']} got {got}")
    print(f"pages right: {right}/{len(cases)} = {right / len(cases):.1%}")
    for field, total in field_total.items():
        print(f"  {field:13} {field_right[field]}/{total} = {field_right[field] / total:.1%}")
    if htmldate_total:
        print(
            f"htmldate alone, publication dates: {htmldate_right}/{htmldate_total}"
            f" = {htmldate_right / htmldate_total:.1%}"
        )
    print(
        f"time per page: median {statistics.median(times) * 1000:.1f} ms,"
        f" max {max(times) * 1000:.1f} ms"
    )
    fetched_at = cases[0][1].fetched_at
    for lang in ("en", "nl"):
        page = big_page(lang, fetched_at)
        seconds = timed(page)[1]
        print(f"big undated page ({len(page.html) // 1024} KB, {lang}): {seconds * 1000:.1f} ms")


if __name__ == "__main__":
    main()
