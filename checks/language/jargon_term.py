"""jargon-term: a word or phrase from the jargon list, with a plainer word to use instead.

## What it does
Looks up the words and phrases of the main text (not navigation, header or footer) in a
built-in list of officialese and insurance, energy, banking and government jargon, each with a
plainer alternative: about 490 Dutch and 270 English entries in `checks/data/jargon_nl.json`
and `jargon_en.json`, drawn from published plain-language word lists (see
`checks/data/README.md`). The page's language decides the list; pages in other languages are
not checked. Words in quotation marks (a quotation, the title of a law, a quoted button
label) are not the writer's to change and are skipped. Matching is on whole words and
phrases, case-insensitive, with cheap inflections:
Dutch verbs ("verstrekken" also finds "verstrekt", "verstrekte", "verstrekkende"), Dutch
nouns and adjectives ("restituties", "desbetreffende") and English verbs and nouns
("commenced", "remittances"). A term inside a longer compound is found only when its entry
says so (`"compound": true`: "incassomachtiging" in "SEPA-incassomachtigingen"). A term with
two senses, one of them plain, names the words its jargon sense comes with (`"only_with"`):
"voldoen" is "betalen" in "het bedrag voldoen", not in "voldoen aan de eisen"; "openstaand"
is "nog niet betaald" for a factuur, not for "openstaande browsers".

Each term is reported once per page, with the first sentence it is in as evidence (the first
that ends as a sentence does, when it is also in a heading or label); in a
sentence the site repeats on three or more pages (a section label, a template block), only on
the first of them. The finding's signature is the term, so one term on many pages is one
issue: "replace 'indien' with 'als' everywhere".

## Why is this bad?
Customers who stumble over "incassomachtiging", "teneinde" or "pursuant to" read on without
understanding, or call. Official and legal words are the first thing plain-language guides
(Direct Duidelijk, Plain English Campaign, GOV.UK) tell writers to replace.

## Example
"Indien u de incassomachtiging wenst in te trekken, dient u ons dit schriftelijk te melden."

## Use instead
"Wilt u niet meer dat wij automatisch afschrijven? Laat het ons weten."

## Options
- `avoid` (mapping term → alternative, default none): more terms to report, e.g.
  `avoid = {"Mijn Dossier" = "Mijn omgeving"}`. Matched as written, without inflection.
- `allow` (list of terms, default none): terms never reported, e.g. `["overeenkomst"]`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import cache, lru_cache
from typing import Any

from auditor.check import Check
from auditor.model import Finding, PageSnapshot, Pitfall, Severity, SiteSummary
from checks.language.page_language import page_language
from checks.language.site_text import SiteText, once_per_repeated_sentence
from checks.language.words import Sentence, is_prose, load_data, page_sentences

LANGUAGES = ("nl", "en")
VOWELS = "aeiouy"
NL_NO_GE_PREFIXES = ("be", "ge", "her", "ont", "ver", "er")
MIN_COMPOUND_REST = 3  # letters that must remain beside a term inside a compound


@dataclasses.dataclass(frozen=True, slots=True)
class Term:
    term: str
    use: tuple[str, ...]
    # The sense the entry means needs one of these words in the sentence ("voldoen" is
    # jargon for "betalen" next to "bedrag" or "factuur", not in "voldoen aan de eisen").
    only_with: frozenset[str] = frozenset()


@dataclasses.dataclass(frozen=True, slots=True, eq=False)
class Lexicon:
    """Forms (tuples of lower-case words) by first word, longest first; compound forms.
    Compared (and hashed) by identity, so that `compound_term` can cache per lexicon."""

    phrases: Mapping[str, tuple[tuple[tuple[str, ...], Term], ...]]
    compound_prefixes: Mapping[str, Term]
    compound_suffixes: Mapping[str, Term]


@dataclasses.dataclass(frozen=True, slots=True)
class Hit:
    term: Term
    text: str  # as written on the page
    sentence: Sentence


# --- inflection ------------------------------------------------------------------------------


def dutch_verb_forms(infinitive: str) -> set[str]:
    """Present, past and participle forms of a regular Dutch verb: "verstrekken" ->
    verstrekt, verstrekte(n), verstrekkend(e); "retourneren" -> retourneert, geretourneerd.
    The bare stem is left out (it is often a plain noun: "wensen" -> "wens"); irregular
    forms are listed in the data ("forms")."""
    if not infinitive.endswith("en") or " " in infinitive:
        return set()
    base = infinitive[:-2]
    if infinitive.endswith(("oen", "ien", "aan", "een")):
        # Irregular short verbs ("voldoen"): their present participle is often another word
        # ("voldoende"), so only the regular present forms.
        return {infinitive, infinitive[:-1] + "t"}
    elif len(base) > 2 and base[-1] == base[-2] and base[-1] not in VOWELS:
        stem = base[:-1]
    elif base.endswith("iër"):
        stem = base[:-3] + "ieer"
    elif len(base) > 2 and base[-1] not in VOWELS and base[-2] in "aeou" and base[-3] not in VOWELS:
        stem = base[:-1] + base[-2] + base[-1]
    else:
        stem = base
    stem = stem[:-1] + {"v": "f", "z": "s"}.get(stem[-1], stem[-1])
    past = "te" if base[-1:] in set("tkfschpx") else "de"
    ending = "" if stem.endswith(("t", "d")) else past[0]
    participle = stem + ending
    if not infinitive.startswith(NL_NO_GE_PREFIXES):
        participle = "ge" + participle
    return {
        infinitive,
        infinitive + "d",
        infinitive + "de",
        stem if stem.endswith("t") else stem + "t",
        stem + past,
        stem + past + "n",
        participle,
        participle + "e",
    }


def dutch_noun_forms(noun: str) -> set[str]:
    forms = {noun + "s", noun + "'s"}
    if noun.endswith("e"):
        return forms | {noun + "n"}
    forms |= {noun + "en", noun + noun[-1] + "en"}
    if len(noun) > 3 and noun[-2] == noun[-3] and noun[-2] in "aeou":
        undoubled = noun[:-2] + noun[-1:]
        forms.add(undoubled.removesuffix("f") + "ven" if noun.endswith("f") else undoubled + "en")
    return forms


def dutch_adjective_forms(adjective: str) -> set[str]:
    return {adjective + "e", adjective + "er"}


def english_verb_forms(verb: str) -> set[str]:
    if verb.endswith("e"):
        return {verb + "s", verb + "d", verb[:-1] + "ing"}
    if verb.endswith("y") and verb[-2:-1] not in VOWELS:
        return {verb[:-1] + "ies", verb[:-1] + "ied", verb + "ing"}
    return {verb + "s", verb + "es", verb + "ed", verb + "ing"}


def english_noun_forms(noun: str) -> set[str]:
    if noun.endswith("y") and noun[-2:-1] not in VOWELS:
        return {noun[:-1] + "ies"}
    return {noun + "s", noun + "es"}


INFLECTIONS = {
    ("nl", "verb"): dutch_verb_forms,
    ("nl", "noun"): dutch_noun_forms,
    ("nl", "adj"): dutch_adjective_forms,
    ("en", "verb"): english_verb_forms,
    ("en", "noun"): english_noun_forms,
}


def forms_of(entry: Mapping[str, Any], language: str) -> set[str]:
    term = str(entry["term"]).lower()
    inflect = INFLECTIONS.get((language, str(entry.get("inflect", ""))))
    generated = inflect(term) if inflect and " " not in term else set()
    explicit = {str(f).lower() for f in entry.get("forms", ())}
    return {term} | generated | explicit


# --- the lexicon -----------------------------------------------------------------------------


def build_lexicon(entries: Iterable[Mapping[str, Any]], language: str) -> Lexicon:
    """Index the entries' forms. A term's own spelling wins over another entry's inflected
    form ("indien" stays "als", not a form of "indienen")."""
    by_form: dict[tuple[str, ...], Term] = {}
    own: dict[tuple[str, ...], Term] = {}
    prefixes: dict[str, Term] = {}
    suffixes: dict[str, Term] = {}
    for entry in entries:
        term = Term(
            str(entry["term"]),
            tuple(str(u) for u in entry["use"]),
            frozenset(str(w).lower() for w in entry.get("only_with", ())),
        )
        own[tuple(term.term.lower().split())] = term
        for form in forms_of(entry, language):
            by_form.setdefault(tuple(form.split()), term)
            if entry.get("compound") and " " not in form:
                prefixes.setdefault(form, term)
                suffixes.setdefault(form, term)
    by_form.update(own)
    phrases: dict[str, list[tuple[tuple[str, ...], Term]]] = {}
    for words, term in by_form.items():
        phrases.setdefault(words[0], []).append((words, term))
    return Lexicon(
        phrases={k: tuple(sorted(v, key=lambda p: -len(p[0]))) for k, v in phrases.items()},
        compound_prefixes=prefixes,
        compound_suffixes=suffixes,
    )


@cache
def lexicon(language: str, avoid: tuple[tuple[str, str], ...] = ()) -> Lexicon | None:
    """The built-in list for a language plus the user's `avoid` terms (cached per process)."""
    if language not in LANGUAGES:
        return None
    entries: list[Mapping[str, Any]] = [{"term": term, "use": [use]} for term, use in avoid]
    entries += load_data(f"jargon_{language}.json")["terms"]
    return build_lexicon(entries, language)


