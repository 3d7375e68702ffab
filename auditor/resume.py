"""Keeping a running audit in the history store, page by page, and resuming it (`--resume`).

While the crawl runs, every URL it finishes is committed with its page result, findings and
what a resume needs to rebuild the audit as if it had never stopped (`PageRecord.state`):

- `summary`: the PageSummary (facts, links) that site checks read and the frontier replays;
- `errors`, `suppressed`, `document`: the page's errors, suppressed findings and whether a
  PDF was read (the `max_documents` budget);
- `tally`: `[check id, axe outcome or null]` per check that counted for the conformance
  table; axe outcomes are rule ids per result, their tags stored once per run (`tags`);
- `search`: what the search probe's plan took from the page (`SearchPlan.observe`);
- `skipped`: why the URL was not audited after all (it redirected off-site, or to a page
  already audited; no page, nothing else). Runs stored before this key have `off_site`,
  the URL it redirected to off-site.

A resume restores these in the order they were committed, replays the frontier (start URLs
and sitemaps are read again; the links of finished pages are added with their depths and the
finished URLs are taken out) and audits only what is left. The logged-in portal is audited
afresh: its pages are stored (masked) but not restored.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any, Self

from auditor import __version__
from auditor.axe_core import axe_build
from auditor.config import AuditConfig
from auditor.model import Finding, Link, PageResult, PageSummary, utcnow
from auditor.store import Crawled, Run, Store, StoreError, site_key

AXE_RESULTS = ("passes", "violations", "incomplete", "inapplicable")

# Settings that do not change what an audit finds: a resume may use other values.
MAY_DIFFER = frozenset(
    {
        "output",
        "formats",
        "fail_on",
        "concurrency",
        "timeout",
        "rate_limit",
        "report_lang",
        "quiet",
        "pdf",
        "history",
        "history_file",
        "browser",
        "baseline",
        "baseline_fingerprints",
        "max_issues",
        "resume",
    }
)


class ResumeError(ValueError):
    """There is nothing to resume, or not with these settings; one line for the user."""


@dataclasses.dataclass
class PageRecord:
    """What the store keeps of one URL the crawl finished (see the module docstring)."""

    url: str
    depth: int
    part: str  # "site" or "portal"
    page: PageResult | None
    findings: list[Finding]
    state: dict[str, Any]


@dataclasses.dataclass(frozen=True)
class Restored:
    """What an unfinished run had gathered, for `Audit` to take up again."""

    run_id: int
    crawled: list[Crawled]
    findings: dict[str, list[Finding]]  # by crawled URL
    screenshots: dict[str, str]

    @property
    def tags(self) -> dict[str, list[str]]:
        """The axe rules' tags, stored once per run with the first page that had them."""
        return {rule: tags for c in self.crawled for rule, tags in c.state.get("tags", {}).items()}


def tool() -> dict[str, str]:
    """The versions that decide what an audit finds (Chromium is known only later)."""
    return {"name": "cx-audit", "version": __version__, "axe_core": axe_build().version}


