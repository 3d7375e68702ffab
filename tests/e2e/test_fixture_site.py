"""The real CLI against fixtures/site: findings match fixtures/expected.json both ways."""

from __future__ import annotations

import pytest

from auditor.axe_core import axe_build
from auditor.model import AuditResult
from tests.e2e.conftest import EXPECTED, FixtureAudit

pytestmark = pytest.mark.e2e
PAGES = EXPECTED["pages"]


@pytest.mark.parametrize("path", sorted(PAGES))
def test_every_planted_finding_is_found(fixture_audit: FixtureAudit, path: str):
    found = fixture_audit.findings_on(path)
    missing = set(PAGES[path].get("must", [])) - found
    assert not missing, f"{path}: expected {sorted(missing)}, found {sorted(found)}"


@pytest.mark.parametrize("path", sorted(PAGES))
def test_nothing_fires_that_must_not(fixture_audit: FixtureAudit, path: str):
    found = fixture_audit.findings_on(path)
    unwanted = set(PAGES[path].get("must_not", [])) & found
    if path in EXPECTED["clean"]:
        unwanted = found
    assert not unwanted, f"{path}: unexpected {sorted(unwanted)}"


@pytest.mark.parametrize("path", sorted(PAGES))
def test_page_kind_and_status(fixture_audit: FixtureAudit, path: str):
    page = fixture_audit.page(path)
    assert page["error"] is None
    assert page["status"] == 200
    if "kind" in PAGES[path]:
        assert page["kind"] == PAGES[path]["kind"]


def test_skipped_urls_are_listed_with_reasons_and_never_requested(fixture_audit: FixtureAudit):
    skipped = {
        fixture_audit.path(s["url"]): s["reason"] for s in fixture_audit.report["site"]["skipped"]
    }
    for path, reason in EXPECTED["skipped"].items():
        assert skipped.get(path) == reason
    requested = {path.split("?")[0] for _method, path in fixture_audit.requests}
    for path in EXPECTED["never_requested"]:
        assert path not in requested
    # pages are loaded with GET; link targets and images are checked with HEAD (GET fallback)
    assert all(method in ("GET", "HEAD") for method, _path in fixture_audit.requests)


def test_documents_are_recorded_not_rendered(fixture_audit: FixtureAudit):
    for path in EXPECTED["documents"]:
        page = fixture_audit.page(path)
        assert page["kind"] == "document"
        assert page["content_type"].startswith("application/pdf")


def test_readability_is_a_page_metric(fixture_audit: FixtureAudit):
    scored = [p for p in fixture_audit.report["pages"] if "reading_ease" in p["metrics"]]
    assert len(scored) >= 10
    hard = fixture_audit.page("/nl/hulp/betalingsregeling.html")["metrics"]
    easy = fixture_audit.page("/nl/hulp/verhuizen.html")["metrics"]
    assert hard["reading_ease"] < easy["reading_ease"]


def test_report_json_reads_back_and_html_is_written(fixture_audit: FixtureAudit):
    result = AuditResult.from_dict(fixture_audit.report)
    assert result.to_dict() == fixture_audit.report
    assert 0.0 < result.site_metrics["feedback_share"] <= 1.0
    assert result.tool["chromium"]
    assert result.tool["axe_core"] == axe_build().version  # the pinned npm build after `make`
    html = (fixture_audit.output / "report.html").read_text("utf-8")
    assert "<html" in html and result.issues[0].title.split("<")[0][:20] in html


def test_one_fix_is_one_issue(fixture_audit: FixtureAudit):
    issues = fixture_audit.report["issues"]
    keys = [
        (i["check_id"], i["selector"], i["evidence"])
        for i in issues
        if i["check_id"] == "contact-page-linked"
    ]
    assert len(keys) == 1
    assert issues == sorted(issues, key=lambda i: -i["priority"])


def test_failing_elements_have_a_highlighted_screenshot(fixture_audit: FixtureAudit):
    import base64

    by_check = {i["check_id"]: i for i in fixture_audit.report["issues"]}
    for check_id in ("axe/image-alt", "axe/color-contrast", "axe/label"):
        png = base64.b64decode(by_check[check_id]["screenshot"])
        assert png.startswith(b"\x89PNG") and 500 < len(png) <= 250_000
    # findings without an element (a missing phone number) have no picture
    assert by_check["contact-phone-visible"]["screenshot"] == ""
