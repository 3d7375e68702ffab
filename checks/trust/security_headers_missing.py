"""security-headers-missing: a login or account page can be framed or content-sniffed.

## What it does
On pages where customers log in or see their own data (kind `login`: any page with a
password field, or `portal`: "Mijn omgeving", "my account"…), reads the main document's
response headers and reports, in one finding per page, what is missing:
- clickjacking protection: a `Content-Security-Policy` with `frame-ancestors` (not `*` or a
  bare scheme such as `https:`), or else `X-Frame-Options: DENY` or `SAMEORIGIN`. As in
  browsers, `frame-ancestors` wins over `X-Frame-Options`; `ALLOW-FROM`, a
  `<meta>` policy and `Content-Security-Policy-Report-Only` protect nothing;
- `X-Content-Type-Options: nosniff`.

Loopback hosts are **not** exempt. They count as a secure context, but these headers are not
about the connection: they are sent by the application or its proxy, so an audit of a staging
copy on `localhost` should see them missing. If only your production proxy adds them, ignore
this check for local audits (`--ignore security-headers-missing`).

## Why is this bad?
A page that any site may show in a frame can be overlaid with a fake page, so the customer
clicks "confirm" or types a password without knowing it (clickjacking). Without `nosniff`
a browser may run an uploaded file as a script. Both turn a login or account page into a
phishing tool.

## Example
A login page served with only `Content-Type: text/html`.

## Use instead
```
Content-Security-Policy: frame-ancestors 'self'
X-Frame-Options: SAMEORIGIN
X-Content-Type-Options: nosniff
```

## Options
None.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from auditor.check import Check
from auditor.model import Finding, PageSnapshot, Pitfall, Severity
from checks.trust.web import first_value

CLICKJACKING = "clickjacking protection (CSP frame-ancestors or X-Frame-Options)"
NOSNIFF = "X-Content-Type-Options: nosniff"
PERMISSIVE_SOURCES = frozenset({"*", "http:", "https:"})
SHOWN_HEADERS = ("content-security-policy", "x-frame-options", "x-content-type-options")


def run(page: PageSnapshot) -> Iterator[Finding]:
    missing = missing_headers(page.headers)
    if not missing:
        return
    seen = [f"{name}: {page.headers[name]}" for name in SHOWN_HEADERS if name in page.headers]
    yield CHECK.finding(
        page.url,
        f"This page, where customers log in or see their data, lacks {' and '.join(missing)}.",
        evidence="\n".join(seen) or "none of these headers were sent",
        signature=" + ".join(missing),
    )


def missing_headers(headers: Mapping[str, str]) -> list[str]:
    missing = [] if frame_protected(headers) else [CLICKJACKING]
    if first_value(headers, "x-content-type-options").lower() != "nosniff":
        missing.append(NOSNIFF)
    return missing


def frame_protected(headers: Mapping[str, str]) -> bool:
    """Framing by other sites is refused: by CSP frame-ancestors if a policy has it (each
    policy is enforced, so one strict list is enough), else by X-Frame-Options DENY or
    SAMEORIGIN."""
    ancestors = frame_ancestors(headers.get("content-security-policy", ""))
    if ancestors:
        return any(not set(sources) & PERMISSIVE_SOURCES for sources in ancestors)
    return first_value(headers, "x-frame-options").lower() in ("deny", "sameorigin")


def frame_ancestors(csp: str) -> list[list[str]]:
    """The source lists of every `frame-ancestors` directive in the (comma-joined) policies."""
    found = []
    for policy in csp.split(","):
        for directive in policy.split(";"):
            name, *sources = directive.split() or [""]
            if name.lower() == "frame-ancestors":
                found.append([s.lower() for s in sources])
    return found


CHECK = Check(
    id="security-headers-missing",
    pitfall=Pitfall.TRUST,
    severity=Severity.MODERATE,
    title="Login and account pages refuse framing and content sniffing",
    failure_title="A login or account page lacks security headers",
    fix=(
        "Send Content-Security-Policy: frame-ancestors 'self' (or X-Frame-Options: SAMEORIGIN) and "
        "X-Content-Type-Options: nosniff on login and account pages."
    ),
    run=run,
    docs=__doc__ or "",
    applies_to=("login", "portal"),
)
