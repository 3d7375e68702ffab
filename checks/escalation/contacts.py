"""Phone numbers, email addresses, chat widgets and contact forms on a page (pure helpers).

Phone numbers are read from the visible text (`page.text`, the browser's innerText: hidden
elements and image alt text are not in it) with phonenumbers' VALID leniency for the site's
region (`checks/escalation/region.py`), and valid short numbers such as 1400 when a word
for calling comes right before them ("Bel 1400"). A `tel:` link makes its number visible
only when that number is also shown in the text (its link text or anywhere else on the
page): "Bel ons" linked to `tel:` shows nothing to a customer at a desktop. The text is
also read in the region of every international `tel:` number on the page, so "088 123 4567"
linked to `tel:+31881234567` is found on an English page of a site without a country domain.

Text in code (`pre`, `code`, `kbd`, `samp`) is left out: a number or address in a code
example is no way to reach anyone.

The words just before a number (on its line, after the previous number or separator; the
line above when the number stands alone, as under a heading) decide what it is: "KvK",
"IBAN", "BTW", "klantnummer", "ordernummer"… mean it is no phone number at all; "fax",
"storingsnummer", "pers", "emergency"… (and 112) that it is another service's; "vanuit het
buitenland", "from abroad" that it is the international way to the same service; a web
address of another organisation in the same sentence ("Visit www.insurekidsnow.gov, or
call …") or a desk named after a service the site's own names do not contain ("DigiD
helpdesk", "Helpdesk eHerkenning") that it is that organisation's line; "uw
telefoonnummer", "your email address"… that it is the customer's own, shown in an account
page, and no contact route at all. The word lists are in
`checks/data/escalation_patterns.json`.

`contact_facts(page)` sums this up for the site checks; the engine keeps it in
`PageSummary.facts["contact"]`.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from importlib.resources import files
from typing import Any, Literal
from urllib.parse import unquote, urlsplit

import phonenumbers
from bs4 import Tag
from phonenumbers import shortnumberinfo

from auditor.model import PageSnapshot, PageSummary, SiteSummary
from checks.escalation.region import page_region, page_regions
from checks.trust.web import host_of, registrable_domain

PhoneRole = Literal["customer", "abroad", "fax", "service", "emergency", "other-organisation"]
# Which role wins when one number is shown in several roles on a page.
ROLE_ORDER: tuple[PhoneRole, ...] = (
    "customer", "abroad", "service", "emergency", "fax", "other-organisation"
)  # fmt: skip
REACHES_CUSTOMER_SERVICE: frozenset[PhoneRole] = frozenset({"customer", "abroad"})

EMAIL = re.compile(
    r"(?<![\w.+-])[A-Za-z0-9._%+-]+@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+"
    r"[A-Za-z]{2,24}(?![\w-])"
)
# "klantenservice [at] voorbeeld.nl", "info(at)voorbeeld.nl", "info {at} voorbeeld.nl",
# "info ‘at’ voorbeeld.nl", "info AT voorbeeld DOT nl", "info [at] voorbeeld [dot] nl". A bare
# lower-case " at " is no obfuscation ("look at voorbeeld.nl").
_AT = r"(?:\s*(?:[\[({]\s*at\s*[\])}]|[‘'\"“]\s*at\s*[’'\"”])\s*|\s+(?-i:AT)\s+)"
_DOT = r"(?:\.|\s*[\[({]\s*dot\s*[\])}]\s*|\s+(?-i:DOT)\s+)"
OBFUSCATED_EMAIL = re.compile(
    rf"(?<![\w.+-])([A-Za-z0-9._%+-]+){_AT}((?:[A-Za-z0-9-]+{_DOT})+[A-Za-z]{{2,24}})(?![\w-])",
    re.I,
)
_DOT_WRITTEN = re.compile(_DOT, re.I)
# Domains reserved for examples and documentation (RFC 2606, RFC 6761).
_RESERVED_DOMAIN = re.compile(
    r"@(?:[\w-]+\.)*(?:example\.(?:com|net|org)|[\w-]+\.(?:example|test|invalid|localhost))$",
    re.I,
)
_FILE_LIKE = re.compile(r"\.(png|jpe?g|gif|svg|webp|css|js)$", re.I)
_SHORT_NUMBER = re.compile(r"(?<![\w+/.,:-])\d{3,6}(?![\w/,:-]|[.]\d)")
_LETTER = re.compile(r"[^\W\d_]")
# Opening hours, which the matcher reads as "0800 1800": "08.00 – 18.00", "8:30-17:00".
_TIME_RANGE = re.compile(
    r"(?:[01]?\d|2[0-4])[.:h][0-5]\d\s*(?:[-–—]|tot|to|till|until)?\s*(?:[01]?\d|2[0-4])[.:h][0-5]\d",
    re.I,
)
_GROUPED = re.compile(r"\d[\s().-]+\d")  # "866-555-0100", not an id such as "8665550100"
_CONTEXT_BREAK = re.compile(r"[;,|•·]")
_REMARK = re.compile(r"[ \t]*\(([^()\n]{1,30})\)")
CONTEXT_BEFORE = 60
_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n")
# "DigiD helpdesk", "Helpdesk eHerkenning", "KPN-servicedesk": a desk named after a service
# or organisation. Only names with a capital inside (an acronym or a camel-case name) count:
# "Technische helpdesk" or "Zakelijke klantenservice" at the start of a line is no name.
_DESK = r"(?:helpdesk|servicedesk|service desk|hotline|helpline|klantenservice)"
_NAMED_DESK = re.compile(
    rf"(?i:\b(?P<before>[\w&]+)[\s-]+{_DESK}\b|\b{_DESK}[\s-]+(?:(?:van|voor|of|for)\s+)?"
    r"(?P<after>[\w&]+))"
)
_NAME_WITH_CAPITAL = re.compile(r"\w+[A-Z]\w*")
_GENERIC_ACRONYMS = frozenset({"IT", "ICT", "HR", "PR", "FAQ", "VIP", "ID", "PC"})
_WEB_ADDRESS = re.compile(
    r"(?<![@\w.-])(?:https?://)?((?:www\.)?(?:[a-z0-9-]+\.)+"
    r"(?:gov|nl|com|org|net|eu|be|de|uk|edu|io|info|fr|us))\b(?![@.-]\w)",
    re.I,
)
MAX_LAUNCHER_WORDS = 6


@dataclasses.dataclass(frozen=True, slots=True)
class PhoneMention:
    """A valid phone number in the visible text."""

    number: str  # E.164
    text: str  # as written
    role: PhoneRole


@dataclasses.dataclass(frozen=True, slots=True)
class EmailMention:
    """An email address in the visible text."""

    address: str  # lower case
    text: str  # as written
    customer: bool  # False for press, security, privacy, jobs, no-reply addresses


@dataclasses.dataclass(frozen=True)
class Patterns:
    not_phone: re.Pattern[str]
    own_details: re.Pattern[str]  # "Uw telefoonnummer", "Your email": the customer's own
    phone_roles: tuple[tuple[PhoneRole, re.Pattern[str]], ...]
    other_email_local: re.Pattern[str]
    other_email_context: re.Pattern[str]
    chat_markers: tuple[tuple[str, str], ...]  # (lower-case marker, vendor)
    chat_launcher: re.Pattern[str]
    contact_form: re.Pattern[str]
    opening_hours: re.Pattern[str]
    short_number_before: re.Pattern[str]  # "bel", "telefoon", "call" right before a number


def words_pattern(patterns: Iterable[str], literal: Iterable[str] = ()) -> re.Pattern[str]:
    """One case-insensitive regex for whole words: regex fragments plus literal words."""
    parts = [*patterns, *(re.escape(w) for w in literal if w)]
    return re.compile(r"\b(?:" + "|".join(parts) + r")\b", re.I)


@cache
def patterns() -> Patterns:
    """The built-in Dutch and English patterns (checks/data/escalation_patterns.json)."""
    data = json.loads(
        (files("checks") / "data" / "escalation_patterns.json").read_text(encoding="utf-8")
    )
    roles = data["phone_roles"]
    return Patterns(
        not_phone=words_pattern(data["not_phone"]),
        own_details=words_pattern(data["own_details"]),
        phone_roles=tuple(
            (role, words_pattern(roles[role])) for role in ("fax", "service", "abroad")
        ),
        other_email_local=re.compile("|".join(data["other_email_local"]), re.I),
        other_email_context=words_pattern(data["other_email_context"]),
        chat_markers=tuple(
            (marker.lower(), vendor)
            for vendor, markers in data["chat_vendors"].items()
            for marker in markers
        ),
        chat_launcher=re.compile(
            r"^\s*(?:" + "|".join(data["chat_launcher_text"]) + r")\s*[!.?]?\s*$", re.I
        ),
        contact_form=words_pattern(data["contact_form_text"]),
        opening_hours=re.compile("|".join(data["opening_hours"]), re.I),
        short_number_before=re.compile(
            r"\b(?:" + "|".join(data["short_number_before"]) + r")\b\W{0,3}$", re.I
        ),
    )


# --------------------------------------------------------------------------------------------
# Phone numbers
# --------------------------------------------------------------------------------------------


def phone_mentions(
    page: PageSnapshot, region: str = "", not_phone_words: Sequence[str] = ()
) -> tuple[PhoneMention, ...]:
    """The valid phone numbers in the visible text, in page order, with their role; numbers
    that the words before them call something else (KvK, IBAN, klantnummer…) are left out."""
    code, *also = page_regions(page, region)
    key = f"escalation.phones:{code}:{','.join(also)}:{'|'.join(not_phone_words)}"

    def compute() -> tuple[PhoneMention, ...]:
        domains = own_domains(page)
        return phone_mentions_in(
            contact_text(page),
            code,
            frozenset(tel_numbers(page, code)),
            tuple(not_phone_words),
            also=tuple(also),
            own_domains=domains,
            own_names=own_names(page, domains),
        )

    return page.memo(key, compute)


def own_names(page: PageSnapshot, domains: frozenset[str]) -> frozenset[str]:
    """The site's own names, lower case without spaces: its domains' labels, `og:site_name`
    and the last part of the title ("Inloggen | Gemeente Voorbeeld": only "Gemeente
    Voorbeeld", since the rest of a title names the page's subject)."""
    names = {d.split(".")[0] for d in domains}
    site = page.dom.select_one("meta[property='og:site_name'][content]")
    parts = re.split(r"\s[|–—-]\s", page.title)
    for name in (
        str(site.get("content") or "") if site else "",
        parts[-1] if len(parts) > 1 else "",
    ):
        names.add(re.sub(r"\W+", "", name.lower()))
    return frozenset(n for n in names if n)


def own_domains(page: PageSnapshot) -> frozenset[str]:
    """The registrable domains that are the site's own: the page's, and its canonical
    address's (a site served from a test host or a mirror names its real domain there)."""
    urls = [page.final_url]
    for el in page.dom.select("link[rel~=canonical][href], meta[property='og:url'][content]"):
        urls.append(str(el.get("href") or el.get("content") or ""))
    return frozenset(d for url in urls if (d := registrable_domain(host_of(url))))


def visible_phone_numbers(text: str, region: str) -> list[str]:
    """The valid phone numbers in a text (E.164), in order; not KvK, IBAN, order numbers…"""
    return [m.number for m in phone_mentions_in(text, region)]


def phone_mentions_in(
    text: str,
    region: str,
    linked: frozenset[str] = frozenset(),
    not_phone_words: tuple[str, ...] = (),
    *,
    also: tuple[str, ...] = (),
    own_domains: frozenset[str] = frozenset(),
    own_names: frozenset[str] = frozenset(),
) -> tuple[PhoneMention, ...]:
    """Phone numbers in `text` for `region` and the regions `also` read, plus the `linked`
    numbers (E.164) written the way their own country writes them, plus short numbers right
    after "bel", "telefoon", "call"… ("Bel 1400"). With `own_domains` (the site's), a
    number in a sentence that names another web address ("Visit www.insurekidsnow.gov, or
    call 1-877-543-7669") is that organisation's line; with `own_names`, so is a number
    labelled as the desk of a service the site's names do not contain ("DigiD helpdesk")."""
    found: dict[int, _Candidate] = {
        m.start: _Candidate(m.start, m.end, m.raw_string, m.number) for m in _matches(text, region)
    }
    for other in also:  # the other side of the Atlantic: only numbers grouped its way
        for m in _matches(text, other, phonenumbers.Leniency.STRICT_GROUPING):
            overlaps = any(c.start < m.end and m.start < c.end for c in found.values())
            if not overlaps and _GROUPED.search(m.raw_string):
                found[m.start] = _Candidate(m.start, m.end, m.raw_string, m.number)
    for other in {phonenumbers.region_code_for_number(_parse(n)) for n in linked} - {region}:
        for m in _matches(text, other):
            if _e164(m.number) in linked:
                found.setdefault(m.start, _Candidate(m.start, m.end, m.raw_string, m.number))
    for candidate in _short_numbers(text, region):
        if not any(c.start <= candidate.start < c.end for c in found.values()):
            found[candidate.start] = candidate
    extra = words_pattern([], not_phone_words) if not_phone_words else None
    out: list[PhoneMention] = []
    previous_end = 0
    for start in sorted(found):
        candidate = found[start]
        context = _context(text, candidate.start, candidate.end, previous_end)
        previous_end = candidate.end
        if (
            _TIME_RANGE.fullmatch(candidate.text.strip())
            or patterns().not_phone.search(context)
            or patterns().own_details.search(context)
            or (extra and extra.search(context))
        ):
            continue
        role = number_role(candidate.number, context)
        if role == "customer" and (
            (own_domains and _names_another_site(text, candidate, own_domains))
            or (own_names and _names_another_desk(context, own_names))
        ):
            role = "other-organisation"
        out.append(PhoneMention(_e164(candidate.number), candidate.text, role))
    return tuple(out)


def _names_another_site(text: str, candidate: _Candidate, own: frozenset[str]) -> bool:
    """The sentence around the number names a web address of another organisation."""
    start = max(text.rfind("\n", 0, candidate.start), 0)
    for end in _SENTENCE_END.finditer(text, start, candidate.start):
        start = end.end()
    stop = _SENTENCE_END.search(text, candidate.end)
    sentence = text[start : stop.start() if stop else len(text)]
    return any(registrable_domain(m.group(1)) not in own for m in _WEB_ADDRESS.finditer(sentence))


def _names_another_desk(context: str, own: frozenset[str]) -> bool:
    """The label names the desk of a service or organisation that is not the site's own."""
    for m in _NAMED_DESK.finditer(context):
        name = m.group("before") or m.group("after")
        if not _NAME_WITH_CAPITAL.fullmatch(name) or name.upper() in _GENERIC_ACRONYMS:
            continue
        key = name.lower()
        if not any(key in n or n in key for n in own):
            return True
    return False


@dataclasses.dataclass(frozen=True, slots=True)
class _Candidate:
    start: int
    end: int
    text: str
    number: phonenumbers.PhoneNumber


def _matches(
    text: str, region: str, leniency: int = phonenumbers.Leniency.VALID
) -> list[phonenumbers.PhoneNumberMatch]:
    return list(phonenumbers.PhoneNumberMatcher(text, region, leniency=leniency))


def _short_numbers(text: str, region: str) -> list[_Candidate]:
    """Valid short numbers for the region (1400, 112) written right after a word for
    calling: on their own, most short digit groups are years, prices or house numbers."""
    out = []
    for m in _SHORT_NUMBER.finditer(text):
        if not patterns().short_number_before.search(text, max(0, m.start() - 30), m.start()):
            continue
        number = phonenumbers.parse(m.group(0), region)
        if is_callable(number, region):
            out.append(_Candidate(m.start(), m.end(), m.group(0), number))
    return out


def is_callable(number: phonenumbers.PhoneNumber, region: str) -> bool:
    """A valid number, or a valid short number of the region (1400, 112)."""
    return phonenumbers.is_valid_number(number) or (
        shortnumberinfo.is_valid_short_number_for_region(number, region)
    )


def number_role(number: phonenumbers.PhoneNumber, context: str) -> PhoneRole:
    """Emergency numbers (112) are that; else the words around the number decide."""
    national = str(number.national_number)
    region = phonenumbers.region_code_for_country_code(number.country_code)
    return (
        "emergency" if phonenumbers.is_emergency_number(national, region) else phone_role(context)
    )


def _e164(number: phonenumbers.PhoneNumber) -> str:
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _parse(e164: str) -> phonenumbers.PhoneNumber:
    return phonenumbers.parse(e164, None)


def national_format(e164: str) -> str:
    """ "+31201234567" as a customer in that country writes it: "020 123 4567"."""
    return phonenumbers.format_number(_parse(e164), phonenumbers.PhoneNumberFormat.NATIONAL)


def phone_role(context: str) -> PhoneRole:
    """What the words around a number say it is for."""
    for role, pattern in patterns().phone_roles:
        if pattern.search(context):
            return role
    return "customer"


def _context(text: str, start: int, end: int, previous_end: int) -> str:
    """The words that label a match: before it on its line (after the previous match or
    separator), or the line above when nothing but digits precede it; and a remark in
    brackets right after it ("020 123 4568 (fax)")."""
    line_start = text.rfind("\n", 0, start) + 1
    if _LETTER.search(text[line_start:start]):
        before = _CONTEXT_BREAK.split(text[max(line_start, previous_end) : start])[-1]
    else:
        before = text[:line_start].rstrip().rpartition("\n")[2]
    remark = _REMARK.match(text, end)
    return before[-CONTEXT_BEFORE:] + " " + (remark.group(1) if remark else "")


def tel_numbers(page: PageSnapshot, region: str) -> dict[str, str]:
    """The valid numbers of the page's `tel:` links (E.164) with their link text."""
    out: dict[str, str] = {}
    for link in page.links:
        if link.href.lower().startswith("tel:"):
            raw = unquote(link.href[4:]).split(";")[0].strip()
            try:
                number = phonenumbers.parse(raw, region)
            except phonenumbers.NumberParseException:
                continue
            if is_callable(number, region):
                out.setdefault(_e164(number), link.text)
    return out


def page_phones(
    page: PageSnapshot, region: str = "", not_phone_words: Sequence[str] = ()
) -> dict[str, PhoneRole]:
    """Every phone number the page offers, shown or only linked (E.164), with its role."""
    roles: dict[str, list[PhoneRole]] = {}
    for mention in phone_mentions(page, region, not_phone_words):
        roles.setdefault(mention.number, []).append(mention.role)
    for number, text in tel_numbers(page, page_region(page, region)).items():
        roles.setdefault(number, []).append(number_role(_parse(number), text))
    return {number: min(found, key=ROLE_ORDER.index) for number, found in roles.items()}


# --------------------------------------------------------------------------------------------
# Email addresses
# --------------------------------------------------------------------------------------------


def email_mentions(page: PageSnapshot) -> tuple[EmailMention, ...]:
    """The email addresses in the visible text (also "naam [at] voorbeeld.nl"), in page
    order; image file names such as logo@2x.png are not addresses."""
    return page.memo("escalation.emails", lambda: email_mentions_in(contact_text(page)))


def contact_text(page: PageSnapshot) -> str:
    """The visible text without code (`pre`, `code`, `kbd`, `samp`): a number or address in
    a code example is no way to reach the organisation."""
    return page.memo("escalation.text", lambda: _without_code(page))


def _without_code(page: PageSnapshot) -> str:
    text = page.text
    for el in page.dom.select("pre, code, kbd, samp"):
        if el.find_parent(["pre", "code", "kbd", "samp"]) is None:
            for line in el.get_text().splitlines():
                if line.strip():
                    text = text.replace(line.strip(), " ", 1)
    return text


def visible_emails(text: str) -> list[str]:
    """The email addresses in a text, lower case, in order."""
    return [m.address for m in email_mentions_in(text)]


def email_mentions_in(text: str) -> tuple[EmailMention, ...]:
    found: dict[int, tuple[int, str, str]] = {}
    for m in EMAIL.finditer(text):
        found[m.start()] = (m.end(), m.group(0), m.group(0))
    for m in OBFUSCATED_EMAIL.finditer(text):
        domain = _DOT_WRITTEN.sub(".", m.group(2))
        found.setdefault(m.start(), (m.end(), m.group(0), f"{m.group(1)}@{domain}"))
    out: list[EmailMention] = []
    previous_end = 0
    for start in sorted(found):
        end, written, address = found[start]
        if _FILE_LIKE.search(address) or _RESERVED_DOMAIN.search(address):
            continue  # an image name, or an example in documentation (user@example.com)
        context = _context(text, start, end, previous_end)
        previous_end = end
        if patterns().own_details.search(context):
            continue  # the customer's own address, shown in an account page
        out.append(EmailMention(address.lower(), written, is_customer_email(address, context)))
    return tuple(out)


def is_customer_email(address: str, context: str = "") -> bool:
    """False for addresses that are not for customers' questions: press, security reports,
    privacy officer, jobs, no-reply (by the local part or the words before it)."""
    local = address.split("@", 1)[0]
    return not (
        patterns().other_email_local.fullmatch(local)
        or patterns().other_email_context.search(context)
    )


def mailto_addresses(page: PageSnapshot) -> list[str]:
    """The valid addresses of the page's `mailto:` links, lower case (not the reserved
    example domains)."""
    out = []
    for link in page.links:
        if link.href.lower().startswith("mailto:"):
            address = unquote(urlsplit(link.href).path)
            out.extend(
                a.strip().lower()
                for a in address.split(",")
                if EMAIL.fullmatch(a.strip()) and not _RESERVED_DOMAIN.search(a.strip())
            )
    return out


# --------------------------------------------------------------------------------------------
# Chat and contact forms
# --------------------------------------------------------------------------------------------


def chat_vendor(page: PageSnapshot, extra_markers: Sequence[str] = ()) -> str:
    """The chat widget on the page: a vendor's name, "chat launcher" for a button or link
    named like "Chat met ons", or "" when there is none."""
    key = "escalation.chat:" + "|".join(extra_markers)
    return page.memo(key, lambda: _chat_vendor(page.dom, tuple(extra_markers)))


def _chat_vendor(dom: Tag, extra_markers: tuple[str, ...]) -> str:
    vendors = {**dict(patterns().chat_markers), **{m.lower(): "chat widget" for m in extra_markers}}
    markers = re.compile("|".join(map(re.escape, sorted(vendors, key=len, reverse=True))))
    for el in dom.find_all(True):
        found = markers.search(_identifying_text(el))
        if found:
            return vendors[found.group(0)]
    for el in dom.select("button, a[href], [role=button]"):
        label = el.get_text(" ", strip=True) or str(el.get("aria-label") or "")
        if len(label.split()) <= MAX_LAUNCHER_WORDS and patterns().chat_launcher.match(label):
            return "chat launcher"
    return ""


def _identifying_text(el: Tag) -> str:
    """An element's script/frame source, id, classes, name and title (and an inline
    script's code), lower case: where chat vendors leave their names."""
    values: list[str] = []
    for attr in ("src", "id", "class", "name", "title"):
        value = el.get(attr)
        if value:
            values.append(" ".join(value) if isinstance(value, list) else str(value))
    if el.name == "script" and not el.get("src"):
        values.append(el.get_text())
    return " ".join(values).lower()


def has_contact_form(page: PageSnapshot) -> bool:
    """A form with a message field, or a link to one ("Contactformulier", "Stuur ons een
    bericht"): a search box or a newsletter sign-up is not a way to ask a question."""
    return page.memo("escalation.form", lambda: _has_contact_form(page))


def _has_contact_form(page: PageSnapshot) -> bool:
    if any(form.select_one("textarea") for form in page.dom.select("form:not([role=search])")):
        return True
    return any(patterns().contact_form.search(link.text) for link in page.links)


# --------------------------------------------------------------------------------------------
# Facts for site checks
# --------------------------------------------------------------------------------------------


def contact_facts(
    page: PageSnapshot, region: str = "", not_phone_words: Sequence[str] = ()
) -> dict[str, Any]:
    """What the site checks need to know about a page's contact routes (JSON-safe):
    `phones` (customer service), `abroad_phones` and `other_phones` (fax, outage, press,
    emergency) as E.164, shown or linked; customer `emails`, shown or linked; `has_chat`;
    `has_form`."""
    phones = page_phones(page, region, not_phone_words)
    shown = {m.address: m.customer for m in email_mentions(page)}
    for address in mailto_addresses(page):
        shown.setdefault(address, is_customer_email(address))
    return {
        "phones": [n for n, role in phones.items() if role == "customer"],
        "abroad_phones": [n for n, role in phones.items() if role == "abroad"],
        "other_phones": [n for n, role in phones.items() if role not in REACHES_CUSTOMER_SERVICE],
        "emails": [a for a, customer in shown.items() if customer],
        "has_chat": bool(chat_vendor(page)),
        "has_form": has_contact_form(page),
    }


def site_contact_facts(site: SiteSummary) -> list[tuple[PageSummary, Mapping[str, Any]]]:
    """The site's HTML pages with the contact facts the engine stored for them; [] when it
    stored none (then the site checks cannot judge and report nothing)."""
    return [
        (page, page.facts["contact"])
        for page in site.html_pages
        if isinstance(page.facts.get("contact"), Mapping)
    ]
