"""The site's own search: finding it on a page, and what the engine's search probe needs.

The probe (run once per audit by the engine) takes the first page's `search_form`, a term
from the site's headings (`search_term` over `page_headings`), loads `search_url(form, term)`
in the browser and stores the outcome in `SiteSummary.search`, which `site-search-broken`
judges. Everything here is pure.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Sequence
from urllib.parse import urlencode, urljoin, urlsplit, urlunsplit

from bs4 import Tag

from auditor.model import PageSnapshot
from checks.findability.content import main_root
from checks.findability.patterns import find_phrase, language_words, words

# Inputs a customer can type a query into.
TEXT_INPUTS = "input:not([type]), input[type=text], input[type=search]"
SEARCH_PATH = re.compile(r"(^|/)(search|zoeken|zoek|zoekresultaten|search-results)([/.?]|$)", re.I)
MIN_TERM_LETTERS = 5
_WORD = re.compile(r"[^\W\d_]+")


@dataclasses.dataclass(frozen=True, slots=True)
class SearchForm:
    """A GET search form: where it submits, its query parameter and hidden inputs to keep."""

    action: str  # absolute http(s) URL, without query or fragment
    param: str
    hidden: tuple[tuple[str, str], ...] = ()


def has_search(page: PageSnapshot) -> bool:
    """A search box, a search landmark, a GET form with a query input, or a button or link
    that opens search ("Zoeken", a link to /zoeken): overlays often add the input on click."""
    dom = page.dom
    if dom.select_one("input[type=search], [role=search]"):
        return True
    if any(_query_input(form) for form in dom.select("form") if _is_get(form)):
        return True
    return any(_opens_search(el) for el in dom.select("a[href], button, [role=button]"))


def search_fields(page: PageSnapshot) -> tuple[str, ...]:
    """The names of the text inputs of the page's GET forms (for the `params` option)."""
    names = {
        str(field["name"]).lower()
        for form in page.dom.select("form")
        if _is_get(form)
        for field in form.select(TEXT_INPUTS)
        if field.get("name")
    }
    return tuple(sorted(names))


def is_search_form(form: Tag) -> bool:
    """A form that searches: role=search, a search input, or a query input it submits."""
    return (
        form.get("role") == "search"
        or form.find_parent(attrs={"role": "search"}) is not None
        or form.select_one("input[type=search]") is not None
        or _query_input(form) is not None
    )


def search_form(page: PageSnapshot) -> SearchForm | None:
    """The page's GET search form on this site, or None. Search boxes (role=search, type=search)
    win over forms recognised only by their input's name; then the first in the document."""
    candidates = []
    for order, form in enumerate(page.dom.select("form")):
        field = _query_input(form) if _is_get(form) else None
        action = _action(form, page.final_url)
        if field is None or not action or form.select_one("input[type=password]"):
            continue
        rank = 0 if form.get("role") == "search" or field.get("type") == "search" else 1
        candidates.append((rank, order, SearchForm(action, str(field["name"]), _hidden(form))))
    return min(candidates)[2] if candidates else None


def search_url(form: SearchForm, term: str) -> str:
    """The URL a browser opens when the form is submitted with `term` (GET replaces the
    action's query with the form's fields)."""
    scheme, netloc, path, _query, _fragment = urlsplit(form.action)
    return urlunsplit((scheme, netloc, path, urlencode([*form.hidden, (form.param, term)]), ""))


def page_headings(page: PageSnapshot) -> tuple[str, ...]:
    """The h1–h3 texts of the main content, for `search_term`."""
    return tuple(h.get_text(" ", strip=True) for h in main_root(page).select("h1, h2, h3"))


def search_term(headings: Sequence[str], lang: str) -> str:
    """A content word that many headings share ("meterstand"): the word in the most headings,
    then the longest, then the first alphabetically; not a stop word or a site word
    ("contact", "zoeken"), at least five letters. "" when there is none."""
    stop = set(language_words("stop_words", lang)) | set(words("stop_words"))
    counts: Counter[str] = Counter()
    for heading in headings:
        counts.update({w for w in _WORD.findall(heading.lower()) if _is_content_word(w, stop)})
    if not counts:
        return ""
    return min(counts, key=lambda w: (-counts[w], -len(w), w))


def _is_content_word(word: str, stop: set[str]) -> bool:
    return len(word) >= MIN_TERM_LETTERS and word not in stop


def _is_get(form: Tag) -> bool:
    return str(form.get("method") or "get").strip().lower() == "get"


def _query_input(form: Tag) -> Tag | None:
    params = set(words("search_params"))
    for field in form.select(TEXT_INPUTS):
        name = str(field.get("name") or "")
        if name and (field.get("type") == "search" or name.lower() in params):
            return field
    return None


def _action(form: Tag, base: str) -> str:
    """The absolute action URL without query and fragment, when it is on the page's site."""
    try:
        url = urlsplit(urljoin(base, str(form.get("action") or "")))
    except ValueError:  # a malformed action such as "http://["
        return ""
    if url.scheme not in ("http", "https") or not _same_site(url.hostname, urlsplit(base).hostname):
        return ""
    return urlunsplit((url.scheme, url.netloc, url.path or "/", "", ""))


def _same_site(host: str | None, page_host: str | None) -> bool:
    """The same host, one a subdomain of the other, or siblings (www.x.nl, zoeken.x.nl): never
    an outside search engine."""
    if not host or not page_host:
        return False
    if host == page_host or host.endswith("." + page_host) or page_host.endswith("." + host):
        return True
    a, b = host.split("."), page_host.split(".")
    return len(a) >= 3 and len(b) >= 3 and a[1:] == b[1:]


def _hidden(form: Tag) -> tuple[tuple[str, str], ...]:
    return tuple(
        (str(el["name"]), str(el.get("value") or ""))
        for el in form.select("input[type=hidden][name]")
    )


def _opens_search(el: Tag) -> bool:
    label = el.get_text(" ", strip=True) or str(el.get("aria-label") or el.get("title") or "")
    if len(label.split()) <= 3 and find_phrase(label, words("search_labels")):
        return True
    if el.name != "a":
        return False
    try:
        path = urlsplit(str(el.get("href"))).path
    except ValueError:  # a malformed href such as "http://["
        return False
    return bool(SEARCH_PATH.search(path))
