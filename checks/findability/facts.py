"""Per-page self-service facts for the site checks, kept in `PageSummary.facts["selfservice"]`.

The engine calls `selfservice_facts(page)` once per HTML page; the site checks
(`site-search-missing`, `login-route-missing`) and `feedback_share` read the facts through
`facts_of(summary)`, so no snapshot has to stay in memory. Keys:

- `has_search` (bool): a search box, search landmark, GET query form or a search button/link.
- `search_fields` (list of str): names of the text inputs of GET forms.
- help articles and FAQs only (kinds in `HELP_KINDS`):
  - `has_feedback` (bool): a "was this helpful?" widget.
  - `mentions_login` (bool): the main text sends the reader to the logged-in area ("Log in
    op Mijn omgeving", "Dat kan in Mijn omgeving").
  - `login_route` (bool): a link or button into the logged-in area in the main content.
  - `main_links` (list of str): the http(s) link targets in the main content (at most
    `MAX_MAIN_LINKS`), so a site check can match them with the site's login pages.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from auditor.model import PageSnapshot, PageSummary
from auditor.urls import normalize_url
from checks.feedback.widgets import has_feedback_widget
from checks.findability.search_form import has_search, search_fields
from checks.interactivity.routes import controls, is_login, mentions_login

FACTS_KEY = "selfservice"
HELP_KINDS = ("help-article", "faq")
MAX_MAIN_LINKS = 100


def selfservice_facts(page: PageSnapshot) -> dict[str, Any]:
    facts: dict[str, Any] = {
        "has_search": has_search(page),
        "search_fields": list(search_fields(page)),
    }
    if page.kind in HELP_KINDS:
        facts |= {
            "has_feedback": has_feedback_widget(page),
            "mentions_login": mentions_login(page),
            "login_route": any(is_login(c) for c in controls(page)),
            "main_links": _main_links(page),
        }
    return facts


def facts_of(page: PageSummary) -> Mapping[str, Any]:
    """The self-service facts of a summarised page ({} when the engine stored none)."""
    return page.facts.get(FACTS_KEY, {})


def _main_links(page: PageSnapshot) -> list[str]:
    links = dict.fromkeys(
        url for c in controls(page) if c.href and (url := normalize_url(c.href)) is not None
    )
    return list(links)[:MAX_MAIN_LINKS]
