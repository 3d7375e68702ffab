"""Run-over-run history: what is new, fixed and unchanged since the previous audit of a site.

`compare_with_history` reads what the reports show, `record` keeps the audit in the history
store (auditor/store.py) afterwards; `record_and_compare` does both. The result's `history`:

```
{"previous": {"run": 7, "started_at": "2026-01-05T09:30:00+00:00", "scores": {pitfall: n}},
 "new": [summary], "fixed": [summary], "not_rechecked": [summary], "newly_audited": [summary],
 "unchanged": [issue id],
 "trend": [{"run": 7, "started_at": …, "scores": {pitfall: 0-100 or null}}, …]}
```
A summary is `{"id", "check_id", "pitfall", "severity", "title", "page_count"}`. Without a
previous finished run of the same site (`store.site_key`) the history has only `trend`, with
this run as its one point. The trend holds up to the last 10 finished runs, oldest first, this
run last (also when it was interrupted). Interrupted runs are never a "previous" run.

What the lists mean:
- Issues match by `Issue.id`, a hash of the issue's group key (check id + element signature
  or evidence), which stays the same from run to run while the element does. An issue that
  was fixed and came back between two audits (the same element) is therefore "unchanged": the
  history compares audits, not what happened between them (one fixed in one audit and back
  in the next is "fixed", then "new" again). An element whose signature
  changed (a new class, another text) shows as one fixed and one new issue.
- "fixed" needs evidence: a previous issue that is gone counts as fixed only when this run
  could have found it again, i.e. its check ran and at least one of the pages it was on was
  audited (loaded, status below 400). Otherwise (a --max-pages cut, another --select, a page
  that failed this time) it is "not_rechecked", not fixed. Site checks are judged the same
  way: their findings name the pages they are about (`contact-page-linked`) or the start page
  (`no-phone-anywhere`), which every run audits.
- The same holds the other way round: an issue found only on pages the previous run did not
  audit may be old, so it is "newly_audited", not "new".
- "new", "unchanged" and "newly_audited" follow this run's issue order (priority); "fixed"
  and "not_rechecked" the previous run's.
"""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from auditor.model import AuditResult, Issue, PageResult
from auditor.scores import result_scores
from auditor.store import Run, Store, StoredIssue, StoreError, site_key
from auditor.urls import normalize_url

TREND_LENGTH = 10


def audited_urls(pages: Iterable[PageResult]) -> set[str]:
    """The normalised URLs (requested and final) of the pages whose checks ran."""
    urls: set[str] = set()
    for page in pages:
        if page.error or (page.status or 0) >= 400:
            continue
        for url in (page.url, page.final_url):
            normalized = normalize_url(url) if url else None
            if normalized:
                urls.add(normalized)
    return urls


def _seen(urls: Iterable[str], audited: set[str]) -> bool:
    """Could a run that audited `audited` have found an issue on `urls`?"""
    return any(normalize_url(url) in audited for url in urls)


def _urls(issue: Issue, current: AuditResult) -> tuple[str, ...]:
    fingerprints = set(issue.fingerprints)
    urls = [f.url for f in current.findings if f.fingerprint in fingerprints]
    return tuple(dict.fromkeys(urls)) or tuple(issue.example_urls)


def compare(
    current: AuditResult,
    previous_issues: Sequence[StoredIssue],
    previous_scores: Mapping[str, int | None],
    previous_date: datetime,
    *,
    previous_run: int | None = None,
    previous_urls: set[str] | None = None,
) -> dict[str, Any]:
    """The comparison of `current` with the previous run (everything but the trend).

    `previous_urls` are the normalised URLs the previous run audited (`audited_urls`); when
    None, no current issue is held back as "newly_audited".
    """
    ran = {c.id for c in current.checks}

    def check_ran(check_id: str) -> bool:  # "axe/label" is a finding of check "axe"
        return check_id in ran or check_id.split("/", 1)[0] in ran

    audited = audited_urls(current.pages)
    before = {issue.id: issue for issue in previous_issues}
    now = {issue.id for issue in current.issues}

    new, newly_audited, unchanged = [], [], []
    for issue in current.issues:
        if issue.id in before:
            unchanged.append(issue.id)
            continue
        stored = StoredIssue.of(issue, _urls(issue, current))
        if previous_urls is None or _seen(stored.urls, previous_urls):
            new.append(stored.summary())
        else:
            newly_audited.append(stored.summary())

    fixed, not_rechecked = [], []
    for old in previous_issues:
        if old.id in now:
            continue
        rechecked = check_ran(old.check_id) and _seen(old.urls, audited)
        (fixed if rechecked else not_rechecked).append(old.summary())

    previous: dict[str, Any] = {
        "started_at": previous_date.isoformat(),
        "scores": dict(previous_scores),
    }
    if previous_run is not None:
        previous["run"] = previous_run
    return {
        "previous": previous,
        "new": new,
        "fixed": fixed,
        "not_rechecked": not_rechecked,
        "newly_audited": newly_audited,
        "unchanged": unchanged,
    }


def _point(run: Run) -> dict[str, Any]:
    return {"run": run.id, "started_at": run.started_at.isoformat(), "scores": dict(run.scores)}


def compare_with_history(path: Path, result: AuditResult, run_id: int) -> AuditResult:
    """`result` with its `history`, read from the store at `path` without writing to it:
    exactly what `record_and_compare` returns once run `run_id` (already in the store: the
    audit streamed into it) is recorded, so the reports can be written before the store is.

    Raises StoreError (a ValueError, one line) when the file cannot be used.
    """
    site = site_key(result)
    try:
        with Store(path) as store:
            this = store.run(run_id)
            if this is None:
                raise StoreError(f"{path} has no run {run_id} to compare with")
            history: dict[str, Any] = {}
            previous = store.previous_run(site, run_id)
            if previous is not None:
                history = compare(
                    result,
                    store.issues(previous.id),
                    previous.scores,
                    previous.started_at,
                    previous_run=previous.id,
                    previous_urls=audited_urls(store.page_results(previous.id)),
                )
            earlier = store.finished_runs_before(site, run_id, TREND_LENGTH - 1)
            point = _point(dataclasses.replace(this, scores=_scores(result)))
            history["trend"] = [*(_point(run) for run in reversed(earlier)), point]
    except sqlite3.Error as exc:
        raise StoreError(f"cannot use the history file {path}: {exc}") from None
    return dataclasses.replace(result, history=history)


def record(path: Path, result: AuditResult, run_id: int | None = None) -> int:
    """Keeps `result` in the history store at `path`: finishes run `run_id` (the run the
    audit streamed its pages into, auditor/resume.py), or records a new run; returns its id.

    Raises StoreError (a ValueError, one line) when the file cannot be written.
    """
    try:
        with Store(path) as store:
            if run_id is None:
                run_id = store.start_run(
                    site_key(result), result.started_at, result.tool, result.config
                )
            store.finish_run(run_id, result, _scores(result))
    except sqlite3.Error as exc:
        raise StoreError(f"cannot write the history file {path}: {exc}") from None
    return run_id


def record_and_compare(path: Path, result: AuditResult, run_id: int | None = None) -> AuditResult:
    """`record`, then `compare_with_history`: the result with its `history`."""
    return compare_with_history(path, result, record(path, result, run_id))


def _scores(result: AuditResult) -> dict[str, int | None]:
    return {pitfall.value: score for pitfall, score in result_scores(result).items()}
