from typing import Any

from auditor.model import Link, PageSummary, SiteSummary
from checks.escalation.contact_number_inconsistent import CHECK as INCONSISTENT
from checks.escalation.contact_route_depth import CHECK as DEPTH
from checks.escalation.contact_route_depth import contact_depths, measure_site
from checks.escalation.no_human_contact import CHECK as NO_HUMAN
from checks.escalation.no_phone_anywhere import CHECK as NO_PHONE

BASE = "https://voorbeeld.nl"
MAIN = "+31201234567"


def facts(**values: Any) -> dict[str, Any]:
    empty = {"phones": [], "abroad_phones": [], "other_phones": [], "emails": []}
    return {**empty, "has_chat": False, "has_form": False, **values}


def summary(
    path: str,
    kind: str = "help-article",
    links: tuple[str, ...] = (),
    contact: dict[str, Any] | None = None,
) -> PageSummary:
    return PageSummary(
        url=BASE + path,
        final_url=BASE + path,
        title=path,
        depth=1,
        status=200,
        kind=kind,
        is_html=True,
        links=tuple(Link(BASE + href, href, True) for href in links),
        facts={"contact": contact if contact is not None else facts()},
    )


def site(*pages: PageSummary) -> SiteSummary:
    return SiteSummary(start_urls=(BASE + "/",), pages=pages)


# no-human-contact / no-phone-anywhere ----------------------------------------------------


def test_site_without_phone_or_email_fires_both_on_the_start_url():
    audited = site(
        summary("/", "home", contact=facts(has_chat=True, has_form=True)),
        summary("/contact", "contact", contact=facts(other_phones=["+318009009"])),
    )
    [human] = NO_HUMAN.execute(audited)
    [phone] = NO_PHONE.execute(audited)
    assert (human.url, human.severity, human.legal) == (BASE + "/", "critical", True)
    assert (phone.url, phone.severity, phone.legal) == (BASE + "/", "serious", True)


def test_site_with_email_only_has_no_phone_but_human_contact():
    audited = site(summary("/"), summary("/contact", "contact", contact=facts(emails=["a@b.nl"])))
    assert NO_HUMAN.execute(audited) == []
    assert [f.check_id for f in NO_PHONE.execute(audited)] == ["no-phone-anywhere"]


def test_any_page_with_a_phone_number_passes_both():
    for contact in (facts(phones=[MAIN]), facts(abroad_phones=[MAIN])):
        audited = site(summary("/"), summary("/hulp/x", contact=contact))
        assert NO_HUMAN.execute(audited) == []
        assert NO_PHONE.execute(audited) == []


def test_without_stored_facts_nothing_is_reported():
    bare = PageSummary(BASE + "/", BASE + "/", "Home", 0, 200, "home", True)
    assert NO_HUMAN.execute(site(bare)) == []
    assert NO_PHONE.execute(site(bare)) == []


def test_failed_pages_do_not_count():
    broken = PageSummary(
        BASE + "/oud", BASE + "/oud", "Oud", 1, 404, "other", True, facts={"contact": facts()}
    )
    assert len(NO_PHONE.execute(site(summary("/"), broken))) == 1


# contact-number-inconsistent --------------------------------------------------------------


def test_help_page_with_another_number_than_the_contact_page_fires():
    audited = site(
        summary("/contact", "contact", contact=facts(phones=[MAIN], other_phones=["+318009009"])),
        summary("/hulp/a", contact=facts(phones=[MAIN])),
        summary("/hulp/b", contact=facts(phones=["+31207654321"])),
        summary("/hulp/c", contact=facts(phones=["+318009009"])),  # shown on the contact page
        summary("/hulp/d", contact=facts(other_phones=["+31301234567"])),  # another service
        summary("/hulp/e", contact=facts(abroad_phones=["+31207654000"])),
    )
    [finding] = INCONSISTENT.execute(audited)
    assert finding.url == BASE + "/hulp/b"
    assert finding.signature == "+31207654321"
    assert "020 765 4321" in finding.message and "020 123 4567" in finding.message
    assert INCONSISTENT.execute(audited, {"ignore_numbers": ["+31207654321"]}) == []


def test_without_contact_number_the_most_common_number_is_the_site_number():
    audited = site(
        summary("/a", contact=facts(phones=[MAIN])),
        summary("/b", contact=facts(phones=[MAIN])),
        summary("/c", contact=facts(phones=["+31207654321"])),
    )
    assert [f.url for f in INCONSISTENT.execute(audited)] == [BASE + "/c"]


def test_no_clear_site_number_means_no_finding():
    tie = site(
        summary("/a", contact=facts(phones=[MAIN])),
        summary("/b", contact=facts(phones=["+31207654321"])),
    )
    assert INCONSISTENT.execute(tie) == []
    assert INCONSISTENT.execute(site(summary("/a"))) == []


