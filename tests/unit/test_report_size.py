"""A 1,000-page audit gives a report under 15 MB in which every issue is still reachable."""

from __future__ import annotations

import re

import pytest

from reports import html as html_report
from tests.large_result import large_result

LIMIT_BYTES = 15_000_000


@pytest.fixture(scope="module")
def rendered() -> tuple[object, str]:
    result = large_result(1000)
    return result, html_report.render(result, "nl")


def test_a_1000_page_report_stays_under_15_mb(rendered: tuple[object, str]) -> None:
    _result, text = rendered
    assert len(text.encode("utf-8")) < LIMIT_BYTES


def test_only_the_top_issues_are_shown_in_full(rendered: tuple[object, str]) -> None:
    result, text = rendered
    articles = re.findall(r'<article class="issue" id="issue-(\d+)"', text)
    assert [int(n) for n in articles] == list(range(1, html_report.ISSUE_DETAIL_LIMIT + 1))
    rows = re.findall(r'<tr class="issue" id="issue-(\d+)"', text)
    total = len(result.issues)  # type: ignore[attr-defined]
    assert total > html_report.ISSUE_DETAIL_LIMIT
    assert len(rows) == total - html_report.ISSUE_DETAIL_LIMIT  # every issue keeps an anchor
    shots = text.count('src="data:image/png;base64,')
    assert 0 < shots <= 40


def test_every_page_is_in_the_per_page_view(rendered: tuple[object, str]) -> None:
    result, text = rendered
    pages = re.findall(r'<article class="page" id="page-(\d+)"', text)
    assert len(pages) == len(result.pages)  # type: ignore[attr-defined]
