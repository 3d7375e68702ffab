"""report.sarif: SARIF 2.1.0 for code-scanning dashboards (GitHub, GitLab, Azure DevOps).

One run. The rules are every check that ran (`result.checks`) plus one rule per other id in the
findings (`axe/<rule>`). Each finding is one result. Its location names the page URL
(`physicalLocation.artifactLocation.uri`) and the CSS selector (a logical location of kind
"element"). `partialFingerprints["cxAudit/v1"]` holds the finding's stable fingerprint.

SARIF regions need a line or offset (`startLine`, `charOffset` or `byteOffset`). A rendered
DOM has neither, so the evidence goes in the result's `properties.evidence`. We do not make up
a region. When `result.config["baseline_fingerprints"]` lists accepted fingerprints, each
result gets `baselineState` "unchanged" or "new".
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote, urlsplit

from auditor.config import PROJECT_URL
from auditor.model import AuditError, AuditResult, CheckInfo, Finding, Severity

SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
FINGERPRINT_KEY = "cxAudit/v1"
LEVELS = {
    Severity.CRITICAL: "error",
    Severity.SERIOUS: "error",
    Severity.MODERATE: "warning",
    Severity.MINOR: "note",
}
# Everything RFC 3986 allows in a URI stays; spaces, quotes, <>, non-ASCII… are %-encoded.
_URI_SAFE = "!#$%&'()*+,/:;=?@[]~"

Json = dict[str, Any]


def render(result: AuditResult, lang: str = "en") -> str:
    return json.dumps(sarif_log(result, lang), indent=2, ensure_ascii=False)


def sarif_log(result: AuditResult, lang: str = "en") -> Json:
    """The SARIF log as a dict (what `render` serialises)."""
    rules = _rules(result, lang)
    index = {rule["id"]: n for n, rule in enumerate(rules)}
    baseline = result.config.get("baseline_fingerprints")
    accepted = None if baseline is None else frozenset(baseline)
    driver: Json = {
        "name": "cx-audit",
        "informationUri": PROJECT_URL,
        "rules": rules,
    }
    if result.tool.get("version"):
        driver["version"] = str(result.tool["version"])
    run: Json = {
        "tool": {"driver": driver},
        "invocations": [_invocation(result)],
        "automationDetails": _automation(result),
        "language": lang,
        "results": [_result(f, index[f.check_id], accepted) for f in result.findings],
        "properties": _run_properties(result),
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def level(severity: Severity) -> str:
    return LEVELS[severity]


def web_uri(url: str) -> str:
    """The URL as a valid URI reference: characters a URI cannot hold are %-encoded."""
    return quote(url, safe=_URI_SAFE)


def page_location(url: str) -> Json:
    """A location naming a page by its URL (SARIF's artifact)."""
    return {"physicalLocation": {"artifactLocation": {"uri": web_uri(url)}}}


def utc(moment: datetime) -> str:
    """SARIF's date-time form: UTC with a Z."""
    moment = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


# --------------------------------------------------------------------------------------------
# rules
# --------------------------------------------------------------------------------------------


def _rules(result: AuditResult, lang: str) -> list[Json]:
    checks = {c.id: c for c in result.checks}
    by_check: dict[str, list[Finding]] = {}
    for finding in result.findings:
        by_check.setdefault(finding.check_id, []).append(finding)
    rules = [_check_rule(c, by_check.get(c.id, ()), lang) for c in result.checks]
    for check_id, findings in by_check.items():
        if check_id not in checks:
            parent = checks.get(check_id.split("/", 1)[0])
            rules.append(_finding_rule(check_id, findings, parent, lang))
    return rules


def _check_rule(check: CheckInfo, findings: Iterable[Finding], lang: str) -> Json:
    failure = check.text("failure_title", lang)
    docs = check.docs.strip() or failure
    rule: Json = {
        "id": check.id,
        "shortDescription": {"text": check.text("title", lang)},
        "fullDescription": {"text": check.text("why", lang) or failure},
        "help": {"text": docs, "markdown": docs},
        "defaultConfiguration": {"level": level(check.severity)},
        "properties": _rule_properties(
            check.pitfall.value, check.severity, check.wcag, check.en301549, check.legal
        )
        | {"scope": check.scope},
    }
    help_url = next((f.help_url for f in findings if f.help_url), "")
    if help_url:
        rule["helpUri"] = help_url
    return rule


def _finding_rule(
    check_id: str, findings: list[Finding], parent: CheckInfo | None, lang: str
) -> Json:
    """A rule for an id no CheckInfo describes (`axe/<rule>`): the text from its findings."""
    first = findings[0]
    worst = min((f.severity for f in findings), key=lambda s: s.rank)
    why = parent.text("why", lang) if parent else ""
    help_text = f"{first.message}\n\n{first.help_url}".strip()
    rule: Json = {
        "id": check_id,
        "shortDescription": {"text": first.message},
        "fullDescription": {"text": why or first.message},
        "help": {"text": help_text},
        "defaultConfiguration": {"level": level(worst)},
        "properties": _rule_properties(
            first.pitfall.value, worst, first.wcag, first.en301549, any(f.legal for f in findings)
        ),
    }
    if parent:
        rule["properties"]["parent"] = parent.id
    if first.help_url:
        rule["helpUri"] = first.help_url
    return rule


def _rule_properties(
    pitfall: str,
    severity: Severity,
    wcag: Iterable[str],
    en301549: Iterable[str],
    legal: bool,
) -> Json:
    tags = [pitfall, *(f"WCAG {sc}" for sc in wcag), *(f"EN 301 549 {c}" for c in en301549)]
    if legal:
        tags.append("legal")
    return {
        "pitfall": pitfall,
        "severity": severity.value,
        "legal": legal,
        "wcag": list(wcag),
        "en301549": list(en301549),
        "tags": list(dict.fromkeys(tags)),
    }


# --------------------------------------------------------------------------------------------
# results
# --------------------------------------------------------------------------------------------


def _result(finding: Finding, rule_index: int, accepted: frozenset[str] | None) -> Json:
    location = page_location(finding.url)
    if finding.selector:
        location["logicalLocations"] = [
            {"name": finding.selector, "fullyQualifiedName": finding.selector, "kind": "element"}
        ]
    properties: Json = {
        "severity": finding.severity.value,
        "pitfall": finding.pitfall.value,
        "legal": finding.legal,
        "wcag": list(finding.wcag),
        "en301549": list(finding.en301549),
    }
    if finding.evidence:
        properties["evidence"] = finding.evidence
    out: Json = {
        "ruleId": finding.check_id,
        "ruleIndex": rule_index,
        # A result that only needs a person's review is not a failure: SARIF wants level none.
        "kind": "review" if finding.needs_review else "fail",
        "level": "none" if finding.needs_review else level(finding.severity),
        "message": {"text": finding.message},
        "locations": [location],
        "partialFingerprints": {FINGERPRINT_KEY: finding.fingerprint},
        "properties": properties,
    }
    if accepted is not None:
        out["baselineState"] = "unchanged" if finding.fingerprint in accepted else "new"
    return out


# --------------------------------------------------------------------------------------------
# the run
# --------------------------------------------------------------------------------------------


def _invocation(result: AuditResult) -> Json:
    invocation: Json = {
        "executionSuccessful": not result.interrupted,
        "startTimeUtc": utc(result.started_at),
        "endTimeUtc": utc(result.finished_at),
    }
    if result.errors:
        invocation["toolExecutionNotifications"] = [_notification(e) for e in result.errors]
    return invocation


def _notification(error: AuditError) -> Json:
    """A page that failed or a check that raised."""
    note: Json = {"level": "error", "message": {"text": error.message}}
    if error.url:
        note["locations"] = [page_location(error.url)]
    if error.check_id:
        note["associatedRule"] = {"id": error.check_id}
    return note


def _automation(result: AuditResult) -> Json:
    """`<category>/<run>`: the category (tool and host) stays the same across runs, so a
    dashboard can match this run with the last one of the same site."""
    host = urlsplit(result.start_urls[0]).hostname if result.start_urls else None
    return {
        "id": f"cx-audit/{host or 'site'}/{utc(result.started_at)}",
        "description": {"text": f"cx-audit of {', '.join(result.start_urls) or 'a site'}"},
    }


def _run_properties(result: AuditResult) -> Json:
    versions: Mapping[str, str] = {"axeCore": "axe_core", "chromium": "chromium"}
    properties: Json = {
        key: str(result.tool[name]) for key, name in versions.items() if result.tool.get(name)
    }
    properties |= {
        "startUrls": list(result.start_urls),
        "pagesAudited": result.audited,
        "pagesFailed": len(result.failed_pages),
        "suppressed": result.suppressed,
        "interrupted": result.interrupted,
    }
    if result.config.get("standard"):
        properties["standard"] = str(result.config["standard"])
    return properties
