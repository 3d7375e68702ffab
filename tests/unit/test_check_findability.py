from auditor.model import PageSummary, SiteSummary
from auditor.testing import make_page
from checks.findability import faq_only, site_search_broken, site_search_missing
from checks.findability.facts import FACTS_KEY, selfservice_facts
from checks.findability.search_form import (
    SearchForm,
    page_headings,
    search_form,
    search_term,
    search_url,
)

BASE = "https://voorbeeld.nl"
NAV = (
    "<header><nav><a href='/'>Home</a><a href='/mijn/inloggen'>Mijn omgeving</a>"
    "<a href='/contact'>Contact</a></nav></header>"
)


def page(main: str, *, url: str = BASE + "/hulp/artikel", kind: str | None = None, head=""):
    html = (
        f"<html lang='nl'><head><title>Hulp</title></head><body>{NAV}{head}"
        f"<main>{main}</main><footer><a href='/contact'>Contact</a></footer></body></html>"
    )
    return make_page(html, url=url, kind=kind)


def summary(snapshot) -> PageSummary:
    return PageSummary.of(snapshot, {FACTS_KEY: selfservice_facts(snapshot)})


def site(*snapshots, search=None) -> SiteSummary:
    return SiteSummary(
        start_urls=(BASE + "/",),
        pages=tuple(summary(s) for s in snapshots),
        search=search or {},
    )


# -- has_search facts and site-search-missing ------------------------------------------------

SEARCH_BOXES = (
    "<input type='search' name='zoekterm' aria-label='Zoeken'>",
    "<div role='search'><input name='x' aria-label='x'></div>",
    "<form action='/resultaten'><input name='q' aria-label='Zoek'></form>",
    "<button type='button'>Zoeken</button>",
    "<a href='/zoeken'>Vind een antwoord</a>",
)


def test_each_kind_of_search_counts_as_search():
    for box in SEARCH_BOXES:
        assert selfservice_facts(page(f"<h1>Hulp</h1>{box}"))["has_search"], box


def test_a_post_form_or_an_unrelated_input_is_not_search():
    snapshot = page(
        "<h1>Hulp</h1><form method='post' action='/x'><input name='q' aria-label='q'></form>"
        "<form><input name='postcode' aria-label='Postcode'></form>"
    )
    facts = selfservice_facts(snapshot)
    assert not facts["has_search"]
    assert facts["search_fields"] == ["postcode"]


def test_site_without_search_gets_one_finding_on_the_first_page():
    pages = (page("<h1>Home</h1>", url=BASE + "/"), page("<h1>Hulp</h1><p>Tekst.</p>"))
    [finding] = site_search_missing.CHECK.execute(site(*pages))
    assert finding.url == BASE + "/"
    assert finding.check_id == "site-search-missing"
    assert finding.signature == "no-site-search"


def test_one_page_with_search_is_enough():
    pages = (page("<h1>Home</h1>" + SEARCH_BOXES[0], url=BASE + "/"), page("<h1>Hulp</h1>"))
    assert site_search_missing.CHECK.execute(site(*pages)) == []


def test_params_option_names_more_query_inputs():
    form = "<h1>Home</h1><form action='/vind'><input name='vraag' aria-label='Vraag'></form>"
    target = site(page(form, url=BASE + "/"))
    assert len(site_search_missing.CHECK.execute(target)) == 1
    assert site_search_missing.CHECK.execute(target, {"params": ["Vraag"]}) == []


def test_pages_without_facts_are_not_judged():
    bare = SiteSummary(start_urls=(BASE + "/",), pages=(PageSummary.of(page("<h1>Home</h1>")),))
    assert site_search_missing.CHECK.execute(bare) == []


# -- the search probe's helpers --------------------------------------------------------------


def test_search_form_resolves_the_action_and_keeps_hidden_inputs():
    snapshot = page(
        "<h1>Hulp</h1><form action='zoeken?oud=1#x' role='search'>"
        "<input type='hidden' name='taal' value='nl'><input type='search' name='zoek'"
        " aria-label='Zoek'></form>",
        url=BASE + "/hulp/index.html",
    )
    assert search_form(snapshot) == SearchForm(BASE + "/hulp/zoeken", "zoek", (("taal", "nl"),))


