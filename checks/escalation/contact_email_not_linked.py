"""contact-email-not-linked: a visible email address without a mailto: link.

## What it does
On every page, finds the email addresses in the visible text (also "naam [at] voorbeeld.nl")
and reports each one that has no `mailto:` link to the same address on the page.

## Why is this bad?
Customers have to select and copy the address into their mail program, which is hard on a
phone and for people with motor impairments; an address written with "[at]" to fool spam
robots must even be retyped. One mistyped letter and the question never arrives.

## Example
`<p>Mail ons op klantenservice@voorbeeld.nl.</p>`

## Use instead
`<p>Mail ons op <a href="mailto:klantenservice@voorbeeld.nl">klantenservice@voorbeeld.nl</a>.</p>`

## Options
None.
"""

from __future__ import annotations

from collections.abc import Iterator

from auditor.check import Check
from auditor.model import Finding, PageSnapshot, Pitfall, Severity
from checks.escalation.contacts import email_mentions, mailto_addresses


def run(page: PageSnapshot) -> Iterator[Finding]:
    linked = set(mailto_addresses(page))
    reported: set[str] = set()
    for mention in email_mentions(page):
        if mention.address in linked or mention.address in reported:
            continue
        reported.add(mention.address)
        yield CHECK.finding(
            page.url,
            f"The email address {mention.text} is not a mailto: link.",
            evidence=mention.text,
            signature=mention.address,
        )


CHECK = Check(
    id="contact-email-not-linked",
    pitfall=Pitfall.ESCALATION,
    severity=Severity.MINOR,
    title="Email addresses are mailto: links",
    failure_title="An email address is not a mailto: link",
    fix="Make each email address shown a mailto: link to that address.",
    run=run,
    docs=__doc__ or "",
)
