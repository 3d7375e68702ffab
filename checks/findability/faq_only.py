"""faq-only: a FAQ page that only answers, and offers no way to act.

## What it does
Runs on pages the shared classifier calls `faq` (a "Veelgestelde vragen" / "FAQ" heading or
title, or mostly question headings and disclosure summaries). It reports the page when its
main content (not the menu, header or footer) has none of these:
- a link or button whose text names a task or action ("Adres wijzigen", "Naar het
  formulier", "Meterstand doorgeven", "Change your address"…);
- a form to fill in (search and feedback forms do not count);
- a way into the logged-in area: a link or button "Mijn …", "Inloggen", "Log in",
  "My account", a link to a `/mijn/`, `/login` or `mijn.`-host address, or text that sends
  the reader there ("Log in op Mijn omgeving"; `login-route-missing` reports a missing link);
- a contact route: a link to the contact page or naming contact ("Neem contact op", "Bel
  ons"), a `tel:`, `mailto:` or WhatsApp link, or a phone number or email address in the text.

The organisation's phone number or email address anywhere on the page (a contact block in the
footer under the questions, checks/escalation/contact_route.py) is a way to act too; a menu
link to the contact page is not.

## Why is this bad?
A static list of questions and answers explains, but solves nothing: customers who read
"you can change this yourself" and find no way to do it call anyway. Self-service that is
only an encyclopedia never reduces contact.

## Example
```html
<details><summary>Hoe wijzig ik mijn adres?</summary>
  <p>U kunt uw adres wijzigen in Mijn omgeving.</p></details>
```

## Use instead
```html
<details><summary>Hoe wijzig ik mijn adres?</summary>
  <p><a href="/mijn/adres">Wijzig uw adres in Mijn omgeving</a>.</p></details>
```

## Options
- `actions` (list of str, default none): more link or button texts that count as a way to act,
  e.g. `["Ga naar de app"]`.
- `region` (str, default "NL"): the region used to read national phone numbers.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from auditor.check import Check
from auditor.model import Finding, PageSnapshot, Pitfall, Severity
from checks.escalation.contact_route import shows_phone_or_email
from checks.escalation.contacts import contact_facts
from checks.interactivity.routes import has_way_to_act


def run(
    page: PageSnapshot, *, actions: Sequence[str] = (), region: str = "NL"
) -> Iterator[Finding]:
    if has_way_to_act(page, actions=actions, region=region) or shows_phone_or_email(
        contact_facts(page)
    ):
        return
    yield CHECK.finding(
        page.url,
        "This FAQ only answers questions: its content has no link to a task, form, "
        "the logged-in area or contact.",
        evidence=page.title,
        signature="faq-only",
    )


CHECK = Check(
    id="faq-only",
    pitfall=Pitfall.FINDABILITY,
    severity=Severity.MODERATE,
    title="FAQ pages lead to a way to act",
    failure_title="A FAQ page only answers and offers no way to act",
    fix=(
        "Add to the answers a link to where the customer can act: the task, the form, the "
        "logged-in area or the contact page."
    ),
    run=run,
    docs=__doc__ or "",
    applies_to=("faq",),
)
