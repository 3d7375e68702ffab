"""Baseline round trip on the whole fixture site: a baseline from the shared audit's
report.json (`cx-audit baseline --from`), then a second audit of the site with one planted
regression fails the gate naming only the new issue. That one audit shows both halves: every
other finding of the site matched its baseline fingerprint (fingerprints are stable from run
to run, so the unchanged site passes), and the new one did not."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from auditor.demo import serve_site
from tests.e2e.conftest import ROOT, FixtureAudit, cx_audit

SAME_FLAGS = (
    "--extend-select",
    "focus-visible",
    "--now",
    "2026-11-24",
    "--quiet",
    "--format",
    "json",
    "--no-history",
)


@pytest.fixture(scope="module")
def baseline(fixture_audit: FixtureAudit, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("baseline") / "cx-audit-baseline.json"
    run = cx_audit(
        "baseline", "--from", str(fixture_audit.output / "report.json"), "--output", str(path)
    )
    assert run.returncode == 0, run.stderr
    return path


def audit(site: Path, out: Path, baseline: Path):
    with serve_site(site) as (base_url, _requests):
        return cx_audit(
            "audit",
            base_url,
            "--output",
            str(out),
            "--baseline",
            str(baseline),
            "--fail-on",
            "minor",
            *SAME_FLAGS,
        )


def test_a_planted_regression_fails_naming_only_it(baseline: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(ROOT / "fixtures" / "site", site)
    faq = site / "en" / "faq.html"
    faq.write_text(
        faq.read_text("utf-8").replace(
            "</main>", '<img src="/assets/meter.svg" class="planted"></main>', 1
        ),
        "utf-8",
    )
    run = audit(site, tmp_path / "out", baseline)
    assert run.returncode == 1, run.stderr
    lines = [line for line in run.stderr.splitlines() if line.startswith("gate failed")]
    assert len(lines) == 1, run.stderr
    assert lines[0].startswith("gate failed: 1 new issue at or above minor")
    assert "axe/image-alt on " in lines[0] and lines[0].endswith("/en/faq.html")
    report = json.loads((tmp_path / "out" / "report.json").read_text("utf-8"))
    assert "baseline_fingerprints" in report["config"]
    known = {f["fingerprint"] for f in json.loads(baseline.read_text("utf-8"))["findings"]}
    new = [f for f in report["findings"] if f["fingerprint"] not in known]
    assert [(f["check_id"], urlsplit(f["url"]).path) for f in new] == [
        ("axe/image-alt", "/en/faq.html")
    ]
    assert len(report["findings"]) == len(known) + 1  # nothing of the site went missing
