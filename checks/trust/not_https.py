"""not-https: the page is served over plain http.

## What it does
Reports an HTML page whose final URL (after redirects) is `http:`. Loopback hosts
(127.0.0.0/8, `localhost`, `::1`) are a secure context, as browsers treat them, so a local
copy of a site on `http://127.0.0.1` is not reported. A page that redirects from http to
https is fine: only where the customer ends up counts.

## Why is this bad?
Over plain http anyone on the same Wi-Fi or network path can read and change the page: swap
the phone number, inject a fake login form. Browsers mark such pages "Not secure", and
customers who fear phishing leave instead of logging in.

## Example
`http://www.voorbeeld.nl/klantenservice` is shown without redirecting to https.

## Use instead
Serve every page over https and redirect http to it with a permanent redirect (301/308);
then add `Strict-Transport-Security` (see `hsts-missing`).

## Options
None.
"""

from __future__ import annotations

from collections.abc import Iterator

from auditor.check import Check
from auditor.model import Finding, PageSnapshot, Pitfall, Severity
from checks.trust.web import host_of, is_secure_context


def run(page: PageSnapshot) -> Iterator[Finding]:
    if is_secure_context(page.final_url):
        return
    yield CHECK.finding(
        page.url,
        f"This page is served over plain http ({page.final_url}), not https.",
        evidence=page.final_url,
        signature=host_of(page.final_url),
    )


CHECK = Check(
    id="not-https",
    pitfall=Pitfall.TRUST,
    severity=Severity.SERIOUS,
    title="The page is served over https",
    failure_title="The page is served over plain http",
    fix=(
        "Serve every page over https and redirect http to it with a permanent redirect (301 or "
        "308)."
    ),
    run=run,
    docs=__doc__ or "",
)
