"""Run-over-run history on real SQLite files: new, fixed, unchanged, not rechecked, the
trend, and sites that do not mix."""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from auditor.history import audited_urls, compare, record_and_compare
from auditor.model import AuditResult, Finding, Issue, PageResult, Pitfall, Severity
from auditor.scores import result_scores
from auditor.store import Store, StoredIssue, StoreError
from tests.sample_result import CONTACT, HOME, METER, MOVING, OUTAGE, PORTAL, sample_result

T0 = datetime(2026, 1, 5, 9, 30, tzinfo=UTC)


def issue_of(result: AuditResult, check_id: str) -> Issue:
    return next(i for i in result.issues if i.check_id == check_id)


def at(result: AuditResult, days: int) -> AuditResult:
    start = T0 + timedelta(days=days)
    return dataclasses.replace(result, started_at=start, finished_at=start + timedelta(minutes=2))


def without(result: AuditResult, check_id: str) -> AuditResult:
    """The result as if the issue of `check_id` had been fixed."""
    return dataclasses.replace(
        result,
        issues=tuple(i for i in result.issues if i.check_id != check_id),
        findings=tuple(f for f in result.findings if f.check_id != check_id),
    )


def with_new_issue(
    result: AuditResult, url: str = HOME, number: str = "020 123 45 67"
) -> AuditResult:
    """The result with one more issue: a phone number shown without a tel: link."""
    finding = Finding(
        "contact-phone-not-linked",
        Pitfall.ESCALATION,
        Severity.MINOR,
        f"The phone number {number} has no tel: link.",
        url,
        evidence=number,
    )
    issue = Issue(
        id=finding.group_key,
        check_id=finding.check_id,
        pitfall=finding.pitfall,
        severity=finding.severity,
        title="A phone number is not linked",
        message=finding.message,
        priority=1.0,
        why="minor (1)",
        page_count=1,
        example_urls=(url,),
        fingerprints=(finding.fingerprint,),
    )
    return dataclasses.replace(
        result, issues=(*result.issues, issue), findings=(*result.findings, finding)
    )


def only_pages(result: AuditResult, *urls: str) -> AuditResult:
    """The result as if only `urls` had been audited (e.g. a --max-pages cut)."""
    return dataclasses.replace(result, pages=tuple(p for p in result.pages if p.url in urls))


def ids(entries: list[dict[str, object]]) -> list[object]:
    return [entry["id"] for entry in entries]


def test_the_first_run_has_only_a_trend_of_one_point(tmp_path: Path) -> None:
    result = record_and_compare(tmp_path / "history.sqlite", at(sample_result(), 0))
    assert set(result.history) == {"trend"}
    [point] = result.history["trend"]
    assert point["started_at"] == T0.isoformat()
    assert point["scores"]["accessibility"] == 74
    assert point["scores"]["trust"] is None  # no trust check ran: no score, not 100
    assert json.loads(json.dumps(result.to_dict()))["history"] == result.history


def test_a_second_run_says_what_is_new_fixed_and_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite"
    first = record_and_compare(path, at(sample_result(), 0))
    second_input = with_new_issue(without(at(sample_result(), 7), "axe/label"))
    second = record_and_compare(path, second_input)
    history = second.history

    label = issue_of(first, "axe/label")
    added = issue_of(second, "contact-phone-not-linked")
    assert history["previous"]["started_at"] == T0.isoformat()
    assert history["previous"]["run"] == first.history["trend"][0]["run"]
    assert history["previous"]["scores"] == first.history["trend"][0]["scores"]
    assert ids(history["fixed"]) == [label.id]
    assert history["fixed"][0] == {
        "id": label.id,
        "check_id": "axe/label",
        "pitfall": "accessibility",
        "severity": "critical",
        "title": label.title,
        "page_count": 1,
    }
    assert ids(history["new"]) == [added.id]
    assert history["new"][0]["check_id"] == "contact-phone-not-linked"
    assert history["unchanged"] == [i.id for i in first.issues if i.id != label.id]
    assert history["not_rechecked"] == []
    assert history["newly_audited"] == []
    scores = [p["scores"]["accessibility"] for p in history["trend"]]
    assert scores[0] < scores[1]  # the critical label issue is gone
    # Back in the result that the reports render, and JSON-able.
    assert AuditResult.from_dict(json.loads(json.dumps(second.to_dict()))).history == history


