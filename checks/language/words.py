"""Sentences, word tokens, names and glossary terms of a page's main text, computed once per
snapshot (`page.memo`) and shared by the word-level language checks (`jargon-term`,
`rare-word`, `unexplained-abbreviation`), plus the data files and word frequencies they read,
loaded once per process."""

from __future__ import annotations

import dataclasses
import json
import math
import re
from functools import cache
from importlib.resources import files
from typing import Any

from auditor.model import PageSnapshot
from checks.common import normalise_space, sentences

# URLs, e-mail addresses and bare domain names; dotted abbreviations ("i.v.m.", "e.g.");
# words (letters and digits, joined by hyphens or apostrophes: "e-mailadres", "auto's").
_WORD = r"[^\W_]+(?:['’-][^\W_]+)*"
_TOKEN = re.compile(
    r"(?P<url>(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|\b(?:[\w-]+\.)+(?:nl|be|com|org|net|eu|uk|gov|io|info|de)\b(?:/\S*)?)"
    r"|(?P<dotted>\b(?:[^\W\d_]{1,4}\.){2,})"
    rf"|(?P<word>{_WORD})"
)
# What every URL, address, domain name or dotted abbreviation holds. A sentence without it
# has words only, found several times faster without trying the other forms at each letter.
_NOT_ONLY_WORDS = re.compile(r"@|://|www\.|\.[^\W\d_]")
_WORDS_ONLY = re.compile(_WORD)
# "X (dat is …)", "X, oftewel …", "X betekent …", "By X we mean …": the page explains X.
# Each pattern comes with what follows the explained word, a cheap test that the sentence can
# match at all (the patterns try every letter of the text as the start of X).
_EXPLAINED_BEFORE_TAIL = (
    r"\s*(?:\(|,)\s*(?:dat is|dit is|dat wil zeggen|oftewel|ofwel|ook wel"
    r"|that is|i\.e\.|meaning|also called|or)\b"
)
_EXPLAINED_VERB_TAIL = (
    r"\s+(?:betekent|wil zeggen|staat voor|is een|is het|means|stands for|is a|is an|is the)\b"
)
_EXPLAINED_MEAN_TAIL = r"\s+(?:bedoelen|bedoel|we mean|I mean)\b"
_EXPLAINED = tuple(
    (re.compile(pattern, re.IGNORECASE), re.compile(tail, re.IGNORECASE))
    for pattern, tail in (
        (rf"([^\W\d_][\w'’-]*){_EXPLAINED_BEFORE_TAIL}", _EXPLAINED_BEFORE_TAIL),
        (rf"([^\W\d_][\w'’-]*){_EXPLAINED_VERB_TAIL}", _EXPLAINED_VERB_TAIL),
        (
            r"\b(?:met|by)\s+(?:een\s+|het\s+|de\s+|a\s+|an\s+|the\s+)?([^\W\d_][\w'’-]*)"
            + _EXPLAINED_MEAN_TAIL,
            _EXPLAINED_MEAN_TAIL,
        ),
    )
)
_GLOSSARY_LINE = re.compile(r"^([^\W\d_][\w'’ -]{0,40}?)\s*[:–—]\s+\S")
GLOSSARY_SELECTOR = "dfn, abbr[title], dl dt"


@dataclasses.dataclass(frozen=True, slots=True)
class Token:
    text: str
    kind: str  # "word", "dotted" (an abbreviation with dots) or "url"
    start: int  # character offsets in the sentence
    end: int
    first: bool  # the first word of its sentence

    @property
    def lower(self) -> str:
        return self.text.lower()

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()

    @property
    def has_digit(self) -> bool:
        return any(c.isdigit() for c in self.text)


# A quotation, a quoted title or a quoted button label: words the writer cannot change (or
# the site's interface names them). An opening mark without its closing one runs to the end
# of the sentence, a closing one without its opening from the start.
_QUOTED = re.compile(r"[“„«\"]([^”“„«»\"]*)(?:[”»\"]|$)|^([^“„«\"]*)[”»]")


@dataclasses.dataclass(frozen=True, slots=True)
class Sentence:
    text: str
    line: int  # index of the block (paragraph, heading, list item) it belongs to
    tokens: tuple[Token, ...]
    words: tuple[Token, ...] = dataclasses.field(init=False)  # the tokens of kind "word"
    quoted: tuple[tuple[int, int], ...] = dataclasses.field(init=False)  # quotation spans

    def __post_init__(self) -> None:
        object.__setattr__(self, "words", tuple(t for t in self.tokens if t.kind == "word"))
        spans = (
            tuple(m.span() for m in _QUOTED.finditer(self.text)) if _has_quote(self.text) else ()
        )
        object.__setattr__(self, "quoted", spans)

    def in_quotes(self, token: Token) -> bool:
        return any(start <= token.start < end for start, end in self.quoted)


def _has_quote(text: str) -> bool:
    return any(mark in text for mark in '“”„«»"')


