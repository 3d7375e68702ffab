"""The site-search probe: which form and term to try, and what the result page showed.

While the crawl goes on, `SearchPlan.observe` keeps the first GET search form it sees and the
headings of the first pages; at the end the engine loads `query()` once in the browser and
stores `search_outcome` in `SiteSummary.search`, which `site-search-broken` judges. `observe`
returns what it took from the page, so a resumed audit can `replay` it without the page.

The probe is a form submit on a site we do not control, so `refusal` lets it submit only a
form that is plainly a search: its action on an audited origin (scheme, host and port), allowed
by robots.txt, not an action link (auditor/action_links.py), and with no hidden field that
changes what the request does: a command (`confirm=1`, `action=delete`), a method override
(`_method=DELETE`) or a token (`csrf`, `authenticity_token`, `__VIEWSTATE`: a form that needs
one is a state-changing form, not a search). Plain hidden settings of a search engine
(`site=healthcare`, `lr=lang_en`, `num=6`, `taal=nl`) are submitted as the browser would.
Otherwise nothing is requested and the search URL is listed as skipped with the reason.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from auditor.action_links import is_action_link, tokens
from auditor.model import PageSnapshot
from auditor.urls import origin_of
from checks.findability.content import main_root
from checks.findability.search_form import SearchForm, page_headings, search_form, search_term
from checks.findability.search_form import search_url as build_url
from checks.language.page_language import page_language

if TYPE_CHECKING:
    from auditor.robots import RobotsPolicy

HEADING_PAGES = 200
RESULT_TEXT_CHARS = 5000
SKIP_PROBE = "search probe not run:"
# Tokens of a hidden field's name that make the form more than a search.
METHOD_OVERRIDES = frozenset({"method", "verb"})  # _method, X-HTTP-Method-Override, _verb
TOKEN_WORDS = frozenset(
    {
        "csrf", "xsrf", "csrftoken", "csrfmiddlewaretoken", "token", "nonce", "wpnonce",
        "authenticity", "verification", "viewstate", "eventvalidation", "formkey",
        "session", "sessionid", "sid", "jsessionid", "phpsessid",
    }
)  # fmt: skip


class SearchPlan:
    def __init__(self) -> None:
        self.form: SearchForm | None = None
        self.headings: list[str] = []
        self.language = ""
        self._pages = 0

    def observe(self, page: PageSnapshot) -> dict[str, Any]:
        """Takes the form, language and headings the plan still needs from `page`; returns
        them as JSON-ready data for `replay`."""
        taken: dict[str, Any] = {}
        if self.form is None:
            form = search_form(page)
            taken["form"] = dataclasses.asdict(form) if form else None
        if not self.language:
            taken["language"] = page_language(page).code
        if self._pages < HEADING_PAGES:
            taken["headings"] = list(page_headings(page))
        self.replay(taken)
        return taken

    def replay(self, taken: dict[str, Any]) -> None:
        """Adds what `observe` took from a page."""
        form = taken.get("form")
        if self.form is None and form:
            hidden = tuple((str(k), str(v)) for k, v in form.get("hidden", ()))
            self.form = SearchForm(form["action"], form["param"], hidden)
        if not self.language:
            self.language = taken.get("language", "")
        if "headings" in taken and self._pages < HEADING_PAGES:
            self._pages += 1
            self.headings.extend(taken["headings"])

    def query(self) -> tuple[str, str]:
        """(URL to load, term), or ("", "") when there is no form or no usable term."""
        if self.form is None:
            return "", ""
        term = search_term(self.headings, self.language or "nl")
        return (build_url(self.form, term), term) if term else ("", "")


def refusal(
    form: SearchForm,
    url: str,
    origins: Collection[str],
    robots: RobotsPolicy | None,
    action_words: Sequence[str] = (),
) -> str:
    """Why the probe must not load `url` (the submit of `form`), or "" when it may."""
    origin = origin_of(form.action)
    if origin not in origins:
        return f"the search form submits to another origin ({origin})"
    for name, value in form.hidden:
        why = _hidden_field_refusal(name, value, action_words)
        if why:
            shown = name if why == "token" else f"{name}={value[:40]}"  # a token's value: no
            return f"the search form has a hidden {why} ({shown})"
    if is_action_link(build_url(form, ""), action_words):  # the term may be any word
        return "the search form's action is an action link"
    if robots is not None and not robots.allowed(url):
        return "robots.txt disallows the search form's action"
    return ""


def _hidden_field_refusal(name: str, value: str, action_words: Sequence[str]) -> str:
    """What makes a hidden field more than a search setting ("command", "method override",
    "token"), or ""."""
    name_tokens = {*tokens(name), "".join(tokens(name))}  # form_key -> formkey too
    if name_tokens & METHOD_OVERRIDES:
        return "method override"
    if is_action_link(f"/?{urlencode([(name, value)])}", action_words):
        return "command"
    if name_tokens & TOKEN_WORDS:
        return "token"
    return ""


def search_outcome(page: PageSnapshot, term: str) -> dict[str, Any]:
    """What the result page showed, for site-search-broken."""
    if page.error:
        return {
            "url": page.url,
            "term": term,
            "status": page.status,
            "text": "",
            "result_links": 0,
            "error": page.error,
        }
    main = main_root(page)
    nav = {id(a) for el in main.select("nav, [role=navigation]") for a in el.select("a[href]")}
    links = [a for a in main.select("a[href]") if id(a) not in nav]
    return {
        "url": page.final_url,
        "term": term,
        "status": page.status,
        "text": page.main_text[:RESULT_TEXT_CHARS],
        "result_links": len(links),
        "error": "",
    }
