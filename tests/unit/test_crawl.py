"""The crawl frontier: scope, order, caps, filters and skip reasons."""

from __future__ import annotations

import pytest

from auditor.crawl import CrawlItem, Frontier, action_link_guard
from auditor.model import SkippedUrl
from auditor.robots import RobotsPolicy

SITE = "https://example.nl"


def drain(frontier: Frontier) -> list[CrawlItem]:
    items = []
    while (item := frontier.next()) is not None:
        items.append(item)
    return items


def urls(items: list[CrawlItem]) -> list[str]:
    return [item.url for item in items]


def reasons(frontier: Frontier) -> dict[str, str]:
    return {s.url: s.reason for s in frontier.skipped}


def test_start_url_is_handed_out_first_and_normalized() -> None:
    frontier = Frontier(["HTTPS://Example.nl#top"])
    assert frontier.next() == CrawlItem("https://example.nl/", 0, "start")
    assert frontier.next() is None


def test_start_url_must_be_http() -> None:
    with pytest.raises(ValueError, match="http"):
        Frontier(["ftp://example.nl/"])


def test_other_origins_and_non_http_links_are_ignored_silently() -> None:
    frontier = Frontier([f"{SITE}/"])
    assert not frontier.add("https://other.example/page", 1)
    assert not frontier.add("http://example.nl/page", 1)  # other scheme
    assert not frontier.add("https://www.example.nl/page", 1)  # other host
    assert not frontier.add("https://example.nl:8443/page", 1)  # other port
    assert not frontier.add("mailto:help@example.nl", 1)
    assert not frontier.add("tel:+31201234567", 1)
    assert not frontier.add("javascript:void(0)", 1)
    assert frontier.add(f"{SITE}/contact", 1)
    assert frontier.skipped == []
    assert frontier.discovered == 2
    assert urls(drain(frontier)) == [f"{SITE}/", f"{SITE}/contact"]


def test_path_prefix_limits_scope_but_not_the_start_url() -> None:
    frontier = Frontier([f"{SITE}/klantenservice/"], path_prefix="/klantenservice/")
    assert not frontier.add(f"{SITE}/shop", 1)
    assert frontier.add(f"{SITE}/klantenservice/faq", 1)
    assert frontier.in_scope(f"{SITE}/klantenservice/contact")
    assert not frontier.in_scope(f"{SITE}/over-ons")
    assert frontier.skipped == []

    frontier = Frontier([f"{SITE}/"], path_prefix="/help/")
    assert frontier.next() == CrawlItem(f"{SITE}/", 0, "start")


def test_breadth_first_lowest_depth_then_insertion_order() -> None:
    frontier = Frontier([f"{SITE}/"])
    assert frontier.next().url == f"{SITE}/"
    frontier.add(f"{SITE}/a", 1)
    frontier.add(f"{SITE}/a/deep", 2)
    frontier.add(f"{SITE}/b", 1)
    frontier.add(f"{SITE}/sitemap-page", 1, source="sitemap")
    frontier.add(f"{SITE}/c", 1)
    items = drain(frontier)
    assert [(i.url, i.depth) for i in items] == [
        (f"{SITE}/a", 1),
        (f"{SITE}/b", 1),
        (f"{SITE}/sitemap-page", 1),
        (f"{SITE}/c", 1),
        (f"{SITE}/a/deep", 2),
    ]
    assert items[2].source == "sitemap"


def test_shallower_path_moves_a_queued_url_forward() -> None:
    frontier = Frontier([f"{SITE}/"])
    frontier.next()
    frontier.add(f"{SITE}/a", 1)
    frontier.add(f"{SITE}/x", 3)
    assert frontier.add(f"{SITE}/x", 1)
    assert not frontier.add(f"{SITE}/x", 2)
    assert [(i.url, i.depth) for i in drain(frontier)] == [(f"{SITE}/a", 1), (f"{SITE}/x", 1)]


