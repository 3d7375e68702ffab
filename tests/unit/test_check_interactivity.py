from auditor.model import Link, PageSummary, SiteSummary
from auditor.testing import make_page
from checks.findability.facts import FACTS_KEY, selfservice_facts
from checks.interactivity import dead_end_task, login_route_missing
from checks.interactivity.routes import mentions_login

BASE = "https://voorbeeld.nl"
NAV = (
    "<header><nav><a href='/'>Home</a><a href='/mijn/inloggen'>Mijn omgeving</a>"
    "<a href='/contact'>Contact</a></nav></header>"
)
STEPS = "<p>Vul het formulier in. Kies de dag waarop uw adres verandert. Klik op Versturen.</p>"


PLAIN_NAV = "<header><nav><a href='/'>Home</a><a href='/contact'>Contact</a></nav></header>"


def article(
    main: str, *, h1: str = "Adres wijzigen", path: str = "/hulp/adres", kind=None, nav=NAV
):
    html = (
        f"<html lang='nl'><head><title>{h1} – Voorbeeld</title></head><body>{nav}"
        f"<main><h1>{h1}</h1>{main}</main><footer><a href='/contact'>Contact</a></footer>"
        "</body></html>"
    )
    return make_page(html, url=BASE + path, kind=kind or "help-article")


# -- dead-end-task ---------------------------------------------------------------------------


def test_task_article_without_any_way_to_do_it_fires():
    [finding] = dead_end_task.CHECK.execute(article(STEPS))
    assert finding.check_id == "dead-end-task"
    assert finding.evidence == "Adres wijzigen"
    assert finding.highlights == ("wijzigen",)
    assert finding.signature == "dead-end-task"


def test_a_task_mentioned_only_in_passing_is_not_the_topic():
    snapshot = article("<p>Wilt u uw adres wijzigen? Dat kan later.</p>", h1="Uw jaarafrekening")
    assert dead_end_task.CHECK.execute(snapshot) == []


def test_task_in_the_title_counts_as_the_topic():
    html = (
        "<html lang='nl'><head><title>Contract opzeggen</title></head><body>"
        f"<main><h1>Stoppen bij ons</h1>{STEPS}</main></body></html>"
    )
    snapshot = make_page(html, url=BASE + "/hulp/stoppen", kind="help-article")
    assert len(dead_end_task.CHECK.execute(snapshot)) == 1


def test_task_article_with_a_way_to_act_passes():
    routes = (
        "<a href='/adres/nieuw'>Wijzig uw adres</a>",
        "<a href='/mijn/inloggen'>Log in</a>",
        "<p>Log in op Mijn omgeving en kies Mijn gegevens.</p>",
        "<p>Lukt het niet? <a href='/contact'>Wij helpen u</a>.</p>",
        "<p>Bel ons op 020 123 4567.</p>",
        "<p>Mail naar klantenservice@voorbeeld.nl.</p>",
        "<form action='/adres'><label>Postcode <input name='postcode'></label>"
        "<button>Versturen</button></form>",
        "<button type='button'>Naar het formulier</button>",
    )
    for route in routes:
        assert dead_end_task.CHECK.execute(article(STEPS + route)) == [], route


def test_feedback_buttons_are_no_way_to_act():
    widget = "<div class='feedback'><p>Was dit artikel nuttig?</p><button>Ja</button></div>"
    assert len(dead_end_task.CHECK.execute(article(STEPS + widget))) == 1


def test_tasks_and_actions_options():
    snapshot = article(STEPS, h1="Storing melden")
    assert dead_end_task.CHECK.execute(snapshot) == []
    assert len(dead_end_task.CHECK.execute(snapshot, {"tasks": ["melden"]})) == 1
    with_app = article(STEPS + "<a href='/app'>Open de app</a>")
    assert dead_end_task.CHECK.execute(with_app, {"actions": ["open de app"]}) == []


def test_dead_end_task_runs_on_help_articles_only():
    assert not dead_end_task.CHECK.applies(article(STEPS, kind="faq"))


# -- mentions of the logged-in area ----------------------------------------------------------


def test_an_instruction_to_log_in_is_a_mention_but_a_passing_word_is_not():
    said = (
        "Log in op Mijn omgeving en kies Adres.",
        "Dat kan in Mijn omgeving.",
        "Dat regelt u via MijnVoorbeeld.",
        "Log in to My account and choose Address.",
    )
    for text in said:
        assert mentions_login(article(f"<p>{text}</p>")), text
    unsaid = (
        "Log in met dezelfde gegevens als voor de app.",
        "Wat staat er in mijn jaarafrekening?",
        "Wij sturen u een brief.",
    )
    for text in unsaid:
        assert not mentions_login(article(f"<p>{text}</p>")), text


