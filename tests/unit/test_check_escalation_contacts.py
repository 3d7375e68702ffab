import pytest

from auditor.testing import make_page
from checks.escalation.contacts import (
    chat_vendor,
    contact_facts,
    email_mentions,
    email_mentions_in,
    has_contact_form,
    mailto_addresses,
    phone_mentions,
    visible_emails,
    visible_phone_numbers,
)


def page(body: str, url: str = "https://voorbeeld.nl/contact", lang: str = "nl"):
    return make_page(f"<html lang={lang}><body><main>{body}</main></body></html>", url=url)


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Bel ons op 020 123 4567.", "+31201234567"),
        ("Telefoon: 088-123 45 67", "+31881234567"),
        ("Bel gratis 0800-0123", "+318000123"),
        ("Call +31 (0)20 123 45 67", "+31201234567"),
        ("Bel 14 020 (gemeente)", "+3114020"),
        ("Mobiel 06 12345678", "+31612345678"),
    ],
)
def test_phone_numbers_are_found(text, number):
    assert [m.number for m in phone_mentions(page(f"<p>{text}</p>"))] == [number]


@pytest.mark.parametrize(
    "text",
    [
        "KvK 34123456",
        "KvK-nummer: 0201234567",
        "IBAN NL91 ABNA 0417 1643 00",
        "BTW NL123456789B01",
        "Klantnummer 0201234567",
        "Uw ordernummer: 0612345678",
        "Factuurnummer 0301234567",
        "Datum 12-03-2024",
        "Postcode 1234 AB",
        "Customer number 0201234567",
        "Chamber of Commerce 0201234567",
        "Ondernemingsnummer 0423 456 789",
    ],
)
def test_things_that_are_not_phone_numbers_are_left_out(text):
    assert phone_mentions(page(f"<p>{text}</p>")) == ()


@pytest.mark.parametrize(
    ("html", "role"),
    [
        ("<p>Bel ons op 020 123 4567</p>", "customer"),
        ("<p>Fax 020 123 4568</p>", "fax"),
        ("<p>020 123 4568 (fax)</p>", "fax"),
        ("<p>Storing? Bel het storingsnummer 0800-9009</p>", "service"),
        ("<h2>Storingen</h2><p>0800-9009</p>", "service"),
        ("<p>Journalisten bellen de perslijn: 020 123 4569</p>", "service"),
        ("<p>Vanuit het buitenland: +31 20 123 4567</p>", "abroad"),
        ("<h2>Klantenservice</h2><p>020 123 4567</p>", "customer"),
    ],
)
def test_the_words_around_a_number_give_its_role(html, role):
    [mention] = phone_mentions(page(html))
    assert mention.role == role


def test_a_label_belongs_to_the_next_number_only():
    mentions = phone_mentions(page("<p>Fax 020 123 4568, telefoon 020 123 4567</p>"))
    assert [(m.number, m.role) for m in mentions] == [
        ("+31201234568", "fax"),
        ("+31201234567", "customer"),
    ]


def test_a_number_in_a_sentence_naming_another_website_is_that_organisations_line():
    def roles(html: str, url: str = "https://www.healthcare.gov/chip") -> list[tuple[str, str]]:
        snapshot = make_page(f"<html lang=en><body>{html}</body></html>", url=url)
        return [(m.number, m.role) for m in phone_mentions(snapshot, "US")]

    assert roles("<p>Visit www.insurekidsnow.gov, or call 1-877-543-7669.</p>") == [
        ("+18775437669", "other-organisation")
    ]
    # the site's own address, or another sentence, does not make it someone else's
    assert roles("<p>Visit HealthCare.gov or call 1-800-318-2596.</p>") == [
        ("+18003182596", "customer")
    ]
    assert roles("<p>Call 1-800-318-2596. Children: www.insurekidsnow.gov.</p>") == [
        ("+18003182596", "customer")
    ]
    # a test host or mirror: the canonical address names the site's own domain
    mirrored = (
        "<link rel=canonical href='https://www.healthcare.gov/chip'>"
        "<p>Visit HealthCare.gov or call 1-800-318-2596.</p>"
    )
    assert roles(mirrored, url="http://127.0.0.1:8000/chip") == [("+18003182596", "customer")]


