"""The main content of a page as a parsed tree (without scripts, templates and hidden
elements) and its text, built once per snapshot for the self-service checks.

The text is taken from the markup, not the browser's innerText: answers in a closed
`<details>` are not rendered, but they are part of what the page offers."""

from __future__ import annotations

from bs4 import BeautifulSoup, Tag

from auditor.model import PageSnapshot
from auditor.textblocks import main_content, text_of

NOT_SHOWN = "script, style, noscript, template, [hidden]"


def main_root(page: PageSnapshot) -> Tag:
    return page.memo("selfservice.main", lambda: _main_root(page.html))


def main_markup_text(page: PageSnapshot) -> str:
    return page.memo("selfservice.main_text", lambda: text_of(main_root(page)))


def _main_root(html: str) -> Tag:
    soup = BeautifulSoup(html or "", "lxml")
    for el in soup.select(NOT_SHOWN):
        el.decompose()
    return main_content(soup)
