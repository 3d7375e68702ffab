"""Throughput and memory of a whole audit, against its limit and a peer (a script, not a test).

Generates a synthetic bilingual help site (bench/synthetic_site.py: N pages of 30–80 KB with
navigation, footer, articles, images, 10–20 links each, some of them dead), serves it on
127.0.0.1 with a second local server for the "external" links, and measures in one run, each
as its own process tree:

  (a) the limit: navigation + axe-core on one reused page per worker, nothing else (the
      navigation gather does, the pinned axe-core build), at the same concurrency as (b);
  (b) the real CLI, `python -m auditor audit URL --max-pages N --fail-on never --quiet
      --no-history --output TMP`: every default check (the opt-in `focus-visible` stays off),
      screenshots, link checks, the search probe, the HTML and JSON reports;
  (c) pa11y-ci 4.1.1 (axe runner) on the same URLs at concurrency 1, 2 and 4, the best one
      counted, when npm is available (installed into ~/.cache/cx-audit-bench with
      PUPPETEER_SKIP_DOWNLOAD=1, driving the same Chromium).

For each: pages per minute (pages done / wall time of the whole process, start-up included)
and the peak RSS of the whole process tree (browser included; the sum of the processes'
RSS, sampled every 100 ms, so pages shared between Chromium processes count more than once).
Then the ratios b/a and b/c. `--memory-pages 1000` also audits a 1,000-page site and compares
its peak RSS with the N-page audit. Targets on a 2-core machine: b/a >= 0.75, b/c >= 1.25,
peak RSS < 1.5 GB, RSS at 1,000 pages <= 1.2 x RSS at 200 pages.

`--breakdown` shows where (b) spends its CPU and time (by process, phase and check) next to
(a+): (a) with a context per worker, the DOM read and the layout probe, the browser work the
checks need before any check runs. `--ablations` runs (b) with one part off at a time.

Writes nothing into the repository unless `--record` is given: then the figures are added to
bench/RESULTS.md (a row per run, between markers, with the machine and date).

    .venv/bin/python -m bench.throughput [--pages 200] [--concurrency 2] [--skip-pa11y]
        [--memory-pages 1000] [--rounds 1] [--breakdown] [--ablations] [--record]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import dataclasses
import datetime as dt
import json
import os
import pickle
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import psutil

from bench.synthetic_site import SyntheticSite, serve_site

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "RESULTS.md"
PA11Y_HOME = Path.home() / ".cache" / "cx-audit-bench"
PA11Y_PACKAGE = "pa11y-ci@4.1.1"
PA11Y_CONCURRENCY = (1, 2, 4)
START_MARK = "<!-- bench.throughput:start -->"
END_MARK = "<!-- bench.throughput:end -->"
TARGET_B_OVER_A = 0.75
TARGET_B_OVER_C = 1.25
TARGET_RSS = 1.5e9
TARGET_GROWTH = 1.20
MB = 1e6


@dataclasses.dataclass
class Run:
    """One measured process tree."""

    name: str
    seconds: float
    pages: int  # pages done without an error
    failed: int
    peak_rss: int  # summed RSS of the tree
    peak_pss: int  # summed PSS of the tree
    pss_parts: dict[str, int]  # PSS by kind of process at the PSS peak
    pss_at: float = 0.0  # when the PSS peak was seen, seconds after the start
    cpu: float = 0.0  # CPU seconds of the whole tree, as sampled (see TreeSampler.cpu_parts)
    cpu_parts: dict[str, float] = dataclasses.field(default_factory=dict)  # by kind
    note: str = ""

    @property
    def cpu_per_page(self) -> float:
        """CPU milliseconds per page: what limits throughput when every core is busy."""
        return self.cpu / max(self.pages, 1) * 1000

    @property
    def per_minute(self) -> float:
        return self.pages / self.seconds * 60 if self.seconds else 0.0


class TreeSampler(threading.Thread):
    """Samples the memory of a process and all its descendants: the summed RSS every
    `interval` s, and every `pss_every`-th sample also the summed PSS (proportional set size:
    pages shared between processes are split between them, so it does not count Chromium's
    shared code and memory once per process; reading it costs about 3 ms per process)."""

    def __init__(self, pid: int, interval: float = 0.1, pss_every: int = 10) -> None:
        super().__init__(daemon=True)
        self.root = psutil.Process(pid)
        self.interval = interval
        self.pss_every = pss_every
        self.peak = 0
        self.peak_parts: dict[str, int] = {}
        self.peak_pss = 0
        self.peak_pss_parts: dict[str, int] = {}
        self.peak_pss_at = 0.0  # seconds after the start
        self.started = time.perf_counter()
        self.samples = 0
        self.cpu: dict[int, tuple[str, float]] = {}  # pid -> (kind, last CPU seconds seen)
        self.kinds: dict[int, str] = {}  # pid -> kind, named once (while its cmdline is readable)
        self._halt = threading.Event()

    def run(self) -> None:
        while not self._halt.is_set():
            self.sample()
            self._halt.wait(self.interval)

    def sample(self) -> None:
        try:
            procs = [self.root, *self.root.children(recursive=True)]
        except psutil.Error:
            return
        with_pss = self.samples % self.pss_every == 0
        rss: dict[str, int] = {}
        pss: dict[str, int] = {}
        for proc in procs:
            with contextlib.suppress(psutil.Error, OSError, ValueError):
                kind = self.kinds.get(proc.pid) or process_kind(proc, proc.pid == self.root.pid)
                if kind in SETTLED_KINDS or (
                    kind.startswith("chromium ") and kind != "chromium zygote"
                ):
                    self.kinds[proc.pid] = kind  # a forked zygote becomes a renderer: ask again
                rss[kind] = rss.get(kind, 0) + proc.memory_info().rss
                times = proc.cpu_times()
                self.cpu[proc.pid] = (kind, times.user + times.system)
                if with_pss:
                    pss[kind] = pss.get(kind, 0) + proportional_set_size(proc.pid)
        self.samples += 1
        if sum(rss.values()) > self.peak:
            self.peak, self.peak_parts = sum(rss.values()), rss
        if sum(pss.values()) > self.peak_pss:
            self.peak_pss, self.peak_pss_parts = sum(pss.values()), pss
            self.peak_pss_at = time.perf_counter() - self.started

    def stop(self) -> None:
        self._halt.set()
        self.join()

    def cpu_parts(self) -> dict[str, float]:
        """CPU seconds by kind of process, as last seen (a process that ended between two
        samples loses its last 100 ms)."""
        parts: dict[str, float] = {}
        for kind, seconds in self.cpu.values():
            parts[kind] = parts.get(kind, 0.0) + seconds
        return parts


SETTLED_KINDS = ("main", "node driver")


def proportional_set_size(pid: int) -> int:
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text("ascii").splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1]) * 1024
    return 0


def process_kind(proc: psutil.Process, is_root: bool) -> str:
    """A label for a process of the tree: what holds the memory."""
    if is_root:
        return "main"
    cmdline = " ".join(proc.cmdline())
    if not cmdline:
        raise psutil.AccessDenied(proc.pid)  # starting or ending: name it at the next sample
    if "--type=" in cmdline:
        kind = cmdline.split("--type=", 1)[1].split()[0]
        return {"gpu-process": "chromium gpu"}.get(kind, f"chromium {kind}")
    if "chrom" in proc.name().lower():
        return "chromium browser"
    if "node" in proc.name().lower():
        return "node driver"
    return proc.name()


def measure(
    name: str, cmd: list[str], *, cwd: Path, env: dict[str, str] | None = None
) -> tuple[Run, str, str]:
    """Run `cmd`, timing it and sampling its process tree; returns the run and the output."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=err, text=True)
        sampler = TreeSampler(proc.pid)
        sampler.start()
        proc.wait()
        seconds = time.perf_counter() - started
        sampler.stop()
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    if proc.returncode not in (0, 1, 2) or (proc.returncode and not stdout.strip()):
        tail = "\n".join(stderr.strip().splitlines()[-15:])
        raise RuntimeError(f"{name}: exit code {proc.returncode}\n{tail}")
    run = Run(name, seconds, 0, 0, sampler.peak, sampler.peak_pss, sampler.peak_pss_parts)
    run.cpu_parts, run.pss_at = sampler.cpu_parts(), sampler.peak_pss_at
    run.cpu = sum(run.cpu_parts.values())
    return run, stdout, stderr


