"""The link checks over hand-made site summaries: broken-link, broken-image, broken-anchor,
redirect-chain, and the page check malformed-contact-link."""

from __future__ import annotations

import pytest

from auditor.model import Link, LinkStatus, PageSummary, Severity, SiteSummary
from auditor.testing import make_page
from checks.outdated import (
    broken_anchor,
    broken_image,
    broken_link,
    malformed_contact_link,
    redirect_chain,
)

BASE = "https://voorbeeld.nl"
EXTERNAL = "https://elders.example/pagina"


def page(
    path: str,
    *links: Link,
    status: int | None = 200,
    kind: str = "help-article",
    is_html: bool = True,
    images: tuple[str, ...] = (),
    anchors: frozenset[str] = frozenset(),
    redirects: tuple[str, ...] = (),
    final_path: str | None = None,
) -> PageSummary:
    return PageSummary(
        url=BASE + path,
        final_url=BASE + (final_path or path),
        title=path,
        depth=1,
        status=status,
        kind=kind,
        is_html=is_html,
        links=tuple(link for link in links if link.internal),
        external=tuple(link for link in links if not link.internal),
        images=images,
        anchors=anchors,
        redirects=redirects,
    )


def internal(path: str, text: str = "Lees meer") -> Link:
    return Link(BASE + path, text, internal=True)


def external(url: str = EXTERNAL, text: str = "Meer informatie") -> Link:
    return Link(url, text, internal=False)


def site(*pages: PageSummary, status: dict[str, LinkStatus] | None = None) -> SiteSummary:
    return SiteSummary(start_urls=(BASE + "/",), pages=pages, link_status=status or {})


# --- broken-link --------------------------------------------------------------------------


def test_internal_link_to_a_404_fires_once_per_page_and_target_with_the_target_as_signature():
    source = page("/a", internal("/weg"), internal("/weg#deel"), internal("/goed"))
    other = page("/b", internal("/weg", "Oude tarieven"))
    findings = broken_link.CHECK.execute(
        site(source, other, page("/weg", status=404, kind="other"), page("/goed"))
    )
    assert [(f.url, f.evidence) for f in findings] == [
        (BASE + "/a", "Lees meer"),
        (BASE + "/b", "Oude tarieven"),
    ]
    assert {f.signature for f in findings} == {BASE + "/weg"}
    assert {f.group_key for f in findings} == {findings[0].group_key}
    assert all(f.severity is Severity.SERIOUS for f in findings)
    assert "HTTP 404" in findings[0].message and BASE + "/weg" in findings[0].message


def test_a_200_target_and_a_target_that_was_not_crawled_do_not_fire():
    source = page("/a", internal("/goed"), internal("/niet-gecrawld"), internal("/weg"))
    assert broken_link.CHECK.execute(site(source, page("/goed"))) == []


def test_a_target_that_redirected_is_found_by_its_final_url_too():
    source = page("/a", internal("/nieuw"))
    moved = page("/oud", status=410, final_path="/nieuw")
    [finding] = broken_link.CHECK.execute(site(source, moved))
    assert "HTTP 410" in finding.message


def test_a_target_that_did_not_load_is_broken():
    [finding] = broken_link.CHECK.execute(
        site(page("/a", internal("/traag")), page("/traag", status=None, is_html=False))
    )
    assert "did not load" in finding.message


def test_links_from_pages_that_failed_themselves_are_not_judged():
    broken_source = page("/a", internal("/weg"), status=500)
    assert broken_link.CHECK.execute(site(broken_source, page("/weg", status=404))) == []


def test_contact_or_login_target_or_link_text_makes_it_critical():
    pages = (
        page("/a", internal("/contact", "Stuur ons een bericht"), internal("/x", "Inloggen")),
        page("/contact", status=404, kind="contact"),
        page("/x", status=404, kind="other"),
    )
    findings = broken_link.CHECK.execute(site(*pages))
    assert [f.severity for f in findings] == [Severity.CRITICAL, Severity.CRITICAL]


