"""login-route-missing: a help article sends the reader to the logged-in area without a link.

## What it does
Runs only when the site has a logged-in area: a page the classifier calls `login` or
`portal`, or a link anywhere on the site (menus included) whose text names it ("Mijn …",
"Inloggen", "Log in", "My account", "Sign in") or whose address looks like it (`/mijn/`,
`/login`, a `mijn.` or `login.` host). Then it reports each help article and FAQ whose main
text sends the reader there ("Log in op Mijn omgeving", "Dat kan in Mijn omgeving", "Log in
to My account") but has no link or button into that area, neither in its main content nor a
visible "Sign in" / "Inloggen" / "Mijn …" link in its header or menu. Articles that do not
send the reader to the logged-in area are not judged (many tasks are done by phone or form),
nor are sentences about an app ("Log in op de app": that account lives on the phone). All
findings share one signature, so they form one issue with the pages as examples.

It reads the per-page self-service facts (`checks/findability/facts.py`); pages without them
are not judged.

## Why is this bad?
"Log in op Mijn omgeving en kies Verhuizing doorgeven" without a link makes the customer
search for the login page, often through the home page. Every extra step loses customers to
the phone.

## Example
```html
<p>Log in op Mijn omgeving en kies Adres wijzigen.</p>
```

## Use instead
```html
<p>Log in op <a href="/mijn/inloggen">Mijn omgeving</a> en kies Adres wijzigen.</p>
```

## Options
- `login_phrases` (list of str, default none): more link texts that name the logged-in area,
  e.g. `["Mijn Dossier"]`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from auditor.check import Check
from auditor.model import Finding, PageSummary, Pitfall, Severity, SiteSummary
from auditor.urls import normalize_url
from checks.findability.facts import HELP_KINDS, facts_of
from checks.interactivity.routes import Control, is_login

LOGIN_KINDS = ("login", "portal")


def run(site: SiteSummary, *, login_phrases: Sequence[str] = ()) -> Iterator[Finding]:
    pages = site.html_pages
    area = login_area(pages, login_phrases)
    if not area:
        return
    for page in pages:
        facts = facts_of(page)
        if (
            page.kind in HELP_KINDS
            and facts.get("mentions_login")
            and not _links_into(facts, area)
            and not _visible_login_link(page, login_phrases)
        ):
            yield CHECK.finding(
                page.url,
                "This help article sends the reader to the logged-in area but has no link "
                "to it in its content.",
                evidence=page.title,
                signature="login-route-missing",
            )


def login_area(pages: Sequence[PageSummary], phrases: Sequence[str] = ()) -> set[str]:
    """The normalised URLs of the site's logged-in area: login and portal pages, and the
    targets of links (anywhere on the site) whose text or address names it."""
    urls = {p.final_url for p in pages if p.kind in LOGIN_KINDS}
    links = {Control(link.text, link.href) for p in pages for link in (*p.links, *p.external)}
    urls |= {link.href for link in links if is_login(link, phrases)}
    return {url for u in urls if (url := normalize_url(u)) is not None}


def _visible_login_link(page: PageSummary, phrases: Sequence[str]) -> bool:
    """A visible link into the logged-in area anywhere on the page (a header "Sign in")."""
    return any(
        link.visible and is_login(Control(link.text, link.href), phrases)
        for link in (*page.links, *page.external)
    )


def _links_into(facts: Mapping[str, Any], area: set[str]) -> bool:
    return bool(facts.get("login_route")) or bool(area & set(facts.get("main_links", ())))


CHECK = Check(
    id="login-route-missing",
    pitfall=Pitfall.INTERACTIVITY,
    severity=Severity.MINOR,
    title="Help articles link to the logged-in area",
    failure_title="A help article has no link to the logged-in area",
    fix=(
        'Link the words that send the reader to the logged-in area, such as "Mijn omgeving", to '
        "its login page."
    ),
    run=run,
    docs=__doc__ or "",
    scope="site",
)
