"""The report.json of a real audit of fixtures/site validates against reports/report.schema.json.

It reuses the session's one audit (`fixture_audit` in conftest.py): no extra crawl.
"""

from __future__ import annotations

import pytest

from tests.e2e.conftest import FixtureAudit
from tests.report_schema import validate_report

pytestmark = pytest.mark.e2e


def test_the_real_report_json_validates(fixture_audit: FixtureAudit):
    report = fixture_audit.report
    for key in ("pages", "findings", "issues", "checks", "conformance"):
        assert report[key], f"the fixture audit wrote no {key}: the validation would prove little"
    assert report["site"]["skipped"]
    errors = validate_report(report)
    assert not errors, f"{len(errors)} schema errors:\n" + "\n".join(errors[:20])
