"""The logged-in portal without a browser: [login] settings, credentials from the environment,
stored sessions, masking personal data, the portal's deny-list and the pure helpers that keep
a customer's own details from being read as contact routes or abbreviations."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from auditor.action_links import is_action_link
from auditor.config import AuditConfig, ConfigError
from auditor.config_file import load_config
from auditor.gate import gate_reasons
from auditor.login import (
    Credentials,
    LoginSettings,
    credentials_from_env,
    load_storage_state,
    scrub,
    state_secrets,
)
from auditor.model import Severity
from auditor.portal import folder_of, portal_deny_words, portal_link_guard, shared_folder
from auditor.privacy import MASK, Masker, personal_values
from auditor.testing import make_page
from auditor.urls import looks_destructive
from checks.escalation import contact_email_not_linked, contact_phone_not_linked
from checks.escalation.contacts import contact_facts
from checks.language import unexplained_abbreviation
from tests.sample_result import sample_result

SITE = Path(__file__).resolve().parents[2] / "fixtures" / "site"
LOGIN = {
    "url": "https://mijn.example.nl/inloggen",
    "username_selector": "#username",
    "password_selector": "#password",
    "submit_selector": "button[type=submit]",
    "logged_in_selector": "a[href*=uitloggen]",
    "username_env": "CX_USER",
    "password_env": "CX_PASS",
}
START = ("https://www.example.nl/",)


# -- settings -----------------------------------------------------------------------------


def test_a_complete_login_table_is_read():
    login = LoginSettings.from_table(LOGIN)
    assert login.url == LOGIN["url"] and login.username_env == "CX_USER"
    config = AuditConfig(START, login=LOGIN)
    assert config.portal and config.to_dict()["login"] == LOGIN


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"password": "hunter2"}, "never put the password in the settings file"),
        ({"username": "jan"}, "never put the username in the settings file"),
        ({"pasword_env": "X"}, "unknown key 'pasword_env'; did you mean 'password_env'?"),
        ({"url": ""}, "login.url must be a non-empty string"),
        ({"url": "ftp://x"}, "is not an http(s) URL"),
        ({"logged_in_selector": None}, "logged_in_selector (an element"),
        ({"submit_selector": None}, "submit_selector missing"),
    ],
)
def test_login_mistakes_are_clear_and_show_no_secret(change, message):
    table = {k: v for k, v in {**LOGIN, **change}.items() if v is not None}
    with pytest.raises(ConfigError) as raised:
        AuditConfig(START, login=table)
    assert message in str(raised.value)
    assert "hunter2" not in str(raised.value)


def test_login_mistakes_in_the_file_name_the_line(tmp_path):
    path = tmp_path / "cx-audit.toml"
    lines = [f'{k} = "{v}"' for k, v in LOGIN.items()]
    path.write_text("max_pages = 5\n[login]\n" + "\n".join(lines) + '\npassword = "hunter2"\n')
    with pytest.raises(ConfigError) as raised:
        load_config(path, {})
    assert str(raised.value).startswith(f"{path}:{len(LOGIN) + 3}: login: never put the password")
    assert "hunter2" not in str(raised.value)
    path.write_text("[login]\n" + "\n".join(lines) + "\n")
    assert load_config(path, {}).values["login"] == LOGIN


def test_credentials_come_from_the_environment_only():
    login = LoginSettings.from_table(LOGIN)
    creds = credentials_from_env(login, {"CX_USER": "jan@example.nl", "CX_PASS": "geheim-123"})
    assert creds == Credentials("jan@example.nl", "geheim-123")
    assert "geheim" not in repr(creds) and "jan@" not in repr(creds)
    with pytest.raises(ConfigError, match="CX_PASS \\(password_env\\) is not set"):
        credentials_from_env(login, {"CX_USER": "jan@example.nl"})


def test_portal_settings_need_a_session():
    # no --portal-url: the public links that redirect to the login page are the start
    assert AuditConfig(START, auth_state="state.json").portal
    with pytest.raises(ConfigError, match="needs a session"):
        AuditConfig(START, portal_urls=("https://www.example.nl/mijn/",))
    with pytest.raises(ConfigError, match="must start with /"):
        AuditConfig(START, login=LOGIN, portal_prefix="mijn")
    ok = AuditConfig(START, auth_state="s.json", portal_urls=("https://www.example.nl/mijn/",))
    assert ok.portal and ok.to_dict()["auth_state"] == "s.json"


STATE = {
    "cookies": [
        {"name": "sid", "value": "s3cr3t-cookie-value", "domain": "example.nl", "path": "/"}
    ],
    "origins": [
        {"origin": "https://example.nl", "localStorage": [{"name": "t", "value": "tok-123456"}]}
    ],
}


def test_a_storage_state_is_checked_without_quoting_it(tmp_path):
    good = tmp_path / "state.json"
    good.write_text(json.dumps(STATE))
    assert load_storage_state(good) == STATE
    assert state_secrets(STATE) == ("s3cr3t-cookie-value", "tok-123456")
    with pytest.raises(ConfigError, match="no such file"):
        load_storage_state(tmp_path / "missing.json")
    broken = tmp_path / "broken.json"
    broken.write_text('{"cookies": [s3cr3t-cookie-value')
    with pytest.raises(ConfigError, match="not a JSON file") as raised:
        load_storage_state(broken)
    assert "s3cr3t" not in str(raised.value)
    other = tmp_path / "other.json"
    other.write_text(json.dumps({"cookies": [{"value": "s3cr3t-cookie-value"}]}))
    with pytest.raises(ConfigError, match="not a Playwright storage state") as raised:
        load_storage_state(other)
    assert "s3cr3t" not in str(raised.value)


def test_scrub_hides_secrets_in_messages():
    assert scrub("fill('geheim-123') failed", ["geheim-123"]) == "fill('***') failed"


def test_the_readme_portal_example_is_a_valid_settings_file(tmp_path):
    import re

    readme = (SITE.parents[1] / "README.md").read_text("utf-8")
    [example] = [b for b in re.findall(r"```toml\n(.*?)```", readme, re.S) if "[login]" in b]
    path = tmp_path / "cx-audit.toml"
    path.write_text(example, "utf-8")
    values = load_config(path, {}).values
    config = AuditConfig(START, **values)
    assert config.portal and config.login["password_env"] == "CX_AUDIT_PASSWORD"
    assert config.deny_links == ("pauzeren",)


def test_the_starter_files_portal_lines_work_once_uncommented(tmp_path):
    from auditor.cli import STARTER_CONFIG

    portal = STARTER_CONFIG.split("A logged-in portal", 1)[1]
    lines = [line[2:] for line in portal.splitlines() if line.startswith(("# portal", "# [", "# "))]
    settings = [line for line in lines if "=" in line or line.startswith("[")]
    path = tmp_path / "cx-audit.toml"
    path.write_text("\n".join(settings) + "\n", "utf-8")
    config = AuditConfig(START, **load_config(path, {}).values)
    assert config.portal and config.portal_urls == ("https://www.example.nl/mijn/",)


# -- privacy ------------------------------------------------------------------------------

ACCOUNT = (SITE / "mijn" / "index.html").read_text("utf-8")


def test_the_personal_data_of_an_account_page_is_found():
    page = make_page(ACCOUNT, "http://127.0.0.1:8000/mijn/")
    values = personal_values(page.html, page.text, public_contacts=["0800 1234"])
    assert {
        "Jan de Vries",
        "de Vries",
        "K-204816",
        "Dorpsstraat 12, 1234 AB Voorbeeld",
        "Dorpsstraat 12",
        "1234 AB Voorbeeld",
        "jan.devries@example.nl",
        "06 12345678",
    } <= values
    assert "Ja" not in values and "Mijn omgeving" not in values


def test_the_organisations_own_contact_details_are_not_personal():
    text = "Bel ons: 020 123 4567. Mail klantenservice@voorbeeld.nl. Of bel 06 23456789."
    public = ["+31201234567", "KLANTENSERVICE@voorbeeld.nl"]
    values = personal_values("", text, public_contacts=public)
    assert values == {"06 23456789"}


def test_masking_covers_spelling_variants_and_secrets():
    masker = Masker(
        ["Jan de Vries", "06 12345678", "NL91 ABNA 0417 1643 00", "jan.devries@example.nl"],
        secrets=["tok-123456"],
    )
    text = (
        "JAN  DE VRIES, +31 6 1234 5678 / 0612345678, NL91ABNA0417164300, "
        "Jan.DeVries@Example.nl, tok-123456; bel 020 123 4567"
    )
    masked = masker.text(text)
    assert masked.count(MASK) == 6
    assert masked.endswith("bel 020 123 4567")
    assert masker.deep({"a": ["06-12345678", 3], "b": "x"}) == {"a": [MASK, 3], "b": "x"}
    assert masker.is_personal("+31612345678") and not masker.is_personal("+31201234567")
    assert Masker().text("Jan de Vries") == "Jan de Vries"


# -- what the portal never follows --------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "text"),
    [
        ("https://x.nl/mijn/uitloggen", ""),
        ("https://x.nl/mijn/adreswijziging-annuleren.html", ""),
        ("https://x.nl/mijn/aanvraag/12", "Aanvraag annuleren"),
        ("https://x.nl/my/orders/12/cancel", ""),
        ("https://x.nl/mijn/account-opzeggen.html", ""),
        ("https://x.nl/mijn/instellingen", "Account sluiten"),
        ("https://x.nl/mijn/abonnement", "Pauzeren"),
    ],
)
def test_the_portal_deny_list(url, text):
    words = portal_deny_words(["pauzeren"])
    assert looks_destructive(url, text, words)


def test_the_portal_guard_is_broader_than_the_public_one():
    article = "https://x.nl/help/cancel-your-order"
    assert not is_action_link(article)
    assert portal_link_guard()(article, "")
    assert portal_link_guard()("https://x.nl/mijn/aanvraag/12", "Aanvraag annuleren")
    assert portal_link_guard()("https://x.nl/mijn/account/close", "")  # the public rule too
    assert portal_link_guard(["pauzeren"])("https://x.nl/mijn/abonnement/pauzeren", "")


def test_the_portal_folder():
    assert folder_of("https://x.nl/mijn/") == "/mijn/"
    assert folder_of("https://x.nl/mijn/overzicht") == "/mijn/"
    assert folder_of("https://mijn.x.nl/") == ""
    # several entry points (public links that redirected to the login): the folder they share
    assert shared_folder(["https://x.nl/mijn/", "https://x.nl/mijn/facturen/2026"]) == "/mijn/"
    assert shared_folder(["https://x.nl/mijn/a/", "https://x.nl/mijn/b/c"]) == "/mijn/"
    assert shared_folder(["https://x.nl/mijn/", "https://x.nl/account/"]) == ""


# -- a customer's own details are no contact routes and no abbreviations ------------------


def test_the_customers_own_phone_and_email_are_no_contact_routes():
    page = make_page(ACCOUNT, "http://127.0.0.1:8000/mijn/")
    assert list(contact_phone_not_linked.CHECK.execute(page)) == []
    assert list(contact_email_not_linked.CHECK.execute(page)) == []
    facts = contact_facts(page)
    assert facts["phones"] == [] and facts["emails"] == []
    shop = make_page(
        '<html lang="nl"><body><p>Bel ons op 020 123 4567.</p>'
        "<p>Mail klantenservice@voorbeeld.nl.</p></body></html>",
        "https://voorbeeld.nl/hulp",
    )
    assert len(list(contact_phone_not_linked.CHECK.execute(shop))) == 1
    assert len(list(contact_email_not_linked.CHECK.execute(shop))) == 1


def test_postcodes_and_ibans_are_no_abbreviations():
    page = make_page(
        '<html lang="nl"><body><main><p>U woont op Dorpsstraat 12, 1234 AB Voorbeeld. Wij '
        "halen het geld van rekening NL91 ABNA 0417 1643 00. Vraag het WOZ-loket.</p></main>"
        "</body></html>",
        "https://voorbeeld.nl/mijn/",
    )
    found = [f.message for f in unexplained_abbreviation.CHECK.execute(page)]
    assert len(found) == 1 and found[0].startswith('"WOZ"')


# -- the gate -----------------------------------------------------------------------------


def test_a_portal_part_that_stopped_fails_the_gate():
    result = sample_result()
    stopped = dataclasses.replace(
        result, site_metrics={"portal": {"stopped": "the session was lost", "pages": 2}}
    )
    reasons = gate_reasons(stopped, Severity.CRITICAL)
    assert "the logged-in part is incomplete: the session was lost" in reasons
    assert not any("logged-in" in r for r in gate_reasons(stopped, None))
    assert not any("logged-in" in r for r in gate_reasons(result, Severity.CRITICAL))


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_report_header_says_how_many_pages_were_audited_logged_in(lang):
    from reports import html

    portal = {"pages": 6, "stopped": "the session was lost: <b>/mijn/x</b>"}
    result = dataclasses.replace(sample_result(), site_metrics={"portal": portal})
    page = html.render(result, lang)
    assert ("of them logged in (portal)" if lang == "en" else "daarvan ingelogd") in page
    assert "the session was lost: &lt;b&gt;/mijn/x&lt;/b&gt;" in page
    assert "logged in (portal)" not in html.render(sample_result(), "en")
