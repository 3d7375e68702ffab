"""The site-search probe: which form and term to try, and what the result page showed.

While the crawl goes on, `SearchPlan.observe` keeps the first GET search form it sees and the
headings of the first pages; at the end the engine loads `query()` once in the browser and
stores `search_outcome` in `SiteSummary.search`, which `site-search-broken` judges. `observe`
returns what it took from the page, so a resumed audit can `replay` it without the page.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from auditor.model import PageSnapshot
from checks.findability.content import main_root
from checks.findability.search_form import SearchForm, page_headings, search_form, search_term
from checks.findability.search_form import search_url as build_url
from checks.language.page_language import page_language

HEADING_PAGES = 200
RESULT_TEXT_CHARS = 5000


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
