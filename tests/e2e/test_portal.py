"""The logged-in portal of the fixture site, audited by the real CLI in real Chromium: a
scripted login and a stored session, safe crawling (GET only, destructive links never
requested), session loss, page-open-without-login, and no secret or personal data in
anything the audit writes."""

from __future__ import annotations

import json
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from auditor.demo import (
    DEMO_PASSWORD,
    DEMO_USERNAME,
    LOGIN_ACTION,
    SESSION_COOKIE,
    Portal,
    serve_site,
)
from tests.e2e.conftest import EXPECTED, ROOT, cx_audit

pytestmark = pytest.mark.e2e
SITE = ROOT / "fixtures" / "site"
PORTAL = EXPECTED["portal"]
ENV = {"CX_USER": DEMO_USERNAME, "CX_PASS": DEMO_PASSWORD}
SMALL = ("--select", "trust,contact-page-linked", "--include", "*/mijn/*", "--no-history")


def login_settings(base_url: str) -> str:
    return f"""
[login]
url = "{base_url}nl/mijn/inloggen.html"
username_selector = "#username"
password_selector = "#password"
submit_selector = "form.login-form button[type=submit]"
logged_in_selector = "a[href='/mijn/uitloggen']"
username_env = "CX_USER"
password_env = "CX_PASS"
"""


def path(url: str) -> str:
    return urlsplit(url).path


@dataclass
class PortalRun:
    base_url: str
    returncode: int
    stdout: str
    stderr: str
    report: dict
    requests: list[tuple[str, str]]
    output: Path
    portal: Portal

    def findings_on(self, page: str) -> set[str]:
        return {f["check_id"] for f in self.report["findings"] if path(f["url"]) == page}

    def pages(self, logged_in: bool = True) -> dict[str, dict]:
        return {
            path(p["url"]): p
            for p in self.report["pages"]
            if bool(p["metrics"].get("logged_in")) == logged_in
        }

    def posts(self) -> list[tuple[str, str]]:
        return [(m, p) for m, p in self.requests if m not in ("GET", "HEAD")]


def audit_portal(
    tmp: Path,
    *args: str,
    portal: Portal | None = None,
    state: bool = False,
    env=ENV,
    site: Path = SITE,
    start: str = "",
    portal_url: bool = True,
) -> PortalRun:
    """Serve the fixture site with its portal and audit it logged in (scripted login, or a
    stored session made by logging in with httpx when `state`, with --portal-url unless
    not `portal_url`), from `start` (a path; the home page by default)."""
    portal = portal or Portal()
    output = tmp / "report"
    with serve_site(site, portal=portal) as (base_url, requests):
        options = ["--output", str(output), "--now", "2026-11-24", *args]
        if state:
            options += ["--auth-state", str(save_state(base_url, tmp / "state.json"))]
            if portal_url:
                options += ["--portal-url", f"{base_url}mijn/"]
        else:
            settings = tmp / "cx-audit.toml"
            settings.write_text(login_settings(base_url), "utf-8")
            options += ["--config", str(settings)]
        before = len(requests)  # the test's own login for a stored session is not the audit's
        run = cx_audit("audit", base_url + start, *options, env=env)
        seen = list(requests)[before:]
    report = json.loads((output / "report.json").read_text("utf-8"))
    return PortalRun(base_url, run.returncode, run.stdout, run.stderr, report, seen, output, portal)


def save_state(base_url: str, target: Path) -> Path:
    """A Playwright storage state with a live session, as `cx-audit login --save` writes."""
    response = httpx.post(
        f"{base_url.rstrip('/')}{LOGIN_ACTION}",
        data={"username": DEMO_USERNAME, "password": DEMO_PASSWORD},
    )
    token = response.cookies[SESSION_COOKIE]
    cookie = {
        "name": SESSION_COOKIE,
        "value": token,
        "domain": "127.0.0.1",
        "path": "/",
        "expires": -1,
        "httpOnly": True,
        "secure": False,
        "sameSite": "Lax",
    }
    target.write_text(json.dumps({"cookies": [cookie], "origins": []}), "utf-8")
    return target


@pytest.fixture(scope="module")
def scripted(tmp_path_factory: pytest.TempPathFactory) -> PortalRun:
    """The portal with every check, every format and history; of the public site only what
    site checks need (the contact page; the whole public site is test_fixture_site's)."""
    tmp = tmp_path_factory.mktemp("portal")
    run = audit_portal(
        tmp,
        *("--include", "*/mijn/*", "--include", "/nl/contact.html"),
        *("--format", "html,json,sarif,junit,md", "--fail-on", "never"),
    )
    assert run.returncode == 0, run.stderr
    return run


@pytest.mark.parametrize("page", sorted(PORTAL["pages"]))
def test_every_portal_page_is_audited_logged_in_with_exactly_its_findings(scripted, page):
    audited = scripted.pages()
    assert page in audited, f"{page} not audited logged in: {sorted(audited)}"
    assert audited[page]["status"] == 200 and audited[page]["error"] is None
    assert audited[page]["kind"] == PORTAL["pages"][page]["kind"]
    assert scripted.findings_on(page) == set(PORTAL["pages"][page]["must"])


