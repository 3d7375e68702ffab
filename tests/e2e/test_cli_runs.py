"""The CLI's other paths against the fixture site: demo, page cap, headers, re-render."""

from __future__ import annotations

import json

import pytest

from auditor.demo import serve_site
from tests.e2e.conftest import ROOT, cx_audit
from tests.servers import LocalServer

pytestmark = pytest.mark.e2e


def test_demo_writes_the_reports_and_exits_0(tmp_path):
    # 15 pages: the whole site's audit is the shared fixture audit's (conftest.py)
    run = cx_audit("demo", "--output", str(tmp_path), "--quiet", "--max-pages", "15")
    assert run.returncode == 0, run.stderr
    assert (tmp_path / "report.html").is_file()
    report = json.loads((tmp_path / "report.json").read_text("utf-8"))
    assert report["site"]["audited"] == 15 and report["issues"]
    assert str(tmp_path / "report.html") in run.stdout


def test_max_pages_cut_is_reported(tmp_path):
    with serve_site(ROOT / "fixtures" / "site") as (base_url, requests):
        run = cx_audit(
            "audit",
            base_url,
            "-o",
            str(tmp_path),
            "--format",
            "json",
            "--max-pages",
            "4",
            "--fail-on",
            "never",
            "--quiet",
            "--select",
            "readability-level",
        )
    assert run.returncode == 0, run.stderr
    site = json.loads((tmp_path / "report.json").read_text("utf-8"))["site"]
    assert site["audited"] == 4
    assert site["not_audited"] > 0
    assert site["discovered"] >= site["audited"] + site["not_audited"]
    assert sum(1 for _m, path in requests if path.endswith(".html") or path.endswith("/")) == 4


def test_gate_fails_on_serious_issues_and_passes_when_told_never(tmp_path):
    with serve_site(ROOT / "fixtures" / "site") as (base_url, _requests):
        strict = cx_audit(
            "audit",
            base_url + "en/contact.html",
            "-o",
            str(tmp_path / "a"),
            "--max-depth",
            "0",
            "--quiet",
            "--select",
            "contact-phone-visible",
        )
        lenient = cx_audit(
            "audit",
            base_url + "en/contact.html",
            "-o",
            str(tmp_path / "b"),
            "--max-depth",
            "0",
            "--quiet",
            "--select",
            "contact-phone-visible",
            "--fail-on",
            "critical",
        )
    assert strict.returncode == 1, strict.stderr
    assert lenient.returncode == 0, lenient.stderr


def test_headers_reach_the_audited_site_only(tmp_path):
    with LocalServer({"/logo.png": (200, {"Content-Type": "image/png"}, b"")}) as other:
        image = f"<img alt='' src='{other.url}/logo.png'>"
        page = f"<html lang='en'><title>x</title><main><h1>Hi</h1>{image}</main></html>"
        with LocalServer({"/": (200, {}, page)}) as server:
            run = cx_audit(
                "audit",
                server.url + "/",
                "-o",
                str(tmp_path),
                "--quiet",
                "--header",
                "X-Gateway: secret-token",
                "--user-agent",
                "cx-test-agent",
                "--fail-on",
                "never",
                "--no-sitemaps",
            )
            audited = [{k.lower(): v for k, v in h.items()} for _path, h in server.headers_seen]
        third_party = [{k.lower(): v for k, v in h.items()} for _path, h in other.headers_seen]
    assert run.returncode == 0, run.stderr
    assert audited and all(h.get("x-gateway") == "secret-token" for h in audited)
    assert all(h.get("user-agent") == "cx-test-agent" for h in audited)
    assert third_party, "the page's image was not loaded"
    assert all("x-gateway" not in h for h in third_party)
    report = json.loads((tmp_path / "report.json").read_text("utf-8"))
    assert "secret-token" not in json.dumps(report)


def test_report_rerenders_from_json(tmp_path):
    with serve_site(ROOT / "fixtures" / "site") as (base_url, _requests):
        audit = cx_audit(
            "audit",
            base_url + "nl/vertrouwen/slecht-inloggen.html",  # a page with element findings
            "-o",
            str(tmp_path),
            "--max-depth",
            "0",
            "--format",
            "json",
            "--quiet",
            "--fail-on",
            "never",
            "--no-screenshots",
        )
    assert audit.returncode == 0, audit.stderr
    run = cx_audit(
        "report", str(tmp_path / "report.json"), "--format", "html", "--report-lang", "en"
    )
    assert run.returncode == 0, run.stderr
    html = (tmp_path / "report.html").read_text("utf-8")
    assert 'lang="en"' in html and "Accessibility" in html
    report = json.loads((tmp_path / "report.json").read_text("utf-8"))
    assert any(i["selector"] for i in report["issues"])
    assert not any(i["screenshot"] for i in report["issues"])


def test_config_file_sets_check_options_and_flags_override_it(tmp_path):
    text = (
        "Wij sturen u een incassomachtiging. Daarmee betaalt u elke maand automatisch. "
        "U hoeft daar verder niets voor te doen. "
    ) * 3
    page = (
        f"<html lang='nl'><title>Betalen</title><main><h1>Betalen</h1><p>{text}</p></main></html>"
    )
    config = tmp_path / "cx-audit.toml"
    config.write_text(
        'max_pages = 1\nformats = ["json"]\nfail_on = "never"\n'
        "[checks.jargon-term]\n"
        'avoid = { incassomachtiging = "automatische afschrijving" }\n'
    )
    with LocalServer({"/": (200, {}, page), "/b": (200, {}, page)}) as server:
        run = cx_audit(
            "audit",
            server.url + "/",
            "-o",
            str(tmp_path / "out"),
            "--quiet",
            "--no-sitemaps",
            "--config",
            str(config),
            "--select",
            "jargon-term",
            "--max-pages",
            "1",
        )
    assert run.returncode == 0, run.stderr
    report = json.loads((tmp_path / "out" / "report.json").read_text("utf-8"))
    [finding] = [f for f in report["findings"] if f["check_id"] == "jargon-term"]
    assert "automatische afschrijving" in finding["message"]
    assert not (tmp_path / "out" / "report.html").exists()  # formats came from the file


def test_config_file_mistake_is_one_line(tmp_path):
    config = tmp_path / "cx-audit.toml"
    config.write_text("max_page = 3\n")
    run = cx_audit("audit", "https://example.nl/", "--config", str(config))
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert run.stderr.strip() == (
        f"cx-audit: error: {config}:1: unknown key 'max_page'; did you mean 'max_pages'?"
    )
