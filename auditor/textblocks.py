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


NUMERIC_CELL = re.compile(r"^[\s\d.,:;%€$£+\-/()x]*$")
MIN_PARAGRAPH_CHARS = 25
ANCESTOR_CREDITS = (1.0, 0.5, 1 / 6)  # a paragraph's parent, grandparent and the level above
# A div with none of these inside is a paragraph of its own (Readability.js's "div to p").
BLOCKS = (
    "p, div, ul, ol, dl, table, pre, blockquote, section, article, form, li, h1, h2, h3, h4, h5, h6"
)


def main_content(soup: Tag) -> Tag:
    """The main content, decomposing what does not belong to it (mutates `soup`).

    main/[role=main]/article; else the largest text block, scored as Readability.js does:
    each paragraph (a `p`, or a `div` with text but no blocks inside, as cards are written)
    credits its parent fully, its grandparent half and the level above a sixth, so a grid
    of short cards outscores a single box of text next to it; else the body without
    navigation, header, footer and cookie banners. Code blocks and tables of numbers are
    left out. gather.py's EXTRACT_JS does the same in the browser.
    """
    body = soup.find("body") or soup
    root = soup.select_one(MAIN_SELECTOR) or _largest_text_block(body)
    if root is None:
        for el in body.select(MAIN_EXCLUDE_SELECTOR):
            el.decompose()
        root = body
    for el in [*root.select("pre"), *filter(_is_number_table, root.select("table"))]:
        el.decompose()
    return root


def _largest_text_block(body: Tag) -> Tag | None:
    excluded = {id(el) for el in body.select(MAIN_EXCLUDE_SELECTOR)}
    scores: dict[int, float] = {}
    elements: dict[int, Tag] = {}
    paragraphs = [*body.select("p"), *(d for d in body.select("div") if not d.select_one(BLOCKS))]
    for p in paragraphs:
        if any(id(ancestor) in excluded for ancestor in p.parents):
            continue
        length = len(p.get_text(" ", strip=True))
        if length < MIN_PARAGRAPH_CHARS:
            continue
        ancestor = p.parent
        for credit in ANCESTOR_CREDITS:
            if not isinstance(ancestor, Tag):
                break
            scores[id(ancestor)] = scores.get(id(ancestor), 0.0) + length * credit
            elements[id(ancestor)] = ancestor
            ancestor = ancestor.parent
    if not scores:
        return None
    best = elements[max(scores, key=lambda key: scores[key])]
    return None if best.name in ("body", "html") else best


def _is_number_table(table: Tag) -> bool:
    cells = [c.get_text(" ", strip=True) for c in table.select("td, th")]
    cells = [c for c in cells if c]
    return bool(cells) and sum(bool(NUMERIC_CELL.match(c)) for c in cells) * 2 >= len(cells)


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


def text_spans(root: Tag) -> tuple[str, dict[int, tuple[int, int]]]:
    """`text_of(root)` before its whitespace is tidied, and the span of every element inside
    `root` in it (by `id(element)`), in one walk: `" ".join(raw[start:end].split())` equals
    `normalise_space(text_of(element))` without walking each element's subtree again."""
    parts: list[str] = []
    size = 0
    spans: dict[int, tuple[int, int]] = {}
    open_elements: list[tuple[Tag, int]] = []
    for node in root.descendants:
        while open_elements and open_elements[-1][0] is not node.parent:
            element, start = open_elements.pop()
            spans[id(element)] = (start, size)
        if isinstance(node, Tag):
            if node.name in BLOCK_TAGS:
                parts.append("\n")
                size += 1
            open_elements.append((node, size))
        elif type(node).__name__ == "NavigableString":
            parts.append(str(node))
            size += len(node)
    for element, start in open_elements:
        spans[id(element)] = (start, size)
    return "".join(parts), spans
