"""contact-page-linked: every page links to the contact page.

## What it does
Finds the site's contact pages (the shared page classifier: the last URL segment or the main
heading, such as "/contact" or "Contact us") and reports each audited HTML page that has no
visible link to one of them, nor a visible link whose text names contact ("Contact",
"Neem contact op", "Klantenservice", "Contact us", "Customer service", …). When the site has
no contact page and no page links to contact at all, one finding says so on the start page.

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

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from auditor.check import Check
from auditor.classify import CONTACT_PATH
from auditor.model import Finding, Link, PageSummary, Pitfall, Severity, SiteSummary
from auditor.urls import normalize_url

# A short link text that names contact: "Contact", "Service & contact", "Neem contact op",
# "Klantenservice", "Customer service", "Get in touch".
CONTACT_TEXT = re.compile(
    r"\bcontact\b|\bklantenservice\b|\bcustomer (service|support|care)\b|\bget in touch\b|"
    r"\bkontakt\b",
    re.I,
)
MAX_LINK_WORDS = 5


def links_to_contact(link: Link, contact_urls: set[str]) -> bool:
    if not link.visible:
        return False
    url = normalize_url(link.href)
    if url in contact_urls:
        return True
    return len(link.text.split()) <= MAX_LINK_WORDS and bool(CONTACT_TEXT.search(link.text))


def run(site: SiteSummary) -> Iterator[Finding]:
    pages = site.html_pages
    contact_urls = {
        normalize_url(u) for p in pages if p.kind == "contact" for u in (p.url, p.final_url)
    }
    missing = [p for p in pages if not _has_contact_link(p, contact_urls)]
    if not contact_urls and len(missing) == len(pages) and pages:
        yield CHECK.finding(
            pages[0].url,
            "No contact page was found and no page links to contact.",
            severity=Severity.CRITICAL,
            signature="no-contact-page",
        )
        return
    for page in missing:
        yield CHECK.finding(
            page.url,
            "This page has no visible link to the contact page.",
            evidence=page.title,
            signature="no-contact-link",
        )


def _has_contact_link(page: PageSummary, contact_urls: set[str]) -> bool:
    if page.kind == "contact":
        return True
    return any(links_to_contact(link, contact_urls) for link in page.links) or any(
        link.visible and CONTACT_PATH.search(urlsplit(link.href).path) for link in page.links
    )


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
)
