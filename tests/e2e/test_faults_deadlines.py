"""Deadlines, robots.txt per RFC 9309, signals before the first page and reported sitemap caps
(issue 17, points 4 and 8): the real CLI against tests/fault_server.py's DeadlineSite.

Responses that drip (one byte every 0.2 s for a minute) never trip a per-read timeout; with a
total deadline of `--timeout` each is cut after 2-3 s and said in words. An unreadable
robots.txt (too slow, a 5xx) means nothing on that site is crawled, and the report says so.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.e2e.conftest import ROOT, cx_audit
from tests.fault_server import DRIP_SECONDS, MANY_SITEMAPS, DeadlineSite, drip, respond

TIMEOUT = 2  # --timeout of these audits: every fetch's deadline
ROBOTS = "User-agent: *\nDisallow: /private/\n"
FAST = ("--select", "broken-link,document-accessible", "--no-screenshots", "--no-history")


@dataclass
class Audit:
    run: subprocess.CompletedProcess[str]
    report: dict[str, Any]
    html: str
    seconds: float
    paths: list[str]
    other_requests: list[tuple[str, str]]

    @property
    def metrics(self) -> dict[str, Any]:
        return self.report["site"]["metrics"]

    def skipped(self) -> dict[str, str]:
        return {urlsplit(s["url"]).path: s["reason"] for s in self.report["site"]["skipped"]}


def audit(site: DeadlineSite, out: Path, *extra: str, timeout: int = TIMEOUT) -> Audit:
    started = time.monotonic()
    run = cx_audit(
        "audit",
        site.url("/"),
        "--output",
        str(out),
        "--format",
        "json,html",
        "--timeout",
        str(timeout),
        "--quiet",
        "--fail-on",
        "never",
        *FAST,
        *extra,
        timeout=DRIP_SECONDS * 3,
    )
    seconds = time.monotonic() - started
    assert "Traceback" not in run.stderr
    report = json.loads((out / "report.json").read_text("utf-8"))
    html = (out / "report.html").read_text("utf-8")
    return Audit(run, report, html, seconds, site.paths(), list(site.other.requests))


# --- robots.txt ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "robots",
    [drip(ROBOTS.encode(), "text/plain"), respond(503, "busy", "text/plain")],
    ids=["dripping", "503"],
)
def test_an_unreadable_robots_txt_means_nothing_is_crawled(robots: Any, tmp_path: Path) -> None:
    with DeadlineSite(robots) as site:
        result = audit(site, tmp_path)
    assert result.seconds < TIMEOUT + 15
    assert result.paths == ["/robots.txt"]  # not even the start page
    reason = result.metrics["robots_unread"][site.server.url]
    assert reason in (f"timeout: no complete answer within {TIMEOUT} s", "HTTP 503")
    assert result.skipped()["/"].startswith(f"robots.txt could not be read ({reason})")
    assert "robots.txt could not be read, so, as RFC 9309 asks, nothing" in result.html
    lines = result.run.stderr.strip().splitlines()
    assert result.run.returncode == 2, result.run.stderr
    assert len(lines) == 1 and "robots.txt of" in lines[0] and reason in lines[0]


def test_a_missing_robots_txt_allows_everything(tmp_path: Path) -> None:
    with DeadlineSite(respond(404, "not here", "text/plain")) as site:
        result = audit(site, tmp_path)
    assert result.run.returncode == 0, result.run.stderr
    assert {"/", "/public", "/private/secret"} <= set(result.paths)
    assert "robots_unread" not in result.metrics


def test_a_robots_txt_slower_than_the_timeout_is_not_ignored(tmp_path: Path) -> None:
    robots = respond(200, ROBOTS, "text/plain")
    with DeadlineSite(robots, slow={"/robots.txt": 12.0}) as site:
        result = audit(site, tmp_path, timeout=3)
    assert "/private/secret" not in result.paths
    assert result.paths == ["/robots.txt"]
    assert result.seconds < 3 + 15
    unread = result.metrics["robots_unread"]
    assert unread == {site.server.url: "timeout: no complete answer within 3 s"}


# --- a signal while robots.txt drips ---------------------------------------------------------


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_a_signal_before_the_first_page_stops_within_5_s(
    signum: int, code: int, tmp_path: Path
) -> None:
    with DeadlineSite(drip(ROBOTS.encode(), "text/plain")) as site:
        process = subprocess.Popen(
            [
                *(sys.executable, "-m", "auditor", "audit", site.url("/")),
                *("--output", str(tmp_path), "--format", "json,html"),
                *("--timeout", "30", "--quiet", "--no-history"),
            ],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ},
        )
        deadline = time.monotonic() + 60
        while "/robots.txt" not in site.paths():
            assert time.monotonic() < deadline, "robots.txt was never asked for"
            assert process.poll() is None, process.communicate()
            time.sleep(0.05)
        time.sleep(0.5)  # well inside the robots.txt stage
        sent = time.monotonic()
        process.send_signal(signum)
        try:
            _out, err = process.communicate(timeout=30)
        finally:
            process.kill()
        took = time.monotonic() - sent
    assert took < 5, f"stopped {took:.1f} s after the signal"
    assert process.returncode == code, err
    assert "Traceback" not in err
    report = json.loads((tmp_path / "report.json").read_text("utf-8"))
    assert report["interrupted"] is True
    assert report["site"]["audited"] == 0
    assert "The audit was interrupted" in (tmp_path / "report.html").read_text("utf-8")


# --- a sitemap, a PDF and a link that drip; a sitemap index with 10,000 sitemaps -------------


@pytest.fixture(scope="module")
def faults(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Audit]:
    with DeadlineSite(faults=True) as site:
        yield audit(site, tmp_path_factory.mktemp("deadlines"))


def test_dripping_fetches_do_not_hold_up_the_audit(faults: Audit) -> None:
    assert faults.run.returncode in (0, 1), faults.run.stderr
    # three drips of a minute each, cut at 2 s: Chromium and the pages take the rest
    assert faults.seconds < 35
    assert "/public" in faults.paths


def test_a_dripping_sitemap_is_cut_and_reported(faults: Audit) -> None:
    errors = {urlsplit(e["url"]).path: e["message"] for e in faults.report["errors"]}
    expected = f"sitemap not read: timeout: no complete answer within {TIMEOUT} s"
    assert errors["/sitemap-drip.xml"] == expected


def test_a_dripping_pdf_is_cut_and_reported(faults: Audit) -> None:
    pages = {urlsplit(p["url"]).path: p for p in faults.report["pages"]}
    expected = f"document: timeout: no complete answer within {TIMEOUT} s"
    assert pages["/drip.pdf"]["error"] == expected


def test_a_link_target_whose_headers_drip_is_cut(faults: Audit) -> None:
    # Asked once (HEAD), cut at the deadline: a time-out is not judged a broken link (see
    # LinkStatus.broken), so the bound on the audit's time is what shows it was cut.
    assert faults.other_requests == [("HEAD", "/drip-link")]
    assert faults.seconds < 35
    messages = [f["message"] for f in faults.report["findings"] if f["check_id"] == "broken-link"]
    assert not any("/drip-link" in m for m in messages)


def test_the_sitemap_file_cap_is_listed_as_skipped(faults: Audit) -> None:
    reason = faults.skipped()["/sitemap-index.xml"]
    pattern = (
        rf"sitemap index lists {MANY_SITEMAPS:,} sitemaps; read the first \d+ \(cap: 20 files\)"
    )
    assert re.fullmatch(pattern, reason), reason
