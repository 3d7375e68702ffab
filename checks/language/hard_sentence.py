"""hard-sentence: the hardest sentences of a page that misses its reading level target.

## What it does
Runs only on pages where `readability-level` finds the main text harder than the target (same
options). For each such page it reports the three hardest sentences (by the same model that
scores the page; sentences with more kinds of reason first) that have at least one
concrete reason, one finding per distinct sentence:

- **long sentence**: more than 20 words (Dutch) or 25 words (English);
- **rare words**: content words with a wordfreq Zipf value below 3.5, listed;
- **passive voice**: Dutch "wordt/worden/werd/werden/is/zijn … (ge)…d/t" participles,
  English "be/is/was/were/been/being + past participle";
- **long compound words** (Dutch): rare words of more than 15 letters, listed.

A heading or label of one or two words, or one in title case ("Complication of Pregnancy"),
is no sentence to rewrite and is never reported.

The evidence is the sentence; the message lists the reasons, with the hard words after
"rare words:" and "long compounds:" as comma-separated lists, so a report can highlight
them, e.g. "Long sentence (34 words); rare words: incassomachtiging, restitutie; passive
voice". The finding's signature is a hash of the sentence, so it survives edits elsewhere on
the page.

## Why is this bad?
A page score says *that* a page is hard, not *what* to rewrite. Content teams fix pages
sentence by sentence; the hardest sentences are where a rewrite helps most.

## Example
"Restitutie van het teveel betaalde bedrag vindt plaats binnen dertig dagen na ontvangst van
de eindafrekening."

## Use instead
"Heeft u te veel betaald? Dan krijgt u het geld binnen dertig dagen terug."

## Options
- `target_level` (str, default "B1"), `target_grade` (int, default 8), `min_words` (int,
  default 100): as for `readability-level`; only pages that miss that target are examined.
  Set for `readability-level` in the settings file, they hold here too (a raised
  `target_level = "B2"` silences both); set here, they win.
- `max_sentences` (int, default 3): how many sentences to report per page.
"""

from __future__ import annotations

from collections.abc import Iterator

from auditor.check import Check
from auditor.model import Finding, PageSnapshot, Pitfall, Severity, short_hash
from checks.language.readability import LONG_SENTENCE, Sentence
from checks.language.readability_level import (
    MIN_WORDS,
    TARGET_GRADE,
    TARGET_LEVEL,
    misses_target,
)
from checks.language.words import is_label, split_sentences

MIN_SENTENCE_WORDS = 3  # fewer words: a label or a heading, not a sentence to rewrite


def title_case_label(text: str) -> bool:
    """ "Complication of Pregnancy": a heading or a glossary's term, not a sentence."""
    return any(is_label(sentence) for sentence in split_sentences(text)[:1])


def reasons(sentence: Sentence, lang: str) -> list[str]:
    """Why a sentence is hard, in the order a writer would fix it; empty when no reason."""
    out = []
    if sentence.words > LONG_SENTENCE[lang]:
        out.append(f"Long sentence ({sentence.words} words)")
    plain_rare = [w for w in sentence.rare_words if w not in sentence.long_compounds]
    if plain_rare:
        out.append("rare words: " + ", ".join(plain_rare))
    if sentence.passive:
        out.append("passive voice")
    if sentence.long_compounds:
        out.append("long compounds: " + ", ".join(sentence.long_compounds))
    return out


def hardest(sentences: tuple[Sentence, ...], lang: str, limit: int) -> list[Sentence]:
    """The `limit` hardest distinct sentences that have a reason: most kinds of reason
    first, then the model's difficulty (so a heading with a rare word does not outrank a
    long, passive sentence full of jargon). A label of one or two words ("Guam", "Actuarial
    Value") is no sentence to rewrite."""
    unique = {
        s.text: s
        for s in sentences
        if s.words >= MIN_SENTENCE_WORDS and not title_case_label(s.text) and reasons(s, lang)
    }.values()
    ranked = sorted(unique, key=lambda s: (len(reasons(s, lang)), s.difficulty), reverse=True)
    return ranked[:limit]


def run(
    page: PageSnapshot,
    *,
    target_level: str = TARGET_LEVEL,
    target_grade: int = TARGET_GRADE,
    min_words: int = MIN_WORDS,
    max_sentences: int = 3,
) -> Iterator[Finding]:
    analysis = misses_target(
        page, target_level=target_level, target_grade=target_grade, min_words=min_words
    )
    if analysis is None:
        return
    for sentence in hardest(analysis.sentences, analysis.lang, max_sentences):
        message = "; ".join(reasons(sentence, analysis.lang))
        yield CHECK.finding(
            page.url,
            message[0].upper() + message[1:],
            evidence=sentence.text,
            signature="sentence:" + short_hash(sentence.text),
            highlights=(*sentence.rare_words, *sentence.long_compounds),
        )


CHECK = Check(
    id="hard-sentence",
    pitfall=Pitfall.LANGUAGE,
    severity=Severity.MODERATE,
    title="Sentences are easy to read",
    failure_title="A sentence is hard to read",
    fix=(
        "Rewrite the listed sentences: split long ones, replace rare words with common ones and "
        "use the active voice."
    ),
    run=run,
    inherits="readability-level",
    docs=__doc__ or "",
)
