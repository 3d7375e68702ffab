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
- **English** (`en`): Flesch reading ease with a penalty for rare words orders pages
  (`reading_ease`). The level is a US grade: the Flesch-Kincaid grade of the same text plus
  what the rare words add (the penalty's Flesch points turned into grade points as
  Flesch-Kincaid weighs syllables, 11.8 / 84.6 a point), so the grade shown and the
  Flesch-Kincaid grade in the metrics agree: "grade 9 (Flesch-Kincaid 8.6 + 0.4 for rare
  words)".

Page metrics (public names): `reading_ease` (one number, higher is easier, comparable between
pages of one language, also for a page of one sentence), `readability_level`,
`readability_target_met` (absent when the page has fewer than `min_words` words: too short to
judge), `fk_grade` and `grade` (en: Flesch-Kincaid, and with the rare words added; the level
is `grade` rounded), `flesch_douma` (nl), `readability_formula`, `words`, `sentences`,
`lang_source` (`declared` or `detected`).

Level cut-offs:
- Dutch, on the LiNT difficulty `100 - reading_ease`: up to 34 A2, up to 46 B1, up to 60 B2,
  above C1. These are LiNT's four published levels (Pander Maat, Kleijn & Frissen 2023;
  the LiNT-II sample texts labelled A2, B1, B2 and C2 score 13.9, 38.1, 50.2 and 95.4, one in
  each band). Our proxies are not LiNT's parser features, so we checked the bands on our own
  calibration data (`tests/data`): 107 of 111 plain B1 rewrites score B1 or easier, all five
  official documents score B2 and all five rewrites A2.
- English: the grade above, rounded. The report's chart groups grades as 5 or lower, 6, 7,
  8, 9, 10, 11–12, 13–14 and 15 or higher. (Before, the grade came from Flesch's 1949 table
  of reading ease, 60+ grade 8, 50+ grade 10, 30+ grade 13, which put a page at "grade 13"
  whose Flesch-Kincaid grade was 8.6; reports without a `grade` metric are still read that
  way.)

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

import math
from collections.abc import Iterator
from typing import Any

from auditor.check import Check
from auditor.model import Finding, PageSnapshot, Pitfall, Severity
from checks.language.page_language import page_language
from checks.language.readability import Analysis, analyse

NL_LEVELS = (("A2", 34.0), ("B1", 46.0), ("B2", 60.0), ("C1", 100.0))  # max LiNT difficulty
# Flesch's 1949 table (reading ease -> grade): only for reports without a `grade` metric.
EN_GRADES = ((90.0, 5), (80.0, 6), (70.0, 7), (60.0, 8), (50.0, 10), (30.0, 13))
EN_GRADUATE = 16
EN_BINS = (5, 6, 7, 8, 9, 10, 12, 14, 16)  # the chart's groups, by their highest grade
GRADE_PER_POINT = 11.8 / 84.6  # Flesch-Kincaid grade per Flesch point, through syllables
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
    """Flesch's 1949 table: the grade of a report that has no `grade` metric."""
    return next((grade for least, grade in EN_GRADES if reading_ease >= least), EN_GRADUATE)


def rare_word_grades(analysis: Analysis) -> float:
    """What the rare words add to the Flesch-Kincaid grade (English)."""
    return round(GRADE_PER_POINT * (analysis.flesch - analysis.reading_ease), 1)


def grade_of(analysis: Analysis) -> float:
    """The US grade of the text: Flesch-Kincaid plus the rare words, at least grade 1
    (Flesch-Kincaid goes below zero for very short sentences of short words)."""
    return max(1.0, round(analysis.fk_grade + rare_word_grades(analysis), 1))


def whole_grade(grade: float) -> int:
    return max(1, math.floor(grade + 0.5))


def en_bin(grade: int) -> int:
    """The chart's group of a grade: the highest grade of its group (15+ is 16)."""
    return next((top for top in EN_BINS if grade <= top), EN_BINS[-1])


def level_of(analysis: Analysis) -> str:
    if analysis.lang == "nl":
        return nl_level(analysis.reading_ease)
    return f"grade {whole_grade(grade_of(analysis))}"


def meets_target(
    analysis: Analysis, *, target_level: str = TARGET_LEVEL, target_grade: int = TARGET_GRADE
) -> bool:
    if analysis.lang == "nl":
        names = [name for name, _ in NL_LEVELS]
        return names.index(nl_level(analysis.reading_ease)) <= names.index(target_level)
    return whole_grade(grade_of(analysis)) <= target_grade


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


def check_level(target_level: str) -> None:
    if target_level not in [name for name, _ in NL_LEVELS]:
        raise ValueError(f"target_level must be one of A2, B1, B2, C1, not {target_level!r}")


def measure(
    page: PageSnapshot,
    *,
    target_level: str = TARGET_LEVEL,
    target_grade: int = TARGET_GRADE,
    min_words: int = MIN_WORDS,
) -> dict[str, Any]:
    """The page metrics; `readability_target_met` by the configured target."""
    check_level(target_level)
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
        metrics["grade"] = grade_of(analysis)
    if analysis.words >= min_words:
        metrics["readability_target_met"] = meets_target(
            analysis, target_level=target_level, target_grade=target_grade
        )
    return metrics


def run(
    page: PageSnapshot,
    *,
    target_level: str = TARGET_LEVEL,
    target_grade: int = TARGET_GRADE,
    min_words: int = MIN_WORDS,
) -> Iterator[Finding]:
    check_level(target_level)
    analysis = misses_target(
        page, target_level=target_level, target_grade=target_grade, min_words=min_words
    )
    if analysis is None:
        return
    if analysis.lang == "nl":
        target = target_level
        why = f"reading ease {analysis.reading_ease:g}, {FORMULAS['nl']}"
    else:
        target = f"grade {target_grade}"
        why = (
            f"Flesch-Kincaid {analysis.fk_grade:g} + {rare_word_grades(analysis):g} for rare "
            f"words; reading ease {analysis.reading_ease:g}"
        )
    yield CHECK.finding(
        page.url,
        f"Reading level {level_of(analysis)} ({why}) is harder than the target {target}.",
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
