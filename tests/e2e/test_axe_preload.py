"""axe-core is registered once per browser context and kept under a name of its own: a page
that ships its own `window.axe` (or a fake one) does not change what the audit finds, in the
top frame or in a frame."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor import engine
from auditor.config import AuditConfig
from tests.servers import LocalServer

pytestmark = pytest.mark.e2e

FAKE_AXE = """<script>
window.axe = {run: async () => ({violations: [], incomplete: [], passes: [], inapplicable: [],
              testEngine: {version: "0.0.0"}})};
window.__cxAuditAxe = window.axe;  // too late: the audit's name cannot be reassigned
</script>"""
PAGE = (
    "<!doctype html><html lang='en'><head><title>Own axe</title>"
    + FAKE_AXE
    + "</head><body><main><h1>Meter</h1><img src='/meter.png'>"
    + "<iframe title='frame' src='/frame'></iframe></main></body></html>"
)
FRAME = "<!doctype html><html lang='en'><title>f</title><p>In a frame.</p></html>"


def test_a_page_with_its_own_axe_is_audited_by_ours(tmp_path: Path) -> None:
    routes = {
        "/": (200, {"Content-Type": "text/html"}, PAGE),
        "/frame": (200, {"Content-Type": "text/html"}, FRAME),
        "/meter.png": (200, {"Content-Type": "image/png"}, b""),
    }
    with LocalServer(routes) as server:
        config = AuditConfig(
            start_urls=(server.url + "/",),
            output=str(tmp_path),
            max_depth=0,
            select=("axe",),
            screenshots=False,
            history=False,
            quiet=True,
            sitemaps=False,
        )
        result = engine.run_audit(config)
    assert result.audited == 1
    assert "axe/image-alt" in {f.check_id for f in result.findings}
    assert not result.errors
