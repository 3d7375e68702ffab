"""Everything an audit leaves behind: the report files, the accessibility statement draft,
the PDF, the GitHub step summary and the history, and the lock on the output folder.

Reports come first and the history store last, so that a history file that cannot be
written (a full disk, a locked file) never costs a report; the comparison with the previous
audit that report.json and report.html carry is read from the store before, without writing.
`--output -` writes exactly one format to stdout and nothing else there.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TextIO

from auditor.config import AuditConfig
from auditor.model import AuditResult
from reports import render_report, write_reports

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

STDOUT = "-"
HISTORY_FILE = "history.sqlite"


class OutputError(ValueError):
    """The requested outputs cannot be written as asked."""


@dataclasses.dataclass(frozen=True)
class Written:
    result: AuditResult  # with its history, when one was kept
    paths: tuple[Path, ...]
    history_problem: str = ""  # why the history store could not be written (reports were)


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


@contextlib.contextmanager
def hold_output_folder(config: AuditConfig) -> Iterator[None]:
    """Creates the output folder and holds a lock on it (`flock` on the folder itself, so
    no file is left in it) while the audit runs: a second audit into the same folder stops
    at once instead of overwriting the first one's reports and history. The lock dies with
    the process, so a killed audit leaves none behind. Without fcntl (Windows) there is no
    lock. Raises OutputError (one line)."""
    if config.output == STDOUT:
        yield
        return
    out = Path(config.output)
    try:
        out.mkdir(parents=True, exist_ok=True)
        folder = os.open(out, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError as exc:
        raise OutputError(
            f"cannot write to the output folder {out} ({exc.strerror or exc}): give --output "
            "a folder you can write to"
        ) from None
    try:
        if fcntl is not None:
            try:
                fcntl.flock(folder, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise OutputError(
                    f"another cx-audit is writing to {out}: wait until it is done, or give "
                    "another --output"
                ) from None
        yield
    finally:
        os.close(folder)


@contextlib.contextmanager
def writing(out: str | Path) -> Iterator[None]:
    """A report that cannot be written (a file in the way, no permission, a full disk) is
    one line that names it, not an internal error."""
    try:
        yield
    except OSError as exc:
        raise OutputError(
            f"cannot write {exc.filename or out} ({exc.strerror or exc}): give --output a "
            "folder you can write to"
        ) from None


def publish(
    result: AuditResult,
    config: AuditConfig,
    lang: str,
    *,
    stdout: TextIO = sys.stdout,
    env: Mapping[str, str] = os.environ,
    run_id: int | None = None,
) -> Written:
    """Writes the reports, statement, PDF and step summary, then records the history
    (finishing run `run_id` when the audit streamed into it). The reports carry the
    comparison with the previous run, read from the store first; without `run_id` (the store
    could not be opened when the audit began) they carry none. When the store cannot be read
    or written, every report is still written and `history_problem` says why."""
    from auditor.history import compare_with_history, record
    from auditor.store import StoreError

    check_outputs(config)
    store = history_path(config)
    problem = ""
    if store is not None and run_id is not None:
        try:
            result = compare_with_history(store, result, run_id)
        except StoreError as exc:
            problem = str(exc)
    with writing(config.output):
        paths = write_outputs(result, config, lang, stdout=stdout, env=env)
    if store is not None and not problem:
        try:
            store.parent.mkdir(parents=True, exist_ok=True)
            record(store, result, run_id)
            paths.append(store)
        except StoreError as exc:
            problem = str(exc)
        except OSError as exc:
            problem = f"cannot write the history file {store} ({exc.strerror or exc})"
    return Written(result, tuple(paths), problem)


def write_outputs(
    result: AuditResult,
    config: AuditConfig,
    lang: str,
    *,
    stdout: TextIO,
    env: Mapping[str, str],
) -> list[Path]:
    """The report files (or the one format on stdout), statement, PDF and step summary."""
    from reports import markdown

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
    return paths


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
