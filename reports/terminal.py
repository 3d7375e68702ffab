"""The terminal summary: totals and the top issues, for people watching the CLI run.

Data from audited pages goes into `Text` objects, never into markup strings, so a page title
like "[bold]x[/]" prints literally, and through `safe_text`, so its control characters do not
reach the terminal.
"""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from auditor.model import AuditResult, Severity
from auditor.terminal import safe_text

SEVERITY_STYLES = {
    Severity.CRITICAL: "bold white on red",
    Severity.SERIOUS: "bold red",
    Severity.MODERATE: "yellow",
    Severity.MINOR: "dim",
}


def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def totals_line(result: AuditResult) -> Text:
    counts = {s: sum(1 for i in result.issues if i.severity is s) for s in Severity}
    by_severity = ", ".join(f"{n} {s.value}" for s, n in counts.items() if n)
    return Text(
        f"{plural(result.audited, 'page')} audited ({len(result.failed_pages)} failed, "
        f"{len(result.skipped)} skipped, {result.not_audited} not audited); "
        f"{plural(len(result.issues), 'issue')}" + (f" ({by_severity})" if by_severity else "")
    )


def issues_table(result: AuditResult, top: int) -> Table:
    shown = min(top, len(result.issues))
    table = Table(title=f"Top {plural(shown, 'issue')}", title_justify="left")
    table.add_column("#", justify="right")
    table.add_column("Severity")
    table.add_column("Pitfall")
    table.add_column("Title", ratio=1)
    table.add_column("Pages", justify="right")
    table.add_column("Priority", justify="right")
    for rank, issue in enumerate(result.issues[:top], start=1):
        table.add_row(
            str(rank),
            Text(issue.severity.value, style=SEVERITY_STYLES[issue.severity]),
            Text(issue.pitfall.names["en"]),
            Text(safe_text(issue.title, 200)),
            str(issue.page_count),
            f"{issue.priority:.1f}",
        )
    return table


def print_summary(result: AuditResult, console: Console, *, top: int = 10) -> None:
    """Totals, then the `top` highest-priority issues (the report has the rest)."""
    console.print(totals_line(result))
    if not result.issues:
        return
    console.print(issues_table(result, top))
    hidden = len(result.issues) - top
    if hidden > 0:
        console.print(Text(f"… and {plural(hidden, 'more issue')} in the report."))