# --- matching --------------------------------------------------------------------------------


@lru_cache(maxsize=65536)
def compound_term(word: str, lex: Lexicon) -> Term | None:
    """A compound-enabled term at the start or end of a longer word ("incassomachtigingen",
    "SEPA-incassomachtiging")."""
    for part in word.split("-"):
        for cut in range(MIN_COMPOUND_REST, len(part) - MIN_COMPOUND_REST + 1):
            head, tail = part[:cut], part[cut:]
            term = lex.compound_prefixes.get(head) or lex.compound_suffixes.get(tail)
            if term:
                return term
        term = lex.compound_prefixes.get(part)
        if term and part != word:
            return term
    return None


def phrase_at(lowered: list[str], i: int, lex: Lexicon) -> tuple[int, Term] | None:
    """(words, term) of the longest list form that starts at word `i`, if any."""
    for form, term in lex.phrases.get(lowered[i], ()):
        if tuple(lowered[i : i + len(form)]) == form:
            return len(form), term
    return None


def sentence_hits(sentence: Sentence, lex: Lexicon) -> Iterator[Hit]:
    words = sentence.words
    lowered = [t.lower for t in words]
    present = set(lowered)
    i = 0
    while i < len(words):
        if sentence.in_quotes(words[i]):  # a quotation, a quoted title or button label
            i += 1
            continue
        match = phrase_at(lowered, i, lex)
        if match:
            size, term = match
            if in_sense(term, present):
                text = sentence.text[words[i].start : words[i + size - 1].end]
                yield Hit(term, text, sentence)
            i += size
            continue
        term = compound_term(lowered[i], lex) if len(lowered[i]) > 2 * MIN_COMPOUND_REST else None
        if term and in_sense(term, present):
            yield Hit(term, words[i].text, sentence)
        i += 1


