import pytest

from auditor.testing import make_page

WORDS = " ".join(["Zo geeft u uw meterstand door in de app of op de website."] * 10)


@pytest.mark.parametrize(
    ("url", "html", "kind"),
    [
        ("https://v.nl/", "<h1>Welkom</h1>", "home"),
        ("https://v.nl/nl/", "<h1>Welkom</h1>", "home"),
        ("https://v.nl/klantenservice", "<h1>Wij helpen u</h1>", "contact"),
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
