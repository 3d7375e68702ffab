"""broken-link: a link leads to a page that does not work.

## What it does
Follows every link on every audited page to what answered there. An internal link is judged
by the crawled page it points to (its requested or final URL): an HTTP status of 400 or more,
or a page that did not load, is broken. Internal targets that were not crawled (skipped by
robots.txt or as destructive, excluded, or left out by `--max-pages`) are not judged. An
external link is judged by the link checker, which asks with HEAD and falls back to GET when a
server refuses HEAD (so a 403 or 405 on HEAD that answers 200 on GET is fine); it is not
checked with `--no-external`.

There is one finding per page and target; all the pages that link to one dead target form one
issue. Severity: serious for internal links, moderate for external ones, and critical when the
target is the contact page or a login page, or the link text says contact or log in.

## Why is this bad?
A dead link is the fastest way to lose a customer's trust: the answer they were promised is
not there, and the next step is the phone. A dead link to the contact page or the login page
blocks the customer completely.

## Example
```html
<a href="/hulp/oude-tarieven.html">Tarieven 2024</a>  <!-- answers 404 -->
```

## Use instead
Link to the page that replaced it, or remove the link. When a page moves, redirect its old
address to the new one (a single 301).

## Options
None.
"""

from __future__ import annotations

from collections.abc import Iterator

from auditor.check import Check
from auditor.model import Finding, Link, Pitfall, Severity, SiteSummary
from checks.outdated.links import (
    CRITICAL_KINDS,
    Answer,
    answer_for,
    crawled_pages,
    names_contact_or_login,
    outgoing,
)


def run(site: SiteSummary) -> Iterator[Finding]:
    pages = crawled_pages(site)
    for page in site.html_pages:
        for link, target in outgoing(page):
            answer = answer_for(link, target, pages, site.link_status)
            if answer is None or not answer.broken:
                continue
            yield CHECK.finding(
                page.url,
                f"The link to {target} is broken ({answer.reason}).",
                evidence=link.text,
                signature=target,
                severity=severity(link, answer),
            )


def severity(link: Link, answer: Answer) -> Severity:
    if answer.kind in CRITICAL_KINDS or names_contact_or_login(link.text):
        return Severity.CRITICAL
    return Severity.SERIOUS if link.internal else Severity.MODERATE


CHECK = Check(
    id="broken-link",
    pitfall=Pitfall.OUTDATED,
    severity=Severity.SERIOUS,
    title="Links lead to working pages",
    failure_title="A link leads to a page that does not work",
    fix=(
        "Point the link to the page that replaced the dead target, or remove it; when a page "
        "moves, redirect its old address with a single 301."
    ),
    run=run,
    docs=__doc__ or "",
    scope="site",
    needs=("links",),
)