def in_sense(term: Term, words: set[str]) -> bool:
    """The sentence has one of the words the term's sense needs (any when none are listed)."""
    return not term.only_with or not term.only_with.isdisjoint(words)


def find_hits(sentences: Iterable[Sentence], lex: Lexicon) -> list[Hit]:
    """Every occurrence of a list term."""
    return [hit for s in sentences for hit in sentence_hits(s, lex)]


def not_allowed(hits: Iterable[Hit], allow: Iterable[str]) -> list[Hit]:
    """The hits left when the allowed ones (by term or as written) are skipped."""
    allowed = {a.lower() for a in allow}
    return [
        hit
        for hit in hits
        if hit.term.term.lower() not in allowed and hit.text.lower() not in allowed
    ]


def page_hits(page: PageSnapshot, avoid: tuple[tuple[str, str], ...] = ()) -> list[Hit]:
    """Hits of the built-in list plus the `avoid` terms on the page, found once per page
    (`rare-word` reads the built-in list's, so as not to report the same words again)."""

    def compute() -> list[Hit]:
        lex = lexicon(page_language(page).code, avoid)
        return find_hits(page_sentences(page), lex) if lex else []

    return page.memo(f"jargon.hits.{avoid!r}", compute)


def first_per_term(hits: Iterable[Hit]) -> list[Hit]:
    """Each term's first hit in prose, else its first hit (in a heading or label)."""
    seen: dict[str, Hit] = {}
    for hit in hits:
        key = hit.term.term.lower()
        if key not in seen or (is_prose(hit.sentence) and not is_prose(seen[key].sentence)):
            seen[key] = hit
    return list(seen.values())


def message(hit: Hit) -> str:
    alternatives = " or ".join(f'"{u}"' for u in hit.term.use)
    if hit.text.lower() == hit.term.term.lower():
        return f'"{hit.text}" is jargon: write {alternatives}.'
    return f'"{hit.text}" is jargon ("{hit.term.term}"): write {alternatives}.'


def run(
    page: PageSnapshot, *, avoid: Mapping[str, str] | None = None, allow: Sequence[str] = ()
) -> Iterator[Finding]:
    hits = not_allowed(page_hits(page, tuple(sorted((avoid or {}).items()))), allow)
    for hit in first_per_term(hits):
        yield CHECK.finding(
            page.url,
            message(hit),
            evidence=hit.sentence.text,
            signature=hit.term.term.lower(),
            highlights=(hit.text,),
        )


def refine(findings: Sequence[Finding], site: SiteSummary) -> Iterator[Finding]:
    """Site-wide: a sentence the site repeats on many pages is reported on its first page."""
    return once_per_repeated_sentence(findings, SiteText.of(site))


CHECK = Check(
    id="jargon-term",
    pitfall=Pitfall.LANGUAGE,
    severity=Severity.MODERATE,
    title="The text avoids jargon",
    failure_title="The text uses jargon where a plainer word exists",
    fix=(
        "Replace the term with the plainer word suggested, and rewrite the sentence around it "
        "where needed."
    ),
    run=run,
    refine=refine,
    docs=__doc__ or "",
)