def test_duplicates_are_audited_once() -> None:
    frontier = Frontier([f"{SITE}/"])
    assert not frontier.add(f"{SITE}/#main", 1)  # the start URL again
    assert frontier.add(f"{SITE}/faq?b=1&a=2", 1)
    assert not frontier.add(f"{SITE}/faq?a=2&b=1&utm_source=mail#q3", 1)
    assert not frontier.add("HTTPS://EXAMPLE.NL:443/faq?a=2&b=1", 2)
    items = drain(frontier)
    assert urls(items) == [f"{SITE}/", f"{SITE}/faq?a=2&b=1"]
    assert not frontier.add(f"{SITE}/faq?a=2&b=1", 1)  # already handed out
    assert frontier.next() is None
    assert frontier.discovered == 2


def test_max_pages_cuts_and_counts_not_audited() -> None:
    frontier = Frontier([f"{SITE}/"], max_pages=3)
    for name in "abcde":
        frontier.add(f"{SITE}/{name}", 1)
    assert frontier.not_audited == 0  # the cap is not reached yet
    assert urls(drain(frontier)) == [f"{SITE}/", f"{SITE}/a", f"{SITE}/b"]
    assert frontier.next() is None
    assert frontier.not_audited == 3
    frontier.add(f"{SITE}/f", 2)
    assert frontier.not_audited == 4
    assert frontier.discovered == 7


def test_max_pages_not_reached_means_nothing_left_unaudited() -> None:
    frontier = Frontier([f"{SITE}/"], max_pages=10)
    frontier.add(f"{SITE}/a", 1)
    assert len(drain(frontier)) == 2
    assert frontier.not_audited == 0


def test_max_depth_skips_with_reason() -> None:
    frontier = Frontier([f"{SITE}/"], max_depth=1)
    assert frontier.add(f"{SITE}/a", 1)
    assert not frontier.add(f"{SITE}/a/b", 2)
    assert frontier.skipped == [SkippedUrl(f"{SITE}/a/b", "deeper than --max-depth")]
    assert urls(drain(frontier)) == [f"{SITE}/", f"{SITE}/a"]
    assert frontier.discovered == 3


def test_too_deep_url_reached_by_a_shorter_path_is_audited_after_all() -> None:
    frontier = Frontier([f"{SITE}/"], max_depth=1)
    assert not frontier.add(f"{SITE}/x", 2)
    assert frontier.add(f"{SITE}/x", 1)
    assert frontier.skipped == []
    assert urls(drain(frontier)) == [f"{SITE}/", f"{SITE}/x"]
    assert frontier.discovered == 2


@pytest.mark.parametrize("pattern", ["/intern/*", "*/intern/*", "https://example.nl/intern/*"])
def test_exclude_globs_match_url_or_path(pattern: str) -> None:
    frontier = Frontier([f"{SITE}/"], exclude=[pattern])
    assert not frontier.add(f"{SITE}/intern/rapport", 1)
    assert frontier.add(f"{SITE}/internet", 1)
    assert frontier.add(f"{SITE}/help/intern", 1)
    assert reasons(frontier) == {f"{SITE}/intern/rapport": "excluded by --exclude"}


def test_include_globs_and_start_url_exemption() -> None:
    frontier = Frontier([f"{SITE}/"], include=["/help/*", "*.pdf"])
    assert frontier.add(f"{SITE}/help/faq", 1)
    assert frontier.add(f"{SITE}/docs/voorwaarden.pdf", 1)
    assert not frontier.add(f"{SITE}/shop/tv", 1)
    assert reasons(frontier) == {f"{SITE}/shop/tv": "not matched by --include"}
    assert urls(drain(frontier)) == [
        f"{SITE}/",
        f"{SITE}/help/faq",
        f"{SITE}/docs/voorwaarden.pdf",
    ]