def test_the_public_pages_are_audited_without_the_session_and_once(scripted):
    public = scripted.pages(logged_in=False)
    assert {"/", "/nl/contact.html", PORTAL["login_page"]} <= set(public)
    assert not any(p.startswith("/mijn/") for p in public)
    urls = [p["url"] for p in scripted.report["pages"]]
    assert len(urls) == len(set(urls))
    assert scripted.findings_on(PORTAL["login_page"]) == set()


def test_the_login_form_is_the_only_post_and_destructive_links_are_never_followed(scripted):
    assert scripted.posts() == [("POST", PORTAL["login_action"])]
    assert scripted.portal.logins == 1 and scripted.portal.failed_logins == 0
    requested = {p.split("?")[0] for _m, p in scripted.requests}
    for never in PORTAL["never_requested"]:
        assert never not in requested
    skipped = {path(s["url"]): s["reason"] for s in scripted.report["site"]["skipped"]}
    for page, reason in PORTAL["skipped"].items():
        assert skipped.get(page) == reason
    # the session was never ended: the audit's one session token is still live
    assert list(scripted.portal.sessions) == scripted.portal.issued


def test_every_portal_page_was_fetched_again_without_the_session(scripted):
    # with the session: once each (the overview also right after login); without: once each
    gets = [p for m, p in scripted.requests if m == "GET" and p.startswith("/mijn/")]
    for page in PORTAL["pages"]:
        assert gets.count(page) >= 2, page
    [finding] = [
        f for f in scripted.report["findings"] if f["check_id"] == "page-open-without-login"
    ]
    assert path(finding["url"]) in PORTAL["open_without_login"]
    assert finding["severity"] == "critical" and finding["legal"]
    lines = finding["evidence"].splitlines()
    assert lines[0].startswith("With the session: 200 at /mijn/verbruik.html")
    assert lines[1].startswith("Without the session: 200 at /mijn/verbruik.html")
    assert "100% of the text the same" in lines[1]
    assert "401 or 403" in lines[2]


def test_the_report_says_what_the_portal_part_did(scripted):
    summary = scripted.report["site"]["metrics"]["portal"]
    assert summary == {
        "login": "scripted login",
        "start_urls": [f"{scripted.base_url}mijn/"],
        "pages": len(PORTAL["pages"]),
        "relogins": 0,
        "stopped": "",
        "blocked_requests": 0,
        "screenshots": False,
    }
    assert scripted.report["config"]["login"]["password_env"] == "CX_PASS"


def test_no_screenshots_inside_the_portal(scripted):
    portal_only = [
        i
        for i in scripted.report["issues"]
        if all(path(u).startswith("/mijn/") for u in i["example_urls"])
    ]
    assert portal_only and all(i["screenshot"] == "" for i in portal_only)


def outputs(run: PortalRun) -> dict[str, str]:
    """Everything the audit wrote or printed, as text (the history store row by row)."""
    texts = {"stdout": run.stdout, "stderr": run.stderr}
    for file in run.output.rglob("*"):
        if file.suffix == ".sqlite":
            with sqlite3.connect(file) as db:
                tables = [
                    r[0] for r in db.execute("select name from sqlite_master where type='table'")
                ]
                rows = [repr(db.execute(f"select * from {t}").fetchall()) for t in tables]
            texts[file.name] = "\n".join(rows)
            texts[file.name + " (bytes)"] = file.read_bytes().decode("utf-8", "replace")
        elif file.is_file():
            texts[file.name] = file.read_text("utf-8", "replace")
    return texts


def test_no_secret_or_personal_data_in_any_output(scripted):
    texts = outputs(scripted)
    assert {"report.json", "report.html", "report.sarif", "report.junit.xml", "report.md"} <= set(
        texts
    )
    assert "history.sqlite" in texts
    secrets = [DEMO_PASSWORD, DEMO_USERNAME, *scripted.portal.issued]
    for name, text in texts.items():
        for secret in secrets:
            assert secret not in text, f"a secret is in {name}"
        for value in PORTAL["personal_data"]:
            assert value.casefold() not in text.casefold(), f"{value!r} is in {name}"
    # the evidence is masked, not dropped
    assert "[•••]" in texts["report.json"]


def test_a_stored_session_audits_the_portal_without_any_post(tmp_path):
    run = audit_portal(tmp_path, *SMALL, "--fail-on", "never", state=True)
    assert run.returncode == 0, run.stderr
    assert set(run.pages()) == set(PORTAL["pages"])
    assert run.posts() == []
    assert run.findings_on("/mijn/verbruik.html") == {"page-open-without-login"}
    assert run.report["site"]["metrics"]["portal"]["login"] == "stored session (--auth-state)"
    state = (tmp_path / "state.json").read_text("utf-8")
    token = json.loads(state)["cookies"][0]["value"]
    for name, text in outputs(run).items():
        assert token not in text, f"the session cookie is in {name}"
        assert str(tmp_path / "state.json") not in text or name == "report.json"


