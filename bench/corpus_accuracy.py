"""How right cx-audit is on real sites: precision and recall against the corpus truth (a
script, not a test).

`../shared/corpus/` (see its README) holds real public sites as static snapshots, with
hand-written truth per page. For each site this script serves the snapshot on 127.0.0.1 the
way the corpus's own `serve.py` does (`/a` answered from `a.html`, no directory listings),
plus a `/sitemap.xml` that lists the annotated pages so the crawl reaches pages no link leads
to; runs the real CLI on it (`python -m auditor audit … --format json`, every default check);
and compares report.json with the truth, page by page:

- **phones**: the page metric `contact_phones` (the customer lines the page shows, E.164)
  against `phones_shown`; a pair (page, number) is one item;
- **emails**: `contact_emails` against `emails_shown`, the same way;
- **contact route**: the page metric `contact_route` (the page is a contact page, shows the
  organisation's phone or email, or links to its contact page) against `has_contact_route`;
  precision and recall of "has a route", and of "has none" (the pages a check would report);
- **page kind**: the report's `kind` against the truth's; accuracy, and per kind. Also, as
  two coarser figures: the issue's kinds (hub and listing as one, "hub/listing", since no
  check treats them apart), and "help or not" (help-article or faq against the rest: what
  the article-only checks such as `feedback-missing` and `dead-end-task` go by);
- **dates**: the metrics `published` and `last_updated` whose source is a date the page
  shows (`published_source` / `last_updated_source`: visible text or a `<time>` element)
  against `published` / `updated` (days shown to readers); a pair (page, field, day) is one
  item. Dates the truth records but the site's own stylesheet hides (`HIDDEN_DATES`) are
  optional: right when found, not missed when not; the script says which.

Pages of the truth that the audit did not reach are listed as missed and count against
recall only where the truth has something to find there (a missed page has no kind).
Redirect stubs (a page whose final URL is another page) are listed and not scored: the
audit read the page they lead to, which the truth describes under its own key. Prints a
table per site and in total; `--json FILE` also writes the figures and every mismatch, and
`--verbose` prints the mismatches.

    .venv/bin/python -m bench.corpus_accuracy [--corpus ../shared/corpus] [--site NAME ...]
        [--verbose] [--json FILE]
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import datetime as dt
import http.server
import importlib.util
import json
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
TARGETS = {"phones": 0.95, "emails": 0.95, "route": 0.95, "kind": 0.90, "dates": 0.90}
FIELDS = ("phones", "emails", "route", "no_route", "kind", "kind_coarse", "help", "dates")
HELP_KINDS = ("help-article", "faq")  # the kinds the article-only checks run on
# The truth's dates are the ones shown to readers; cx-audit's metrics say where each date
# came from, and only dates read from what the page shows are scored (a date only in the
# markup, such as a static site generator's build time, is no "shown" date).
SHOWN_SOURCES = ("visible-text", "time-element")
# Where the corpus records dates that the site's own stylesheet hides (the README lets a
# consumer decide whether its detector should count them): optional (a date found is right,
# one not found is not missed), and why.
HIDDEN_DATES = {
    "algoritmekader": "its revision dates sit in .md-source-file, which the site's own "
    "stylesheets/extra.css hides (display: none): no reader sees them",
}


@dataclasses.dataclass
class Score:
    """Counts for precision and recall of one measure."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    mistakes: list[str] = dataclasses.field(default_factory=list)

    def add(self, found: set[Any], truth: set[Any], where: str) -> None:
        self.tp += len(found & truth)
        self.fp += len(found - truth)
        self.fn += len(truth - found)
        for item in sorted(found - truth, key=str):
            self.mistakes.append(f"{where}: found {item} (not in the truth)")
        for item in sorted(truth - found, key=str):
            self.mistakes.append(f"{where}: missed {item}")

    def __iadd__(self, other: Score) -> Score:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.mistakes.extend(other.mistakes)
        return self

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None


@dataclasses.dataclass
class SiteScore:
    name: str
    annotated: int = 0
    audited: int = 0
    missed_pages: list[str] = dataclasses.field(default_factory=list)
    redirected: list[str] = dataclasses.field(default_factory=list)
    confusion: dict[tuple[str, str], int] = dataclasses.field(default_factory=dict)
    phones: Score = dataclasses.field(default_factory=Score)
    emails: Score = dataclasses.field(default_factory=Score)
    route: Score = dataclasses.field(default_factory=Score)  # "has a route"
    no_route: Score = dataclasses.field(default_factory=Score)  # "has none"
    kind: Score = dataclasses.field(default_factory=Score)  # (page, kind) pairs: P = R = acc
    kind_coarse: Score = dataclasses.field(default_factory=Score)  # hub and listing as one
    help: Score = dataclasses.field(default_factory=Score)  # help-article/faq: P and R
    dates: Score = dataclasses.field(default_factory=Score)
    kinds: dict[str, Score] = dataclasses.field(default_factory=dict)

    def merge(self, other: SiteScore) -> None:
        self.annotated += other.annotated
        self.audited += other.audited
        self.missed_pages += [f"{other.name}{p}" for p in other.missed_pages]
        self.redirected += [f"{other.name}{p}" for p in other.redirected]
        for pair, count in other.confusion.items():
            self.confusion[pair] = self.confusion.get(pair, 0) + count
        for field in FIELDS:
            getattr(self, field).__iadd__(getattr(other, field))
        for kind, score in other.kinds.items():
            self.kinds.setdefault(kind, Score()).__iadd__(score)


