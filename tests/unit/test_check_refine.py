"""Check.refine: a page check's site-wide second pass, with options of its own."""

import pytest

from auditor.check import Check
from auditor.model import Pitfall, Severity, SiteSummary
from auditor.testing import make_page


def run(page, *, word: str = "x"):
    yield CHECK.finding(page.url, f"{word} on the page", signature=word)


def refine(findings, site, *, keep: int = 1):
    return findings[:keep]


CHECK = Check(
    id="demo-refine",
    pitfall=Pitfall.LANGUAGE,
    severity=Severity.MINOR,
    title="t",
    failure_title="f",
    run=run,
    refine=refine,
    docs="",
)
SITE = SiteSummary(start_urls=("https://v.nl/",), pages=())


def test_options_of_run_and_refine_are_the_checks_and_each_gets_its_own():
    assert CHECK.options == {"word": "x", "keep": 1}
    pages = [make_page("<p>a</p>", url=f"https://v.nl/{i}") for i in range(3)]
    options = {"word": "y", "keep": 2}
    findings = [f for p in pages for f in CHECK.execute(p, options)]
    assert [f.signature for f in findings] == ["y", "y", "y"]
    assert len(CHECK.refined(findings, SITE, options)) == 2
    assert len(CHECK.refined(findings, SITE)) == 1
    with pytest.raises(ValueError, match="unknown option"):
        CHECK.execute(pages[0], {"nope": 1})


def test_a_check_without_refine_keeps_its_findings():
    plain = Check(
        id="demo-plain", pitfall=Pitfall.LANGUAGE, severity=Severity.MINOR, title="t",
        failure_title="f", run=run, docs="",
    )  # fmt: skip
    findings = plain.execute(make_page("<p>a</p>"))
    assert plain.refined(findings, SITE) == findings


def test_a_check_takes_the_options_it_shares_with_the_check_it_inherits_from():
    """hard-sentence judges pages by readability-level's target: a raised target_level in
    the settings for readability-level silences both; its own setting wins."""
    from auditor.check import configured
    from checks import BY_ID

    hard = BY_ID["hard-sentence"]
    settings = {"readability-level": {"target_level": "B2", "min_words": 50}}
    assert configured(hard, settings) == {"target_level": "B2", "min_words": 50}
    own = {**settings, "hard-sentence": {"target_level": "A2"}}
    assert configured(hard, own) == {"target_level": "A2", "min_words": 50}
    assert configured(BY_ID["rare-word"], settings) == {}


def test_hard_sentence_is_silent_on_a_page_that_meets_a_raised_target():
    from auditor.check import configured
    from checks import BY_ID
    from tests.unit.test_check_hard_sentence import HARD_NL, page

    hard = BY_ID["hard-sentence"]
    b2_page = page(HARD_NL, "nl")
    assert hard.execute(b2_page, configured(hard, {}))
    raised = {"readability-level": {"target_level": "C1"}}
    assert hard.execute(b2_page, configured(hard, raised)) == []
