"""no-human-contact: the site gives no phone number and no email address at all.

## What it does
Looks at the contact facts of every audited HTML page (`PageSummary.facts["contact"]`, from
`checks/escalation/contacts.py`): the customer service phone numbers (also "from abroad"
numbers) and the customer email addresses, shown in the text or as `tel:` / `mailto:` links.
When no page has any, one finding on the start URL says so. Fax, outage and press numbers
and press, security, privacy and jobs addresses do not count: they are not a way for a
customer to ask a person for help. When the engine stored no contact facts, nothing is
reported.

## Why is this bad?
Self-service without a way out to a person is the best-known failure of customer service:
customers whose case the help pages do not cover are stuck. For traders the EU Consumer
Rights Directive (art. 6(1)(c)) and the e-Commerce Directive (art. 5(1)(c)) require a phone
number and an email address.

## Example
A help centre with articles, a chatbot and a "Mijn omgeving", but no number or address on any
page.

## Use instead
A contact page, linked from every page, with a phone number, its opening hours and an email
address.

## Options
None.
"""

from __future__ import annotations

from collections.abc import Iterator

from auditor.check import Check
from auditor.model import Finding, Pitfall, Severity, SiteSummary
from checks.escalation.contact_route import ROUTE_KEYS, shows_phone_or_email
from checks.escalation.contacts import site_contact_facts


def run(site: SiteSummary) -> Iterator[Finding]:
    pages = site_contact_facts(site)
    if not pages or any(shows_phone_or_email(facts, ROUTE_KEYS) for _page, facts in pages):
        return
    yield CHECK.finding(
        site.start_urls[0] if site.start_urls else pages[0][0].url,
        f"None of the {len(pages)} audited pages gives a phone number or an email address: "
        "customers cannot reach a person.",
        signature="no-human-contact",
    )


CHECK = Check(
    id="no-human-contact",
    pitfall=Pitfall.ESCALATION,
    severity=Severity.CRITICAL,
    title="The site gives a phone number or an email address",
    failure_title="The site gives no phone number and no email address",
    fix=(
        "Add a contact page with a phone number, its opening hours and an email address, and link "
        "it from every page."
    ),
    run=run,
    docs=__doc__ or "",
    scope="site",
    legal=True,
)
