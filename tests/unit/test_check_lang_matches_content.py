from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from auditor.testing import make_page
from checks.accessibility.lang_matches_content import CHECK
from checks.language.detect import detect_language, detector, language_shares

DUTCH = (
    "Gaat u verhuizen? Dan regelen wij graag uw energie op uw nieuwe adres. Geef uw "
    "verhuizing minstens vijf dagen van tevoren door. Dan hebt u op de eerste dag stroom en "
    "gas. Schrijf op de dag dat u de sleutel krijgt de meterstanden op. Doe dit in uw oude "
    "huis en in uw nieuwe huis."
)
DUTCH_2 = (
    "Log in op Mijn omgeving en kies Verhuizing doorgeven. Vul uw nieuwe adres en de data in. "
    "Binnen twee werkdagen krijgt u van ons een mail. Daarin staat ook uw nieuwe voorschot. "
    "Hebt u vragen? Bel ons gerust, wij helpen u graag verder."
)
ENGLISH = (
    "Your annual statement shows how much electricity and gas you used last year, and what "
    "you paid for it. If you get money back, we pay it into your bank account within two "
    "weeks. If you have to pay extra, you can spread the amount over a few months."
)
ENGLISH_2 = (
    "When you become a customer, we send you three documents by email. Keep them in a safe "
    "place. You need them when you have a question or want to change your contract. Did you "
    "not get them? Log in to your account to see them, or ask us to send them again."
)


def page(main: str, lang: str = "nl"):
    lang_attr = f' lang="{lang}"' if lang else ""
    return make_page(
        f"<html{lang_attr}><head><title>T</title></head><body>"
        "<nav><a href='/'>Home</a><a href='/contact'>Contact</a></nav>"
        f"<main><h1>Titel</h1>{main}</main><footer>© Voorbeeld</footer></body></html>",
        url="https://voorbeeld.nl/hulp/a.html",
    )


# --- the detector ------------------------------------------------------------------------


def test_detect_language_returns_code_and_confidence():
    assert detect_language(DUTCH)[0] == "nl"
    code, confidence = detect_language(ENGLISH)
    assert code == "en"
    assert 0.9 <= confidence <= 1.0
    assert detect_language("Ok") == ("", 0.0)
    assert detect_language("") == ("", 0.0)


def test_language_shares_by_sentence():
    shares = language_shares(DUTCH + " " + ENGLISH)
    assert shares["nl"] > 0.5
    assert shares["en"] > 0.3
    assert language_shares("") == {}


def test_detector_is_built_once_and_safe_to_share_between_threads():
    assert detector() is detector()
    texts = [DUTCH, ENGLISH, DUTCH_2, ENGLISH_2] * 25
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda t: detect_language(t)[0], texts))
    assert results == ["nl", "en", "nl", "en"] * 25


# --- page language (3.1.1) ---------------------------------------------------------------


def test_english_page_declared_dutch_fires_3_1_1():
    [finding] = CHECK.execute(page(f"<p>{ENGLISH}</p><p>{ENGLISH_2}</p>"))
    assert finding.wcag == ("3.1.1",)
    assert finding.en301549 == ("9.3.1.1",)
    assert finding.severity.value == "serious"
    assert "English" in finding.message
    assert finding.signature == "page-lang|nl|en"


def test_region_subtag_and_matching_language_pass():
    assert CHECK.execute(page(f"<p>{DUTCH}</p><p>{DUTCH_2}</p>", lang="nl-NL")) == []
    assert CHECK.execute(page(f"<p>{ENGLISH}</p><p>{ENGLISH_2}</p>", lang="en-GB")) == []


def test_short_text_missing_or_unknown_lang_are_not_judged():
    assert CHECK.execute(page("<p>Please submit your meter reading today.</p>")) == []
    assert CHECK.execute(page(f"<p>{ENGLISH}</p><p>{ENGLISH_2}</p>", lang="")) == []
    assert CHECK.execute(page(f"<p>{DUTCH}</p><p>{DUTCH_2}</p>", lang="af")) == []


