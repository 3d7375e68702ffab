"""Page kind: home, help-article, faq, contact, login, portal, search, document, other.

One shared classifier, so checks agree on which page is the contact page. It reads the URL,
the title, the first heading and a few DOM facts; it is deliberately conservative: a page that
does not clearly look like one kind is "other".
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from auditor.model import PageSnapshot

# The contact page is named by the last path segment ("/contact", "/nl/contact-opnemen.html",
# "/business-contact"). A "/klantenservice/" folder is usually the whole help centre, so it
# does not make its articles contact pages.
CONTACT_PATH = re.compile(
    r"/([\w-]*[-_])?(contact|contact-?(us|opnemen|gegevens|eer-ons)|neem-contact-op|"
    r"get-in-touch|kontakt)(\.[a-z]+)?/?$",
    re.I,
)
_CONTACT_SEGMENT = re.compile(
    r"/(contact|contact-?opnemen|neem-contact-op|contact-?us)(\.html?)?/?$", re.I
)
_CONTACT_HEADING = re.compile(
    r"^\s*(contact(eer ons| us| opnemen| for| met)?|neem contact (met ons )?op|get in touch|"
    r"contactgegevens|contact details|help (&|en|and) contact)\b",
    re.I,
)
_FAQ = re.compile(r"\b(faq|faqs|veelgestelde vragen|veel gestelde vragen|frequently asked)\b", re.I)
_SEARCH_PATH = re.compile(r"(^|/)(search|zoeken|zoek|zoekresultaten|search-results)([/.?]|$)", re.I)
_PORTAL_PATH = re.compile(r"(^|/)(mijn|my|my-?account|account|portal|mijn-?omgeving)(/|$)", re.I)
_LANGUAGE_ROOT = re.compile(r"^/([a-z]{2}(-[a-z]{2})?/?)?(index\.html?)?$", re.I)
_QUESTION_HEADING = re.compile(r"\?\s*$")


def classify(page: PageSnapshot, *, start_urls: tuple[str, ...] = ()) -> str:
    """The kind of page, from its URL, title, first heading and a few DOM facts."""
    if not page.is_html:
        return "document"
    path = urlsplit(page.final_url).path or "/"
    dom = page.dom
    h1 = dom.find("h1")
    heading = h1.get_text(" ", strip=True) if h1 else ""
    if dom.select_one("input[type=password]"):
        return "login"
    if _LANGUAGE_ROOT.match(path):
        return "home"
    if page.url in start_urls or page.final_url in start_urls:
        # A help centre's entry page is often titled or named "Klantenservice": a start URL
        # is the home of the audit unless its own name says it is the contact page.
        return "contact" if _CONTACT_SEGMENT.search(path) else "home"
    if CONTACT_PATH.search(path) or _CONTACT_HEADING.match(heading):
        return "contact"
    if _SEARCH_PATH.search(path) and dom.select_one("input[type=search], [role=search], form"):
        return "search"
    if _PORTAL_PATH.search(path):
        return "portal"
    if _FAQ.search(heading) or _FAQ.search(page.title) or _looks_like_faq(page):
        return "faq"
    if h1 and len(page.main_text.split()) >= 80:
        return "help-article"
    return "other"


def _looks_like_faq(page: PageSnapshot) -> bool:
    """Mostly questions as headings or disclosure summaries: a question-and-answer list.

    Plain-language articles often use a few question headings ("Krijgt u geld terug?"), so
    a page counts as a FAQ only when at least four of them are questions and they are at
    least two thirds of its headings.
    """
    headings = [el.get_text(" ", strip=True) for el in page.dom.select("h2, h3, h4, summary, dt")]
    questions = [h for h in headings if _QUESTION_HEADING.search(h)]
    return len(questions) >= 4 and len(questions) * 3 >= len(headings) * 2
