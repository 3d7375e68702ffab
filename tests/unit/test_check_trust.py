import dataclasses
from pathlib import Path

import pytest

from auditor.testing import make_page
from checks.trust import (
    hsts_missing,
    insecure_login_form,
    insecure_session_cookie,
    mixed_content,
    not_https,
    password_autocomplete,
    security_headers_missing,
)
from checks.trust.web import registrable_domain

CHECKS = (
    not_https.CHECK,
    mixed_content.CHECK,
    hsts_missing.CHECK,
    insecure_login_form.CHECK,
    password_autocomplete.CHECK,
    security_headers_missing.CHECK,
    insecure_session_cookie.CHECK,
)
SITE = Path(__file__).resolve().parents[2] / "fixtures" / "site"
LOCAL = "http://127.0.0.1:8000"
GOOD_HEADERS = {
    "Strict-Transport-Security": "max-age=31536000; includeSubDomains",
    "Content-Security-Policy": "default-src 'self'; frame-ancestors 'self'",
    "X-Content-Type-Options": "nosniff",
}
GOOD_FORM = """
<form method="post" action="/inloggen">
  <label for="u">E-mailadres</label>
  <input type="email" id="u" name="username" autocomplete="username">
  <label for="p">Wachtwoord</label>
  <input type="password" id="p" name="password" autocomplete="current-password">
  <button type="submit">Inloggen</button>
</form>"""


def html(body: str) -> str:
    head = "<head><title>Inloggen</title></head>"
    return f"<html lang='nl'>{head}<body><main>{body}</main></body></html>"


def page(body: str = "<p>Hallo</p>", url: str = "https://www.voorbeeld.nl/inloggen", **kwargs):
    return make_page(html(body), url=url, **kwargs)


def ids(snapshot) -> list[str]:
    return sorted(f.check_id for c in CHECKS if c.applies(snapshot) for f in c.execute(snapshot))


# -- not-https --------------------------------------------------------------------------------


def test_not_https_fires_on_a_public_http_page():
    [finding] = not_https.CHECK.execute(page(url="http://www.voorbeeld.nl/hulp"))
    assert finding.signature == "www.voorbeeld.nl"
    assert finding.severity == "serious"
    assert "http://www.voorbeeld.nl/hulp" in finding.message


@pytest.mark.parametrize(
    "url",
    [
        "https://www.voorbeeld.nl/hulp",
        "http://127.0.0.1:8000/hulp",
        "http://localhost/hulp",
        "http://[::1]:8080/",
    ],
)
def test_not_https_passes_https_and_loopback(url):
    assert not_https.CHECK.execute(page(url=url)) == []


def test_not_https_judges_where_the_page_ends_up():
    redirected = dataclasses.replace(
        page(url="http://voorbeeld.nl/"), final_url="https://www.voorbeeld.nl/"
    )
    assert not_https.CHECK.execute(redirected) == []


# -- mixed-content ----------------------------------------------------------------------------


def network(*requests: tuple[str, str]) -> dict:
    return {"network": {"requests": [{"url": url, "type": kind} for url, kind in requests]}}


def test_mixed_content_lists_the_http_requests_of_an_https_page():
    probes = network(
        ("https://www.voorbeeld.nl/", "document"),
        ("http://cdn.voorbeeld.nl/app.js", "script"),
        ("https://cdn.voorbeeld.nl/site.css", "stylesheet"),
        ("http://www.voorbeeld.nl/logo.png", "image"),
        ("http://cdn.voorbeeld.nl/app.js", "script"),
        ("http://127.0.0.1:9000/dev.js", "script"),
    )
    [finding] = mixed_content.CHECK.execute(page(url="https://www.voorbeeld.nl/", probes=probes))
    assert "2 resource(s)" in finding.message
    assert finding.evidence.splitlines() == [
        "script http://cdn.voorbeeld.nl/app.js",
        "image http://www.voorbeeld.nl/logo.png",
    ]
    assert finding.signature == "http://cdn.voorbeeld.nl http://www.voorbeeld.nl"


