"""dead-end-task: a help article explains a task but offers no way to do it.

## What it does
Runs on help articles whose main topic is a task: a task word in the h1 or the title
("Adres wijzigen", "Contract opzeggen", "Verhuizing doorgeven", "Change your address",
"Submit a meter reading"; the list is in `checks/data/selfservice_patterns.json`). A task
that is only mentioned in passing in the text does not count. It reports the article when
its main content (not the menu, header or footer) has none of these:
- a link or button whose text names a task or action ("Wijzig uw adres", "Naar het
  formulier");
- a form to fill in (search and feedback forms do not count);
- a way into the logged-in area: a link or button "Mijn …", "Inloggen", "Log in",
  "My account", a link to a `/mijn/`, `/login` or `mijn.`-host address, or text that sends
  the reader there ("Log in op Mijn omgeving"; `login-route-missing` reports a missing link);
- a contact route: a link to the contact page or naming contact ("Neem contact op", "Bel
  ons"), a `tel:`, `mailto:` or WhatsApp link, or a phone number or email address in the text.

## Why is this bad?
Customers who have just read how to change their address want to do it now. An article that
explains the steps but leaves them to find the form or the login page themselves sends many
of them to the phone.

## Example
```html
<h1>Adres wijzigen</h1>
<p>U kunt uw adres zelf wijzigen. Kies Mijn gegevens en vul uw nieuwe adres in.</p>
```

## Use instead
```html
<h1>Adres wijzigen</h1>
<p>U kunt uw adres zelf wijzigen in <a href="/mijn/gegevens">Mijn omgeving</a>.</p>
```

## Options
- `tasks` (list of str, default none): more task words for the h1 or title, e.g. `["melden"]`.
- `actions` (list of str, default none): more link or button texts that count as a way to act.
- `region` (str, default "NL"): the region used to read national phone numbers.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from auditor.check import Check
from auditor.model import Finding, PageSnapshot, Pitfall, Severity
from checks.interactivity.routes import has_way_to_act, task_topic


def run(
    page: PageSnapshot,
    *,
    tasks: Sequence[str] = (),
    actions: Sequence[str] = (),
    region: str = "NL",
) -> Iterator[Finding]:
    task = task_topic(page, tasks)
    if not task or has_way_to_act(page, actions=actions, region=region):
        return
    heading = page.dom.find("h1")
    yield CHECK.finding(
        page.url,
        f'This article explains a task ("{task}") but offers no link, button or form to do it, '
        "no way into the logged-in area and no contact route.",
        evidence=heading.get_text(" ", strip=True) if heading else page.title,
        highlights=(task,),
        signature="dead-end-task",
    )


CHECK = Check(
    id="dead-end-task",
    pitfall=Pitfall.INTERACTIVITY,
    severity=Severity.MODERATE,
    title="Task articles offer a way to do the task",
    failure_title="A help article explains a task but offers no way to do it",
    fix=(
        "Link the article to where the task is done: the form, the page in the logged-in area or "
        "the contact page."
    ),
    run=run,
    docs=__doc__ or "",
    applies_to=("help-article",),
)
