"""rare-word: a word that is rare in the page's language.

## What it does
Looks up every word of the main text in wordfreq's frequency table for the page's language
(Dutch or English; other languages are not checked) and reports words whose Zipf frequency is
below the threshold. Zipf is log10 of uses per billion words: "huis" 5.7, "fiscaal" 3.7,
"restitutie" 2.7, "incassomachtiging" 1.8, an unseen word 0.

Only running text is read: a block of one or two words (a label, a list of countries, a
glossary's term, a menu item), a label in title case ("Complication of Pregnancy") and a line
of code (`$('.poll iframe')`, `{…}`) are skipped.
Not reported: words in quotation marks (a quotation, a quoted title or button label), names
and labels (words with a capital other than at a sentence start, also where the same word
appears elsewhere; a capitalised word at the start of a sentence unless
the page also writes it in lower case, since "Siebke van Keulen is voorzitter" starts with a
name; words with inner capitals such as "iDEAL"), anything with a digit (numbers, codes),
URLs and e-mail addresses, abbreviations (see `unexplained-abbreviation`), words the page
explains (`<dfn>`, `<abbr title>`, a `<dl>` glossary, "X (dat is …)", "X betekent …", "X: …"
at the start of a paragraph), words much more common in the other language (a quoted
English passage on a Dutch page), words the `jargon-term` list already reports, and words in
`allow`.

Dutch writes compounds as one word, and most are rare without being hard:
"meterstandgegevens" is unseen, but "meterstand" + "gegevens" is clear. A Dutch word below the
threshold is therefore split into known parts first (with a linking "s", "e" or "en"); it is
reported only when no split has parts above the threshold, or when it is longer than
`max_compound` letters.

Once the whole site is read, a word written with a capital mid-sentence on any of its pages
is a name and is not reported on any page; a rare word on five or more pages is a term of
the site's own subject ("codebase" on a site about code) and is not reported either;
findings in a sentence the site repeats on three or more pages (a label, a template block)
are kept on the first of them only; and at most `max_words` words are reported for the
site, those on the most pages first.

Each word is reported once per page, with its Zipf value and the first sentence it is in (the
first that ends as a sentence does, when the word is also in a heading or label).

## Why is this bad?
Readers skip or misread words they rarely see; with a few of them in a sentence, the sentence
is lost. Frequency is the best single predictor of whether a reader knows a word.

## Example
"De premie wordt na subrogatie verhaald op de veroorzaker."

## Use instead
"Wij vragen het geld terug aan degene die de schade heeft veroorzaakt." Or explain the word
where it is first used.

## Options
- `threshold` (mapping language → Zipf, default `{"nl" = 2.8, "en" = 3.0}`): report words
  below it. Calibrated on tests/data/jargon_marked.jsonl (see bench/jargon_accuracy.py).
- `max_compound` (int, default 20): Dutch compounds longer than this are reported even when
  their parts are common.
- `allow` (list of words, default none): words never reported (product names, your own terms).
- `max_words` (int, default 30): at most this many distinct rare words for the whole site.
"""

from __future__ import annotations

import collections
import math
import re
from collections.abc import Iterator, Mapping, Sequence
from functools import lru_cache

from auditor.check import Check
from auditor.model import Finding, PageSnapshot, Pitfall, Severity, SiteSummary
from checks.language.jargon_term import page_hits
from checks.language.page_language import page_language
from checks.language.site_text import SiteText, once_per_repeated_sentence
from checks.language.words import (
    Sentence,
    Token,
    is_label,
    is_prose,
    page_glossary,
    page_names,
    page_sentences,
    zipf,
)

