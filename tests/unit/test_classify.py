import pytest

from auditor.testing import make_page

WORDS = " ".join(["Zo geeft u uw meterstand door in de app of op de website."] * 10)


@pytest.mark.parametrize(
    ("url", "html", "kind"),
    [
        ("https://v.nl/", "<h1>Welkom</h1>", "home"),
        ("https://v.nl/nl/", "<h1>Welkom</h1>", "home"),
        ("https://v.nl/fy/", "<h1>Wolkom</h1>", "home"),
        ("https://v.nl/en-gb/", "<h1>Welcome</h1>", "home"),
        # two letters that are no language: a Creative Commons chapter is no home page
        ("https://v.nl/cc/", "<h1>Creative Commons</h1>", "other"),
        ("https://v.nl/klantenservice", "<h1>Wij helpen u</h1>", "other"),
        ("https://v.nl/klantenservice/contact", "<h1>Wij helpen u</h1>", "contact"),
        ("https://v.nl/over", "<h1>Contact opnemen</h1>", "contact"),
        ("https://v.nl/mijn/inloggen", "<form><input type=password></form>", "login"),
        ("https://v.nl/zoeken", "<form role=search><input type=search name=q></form>", "search"),
        ("https://v.nl/faq", "<h1>Veelgestelde vragen</h1>", "faq"),
        ("https://v.nl/mijn/facturen", "<h1>Facturen</h1>", "portal"),
        ("https://v.nl/hulp/meterstand", f"<h1>Meterstand</h1><p>{WORDS}</p>", "help-article"),
        ("https://v.nl/hulp/kort", "<h1>Kort</h1><p>Weinig tekst.</p>", "other"),
        ("https://v.nl/contactlenzen-bestellen", f"<h1>Lenzen</h1><p>{WORDS}</p>", "help-article"),
    ],
)
def test_kinds(url, html, kind):
    page = make_page(f"<html lang=nl><body><main>{html}</main></body></html>", url=url)
    assert page.kind == kind


def test_a_redirect_stub_is_other_whatever_its_path():
    stub = (
        "<html><head><meta http-equiv='Refresh' content='1; URL=https://elders.nl/artikel'>"
        "</head><body><p>U wordt doorgestuurd.</p></body></html>"
    )
    assert make_page(stub, url="https://v.nl/2016/12/16/bericht.html").kind == "other"
    article = stub.replace("<p>U wordt", f"<h1>Bericht</h1><p>{WORDS}</p><p>U wordt")
    assert make_page(article, url="https://v.nl/2016/12/16/bericht.html").kind == "news"


def test_a_glossary_entry_is_a_help_article():
    entry = "<h1>Premium</h1><p>The amount you pay for your health insurance every month.</p>" * 2
    page = make_page(
        f"<html lang=en><body><main>{entry}</main></body></html>",
        url="https://v.gov/glossary/premium",
    )
    assert page.kind == "help-article"
    other = make_page(
        f"<html lang=en><body><main>{entry}</main></body></html>", url="https://v.gov/premium"
    )
    assert other.kind == "other"


def test_article_with_a_few_question_headings_is_not_a_faq():
    sections = "".join(
        f"<h2>{h}</h2><p>{WORDS}</p>"
        for h in [
            "Krijgt u geld terug?",
            "Moet u bijbetalen?",
            "Wat staat erop?",
            "Wanneer betaalt u?",
            "Uw verbruik",
            "Uw tarieven",
            "Kortingen",
        ]
    )
    page = make_page(
        f"<html lang=nl><body><main><h1>Uw factuur</h1>{sections}</main></body></html>",
        url="https://v.nl/hulp/factuur",
    )
    assert page.kind == "help-article"


def test_question_list_is_a_faq():
    items = "".join(
        f"<details><summary>Vraag {i}?</summary><p>Antwoord.</p></details>" for i in range(5)
    )
    page = make_page(
        f"<html lang=nl><body><main><h1>Hulp</h1>{items}</main></body></html>",
        url="https://v.nl/hulp",
    )
    assert page.kind == "faq"


