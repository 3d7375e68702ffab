"""Bad input: one clear line on stderr, exit code 2, never a traceback."""

from __future__ import annotations

import socket

import pytest

from tests.e2e.conftest import cx_audit

pytestmark = pytest.mark.e2e


def assert_one_line_error(run, *words: str) -> None:
    assert run.returncode == 2, run.stderr
    assert "Traceback" not in run.stderr
    lines = [line for line in run.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, run.stderr
    for word in words:
        assert word in lines[0]


@pytest.mark.parametrize("url", ["help.example.nl", "ftp://example.nl/", "https://"])
def test_invalid_url(url, tmp_path):
    assert_one_line_error(cx_audit("audit", url, "-o", str(tmp_path)), "not a valid")


def test_unreachable_host(tmp_path):
    with socket.socket() as sock:  # a port that nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    run = cx_audit("audit", f"http://127.0.0.1:{port}/", "-o", str(tmp_path), "--quiet")
    assert_one_line_error(run, "cannot reach", str(port))


def test_missing_browser(tmp_path):
    from auditor.demo import serve_site

    with serve_site() as (base_url, _requests):
        run = cx_audit(
            "audit",
            base_url,
            "-o",
            str(tmp_path),
            "--quiet",
            env={"CX_AUDIT_BROWSER": str(tmp_path / "no-such-chrome")},
        )
    assert_one_line_error(run, "no browser", "playwright install chromium")


def test_bad_option_values(tmp_path):
    assert_one_line_error(
        cx_audit("audit", "https://example.nl/", "--header", "nocolon", "-o", str(tmp_path)),
        "--header",
    )
    assert_one_line_error(
        cx_audit("audit", "https://example.nl/", "--select", "no-such-check", "-o", str(tmp_path)),
        "unknown check",
    )


def test_start_url_disallowed_by_robots(tmp_path):
    from tests.servers import LocalServer

    robots = (200, {"Content-Type": "text/plain"}, "User-agent: *\nDisallow: /\n")
    with LocalServer({"/robots.txt": robots, "/": (200, {}, "<title>x</title>")}) as server:
        run = cx_audit("audit", server.url + "/", "-o", str(tmp_path), "--quiet")
        assert server.paths() == ["/robots.txt"]
    assert_one_line_error(run, "robots.txt disallows", "--ignore-robots")