def tokenize(text: str) -> tuple[Token, ...]:
    if not _NOT_ONLY_WORDS.search(text):
        return tuple(
            Token(m.group(), "word", m.start(), m.end(), i == 0)
            for i, m in enumerate(_WORDS_ONLY.finditer(text))
        )
    tokens: list[Token] = []
    first = True
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup or "word"
        tokens.append(Token(m.group(), kind, m.start(), m.end(), first and kind == "word"))
        first = first and kind != "word"
    return tuple(tokens)


def split_sentences(text: str) -> tuple[Sentence, ...]:
    out: list[Sentence] = []
    for line_no, line in enumerate(ln for ln in text.split("\n") if ln.strip()):
        out.extend(Sentence(s, line_no, tokenize(s)) for s in sentences(line))
    return tuple(out)


def is_label(sentence: Sentence) -> bool:
    """A title-case line without a sentence's end ("Complication of Pregnancy", "Federally
    Recognized Tribe"): a heading, a glossary's term, a button, not a sentence to rewrite."""
    return not is_prose(sentence) and _title_case(sentence)


def is_prose(sentence: Sentence) -> bool:
    """Ends as a sentence does (. ! ?): the page's own prose, not a heading or a label,
    which the site may repeat on every page. Evidence is taken from prose where it can be."""
    return sentence.text.rstrip().endswith((".", "!", "?"))


def page_sentences(page: PageSnapshot) -> tuple[Sentence, ...]:
    """The main text's sentences with their tokens; every block ends a sentence."""
    return page.memo("words.sentences", lambda: split_sentences(page.main_text))


def _title_case(sentence: Sentence) -> bool:
    long_words = [t for t in sentence.words if len(t.text) > 3]
    return len(long_words) >= 2 and sum(t.capitalised for t in long_words) * 3 >= 2 * len(
        long_words
    )


def names_in(all_sentences: tuple[Sentence, ...]) -> frozenset[str]:
    """Lower-cased words written with a capital somewhere other than at a sentence start
    (names, products, labels such as "Mijn omgeving"). Title-case headings do not count."""
    return frozenset(
        t.lower
        for s in all_sentences
        if not _title_case(s)
        for t in s.words
        if t.capitalised and not t.first
    )


def page_names(page: PageSnapshot) -> frozenset[str]:
    return page.memo("words.names", lambda: names_in(page_sentences(page)))


def explained_in_text(all_sentences: tuple[Sentence, ...]) -> frozenset[str]:
    """Words the text itself explains: "X (dat is …)", "X betekent …", "X: …" at the start
    of a block, "Met X bedoelen we …"."""
    found: set[str] = set()
    for s in all_sentences:
        for pattern, tail in _EXPLAINED:
            if tail.search(s.text):
                found.update(m.group(1).lower() for m in pattern.finditer(s.text))
        glossary = _GLOSSARY_LINE.match(s.text)
        if glossary and len(glossary.group(1).split()) <= 3:
            found.add(glossary.group(1).strip().lower())
    return frozenset(found)


def glossary_markup(page: PageSnapshot) -> frozenset[str]:
    """Terms the markup defines: `<dfn>`, `<abbr title>` and `<dl>` terms (lower-cased). The
    DOM is parsed only when the HTML has such elements."""
    html = page.html.lower()
    if not any(tag in html for tag in ("<dfn", "<abbr", "<dt")):
        return frozenset()
    return frozenset(
        normalise_space(el.get_text(" ")).lower() for el in page.dom.select(GLOSSARY_SELECTOR)
    )


def page_glossary(page: PageSnapshot) -> frozenset[str]:
    """Everything the page explains, in markup or in words."""
    return page.memo(
        "words.glossary",
        lambda: glossary_markup(page) | explained_in_text(page_sentences(page)),
    )


def load_data(name: str) -> Any:
    """A JSON file from `checks/data/`, read through importlib.resources (works from a wheel)."""
    return json.loads((files("checks") / "data" / name).read_text(encoding="utf-8"))


@cache
def frequencies(language: str) -> dict[str, float]:
    """wordfreq's frequency table for a language (loaded once per process), or {} when
    wordfreq has no data for it. The arguments are spelled as wordfreq's own lookups spell
    them, so its cache holds one table per language, not two."""
    from wordfreq import available_languages, get_frequency_dict

    if language not in available_languages():
        return {}
    return get_frequency_dict(language, "best")


_CURLY_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'"})


def zipf(word: str, language: str) -> float:
    """Zipf frequency (log10 of uses per billion words): 7 for "de", 0 for unseen words.
    Typographic apostrophes are looked up as the straight one wordfreq stores ("you’ll",
    "risico’s"); a possessive counts as common as its word ("organization’s", "Medicare’s")."""
    table = frequencies(language)
    key = word.lower().translate(_CURLY_APOSTROPHES)
    freq = table.get(key, 0.0)
    if key.endswith("'s"):  # a possessive is as common as its word: "organization's"
        freq = max(freq, table.get(key[:-2], 0.0))
    return round(math.log10(freq) + 9, 2) if freq else 0.0
