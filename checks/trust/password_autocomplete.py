"""password-autocomplete: login fields do not say what they are for.

## What it does
In every form with a visible password field, reads the `autocomplete` attribute of
- each password field: it must name `current-password` (logging in) or `new-password`
  (registering, changing the password);
- the username field, the last visible text, email or phone field before the first password
  field: it must name `username`, `email` or `tel`.

A field is reported when the attribute is missing, is `on`, names another purpose, or is
`off` (also when it is inherited from `<form autocomplete="off">`). Both password values are
accepted on any form: which of the two a form needs cannot be told reliably from the markup.
Tokens such as `section-…` and `webauthn` are allowed around the value. A password field
outside any form is checked on its own; no username is looked for then.

## Why is this bad?
WCAG 2.1 success criterion 1.3.5 (Identify Input Purpose, level AA; EN 301 549 9.1.3.5)
requires fields about the user to expose their purpose, so browsers and assistive
technology can fill them in: people with memory, motor or cognitive disabilities depend on
it. `autocomplete="off"` on a password field also stops password managers, so customers pick
weak passwords they can remember, or call the helpdesk when they forget them.

## Example
```html
<input type="email" id="email" name="email">
<input type="password" id="wachtwoord" name="wachtwoord" autocomplete="off">
```

## Use instead
```html
<input type="email" id="email" name="email" autocomplete="username">
<input type="password" id="wachtwoord" name="wachtwoord" autocomplete="current-password">
```

## Options
None.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from bs4 import Tag

from auditor.check import Check
from auditor.model import Finding, PageSnapshot, Pitfall, Severity
from checks.common import element_signature
from checks.trust.web import css_selector, opening_tag, password_forms, text_field_before


@dataclass(frozen=True)
class Field:
    """A login field's role, the autocomplete tokens that name its purpose, and the advice."""

    role: str
    purposes: frozenset[str]
    advice: str


USERNAME = Field(
    "username", frozenset({"username", "email", "tel"}), 'autocomplete="username" (or "email")'
)
PASSWORD = Field(
    "password",
    frozenset({"current-password", "new-password"}),
    'autocomplete="current-password" (or "new-password" where a new password is chosen)',
)


def run(page: PageSnapshot) -> Iterator[Finding]:
    for form, fields in password_forms(page.dom):
        username = text_field_before(form, fields[0]) if form is not None else None
        if username is not None:
            yield from _judge(page, username, form, USERNAME)
        for field in fields:
            yield from _judge(page, field, form, PASSWORD)


def _judge(page: PageSnapshot, field: Tag, form: Tag | None, expected: Field) -> Iterator[Finding]:
    value, inherited = autocomplete_of(field, form)
    if expected.purposes & set(value.lower().split()):
        return
    yield CHECK.finding(
        page.url,
        f"The {expected.role} field {_describe(value, inherited)}: use {expected.advice}.",
        selector=css_selector(field),
        evidence=opening_tag(field),
        signature=element_signature(opening_tag(field)),
    )


def autocomplete_of(field: Tag, form: Tag | None) -> tuple[str, bool]:
    """The field's autocomplete value, or its form's when it has none (and whether it was
    inherited from the form)."""
    own = field.get("autocomplete")
    if own is not None:
        return str(own).strip(), False
    inherited = str(form.get("autocomplete") or "").strip() if form is not None else ""
    return inherited, bool(inherited)


def _describe(value: str, inherited: bool) -> str:
    if not value:
        return "has no autocomplete attribute"
    where = " (set on the form)" if inherited else ""
    if value.lower() == "off":
        return f'has autocomplete="off"{where}, which blocks password managers and autofill'
    return f'has autocomplete="{value}"{where}, which does not name its purpose'


CHECK = Check(
    id="password-autocomplete",
    pitfall=Pitfall.TRUST,
    severity=Severity.MODERATE,
    title="Login fields name their purpose for autofill",
    failure_title="A login field has a wrong or missing autocomplete",
    fix=(
        'Give the username field autocomplete="username" and the password field '
        'autocomplete="current-password" ("new-password" when setting one).'
    ),
    run=run,
    docs=__doc__ or "",
    applies_to=("login",),
    legal=True,
    wcag=("1.3.5",),
    en301549=("9.1.3.5",),
    help_url="https://www.w3.org/WAI/WCAG22/Understanding/identify-input-purpose.html",
)