def test_action_links_are_skipped_with_reason() -> None:
    frontier = Frontier([f"{SITE}/"])
    assert not frontier.add(f"{SITE}/account/logout", 1)
    assert not frontier.add(f"{SITE}/subscription/cancel", 1, text="Manage")
    assert not frontier.add(f"{SITE}/nieuwsbrief?confirm=1", 1)
    assert frontier.add(f"{SITE}/hulp/abonnement-opzeggen", 1, text="Abonnement opzeggen")
    assert frontier.add(f"{SITE}/account/x7", 1, text="Uitloggen")  # the text is not read
    assert frontier.add(f"{SITE}/deleted-scenes-faq", 1)
    assert reasons(frontier) == {
        f"{SITE}/account/logout": "destructive-looking link",
        f"{SITE}/subscription/cancel": "destructive-looking link",
        f"{SITE}/nieuwsbrief?confirm=1": "destructive-looking link",
    }


def test_own_action_words() -> None:
    frontier = Frontier([f"{SITE}/"], is_action=action_link_guard(("pauzeren",)))
    assert not frontier.add(f"{SITE}/abonnement/pauzeren", 1)
    assert not frontier.add(f"{SITE}/logout", 1)  # the built-in words stay


def test_another_guard_may_read_the_link_text() -> None:
    frontier = Frontier([f"{SITE}/"], is_action=lambda _url, text: text == "Annuleren")
    assert not frontier.add(f"{SITE}/aanvraag/12", 1, text="Annuleren")
    assert frontier.add(f"{SITE}/logout", 1)


def test_robots_disallowed_links_are_skipped_with_reason() -> None:
    robots = RobotsPolicy()
    robots.set_rules(SITE, "User-agent: *\nDisallow: /mijn/\n")
    frontier = Frontier([f"{SITE}/"], robots=robots)
    assert not frontier.add(f"{SITE}/mijn/gegevens", 1)
    assert frontier.add(f"{SITE}/help", 1)
    assert reasons(frontier) == {f"{SITE}/mijn/gegevens": "robots.txt disallows"}


def test_robots_can_stop_a_start_url() -> None:
    robots = RobotsPolicy()
    robots.set_rules(SITE, "User-agent: *\nDisallow: /\n")
    frontier = Frontier([f"{SITE}/"], robots=robots)
    assert frontier.next() is None
    assert reasons(frontier) == {f"{SITE}/": "robots.txt disallows"}
    assert frontier.discovered == 1


def test_add_origin_widens_scope() -> None:
    frontier = Frontier(["https://example.nl/"])
    assert not frontier.add("https://www.example.nl/help", 1)
    frontier.add_origin("https://WWW.example.nl/")
    assert frontier.origins == {"https://example.nl", "https://www.example.nl"}
    assert frontier.add("https://www.example.nl/contact", 1)
    assert urls(drain(frontier)) == ["https://example.nl/", "https://www.example.nl/contact"]


def test_mark_seen_prevents_a_second_audit_of_a_redirect_target() -> None:
    frontier = Frontier([f"{SITE}/"])
    frontier.next()
    frontier.add(f"{SITE}/oud", 1)
    frontier.add(f"{SITE}/nieuw", 1)
    assert frontier.next().url == f"{SITE}/oud"
    assert not frontier.mark_seen(f"{SITE}/nieuw#x")  # /oud redirected there; already queued
    assert frontier.mark_seen(f"{SITE}/elders")
    assert not frontier.add(f"{SITE}/elders", 1)
    assert frontier.next() is None
    assert frontier.discovered == 3


def test_multiple_start_urls_are_all_in_scope() -> None:
    frontier = Frontier(["https://example.nl/", "http://127.0.0.1:8000/"], max_pages=5)
    assert frontier.add("http://127.0.0.1:8000/help", 1)
    assert frontier.add("https://example.nl/help", 1)
    assert [(i.url, i.depth, i.source) for i in drain(frontier)] == [
        ("https://example.nl/", 0, "start"),
        ("http://127.0.0.1:8000/", 0, "start"),
        ("http://127.0.0.1:8000/help", 1, "link"),
        ("https://example.nl/help", 1, "link"),
    ]


@pytest.mark.parametrize(("kwargs"), [{"max_pages": 0}, {"max_depth": -1}])
def test_invalid_limits_are_refused(kwargs: dict[str, int]) -> None:
    with pytest.raises(ValueError, match="max_"):
        Frontier([f"{SITE}/"], **kwargs)
