"""contact-email-visible: the contact page shows an email address.

## What it does
On the page classified as the contact page, looks for an email address in the visible text
or a `mailto:` link with a valid address.

## Why is this bad?
The e-Commerce Directive (2000/31/EC, art. 5(1)(c)) requires information society services to
give an email address through which they can be contacted directly. A contact form alone does
not give the customer a copy of what they sent, nor a way to attach documents.

## Example
A contact page with a phone number and a contact form, but no address.

## Use instead
`<p>Mail ons: <a href="mailto:klantenservice@example.nl">klantenservice@example.nl</a></p>`

## Options
None.
"""

from __future__ import annotations

from collections.abc import Iterator

from auditor.check import Check
from auditor.model import Finding, PageSnapshot, Pitfall, Severity
from checks.escalation.contacts import mailto_addresses, visible_emails


def run(page: PageSnapshot) -> Iterator[Finding]:
    if visible_emails(page.text) or mailto_addresses(page):
        return
    yield CHECK.finding(
        page.url,
        "The contact page shows no email address.",
        evidence=page.title,
        signature="no-email",
    )


CHECK = Check(
    id="contact-email-visible",
    pitfall=Pitfall.ESCALATION,
    severity=Severity.SERIOUS,
    title="An email address is visible on the contact page",
    failure_title="No email address is visible on the contact page",
    run=run,
    docs=__doc__ or "",
    legal=True,
    applies_to=("contact",),
)