# (a) the limit -------------------------------------------------------------------------------


async def bare_loop(urls: list[str], concurrency: int, *, gathered: bool = False) -> dict[str, int]:
    """Navigation + axe on one reused page per worker, as gather navigates; nothing else.

    `gathered`: also the browser work gather does for the checks, and no more: a context of
    its own per worker (as the engine has them), the DOM read and the layout probe. That is
    the floor of (b) before a single check or anything else in Python runs."""
    from playwright.async_api import async_playwright

    from auditor.browser import find_browser, launch_options
    from auditor.config import AuditConfig
    from auditor.gather import read_dom
    from auditor.probes.axe import run_axe
    from auditor.probes.layout import run_layout

    config = AuditConfig(start_urls=(urls[0],))
    todo = list(reversed(urls))
    counts = {"done": 0, "failed": 0, "violations": 0}
    async with async_playwright() as pw:
        choice = find_browser(managed_executable=pw.chromium.executable_path)
        browser = await pw.chromium.launch(**launch_options(choice))
        shared = await browser.new_context()

        async def worker() -> None:
            page = await (await browser.new_context() if gathered else shared).new_page()
            while todo:
                url = todo.pop()
                try:
                    await page.goto(url, wait_until="domcontentloaded", timeout=30_000)
                    await page.wait_for_load_state("load", timeout=30_000)
                    if gathered:
                        await read_dom(page, ())
                    result = await run_axe(page, config)
                    if gathered:
                        await run_layout(page, config)
                    counts["violations"] += len(result["violations"])
                    counts["done"] += 1
                except Exception as exc:
                    print(f"{url}: {exc}", file=sys.stderr)
                    counts["failed"] += 1

        await asyncio.gather(*(worker() for _ in range(concurrency)))
        await browser.close()
    return counts


