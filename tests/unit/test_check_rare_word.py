from auditor.testing import make_page
from checks.language.rare_word import CHECK, compound_score, is_rare


def page(body: str, lang: str = "nl"):
    return make_page(f"<html lang='{lang}'><body><main>{body}</main></body></html>")


def test_a_rare_word_fires_once_with_its_zipf_value():
    text = "<p>Het exploot is bij u afgegeven. Lees het exploot goed.</p>"
    [finding] = CHECK.execute(page(text))
    assert finding.signature == "exploot"
    assert "Zipf 1.7" in finding.message
    assert finding.evidence == "Het exploot is bij u afgegeven."


def test_common_words_pass():
    assert CHECK.execute(page("<p>Geef uw meterstand door. Wij helpen u graag.</p>")) == []
    assert (
        CHECK.execute(page("<p>Send us your meter reading. We are happy to help.</p>", "en")) == []
    )


def test_compounds_of_common_parts_pass_but_rare_or_very_long_ones_fire():
    assert not is_rare("meterstandgegevens", "nl", 2.8, 20)  # meter + stand + gegevens
    assert compound_score("gasmeter", "nl") > 3
    assert is_rare("waarborgsom", "nl", 2.8, 20)
    assert is_rare("betalingsverplichtingen", "nl", 2.8, 20)  # longer than 20 letters


def test_names_numbers_urls_and_foreign_words_are_skipped():
    text = (
        "<p>Bel Exploot Services op 020-1234567 of mail naar info@exploot.nl.</p>"
        "<p>Een klant schreef: the people switched to English right away.</p>"
    )
    assert CHECK.execute(page(text)) == []


def test_words_the_page_explains_or_allows_are_skipped():
    explained = "<p>Het exploot (dat is de brief van de deurwaarder) ligt klaar.</p>"
    assert CHECK.execute(page(explained)) == []
    glossary = "<dl><dt>exploot</dt><dd>brief van de deurwaarder</dd></dl><p>Lees het exploot.</p>"
    assert CHECK.execute(page(glossary)) == []
    assert CHECK.execute(page("<p>Lees het exploot.</p>"), {"allow": ["Exploot"]}) == []


def test_jargon_list_words_are_not_reported_twice():
    # "opeisbaar" is rare (Zipf 1.7) but jargon-term already reports it.
    assert CHECK.execute(page("<p>Het bedrag is direct opeisbaar.</p>")) == []


def test_threshold_option_and_unsupported_languages():
    assert CHECK.execute(page("<p>Het exploot is er.</p>"), {"threshold": {"nl": 1.0}}) == []
    assert CHECK.execute(page("<p>Het exploot is er.</p>", "de")) == []
