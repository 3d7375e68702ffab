"""Shared definitions of 'main content' and block-aware text extraction from markup."""

from __future__ import annotations

import re

from bs4 import Tag

MAIN_SELECTOR = "main, [role=main], article"
MAIN_EXCLUDE_SELECTOR = (
    "nav, header, footer, aside, [role=navigation], [role=banner], [role=contentinfo], "
    "[id*=cookie i], [class*=cookie i], [id*=consent i], [class*=consent i]"
)
BLOCK_TAGS = {
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "nav",
    "aside",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "tr",
    "td",
    "th",
    "blockquote",
    "pre",
    "figure",
    "figcaption",
    "form",
    "fieldset",
    "legend",
    "label",
    "details",
    "summary",
    "br",
    "hr",
    "address",
}


def text_of(root: Tag, *, hidden: str = "") -> str:
    """Text of `root` with a line break between block elements, like innerText."""
    if hidden:
        for el in root.select(hidden):
            el.decompose()
    parts: list[str] = []
    for el in root.descendants:
        if isinstance(el, Tag):
            if el.name in BLOCK_TAGS:
                parts.append("\n")
        elif type(el).__name__ == "NavigableString":
            parts.append(str(el))
    text = "".join(parts)
    text = re.sub(r"[ \t\r\f\v\u00a0]+", " ", text)
    return "\n".join(line.strip() for line in text.split("\n") if line.strip())
