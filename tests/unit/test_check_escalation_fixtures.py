"""The escalation checks over every page of the fixture site, without a browser: findings
only where they are planted."""

from datetime import UTC, datetime
from pathlib import Path

from auditor.model import PageSummary, SiteSummary
from auditor.testing import make_page
from checks.escalation import (
    chatbot_only,
    contact_email_not_linked,
    contact_email_visible,
    contact_number_inconsistent,
    contact_phone_not_linked,
    contact_phone_visible,
    contact_route_depth,
    no_human_contact,
    no_phone_anywhere,
    opening_hours_missing,
)
from checks.escalation.contacts import contact_facts

SITE = Path(__file__).resolve().parents[2] / "fixtures" / "site"
ORIGIN = "http://127.0.0.1:8000"
PAGE_CHECKS = [
    m.CHECK
    for m in (
        contact_phone_visible,
        contact_email_visible,
        contact_phone_not_linked,
        contact_email_not_linked,
        chatbot_only,
        opening_hours_missing,
    )
]
SITE_CHECKS = [
    m.CHECK
    for m in (no_human_contact, no_phone_anywhere, contact_number_inconsistent, contact_route_depth)
]
PLANTED = {
    ("/en/contact.html", "contact-phone-visible"),
    ("/en/business-contact.html", "contact-email-visible"),
    ("/nl/service/chat-contact.html", "contact-phone-visible"),
    ("/nl/service/chat-contact.html", "contact-email-visible"),
    ("/nl/service/chat-contact.html", "chatbot-only"),
    ("/nl/service/ander-nummer.html", "contact-number-inconsistent"),
    # The national outage number 0800-9009 is shown without a tel: link.
    ("/nl/hulp/storing-melden.html", "contact-phone-not-linked"),
}


def _path(file: Path) -> str:
    path = "/" + file.relative_to(SITE).as_posix()
    return path.removesuffix("index.html")


def test_escalation_findings_on_the_fixture_site_are_the_planted_ones():
    found: set[tuple[str, str]] = set()
    summaries = []
    for file in sorted(SITE.rglob("*.html")):
        page = make_page(
            file.read_text("utf-8"),
            url=ORIGIN + _path(file),
            fetched_at=datetime(2026, 11, 24, tzinfo=UTC),
        )
        summaries.append(PageSummary.of(page, {"contact": contact_facts(page)}))
        for check in PAGE_CHECKS:
            if check.applies(page):
                found |= {(_path(file), f.check_id) for f in check.execute(page)}
    site = SiteSummary(start_urls=(ORIGIN + "/",), pages=tuple(summaries))
    for check in SITE_CHECKS:
        found |= {(f.url.removeprefix(ORIGIN), f.check_id) for f in check.execute(site)}
    assert found == PLANTED
    depths = contact_route_depth.measure_site(site)
    assert depths[ORIGIN + "/nl/service/chat-contact.html"] == {"contact_depth": 0}
    assert max(d["contact_depth"] for d in depths.values()) <= 2


def test_new_fixture_pages_have_the_kinds_the_checks_need():
    kinds = {
        path: make_page((SITE / path.lstrip("/")).read_text("utf-8"), url=ORIGIN + path).kind
        for path in ("/nl/service/chat-contact.html", "/nl/service/ander-nummer.html")
    }
    assert kinds == {
        "/nl/service/chat-contact.html": "contact",
        "/nl/service/ander-nummer.html": "help-article",
    }
