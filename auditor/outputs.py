"""Everything an audit leaves behind: history, the report files, the accessibility
statement draft, the PDF and the GitHub step summary.

The history comes first, so that report.json and report.html carry the comparison with the
previous audit. `--output -` writes exactly one format to stdout and nothing else there.
"""

from __future__ import annotations

import dataclasses
import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TextIO

from auditor.config import AuditConfig
from auditor.model import AuditResult
from reports import render_report, write_reports

STDOUT = "-"
HISTORY_FILE = "history.sqlite"


class OutputError(ValueError):
    """The requested outputs cannot be written as asked."""


@dataclasses.dataclass(frozen=True)
class Written:
    result: AuditResult  # with its history, when one was kept
    paths: tuple[Path, ...]


def check_outputs(config: AuditConfig) -> None:
    """Fails before the audit starts when the outputs are impossible."""
    if config.output == STDOUT:
        if len(config.formats) != 1:
            raise OutputError(
                f"--output - writes one format to stdout, not {len(config.formats)}: "
                "give one --format (e.g. --format sarif)"
            )
        if config.pdf:
            raise OutputError("--pdf needs an output directory: give --output DIR")


def history_path(config: AuditConfig) -> Path | None:
    """Where the history store is: --history-file, else next to the reports; None when off
    (or when the reports go to stdout and no file was named)."""
    if not config.history:
        return None
    if config.history_file:
        return Path(config.history_file)
    return None if config.output == STDOUT else Path(config.output) / HISTORY_FILE


def publish(
    result: AuditResult,
    config: AuditConfig,
    lang: str,
    *,
    stdout: TextIO = sys.stdout,
    env: Mapping[str, str] = os.environ,
    run_id: int | None = None,
) -> Written:
    """Records the history (finishing run `run_id` when the audit streamed into it), then
    writes the reports, statement, PDF and step summary."""
    from auditor.history import record_and_compare
    from reports import markdown

    check_outputs(config)
    store = history_path(config)
    if store is not None:
        store.parent.mkdir(parents=True, exist_ok=True)
        result = record_and_compare(store, result, run_id)
    paths: list[Path] = []
    if config.output == STDOUT:
        stdout.write(render_report(result, config.formats[0], lang))
        stdout.flush()
    else:
        out = Path(config.output)
        paths += write_reports(result, out, config.formats, lang)
        paths.append(write_statement(result, out, lang))
        if config.pdf:
            paths.append(write_pdf(result, config, lang))
    if env.get("GITHUB_STEP_SUMMARY"):
        summary = markdown.append_step_summary(markdown.render(result, lang), env)
        if summary is not None:
            paths.append(summary)
    if store is not None:
        paths.append(store)
    return Written(result, tuple(paths))


def write_statement(result: AuditResult, out: Path, lang: str) -> Path:
    """accessibility-statement.<lang>.html: the EU model statement, drafted from the audit."""
    from reports import statement

    path = out / f"accessibility-statement.{lang}.html"
    path.write_text(statement.render(result, lang), encoding="utf-8")
    return path


def write_pdf(result: AuditResult, config: AuditConfig, lang: str) -> Path:
    """report.pdf, printed from report.html (which is written too when html was not asked for)."""
    from auditor.print_pdf import print_pdf

    out = Path(config.output)
    html = out / "report.html"
    if "html" not in config.formats:
        html.write_text(render_report(result, "html", lang), encoding="utf-8")
    return print_pdf(html, out / "report.pdf", browser=config.browser)
