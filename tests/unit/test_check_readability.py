import math

import pytest

from auditor.testing import make_page
from checks.language.readability_level import CHECK, measure

HARD_NL = (
    "Indien u niet in staat bent om het verschuldigde bedrag binnen de daartoe gestelde "
    "termijn te voldoen, dient u tijdig een schriftelijk verzoek tot het treffen van een "
    "betalingsregeling in te dienen bij de daartoe aangewezen afdeling debiteurenbeheer. "
) * 6
EASY_NL = (
    "Kunt u de rekening niet op tijd betalen? Bel ons dan. Wij maken samen een plan. "
    "U betaalt dan elke maand een deel. Zo houdt u het overzicht. Het kost niets extra. "
) * 8
HARD_EN = (
    "Notwithstanding the aforementioned contractual stipulations, customers experiencing "
    "considerable financial difficulties are hereby encouraged to communicate their "
    "circumstances expeditiously to the appropriate administrative department. "
) * 6
EASY_EN = (
    "Can you not pay your bill on time? Call us. We will make a plan with you. "
    "You pay a part each month. It costs nothing extra. We are here to help. "
) * 8


GERMAN = (
    "Wenn Sie Ihre Rechnung nicht rechtzeitig bezahlen können, wenden Sie sich bitte an "
    "unseren Kundenservice. Gemeinsam finden wir eine Lösung, die zu Ihrer Situation passt. "
) * 6


def page(text: str, lang: str):
    lang_attr = f" lang='{lang}'" if lang else ""
    return make_page(
        f"<html{lang_attr}><body><main><h1>Betalen</h1><p>{text}</p></main></body></html>"
    )


def test_hard_dutch_fires_with_a_level_above_b1():
    [finding] = CHECK.execute(page(HARD_NL, "nl"))
    assert "harder than the target B1" in finding.message
    metrics = measure(page(HARD_NL, "nl"))
    assert metrics["readability_level"] in ("B2", "C1")
    assert metrics["readability_target_met"] is False
    assert metrics["flesch_douma"] < 45
    assert metrics["lang_source"] == "declared"


def test_easy_dutch_passes():
    assert CHECK.execute(page(EASY_NL, "nl")) == []
    metrics = measure(page(EASY_NL, "nl"))
    assert metrics["readability_level"] in ("A2", "B1")
    assert metrics["readability_target_met"] is True
    assert metrics["reading_ease"] > measure(page(HARD_NL, "nl"))["reading_ease"]


def test_hard_english_fires_and_easy_english_passes():
    assert [f.check_id for f in CHECK.execute(page(HARD_EN, "en-GB"))] == ["readability-level"]
    assert "target grade 8" in CHECK.execute(page(HARD_EN, "en"))[0].message
    assert CHECK.execute(page(EASY_EN, "en")) == []
    easy = measure(page(EASY_EN, "en"))
    assert int(easy["readability_level"].removeprefix("grade ")) <= 8
    assert easy["fk_grade"] < 8 < measure(page(HARD_EN, "en"))["fk_grade"]


def test_the_english_grade_shown_agrees_with_flesch_kincaid():
    """The level is the Flesch-Kincaid grade plus what rare words add, rounded; the message
    shows both parts (it used to say "grade 13" from Flesch's table where FK said 8.6)."""
    for text in (EASY_EN, HARD_EN):
        metrics = measure(page(text, "en"))
        assert metrics["grade"] >= metrics["fk_grade"]
        assert metrics["readability_level"] == f"grade {math.floor(metrics['grade'] + 0.5)}"
    [finding] = CHECK.execute(page(HARD_EN, "en"))
    hard = measure(page(HARD_EN, "en"))
    assert f"Reading level {hard['readability_level']} (Flesch-Kincaid {hard['fk_grade']:g} +" in (
        finding.message
    )


def test_targets_are_configurable():
    assert CHECK.execute(page(HARD_NL, "nl"), {"target_level": "C1"}) == []
    assert CHECK.execute(page(HARD_EN, "en"), {"target_grade": 40}) == []
    assert CHECK.execute(page(HARD_EN, "en"), {"target_grade": 12})
    with pytest.raises(ValueError, match="target_level"):
        CHECK.execute(page(HARD_NL, "nl"), {"target_level": "B3"})


def test_short_text_is_measured_but_not_judged():
    short = page(
        "Indien u wenst te beëindigen, dient u een schriftelijk verzoek in te dienen.", "nl"
    )
    assert CHECK.execute(short) == []
    metrics = measure(short)
    assert "reading_ease" in metrics
    assert "readability_target_met" not in metrics


def test_unsupported_language_is_not_scored_and_missing_language_is_detected():
    metrics = measure(page(GERMAN, "de"))
    assert metrics["readability_level"] == "not scored"
    assert "reading_ease" not in metrics
    assert CHECK.execute(page(GERMAN, "de")) == []
    detected = measure(page(HARD_EN, ""))
    assert detected["lang_source"] == "detected"
    assert detected["readability_level"].startswith("grade")


def test_headings_and_list_items_are_separate_sentences():
    items = "".join(f"<li>Uw meterstand doorgeven via de app {i}</li>" for i in range(30))
    listed = make_page(
        f"<html lang=nl><body><main><h1>Meterstand</h1><ul>{items}</ul></main></body></html>"
    )
    glued = make_page(
        "<html lang=nl><body><main><p>"
        + " ".join(f"Uw meterstand doorgeven via de app {i}" for i in range(30))
        + "</p></main></body></html>"
    )
    assert measure(listed)["reading_ease"] > measure(glued)["reading_ease"] + 20
    assert measure(listed)["sentences"] == 31


def test_the_target_met_metric_follows_the_configured_target():
    """A page at B2 misses the default B1 target and meets a raised one, in the metric as in
    the check (the engine hands measure the check's settings)."""
    from auditor.check import configured

    hard = page(HARD_NL, "nl")
    assert measure(hard)["readability_target_met"] is False
    assert measure(hard, target_level="C1")["readability_target_met"] is True
    settings = {"readability-level": {"target_level": "C1"}}
    assert CHECK.measured(hard, configured(CHECK, settings))["readability_target_met"] is True
    with pytest.raises(ValueError, match="target_level"):
        measure(hard, target_level="B3")