@pytest.mark.parametrize(
    ("label", "title", "role"),
    [
        # a desk named after another service or organisation: an acronym or camel-case name
        ("DigiD helpdesk:", "Inloggen met DigiD | Gemeente Voorbeeld", "other-organisation"),
        ("Helpdesk eHerkenning", "Inloggen | Gemeente Voorbeeld", "other-organisation"),
        ("Bel de KPN-servicedesk op", "Storing | Voorbeeld", "other-organisation"),
        # ... but not the site's own name (domain, og:site_name or the title's last part) ...
        ("KPN helpdesk:", "Storing | KPN", "customer"),
        ("VoorbeeldNet helpdesk:", "Storing", "customer"),
        # ... nor a capitalised word at the start of a label, nor a generic acronym
        ("Technische helpdesk:", "Storing | Voorbeeld", "customer"),
        ("Zakelijke klantenservice:", "Storing | Voorbeeld", "customer"),
        ("IT helpdesk:", "Storing | Voorbeeld", "customer"),
        ("Bel de helpdesk:", "Storing | Voorbeeld", "customer"),
    ],
)
def test_a_desk_named_after_another_service_is_that_service_s_line(label, title, role):
    html = (
        f"<html lang=nl><head><title>{title}</title></head>"
        f"<body><p>{label} 088 123 6555</p></body></html>"
    )
    snapshot = make_page(html, url="https://www.voorbeeld.nl/inloggen")
    assert [(m.number, m.role) for m in phone_mentions(snapshot)] == [("+31881236555", role)]


def test_numbers_and_addresses_in_code_are_no_contact_routes():
    snapshot = page(
        "<p>Bel 020 123 4567.</p>"
        "<pre>curl -d phone=0201234568 https://api.voorbeeld.nl\nmail: dev@voorbeeld.nl</pre>"
        "<p>Stuur het veld <code>klant@winkel.nl</code> mee.</p>"
    )
    assert [m.number for m in phone_mentions(snapshot)] == ["+31201234567"]
    assert email_mentions(snapshot) == ()
    assert "0201234568" in snapshot.text  # the code is visible text, just not a route


def test_extra_not_phone_words_option():
    p = page("<p>Lidnummer 0201234567</p>")
    assert phone_mentions(p)
    assert phone_mentions(p, not_phone_words=["lidnummer"]) == ()


def test_region_decides_national_numbers_and_linked_numbers_are_read_in_their_own_region():
    english = page("<p>Call 088 123 4567</p>", url="http://127.0.0.1/en/contact", lang="en")
    assert phone_mentions(english) == ()  # GB from the language: not a valid number there
    assert [m.number for m in phone_mentions(english, "NL")] == ["+31881234567"]
    linked = page(
        '<p><a href="tel:+31881234567">088 123 4567</a></p>',
        url="http://127.0.0.1/en/contact",
        lang="en",
    )
    assert [m.number for m in phone_mentions(linked)] == ["+31881234567"]


def test_text_helpers_for_other_checks():
    assert visible_phone_numbers("Bel 020 123 4567 of KvK 0201234568", "NL") == ["+31201234567"]
    assert visible_emails("Mail Info@Voorbeeld.nl of logo@2x.png") == ["info@voorbeeld.nl"]


def test_emails_are_found_and_press_security_and_noreply_are_not_for_customers():
    mentions = email_mentions(
        page(
            "<p>Mail klantenservice@voorbeeld.nl.</p><p>Of info [at] voorbeeld.nl</p>"
            "<p>Pers: woordvoering@voorbeeld.nl</p><p>security@voorbeeld.nl</p>"
            "<p>noreply@voorbeeld.nl</p><p>logo@2x.png</p>"
            "<p>To apply, email hr@voorbeeld.nl or job-applications@voorbeeld.nl.</p>"
        )
    )
    assert [(m.address, m.customer) for m in mentions] == [
        ("klantenservice@voorbeeld.nl", True),
        ("info@voorbeeld.nl", True),
        ("woordvoering@voorbeeld.nl", False),
        ("security@voorbeeld.nl", False),
        ("noreply@voorbeeld.nl", False),
        ("hr@voorbeeld.nl", False),  # applications only
        ("job-applications@voorbeeld.nl", False),
    ]


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("Mail info [at] voorbeeld.nl.", "info@voorbeeld.nl"),
        ("Mail info ‘at’ voorbeeld.org of bel ons.", "info@voorbeeld.org"),
        ("helpdesk {at} gemeente.nl", "helpdesk@gemeente.nl"),
        ("info AT voorbeeld DOT nl", "info@voorbeeld.nl"),
        ("service [at] voorbeeld [dot] co [dot] uk", "service@voorbeeld.co.uk"),
        ("vragen (at) gemeente (dot) nl", "vragen@gemeente.nl"),
    ],
)
def test_obfuscated_addresses_are_read(text, address):
    assert [m.address for m in email_mentions_in(text)] == [address]


def test_what_is_no_address_at_all():
    """A bare "at", and the domains reserved for examples and documentation."""
    text = (
        "Look at voorbeeld.nl. We are at example.com. Log in as user@example.com or "
        "jan@mail.example.org; test with a@b.test."
    )
    assert email_mentions_in(text) == ()
    examples = page(
        '<p><a href="mailto:user@example.com">Mail</a> <a href="mailto:info@voorbeeld.nl">'
        "Mail ons</a></p>"
    )
    assert mailto_addresses(examples) == ["info@voorbeeld.nl"]


