"""chatbot-only: a chat widget is the only way to reach the organisation on the contact page.

## What it does
On the page classified as the contact page, looks for a chat widget: the scripts, frames and
elements of common chat vendors (Zendesk, Intercom, Drift, LivePerson, Salesforce Embedded
Service, Microsoft Bot Framework, IBM Watson Assistant, Freshchat, Tawk.to, Crisp, HubSpot,
Trengo, Userlike, Seamly, Watermelon, OBI4wan) or a button or link named "Chat met ons",
"Start een chat", "Chat with us"… It reports the page when the chat is all there is: no
customer service phone number (shown or as a `tel:` link), no email address for customers
(shown or as a `mailto:` link) and no contact form (a form with a message field, or a link to
one such as "Contactformulier").

## Why is this bad?
A chatbot that does not understand the question is a dead end, and self-service without a
way out to a person is the best-known failure of customer service. EU consumer law requires
traders to give a phone number and an email address (see `contact-phone-visible` and
`contact-email-visible`); for online platforms and other intermediary services the Digital
Services Act (art. 12) adds that the means of contact may not rely solely on automated tools.

## Example
A contact page with "Stel je vraag aan onze chatbot" and a chat launcher, nothing else.

## Use instead
Keep the chat, and show the phone number, the email address or a contact form next to it.

## Options
- `region` (str, default: from the site): the region used to read national numbers.
- `chat_markers` (list of str, default none): more pieces of a chat widget's script URL, id
  or class to recognise, e.g. `["mijnchat-widget"]`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from auditor.check import Check
from auditor.model import Finding, PageSnapshot, Pitfall, Severity
from checks.escalation.contacts import (
    REACHES_CUSTOMER_SERVICE,
    chat_vendor,
    email_mentions,
    has_contact_form,
    is_customer_email,
    mailto_addresses,
    page_phones,
)


def run(
    page: PageSnapshot, *, region: str = "", chat_markers: Sequence[str] = ()
) -> Iterator[Finding]:
    vendor = chat_vendor(page, chat_markers)
    if not vendor or has_other_route(page, region):
        return
    yield CHECK.finding(
        page.url,
        f"The only way to contact you on this page is a chat ({vendor}): there is no phone "
        "number, email address or contact form.",
        evidence=vendor,
        signature="chatbot-only",
    )


def has_other_route(page: PageSnapshot, region: str = "") -> bool:
    """A customer service number, an email address for customers or a contact form."""
    return (
        any(role in REACHES_CUSTOMER_SERVICE for role in page_phones(page, region).values())
        or any(m.customer for m in email_mentions(page))
        or any(is_customer_email(a) for a in mailto_addresses(page))
        or has_contact_form(page)
    )


CHECK = Check(
    id="chatbot-only",
    pitfall=Pitfall.ESCALATION,
    severity=Severity.SERIOUS,
    title="The contact page offers more than a chat",
    failure_title="A chat is the only contact route on the contact page",
    fix=(
        "Keep the chat, and show a phone number, an email address or a contact form next to it on "
        "the contact page."
    ),
    run=run,
    docs=__doc__ or "",
    applies_to=("contact",),
)
