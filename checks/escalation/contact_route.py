"""A contact route: the one definition the escalation checks share (pure helpers).

A page gives the customer a route to a person when

1. it is a contact page (the shared page classifier, auditor/classify.py), or
2. it shows or links (`tel:`, `mailto:`) the organisation's own phone number or a customer
   email address, anywhere on the page: a footer with the helpdesk's number and address on
   every page is a route, although the site may have no page called "contact"
   (checks/escalation/contacts.py decides which numbers and addresses are the
   organisation's), or
3. it has a visible link to a contact page: an audited page that is a contact page, a link
   whose path names contact (`/contact`, `/contact-opnemen`), or a short link text that does
   ("Contact", "Klantenservice", "Contact us"). The link may lead to another host of the same
   organisation (the same registrable domain: a help centre on `help.example.com` whose
   "Contact us" goes to `www.example.com/contact`).

`contact-page-linked`, `contact-route-depth`, `no-human-contact` and `no-phone-anywhere`
use this definition; every page gets the metric `contact_route` ("contact page", "phone or
email", "contact link" or "none").
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Literal
from urllib.parse import urlsplit

from auditor.classify import CONTACT_PATH
from auditor.model import Link, PageSummary, SiteSummary
from auditor.urls import normalize_url
from checks.trust.web import host_of, registrable_domain

Route = Literal["contact page", "phone or email", "contact link", "none"]

# A short link text that names contact: "Contact", "Service & contact", "Neem contact op",
# "Klantenservice", "Customer service", "Get in touch".
CONTACT_TEXT = re.compile(
    r"\bcontact\b|\bklantenservice\b|\bcustomer (service|support|care)\b|\bget in touch\b|"
    r"\bkontakt\b",
    re.I,
)
MAX_LINK_WORDS = 5
PHONE_KEYS = ("phones", "abroad_phones")
ROUTE_KEYS = (*PHONE_KEYS, "emails")


def shows_phone_or_email(facts: Mapping[str, Any], keys: tuple[str, ...] = ROUTE_KEYS) -> bool:
    """The page's contact facts hold the organisation's phone number or email address."""
    return any(facts.get(key) for key in keys)


def contact_urls(site: SiteSummary) -> set[str]:
    """The audited contact pages, under the URL requested and the final one."""
    return {
        url
        for p in site.html_pages
        if p.kind == "contact"
        for u in (p.url, p.final_url)
        if (url := normalize_url(u)) is not None
    }


def organisation_domains(site: SiteSummary) -> set[str]:
    """The registrable domains of the start URLs: the hosts of one organisation."""
    return {registrable_domain(host_of(url)) for url in site.start_urls} - {""}


def links_to_contact(link: Link, contacts: set[str]) -> bool:
    """A visible link to one of `contacts`, or whose path or short text names contact."""
    if not link.visible:
        return False
    url = normalize_url(link.href)
    if url is not None and url in contacts:
        return True
    if len(link.text.split()) <= MAX_LINK_WORDS and CONTACT_TEXT.search(link.text):
        return True
    try:
        return bool(CONTACT_PATH.search(urlsplit(link.href).path))
    except ValueError:
        return False


def is_contact_link(link: Link, contacts: set[str], domains: set[str]) -> bool:
    """A visible link to a contact page of the site or of the same organisation."""
    if not link.internal:
        host = host_of(link.href)
        if not host or registrable_domain(host) not in domains:
            return False
    return links_to_contact(link, contacts)


def page_route(page: PageSummary, contacts: set[str], domains: set[str]) -> Route:
    """The route `page` gives, the strongest first."""
    if page.kind == "contact":
        return "contact page"
    facts = page.facts.get("contact")
    if isinstance(facts, Mapping) and shows_phone_or_email(facts):
        return "phone or email"
    if any(is_contact_link(link, contacts, domains) for link in (*page.links, *page.external)):
        return "contact link"
    return "none"


def site_routes(site: SiteSummary) -> dict[str, Route]:
    """The route of every audited HTML page, by page URL."""
    contacts = contact_urls(site)
    domains = organisation_domains(site)
    return {p.url: page_route(p, contacts, domains) for p in site.html_pages}
