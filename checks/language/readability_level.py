"""readability-level: the main text is harder to read than the target.

## What it does
Scores the page's main content (without navigation, header, footer and cookie banner) with
Flesch reading ease for English and Flesch-Douma for Dutch (textstat), using the page's
declared language. Headings, list items and table cells count as sentences of their own.
Pages in other languages, and pages without a declared language, are not scored: an English
formula on Dutch text gives a meaningless number. The score is stored as the page metric
`reading_ease` (higher is easier) with `readability_level` and `readability_formula`.

Cut-offs (both formulas use the same 0–100 scale, by design of Douma's adaptation):
70 and up "easy", 60–70 "plain", 45–60 "fairly hard", 30–45 "hard", below 30 "very hard".
Flesch's own table puts 60–70 at "standard" (about 13–15 years / grade 8–9); Dutch
plain-language practice (B1) aims at the same band. The finding fires below the target
(default 60) on pages with at least `min_words` words, because the formulas are unreliable on
short texts.

## Why is this bad?
Customers who do not understand an answer call or give up. About a third of Dutch adults read
below B1; long sentences and long words are the main obstacles.

## Example
"Indien u wenst over te gaan tot beëindiging van de overeenkomst, dient u daartoe een
schriftelijk verzoek in te dienen bij de administratieve afdeling."

## Use instead
"Wilt u stoppen? Stuur ons dan een brief." Short sentences, common words.

## Options
- `target` (float, default 60): the lowest acceptable reading ease.
- `min_words` (int, default 100): pages with fewer words are measured but not judged.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from auditor.check import Check
from auditor.model import Finding, PageSnapshot, Pitfall, Severity
from checks.common import sentences
from checks.language.textstats import FORMULAS, reading_ease, word_count

LEVELS = ((70.0, "easy"), (60.0, "plain"), (45.0, "fairly hard"), (30.0, "hard"))


def level_of(score: float) -> str:
    return next((label for cut, label in LEVELS if score >= cut), "very hard")


def scoring_text(page: PageSnapshot) -> str:
    """Main text with every block ending a sentence, so headings are not glued on."""
    return " ".join(s if s[-1] in ".!?:;" else s + "." for s in sentences(page.main_text))


def measure(page: PageSnapshot) -> dict[str, Any]:
    text = scoring_text(page)
    score = reading_ease(text, page.language)
    if score is None:
        return {"readability_level": "not scored", "words": word_count(text)}
    return {
        "reading_ease": score,
        "readability_level": level_of(score),
        "readability_formula": FORMULAS[page.language],
        "words": word_count(text),
    }


def run(page: PageSnapshot, *, target: float = 60.0, min_words: int = 100) -> Iterator[Finding]:
    metrics = measure(page)
    score = metrics.get("reading_ease")
    if score is None or metrics["words"] < min_words or score >= target:
        return
    yield CHECK.finding(
        page.url,
        f"Reading ease {score:g} ({metrics['readability_formula']}, {metrics['readability_level']})"
        f" is below the target {target:g}.",
        evidence=page.title,
        signature=page.path,
    )


CHECK = Check(
    id="readability-level",
    pitfall=Pitfall.LANGUAGE,
    severity=Severity.MODERATE,
    title="The main text is easy to read",
    failure_title="The main text is harder to read than the target",
    run=run,
    docs=__doc__ or "",
    measure=measure,
)
