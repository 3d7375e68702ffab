"""undated-page: a help article shows no date.

## What it does
Reports help articles (page kind `help-article`) that carry no date of their own: no visible
"Laatst bijgewerkt" / "Gepubliceerd" / "Last updated" date, no `<time>` element marked as
such, no publication or modification meta, no JSON-LD date and nothing htmldate can find.
A sitemap `<lastmod>` or an HTTP `Last-Modified` header does not count: the customer does not
see it, and a static server sends the file time.

## Why is this bad?
Customers cannot tell whether an answer is still valid. When the page does not say how
current it is, many call to check, especially about prices, rules and deadlines.

## Example
A help article "Verhuizen" with steps and prices, and no date anywhere.

## Use instead
"Laatst bijgewerkt op 3 maart 2026" under the heading or at the end of the article, with the
same date in `article:modified_time` or JSON-LD `dateModified`.

## Options
None.
"""

from __future__ import annotations

from collections.abc import Iterator

from auditor.check import Check
from auditor.model import Finding, PageSnapshot, Pitfall, Severity
from checks.outdated.dates import page_dates


def run(page: PageSnapshot) -> Iterator[Finding]:
    if page_dates(page).on_page:
        return
    yield CHECK.finding(
        page.url,
        "This help article shows no date: customers cannot tell whether it is current.",
        evidence=page.title,
        signature=page.path,
    )


CHECK = Check(
    id="undated-page",
    pitfall=Pitfall.OUTDATED,
    severity=Severity.MINOR,
    title="The help article shows when it was updated",
    failure_title="The help article shows no date",
    fix=(
        'Show a "Last updated" date on the article, with the same date in article:modified_time '
        "or JSON-LD dateModified."
    ),
    run=run,
    docs=__doc__ or "",
    applies_to=("help-article",),
)
