import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from auditor.testing import make_page
from checks.outdated.dates import (
    UPDATED_LABEL,
    PageDates,
    find_dates,
    labelled_date,
    page_dates,
    parse_machine_date,
)

NOW = datetime(2026, 11, 24, 12, tzinfo=UTC)
INDEX = Path(__file__).resolve().parents[1] / "data" / "dated_pages" / "index.json"


def page(body: str, *, lang: str = "nl", head: str = "", **kwargs):
    html = f"<html lang='{lang}'><head>{head}</head><body>{body}</body></html>"
    return make_page(html, url="https://example.nl/hulp/x", fetched_at=NOW, **kwargs)


@pytest.mark.parametrize(
    "text",
    [
        "3 maart 2021",
        "3 mrt. 2021",
        "3 mrt 2021",
        "dinsdag 3 maart 2021",
        "03-03-2021",
        "3-3-2021",
        "3/3/2021",
        "03.03.2021",
        "March 3, 2021",
        "Mar. 3rd, 2021",
        "3 March 2021",
        "3rd of March 2021",
        "2021-03-03",
        "2021-03-03T10:00:00+01:00",
        "3 MAART 2021",
    ],
)
def test_dutch_and_english_forms_read_as_the_same_day(text):
    [found] = find_dates(f"Bijgewerkt {text}.")
    assert found.value == date(2021, 3, 3)
    assert found.day_known


def test_month_and_year_cover_the_whole_month():
    [found] = find_dates("geldig tot februari 2024")
    assert (found.value, found.day_known, found.last_day) == (
        date(2024, 2, 1),
        False,
        date(2024, 2, 29),
    )


def test_month_day_year_only_when_day_first_is_impossible():
    assert [d.value for d in find_dates("03/15/2021 en 04/03/2021")] == [
        date(2021, 3, 15),
        date(2021, 3, 4),
    ]


@pytest.mark.parametrize(
    "text", ["v2.3.2021", "1.2.3.2021", "31-02-2021", "bel 020-123 4567", "in 2021", "mei"]
)
def test_not_dates(text):
    assert [d for d in find_dates(text) if d.day_known] == []


def test_labelled_date_needs_the_date_right_after_the_label():
    assert labelled_date("Laatst bijgewerkt op: dinsdag 3 maart 2021", UPDATED_LABEL) == date(
        2021, 3, 3
    )
    assert labelled_date("Laatst bijgewerkt\n3 mrt. 2021", UPDATED_LABEL) == date(2021, 3, 3)
    assert (
        labelled_date("Bijgewerkt. Ons kantoor is sinds 3 maart 2021 open", UPDATED_LABEL) is None
    )


def test_machine_dates_keep_the_written_day():
    assert parse_machine_date("2024-01-30T23:30:00-05:00") == date(2024, 1, 30)
    assert parse_machine_date("Wed, 03 Mar 2021 10:00:00 GMT") == date(2021, 3, 3)
    assert parse_machine_date("gisteren") is None


def cases() -> list:
    data = json.loads(INDEX.read_text("utf-8"))
    return [
        pytest.param(entry, data["fetched_at"], id=f"{entry['file']}:{entry['style'][:30]}")
        for entry in data["pages"]
    ]


@pytest.mark.parametrize(("entry", "fetched_at"), cases())
def test_dated_pages_index(entry, fetched_at):
    html = (INDEX.parent / entry["file"]).read_text("utf-8")
    snapshot = make_page(
        html,
        url=entry["url"],
        headers=entry.get("headers"),
        probes=entry.get("probes"),
        fetched_at=datetime.fromisoformat(fetched_at),
    )
    got = page_dates(snapshot).metrics()
    for field, want in entry["expected"].items():
        assert got.get(field) == want, field


