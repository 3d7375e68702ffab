"""The CI gate, baselines, budgets and per-URL ignores, on small hand-made results."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from auditor.baseline import (
    BaselineError,
    baseline_data,
    engine_changes,
    load_baseline,
    new_issues,
    write_baseline,
)
from auditor.config import AuditConfig, ConfigError
from auditor.gate import gate_reasons
from auditor.model import Finding, Pitfall, Severity
from auditor.suppress import Suppressor
from tests.sample_result import sample_result


def test_gate_fails_on_issues_at_or_above_the_threshold() -> None:
    result = sample_result()
    worst = min(i.severity.rank for i in result.issues if not i.needs_review)
    assert gate_reasons(result, Severity.MINOR)
    assert gate_reasons(result, list(Severity)[worst])
    assert gate_reasons(result, None) == []
    no_issues = dataclasses.replace(result, issues=())
    assert gate_reasons(no_issues, Severity.MINOR) == []


def test_review_only_issues_never_fail_the_gate() -> None:
    result = sample_result()
    review = tuple(dataclasses.replace(i, needs_review=True) for i in result.issues)
    assert gate_reasons(dataclasses.replace(result, issues=review), Severity.MINOR) == []


def test_baseline_round_trip_accepts_everything_it_holds(tmp_path: Path) -> None:
    result = sample_result()
    path = write_baseline(result, tmp_path / "baseline.json")
    baseline = load_baseline(path)
    assert baseline.fingerprints == {f.fingerprint for f in result.findings}
    assert baseline.tool["axe_core"] == result.tool["axe_core"]
    assert baseline.tool["chromium"] == result.tool["chromium"]
    assert gate_reasons(result, Severity.MINOR, accepted=baseline.fingerprints) == []


def test_one_new_finding_fails_the_gate_naming_only_its_issue(tmp_path: Path) -> None:
    result = sample_result()
    baseline = load_baseline(write_baseline(result, tmp_path / "b.json"))
    target = next(i for i in result.issues if i.severity is Severity.SERIOUS)
    regression = dataclasses.replace(target, fingerprints=(*target.fingerprints, "new-one"))
    issues = tuple(regression if i is target else i for i in result.issues)
    changed = dataclasses.replace(result, issues=issues)
    assert new_issues(changed.issues, baseline.fingerprints) == [regression]
    reasons = gate_reasons(changed, Severity.SERIOUS, accepted=baseline.fingerprints)
    assert len(reasons) == 1
    assert reasons[0].startswith("1 new issue at or above serious")
    assert regression.check_id in reasons[0]


def test_budgets_fail_a_pitfall_over_its_limit() -> None:
    result = sample_result()
    count = sum(1 for i in result.issues if i.pitfall is Pitfall.ACCESSIBILITY)
    assert count > 0
    at_limit = {"accessibility": count}
    assert gate_reasons(result, None, budgets=at_limit) == []
    over = gate_reasons(result, None, budgets={"accessibility": count - 1})
    assert over == [f"accessibility: {count} issues, budget {count - 1}"]


def test_baseline_file_errors_are_one_clear_line(tmp_path: Path) -> None:
    with pytest.raises(BaselineError, match="no such file"):
        load_baseline(tmp_path / "missing.json")
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", "utf-8")
    with pytest.raises(BaselineError, match="not valid JSON"):
        load_baseline(bad)
    other = tmp_path / "other.json"
    other.write_text(json.dumps({"findings": []}), "utf-8")
    with pytest.raises(BaselineError, match="not a cx-audit baseline"):
        load_baseline(other)
    newer = tmp_path / "newer.json"
    newer.write_text(json.dumps({**baseline_data(sample_result()), "version": 99}), "utf-8")
    with pytest.raises(BaselineError, match="version 99 is not supported"):
        load_baseline(newer)


def test_engine_changes_are_named(tmp_path: Path) -> None:
    result = sample_result()
    baseline = load_baseline(write_baseline(result, tmp_path / "b.json"))
    newer = {**result.tool, "axe_core": "4.99.0"}
    assert engine_changes(baseline, newer) == [f"axe-core {result.tool['axe_core']} -> 4.99.0"]
    assert engine_changes(baseline, result.tool) == []


def finding(check_id: str, url: str, pitfall: Pitfall = Pitfall.ACCESSIBILITY) -> Finding:
    return Finding(check_id, pitfall, Severity.SERIOUS, "m", url)


def test_per_url_ignores_match_full_urls_and_paths() -> None:
    suppressor = Suppressor(
        per_url_ignores={
            "*/archief/*": ("outdated", "axe/region"),
            "https://x.nl/oud.html": ("axe/*",),
        },
        known=["stale-page", "axe", "outdated", "accessibility"],
    )
    assert not suppressor.keep(finding("stale-page", "https://x.nl/archief/2019", Pitfall.OUTDATED))
    assert not suppressor.keep(finding("axe/region", "https://x.nl/archief/a"))
    assert suppressor.keep(finding("axe/image-alt", "https://x.nl/archief/a"))
    assert not suppressor.keep(finding("axe/image-alt", "https://x.nl/oud.html"))
    assert suppressor.keep(finding("stale-page", "https://x.nl/nieuws/1", Pitfall.OUTDATED))
    assert suppressor.suppressed == 3


def test_per_url_ignores_reject_unknown_ids() -> None:
    with pytest.raises(ValueError, match="unknown check or pitfall 'stale-pages'"):
        Suppressor(per_url_ignores={"*": ("stale-pages",)}, known=["stale-page"])


def test_budgets_must_name_pitfalls() -> None:
    with pytest.raises(ConfigError, match="unknown pitfall 'acessibility'"):
        AuditConfig(("https://x.nl/",), max_issues={"acessibility": 3})
    with pytest.raises(ConfigError, match="must be 0 or more"):
        AuditConfig(("https://x.nl/",), max_issues={"language": -1})


def test_fingerprints_do_not_depend_on_the_sites_origin() -> None:
    def dead_link(origin: str, target: str) -> Finding:
        return Finding(
            "broken-link",
            Pitfall.OUTDATED,
            Severity.SERIOUS,
            "dead",
            f"{origin}/help/a.html",
            signature=f"{target}",
        )

    staging = dead_link("http://127.0.0.1:8001", "http://127.0.0.1:8001/gone.html")
    production = dead_link("https://help.example.nl", "https://help.example.nl/gone.html")
    assert staging.fingerprint == production.fingerprint
    other_target = dead_link("https://help.example.nl", "https://help.example.nl/other.html")
    external = dead_link("https://help.example.nl", "https://partner.example/gone.html")
    assert len({production.fingerprint, other_target.fingerprint, external.fingerprint}) == 3
