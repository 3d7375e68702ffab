from datetime import UTC, datetime
from pathlib import Path

import pytest

from auditor.testing import make_page
from checks.outdated import (
    expired_date,
    old_copyright_year,
    past_year_reference,
    stale_page,
    undated_page,
)

NOW = datetime(2026, 11, 24, 12, tzinfo=UTC)
CHECKS = (
    stale_page.CHECK,
    undated_page.CHECK,
    expired_date.CHECK,
    old_copyright_year.CHECK,
    past_year_reference.CHECK,
)
SITE = Path(__file__).resolve().parents[2] / "fixtures" / "site"
FILLER = "U kunt dit online regelen. Dat kost niets. Wij helpen u graag. " * 8


def page(main: str, *, footer: str = "", lang: str = "nl", now: datetime = NOW, **kwargs):
    html = (
        f"<html lang='{lang}'><head><title>Hulp</title></head><body>"
        f"<main><h1>Hulp</h1>{main}</main><footer>{footer}</footer></body></html>"
    )
    return make_page(html, url="https://example.nl/hulp/artikel", fetched_at=now, **kwargs)


def ids(check, snapshot):
    return [f.check_id for f in check.execute(snapshot)] if check.applies(snapshot) else []


# -- stale-page ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "dated",
    [
        "<p>Laatst bijgewerkt op 12 maart 2020.</p>",
        "<p>Bijgewerkt: 12-3-2020</p>",
        "<p>Last updated: March 12, 2020</p>",
        "<p>Gepubliceerd op 12 mrt. 2020</p>",
    ],
)
def test_stale_page_fires_on_an_old_date(dated):
    [finding] = stale_page.CHECK.execute(page(dated))
    assert "2020-03-12" in finding.message
    assert finding.signature == "/hulp/artikel"


def test_stale_page_passes_recent_pages_and_judges_the_newest_date():
    assert stale_page.CHECK.execute(page("<p>Laatst bijgewerkt op 2 februari 2026.</p>")) == []
    both = "<p>Gepubliceerd op 3 maart 2019. Laatst bijgewerkt op 1 oktober 2026.</p>"
    assert stale_page.CHECK.execute(page(both)) == []


def test_stale_page_option_and_pinned_now():
    dated = "<p>Laatst bijgewerkt op 2 februari 2026.</p>"
    assert ids(stale_page.CHECK, page(dated)) == []
    assert [f.check_id for f in stale_page.CHECK.execute(page(dated), {"stale_after": 180})] == [
        "stale-page"
    ]
    old = "<p>Laatst bijgewerkt op 12 maart 2020.</p>"
    assert stale_page.CHECK.execute(page(old, now=datetime(2020, 6, 1, tzinfo=UTC))) == []


def test_stale_page_uses_the_sitemap_when_the_page_has_no_date():
    snapshot = page("<p>x</p>", probes={"sitemap": {"lastmod": "2024-05-01"}})
    [finding] = stale_page.CHECK.execute(snapshot)
    assert "(sitemap)" in finding.message
    assert stale_page.CHECK.execute(page("<p>Geen datum.</p>")) == []


def test_stale_page_measure_gives_the_date_metrics():
    both = "<p>Gepubliceerd op 3 maart 2019.</p><p>Laatst bijgewerkt op 1 oktober 2026.</p>"
    assert stale_page.measure(page(both)) == {
        "last_updated": "2026-10-01",
        "last_updated_source": "visible-text",
        "published": "2019-03-03",
        "published_source": "visible-text",
        "date_source": "visible-text",
    }
    assert stale_page.measure(page("<p>Geen datum.</p>")) == {}


# -- undated-page ----------------------------------------------------------------------------


def test_undated_page_fires_only_on_help_articles_without_a_date():
    undated = page(f"<p>{FILLER}</p>")
    assert undated.kind == "help-article"
    assert ids(undated_page.CHECK, undated) == ["undated-page"]
    dated = page(f"<p>{FILLER}</p><p>Laatst bijgewerkt op 2 februari 2026.</p>")
    assert ids(undated_page.CHECK, dated) == []
    short = page("<p>Kort.</p>")
    assert short.kind != "help-article"
    assert ids(undated_page.CHECK, short) == []


