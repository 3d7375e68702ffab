import pytest

from auditor.testing import make_page
from checks.escalation.contact_email_visible import CHECK as EMAIL
from checks.escalation.contact_phone_visible import CHECK as PHONE


def contact(body: str):
    return make_page(
        f"<html lang=nl><body><main><h1>Contact</h1>{body}</main></body></html>",
        url="https://voorbeeld.nl/contact",
    )


@pytest.mark.parametrize(
    "text",
    [
        "Bel ons op 020 123 4567.",
        "Telefoon: 088-123 45 67",
        "Bel gratis 0800-0123",
        "Call +31 (0)20 123 45 67",
        "Mobiel 06 12345678",
    ],
)
def test_visible_phone_number_passes(text):
    page = contact(f"<p>{text}</p>")
    assert page.kind == "contact"
    assert PHONE.execute(page) == []


def test_tel_link_passes_when_its_number_is_shown():
    assert PHONE.execute(contact('<p><a href="tel:+31201234567">020 123 4567</a></p>')) == []
    shown_nearby = '<p>Bel 020 123 4567 <a href="tel:+31201234567">Bel direct</a></p>'
    assert PHONE.execute(contact(shown_nearby)) == []


def test_tel_link_without_the_number_shown_fires():
    [finding] = PHONE.execute(contact('<a href="tel:+31201234567">Bel ons</a>'))
    assert "020 123 4567" in finding.message and "does not show" in finding.message


def test_number_in_image_alt_only_does_not_count():
    page = contact('<img src="/bel.png" alt="Bel 020 123 4567"><p>Mail ons.</p>')
    assert len(PHONE.execute(page)) == 1


def test_aria_hidden_number_is_visible_and_counts():
    assert PHONE.execute(contact('<p aria-hidden="true">020 123 4567</p>')) == []


@pytest.mark.parametrize(
    "text",
    [
        "Stuur ons een bericht via het formulier.",
        "KvK 34123456, BTW NL123456789B01",  # business ids are not phone numbers
        "Datum: 12-03-2024",
        "Klantnummer: 0201234567",  # a valid-looking number labelled as something else
        "Ordernummer 0612345678",
        "Fax: 020 123 4568",  # a fax or outage line is not the customer service number
        "Storingsnummer 0800-9009",
    ],
)
def test_contact_page_without_phone_fires(text):
    [finding] = PHONE.execute(contact(f"<p>{text}</p>"))
    assert finding.check_id == "contact-phone-visible"
    assert finding.legal is True


def test_hidden_phone_number_does_not_count():
    assert len(PHONE.execute(contact("<p hidden>020 123 4567</p><p>Mail ons.</p>"))) == 1


def test_phone_check_applies_only_to_contact_pages():
    article = make_page(
        "<html lang=nl><body><main><h1>Verhuizen</h1><p>Tekst</p></main></body></html>",
        url="https://voorbeeld.nl/hulp/verhuizen",
    )
    assert not PHONE.applies(article)
    assert PHONE.applies(contact("<p>x</p>"))


def test_visible_email_passes_linked_or_not():
    assert EMAIL.execute(contact("<p>Mail klantenservice@voorbeeld.nl</p>")) == []
    linked = '<p><a href="mailto:help@voorbeeld.nl">help@voorbeeld.nl</a></p>'
    assert EMAIL.execute(contact(linked)) == []
    assert EMAIL.execute(contact("<p>Mail info [at] voorbeeld.nl</p>")) == []


def test_mailto_without_the_address_shown_fires():
    [finding] = EMAIL.execute(contact('<a href="mailto:help@voorbeeld.nl">Mail ons</a>'))
    assert "help@voorbeeld.nl" in finding.message


def test_press_or_security_address_only_fires():
    page = contact("<p>Journalisten: pers@voorbeeld.nl. Lek gevonden? security@voorbeeld.nl</p>")
    [finding] = EMAIL.execute(page)
    assert "pers@voorbeeld.nl" in finding.message


def test_email_missing_fires_and_image_names_do_not_count():
    [finding] = EMAIL.execute(contact("<p>Bel 020 123 4567</p><p>logo@2x.png</p>"))
    assert finding.check_id == "contact-email-visible"