def test_mixed_content_shows_the_first_five():
    probes = network(*[(f"http://img.voorbeeld.nl/{i}.png", "image") for i in range(8)])
    [finding] = mixed_content.CHECK.execute(page(probes=probes))
    assert finding.evidence.splitlines()[-1] == "… and 3 more"
    assert len(finding.evidence.splitlines()) == 6


def test_mixed_content_passes_secure_pages_and_ignores_its_own_navigation():
    own = dataclasses.replace(
        page(
            url="http://www.voorbeeld.nl/", probes=network(("http://www.voorbeeld.nl/", "document"))
        ),
        final_url="https://www.voorbeeld.nl/",
        redirects=("http://www.voorbeeld.nl/",),
    )
    assert mixed_content.CHECK.execute(own) == []
    secure = network(("https://cdn.voorbeeld.nl/app.js", "script"))
    assert mixed_content.CHECK.execute(page(probes=secure)) == []
    assert mixed_content.CHECK.execute(page()) == []  # no network probe
    insecure = network(("http://cdn.voorbeeld.nl/app.js", "script"))
    assert mixed_content.CHECK.execute(page(url="http://www.voorbeeld.nl/", probes=insecure)) == []
    assert mixed_content.CHECK.execute(page(url=f"{LOCAL}/", probes=insecure)) == []


# -- hsts-missing -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "said"),
    [
        (None, "no Strict-Transport-Security header"),
        ("max-age=0", "max-age=0"),
        ("max-age=86400; includeSubDomains", "1 day(s)"),
        ("includeSubDomains", "no valid max-age"),
        ("max-age=abc", "no valid max-age"),
        ("max-age=100; max-age=31536000", "no valid max-age"),
    ],
)
def test_hsts_missing_fires_on_a_missing_or_weak_header(header, said):
    headers = {"Strict-Transport-Security": header} if header else {}
    [finding] = hsts_missing.CHECK.execute(page(headers=headers))
    assert said in finding.message
    assert finding.signature == "www.voorbeeld.nl"


def test_hsts_missing_is_one_issue_for_the_whole_host():
    first = hsts_missing.CHECK.execute(page(url="https://www.voorbeeld.nl/a"))[0]
    second = hsts_missing.CHECK.execute(page(url="https://www.voorbeeld.nl/b/c"))[0]
    assert first.group_key == second.group_key
    assert first.fingerprint != second.fingerprint


@pytest.mark.parametrize(
    "header",
    ["max-age=31536000; includeSubDomains", 'max-age="15552000"', "max-age=63072000; preload"],
)
def test_hsts_missing_passes_a_long_max_age(header):
    assert hsts_missing.CHECK.execute(page(headers={"Strict-Transport-Security": header})) == []


def test_hsts_missing_skips_http_and_loopback_and_has_an_option():
    assert hsts_missing.CHECK.execute(page(url="http://www.voorbeeld.nl/")) == []
    assert hsts_missing.CHECK.execute(page(url="https://localhost:8443/")) == []
    weak = page(headers={"Strict-Transport-Security": "max-age=2592000"})  # 30 days
    assert len(hsts_missing.CHECK.execute(weak)) == 1
    assert hsts_missing.CHECK.execute(weak, {"min_age_days": 30}) == []


# -- insecure-login-form ----------------------------------------------------------------------


def login_form(action: str, *, extra: str = "") -> str:
    return (
        f'<form method="post" action="{action}">'
        '<input type="email" name="username" autocomplete="username">'
        '<input type="password" name="password" autocomplete="current-password">'
        f"{extra}<button>Inloggen</button></form>"
    )


def test_insecure_login_form_fires_on_http_and_on_another_site():
    snapshot = page(login_form("http://example.com/login"), url=f"{LOCAL}/inloggen")
    [finding] = insecure_login_form.CHECK.execute(snapshot)
    assert finding.severity == "critical"
    assert "posts over plain http to http://example.com/login" in finding.message
    assert "another site (example.com)" in finding.message
    assert finding.selector == 'form[action="http://example.com/login"]'
    assert finding.evidence == '<form method="post" action="http://example.com/login">'
    assert "http://example.com/login" in finding.signature


