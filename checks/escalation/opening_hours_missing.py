"""opening-hours-missing: the contact page gives a phone number but not when it is answered.

## What it does
On the page classified as the contact page, when it shows a customer service phone number,
looks anywhere in its visible text for opening hours: a time range ("8.00–18.00",
"9 tot 17 uur", "9am–5pm", "08:30 to 17:00"), a range of days ("ma t/m vr", "maandag tot en
met vrijdag", "Mon–Fri", "Monday to Friday"), round-the-clock service ("24/7", "24 uur per
dag", "dag en nacht", "day and night") or a heading such as "Openingstijden" / "Opening
hours". The patterns are in `checks/data/escalation_patterns.json`.

## Why is this bad?
A customer who calls outside the hours hears a tape or nothing at all, and tries again, or
gives up. Knowing when the line is open also tells customers when waiting times are short.

## Example
`<p>Bel ons: 020 123 45 67</p>` and nothing else about when.

## Use instead
`<p>Bel ons: 020 123 45 67 (maandag tot en met vrijdag van 8.00 tot 18.00 uur)</p>`

## Options
- `region` (str, default: from the site): the region used to read national numbers.
- `hours_patterns` (list of str, default none): more regular expressions that count as
  opening hours, e.g. `["\\bkantooruren\\b"]`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from auditor.check import Check
from auditor.model import Finding, PageSnapshot, Pitfall, Severity
from checks.escalation.contacts import REACHES_CUSTOMER_SERVICE, patterns, phone_mentions


def run(
    page: PageSnapshot, *, region: str = "", hours_patterns: Sequence[str] = ()
) -> Iterator[Finding]:
    numbers = [m for m in phone_mentions(page, region) if m.role in REACHES_CUSTOMER_SERVICE]
    if not numbers or shows_opening_hours(page.text, hours_patterns):
        return
    yield CHECK.finding(
        page.url,
        f"The contact page gives the phone number {numbers[0].text} but not when it is answered.",
        evidence=numbers[0].text,
        signature="opening-hours",
    )


def shows_opening_hours(text: str, extra: Sequence[str] = ()) -> bool:
    return bool(patterns().opening_hours.search(text)) or any(
        re.search(pattern, text, re.I) for pattern in extra
    )


CHECK = Check(
    id="opening-hours-missing",
    pitfall=Pitfall.ESCALATION,
    severity=Severity.MINOR,
    title="The contact page says when the phone is answered",
    failure_title="The contact page gives no opening hours for its phone number",
    fix=(
        'Show next to the phone number when it is answered, e.g. "Monday to Friday, 8.00 to 18.00".'
    ),
    run=run,
    docs=__doc__ or "",
    applies_to=("contact",),
)
