"""Streaming an audit into the history store and resuming it: the store's schema 2 (and the
migration of schema 1 files), the per-URL rows, what a resume restores, and the refusals."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from pathlib import Path

import pytest

from auditor.config import AuditConfig, ConfigError
from auditor.conformance import RuleTally
from auditor.crawl import Frontier
from auditor.history import record_and_compare
from auditor.model import PageSummary
from auditor.resume import (
    PageRecord,
    Recorder,
    ResumeError,
    axe_outcome,
    axe_results,
    check_resumable,
    summary_from_state,
    summary_state,
    tool,
)
from auditor.search_probe import SearchPlan
from auditor.store import APPLICATION_ID, SCHEMA, SCHEMA_VERSION, Crawled, Store
from auditor.testing import make_page
from tests.sample_result import CONTACT, HOME, METER, SITE, _axe_result, sample_result

SCORES = {"accessibility": 80}


def crawled(url: str, part: str = "site", **state: object) -> Crawled:
    return Crawled(
        url, 1, part, dict(state), next(p for p in sample_result().pages if p.url == url)
    )


def findings_on(url: str) -> list:
    return [f for f in sample_result().findings if f.url == url]


def test_a_schema_1_file_is_migrated_and_keeps_its_runs(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite"
    old = sqlite3.connect(path, isolation_level=None)
    for statement in SCHEMA.split(";"):
        if statement.strip():
            old.execute(statement)
    old.execute(f"PRAGMA application_id={APPLICATION_ID}")
    old.execute("PRAGMA user_version=1")
    old.execute(
        "INSERT INTO runs (site, started_at, state, tool, config) VALUES "
        "(?, '2026-01-05T09:30:00.000000+00:00', 'finished', '{}', '{}')",
        (SITE,),
    )
    old.execute(
        "INSERT INTO findings (run_id, url, fingerprint, check_id, json) VALUES "
        "(1, ?, 'fp', 'axe/x', ?)",
        (HOME, json.dumps(findings_on(HOME)[0].to_dict())),
    )
    old.close()
    with Store(path) as store:
        assert store._db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 2
        assert [r.id for r in store.runs(SITE)] == [1]
        assert store.findings(1) == findings_on(HOME)[:1]
        run_id = store.start_run(SITE, sample_result().started_at, {}, {})
        store.add_crawled(run_id, crawled(HOME), findings_on(HOME))
        assert store.finished_urls(run_id) == {HOME}
    with Store(path) as again:  # a migrated file opens as it is
        assert again.crawled(run_id)[0].url == HOME


def test_crawled_urls_stream_with_findings_state_and_screenshots(tmp_path: Path) -> None:
    with Store(tmp_path / "h.sqlite") as store:
        run_id = store.start_run(SITE, sample_result().started_at, {}, {})
        store.add_crawled(run_id, crawled(HOME, summary={"a": 1}), findings_on(HOME), {"k": "png"})
        store.add_crawled(run_id, Crawled(f"{SITE}/weg", 1, "site", {"off_site": "x"}, None))
        store.add_crawled(run_id, crawled(METER), findings_on(METER))
        store.add_crawled(run_id, crawled(METER), findings_on(METER)[:1])  # redone: replaced
        rows = store.crawled(run_id)
        assert [r.url for r in rows] == [HOME, f"{SITE}/weg", METER]
        assert rows[0].state == {"summary": {"a": 1}} and rows[0].page.url == HOME  # type: ignore[union-attr]
        assert rows[1].page is None
        assert store.streamed_findings(run_id) == {
            HOME: findings_on(HOME),
            METER: findings_on(METER)[:1],
        }
        assert store.screenshots(run_id) == {"k": "png"}


def test_an_interrupted_run_keeps_what_it_streamed_and_a_finished_one_the_result(
    tmp_path: Path,
) -> None:
    result = sample_result()
    with Store(tmp_path / "h.sqlite") as store:
        run_id = store.start_run(SITE, result.started_at, {}, {})
        store.add_crawled(run_id, crawled(HOME), findings_on(HOME), {"k": "png"})
        store.finish_run(run_id, dataclasses.replace(result, interrupted=True), SCORES)
        assert store.run(run_id).state == "interrupted"  # type: ignore[union-attr]
        assert [r.url for r in store.crawled(run_id)] == [HOME]
        assert store.findings(run_id) == findings_on(HOME)
        assert store.issues(run_id)  # the report's issues are kept for the history

        store.reopen_run(run_id)
        assert store.latest_unfinished_run(SITE).state == "running"  # type: ignore[union-attr]
        assert store.issues(run_id) == []
        store.finish_run(run_id, result, SCORES)
        assert store.run(run_id).state == "finished"  # type: ignore[union-attr]
        assert store.crawled(run_id) == [] and store.screenshots(run_id) == {}
        assert store.findings(run_id) == list(result.findings)


def test_reopening_drops_the_portal_part(tmp_path: Path) -> None:
    with Store(tmp_path / "h.sqlite") as store:
        run_id = store.start_run(SITE, sample_result().started_at, {}, {})
        store.add_crawled(run_id, crawled(HOME), findings_on(HOME))
        store.add_crawled(run_id, crawled(CONTACT, part="portal"), findings_on(CONTACT))
        store.reopen_run(run_id)
        assert [r.url for r in store.crawled(run_id)] == [HOME]
        assert store.crawled(run_id, "portal") == []
        assert store.finished_urls(run_id) == {HOME}
        assert list(store.streamed_findings(run_id)) == [HOME]


def config(**changes: object) -> AuditConfig:
    return AuditConfig(**{"start_urls": (HOME,), **changes})  # type: ignore[arg-type]


def test_the_recorder_resumes_the_latest_unfinished_run_with_the_same_settings(
    tmp_path: Path,
) -> None:
    path = tmp_path / "history.sqlite"
    with pytest.raises(ResumeError, match=r"no unfinished audit of https://www\.energie"):
        Recorder.open(path, config(resume=True))
    assert not path.exists()
    first = Recorder.open(path, config(max_pages=40))
    first.keep(PageRecord(HOME, 0, "site", crawled(HOME).page, findings_on(HOME), {}), {})
    first.close()
    with pytest.raises(ResumeError, match=r"no unfinished audit of https://elders\.nl"):
        Recorder.open(path, config(resume=True, start_urls=("https://elders.nl/",)))
    with pytest.raises(ResumeError, match="the setting max_pages was 40 in run 1, now 20"):
        Recorder.open(path, config(max_pages=20, resume=True))
    again = Recorder.open(path, config(max_pages=40, concurrency=4, resume=True))
    assert again.resumed and again.run_id == first.run_id
    assert [c.url for c in again.restore().crawled] == [HOME]
    again.close()


def test_a_run_that_never_got_going_is_removed(tmp_path: Path) -> None:
    recorder = Recorder.open(tmp_path / "h.sqlite", config())
    recorder.abandon()
    assert recorder.store.runs(SITE) == []
    recorder.close()


def test_another_engine_cannot_resume(tmp_path: Path) -> None:
    with Store(tmp_path / "h.sqlite") as store:
        older_axe = {**tool(), "axe_core": "3.0.0"}
        run_id = store.start_run(SITE, sample_result().started_at, older_axe, config().to_dict())
        run = store.run(run_id)
    assert run is not None
    with pytest.raises(ResumeError, match=r"was made with axe-core 3\.0\.0, this is 4\."):
        check_resumable(run, config())


def test_resume_needs_the_history() -> None:
    with pytest.raises(ConfigError, match="drop --no-history"):
        config(resume=True, history=False)


def test_the_streamed_run_is_finished_with_the_history_comparison(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite"
    result = sample_result()
    recorder = Recorder.open(path, config())
    recorder.close()
    compared = record_and_compare(path, result, recorder.run_id)
    assert [p["run"] for p in compared.history["trend"]] == [recorder.run_id]
    with Store(path) as store:
        assert [r.state for r in store.runs(SITE)] == ["finished"]


# -- what a page's state holds ---------------------------------------------------------------

PAGE = make_page(
    '<html lang="nl"><title>Hulp</title><main><h1>Meterstand</h1><h2>Zo werkt het</h2>'
    '<p id="x">Tekst.</p><a href="/b">B</a><a href="https://elders.nl/">E</a>'
    '<form action="/zoeken"><input type="search" name="q"></form></main></html>',
    HOME,
)


def test_a_page_summary_round_trips() -> None:
    summary = PageSummary.of(PAGE, {"contact": {"phones": ["088 123"]}})
    assert summary_from_state(summary_state(summary)) == summary


def test_the_conformance_tally_is_rebuilt_from_rule_ids_and_tags_stored_once() -> None:
    pages = {HOME: _axe_result(violations=["image-alt"]), METER: _axe_result()}
    direct, rebuilt, tags = RuleTally(), RuleTally(), {}
    stored = []
    for url, axe in pages.items():
        direct.add_axe(url, axe)
        outcome, page_tags = axe_outcome(axe)
        stored.append((url, outcome))
        tags.update(page_tags)
    for url, outcome in stored:
        rebuilt.add_axe(url, axe_results(outcome, tags))
    assert rebuilt.to_dict() == direct.to_dict()


def test_the_search_plan_replays_what_it_observed() -> None:
    plan, replayed = SearchPlan(), SearchPlan()
    replayed.replay(plan.observe(PAGE))
    assert (replayed.form, replayed.language, replayed.headings) == (
        plan.form,
        plan.language,
        plan.headings,
    )
    assert replayed.query() == plan.query() != ("", "")


def test_the_frontier_takes_finished_urls_without_handing_them_out_again() -> None:
    frontier = Frontier([HOME], max_pages=3)
    frontier.take(HOME, 0)
    frontier.add(METER, 1)
    frontier.take(CONTACT, 1)  # finished before the page that links to it was
    assert frontier.add(CONTACT, 1) is False
    assert frontier.next().url == METER  # type: ignore[union-attr]
    assert frontier.next() is None  # three handed out: --max-pages
    assert frontier.discovered == 3