def test_undated_page_counts_structured_dates_but_not_the_sitemap():
    meta = make_page(
        "<html lang='en'><head><script type='application/ld+json'>"
        '{"@type": "Article", "dateModified": "2026-01-10"}</script></head>'
        f"<body><main><h1>Help</h1><p>{FILLER}</p></main></body></html>",
        url="https://example.nl/hulp/artikel",
        fetched_at=NOW,
    )
    assert ids(undated_page.CHECK, meta) == []
    sitemap_only = page(f"<p>{FILLER}</p>", probes={"sitemap": {"lastmod": "2026-01-05"}})
    assert ids(undated_page.CHECK, sitemap_only) == ["undated-page"]


# -- expired-date ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Deze actie loopt tot 31 december 2019.",
        "Het aanbod is geldig tot en met 31-12-2023.",
        "Geldig t/m 1 mrt. 2024.",
        "De korting loopt van 1 t/m 31 maart 2025.",
        "Aanmelden kan tot 15 januari 2026.",
        "U kunt zich nog tot vrijdag 6 maart 2020 aanmelden.",
        "Betaal uiterlijk op 1 oktober 2026.",
        "Deadline: 2025-06-30.",
        "Vanaf 1 januari 2019 kunt u uw toeslag online aanvragen.",
        "Met ingang van 1 juli 2023 wordt het vastrecht lager.",
        "This offer is valid until 31 March 2024.",
        "Applications close on 1 May 2025.",
        "From 1 January 2022 you will pay less.",
        "Het tarief geldt t/m maart 2025.",
    ],
)
def test_expired_date_fires(sentence):
    [finding] = expired_date.CHECK.execute(page(f"<p>{sentence}</p>"))
    assert finding.evidence == sentence
    assert "has passed" in finding.message


@pytest.mark.parametrize(
    "sentence",
    [
        "Dit tarief is geldig tot 31 december 2027.",
        "Aanmelden kan tot 31 januari 2027.",
        "Sinds 1 januari 2019 kunt u uw toeslag online aanvragen.",
        "Since 1 January 2019 you can pay online.",
        "Vanaf 1 januari 2019 geldt het nieuwe tarief.",
        "Vanaf 1 januari 2027 kunt u met de app betalen.",
        "12 maart 2020: nieuwe tarieven. 3 februari 2019: storing verholpen.",
        "De actie was geldig tot 31 december 2019.",
        "Deze actie is verlopen op 31 december 2019.",
        "The offer ended on 31 March 2024.",
        "Laatst bijgewerkt op 12 maart 2020.",
        "Geldig tot en met vandaag, 24 november 2026.",
        "Betaal binnen 14 dagen.",
    ],
)
def test_expired_date_does_not_fire(sentence):
    assert expired_date.CHECK.execute(page(f"<p>{sentence}</p>")) == []


def test_expired_date_news_archive_list_is_not_a_validity():
    archive = "<ul><li>12 maart 2020 – Nieuwe tarieven</li><li>3 februari 2019 – Storing</li></ul>"
    assert expired_date.CHECK.execute(page(archive)) == []


def test_expired_date_is_silent_on_policy_scopes_and_release_notes():
    """A privacy statement's "vanaf" states its scope; release notes are dated history. The
    same sentence in a help article is an announcement that was never rewritten."""
    scope = "<p>Vanaf 1 februari 2023 kunt u deze privacyverklaring ook op papier krijgen.</p>"
    article = page(scope)
    assert ids(expired_date.CHECK, article) == ["expired-date"]
    policy = make_page(
        f"<html lang='nl'><body><main><h1>Privacyverklaring</h1>{scope}</main></body></html>",
        url="https://example.nl/privacy",
        fetched_at=NOW,
    )
    assert policy.kind == "policy-legal"
    assert ids(expired_date.CHECK, policy) == []
    notes = make_page(
        "<html lang='nl'><body><main><h1>Release notes</h1><h2>Versie 2.3</h2>"
        "<p>Vanaf 1 maart 2022 kunt u inloggen met de app.</p></main></body></html>",
        url="https://example.nl/app/versies",
        fetched_at=NOW,
    )
    assert ids(expired_date.CHECK, notes) == []


def test_expired_date_signature_is_the_sentence():
    one = expired_date.CHECK.execute(page("<p>Deze actie loopt tot 31 december 2019.</p>"))
    two = expired_date.CHECK.execute(
        page("<p>Intro.</p><p>Deze actie loopt tot 31 december 2019.</p>")
    )
    assert one[0].fingerprint == two[0].fingerprint


