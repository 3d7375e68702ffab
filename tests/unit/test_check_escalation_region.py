import pytest

from auditor.testing import make_page
from checks.escalation.contacts import phone_mentions, phone_mentions_in
from checks.escalation.region import (
    page_region,
    page_regions,
    site_region,
    site_regions,
    tld_region,
)


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
        ("https://www.healthcare.gov/help-center", "US"),  # a gTLD of one country
        ("https://www.army.mil/", "US"),
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


def test_english_reads_both_sides_of_the_atlantic_a_country_domain_only_its_own():
    assert site_regions("https://example.com/", "en") == ("GB", "US")
    assert site_regions("https://example.co.uk/", "en") == ("GB",)
    assert site_regions("https://voorbeeld.org/", "nl") == ("NL",)
    assert site_regions("https://example.com/", "en", "us") == ("US",)


def test_the_site_regions_from_the_engine_win_over_the_page_language():
    """An English page of a Dutch site on a .org domain: the site's language (the engine
    hands it over as probes["site"]) reads "0800-1234" as the Dutch number it is."""
    html = "<html lang='en'><body><p>Call the helpdesk 0800-1234 (free).</p></body></html>"
    alone = make_page(html, url="https://stichting.org/en/help")
    assert page_regions(alone) == ("GB", "US")
    assert [m.number for m in phone_mentions(alone)] == []
    in_site = make_page(
        html, url="https://stichting.org/en/help", probes={"site": {"regions": ["NL"]}}
    )
    assert page_regions(in_site) == ("NL",)
    assert [m.number for m in phone_mentions(in_site)] == ["+318001234"]
    assert page_regions(in_site, "be") == ("BE",)  # the option still wins


def test_us_numbers_in_their_common_forms_on_an_english_site_without_a_country_domain():
    text = (
        "Call us at 866-555-0100 or 1-800-318-2596, TTY: 1-855-889-4325, (202) 555-0143. "
        "In the UK: 0800 123 4567."
    )
    found = [m.number for m in phone_mentions_in(text, "GB", also=("US",))]
    assert found == ["+18665550100", "+18003182596", "+18558894325", "+12025550143",
                     "+448001234567"]  # fmt: skip


def test_ids_dates_and_opening_hours_are_no_phone_numbers():
    text = (
        "Order 2024-123456, reference 8665550100, ISBN 978-90-1234-567-8. "
        "Open 08.00 – 18.00, Saturday 9:00-17:00."
    )
    assert phone_mentions_in(text, "GB", also=("US",)) == ()
    dutch = "Wij zijn bereikbaar van 08.00 – 18.00 uur op 088 123 4567."
    assert [m.number for m in phone_mentions_in(dutch, "NL")] == ["+31881234567"]