def test_a_search_box_wins_over_a_form_known_only_by_its_input_name():
    snapshot = page(
        "<h1>Hulp</h1><form action='/filter'><input name='q' aria-label='Filter'></form>"
        "<form action='/zoeken' role='search'><input name='q' aria-label='Zoek'></form>"
    )
    assert search_form(snapshot).action == BASE + "/zoeken"


def test_no_search_form_for_post_forms_outside_search_engines_or_login_forms():
    snapshot = page(
        "<h1>Hulp</h1><form method='post' action='/zoeken'><input name='q' aria-label='q'></form>"
        "<form action='https://www.google.com/search'><input name='q' aria-label='q'></form>"
        "<form action='/login'><input name='q' aria-label='q'>"
        "<input type='password' name='pw' aria-label='Wachtwoord'></form>"
    )
    assert search_form(snapshot) is None


def test_a_sibling_subdomain_is_the_same_site():
    snapshot = page(
        "<h1>Hulp</h1><form action='https://zoeken.voorbeeld.nl/'><input name='q' aria-label='q'>"
        "</form>",
        url="https://www.voorbeeld.nl/hulp",
    )
    assert search_form(snapshot).action == "https://zoeken.voorbeeld.nl/"


def test_search_url_replaces_the_query_and_encodes_the_term():
    form = SearchForm(BASE + "/zoeken", "q", (("taal", "nl"),))
    assert search_url(form, "meter stand") == BASE + "/zoeken?taal=nl&q=meter+stand"


def test_search_term_is_the_content_word_most_headings_share():
    headings = [
        "Meterstand doorgeven",
        "Wanneer geeft u de meterstand door?",
        "Verhuizen",
        "Veelgestelde vragen",
        "Contact",
    ]
    assert search_term(headings, "nl") == "meterstand"
    assert search_term(["Contact", "Hoe werkt het?"], "nl") == ""
    assert search_term(["Change your payment details", "Payment arrangements"], "en") == "payment"


def test_page_headings_are_those_of_the_main_content():
    snapshot = page("<h1>Verhuizen</h1><h2>Wat hebt u nodig?</h2><h4>Klein</h4>")
    assert page_headings(snapshot) == ("Verhuizen", "Wat hebt u nodig?")


# -- site-search-broken ----------------------------------------------------------------------

GOOD = {
    "url": BASE + "/zoeken?q=meterstand",
    "term": "meterstand",
    "status": 200,
    "text": "Zoekresultaten voor meterstand\nMeterstand doorgeven\nVerhuizen",
    "result_links": 2,
    "error": "",
}


def broken(**changes):
    return site_search_broken.CHECK.execute(site(search={**GOOD, **changes}))


def test_a_working_search_and_no_probe_give_nothing():
    assert broken() == []
    assert site_search_broken.CHECK.execute(site()) == []


def test_an_error_status_or_load_failure_is_broken():
    [finding] = broken(status=404)
    assert finding.url == GOOD["url"]
    assert finding.evidence == "HTTP 404"
    assert finding.signature == "site-search-broken"
    [failed] = broken(status=None, error="net::ERR_CONNECTION_REFUSED")
    assert not failed.needs_review
    [slow] = broken(status=None, error="timeout after 30 s")
    assert slow.needs_review


def test_answers_that_refuse_a_checker_are_not_judged():
    assert broken(status=403, result_links=0) == []


def test_a_nothing_found_text_is_broken():
    [finding] = broken(text="Zoeken\nEr zijn 0 resultaten gevonden voor meterstand.")
    assert "0 resultaten" in finding.evidence
    assert len(broken(text="Your search did not match any documents.")) == 1


def test_a_tip_with_a_question_mark_or_a_count_is_not_a_verdict():
    assert broken(text="12 resultaten\nMeterstand doorgeven\nGeen resultaten? Bel ons.") == []
    assert broken(text="10 resultaten voor meterstand") == []


