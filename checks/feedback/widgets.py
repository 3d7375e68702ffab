"""Finding a "was this helpful?" widget: its question in the visible text, or thumbs, helpful,
feedback or rating controls named in classes, ids, names or accessible names."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bs4 import Tag

from auditor.model import PageSnapshot
from checks.findability.patterns import find_phrase, words

NAMING_ATTRIBUTES = ("class", "id", "name", "aria-label", "title")
_PARTS = re.compile(r"[\s_-]+")
# Form validation messages ("invalid-feedback", "has-feedback", "form-control-feedback") are
# not a feedback widget.
_NOT_FEEDBACK = frozenset({"valid", "invalid", "has", "control"})


def has_feedback_widget(page: PageSnapshot, phrases: Sequence[str] = ()) -> bool:
    """The page shows a feedback question or thumbs/rating controls anywhere (a site-wide
    feedback tab counts too: fewer false findings)."""
    if find_phrase(page.text, (*words("feedback"), *phrases)):
        return True
    body = page.dom.body
    return isinstance(body, Tag) and _has_named_feedback(body)


def is_feedback_element(root: Tag) -> bool:
    """`root` holds a feedback question, or it or an element inside it is named like a
    feedback or rating control."""
    return bool(find_phrase(root.get_text(" ", strip=True), words("feedback"))) or (
        _has_named_feedback(root)
    )


def _has_named_feedback(root: Tag) -> bool:
    return any(_named_feedback(el) for el in (root, *root.find_all(True)))


def _named_feedback(el: Tag) -> bool:
    markers = set(words("feedback_attributes"))
    for attr in NAMING_ATTRIBUTES:
        value = el.get(attr)
        names = value if isinstance(value, list) else str(value or "").split()
        for name in names:
            parts = set(_PARTS.split(name.lower()))
            if parts & markers and not parts & _NOT_FEEDBACK:
                return True
    return False
