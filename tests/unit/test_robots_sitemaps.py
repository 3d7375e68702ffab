"""robots.txt and sitemaps, fetched over HTTP from a local server."""

from __future__ import annotations

import asyncio
import gzip
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TypeVar

import httpx
import pytest

from auditor import robots as robots_module
from auditor.robots import (
    RobotsPolicy,
    SitemapEntry,
    load_robots,
    sitemap_entries,
    sitemap_urls,
)
from tests.servers import LocalServer

T = TypeVar("T")
TEXT = {"Content-Type": "text/plain"}
XML = {"Content-Type": "application/xml"}
UA = "Mozilla/5.0 (compatible; cx-audit/0.1)"


def run(action: Callable[[httpx.AsyncClient], Awaitable[T]]) -> T:
    async def main() -> T:
        async with httpx.AsyncClient(trust_env=False, timeout=5) as client:
            return await action(client)

    return asyncio.run(main())


def load(server: LocalServer) -> RobotsPolicy:
    policy = RobotsPolicy()
    run(lambda client: load_robots(client, server.url, UA, policy))
    return policy


def urlset(*locs: str | tuple[str, str]) -> str:
    items = []
    for loc in locs:
        url, lastmod = loc if isinstance(loc, tuple) else (loc, None)
        extra = f"<lastmod>{lastmod}</lastmod>" if lastmod else ""
        items.append(f"<url><loc>{url}</loc>{extra}</url>")
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"{''.join(items)}</urlset>"
    )


def sitemapindex(*locs: str) -> str:
    items = "".join(f"<sitemap><loc>{loc}</loc></sitemap>" for loc in locs)
    return (
        f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{items}</sitemapindex>'
    )


# ------------------------------------------------------------------------------ robots.txt


def test_disallow_rules_are_honoured_for_our_product_token() -> None:
    robots_txt = (
        "User-agent: *\nDisallow: /intern/\n\n"
        "User-agent: cx-audit\nDisallow: /mijn/\nAllow: /mijn/help\n"
    )
    with LocalServer({"/robots.txt": (200, TEXT, robots_txt)}) as server:
        policy = load(server)
        assert policy.is_loaded(server.url)
        assert not policy.allowed(f"{server.url}/mijn/gegevens")
        assert policy.allowed(f"{server.url}/mijn/help")
        assert policy.allowed(f"{server.url}/intern/x")  # the cx-audit group replaces "*"
        assert policy.allowed(f"{server.url}/")
    assert server.requests == [("GET", "/robots.txt")]


def test_star_group_applies_when_no_group_names_us() -> None:
    robots_txt = "User-agent: googlebot\nDisallow: /\n\nUser-agent: *\nDisallow: /intern/\n"
    with LocalServer({"/robots.txt": (200, TEXT, robots_txt)}) as server:
        policy = load(server)
        assert not policy.allowed(f"{server.url}/intern/rapport")
        assert policy.allowed(f"{server.url}/help")


def test_missing_robots_txt_allows_everything() -> None:
    with LocalServer() as server:
        policy = load(server)
        assert policy.is_loaded(server.url)
        assert policy.allowed(f"{server.url}/anything")
        assert policy.sitemaps(server.url) == []


@pytest.mark.parametrize("status", [500, 503, 429])
def test_server_error_disallows_everything(status: int) -> None:
    with LocalServer({"/robots.txt": (status, TEXT, "oops")}) as server:
        policy = load(server)
        assert not policy.allowed(f"{server.url}/")
        assert not policy.allowed(f"{server.url}/help")


def test_robots_redirect_is_followed() -> None:
    routes = {
        "/robots.txt": (301, {"Location": "/robots-live.txt"}, ""),
        "/robots-live.txt": (200, TEXT, "User-agent: *\nDisallow: /admin\n"),
    }
    with LocalServer(routes) as server:
        policy = load(server)
        assert not policy.allowed(f"{server.url}/admin")


def test_origins_not_loaded_are_allowed() -> None:
    policy = RobotsPolicy()
    policy.set_rules("https://example.nl", "User-agent: *\nDisallow: /\n")
    assert not policy.allowed("https://example.nl/x")
    assert policy.allowed("https://www.example.nl/x")
    assert not policy.is_loaded("https://www.example.nl")


