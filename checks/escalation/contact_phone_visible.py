"""contact-phone-visible: the contact page shows a phone number.

## What it does
On the page classified as the contact page, looks for a valid phone number in the visible
text (the browser's innerText: hidden elements and image alt text do not count; text marked
`aria-hidden` does, because sighted customers see it). Numbers are read with phonenumbers'
VALID leniency in the site's region (`checks/escalation/region.py`: the `region` option,
else the country domain, else the page language, else NL); international numbers are
recognised in any region.

A `tel:` link counts only when its number is also shown: "Bel ons" linked to `tel:…` gives a
customer at a desktop nothing to dial, and the number cannot be written down. A number the
words before it call something else (KvK, IBAN, BTW, klantnummer, ordernummer, postcode…) is
not a phone number; a fax number, an outage or emergency line, a press line and another
organisation's line (a sentence that names its website) do not count as the customer
service's number.

Every page that shows a customer service number in its text gets the metric `contact_phones`
(E.164, comma-separated), whatever its kind: the contact details of the accessibility
statement draft (`reports/statement.py`).

## Why is this bad?
When self-service does not solve the problem, many customers want to call. EU consumer law
(the Consumer Rights Directive, art. 6(1)(c)) obliges traders to give a telephone number, and
Dutch energy suppliers and web shops are held to it. A contact page without a number sends
customers to a chatbot or a form they may not trust.

## Example
A contact page with only a contact form, or with a "Bel ons" button and no number.

## Use instead
`<p>Bel ons: <a href="tel:+31201234567">020 123 45 67</a> (ma–vr 8–18 uur)</p>`

## Options
- `region` (str, default: from the site): the region used to read national numbers, such
  as "NL" or "BE".
- `not_phone_words` (list of str, default none): more words that mark the number after them
  as not a phone number, e.g. `["lidnummer"]` (the built-in ones are in
  `checks/data/escalation_patterns.json`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from auditor.check import Check
from auditor.model import Finding, PageSnapshot, Pitfall, Severity
from checks.escalation.contacts import (
    REACHES_CUSTOMER_SERVICE,
    PhoneMention,
    national_format,
    phone_mentions,
    tel_numbers,
)
from checks.escalation.region import page_region


def run(
    page: PageSnapshot, *, region: str = "", not_phone_words: Sequence[str] = ()
) -> Iterator[Finding]:
    mentions = phone_mentions(page, region, not_phone_words)
    if any(m.role in REACHES_CUSTOMER_SERVICE for m in mentions):
        return
    linked = tel_numbers(page, page_region(page, region))
    yield CHECK.finding(
        page.url,
        _message(mentions, linked),
        evidence=page.title,
        signature="no-phone",
    )


def _message(mentions: tuple[PhoneMention, ...], linked: dict[str, str]) -> str:
    if mentions:
        shown = ", ".join(f"{m.text} ({m.role})" for m in mentions)
        return f"The contact page shows no customer service number, only {shown}."
    if linked:
        numbers = ", ".join(national_format(n) for n in linked)
        return f"The contact page links to {numbers} (tel:) but does not show the number."
    return "The contact page shows no phone number."


def measure(page: PageSnapshot) -> dict[str, str]:
    """`contact_phones`: the customer service numbers the page shows (E.164, comma-separated),
    on every page that shows one; nothing on pages that show none."""
    numbers = dict.fromkeys(m.number for m in phone_mentions(page) if m.role == "customer")
    return {"contact_phones": ", ".join(numbers)} if numbers else {}


CHECK = Check(
    id="contact-phone-visible",
    pitfall=Pitfall.ESCALATION,
    severity=Severity.SERIOUS,
    title="A phone number is visible on the contact page",
    failure_title="No phone number is visible on the contact page",
    fix="Show the customer-service phone number as text on the contact page, linked with tel:.",
    run=run,
    docs=__doc__ or "",
    legal=True,
    applies_to=("contact",),
    measure=measure,
)
