"""contact-phone-visible: the contact page shows a phone number.

## What it does
On the page classified as the contact page, looks for a valid phone number in the visible
text (phonenumbers, for the site's region; international numbers are recognised in any
region) or a `tel:` link with a valid number.

## Why is this bad?
When self-service does not solve the problem, many customers want to call. EU consumer law
(the Consumer Rights Directive, art. 6(1)(c)) obliges traders to give a telephone number, and
Dutch energy suppliers and web shops are held to it. A contact page without a number sends
customers to a chatbot or a form they may not trust.

## Example
A contact page with only a contact form.

## Use instead
`<p>Bel ons: <a href="tel:+31201234567">020 123 45 67</a> (ma–vr 8–18 uur)</p>`

## Options
- `region` (str, default "NL"): the region used to read national numbers.
"""

from __future__ import annotations

from collections.abc import Iterator

from auditor.check import Check
from auditor.model import Finding, PageSnapshot, Pitfall, Severity
from checks.escalation.contacts import tel_link_numbers, visible_phone_numbers


def run(page: PageSnapshot, *, region: str = "NL") -> Iterator[Finding]:
    if visible_phone_numbers(page.text, region) or tel_link_numbers(page, region):
        return
    yield CHECK.finding(
        page.url,
        "The contact page shows no phone number.",
        evidence=page.title,
        signature="no-phone",
    )


CHECK = Check(
    id="contact-phone-visible",
    pitfall=Pitfall.ESCALATION,
    severity=Severity.SERIOUS,
    title="A phone number is visible on the contact page",
    failure_title="No phone number is visible on the contact page",
    run=run,
    docs=__doc__ or "",
    legal=True,
    applies_to=("contact",),
)
