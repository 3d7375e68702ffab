"""reports/report.schema.json: the published contract of report.json.

The schema must accept what `AuditResult.to_dict()` writes, reject what it never writes, and
list exactly the fields of the model's records: a field added to the model without the schema
(or the other way round) fails here.
"""

from __future__ import annotations

import base64
import copy
import dataclasses
import json
import types
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints

import pytest
from jsonschema import Draft202012Validator

from auditor.check import Scope
from auditor.config import AuditConfig
from auditor.conformance import STANDARDS, STATUSES
from auditor.model import (
    AuditError,
    AuditResult,
    CheckInfo,
    Finding,
    Issue,
    PageResult,
    Pitfall,
    Record,
    Severity,
    SkippedUrl,
)
from reports import json_report
from reports.schema import SCHEMA_ID, report_schema
from tests.report_schema import validate_report
from tests.sample_result import HOME, METER, MOVING, sample_result

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
RECORDS: tuple[type[Record], ...] = (Finding, Issue, PageResult, CheckInfo, AuditError, SkippedUrl)
PNG = base64.b64encode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR").decode("ascii")


def as_json(result: AuditResult) -> dict[str, Any]:
    """The report exactly as report.json holds it (rendered, then parsed)."""
    return json.loads(json_report.render(result))


def full_result() -> AuditResult:
    """The sample result with every optional field filled in."""
    result = sample_result()
    review = Finding(
        "text-zoom-200",
        Pitfall.ACCESSIBILITY,
        Severity.SERIOUS,
        "Text may be clipped at 200% zoom.",
        METER,
        selector="#tarieven > td.prijs",
        evidence='<td class="prijs">€ 0,27 per kWh</td>',
        wcag=("1.4.4",),
        en301549=("9.1.4.4",),
        legal=True,
        help_url="https://www.w3.org/WAI/WCAG22/Understanding/resize-text.html",
        needs_review=True,
        highlights=("€ 0,27",),
        signature="td.prijs",
    )
    review_issue = Issue(
        id=review.group_key,
        check_id=review.check_id,
        pitfall=review.pitfall,
        severity=review.severity,
        title="Text stays readable at 200% zoom",
        message=review.message,
        priority=5.25,
        why="serious (7) x reach 1.0 x needs review 0.75",
        page_count=1,
        example_urls=(review.url,),
        fingerprints=(review.fingerprint,),
        selector=review.selector,
        evidence=review.evidence,
        legal=True,
        help_url=review.help_url,
        needs_review=True,
        wcag=review.wcag,
        highlights=review.highlights,
        screenshot=PNG,
    )
    first, *rest = result.issues
    checks = (
        dataclasses.replace(
            result.checks[0],
            wcag=("1.1.1",),
            en301549=("9.1.1.1",),
            fix="Give every informative image a text alternative in alt.",
            texts={"nl": {"title": "Geen axe-core-fouten", "fix": "Geef elke afbeelding alt."}},
        ),
        *result.checks[1:],
    )
    return dataclasses.replace(
        result,
        tool={**result.tool, "axe_core_source": "npm"},
        config=AuditConfig(start_urls=(HOME,)).to_dict(),
        interrupted=True,
        suppressed=4,
        site_metrics={"feedback_share": 0.5, "contact_depth_max": 2},
        findings=(*result.findings, review),
        issues=(dataclasses.replace(first, screenshot=PNG), *rest, review_issue),
        checks=checks,
        errors=(*result.errors, AuditError("", "RuntimeError: boom", "no-human-contact")),
        skipped=(*result.skipped, SkippedUrl(f"{MOVING}?stap=2", "deeper than --max-depth")),
        history={
            "previous": {"started_at": "2025-11-13T09:30:00+00:00", "issues": 9},
            "new": [{"id": review_issue.id, "check_id": "text-zoom-200", "page_count": 1}],
            "fixed": [],
        },
    )


# --------------------------------------------------------------------------------------------
# The schema itself
# --------------------------------------------------------------------------------------------


def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    schema = report_schema()
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == SCHEMA_ID == "https://cx-audit.dev/schemas/report-1.json"
    assert schema["title"] and schema["description"]


def test_report_schema_returns_a_fresh_copy() -> None:
    schema = report_schema()
    schema["properties"].clear()
    assert report_schema()["properties"]


# --------------------------------------------------------------------------------------------
# What the model writes validates
# --------------------------------------------------------------------------------------------


def test_the_sample_result_validates() -> None:
    assert validate_report(as_json(sample_result())) == []


def test_a_result_with_every_optional_field_filled_validates() -> None:
    data = as_json(full_result())
    assert data["interrupted"] and data["history"] and data["suppressed"]
    assert any(f["needs_review"] for f in data["findings"])
    assert any(i["screenshot"] for i in data["issues"])
    assert validate_report(data) == []