def test_no_result_links_is_broken():
    [finding] = broken(text="Zoekresultaten voor meterstand", result_links=0)
    assert "no results" in finding.message


def test_no_results_option_adds_phrases():
    text = "Helaas, we konden niets vinden."
    assert broken(text=text) == []
    extended = site_search_broken.CHECK.execute(
        site(search={**GOOD, "text": text}), {"no_results": ["we konden niets vinden"]}
    )
    assert len(extended) == 1


# -- faq-only ------------------------------------------------------------------------------

QUESTIONS = "".join(
    f"<details><summary>Vraag {n}?</summary><p>Het antwoord is {n}.</p></details>" for n in range(4)
)


def faq(extra: str = ""):
    return page(f"<h1>Veelgestelde vragen</h1>{QUESTIONS}{extra}", url=BASE + "/faq")


def run_faq(snapshot, **options):
    assert faq_only.CHECK.applies(snapshot)
    return faq_only.CHECK.execute(snapshot, options)


def test_faq_with_only_answers_fires_although_the_menu_links_to_contact():
    [finding] = run_faq(faq("<p>Lees ook <a href='/hulp/tarieven'>onze tarieven</a>.</p>"))
    assert finding.check_id == "faq-only"
    assert finding.signature == "faq-only"


def test_faq_with_a_way_to_act_passes():
    routes = (
        "<a href='/adres'>Wijzig uw adres</a>",
        "<a href='/mijn/gegevens'>hier</a>",
        "<a href='https://mijn.voorbeeld.nl/'>Naar uw overzicht</a>",
        "<a href='/contact'>Wij helpen u</a>",
        "<a href='tel:+31201234567'>020 123 4567</a>",
        "<p>U kunt dit zelf veranderen in Mijn omgeving.</p>",
        "<details><summary>Bellen?</summary><p>Bel 020 123 4567.</p></details>",
        "<form action='/melding'><label>Uw vraag <textarea name='v'></textarea></label></form>",
    )
    for route in routes:
        assert run_faq(faq(route)) == [], route


def test_a_contact_block_in_the_footer_is_a_way_to_act():
    """The helpdesk's number and address under the questions, in a <footer>: a way to a
    person on the page itself. A menu link to the contact page is not."""
    html = (
        f"<html lang='nl'><head><title>FAQ</title></head><body>{NAV}<main>"
        f"<h1>Veelgestelde vragen</h1>{QUESTIONS}</main><footer><h2>Helpdesk</h2>"
        "<p>Bel <a href='tel:+31881234567'>088 123 4567</a> of mail "
        "<a href='mailto:helpdesk@voorbeeld.nl'>helpdesk@voorbeeld.nl</a></p></footer>"
        "</body></html>"
    )
    assert run_faq(make_page(html, url=BASE + "/faq")) == []


def test_search_and_feedback_forms_are_no_way_to_act():
    forms = (
        "<form role='search' action='/zoeken'><input name='q' aria-label='Zoek'></form>"
        "<form class='feedback'><p>Was deze pagina nuttig?</p><button>Ja</button>"
        "<textarea name='opmerking' aria-label='Opmerking'></textarea></form>"
    )
    assert len(run_faq(faq(forms))) == 1


def test_actions_option_adds_link_texts():
    snapshot = faq("<a href='/app'>Ga naar de app</a>")
    assert len(run_faq(snapshot)) == 1
    assert run_faq(snapshot, actions=["naar de app"]) == []


def test_faq_only_does_not_run_on_help_articles():
    assert not faq_only.CHECK.applies(page("<h1>Verhuizen</h1>", kind="help-article"))


def test_malformed_hrefs_and_actions_do_not_break_the_facts():
    link_only = make_page('<html lang="en"><body><a href="http://[">Home</a></body></html>')
    assert selfservice_facts(link_only)["has_search"] is False
    form = make_page(
        '<html lang="en"><body><form action="http://[" method="get">'
        '<input type="search" name="q"></form></body></html>'
    )
    assert selfservice_facts(form)["has_search"] is True
    assert search_form(form) is None  # an action that is not a URL is no search to try
