"""contact-page-linked: every page gives a route to contact.

## What it does
Reports each audited HTML page that gives the customer no contact route
(checks/escalation/contact_route.py): it is not a contact page, shows no phone number or
email address of the organisation (a footer block counts), and has no visible link to a
contact page: an audited contact page, a link whose path or short text names contact
("Contact", "Neem contact op", "Klantenservice", "Contact us", …), on the site or on another
host of the same organisation (`help.example.com` -> `www.example.com/contact`). When no page
gives a route at all and no contact page was found, one finding says so on the start page.
Every page gets the metric `contact_route`.

## Why is this bad?
A customer who is stuck on a help page must find the way to a person from that page. A
contact link that is missing from some templates makes the contact page effectively hidden
for the customers who land there from a search engine.

## Example
A help article template whose header and footer have no "Contact" link.

## Use instead
A "Contact" link in the shared header or footer, in the same place on every page.

## Options
None.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from auditor.check import Check
from auditor.model import Finding, Pitfall, Severity, SiteSummary
from checks.escalation.contact_route import contact_urls, site_routes


def run(site: SiteSummary) -> Iterator[Finding]:
    pages = site.html_pages
    routes = site_routes(site)
    missing = [p for p in pages if routes.get(p.url) == "none"]
    if not contact_urls(site) and len(missing) == len(pages) and pages:
        yield CHECK.finding(
            pages[0].url,
            "No contact page was found and no page links to contact or shows a phone number "
            "or email address.",
            severity=Severity.CRITICAL,
            signature="no-contact-page",
        )
        return
    for page in missing:
        yield CHECK.finding(
            page.url,
            "This page has no visible link to the contact page and shows no phone number or "
            "email address.",
            evidence=page.title,
            signature="no-contact-link",
        )


def measure_site(site: SiteSummary) -> dict[str, Mapping[str, Any]]:
    """The metric `contact_route` per page URL (checks/escalation/contact_route.py)."""
    return {url: {"contact_route": route} for url, route in site_routes(site).items()}


CHECK = Check(
    id="contact-page-linked",
    pitfall=Pitfall.ESCALATION,
    severity=Severity.SERIOUS,
    title="Every page links to the contact page",
    failure_title="A page has no link to the contact page",
    fix=(
        'Put a "Contact" link in the shared header or footer, so that every page links to the '
        "contact page."
    ),
    run=run,
    docs=__doc__ or "",
    scope="site",
    site_measure=measure_site,
)