def run_bare(site: SyntheticSite, concurrency: int, work: Path, *, gathered: bool = False) -> Run:
    urls = work / "urls.txt"
    urls.write_text("\n".join(site.urls), "utf-8")
    cmd = [sys.executable, "-m", "bench.throughput", "--bare-worker", str(urls)]
    cmd += ["--concurrency", str(concurrency), *(["--gathered"] if gathered else [])]
    name = (
        "(a+) (a), a context per worker, DOM read, layout probe"
        if gathered
        else "(a) navigation + axe"
    )
    run, stdout, _ = measure(name, cmd, cwd=ROOT)
    counts = json.loads(stdout.strip().splitlines()[-1])
    run.pages, run.failed = counts["done"], counts["failed"]
    run.note = f"{counts['violations']} axe violations (rules x pages)"
    return run


# (b) cx-audit ------------------------------------------------------------------------------


def run_cx_audit(
    site: SyntheticSite,
    concurrency: int,
    work: Path,
    label: str = "",
    extra: tuple[str, ...] = (),
) -> Run:
    out = work / f"report-{len(site.urls)}"
    cmd = [sys.executable, "-m", "auditor", "audit", site.start_url]
    cmd += ["--max-pages", str(len(site.urls)), "--concurrency", str(concurrency)]
    cmd += ["--fail-on", "never", "--quiet", "--no-history", "--output", str(out), *extra]
    name = label or "(b) cx-audit audit"
    # In an empty folder, so that no cx-audit.toml of the surroundings is read.
    run, _, _ = measure(name, cmd, cwd=work)
    report = json.loads((out / "report.json").read_text("utf-8"))
    pages = report["pages"]
    run.failed = sum(1 for p in pages if p.get("error"))
    run.pages = len(pages) - run.failed
    run.note = (
        f"{len(report['findings'])} findings, {len(report['issues'])} issues, "
        f"{len(report['checks'])} checks"
    )
    shutil.rmtree(out, ignore_errors=True)
    return run


# Levers: the real CLI with one part switched off (or another concurrency).
ABLATIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("no layout probe (reflow-320, text-zoom-200)", ("--ignore", "reflow-320,text-zoom-200")),
    ("no screenshots", ("--no-screenshots",)),
    ("no language checks, no lang-matches-content", ("--ignore", "language,lang-matches-content")),
    ("axe check only, no screenshots", ("--select", "axe", "--no-screenshots")),
    ("concurrency 3", ("--concurrency", "3")),
    ("concurrency 4", ("--concurrency", "4")),
)


def run_ablations(site: SyntheticSite, concurrency: int, work: Path, rounds: int) -> None:
    """Each variant right after a run of (b) with everything on, `rounds` times; the median
    ratio to that neighbour, in pages/min and in CPU per page (which other load on the
    machine disturbs less)."""
    print(f"\nLevers: (b) with one part off, each next to a full (b), {rounds} round(s)")
    found: dict[str, list[tuple[float, float, float, float]]] = {}
    for _ in range(rounds):
        for label, extra in ABLATIONS:
            full = run_cx_audit(site, concurrency, work, "(b) everything on")
            run = run_cx_audit(site, concurrency, work, f"(b) {label}", extra)
            show(run)
            found.setdefault(label, []).append(
                (
                    run.per_minute / full.per_minute,
                    run.cpu_per_page / full.cpu_per_page,
                    run.per_minute,
                    run.cpu_per_page,
                )
            )
    print(f"\n  {'variant':<46}{'pages/min':>10}{'x (b)':>7}{'CPU ms/page':>13}{'x (b)':>7}")
    for label, values in found.items():
        speed, cpu, per_minute, per_page = (statistics.median(v) for v in zip(*values, strict=True))
        print(f"  {label:<46}{per_minute:10.1f}{speed:7.2f}{per_page:13.0f}{cpu:7.2f}")