@pytest.mark.parametrize(
    ("html", "vendor"),
    [
        (
            '<script id="ze-snippet" src="https://static.zdassets.com/ekr/snippet.js"></script>',
            "Zendesk",
        ),
        ('<script src="https://widget.intercom.io/widget/abc"></script>', "Intercom"),
        ('<script src="https://js.driftt.com/include/x/y.js"></script>', "Drift"),
        ('<div id="LPMcontainer-1"></div>', "LivePerson"),
        (
            '<script src="https://x.my.site.com/ESW/assets/js/esw.min.js"></script>',
            "Salesforce Embedded Service",
        ),
        (
            '<script src="https://cdn.botframework.com/botframework-webchat/latest/webchat.js"></script>',
            "Microsoft Bot Framework",
        ),
        ("<script>window.watsonAssistantChatOptions = {};</script>", "IBM Watson Assistant"),
        ('<script src="https://wchat.freshchat.com/js/widget.js"></script>', "Freshchat"),
        ("<script>var Tawk_API = Tawk_API || {};</script>", "Tawk.to"),
        ('<script src="https://client.crisp.chat/l.js"></script>', "Crisp"),
        ('<div id="hubspot-messages-iframe-container"></div>', "HubSpot"),
        ('<script src="https://static.widget.trengo.eu/embed.js"></script>', "Trengo"),
        ('<script src="https://userlike-cdn-widgets.s3.amazonaws.com/x.js"></script>', "Userlike"),
        ('<div class="seamly-chat"></div>', "Seamly"),
        ('<script src="https://chat.watermelon.ai/loader.js"></script>', "Watermelon"),
        ('<script src="https://webchat.obi4wan.com/widget.js"></script>', "OBI4wan"),
        ('<button type="button">Chat met ons</button>', "chat launcher"),
        ('<a href="#chat">Start een chat</a>', "chat launcher"),
        ('<button aria-label="Chat with us"><svg></svg></button>', "chat launcher"),
    ],
)
def test_chat_widgets_are_recognised(html, vendor):
    assert chat_vendor(page(f"<h1>Contact</h1>{html}")) == vendor


def test_no_chat_in_plain_text_or_a_help_centre_on_zendesk():
    html = (
        "<p>Wij hebben geen chat. Chat met ons kan niet.</p>"
        '<link rel="stylesheet" href="https://theme.zdassets.com/hc/theme.css">'
        '<a href="https://support.zendesk.com/">Help</a>'
    )
    assert chat_vendor(page(html)) == ""
    assert chat_vendor(page('<div class="mijnchat"></div>'), ["mijnchat"]) == "chat widget"


def test_contact_form_is_a_message_field_or_a_link_to_a_form():
    assert has_contact_form(page("<form><label>Vraag <textarea></textarea></label></form>"))
    assert has_contact_form(page('<a href="/formulier">Naar het contactformulier</a>'))
    assert not has_contact_form(page("<form role=search><input type=search></form>"))
    assert not has_contact_form(page("<form><input type=email><button>Aanmelden</button></form>"))


def test_contact_facts_sum_up_the_page():
    facts = contact_facts(
        page(
            '<p>Bel <a href="tel:+31201234567">020 123 4567</a>.</p>'
            '<p><a href="tel:+31201234599">Bel direct</a></p>'
            "<p>Fax 020 123 4568</p><p>Uit het buitenland: +31 20 123 4500</p>"
            '<p><a href="mailto:Info@Voorbeeld.nl">Mail ons</a> of pers@voorbeeld.nl</p>'
            '<button type="button">Chat met ons</button>'
        )
    )
    assert facts == {
        "phones": ["+31201234567", "+31201234599"],
        "abroad_phones": ["+31201234500"],
        "other_phones": ["+31201234568"],
        "emails": ["info@voorbeeld.nl"],
        "has_chat": True,
        "has_form": False,
    }


def test_short_numbers_count_only_right_after_a_word_for_calling():
    assert [m.number for m in phone_mentions(page("<p>Bel 1400 (lokaal tarief)</p>"))] == [
        "+311400"
    ]
    assert [m.number for m in phone_mentions(page("<p>Telefoon: 1400</p>"))] == ["+311400"]
    assert phone_mentions(page("<p>In 2025 belden 1400 klanten ons.</p>")) == ()
    assert phone_mentions(page("<p>Huisnummer 1400</p>")) == ()
    [emergency] = phone_mentions(page("<p>Bij brand: bel 112</p>"))
    assert emergency.role == "emergency"


def test_tel_link_to_a_short_number_counts():
    facts = contact_facts(page('<p><a href="tel:1400">Bel 1400</a></p>'))
    assert facts["phones"] == ["+311400"]
    assert contact_facts(page('<p><a href="tel:112">Alarmnummer</a></p>'))["other_phones"] == [
        "+31112"
    ]
