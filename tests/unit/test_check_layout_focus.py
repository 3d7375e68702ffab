"""reflow-320, text-zoom-200 and focus-visible over hand-made probe results (no browser)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest

from auditor.model import Finding
from auditor.testing import make_page
from checks.accessibility import focus_visible, reflow_320, text_zoom_200

HTML = "<html lang='en'><body><main><p>Hello</p></main></body></html>"


def offender(**extra: Any) -> dict[str, Any]:
    return {
        "selector": "div.statement",
        "tag": "div",
        "width": 900,
        "overflow": 600,
        "text": "Your yearly statement",
        "media": False,
        "offscreen": False,
        **extra,
    }


def layout(
    offenders: Sequence[dict[str, Any]] = (), issues: Sequence[dict[str, Any]] = (), **reflow: Any
) -> dict[str, Any]:
    return {
        "viewport": {"width": 1280, "height": 720},
        "reflow": {
            "width": 320,
            "height": 640,
            "viewport_width": 320,
            "scroll_width": 920 if offenders else 320,
            "root_clips": False,
            "offenders": list(offenders),
            **reflow,
        },
        "zoom": {"width": 640, "height": 360, "factor": 2, "issues": list(issues)},
    }


def zoom_issue(kind: str, **extra: Any) -> dict[str, Any]:
    return {
        "selector": "div.notice",
        "tag": "div",
        "width": 360,
        "height": 176,
        "kind": kind,
        "text": "We are open on most holidays",
        **extra,
    }


def tab_stop(index: int, **extra: Any) -> dict[str, Any]:
    return {
        "selector": "ul.quick-links a",
        "tag": "a",
        "width": 200,
        "height": 20,
        "text": f"Link {index}",
        "editable": False,
        "index": index,
        **extra,
    }


def findings(check: Any, probes: dict[str, Any], **options: Any) -> list[Finding]:
    return check.CHECK.execute(make_page(HTML, probes=probes), options)


# reflow-320


def test_reflow_fires_on_a_wide_box_with_its_selector_and_width():
    [finding] = findings(reflow_320, {"layout": layout([offender()])})
    assert finding.check_id == "reflow-320"
    assert finding.selector == "div.statement"
    assert "900 px wide" in finding.message and "600 px" in finding.message
    assert finding.wcag == ("1.4.10",) and finding.en301549 == ("9.1.4.10",)
    assert finding.legal and not finding.needs_review


def test_reflow_signature_is_the_element_not_its_position():
    [a] = findings(reflow_320, {"layout": layout([offender(overflow=600)])})
    [b] = findings(reflow_320, {"layout": layout([offender(overflow=20, width=340)])})
    assert a.fingerprint == b.fingerprint


def test_reflow_quiet_without_offenders_or_within_tolerance():
    assert findings(reflow_320, {"layout": layout()}) == []
    small = {"layout": layout([offender(overflow=3)])}
    assert findings(reflow_320, small, tolerance=4) == []
    assert len(findings(reflow_320, small)) == 1


@pytest.mark.parametrize("flag", ["media", "offscreen"])
def test_reflow_images_and_offscreen_elements_need_review(flag: str):
    [finding] = findings(reflow_320, {"layout": layout([offender(**{flag: True})])})
    assert finding.needs_review


def test_reflow_clipped_root_reports_cut_off_content_for_review_only():
    probes = {"layout": layout([offender(), offender(offscreen=True)], root_clips=True)}
    [finding] = findings(reflow_320, probes)
    assert finding.needs_review and "cut off" in finding.message


@pytest.mark.parametrize("probes", [{}, {"layout": {"error": "TimeoutError: x"}}])
def test_layout_checks_skip_a_missing_or_failed_probe(probes: dict[str, Any]):
    assert findings(reflow_320, probes) == []
    assert findings(text_zoom_200, probes) == []


# text-zoom-200


def test_text_zoom_fires_on_clipped_text():
    [finding] = findings(text_zoom_200, {"layout": layout(issues=[zoom_issue("clipped")])})
    assert finding.check_id == "text-zoom-200"
    assert finding.selector == "div.notice" and "clipped" in finding.message
    assert finding.wcag == ("1.4.4",) and finding.en301549 == ("9.1.4.4",)
    assert not finding.needs_review


def test_text_zoom_truncation_needs_review_and_overlap_names_the_other_element():
    issues = [zoom_issue("truncated"), zoom_issue("overlap", other="p.after")]
    truncated, overlap = findings(text_zoom_200, {"layout": layout(issues=issues)})
    assert truncated.needs_review
    assert not overlap.needs_review and "p.after" in overlap.message
    assert truncated.fingerprint != overlap.fingerprint


def test_text_zoom_not_scaling_text_reports_how_much_it_grows():
    issue = zoom_issue("not-scaling", font_px=[25.6, 12.8], grows=1)
    [finding] = findings(text_zoom_200, {"layout": layout(issues=[issue])})
    assert "viewport units" in finding.message and "1x" in finding.message


def test_text_zoom_quiet_on_a_clean_page():
    assert findings(text_zoom_200, {"layout": layout()}) == []


# focus-visible


def focus(*stops: dict[str, Any], limit: int = 25) -> dict[str, Any]:
    return {"focus": {"max_elements": limit, "tabbed": 12, "skipped": 0, "offenders": stops}}


def test_focus_fires_per_element_with_its_name():
    first, second = findings(focus_visible, focus(tab_stop(6), tab_stop(7)))
    assert first.check_id == "focus-visible"
    assert first.selector == "ul.quick-links a"
    assert "Link 6" in first.message and "Tab stop 7" in first.message
    assert first.wcag == ("2.4.7",) and first.en301549 == ("9.2.4.7",)
    assert first.fingerprint != second.fingerprint
    assert not first.needs_review


def test_focus_text_fields_need_review():
    [finding] = findings(focus_visible, focus(tab_stop(2, tag="input", editable=True)))
    assert finding.needs_review


def test_focus_respects_max_elements():
    probes = focus(tab_stop(3), tab_stop(30), limit=40)
    assert len(findings(focus_visible, probes)) == 1
    assert len(findings(focus_visible, probes, max_elements=40)) == 2


@pytest.mark.parametrize("probes", [{}, {"focus": {"error": "boom"}}, focus()])
def test_focus_quiet_without_offenders_or_probe(probes: dict[str, Any]):
    assert findings(focus_visible, probes) == []


def test_layout_checks_need_the_layout_probe_and_focus_the_focus_probe():
    assert reflow_320.CHECK.needs == ("layout",)
    assert text_zoom_200.CHECK.needs == ("layout",)
    assert focus_visible.CHECK.needs == ("focus",)
    for check in (reflow_320.CHECK, text_zoom_200.CHECK, focus_visible.CHECK):
        assert check.legal
        for section in ("What it does", "Why is this bad?", "Example", "Use instead", "Options"):
            assert f"## {section}" in check.docs