def test_unreachable_host_disallows_everything_and_says_why() -> None:
    with LocalServer() as server:
        url = server.url
    policy = RobotsPolicy()
    unread = run(lambda client: load_robots(client, url, UA, policy))
    assert unread is not None and unread.unreachable
    assert unread.reason.startswith("no connection")
    assert not policy.allowed(f"{url}/")


# -------------------------------------------------------------------------------- sitemaps


def test_sitemap_from_robots_line_and_fallback_both_read() -> None:
    with LocalServer() as server:
        base = server.url
        robots_txt = f"User-agent: *\nAllow: /\nSitemap: {base}/maps/a.xml\n"
        server.routes["/robots.txt"] = (200, TEXT, robots_txt)
        server.routes["/maps/a.xml"] = (200, XML, urlset(f"{base}/a1", f"{base}/a2"))
        server.routes["/sitemap.xml"] = (200, XML, urlset(f"{base}/s1", f"{base}/a1"))
        policy = load(server)
        assert policy.sitemaps(base) == [f"{base}/maps/a.xml"]
        found = run(lambda client: sitemap_urls(client, base, policy.sitemaps(base)))
    assert found == [f"{base}/a1", f"{base}/a2", f"{base}/s1"]
    assert server.paths() == ["/robots.txt", "/maps/a.xml", "/sitemap.xml"]


def test_sitemap_xml_fallback_without_robots_sitemaps() -> None:
    with LocalServer() as server:
        server.routes["/sitemap.xml"] = (200, XML, urlset(f"{server.url}/help"))
        found = run(lambda client: sitemap_urls(client, server.url, []))
    assert found == [f"{server.url}/help"]


def test_each_sitemap_is_fetched_once() -> None:
    with LocalServer() as server:
        base = server.url
        server.routes["/sitemap.xml"] = (200, XML, sitemapindex(f"{base}/sitemap.xml"))
        found = run(
            lambda client: sitemap_urls(
                client, base, [f"{base}/sitemap.xml", f"{base}/sitemap.xml#x"]
            )
        )
    assert found == []
    assert server.paths() == ["/sitemap.xml"]


def test_sitemap_index_recursion_with_gzip_and_lastmod() -> None:
    with LocalServer() as server, LocalServer() as other:
        base = server.url
        gz = gzip.compress(urlset((f"{base}/b1", "2024-05-01"), f"{base}/b2").encode())
        server.routes.update(
            {
                "/sitemap.xml": (
                    200,
                    XML,
                    sitemapindex(f"{base}/sm/a.xml", f"{base}/sm/b.xml.gz", f"{other.url}/c.xml"),
                ),
                "/sm/a.xml": (200, XML, sitemapindex(f"{base}/sm/nested.xml")),
                "/sm/nested.xml": (200, XML, urlset((f"{base}/n1", "2023-01-02T10:00:00+01:00"))),
                "/sm/b.xml.gz": (200, {"Content-Type": "application/gzip"}, gz),
            }
        )
        entries = run(lambda client: sitemap_entries(client, base, []))
    assert entries == [
        SitemapEntry(f"{base}/b1", "2024-05-01"),
        SitemapEntry(f"{base}/b2", None),
        SitemapEntry(f"{base}/n1", "2023-01-02T10:00:00+01:00"),
    ]
    assert other.requests == []  # a child sitemap on another origin is not fetched


def test_gzip_content_encoding_is_decoded() -> None:
    with LocalServer() as server:
        body = gzip.compress(urlset(f"{server.url}/x").encode())
        server.routes["/sitemap.xml"] = (200, {**XML, "Content-Encoding": "gzip"}, body)
        found = run(lambda client: sitemap_urls(client, server.url, []))
    assert found == [f"{server.url}/x"]


@pytest.mark.parametrize(
    "body",
    [
        "<urlset><url><loc>http://x/</loc></url",  # truncated
        "<html><body>Not found</body></html>",  # a soft 404
        "",
        "\x1f\x8bnot really gzip",
    ],
)
def test_malformed_sitemap_is_skipped_quietly(body: str) -> None:
    with LocalServer() as server:
        base = server.url
        server.routes["/broken.xml"] = (200, XML, body)
        server.routes["/sitemap.xml"] = (200, XML, urlset(f"{base}/ok"))
        found = run(lambda client: sitemap_urls(client, base, [f"{base}/broken.xml"]))
    assert found == [f"{base}/ok"]


