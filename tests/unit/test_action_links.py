"""Action links (never requested) vs articles about those actions (audited)."""

from __future__ import annotations

import asyncio

import pytest

from auditor import request_guard
from auditor.action_links import is_action_link, tokens
from auditor.request_guard import RequestGuard

SITE = "https://example.nl"

ACTIONS = [
    "/account/opheffen",
    "/subscription/cancel",
    "/subscription/cancel/",
    "/logoff",
    "/logout.php",
    "/log-out",
    "/account/signOut",
    "/account/close",
    "/account/delete",
    "/wis-mijn-gegevens",
    "/delete-account",
    "/delete-my-account",
    "/cancel-subscription",
    "/account/remove_account",
    "/nl/opzeggen",
    "/help/opzeggen",  # a bare verb is an action, also below an article section
    "/abonnement/beëindigen",
    "/abonnement/be%C3%ABindigen",
    "/nieuwsbrief/afmelden",
    "/bestand/verwijderen/12",
    "/unsubscribe/7f3a9c21e8b04d6a",
    "/orders/12/cancel",
    "/settings?action=delete",
    "/newsletter?confirm=1",
    "/item?id=3&delete=true",
    "/nieuwsbrief?do=unsubscribe",
    "/mijn?logout",
    "/a?cmd=signOut",
    "/img/pixel.gif?unsubscribe=1",
]

ARTICLES = [
    "/hulp/abonnement-opzeggen",
    "/help/how-to-cancel-your-subscription",
    "/help/delete-your-account",
    "/faq/account-verwijderen",
    "/blog/cancel-culture-is-overrated",
    "/cancel-culture-is-overrated",
    "/hoe-kan-ik-opzeggen",
    "/abonnement-opzeggen",  # Dutch titles put the verb last
    "/help/cancellation-policy",
    "/deleted-scenes",
    "/account",
    "/closed-on-sundays",
    "/nieuws/2024/stopzetting-dienst",
    "/help/inloggen",
    "/artikelen/stop-met-roken",
    "/",
    "/search?page=2",
    "/zoeken?q=meterstand&page=2",
    "/help?topic=cancellation",
    "/help#logout",
    "/icons/close.svg",  # a static file or document does nothing
    "/js/delete.js",
    "/formulieren/opzeggen.pdf",
]


@pytest.mark.parametrize("path", ACTIONS)
def test_action_links(path: str) -> None:
    assert is_action_link(SITE + path)


@pytest.mark.parametrize("path", ARTICLES)
def test_articles_and_pages_are_no_action(path: str) -> None:
    assert not is_action_link(SITE + path)


def test_extra_words_are_action_words() -> None:
    assert not is_action_link(f"{SITE}/abonnement/pauzeren")
    assert is_action_link(f"{SITE}/abonnement/pauzeren", ("pauzeren",))
    assert is_action_link(f"{SITE}/winkelwagen?do=pauzeren", ("pauzeren",))
    assert not is_action_link(f"{SITE}/help/hoe-pauzeren-werkt", ("pauzeren",))


def test_off_site_and_odd_urls() -> None:
    assert is_action_link("http://localhost:8080/account/close")
    assert not is_action_link("http://[broken/logout")  # not a URL: nothing to request
    assert not is_action_link("https://logout.example.nl/help")  # the host is not the action


def test_tokens_fold_accents_and_split_camel_case() -> None:
    assert tokens("wisMijn_Gegevens.html") == ("wis", "mijn", "gegevens", "html")
    assert tokens("beëindigen") == ("beeindigen",)


class _Request:
    def __init__(self, url: str, navigation: bool) -> None:
        self.url, self.method, self._navigation = url, "GET", navigation

    def is_navigation_request(self) -> bool:
        return self._navigation

    @property
    def frame(self) -> None:
        raise RuntimeError("a worker's request has no frame")


class _Route:
    def __init__(self, url: str, navigation: bool = False) -> None:
        self.request = _Request(url, navigation)
        self.outcome = ""

    async def abort(self, reason: str) -> None:
        self.outcome = f"abort {reason}"

    async def fallback(self) -> None:
        self.outcome = "fallback"


@pytest.mark.parametrize(
    ("url", "navigation", "outcome"),
    [
        (f"{SITE}/account/delete", False, "abort blockedbyclient"),  # an image, a fetch
        (f"{SITE}/logout", True, "abort aborted"),  # a script's navigation: the page stays
        (f"{SITE}/abonnement/pauzeren", True, "abort aborted"),  # deny_links
        (f"{SITE}/start?confirm=1", True, "fallback"),  # a start URL: the user chose it
        (f"{SITE}/hulp/abonnement-opzeggen", True, "fallback"),
        ("https://elders.nl/logout", False, "fallback"),  # not the audited site
    ],
)
def test_the_browser_guard_aborts_action_links_on_the_audited_site(
    url: str, navigation: bool, outcome: str
) -> None:
    guard = RequestGuard(
        {SITE}, action_words=("pauzeren",), start_urls=(f"{SITE}/start?confirm=1",)
    )
    route = _Route(url, navigation)
    asyncio.run(guard.handle(route))  # type: ignore[arg-type]
    assert route.outcome == outcome


def test_a_redirect_hop_to_an_action_link_is_refused_and_counted() -> None:
    """The per-page Fetch hook asks for every document, redirect hops included."""

    class _Page:  # stands in for a Playwright page as the key of its traffic
        pass

    guard = RequestGuard({SITE}, start_urls=(f"{SITE}/start",))
    page = _Page()
    traffic = request_guard.begin(page)  # type: ignore[arg-type]
    assert guard.refuse_document(page, f"{SITE}/uitloggen")  # type: ignore[arg-type]
    assert not guard.refuse_document(page, f"{SITE}/help/how-to-log-out")  # type: ignore[arg-type]
    assert not guard.refuse_document(page, "https://elders.nl/logout")  # type: ignore[arg-type]
    assert traffic.blocked == 1
