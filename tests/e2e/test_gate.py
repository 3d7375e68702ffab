"""The CI gate end to end: the real CLI in Chromium against a small local site that changes
between runs, as a release would.

Baseline round trip: a baseline of the site as it is, then an unchanged site passes; content
inserted before the failing elements and reordered siblings still pass (the fingerprints do
not move); one planted regression fails, and the gate names only it. Also budgets,
per-URL ignores and excluded selectors.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.e2e.conftest import cx_audit
from tests.servers import LocalServer

HTML = "text/html; charset=utf-8"


def page(body: str, title: str = "Help") -> tuple[int, dict[str, str], str]:
    return (
        200,
        {"Content-Type": HTML},
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
        "<style>a { display: inline-block; padding: 12px; }</style>"
        f"</head><body><main><h1>{title}</h1>{body}</main></body></html>",
    )


LOGO = '<img src="/logo.png" class="logo">'  # no alt: axe/image-alt (critical)
# No accessible name: axe/button-name (critical).
BUTTON = '<button class="close" style="width:48px;height:48px"></button>'

V1 = {
    "/": page(
        f'{LOGO}<p>Welcome.</p><ul><li><a href="/a.html">A</a></li>'
        f'<li><a href="/b.html">B</a></li></ul>'
    ),
    "/a.html": page(f"<p>Article A.</p>{BUTTON}", "A"),
    "/b.html": page("<p>Article B.</p>", "B"),
    "/logo.png": (200, {"Content-Type": "image/png"}, b"\x89PNG\r\n\x1a\n"),
}
# Same failing elements; new content before them, and the list items swapped.
V2_UNRELATED = {
    **V1,
    "/": page(
        f"<p>News: we moved.</p><p>More news.</p>{LOGO}<p>Welcome.</p><ul>"
        f'<li><a href="/b.html">B</a></li><li><a href="/a.html">A</a></li></ul>'
    ),
    "/a.html": page(f"<p>Intro.</p><p>Article A, longer now.</p>{BUTTON}", "A"),
}
# One regression: an image without alt text on page B.
V3_REGRESSION = {
    **V1,
    "/b.html": page('<p>Article B.</p><img src="/logo.png" class="chart">', "B"),
}

GATE = ("--select", "axe", "--no-external", "--no-probe", "--quiet", "--no-history")


def audit(server: LocalServer, out: Path, *extra: str):
    return cx_audit(
        "audit",
        f"{server.url}/",
        "--output",
        str(out),
        "--format",
        "json",
        "--fail-on",
        "serious",
        *GATE,
        *extra,
    )


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("baseline")
    with LocalServer(V1) as server:
        run = cx_audit("baseline", f"{server.url}/", "--output", str(out / "baseline.json"), *GATE)
    assert run.returncode == 0, run.stderr
    assert "Baseline written" in run.stdout
    return out / "baseline.json"


def test_baseline_records_the_findings_and_the_engine_versions(baseline: Path) -> None:
    data = json.loads(baseline.read_text("utf-8"))
    assert {f["check_id"] for f in data["findings"]} == {"axe/image-alt", "axe/button-name"}
    assert data["tool"]["axe_core"] and data["tool"]["chromium"] and data["tool"]["version"]


def test_without_a_baseline_the_known_issues_fail_the_gate(tmp_path: Path) -> None:
    with LocalServer(V1) as server:
        run = audit(server, tmp_path)
    assert run.returncode == 1, run.stderr
    assert "gate failed: 2 issues at or above serious" in run.stderr


def test_unchanged_site_passes_against_its_baseline(baseline: Path, tmp_path: Path) -> None:
    with LocalServer(V1) as server:
        run = audit(server, tmp_path, "--baseline", str(baseline))
    assert run.returncode == 0, run.stderr


def test_unrelated_edits_do_not_move_the_fingerprints(baseline: Path, tmp_path: Path) -> None:
    with LocalServer(V2_UNRELATED) as server:
        run = audit(server, tmp_path, "--baseline", str(baseline))
    assert run.returncode == 0, run.stderr
    before = {f["fingerprint"] for f in json.loads(baseline.read_text("utf-8"))["findings"]}
    report = json.loads((tmp_path / "report.json").read_text("utf-8"))
    assert {f["fingerprint"] for f in report["findings"]} == before


def test_one_planted_regression_fails_naming_only_it(baseline: Path, tmp_path: Path) -> None:
    with LocalServer(V3_REGRESSION) as server:
        run = audit(server, tmp_path, "--baseline", str(baseline))
    assert run.returncode == 1, run.stderr
    lines = [line for line in run.stderr.splitlines() if line.startswith("gate failed")]
    assert len(lines) == 1
    assert "1 new issue at or above serious" in lines[0]
    assert "axe/image-alt on " in lines[0] and "/b.html" in lines[0]
    assert "/a.html" not in lines[0] and "button-name" not in lines[0]


def test_budget_fails_only_above_it(tmp_path: Path) -> None:
    with LocalServer(V1) as server:
        ok = audit(server, tmp_path, "--fail-on", "never", "--max-issues", "accessibility=2")
        over = audit(server, tmp_path, "--fail-on", "never", "--max-issues", "accessibility=1")
    assert ok.returncode == 0, ok.stderr
    assert over.returncode == 1
    assert "gate failed: accessibility: 2 issues, budget 1" in over.stderr


def test_per_url_ignores_and_excluded_selectors_remove_findings(tmp_path: Path) -> None:
    with LocalServer(V1) as server:
        run = audit(
            server,
            tmp_path,
            "--per-url-ignore",
            "/a.html=axe/button-name",
            "--exclude-selector",
            "img.logo",
        )
    assert run.returncode == 0, run.stderr
    report = json.loads((tmp_path / "report.json").read_text("utf-8"))
    assert report["findings"] == []
    assert report["suppressed"] == 1  # the ignored finding; the removed logo never was one


def test_bad_gate_input_is_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "nope.json"
    run = cx_audit("audit", "http://127.0.0.1:9/", "--baseline", str(bad), "--quiet")
    assert run.returncode == 2
    assert run.stderr.strip().count("\n") == 0 and "no such file" in run.stderr
    run = cx_audit("audit", "http://127.0.0.1:9/", "--max-issues", "language=lots")
    assert run.returncode == 2 and "--max-issues 'language=lots'" in run.stderr
    run = cx_audit("audit", "http://127.0.0.1:9/", "--exclude-selector", "div >")
    assert run.returncode == 2 and "not a valid CSS selector" in run.stderr


def test_output_dash_puts_only_the_format_on_stdout(tmp_path: Path) -> None:
    summary = tmp_path / "step-summary.md"
    summary.write_text("# Earlier step\n", "utf-8")
    with LocalServer(V1) as server:
        run = cx_audit(
            "audit",
            f"{server.url}/",
            "--output",
            "-",
            "--format",
            "sarif",
            "--select",
            "axe",
            "--no-external",
            "--no-probe",
            "--no-history",
            "--fail-on",
            "never",
            env={"GITHUB_STEP_SUMMARY": str(summary)},
        )
    assert run.returncode == 0, run.stderr
    sarif = json.loads(run.stdout)  # stdout is the SARIF log and nothing else
    assert {r["ruleId"] for r in sarif["runs"][0]["results"]} == {
        "axe/image-alt",
        "axe/button-name",
    }
    text = summary.read_text("utf-8")
    assert text.startswith("# Earlier step\n")  # appended, not overwritten
    assert "image-alt" in text or "Images must have alternative text" in text


def test_output_dash_needs_exactly_one_format() -> None:
    run = cx_audit("audit", "http://127.0.0.1:9/", "--output", "-", "--format", "json,sarif")
    assert run.returncode == 2
    assert "--output - writes one format to stdout" in run.stderr
