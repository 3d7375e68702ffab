import dataclasses

from auditor.model import Link, PageSummary, SiteSummary
from checks.escalation.contact_page_linked import CHECK

BASE = "https://voorbeeld.nl"


def summary(path: str, kind: str, links: list[Link], depth: int = 1) -> PageSummary:
    return PageSummary(
        url=BASE + path,
        final_url=BASE + path,
        title=path,
        depth=depth,
        status=200,
        kind=kind,
        is_html=True,
        links=tuple(links),
    )


CONTACT = summary("/contact", "contact", [Link(BASE + "/", "Home", True)])


def test_page_without_contact_link_fires_and_others_pass():
    site = SiteSummary(
        start_urls=(BASE + "/",),
        pages=(
            summary("/", "home", [Link(BASE + "/contact", "Klantenservice", True)], depth=0),
            summary("/hulp/a", "help-article", [Link(BASE + "/contact", "Neem contact op", True)]),
            summary("/hulp/b", "help-article", [Link(BASE + "/", "Home", True)]),
            CONTACT,
        ),
    )
    findings = CHECK.execute(site)
    assert [f.url for f in findings] == [BASE + "/hulp/b"]


def test_link_by_url_counts_even_with_other_text_but_hidden_link_does_not():
    site = SiteSummary(
        start_urls=(BASE + "/",),
        pages=(
            summary("/x", "other", [Link(BASE + "/contact", "Wij helpen u", True)]),
            summary("/y", "other", [Link(BASE + "/contact", "Contact", True, visible=False)]),
            CONTACT,
        ),
    )
    assert [f.url for f in CHECK.execute(site)] == [BASE + "/y"]


def test_site_without_contact_page_gets_one_critical_finding():
    site = SiteSummary(
        start_urls=(BASE + "/",),
        pages=(
            summary("/", "home", [Link(BASE + "/faq", "FAQ", True)], depth=0),
            summary("/faq", "faq", [Link(BASE + "/", "Home", True)]),
        ),
    )
    [finding] = CHECK.execute(site)
    assert finding.severity.value == "critical"
    assert finding.url == BASE + "/"


def test_findings_share_one_fix():
    site = SiteSummary(
        start_urls=(BASE + "/",),
        pages=(
            summary("/a", "other", []),
            summary("/b", "other", []),
            CONTACT,
        ),
    )
    keys = {f.group_key for f in CHECK.execute(site)}
    assert len(keys) == 1


def test_contact_link_texts_in_the_wild():
    from checks.escalation.contact_route import links_to_contact

    for text in [
        "Service & contact",
        "Contact",
        "Help en contact",
        "Klantenservice",
        "Contact us",
        "Get in touch",
    ]:
        assert links_to_contact(Link(BASE + "/x", text, True), set()), text
    for text in [
        "Contactlenzen",
        "Lees hier alles over hoe u contact met ons opneemt en meer",
        "Over ons",
    ]:
        assert not links_to_contact(Link(BASE + "/x", text, True), set()), text


def page_with(path: str, links: list[Link], contact: dict | None = None) -> PageSummary:
    """A help article whose external links and contact facts are given."""
    return PageSummary(
        url=BASE + path,
        final_url=BASE + path,
        title=path,
        depth=1,
        status=200,
        kind="help-article",
        is_html=True,
        links=tuple(link for link in links if link.internal),
        external=tuple(link for link in links if not link.internal),
        facts={"contact": contact or {}},
    )


def test_a_footer_with_the_helpdesk_phone_or_email_is_a_route_without_a_contact_page():
    """A site that shows its helpdesk number and address on every page, but has no page
    called "contact", gives every page a route."""
    site = SiteSummary(
        start_urls=(BASE + "/",),
        pages=(
            page_with("/a", [], {"phones": ["+31881234567"]}),
            page_with("/b", [], {"emails": ["helpdesk@voorbeeld.nl"]}),
            page_with("/c", [], {"abroad_phones": ["+31701234567"]}),
            page_with("/d", [], {"other_phones": ["+31881112222"]}),  # a fax is no route
        ),
    )
    assert [f.url for f in CHECK.execute(site)] == [BASE + "/d"]
    routes = {u: m["contact_route"] for u, m in CHECK.site_measure(site).items()}  # type: ignore[misc]
    assert routes == {
        BASE + "/a": "phone or email",
        BASE + "/b": "phone or email",
        BASE + "/c": "phone or email",
        BASE + "/d": "none",
    }


def test_a_contact_link_to_another_host_of_the_organisation_is_a_route():
    """help.voorbeeld.nl links "Contact us" to the main domain: a route. The same link to
    another organisation (or a bare "Contact" on a social network) is not."""
    help_base = "https://help.voorbeeld.nl"
    pages = []
    for path, href, text in [
        ("/main", "https://www.voorbeeld.nl/contact", "Contact us"),
        ("/main-path", "https://www.voorbeeld.nl/klantenservice/contact-opnemen", "Help"),
        ("/other-org", "https://www.andere-organisatie.nl/contact", "Contact"),
        ("/social", "https://social.example/voorbeeld", "Contact"),
    ]:
        page = page_with(path, [Link(href, text, False)])
        pages.append(dataclasses.replace(page, url=help_base + path, final_url=help_base + path))
    site = SiteSummary(start_urls=(help_base + "/",), pages=tuple(pages))
    assert sorted(f.url for f in CHECK.execute(site)) == [
        help_base + "/other-org",
        help_base + "/social",
    ]
