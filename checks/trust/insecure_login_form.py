"""insecure-login-form: a password can be read on the way, or goes to another site.

## What it does
Looks at every visible password field and the form it is in, and reports the form (or, for
a password field outside a form, the field) when
- the page is not a secure context: served over http from a host that is not loopback
  (127.0.0.0/8, `localhost`, `::1`);
- the form's `action`, or a button's `formaction`, posts to an `http:` URL that is not
  loopback, even from an https page;
- it posts to another site than the page's: another registrable domain
  (`login.voorbeeld.nl` and `www.voorbeeld.nl` are one site, `voorbeeld-login.com` is not).

The registrable domain is the last two labels of the host name, or three under a known
two-label suffix such as `co.uk` or `com.au` (a short built-in list; no Public Suffix List
is downloaded). Under a suffix missing from that list two sites look like one, so the check
can miss a case but not invent one. A relative or empty `action` (and `<base href>`) is
resolved like the browser does; `javascript:` and other non-http actions are not judged.

## Why is this bad?
A password typed on an http page, or sent to an http address, can be read by anyone on the
network path. A form that sends it to another domain looks exactly like phishing to the
customer and to security software, and puts the password in the hands of a party the
customer never chose.

## Example
```html
<!-- on https://www.voorbeeld.nl/inloggen -->
<form method="post" action="http://login.voorbeeld-portal.com/auth">
  <input type="password" name="wachtwoord" autocomplete="current-password">
</form>
```

## Use instead
```html
<form method="post" action="/inloggen">…</form>
```
If login really is handled by an identity provider, redirect the customer to its own https
page (OpenID Connect) instead of posting the password to it.

## Options
- `trusted_domains` (list of str, default []): domains a login form may post to besides the
  page's own site, e.g. `["voorbeeld-idp.nl"]`; subdomains included.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from auditor.check import Check
from auditor.model import Finding, PageSnapshot, Pitfall, Severity
from auditor.urls import is_loopback
from checks.common import element_signature
from checks.trust.web import (
    base_url,
    css_selector,
    form_targets,
    host_of,
    is_secure_context,
    opening_tag,
    password_forms,
    registrable_domain,
)


def run(page: PageSnapshot, *, trusted_domains: Sequence[str] = ()) -> Iterator[Finding]:
    base = base_url(page)
    page_site = registrable_domain(host_of(page.final_url))
    insecure_page = not is_secure_context(page.final_url)
    for form, fields in password_forms(page.dom):
        targets = form_targets(form, base) if form is not None else []
        problems = ["the page itself is served over plain http"] if insecure_page else []
        problems += target_problems(targets, page_site, trusted_domains)
        if not problems:
            continue
        element = form if form is not None else fields[0]
        signature = element_signature(opening_tag(element))
        yield CHECK.finding(
            page.url,
            f"Passwords entered here are not safe: {'; '.join(dict.fromkeys(problems))}.",
            selector=css_selector(element),
            evidence=opening_tag(element),
            signature=" ".join([signature, *targets]),
        )


def target_problems(
    targets: Sequence[str], page_site: str, trusted_domains: Sequence[str]
) -> list[str]:
    """Why posting to each target is unsafe: plain http (not loopback), another site."""
    problems = []
    for target in targets:
        host = host_of(target)
        if not is_secure_context(target):
            problems.append(f"the form posts over plain http to {target}")
        if registrable_domain(host) != page_site and not _trusted(host, trusted_domains):
            problems.append(f"the form posts to another site ({host})")
    return problems


def _trusted(host: str, trusted_domains: Sequence[str]) -> bool:
    host = host.lower()
    return is_loopback(host) or any(
        host == domain.lower() or host.endswith("." + domain.lower()) for domain in trusted_domains
    )


CHECK = Check(
    id="insecure-login-form",
    pitfall=Pitfall.TRUST,
    severity=Severity.CRITICAL,
    title="Passwords are sent only over https to the site itself",
    failure_title="A login form is not secure or posts to another site",
    fix=(
        "Serve the login form over https and let it post the password only to an https address of "
        "your own site."
    ),
    run=run,
    docs=__doc__ or "",
    applies_to=("login",),
)
