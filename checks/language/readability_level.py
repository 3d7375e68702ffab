"""readability-level: the main text is harder to read than the target level.

## What it does
Scores the page's main content (without navigation, header, footer and cookie banner) in the
page's language (declared, else detected). Headings, list items and table cells are
sentences of their own; code-like lines and lines that are mostly numbers (price tables) are
left out. Languages other than Dutch and English are not scored: an English formula on other
text gives a meaningless number.

- **Dutch** (`nl`): a LiNT-like model (word frequency from wordfreq, sentence length, content
  words per clause, nominalisations; see `checks/language/readability.py`). Level A2, B1, B2
  or C1. Flesch-Douma is reported too (`flesch_douma`) but no longer decides: on our
  plain-language pairs it ranks fewer rewrites as easier.
- **English** (`en`): Flesch reading ease with a penalty for rare words. Level as a US grade.
  Flesch-Kincaid grade is reported too (`fk_grade`).

Page metrics (public names): `reading_ease` (one number, higher is easier, comparable between
pages of one language, also for a page of one sentence), `readability_level`,
`readability_target_met` (absent when the page has fewer than `min_words` words: too short to
judge), `fk_grade` (en), `flesch_douma` (nl), `readability_formula`, `words`, `sentences`,
`lang_source` (`declared` or `detected`).

Level cut-offs:
- Dutch, on the LiNT difficulty `100 - reading_ease`: up to 34 A2, up to 46 B1, up to 60 B2,
  above C1. These are LiNT's four published levels (Pander Maat, Kleijn & Frissen 2023;
  the LiNT-II sample texts labelled A2, B1, B2 and C2 score 13.9, 38.1, 50.2 and 95.4, one in
  each band). Our proxies are not LiNT's parser features, so we checked the bands on our own
  calibration data (`tests/data`): 107 of 111 plain B1 rewrites score B1 or easier, all five
  official documents score B2 and all five rewrites A2.
- English, on `reading_ease`: Flesch's own table (Flesch 1949): 90+ grade 5, 80+ grade 6,
  70+ grade 7, 60+ grade 8 ("plain English", grades 8–9), 50+ grade 10, 30+ grade 13
  (college), below that grade 16 (graduate).

## Why is this bad?
Customers who do not understand an answer call or give up. About a third of Dutch adults read
below B1; long sentences, rare words and nominalisations are the main obstacles.

## Example
"Indien u wenst over te gaan tot beëindiging van de overeenkomst, dient u daartoe een
schriftelijk verzoek in te dienen bij de administratieve afdeling."

## Use instead
"Wilt u stoppen? Stuur ons dan een brief." Short sentences, common words.

## Options
- `target_level` (str, default "B1"): the hardest acceptable Dutch level (A2, B1, B2, C1).
- `target_grade` (int, default 8): the highest acceptable US grade for English.
- `min_words` (int, default 100): pages with fewer words are measured but not judged.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from auditor.check import Check
from auditor.model import Finding, PageSnapshot, Pitfall, Severity
from checks.language.page_language import page_language
from checks.language.readability import Analysis, analyse

NL_LEVELS = (("A2", 34.0), ("B1", 46.0), ("B2", 60.0), ("C1", 100.0))  # max LiNT difficulty
EN_GRADES = ((90.0, 5), (80.0, 6), (70.0, 7), (60.0, 8), (50.0, 10), (30.0, 13))  # Flesch
EN_GRADUATE = 16
FORMULAS = {"nl": "lint-like", "en": "flesch-rare-words"}
TARGET_LEVEL = "B1"
TARGET_GRADE = 8
MIN_WORDS = 100


def page_analysis(page: PageSnapshot) -> Analysis | None:
    """The page's scored main text, computed once per snapshot and shared with
    `hard-sentence`."""
    return page.memo("readability", lambda: analyse(page.main_text, page_language(page).code))


def nl_level(reading_ease: float) -> str:
    difficulty = 100.0 - reading_ease
    return next((name for name, most in NL_LEVELS if difficulty <= most), "C1")


def en_grade(reading_ease: float) -> int:
    return next((grade for least, grade in EN_GRADES if reading_ease >= least), EN_GRADUATE)


def level_of(analysis: Analysis) -> str:
    if analysis.lang == "nl":
        return nl_level(analysis.reading_ease)
    return f"grade {en_grade(analysis.reading_ease)}"


def meets_target(
    analysis: Analysis, *, target_level: str = TARGET_LEVEL, target_grade: int = TARGET_GRADE
) -> bool:
    if analysis.lang == "nl":
        names = [name for name, _ in NL_LEVELS]
        return names.index(nl_level(analysis.reading_ease)) <= names.index(target_level)
    return en_grade(analysis.reading_ease) <= target_grade


def misses_target(
    page: PageSnapshot,
    *,
    target_level: str = TARGET_LEVEL,
    target_grade: int = TARGET_GRADE,
    min_words: int = MIN_WORDS,
) -> Analysis | None:
    """The page's analysis when it is long enough to judge and misses the target, else None."""
    analysis = page_analysis(page)
    if analysis is None or analysis.words < min_words:
        return None
    if meets_target(analysis, target_level=target_level, target_grade=target_grade):
        return None
    return analysis


def measure(page: PageSnapshot) -> dict[str, Any]:
    analysis = page_analysis(page)
    language = page_language(page)
    if analysis is None:
        return {"readability_level": "not scored", "lang_source": language.source}
    metrics: dict[str, Any] = {
        "reading_ease": analysis.reading_ease,
        "readability_level": level_of(analysis),
        "readability_formula": FORMULAS[analysis.lang],
        "words": analysis.words,
        "sentences": len(analysis.sentences),
        "lang_source": language.source,
    }
    if analysis.lang == "nl":
        metrics["flesch_douma"] = analysis.flesch
    else:
        metrics["fk_grade"] = analysis.fk_grade
    if analysis.words >= MIN_WORDS:
        metrics["readability_target_met"] = meets_target(analysis)
    return metrics


def run(
    page: PageSnapshot,
    *,
    target_level: str = TARGET_LEVEL,
    target_grade: int = TARGET_GRADE,
    min_words: int = MIN_WORDS,
) -> Iterator[Finding]:
    if target_level not in [name for name, _ in NL_LEVELS]:
        raise ValueError(f"target_level must be one of A2, B1, B2, C1, not {target_level!r}")
    analysis = misses_target(
        page, target_level=target_level, target_grade=target_grade, min_words=min_words
    )
    if analysis is None:
        return
    target = target_level if analysis.lang == "nl" else f"grade {target_grade}"
    yield CHECK.finding(
        page.url,
        f"Reading level {level_of(analysis)} (reading ease {analysis.reading_ease:g},"
        f" {FORMULAS[analysis.lang]}) is harder than the target {target}.",
        evidence=page.title,
        signature=page.path,
    )


CHECK = Check(
    id="readability-level",
    pitfall=Pitfall.LANGUAGE,
    severity=Severity.MODERATE,
    title="The main text is easy to read",
    failure_title="The main text is harder to read than the target",
    fix=(
        "Rewrite the main text at the target level (B1 for Dutch, grade 8 for English): short "
        "sentences, common words, verbs instead of nouns."
    ),
    run=run,
    docs=__doc__ or "",
    measure=measure,
)