def breakdown_worker(url: str, pages: int, concurrency: int, out: Path) -> dict[str, Any]:
    """The real CLI in this process, with the engine's phases timed from outside (wrappers
    around its methods; no engine code changes). Per phase the summed wall time, and for the
    synchronous ones also the CPU time of their thread, in seconds."""
    started, cpu_started = time.perf_counter(), time.process_time()
    since_exec = time.time() - psutil.Process().create_time()
    from auditor import cli, engine
    from auditor.linkcheck import LinkChecker

    wall: dict[str, float] = {
        "python start-up": since_exec,
        "imports": time.perf_counter() - started,
    }
    cpu: dict[str, float] = {"imports": time.process_time() - cpu_started}
    check_cpu: dict[str, float] = {}

    def add(into: dict[str, float], key: str, seconds: float) -> None:
        into[key] = into.get(key, 0.0) + seconds

    def timed_async(key: str, func: Any) -> Any:
        async def wrapper(*args: Any, **kwargs: Any) -> Any:
            began = time.perf_counter()
            try:
                return await func(*args, **kwargs)
            finally:
                add(wall, key, time.perf_counter() - began)

        return wrapper

    def timed_sync(key: str, func: Any, into: dict[str, float] = cpu) -> Any:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            began, cpu_began = time.perf_counter(), time.thread_time()
            try:
                return func(*args, **kwargs)
            finally:
                add(wall, key, time.perf_counter() - began)
                add(into, key, time.thread_time() - cpu_began)

        return wrapper

    gather = engine.gather

    async def timed_gather(*args: Any, **kwargs: Any) -> Any:
        began = time.perf_counter()
        snapshot = await gather(*args, **kwargs)
        add(wall, "gather", time.perf_counter() - began)
        for key, ms in snapshot.timings.items():
            if key.endswith("_ms"):
                add(wall, f"gather: {key[:-3]}", ms / 1000)
        return snapshot

    run_page_check = engine.Audit._run_page_check

    def timed_check(self: Any, check: Any, *args: Any) -> None:
        began = time.thread_time()
        try:
            run_page_check(self, check, *args)
        finally:
            add(check_cpu, check.id, time.thread_time() - began)

    retained: dict[str, int] = {}
    result = engine.Audit._result

    def sized_result(self: Any, *args: Any) -> Any:
        """What the engine keeps for the whole crawl, pickled (a rough in-memory size)."""
        for field in dataclasses.fields(self.collected):
            with contextlib.suppress(Exception):
                retained[field.name] = len(pickle.dumps(getattr(self.collected, field.name)))
        return result(self, *args)

    engine.gather = timed_gather
    engine.Audit._run_page_check = timed_check
    engine.Audit._result = sized_result
    for name, key, wrap in (
        ("_process", "process", timed_async),
        ("_evaluate", "evaluate", timed_sync),
        ("_capture", "screenshots", timed_async),
        ("_crawl", "crawl", timed_async),
        ("_probe_search", "search probe", timed_async),
        ("_result", "site checks, prioritise", timed_sync),
    ):
        setattr(engine.Audit, name, wrap(key, getattr(engine.Audit, name)))
    LinkChecker.results = timed_async("link results", LinkChecker.results)
    cli.publish = timed_sync("reports", cli.publish)
    args = ["audit", url, "--max-pages", str(pages), "--concurrency", str(concurrency)]
    args += ["--fail-on", "never", "--quiet", "--no-history", "--output", str(out)]
    with contextlib.suppress(SystemExit):
        cli.main.main(args=args, standalone_mode=False)
    wall["total"] = time.perf_counter() - started + since_exec
    cpu["total"] = time.process_time()
    return {"wall": wall, "cpu": cpu, "checks": check_cpu, "retained": retained}