def test_external_links_are_judged_by_the_link_checker_as_moderate():
    dead = "https://dood.example/"
    source = page("/a", external(), external(dead), external("https://niet-gecheckt.example/"))
    statuses = {
        EXTERNAL: LinkStatus(EXTERNAL, status=200),
        dead: LinkStatus(dead, error="DNS lookup failed"),
    }
    [finding] = broken_link.CHECK.execute(site(source, status=statuses))
    assert finding.severity is Severity.MODERATE
    assert finding.signature == dead and "DNS lookup failed" in finding.message


def test_external_403_on_head_that_answers_200_on_get_is_fine():
    # The link checker falls back to GET when HEAD is refused; what it stores is the GET.
    statuses = {EXTERNAL: LinkStatus(EXTERNAL, status=200, final_url=EXTERNAL)}
    assert broken_link.CHECK.execute(site(page("/a", external()), status=statuses)) == []


def test_external_target_is_looked_up_by_its_normalised_url():
    link = external("https://Elders.example:443/pagina?utm_source=x#deel")
    statuses = {EXTERNAL: LinkStatus(EXTERNAL, status=503, error="")}
    [finding] = broken_link.CHECK.execute(site(page("/a", link), status=statuses))
    assert "HTTP 503" in finding.message


def test_tel_and_mailto_links_are_not_judged_here():
    source = page("/a", external("tel:12", "Bel"), external("mailto:x", "Mail"))
    assert broken_link.CHECK.execute(site(source)) == []


# --- broken-image -------------------------------------------------------------------------


def test_broken_image_fires_once_per_page_and_working_or_unchecked_images_pass():
    gone, fine, unchecked = BASE + "/img/weg.png", BASE + "/img/logo.svg", BASE + "/img/x.png"
    statuses = {gone: LinkStatus(gone, status=404), fine: LinkStatus(fine, status=200)}
    source = page("/a", images=(gone, fine, unchecked, gone))
    [finding] = broken_image.CHECK.execute(site(source, status=statuses))
    assert finding.severity is Severity.SERIOUS
    assert finding.signature == gone and "HTTP 404" in finding.message


def test_image_that_times_out_or_refuses_checkers_is_not_judged():
    slow = "https://cdn.example/foto.jpg"
    for status in (
        LinkStatus(slow, error="timeout after 15 s"),
        LinkStatus(slow, status=403),
        LinkStatus(slow, status=429),
    ):
        found = broken_image.CHECK.execute(site(page("/a", images=(slow,)), status={slow: status}))
        assert found == []
    gone = {slow: LinkStatus(slow, error="DNS lookup failed")}
    [finding] = broken_image.CHECK.execute(site(page("/a", images=(slow,)), status=gone))
    assert "DNS lookup failed" in finding.message


# --- broken-anchor ------------------------------------------------------------------------


TARGET = page("/doel", anchors=frozenset({"stap-2", "über", "oud"}))


@pytest.mark.parametrize(
    "href",
    [
        "/doel#stap-2",
        "/doel#top",
        "/doel#TOP",
        "/doel#",
        "/doel",
        "/doel#%C3%BCber",
        "/doel#/route",
        "/doel#!/route",
        "/doel#:~:text=meter",
        "/elders#geen",
    ],
)
def test_existing_anchor_top_empty_routes_and_uncrawled_targets_are_fine(href: str):
    assert broken_anchor.CHECK.execute(site(page("/a", internal(href)), TARGET)) == []


def test_missing_anchor_fires_with_the_decoded_fragment_in_the_message():
    source = page("/a", internal("/doel#stap%203", "Stap 3"), internal("/doel#stap%203"))
    [finding] = broken_anchor.CHECK.execute(site(source, TARGET))
    assert finding.severity is Severity.MODERATE
    assert "#stap 3" in finding.message and finding.evidence == "Stap 3"
    assert finding.signature == BASE + "/doel#stap%203"


