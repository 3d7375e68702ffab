"""contact-route-depth: pages from which the way to contact is more than two clicks long.

## What it does
Follows the internal links between the audited HTML pages (`PageSummary.links`, hidden menu
links included, since one click opens them) breadth-first, backwards from every page that is
itself a contact route (checks/escalation/contact_route.py): 0 clicks on a contact page or a
page that shows the organisation's phone number or email address, 1 on a page that links to
a contact page (also one on another host of the same organisation). So it finds for each page
the fewest clicks to a person. When pages need more than `max_clicks` clicks, or cannot reach
a route at all through audited pages, one finding on the start URL gives how many and lists
the worst. A link to an internal page that the audit did not load (robots.txt, the page or
depth cap) is given the benefit of the doubt: that page might be the contact page, so pages
that are near such a link are not reported.
Every page also gets the metric `contact_depth` (0 on a page that is a route itself, null
when no route was found). A site where no page gives a route is left to
`contact-page-linked`.

## Why is this bad?
A customer who is stuck looks for a way out from the page they are on. Every extra click,
and every page that leads nowhere, is a chance to give up or to call a number found
elsewhere. A route of at most two clicks ("Contact" in the footer, or "Help" then "Contact")
is what customers expect.

## Example
A help article links only to other articles and the home page; the contact page is linked
from a "Service" page that is linked from the home page: three clicks.

## Use instead
A "Contact" link in the shared header or footer, so every page is one click away.

## Options
- `max_clicks` (int, default 2): the most clicks a page may need to reach the contact page.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict, deque
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from auditor.check import Check
from auditor.model import Finding, Pitfall, Severity, SiteSummary
from auditor.urls import normalize_url
from checks.escalation.contact_route import site_routes

MAX_LISTED = 5
NO_ROUTE = 1_000_000


@dataclasses.dataclass(frozen=True)
class LinkGraph:
    """Who links to whom among the audited HTML pages, by page URL, and the pages that
    link to an internal URL the audit did not load (robots.txt, page or depth caps)."""

    linked_from: Mapping[str, frozenset[str]]
    leaves_audit: frozenset[str]


def run(site: SiteSummary, *, max_clicks: int = 2) -> Iterator[Finding]:
    graph = link_graph(site)
    depths = contact_depths(site, graph)
    if not depths:
        return
    unaudited = _distances(graph, graph.leaves_audit)
    far = [
        (url, depth)
        for url, depth in depths.items()
        if _fewest_possible(depth, unaudited.get(url)) > max_clicks
    ]
    if not far:
        return
    far.sort(key=lambda item: (-(NO_ROUTE if item[1] is None else item[1]), item[0]))
    listed = "; ".join(
        f"{url} ({'no route' if d is None else f'{d} clicks'})" for url, d in far[:MAX_LISTED]
    )
    yield CHECK.finding(
        site.start_urls[0] if site.start_urls else far[0][0],
        f"{len(far)} of {len(depths)} pages are more than {max_clicks} clicks from the contact "
        f"page or have no route to it. The worst: {listed}.",
        evidence=listed,
        signature="contact-route-depth",
    )


def _fewest_possible(depth: int | None, to_unaudited: int | None) -> int:
    """The fewest clicks a page may need: through audited pages, or through a page the audit
    did not load, which might itself be (or link to) the contact page."""
    through_unaudited = NO_ROUTE if to_unaudited is None else to_unaudited + 1
    return min(NO_ROUTE if depth is None else depth, through_unaudited)


def measure_site(site: SiteSummary) -> dict[str, Mapping[str, Any]]:
    """The metric `contact_depth` per page URL (none when the site has no contact page)."""
    return {url: {"contact_depth": d} for url, d in contact_depths(site).items()}


def contact_depths(site: SiteSummary, graph: LinkGraph | None = None) -> dict[str, int | None]:
    """Fewest clicks from each HTML page to a contact route through audited pages (None: no
    route); {} when no page is a route of its own."""
    seeds = {
        url: 1 if route == "contact link" else 0
        for url, route in site_routes(site).items()
        if route != "none"
    }
    if not seeds:
        return {}
    depth = _distances(graph or link_graph(site), seeds)
    return {p.url: depth.get(p.url) for p in site.html_pages}


def _distances(graph: LinkGraph, targets: Iterable[str] | Mapping[str, int]) -> dict[str, int]:
    """Breadth-first, backwards along the links: the fewest clicks to any target (a mapping
    gives each target its own clicks, 0 or 1)."""
    depth = dict(targets) if isinstance(targets, Mapping) else dict.fromkeys(targets, 0)
    queue = deque(sorted(depth, key=depth.__getitem__))  # fewest clicks first
    while queue:
        url = queue.popleft()
        for source in graph.linked_from.get(url, ()):
            if source not in depth:
                depth[source] = depth[url] + 1
                queue.append(source)
    return depth


def link_graph(site: SiteSummary) -> LinkGraph:
    page_of: dict[str, str] = {}
    for page in site.pages:  # documents and failed pages too: they were loaded
        for url in (page.url, page.final_url, *page.redirects):
            page_of[normalize_url(url) or url] = page.url
    linked_from: dict[str, set[str]] = defaultdict(set)
    leaves: set[str] = set()
    for page in site.html_pages:
        for link in page.links:
            url = normalize_url(link.href)
            if url is None:
                continue
            target = page_of.get(url)
            if target is None:
                leaves.add(page.url)
            elif target != page.url:
                linked_from[target].add(page.url)
    return LinkGraph({k: frozenset(v) for k, v in linked_from.items()}, frozenset(leaves))


CHECK = Check(
    id="contact-route-depth",
    pitfall=Pitfall.ESCALATION,
    severity=Severity.MODERATE,
    title="The contact page is at most two clicks from every page",
    failure_title="The contact page is more than two clicks away",
    fix=(
        'Put a "Contact" link in the shared header or footer, so that every page is one click '
        "from the contact page."
    ),
    run=run,
    docs=__doc__ or "",
    scope="site",
    site_measure=measure_site,
)
