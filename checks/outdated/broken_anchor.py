"""broken-anchor: a link points to a place on a page that is not there.

## What it does
For each internal link with a `#fragment` to a crawled HTML page, looks for an element with
that `id` or an `<a name>` of that name on the target page (the rendered DOM), with the
fragment percent-decoded as browsers do. `#`, an empty fragment and `#top` (which scrolls to
the top, as the HTML standard says) are fine, and so are fragments that are not anchors:
single-page-app routes (`#/account`, `#!/account`) and text fragments (`#:~:text=`). Targets
that were not crawled, or did not load, are not judged here (see `broken-link`).

## Why is this bad?
The customer clicks "Hoe lees ik mijn meter af?" and lands at the top of a long page instead
of at the answer. Anchors usually break when a heading is renamed or a page is rebuilt.

## Example
```html
<a href="/hulp/meterstand.html#slimme-meter">Slimme meter</a>
<!-- /hulp/meterstand.html has no id="slimme-meter" any more -->
```

## Use instead
Point the link at an `id` that exists on the target page, or give the section the `id` the
links expect.

## Options
None.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import unquote, urlsplit

from auditor.check import Check
from auditor.model import Finding, PageSummary, Pitfall, Severity, SiteSummary
from auditor.urls import normalize_url
from checks.outdated.links import crawled_pages

TEXT_DIRECTIVE = ":~:"
NOT_ANCHORS = ("/", "!")  # hash routes of single-page apps: #/path, #!/path


def run(site: SiteSummary) -> Iterator[Finding]:
    pages = crawled_pages(site)
    for page in site.html_pages:
        seen: set[str] = set()
        for link in page.links:
            fragment = urlsplit(link.href).fragment
            target = pages.get(normalize_url(link.href) or "")
            if link.href in seen or target is None or not anchor_missing(fragment, target):
                continue
            seen.add(link.href)
            yield CHECK.finding(
                page.url,
                f"The link to {link.href} points to #{unquote(fragment)}, which is not on "
                "that page.",
                evidence=link.text,
                signature=link.href,
            )


def anchor_missing(fragment: str, target: PageSummary) -> bool:
    """The fragment names an anchor that the (loaded, HTML) target page does not have."""
    if not target.is_html or target.status is None or target.status >= 400:
        return False
    name = fragment.partition(TEXT_DIRECTIVE)[0]
    decoded = unquote(name)
    if not decoded or decoded.lower() == "top" or decoded.startswith(NOT_ANCHORS):
        return False
    return name not in target.anchors and decoded not in target.anchors


CHECK = Check(
    id="broken-anchor",
    pitfall=Pitfall.OUTDATED,
    severity=Severity.MODERATE,
    title="Links to a place on a page find it",
    failure_title="A link points to a place on a page that is not there",
    fix=(
        "Point the link at an id that exists on the target page, or give the target section the id "
        "the link expects."
    ),
    run=run,
    docs=__doc__ or "",
    scope="site",
)