@pytest.mark.parametrize("path", sorted(GOLDEN.glob("report.*.json")), ids=lambda p: p.name)
def test_the_golden_json_files_validate(path: Path) -> None:
    assert validate_report(json.loads(path.read_text("utf-8"))) == []


def test_open_objects_accept_keys_added_later() -> None:
    data = as_json(sample_result())
    data["tool"]["node"] = "22.11.0"
    data["config"]["a_setting_from_the_future"] = {"x": [1, 2]}
    data["site"]["metrics"]["new_metric"] = 0.3
    data["pages"][0]["metrics"]["new_metric"] = None
    data["history"]["trend"] = [1, 2, 3]
    data["conformance"][0]["notes"] = "added later"
    assert validate_report(data) == []


# --------------------------------------------------------------------------------------------
# What the model never writes is rejected, with a readable message
# --------------------------------------------------------------------------------------------


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def mutate(data: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        target: Any = data
        for key in parents:
            target = target[int(key)] if key.isdigit() else target[key]
        target[int(last) if last.isdigit() else last] = value

    return mutate


def _delete(path: str) -> Callable[[dict[str, Any]], None]:
    def mutate(data: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        target: Any = data
        for key in parents:
            target = target[int(key)] if key.isdigit() else target[key]
        del target[last]

    return mutate


MUTATIONS = {
    "unknown severity": (_set("findings.0.severity", "blocker"), "$.findings[0].severity"),
    "unknown pitfall": (_set("issues.1.pitfall", "usability"), "$.issues[1].pitfall"),
    "missing finding url": (_delete("findings.2.url"), "$.findings[2]"),
    "extra key in a finding": (_set("findings.0.colour", "red"), "$.findings[0]"),
    "extra key in an issue": (_set("issues.0.score", 3), "$.issues[0]"),
    "extra key in a page": (_set("pages.0.html", "<html>"), "$.pages[0]"),
    "extra top-level key": (_set("baseline", {}), "$"),
    "pages not a list": (_set("pages", {"/": {}}), "$.pages"),
    "findings null": (_set("findings", None), "$.findings"),
    "missing site key": (_delete("site.not_audited"), "$.site"),
    "relative finding url": (_set("findings.0.url", "/hulp/verhuizen"), "$.findings[0].url"),
    "relative skipped url": (_set("site.skipped.0.url", "mijn/facturen"), "$.site.skipped[0].url"),
    "help url not a url": (_set("issues.0.help_url", "see axe docs"), "$.issues[0].help_url"),
    "naive timestamp": (_set("started_at", "2025-11-20T09:30:00"), "$.started_at"),
    "date without time": (_set("finished_at", "2025-11-20"), "$.finished_at"),
    "status as text": (_set("pages.0.status", "200"), "$.pages[0].status"),
    "negative depth": (_set("pages.1.depth", -1), "$.pages[1].depth"),
    "wcag not a criterion": (_set("findings.0.wcag", ["wcag111"]), "$.findings[0].wcag[0]"),
    "unknown check scope": (_set("checks.0.scope", "element"), "$.checks[0].scope"),
    "texts not strings": (_set("checks.0.texts", {"nl": {"title": 1}}), "$.checks[0].texts"),
    "unknown conformance status": (_set("conformance.0.status", "passes"), "$.conformance[0]"),
    "conformance row without sc": (_delete("conformance.0.sc"), "$.conformance[0]"),
    "interrupted as text": (_set("interrupted", "no"), "$.interrupted"),
    "tool without version": (_delete("tool.version"), "$.tool"),
    "no start url": (_set("site.start_urls", []), "$.site.start_urls"),
}


@pytest.mark.parametrize("name", MUTATIONS)
def test_what_the_model_never_writes_is_rejected(name: str) -> None:
    mutate, where = MUTATIONS[name]
    data = as_json(sample_result())
    mutate(data)
    errors = validate_report(data)
    assert errors, f"{name}: accepted"
    assert any(e.startswith(f"{where}: ") or e.startswith(f"{where}.") for e in errors), errors


def test_messages_name_the_path_and_the_problem_and_stay_short() -> None:
    data = as_json(sample_result())
    data["findings"][0]["severity"] = "blocker"
    data["pages"] = {f"/page-{n}": {"title": "x" * 1000} for n in range(50)}
    errors = validate_report(data)
    assert errors[0] == (
        "$.findings[0].severity: 'blocker' is not one of "
        "['critical', 'serious', 'moderate', 'minor']"
    )
    assert errors[1] == "$.pages: an object (50 keys) is not of type 'array'"
    assert len(errors) == 2


# --------------------------------------------------------------------------------------------
# The schema lists exactly what the model writes
# --------------------------------------------------------------------------------------------


def _resolve(schema: Mapping[str, Any], node: Mapping[str, Any]) -> dict[str, Any]:
    """`node` with its `$ref` (to `#/$defs/...`) merged in, its own keys winning."""
    node = dict(node)
    while "$ref" in node:
        ref = node.pop("$ref")
        assert ref.startswith("#/$defs/"), ref
        node = {**schema["$defs"][ref.removeprefix("#/$defs/")], **node}
    return node


def _schema_types(node: Mapping[str, Any]) -> set[str]:
    if "type" in node:
        return {node["type"]} if isinstance(node["type"], str) else set(node["type"])
    names = {bool: "boolean", int: "integer", float: "number", str: "string", type(None): "null"}
    return {names[type(value)] for value in node["enum"]}


def _model_types(hint: Any) -> set[str]:
    """The JSON types `Record.to_dict` turns a field of type `hint` into."""
    origin = get_origin(hint)
    if origin in (Union, types.UnionType):
        return set().union(*(_model_types(arg) for arg in get_args(hint)))
    if origin is Literal:
        return {"string"} if all(isinstance(a, str) for a in get_args(hint)) else {"?"}
    if origin is tuple or hint is tuple:
        return {"array"}
    if origin is Mapping or hint is Mapping:
        return {"object"}
    if hint is type(None):
        return {"null"}
    if isinstance(hint, type) and issubclass(hint, StrEnum):
        return {"string"}
    scalar = {bool: "boolean", int: "integer", float: "number", str: "string"}
    return {scalar[hint]}


@pytest.mark.parametrize("record", RECORDS, ids=lambda cls: cls.__name__)
def test_each_record_definition_lists_exactly_the_dataclass_fields(record: type[Record]) -> None:
    schema = report_schema()
    definition = schema["$defs"][record.__name__]
    fields = [f.name for f in dataclasses.fields(record)]
    assert definition["additionalProperties"] is False
    assert list(definition["properties"]) == fields, "schema properties != dataclass fields"
    assert definition["required"] == fields, "Record.to_dict writes every field: all required"
    hints = get_type_hints(record)
    for name in fields:
        prop = _resolve(schema, definition["properties"][name])
        assert _schema_types(prop) == _model_types(hints[name]), name


def test_the_top_level_and_site_keys_are_exactly_what_to_dict_writes() -> None:
    schema = report_schema()
    data = as_json(sample_result())
    assert list(schema["properties"]) == list(data) == schema["required"]
    site = schema["properties"]["site"]
    assert list(site["properties"]) == list(data["site"]) == site["required"]
    assert schema["additionalProperties"] is False and site["additionalProperties"] is False
    record_arrays = {"pages": PageResult, "findings": Finding, "issues": Issue}
    record_arrays |= {"checks": CheckInfo, "errors": AuditError}
    for key, record in record_arrays.items():
        assert schema["properties"][key]["items"] == {"$ref": f"#/$defs/{record.__name__}"}
    assert site["properties"]["skipped"]["items"] == {"$ref": "#/$defs/SkippedUrl"}


def test_open_objects_stay_open() -> None:
    schema = report_schema()
    props = schema["properties"]
    for node in (
        props["tool"],
        props["config"],
        props["history"],
        props["site"]["properties"]["metrics"],
        schema["$defs"]["PageResult"]["properties"]["metrics"],
        schema["$defs"]["ConformanceRow"],
    ):
        assert node.get("additionalProperties", True) is not False


def test_conformance_rows_require_what_build_conformance_writes() -> None:
    row = as_json(sample_result())["conformance"][0]
    definition = report_schema()["$defs"]["ConformanceRow"]
    assert definition["required"] == list(row) == list(definition["properties"])
    assert definition["properties"]["status"]["enum"] == list(STATUSES)


def test_enums_match_the_model() -> None:
    schema = report_schema()
    defs = schema["$defs"]
    assert defs["severity"]["enum"] == [s.value for s in Severity]
    assert defs["pitfall"]["enum"] == [p.value for p in Pitfall]
    assert defs["CheckInfo"]["properties"]["scope"]["enum"] == list(get_args(Scope))
    assert schema["properties"]["config"]["properties"]["standard"]["enum"] == list(STANDARDS)


def test_the_full_result_round_trips_and_still_validates() -> None:
    data = as_json(full_result())
    again = as_json(AuditResult.from_dict(copy.deepcopy(data)))
    assert again == data
    assert validate_report(again) == []


def test_timestamps_are_written_with_an_offset() -> None:
    result = dataclasses.replace(sample_result(), started_at=datetime(2025, 1, 2, tzinfo=UTC))
    assert validate_report(as_json(result)) == []
    naive = dataclasses.replace(result, started_at=datetime(2025, 1, 2))
    assert validate_report(as_json(naive)) == [
        "$.started_at: '2025-01-02T00:00:00' is not a 'date-time'"
    ]
