"""past-year-reference: something "new" or "coming soon" from years ago.

## What it does
Reads the sentences of the main content and reports a sentence that calls something new or
near ("nieuw", "binnenkort", "dit jaar", "vanaf volgend jaar", "new", "coming soon", "this
year", "next year") and names a year two or more years before the audit year (`--now`):
"Nieuw in 2022: …" in an audit in 2026. Last year's "new" is left alone, and so are years in
sentences without such a word ("sinds 2019", "Nieuws uit 2019"), numbers that count something
("meer dan 2000 nieuwe gebruikers", "over 2000 new users"), and the years of full dates
("12 maart 2020 – Nieuwe tarieven" in a news archive; a passed "vanaf 1 maart 2022 kunt u" is
an `expired-date`). The evidence is the sentence.

## Why is this bad?
"New" that is years old tells customers the page is not maintained, and they start to doubt
the rest of it: are the prices and steps still right?

## Example
"Nieuw in 2021: u kunt uw meterstand doorgeven met de app." in 2026.

## Use instead
"U kunt uw meterstand doorgeven met de app." Drop "new" and the year once the news is old.

## Options
None.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from auditor.check import Check
from auditor.model import Finding, PageSnapshot, Pitfall, Severity, short_hash
from checks.outdated.dates import audit_day, content_sentences, find_dates

NEWNESS = re.compile(
    r"\b(?:nieuwe?|new|binnenkort|coming\s+soon|(?:vanaf\s+)?volgend\s+jaar|dit\s+jaar|"
    r"this\s+year|next\s+year)\b",
    re.I,
)
YEAR = re.compile(r"(?<![\d.,])\b(?:19|20)\d\d\b(?![.,]\d)")
MIN_AGE = 2
# A number that counts something is no year: "meer dan 2000 gebruikers", "over 2000 users",
# "€ 2015", "2019 keer".
QUANTITY_BEFORE = re.compile(
    r"(?:\b(?:meer\s+dan|ruim|bijna|ongeveer|circa|ca\.|zo'?n|tot\s+wel|minstens|minimaal|"
    r"maximaal|more\s+than|nearly|almost|about|around|approximately|up\s+to|at\s+least|"
    r"at\s+most|eur|euro|usd)|[€$£])\s*$",
    re.I,
)
QUANTITY_AFTER = re.compile(
    r"^\s*(?:\+|%|(?:procent|percent|euro|eur|dollars?|gebruikers|users|klanten|customers|"
    r"mensen|people|leden|members|medewerkers|employees|bezoekers|visitors|downloads|"
    r"deelnemers|participants|woningen|homes|huishoudens|households|keer|times|km|kwh|"
    r"pagina'?s|pages|items|stuks|artikelen|articles|vragen|questions|reacties|reviews|"
    r"organisaties|organi[sz]ations|bedrijven|companies|scholen|schools|apps|websites)\b)",
    re.I,
)


def old_year(sentence: str, audit_year: int) -> int | None:
    """The first year at least MIN_AGE years old in a sentence that calls something new.
    Years of full dates do not count: "12 maart 2020 – Nieuwe tarieven" is a news archive
    line, and a passed date with "vanaf … kunt u" is `expired-date`'s."""
    if not NEWNESS.search(sentence):
        return None
    in_dates = [(d.start, d.end) for d in find_dates(sentence) if d.day_known]
    years = (
        int(m.group())
        for m in YEAR.finditer(sentence)
        if not any(start <= m.start() < end for start, end in in_dates)
        and not QUANTITY_BEFORE.search(sentence[max(0, m.start() - 20) : m.start()])
        and not QUANTITY_AFTER.match(sentence[m.end() : m.end() + 30])
    )
    return next((y for y in years if y <= audit_year - MIN_AGE), None)


def run(page: PageSnapshot) -> Iterator[Finding]:
    audit_year = audit_day(page).year
    for sentence in content_sentences(page):
        year = old_year(sentence, audit_year)
        if year is None:
            continue
        yield CHECK.finding(
            page.url,
            f"Calls something new or near, but names {year}: {audit_year - year} years before"
            " the audit.",
            evidence=sentence,
            signature=short_hash(sentence),
        )


CHECK = Check(
    id="past-year-reference",
    pitfall=Pitfall.OUTDATED,
    severity=Severity.MINOR,
    title="Nothing is called new or upcoming with an old year",
    failure_title='Something "new" or "coming soon" names a year long past',
    fix='Drop "new" or "coming soon" and the old year from the sentence, or remove the sentence.',
    run=run,
    docs=__doc__ or "",
)
