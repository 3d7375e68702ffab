from auditor.model import PageSummary, SiteSummary
from auditor.testing import make_page
from checks.feedback.feedback_missing import CHECK, feedback_share
from checks.findability.facts import FACTS_KEY, selfservice_facts

BASE = "https://voorbeeld.nl"


def article(extra: str = "", *, kind: str = "help-article", path: str = "/hulp/a"):
    html = (
        "<html lang='nl'><head><title>Verhuizen</title></head><body>"
        "<nav><a href='/contact'>Contact</a></nav>"
        f"<main><h1>Verhuizen</h1><p>Geef uw verhuizing op tijd door.</p>{extra}</main>"
        "</body></html>"
    )
    return make_page(html, url=BASE + path, kind=kind)


def test_help_article_without_feedback_widget_fires():
    [finding] = CHECK.execute(article())
    assert finding.check_id == "feedback-missing"
    assert finding.signature == "no-feedback-widget"


def test_feedback_question_or_named_controls_pass():
    widgets = (
        "<p>Was dit artikel nuttig?</p><button>Ja</button><button>Nee</button>",
        "<p>Heeft deze informatie u geholpen?</p>",
        "<p>Was this helpful?</p>",
        "<p>Did this answer your question?</p>",
        "<button aria-label='Duim omhoog'>👍</button><button aria-label='Duim omlaag'>👎</button>",
        "<div class='thumbs-up'></div>",
        "<div id='article-helpful'></div>",
        "<div class='star-rating'></div>",
    )
    for widget in widgets:
        assert CHECK.execute(article(widget)) == [], widget


def test_form_validation_classes_are_not_a_feedback_widget():
    snapshot = article("<div class='invalid-feedback'>Vul uw postcode in.</div>")
    assert len(CHECK.execute(snapshot)) == 1


def test_phrases_option_adds_feedback_questions():
    snapshot = article("<p>Wat vond u van deze pagina?</p>")
    assert len(CHECK.execute(snapshot)) == 1
    assert CHECK.execute(snapshot, {"phrases": ["wat vond u van deze pagina"]}) == []


def test_feedback_missing_runs_on_help_articles_and_faqs_only():
    assert CHECK.applies(article(kind="faq"))
    assert not CHECK.applies(article(kind="contact"))


def test_feedback_share_counts_help_articles_and_faqs_with_facts():
    pages = (
        article("<p>Was dit artikel nuttig?</p>", path="/a"),
        article(path="/b"),
        article(path="/c", kind="faq"),
        article("<p>Was dit artikel nuttig?</p>", path="/d", kind="other"),
    )
    summaries = tuple(PageSummary.of(p, {FACTS_KEY: selfservice_facts(p)}) for p in pages)
    site = SiteSummary(start_urls=(BASE + "/",), pages=summaries)
    assert feedback_share(site) == 1 / 3
    assert feedback_share(SiteSummary(start_urls=(BASE + "/",), pages=())) == 0.0
