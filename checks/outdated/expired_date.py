"""expired-date: a validity date or announcement date that has passed.

## What it does
Reads the sentences of the main content and reports a date before the audit day (`--now`,
else the fetch time) that stands right after a validity or deadline phrase: "geldig tot",
"t/m", "tot en met", "actie loopt tot", "aanmelden kan tot", "uiterlijk", "deadline",
"verloopt op", "valid until", "until", "expires on", "closes on", "no later than". A date
after "vanaf", "per", "met ingang van", "from" or "as of" counts only when the sentence
speaks about the future ("kunt u", "wordt", "zal", "will", "can"): "Vanaf 1 januari 2019 kunt
u … aanvragen" is an announcement that was never rewritten. A month without a day ("geldig
tot maart 2020") expires at the end of the month. Dates in the future, dates after "sinds" or
"since", dates without such a phrase (a news archive list) and sentences that already speak
in the past ("was geldig tot", "is verlopen", "ended") are left alone, and so are policy and
legal pages ("Deze privacyverklaring geldt vanaf februari 2023" states its scope) and release
notes and changelogs (their entries are dated history, not announcements). The evidence is the
sentence.

## Why is this bad?
An offer that ended years ago, or an announcement of a change that has long happened, tells
customers that nobody maintains the page. They do not know what still applies, and call.

## Example
"Deze actie loopt tot 31 december 2019." in an audit in 2026.

## Use instead
Remove ended offers and deadlines, or rewrite announcements in the present: "U kunt uw
meterstand online doorgeven."

## Options
None.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from auditor.check import Check
from auditor.classify import PAGE_KINDS, is_release_notes
from auditor.model import Finding, PageSnapshot, Pitfall, Severity, short_hash
from checks.outdated.dates import DateMatch, audit_day, content_sentences, find_dates

_WEEKDAY = (
    r"(?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
)
_BEFORE_DATE = rf"[\s:,]*(?:(?:op|on|the)\s+)?(?:{_WEEKDAY},?\s+)?$"
DEADLINE = re.compile(
    r"(?P<trigger>\bgeldig(?:\s+\w+)?\s+(?:tot(?:\s+en\s+met)?|t/m)|\bt/m|\btot\s+en\s+met"
    r"|\b(?:loopt|lopen|duurt|kan|kunt|kun|kunnen)(?:\s+[\w/]+){0,4}?\s+tot"
    r"|\btot\s+uiterlijk|\buiterlijk|\bdeadline(?:\s+is)?|\bverloopt|\beindigt|\bsluit"
    r"|\bvalid\s+(?:until|till|through|to)|\buntil|\btill|\bexpires?|\bends?|\bcloses?"
    r"|\bno\s+later\s+than)" + _BEFORE_DATE,
    re.I,
)
ANNOUNCEMENT = re.compile(
    r"(?P<trigger>\bvanaf|\bper|\bmet\s+ingang\s+van|\bm\.i\.v\.|\bfrom|\bas\s+of|\bstarting)"
    + _BEFORE_DATE,
    re.I,
)
FUTURE = re.compile(
    r"\b(?:kunt|kun|kunnen|zal|zult|zullen|gaat|gaan|wordt|worden|will|can|you'll|we'll|"
    r"going\s+to)\b",
    re.I,
)
# Sentences that already speak of the date as past.
SETTLED = re.compile(
    r"\b(?:was|waren|werd|werden|gold|golden|liep|kon|konden|hadden|verlopen|afgelopen|"
    r"voorbij|were|expired|ended|closed|is\s+over)\b",
    re.I,
)
_CONTEXT = 60


def expired_date(sentence: str, today: date) -> tuple[DateMatch, str] | None:
    """The first date in `sentence` that has passed inside a validity or announcement phrase,
    with the phrase."""
    if SETTLED.search(sentence):
        return None
    for found in find_dates(sentence):
        if found.last_day >= today:
            continue
        before = sentence[max(0, found.start - _CONTEXT) : found.start]
        trigger = DEADLINE.search(before) or (
            ANNOUNCEMENT.search(before) if FUTURE.search(sentence) else None
        )
        if trigger:
            return found, " ".join(trigger.group("trigger").split())
    return None


def run(page: PageSnapshot) -> Iterator[Finding]:
    if is_release_notes(page):
        return
    today = audit_day(page)
    for sentence in content_sentences(page):
        expired = expired_date(sentence, today)
        if expired is None:
            continue
        found, trigger = expired
        written = sentence[found.start : found.end]
        yield CHECK.finding(
            page.url,
            f'"{trigger} {written}" has passed: {(today - found.last_day).days} days before'
            " the audit.",
            evidence=sentence,
            signature=short_hash(sentence),
        )


CHECK = Check(
    id="expired-date",
    pitfall=Pitfall.OUTDATED,
    severity=Severity.MODERATE,
    title="No validity or announcement date has passed",
    failure_title="A validity or announcement date has passed",
    fix=(
        "Remove offers and deadlines that have ended, and rewrite old announcements in the present "
        "tense."
    ),
    run=run,
    docs=__doc__ or "",
    applies_to=tuple(k for k in PAGE_KINDS if k != "policy-legal"),
)
