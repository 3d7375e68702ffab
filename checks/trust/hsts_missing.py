"""hsts-missing: an https page without a useful Strict-Transport-Security header.

## What it does
On pages served over https (loopback hosts excepted), reads the main document's
`Strict-Transport-Security` header (the first one, as browsers do) and reports it when it is
missing, has no valid `max-age`, has `max-age=0` (which switches HSTS off) or a `max-age`
shorter than `min_age_days` (180 days). Every page of a host gets the same signature (the
host), so the whole site is one issue with one fix in the server configuration.

A host that is protected only through the browsers' HSTS preload list or an
`includeSubDomains` header of its parent domain is reported too: the check sees one
response, not those lists. Ignore the check for such a host.

## Why is this bad?
Without HSTS a customer who types `voorbeeld.nl` or follows an old http link makes a first
request over plain http, and an attacker on the network can answer it with a look-alike login
page (SSL stripping). With HSTS the browser goes straight to https for as long as `max-age`
says; a short `max-age` leaves customers who come back now and then unprotected.

## Example
```
Strict-Transport-Security: max-age=86400
```

## Use instead
```
Strict-Transport-Security: max-age=31536000; includeSubDomains
```
One year (31536000 seconds) is what the preload list asks for and what we advise.

## Options
- `min_age_days` (int, default 180): the shortest `max-age` that passes, in days.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from auditor.check import Check
from auditor.model import Finding, PageSnapshot, Pitfall, Severity
from auditor.urls import is_loopback
from checks.trust.web import first_value, host_of

HEADER = "strict-transport-security"
MAX_AGE = re.compile(r'^\s*max-age\s*=\s*"?(\d+)"?\s*$', re.I)
DAY = 86_400


def run(page: PageSnapshot, *, min_age_days: int = 180) -> Iterator[Finding]:
    if urlsplit(page.final_url).scheme.lower() != "https" or is_loopback(page.final_url):
        return
    value = first_value(page.headers, HEADER)
    problem = hsts_problem(value, min_age_days)
    if problem:
        yield CHECK.finding(
            page.url,
            f"{problem} Browsers may still reach this site over plain http first.",
            evidence=f"Strict-Transport-Security: {value}" if value else "",
            signature=host_of(page.final_url),
        )


def hsts_problem(value: str, min_age_days: int) -> str:
    """What is wrong with a Strict-Transport-Security value, or "" when it protects."""
    if not value:
        return "The response has no Strict-Transport-Security header."
    max_age = parse_max_age(value)
    if max_age is None:
        return "The Strict-Transport-Security header has no valid max-age, so browsers ignore it."
    if max_age == 0:
        return "The Strict-Transport-Security header has max-age=0, which switches HSTS off."
    if max_age < min_age_days * DAY:
        return (
            f"The Strict-Transport-Security max-age is {max_age // DAY} day(s), "
            f"shorter than {min_age_days}."
        )
    return ""


def parse_max_age(value: str) -> int | None:
    """The max-age in seconds; None when it is missing, given twice or not a number."""
    ages = [m.group(1) for part in value.split(";") if (m := MAX_AGE.match(part))]
    named = [part for part in value.split(";") if part.strip().lower().startswith("max-age")]
    return int(ages[0]) if len(ages) == 1 and len(named) == 1 else None


CHECK = Check(
    id="hsts-missing",
    pitfall=Pitfall.TRUST,
    severity=Severity.MODERATE,
    title="The site asks browsers to use https only (HSTS)",
    failure_title="Strict-Transport-Security is missing or too short",
    fix=(
        "Send Strict-Transport-Security with max-age=31536000 (one year) on every https response "
        "of the host; add includeSubDomains once every subdomain uses https."
    ),
    run=run,
    docs=__doc__ or "",
)
