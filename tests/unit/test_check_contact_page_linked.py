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
    from checks.escalation.contact_page_linked import links_to_contact

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
