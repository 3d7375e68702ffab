"""Page kind: home, help-article, faq, contact, hub, listing, policy-legal, news, login,
portal, search, document, other.

One shared classifier, so checks agree on which page is the contact page and which pages are
help articles (the article-only checks, such as `undated-page`, `dead-end-task` and
`feedback-missing`, must not fire on a hub, a privacy statement or a news item). It reads the
URL, the title, the first heading and a few DOM facts, in this order:

- login (a password field); other for a redirect stub (a meta refresh to another URL and
  next to no text); home (a language root such as /nl/ or /en-gb/, or a start URL);
  contact (by its path, its heading, or sections that are ways to reach a person: "By
  phone", "Chat online", with a number or address shown), search, portal;
- other for an error page ("404", "Pagina niet gevonden") and for pages about the
  organisation rather than the customer's question: about us, team, board, a person's or a
  working group's profile, a job posting, the landing page of its own event (`/over-ons`,
  `/team/jan`, `/werkgroep/publiek-domein`, `/vacatures/developer`, `/congres/`), unless
  an event page's heading is a question or it sits in a help section;
- policy-legal: a path segment made only of policy words (`/privacy`, `/privacy-en-cookies`,
  `/algemene-voorwaarden`, `/code-of-conduct`, `/toegankelijkheid`) or such a main heading
  ("Privacyverklaring", "Terms of use");
- news: a dated path (`/2024/06/13/…`, `/blog/2025/01/…`), a page below a news section
  (`/nieuws/…`, `/blog/…`, `/berichten/…`) or a section of the organisation's position
  statements and opinion pieces (`/standpunten/…`, `/opinie/…`), release notes and
  changelogs;
- listing: a collection's index (`/nieuws/`, `/blog/`, `/agenda/`, `/vacatures/`, `/leden/`,
  tag and category archives), or a page whose main content lists at least five dated
  entries (short list items, rows or cards with a link and a date);
- faq (a question list);
- hub or listing: a page whose section headings link on, as cards do (at least three, and
  at least half of its headings; a listing from 13 cards); a page that mostly links on (at
  least six links in its main content and less than 30% of its words in paragraphs of
  prose; a listing from 30 links; a hub too when it has fewer than 80 words and at least
  three linked list items or cards, and is no help article);
- other for a page in the organisation's own voice ("we", "onze", "our" at least 10 per
  1,000 words and twice as often as "u", "je", "you"): its services, events or mission, not
  a customer's answer (unless it is in a help section or its heading is a question);
- help-article: a main heading and at least 80 words, or at least 40 in a help section
  (`/hulp/`, `/help/`, `/faq/`, `/klantenservice/`) or under a question heading, or a
  glossary entry of at least 15 words (`/glossary/premium`, `/begrippen/…`);
- other: everything else. A page that does not clearly look like a kind is "other".
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from bs4 import Tag

from auditor.model import PageSnapshot

# The contact page is named by the last path segment ("/contact", "/nl/contact-opnemen.html",
# "/business-contact"). A "/klantenservice/" folder is usually the whole help centre, so it
# does not make its articles contact pages.
CONTACT_PATH = re.compile(
    r"/([\w-]*[-_])?(contact|contact-?(us|opnemen|gegevens|eer-ons)|neem-contact-op|"
    r"get-in-touch|kontakt)(\.[a-z]+)?/?$",
    re.I,
)
_CONTACT_SEGMENT = re.compile(
    r"/(contact|contact-?opnemen|neem-contact-op|contact-?us)(\.html?)?/?$", re.I
)
_CONTACT_HEADING = re.compile(
    r"^\s*(contact(eer ons| us| opnemen| for| met)?|neem contact (met ons )?op|get in touch|"
    r"contactgegevens|contact details|help (&|en|and) contact)\b",
    re.I,
)
# A page whose sections are ways to reach a person ("By phone", "Chat online", "Per
# e-mail") and which shows a number or address is a contact page whatever its name. Also in
# German, French and Spanish: a Dutch or English site's pages in those languages (a help
# centre's "Centro de Ayuda" with "Por teléfono" and "Conversar en línea").
_CHANNELS = {
    "phone": re.compile(
        r"^\s*(by (tele)?phone|(tele)?phone|call( us)?|bel( ons)?|telefonisch|telefoon|"
        r"telefon|rufen sie (uns )?an|(par )?téléphone|appelez[- ]nous|(por )?teléfono|"
        r"llámenos)\b",
        re.I,
    ),
    "chat": re.compile(
        r"^\s*(live ?chat|chat( online| with us| met ons| en ligne| en (vivo|línea))?|"
        r"conversar en línea)\b",
        re.I,
    ),
    "email": re.compile(
        r"^\s*((by|per|par) e-?mail|e-?mail( us)?|mail ons|courriel|"
        r"(por )?correo electrónico)\b",
        re.I,
    ),
    "post": re.compile(
        r"^\s*((by|per) (post|mail)|write to us|schrijf ons|postadres|par courrier|"
        r"por correo postal)\b",
        re.I,
    ),
    "visit": re.compile(
        r"^\s*(in person|visit us|bezoek( ons)?|langskomen|op afspraak|balie|en personne|"
        r"en persona|besuchen sie uns)\b",
        re.I,
    ),
}
_SHOWN_NUMBER = re.compile(r"\d[\d\s().-]{7,}\d")
_FAQ = re.compile(r"\b(faq|faqs|veelgestelde vragen|veel gestelde vragen|frequently asked)\b", re.I)
_SEARCH_PATH = re.compile(r"(^|/)(search|zoeken|zoek|zoekresultaten|search-results)([/.?]|$)", re.I)
_PORTAL_PATH = re.compile(r"(^|/)(mijn|my|my-?account|account|portal|mijn-?omgeving)(/|$)", re.I)
_LANGUAGE_ROOT = re.compile(r"^/([a-z]{2}(-[a-z]{2})?/?)?(index\.html?)?$", re.I)
_QUESTION_HEADING = re.compile(r"\?\s*$")
# ISO 639-1: /nl/ and /en-gb/ are language roots, /cc/ (a Creative Commons chapter) is not.
LANGUAGE_CODES = frozenset(
    re.findall(
        r"[a-z]{2}",
        "aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu "
        "cv cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi "
        "ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks "
        "ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl "
        "nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl "
        "sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve "
        "vi vo wa wo xh yi yo za zh zu",
    )
)
_GLOSSARY_SECTIONS = frozenset(
    {"glossary", "begrippen", "begrippenlijst", "woordenlijst", "definities", "definitions"}
)
GLOSSARY_WORDS = 15  # a glossary entry this long is a help article: it explains a word
PAGE_KINDS = (
    "home", "help-article", "faq", "contact", "hub", "listing", "policy-legal", "news",
    "login", "portal", "search", "other",
)  # fmt: skip
_TOKEN = re.compile(r"[a-z0-9]+")
_ERROR = re.compile(
    r"\b(404|page not found|pagina niet gevonden|niet gevonden|not found|seite nicht gefunden|"
    r"page introuvable)\b",
    re.I,
)
# Path segments and headings about the organisation, not the customer's question.
_ORGANISATION_SEGMENTS = frozenset(
    {
        "over", "over-ons", "about", "about-us", "who-we-are", "wie-zijn-wij", "wie-we-zijn",
        "organisatie", "organisation", "organization", "team", "ons-team", "our-team",
        "bestuur", "board", "medewerkers", "staff", "jaarverslag", "annual-report",
        "partners", "sponsors", "bedankt", "thank-you", "thanks", "vereniging",
        "association", "stichting", "foundation", "lid-worden", "word-lid", "join",
        "join-us", "aanmelden", "inschrijven", "subscribe", "signup", "sign-up",
        "nieuwsbrief", "newsletter", "404", "colofon", "colophon",
    }
)  # fmt: skip
_PEOPLE_SECTIONS = frozenset(
    {
        "team", "people", "mensen", "medewerkers", "staff", "leden", "members", "werkgroep",
        "werkgroepen", "working-group", "working-groups", "workgroups", "commissie",
        "commissies", "committee", "committees",
    }
)  # fmt: skip
# The landing page of the organisation's own event ("/congres/", "/en/conference/").
_EVENT_SEGMENTS = frozenset(
    {
        "congres", "congress", "conference", "conferentie", "symposium", "evenement",
        "event", "webinar", "meetup",
    }
)  # fmt: skip
_JOB_SECTIONS = frozenset(
    {"vacatures", "vacature", "vacancies", "careers", "jobs", "werken-bij", "werkenbij"}
)
_JOB_WORDS = frozenset({"vacature", "vacatures", "vacancy", "vacancies", "job", "jobs", "careers"})
_ORGANISATION_HEADING = re.compile(
    r"^\s*(over ons|about us|wie zijn wij|who we are|ons team|our team|meet (us|the team)|"
    r"bestuur|board)\s*$",
    re.I,
)
# Policy vocabulary: a segment made only of these words, with at least one core word.
_POLICY_CORE = frozenset(
    {
        "privacy", "privacyverklaring", "privacybeleid", "privacystatement", "cookie",
        "cookies", "cookiebeleid", "cookieverklaring", "disclaimer", "proclaimer",
        "copyright", "auteursrecht", "voorwaarden", "gebruiksvoorwaarden",
        "leveringsvoorwaarden", "terms", "statuten", "reglement", "gedragscode", "conduct",
        "toegankelijkheid", "toegankelijkheidsverklaring", "accessibility", "impressum",
        "imprint", "legal", "juridisch", "kwetsbaarheid", "vulnerability", "disclosure",
    }
)  # fmt: skip
_POLICY_WORDS = _POLICY_CORE | {
    "statement", "verklaring", "policy", "beleid", "notice", "use", "service", "conditions",
    "algemene", "general", "and", "en", "of", "our", "onze", "code", "melden",
    "responsible", "coordinated", "huishoudelijk", "html", "htm",
}  # fmt: skip
_POLICY_HEADING = re.compile(
    r"^\s*(privacy( ?verklaring| ?beleid| statement| policy| notice)?|"
    r"cookie( ?beleid| ?verklaring|s| policy| statement)|disclaimer|proclaimer|copyright|"
    r"(algemene )?(gebruiks|leverings)?voorwaarden|terms (of|and) \w+|statuten|"
    r"huishoudelijk reglement|gedragscode|code of conduct|toegankelijkheid(sverklaring)?|"
    r"accessibility( statement)?|responsible disclosure|kwetsbaarheid melden|"
    r"coordinated vulnerability disclosure|impressum)\s*$",
    re.I,
)
_NEWS_SECTIONS = frozenset(
    {
        "nieuws", "news", "blog", "blogs", "weblog", "berichten", "nieuwsberichten",
        "actueel", "actualiteiten", "persberichten", "pers", "press", "updates",
        "agenda", "events", "evenementen", "activiteiten", "activities", "standpunten",
        "positions", "position-papers", "opinie", "opinion", "columns",
    }
)  # fmt: skip
_COLLECTIONS = _NEWS_SECTIONS | _JOB_SECTIONS | {
    "kalender", "calendar", "leden", "members", "archief", "archive", "publicaties",
    "publications", "glossary", "nieuws-netwerk",
}  # fmt: skip
_ARCHIVES = frozenset({"tags", "tag", "categories", "category", "categorie", "categorieen"})
_DATED_PATH = re.compile(r"/(19|20)\d{2}/(0?[1-9]|1[0-2])/(\d{1,2}/)?[^/]+")
_CHANGELOG_HEADING = re.compile(
    r"^\s*(release ?notes|changelog|wijzigingen|what'?s new|wat is er nieuw)\b", re.I
)
_HELP_SECTIONS = frozenset(
    {
        "hulp", "help", "faq", "faqs", "klantenservice", "support", "vraag", "vragen",
        "kennisbank", "answers", "antwoorden", "veelgestelde-vragen", "helpdesk",
        "service", "customer-service",
    }
)  # fmt: skip
_DATE = re.compile(
    r"\b(\d{1,2}[-/.]\d{1,2}[-/.](19|20)\d{2}|(19|20)\d{2}-\d{2}-\d{2}|"
    r"\d{1,2}\s+(jan|feb|mrt|maa|apr|mei|jun|jul|aug|sep|okt|oct|nov|dec)[a-z]*\.?\s+(19|20)\d{2}|"
    r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+(19|20)\d{2})\b",
    re.I,
)
HUB_LINKS = 6
SHORT_HUB_LINKS = 3
LISTING_LINKS = 30
LINK_PAGE_PROSE = 0.3  # at most this share of a hub's or listing's words is prose
LISTING_ITEMS = 5
ENTRY_CHARS = 400  # a list item or card longer than this is content, not an entry
PROSE_WORDS = 12  # a paragraph with this many words of its own (besides links) is prose
LINKED_HEADINGS = 3  # section headings that are links: a hub's cards
HUB_CARDS = 12  # more cards than this: a collection's index (a listing)
WE_PER_MILLE = 10  # "we/ons/our" per 1,000 words of a page in the organisation's voice
# Subjects and possessives only: "bel ons", "contact us" address the reader.
_WE = re.compile(r"\b(wij|we|onze|our|ours)\b", re.I)
_YOU = re.compile(r"\b(u|uw|je|jij|jou|jouw|jullie|you|your|yours|yourself)\b", re.I)


def classify(page: PageSnapshot, *, start_urls: tuple[str, ...] = ()) -> str:
    """The kind of page, from its URL, title, first heading and a few DOM facts."""
    if not page.is_html:
        return "document"
    path = urlsplit(page.final_url).path or "/"
    dom = page.dom
    h1 = dom.find("h1")
    heading = h1.get_text(" ", strip=True) if h1 else ""
    if dom.select_one("input[type=password]"):
        return "login"
    if _is_redirect_stub(page):
        return "other"
    root = _LANGUAGE_ROOT.match(path)
    if root and (not root.group(1) or root.group(1)[:2].lower() in LANGUAGE_CODES):
        return "home"
    if page.url in start_urls or page.final_url in start_urls:
        # A help centre's entry page is often titled or named "Klantenservice": a start URL
        # is the home of the audit unless its own name says it is the contact page.
        return "contact" if _CONTACT_SEGMENT.search(path) else "home"
    if CONTACT_PATH.search(path) or _CONTACT_HEADING.match(heading) or _lists_channels(page):
        return "contact"
    if _SEARCH_PATH.search(path) and dom.select_one("input[type=search], [role=search], form"):
        return "search"
    if _PORTAL_PATH.search(path):
        return "portal"
    segments = [s.lower() for s in path.split("/") if s]
    words = len(page.main_text.split())
    return _kind_of_content(page, segments, heading, words)


def _is_redirect_stub(page: PageSnapshot) -> bool:
    """A page that sends the browser elsewhere (`<meta http-equiv=refresh content="1;
    URL=…">`) with next to no text of its own."""
    refresh = page.dom.find("meta", attrs={"http-equiv": re.compile("^refresh$", re.I)})
    content = str(refresh.get("content") or "") if refresh is not None else ""
    return "url=" in content.lower().replace(" ", "") and len(page.main_text.split()) < 40


def _lists_channels(page: PageSnapshot) -> bool:
    """At least two kinds of contact channel as section headings, and a phone number or
    email address on the page."""
    headings = [h.get_text(" ", strip=True) for h in page.dom.select("h2, h3, h4")]
    kinds = {k for h in headings for k, rx in _CHANNELS.items() if rx.match(h)}
    if len(kinds) < 2:
        return False
    routes = page.dom.select_one("a[href^='tel:'], a[href^='mailto:']")
    return routes is not None or bool(_SHOWN_NUMBER.search(page.main_text))


def is_release_notes(page: PageSnapshot) -> bool:
    """Release notes or a changelog (a news page whose entries are dated history)."""
    h1 = page.dom.find("h1")
    return bool(h1 and _CHANGELOG_HEADING.match(h1.get_text(" ", strip=True)))


def _kind_of_content(page: PageSnapshot, segments: list[str], heading: str, words: int) -> str:
    last = _stem(segments[-1]) if segments else ""
    parents = segments[:-1]
    if (page.status or 0) >= 400 or _ERROR.search(heading) or _ERROR.search(page.title):
        return "other"
    in_news = any(p in _NEWS_SECTIONS for p in parents)
    if (last in _COLLECTIONS and not in_news) or (parents and parents[-1] in _ARCHIVES):
        return "listing"
    if _is_organisation(last, parents, heading):
        return "other"
    in_help = any(s in _HELP_SECTIONS for s in parents)
    asks = in_help or bool(_QUESTION_HEADING.search(heading))
    if last in _EVENT_SEGMENTS and not asks:
        return "other"  # the landing page of the organisation's own event
    if any(_is_policy(s) for s in segments[-2:]) or (
        _POLICY_HEADING.match(heading) and not in_help
    ):
        return "policy-legal"
    if _is_news(page, parents, heading, words):
        return "news"
    if _FAQ.search(heading) or _FAQ.search(page.title) or _looks_like_faq(page):
        return "faq"
    links, entries, dated, prose, linked_headings = _main_links(page)
    share = prose / words if words else 0.0
    if dated >= LISTING_ITEMS and share < 0.5:
        return "listing"
    if linked_headings:  # cards: each section's heading links on to a page of its own
        return "listing" if linked_headings > HUB_CARDS else "hub"
    if links >= HUB_LINKS and share < LINK_PAGE_PROSE:
        return "listing" if links >= LISTING_LINKS else "hub"
    if heading and words >= 40 and not asks and _speaks_for_itself(page.main_text):
        return "other"  # the organisation about itself: a service, an event, its mission
    if heading and words >= 80:
        return "help-article"
    if heading and words >= 40 and asks:
        return "help-article"
    if heading and words >= GLOSSARY_WORDS and parents and parents[-1] in _GLOSSARY_SECTIONS:
        return "help-article"
    if entries >= SHORT_HUB_LINKS and words < 80:
        return "hub"  # a short landing page that sends the reader on
    return "other"


def _stem(segment: str) -> str:
    return re.sub(r"\.(html?|php|aspx?)$", "", segment)


def _is_organisation(last: str, parents: list[str], heading: str) -> bool:
    if last in _ORGANISATION_SEGMENTS or _ORGANISATION_HEADING.match(heading):
        return True
    if last.startswith(("over-", "about-")) or set(_TOKEN.findall(last)) & _JOB_WORDS:
        return True  # "over-het-programma", "vacature-plaatsen"
    if any(p in _JOB_SECTIONS for p in parents):
        return True  # a job posting
    return bool(parents) and parents[-1] in _PEOPLE_SECTIONS  # a person's profile


def _is_policy(segment: str) -> bool:
    tokens = set(_TOKEN.findall(_stem(segment)))
    return bool(tokens & _POLICY_CORE) and tokens <= _POLICY_WORDS


def _is_news(page: PageSnapshot, parents: list[str], heading: str, words: int) -> bool:
    if _CHANGELOG_HEADING.match(heading):
        return True
    if _DATED_PATH.search(urlsplit(page.final_url).path):
        return True
    return words >= 20 and any(p in _NEWS_SECTIONS for p in parents)


def _speaks_for_itself(text: str) -> bool:
    """Written in the organisation's voice ("we", "onze", "our") twice as much as to the
    reader ("u", "je", "you"): a page about the organisation, its services or events, not the
    answer to a customer's question."""
    words = len(text.split())
    we = len(_WE.findall(text))
    return words > 0 and we * 1000 >= WE_PER_MILLE * words and we >= 2 * len(_YOU.findall(text))


