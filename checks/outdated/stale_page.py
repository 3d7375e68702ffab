"""stale-page: the page has not been updated for a long time.

## What it does
Finds the page's last-updated and publication dates (see `checks/outdated/dates.py`: a
visible "Laatst bijgewerkt" / "Last updated" label, `article:modified_time` and JSON-LD
`dateModified`, publication meta and JSON-LD `datePublished`, htmldate, the sitemap's
`<lastmod>`, the HTTP `Last-Modified` header) and reports the page when the newer of the two
is more than `stale_after` days before the audit day (`--now`, else the fetch time). Pages
without any date are not judged here (see `undated-page`).

Every page gets the metrics `last_updated` and `published` (ISO dates, when known) and
`date_source` (where `last_updated` came from, else where `published` came from:
`visible-text`, `time-element`, `meta`, `json-ld`, `html`, `sitemap` or `http-header`).

## Why is this bad?
Prices, rules and procedures change. A customer who reads an answer from years ago does not
trust it, or follows steps that no longer work, and calls anyway.

## Example
A help article on paying by bank transfer, "Laatst bijgewerkt op 12 maart 2020", in an audit
in 2026.

## Use instead
Review every help article at least once a year: update it, confirm it is still right (and
show the new date), or remove it.

## Options
- `stale_after` (int, default 365): the largest acceptable age in days.
"""

from __future__ import annotations

from collections.abc import Iterator

from auditor.check import Check
from auditor.model import Finding, PageSnapshot, Pitfall, Severity
from checks.outdated.dates import audit_day, page_dates


def measure(page: PageSnapshot) -> dict[str, str]:
    return page_dates(page).metrics()


def run(page: PageSnapshot, *, stale_after: int = 365) -> Iterator[Finding]:
    dates = page_dates(page)
    newest = dates.newest
    if newest is None:
        return
    age = (audit_day(page) - newest).days
    if age <= stale_after:
        return
    kind = "updated" if newest == dates.last_updated else "published"
    source = dates.last_updated_source if kind == "updated" else dates.published_source
    yield CHECK.finding(
        page.url,
        f"Last {kind} on {newest.isoformat()} ({source}): {age} days before the audit, more"
        f" than {stale_after}.",
        evidence=f"{kind}: {newest.isoformat()} ({source})",
        signature=page.path,
    )


CHECK = Check(
    id="stale-page",
    pitfall=Pitfall.OUTDATED,
    severity=Severity.MODERATE,
    title="The page was updated recently",
    failure_title="The page has not been updated for a long time",
    fix=(
        "Review the page: update it, or confirm it is still correct and show the new date, or "
        "remove it."
    ),
    run=run,
    docs=__doc__ or "",
    measure=measure,
)