def run_breakdown(site: SyntheticSite, concurrency: int, work: Path, bare: Run, audit: Run) -> None:
    """Where (b) spends more than (a): CPU per page by process, the Python process's CPU by
    phase and check, and the crawl's wall time by phase (from an instrumented run)."""
    out = work / "breakdown"
    cmd = [sys.executable, "-m", "bench.throughput", "--breakdown-worker", site.start_url]
    cmd += ["--pages", str(len(site.urls)), "--concurrency", str(concurrency)]
    cmd += ["--output", str(out)]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}  # bench/ from an empty working folder
    run, stdout, _ = measure("(b) instrumented", cmd, cwd=work, env=env)
    data = json.loads(stdout.strip().splitlines()[-1])
    run.pages = len(json.loads((out / "report.json").read_text("utf-8"))["pages"])
    wall, cpu, checks = data["wall"], data["cpu"], data["checks"]
    pages = run.pages

    floor = run_bare(site, concurrency, work, gathered=True)
    show(floor)

    print(f"\nWhere (b) spends more than (a), {pages} pages, concurrency {concurrency}")
    print(
        f"  (a+) = (a) with a context per worker, the DOM read and the layout probe: the "
        f"browser work the checks need, before any check runs. (a+) {floor.per_minute:.0f} "
        f"pages/min = {floor.per_minute / bare.per_minute:.2f} x (a); "
        f"(b) = {audit.per_minute / floor.per_minute:.2f} x (a+)"
    )
    print(f"  CPU ms per page by process (sampled)  {'(a)':>7}{'(a+)':>7}{'(b)':>7}{'b - a':>7}")
    kinds = sorted(
        set(bare.cpu_parts) | set(audit.cpu_parts), key=lambda k: -audit.cpu_parts.get(k, 0)
    )
    for kind in [*kinds, "all"]:
        a, plus, b = (
            (r.cpu if kind == "all" else r.cpu_parts.get(kind, 0.0)) / r.pages * 1000
            for r in (bare, floor, audit)
        )
        if max(a, b) >= 1:
            label = "main process (Python for (b))" if kind == "main" else kind
            print(f"    {label:<36}{a:7.0f}{plus:7.0f}{b:7.0f}{b - a:+7.0f}")

    total_cpu = cpu["total"]
    checked = sum(checks.values())
    rows = [
        ("imports", cpu["imports"]),
        ("page checks", checked),
        ("page facts for site checks", cpu.get("evaluate", 0.0) - checked),
        ("site checks, prioritise, conformance", cpu.get("site checks, prioritise", 0.0)),
        ("reports (HTML, JSON, statement)", cpu.get("reports", 0.0)),
    ]
    rows.append(
        (
            "the rest (classify, Playwright client, asyncio, httpx)",
            total_cpu - sum(v for _, v in rows),
        )
    )
    print(f"  CPU of the Python process (instrumented run): {total_cpu:.1f} s")
    for label, seconds in rows:
        print(f"    {label:<44}{seconds * 1000 / pages:6.1f} ms/page {seconds / total_cpu:6.1%}")
    print("    page checks, the 10 most expensive:")
    for check_id, seconds in sorted(checks.items(), key=lambda kv: -kv[1])[:10]:
        print(
            f"      {check_id:<42}{seconds * 1000 / pages:6.1f} ms/page {seconds / total_cpu:6.1%}"
        )

    search = wall.get("search probe", 0.0)  # at the end of the crawl, one page
    crawl = wall.get("crawl", 0.0) - search
    lanes = crawl * concurrency
    print(f"  wall time of the crawl's {concurrency} workers ({crawl:.1f} s each), by phase:")
    gathered = wall.get("gather", 0.0)
    rows = [(k, v) for k, v in wall.items() if k.startswith("gather: ")]
    rows.append(("gather: other (headers, cookies)", gathered - sum(v for _, v in rows)))
    process, shots = wall.get("process", 0.0), wall.get("screenshots", 0.0)
    rows += [
        ("page checks, classify, facts (on the checks' thread)", process),
        ("screenshots", shots),
        ("waiting (for the event loop, the queue)", lanes - gathered - process - shots),
    ]
    for label, seconds in rows:
        print(f"    {label:<50}{seconds * 1000 / pages:6.0f} ms/page {seconds / lanes:6.1%}")
    rest = wall["total"] - crawl
    print(
        f"  outside the crawl: {rest:.1f} s of {wall['total']:.1f} s (start-up and imports "
        f"{wall['python start-up'] + wall['imports']:.1f} s, search probe {search:.1f} s, "
        f"reports {wall.get('reports', 0.0):.1f} s)"
    )
    retained = data["retained"]
    print(
        f"  kept by the engine until the end, pickled: {sum(retained.values()) / MB:.1f} MB = "
        f"{sum(retained.values()) / pages / 1000:.0f} KB/page ("
        + ", ".join(f"{k} {v / MB:.1f}" for k, v in sorted(retained.items(), key=lambda kv: -kv[1]))
        + " MB)"
    )
    show(run)


# (c) pa11y-ci ------------------------------------------------------------------------------


