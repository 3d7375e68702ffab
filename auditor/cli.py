"""The `cx-audit` command line. Exit codes: 0 ok, 1 gate failed, 2 usage/tool error,
130 interrupted. Errors are one line on stderr, never a traceback."""

from __future__ import annotations

import dataclasses
import difflib
import json
import os
import signal
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NoReturn
from urllib.parse import urlsplit

import click
from click.core import ParameterSource
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from auditor import __version__
from auditor.axe_core import AXE_CORE_VERSION, axe_build, install
from auditor.baseline import (
    Baseline,
    BaselineError,
    engine_changes,
    load_baseline,
    write_baseline,
)
from auditor.browser import (
    BrowserNotFound,
    browser_version,
    find_browser,
    managed_chromium_path,
)
from auditor.config import FAIL_ON, FORMATS, AuditConfig, ConfigError, default_concurrency
from auditor.config_file import ConfigFile, find_config, load_config
from auditor.gate import gate_reasons
from auditor.model import AuditResult
from auditor.outputs import (
    STDOUT,
    OutputError,
    check_outputs,
    history_path,
    hold_output_folder,
    publish,
    write_pdf,
    write_statement,
    writing,
)
from auditor.probes.axe import STANDARDS
from auditor.resume import Recorder
from auditor.store import StoreError
from auditor.terminal import guard_last_resort_logging, safe_text
from auditor.userinfo import userinfo_problem
from checks import ALL_CHECKS
from reports import write_reports
from reports.terminal import print_summary

BASELINE_FILE = "cx-audit-baseline.json"
EXIT_GATE = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


class UserError(Exception):
    """Something the user can fix; printed as one line, exit code 2."""


def fail(message: str, code: int = EXIT_USAGE) -> NoReturn:
    click.echo(f"cx-audit: error: {safe_text(message, 1000)}", err=True)
    sys.exit(code)


def validate_url(url: str, where: str = "URL") -> str:
    """The URL stripped of spaces; UserError when it is not a plain http(s) address."""
    problem = userinfo_problem(url, where)
    if problem:
        raise UserError(problem)
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UserError(
            f"{url!r} is not a valid http(s) URL; give a full address such as "
            "https://help.example.nl/"
        )
    return url.strip()


def parse_headers(values: Sequence[str]) -> dict[str, str]:
    headers = {}
    for value in values:
        name, sep, content = value.partition(":")
        if not sep or not name.strip():
            raise UserError(f"--header {value!r} must look like 'Name: value'")
        headers[name.strip()] = content.strip()
    return headers


