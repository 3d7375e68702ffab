"""Ways to act in a page's main content: a link or button that does a task, a form, a way
into the logged-in area ("Mijn omgeving", "Log in": a link, or an instruction in the text),
or a contact route (a contact link, `tel:`/`mailto:`, a phone number or email address in the
text). Navigation, header and footer are not main content: the Contact link in the menu does
not make an article actionable.

Every test here errs towards finding a route: a check that reports a missing route must be
right."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from functools import cache
from urllib.parse import urljoin, urlsplit

from bs4 import Tag

from auditor.classify import CONTACT_PATH
from auditor.model import PageSnapshot
from checks.escalation.contact_route import CONTACT_TEXT
from checks.escalation.contacts import visible_emails, visible_phone_numbers
from checks.feedback.widgets import is_feedback_element
from checks.findability.content import main_markup_text, main_root
from checks.findability.patterns import find_phrase, phrase_pattern, words
from checks.findability.search_form import is_search_form

MAX_CONTROL_WORDS = 8  # a longer "link text" is a sentence that happens to be a link
CONTROLS = "a[href], area[href], button, input[type=submit], input[type=button], [role=button]"
NOT_FIELDS = ("hidden", "submit", "button", "reset", "image", "search")
CONTACT_SCHEMES = ("tel:", "mailto:", "sms:", "https://wa.me/", "https://api.whatsapp.com/")
PORTAL_PATH = re.compile(
    r"(^|/)(mijn|my|my-?account|account|portal|portaal|mijn-?omgeving|login|inloggen|log-?in|"
    r"sign-?in)(/|\.[a-z]+$|$)",
    re.I,
)
PORTAL_HOST = re.compile(r"^(mijn|my|login|account|portal|portaal)\.", re.I)
# "Mijn omgeving", "Mijn Energie", "MijnOverheid": the name of a logged-in area.
MIJN_NAME = re.compile(r"^\s*mijn\s*[^\W\d_]", re.I)
# Mid-sentence with a capital: "in Mijn Energie", not "in mijn jaarafrekening".
MIJN_PRODUCT = r"(?-i:Mijn)\s?[^\W\d_]+"
_APP = re.compile(
    r"\b(?:de|onze|the|our|mobile|mobiele)\s+app\b|\bin-app\b|\bapp\s+(?:store|on)\b", re.I
)


@dataclasses.dataclass(frozen=True, slots=True)
class Control:
    """A link or button in the main content: its text (or accessible name) and target."""

    text: str
    href: str = ""  # absolute URL of a link, "" for a button


def controls(page: PageSnapshot) -> tuple[Control, ...]:
    return page.memo("selfservice.controls", lambda: _controls(page))


def _controls(page: PageSnapshot) -> tuple[Control, ...]:
    out = []
    for el in main_root(page).select(CONTROLS):
        text = el.get_text(" ", strip=True) or str(
            el.get("aria-label") or el.get("value") or el.get("title") or ""
        )
        href = str(el.get("href") or "")
        out.append(Control(" ".join(text.split()), urljoin(page.final_url, href) if href else ""))
    return tuple(out)


def is_login(control: Control, phrases: Sequence[str] = ()) -> bool:
    """A link or button into the logged-in area, by its text or its URL."""
    if _short(control) and (
        MIJN_NAME.match(control.text) or find_phrase(control.text, (*login_words(), *phrases))
    ):
        return True
    return bool(control.href) and looks_like_portal(control.href)


def looks_like_portal(url: str) -> bool:
    parts = urlsplit(url)
    return bool(PORTAL_HOST.match(parts.hostname or "") or PORTAL_PATH.search(parts.path))


def is_contact(control: Control) -> bool:
    href = control.href.lower()
    if href.startswith(CONTACT_SCHEMES) or (href and CONTACT_PATH.search(urlsplit(href).path)):
        return True
    return _short(control) and bool(
        CONTACT_TEXT.search(control.text) or find_phrase(control.text, words("contact"))
    )


def is_action(control: Control, phrases: Sequence[str] = ()) -> bool:
    """A link or button whose text names a task ("Adres wijzigen", "Naar het formulier")."""
    task_words = (*words("tasks"), *words("actions"), *phrases)
    return _short(control) and bool(find_phrase(control.text, task_words))


def action_forms(page: PageSnapshot) -> list[Tag]:
    """Forms in the main content with a field to fill in, other than search and feedback."""
    return [
        form
        for form in main_root(page).select("form")
        if _has_field(form) and not is_search_form(form) and not is_feedback_element(form)
    ]


def contact_in_text(page: PageSnapshot, region: str) -> bool:
    """A phone number or email address in the main text (closed disclosures included)."""
    text = main_markup_text(page)
    return bool(visible_emails(text) or visible_phone_numbers(text, region))


def has_way_to_act(page: PageSnapshot, *, actions: Sequence[str] = (), region: str = "NL") -> bool:
    """The main content offers a task link or button, a form, a way into the logged-in area
    (a link, or text that sends the reader there), or a contact route (cheap tests first)."""
    return (
        any(is_action(c, actions) or is_login(c) or is_contact(c) for c in controls(page))
        or mentions_login(page)
        or bool(action_forms(page))
        or contact_in_text(page, region)
    )


def task_topic(page: PageSnapshot, tasks: Sequence[str] = ()) -> str:
    """The task word in the page's h1 or title ("wijzigen" in "Adres wijzigen"), or ""."""
    h1 = main_root(page).find("h1") or page.dom.find("h1")
    heading = h1.get_text(" ", strip=True) if h1 else ""
    phrases = (*words("tasks"), *tasks)
    return find_phrase(heading, phrases) or find_phrase(page.title, phrases)


def login_words() -> tuple[str, ...]:
    return (*words("login_names"), *words("login_verbs"))


def mentions_login(page: PageSnapshot) -> bool:
    """The main text sends the reader to the logged-in area: "Log in op …", "Log in to …",
    "in Mijn omgeving", "via Mijn Energie", "in My account". "Log in met dezelfde gegevens"
    or "in mijn jaarafrekening" do not."""
    text = main_markup_text(page)
    return any(not _about_an_app(text, m.start()) for m in _login_instruction().finditer(text))


def _about_an_app(text: str, index: int) -> bool:
    """The sentence around `index` is about an app ("Log in op de app", "in My account in
    our app"): that account lives on the phone, not on the site."""
    start = max(text.rfind(". ", 0, index), text.rfind("\n", 0, index)) + 1
    ends = [i for i in (text.find(". ", index), text.find("\n", index)) if i >= 0]
    return bool(_APP.search(text[start : min(ends, default=len(text))]))


@cache
def _login_instruction() -> re.Pattern[str]:
    verbs = "|".join(phrase_pattern(v) for v in words("login_verbs"))
    names = "|".join([*(phrase_pattern(n) for n in words("login_names")), MIJN_PRODUCT])
    return re.compile(
        rf"(?<!\w)(?:{verbs})\s+(?:op|bij|in|to|on|at)\b"
        rf"|\b(?:in|via|naar|op|to|into|at)\s+(?:(?:uw|de|het|your|the)\s+)?(?:{names})",
        re.IGNORECASE,
    )


def _short(control: Control) -> bool:
    return 0 < len(control.text.split()) <= MAX_CONTROL_WORDS


def _has_field(form: Tag) -> bool:
    fields = form.select("input, select, textarea")
    return any(
        field.name != "input" or str(field.get("type") or "text").lower() not in NOT_FIELDS
        for field in fields
    )