def _main_links(page: PageSnapshot) -> tuple[int, int, int, int, int]:
    """In the main content (outside its navigation): the links; the links in list items,
    table rows or cards (a hub's or listing's entries); how many of those entries show a
    date, as a listing's do; the words of prose, paragraphs with at least PROSE_WORDS words
    besides links; and how many of its section headings link on, as cards do (0 unless at
    least LINKED_HEADINGS and at least half of them do)."""
    from checks.findability.content import main_root  # checks import this module

    main = main_root(page)
    nav = {id(a) for el in main.select("nav, [role=navigation]") for a in el.select("a[href]")}
    links = [
        a
        for a in main.select("a[href]")
        if id(a) not in nav and a.get_text(strip=True) and not str(a["href"]).startswith("#")
    ]  # a table of contents links within the page: no entries
    entries: dict[int, bool] = {}
    for a in links:
        item = a.find_parent(["li", "tr", "article", "dt", "dd"])
        text = item.get_text(" ", strip=True) if item is not None else ""
        if item is not None and len(text) <= ENTRY_CHARS:
            entries[id(item)] = bool(_DATE.search(text))
    prose = 0
    for block in main.select("p, dd, li, td"):
        if block.find(["p", "li", "ul", "ol", "table"]):
            continue
        linked = sum(len(a.get_text(" ", strip=True).split()) for a in block.select("a"))
        own = len(block.get_text(" ", strip=True).split()) - linked
        if own >= PROSE_WORDS:
            prose += own
    headings = main.select("h2, h3")
    linked = [h for h in headings if _links_on(h)]
    cards = (
        len(linked) if len(linked) >= LINKED_HEADINGS and len(linked) * 2 >= len(headings) else 0
    )
    return len(links), len(entries), sum(entries.values()), prose, cards


def _links_on(heading: Tag) -> bool:
    """A heading that is a link to another page, or sits inside one (a card)."""
    anchors = [*heading.select("a[href]"), heading.find_parent("a", href=True)]
    return any(a is not None and not str(a["href"]).startswith("#") for a in anchors)


def _looks_like_faq(page: PageSnapshot) -> bool:
    """Mostly questions as headings or disclosure summaries: a question-and-answer list.

    Plain-language articles often use a few question headings ("Krijgt u geld terug?"), so
    a page counts as a FAQ only when at least four of them are questions and they are at
    least two thirds of its headings.
    """
    headings = [el.get_text(" ", strip=True) for el in page.dom.select("h2, h3, h4, summary, dt")]
    questions = [h for h in headings if _QUESTION_HEADING.search(h)]
    return len(questions) >= 4 and len(questions) * 3 >= len(headings) * 2