# contact-route-depth ----------------------------------------------------------------------


def test_pages_more_than_two_clicks_away_or_unreachable_fire_once_on_the_start_url():
    audited = site(
        summary("/", "home", links=("/contact", "/a")),
        summary("/contact", "contact", links=("/",)),
        summary("/a", links=("/b",)),
        summary("/b", links=("/c#top",)),
        summary("/c", links=("/b",)),
        summary("/island"),
    )
    assert contact_depths(audited) == {
        BASE + "/": 1,
        BASE + "/contact": 0,
        BASE + "/a": None,
        BASE + "/b": None,
        BASE + "/c": None,
        BASE + "/island": None,
    }
    [finding] = DEPTH.execute(audited)
    assert finding.url == BASE + "/"
    assert finding.check_id == "contact-route-depth" and finding.severity == "moderate"
    assert "4 of 6 pages" in finding.message and BASE + "/island (no route)" in finding.message


def test_depth_counts_clicks_and_the_threshold_is_an_option():
    audited = site(
        summary("/", "home", links=("/service",)),
        summary("/service", links=("/contact",)),
        summary("/contact", "contact"),
        summary("/hulp/a", links=("/",)),
    )
    assert measure_site(audited) == {
        BASE + "/": {"contact_depth": 2},
        BASE + "/service": {"contact_depth": 1},
        BASE + "/contact": {"contact_depth": 0},
        BASE + "/hulp/a": {"contact_depth": 3},
    }
    [finding] = DEPTH.execute(audited)
    assert "1 of 4 pages" in finding.message and "/hulp/a (3 clicks)" in finding.message
    assert DEPTH.execute(audited, {"max_clicks": 3}) == []


def test_every_page_within_two_clicks_passes_and_no_contact_page_is_left_to_another_check():
    near = site(
        summary("/", "home", links=("/contact",)),
        summary("/a", links=("/",)),
        summary("/contact", "contact"),
    )
    assert DEPTH.execute(near) == []
    nowhere = site(summary("/", "home", links=("/a",)), summary("/a"))
    assert DEPTH.execute(nowhere) == []
    assert measure_site(nowhere) == {}


def test_redirected_link_targets_are_the_same_page():
    moved = PageSummary(
        BASE + "/contact",
        BASE + "/klantenservice/contact",
        "Contact",
        1,
        200,
        "contact",
        True,
        redirects=(BASE + "/oud-contact",),
    )
    audited = site(summary("/", "home", links=("/oud-contact",)), moved)
    assert contact_depths(audited)[BASE + "/"] == 1


def test_a_link_to_a_page_the_audit_did_not_load_gets_the_benefit_of_the_doubt():
    audited = site(
        summary("/", "home", links=("/contact", "/a")),
        summary("/contact", "contact"),
        summary("/a", links=("/b",)),
        summary("/b", links=("/niet-geladen",)),  # not audited: it might be a contact page
    )
    assert contact_depths(audited)[BASE + "/b"] is None
    assert DEPTH.execute(audited) == []
    audited = site(*audited.pages, summary("/c", links=("/a",)))
    [finding] = DEPTH.execute(audited)  # /c: 1 click to /a, 2 to /b, 3 to the unknown page
    assert "1 of 5 pages" in finding.message and "/c (no route)" in finding.message


def test_a_page_that_shows_the_phone_is_a_route_and_another_hosts_contact_page_is_one_click():
    """Depth counts to a person, not to a page called contact: a footer with the helpdesk
    number is 0 clicks; a link to the organisation's contact page on its main domain is 1."""
    main_site = PageSummary(
        BASE + "/hulp/b",
        BASE + "/hulp/b",
        "b",
        1,
        200,
        "help-article",
        True,
        external=(Link("https://www.voorbeeld.nl/contact", "Contact", False),),
        facts={"contact": facts()},
    )
    audited = site(
        summary("/", "home", links=("/hulp/a", "/hulp/b"), contact=facts(phones=[MAIN])),
        summary("/hulp/a", links=("/hulp/c",)),
        main_site,
        summary("/hulp/c", links=("/hulp/d",)),
        summary("/hulp/d"),
    )
    assert contact_depths(audited) == {
        BASE + "/": 0,
        BASE + "/hulp/a": None,
        BASE + "/hulp/b": 1,
        BASE + "/hulp/c": None,
        BASE + "/hulp/d": None,
    }
    audited = site(*audited.pages, summary("/hulp/e", links=("/hulp/b",)))
    assert contact_depths(audited)[BASE + "/hulp/e"] == 2
