"""The word-level language checks' second pass over the whole site (Check.refine): names and
explanations found on other pages, sentences the site repeats, a cap on rare words."""

from auditor.model import Finding, PageSummary, SiteSummary
from auditor.testing import make_page
from checks import PAGE_FACTS
from checks.language import jargon_term, rare_word, unexplained_abbreviation

BASE = "https://www.voorbeeld.nl"


def audit(check, bodies: dict[str, str], options=None) -> list[Finding]:
    """The check's findings on these pages after its site-wide pass, as the engine runs it."""
    pages = [
        make_page(f"<html lang='nl'><body><main>{body}</main></body></html>", url=BASE + path)
        for path, body in bodies.items()
    ]
    site = SiteSummary(
        start_urls=(BASE + "/",),
        pages=tuple(PageSummary.of(p, {k: f(p) for k, f in PAGE_FACTS.items()}) for p in pages),
    )
    findings = [f for p in pages for f in check.execute(p, options)]
    return check.refined(findings, site, options)


def where(findings: list[Finding]) -> list[tuple[str, str]]:
    return [(f.url.removeprefix(BASE), f.signature) for f in findings]


RARE = "<p>Lees het exploot van de deurwaarder goed door.</p>"


def test_a_word_the_site_writes_as_a_name_elsewhere_is_no_rare_word():
    alone = audit(rare_word.CHECK, {"/a": RARE})
    assert where(alone) == [("/a", "exploot")]
    named = {"/a": RARE, "/b": "<p>Bel met de afdeling Exploot van het kantoor.</p>"}
    assert audit(rare_word.CHECK, named) == []


def test_a_sentence_the_site_repeats_is_reported_on_its_first_page_only():
    twice = audit(rare_word.CHECK, {"/a": RARE, "/b": RARE})
    assert where(twice) == [("/a", "exploot"), ("/b", "exploot")]
    label = {f"/{p}": RARE for p in "abc"}
    assert where(audit(rare_word.CHECK, label)) == [("/a", "exploot")]
    # ... the same word in a sentence of the page's own is still reported there
    own = {**label, "/e": "<p>Het exploot komt per aangetekende post.</p>"}
    assert where(audit(rare_word.CHECK, own)) == [("/a", "exploot"), ("/e", "exploot")]


def test_at_most_max_words_rare_words_for_the_site_those_on_most_pages_first():
    bodies = {
        "/a": "<p>Het exploot en de akte zijn om te verlijden.</p>",
        "/b": "<p>Het exploot is er, de reproduceerbaarheid volgt.</p>",
        "/c": "<p>Wij lezen het exploot en wij verlijden de akte.</p>",
    }
    everything = {f.signature for f in audit(rare_word.CHECK, bodies)}
    assert everything == {"exploot", "verlijden", "reproduceerbaarheid"}
    capped = {f.signature for f in audit(rare_word.CHECK, bodies, {"max_words": 2})}
    assert capped == {"exploot", "verlijden"}


def test_an_acronym_explained_on_another_page_is_explained_everywhere():
    uses = "<p>De WOZ staat op uw aanslag.</p>"
    assert where(audit(unexplained_abbreviation.CHECK, {"/b": uses})) == [("/b", "WOZ")]
    glossary = "<p>De Wet waardering onroerende zaken (WOZ) bepaalt de waarde.</p>"
    assert audit(unexplained_abbreviation.CHECK, {"/a": glossary, "/b": uses}) == []


def test_jargon_in_a_repeated_label_is_reported_once():
    label = "<h2>Wat te doen indien u verhuist</h2><p>Lees verder.</p>"
    pages = {f"/{p}": label for p in "abc"}
    assert where(audit(jargon_term.CHECK, pages)) == [("/a", "indien")]
    two = {f"/{p}": label for p in "ab"}
    assert where(audit(jargon_term.CHECK, two)) == [("/a", "indien"), ("/b", "indien")]


def test_a_rare_word_on_five_pages_is_a_term_of_the_sites_own_subject():
    """ "codebase" on a site about code: its readers know it; jargon-term's list, not word
    frequency, says whether such a term is jargon."""
    sentences = [f"<p>Het exploot nummer {n} ligt bij de deurwaarder klaar.</p>" for n in range(5)]
    four = audit(rare_word.CHECK, {f"/{i}": s for i, s in enumerate(sentences[:4])})
    assert len(four) == 4
    assert audit(rare_word.CHECK, {f"/{i}": s for i, s in enumerate(sentences)}) == []
