"""Chromium is killed in the middle of an audit: the audit relaunches it and finishes."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time

import psutil
import pytest

from tests.e2e.conftest import ROOT
from tests.servers import LocalServer

pytestmark = pytest.mark.e2e


def browser_main_process(root_pid: int) -> psutil.Process | None:
    """The Chromium browser process (not a renderer/GPU/utility child) below root_pid."""
    for proc in psutil.Process(root_pid).children(recursive=True):
        try:
            cmdline = proc.cmdline()
        except psutil.Error:
            continue
        if (
            cmdline
            and "chrom" in cmdline[0].lower()
            and not any(arg.startswith("--type=") for arg in cmdline)
        ):
            return proc
    return None


def html_requests(server: LocalServer) -> int:
    return sum(1 for path in server.paths() if path.endswith((".html", "/")))


def test_audit_survives_a_killed_browser(tmp_path):
    with LocalServer(directory=ROOT / "fixtures" / "site", delay=0.3) as server:
        audit = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "auditor",
                "audit",
                server.url + "/",
                "--output",
                str(tmp_path),
                "--format",
                "json",
                "--max-pages",
                "8",
                "--concurrency",
                "1",
                "--fail-on",
                "never",
                "--quiet",
                "--no-sitemaps",
            ],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        deadline = time.monotonic() + 60
        while html_requests(server) < 3 and time.monotonic() < deadline:
            time.sleep(0.05)
        victim = browser_main_process(audit.pid)
        assert victim is not None, "no Chromium process found under the audit"
        victim.send_signal(signal.SIGKILL)
        requests_at_kill = html_requests(server)
        _stdout, stderr = audit.communicate(timeout=180)
        requests_after = html_requests(server) - requests_at_kill
    assert audit.returncode == 0, stderr
    assert "Traceback" not in stderr
    report = json.loads((tmp_path / "report.json").read_text("utf-8"))
    assert len(report["pages"]) == 8
    assert sum(1 for p in report["pages"] if p["error"]) <= 1
    assert requests_after >= 4, "the audit did not go on after the browser was killed"
