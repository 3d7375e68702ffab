"""Baselines: the findings a team has accepted, so that a gate fails only on what is new.

A baseline file is JSON: the tool versions that produced it (cx-audit, axe-core, Chromium —
a new axe-core can find new things, and the file says which engine made it), the site, and
one entry per accepted finding: its fingerprint plus check id, URL and severity for people
reading the diff. Fingerprints survive unrelated edits to a page (see Finding.fingerprint).
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from auditor.model import AuditResult, Issue

FORMAT = "cx-audit-baseline"
VERSION = 1


class BaselineError(ValueError):
    """The baseline file is missing or not a cx-audit baseline."""


@dataclasses.dataclass(frozen=True)
class Baseline:
    fingerprints: frozenset[str]
    tool: Mapping[str, str]
    path: Path


def baseline_data(result: AuditResult) -> dict[str, Any]:
    """The baseline of `result`: every finding it holds, sorted for stable diffs."""
    entries = {
        f.fingerprint: {
            "fingerprint": f.fingerprint,
            "check_id": f.check_id,
            "url": f.url,
            "severity": f.severity.value,
        }
        for f in result.findings
    }
    return {
        "format": FORMAT,
        "version": VERSION,
        "created_at": result.started_at.isoformat(),
        "tool": {
            key: result.tool.get(key, "")
            for key in ("version", "axe_core", "axe_core_source", "chromium")
        },
        "start_urls": list(result.start_urls),
        "findings": [entries[fp] for fp in sorted(entries)],
    }


def write_baseline(result: AuditResult, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(baseline_data(result), indent=2) + "\n", encoding="utf-8")
    return path


def load_baseline(path: Path) -> Baseline:
    try:
        data = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        raise BaselineError(
            f"--baseline {path}: no such file; write one with `cx-audit baseline URL --output "
            f"{path}`"
        ) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BaselineError(f"--baseline {path}: not valid JSON ({exc})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise BaselineError(
            f"--baseline {path}: not a cx-audit baseline; write one with `cx-audit baseline`"
        )
    if data.get("version") != VERSION:
        raise BaselineError(
            f"--baseline {path}: baseline version {data.get('version')!r} is not supported "
            f"(this cx-audit reads version {VERSION}); write a new one with `cx-audit baseline`"
        )
    try:
        fingerprints = frozenset(str(entry["fingerprint"]) for entry in data["findings"])
    except (KeyError, TypeError):
        raise BaselineError(f"--baseline {path}: every finding needs a fingerprint") from None
    return Baseline(fingerprints, dict(data.get("tool", {})), path)


def new_issues(issues: Iterable[Issue], accepted: frozenset[str]) -> list[Issue]:
    """Issues with at least one finding whose fingerprint the baseline does not hold."""
    return [i for i in issues if any(fp not in accepted for fp in i.fingerprints)]


def engine_changes(baseline: Baseline, tool: Mapping[str, str]) -> list[str]:
    """Which engines differ from the ones that made the baseline (e.g. "axe-core 4.10 -> 4.11"):
    worth a warning, since a new engine can report findings the baseline never saw."""
    names = {"version": "cx-audit", "axe_core": "axe-core", "chromium": "Chromium"}
    changes = []
    for key, name in names.items():
        old, new = baseline.tool.get(key), tool.get(key)
        if old and new and old != new:
            changes.append(f"{name} {old} -> {new}")
    return changes
