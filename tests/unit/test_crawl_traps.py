"""Crawl-trap protection: traps found by how they grow (self-feeding chains, paths that
repeat), path patterns, the per-pattern and per-path query caps, the settings."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

import pytest
from click.testing import CliRunner

from auditor.config import AuditConfig, ConfigError
from auditor.config_file import load_config
from auditor.crawl import SKIP_TRAP, Frontier
from auditor.urls import path_pattern

SITE = "https://example.nl"


def drain(frontier: Frontier) -> list[str]:
    urls = []
    while (item := frontier.next()) is not None:
        urls.append(item.url)
    return urls


def reasons(frontier: Frontier) -> dict[str, str]:
    return {s.url: s.reason for s in frontier.skipped}


@pytest.mark.parametrize(
    ("path", "pattern"),
    [
        ("/agenda/2026/11", "/agenda/#/#"),
        ("/agenda/2027/3/", "/agenda/#/#/"),
        ("/nieuws/2026-11-24/storing", "/nieuws/#-#-#/storing"),
        ("/nieuws/12-nov-2025", "/nieuws/#-#-#"),
        ("/agenda/maart/2026", "/agenda/#/#"),
        ("/events/Monday", "/events/#"),
        ("/shop/item-42", "/shop/item-#"),
        ("/order/550e8400-e29b-41d4-a716-446655440000/status", "/order/#/status"),
        ("/p/a3f9b2c1d4e5", "/p/#"),
        (
            "/hc/nl/articles/360012345-Hoe-wijzig-ik-mijn-adres",
            "/hc/nl/articles/#-Hoe-wijzig-ik-mijn-adres",
        ),
        ("/over-ons/contact", "/over-ons/contact"),
        ("/facade/deadbeef", "/facade/deadbeef"),  # hex words without digits stay
        ("/", "/"),
    ],
)
def test_path_pattern(path: str, pattern: str) -> None:
    assert path_pattern(path) == pattern


def crawl(frontier: Frontier, site: Callable[[str], list[str]], pages: int = 1000) -> list[str]:
    """Breadth-first like the engine: each handed-out page's links (site(url)) are followed."""
    audited = []
    while len(audited) < pages and (item := frontier.next()) is not None:
        audited.append(item.url)
        frontier.follow(item.url, item.depth, ((href, "") for href in site(item.url)))
    return audited


NAV = [f"{SITE}/", f"{SITE}/contact", f"{SITE}/artikelen"]


def help_centre(url: str) -> list[str]:
    """600 numbered articles on 30 listing pages (?pagina=N links to the next); every
    article links to the next and previous article and to three it is related to."""
    path = urlsplit(url).path
    query = urlsplit(url).query
    if path == "/":
        return NAV
    if path == "/artikelen":
        page = int(query.partition("=")[2] or 1)
        items = [f"{SITE}/artikel/{n:04}.html" for n in range(page * 20 - 19, page * 20 + 1)]
        more = [f"{SITE}/artikelen?pagina={page + 1}"] if page < 30 else []
        return [*NAV, *items, *more]
    if path.startswith("/artikel/"):
        n = int(path[9:13])
        near = [n - 1, n + 1, n + 40, n + 80, n + 120]
        return [*NAV, *(f"{SITE}/artikel/{m:04}.html" for m in near if 1 <= m <= 600)]
    return NAV


def calendar(url: str) -> list[str]:
    """A month links to the previous and next month and the same month next year, forever."""
    path = urlsplit(url).path
    if not path.startswith("/agenda/"):
        return [*NAV, f"{SITE}/agenda/2026/11"]
    year, month = (int(x) for x in path.split("/")[2:4])

    def month_url(y: int, m: int) -> str:
        return f"{SITE}/agenda/{y + (m - 1) // 12}/{(m - 1) % 12 + 1}"

    return [
        *NAV,
        month_url(year, month - 1),
        month_url(year, month + 1),
        month_url(year + 1, month),
    ]


