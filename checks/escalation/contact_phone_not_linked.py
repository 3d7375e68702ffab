"""contact-phone-not-linked: a visible phone number that cannot be tapped to call.

## What it does
On every page, finds the valid phone numbers in the visible text (as `contact-phone-visible`
reads them: for the site's region, without KvK, IBAN, order or customer numbers) and reports
each one that has no `tel:` link to the same number on the page. Fax numbers (not meant to
be called) and emergency numbers such as 112 (known by heart) are left out. A `tel:` link to
another number, or one that is not a valid number, does not count (`malformed-contact-link`
reports those).

## Why is this bad?
Most customers who look for a number do so on their phone. Without a `tel:` link they must
remember or copy the number and type it into the dialler, which fails easily for people with
motor or memory impairments and when the number is split over lines.

## Example
`<p>Bel ons op 020 123 45 67.</p>`

## Use instead
`<p>Bel ons op <a href="tel:+31201234567">020 123 45 67</a>.</p>`

## Options
- `region` (str, default: from the site): the region used to read national numbers.
- `not_phone_words` (list of str, default none): more words that mark the number after them
  as not a phone number, e.g. `["lidnummer"]`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from auditor.check import Check
from auditor.model import Finding, PageSnapshot, Pitfall, Severity
from checks.escalation.contacts import phone_mentions, tel_numbers
from checks.escalation.region import page_region

# Fax numbers are not for calling; everybody knows 112 by heart.
NOT_FOR_DIALLING = frozenset({"fax", "emergency"})


def run(
    page: PageSnapshot, *, region: str = "", not_phone_words: Sequence[str] = ()
) -> Iterator[Finding]:
    linked = tel_numbers(page, page_region(page, region))
    reported: set[str] = set()
    for mention in phone_mentions(page, region, not_phone_words):
        if mention.role in NOT_FOR_DIALLING or mention.number in (linked.keys() | reported):
            continue
        reported.add(mention.number)
        yield CHECK.finding(
            page.url,
            f"The phone number {mention.text} is not a tel: link, so it cannot be tapped to call.",
            evidence=mention.text,
            signature=mention.number,
        )


CHECK = Check(
    id="contact-phone-not-linked",
    pitfall=Pitfall.ESCALATION,
    severity=Severity.MINOR,
    title="Phone numbers can be tapped to call",
    failure_title="A phone number is not a tel: link",
    fix=(
        "Make each phone number shown a tel: link to the same number, e.g. tel:+31201234567 for "
        "020 123 45 67."
    ),
    run=run,
    docs=__doc__ or "",
)
