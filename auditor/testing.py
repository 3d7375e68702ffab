"""`make_page`: a PageSnapshot from an HTML string, without a browser (for tests and users'
own checks). Visible text is approximated from the markup: hidden elements, scripts and
styles are left out."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup, Tag

from auditor.classify import classify
from auditor.model import Link, PageSnapshot, utcnow
from auditor.textblocks import main_content, text_of

HIDDEN = (
    "script, style, noscript, template, [hidden], [style*='display:none'], [style*='display: none']"
)


def make_page(
    html: str,
    url: str = "https://example.nl/",
    *,
    headers: Mapping[str, str] | None = None,
    status: int = 200,
    depth: int = 0,
    probes: Mapping[str, Any] | None = None,
    kind: str | None = None,
    fetched_at: datetime | None = None,
    content_type: str = "text/html",
) -> PageSnapshot:
    soup = BeautifulSoup(html, "lxml")
    for el in soup.select(HIDDEN):
        el.decompose()
    main = main_content(soup)
    html_el = soup.find("html")
    page = PageSnapshot(
        url=url,
        status=status,
        headers={k.lower(): v for k, v in (headers or {}).items()},
        content_type=content_type,
        html=html,
        text=text_of(BeautifulSoup(html, "lxml").body or soup, hidden=HIDDEN),
        main_text=text_of(main),
        title=soup.title.get_text(strip=True) if soup.title else "",
        lang=str(html_el.get("lang", "")) if isinstance(html_el, Tag) else "",
        links=tuple(_links(BeautifulSoup(html, "lxml"), url)),
        probes=dict(probes or {}),
        depth=depth,
        fetched_at=fetched_at or utcnow(),
    )
    object.__setattr__(page, "kind", kind or classify(page, start_urls=()))
    return page


def _links(soup: BeautifulSoup, base: str) -> list[Link]:
    host = urlsplit(base).netloc
    links = []
    for el in soup.select("a[href], area[href]"):
        try:
            href = urljoin(base, str(el.get("href")))
            internal = urlsplit(href).netloc == host
        except ValueError:  # "http://[": the browser keeps it as text; gather drops it too
            continue
        text = el.get_text(" ", strip=True) or str(el.get("aria-label") or el.get("title") or "")
        links.append(Link(href=href, text=text, internal=internal))
    return links
