"""broken-image: an image on the page does not load.

## What it does
Reports each image the page shows (`<img>`, by the URL the browser chose) that the link
checker found broken: an HTTP status of 400 or more, or no answer at all (DNS, connection,
TLS, timeout). Images on other hosts are not checked with `--no-external`.

## Why is this bad?
A missing image leaves a gap or a broken-image icon where a step, a meter or an example bill
should be. Customers who follow instructions with pictures get stuck, and the page looks
neglected.

## Example
```html
<img src="/assets/meterkast-2019.png" alt="Waar vindt u uw meter">  <!-- answers 404 -->
```

## Use instead
Restore the image, point to the new file, or remove the image and its references in the text.

## Options
None.
"""

from __future__ import annotations

from collections.abc import Iterator

from auditor.check import Check
from auditor.model import Finding, Pitfall, Severity, SiteSummary
from auditor.urls import normalize_url
from checks.outdated.links import status_answer


def run(site: SiteSummary) -> Iterator[Finding]:
    for page in site.html_pages:
        for src in dict.fromkeys(page.images):
            status = site.link_status.get(normalize_url(src) or src)
            if status is None or not status.broken:
                continue
            yield CHECK.finding(
                page.url,
                f"The image {src} does not load ({status_answer(status).reason}).",
                evidence=src,
                signature=src,
            )


CHECK = Check(
    id="broken-image",
    pitfall=Pitfall.OUTDATED,
    severity=Severity.SERIOUS,
    title="Images load",
    failure_title="An image does not load",
    fix=(
        "Restore the image or point to its new file, or remove it together with the text that "
        "refers to it."
    ),
    run=run,
    docs=__doc__ or "",
    scope="site",
    needs=("links",),
)
