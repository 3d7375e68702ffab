"""redirect-chain: a link reaches its page only after several redirects.

## What it does
Reports links whose target went through more than `max_redirects` redirects before it
answered: for internal links the redirects the browser followed when the target page was
crawled, for external links the hops the link checker followed. A link that points straight
at where a redirect ends is fine.

## Why is this bad?
Every hop costs the customer a round trip (on a phone, often half a second or more), and
long chains are a sign of pages moved again and again without updating the links. Chains
break easily: one lost hop and the link is dead.

## Example
```html
<a href="http://voorbeeld.nl/klantenservice">Klantenservice</a>
<!-- http -> https -> /klantenservice/ -> /hulp/ : three redirects -->
```

## Use instead
Link to the final address, and redirect old addresses to it in a single step.

## Options
- `max_redirects` (int, default 2): the most redirects a link may take.
"""

from __future__ import annotations

from collections.abc import Iterator

from auditor.check import Check
from auditor.model import Finding, Pitfall, Severity, SiteSummary
from checks.outdated.links import answer_for, crawled_pages, outgoing


def run(site: SiteSummary, *, max_redirects: int = 2) -> Iterator[Finding]:
    pages = crawled_pages(site)
    for page in site.html_pages:
        for link, target in outgoing(page):
            answer = answer_for(link, target, pages, site.link_status)
            if answer is None or answer.redirects <= max_redirects:
                continue
            yield CHECK.finding(
                page.url,
                f"The link to {target} goes through {answer.redirects} redirects before it"
                " arrives.",
                evidence=link.text,
                signature=target,
            )


CHECK = Check(
    id="redirect-chain",
    pitfall=Pitfall.OUTDATED,
    severity=Severity.MINOR,
    title="Links point straight at their page",
    failure_title="A link goes through a chain of redirects",
    fix="Link straight to the final address, and redirect old addresses to it in a single step.",
    run=run,
    docs=__doc__ or "",
    scope="site",
    needs=("links",),
)
