"""Pitfall scores: 100 without issues, lower with worse and wider issues, None unchecked."""

from __future__ import annotations

import dataclasses

from auditor.model import CheckInfo, Issue, Pitfall, Severity
from auditor.scores import PENALTY, pitfall_scores, result_scores
from tests.sample_result import sample_result


def check(check_id: str, pitfall: Pitfall, scope: str = "page") -> CheckInfo:
    return CheckInfo(check_id, pitfall, Severity.SERIOUS, "t", "f", "", scope=scope)


def issue(check_id: str, pitfall: Pitfall, severity: Severity, pages: int, **kw: object) -> Issue:
    return Issue(
        id=f"{check_id}-{pages}-{severity}",
        check_id=check_id,
        pitfall=pitfall,
        severity=severity,
        title="t",
        message="m",
        priority=1.0,
        why="",
        page_count=pages,
        example_urls=(),
        fingerprints=(),
        **kw,  # type: ignore[arg-type]
    )


CHECKS = [
    check("axe", Pitfall.ACCESSIBILITY),
    check("contact-page-linked", Pitfall.ESCALATION, scope="site"),
    check("hard-sentence", Pitfall.LANGUAGE),
]


def test_no_issues_scores_100_and_unchecked_pitfalls_have_no_score() -> None:
    scores = pitfall_scores([], CHECKS, pages=10)
    assert scores[Pitfall.ACCESSIBILITY] == 100
    assert scores[Pitfall.LANGUAGE] == 100
    assert scores[Pitfall.TRUST] is None
    assert set(scores) == set(Pitfall)


def test_penalty_scales_with_severity_and_reach() -> None:
    one_page = [issue("axe/image-alt", Pitfall.ACCESSIBILITY, Severity.CRITICAL, 1)]
    all_pages = [issue("axe/image-alt", Pitfall.ACCESSIBILITY, Severity.CRITICAL, 10)]
    minor = [issue("axe/region", Pitfall.ACCESSIBILITY, Severity.MINOR, 10)]
    assert pitfall_scores(one_page, CHECKS, 10)[Pitfall.ACCESSIBILITY] == 96
    assert pitfall_scores(all_pages, CHECKS, 10)[Pitfall.ACCESSIBILITY] == 60
    assert pitfall_scores(minor, CHECKS, 10)[Pitfall.ACCESSIBILITY] == 97


def test_site_wide_check_counts_for_all_pages() -> None:
    site = [issue("contact-page-linked", Pitfall.ESCALATION, Severity.SERIOUS, 1)]
    assert pitfall_scores(site, CHECKS, 50)[Pitfall.ESCALATION] == 75


def test_issues_compound_and_fixing_one_always_raises_the_score() -> None:
    issues = [
        issue("hard-sentence", Pitfall.LANGUAGE, Severity.SERIOUS, 10),
        issue("hard-sentence", Pitfall.LANGUAGE, Severity.MODERATE, 5),
    ]
    both = pitfall_scores(issues, CHECKS, 10)[Pitfall.LANGUAGE]
    assert both == round(100 * (1 - PENALTY[Severity.SERIOUS]) * (1 - 0.1 * 0.5))
    for kept in issues:
        assert pitfall_scores([kept], CHECKS, 10)[Pitfall.LANGUAGE] > both


def test_needs_review_issues_do_not_count() -> None:
    review = [
        issue("axe/color-contrast", Pitfall.ACCESSIBILITY, Severity.SERIOUS, 10, needs_review=True)
    ]
    assert pitfall_scores(review, CHECKS, 10)[Pitfall.ACCESSIBILITY] == 100


def test_result_scores_ignore_failed_pages() -> None:
    result = sample_result()
    scores = result_scores(result)
    assert all(s is None or 0 <= s <= 100 for s in scores.values())
    assert scores[Pitfall.ACCESSIBILITY] is not None and scores[Pitfall.ACCESSIBILITY] < 100
    more_pages = dataclasses.replace(result, pages=result.pages * 3)
    assert result_scores(more_pages)[Pitfall.ACCESSIBILITY] >= scores[Pitfall.ACCESSIBILITY]
