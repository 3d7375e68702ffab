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
