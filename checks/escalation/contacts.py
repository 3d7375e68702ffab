"""Finding phone numbers and email addresses in visible text and links (pure helpers)."""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

import phonenumbers

from auditor.model import PageSnapshot

EMAIL = re.compile(
    r"(?<![\w.+-])[A-Za-z0-9._%+-]+@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+"
    r"[A-Za-z]{2,24}(?![\w-])"
)
_FILE_LIKE = re.compile(r"\.(png|jpe?g|gif|svg|webp|css|js)$", re.I)


def visible_phone_numbers(text: str, region: str) -> list[str]:
    """Valid phone numbers in the text, formatted E.164 (phonenumbers' VALID leniency)."""
    matcher = phonenumbers.PhoneNumberMatcher(text, region, leniency=phonenumbers.Leniency.VALID)
    return [
        phonenumbers.format_number(m.number, phonenumbers.PhoneNumberFormat.E164) for m in matcher
    ]


def tel_link_numbers(page: PageSnapshot, region: str) -> list[str]:
    out = []
    for link in page.links:
        if link.href.lower().startswith("tel:"):
            raw = unquote(link.href[4:])
            try:
                number = phonenumbers.parse(raw, region)
            except phonenumbers.NumberParseException:
                continue
            if phonenumbers.is_valid_number(number):
                out.append(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))
    return out


def visible_emails(text: str) -> list[str]:
    """Email addresses in the text (image file names such as logo@2x.png are not addresses)."""
    return [m for m in EMAIL.findall(text) if not _FILE_LIKE.search(m)]


def mailto_addresses(page: PageSnapshot) -> list[str]:
    out = []
    for link in page.links:
        if link.href.lower().startswith("mailto:"):
            address = unquote(urlsplit(link.href).path)
            out.extend(a for a in address.split(",") if EMAIL.fullmatch(a.strip()))
    return out