def test_failing_sitemaps_are_skipped_quietly() -> None:
    with LocalServer() as server:
        base = server.url
        server.routes["/gone.xml"] = (500, XML, urlset(f"{base}/never"))
        found = run(
            lambda client: sitemap_urls(
                client, base, [f"{base}/gone.xml", "http://127.0.0.1:1/x.xml", "not a url"]
            )
        )
    assert found == []
    assert server.paths() == ["/gone.xml", "/sitemap.xml"]


def test_off_origin_locs_are_dropped() -> None:
    with LocalServer() as server:
        base = server.url
        https_twin = base.replace("http://", "https://")
        locs = [f"{base}/mine", "https://other.example/theirs", f"{https_twin}/x", "mailto:a@b.nl"]
        server.routes["/sitemap.xml"] = (200, XML, urlset(*locs))
        found = run(lambda client: sitemap_urls(client, base, []))
    assert found == [f"{base}/mine"]


def test_limit_and_max_files() -> None:
    with LocalServer() as server:
        base = server.url
        children = [f"{base}/sm/{i}.xml" for i in range(5)]
        server.routes["/sitemap.xml"] = (200, XML, sitemapindex(*children))
        for i in range(5):
            server.routes[f"/sm/{i}.xml"] = (200, XML, urlset(f"{base}/p{i}a", f"{base}/p{i}b"))
        capped_files = run(lambda client: sitemap_urls(client, base, [], max_files=3))
        capped_urls = run(lambda client: sitemap_urls(client, base, [], limit=3))
    assert capped_files == [f"{base}/p0a", f"{base}/p0b", f"{base}/p1a", f"{base}/p1b"]
    assert capped_urls == [f"{base}/p0a", f"{base}/p0b", f"{base}/p1a"]


def test_oversized_sitemaps_are_skipped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(robots_module, "MAX_SITEMAP_BYTES", 2000)
    with LocalServer() as server:
        base = server.url
        padding = " " * 5000
        bomb = gzip.compress((urlset(f"{base}/bomb") + padding).encode())
        server.routes["/big.xml"] = (200, XML, urlset(f"{base}/big") + padding)
        server.routes["/bomb.xml.gz"] = (200, XML, bomb)
        server.routes["/sitemap.xml"] = (200, XML, urlset(f"{base}/small"))
        found = run(
            lambda client: sitemap_urls(client, base, [f"{base}/big.xml", f"{base}/bomb.xml.gz"])
        )
    assert len(bomb) < 2000
    assert found == [f"{base}/small"]


def test_only_get_requests_are_made() -> None:
    with LocalServer() as server:
        base = server.url
        server.routes["/robots.txt"] = (200, TEXT, f"Sitemap: {base}/s.xml\n")
        server.routes["/s.xml"] = (200, XML, urlset(f"{base}/a"))
        policy = load(server)
        run(lambda client: sitemap_urls(client, base, policy.sitemaps(base)))
    assert server.requests
    assert {method for method, _ in server.requests} == {"GET"}


# ----------------------------------------------------------------------- the test server


def test_local_server_serves_routes_and_a_directory(tmp_path: Path) -> None:
    (tmp_path / "help").mkdir()
    (tmp_path / "help" / "index.html").write_text("<h1>Help</h1>")
    (tmp_path / "robots.txt").write_text("from disk")
    routes = {"/robots.txt": (200, TEXT, "from routes"), "/zoek?q=x": (200, {}, "found x")}
    with LocalServer(routes, directory=tmp_path) as server:
        client = httpx.Client(base_url=server.url, trust_env=False)
        assert client.get("/robots.txt").text == "from routes"
        assert client.get("/help/").text == "<h1>Help</h1>"
        assert client.get("/zoek?q=x").text == "found x"
        assert client.get("/zoek?q=y").status_code == 404
        assert client.get("/nope").status_code == 404
        assert client.head("/help/index.html").status_code == 200
        assert client.post("/help/").status_code == 405
        client.close()
    assert server.requests == [
        ("GET", "/robots.txt"),
        ("GET", "/help/"),
        ("GET", "/zoek?q=x"),
        ("GET", "/zoek?q=y"),
        ("GET", "/nope"),
        ("HEAD", "/help/index.html"),
        ("POST", "/help/"),
    ]
    assert server.paths("POST") == ["/help/"]


def test_local_server_delay() -> None:
    with LocalServer({"/": (200, {}, "hi")}, delay=0.05) as server:
        started = time.monotonic()
        response = httpx.get(server.url, trust_env=False)
        elapsed = time.monotonic() - started
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert elapsed >= 0.05