def test_precedence_visible_then_structured_then_sitemap_then_header():
    head = '<meta property="article:modified_time" content="2024-02-01T10:00:00+01:00">'
    body = "<main><h1>Hulp</h1><p>Laatst bijgewerkt op 5 mei 2025</p></main>"
    sitemap = {"sitemap": {"lastmod": "2026-01-05"}}
    header = {"Last-Modified": "Mon, 02 Mar 2026 10:00:00 GMT"}
    found = page_dates(page(body, head=head, probes=sitemap, headers=header))
    assert (found.last_updated, found.date_source) == (date(2025, 5, 5), "visible-text")
    assert page_dates(page("<p>x</p>", head=head, probes=sitemap)).last_updated_source == "meta"
    found = page_dates(page("<p>x</p>", probes=sitemap, headers=header))
    assert (found.last_updated, found.date_source) == (date(2026, 1, 5), "sitemap")
    found = page_dates(page("<p>x</p>", headers=header))
    assert (found.last_updated, found.date_source) == (date(2026, 3, 2), "http-header")


def test_last_modified_of_the_fetch_day_is_ignored():
    found = page_dates(page("<p>x</p>", headers={"Last-Modified": "Tue, 24 Nov 2026 01:00:00 GMT"}))
    assert found == PageDates()


def test_future_and_implausible_dates_are_discarded():
    body = "<p>Laatst bijgewerkt op 1 maart 2027.</p><p>Gepubliceerd op 3 maart 1990.</p>"
    assert page_dates(page(body)) == PageDates()


def test_fetch_day_is_today_not_the_clock():
    body = "<p>Laatst bijgewerkt op 1 maart 2027.</p>"
    later = make_page(
        f"<html lang='nl'><body>{body}</body></html>", fetched_at=datetime(2027, 6, 1, tzinfo=UTC)
    )
    assert page_dates(later).last_updated == date(2027, 3, 1)


def test_dutch_text_dates_do_not_become_publication_dates():
    # htmldate's free-text search would read these; on Dutch pages only markup counts.
    body = "<main><h1>Verhuizen</h1><p>Sinds 1 januari 2019 kunt u online verhuizen.</p></main>"
    assert page_dates(page(body)) == PageDates()


def test_copyright_year_is_not_a_publication_day():
    body = "<main><h1>Contact</h1><p>Call us.</p></main><footer>© 2024 Example</footer>"
    assert page_dates(page(body, lang="en")).published is None
    dated = "<main><h1>News</h1><p><time datetime='2021-01-01'>New year</time></p></main>"
    assert page_dates(page(dated, lang="en")).published == date(2021, 1, 1)


def test_page_dates_are_computed_once_per_snapshot():
    snapshot = page("<p>Laatst bijgewerkt op 5 mei 2025</p>")
    assert page_dates(snapshot) is page_dates(snapshot)


def test_on_page_ignores_sitemap_and_header():
    assert not page_dates(page("<p>x</p>", probes={"sitemap": {"lastmod": "2026-01-05"}})).on_page
    assert page_dates(page("<p>Gepubliceerd op 5 mei 2025</p>")).on_page


def test_dates_labelled_only_by_an_icon_tooltip():
    """MkDocs Material shows revision dates after an icon whose tooltip is the label."""
    icon = (  # a site's script may add its own aria-label
        '<span class="md-icon" title="{}" aria-label="Definitie: x">'
        '<svg viewBox="0 0 24 24"></svg></span>'
    )
    facts = (
        f"<aside><span>{icon.format('Laatst geüpdatet')}<span>4 december 2025</span></span>"
        f"<span>{icon.format('Gecreëerd')}<span>9 januari 2024</span></span></aside>"
    )
    found = page_dates(page(f"<main><h1>Hulp</h1><p>Tekst.</p>{facts}</main>"))
    assert (found.last_updated, found.published) == (date(2025, 12, 4), date(2024, 1, 9))
    assert found.date_source == "visible-text"
    english = facts.replace("Laatst geüpdatet", "Last update").replace("Gecreëerd", "Created")
    found = page_dates(page(f"<main><h1>Help</h1><p>Text.</p>{english}</main>"))
    assert (found.last_updated, found.published) == (date(2025, 12, 4), date(2024, 1, 9))


def test_a_tooltip_of_a_link_or_a_hidden_date_is_no_label():
    linked = (
        '<p><a title="Last update" href="/x">News</a> <span>4 december 2025</span></p>'
        '<p><span title="Created"></span><span hidden>9 januari 2024</span></p>'
    )
    assert page_dates(page(f"<main><h1>Hulp</h1>{linked}</main>")).last_updated is None
    assert page_dates(page(f"<main><h1>Hulp</h1>{linked}</main>")).published is None


