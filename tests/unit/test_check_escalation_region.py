import pytest

from auditor.testing import make_page
from checks.escalation.region import page_region, site_region, tld_region


@pytest.mark.parametrize(
    ("url", "region"),
    [
        ("https://www.voorbeeld.nl/contact", "NL"),
        ("https://voorbeeld.be/", "BE"),
        ("https://beispiel.de/kontakt", "DE"),
        ("https://exemple.fr/", "FR"),
        ("https://example.co.uk/contact", "GB"),
        ("https://example.uk/", "GB"),
        ("https://example.ie/", "IE"),
        ("https://beispiel.at/", "AT"),
        ("https://example.com/", ""),
        ("https://example.io/", ""),  # a ccTLD used as a generic domain
        ("https://nu.nl/", "NL"),
        ("http://127.0.0.1:8000/", ""),
        ("http://localhost:8000/", ""),
    ],
)
def test_tld_region(url, region):
    assert tld_region(url) == region


def test_option_wins_then_tld_then_language_then_nl():
    assert site_region("https://voorbeeld.nl/", "en", "be") == "BE"
    assert site_region("https://voorbeeld.nl/", "en") == "NL"
    assert site_region("https://example.com/", "en") == "GB"
    assert site_region("https://example.com/", "de") == "DE"
    assert site_region("https://example.com/", "") == "NL"
    assert site_region("http://127.0.0.1/", "xx") == "NL"


def test_page_region_reads_url_and_declared_language():
    page = make_page("<html lang='fr-BE'><body><p>Bonjour</p></body></html>", url="https://x.com/")
    assert page_region(page) == "FR"
    assert page_region(page, "BE") == "BE"