def test_start_url_is_home_unless_it_is_the_contact_page():
    html = "<html lang=nl><body><main><h1>{}</h1></main></body></html>"
    start = make_page(html.format("Klantenservice Voorbeeld"), url="https://v.nl/hulp/")
    from auditor.classify import classify

    assert classify(start, start_urls=("https://v.nl/hulp/",)) == "home"
    contact = make_page(html.format("Contact"), url="https://v.nl/hulp/contact")
    assert classify(contact, start_urls=("https://v.nl/hulp/contact",)) == "contact"


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("/klantenservice/retourneren/hoe-stuur-ik-terug", "help-article"),
        ("/customer-service/returns", "help-article"),
        ("/klantenservice/contact", "contact"),
        ("/nl/contact-opnemen.html", "contact"),
        ("/en/business-contact", "contact"),
        ("/contactlenzen", "help-article"),
    ],
)
def test_contact_is_named_by_the_last_segment(path, kind):
    page = make_page(
        f"<html lang=nl><body><main><h1>Retourneren</h1><p>{WORDS}</p></main></body></html>",
        url="https://v.nl" + path,
    )
    assert page.kind == kind


SHORT = "U geeft uw meterstand door in de app. Dat kan elke dag. " * 4  # 48 words
LIST = "".join(f"<li><a href='/hulp/onderwerp-{i}'>Onderwerp {i}</a></li>" for i in range(8))
CARDS = "".join(
    f"<h2><a href='/levenscyclus/fase-{i}'>Fase {i}</a></h2><p>{SHORT}</p>" for i in range(5)
)
WRAPPED_CARDS = "".join(  # the whole card is the link
    f"<div class=card><a href='/onderwerpen/o-{i}'><h2>Onderwerp {i}</h2>"
    f"<div>{SHORT}</div></a></div>"
    for i in range(4)
)
MANY_CARDS = "".join(
    f"<h3><a href='/platforms/p-{i}'>Platform {i}</a></h3><p>Een open platform.</p>"
    for i in range(20)
)
OUR_VOICE = (
    "Wij organiseren elk jaar een congres. Onze vereniging nodigt sprekers uit en wij "
    "zorgen voor een mooie zaal. We hopen je daar te zien. "
) * 4
CHANNELS = (
    "<h2>By phone</h2><p>We are available 24/7: 1-800-318-2596</p>"
    "<h2>Chat online</h2><p>A great way to ask simple questions.</p>"
)
CANALES = (
    "<h2>Por teléfono</h2><p>Estamos disponibles las 24 horas: 1-800-318-2596</p>"
    "<h2>Conversar en línea</h2><p>Una buena manera de hacer preguntas sencillas.</p>"
)
DATED = "".join(
    f"<li><a href='/nieuws/bericht-{i}'>Bericht {i}</a> {i + 1} maart 2026</li>" for i in range(6)
)


