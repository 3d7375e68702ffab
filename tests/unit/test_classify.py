import pytest

from auditor.testing import make_page

WORDS = " ".join(["Zo geeft u uw meterstand door in de app of op de website."] * 10)


@pytest.mark.parametrize(
    ("url", "html", "kind"),
    [
        ("https://v.nl/", "<h1>Welkom</h1>", "home"),
        ("https://v.nl/nl/", "<h1>Welkom</h1>", "home"),
        ("https://v.nl/klantenservice", "<h1>Wij helpen u</h1>", "other"),
        ("https://v.nl/klantenservice/contact", "<h1>Wij helpen u</h1>", "contact"),
        ("https://v.nl/over", "<h1>Contact opnemen</h1>", "contact"),
        ("https://v.nl/mijn/inloggen", "<form><input type=password></form>", "login"),
        ("https://v.nl/zoeken", "<form role=search><input type=search name=q></form>", "search"),
        ("https://v.nl/faq", "<h1>Veelgestelde vragen</h1>", "faq"),
        ("https://v.nl/mijn/facturen", "<h1>Facturen</h1>", "portal"),
        ("https://v.nl/hulp/meterstand", f"<h1>Meterstand</h1><p>{WORDS}</p>", "help-article"),
        ("https://v.nl/hulp/kort", "<h1>Kort</h1><p>Weinig tekst.</p>", "other"),
        ("https://v.nl/contactlenzen-bestellen", f"<h1>Lenzen</h1><p>{WORDS}</p>", "help-article"),
    ],
)
def test_kinds(url, html, kind):
    page = make_page(f"<html lang=nl><body><main>{html}</main></body></html>", url=url)
    assert page.kind == kind


def test_article_with_a_few_question_headings_is_not_a_faq():
    sections = "".join(
        f"<h2>{h}</h2><p>{WORDS}</p>"
        for h in [
            "Krijgt u geld terug?",
            "Moet u bijbetalen?",
            "Wat staat erop?",
            "Wanneer betaalt u?",
            "Uw verbruik",
            "Uw tarieven",
            "Kortingen",
        ]
    )
    page = make_page(
        f"<html lang=nl><body><main><h1>Uw factuur</h1>{sections}</main></body></html>",
        url="https://v.nl/hulp/factuur",
    )
    assert page.kind == "help-article"


def test_question_list_is_a_faq():
    items = "".join(
        f"<details><summary>Vraag {i}?</summary><p>Antwoord.</p></details>" for i in range(5)
    )
    page = make_page(
        f"<html lang=nl><body><main><h1>Hulp</h1>{items}</main></body></html>",
        url="https://v.nl/hulp",
    )
    assert page.kind == "faq"


def test_start_url_is_home_unless_it_is_the_contact_page():
    html = "<html lang=nl><body><main><h1>{}</h1></main></body></html>"
    start = make_page(html.format("Klantenservice Voorbeeld"), url="https://v.nl/hulp/")
    from auditor.classify import classify

    assert classify(start, start_urls=("https://v.nl/hulp/",)) == "home"
    contact = make_page(html.format("Contact"), url="https://v.nl/hulp/contact")
    assert classify(contact, start_urls=("https://v.nl/hulp/contact",)) == "contact"


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("/klantenservice/retourneren/hoe-stuur-ik-terug", "help-article"),
        ("/customer-service/returns", "help-article"),
        ("/klantenservice/contact", "contact"),
        ("/nl/contact-opnemen.html", "contact"),
        ("/en/business-contact", "contact"),
        ("/contactlenzen", "help-article"),
    ],
)
def test_contact_is_named_by_the_last_segment(path, kind):
    page = make_page(
        f"<html lang=nl><body><main><h1>Retourneren</h1><p>{WORDS}</p></main></body></html>",
        url="https://v.nl" + path,
    )
    assert page.kind == kind
