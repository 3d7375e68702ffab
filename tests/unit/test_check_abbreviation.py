from auditor.testing import make_page
from checks.language.unexplained_abbreviation import CHECK, is_acronym


def page(body: str, lang: str = "nl"):
    return make_page(f"<html lang='{lang}'><body><main>{body}</main></body></html>")


def test_unexplained_acronyms_fire_once_with_the_expansion_when_known():
    text = "<p>Uw WOZ-waarde staat op de aanslag. De WOZ wordt elk jaar bepaald.</p>"
    [finding] = CHECK.execute(page(text))
    assert finding.signature == "WOZ"
    assert "Wet waardering onroerende zaken (WOZ)" in finding.message
    assert finding.evidence == "Uw WOZ-waarde staat op de aanslag."


def test_expanded_marked_up_known_and_unit_abbreviations_pass():
    text = (
        "<p>De Wet waardering onroerende zaken (WOZ) bepaalt de waarde. De WOZ daalt.</p>"
        "<p>Schrijf u in bij de KvK (Kamer van Koophandel).</p>"
        "<p>Uw <abbr title='burgerservicenummer'>BSN</abbr> staat op uw paspoort.</p>"
        "<p>Vul uw IBAN in. Download de pdf. De prijs is 0,30 per kWh, 3 MWh per jaar.</p>"
        "<p>Koning Willem III. LET OP DIT IS BELANGRIJK</p>"
    )
    assert CHECK.execute(page(text)) == []


def test_expansion_in_the_paragraph_after_a_heading_counts():
    text = "<h2>Wat is de AOW?</h2><p>De AOW staat voor Algemene Ouderdomswet.</p>"
    assert CHECK.execute(page(text)) == []


def test_dotted_abbreviations_fire_with_the_written_out_form():
    text = "<p>Bel ons z.s.m. i.v.m. uw betaling, bijv. vandaag.</p>"
    messages = {f.signature: f.message for f in CHECK.execute(page(text))}
    assert set(messages) == {"z.s.m.", "i.v.m.", "bijv."}
    assert messages["i.v.m."] == '"i.v.m." is an abbreviation: write "in verband met" or "vanwege".'
    english = CHECK.execute(page("<p>Bring ID, e.g. a passport.</p>", "en"))
    assert [f.signature for f in english] == ["e.g."]


def test_allow_option_and_other_languages():
    assert CHECK.execute(page("<p>Vraag het CAK.</p>"), {"allow": ["CAK"]}) == []
    assert CHECK.execute(page("<p>Fragen Sie das CAK.</p>", "de")) == []


def test_acronym_shape():
    assert all(map(is_acronym, ["WOZ", "KvK", "SEPA", "CJIB"]))
    assert not any(map(is_acronym, ["Ik", "DigiD", "IV", "Betalen", "A"]))


def test_abbreviations_common_as_words_are_no_findings():
    """AI, URL, API and COVID are written as often as common words (Zipf >= 3.5 in Dutch or
    English): explaining them helps nobody. HHS, JSONP and OPML are not."""
    common = "<p>De AI leest de URL via een API. Door COVID ging het later.</p>"
    assert CHECK.execute(page(common)) == []
    rare = "<p>Het HHS publiceert een OPML bestand met JSONP.</p>"
    found = {f.signature for f in CHECK.execute(page(rare))}
    assert found == {"HHS", "OPML", "JSONP"}


def test_a_word_in_capitals_is_no_abbreviation():
    assert CHECK.execute(page("<ul><li>FEBRUARI</li><li>PRINT</li></ul><p>Kom langs.</p>")) == []
    [finding] = CHECK.execute(page("<ul><li>WCAG</li></ul><p>Kom langs.</p>"))
    assert finding.signature == "WCAG"


def test_names_in_camel_case_long_words_in_capitals_and_plurals():
    """ "ChatGPT", "MacOS" and "SaaS" are names; "VERSTUUR" is a button label written loud;
    "NGOs" is the acronym "NGO"."""
    assert not any(map(is_acronym, ["ChatGPT", "MacOS", "SaaS", "OpenAI", "VERSTUUR"]))
    assert all(map(is_acronym, ["NGO", "HIPAA", "RxJS", "KvK"]))
    [plural] = CHECK.execute(page("<p>Wij werken samen met NGOs in het hele land.</p>"))
    assert plural.signature == "NGO"
    names = "<p>Gebruik ChatGPT op MacOS, of een SaaS dienst. Klik op VERSTUUR.</p>"
    assert CHECK.execute(page(names)) == []


def test_only_dotted_abbreviations_with_a_known_written_out_form_are_reported():
    """ "P.O. Box", "U.S." and initials are no abbreviations a writer should write out."""
    english = "<p>Mail the form to P.O. Box 791, Washington, D.C. in the U.S. today.</p>"
    assert CHECK.execute(page(english, "en")) == []
    [finding] = CHECK.execute(page("<p>Neem o.a. uw paspoort mee.</p>"))
    assert finding.signature == "o.a."


def test_an_acronym_after_its_words_or_with_a_plural_in_brackets_is_explained():
    label = "<p>Early and Periodic Screening, Diagnostic, and Treatment Services, EPSDT</p>"
    assert CHECK.execute(page(label, "en")) == []
    plural = "<p>Wij helpen research software engineers (RSE’s) met hun code.</p>"
    assert CHECK.execute(page(plural)) == []
    # ... but words whose initials do not spell it explain nothing
    [finding] = CHECK.execute(page("<p>Early Screening and Other Services, EPSDT</p>", "en"))
    assert finding.signature == "EPSDT"


def test_an_acronym_in_a_quotation_is_not_the_writers_to_change():
    quote = "<p>Het rapport zegt: “Open data levert een ROI van 58:1 op.” Dat is veel.</p>"
    assert CHECK.execute(page(quote)) == []
    [finding] = CHECK.execute(page("<p>Open data levert een ROI van 58:1 op.</p>"))
    assert finding.signature == "ROI"
