"""page-open-without-login: a personal page that the no-session refetch still gets."""

from __future__ import annotations

from typing import Any

import pytest

from auditor.model import Severity
from auditor.testing import make_page
from checks.trust import page_open_without_login as check

URL = "https://mijn.example.nl/mijn/verbruik"
LOGIN = "https://mijn.example.nl/inloggen"
PAGE = """<html lang="nl"><head><title>Uw verbruik</title></head><body><main>
<h1>Uw verbruik</h1>
<dl><dt>Naam</dt><dd>Jan de Vries</dd><dt>Klantnummer</dt><dd>K-204816</dd></dl>
<p>In oktober gebruikte u 214 kWh stroom en 88 kubieke meter gas op uw adres.</p>
</main></body></html>"""
IDENTIFIERS = ["Jan de Vries", "K-204816", "jan.devries@example.nl"]


def page_with(anonymous: dict[str, Any] | None, *, public: bool = False, identifiers=IDENTIFIERS):
    probes: dict[str, Any] = {"session": {"identifiers": identifiers, "public": public}}
    if anonymous is not None:
        probes["no_session"] = anonymous
    return make_page(PAGE, URL, probes=probes)


def same_page(**changes: Any) -> dict[str, Any]:
    text = make_page(PAGE, URL).text
    return {"status": 200, "final_url": URL, "title": "Uw verbruik", "text": text,
            "login_page": False, **changes}  # fmt: skip


def findings(page):
    return list(check.CHECK.execute(page))


def test_a_personal_page_that_opens_without_the_session_is_critical():
    [finding] = findings(page_with(same_page()))
    assert finding.severity is Severity.CRITICAL and finding.legal
    assert "opens without logging in" in finding.message
    assert "2 of the logged-in account's details" in finding.message
    assert not finding.needs_review
    # both responses summarised, what was expected said, and no identifier itself
    assert "With the session: 200 at /mijn/verbruik" in finding.evidence
    assert "Without the session: 200 at /mijn/verbruik" in finding.evidence
    assert "100% of the text the same" in finding.evidence
    assert "401 or 403" in finding.evidence
    assert all(i not in finding.evidence + finding.message for i in IDENTIFIERS)


@pytest.mark.parametrize(
    "anonymous",
    [
        same_page(status=401, text="Log in"),
        same_page(status=403, text="Forbidden"),
        same_page(status=404, text="Not found"),
        same_page(final_url=LOGIN, title="Inloggen", text="Inloggen E-mailadres Wachtwoord"),
        same_page(final_url=LOGIN + "?terug=/mijn/verbruik", text="Inloggen"),
        same_page(login_page=True, text="Log in om verder te gaan"),
        {"error": "timeout: no answer within 30 s"},
    ],
    ids=["401", "403", "404", "redirect-to-login", "redirect-with-query", "login-form", "error"],
)
def test_a_refused_request_is_fine(anonymous):
    assert findings(page_with(anonymous)) == []


def test_without_the_probes_nothing_is_judged():
    assert findings(page_with(None)) == []
    assert findings(make_page(PAGE, URL)) == []


def test_a_public_page_with_the_same_content_is_not_reported():
    public = page_with(same_page(text="Tarieven 2026"), public=True, identifiers=["Nobody"])
    assert findings(public) == []


def test_a_page_the_public_crawl_found_that_shows_the_account_is_still_personal():
    assert len(findings(page_with(same_page(), public=True))) == 1


def test_same_text_without_any_detail_is_reported_for_review():
    page = page_with(same_page(), identifiers=["Piet Puk"])
    [finding] = findings(page)
    assert finding.needs_review
    assert "of its text is the same" in finding.message


def test_a_different_page_at_the_same_address_is_fine():
    anonymous = same_page(text="Welkom bij Voorbeeld Energie. Log in om uw verbruik te zien.")
    assert findings(page_with(anonymous, identifiers=["Piet Puk"])) == []


def test_similarity_is_an_option():
    half = " ".join(make_page(PAGE, URL).text.split()[:12])
    anonymous = same_page(text=half)
    page = page_with(anonymous, identifiers=["Piet Puk"])
    assert findings(page) == []
    assert len(list(check.CHECK.execute(page, {"similarity": 0.1}))) == 1


def test_text_similarity():
    assert check.text_similarity("een twee drie vier", "een twee drie vier") == 1.0
    assert check.text_similarity("", "") == 1.0
    assert check.text_similarity("een twee drie", "vier vijf zes") == 0.0
    assert 0 < check.text_similarity("een twee drie vier", "een twee drie vijf") < 1
