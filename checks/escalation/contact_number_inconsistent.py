"""contact-number-inconsistent: a page gives another customer service number than the site.

## What it does
Finds the site's own numbers: every phone number on the pages classified as contact pages
(in any role); when no contact page gives one, the customer service number shown on the
most pages (only when one number clearly leads). Then reports each other page that shows a
customer service number that is not one of them, once per number per page. Numbers the words
around them call another service are left out: fax, outage and emergency lines
("storingsnummer"), press lines and "from abroad" numbers (see
`checks/escalation/contacts.py`). The numbers come from `PageSummary.facts["contact"]`; when
the engine stored none, nothing is reported.

## Why is this bad?
Customers who find two numbers do not know which one is right; an old number left on a help
page may ring at a closed desk, a former supplier or a stranger. Numbers that differ also
cost the trust that self-service depends on.

## Example
The contact page gives 020 123 45 67, a help article still says "Bel ons op 020 765 43 21".

## Use instead
One customer service number, kept in one place (the shared footer or the contact page) and
reused everywhere; numbers for other services labelled as such ("Storingen: 0800 …").

## Options
- `ignore_numbers` (list of str, default none): numbers in E.164 form (`"+31207654321"`) that
  belong to another service and may appear anywhere.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from auditor.check import Check
from auditor.model import Finding, PageSummary, Pitfall, Severity, SiteSummary
from checks.escalation.contacts import national_format, site_contact_facts

ALL_PHONE_KEYS = ("phones", "abroad_phones", "other_phones")


def run(site: SiteSummary, *, ignore_numbers: Sequence[str] = ()) -> Iterator[Finding]:
    pages = site_contact_facts(site)
    main, known = site_numbers(pages)
    if not main:
        return
    allowed = known | set(ignore_numbers)
    shown_main = ", ".join(national_format(n) for n in sorted(main))
    for page, facts in pages:
        if page.kind == "contact":
            continue
        for number in facts.get("phones", []):
            if number not in allowed:
                yield CHECK.finding(
                    page.url,
                    f"This page gives {national_format(number)}, but the site's customer "
                    f"service number is {shown_main}.",
                    evidence=national_format(number),
                    signature=number,
                )


def site_numbers(
    pages: Sequence[tuple[PageSummary, Mapping[str, Any]]],
) -> tuple[set[str], set[str]]:
    """The site's customer service numbers (those on the contact pages; else the number on
    the most pages, when one clearly leads) and every number the contact pages give."""
    contact = [facts for page, facts in pages if page.kind == "contact"]
    on_contact = {n for facts in contact for key in ALL_PHONE_KEYS for n in facts.get(key, [])}
    main = {n for facts in contact for n in facts.get("phones", [])}
    if not main:
        counts = Counter(n for _page, facts in pages for n in set(facts.get("phones", [])))
        ranked = counts.most_common(2)
        if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
            main = {ranked[0][0]}
    return main, main | on_contact


CHECK = Check(
    id="contact-number-inconsistent",
    pitfall=Pitfall.ESCALATION,
    severity=Severity.MINOR,
    title="Every page gives the same customer service number",
    failure_title="A page gives another customer service number",
    fix=(
        "Use one customer-service number on every page, kept in one shared place, and label "
        "numbers for other services as such."
    ),
    run=run,
    docs=__doc__ or "",
    scope="site",
)
