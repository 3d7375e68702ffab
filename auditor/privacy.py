"""Personal data shown inside a portal, and masking it in everything an audit writes.

Reports end up as CI artifacts, so the customer's name, address, IBAN, email address, phone
number and customer number shown on portal pages must not end up in evidence. Checks run on
the real page; what they report is masked afterwards (`Masker`).

What counts as personal on a portal page (`personal_values`):
- the value of a labelled field: `<dt>Naam</dt><dd>…</dd>`, a table row headed "Adres",
  "Label: value" lines, for labels such as naam/name, adres/address, postcode, woonplaats,
  e-mail, telefoon/phone, IBAN/rekeningnummer, klantnummer/customer number, geboortedatum;
- the name after "Ingelogd als", "Welkom", "Logged in as", "Welcome"…;
- every email address, IBAN and phone number on the page that the public pages of the site
  do not show (those are the organisation's own contact details);
- the account's username.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

import phonenumbers
from bs4 import BeautifulSoup, Tag

MASK = "[•••]"
MIN_LENGTH = 4

_LABEL = re.compile(
    r"^(?:uw|je|jouw|mijn|your|my)?\s*("
    r"(?:volledige |full |achter|voor)?naam|(?:full |first |last |sur)?name|"
    r"(?:woon|post|factuur|billing |postal |home |street )?adres|(?:postal |home |street )?address|"
    r"straat(?:naam)?|street|huisnummer|postcode|postal code|zip(?: code)?|woonplaats|plaats|"
    r"city|town|e-?mail(?:-?adres)?|email address|telefoon(?:nummer)?|mobiel(?:e)?(?: nummer)?|"
    r"(?:mobile |tele)?phone(?: number)?|mobile|iban|(?:bank)?rekening(?:nummer)?|"
    r"(?:bank )?account(?: number)?|klant-?nummer|customer (?:number|id)|relatienummer|"
    r"geboortedatum|date of birth|birth ?date|bsn|burgerservicenummer"
    r")\s*:?\s*$",
    re.I,
)
_NAME_LABEL = re.compile(r"naam|name", re.I)
_ADDRESS_LABEL = re.compile(r"adres|address", re.I)
_LINE_FIELD = re.compile(r"^\s*([^:\n]{2,40}):\s*(\S[^\n]{1,120})$", re.M)
_GREETING = re.compile(
    r"\b(?i:ingelogd als|logged in as|signed in as|welkom|welcome|hallo|hello|beste|dear)[,:]?\s+"
    r"((?:[A-Z]\.|[A-Z][\w'’-]+)(?:[ \t]+(?:de|van|der|den|ter|ten|het|te|la|le|von|[A-Z]\.|"
    r"[A-Z][\w'’-]+)){0,4})"
)
EMAIL = re.compile(r"(?<![\w.+-])[A-Za-z0-9._%+-]+@(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,24}(?![\w-])")
IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?:\s?[A-Z0-9]{4}){2,7}(?:\s?[A-Z0-9]{1,3})?\b")
PHONE_LIKE = re.compile(r"(?<![\w])\+?\(?\d[\d\s().-]{6,18}\d(?![\w])")


def personal_values(
    html: str,
    text: str,
    *,
    public_contacts: Iterable[str] = (),
    region: str = "NL",
) -> set[str]:
    """The personal values shown on one portal page (see the module docstring)."""
    fields: list[tuple[str, str]] = _labelled_values(BeautifulSoup(html, "lxml")) if html else []
    fields += [(label, value) for label, value in _LINE_FIELD.findall(text)]
    fields += [("naam", m.group(1)) for m in _GREETING.finditer(text)]
    values: set[str] = set()
    for label, raw in fields:
        if not _LABEL.match(label.strip()):
            continue
        value = " ".join(raw.split())
        values.add(value)
        if _NAME_LABEL.search(label) and len(value.split()) > 1:
            values.add(value.split(maxsplit=1)[1])  # the surname: "J. de Vries" too
        if _ADDRESS_LABEL.search(label):
            values |= {part.strip() for part in value.split(",")}  # street, postcode + town
    public = {_contact_key(c) for c in public_contacts}
    for match in EMAIL.finditer(text):
        if _contact_key(match.group()) not in public:
            values.add(match.group())
    for match in IBAN.finditer(text):
        values.add(match.group())
    for number in _phone_numbers(text, region):
        if _contact_key(number) not in public:
            values.add(number)
    return {v for v in (" ".join(v.split()) for v in values) if _worth_masking(v)}


def _labelled_values(dom: BeautifulSoup) -> list[tuple[str, str]]:
    """(label, value) of description lists, table rows with a header cell and filled-in
    form fields."""
    fields = []
    for dt in dom.find_all("dt"):
        dd = dt.find_next_sibling("dd")
        if isinstance(dd, Tag):
            fields.append((dt.get_text(" ", strip=True), dd.get_text(" ", strip=True)))
    for th in dom.find_all("th"):
        cell = th.find_next_sibling("td")
        if isinstance(cell, Tag):
            fields.append((th.get_text(" ", strip=True), cell.get_text(" ", strip=True)))
    for label in dom.find_all("label"):
        target = dom.find(id=str(label.get("for"))) if label.get("for") else None
        value = target.get("value") if isinstance(target, Tag) else None
        if isinstance(value, str):
            fields.append((label.get_text(" ", strip=True), value))
    return fields


def _phone_numbers(text: str, region: str) -> list[str]:
    matcher = phonenumbers.PhoneNumberMatcher(text, region, leniency=phonenumbers.Leniency.VALID)
    return [match.raw_string for match in matcher]


def _contact_key(value: str) -> str:
    """Emails compare without case; numbers by their last nine digits (so 020…, +31 20…
    and tel:+3120… are one number)."""
    if "@" in value:
        return value.strip().lower()
    digits = re.sub(r"\D", "", value)
    return digits[-9:] if len(digits) >= 7 else value.strip().lower()


def _worth_masking(value: str) -> bool:
    """Long enough and not a plain word of the interface ("Ja", "Onbekend")."""
    return len(value) >= MIN_LENGTH and (
        any(c.isdigit() for c in value) or "@" in value or " " in value or value[:1].isupper()
    )


class Masker:
    """Replaces personal values in text: literally (without case, any white space between
    words), and numbers and IBANs in any spacing (`06 12345678` is also `0612345678`)."""

    def __init__(self, values: Iterable[str] = (), secrets: Iterable[str] = ()) -> None:
        self.values: set[str] = set()
        self.secrets = tuple(s for s in secrets if s)
        self._pattern: re.Pattern[str] | None = None
        self._numbers: set[str] = set()
        self.add(values)

    def add(self, values: Iterable[str]) -> None:
        new = {v for v in values if v and v not in self.values}
        if not new:
            return
        self.values |= new
        literal = sorted(self.values | set(self.secrets), key=len, reverse=True)
        words = (r"\s+".join(re.escape(w) for w in v.split()) for v in literal if v.split())
        self._pattern = re.compile("|".join(words), re.I)
        self._numbers = {
            key for v in self.values if len(key := re.sub(r"[^0-9A-Za-z]", "", v)) >= 7
        }

    def add_secrets(self, secrets: Iterable[str]) -> None:
        self.secrets = tuple(dict.fromkeys((*self.secrets, *(s for s in secrets if s))))
        values, self.values = self.values, set()
        self.add(values)  # rebuild the pattern

    def __bool__(self) -> bool:
        return bool(self.values or self.secrets)

    def text(self, value: str) -> str:
        if not value or not self:
            return value
        for secret in self.secrets:  # exact, whatever it looks like
            value = value.replace(secret, MASK)
        if self._pattern is not None:
            value = self._pattern.sub(MASK, value)
        if self._numbers:
            value = IBAN.sub(self._number_mask, value)
            value = PHONE_LIKE.sub(self._number_mask, value)
        return value

    def _number_mask(self, match: re.Match[str]) -> str:
        key = re.sub(r"[^0-9A-Za-z]", "", match.group())
        if key in self._numbers or any(len(n) >= 9 and key.endswith(n[-9:]) for n in self._numbers):
            return MASK
        return match.group()

    def deep(self, value: Any) -> Any:
        """Masks every string inside lists and mappings too (page metrics)."""
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, Mapping):
            return {k: self.deep(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return type(value)(self.deep(v) for v in value)
        return value

    def is_personal(self, value: str) -> bool:
        """True when masking changes `value` (a contact detail that is the customer's)."""
        return self.text(value) != value