# -- login-route-missing ---------------------------------------------------------------------

LOGIN_PAGE = PageSummary(
    url=BASE + "/mijn/inloggen",
    final_url=BASE + "/mijn/inloggen",
    title="Inloggen",
    depth=1,
    status=200,
    kind="login",
    is_html=True,
)
SENDS = "<p>Log in op Mijn omgeving en kies Mijn gegevens.</p>"


def summary(snapshot) -> PageSummary:
    return PageSummary.of(snapshot, {FACTS_KEY: selfservice_facts(snapshot)})


def site(*pages: PageSummary) -> SiteSummary:
    return SiteSummary(start_urls=(BASE + "/",), pages=pages)


def test_article_that_sends_to_the_login_area_without_a_link_fires_once_per_article():
    pages = (
        summary(article(SENDS, path="/hulp/a", nav=PLAIN_NAV)),
        summary(article(SENDS, path="/hulp/b", kind="faq", nav=PLAIN_NAV)),
        LOGIN_PAGE,
    )
    findings = login_route_missing.CHECK.execute(site(*pages))
    assert [f.url for f in findings] == [BASE + "/hulp/a", BASE + "/hulp/b"]
    assert {f.signature for f in findings} == {"login-route-missing"}


def test_a_sign_in_link_in_the_header_is_a_route_and_an_app_account_is_not_judged():
    """The reader who is told to log in sees "Mijn omgeving" / "Sign in" in the header; an
    account that lives in the app has no page on the site to link to."""
    in_header = summary(article(SENDS, path="/hulp/a"))  # NAV links to /mijn/inloggen
    app = "<p>Open de app en log in op de app met uw code.</p><p>Kies daarna Gegevens.</p>"
    in_app = summary(article(app, path="/hulp/b", nav=PLAIN_NAV))
    english = "<p>Open our app and sign in to My account in the app.</p>"
    in_app_en = summary(article(english, path="/hulp/c", nav=PLAIN_NAV))
    pages = (in_header, in_app, in_app_en, LOGIN_PAGE)
    assert login_route_missing.CHECK.execute(site(*pages)) == []


def test_a_link_into_the_area_in_the_content_passes_whatever_its_text():
    linked = "<p>Log in op <a href='/mijn/inloggen'>Mijn omgeving</a>.</p>"
    by_url = "<p>Log in op Mijn omgeving. <a href='/portaal/start'>Ga verder</a>.</p>"
    portal = PageSummary(
        url=BASE + "/portaal/start",
        final_url=BASE + "/portaal/start",
        title="Portaal",
        depth=1,
        status=200,
        kind="portal",
        is_html=True,
    )
    pages = (summary(article(linked)), summary(article(by_url, path="/hulp/b")), LOGIN_PAGE, portal)
    assert login_route_missing.CHECK.execute(site(*pages)) == []


def test_articles_that_do_not_send_to_the_login_area_are_not_judged():
    pages = (summary(article(STEPS)), LOGIN_PAGE)
    assert login_route_missing.CHECK.execute(site(*pages)) == []


def test_no_finding_when_the_site_has_no_logged_in_area():
    html = (
        "<html lang='nl'><body><nav><a href='/contact'>Contact</a></nav>"
        f"<main><h1>Adres wijzigen</h1>{SENDS}</main></body></html>"
    )
    snapshot = make_page(html, url=BASE + "/hulp/a", kind="help-article")
    assert login_route_missing.CHECK.execute(site(summary(snapshot))) == []


def test_login_phrases_option_names_the_area_by_its_link_text():
    menu = PageSummary(
        url=BASE + "/",
        final_url=BASE + "/",
        title="Home",
        depth=0,
        status=200,
        kind="home",
        is_html=True,
        links=(Link(BASE + "/kp/start", "Klantportaal", True),),
    )
    onward = SENDS + "<p><a href='/kp/start'>Ga verder</a>.</p>"
    pages = (menu, summary(article(onward, nav=PLAIN_NAV)), LOGIN_PAGE)
    assert len(login_route_missing.CHECK.execute(site(*pages))) == 1
    options = {"login_phrases": ["klantportaal"]}
    assert login_route_missing.CHECK.execute(site(*pages), options) == []
