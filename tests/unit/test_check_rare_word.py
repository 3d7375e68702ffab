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


def test_typographic_apostrophes_are_the_common_words_they_spell():
    """wordfreq stores "you'll" and "risico's" with a straight apostrophe."""
    english = "<p>You’ll get a letter, and we’re happy to help if it’s not clear.</p>"
    assert CHECK.execute(page(english, "en")) == []
    assert CHECK.execute(page("<p>Dit zijn de risico’s van een lening.</p>")) == []
    # ... a rare word with one is still rare
    [finding] = CHECK.execute(page("<p>Lees de exploot’s van de deurwaarder goed.</p>"))
    assert finding.signature == "exploot’s"


def test_labels_of_one_or_two_words_are_no_running_text():
    """A list of countries, a glossary's term, a menu label: not the writer's sentences."""
    labels = "<ul><li>Dominica</li><li>Micronesië</li><li>Studentenlidmaatschap</li></ul>"
    assert CHECK.execute(page(labels + "<h2>Exploot</h2><p>Lees de brief goed.</p>")) == []
    [finding] = CHECK.execute(page("<ul><li>Lees het exploot goed.</li></ul>"))
    assert finding.signature == "exploot"


def test_a_line_of_code_is_no_running_text():
    code = "<p>$('.poll-embed iframe').attr('title', 'Was this post helpful?');</p>"
    assert CHECK.execute(page(code, "en")) == []
    [finding] = CHECK.execute(page("<p>The poll sits in an obsequious little box.</p>", "en"))
    assert finding.signature == "obsequious"


def test_a_capitalised_word_at_a_sentence_start_may_be_a_name():
    """ "Siebke van Keulen is voorzitter": a rare first word is reported only when the page
    also writes it in lower case."""
    assert CHECK.execute(page("<p>Siebke van Keulen is voorzitter van de werkgroep.</p>")) == []
    text = "<p>Exploten komen per post. U krijgt de exploten van de deurwaarder.</p>"
    [finding] = CHECK.execute(page(text))
    assert finding.signature == "exploten"


def test_the_zipf_value_shown_is_below_the_threshold_it_is_compared_with():
    """2.96 is below 3 and shows as 2.9, not as "Zipf 3.0, below 3"."""
    [finding] = CHECK.execute(page("<p>We would be disregarding the rules here.</p>", "en"))
    assert finding.signature == "disregarding"
    assert "Zipf 2.9, below 3" in finding.message


def test_the_evidence_is_a_sentence_of_prose_when_the_word_is_also_in_a_heading():
    text = "<h2>Wat doet het exploot voor u</h2><p>Lees het exploot van de deurwaarder.</p>"
    [finding] = CHECK.execute(page(text))
    assert finding.evidence == "Lees het exploot van de deurwaarder."


def test_an_english_possessive_is_its_word():
    assert CHECK.execute(page("<p>Read the insurer’s letter and the plan's rules.</p>", "en")) == []
    [finding] = CHECK.execute(page("<p>Read the obsequious insurer’s letter.</p>", "en"))
    assert finding.signature == "obsequious"


def test_a_label_in_title_case_is_no_running_text():
    assert CHECK.execute(page("<h2>Rules of the obsequious Tribe</h2>", "en")) == []
    [finding] = CHECK.execute(page("<p>The tribe has obsequious rules.</p>", "en"))
    assert finding.signature == "obsequious"


def test_words_in_quotation_marks_are_not_the_writers_to_change():
    assert (
        CHECK.execute(page("<p>De deurwaarder zei: “Het exploot is betekend.” Dat klopt.</p>"))
        == []
    )
    [finding] = CHECK.execute(page("<p>De deurwaarder zei dat het exploot klaar is.</p>"))
    assert finding.signature == "exploot"
