"""The self-service word lists (`checks/data/selfservice_patterns.json`), Dutch and English,
and whole-phrase matching over them. Shared by the findability, interactivity and feedback
checks."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from typing import Any

from checks.language.words import load_data


@cache
def _data() -> dict[str, Any]:
    return load_data("selfservice_patterns.json")


def words(key: str) -> tuple[str, ...]:
    """A flat list ("search_params") or every language's entries of a per-language one."""
    value = _data()[key]
    if isinstance(value, dict):
        return tuple(word for entries in value.values() for word in entries)
    return tuple(value)


def language_words(key: str, lang: str) -> tuple[str, ...]:
    """One language's entries of a per-language list; every language's when `lang` has none."""
    value = _data()[key]
    return tuple(value[lang]) if lang in value else words(key)


@cache
def _compiled(phrases: tuple[str, ...]) -> re.Pattern[str] | None:
    if not phrases:
        return None
    escaped = {phrase_pattern(p) for p in phrases if p.strip()}
    alternatives = sorted(escaped, key=lambda p: (-len(p), p))
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)", re.IGNORECASE)


def phrase_pattern(phrase: str) -> str:
    """A regular expression for a phrase as written, any run of whitespace between words."""
    return re.escape(phrase.strip()).replace(r"\ ", r"\s+")


def find_phrase(text: str, phrases: Iterable[str]) -> str:
    """The first of `phrases` in `text`, as written there, matched as whole words and
    case-insensitively (the longest phrase at the same place wins), or ""."""
    pattern = _compiled(tuple(sorted(set(phrases))))
    match = pattern.search(text) if pattern else None
    return match.group(0) if match else ""
