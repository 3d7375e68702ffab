"""report.json: exactly `AuditResult.to_dict()`, so reports can be re-rendered without crawling."""

from __future__ import annotations

import json

from auditor.model import AuditResult


def render(result: AuditResult) -> str:
    return json.dumps(result.to_dict(), indent=2, ensure_ascii=False)
