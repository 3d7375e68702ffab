"""One real audit of the fixture site in real Chromium, shared by the end-to-end tests (and by
the pytest-xdist workers `make test` runs them in: the first worker audits, the others read
its result)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from filelock import FileLock

from auditor.demo import serve_site

ROOT = Path(__file__).resolve().parents[2]
EXPECTED = json.loads((ROOT / "fixtures" / "expected.json").read_text("utf-8"))


def cx_audit(
    *args: str,
    env: dict[str, str] | None = None,
    timeout: float = 300,
) -> subprocess.CompletedProcess[str]:
    """Run the real CLI in a subprocess, as a user or CI would."""
    return subprocess.run(
        [sys.executable, "-m", "auditor", *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=timeout,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
    )


@dataclass
class FixtureAudit:
    base_url: str
    run: subprocess.CompletedProcess[str]
    report: dict
    requests: list[tuple[str, str]]
    output: Path

    def path(self, url: str) -> str:
        return urlsplit(url).path

    def findings_on(self, path: str) -> set[str]:
        return {f["check_id"] for f in self.report["findings"] if self.path(f["url"]) == path}

    def page(self, path: str) -> dict:
        matches = [p for p in self.report["pages"] if self.path(p["url"]) == path]
        assert matches, f"{path} was not audited"
        return matches[0]


@pytest.fixture(scope="session")
def fixture_audit(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> FixtureAudit:
    if worker_id == "master":  # no xdist
        return _audit_fixture_site(tmp_path_factory.mktemp("report"))
    shared = tmp_path_factory.getbasetemp().parent  # this run's, common to its workers
    output = shared / "fixture-audit"
    with FileLock(str(shared / "fixture-audit.lock")):
        if not (output / "audit.json").is_file():
            return _audit_fixture_site(output)
    saved = json.loads((output / "audit.json").read_text("utf-8"))
    run = subprocess.CompletedProcess(saved["args"], 0, saved["stdout"], saved["stderr"])
    report = json.loads((output / "report.json").read_text("utf-8"))
    requests = [(method, path) for method, path in saved["requests"]]
    return FixtureAudit(saved["base_url"], run, report, requests, output)


def _audit_fixture_site(output: Path) -> FixtureAudit:
    with serve_site(ROOT / "fixtures" / "site") as (base_url, requests):
        run = cx_audit(
            "audit",
            base_url,
            "--output",
            str(output),
            "--format",
            "html,json",
            "--fail-on",
            "never",
            "--quiet",
            "--extend-select",
            "focus-visible",
            "--now",
            "2026-11-24",
        )
        seen = list(requests)
    assert run.returncode == 0, run.stderr
    saved = {"args": run.args, "stdout": run.stdout, "stderr": run.stderr}
    saved |= {"base_url": base_url, "requests": seen}
    (output / "audit.json").write_text(json.dumps(saved), "utf-8")
    report = json.loads((output / "report.json").read_text("utf-8"))
    return FixtureAudit(base_url, run, report, seen, output)
