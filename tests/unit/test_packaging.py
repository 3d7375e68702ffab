"""The demo site ships inside the wheel, so `cx-audit demo` works from an installed package;
so does the report schema (reports/report.schema.json)."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_wheel_contains_packages_and_demo_site(tmp_path):
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--wheel-dir",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    [wheel] = tmp_path.glob("cx_audit-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    site = {
        p.relative_to(ROOT / "fixtures" / "site").as_posix()
        for p in (ROOT / "fixtures" / "site").rglob("*")
        if p.is_file()
    }
    assert site and all(f"auditor/demo_site/{name}" in names for name in site)
    for package in ("auditor/cli.py", "checks/__init__.py", "reports/html.py"):
        assert package in names
    # The published contract of report.json, read with importlib.resources (reports/schema.py)
    assert "reports/report.schema.json" in names
    assert any(n.endswith("entry_points.txt") for n in names)
