"""The search probe uses the site's own GET search form once; site-search-broken judges it."""

from __future__ import annotations

import json

import pytest

from tests.e2e.conftest import cx_audit
from tests.servers import LocalServer

pytestmark = pytest.mark.e2e

ARTICLE = (
    "<html lang='nl'><title>{t}</title><body><header><form role='search' method='get' "
    "action='/zoeken'><label for='q'>Zoeken</label><input id='q' type='search' name='q'>"
    "<button>Zoek</button></form></header><main><h1>{t}</h1><p>Zo geeft u uw meterstand "
    "door in de app. Dat duurt maar een paar minuten.</p><a href='/b'>Meer</a></main>"
    "</body></html>"
)


def audit(tmp_path, results: str) -> tuple[dict, list[str]]:
    routes = {
        "/": (200, {}, ARTICLE.format(t="Meterstand doorgeven")),
        "/b": (200, {}, ARTICLE.format(t="Meterstand controleren")),
        "/zoeken": (
            200,
            {},
            f"<html lang='nl'><title>Zoeken</title><main><h1>Zoeken</h1>{results}</main></html>",
        ),
    }
    with LocalServer(routes) as server:
        run = cx_audit(
            "audit",
            server.url + "/",
            "-o",
            str(tmp_path),
            "--format",
            "json",
            "--quiet",
            "--no-sitemaps",
            "--fail-on",
            "never",
            "--select",
            "site-search-broken,site-search-missing",
        )
        searched = [p for p in server.paths() if p.startswith("/zoeken?")]
    assert run.returncode == 0, run.stderr
    return json.loads((tmp_path / "report.json").read_text("utf-8")), searched


def test_search_without_results_is_reported(tmp_path):
    report, searched = audit(tmp_path, "<p>Er zijn geen resultaten gevonden.</p>")
    assert searched == ["/zoeken?q=meterstand"]
    assert [f["check_id"] for f in report["findings"]] == ["site-search-broken"]


def test_working_search_is_not_reported(tmp_path):
    report, searched = audit(
        tmp_path,
        "<ol><li><a href='/'>Meterstand doorgeven</a></li>"
        "<li><a href='/b'>Meterstand controleren</a></li></ol>",
    )
    assert len(searched) == 1
    assert report["findings"] == []
