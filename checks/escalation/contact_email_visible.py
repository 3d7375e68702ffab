"""contact-email-visible: the contact page shows an email address.

## What it does
On the page classified as the contact page, looks for an email address in the visible text
(also written as "naam [at] voorbeeld.nl"). A `mailto:` link counts only when the address is
also shown: "Mail ons" linked to `mailto:` opens nothing for customers who use webmail. An
address for the press, security reports, the privacy officer, jobs or a no-reply address
(by its name, such as `pers@` or `security@`, or the words before it) is not a way for
customers to ask a question and does not count.

Every page that shows an address for customers in its text gets the metric `contact_emails`
(lower case, comma-separated), whatever its kind: the contact details of the accessibility
statement draft (`reports/statement.py`).

## Why is this bad?
The e-Commerce Directive (2000/31/EC, art. 5(1)(c)) requires information society services to
give an email address through which they can be contacted directly. A contact form alone does
not give the customer a copy of what they sent, nor a way to attach documents.

## Example
A contact page with a phone number and a contact form, but no address; or a "Mail ons" link
without the address.

## Use instead
`<p>Mail ons: <a href="mailto:klantenservice@example.nl">klantenservice@example.nl</a></p>`

## Options
None.
"""

from __future__ import annotations

from collections.abc import Iterator

from auditor.check import Check
from auditor.model import Finding, PageSnapshot, Pitfall, Severity
from checks.escalation.contacts import (
    EmailMention,
    email_mentions,
    is_customer_email,
    mailto_addresses,
)


def run(page: PageSnapshot) -> Iterator[Finding]:
    mentions = email_mentions(page)
    if any(m.customer for m in mentions):
        return
    yield CHECK.finding(
        page.url,
        _message(mentions, [a for a in mailto_addresses(page) if is_customer_email(a)]),
        evidence=page.title,
        signature="no-email",
    )


def _message(mentions: tuple[EmailMention, ...], linked: list[str]) -> str:
    if mentions:
        shown = ", ".join(m.text for m in mentions)
        return f"The contact page shows no address for customers' questions, only {shown}."
    if linked:
        return f"The contact page links to {', '.join(linked)} but does not show the address."
    return "The contact page shows no email address."


def measure(page: PageSnapshot) -> dict[str, str]:
    """`contact_emails`: the customers' addresses the page shows (lower case, comma-separated),
    on every page that shows one; nothing on pages that show none."""
    addresses = dict.fromkeys(m.address for m in email_mentions(page) if m.customer)
    return {"contact_emails": ", ".join(addresses)} if addresses else {}


CHECK = Check(
    id="contact-email-visible",
    pitfall=Pitfall.ESCALATION,
    severity=Severity.SERIOUS,
    title="An email address is visible on the contact page",
    failure_title="No email address is visible on the contact page",
    fix="Show a customer-service email address as text on the contact page, linked with mailto:.",
    run=run,
    docs=__doc__ or "",
    legal=True,
    applies_to=("contact",),
    measure=measure,
)