THRESHOLDS: Mapping[str, float] = {"nl": 2.8, "en": 3.0}
OTHER_LANGUAGE = {"nl": "en", "en": "nl"}
FOREIGN_MIN = 3.5  # a word this common in the other language, and
FOREIGN_MARGIN = 1.0  # this much more common there than here, is foreign
MIN_LETTERS = 3
RUNNING_WORDS = 3  # a block with fewer words is a label, not running text
# A rare word on this many pages is a term of the site's own subject ("codebase" on a site
# about code, "generatieve AI" on one about AI): its readers know it, and jargon-term's list,
# not word frequency, is what says whether it is jargon.
SITE_TERM_PAGES = 5
CODE = re.compile(r"\$\(|[{};]\s*$|^\s*[{}]|=>|\(\s*['\"]|\w\.\w+\(")
MIN_PART = 3  # letters in the parts of a compound ("gas" + "meter")
PART_MIN = 3.3  # Zipf of each part: wordfreq also holds fragments ("exp", "loot")
LINKS = ("s", "en", "e")  # Dutch linking morphemes: "storing-s-nummer"
# Prefixes and suffixes that wordfreq also knows as words; they do not make a compound
# transparent ("ont" + "bindende", "verhaal" + "baar").
# Separable particles are short but known: "af" + "leest" ("aflezen": read a meter).
PARTICLES = frozenset({"af", "op", "in", "na", "om", "uit", "aan", "toe", "mee", "weg", "bij"})
NOT_HEADS = frozenset({"ont", "ver", "her", "mis"})
NOT_TAILS = frozenset(
    {"lijk", "lijke", "lijken", "baar", "bare", "heid", "heden", "schap", "loos", "loze"}
    | {"ende", "ling", "lingen", "achtig", "isch", "ische", "tjes"}
)


@lru_cache(maxsize=65536)
def compound_score(word: str, language: str, depth: int = 2) -> float:
    """How common the parts of a compound are: the best split into two parts, scored by its
    rarer part (0 when it does not split). Parts may be compounds themselves (`depth`)."""
    best = 0.0
    for cut in range(2, len(word) - MIN_PART + 1):
        head, tail = word[:cut], word[cut:]
        if head in NOT_HEADS or tail in NOT_TAILS or (cut < MIN_PART and head not in PARTICLES):
            continue
        heads = [head] + [head[: -len(k)] for k in LINKS if head.endswith(k)]
        head_score = max(part_score(h, language, depth) for h in heads if len(h) >= 2)
        if head_score > best:
            best = max(best, min(head_score, part_score(tail, language, depth)))
    return best


def part_score(part: str, language: str, depth: int) -> float:
    known = zipf(part, language)
    return known if known or depth <= 1 else compound_score(part, language, depth - 1)


def is_rare(word: str, language: str, threshold: float, max_compound: int) -> bool:
    if zipf(word, language) >= threshold:
        return False
    if language != "nl" or len(word) > max_compound:
        return True
    return compound_score(word, language) < max(threshold, PART_MIN)


def is_foreign(word: str, language: str) -> bool:
    """Common in the other language and much less so in this one ("switched" on a Dutch
    page): a quoted passage or a loan word, not a rare word."""
    if language not in OTHER_LANGUAGE:
        return False
    other = zipf(word, OTHER_LANGUAGE[language])
    return other >= FOREIGN_MIN and other >= zipf(word, language) + FOREIGN_MARGIN


def candidate(token: Token, names: frozenset[str], lower: frozenset[str]) -> bool:
    """A plain word: not a name, label, abbreviation, number or code. A capitalised word
    counts only at a sentence start, and only when the page also writes it in lower case
    (`lower`): a sentence may start with a name."""
    text = token.text
    return (
        token.kind == "word"
        and sum(c.isalpha() for c in text) >= MIN_LETTERS
        and not token.has_digit
        and not any(c.isupper() for c in text[1:])
        and not (token.capitalised and (not token.first or token.lower not in lower))
        and token.lower not in names
    )


def running_text(sentences: Sequence[Sentence]) -> list[Sentence]:
    """The sentences of blocks with at least RUNNING_WORDS words that are neither code nor
    a label in title case ("Federally Recognized Tribe")."""
    words: dict[int, int] = {}
    for sentence in sentences:
        words[sentence.line] = words.get(sentence.line, 0) + len(sentence.words)
    return [
        s
        for s in sentences
        if words[s.line] >= RUNNING_WORDS and not CODE.search(s.text) and not is_label(s)
    ]