def pa11y_binary() -> tuple[Path | None, str]:
    """pa11y-ci from ~/.cache/cx-audit-bench, installed with npm on first use."""
    binary = PA11Y_HOME / "node_modules" / ".bin" / "pa11y-ci"
    if binary.is_file():
        return binary, ""
    npm = shutil.which("npm")
    if npm is None:
        return None, "npm not found: install Node.js to compare with pa11y-ci"
    PA11Y_HOME.mkdir(parents=True, exist_ok=True)
    print(f"installing {PA11Y_PACKAGE} into {PA11Y_HOME} ...", flush=True)
    env = {**os.environ, "PUPPETEER_SKIP_DOWNLOAD": "1"}
    cmd = [npm, "install", "--no-audit", "--no-fund", "--prefix", str(PA11Y_HOME), PA11Y_PACKAGE]
    try:
        done = subprocess.run(
            cmd, env=env, capture_output=True, text=True, timeout=600, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return None, f"npm install {PA11Y_PACKAGE} failed: {exc}"
    if done.returncode != 0 or not binary.is_file():
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return None, f"npm install {PA11Y_PACKAGE} failed: {last}"
    return binary, ""


def chromium_path() -> str:
    from auditor.browser import find_browser

    return find_browser().executable or "/usr/bin/chromium"


def run_pa11y(binary: Path, site: SyntheticSite, concurrency: int, work: Path) -> Run:
    from auditor.browser import LAUNCH_ARGS

    config = {
        "defaults": {
            "concurrency": concurrency,
            # With incognito contexts pa11y-ci 4 fails pages ("No target with given id found").
            "useIncognitoBrowserContext": False,
            "runners": ["axe"],
            "timeout": 60_000,
            "chromeLaunchConfig": {
                "executablePath": chromium_path(),
                "headless": True,
                "args": list(LAUNCH_ARGS),
            },
        },
        "urls": list(site.urls),
    }
    path = work / f"pa11y-{concurrency}.json"
    path.write_text(json.dumps(config), "utf-8")
    env = {**os.environ, "PUPPETEER_SKIP_DOWNLOAD": "1"}
    cmd = [str(binary), "--config", str(path), "--json"]
    run, stdout, _ = measure(f"(c) pa11y-ci, concurrency {concurrency}", cmd, cwd=work, env=env)
    report = json.loads(stdout.strip().splitlines()[-1])
    results = report["results"]
    # An error is serialised as {"message": ...}; an issue has a "code".
    run.failed = sum(1 for issues in results.values() if any("code" not in i for i in issues))
    run.pages = len(results) - run.failed
    run.note = f"{report['errors']} issues"
    return run


def best_pa11y(site: SyntheticSite, work: Path) -> tuple[Run | None, str]:
    binary, why = pa11y_binary()
    if binary is None:
        return None, why
    runs = []
    for concurrency in PA11Y_CONCURRENCY:
        try:
            runs.append(run_pa11y(binary, site, concurrency, work))
        except (RuntimeError, ValueError, KeyError) as exc:
            print(f"pa11y-ci at concurrency {concurrency} failed: {exc}", file=sys.stderr)
            continue
        show(runs[-1])
    complete = [r for r in runs if r.failed == 0] or runs
    if not complete:
        return None, "pa11y-ci did not complete a run"
    return max(complete, key=lambda r: r.per_minute), ""


# Output ------------------------------------------------------------------------------------


def show(run: Run) -> None:
    parts = ", ".join(
        f"{k} {v / MB:.0f}" for k, v in sorted(run.pss_parts.items(), key=lambda kv: -kv[1])
    )
    cpu = ", ".join(
        f"{k} {v:.0f}" for k, v in sorted(run.cpu_parts.items(), key=lambda kv: -kv[1]) if v >= 1
    )
    failed = f", {run.failed} FAILED" if run.failed else ""
    print(
        f"{run.name}: {run.pages} pages in {run.seconds:.1f} s = {run.per_minute:.1f} "
        f"pages/min{failed}; {run.note}\n    peak RSS {run.peak_rss / MB:.0f} MB, PSS "
        f"{run.peak_pss / MB:.0f} MB at {run.pss_at:.0f} s ({parts})\n    CPU {run.cpu:.0f} s = "
        f"{run.cpu_per_page:.0f} ms/page, {run.cpu / run.seconds:.2f} cores busy ({cpu})",
        flush=True,
    )


def verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"


def machine() -> dict[str, str]:
    from auditor.axe_core import axe_build
    from auditor.browser import browser_version

    os_name = platform.platform()
    with contextlib.suppress(OSError):
        for line in Path("/etc/os-release").read_text("utf-8").splitlines():
            if line.startswith("PRETTY_NAME="):
                os_name = line.split("=", 1)[1].strip('"')
    node = ""
    if shutil.which("node"):
        node = subprocess.run(
            ["node", "--version"], capture_output=True, text=True, check=False
        ).stdout.strip()
    return {
        "os": os_name,
        "cores": str(os.cpu_count()),
        "memory": f"{psutil.virtual_memory().total / 2**30:.0f} GiB",
        "chromium": (browser_version(chromium_path()).split() or ["?", "?"])[1],
        "python": platform.python_version(),
        "node": node,
        "axe": axe_build().version,
        "load": "/".join(f"{x:.1f}" for x in os.getloadavg()),
        "date": dt.date.today().isoformat(),
    }


@dataclasses.dataclass
class Outcome:
    pages: int
    concurrency: int
    site: str
    bare: Run
    audit: Run
    pa11y: Run | None
    pa11y_note: str
    big: Run | None
    machine: dict[str, str]

    @property
    def b_over_a(self) -> float:
        return self.audit.per_minute / self.bare.per_minute

    @property
    def b_over_c(self) -> float | None:
        return self.audit.per_minute / self.pa11y.per_minute if self.pa11y else None

    @property
    def big_pages(self) -> int:
        return self.big.pages + self.big.failed if self.big else 0

    def growth(self, pss: bool = False) -> float:
        if self.big is None:
            return 0.0
        if pss:
            return self.big.peak_pss / self.audit.peak_pss
        return self.big.peak_rss / self.audit.peak_rss


def summary(o: Outcome) -> None:
    print()
    print(
        f"{'':<30}{'pages/min':>10}{'wall s':>8}{'CPU ms/page':>13}{'peak RSS MB':>13}"
        f"{'peak PSS MB':>13}"
    )
    rows = [("(a) navigation + axe", o.bare), ("(b) cx-audit audit", o.audit)]
    if o.pa11y:
        rows.append((f"(c) pa11y-ci (concurrency {o.pa11y.name.split()[-1]})", o.pa11y))
    if o.big:
        rows.append((f"(b) at {o.big_pages} pages", o.big))
    for label, run in rows:
        print(
            f"{label:<30}{run.per_minute:10.1f}{run.seconds:8.1f}{run.cpu_per_page:13.0f}"
            f"{run.peak_rss / MB:13.0f}{run.peak_pss / MB:13.0f}"
        )
    print()
    ok = o.b_over_a >= TARGET_B_OVER_A
    print(f"b/a = {o.b_over_a:.2f} (target >= {TARGET_B_OVER_A}: {verdict(ok)})")
    if o.b_over_c is not None:
        ok = o.b_over_c >= TARGET_B_OVER_C
        print(f"b/c = {o.b_over_c:.2f} (target >= {TARGET_B_OVER_C}: {verdict(ok)})")
    else:
        print(f"b/c: pa11y-ci skipped ({o.pa11y_note})")
    cpu = f"a/b {o.bare.cpu_per_page / o.audit.cpu_per_page:.2f}"
    if o.pa11y:
        cpu += f", c/b {o.pa11y.cpu_per_page / o.audit.cpu_per_page:.2f}"
    print(f"CPU per page (less disturbed by other load on the machine): {cpu}")
    runs = [o.audit, *([o.big] if o.big else [])]
    rss, pss = max(r.peak_rss for r in runs), max(r.peak_pss for r in runs)
    print(
        f"peak memory of (b), target < {TARGET_RSS / MB:.0f} MB: summed RSS {rss / MB:.0f} MB "
        f"({verdict(rss < TARGET_RSS)}), summed PSS {pss / MB:.0f} MB ({verdict(pss < TARGET_RSS)})"
    )
    if o.big:
        print(
            f"memory at {o.big_pages} vs {o.pages} pages, target <= {TARGET_GROWTH}: RSS "
            f"x{o.growth():.2f} ({verdict(o.growth() <= TARGET_GROWTH)}), PSS "
            f"x{o.growth(pss=True):.2f} ({verdict(o.growth(pss=True) <= TARGET_GROWTH)}); "
            f"main process PSS {o.audit.pss_parts.get('main', 0) / MB:.0f} → "
            f"{o.big.pss_parts.get('main', 0) / MB:.0f} MB"
        )


def mb(run: Run | None) -> str:
    return f"{run.peak_rss / MB:.0f} ({run.peak_pss / MB:.0f})" if run else "–"


def record(o: Outcome) -> None:
    """Add this run as a row to the generated section of bench/RESULTS.md."""
    m, c = o.machine, o.pa11y
    big = "–"
    if o.big:
        big = (
            f"{o.big_pages} pages: {o.big.per_minute:.0f} p/min, {mb(o.big)} MB: RSS "
            f"x{o.growth():.2f}, PSS x{o.growth(pss=True):.2f}"
        )
    cells = [
        m["date"],
        f"{m['os']}, {m['cores']} cores, {m['memory']}, Chromium {m['chromium']}, "
        f"Python {m['python']}, Node {m['node'] or '–'}; load {m['load']}",
        str(o.pages),
        str(o.concurrency),
        f"{o.bare.per_minute:.0f}",
        f"{o.audit.per_minute:.0f}",
        f"{c.per_minute:.0f} (conc. {c.name.split()[-1]})" if c else "skipped",
        f"{o.b_over_a:.2f}",
        f"{o.b_over_c:.2f}" if o.b_over_c is not None else "–",
        f"{o.bare.cpu_per_page:.0f} / {o.audit.cpu_per_page:.0f} / "
        + (f"{c.cpu_per_page:.0f}" if c else "–"),
        f"{mb(o.bare)} / {mb(o.audit)} / {mb(c)}",
        big,
    ]
    row = "| " + " | ".join(cells) + " |"
    text = RESULTS.read_text("utf-8")
    rows: list[str] = []
    if START_MARK in text and END_MARK in text:
        before, rest = text.split(START_MARK, 1)
        old, after = rest.split(END_MARK, 1)
        rows = [line for line in old.splitlines() if line.startswith("| 20")]
    else:
        before = (
            text.rstrip("\n") + "\n\n## Throughput and memory (`python -m bench.throughput`)\n\n"
        )
        after = "\n"
    block = "\n".join(
        [
            START_MARK,
            f"Site: {o.site}. (a) navigation + axe-core on a reused page per worker; (b) "
            "`cx-audit audit` with every default check (`focus-visible` is opt-in and stays "
            "off), screenshots, link checks, the search probe, HTML + JSON reports; (c) "
            "pa11y-ci 4.1.1 (axe runner, its own axe-core 4.11.4), the best of concurrency "
            "1, 2 and 4. (a) and (b) at the same concurrency. Pages/min = pages / wall time of "
            "the whole process, start-up included. CPU ms/page = CPU time of the whole process "
            "tree per page (sampled; what throughput converges to when every core is busy, "
            "and less disturbed by other load). Memory = peak of the summed RSS of the "
            "process tree, browser included, sampled every 100 ms, in MB; in brackets the "
            "summed PSS (shared pages split between processes), sampled every second. "
            "Targets: b/a >= 0.75, b/c >= 1.25, peak < 1,500 MB, memory at 1,000 pages <= "
            "1.2 x memory at 200. One row per `--record`.",
            "",
            "| date | machine | pages | conc. | (a) p/min | (b) p/min | (c) p/min | b/a | b/c "
            "| CPU ms/page a / b / c | peak MB a / b / c | (b) on a larger site |",
            "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
            *rows,
            row,
            END_MARK,
        ]
    )
    RESULTS.write_text(before + block + after, "utf-8")
    print(f"recorded in {RESULTS.relative_to(ROOT)}")


# Main --------------------------------------------------------------------------------------


def describe(site: SyntheticSite) -> str:
    s = site.stats
    return (
        f"{s.pages} pages ({s.nl_pages} nl, {s.en_pages} en), "
        f"{s.min_bytes / 1000:.0f}–{s.max_bytes / 1000:.0f} KB (mean "
        f"{s.html_bytes / s.pages / 1000:.0f} KB), {s.min_links}–{s.max_links} links per page "
        f"({s.links} in all: {s.external_links} external, {s.dead_internal} dead internal, "
        f"{s.dead_external} dead external), {s.images} images"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=2, help="of (a) and (b)")
    parser.add_argument("--skip-pa11y", action="store_true")
    parser.add_argument(
        "--memory-pages", type=int, default=0, help="also audit a site this big (e.g. 1000)"
    )
    parser.add_argument("--rounds", type=int, default=1, help="(a) and (b) alternately; best")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--record", action="store_true", help="add the figures to RESULTS.md")
    parser.add_argument(
        "--breakdown", action="store_true", help="also an instrumented (b): where time goes"
    )
    parser.add_argument(
        "--ablations", action="store_true", help="also (b) without one part at a time"
    )
    parser.add_argument("--bare-worker", help=argparse.SUPPRESS)
    parser.add_argument("--gathered", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--breakdown-worker", help=argparse.SUPPRESS)
    parser.add_argument("--output", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.bare_worker:
        urls = Path(args.bare_worker).read_text("utf-8").split()
        found = asyncio.run(bare_loop(urls, args.concurrency, gathered=args.gathered))
        print(json.dumps(found))
        return
    if args.breakdown_worker:
        found = breakdown_worker(
            args.breakdown_worker, args.pages, args.concurrency, Path(args.output)
        )
        print(json.dumps(found))
        return
    info = machine()
    print(
        f"{info['os']}, {info['cores']} cores, {info['memory']}, Chromium {info['chromium']}, "
        f"axe-core {info['axe']}, load {info['load']}"
    )
    began = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="cx-bench-") as tmp:
        work = Path(tmp)
        with serve_site(args.pages, seed=args.seed) as site:
            print(f"site: {describe(site)}", flush=True)
            bares, audits = [], []
            for _ in range(args.rounds):
                bares.append(run_bare(site, args.concurrency, work))
                show(bares[-1])
                audits.append(run_cx_audit(site, args.concurrency, work))
                show(audits[-1])
            bare = max(bares, key=lambda r: r.per_minute)
            audit = max(audits, key=lambda r: r.per_minute)
            pa11y, note = None, "--skip-pa11y"
            if not args.skip_pa11y:
                pa11y, note = best_pa11y(site, work)
                if pa11y is None:
                    print(f"pa11y-ci skipped: {note}")
            site_text = describe(site)
            if args.breakdown:
                run_breakdown(site, args.concurrency, work, bare, audit)
            if args.ablations:
                run_ablations(site, args.concurrency, work, args.rounds)
        big = None
        if args.memory_pages:
            with serve_site(args.memory_pages, seed=args.seed) as large:
                print(f"site: {describe(large)}", flush=True)
                big = run_cx_audit(
                    large, args.concurrency, work, f"(b) cx-audit at {args.memory_pages} pages"
                )
                show(big)
    info["load"] += " → " + "/".join(f"{x:.1f}" for x in os.getloadavg())
    outcome = Outcome(args.pages, args.concurrency, site_text, bare, audit, pa11y, note, big, info)
    summary(outcome)
    print(f"\nbenchmark took {time.perf_counter() - began:.0f} s")
    if args.record:
        record(outcome)


if __name__ == "__main__":
    main()