def test_insecure_login_form_fires_on_a_public_http_page():
    [finding] = insecure_login_form.CHECK.execute(
        page(login_form("/inloggen"), url="http://www.voorbeeld.nl/inloggen")
    )
    assert "the page itself is served over plain http" in finding.message


def test_insecure_login_form_fires_on_an_https_form_to_another_domain():
    [finding] = insecure_login_form.CHECK.execute(page(login_form("https://voorbeeld-idp.com/x")))
    assert "another site (voorbeeld-idp.com)" in finding.message
    assert "plain http" not in finding.message
    trusted = {"trusted_domains": ["voorbeeld-idp.com"]}
    assert (
        insecure_login_form.CHECK.execute(page(login_form("https://voorbeeld-idp.com/x")), trusted)
        == []
    )


def test_insecure_login_form_reads_formaction_and_password_fields_outside_forms():
    button = '<button formaction="https://evil.example/steal">Verstuur</button>'
    [finding] = insecure_login_form.CHECK.execute(page(login_form("/inloggen", extra=button)))
    assert "evil.example" in finding.message
    loose = '<label for="p">Wachtwoord</label><input type="password" id="p">'
    [finding] = insecure_login_form.CHECK.execute(page(loose, url="http://www.voorbeeld.nl/x"))
    assert finding.selector == 'input[id="p"]'


@pytest.mark.parametrize(
    ("url", "action"),
    [
        ("https://www.voorbeeld.nl/inloggen", "/inloggen"),
        ("https://www.voorbeeld.nl/inloggen", ""),
        ("https://www.voorbeeld.nl/inloggen", "https://login.voorbeeld.nl/auth"),
        ("https://www.voorbeeld.co.uk/login", "https://auth.voorbeeld.co.uk/login"),
        ("https://www.voorbeeld.nl/inloggen", "javascript:void(0)"),
        (f"{LOCAL}/inloggen", "/inloggen"),
        (f"{LOCAL}/inloggen", "http://localhost:8000/inloggen"),
    ],
)
def test_insecure_login_form_passes_secure_same_site_forms(url, action):
    assert insecure_login_form.CHECK.execute(page(login_form(action), url=url)) == []


def test_insecure_login_form_respects_base_href_and_hidden_fields():
    base = '<base href="http://example.com/">'
    assert len(insecure_login_form.CHECK.execute(page(base + login_form("login")))) == 1
    hidden = (
        '<template><form action="http://example.com/"><input type="password"></form></template>'
    )
    assert insecure_login_form.CHECK.execute(page(hidden)) == []


def test_registrable_domain():
    assert registrable_domain("login.voorbeeld.nl") == "voorbeeld.nl"
    assert registrable_domain("WWW.Voorbeeld.co.uk.") == "voorbeeld.co.uk"
    assert registrable_domain("voorbeeld.nl") == "voorbeeld.nl"
    assert registrable_domain("127.0.0.1") == "127.0.0.1"
    assert registrable_domain("localhost") == "localhost"


# -- password-autocomplete --------------------------------------------------------------------


def test_password_autocomplete_fires_on_off_and_missing_values():
    form = (
        '<form method="post" action="/inloggen">'
        '<input type="text" name="zoek" autocomplete="off">'
        '<input type="email" id="email" name="email">'
        '<input type="password" id="pw" name="pw" autocomplete="off" required>'
        "</form>"
    )
    username, password = password_autocomplete.CHECK.execute(page(form))
    assert "username field has no autocomplete attribute" in username.message
    assert username.selector == 'input[id="email"]'
    assert 'autocomplete="off"' in password.message
    assert "password managers" in password.message
    assert (
        password.evidence == '<input type="password" id="pw" name="pw" autocomplete="off" required>'
    )
    [unnamed] = password_autocomplete.CHECK.execute(page("<form><input type='password'></form>"))
    assert unnamed.selector == "input[type=password]"
    assert password.wcag == ("1.3.5",) and password.en301549 == ("9.1.3.5",) and password.legal
    assert username.signature != password.signature