class Recorder:
    """Streams one audit into the history store: a new run, or the unfinished one it resumes.

    Opened before the crawl (so a --resume that cannot be taken up stops the audit before it
    starts; without --resume, a history file that cannot be opened only costs the history,
    see `cli.open_recorder`) and used from the event loop's thread only.
    """

    def __init__(self, store: Store, run: Run, *, resumed: bool) -> None:
        self.store = store
        self.run_id = run.id
        self.started_at: datetime = run.started_at
        self.resumed = resumed
        self.tags_stored: set[str] = set()
        self.failed = ""  # why streaming stopped (the history file could not be written)
        self._pages = 0

    @classmethod
    def open(cls, path: Path, config: AuditConfig) -> Self:
        """Starts a run, or with `config.resume` reopens the latest unfinished one of the
        site. Raises StoreError / ResumeError (one line)."""
        site = site_key(config.start_urls)
        nothing = ResumeError(
            f"--resume: no unfinished audit of {site} in {path}; run it without --resume"
        )
        if config.resume and not path.exists():
            raise nothing
        path.parent.mkdir(parents=True, exist_ok=True)
        store = Store(path)
        try:
            if not config.resume:
                started = utcnow()
                run_id = store.start_run(site, started, tool(), config.to_dict())
                run = store.run(run_id)
                assert run is not None
                return cls(store, run, resumed=False)
            run = store.latest_unfinished_run(site)
            if run is None:
                raise nothing
            check_resumable(run, config)
            store.reopen_run(run.id)
            return cls(store, run, resumed=True)
        except BaseException:
            store.close()
            raise

    def restore(self) -> Restored:
        crawled = self.store.crawled(self.run_id)
        restored = Restored(
            self.run_id,
            crawled,
            self.store.streamed_findings(self.run_id),
            self.store.screenshots(self.run_id),
        )
        self.tags_stored = set(restored.tags)
        self._pages = len(crawled)
        return restored

    def keep(self, record: PageRecord, screenshots: Mapping[str, str]) -> None:
        """Commits one finished URL. A history file that cannot be written stops the
        streaming, not the audit (`failed` says why)."""
        if self.failed:
            return
        crawled = Crawled(record.url, record.depth, record.part, record.state, record.page)
        try:
            self.store.add_crawled(self.run_id, crawled, record.findings, screenshots)
        except StoreError as exc:
            self.failed = str(exc)
            return
        self._pages += 1

    def new_tags(self, tags: Mapping[str, list[str]]) -> dict[str, list[str]]:
        """The axe rules' tags not stored for this run yet (they are the same on every page)."""
        fresh = {rule: t for rule, t in tags.items() if t and rule not in self.tags_stored}
        self.tags_stored.update(fresh)
        return fresh

    def abandon(self) -> None:
        """The audit stopped before it began: a new run with nothing in it is removed."""
        if not self.resumed and self._pages == 0:
            self.store.discard_run(self.run_id)

    def close(self) -> None:
        self.store.close()


def check_resumable(run: Run, config: AuditConfig) -> None:
    """Refuses a run made by another engine or with settings that change the findings."""
    for key, now in tool().items():
        before = run.tool.get(key)
        if key != "name" and before != now:
            raise ResumeError(
                f"--resume: run {run.id} was made with {key.replace('_', '-')} {before}, this is "
                f"{now}; audit afresh without --resume"
            )
    current = json.loads(json.dumps(config.to_dict(), default=str))
    for key in sorted((set(run.config) | set(current)) - MAY_DIFFER):
        before, now = run.config.get(key), current.get(key)
        if before != now:
            raise ResumeError(
                f"--resume: the setting {key} was {_short(before)} in run {run.id}, now "
                f"{_short(now)}; resume with the same settings or audit afresh without --resume"
            )


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "..."


# -- what a page's state holds -------------------------------------------------------------


def summary_state(summary: PageSummary) -> dict[str, Any]:
    data = {f.name: getattr(summary, f.name) for f in dataclasses.fields(summary)}
    data["links"] = [link.to_dict() for link in summary.links]
    data["external"] = [link.to_dict() for link in summary.external]
    data["anchors"] = sorted(summary.anchors)
    return data


def summary_from_state(data: Mapping[str, Any]) -> PageSummary:
    return PageSummary(
        **{
            **data,
            "links": tuple(Link.from_dict(link) for link in data["links"]),
            "external": tuple(Link.from_dict(link) for link in data["external"]),
            "images": tuple(data["images"]),
            "anchors": frozenset(data["anchors"]),
            "redirects": tuple(data["redirects"]),
        }
    )


def axe_outcome(axe: Mapping[str, Any]) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """(rule ids per axe result, tags per rule) of one page's axe results."""
    outcome: dict[str, list[str]] = {}
    tags: dict[str, list[str]] = {}
    for key in AXE_RESULTS:
        ids = outcome.setdefault(key, [])
        for entry in axe.get(key) or ():
            if isinstance(entry, str):
                ids.append(entry)
            else:
                ids.append(str(entry["id"]))
                tags.setdefault(str(entry["id"]), list(entry.get("tags") or ()))
    return outcome, tags


def axe_results(outcome: Mapping[str, Iterable[str]], tags: Mapping[str, list[str]]) -> dict:
    """The axe results `RuleTally.add_axe` reads, back from `axe_outcome`."""
    return {
        key: [{"id": rule, "tags": tags[rule]} if rule in tags else rule for rule in ids]
        for key, ids in outcome.items()
    }
