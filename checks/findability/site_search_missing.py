"""site-search-missing: the site has no search.

## What it does
Looks at every audited HTML page for a way to search the site: an `input[type=search]`, an
element with `role="search"`, a GET form with a text input named `q`, `query`, `zoek`,
`zoekterm`, `search`, `s`, `term` or `keyword`, or a button or link that opens search
("Zoeken", "Search", a link to `/zoeken` or `/search`, since search overlays often add their
input only on click). When no page has any of these, one finding is reported on the first
audited page. Sites whose pages were audited without the self-service facts are not judged.

## Why is this bad?
Customers come with their own question, in their own words. Without search they must guess
which menu or FAQ holds the answer; many give up and call.

## Example
A help centre with a menu of categories and long FAQ pages, but no search box anywhere.

## Use instead
A search box in the header of every page (a GET form with `role="search"`), whose results
page lists the matching help articles.

## Options
- `params` (list of str, default none): more query input names that make a GET form a search
  form, e.g. `["searchterm"]`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from auditor.check import Check
from auditor.model import Finding, PageSummary, Pitfall, Severity, SiteSummary
from checks.findability.facts import facts_of


def run(site: SiteSummary, *, params: Sequence[str] = ()) -> Iterator[Finding]:
    pages = [p for p in site.html_pages if facts_of(p)]
    if not pages or any(_searchable(p, params) for p in pages):
        return
    yield CHECK.finding(
        pages[0].url,
        f"None of the {len(pages)} audited pages offers a way to search the site.",
        signature="no-site-search",
    )


def _searchable(page: PageSummary, params: Sequence[str]) -> bool:
    facts = facts_of(page)
    extra = {p.lower() for p in params}
    return bool(facts.get("has_search")) or bool(extra & set(facts.get("search_fields", ())))


CHECK = Check(
    id="site-search-missing",
    pitfall=Pitfall.FINDABILITY,
    severity=Severity.SERIOUS,
    title="The site can be searched",
    failure_title="The site has no search",
    fix=(
        'Add a search box to the header of every page (a GET form with role="search") whose '
        "results page lists the matching help articles."
    ),
    run=run,
    docs=__doc__ or "",
    scope="site",
)