def test_last_published_is_an_update_not_a_publication():
    """A site-wide build line ("This site was last published 29 March 2024")."""
    found = page_dates(page("<footer>This site was last published 29 March 2024</footer>"))
    assert (found.last_updated, found.published) == (date(2024, 3, 29), None)
    found = page_dates(page("<p>Laatst gepubliceerd op 3 maart 2024.</p>"))
    assert (found.last_updated, found.published) == (date(2024, 3, 3), None)
    assert page_dates(page("<p>Publish Date: January 13 2026</p>", lang="en")).published == date(
        2026, 1, 13
    )


def test_the_date_the_reader_sees_wins_over_a_build_time_in_the_markup():
    """A static site generator writes its build time into article:published_time; the
    article header shows the real date in a <time> without a label."""
    head = '<meta property="article:published_time" content="2026-04-28T10:00:00+00:00">'
    body = (
        "<header><nav><a href='/'>Home</a></nav></header><main><article><header>"
        "<span>Standpunt van de vereniging</span>"
        "<div><time datetime='2026-02-03T00:00:00+00:00'>3 februari 2026</time></div>"
        "</header><p>Publiek geld, publieke code.</p></article></main>"
    )
    found = page_dates(page(body, head=head))
    assert (found.published, found.published_source) == (date(2026, 2, 3), "time-element")
    assert page_dates(page("<main><p>Geen datum.</p></main>", head=head)).published_source == (
        "meta"
    )


def test_a_lone_time_is_no_publication_date_when_there_are_more_or_it_is_an_event():
    two = (
        "<main><p><time datetime='2026-02-03'>3 februari 2026</time> en "
        "<time datetime='2026-03-03'>3 maart 2026</time></p></main>"
    )
    assert page_dates(page(two)).published_source != "time-element"
    event = (
        "<main><h1>ALV</h1><p>Datum activiteit: "
        "<time datetime='2026-11-20'>20 november 2026</time></p></main>"
    )
    assert page_dates(page(event)).published is None
    footer = (
        "<main><p>Tekst.</p></main>"
        "<footer><time datetime='2026-02-03'>3 februari 2026</time></footer>"
    )
    assert page_dates(page(footer)).published_source != "time-element"


def test_an_events_date_shown_on_the_page_is_not_its_publication_date():
    body = (
        "<main><h1>General Members Meeting 2026</h1><dl><dt>Event date:</dt>"
        "<dd class='date'>November 20, 2026</dd></dl><p>Join us online.</p></main>"
    )
    assert page_dates(page(body, lang="en")).published is None


def test_a_byline_date_htmldate_finds_is_a_date_the_reader_sees():
    body = (
        "<main><h1>Welcome to the new site</h1><p class='date'>June 21, 2013</p>"
        "<p>Health insurance is changing.</p></main>"
    )
    found = page_dates(page(body, lang="en"))
    assert (found.published, found.published_source) == (date(2013, 6, 21), "visible-text")


def test_a_date_in_the_address_only_is_not_the_pages_date():
    html = "<html lang='nl'><body><main><h1>Nieuwe website</h1><p>Tekst.</p></main></body></html>"
    snapshot = make_page(
        html, url="https://example.nl/2024/06/13/nieuwe-website.html", fetched_at=NOW
    )
    assert page_dates(snapshot).published is None


def test_pages_that_list_others_take_no_teaser_date_for_their_own():
    teasers = "".join(
        f"<article><h2>Bericht {n}</h2><p class='date'>{n} juni 2026</p></article>" for n in (29, 3)
    )
    listing = page(f"<main><h1>Berichten</h1>{teasers}</main>", kind="listing")
    assert page_dates(listing).published is None
    lone = "<main><h1>Berichten</h1><p><time datetime='2026-06-29'>29 juni 2026</time></p></main>"
    assert page_dates(page(lone, kind="listing")).published is None
    assert page_dates(page(lone, kind="news")).published == date(2026, 6, 29)
