"""malformed-contact-link: a phone or email link that cannot work.

## What it does
Checks every `tel:` link on the page: the number (percent-decoded, without `;ext=` and other
parameters) must be a valid phone number for the `region` option, or a valid short number
such as 112; separators as in `tel:0800-1234` are fine. Checks every `mailto:` link: each
address (several may be given, separated by commas, and `?subject=`, `?body=`, `?to=` are
allowed) must be a valid email address, and there must be at least one.

## Why is this bad?
A customer who taps "Bel ons" on a phone and gets "invalid number", or whose mail program
opens with a broken address, cannot reach you in the way you offered. The visible text may be
right while the link behind it is a placeholder or a typo.

## Example
```html
<a href="tel:12">Bel ons</a>
<a href="mailto:klantenservice@voorbeeld">Mail ons</a>
```

## Use instead
```html
<a href="tel:+31201234567">020 123 45 67</a>
<a href="mailto:klantenservice@voorbeeld.nl?subject=Vraag">klantenservice@voorbeeld.nl</a>
```

## Options
- `region` (str, default "NL"): the country whose numbering plan national numbers (without
  +country code) follow.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import parse_qs, unquote, urlsplit

import phonenumbers

from auditor.check import Check
from auditor.model import Finding, PageSnapshot, Pitfall, Severity
from checks.escalation.contacts import EMAIL


def run(page: PageSnapshot, *, region: str = "NL") -> Iterator[Finding]:
    seen: set[str] = set()
    for link in page.links:
        href = link.href.strip()
        scheme = href.partition(":")[0].lower()
        if href in seen or scheme not in ("tel", "mailto"):
            continue
        seen.add(href)
        if scheme == "tel" and not valid_tel(href, region):
            problem = "is not a valid phone number"
        elif scheme == "mailto" and not valid_mailto(href):
            problem = "has no valid email address"
        else:
            continue
        yield CHECK.finding(
            page.url,
            f"The link {href} {problem}.",
            selector=f'a[href="{href}"]' if '"' not in href else "",
            evidence=link.text or href,
            signature=href,
        )


def valid_tel(href: str, region: str) -> bool:
    number = unquote(href.partition(":")[2]).split(";")[0].strip()
    try:
        parsed = phonenumbers.parse(number, region)
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.is_valid_number(parsed) or phonenumbers.is_valid_short_number(parsed)


def valid_mailto(href: str) -> bool:
    parts = urlsplit(href)
    fields = [unquote(parts.path), *parse_qs(parts.query).get("to", [])]
    addresses = [a.strip() for field in fields for a in field.split(",") if a.strip()]
    return bool(addresses) and all(EMAIL.fullmatch(a) for a in addresses)


CHECK = Check(
    id="malformed-contact-link",
    pitfall=Pitfall.OUTDATED,
    severity=Severity.MODERATE,
    title="Phone and email links work",
    failure_title="A phone or email link cannot work",
    fix=(
        "Correct the tel: or mailto: link so that it holds a valid number or address, the one "
        "shown in the text, e.g. tel:+31201234567."
    ),
    run=run,
    docs=__doc__ or "",
)
