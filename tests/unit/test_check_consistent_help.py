from pathlib import Path

from auditor.model import Link, PageSummary, SiteSummary
from auditor.testing import make_page
from checks.accessibility.consistent_help import CHECK, help_kind

BASE = "https://voorbeeld.nl"
CONTACT = Link(BASE + "/contact", "Contact", True)
FAQ = Link(BASE + "/faq", "Veelgestelde vragen", True)
HEADER = [
    Link(BASE + "/", "Home", True),
    Link(BASE + "/zoeken", "Zoeken", True),
    Link(BASE + "/mijn", "Mijn omgeving", True),
]
ENGLISH = Link(BASE + "/en/", "English", True)
FOOTER = [Link(BASE + "/privacy", "Privacy", True), Link(BASE + "/cookies", "Cookies", True)]


def summary(path: str, links: list[Link], kind: str = "help-article") -> PageSummary:
    return PageSummary(
        url=BASE + path,
        final_url=BASE + path,
        title=path,
        depth=1,
        status=200,
        kind=kind,
        is_html=True,
        links=tuple(links),
    )


def body(path: str, *extra: Link) -> list[Link]:
    return [Link(BASE + path + "-related", "Lees ook", True), *extra]


def standard(path: str, *extra: Link) -> PageSummary:
    """Contact at the end of the main menu and in the footer."""
    return summary(path, [*HEADER, CONTACT, ENGLISH, *body(path, *extra), *FOOTER, CONTACT])


def site(*pages: PageSummary) -> SiteSummary:
    contact_page = summary("/contact", [*HEADER, CONTACT, ENGLISH, *FOOTER, CONTACT], "contact")
    return SiteSummary(start_urls=(BASE + "/",), pages=(*pages, contact_page))


def test_consistent_template_passes():
    assert CHECK.execute(site(*(standard(f"/hulp/{i}") for i in range(5)))) == []


def test_contact_link_moved_into_the_content_fires_on_that_page_only():
    moved = summary(
        "/hulp/moved",
        [*HEADER, ENGLISH, CONTACT, Link(BASE + "/mijn", "Mijn omgeving", True), *FOOTER],
    )
    findings = CHECK.execute(site(*(standard(f"/hulp/{i}") for i in range(5)), moved))
    [finding] = findings
    assert finding.url == BASE + "/hulp/moved"
    assert finding.wcag == ("3.2.6",)
    assert finding.en301549 == ()
    assert finding.legal is False
    assert finding.severity.value == "moderate"
    assert finding.signature == "help-order|contact"
    assert "after 'English'" in finding.message


def test_header_link_moved_while_footer_link_stays_fires():
    moved = summary("/hulp/moved", [*HEADER, ENGLISH, CONTACT, *body("/m"), *FOOTER, CONTACT])
    findings = CHECK.execute(site(*(standard(f"/hulp/{i}") for i in range(4)), moved))
    assert [f.url for f in findings] == [BASE + "/hulp/moved"]


def test_missing_help_link_or_an_extra_link_in_the_text_is_not_a_move():
    without_footer_contact = summary("/hulp/x", [*HEADER, CONTACT, ENGLISH, *body("/x"), *FOOTER])
    extra = standard("/hulp/y", Link(BASE + "/contact", "Neem contact op", True))
    no_help = summary("/hulp/z", [*HEADER, ENGLISH, *FOOTER])
    pages = [standard(f"/hulp/{i}") for i in range(4)]
    assert CHECK.execute(site(*pages, without_footer_contact, extra, no_help)) == []


def test_pages_on_another_template_are_not_compared():
    english = [
        summary(
            f"/en/{i}",
            [
                Link(BASE + "/en/", "Home", True),
                Link(BASE + "/en/contact", "Contact us", True),
                Link(BASE + "/", "Nederlands", True),
                Link(BASE + "/en/privacy", "Privacy", True),
            ],
        )
        for i in range(3)
    ]
    assert CHECK.execute(site(*(standard(f"/hulp/{i}") for i in range(4)), *english)) == []


def test_too_few_comparable_pages_are_not_judged():
    moved = summary("/hulp/moved", [*HEADER, ENGLISH, CONTACT, *body("/m"), *FOOTER])
    lone = SiteSummary(start_urls=(BASE + "/",), pages=(standard("/hulp/0"), moved))
    assert CHECK.execute(lone) == []