def test_hundreds_of_numbered_articles_are_audited_in_full() -> None:
    """The old fixed cap (50 URLs per pattern) silently dropped 550 of these articles."""
    frontier = Frontier([f"{SITE}/"], max_pages=1000, max_depth=100)
    audited = crawl(frontier, help_centre)
    articles = [u for u in audited if "/artikel/" in u]
    assert len(articles) == 600
    assert len([u for u in audited if "pagina=" in u]) == 29
    # "next article" chains were cut at first, then the listing linked those articles
    assert frontier.skipped == []


def test_max_pages_still_bounds_a_big_site_and_says_what_is_left() -> None:
    frontier = Frontier([f"{SITE}/"], max_pages=100, max_depth=100)
    assert len(crawl(frontier, help_centre)) == 100
    assert frontier.not_audited > 0


def test_a_calendar_that_feeds_only_itself_is_cut() -> None:
    frontier = Frontier([f"{SITE}/"], max_depth=100)
    audited = crawl(frontier, calendar)
    months = [u for u in audited if "/agenda/" in u]
    # 2026/11 and the months it found, then two generations found by months only: 1+3+5+7
    assert len(months) == 16
    cut = [s for s in frontier.skipped if "/agenda/" in s.url]
    assert cut and all(
        s.reason == "crawl trap: more than 2 pages like /agenda/#/# in a row that link to "
        "nothing new but more of themselves"
        for s in cut
    )
    assert frontier.next() is None  # the crawl ended: the trap did not eat the budget


def test_a_paged_listing_is_no_trap_while_each_page_finds_new_articles() -> None:
    """Listing pages link to more listing pages (one chain), but each finds new articles."""

    def listing(url: str) -> list[str]:
        if "/lijst/" not in url:
            return []
        page = int(urlsplit(url).path.rpartition("/")[2])
        articles = [f"{SITE}/help/vraag-{page}-{n}" for n in range(3)]
        return [f"{SITE}/lijst/{page + 1}", *articles] if page < 40 else articles

    frontier = Frontier([f"{SITE}/lijst/0"], max_pages=1000, max_depth=1000)
    audited = crawl(frontier, listing)
    assert len([u for u in audited if "/lijst/" in u]) == 41
    assert frontier.skipped == []


def test_pages_that_link_only_to_the_next_empty_page_are_cut() -> None:
    def next_only(url: str) -> list[str]:
        n = int(urlsplit(url).path.rpartition("/")[2])
        return [f"{SITE}/dag/{n + 1}"]

    frontier = Frontier([f"{SITE}/dag/1"], max_depth=1000)
    assert len(crawl(frontier, next_only)) == 1 + 3  # the start, then three in a row
    assert [s.url for s in frontier.skipped] == [f"{SITE}/dag/5"]


def test_a_path_that_repeats_itself_is_cut() -> None:
    """A relative link on /help/faq/ ("help/faq/") nests for ever."""

    def nesting(url: str) -> list[str]:
        return [url.rstrip("/") + "/help/faq/"]

    frontier = Frontier([f"{SITE}/help/faq/"], max_depth=1000)
    assert crawl(frontier, nesting) == [f"{SITE}/help/faq/", f"{SITE}/help/faq/help/faq/"]
    assert frontier.skipped[0].reason == "crawl trap: the path repeats 'help' 3 times or more"
    # numbers do not count: dated paths repeat them
    assert frontier.add(f"{SITE}/nieuws/2020/10/10/10", 1)
    # and a sitemap URL is never cut
    assert frontier.add(f"{SITE}/a/b/a/b/a/b", 1, source="sitemap")


