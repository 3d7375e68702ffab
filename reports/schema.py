"""The published contract of report.json: `report.schema.json` (JSON Schema draft 2020-12).

It ships inside the package, so CI pipelines and other tools can validate a report against
the version of cx-audit that wrote it. Validation itself needs `jsonschema`, which cx-audit
does not depend on at run time; the tests validate (tests/report_schema.py).
"""

from __future__ import annotations

import json
from importlib.resources import files
from typing import Any

SCHEMA_FILE = "report.schema.json"
SCHEMA_ID = "https://cx-audit.dev/schemas/report-1.json"


def report_schema() -> dict[str, Any]:
    """The JSON Schema of report.json, as a fresh dict on every call."""
    return json.loads((files("reports") / SCHEMA_FILE).read_text(encoding="utf-8"))