def test_anchor_on_the_same_page_and_on_a_target_that_failed():
    here = page("/a", internal("/a#inhoud"), internal("/a#weg"), anchors=frozenset({"inhoud"}))
    failed = page("/kapot", status=404)
    findings = broken_anchor.CHECK.execute(site(here, failed, page("/b", internal("/kapot#x"))))
    assert [f.signature for f in findings] == [BASE + "/a#weg"]


# --- redirect-chain -----------------------------------------------------------------------


def test_internal_target_with_three_redirects_fires_and_two_do_not():
    hops3 = tuple(BASE + f"/r{i}" for i in range(3))
    pages = (
        page("/a", internal("/lang"), internal("/kort")),
        page("/lang", redirects=hops3, final_path="/eind"),
        page("/kort", redirects=hops3[:2], final_path="/eind2"),
    )
    [finding] = redirect_chain.CHECK.execute(site(*pages))
    assert finding.severity is Severity.MINOR
    assert finding.signature == BASE + "/lang" and "3 redirects" in finding.message


def test_link_straight_to_the_final_url_does_not_fire():
    hops3 = tuple(BASE + f"/r{i}" for i in range(3))
    pages = (page("/a", internal("/eind")), page("/lang", redirects=hops3, final_path="/eind"))
    assert redirect_chain.CHECK.execute(site(*pages)) == []


def test_external_redirects_come_from_the_link_checker_and_the_limit_is_an_option():
    statuses = {EXTERNAL: LinkStatus(EXTERNAL, status=200, redirects=3)}
    summary = site(page("/a", external()), status=statuses)
    assert len(redirect_chain.CHECK.execute(summary)) == 1
    assert redirect_chain.CHECK.execute(summary, {"max_redirects": 3}) == []


# --- malformed-contact-link ---------------------------------------------------------------


def contact_page(*hrefs: str):
    links = "".join(f'<a href="{href}">Neem contact op</a>' for href in hrefs)
    return make_page(f"<html lang='nl'><body><main>{links}</main></body></html>")


@pytest.mark.parametrize(
    "href",
    [
        "tel:+31201234567",
        "tel:0800-1234",
        "tel:020%20123%2045%2067",
        "tel:+31-20-123-4567;ext=12",
        "tel:112",
        "mailto:klantenservice@voorbeeld-energie.nl",
        "mailto:klantenservice@voorbeeld-energie.nl?subject=Vraag%20over%20mijn%20factuur",
        "mailto:a@voorbeeld.nl,b@voorbeeld.nl",
        "mailto:?to=klantenservice@voorbeeld.nl",
        "https://voorbeeld.nl/contact",
    ],
)
def test_valid_phone_and_email_links_pass(href: str):
    assert malformed_contact_link.CHECK.execute(contact_page(href)) == []


@pytest.mark.parametrize(
    "href",
    [
        "tel:12",
        "tel:bel-ons",
        "tel:",
        "mailto:",
        "mailto:klantenservice@voorbeeld",
        "mailto:a@voorbeeld.nl,geen-adres",
        "mailto:?subject=Vraag",
    ],
)
def test_malformed_phone_and_email_links_fire(href: str):
    [finding] = malformed_contact_link.CHECK.execute(contact_page(href, href))
    assert finding.severity is Severity.MODERATE
    assert finding.signature == href and href in finding.message


def test_region_option_decides_national_numbers():
    # 020 1234567 is an Amsterdam number in NL; in the US the same digits are not a number.
    page_ = contact_page("tel:0201234567")
    assert malformed_contact_link.CHECK.execute(page_) == []
    assert len(malformed_contact_link.CHECK.execute(page_, {"region": "US"})) == 1


def test_link_checks_declare_what_they_read():
    assert broken_link.CHECK.needs == broken_image.CHECK.needs == ("links",)
    assert redirect_chain.CHECK.needs == ("links",) and broken_anchor.CHECK.needs == ()
    assert {c.CHECK.scope for c in (broken_link, broken_image, broken_anchor, redirect_chain)} == {
        "site"
    }
    assert malformed_contact_link.CHECK.scope == "page"