def test_a_calendar_is_cut_after_max_urls_per_pattern() -> None:
    frontier = Frontier([f"{SITE}/"], max_urls_per_pattern=3, max_depth=100)
    frontier.next()
    queued = [frontier.add(f"{SITE}/agenda/2026/{month}", 1) for month in range(1, 7)]
    assert queued == [True, True, True, False, False, False]
    assert reasons(frontier)[f"{SITE}/agenda/2026/4"] == (
        "crawl trap: more than 3 URLs like /agenda/#/# (--max-urls-per-pattern)"
    )
    # other patterns, and the same pattern on another path, are counted on their own
    assert frontier.add(f"{SITE}/agenda/2026/11/24", 1)
    assert frontier.add(f"{SITE}/nieuws/2026/11", 1)
    assert frontier.add(f"{SITE}/contact", 1)
    assert drain(frontier) == [
        f"{SITE}/agenda/2026/1",
        f"{SITE}/agenda/2026/2",
        f"{SITE}/agenda/2026/3",
        f"{SITE}/agenda/2026/11/24",
        f"{SITE}/nieuws/2026/11",
        f"{SITE}/contact",
    ]
    # a cut URL stays cut: found again, it is neither queued nor listed twice
    assert not frontier.add(f"{SITE}/agenda/2026/5", 1)
    assert len(frontier.skipped) == 3
    assert frontier.discovered == 1 + 6 + 3


def test_query_variants_found_by_a_self_feeding_page_are_capped_per_path() -> None:
    """Filters whose pages link to nothing new but more filter combinations (chain >= 1)."""
    frontier = Frontier([f"{SITE}/"], max_query_variants=2)
    assert frontier.add(f"{SITE}/zoeken", 1)  # the path itself is no query variant
    assert frontier.add(f"{SITE}/zoeken?q=a", 1, chain=1)
    assert frontier.add(f"{SITE}/zoeken?q=b", 1, chain=1)
    assert not frontier.add(f"{SITE}/zoeken?q=c", 1, chain=1)
    assert not frontier.add(f"{SITE}/zoeken?sort=asc&q=a", 1, chain=2)
    assert frontier.add(f"{SITE}/winkel?kleur=rood", 1, chain=1)  # another path
    # parameter order and tracking parameters do not make new variants
    assert not frontier.add(f"{SITE}/zoeken?utm_source=x&q=a", 1, chain=1)
    assert reasons(frontier)[f"{SITE}/zoeken?q=c"] == (
        "crawl trap: more than 2 query variants of /zoeken (--max-query-variants)"
    )
    assert all(r.startswith(SKIP_TRAP) for r in reasons(frontier).values())
    # a page outside the chain (a listing that finds new articles) links a cut variant
    assert frontier.add(f"{SITE}/zoeken?q=c", 1)
    assert f"{SITE}/zoeken?q=c" not in reasons(frontier)
    # paging through a listing is not capped: each page found something new
    assert all(frontier.add(f"{SITE}/nieuws?pagina={n}", 1) for n in range(50))


def test_limits_of_zero_turn_the_protection_off() -> None:
    frontier = Frontier([f"{SITE}/"], max_urls_per_pattern=0, max_query_variants=0)
    assert all(frontier.add(f"{SITE}/agenda/2026/{n}?view={n}", 1) for n in range(200))
    assert frontier.skipped == []


def test_sitemap_urls_count_but_are_never_cut() -> None:
    frontier = Frontier([f"{SITE}/"], max_urls_per_pattern=2)
    for n in range(5):
        assert frontier.add(f"{SITE}/artikel/{n}", 1, source="sitemap")
    assert not frontier.add(f"{SITE}/artikel/99", 2)  # a link: the pattern is full


def test_other_skip_reasons_come_first_and_do_not_count() -> None:
    frontier = Frontier([f"{SITE}/"], max_urls_per_pattern=2, exclude=["*/oud/*"], max_depth=2)
    assert not frontier.add(f"{SITE}/agenda/oud/1", 1)
    assert not frontier.add(f"{SITE}/agenda/2026/1", 3)  # too deep
    assert reasons(frontier) == {
        f"{SITE}/agenda/oud/1": "excluded by --exclude",
        f"{SITE}/agenda/2026/1": "deeper than --max-depth",
    }
    assert frontier.add(f"{SITE}/agenda/2026/2", 1)
    assert frontier.add(f"{SITE}/agenda/2026/1", 2)  # reached at an allowed depth: counts now
    assert not frontier.add(f"{SITE}/agenda/2026/3", 1)