def test_mostly_english_text_marked_as_english_is_not_a_page_finding():
    main = f"<p>{DUTCH}</p><div lang='en'><p>{ENGLISH}</p><p>{ENGLISH_2}</p></div>"
    assert CHECK.execute(page(main)) == []


# --- passages (3.1.2) --------------------------------------------------------------------


def test_long_english_paragraph_without_lang_fires_3_1_2():
    html = page(f"<p>{DUTCH}</p><p>{DUTCH_2}</p><p class='intro'>{ENGLISH}</p>")
    [finding] = CHECK.execute(html)
    assert finding.wcag == ("3.1.2",)
    assert finding.en301549 == ("9.3.1.2",)
    assert finding.severity.value == "moderate"
    assert finding.selector == "p.intro"
    assert "no lang attribute" in finding.message
    assert "nth-child" not in finding.signature
    assert finding.evidence.startswith("Your annual statement")


def test_passage_marked_with_its_language_passes():
    assert CHECK.execute(page(f"<p>{DUTCH}</p><p>{DUTCH_2}</p><p lang='en'>{ENGLISH}</p>")) == []
    quote = f"<p>{DUTCH}</p><blockquote lang='en-GB'><p>{ENGLISH}</p></blockquote><p>{DUTCH_2}</p>"
    assert CHECK.execute(page(quote)) == []


def test_passage_marked_with_the_wrong_language_fires():
    [finding] = CHECK.execute(page(f"<p>{DUTCH}</p><p>{DUTCH_2}</p><p lang='de'>{ENGLISH}</p>"))
    assert 'marked lang="de"' in finding.message


def test_english_section_is_one_finding_for_the_outermost_passage():
    section = (
        f"<section id='expats'><h2>For expats</h2><p>{ENGLISH}</p><p>{ENGLISH_2}</p></section>"
    )
    [finding] = CHECK.execute(page(f"<p>{DUTCH}</p><p>{DUTCH_2}</p><p>{DUTCH}</p>{section}"))
    assert finding.selector == "section#expats"


def test_names_addresses_product_names_and_short_quotes_do_not_fire():
    main = (
        "<p>Voorbeeld Energie B.V., Keizersgracht 123, 1015 CJ Amsterdam. Bel 020-123 4567. "
        "Onze producten: Green Power Flex, Smart Meter Plus en Home Energy Manager. Wij zijn "
        "open van maandag tot en met vrijdag, van negen tot vijf uur.</p>"
        "<p>In zijn toespraak zei de directeur: 'We are committed to serving every customer, "
        "every day.' Wij willen dat waarmaken. Daarom kunt u ons nu ook op zaterdag bellen, "
        "en kunt u altijd chatten met een van onze medewerkers.</p>"
        f"<p>{DUTCH}</p>"
        "<p>Customer Service Desk, Smart Home Hub</p>"
    )
    assert CHECK.execute(page(main)) == []


def test_hidden_passage_is_not_reported():
    main = f"<p>{DUTCH}</p><p>{DUTCH_2}</p><div hidden><p>{ENGLISH}</p></div>"
    assert CHECK.execute(page(main)) == []


def test_min_chars_option():
    html = page(f"<p>{DUTCH}</p><p>{DUTCH_2}</p><p>{ENGLISH}</p>")
    assert CHECK.execute(html, {"min_chars": 1000}) == []


def test_demo_site_reports_only_the_planted_pages():
    root = Path(__file__).parents[2] / "fixtures" / "site"
    fired = {}
    for file in sorted(root.rglob("*.html")):
        url = "http://127.0.0.1:8000/" + file.relative_to(root).as_posix()
        findings = CHECK.execute(make_page(file.read_text(encoding="utf-8"), url=url))
        if findings:
            fired[file.relative_to(root).as_posix()] = [f.wcag for f in findings]
    assert fired == {
        "nl/documenten/english-passage.html": [("3.1.2",)],
        "nl/documenten/wrong-language.html": [("3.1.1",)],
    }
