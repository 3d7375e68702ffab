"""The site-level escalation checks on tiny sites in real Chromium, through the real CLI: a
site with a phone number and an email address, one that closed its helpdesk (email only)
and one that gives neither."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import cx_audit
from tests.servers import LocalServer

pytestmark = pytest.mark.e2e

SITE_CHECKS = ("no-human-contact", "no-phone-anywhere", "contact-route-depth")
NAV = '<nav><a href="/">Home</a> <a href="/hulp/">Hulp</a> <a href="/contact">Contact</a></nav>'


def html(title: str, body: str, nav: str = NAV) -> str:
    return (
        f'<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>{title}</title>'
        f"</head><body>{nav}<main><h1>{title}</h1>{body}</main>"
        "<footer><p>KvK 34123456 · IBAN NL91 ABNA 0417 1643 00</p></footer></body></html>"
    )


def site(contact_body: str, *, deep: bool = False) -> dict[str, tuple[int, dict, str]]:
    """A home page, a help hub, a help article and a contact page. With `deep`, the help
    pages lose the menu: the hub links only home, the article only the hub, so the article
    is three clicks from the contact page."""
    hub_nav = '<nav><a href="/">Home</a></nav>' if deep else NAV
    article_nav = '<nav><a href="/hulp/">Hulp</a></nav>' if deep else NAV
    return {
        "/": (200, {}, html("Welkom", '<p><a href="/hulp/">Hulp bij uw energie</a></p>')),
        "/hulp/": (
            200,
            {},
            html("Hulp", '<p><a href="/hulp/verhuizen">Verhuizen</a></p>', nav=hub_nav),
        ),
        "/hulp/verhuizen": (
            200,
            {},
            html("Verhuizen", "<p>Geef uw nieuwe adres door.</p>", nav=article_nav),
        ),
        "/contact": (200, {}, html("Contact", contact_body)),
    }


PHONE_AND_EMAIL = site(
    '<p>Bel ons op <a href="tel:+31201234567">020 123 4567</a>, maandag tot en met vrijdag '
    'van 9.00 tot 17.00 uur.</p><p>Mail <a href="mailto:info@voorbeeld.nl">'
    "info@voorbeeld.nl</a></p>"
)
EMAIL_ONLY = site(
    "<p>Onze telefonische helpdesk is gesloten. Mail ons: "
    '<a href="mailto:info@voorbeeld.nl">info@voorbeeld.nl</a></p>'
    "<p>Fax: 020 123 4568</p>",
    deep=True,
)
NONE = site(
    "<p>Stel uw vraag in de chat.</p>"
    '<p><button type="button">Chat met ons</button></p>'
    "<p>Journalisten: pers@voorbeeld.nl. Een lek gevonden? Mail security@voorbeeld.nl.</p>"
)


def audit(routes: dict[str, tuple[int, dict, str]], output: Path) -> dict[str, Any]:
    with LocalServer(routes) as server:
        run = cx_audit(
            "audit",
            server.url + "/",
            "--output",
            str(output),
            "--format",
            "json",
            "--fail-on",
            "never",
            "--quiet",
            "--select",
            ",".join(SITE_CHECKS),
        )
        assert run.returncode == 0, run.stderr
        report = json.loads((output / "report.json").read_text("utf-8"))
        report["base"] = server.url
    assert report["site"]["audited"] == 4, report["site"]
    return report


@pytest.mark.parametrize(
    ("routes", "expected"),
    [
        (PHONE_AND_EMAIL, set()),
        (EMAIL_ONLY, {"no-phone-anywhere", "contact-route-depth"}),
        (NONE, {"no-human-contact", "no-phone-anywhere"}),
    ],
    ids=["phone-and-email", "email-only", "none"],
)
def test_site_checks_fire_only_where_they_should(tmp_path, routes, expected):
    report = audit(routes, tmp_path)
    fired = {f["check_id"] for f in report["findings"]}
    assert fired == expected
    for finding in report["findings"]:
        assert finding["url"] == report["base"] + "/"


def test_contact_depth_is_a_page_metric(tmp_path):
    report = audit(EMAIL_ONLY, tmp_path)
    depths = {
        page["url"].removeprefix(report["base"]): page["metrics"].get("contact_depth")
        for page in report["pages"]
    }
    assert depths == {"/": 1, "/hulp/": 2, "/hulp/verhuizen": 3, "/contact": 0}
    [finding] = [f for f in report["findings"] if f["check_id"] == "contact-route-depth"]
    assert "1 of 4 pages" in finding["message"]
    assert "/hulp/verhuizen (3 clicks)" in finding["message"]


def test_the_start_page_language_decides_how_every_page_reads_phone_numbers(tmp_path):
    """A Dutch site on a host without a country domain: its English and German pages write
    the helpdesk's freephone number the Dutch way, and the numbers are found there too."""
    start = html("Welkom", '<p><a href="/en/help">English</a> <a href="/de/hilfe">Deutsch</a></p>')
    english = (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Help</title></head>'
        "<body><main><h1>Help</h1><p>Call the helpdesk 0800-1234 (free), 08.00 – 18.00.</p>"
        "</main></body></html>"
    )
    german = english.replace('lang="en"', 'lang="de"').replace("Call the", "Rufen Sie den")
    routes = {"/": (200, {}, start), "/en/help": (200, {}, english), "/de/hilfe": (200, {}, german)}
    with LocalServer(routes) as server:
        run = cx_audit(
            "audit", server.url + "/", "--output", str(tmp_path), "--format", "json",
            "--fail-on", "never", "--quiet", "--no-sitemaps",
            "--select", "contact-phone-visible,contact-page-linked",
        )  # fmt: skip
        assert run.returncode == 0, run.stderr
        report = json.loads((tmp_path / "report.json").read_text("utf-8"))
        metrics = {p["url"].removeprefix(server.url): p["metrics"] for p in report["pages"]}
    assert metrics["/en/help"].get("contact_phones") == "+318001234"
    assert metrics["/de/hilfe"].get("contact_phones") == "+318001234"
    assert metrics["/en/help"]["contact_route"] == "phone or email"
    assert "contact_phones" not in metrics["/"]
