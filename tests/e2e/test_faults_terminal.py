"""Fault injection for what an audit prints and leaves behind (issue 17, points 3, 5 and 6):
the real CLI against tests/fault_server.py's TerminalSite.

- On a terminal (a pseudo-terminal, so the progress bar is drawn), URLs that are Rich markup
  or hold U+009B / U+202E neither crash the run nor reach the terminal raw.
- A history file that cannot be written keeps every report: one line, exit 2.
- A second audit into an output folder another audit holds stops with one line.
- An output folder that is a file is one line, not an internal error.
- A start URL with a password is refused without repeating it.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import pty
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.e2e.conftest import ROOT, cx_audit
from tests.fault_server import CONTROL_PATHS, MARKUP_PATHS, TerminalSite

TIMEOUT = "5"  # seconds a page may take
RUN_LIMIT = 120  # seconds the terminal audit may take (about 15 s on 2 busy cores)


@dataclass
class TerminalRun:
    returncode: int
    output: str  # stdout and stderr as the terminal got them
    out: Path


def run_on_terminal(args: list[str], out: Path, limit: float = RUN_LIMIT) -> TerminalRun:
    """The CLI with stdout and stderr on one pseudo-terminal (120 columns), read to the end."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "120"}
    env.pop("NO_COLOR", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "auditor", *args],
        stdin=subprocess.DEVNULL,
        stdout=slave,
        stderr=slave,
        cwd=ROOT,
        env=env,
    )
    os.close(slave)
    chunks: list[bytes] = []
    deadline = time.monotonic() + limit
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 1)
            if not ready:
                continue
            try:
                data = os.read(master, 65536)
            except OSError:  # EIO: the child closed the terminal
                break
            if not data:
                break
            chunks.append(data)
        returncode = process.wait(timeout=max(deadline - time.monotonic(), 1))
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.close(master)
    return TerminalRun(returncode, b"".join(chunks).decode("utf-8", "replace"), out)


@pytest.fixture(scope="module")
def site() -> Iterator[TerminalSite]:
    with TerminalSite() as server:
        yield server


@pytest.fixture(scope="module")
def terminal_run(site: TerminalSite, tmp_path_factory: pytest.TempPathFactory) -> TerminalRun:
    out = tmp_path_factory.mktemp("terminal")
    args = ["audit", f"{site.url}/terminal/", "--output", str(out), "--timeout", TIMEOUT]
    # One page at a time: each URL then stays in the progress bar while the next page is
    # audited, long enough for several of its refreshes (10 a second) to draw it.
    return run_on_terminal([*args, "--no-probe", "--select", "axe", "--concurrency", "1"], out)


@pytest.mark.e2e
def test_page_data_never_crashes_the_run_on_a_terminal(terminal_run: TerminalRun) -> None:
    assert terminal_run.returncode in (0, 1), terminal_run.output[-3000:]
    assert "Traceback" not in terminal_run.output
    assert "internal error" not in terminal_run.output
    assert (terminal_run.out / "report.html").is_file()
    report = json.loads((terminal_run.out / "report.json").read_text("utf-8"))
    audited = {page["url"].partition("/terminal/")[2] for page in report["pages"]}
    for path in (*MARKUP_PATHS, *CONTROL_PATHS):
        assert path.removeprefix("/terminal/") in audited, (path, audited)


@pytest.mark.e2e
def test_page_data_reaches_the_terminal_escaped(terminal_run: TerminalRun) -> None:
    output = terminal_run.output
    assert "\x9b" not in output  # CSI, from the sitemap
    assert "\u202e" not in output  # right-to-left override, from the sitemap
    assert "\x1b]8;" not in output  # an OSC 8 hyperlink, from [link=…]
    assert "\x1b[5m" not in output  # blink, from [blink]
    assert "gate failed:" in output  # the gate lines name the pages: escaped there too
    assert "\\u202egpj.exe" in output or "\\x9b31m-red" in output


@pytest.mark.e2e
def test_a_history_file_that_cannot_be_written_keeps_the_reports(
    site: TerminalSite, tmp_path: Path
) -> None:
    (tmp_path / "a-file").write_text("not a folder")
    history = tmp_path / "a-file" / "history.sqlite"
    out = tmp_path / "report"
    run = cx_audit(
        "audit",
        f"{site.url}/terminal/after-1",
        "--output",
        str(out),
        "--history-file",
        str(history),
        "--max-pages",
        "1",
        "--no-sitemaps",
        "--select",
        "axe",
        "--no-probe",
        "--quiet",
        "--fail-on",
        "never",
        timeout=RUN_LIMIT,
    )
    assert run.returncode == 2, run.stderr
    assert run.stderr.count("\n") == 1, run.stderr
    assert run.stderr.startswith("cx-audit: error: the reports are written, but this audit is")
    assert f"cannot write the history file {history}" in run.stderr
    assert "internal error" not in run.stderr
    for name in ("report.html", "report.json", "accessibility-statement.en.html"):
        assert (out / name).is_file(), name


@pytest.mark.e2e
def test_a_second_audit_into_a_held_output_folder_stops(site: TerminalSite, tmp_path: Path) -> None:
    common = ["--output", str(tmp_path), "--quiet", "--select", "axe", "--no-probe"]
    slow = [f"{site.url}/terminal/slow", "--timeout", "30", "--no-sitemaps"]
    first = subprocess.Popen(
        [sys.executable, "-m", "auditor", "audit", *slow, *common],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while not (tmp_path / "history.sqlite").exists() and time.monotonic() < deadline:
            time.sleep(0.1)  # the first audit has started (it holds the folder by now)
        assert first.poll() is None, first.communicate()[1]
        second = cx_audit("audit", f"{site.url}/terminal/after-1", *common, timeout=RUN_LIMIT)
        assert first.poll() is None  # still running: the check was a fair one
    finally:
        with contextlib.suppress(ProcessLookupError):
            first.send_signal(signal.SIGTERM)
        first.communicate(timeout=30)
    assert second.returncode == 2
    assert second.stderr.count("\n") == 1, second.stderr
    assert f"another cx-audit is writing to {tmp_path}" in second.stderr


@pytest.mark.e2e
def test_an_output_folder_that_is_a_file_is_one_line(site: TerminalSite, tmp_path: Path) -> None:
    (tmp_path / "report").write_text("a file, not a folder")
    run = cx_audit("audit", f"{site.url}/terminal/", "--output", str(tmp_path / "report"))
    assert run.returncode == 2
    assert run.stderr.count("\n") == 1, run.stderr
    assert "cannot write to the output folder" in run.stderr
    assert "internal error" not in run.stderr


@pytest.mark.e2e
def test_a_start_url_with_a_password_is_refused_without_repeating_it(
    site: TerminalSite, tmp_path: Path
) -> None:
    secret = "S3CRET-in-url"
    url = site.url.replace("http://", f"http://auditor:{secret}@") + "/terminal/"
    asked = len(site.requests)
    run = cx_audit("audit", url, "--output", str(tmp_path), "--format", "html,json,md,sarif")
    assert run.returncode == 2
    assert run.stderr.count("\n") == 1, run.stderr
    assert "contains a user name or password" in run.stderr
    assert secret not in run.stdout + run.stderr
    assert not list(tmp_path.iterdir())  # nothing written, nothing requested
    assert len(site.requests) == asked
