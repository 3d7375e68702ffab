"""unexplained-abbreviation: an abbreviation or acronym that the page does not explain.

## What it does
Finds, in the main text of Dutch and English pages, acronyms (two or more capitals, at least
half of the word: "WOZ", "SEPA", "KvK", also inside "WOZ-waarde") and abbreviations with dots
("i.v.m.", "t.a.v.", "o.a.", "bijv.", "e.g."). An acronym is reported when it is not
explained where it is first used: no `<abbr title>`, no `<dfn>` or `<dl>` entry, and no
expansion in the paragraph of its first use or the one after it ("Wet waardering onroerende
zaken (WOZ)", "WOZ (Wet waardering onroerende zaken)", "WOZ staat voor …", "WOZ: …").
Abbreviations with dots that `checks/data/abbreviations_<lang>.json` lists are always
reported, with their written-out form: writing them out is the fix. Other dotted letters
("P.O. Box", "U.S.", initials such as "F.W.", a host name's "blog.vue.") are left alone. A
plural acronym is its singular ("NGOs" is "NGO"); a name in camel case with a run of small
letters ("ChatGPT", "MacOS", "SaaS") and a word of more than six capitals ("VERSTUUR") are no
acronyms.

Not reported: abbreviations everyone knows (a short list per language in the same data file:
NL, EU, PDF, OK, TV, BV, NV, IBAN, btw, ID, SMS, PIN, FAQ, …; IBAN because it is the name
printed on every bank card, and its expansion helps nobody; and any that is common as a word
of its own: a Zipf frequency of at least 3.5 in Dutch or English text, as AI, URL, API,
COVID and KvK have), words written in capitals ("PRINT", "FEBRUARI", "SIGN UP": common words
by the same measure), units and currencies (MWh, GB,
EUR), Roman numerals, the letters of a postcode ("2511 CV") and the bank code in an IBAN
("NL02 ABNA 0123 4567 89"), words in a sentence that is written in capitals, words in
quotation marks (a quotation the writer cannot change), and terms in `allow`.
An acronym explained on any page of the site (its glossary, an `<abbr title>`, the first
use on another page) counts as explained on every page. Each abbreviation is reported once
per page, with the first sentence it is in; in a sentence the site repeats on three or more
pages (a label, a template block), only on the first of them.

## Why is this bad?
Abbreviations save the writer time and cost the reader more. Readers who do not know "WOZ" or
"t.a.v." guess, skip or call; screen readers spell some out letter by letter and read others
as words.

## Example
"Vermeld bij de betaling uw KvK-nummer, i.v.m. de controle."

## Use instead
"Vermeld bij de betaling het nummer van uw inschrijving bij de Kamer van Koophandel (KvK).
Dan kunnen wij controleren of het klopt."

## Options
- `allow` (list, default none): abbreviations your readers know, e.g. `["DigiD", "CAK"]`.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator, Mapping, Sequence
from functools import cache

from auditor.check import Check
from auditor.model import Finding, PageSnapshot, Pitfall, Severity, SiteSummary
from checks.language.page_language import page_language
from checks.language.site_text import SiteText, once_per_repeated_sentence
from checks.language.words import Sentence, load_data, page_glossary, page_sentences, zipf

LANGUAGES = ("nl", "en")
ROMAN = re.compile(r"X{0,3}(?:IX|IV|V?I{0,3})")
# Capitals that are part of a code, not abbreviations: Dutch postcodes and IBANs.
CODES = re.compile(
    r"\b\d{4} ?[A-Z]{2}\b|\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b"
)
POSSESSIVE = re.compile(r"['’]s$")
MAX_ACRONYM = 6  # longer words in capitals are words written loud ("VERSTUUR", "FRONTEERS")
PLURAL = re.compile(r"(?<=[A-Z]{2})s$")  # "NGOs": the acronym is "NGO"
CAMEL_CASE = re.compile(r"[a-z]{2}")  # "ChatGPT", "MacOS", "SaaS": a name, not an acronym
INITIALS_MIN = 3  # an acronym this long may be spelled out by the initials before it
COMMON_ZIPF = 3.5  # an abbreviation this common as a word (in nl or en) needs no explanation
SHOUTING_SHARE = 0.6  # a sentence with this share of words in capitals is shouting
EXPLAINING_WORDS = (
    r"staat voor|betekent|is de afkorting van|is een afkorting van|oftewel|ofwel|dat is"
    r"|stands for|means|is short for|that is"
)


@dataclasses.dataclass(frozen=True, slots=True)
class Abbreviations:
    known: frozenset[str]
    dotted: Mapping[str, str]
    expansions: Mapping[str, str]


@dataclasses.dataclass(frozen=True, slots=True)
class Use:
    abbreviation: str
    sentence: Sentence
    written_out: str  # "" when unknown
    dotted: bool


@cache
def abbreviations(language: str) -> Abbreviations | None:
    if language not in LANGUAGES:
        return None
    data = load_data(f"abbreviations_{language}.json")
    return Abbreviations(
        known=frozenset(data["known"]) | frozenset(data["units"]),
        dotted={k.lower(): v for k, v in data["dotted"].items()},
        expansions=data["expansions"],
    )


def is_acronym(word: str) -> bool:
    """Two or more capitals, at least half of the word, starting with one: "WOZ", "KvK";
    not a name in camel case with a run of small letters ("ChatGPT", "MacOS")."""
    capitals = sum(c.isupper() for c in word)
    return (
        2 <= len(word) <= MAX_ACRONYM
        and word[0].isupper()
        and capitals >= 2
        and capitals * 2 >= len(word)
        and word.isalpha()
        and not CAMEL_CASE.search(word)
        and not ROMAN.fullmatch(word)
    )


def common(acronym: str) -> bool:
    """Written as often as a common word: AI, URL, COVID; also a word in capitals (PRINT)."""
    return any(zipf(acronym, language) >= COMMON_ZIPF for language in LANGUAGES)


def shouting(sentence: Sentence) -> bool:
    words = [t.text for t in sentence.words if len(t.text) > 1]
    return len(words) >= 3 and sum(w.isupper() for w in words) >= SHOUTING_SHARE * len(words)


def uses_in(sentence: Sentence, abbr: Abbreviations) -> Iterator[Use]:
    codes = [m.span() for m in CODES.finditer(sentence.text)]
    loud = shouting(sentence)
    for token in sentence.tokens:
        if any(start <= token.start < end for start, end in codes) or sentence.in_quotes(token):
            continue
        if token.kind == "dotted" and token.lower in abbr.dotted:
            yield Use(token.text, sentence, abbr.dotted[token.lower], dotted=True)
        elif token.kind == "word" and token.text[1:].islower() and _dot_after(sentence, token.end):
            written_out = abbr.dotted.get(token.lower + ".")
            if written_out:
                yield Use(token.text + ".", sentence, written_out, dotted=True)
        if token.kind != "word" or loud:
            continue
        for written in POSSESSIVE.sub("", token.text).split("-"):
            part = PLURAL.sub("", written)
            if is_acronym(part) and part not in abbr.known and not common(part):
                yield Use(part, sentence, abbr.expansions.get(part, ""), dotted=False)


def _dot_after(sentence: Sentence, end: int) -> bool:
    return sentence.text[end : end + 1] == "."


def expanded(acronym: str, text: str) -> bool:
    """The text spells the acronym out: "… (WOZ)", "… (RSE’s)", "WOZ (…)", "WOZ staat voor …",
    "WOZ: …", or capitalised words with its letters right before it ("Early and Periodic
    Screening, Diagnostic, and Treatment Services, EPSDT")."""
    a = re.escape(acronym)
    return bool(
        re.search(rf"\(\s*{a}(?:['’]?s)?\s*\)", text)
        or re.search(rf"\b{a}\s*\((?!\s*[A-Z]{{2,}}\s*\))[^()]{{4,}}\)", text)
        or re.search(rf"\b{a}\b,?\s+(?:{EXPLAINING_WORDS})\b", text, re.IGNORECASE)
        or re.match(rf"{a}\s*[:–—=]\s+\w", text)
        or spelled_before(acronym, text)
    )


def spelled_before(acronym: str, text: str) -> bool:
    """The capitalised words just before the acronym start with its letters, in order."""
    if len(acronym) < INITIALS_MIN or not acronym.isupper():
        return False
    for m in re.finditer(rf"\b{re.escape(acronym)}\b", text):
        words = re.findall(r"[^\W\d_]+", text[: m.start()])[-2 * len(acronym) - 2 :]
        initials = "".join(w[0] for w in words if w[0].isupper())
        if _subsequence(acronym, initials):
            return True
    return False


def _subsequence(letters: str, initials: str) -> bool:
    found = iter(initials)
    return all(letter in found for letter in letters)


def explained(use: Use, sentences: Sequence[Sentence], glossary: frozenset[str]) -> bool:
    """Explained in markup, or in the block of its first use or the next one."""
    if use.abbreviation.lower() in glossary:
        return True
    line = use.sentence.line
    return any(expanded(use.abbreviation, s.text) for s in sentences if line <= s.line <= line + 1)


def unexplained(
    sentences: Sequence[Sentence],
    abbr: Abbreviations,
    glossary: frozenset[str],
    allow: Sequence[str],
) -> Iterator[Use]:
    """The first use of each abbreviation that is not explained."""
    seen = {a.lower() for a in allow}
    for sentence in sentences:
        for use in uses_in(sentence, abbr):
            if use.abbreviation.lower() in seen:
                continue
            seen.add(use.abbreviation.lower())
            if use.dotted or not explained(use, sentences, glossary):
                yield use


def explained_acronyms(page: PageSnapshot) -> frozenset[str]:
    """The acronyms this page explains (markup, or words where it first uses them): then
    they are explained on every page of the site (see `refine`)."""
    abbr = abbreviations(page_language(page).code)
    if abbr is None:
        return frozenset()
    sentences = page_sentences(page)
    glossary = page_glossary(page)
    return frozenset(
        use.abbreviation
        for sentence in sentences
        for use in uses_in(sentence, abbr)
        if not use.dotted and explained(use, sentences, glossary)
    )


def refine(findings: Sequence[Finding], site: SiteSummary) -> Iterator[Finding]:
    """Site-wide: an acronym explained on any page is explained; a sentence the site repeats
    on many pages (a label, a template block) is reported on its first page only."""
    text = SiteText.of(site)
    unexplained = (f for f in findings if f.signature not in text.explained)
    yield from once_per_repeated_sentence(unexplained, text)


def message(use: Use) -> str:
    if use.dotted and use.written_out:
        alternatives = " or ".join(f'"{w.strip()}"' for w in use.written_out.split(";"))
        return f'"{use.abbreviation}" is an abbreviation: write {alternatives}.'
    if use.dotted:
        return f'"{use.abbreviation}" is an abbreviation: write it out.'
    if use.written_out:
        return (
            f'"{use.abbreviation}" is not explained: write "{use.written_out} '
            f'({use.abbreviation})" where it is first used.'
        )
    return (
        f'"{use.abbreviation}" is not explained: write it out where it is first used, or '
        f"mark it up with <abbr title>."
    )


def run(page: PageSnapshot, *, allow: Sequence[str] = ()) -> Iterator[Finding]:
    abbr = abbreviations(page_language(page).code)
    if abbr is None:
        return
    sentences = page_sentences(page)
    for use in unexplained(sentences, abbr, page_glossary(page), allow):
        yield CHECK.finding(
            page.url,
            message(use),
            evidence=use.sentence.text,
            signature=use.abbreviation.lower() if use.dotted else use.abbreviation,
            highlights=(use.abbreviation,),
        )


CHECK = Check(
    id="unexplained-abbreviation",
    pitfall=Pitfall.LANGUAGE,
    severity=Severity.MINOR,
    title="Abbreviations are explained",
    failure_title="Abbreviations are used without explanation",
    fix=(
        "Write out abbreviations with dots, and explain each acronym where it is first used, e.g. "
        '"Wet waardering onroerende zaken (WOZ)".'
    ),
    run=run,
    refine=refine,
    docs=__doc__ or "",
)
