"""Pages that time out, error or are not HTML are recorded as such; the audit goes on."""

from __future__ import annotations

import json

import pytest

from tests.e2e.conftest import cx_audit
from tests.servers import LocalServer

pytestmark = pytest.mark.e2e

HOME = """<html lang="en"><title>Home</title><body><main><h1>Help</h1>
<a href="/slow">Slow</a> <a href="/broken">Broken</a> <a href="/gone">Gone</a>
<a href="/report.pdf">Report</a> <a href="/ok">OK</a> <a href="/contact">Contact</a>
<a href="/hanging">Hanging</a>
</main></body></html>"""
OK = "<html lang='en'><title>OK</title><main><h1>Fine</h1><a href='/'>Home</a></main></html>"


def test_slow_broken_and_document_pages_are_recorded_and_the_audit_goes_on(tmp_path):
    routes = {
        "/": (200, {}, HOME),
        "/slow": (200, {}, OK),
        "/broken": (500, {}, "<html><title>Error</title><h1>Server error</h1></html>"),
        "/report.pdf": (200, {"Content-Type": "application/pdf"}, b"%PDF-1.4\n%%EOF\n"),
        "/ok": (200, {}, OK),
        "/hanging": (200, {}, OK.replace("</main>", "<img alt='' src='/tracker.gif'></main>")),
        "/tracker.gif": (200, {"Content-Type": "image/gif"}, b"GIF89a"),
        "/contact": (200, {}, OK.replace("Fine", "Contact us")),
    }
    with LocalServer(routes, slow={"/slow": 6.0, "/tracker.gif": 6.0}) as server:
        run = cx_audit(
            "audit",
            server.url + "/",
            "-o",
            str(tmp_path),
            "--format",
            "json",
            "--timeout",
            "2",
            "--fail-on",
            "never",
            "--quiet",
            "--no-sitemaps",
        )
    assert run.returncode == 0, run.stderr
    report = json.loads((tmp_path / "report.json").read_text("utf-8"))
    pages = {p["url"].removeprefix(server.url): p for p in report["pages"]}
    assert set(pages) == {
        "/",
        "/slow",
        "/broken",
        "/gone",
        "/report.pdf",
        "/ok",
        "/contact",
        "/hanging",
    }
    assert "timeout" in pages["/slow"]["error"]
    assert pages["/broken"]["status"] == 500 and pages["/gone"]["status"] == 404
    assert pages["/report.pdf"]["kind"] == "document"
    assert pages["/ok"]["error"] is None and pages["/ok"]["status"] == 200
    # the document arrived but a subresource hung: audited all the same
    assert pages["/hanging"]["error"] is None and pages["/hanging"]["title"] == "OK"
    errors = {e["url"].removeprefix(server.url): e["message"] for e in report["errors"]}
    assert set(errors) == {"/slow", "/report.pdf"}
    assert "pdf" in errors["/report.pdf"]  # a PDF that cannot be opened is said so
    assert not [f for f in report["findings"] if f["url"].endswith(("/broken", "/gone"))]
