from auditor.testing import make_page
from checks.language.page_language import page_language

DUTCH = (
    "U kunt uw meterstand doorgeven in de app of op onze website. Dat duurt maar een paar "
    "minuten. Wij sturen u daarna een bevestiging per e-mail. "
) * 3
ENGLISH = (
    "You can give us your meter reading in the app or on our website. It only takes a "
    "few minutes. We will then send you a confirmation by email. "
) * 3


def page(text: str, lang: str = "") -> object:
    attr = f" lang='{lang}'" if lang else ""
    return make_page(f"<html{attr}><body><main><p>{text}</p></main></body></html>")


def test_declared_language_is_used_when_the_text_agrees():
    result = page_language(page(DUTCH, "nl-NL"))
    assert (result.code, result.source, result.detected) == ("nl", "declared", "nl")


def test_text_in_another_language_than_declared_is_analysed_as_what_it_is():
    result = page_language(page(ENGLISH, "nl-NL"))
    assert (result.code, result.source, result.detected) == ("en", "detected", "en")


def test_detected_language_is_the_fallback():
    result = page_language(page(DUTCH))
    assert (result.code, result.source) == ("nl", "detected")


def test_too_little_text_to_tell_is_unknown():
    result = page_language(page("Hallo"))
    assert (result.code, result.source) == ("", "unknown")