def _corpus_handler(corpus: Path) -> type[http.server.SimpleHTTPRequestHandler]:
    """The corpus's own request handler (serve.py), so the sites are served as documented."""
    spec = importlib.util.spec_from_file_location("corpus_serve", corpus / "serve.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    handler: type[http.server.SimpleHTTPRequestHandler] = module.Handler
    return handler


@contextlib.contextmanager
def serve(corpus: Path, name: str, paths: Sequence[str]) -> Iterator[str]:
    """Serves one site on 127.0.0.1 with a /sitemap.xml of `paths`; yields the base URL."""
    base_handler = _corpus_handler(corpus)
    root = corpus / "sites" / name
    holder: dict[str, str] = {}

    class Handler(base_handler):  # type: ignore[misc, valid-type]
        def do_GET(self) -> None:
            if self.path.split("?")[0] == "/sitemap.xml":
                urls = "".join(f"<url><loc>{escape(holder['base'] + p)}</loc></url>" for p in paths)
                body = (
                    '<?xml version="1.0" encoding="UTF-8"?>'
                    f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
                ).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/xml")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                return
            super().do_GET()

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), lambda *a, **k: Handler(*a, directory=str(root), **k)
    )
    holder["base"] = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield holder["base"]
    finally:
        server.shutdown()
        server.server_close()


def audit(base: str, output: Path, pages: int) -> dict[str, Any]:
    run = subprocess.run(
        [
            sys.executable, "-m", "auditor", "audit", base + "/",
            "--output", str(output), "--format", "json", "--fail-on", "never", "--quiet",
            "--no-history", "--no-screenshots", "--no-external",
            "--max-pages", str(pages * 2 + 20), "--max-depth", "10", "--rate-limit", "50",
            "--now", dt.date.today().isoformat(),
        ],
        capture_output=True, text=True, check=False, cwd=ROOT, timeout=1800,
    )  # fmt: skip
    if run.returncode != 0:
        raise SystemExit(f"the audit of {base} failed ({run.returncode}): {run.stderr[-2000:]}")
    report: dict[str, Any] = json.loads((output / "report.json").read_text("utf-8"))
    return report


def _moved(page: dict[str, Any], path: str) -> bool:
    final = urlsplit(page["final_url"]).path or "/"
    return final not in (path, path.rstrip("/") + "/", path + ".html")


def _split(value: Any) -> set[str]:
    return {v.strip() for v in str(value or "").split(",") if v.strip()}


def score_site(name: str, truth: dict[str, Any], report: dict[str, Any]) -> SiteScore:
    score = SiteScore(name, annotated=len(truth["pages"]))
    by_path: dict[str, dict[str, Any]] = {}
    moved = {
        urlsplit(s["url"]).path
        for s in report["site"].get("skipped", [])
        if s["reason"].startswith(("redirects to a page already audited", "redirects off-site"))
    }
    for page in report["pages"]:
        for url in (page["url"], page["final_url"]):
            by_path.setdefault(urlsplit(url).path or "/", page)
    for path, expected in truth["pages"].items():
        page = by_path.get(path) or by_path.get(path.rstrip("/") + "/")
        where = f"{name}{path}"
        if (page is None and path in moved) or (page is not None and _moved(page, path)):
            # A redirect stub (HTTP, meta refresh or script): the audit read the page it
            # leads to, which the truth describes under its own key.
            score.redirected.append(path)
            continue
        if page is None or page.get("error"):
            score.missed_pages.append(path)
            page = {"kind": None, "metrics": {}}
        else:
            score.audited += 1
        metrics = page.get("metrics") or {}
        score.phones.add(
            _split(metrics.get("contact_phones")), set(expected["phones_shown"]), where
        )
        emails = {e.lower() for e in expected["emails_shown"]}
        score.emails.add(_split(metrics.get("contact_emails")), emails, where)
        route = metrics.get("contact_route") not in (None, "", "none")
        if page["kind"] is not None:
            has = expected["has_contact_route"]
            score.route.add({"route"} if route else set(), {"route"} if has else set(), where)
            score.no_route.add(
                set() if route else {"no route"}, set() if has else {"no route"}, where
            )
            found_kind, true_kind = page["kind"], expected["kind"]
            score.kind.add({found_kind}, {true_kind}, where)
            score.kind_coarse.add({_coarse(found_kind)}, {_coarse(true_kind)}, where)
            score.help.add(
                {"help"} if found_kind in HELP_KINDS else set(),
                {"help"} if true_kind in HELP_KINDS else set(),
                where,
            )
            pair = (true_kind, found_kind)
            score.confusion[pair] = score.confusion.get(pair, 0) + 1
            for kind in {found_kind, true_kind}:
                score.kinds.setdefault(kind, Score()).add(
                    {kind} if found_kind == kind else set(),
                    {kind} if true_kind == kind else set(),
                    where,
                )
        found_dates = {
            (field, metrics[key])
            for field, key in (("published", "published"), ("updated", "last_updated"))
            if metrics.get(key) and metrics.get(f"{key}_source") in SHOWN_SOURCES
        }
        true_dates = {(f, expected[f]) for f in ("published", "updated") if expected.get(f)}
        if name in HIDDEN_DATES:  # optional: right when found, not missed when not
            true_dates &= found_dates
        score.dates.add(found_dates, true_dates, where)
    return score


