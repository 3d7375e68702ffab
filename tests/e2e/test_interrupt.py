"""Ctrl-C or SIGTERM in the middle of an audit: the reports are written from what was
gathered, marked as interrupted, and the exit code is 130 / 143."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.e2e.conftest import ROOT
from tests.servers import LocalServer

PAGES = 40


def site() -> dict[str, tuple[int, dict[str, str], str]]:
    links = "".join(f'<li><a href="/p{n}.html">Page {n}</a></li>' for n in range(PAGES))
    routes = {
        "/": (
            200,
            {},
            f'<html lang="en"><title>Home</title><main><h1>Home</h1><ul>{links}</ul></main></html>',
        )
    }
    for n in range(PAGES):
        routes[f"/p{n}.html"] = (
            200,
            {},
            f'<html lang="en"><title>Page {n}</title><main><h1>Page {n}</h1>'
            "<p>Text.</p></main></html>",
        )
    return routes


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_a_signal_writes_the_partial_report(signum: int, code: int, tmp_path: Path) -> None:
    with LocalServer(site(), slow={f"/p{n}.html": 0.4 for n in range(PAGES)}) as server:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "auditor",
                "audit",
                f"{server.url}/",
                "--output",
                str(tmp_path),
                "--select",
                "axe",
                "--no-external",
                "--no-history",
                "--quiet",
                "--fail-on",
                "never",
                "--concurrency",
                "1",
            ],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ},
        )
        deadline = time.monotonic() + 60
        while sum(path.startswith("/p") for _m, path in server.requests) < 4:
            assert time.monotonic() < deadline, "the audit never got going"
            assert process.poll() is None, process.communicate()
            time.sleep(0.1)
        process.send_signal(signum)
        _out, err = process.communicate(timeout=120)
    assert process.returncode == code, err
    assert "Traceback" not in err
    assert f"interrupted by {signal.Signals(signum).name}" in err
    report = json.loads((tmp_path / "report.json").read_text("utf-8"))
    assert report["interrupted"] is True
    assert 1 <= report["site"]["audited"] < PAGES + 1
    html = (tmp_path / "report.html").read_text("utf-8")
    assert "The audit was interrupted" in html