def test_password_autocomplete_reads_the_form_value_and_wrong_tokens():
    form = (
        '<form autocomplete="off"><input name="user" autocomplete="name">'
        '<input type="password" name="pw"></form>'
    )
    username, password = password_autocomplete.CHECK.execute(page(form))
    assert 'autocomplete="name"' in username.message and "does not name" in username.message
    assert "(set on the form)" in password.message


@pytest.mark.parametrize(
    "form",
    [
        GOOD_FORM,
        '<form><input type="email" autocomplete="email">'
        '<input type="password" autocomplete="new-password">'
        '<input type="password" autocomplete="new-password"></form>',
        '<form><input autocomplete="section-login username webauthn">'
        '<input type="password" autocomplete="current-password webauthn"></form>',
        '<form><input type="password" autocomplete="current-password"></form>',  # step two
        '<input type="password" autocomplete="current-password">',
        "<form><input type='email' name='email'><button>Aanmelden</button></form>",
    ],
)
def test_password_autocomplete_passes_named_fields(form):
    assert password_autocomplete.CHECK.execute(page(form)) == []


def test_password_autocomplete_checks_only_the_password_outside_forms():
    loose = '<input type="text" name="zoek"><input type="password" name="pw">'
    [finding] = password_autocomplete.CHECK.execute(page(loose))
    assert "password field" in finding.message


# -- security-headers-missing -----------------------------------------------------------------


def test_security_headers_missing_lists_what_a_login_page_lacks():
    [finding] = security_headers_missing.CHECK.execute(page(GOOD_FORM))
    assert "clickjacking protection" in finding.message
    assert "nosniff" in finding.message
    assert finding.evidence == "none of these headers were sent"
    only = security_headers_missing.CHECK.execute(
        page(GOOD_FORM, headers={"X-Frame-Options": "DENY"})
    )[0]
    assert "clickjacking" not in only.message and "nosniff" in only.message
    assert only.signature != finding.signature


@pytest.mark.parametrize(
    "headers",
    [
        {"X-Frame-Options": "SAMEORIGIN", "X-Content-Type-Options": "nosniff"},
        {"Content-Security-Policy": "frame-ancestors 'none';", "X-Content-Type-Options": "nosniff"},
        {
            "Content-Security-Policy": "frame-ancestors *, default-src 'self'; "
            "frame-ancestors 'self'",
            "X-Content-Type-Options": "NoSniff",
        },
    ],
)
def test_security_headers_missing_passes_protected_pages(headers):
    assert security_headers_missing.CHECK.execute(page(GOOD_FORM, headers=headers)) == []


@pytest.mark.parametrize(
    "headers",
    [
        {"Content-Security-Policy": "frame-ancestors *", "X-Frame-Options": "DENY"},
        {"Content-Security-Policy": "frame-ancestors https:"},
        {"X-Frame-Options": "ALLOW-FROM https://voorbeeld.nl"},
        {"Content-Security-Policy-Report-Only": "frame-ancestors 'none'"},
    ],
)
def test_security_headers_missing_sees_through_weak_framing_rules(headers):
    headers = {**headers, "X-Content-Type-Options": "nosniff"}
    [finding] = security_headers_missing.CHECK.execute(page(GOOD_FORM, headers=headers))
    assert "clickjacking" in finding.message


def test_security_headers_missing_applies_to_login_and_portal_pages_and_to_loopback():
    check = security_headers_missing.CHECK
    assert not check.applies(page("<p>Hulp bij uw factuur</p>"))
    portal = page("<p>Uw verbruik</p>", url="https://www.voorbeeld.nl/mijn/verbruik")
    assert check.applies(portal) and len(check.execute(portal)) == 1
    local = page(GOOD_FORM, url=f"{LOCAL}/x")
    assert check.applies(local) and len(check.execute(local)) == 1


def test_login_checks_apply_to_login_pages():
    assert page(GOOD_FORM).kind == "login"
    for check in (insecure_login_form.CHECK, password_autocomplete.CHECK):
        assert check.applies(page(GOOD_FORM)) and not check.applies(page())


# -- insecure-session-cookie ------------------------------------------------------------------