@pytest.mark.parametrize(
    ("path", "html", "kind"),
    [
        # policy and legal text: a segment made of policy words, or such a heading
        ("/privacy-en-cookies", f"<h1>Privacy</h1><p>{WORDS}</p>", "policy-legal"),
        ("/over/algemene-voorwaarden", f"<h1>Voorwaarden</h1><p>{WORDS}</p>", "policy-legal"),
        ("/en/code-of-conduct", f"<h1>Code</h1><p>{WORDS}</p>", "policy-legal"),
        ("/info/verklaring", f"<h1>Toegankelijkheidsverklaring</h1><p>{WORDS}</p>", "policy-legal"),
        # ... but a help article about such a subject is a help article
        ("/help/accessibility-features", f"<h1>Zoom in</h1><p>{WORDS}</p>", "help-article"),
        ("/hulp/privacy-instellingen-wijzigen", f"<h1>Privacy</h1><p>{WORDS}</p>", "help-article"),
        # news: a dated path, a page below a news section, release notes
        ("/blog/2025/01/nieuwe-app", f"<h1>Nieuwe app</h1><p>{WORDS}</p>", "news"),
        ("/2023/07/12/nieuwe-website.html", f"<h1>Nieuw</h1><p>{WORDS}</p>", "news"),
        ("/nieuws/storing-opgelost", f"<h1>Storing</h1><p>{WORDS}</p>", "news"),
        ("/product/wijzigingen", f"<h1>Release notes</h1><p>{WORDS}</p>", "news"),
        # ... and the organisation's position statements, whose index is a listing
        ("/standpunten/open-source", f"<h1>Open source</h1><p>{WORDS}</p>", "news"),
        ("/en/opinion/open-data", f"<h1>Open data</h1><p>{WORDS}</p>", "news"),
        ("/standpunten/", f"<h1>Standpunten</h1><ul>{DATED}</ul>", "listing"),
        # listings: a collection's index, a tag archive, dated entries
        ("/nieuws/", f"<h1>Nieuws</h1><ul>{DATED}</ul>", "listing"),
        ("/tags/energie/", f"<h1>Energie</h1><p>{WORDS}</p>", "listing"),
        ("/overzicht", f"<h1>Alles</h1><ul>{DATED}</ul>", "listing"),
        # hubs: mostly links on, or a short landing page with a few linked entries
        ("/hulp/", f"<h1>Hulp</h1><p>Kies een onderwerp.</p><ul>{LIST}</ul>", "hub"),
        ("/thema", f"<h1>Thema</h1><ul>{LIST[:160]}</ul>", "hub"),
        # ... or cards: section headings that link on, each with a short text (many of
        # them: a collection's index)
        ("/levenscyclus/", f"<h1>Levenscyclus</h1><p>{SHORT}</p>{CARDS}", "hub"),
        ("/platforms/", f"<h1>Platforms</h1>{MANY_CARDS}", "listing"),
        ("/onderwerpen/", f"<h1>Onderwerpen</h1><p>{SHORT}</p>{WRAPPED_CARDS}", "hub"),
        # a page in the organisation's own voice is about it, not a customer's answer ...
        ("/congres/", f"<h1>Ons congres</h1><p>{OUR_VOICE}</p>", "other"),
        # ... unless it answers a question or sits in the help section
        ("/hulp/congres", f"<h1>Ons congres</h1><p>{OUR_VOICE}</p>", "help-article"),
        ("/congres/", f"<h1>Hoe meld ik me aan?</h1><p>{OUR_VOICE}</p>", "help-article"),
        # a page whose sections are ways to reach a person is the contact page
        ("/help-center", f"<h1>Help Center</h1>{CHANNELS}", "contact"),
        ("/help/bellen", f"<h1>Bellen</h1>{CHANNELS[:60]}<p>{WORDS}</p>", "help-article"),
        # ... also on the site's pages in another language; one channel is not enough
        ("/es/help-center", f"<h1>Centro de Ayuda</h1>{CANALES}", "contact"),
        ("/es/ayuda/llamar", f"<h1>Llamar</h1>{CANALES[:76]}<p>{WORDS}</p>", "help-article"),
        # pages about the organisation, errors and sign-ups are no help articles
        ("/over-ons", f"<h1>Wie wij zijn</h1><p>{WORDS}</p>", "other"),
        ("/team/jan-jansen", f"<h1>Jan Jansen</h1><p>{WORDS}</p>", "other"),
        ("/vacatures/developer", f"<h1>Developer</h1><p>{WORDS}</p>", "other"),
        ("/lid-worden", f"<h1>Word lid</h1><p>{WORDS}</p>", "other"),
        # ... nor a working group's profile (their index is a hub), nor the landing page of
        # the organisation's event, whatever its voice, unless it answers a question
        ("/werkgroep/publiek-domein", f"<h1>Publiek domein</h1><p>{WORDS}</p>", "other"),
        ("/en/committees/finance", f"<h1>Finance</h1><p>{WORDS}</p>", "other"),
        ("/werkgroepen/", f"<h1>Werkgroepen</h1><p>Kies een groep.</p><ul>{LIST}</ul>", "hub"),
        ("/en/conference/", f"<h1>Conference 2026</h1><p>{WORDS}</p>", "other"),
        ("/nl/congres/", f"<h1>Congres</h1><p>{WORDS}</p>", "other"),
        ("/hulp/congres", f"<h1>Congres</h1><p>{WORDS}</p>", "help-article"),
        ("/congres/programma", f"<h1>Het programma</h1><p>{WORDS}</p>", "help-article"),
        ("/iets", f"<h1>Pagina niet gevonden</h1><p>{WORDS}</p>", "other"),
        # a short answer is a help article in a help section or under a question
        ("/hulp/meterstand", f"<h1>Meterstand</h1><p>{SHORT}</p>", "help-article"),
        (
            "/meterstand",
            f"<h1>Hoe geef ik mijn meterstand door?</h1><p>{SHORT}</p>",
            "help-article",
        ),
        ("/meterstand", f"<h1>Meterstand</h1><p>{SHORT}</p>", "other"),
        # an article with a table of contents and a few links is still an article
        (
            "/hulp/factuur",
            "<h1>Uw factuur</h1><ul><li><a href='#a'>A</a></li><li><a href='#b'>B</a></li>"
            f"<li><a href='#c'>C</a></li></ul><p>{SHORT}</p>",
            "help-article",
        ),
    ],
)
def test_kinds_of_content(path, html, kind):
    page = make_page(
        f"<html lang=nl><body><main>{html}</main></body></html>", url="https://v.nl" + path
    )
    assert page.kind == kind, path
