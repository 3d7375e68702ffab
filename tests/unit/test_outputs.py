"""auditor/outputs.py: reports before the history store, the output folder's lock, and
outputs that cannot be written."""

from __future__ import annotations

import dataclasses
import io
import json
import multiprocessing
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

import auditor.history
from auditor.config import AuditConfig
from auditor.history import record_and_compare
from auditor.model import AuditResult
from auditor.outputs import OutputError, Written, hold_output_folder, publish
from auditor.store import Store, StoreError, site_key
from tests.sample_result import sample_result

T0 = datetime(2026, 1, 5, 9, 30, tzinfo=UTC)


def result_at(days: int) -> AuditResult:
    start = T0 + timedelta(days=days)
    return dataclasses.replace(
        sample_result(), started_at=start, finished_at=start + timedelta(minutes=2)
    )


def config(out: Path, **kwargs: object) -> AuditConfig:
    return AuditConfig(("https://help.example.nl/",), output=str(out), **kwargs)


def streamed_run(store: Path, days: int) -> int:
    """A run started in the store, as the Recorder starts it before the crawl."""
    result = result_at(days)
    with Store(store) as db:
        return db.start_run(site_key(result), result.started_at, result.tool, result.config)


def publish_quietly(result: AuditResult, cfg: AuditConfig, run_id: int | None) -> Written:
    return publish(result, cfg, "en", stdout=io.StringIO(), env={}, run_id=run_id)


def test_reports_carry_the_comparison_read_before_the_run_is_recorded(tmp_path: Path) -> None:
    store = tmp_path / "history.sqlite"
    record_and_compare(store, result_at(0))
    run_id = streamed_run(store, 1)
    written = publish_quietly(result_at(1), config(tmp_path), run_id)
    assert written.history_problem == ""
    assert written.paths[-1] == store
    report = json.loads((tmp_path / "report.json").read_text("utf-8"))
    assert report["history"]["previous"]["started_at"] == T0.isoformat()
    assert [p["run"] for p in report["history"]["trend"]] == [1, run_id]
    # exactly what recording first and comparing after would have said
    with Store(store) as db:
        assert db.run(run_id).state == "finished"
    again = record_and_compare(store, result_at(1), run_id).history
    assert json.loads(json.dumps(again)) == report["history"]


def test_a_history_write_that_fails_keeps_every_report(tmp_path: Path, monkeypatch) -> None:
    store = tmp_path / "history.sqlite"
    record_and_compare(store, result_at(0))
    run_id = streamed_run(store, 1)

    def full_disk(*_args: object) -> int:
        raise StoreError(f"cannot write the history file {store}: database or disk is full")

    monkeypatch.setattr(auditor.history, "record", full_disk)
    written = publish_quietly(
        result_at(1), config(tmp_path, formats=("html", "json", "md")), run_id
    )
    assert written.history_problem.endswith("database or disk is full")
    for name in ("report.html", "report.json", "report.md", "accessibility-statement.en.html"):
        assert (tmp_path / name).is_file(), name
    assert store not in written.paths
    report = json.loads((tmp_path / "report.json").read_text("utf-8"))
    assert report["history"]["previous"]  # the comparison was read before the write failed


def test_a_history_file_that_cannot_be_used_keeps_every_report(tmp_path: Path) -> None:
    (tmp_path / "not-a-folder").write_text("x")
    cfg = config(tmp_path / "out", history_file=str(tmp_path / "not-a-folder" / "h.sqlite"))
    written = publish_quietly(result_at(0), cfg, None)
    assert written.history_problem.startswith("cannot write the history file")
    assert (tmp_path / "out" / "report.html").is_file()
    bogus = tmp_path / "bogus.sqlite"
    bogus.write_bytes(b"not sqlite" * 100)
    cfg = config(tmp_path / "out2", history_file=str(bogus))
    written = publish_quietly(result_at(0), cfg, None)
    assert "is not a cx-audit history file" in written.history_problem
    assert (tmp_path / "out2" / "report.json").is_file()


def test_an_output_folder_that_is_a_file_is_one_clear_error(tmp_path: Path) -> None:
    (tmp_path / "report").write_text("x")
    folder = config(tmp_path / "report")
    with (
        pytest.raises(OutputError, match="cannot write to the output folder") as held,
        hold_output_folder(folder),
    ):
        pass
    assert "give --output a folder you can write to" in str(held.value)
    with pytest.raises(OutputError, match=r"^cannot write .*report \(File exists\)"):
        publish_quietly(result_at(0), config(tmp_path / "report", history=False), None)


def _hold(folder: str, held: Any, done: Any) -> None:  # two multiprocessing Events
    with hold_output_folder(config(Path(folder))):
        held.set()
        done.wait(10)


def test_a_second_audit_into_a_held_folder_stops(tmp_path: Path) -> None:
    context = multiprocessing.get_context("fork")
    held, done = context.Event(), context.Event()
    other = context.Process(target=_hold, args=(str(tmp_path), held, done))
    other.start()
    try:
        assert held.wait(10)
        refused = pytest.raises(OutputError, match="another cx-audit is writing to")
        with refused, hold_output_folder(config(tmp_path)):
            pass
    finally:
        done.set()
        other.join(10)
    assert not list(tmp_path.iterdir())  # the lock leaves no file behind
    with hold_output_folder(config(tmp_path)):  # free again once the other one ended
        pass