def lower_case_words(sentences: Sequence[Sentence]) -> frozenset[str]:
    return frozenset(t.text for s in sentences for t in s.words if t.text.islower())


def parts_of(token: Token) -> list[str]:
    """The word, or its hyphenated parts ("e-mailadres" -> "mailadres"). A possessive
    ("insurer’s") is looked up as its word by `zipf`."""
    return [p for p in token.lower.split("-") if len(p) >= MIN_LETTERS] or [token.lower]


def rare_words(
    sentences: Sequence[Sentence],
    language: str,
    *,
    threshold: float,
    max_compound: int,
    skip: frozenset[str],
    names: frozenset[str],
) -> Iterator[tuple[str, float, Sentence]]:
    """(word, zipf, first sentence) for each distinct rare word of the running text; the
    first sentence in prose when there is one (a heading or label may be the site's)."""
    seen: set[str] = set(skip)
    running = running_text(sentences)
    lower = lower_case_words(running)
    for sentence in sorted(running, key=lambda s: not is_prose(s)):
        for token in sentence.words:
            if (
                token.lower in seen
                or sentence.in_quotes(token)
                or not candidate(token, names, lower)
            ):
                continue
            seen.add(token.lower)
            for part in parts_of(token):
                if (
                    part not in skip
                    and not is_foreign(part, language)
                    and is_rare(part, language, threshold, max_compound)
                ):
                    yield token.text, zipf(part, language), sentence
                    break


def run(
    page: PageSnapshot,
    *,
    threshold: Mapping[str, float] | None = None,
    max_compound: int = 20,
    allow: Sequence[str] = (),
) -> Iterator[Finding]:
    language = page_language(page).code
    limit = {**THRESHOLDS, **(threshold or {})}.get(language)
    if limit is None:
        return
    jargon = {w.lower() for hit in page_hits(page) for w in hit.text.split()}
    skip = frozenset(a.lower() for a in allow) | page_glossary(page) | jargon
    for word, value, sentence in rare_words(
        page_sentences(page),
        language,
        threshold=limit,
        max_compound=max_compound,
        skip=skip,
        names=page_names(page),
    ):
        yield CHECK.finding(
            page.url,
            f'"{word}" is a rare word (Zipf {math.floor(value * 10) / 10:.1f}, below '
            f"{limit:g}): use a more common word or explain it.",
            evidence=sentence.text,
            signature=word.lower(),
            highlights=(word,),
        )


def refine(findings: Sequence[Finding], site: SiteSummary, *, max_words: int = 30) -> list[Finding]:
    """Site-wide: no names (a capital mid-sentence anywhere on the site), no terms of the
    site's own subject (rare words on SITE_TERM_PAGES pages or more: "codebase" on a site
    about code), a repeated sentence on its first page only, and at most `max_words` words,
    those on the most pages first."""
    text = SiteText.of(site)
    pages = collections.Counter(f.signature for f in findings)
    own = (
        f
        for f in findings
        if f.signature not in text.names and pages[f.signature] < SITE_TERM_PAGES
    )
    kept = list(once_per_repeated_sentence(own, text))
    shown = collections.Counter(f.signature for f in kept)
    first = {sig: i for i, sig in reversed(list(enumerate(f.signature for f in kept)))}
    chosen = set(sorted(shown, key=lambda sig: (-shown[sig], first[sig]))[:max_words])
    return [f for f in kept if f.signature in chosen]


CHECK = Check(
    id="rare-word",
    pitfall=Pitfall.LANGUAGE,
    severity=Severity.MINOR,
    title="The text uses common words",
    failure_title="The text uses rare words",
    fix="Replace the rare word with a common one, or explain it where it is first used.",
    run=run,
    refine=refine,
    docs=__doc__ or "",
)
