"""no-phone-anywhere: no page of the site gives a phone number.

## What it does
Looks at the contact facts of every audited HTML page (`PageSummary.facts["contact"]`, from
`checks/escalation/contacts.py`): the customer service phone numbers, also "from abroad"
numbers, shown in the text or as `tel:` links. When no page has one, one finding on the start
URL says so, whatever email addresses, forms or chats the site offers. Fax numbers, outage or
emergency lines and press lines do not count. When the engine stored no contact facts,
nothing is reported.

## Why is this bad?
Many customers, and most of those with an urgent or complicated problem, want to talk to a
person. The EU Consumer Rights Directive (art. 6(1)(c)) requires traders to give their
telephone number; for energy suppliers and web shops in the Netherlands this is enforced.
An email address for the press or for security reports does not make up for it.

## Example
A site that closed its helpdesk and now offers only a contact form and a chatbot.

## Use instead
Show the customer service number with its opening hours on the contact page, and link the
contact page from every page.

## Options
None.
"""

from __future__ import annotations

from collections.abc import Iterator

from auditor.check import Check
from auditor.model import Finding, Pitfall, Severity, SiteSummary
from checks.escalation.contact_route import PHONE_KEYS, shows_phone_or_email
from checks.escalation.contacts import site_contact_facts


def run(site: SiteSummary) -> Iterator[Finding]:
    pages = site_contact_facts(site)
    if not pages or any(shows_phone_or_email(facts, PHONE_KEYS) for _page, facts in pages):
        return
    yield CHECK.finding(
        site.start_urls[0] if site.start_urls else pages[0][0].url,
        f"None of the {len(pages)} audited pages gives a phone number for customers.",
        signature="no-phone-anywhere",
    )


CHECK = Check(
    id="no-phone-anywhere",
    pitfall=Pitfall.ESCALATION,
    severity=Severity.SERIOUS,
    title="The site gives a phone number",
    failure_title="No page of the site gives a phone number",
    fix=(
        "Show the customer-service phone number and its opening hours on the contact page, and "
        "link that page from every page."
    ),
    run=run,
    docs=__doc__ or "",
    scope="site",
    legal=True,
)