def cookie(name: str, *, secure: bool = True, http_only: bool = True, same_site: str = "Lax"):
    return {
        "name": name,
        "domain": "www.voorbeeld.nl",
        "path": "/",
        "secure": secure,
        "http_only": http_only,
        "same_site": same_site,
        "session": True,
    }


def test_insecure_session_cookie_fires_per_cookie_without_secure_or_httponly():
    probes = {
        "cookies": [
            cookie("PHPSESSID", secure=False, http_only=False),
            cookie("ASP.NET_SessionId", http_only=False),
            cookie("_ga", secure=False, http_only=False),
        ]
    }
    php, asp = insecure_session_cookie.CHECK.execute(page(probes=probes))
    assert php.signature == "PHPSESSID"
    assert "lacks Secure" in php.message and "lacks HttpOnly" in php.message
    assert php.evidence == (
        "PHPSESSID: Domain=www.voorbeeld.nl; Path=/; not Secure; not HttpOnly; SameSite=Lax"
    )
    assert "lacks Secure" not in asp.message and "lacks HttpOnly" in asp.message


def test_insecure_session_cookie_on_loopback_and_with_samesite_none():
    loose = {"cookies": [cookie("sessionid", secure=False)]}
    assert insecure_session_cookie.CHECK.execute(page(url=f"{LOCAL}/", probes=loose)) == []
    none = {"cookies": [cookie("sessionid", secure=False, same_site="None")]}
    [finding] = insecure_session_cookie.CHECK.execute(page(url=f"{LOCAL}/", probes=none))
    assert "SameSite=None without Secure" in finding.message


def test_insecure_session_cookie_passes_safe_and_non_session_cookies():
    probes = {
        "cookies": [
            cookie("__Host-session"),
            cookie("XSRF-TOKEN", http_only=False),
            cookie("ai_session", http_only=False),
            cookie("_hjSession_123", http_only=False),
            cookie("voorkeur", secure=False, http_only=False),
        ]
    }
    assert insecure_session_cookie.CHECK.execute(page(probes=probes)) == []
    assert insecure_session_cookie.CHECK.execute(page()) == []


def test_insecure_session_cookie_options():
    probes = {"cookies": [cookie("klant", http_only=False), cookie("token", http_only=False)]}
    [finding] = insecure_session_cookie.CHECK.execute(
        page(probes=probes), {"names": ["klant"], "allow": ["token"]}
    )
    assert finding.signature == "klant"


@pytest.mark.parametrize(
    "name",
    [
        "PHPSESSID",
        "JSESSIONID",
        "ASP.NET_SessionId",
        "connect.sid",
        "laravel_session",
        "_myapp_session",
        "session",
        "sid",
        "auth",
        "token",
        "remember_web_59ba36",
        "__Secure-next-auth.session-token",
    ],
)
def test_session_cookie_names(name):
    assert insecure_session_cookie.is_session_cookie(name)


# -- fixtures and docs ------------------------------------------------------------------------


def fixture(path: str, **kwargs):
    text = (SITE / path.lstrip("/")).read_text("utf-8")
    return make_page(text, url=f"{LOCAL}/{path.lstrip('/')}", **kwargs)


def test_the_planted_login_page():
    snapshot = fixture("nl/vertrouwen/slecht-inloggen.html", headers=GOOD_HEADERS)
    assert snapshot.kind == "login"
    assert ids(snapshot) == [
        "insecure-login-form",
        "password-autocomplete",
        "password-autocomplete",
    ]


@pytest.mark.parametrize("path", ["nl/vertrouwen/index.html", "nl/mijn/inloggen.html"])
def test_clean_fixture_pages(path):
    assert ids(fixture(path, headers=GOOD_HEADERS)) == []


def test_the_clean_login_page_without_headers_only_lacks_security_headers():
    assert ids(fixture("nl/mijn/inloggen.html")) == ["security-headers-missing"]


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.id)
def test_docs_have_the_sections(check):
    for section in ("What it does", "Why is this bad?", "Example", "Use instead", "Options"):
        assert f"## {section}" in check.docs
    assert check.pitfall == "trust"
    assert check.wcag == (("1.3.5",) if check.id == "password-autocomplete" else ())