# -- old-copyright-year ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("footer", "year"),
    [
        ("<p>© 2019 Voorbeeld Energie</p>", "2019"),
        ("<p>Copyright 2019 Voorbeeld Energie</p>", "2019"),
        ("<p>Copyright © 2015–2019 Voorbeeld Energie</p>", "2019"),
        ("<p>(c) Voorbeeld Energie 2023</p>", "2023"),
    ],
)
def test_old_copyright_year_fires(footer, year):
    [finding] = old_copyright_year.CHECK.execute(page("<p>x</p>", footer=footer))
    assert finding.signature == year
    assert year in finding.evidence


@pytest.mark.parametrize(
    "footer",
    [
        "<p>© 2026 Voorbeeld Energie</p>",
        "<p>© 2025 Voorbeeld Energie</p>",
        "<p>© 2015-2026 Voorbeeld Energie</p>",
        "<p>Foto © 2018 Jan</p><p>© 2026 Voorbeeld Energie</p>",
        "<p>Voorbeeld Energie, opgericht in 2010</p>",
    ],
)
def test_current_or_no_copyright_year_passes(footer):
    assert old_copyright_year.CHECK.execute(page("<p>x</p>", footer=footer)) == []


def test_copyright_in_contentinfo_or_at_the_end_of_the_page():
    html = (
        "<html lang='nl'><body><main><h1>x</h1><p>y</p></main>"
        "<div role='contentinfo'>© 2020 Voorbeeld</div></body></html>"
    )
    assert ids(old_copyright_year.CHECK, make_page(html, fetched_at=NOW)) == ["old-copyright-year"]
    tail = (
        "<html lang='nl'><body><main><h1>x</h1><p>y</p></main><p>© 2020 Voorbeeld</p></body></html>"
    )
    assert ids(old_copyright_year.CHECK, make_page(tail, fetched_at=NOW)) == ["old-copyright-year"]
    words = "tekst " * 200
    early = f"<html><body><p>© 2020 Foto</p><main><h1>x</h1><p>{words}</p></main></body></html>"
    assert ids(old_copyright_year.CHECK, make_page(early, fetched_at=NOW)) == []


# -- past-year-reference ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Nieuw in 2022: u kunt betalen met iDEAL.",
        "Onze nieuwe app voor 2021 is er.",
        "Binnenkort, in 2023, kunt u chatten.",
        "Vanaf volgend jaar (2024) stuurt u alles digitaal.",
        "Dit jaar (2020) krijgt u een slimme meter.",
        "New in 2022: pay by app.",
        "Coming soon in 2023: live chat.",
    ],
)
def test_past_year_reference_fires(sentence):
    [finding] = past_year_reference.CHECK.execute(page(f"<p>{sentence}</p>"))
    assert finding.evidence == sentence


@pytest.mark.parametrize(
    "sentence",
    [
        "Nieuw in 2025: u kunt betalen met iDEAL.",
        "Nieuw in 2026: chat met ons.",
        "Wij leveren sinds 2019 groene stroom.",
        "Since 2019 we have offered live chat.",
        "Nieuws uit 2019: de storing is verholpen.",
        "Sluit een nieuw contract af.",
        "12 maart 2020 – Nieuwe tarieven voor stroom",
        "Al meer dan 2000 nieuwe gebruikers gingen u voor.",
        "Our new app has over 2000 users.",
        "Nieuw: een korting van € 2015 voor zonnepanelen.",
        "New this month: 2019 downloads in one week.",
    ],
)
def test_past_year_reference_does_not_fire(sentence):
    assert past_year_reference.CHECK.execute(page(f"<p>{sentence}</p>")) == []


# -- all checks ------------------------------------------------------------------------------


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.id)
def test_docs_have_the_sections(check):
    for section in ("## What it does", "## Why is this bad?", "## Example", "## Use instead"):
        assert section in check.docs
    assert "## Options" in check.docs


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("nl/nieuws/index.html", []),
        ("nl/nieuws/actie-2019.html", ["stale-page", "expired-date", "past-year-reference"]),
        ("nl/nieuws/oud-sjabloon.html", ["old-copyright-year"]),
        ("nl/nieuws/actueel.html", []),
    ],
)
def test_fixture_news_pages(path, expected):
    url = "http://127.0.0.1:8000/" + path.removesuffix("index.html")
    snapshot = make_page((SITE / path).read_text("utf-8"), url=url, fetched_at=NOW)
    assert [i for check in CHECKS for i in ids(check, snapshot)] == expected
