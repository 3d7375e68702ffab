import re

from auditor.model import short_hash
from auditor.testing import make_page
from checks.language.hard_sentence import CHECK

HARD_NL = (
    "Indien u niet in staat bent om het verschuldigde bedrag binnen de daartoe gestelde "
    "termijn te voldoen, dient u tijdig een schriftelijk verzoek tot het treffen van een "
    "betalingsregeling in te dienen bij de daartoe aangewezen afdeling debiteurenbeheer. "
    "Restitutie van het teveel betaalde bedrag vindt plaats na ontvangst van de "
    "incassomachtiging. "
    "Het bedrag wordt maandelijks middels automatische incasso van uw rekening afgeschreven. "
    "Voorbeeld Energie behoudt zich uitdrukkelijk het recht voor om een verzoek zonder opgaaf "
    "van redenen af te wijzen, onverminderd de mogelijkheid van de afnemer om zich te wenden "
    "tot de gemeentelijke schuldhulpverlening. "
) * 2
EASY_NL = (
    "Kunt u de rekening niet op tijd betalen? Bel ons dan. Wij maken samen een plan. "
    "U betaalt dan elke maand een deel. Zo houdt u het overzicht. Het kost niets extra. "
) * 8
HARD_EN = (
    "In the event that the customer is unable to remit the outstanding balance prior to the "
    "expiry of the applicable payment term, the customer shall submit a substantiated written "
    "application for a deferred payment arrangement to the Accounts Receivable Department. "
    "Any such application shall be accompanied by comprehensive documentation. "
) * 4


GERMAN = (
    "Wenn Sie Ihre Rechnung nicht rechtzeitig bezahlen können, wenden Sie sich bitte an "
    "unseren Kundenservice. Gemeinsam finden wir eine Lösung, die zu Ihrer Situation passt. "
) * 6


def page(text: str, lang: str):
    return make_page(
        f"<html lang='{lang}'><head><title>Betalen</title></head>"
        f"<body><main><h1>Betalen</h1><p>{text}</p></main></body></html>"
    )


def test_hard_page_gets_its_three_hardest_sentences_with_reasons():
    findings = CHECK.execute(page(HARD_NL, "nl"))
    assert len(findings) == 3
    assert len({f.evidence for f in findings}) == 3
    first = findings[0]
    assert first.evidence.startswith("Indien u niet in staat bent")
    assert first.message.startswith("Long sentence (")
    assert "long compounds: betalingsregeling, debiteurenbeheer" in first.message
    assert all(f.signature == "sentence:" + short_hash(f.evidence) for f in findings)


def test_rare_words_and_passive_voice_are_named():
    messages = [f.message for f in CHECK.execute(page(HARD_NL, "nl"))]
    restitutie = next(m for m in messages if "restitutie" in m)
    assert restitutie.startswith("Rare words: restitutie")
    assert "long compounds: incassomachtiging" in restitutie
    assert any(
        "passive voice" in f.message
        for f in CHECK.execute(page(HARD_NL, "nl"), {"max_sentences": 4})
    )


def test_english_hard_page_fires():
    findings = CHECK.execute(page(HARD_EN, "en"))
    assert findings
    assert "rare words: remit" in findings[0].message


def test_easy_short_and_unsupported_pages_are_left_alone():
    assert CHECK.execute(page(EASY_NL, "nl")) == []
    assert CHECK.execute(page(HARD_NL[:300], "nl")) == []
    assert CHECK.execute(page(GERMAN, "de")) == []


def test_options_follow_readability_level():
    assert CHECK.execute(page(HARD_NL, "nl"), {"target_level": "C1"}) == []
    assert len(CHECK.execute(page(HARD_NL, "nl"), {"max_sentences": 1})) == 1


def test_a_label_of_one_or_two_words_is_no_sentence_to_rewrite():
    """A hard page's headings and list labels ("Actuarial value", "Guam") have rare words
    but nothing to rewrite."""
    labels = "</p><ul><li>Actuarial value</li><li>Guam</li><li>Coinsurance</li></ul><p>"
    findings = CHECK.execute(page(HARD_EN + labels, "en"), {"max_sentences": 10})
    assert findings
    assert all(len(f.evidence.split()) >= 3 for f in findings)
    short = CHECK.execute(
        page(HARD_EN + "</p><ul><li>Remit the outstanding balance</li></ul><p>", "en"),
        {"max_sentences": 10},
    )
    assert "Remit the outstanding balance" in {f.evidence for f in short}


def test_a_label_in_title_case_is_no_sentence_to_rewrite():
    labels = "</p><ul><li>Federally Recognized Tribe</li><li>Complication Of Pregnancy</li></ul><p>"
    findings = CHECK.execute(page(HARD_EN + labels, "en"), {"max_sentences": 10})
    assert findings
    assert not {f.evidence for f in findings} & {
        "Federally Recognized Tribe",
        "Complication Of Pregnancy",
    }


def test_a_possessive_is_as_common_as_its_word():
    """ "Medicare’s", "organization’s": wordfreq rates the forms with 's far rarer."""
    text = HARD_EN + (
        "Medicare’s annual enrollment window has not changed since the previous rules. "
        "Your organization’s staff can remit the documentation for the enrollment. "
    )
    findings = CHECK.execute(page(text, "en"), {"max_sentences": 10})
    words = " ".join(f.message for f in findings).lower()
    assert not {"medicare’s", "organization’s"} & set(re.findall(r"[\w’]+", words))
    assert "remit" in words