def _coarse(kind: str) -> str:
    return "hub/listing" if kind in ("hub", "listing") else kind


def _pct(value: float | None) -> str:
    return "   –  " if value is None else f"{value * 100:5.1f}%"


def table(scores: Sequence[SiteScore]) -> str:
    head = (
        f"{'site':16} {'pages':>9}  {'phones P/R':>15}  {'emails P/R':>15}  "
        f"{'route P/R':>15}  {'no-route P/R':>15}  {'kind acc':>8}  {'dates P/R':>15}"
    )
    lines = [head, "-" * len(head)]
    for s in scores:
        lines.append(
            f"{s.name:16} {s.audited:>4}/{s.annotated:<4}  "
            + "  ".join(
                f"{_pct(m.precision)} {_pct(m.recall)}"
                for m in (s.phones, s.emails, s.route, s.no_route)
            )
            + f"  {_pct(s.kind.precision):>8}  {_pct(s.dates.precision)} {_pct(s.dates.recall)}"
        )
    return "\n".join(lines)


def kind_table(total: SiteScore) -> str:
    lines = [f"{'kind':14} {'P':>6} {'R':>6}  (found/true)  true kind found as"]
    for kind, s in sorted(total.kinds.items()):
        found_as = ", ".join(
            f"{found} {n}"
            for (true, found), n in sorted(total.confusion.items(), key=lambda kv: -kv[1])
            if true == kind and found != kind
        )
        lines.append(
            f"{kind:14} {_pct(s.precision)} {_pct(s.recall)}  ({s.tp + s.fp}/{s.tp + s.fn})"
            f"  {found_as}"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else "")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--site", action="append", default=[], help="only these sites")
    parser.add_argument("--verbose", action="store_true", help="print every mismatch")
    parser.add_argument("--json", type=Path, help="write the figures and mismatches here")
    args = parser.parse_args(argv)
    truth_dir = args.corpus / "truth"
    if not truth_dir.is_dir():
        print(f"No corpus at {args.corpus}: pass --corpus PATH (../shared/corpus)")
        return 2
    names = args.site or sorted(p.stem for p in truth_dir.glob("*.json"))
    scores: list[SiteScore] = []
    with tempfile.TemporaryDirectory(prefix="cx-corpus-") as tmp:
        for name in names:
            truth = json.loads((truth_dir / f"{name}.json").read_text("utf-8"))
            with serve(args.corpus, name, list(truth["pages"])) as base:
                report = audit(base, Path(tmp) / name, len(truth["pages"]))
            scores.append(score_site(name, truth, report))
            print(f"{name}: {scores[-1].audited}/{scores[-1].annotated} annotated pages audited",
                  file=sys.stderr, flush=True)  # fmt: skip
    total = SiteScore("total")
    for s in scores:
        total.merge(s)
    print(table([*scores, total]))
    print()
    print(kind_table(total))
    print(
        f"\nkind accuracy {_pct(total.kind.precision)}; the issue's kinds (hub/listing as one) "
        f"{_pct(total.kind_coarse.precision)}; help or not (help-article/faq): precision "
        f"{_pct(total.help.precision)}, recall {_pct(total.help.recall)}"
    )
    print()
    for measure, target in TARGETS.items():
        s = getattr(total, measure)
        low = [v for v in (s.precision, s.recall) if v is not None and v < target]
        print(f"{measure:7} target {target:.0%}: {'met' if not low else 'NOT met'}")
    if total.missed_pages:
        print(f"\nNot audited: {', '.join(total.missed_pages)}")
    if total.redirected:
        print(f"\nRedirects, not scored: {', '.join(total.redirected)}")
    for name in set(names) & set(HIDDEN_DATES):
        print(f"\nDates of {name} optional: {HIDDEN_DATES[name]}")
    if args.verbose:
        for field in FIELDS:
            mistakes = getattr(total, field).mistakes
            if mistakes and field not in ("no_route", "kind_coarse"):
                print(f"\n## {field} ({len(mistakes)})")
                print("\n".join(mistakes))
    if args.json:
        figures = {
            s.name: {
                f: {"precision": getattr(s, f).precision, "recall": getattr(s, f).recall,
                    "mistakes": getattr(s, f).mistakes}
                for f in FIELDS
            } | {"audited": s.audited, "annotated": s.annotated, "missed": s.missed_pages,
                 "redirected": s.redirected}
            for s in [*scores, total]
        }  # fmt: skip
        args.json.write_text(json.dumps(figures, indent=2), "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