def test_start_urls_are_never_cut() -> None:
    starts = [f"{SITE}/agenda/2026/{n}" for n in range(4)]
    frontier = Frontier(starts, max_urls_per_pattern=1)
    assert drain(frontier) == starts


def test_off_site_redirects_are_listed_as_skipped() -> None:
    frontier = Frontier([f"{SITE}/"])
    frontier.skip(f"{SITE}/login#x", "redirects off-site to https://login.example.com/")
    assert reasons(frontier) == {
        f"{SITE}/login": "redirects off-site to https://login.example.com/"
    }


def test_a_redirect_to_a_page_already_audited_is_not_audited_twice() -> None:
    """`/app/` audited first, then `/app` (which redirects there): the second is skipped and
    listed. The other way round, the redirect's final URL is not queued again."""
    from auditor.crawl import CrawlItem
    from auditor.engine import Audit

    frontier = Frontier([f"{SITE}/"])
    frontier.add(f"{SITE}/app/", 1)
    frontier.add(f"{SITE}/app", 1)
    handed = [frontier.next(), frontier.next(), frontier.next()]
    assert [i.url for i in handed if i] == [f"{SITE}/", f"{SITE}/app/", f"{SITE}/app"]
    assert Audit._advance(frontier, CrawlItem(f"{SITE}/app/", 1, "link"), f"{SITE}/app/") == ""
    assert Audit._advance(frontier, CrawlItem(f"{SITE}/app", 1, "link"), f"{SITE}/app/") == (
        f"redirects to a page already audited: {SITE}/app/"
    )
    other = Frontier([f"{SITE}/"])
    other.add(f"{SITE}/oud", 1)
    other.add(f"{SITE}/nieuw", 1)
    assert other.next() is not None and other.next() is not None  # "/" and "/oud"
    assert Audit._advance(other, CrawlItem(f"{SITE}/oud", 1, "link"), f"{SITE}/nieuw") == ""
    assert other.next() is None  # /nieuw was audited as /oud's final URL


def test_settings_defaults_validation_and_file(tmp_path) -> None:
    config = AuditConfig((f"{SITE}/",))
    assert (config.max_urls_per_pattern, config.max_query_variants) == (0, 20)
    assert config.to_dict()["max_urls_per_pattern"] == 0
    with pytest.raises(ConfigError, match="--max-query-variants must be 0 or more"):
        AuditConfig((f"{SITE}/",), max_query_variants=-1)
    path = tmp_path / "cx-audit.toml"
    path.write_text("max-urls-per-pattern = 10\nmax_query_variants = 0\n")
    assert load_config(path, {}).values == {"max_urls_per_pattern": 10, "max_query_variants": 0}
    path.write_text("max_urls_per_pattern = 'many'\n")
    with pytest.raises(ConfigError, match="max_urls_per_pattern must be a whole number"):
        load_config(path, {})


def test_command_line_flags(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    from auditor import cli

    monkeypatch.chdir(tmp_path)  # no settings file found
    seen: list[AuditConfig] = []

    def stop(config: AuditConfig) -> None:
        seen.append(config)
        raise SystemExit(0)

    monkeypatch.setattr(cli, "execute_audit", stop)
    flags = ["--max-urls-per-pattern", "7", "--max-query-variants", "3"]
    result = CliRunner().invoke(cli.main, ["audit", f"{SITE}/", *flags])
    assert result.exit_code == 0, result.output
    assert (seen[0].max_urls_per_pattern, seen[0].max_query_variants) == (7, 3)