def parse_now(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise UserError(f"--now {value!r} is not an ISO date such as 2026-01-31") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def split(value: str) -> tuple[str, ...]:
    return split_list([value])


def parse_count(value: str) -> int:
    if not value.strip().isdigit():
        raise ValueError(f"{value!r} is not a whole number")
    return int(value)


def parse_pairs(values: Sequence[str], flag: str, convert: Callable[[str], Any]) -> dict[str, Any]:
    """`KEY=VALUE` flags as a dict, e.g. --max-issues language=20."""
    pairs = {}
    for item in values:
        key, sep, value = item.partition("=")
        try:
            if not sep or not key.strip():
                raise ValueError("expected KEY=VALUE")
            pairs[key.strip()] = convert(value)
        except ValueError as exc:
            raise UserError(f"{flag} {item!r}: {exc}") from None
    return pairs


def split_list(values: Sequence[str]) -> tuple[str, ...]:
    return tuple(v.strip() for value in values for v in value.split(",") if v.strip())


def audit_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """The options shared by `audit` and `demo`."""
    options = [
        click.option(
            "--output",
            "-o",
            default="cx-audit-report",
            show_default=True,
            help="Directory for the report files.",
        ),
        click.option(
            "--format",
            "formats",
            default="html,json",
            show_default=True,
            help=f"Comma list of formats: {', '.join(FORMATS)}.",
        ),
        click.option("--max-pages", type=int, default=100, show_default=True),
        click.option("--max-depth", type=int, default=5, show_default=True),
        click.option(
            "--max-urls-per-pattern",
            type=int,
            default=0,
            show_default=True,
            help="At most N URLs per path pattern such as /agenda/#/# (0: no limit; crawl traps "
            "are found by how they grow).",
        ),
        click.option(
            "--max-query-variants",
            type=int,
            default=20,
            show_default=True,
            help="Crawl traps: query strings per path found by pages that link to nothing new "
            "but more of themselves, such as filter combinations (0: no limit).",
        ),
        click.option("--include", multiple=True, help="Only audit URLs matching this glob."),
        click.option("--exclude", multiple=True, help="Skip URLs matching this glob."),
        click.option("--path-prefix", default="", help="Only crawl below this path."),
        click.option(
            "--concurrency",
            type=int,
            default=default_concurrency,
            show_default="one per core, 2 to 8",
        ),
        click.option(
            "--timeout",
            type=float,
            default=30.0,
            show_default=True,
            help="Seconds a page may take to load.",
        ),
        click.option(
            "--rate-limit",
            type=float,
            default=4.0,
            show_default=True,
            help="Requests per second per host (loopback hosts are exempt).",
        ),
        click.option(
            "--standard", type=click.Choice(list(STANDARDS)), default="wcag22aa", show_default=True
        ),
        click.option(
            "--best-practice",
            is_flag=True,
            help="Also run axe-core's best-practice rules (never legal failures).",
        ),
        click.option(
            "--no-screenshots", is_flag=True, help="Do not capture screenshots of failing elements."
        ),
        click.option(
            "--no-block-trackers",
            is_flag=True,
            help="Let the browser load known analytics and advertising scripts too.",
        ),
        click.option("--select", multiple=True, help="Check ids, pitfalls or globs to run."),
        click.option(
            "--extend-select",
            multiple=True,
            help="Checks to run in addition, e.g. opt-in ones such as focus-visible.",
        ),
        click.option("--ignore", multiple=True, help="Check ids, pitfalls or globs to skip."),
        click.option(
            "--per-url-ignore",
            "per_url_ignores",
            multiple=True,
            metavar="GLOB=IDS",
            help="Ignore checks on matching URLs, e.g. '*/archief/*=outdated,axe/region'.",
        ),
        click.option(
            "--exclude-selector",
            "exclude_selectors",
            multiple=True,
            help="Leave matching elements out of every check, e.g. '#cookie-banner'.",
        ),
        click.option(
            "--baseline",
            default=None,
            help="Baseline file: the gate fails only on issues it does not hold.",
        ),
        click.option(
            "--max-issues",
            multiple=True,
            metavar="PITFALL=N",
            help="Budget: the gate fails when a pitfall has more issues, e.g. 'language=20'.",
        ),
        click.option("--user-agent", default=None),
        click.option("--header", "headers", multiple=True, help="Extra request header 'K: V'."),
        click.option(
            "--ignore-robots",
            is_flag=True,
            help="Do not obey robots.txt: only for auditing your own (staging) site.",
        ),
        click.option(
            "--no-external", is_flag=True, help="Do not check links and images on other hosts."
        ),
        click.option(
            "--no-probe",
            is_flag=True,
            help="Do not try the site's own search form (site-search-broken).",
        ),
        click.option("--no-sitemaps", is_flag=True, help="Do not seed the crawl from sitemaps."),
        click.option("--report-lang", type=click.Choice(["nl", "en"]), default=None),
        click.option("--now", default=None, help="Pin 'today' (ISO date) for date checks."),
        click.option("--quiet", "-q", is_flag=True, help="No progress and no summary table."),
        click.option("--pdf", is_flag=True, help="Also write report.pdf (printed by Chromium)."),
        click.option(
            "--no-history",
            is_flag=True,
            help="Do not keep this audit in the history store (no comparison with the last).",
        ),
        click.option(
            "--history-file",
            default=None,
            help="History store (default: history.sqlite in the output directory).",
        ),
        click.option(
            "--resume",
            is_flag=True,
            help="Continue the latest unfinished (interrupted or killed) audit of the site "
            "from the history store, without redoing its finished pages.",
        ),
        click.option("--browser", default=None, help="Path to a Chromium/Chrome executable."),
        click.option(
            "--auth-state",
            default=None,
            metavar="FILE",
            help="A Playwright storage state (from `cx-audit login`): audit the portal logged in.",
        ),
        click.option(
            "--portal-url",
            "portal_urls",
            multiple=True,
            help="Where the logged-in portal starts (default: the page the [login] ends on, "
            "else the public links that redirect to the login page).",
        ),
        click.option(
            "--deny-link",
            "deny_links",
            multiple=True,
            help="Another action word: links ending in it are never requested, e.g. 'pauzeren'.",
        ),
        click.option(
            "--portal-screenshots",
            is_flag=True,
            help="Also take screenshots inside the portal (they show personal data).",
        ),
        click.option(
            "--config",
            default=None,
            help="Settings file (default: cx-audit.toml or [tool.cx-audit] in "
            "pyproject.toml, from this folder upwards).",
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


# Command-line parameter -> (AuditConfig field, conversion of the flag's value).
PARAMS: dict[str, tuple[str, Callable[[Any], Any]]] = {
    "output": ("output", str),
    "formats": ("formats", lambda v: split_list([v])),
    "max_pages": ("max_pages", int),
    "max_depth": ("max_depth", int),
    "max_urls_per_pattern": ("max_urls_per_pattern", int),
    "max_query_variants": ("max_query_variants", int),
    "include": ("include", tuple),
    "exclude": ("exclude", tuple),
    "path_prefix": ("path_prefix", str),
    "concurrency": ("concurrency", int),
    "timeout": ("timeout", float),
    "rate_limit": ("rate_limit", float),
    "standard": ("standard", str),
    "best_practice": ("best_practice", bool),
    "no_screenshots": ("screenshots", lambda v: not v),
    "no_block_trackers": ("block_trackers", lambda v: not v),
    "select": ("select", split_list),
    "ignore": ("ignore", split_list),
    "per_url_ignores": ("per_url_ignores", lambda v: parse_pairs(v, "--per-url-ignore", split)),
    "exclude_selectors": ("exclude_selectors", tuple),
    "baseline": ("baseline", lambda v: v or ""),
    "max_issues": ("max_issues", lambda v: parse_pairs(v, "--max-issues", parse_count)),
    "extend_select": ("extend_select", split_list),
    "headers": ("headers", parse_headers),
    "ignore_robots": ("ignore_robots", bool),
    "no_external": ("no_external", bool),
    "no_probe": ("search_probe", lambda v: not v),
    "no_sitemaps": ("sitemaps", lambda v: not v),
    "report_lang": ("report_lang", lambda v: v or ""),
    "now": ("now", parse_now),
    "quiet": ("quiet", bool),
    "pdf": ("pdf", bool),
    "no_history": ("history", lambda v: not v),
    "history_file": ("history_file", lambda v: v or ""),
    "resume": ("resume", bool),
    "browser": ("browser", lambda v: v),
    "auth_state": ("auth_state", lambda v: v or ""),
    "portal_urls": ("portal_urls", lambda v: tuple(validate_url(u, "--portal-url") for u in v)),
    "deny_links": ("deny_links", split_list),
    "portal_screenshots": ("portal_screenshots", bool),
    "fail_on": ("fail_on", str),
    "user_agent": ("user_agent", lambda v: v or ""),
}
GIVEN = (ParameterSource.COMMANDLINE, ParameterSource.ENVIRONMENT)


def build_config(urls: Sequence[str], **opts: Any) -> AuditConfig:
    """Defaults, then the config file, then the flags given on the command line."""
    ctx = click.get_current_context()
    found = load_config_file(opts.get("config"))
    kwargs: dict[str, Any] = dict(found.values) if found else {}
    for param, value in opts.items():
        if param in PARAMS and ctx.get_parameter_source(param) in GIVEN:
            field, convert = PARAMS[param]
            kwargs[field] = convert(value)
    kwargs["start_urls"] = tuple(validate_url(u) for u in urls)
    kwargs["check_options"] = dict(found.check_options) if found else {}
    config = AuditConfig(**kwargs)
    check_portal_access(config)
    return config


def check_portal_access(config: AuditConfig) -> None:
    """Before anything is crawled: the stored session must be readable and the login's
    environment variables set (ConfigError names the file or variable, never a value)."""
    from auditor.login import LoginSettings, credentials_from_env, load_storage_state

    if config.auth_state:
        load_storage_state(config.auth_state)
    if config.login:
        credentials_from_env(LoginSettings.from_table(config.login))


def load_config_file(explicit: str | None) -> ConfigFile | None:
    path = Path(explicit) if explicit else find_config(Path.cwd())
    if path is None:
        return None
    if not path.is_file():
        raise UserError(f"--config {explicit}: no such file")
    return load_config(path, {check.id: check.options for check in ALL_CHECKS})


def report_language(result: AuditResult, wanted: str) -> str:
    if wanted:
        return wanted
    langs = Counter(p.lang.split("-")[0].lower() for p in result.pages if p.lang)
    main = langs.most_common(1)[0][0] if langs else "en"
    return main if main in ("nl", "en") else "en"


def execute_audit(config: AuditConfig) -> tuple[AuditResult, Baseline | None]:
    """Run the audit with a progress bar on a terminal, streaming it into the history store;
    write the reports. The output folder is locked for the whole audit."""
    check_outputs(config)
    baseline = load_baseline(Path(config.baseline)) if config.baseline else None
    with hold_output_folder(config):
        return audit_and_publish(config, baseline)


def audit_and_publish(
    config: AuditConfig, baseline: Baseline | None
) -> tuple[AuditResult, Baseline | None]:
    """The audit and its outputs; a history that failed is said once, at the end."""
    recorder = open_recorder(config)
    stopped_by: list[int] = []
    try:
        result = run_with_progress(config, recorder, stopped_by)
    except BaseException:
        if recorder is not None:
            recorder.abandon()
        raise
    finally:
        if recorder is not None:
            recorder.close()
    if baseline is not None:
        for change in engine_changes(baseline, result.tool):
            click.echo(
                f"warning: the baseline was made with another engine ({safe_text(change)})",
                err=True,
            )
        accepted = sorted(baseline.fingerprints)
        result = dataclasses.replace(
            result, config={**result.config, "baseline_fingerprints": accepted}
        )
    lang = report_language(result, config.report_lang)
    written = publish(result, config, lang, run_id=recorder.run_id if recorder else None)
    if not config.quiet:
        print_summary(written.result, Console(stderr=config.output == STDOUT))
        for path in written.paths:
            click.echo(f"Written: {safe_text(path, 1000)}", err=True)
    if recorder is not None and recorder.failed and not written.history_problem:
        click.echo(
            f"warning: pages were not kept while auditing ({safe_text(recorder.failed)})",
            err=True,
        )
    if written.history_problem:
        fail(
            f"the reports are written, but this audit is not in the history: "
            f"{written.history_problem} (free disk space or fix that file, or pass "
            "--history-file FILE or --no-history)"
        )
    resumed = written.result.site_metrics.get("resumed")
    if resumed and not config.quiet:
        click.echo(
            f"resumed run {resumed['run']}: {resumed['pages']} pages were kept from before",
            err=True,
        )
    if stopped_by:
        name = signal.Signals(stopped_by[0]).name
        click.echo(
            f"interrupted by {name}: the reports cover the {written.result.audited} pages "
            "audited before it",
            err=True,
        )
        sys.exit(128 + stopped_by[0])
    for origin, why in written.result.site_metrics.get("robots_unread", {}).items():
        message = (
            f"robots.txt of {origin} could not be read ({why}): as RFC 9309 asks, nothing "
            "there was crawled"
        )
        if not written.result.audited:
            fail(f"{message}; the reports say so")
        click.echo(f"warning: {message}", err=True)
    return written.result, baseline


def open_recorder(config: AuditConfig) -> Recorder | None:
    """The history store the audit streams into (None with --no-history). A store that
    cannot be opened does not stop the audit (except a --resume, which needs it): the
    reports are written and `publish` says, once, that the history was not kept."""
    path = history_path(config)
    if path is None:
        if config.resume:
            raise UserError("--resume needs the history store: with --output - give --history-file")
        return None
    try:
        return Recorder.open(path, config)
    except StoreError:
        if config.resume:
            raise
        return None
    except OSError as exc:  # e.g. its folder cannot be made
        if config.resume:
            raise UserError(f"cannot open the history file {path} ({exc.strerror})") from None
        return None


def run_with_progress(
    config: AuditConfig, recorder: Recorder | None, stopped_by: list[int]
) -> AuditResult:
    """The audit, with a progress bar on a terminal; `stopped_by` gets the signal that
    interrupted it."""
    from auditor.engine import AuditAbort, run_audit

    show_progress = not config.quiet and sys.stdout.isatty() and sys.stderr.isatty()
    try:
        if not show_progress:
            return run_audit(config, interrupted=stopped_by, recorder=recorder)
        with Progress(
            TextColumn("[bold]Auditing"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TextColumn("{task.description}", markup=False),
            console=Console(stderr=True),
            transient=True,
        ) as bar:
            task = bar.add_task("", total=None)

            def progress(done: int, known: int, url: str) -> None:
                description = safe_text(url, 60, keep_end=True)
                bar.update(task, completed=done, total=max(known, done), description=description)

            return run_audit(config, progress, stopped_by, recorder)
    except AuditAbort as exc:
        raise UserError(str(exc)) from None


def gate_failed(result: AuditResult, config: AuditConfig, baseline: Baseline | None) -> bool:
    """Says on stderr why the gate fails, if it does."""
    reasons = gate_reasons(
        result,
        config.fail_severity,
        accepted=baseline.fingerprints if baseline else None,
        budgets=config.max_issues,
    )
    for reason in reasons:
        click.echo(f"gate failed: {safe_text(reason, 1000)}", err=True)
    return bool(reasons)


def guarded(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn expected failures into one line on stderr and exit code 2."""

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except (UserError, ConfigError, BrowserNotFound, OutputError, BaselineError) as exc:
            fail(str(exc))
        except ValueError as exc:
            fail(str(exc))
        except KeyboardInterrupt:
            fail("interrupted", EXIT_INTERRUPTED)
        except Exception as exc:
            if os.environ.get("CX_AUDIT_DEBUG"):
                raise
            fail(
                f"internal error ({type(exc).__name__}: {exc}); set CX_AUDIT_DEBUG=1 for the "
                "traceback and please report it"
            )

    wrapper.__name__ = func.__name__
    wrapper.__doc__ = func.__doc__
    return wrapper


def versions_text() -> str:
    chromium = "not found"
    try:
        managed = managed_chromium_path()
        choice = find_browser(managed_executable=managed)
        version = browser_version(choice.executable or managed or "")
        chromium = f"{version or 'unknown version'}: {choice.describe()}"
    except BrowserNotFound:
        pass
    build = axe_build()
    return f"cx-audit {__version__}\naxe-core {build.version} ({build.source})\nbrowser: {chromium}"


def _print_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        click.echo(versions_text())
        ctx.exit()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_print_version,
    help="Show cx-audit, axe-core and Chromium versions.",
)
def main() -> None:
    """Audit customer self-service websites and say what to fix first."""
    guard_last_resort_logging()


@main.command()
@click.argument("urls", nargs=-1, required=True)
@audit_options
@click.option(
    "--fail-on",
    type=click.Choice(FAIL_ON),
    default="serious",
    show_default=True,
    help="Exit 1 when an issue of this severity or worse is found.",
)
@guarded
def audit(urls: tuple[str, ...], **opts: Any) -> None:
    """Audit the site(s) at URLS and write the reports."""
    config = build_config(urls, **opts)
    result, baseline = execute_audit(config)
    if gate_failed(result, config, baseline):
        sys.exit(EXIT_GATE)


@main.command()
@audit_options
@guarded
def demo(**opts: Any) -> None:
    """Serve the bundled demo help centre on 127.0.0.1 and audit it (always exits 0)."""
    from auditor.demo import serve_site

    with serve_site() as (base_url, _requests):
        click.echo(f"Serving the demo site at {base_url}", err=True)
        config = build_config([base_url], **opts)
        execute_audit(config)
    click.echo(f"Open {Path(config.output).resolve() / 'report.html'} in a browser.")


@main.command()
@click.argument("report_json", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--format", "formats", default="html", show_default=True)
@click.option("--output", "-o", default=None, help="Directory (default: next to the JSON).")
@click.option("--report-lang", type=click.Choice(["nl", "en"]), default=None)
@click.option("--pdf", is_flag=True, help="Also write report.pdf (printed by Chromium).")
@click.option("--browser", default=None, help="Path to a Chromium/Chrome executable (--pdf).")
@guarded
def report(
    report_json: Path,
    *,
    formats: str,
    output: str | None,
    report_lang: str | None,
    pdf: bool,
    browser: str | None,
) -> None:
    """Re-render reports from an earlier report.json, without crawling."""
    result = read_report(report_json)
    out = Path(output) if output else report_json.parent
    lang = report_language(result, report_lang or "")
    chosen = split_list([formats])
    with writing(out):
        paths = write_reports(result, out, chosen, lang)
        if "html" in chosen:
            paths.append(write_statement(result, out, lang))
    if pdf:
        config = AuditConfig(
            result.start_urls or ("http://localhost/",),
            output=str(out),
            formats=chosen,
            browser=browser,
        )
        paths.append(write_pdf(result, config, lang))
    for path in paths:
        click.echo(f"Written: {safe_text(path, 1000)}", err=True)


@main.command()
@click.argument("urls", nargs=-1)
@audit_options
@click.option(
    "--from",
    "from_report",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the baseline from an earlier report.json instead of auditing.",
)
@guarded
def baseline(urls: tuple[str, ...], from_report: Path | None, **opts: Any) -> None:
    """Accept today's findings: write the baseline file that --baseline compares with.

    `cx-audit baseline URL --output cx-audit-baseline.json` audits URL (reports go next to the
    baseline); `cx-audit baseline --from report.json --output FILE` uses an earlier audit.
    """
    ctx = click.get_current_context()
    given = ctx.get_parameter_source("output") in GIVEN
    target = Path(opts["output"]) if given else Path(BASELINE_FILE)
    if from_report is not None:
        if urls:
            raise UserError("give either URLs to audit or --from report.json, not both")
        result = read_report(from_report)
    else:
        if not urls:
            raise UserError("give the URL to audit, or --from report.json")
        reports_dir = target.parent / "cx-audit-baseline-report"
        config = build_config(urls, **{**opts, "output": str(reports_dir)})
        config = dataclasses.replace(config, output=str(reports_dir), baseline="")
        result, _ = execute_audit(config)
    write_baseline(result, target)
    click.echo(
        f"Baseline written: {target} ({len({f.fingerprint for f in result.findings})} findings "
        f"accepted; cx-audit {result.tool.get('version')}, axe-core "
        f"{result.tool.get('axe_core')}, Chromium {result.tool.get('chromium')})"
    )


def read_report(path: Path) -> AuditResult:
    try:
        data = json.loads(path.read_text("utf-8"))
        return AuditResult.from_dict(data)
    except FileNotFoundError:
        raise UserError(f"{path} does not exist; give the path of a report.json") from None
    except (ValueError, KeyError, TypeError) as exc:
        raise UserError(f"{path} is not a cx-audit report.json ({exc})") from None


@main.command(name="checks")
def list_checks() -> None:
    """List every check with its id, pitfall, severity and title."""
    for check in ALL_CHECKS:
        opt_in = "" if check.default else f"  (opt-in: --extend-select {check.id})"
        click.echo(
            f"{check.id:24} {check.pitfall.value:14} {check.severity.value:9} {check.title}{opt_in}"
        )


@main.command()
@click.argument("check_id")
@guarded
def explain(check_id: str) -> None:
    """Print a check's documentation (what it does, why it matters, options)."""
    from checks import BY_ID

    check = BY_ID.get(check_id) or BY_ID.get(check_id.split("/", 1)[0])
    if check is None:
        close = difflib.get_close_matches(check_id, list(BY_ID), n=1)
        hint = f"; did you mean {close[0]!r}?" if close else "; run `cx-audit checks`"
        raise UserError(f"unknown check {check_id!r}{hint}")
    info = check.info
    legal = ", legal requirement" if info.legal else ""
    opt_in = ", opt-in" if not check.default else ""
    click.echo(f"{info.id} ({info.pitfall.value}, {info.severity.value}{legal}{opt_in})")
    click.echo(f"{info.title}\n")
    click.echo(info.docs)
    if check.options:
        click.echo("\nDefaults: " + ", ".join(f"{k}={v!r}" for k, v in check.options.items()))


STARTER_CONFIG = """\
# cx-audit settings. Flags on the command line win over this file.
# Keys are the option names with underscores; `cx-audit checks` lists the check ids.

# max_pages = 100
# max_depth = 5
# exclude = ["*/nieuws/archief/*"]
# fail_on = "serious"            # critical, serious, moderate, minor or never
# standard = "wcag22aa"          # wcag21aa, wcag22aa or en301549
# report_lang = "nl"             # nl or en (default: the site's main language)
# ignore = ["rare-word"]
# resume = false                # true: continue the latest unfinished audit (--resume)
# extend_select = ["focus-visible"]
# block_trackers = true          # the browser skips known analytics and ad scripts

# Options of one check, e.g. your own words to avoid and words that are fine:
# [checks.jargon-term]
# avoid = { incassomachtiging = "automatische afschrijving" }
# allow = ["Mijn Omgeving"]

# [checks.stale-page]
# stale_after = 365

# A logged-in portal ("Mijn omgeving"): the username and password are read from the
# environment variables named here, never from this file. (Or: cx-audit login URL --save
# session.json, then --auth-state session.json --portal-url URL.)
# portal_urls = ["https://www.example.nl/mijn/"]
# [login]
# url = "https://www.example.nl/inloggen"
# username_selector = "#username"
# password_selector = "#password"
# submit_selector = "button[type=submit]"
# logged_in_selector = "a[href*=uitloggen]"
# username_env = "CX_AUDIT_USERNAME"
# password_env = "CX_AUDIT_PASSWORD"
"""


@main.command()
@click.option("--force", is_flag=True, help="Overwrite an existing cx-audit.toml.")
@guarded
def init(force: bool) -> None:
    """Write a commented starter cx-audit.toml in this folder."""
    path = Path("cx-audit.toml")
    if path.exists() and not force:
        raise UserError(f"{path} exists already; use --force to overwrite it")
    path.write_text(STARTER_CONFIG, "utf-8")
    click.echo(f"Written: {path.resolve()}")


@main.command(name="login")
@click.argument("url")
@click.option(
    "--save",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where to write the session (a Playwright storage state) for --auth-state.",
)
@click.option("--until-url", default="", help="Save once the browser is at a URL like this glob.")
@click.option("--until-selector", default="", help="Save once the page shows this element (CSS).")
@click.option("--timeout", type=float, default=300.0, show_default=True, help="Seconds to wait.")
@click.option("--browser", default=None, help="Path to a Chromium/Chrome executable.")
@guarded
def login_command(
    url: str,
    *,
    save: Path,
    until_url: str,
    until_selector: str,
    timeout: float,
    browser: str | None,
) -> None:
    """Open a browser window at URL to log in by hand, and save the session to FILE for
    `cx-audit audit --auth-state FILE`. It is saved when the browser reaches --until-url or
    shows --until-selector, when you press Enter here, or when you close the window."""
    from auditor.login_window import NO_DISPLAY, has_display, save_login_state

    validate_url(url)
    if timeout <= 0:
        raise UserError("--timeout must be more than 0 seconds")
    if not has_display():
        raise UserError(NO_DISPLAY)
    how = "press Enter here or close the window"
    if until_url or until_selector:
        how = "it is saved as soon as you are logged in, or " + how
    click.echo(f"Log in in the browser window that opens; {how}.", err=True)
    saved = save_login_state(
        validate_url(url),
        save,
        until_url=until_url,
        until_selector=until_selector,
        timeout=timeout,
        browser=browser,
        stdin=sys.stdin,
    )
    if not saved["cookies"] and not saved["origins"] and saved["reason"] == "timeout":
        raise UserError(f"no login seen within {timeout:g} s; nothing saved")
    click.echo(
        f"Saved the session to {save} ({saved['cookies']} cookies; {saved['reason']}). It logs "
        f"in as you: keep it out of version control. Audit with: cx-audit audit URL "
        f"--auth-state {save} --portal-url PORTAL-URL",
        err=True,
    )


@main.command()
@click.option("--browser", default=None, help="Path to a Chromium/Chrome executable.")
@guarded
def browser(browser: str | None) -> None:
    """Say which browser cx-audit will use (exit 2 with what to do when there is none)."""
    choice = find_browser(browser, managed_executable=managed_chromium_path())
    click.echo(choice.describe())


@main.command()
@guarded
def setup() -> None:
    """Install the pinned axe-core release with npm (else the bundled one is used) and say
    which browser will run."""
    try:
        path = install()
        click.echo(f"axe-core {AXE_CORE_VERSION}: {path}")
    except RuntimeError as exc:
        build = axe_build()
        click.echo(f"{exc}; using axe-core {build.version} ({build.source})", err=True)
    choice = find_browser(managed_executable=managed_chromium_path())
    click.echo(f"browser: {choice.describe()}")
