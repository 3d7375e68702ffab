"""The history store on real SQLite files: WAL, schema version, refusing foreign or newer
files, runs and pages, and pages that survive a killed process."""

from __future__ import annotations

import dataclasses
import sqlite3
import subprocess
import sys
import textwrap
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from auditor.model import PageResult
from auditor.store import SCHEMA_VERSION, Store, StoreError, site_key
from tests.sample_result import CONTACT, HOME, METER, SITE, sample_result

ROOT = Path(__file__).resolve().parents[2]
T0 = datetime(2026, 1, 5, 9, 30, tzinfo=UTC)
SCORES = {"accessibility": 80, "language": None}


def page(url: str, status: int | None = 200, error: str | None = None) -> PageResult:
    return PageResult(url, url, status, f"title of {url}", 1, "nl", "other", error=error)


def finished_run(store: Store, site: str, started_at: datetime) -> int:
    result = dataclasses.replace(sample_result(), started_at=started_at)
    run_id = store.start_run(site, started_at, result.tool, result.config)
    store.finish_run(run_id, result, SCORES)
    return run_id


def test_a_new_file_is_in_wal_mode_with_the_schema_version(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite"
    with Store(path) as store:
        assert store._db.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL
    other = sqlite3.connect(path)
    try:
        assert other.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert other.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        tables = {row[0] for row in other.execute("SELECT name FROM sqlite_master")}
    finally:
        other.close()
    assert {"runs", "pages", "findings", "issues"} <= tables
    with Store(path) as again:  # reopening an existing store works
        assert again.runs(SITE) == []


def test_a_run_is_recorded_with_pages_findings_issues_and_scores(tmp_path: Path) -> None:
    result = sample_result()
    with Store(tmp_path / "h.sqlite") as store:
        run_id = store.start_run(SITE, result.started_at, result.tool, result.config)
        assert store.run(run_id).state == "running"  # type: ignore[union-attr]
        store.finish_run(run_id, result, SCORES)
        [run] = store.runs(SITE)
        assert run.id == run_id
        assert run.state == "finished"
        assert run.started_at == result.started_at
        assert run.finished_at == result.finished_at
        assert run.tool == result.tool
        assert run.config == result.config
        assert run.scores == SCORES
        assert store.page_results(run_id) == list(result.pages)
        assert store.findings(run_id) == list(result.findings)
        assert store.finished_urls(run_id) == {p.url for p in result.pages}
        issues = store.issues(run_id)
        assert [i.id for i in issues] == [i.id for i in result.issues]
        image_alt = next(i for i in issues if i.check_id == "axe/image-alt")
        assert image_alt.page_count == 3
        assert len(image_alt.urls) == 3
        assert image_alt.fingerprints == result.issues[0].fingerprints


def test_an_interrupted_audit_is_stored_as_interrupted(tmp_path: Path) -> None:
    result = dataclasses.replace(sample_result(), interrupted=True)
    with Store(tmp_path / "h.sqlite") as store:
        run_id = store.start_run(SITE, T0, result.tool, result.config)
        store.finish_run(run_id, result, SCORES)
        assert store.run(run_id).state == "interrupted"  # type: ignore[union-attr]
        assert store.latest_unfinished_run(SITE).id == run_id  # type: ignore[union-attr]


def test_pages_stream_one_by_one_and_finish_run_makes_them_the_results(tmp_path: Path) -> None:
    result = sample_result()
    meter_findings = [f for f in result.findings if f.url == METER]
    with Store(tmp_path / "h.sqlite") as store:
        run_id = store.start_run(SITE, T0, result.tool, result.config)
        store.add_page(run_id, page(HOME))
        store.add_page(run_id, page(METER), meter_findings)
        store.add_page(run_id, page(METER), meter_findings[:1])  # redone: replaced, not doubled
        assert store.finished_urls(run_id) == {HOME, METER}
        assert store.findings(run_id) == meter_findings[:1]
        assert store.latest_unfinished_run(SITE).id == run_id  # type: ignore[union-attr]
        store.finish_run(run_id, result, SCORES)
        assert store.page_results(run_id) == list(result.pages)
        assert store.findings(run_id) == list(result.findings)
        assert store.latest_unfinished_run(SITE) is None


def test_previous_run_is_the_latest_finished_run_of_the_same_site_before(tmp_path: Path) -> None:
    with Store(tmp_path / "h.sqlite") as store:
        first = finished_run(store, SITE, T0)
        other_site = finished_run(store, "https://example.org", T0 + timedelta(days=1))
        second = finished_run(store, SITE, T0 + timedelta(days=2))
        crashed = store.start_run(SITE, T0 + timedelta(days=3), {}, {})
        current = store.start_run(SITE, T0 + timedelta(days=4), {}, {})
        # Recorded later but started earlier: it is before `first` in time.
        older = finished_run(store, SITE, T0 - timedelta(days=1))

        assert store.previous_run(SITE, current).id == second  # type: ignore[union-attr]
        assert store.previous_run(SITE, crashed).id == second  # type: ignore[union-attr]
        assert store.previous_run(SITE, second).id == first  # type: ignore[union-attr]
        assert store.previous_run(SITE, first).id == older  # type: ignore[union-attr]
        assert store.previous_run(SITE, older) is None
        assert store.previous_run("https://example.org", other_site) is None
        assert [r.id for r in store.runs(SITE)] == [older, first, second, crashed, current]
        assert store.latest_unfinished_run(SITE).id == current  # type: ignore[union-attr]
        assert store.latest_unfinished_run("https://example.org") is None


def test_a_reader_does_not_block_the_writer(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite"
    with Store(path, timeout=0.5) as writer, Store(path, timeout=0.5) as reader:
        run_id = writer.start_run(SITE, T0, {}, {})
        writer.add_page(run_id, page(HOME))
        reader._db.execute("BEGIN")  # a long read, e.g. a report being rendered
        assert reader.finished_urls(run_id) == {HOME}
        writer.add_page(run_id, page(CONTACT))  # would raise "database is locked" without WAL
        assert reader.finished_urls(run_id) == {HOME}  # the reader's snapshot
        reader._db.execute("COMMIT")
        assert reader.finished_urls(run_id) == {HOME, CONTACT}


@pytest.mark.parametrize(
    "content",
    [
        b"garbage " * 600,
        bytes(range(256)) * 16,
        b"SQLite format 3\x00" + b"\xff" * 4080,
    ],
    ids=["text", "binary", "damaged-header"],
)
def test_a_file_that_is_not_a_history_file_is_refused_and_left_alone(
    tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / "history.sqlite"
    path.write_bytes(content)
    with pytest.raises(StoreError) as caught:
        Store(path)
    message = str(caught.value)
    assert "\n" not in message
    assert "history.sqlite is not a cx-audit history file" in message
    assert "--history-file" in message
    assert path.read_bytes() == content


def test_an_empty_file_becomes_a_history_file(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite"
    path.touch()  # e.g. made by a CI cache step
    with Store(path) as store:
        assert store.runs(SITE) == []


def test_another_applications_sqlite_file_is_refused_and_not_changed(tmp_path: Path) -> None:
    path = tmp_path / "app.db"
    other = sqlite3.connect(path)
    other.execute("CREATE TABLE notes (body TEXT)")
    other.commit()
    other.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match=r"app\.db is not a cx-audit history file"):
        Store(path)
    assert path.read_bytes() == before  # not even switched to WAL


def test_a_file_from_a_newer_cx_audit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite"
    Store(path).close()
    raw = sqlite3.connect(path)
    raw.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    raw.close()
    with pytest.raises(StoreError) as caught:
        Store(path)
    message = str(caught.value)
    assert "newer cx-audit" in message
    assert "upgrade cx-audit" in message
    assert "\n" not in message


def test_a_file_in_a_missing_folder_is_a_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="cannot open the history file"):
        Store(tmp_path / "no" / "such" / "history.sqlite")


KILLED = """
import os, sys
from datetime import UTC, datetime
from auditor.model import Finding, PageResult, Pitfall, Severity
from auditor.store import Store

store = Store(sys.argv[1])
run_id = store.start_run("https://help.example.nl", datetime.now(UTC), {"version": "x"}, {})
for n in range(3):
    url = f"https://help.example.nl/{n}"
    finding = Finding("undated-page", Pitfall.OUTDATED, Severity.MINOR, "no date", url)
    store.add_page(run_id, PageResult(url, url, 200, "", 1, "nl", "other"), [finding])
# The page in flight: written but not committed when the process dies.
store._db.execute("BEGIN IMMEDIATE")
store._db.execute(
    "INSERT INTO pages (run_id, url, result) VALUES (?, 'https://help.example.nl/3', '{}')",
    (run_id,),
)
print(run_id, flush=True)
os._exit(9)
"""


def test_pages_survive_a_process_killed_mid_run(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite"
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(KILLED), str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 9, done.stderr
    run_id = int(done.stdout)
    assert Path(f"{path}-wal").exists()  # died without a checkpoint
    with Store(path) as store:
        unfinished = store.latest_unfinished_run("https://help.example.nl")
        assert unfinished is not None
        assert unfinished.id == run_id
        assert unfinished.state == "running"
        urls = {f"https://help.example.nl/{n}" for n in range(3)}
        assert store.finished_urls(run_id) == urls  # the page in flight is lost, no more
        assert {p.url for p in store.page_results(run_id)} == urls
        assert {f.url for f in store.findings(run_id)} == urls


@pytest.mark.parametrize(
    ("urls", "key"),
    [
        (["https://Help.Example.nl/"], "https://help.example.nl"),
        (["https://help.example.nl:443/hulp/?utm_source=x#top"], "https://help.example.nl/hulp"),
        (["https://help.example.nl/hulp", "https://other.nl/"], "https://help.example.nl/hulp"),
        (["https://user:secret@help.example.nl/"], "https://help.example.nl"),
        (["http://help.example.nl:8080/"], "http://help.example.nl:8080"),
        (["http://127.0.0.1:53211/"], "http://127.0.0.1"),
        (["http://localhost:8000/help/"], "http://localhost/help"),
        (["http://[::1]:8000/"], "http://[::1]"),
    ],
)
def test_site_key(urls: list[str], key: str) -> None:
    assert site_key(urls) == key


def test_site_key_of_a_result_is_its_first_start_url() -> None:
    assert site_key(sample_result()) == SITE
    with pytest.raises(ValueError, match="no http"):
        site_key(["mailto:info@example.nl"])