def test_a_minority_is_reported_but_half_and_half_is_not():
    moved = [
        summary(f"/hulp/m{i}", [*HEADER, ENGLISH, *body(f"/m{i}"), *FOOTER, CONTACT])
        for i in range(3)
    ]
    header_only = [summary(f"/hulp/h{i}", [*HEADER, CONTACT, ENGLISH, *FOOTER]) for i in range(3)]
    pages = SiteSummary(start_urls=(BASE + "/",), pages=(*moved, *header_only))
    assert CHECK.execute(pages) == []
    more = [summary(f"/hulp/s{i}", [*HEADER, CONTACT, ENGLISH, *FOOTER]) for i in range(2)]
    pages = SiteSummary(start_urls=(BASE + "/",), pages=(*moved, *header_only, *more))
    assert sorted(f.url for f in CHECK.execute(pages)) == [m.url for m in moved]


def test_self_help_and_phone_links_are_help_too():
    phone = Link("tel:+31201234567", "020 123 4567", False)
    pages = [summary(f"/p{i}", [*HEADER, FAQ, ENGLISH, *FOOTER, phone]) for i in range(4)]
    moved = summary("/moved", [phone, *HEADER, ENGLISH, *FOOTER, FAQ])
    findings = CHECK.execute(SiteSummary(start_urls=(BASE + "/",), pages=(*pages, moved)))
    assert sorted(f.signature for f in findings) == ["help-order|phone", "help-order|self-help"]
    assert {f.url for f in findings} == {BASE + "/moved"}


def test_hidden_links_and_skip_links_are_ignored():
    hidden_contact = Link(BASE + "/contact", "Contact", True, visible=False)
    skip = Link(BASE + "/hulp/moved#contact", "Contact", True)
    pages = [standard(f"/hulp/{i}") for i in range(4)]
    odd = summary("/hulp/moved", [skip, hidden_contact, *standard("/hulp/moved").links])
    assert CHECK.execute(site(*pages, odd)) == []


def test_help_kinds():
    contact_urls = {BASE + "/contact"}
    assert help_kind(Link(BASE + "/klantenservice", "Klantenservice", True), set()) == "contact"
    assert help_kind(Link(BASE + "/x", "Wij helpen u", True), contact_urls) is None
    assert help_kind(Link(BASE + "/contact", "Wij helpen u", True), contact_urls) == "contact"
    assert help_kind(Link("mailto:info@voorbeeld.nl", "Mail ons", False), set()) == "email"
    assert help_kind(Link(BASE + "/chat", "Chat met ons", True), set()) == "chat"
    assert help_kind(Link(BASE + "/faq", "FAQ", True), set()) == "self-help"
    assert help_kind(Link(BASE + "/help/", "Alle onderwerpen", True), set()) == "self-help"
    assert help_kind(Link(BASE + "/hulp/verhuizen", "Hulp bij verhuizen", True), set()) is None


def test_works_on_summaries_of_real_snapshots():
    nav = "<nav><a href='/'>Home</a><a href='/zoeken'>Zoeken</a>{}<a href='/mijn'>Mijn</a></nav>"
    foot = "<footer><a href='/privacy'>Privacy</a><a href='/cookies'>Cookies</a></footer>"
    contact = "<a href='/contact'>Contact</a>"

    def snap(path: str, header: str, main: str) -> PageSummary:
        html = f"<html lang='nl'><body>{nav.format(header)}<main>{main}</main>{foot}</body></html>"
        return PageSummary.of(make_page(html, url=BASE + path))

    pages = [snap(f"/h{i}", contact, f"<a href='/a{i}'>Artikel</a>") for i in range(4)]
    moved = snap("/moved", "", f"{contact}<a href='/b'>Artikel</a>")
    [finding] = CHECK.execute(SiteSummary(start_urls=(BASE + "/",), pages=(*pages, moved)))
    assert finding.url == BASE + "/moved"


def test_demo_site_reports_only_the_planted_page():
    root = Path(__file__).parents[2] / "fixtures" / "site"
    origin = "http://127.0.0.1:8000"
    pages = []
    for file in sorted(root.rglob("*.html")):
        path = "/" + file.relative_to(root).as_posix().removesuffix("index.html")
        pages.append(PageSummary.of(make_page(file.read_text(encoding="utf-8"), url=origin + path)))
    findings = CHECK.execute(SiteSummary(start_urls=(origin + "/",), pages=tuple(pages)))
    assert [f.url for f in findings] == [origin + "/nl/documenten/help-moved.html"]