def test_without_a_portal_url_the_public_links_that_redirect_to_the_login_are_the_entry(
    tmp_path,
):
    """A stored session and no --portal-url: the public page's "Mijn omgeving" link to
    /mijn/ redirected to the login page, so the portal crawl starts there."""
    site = tmp_path / "site"
    shutil.copytree(SITE, site)
    (site / "ingang.html").write_text(
        "<!doctype html><html lang=nl><head><title>Ingang</title></head><body><header>"
        "<a href='/mijn/'>Mijn omgeving</a></header><main><h1>Ingang</h1></main></body></html>",
        "utf-8",
    )
    small = ("--select", "trust", "--include", "*/mijn/*", "--no-history", "--fail-on", "never")
    run = audit_portal(
        tmp_path, *small, state=True, portal_url=False, site=site, start="ingang.html"
    )
    assert run.returncode == 0, run.stderr
    assert set(run.pages()) == set(PORTAL["pages"])
    assert run.report["site"]["metrics"]["portal"]["stopped"] == ""
    assert run.posts() == []


def test_without_a_portal_url_and_no_public_link_to_the_login_the_report_says_so(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(
        "<!doctype html><html lang=nl><head><title>Thuis</title></head><body><main>"
        "<h1>Thuis</h1><p>Geen portaal.</p></main></body></html>",
        "utf-8",
    )
    run = audit_portal(
        tmp_path, "--select", "trust", "--no-history", state=True, portal_url=False, site=site
    )
    stopped = run.report["site"]["metrics"]["portal"]["stopped"]
    assert stopped.startswith("portal not audited: no public link led to the login page")
    assert "--portal-url" in stopped
    assert run.pages() == {}


def test_a_lost_session_is_logged_in_again_once(tmp_path):
    portal = Portal(session_budget=4)
    run = audit_portal(tmp_path, *SMALL, "--fail-on", "never", portal=portal)
    assert run.returncode == 0, run.stderr
    summary = run.report["site"]["metrics"]["portal"]
    assert summary["relogins"] == 1 and summary["stopped"] == ""
    assert set(run.pages()) == set(PORTAL["pages"])
    assert run.posts() == [("POST", LOGIN_ACTION)] * 2
    # the login page a lost session was sent to is not audited as a portal page
    assert all(p["title"] and "Inloggen" not in p["title"] for p in run.pages().values())


def test_a_stored_session_that_is_lost_stops_the_portal_part_and_keeps_what_was_gathered(
    tmp_path,
):
    portal = Portal(session_budget=2)
    run = audit_portal(tmp_path, *SMALL, "--fail-on", "critical", portal=portal, state=True)
    assert run.returncode == 1
    summary = run.report["site"]["metrics"]["portal"]
    assert "the stored session (--auth-state) is not logged in" in summary["stopped"]
    assert "cx-audit login" in summary["stopped"]
    assert 1 <= summary["pages"] < len(PORTAL["pages"])
    assert "/mijn/" in run.pages()
    assert any(e["check_id"] == "portal" for e in run.report["errors"])
    assert "gate failed: the logged-in part is incomplete" in run.stderr
    assert run.posts() == []


def test_a_failed_login_is_reported_and_fails_the_gate(tmp_path):
    env = {**ENV, "CX_PASS": "not-the-password"}
    run = audit_portal(tmp_path, *SMALL, env=env)
    assert run.returncode == 1
    stopped = run.report["site"]["metrics"]["portal"]["stopped"]
    assert stopped.startswith("portal not audited: the login at ")
    assert "did not log in" in stopped
    assert run.pages() == {}
    assert "not-the-password" not in run.stderr + json.dumps(run.report)
    assert run.posts() == [("POST", LOGIN_ACTION)]


@pytest.mark.parametrize(
    ("args", "env", "message"),
    [
        (
            ["--auth-state", "missing.json", "--portal-url", "http://127.0.0.1:9/mijn/"],
            {},
            "no such file",
        ),
        (
            ["--auth-state", "{bad}", "--portal-url", "http://127.0.0.1:9/mijn/"],
            {},
            "not a JSON file",
        ),
        (["--config", "{settings}"], {"CX_PASS": ""}, "CX_PASS (password_env) is not set"),
    ],
    ids=["missing-state", "bad-state", "unset-password"],
)
def test_portal_mistakes_are_one_line_and_exit_2(tmp_path, args, env, message):
    bad = tmp_path / "bad.json"
    bad.write_text('{"cookies": [geheim-123', "utf-8")
    state = tmp_path / "state.json"
    state.write_text('{"cookies": [], "origins": []}', "utf-8")
    settings = tmp_path / "cx-audit.toml"
    settings.write_text(login_settings("http://127.0.0.1:9/"), "utf-8")
    values = {"bad": str(bad), "state": str(state), "settings": str(settings)}
    args = [a.format(**values) if a.startswith("{") else a for a in args]
    run = cx_audit("audit", "http://127.0.0.1:9/", *args, env={**ENV, **env})
    assert run.returncode == 2
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], run.stderr
    assert "geheim-123" not in run.stderr and DEMO_PASSWORD not in run.stderr
