"""Golden files: every report format rendered from the fixed sample result.

A renderer change shows up here as a diff. Regenerate with
`.venv/bin/pytest tests/unit/test_golden.py --update-golden`, then review the diff of
tests/golden/ like code: never edit the files by hand.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reports import FORMATS, render_report
from tests.sample_result import sample_result

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
CASES = [(fmt, lang) for fmt in FORMATS for lang in ("en", "nl")]


def golden_name(fmt: str, lang: str) -> str:
    stem, _, ext = FORMATS[fmt].filename.partition(".")
    return f"{stem}.{lang}.{ext}"


@pytest.mark.parametrize(("fmt", "lang"), CASES)
def test_report_matches_its_golden_file(fmt: str, lang: str, update_golden: bool) -> None:
    rendered = render_report(sample_result(), fmt, lang)
    path = GOLDEN / golden_name(fmt, lang)
    if update_golden:
        path.write_text(rendered, encoding="utf-8")
    assert path.is_file(), f"{path.name} is missing: run pytest with --update-golden"
    expected = path.read_text("utf-8")
    assert rendered == expected, f"{path.name} changed: review, then --update-golden"


def test_no_stale_golden_files() -> None:
    wanted = {golden_name(fmt, lang) for fmt, lang in CASES}
    assert {p.name for p in GOLDEN.iterdir()} <= wanted | {"README.md"}
