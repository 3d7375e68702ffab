"""Renderers: one `render(result) -> str` per format, and `write_reports` for the CLI.

A new format (sarif, junit, md) is one more entry in `FORMATS`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple

from auditor.model import AuditResult
from reports import html, json_report, junit, markdown, sarif


class ReportFormat(NamedTuple):
    """A file name and `render(result, lang)`; formats without UI text ignore `lang`."""

    filename: str
    render: Callable[[AuditResult, str], str]


FORMATS: dict[str, ReportFormat] = {
    "html": ReportFormat("report.html", html.render),
    "json": ReportFormat("report.json", lambda result, _lang: json_report.render(result)),
    "sarif": ReportFormat("report.sarif", sarif.render),
    "junit": ReportFormat("report.junit.xml", junit.render),
    "md": ReportFormat("report.md", markdown.render),
}


def check_formats(formats: Sequence[str]) -> None:
    """Raises ValueError naming the unknown formats and the known ones."""
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise ValueError(
            f"unknown report format(s): {', '.join(unknown)}; choose from {', '.join(FORMATS)}"
        )


def render_report(result: AuditResult, fmt: str, lang: str) -> str:
    """One format as text (for `--output -`)."""
    check_formats([fmt])
    return FORMATS[fmt].render(result, lang)


def write_reports(
    result: AuditResult, out_dir: Path, formats: Sequence[str], lang: str
) -> list[Path]:
    """Writes each requested format into `out_dir` (created if needed); returns the paths.

    All formats are validated before anything is written.
    """
    check_formats(formats)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for fmt in dict.fromkeys(formats):
        path = out_dir / FORMATS[fmt].filename
        path.write_text(render_report(result, fmt, lang), encoding="utf-8")
        paths.append(path)
    return paths
