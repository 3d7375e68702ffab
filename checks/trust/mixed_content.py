"""mixed-content: an https page loads resources over plain http.

## What it does
On a page served over https, looks at every request the page made while loading
(`probes["network"]`) and reports those to `http:` URLs: scripts, styles, images, frames,
fonts, fetches… The page's own navigation (including an http URL that redirected to it) is
not counted, and neither are loopback URLs (127.0.0.0/8, `localhost`, `::1`): the Mixed
Content standard treats them as trustworthy. The evidence lists the first five requests with
their type. Chromium upgrades some of these requests to https and blocks others; they are
reported all the same, because the page asks for them.

## Why is this bad?
A script or style fetched over http can be read and replaced on the way, which undoes the
protection of https for the whole page. Browsers block such scripts (the page breaks), and
replace the padlock with a warning for images, which makes customers doubt the page is real.

## Example
```html
<!-- on https://www.voorbeeld.nl/ -->
<script src="http://cdn.voorbeeld.nl/app.js"></script>
<img src="http://www.voorbeeld.nl/logo.png" alt="Voorbeeld">
```

## Use instead
```html
<script src="https://cdn.voorbeeld.nl/app.js"></script>
<img src="/logo.png" alt="Voorbeeld">
```
Also consider `Content-Security-Policy: upgrade-insecure-requests`.

## Options
None.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any
from urllib.parse import urlsplit

from auditor.check import Check
from auditor.model import Finding, PageSnapshot, Pitfall, Severity
from auditor.urls import is_loopback

SHOWN = 5  # requests listed in the evidence


def run(page: PageSnapshot) -> Iterator[Finding]:
    if urlsplit(page.final_url).scheme.lower() != "https":
        return
    insecure = insecure_requests(page)
    if not insecure:
        return
    lines = [f"{request.get('type') or 'other'} {request['url']}" for request in insecure[:SHOWN]]
    if len(insecure) > SHOWN:
        lines.append(f"… and {len(insecure) - SHOWN} more")
    origins = sorted({_origin(request["url"]) for request in insecure})
    yield CHECK.finding(
        page.url,
        f"This https page requested {len(insecure)} resource(s) over plain http "
        f"(mixed content) from {', '.join(origins)}.",
        evidence="\n".join(lines),
        signature=" ".join(origins),
    )


def insecure_requests(page: PageSnapshot) -> list[Mapping[str, Any]]:
    """The page's http: requests, once per URL, without its own navigation and loopback."""
    network = page.probes.get("network")
    if not isinstance(network, Mapping):
        return []
    own = {page.url, page.final_url, *page.redirects}
    found: dict[str, Mapping[str, Any]] = {}
    for request in network.get("requests", []):
        url = str(request.get("url", ""))
        if url.lower().startswith("http:") and url not in own and not is_loopback(url):
            found.setdefault(url, request)
    return list(found.values())


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


CHECK = Check(
    id="mixed-content",
    pitfall=Pitfall.TRUST,
    severity=Severity.SERIOUS,
    title="The https page loads nothing over http",
    failure_title="The https page loads resources over plain http",
    fix=(
        "Load every script, style, image and frame of an https page over https, or from a relative "
        "URL."
    ),
    run=run,
    docs=__doc__ or "",
    needs=("network",),
)
