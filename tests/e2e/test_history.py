"""History end to end: two audits of a changing site into the same output folder; the second
report says what is new, fixed and unchanged, and keeps the score trend."""

from __future__ import annotations

import json
from pathlib import Path

from bs4 import BeautifulSoup

from tests.e2e.conftest import cx_audit
from tests.e2e.test_gate import BUTTON, LOGO, V1, page
from tests.servers import LocalServer

LOGO_WITH_ALT = LOGO.replace(">", ' alt="Logo">')
OTHER_BUTTON = BUTTON.replace("close", "open")
V2 = {
    **V1,
    "/": page(f'{LOGO_WITH_ALT}<p>Welcome.</p><a href="/a.html">A</a> <a href="/b.html">B</a>'),
    "/b.html": page(f"<p>Article B.</p>{OTHER_BUTTON}", "B"),
}


def run(server: LocalServer, out: Path) -> dict:
    result = cx_audit(
        "audit",
        f"{server.url}/",
        "--output",
        str(out),
        "--select",
        "axe",
        "--no-external",
        "--no-probe",
        "--quiet",
        "--fail-on",
        "never",
        "--report-lang",
        "en",
    )
    assert result.returncode == 0, result.stderr
    return json.loads((out / "report.json").read_text("utf-8"))


def test_second_audit_shows_new_fixed_and_unchanged(tmp_path: Path) -> None:
    with LocalServer(V1) as server:
        first = run(server, tmp_path)
        server.routes.update(V2)
        second = run(server, tmp_path)
    assert (tmp_path / "history.sqlite").is_file()
    assert list(first["history"]) == ["trend"] and len(first["history"]["trend"]) == 1
    history = second["history"]
    assert history["previous"]["started_at"] == first["started_at"]
    assert [i["check_id"] for i in history["fixed"]] == ["axe/image-alt"]
    assert [i["check_id"] for i in history["new"]] == ["axe/button-name"]  # on page B
    assert len(history["unchanged"]) == 1  # the button on page A
    assert len(history["trend"]) == 2
    soup = BeautifulSoup((tmp_path / "report.html").read_text("utf-8"), "html.parser")
    text = soup.find(id="history").find_parent("section").get_text(" ", strip=True)
    assert "1 new issues" in text and "1 fixed issues" in text and "1 unchanged issues" in text


def test_no_history_keeps_no_file(tmp_path: Path) -> None:
    with LocalServer(V1) as server:
        result = cx_audit(
            "audit",
            f"{server.url}/",
            "--output",
            str(tmp_path),
            "--select",
            "axe",
            "--no-external",
            "--quiet",
            "--fail-on",
            "never",
            "--no-history",
        )
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "history.sqlite").exists()
    assert json.loads((tmp_path / "report.json").read_text("utf-8"))["history"] == {}


def test_a_file_that_is_not_a_history_store_is_one_clear_error(tmp_path: Path) -> None:
    bogus = tmp_path / "history.sqlite"
    bogus.write_bytes(b"this is not sqlite" * 100)
    with LocalServer(V1) as server:
        result = cx_audit(
            "audit",
            f"{server.url}/",
            "--output",
            str(tmp_path),
            "--select",
            "axe",
            "--no-external",
            "--quiet",
            "--fail-on",
            "never",
        )
    assert result.returncode == 2
    assert "not a cx-audit history file" in result.stderr
    assert "Traceback" not in result.stderr
