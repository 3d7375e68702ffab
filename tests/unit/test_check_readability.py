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


def page(text: str, lang: str):
    return make_page(
        f"<html lang='{lang}'><body><main><h1>Betalen</h1><p>{text}</p></main></body></html>"
    )


def test_hard_dutch_fires_with_flesch_douma():
    [finding] = CHECK.execute(page(HARD_NL, "nl"))
    assert "flesch-douma" in finding.message
    assert measure(page(HARD_NL, "nl"))["reading_ease"] < 45


def test_easy_dutch_passes():
    assert CHECK.execute(page(EASY_NL, "nl")) == []
    assert measure(page(EASY_NL, "nl"))["readability_level"] in ("easy", "plain")


def test_hard_english_fires_and_easy_english_passes():
    assert [f.check_id for f in CHECK.execute(page(HARD_EN, "en-GB"))] == ["readability-level"]
    assert CHECK.execute(page(EASY_EN, "en")) == []


def test_short_text_is_measured_but_not_judged():
    short = page(
        "Indien u wenst te beëindigen, dient u een schriftelijk verzoek in te dienen.", "nl"
    )
    assert CHECK.execute(short) == []
    assert "reading_ease" in measure(short)


def test_unsupported_or_missing_language_is_not_scored():
    for lang in ("de", ""):
        metrics = measure(page(HARD_EN, lang))
        assert metrics["readability_level"] == "not scored"
        assert "reading_ease" not in metrics
        assert CHECK.execute(page(HARD_EN, lang)) == []


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