def test_the_trend_keeps_the_last_ten_finished_runs_oldest_first(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite"
    base = sample_result()
    fixed = without(base, "axe/label")
    for n in range(11):  # recorded out of order: the trend follows started_at
        day = 10 - n
        record_and_compare(path, at(fixed if day % 2 == 0 else base, day))
    record_and_compare(path, dataclasses.replace(at(fixed, 11), interrupted=True))
    latest = record_and_compare(path, at(fixed, 12))

    trend = latest.history["trend"]
    days = (2, 3, 4, 5, 6, 7, 8, 9, 10, 12)  # the interrupted day 11 is left out
    assert [p["started_at"] for p in trend] == [(T0 + timedelta(days=d)).isoformat() for d in days]
    score = {
        True: result_scores(fixed)[Pitfall.ACCESSIBILITY],
        False: result_scores(base)[Pitfall.ACCESSIBILITY],
    }
    assert score[True] != score[False]
    assert [p["scores"]["accessibility"] for p in trend] == [score[d % 2 == 0] for d in days]
    assert trend[-1]["run"] == max(p["run"] for p in trend)  # this run, last
    # The interrupted run is not the previous run either.
    assert latest.history["previous"]["started_at"] == (T0 + timedelta(days=10)).isoformat()


def test_an_interrupted_run_is_compared_and_is_last_in_its_own_trend(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite"
    record_and_compare(path, at(sample_result(), 0))
    partial = record_and_compare(
        path, dataclasses.replace(at(sample_result(), 1), interrupted=True)
    )
    assert [p["started_at"] for p in partial.history["trend"]] == [
        T0.isoformat(),
        (T0 + timedelta(days=1)).isoformat(),
    ]
    assert partial.history["previous"]["started_at"] == T0.isoformat()


def test_issues_on_pages_not_audited_this_time_are_not_rechecked_not_fixed(
    tmp_path: Path,
) -> None:
    path = tmp_path / "history.sqlite"
    first = record_and_compare(path, at(sample_result(), 0))
    # A --max-pages cut: only the home and contact pages this time. The image-alt issue
    # (home, meter, moving) is gone from the home page: fixed. The issues on the portal page
    # (label, contrast) and on the two help articles (readability, and the site check
    # contact-page-linked) were not looked at again.
    cut = only_pages(at(sample_result(), 1), HOME, CONTACT)
    for check_id in (
        "axe/image-alt",
        "axe/label",
        "axe/color-contrast",
        "readability-level",
        "contact-page-linked",
    ):
        cut = without(cut, check_id)
    second = record_and_compare(path, cut).history

    assert ids(second["fixed"]) == [issue_of(first, "axe/image-alt").id]
    assert [e["check_id"] for e in second["not_rechecked"]] == [
        "axe/label",
        "axe/color-contrast",
        "contact-page-linked",
        "readability-level",
        "readability-level",
    ]
    assert second["unchanged"] == [issue_of(first, "contact-phone-visible").id]
    assert second["new"] == []


def test_an_issue_whose_check_did_not_run_or_whose_page_failed_is_not_rechecked(
    tmp_path: Path,
) -> None:
    path = tmp_path / "history.sqlite"
    first = record_and_compare(path, at(sample_result(), 0))
    second = at(sample_result(), 1)
    failed_portal = PageResult(PORTAL, PORTAL, None, "", 1, "nl", "login", error="Timeout")
    second = dataclasses.replace(
        without(without(without(second, "readability-level"), "axe/label"), "axe/color-contrast"),
        checks=tuple(c for c in second.checks if c.id != "readability-level"),  # --ignore
        pages=tuple(failed_portal if p.url == PORTAL else p for p in second.pages),
    )
    history = record_and_compare(path, second).history
    assert history["fixed"] == []
    assert {e["check_id"] for e in history["not_rechecked"]} == {
        "readability-level",
        "axe/label",
        "axe/color-contrast",
    }
    assert len(history["unchanged"]) == len(first.issues) - 4


def test_an_issue_on_pages_the_previous_run_did_not_audit_is_not_new(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite"
    record_and_compare(path, only_pages(at(sample_result(), 0), HOME, CONTACT, METER, PORTAL))
    second = with_new_issue(at(sample_result(), 1), url=MOVING, number="020 111 11 11")
    second = with_new_issue(second, url=METER, number="020 222 22 22")
    history = record_and_compare(path, second).history
    assert [e["title"] for e in history["newly_audited"]] == ["A phone number is not linked"]
    assert history["newly_audited"][0]["id"] == second.issues[-2].id  # the one on MOVING
    assert ids(history["new"]) == [second.issues[-1].id]  # METER was audited last time


def test_different_sites_do_not_mix(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite"
    record_and_compare(path, at(sample_result(), 0))
    other = dataclasses.replace(
        at(without(sample_result(), "axe/label"), 1), start_urls=("https://www.ander-bedrijf.nl/",)
    )
    other_history = record_and_compare(path, other).history
    assert set(other_history) == {"trend"}
    assert len(other_history["trend"]) == 1
    again = record_and_compare(path, at(sample_result(), 2)).history
    assert again["previous"]["started_at"] == T0.isoformat()
    assert again["fixed"] == []
    assert len(again["trend"]) == 2
    with Store(path) as store:
        assert len(store.runs("https://www.energie-voorbeeld.nl")) == 2
        assert len(store.runs("https://www.ander-bedrijf.nl")) == 1


def test_record_and_compare_refuses_a_corrupt_file_with_one_line(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite"
    path.write_bytes(b"\x00garbage\xff" * 512)
    with pytest.raises(StoreError) as caught:
        record_and_compare(path, sample_result())
    assert isinstance(caught.value, ValueError)  # the CLI's guard turns it into exit code 2
    assert "\n" not in str(caught.value)
    assert "move it away or pass --history-file" in str(caught.value)


def test_compare_is_pure_and_matches_by_issue_id() -> None:
    result = sample_result()
    label = issue_of(result, "axe/label")
    gone = StoredIssue(
        id="old-issue",
        check_id="axe/image-alt",
        pitfall="accessibility",
        severity="serious",
        title="Old footer logo",
        page_count=1,
        urls=(METER,),
    )
    previous = [StoredIssue.of(label, (PORTAL,)), gone]
    history = compare(result, previous, {"accessibility": 50}, T0, previous_run=3)
    assert history["previous"] == {
        "started_at": T0.isoformat(),
        "scores": {"accessibility": 50},
        "run": 3,
    }
    assert history["unchanged"] == [label.id]
    assert ids(history["fixed"]) == ["old-issue"]
    assert ids(history["new"]) == [i.id for i in result.issues if i.id != label.id]
    assert history["newly_audited"] == []  # previous_urls unknown: nothing held back


def test_audited_urls_leaves_out_failed_and_error_pages() -> None:
    urls = audited_urls(sample_result().pages)
    assert HOME in urls
    assert "https://www.energie-voorbeeld.nl/mijn/inloggen" in urls  # final URL too
    assert OUTAGE not in urls
    gone = PageResult(f"{HOME}weg", f"{HOME}weg", 404, "", 1, "nl", "other")
    assert audited_urls([gone]) == set()
