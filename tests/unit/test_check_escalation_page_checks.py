import inspect

import pytest

from auditor.testing import make_page
from checks.escalation import (
    chatbot_only,
    contact_email_not_linked,
    contact_number_inconsistent,
    contact_phone_not_linked,
    contact_route_depth,
    no_human_contact,
    no_phone_anywhere,
    opening_hours_missing,
)

PHONE_LINK = contact_phone_not_linked.CHECK
EMAIL_LINK = contact_email_not_linked.CHECK
CHATBOT = chatbot_only.CHECK
HOURS = opening_hours_missing.CHECK
NEW_CHECKS = [
    m.CHECK
    for m in (
        chatbot_only,
        contact_email_not_linked,
        contact_number_inconsistent,
        contact_phone_not_linked,
        contact_route_depth,
        no_human_contact,
        no_phone_anywhere,
        opening_hours_missing,
    )
]


def page(body: str, url: str = "https://voorbeeld.nl/hulp/bellen"):
    return make_page(f"<html lang=nl><body><main>{body}</main></body></html>", url=url)


def contact(body: str):
    result = page(f"<h1>Contact</h1>{body}", url="https://voorbeeld.nl/contact")
    assert result.kind == "contact"
    return result


@pytest.mark.parametrize("check", NEW_CHECKS, ids=lambda c: c.id)
def test_docs_have_the_sections_and_options_are_documented(check):
    docs = inspect.cleandoc(check.docs)
    for section in ("## What it does", "## Why is this bad?", "## Example", "## Use instead"):
        assert section in docs
    options = docs.split("## Options", 1)[1]
    for name in check.options:
        assert f"`{name}`" in options


def test_unlinked_phone_number_fires_once_per_number():
    findings = PHONE_LINK.execute(page("<p>Bel 020 123 4567.</p><p>Nogmaals: 020 123 45 67</p>"))
    assert [(f.check_id, f.signature, f.evidence) for f in findings] == [
        ("contact-phone-not-linked", "+31201234567", "020 123 4567")
    ]
    assert findings[0].severity == "minor" and not findings[0].legal


def test_linked_phone_number_and_fax_pass():
    assert PHONE_LINK.execute(page('<p>Bel <a href="tel:+31201234567">020 123 4567</a></p>')) == []
    assert PHONE_LINK.execute(page('<p>Bel <a href="tel:020-1234567">020 123 4567</a></p>')) == []
    assert PHONE_LINK.execute(page("<p>Fax: 020 123 4568</p>")) == []
    assert PHONE_LINK.execute(page("<p>KvK 0201234567</p>")) == []


def test_a_tel_link_to_another_number_does_not_link_the_shown_one():
    html = '<p>Bel 020 123 4567 <a href="tel:+31201234599">Bel</a></p>'
    assert [f.signature for f in PHONE_LINK.execute(page(html))] == ["+31201234567"]


def test_unlinked_email_fires_and_linked_passes():
    [finding] = EMAIL_LINK.execute(page("<p>Mail Klantenservice@voorbeeld.nl</p>"))
    assert finding.signature == "klantenservice@voorbeeld.nl"
    assert finding.check_id == "contact-email-not-linked"
    linked = '<p><a href="mailto:klantenservice@voorbeeld.nl">Klantenservice@voorbeeld.nl</a></p>'
    assert EMAIL_LINK.execute(page(linked)) == []
    assert len(EMAIL_LINK.execute(page("<p>info [at] voorbeeld.nl</p>"))) == 1


CHAT = '<button type="button">Chat met ons</button>'


def test_chat_as_the_only_route_on_the_contact_page_fires():
    [finding] = CHATBOT.execute(contact(f"<p>Stel uw vraag aan onze assistent.</p>{CHAT}"))
    assert finding.check_id == "chatbot-only" and finding.severity == "serious"
    vendor = '<script src="https://widget.intercom.io/widget/x"></script>'
    [finding] = CHATBOT.execute(contact(f"<p>Vraag het ons.</p>{vendor}"))
    assert "Intercom" in finding.message


@pytest.mark.parametrize(
    "route",
    [
        "<p>Bel 020 123 4567</p>",
        '<p><a href="tel:+31201234567">Bel ons</a></p>',
        "<p>Mail info@voorbeeld.nl</p>",
        '<p><a href="mailto:info@voorbeeld.nl">Mail ons</a></p>',
        "<form><textarea aria-label=Vraag></textarea><button>Verstuur</button></form>",
        '<p><a href="/formulier">Contactformulier</a></p>',
    ],
)
def test_chat_next_to_another_route_passes(route):
    assert CHATBOT.execute(contact(f"{CHAT}{route}")) == []


def test_chatbot_only_ignores_non_customer_routes_and_pages_without_chat():
    assert len(CHATBOT.execute(contact(f"{CHAT}<p>Pers: pers@voorbeeld.nl</p>"))) == 1
    assert CHATBOT.execute(contact("<p>Schrijf ons een brief.</p>")) == []
    assert CHATBOT.applies_to == ("contact",)


def test_phone_without_opening_hours_fires():
    [finding] = HOURS.execute(contact('<p>Bel <a href="tel:+31201234567">020 123 4567</a></p>'))
    assert finding.check_id == "opening-hours-missing" and finding.evidence == "020 123 4567"


@pytest.mark.parametrize(
    "hours",
    [
        "ma t/m vr 8.00–18.00",
        "Wij zijn maandag tot en met vrijdag bereikbaar.",
        "Bereikbaar van 9 tot 17 uur",
        "Mon–Fri 9am–5pm",
        "Monday to Friday, 8:30 to 17:00",
        "Wij zijn 24/7 bereikbaar",
        "Dag en nacht bereikbaar",
    ],
)
def test_opening_hours_anywhere_on_the_contact_page_pass(hours):
    assert HOURS.execute(contact(f"<p>Bel 020 123 4567</p><p>{hours}</p>")) == []


def test_opening_hours_extra_pattern_and_pages_without_phone():
    page_ = contact("<p>Bel 020 123 4567, tijdens kantooruren.</p>")
    assert len(HOURS.execute(page_)) == 1
    assert HOURS.execute(page_, {"hours_patterns": [r"\bkantooruren\b"]}) == []
    assert HOURS.execute(contact("<p>Mail info@voorbeeld.nl</p>")) == []
    assert HOURS.execute(contact("<p>Storingsnummer 0800-9009</p>")) == []


def test_emergency_number_need_not_be_linked_but_a_short_service_number_must():
    assert PHONE_LINK.execute(page("<p>Bij brand: bel 112.</p>")) == []
    [finding] = PHONE_LINK.execute(page("<p>Bel 1400.</p>"))
    assert finding.evidence == "1400"
