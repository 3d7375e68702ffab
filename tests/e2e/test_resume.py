"""Nothing lost: an audit killed with SIGKILL half-way (Chromium and all) is resumed with
--resume, audits only the pages it had not finished, and ends with the findings of an audit
that was never interrupted."""

from __future__ import annotations

import contextlib
import json
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import psutil

from auditor.demo import serve_site
from tests.e2e.conftest import ROOT, FixtureAudit, cx_audit

# The flags of the shared fixture audit (conftest.py), whose report is the uninterrupted one.
FLAGS = ("--fail-on", "never", "--quiet", "--extend-select", "focus-visible", "--now", "2026-11-24")


def finished_urls(history: Path, table: str = "crawl") -> set[str]:
    """The URLs the running audit has committed so far (read while it writes: WAL); from
    `pages`: those that are pages (not, say, redirects off the site)."""
    if not history.exists():
        return set()
    try:
        with sqlite3.connect(f"file:{history}?mode=ro", uri=True) as db:
            return {row[0] for row in db.execute(f"SELECT url FROM {table}")}
    except sqlite3.OperationalError:  # not created yet
        return set()


def kill_tree(process: subprocess.Popen[str]) -> None:
    """SIGKILL the audit and every process it started (Chromium runs in its own group)."""
    root = psutil.Process(process.pid)
    victims = [root, *root.children(recursive=True)]
    for victim in victims:
        with contextlib.suppress(psutil.NoSuchProcess):
            victim.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    psutil.wait_procs(victims, timeout=30)


def _path(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


def findings_and_pages(report: dict, base_url: str) -> tuple[set[str], set[str]]:
    def path(url: str) -> str:
        return url.removeprefix(base_url.rstrip("/"))

    fingerprints = {f["fingerprint"] for f in report["findings"]}
    return fingerprints, {path(p["url"]) for p in report["pages"]}


def test_an_audit_killed_half_way_resumes_to_the_same_findings(
    fixture_audit: FixtureAudit, tmp_path: Path
) -> None:
    total = len(fixture_audit.report["pages"])
    history = tmp_path / "history.sqlite"
    with serve_site(ROOT / "fixtures" / "site") as (base_url, requests):
        command = [sys.executable, "-m", "auditor", "audit", base_url, "--output", str(tmp_path)]
        process = subprocess.Popen(
            [*command, *FLAGS],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while len(finished_urls(history)) < total // 2:
            assert process.poll() is None, process.communicate()
            assert time.monotonic() < deadline, "the audit never got half-way"
            time.sleep(0.05)
        kill_tree(process)
        done_before = finished_urls(history)
        pages_before = finished_urls(history, "pages")
        assert total // 2 <= len(done_before) < total
        assert not (tmp_path / "report.json").exists()
        with sqlite3.connect(history) as db:
            assert [row[0] for row in db.execute("SELECT state FROM runs")] == ["running"]
        asked_before = len(requests)

        resumed = cx_audit(
            "audit", base_url, "--output", str(tmp_path), *FLAGS, "--resume", "--report-lang", "en"
        )
        asked_after = {path for _method, path in requests[asked_before:]}

    assert resumed.returncode == 0, resumed.stderr
    assert "Traceback" not in resumed.stderr
    report = json.loads((tmp_path / "report.json").read_text("utf-8"))
    assert findings_and_pages(report, base_url) == findings_and_pages(
        fixture_audit.report, fixture_audit.base_url
    )
    # The pages finished before the kill were not requested again (the search probe's
    # /nl/zoeken.html?q=… is a form submit, not the page).
    assert not {_path(url) for url in done_before} & asked_after
    assert report["site"]["metrics"]["resumed"]["pages"] == len(pages_before)
    assert "This audit was resumed" in (tmp_path / "report.html").read_text("utf-8")
    with sqlite3.connect(history) as db:
        assert [row[0] for row in db.execute("SELECT state FROM runs")] == ["finished"]


def test_resume_with_nothing_to_resume_is_one_line(tmp_path: Path) -> None:
    result = cx_audit("audit", "http://127.0.0.1:9/", "--output", str(tmp_path), "--resume")
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert "no unfinished audit of http://127.0.0.1" in result.stderr
    assert not list(tmp_path.iterdir())


def test_resume_without_history_is_one_line(tmp_path: Path) -> None:
    result = cx_audit(
        "audit", "http://127.0.0.1:9/", "--output", str(tmp_path), "--resume", "--no-history"
    )
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert "drop --no-history" in result.stderr
    assert not list(tmp_path.iterdir())
