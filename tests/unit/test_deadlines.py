"""Total deadlines for our own fetches, robots.txt as RFC 9309 says, and sitemap caps that are
reported: against local servers that drip (tests/fault_server.py `drip`)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

import httpx
import pytest

from auditor.deadline import DeadlineExceeded, deadline
from auditor.gather import fetch_document
from auditor.linkcheck import LinkChecker
from auditor.ratelimit import RateLimiter
from auditor.robots import (
    ALLOW_ALL,
    DISALLOW_ALL,
    RobotsPolicy,
    load_robots,
    rules_for_status,
    sitemap_entries,
)
from tests.fault_server import drip, sitemap_index, sitemap_of
from tests.servers import LocalServer

T = TypeVar("T")
TEXT = {"Content-Type": "text/plain"}
XML = {"Content-Type": "application/xml"}
UA = "Mozilla/5.0 (compatible; cx-audit/0.1)"


def run(action: Callable[[httpx.AsyncClient], Awaitable[T]]) -> tuple[T, float]:
    """What `action` returned with a client whose per-read timeout never trips on a drip,
    and how long it took."""

    async def main() -> T:
        async with httpx.AsyncClient(trust_env=False, timeout=5) as client:
            return await action(client)

    started = time.monotonic()
    result = asyncio.run(main())
    return result, time.monotonic() - started


# ------------------------------------------------------------------------ the helper


async def read_all(client: httpx.AsyncClient, url: str, seconds: float) -> bytes:
    async with deadline(seconds), client.stream("GET", url) as response:
        return await response.aread()


def test_a_dripping_body_is_cut_at_the_deadline() -> None:
    with (
        LocalServer({"/drip": drip(b"start")}) as server,
        pytest.raises(DeadlineExceeded, match="no complete answer within 1 s") as caught,
    ):
        run(lambda client: read_all(client, f"{server.url}/drip", 1.0))
    assert isinstance(caught.value, httpx.TimeoutException)  # handled as httpx's own


def test_dripping_headers_are_cut_at_the_deadline() -> None:
    with LocalServer({"/drip": drip(in_headers=True)}) as server:
        started = time.monotonic()
        with pytest.raises(DeadlineExceeded):
            run(lambda client: read_all(client, f"{server.url}/drip", 1.0))
    assert time.monotonic() - started < 3


def test_a_quick_fetch_is_left_alone() -> None:
    with LocalServer({"/ok": (200, TEXT, "fine")}) as server:
        body, _took = run(lambda client: read_all(client, f"{server.url}/ok", 5.0))
    assert body == b"fine"


def test_a_cancellation_from_outside_stays_a_cancellation() -> None:
    async def main() -> None:
        async def wait() -> None:
            async with deadline(10):
                await asyncio.sleep(10)

        task = asyncio.create_task(wait())
        await asyncio.sleep(0.05)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

    asyncio.run(main())


def test_link_check_of_dripping_headers_ends_at_the_deadline() -> None:
    async def check(client: httpx.AsyncClient, url: str) -> str | None:
        checker = LinkChecker(client, limiter=RateLimiter(0), timeout=1.0)
        checker.submit(url)
        return (await checker.results())[url].error

    with LocalServer({"/drip": drip(in_headers=True)}) as server:
        error, took = run(lambda client: check(client, f"{server.url}/drip"))
    assert error == "timeout after 1 s"
    assert took < 3


def test_a_dripping_pdf_is_cut_at_the_deadline() -> None:
    with LocalServer({"/doc.pdf": drip(b"%PDF-1.4\n", "application/pdf")}) as server:
        url = f"{server.url}/doc.pdf"
        snapshot, took = run(
            lambda client: fetch_document(
                client, url, 1, timeout=1.0, inspect_pdf=True, max_bytes=10**6
            )
        )
    assert snapshot.error == "document: timeout: no complete answer within 1 s"
    assert took < 3


# ------------------------------------------------------------------------ robots.txt


@pytest.mark.parametrize(
    ("status", "rules"),
    [
        *[(200, None), (204, None)],
        *[(400, ALLOW_ALL), (403, ALLOW_ALL), (404, ALLOW_ALL), (410, ALLOW_ALL)],
        *[(429, DISALLOW_ALL), (500, DISALLOW_ALL), (503, DISALLOW_ALL)],
    ],
)
def test_status_codes_map_as_rfc_9309_says(status: int, rules: str | None) -> None:
    assert rules_for_status(status) == rules


def load(server: LocalServer, seconds: float = 5.0) -> tuple[RobotsPolicy, object, float]:
    policy = RobotsPolicy()
    unread, took = run(lambda client: load_robots(client, server.url, UA, policy, deadline=seconds))
    return policy, unread, took


@pytest.mark.parametrize("slow", [False, True])
def test_robots_txt_too_slow_disallows_everything_and_says_why(slow: bool) -> None:
    rules = "User-agent: *\nDisallow: /private/\n"
    route = (200, TEXT, rules) if slow else drip(rules.encode(), "text/plain")
    with LocalServer({"/robots.txt": route}, slow={"/robots.txt": 3.0} if slow else None) as server:
        policy, unread, took = load(server, 1.0)
    assert took < 2.5
    assert not policy.allowed(f"{server.url}/public")
    assert getattr(unread, "reason", "") == "timeout: no complete answer within 1 s"


def test_robots_txt_5xx_is_unread_4xx_is_not() -> None:
    with LocalServer({"/robots.txt": (503, TEXT, "busy")}) as server:
        policy, unread, _took = load(server)
    assert getattr(unread, "reason", "") == "HTTP 503"
    assert not policy.allowed(f"{server.url}/public")
    with LocalServer({"/robots.txt": (404, TEXT, "none")}) as server:
        policy, unread, _took = load(server)
    assert unread is None
    assert policy.allowed(f"{server.url}/private/x")


@pytest.mark.parametrize(("hops", "private_allowed"), [(5, False), (6, True)])
def test_robots_redirects_are_followed_up_to_five(hops: int, private_allowed: bool) -> None:
    routes: dict[str, object] = {
        f"/r{n}": (301, {"Location": f"/r{n + 1}"}, "") for n in range(1, hops)
    }
    routes["/robots.txt"] = (301, {"Location": "/r1"}, "")
    routes[f"/r{hops}"] = (200, TEXT, "User-agent: *\nDisallow: /private/\n")
    with LocalServer(routes) as server:  # type: ignore[arg-type]
        policy, unread, _took = load(server)
    assert unread is None  # more than five: as good as a 4xx (allow all)
    assert policy.allowed(f"{server.url}/private/x") is private_allowed


# ------------------------------------------------------------------------ sitemaps


def entries(
    server: LocalServer, listed: list[str], **options: object
) -> tuple[list[str], list[tuple[str, str]], list[tuple[str, str]], float]:
    problems: list[tuple[str, str]] = []
    capped: list[tuple[str, str]] = []
    found, took = run(
        lambda client: sitemap_entries(
            client, server.url, listed, problems=problems, capped=capped, **options
        )
    )
    return [e.url for e in found], problems, capped, took


def test_a_dripping_sitemap_is_cut_and_said_in_words() -> None:
    xml = b'<?xml version="1.0"?>'
    with LocalServer({"/drip.xml": drip(xml, "application/xml")}) as server:
        found, problems, _capped, took = entries(server, [f"{server.url}/drip.xml"], deadline=1.0)
    assert found == []
    assert problems == [(f"{server.url}/drip.xml", "timeout: no complete answer within 1 s")]
    assert took < 2.5


def test_sitemap_file_cap_is_reported_per_index() -> None:
    with LocalServer() as server:
        base = server.url
        children = [f"{base}/sm/{n}.xml" for n in range(50)]
        server.routes["/sitemap.xml"] = (200, XML, sitemap_index(*children))
        server.routes["/sm/*"] = (200, XML, sitemap_of())
        server.routes["/listed.xml"] = (200, XML, sitemap_of(f"{base}/a"))
        found, _problems, capped, _took = entries(
            server, [f"{base}/listed.xml", f"{base}/never.xml"], max_files=1
        )
        _found, _problems, capped_index, _took = entries(server, [], max_files=5)
    assert found == [f"{base}/a"]
    assert capped == [(f"{base}/never.xml", "sitemap not read (cap: 1 files)")]
    assert capped_index == [
        (f"{base}/sitemap.xml", "sitemap index lists 50 sitemaps; read the first 4 (cap: 5 files)")
    ]


def test_all_sitemaps_of_a_site_share_one_budget() -> None:
    """Ten dripping sitemaps of 1 s each would take 10 s; the budget ends them at 2.5 s."""
    with LocalServer() as server:
        base = server.url
        children = [f"{base}/sm/{n}.xml" for n in range(10)]
        server.routes["/sitemap.xml"] = (200, XML, sitemap_index(*children))
        server.routes["/sm/*"] = drip(b'<?xml version="1.0"?>', "application/xml")
        _found, problems, capped, took = entries(server, [], deadline=1.0, budget=2.5)
    assert took < 4.0
    assert 2 <= len(problems) <= 4  # the children read until the budget ran out: timeouts
    assert len(capped) == 1 and capped[0][0] == f"{base}/sitemap.xml"
    assert capped[0][1].startswith("sitemap index lists 10 sitemaps; read the first ")
    assert capped[0][1].endswith("(cap: 2.5 s for all sitemaps)")


def test_sitemap_url_cap_is_reported() -> None:
    with LocalServer() as server:
        base = server.url
        server.routes["/sitemap.xml"] = (200, XML, sitemap_of(*(f"{base}/p{n}" for n in range(5))))
        found, _problems, capped, _took = entries(server, [], limit=3)
    assert found == [f"{base}/p0", f"{base}/p1", f"{base}/p2"]
    assert capped == [
        (f"{base}/sitemap.xml", "lists more pages; took the first 3 from sitemaps (cap)")
    ]


class RecordingLimiter(RateLimiter):
    def __init__(self) -> None:
        super().__init__(0)
        self.asked: list[str] = []

    async def wait(self, url: str) -> None:
        self.asked.append(url)


def test_every_sitemap_fetch_is_paced_by_the_rate_limiter() -> None:
    limiter = RecordingLimiter()
    with LocalServer() as server:
        base = server.url
        server.routes["/sitemap.xml"] = (200, XML, sitemap_index(f"{base}/sm/1.xml"))
        server.routes["/sm/1.xml"] = (200, XML, sitemap_of(f"{base}/a"))
        entries(server, [], limiter=limiter)
        fetched = [f"{base}{path}" for _method, path in server.requests]
    assert limiter.asked == fetched == [f"{base}/sitemap.xml", f"{base}/sm/1.xml"]
