"""Small pure helpers shared by checks."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Tag

from auditor.model import short_hash

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9À-Ý\"'‘“(])")
SIGNATURE_ATTRS = ("id", "class", "name", "type", "role", "aria-label", "src", "href", "for")


def element_signature(html_snippet: str) -> str:
    """A signature of an element that survives unrelated edits to the page.

    Built from the outer tag's name and identifying attributes (id, classes, name, role,
    accessible name, src/href), never from its position. An element with none of those is
    identified by a hash of its whitespace-normalised markup.
    """
    soup = BeautifulSoup(html_snippet or "", "html.parser")
    el = soup.find(True)
    if not isinstance(el, Tag):
        return "text:" + short_hash(normalise_space(html_snippet))
    parts = [el.name]
    for attr in SIGNATURE_ATTRS:
        value = el.get(attr)
        if value:
            value = " ".join(sorted(value)) if isinstance(value, list) else str(value)
            parts.append(f"{attr}={value}")
    if len(parts) == 1:
        parts.append("html:" + short_hash(normalise_space(html_snippet)))
    return "|".join(parts)


def normalise_space(text: str) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def sentences(text: str) -> list[str]:
    """Split text into sentences; every line (heading, list item, cell) ends one."""
    out: list[str] = []
    for raw in (text or "").split("\n"):
        line = raw.strip()
        if line:
            out.extend(s for s in _SENTENCE_END.split(line) if s.strip())
    return out
