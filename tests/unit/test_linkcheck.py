"""The link checker against LocalServer routes on 127.0.0.1 (no internet)."""

from __future__ import annotations

import asyncio
import socket
import ssl
import time
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

from auditor.linkcheck import LinkChecker, failure_reason, retry_delay
from auditor.model import LinkStatus
from auditor.ratelimit import RateLimiter
from tests.servers import LocalServer, Route

OK: Route = (200, {}, "ok")


class Answers(dict):
    """Routes whose answer changes per request: a list is served one entry per request (the
    last one repeated), whatever the method."""

    def get(self, key: str, default: Any = None) -> Any:
        value = super().get(key, default)
        if isinstance(value, list):
            return value.pop(0) if len(value) > 1 else value[0]
        return value


class RecordingLimiter(RateLimiter):
    def __init__(self) -> None:
        super().__init__(4.0)
        self.urls: list[str] = []

    async def wait(self, url: str) -> None:
        self.urls.append(url)
        await super().wait(url)


def check(
    urls: Iterable[str], limiter: RateLimiter | None = None, **options: Any
) -> dict[str, LinkStatus]:
    async def main() -> dict[str, LinkStatus]:
        async with httpx.AsyncClient() as client:
            checker = LinkChecker(client, limiter=limiter or RateLimiter(4.0), **options)
            for url in urls:
                checker.submit(url)
            return await checker.results()

    return asyncio.run(main())


def serve(routes: Mapping[str, Route | list[Route]], **kwargs: Any) -> LocalServer:
    server = LocalServer(**kwargs)
    server.routes = Answers(routes)
    return server


def redirect(to: str, status: int = 302) -> Route:
    return (status, {"Location": to}, "")


def test_status_codes_redirects_and_fallbacks():
    routes = {
        "/ok": OK,
        "/weg": (404, {}, "weg"),
        "/fout": (500, {}, "fout"),
        "/geen-head": [(405, {}, ""), OK],
        "/r1": redirect("/r2", 301),
        "/r2": redirect("/r3"),
        "/r3": redirect("/ok", 307),
        "/lus": redirect("/lus"),
    }
    with serve(routes) as server:
        base = server.url
        found = check(base + path for path in routes)
    by_path = {url.removeprefix(base): status for url, status in found.items()}
    assert by_path["/ok"] == LinkStatus(
        base + "/ok", status=200, final_url=base + "/ok", content_type="text/html; charset=utf-8"
    )
    assert by_path["/weg"].status == 404 and by_path["/weg"].broken
    assert by_path["/fout"].status == 500 and by_path["/fout"].broken
    assert by_path["/geen-head"].status == 200 and not by_path["/geen-head"].broken
    assert server.requests.count(("HEAD", "/geen-head")) == 1
    assert server.requests.count(("GET", "/geen-head")) == 1
    chain = by_path["/r1"]
    assert (chain.status, chain.redirects, chain.final_url) == (200, 3, base + "/ok")
    loop = by_path["/lus"]
    assert (loop.error, loop.redirects, loop.status) == ("redirect loop", 10, 302)
    assert loop.broken
    assert {method for method, _path in server.requests} == {"HEAD", "GET"}
    assert server.paths("GET") == ["/geen-head"]  # every other URL answered HEAD


def test_head_refused_with_403_falls_back_to_get_and_keeps_a_403_on_get():
    routes = {"/alleen-get": [(403, {}, ""), OK], "/verboden": (403, {}, "")}
    with serve(routes) as server:
        found = check([server.url + "/alleen-get", server.url + "/verboden"])
        assert sorted(server.paths("GET")) == ["/alleen-get", "/verboden"]  # concurrent
    assert found[server.url + "/alleen-get"].status == 200
    assert found[server.url + "/verboden"].status == 403


def test_retry_after_is_obeyed_once():
    routes = {
        "/druk": [(429, {"Retry-After": "1"}, ""), OK],
        "/nog-drukker": (503, {"Retry-After": "0"}, ""),
    }
    with serve(routes) as server:
        started = time.monotonic()
        found = check([server.url + "/druk", server.url + "/nog-drukker"])
        elapsed = time.monotonic() - started
        assert server.requests.count(("HEAD", "/druk")) == 2
        assert server.requests.count(("HEAD", "/nog-drukker")) == 2  # one retry only
    assert found[server.url + "/druk"].status == 200
    assert found[server.url + "/nog-drukker"].status == 503
    assert 0.95 <= elapsed < 3


def test_retry_delay_reads_seconds_and_http_dates_and_is_capped():
    now = datetime(2026, 11, 24, 12, 0, 0, tzinfo=UTC)

    def answer(status: int, value: str | None) -> httpx.Response:
        return httpx.Response(status, headers={"Retry-After": value} if value else {})

    assert retry_delay(answer(429, "5"), now, 30) == 5
    assert retry_delay(answer(503, "Tue, 24 Nov 2026 12:00:20 GMT"), now, 30) == 20
    assert retry_delay(answer(429, "Tue, 24 Nov 2026 11:00:00 GMT"), now, 30) == 0
    assert retry_delay(answer(429, "3600"), now, 30) == 30
    assert retry_delay(answer(429, "morgen"), now, 30) is None
    assert retry_delay(answer(429, None), now, 30) is None
    assert retry_delay(answer(500, "5"), now, 30) is None


def test_slow_route_beyond_the_timeout_and_a_closed_port():
    closed = LocalServer().start()
    closed.stop()
    with serve({"/traag": OK}, slow={"/traag": 1.0}) as server:
        found = check([server.url + "/traag", closed.url + "/"], timeout=0.2)
    assert found[server.url + "/traag"].error == "timeout after 0.2 s"
    assert not found[server.url + "/traag"].broken  # a slow server is not judged dead
    assert found[closed.url + "/"] == LinkStatus(
        closed.url + "/", error="connection refused", final_url=closed.url + "/"
    )


def test_failure_reasons_name_dns_tls_and_others_briefly():
    def wrapped(cause: BaseException) -> httpx.ConnectError:
        try:
            raise httpx.ConnectError("failed") from cause
        except httpx.ConnectError as exc:
            return exc

    assert failure_reason(wrapped(socket.gaierror(-2, "unknown")), 15) == "DNS lookup failed"
    assert failure_reason(wrapped(ssl.SSLCertVerificationError("bad")), 15) == "TLS error"
    assert failure_reason(wrapped(ConnectionRefusedError()), 15) == "connection refused"
    assert failure_reason(httpx.ReadTimeout("slow"), 15) == "timeout after 15 s"
    assert failure_reason(httpx.ConnectError("no route"), 15) == "connection failed"


def test_head_that_resets_the_connection_falls_back_to_get():
    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        request_line = await reader.readline()
        methods.append(request_line.split()[0].decode())
        await reader.readuntil(b"\r\n\r\n")
        if request_line.startswith(b"GET"):
            writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
        writer.close()

    async def main() -> dict[str, LinkStatus]:
        server = await asyncio.start_server(handle, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        async with server, httpx.AsyncClient() as client:
            checker = LinkChecker(client, limiter=RateLimiter())
            checker.submit(f"http://127.0.0.1:{port}/reset")
            return await checker.results()

    methods: list[str] = []
    [status] = asyncio.run(main()).values()
    assert status.status == 200 and methods == ["HEAD", "GET"]


def test_each_url_is_requested_once_however_often_it_is_submitted():
    limiter = RecordingLimiter()
    with serve({"/een": OK}) as server:
        url = server.url + "/een"
        found = check([url, url, url + "#deel", url + "?utm_source=nieuwsbrief", url], limiter)
        assert server.requests == [("HEAD", "/een")]
    assert list(found) == [url]
    assert limiter.urls == [url]  # the shared rate limit is asked before every request


def test_non_http_urls_and_action_links_are_ignored():
    paths = ["/uitloggen", "/subscription/cancel", "/nieuwsbrief?confirm=1", "/abonnement/pauzeren"]
    with serve(dict.fromkeys(paths, OK)) as server:
        found = check(
            ["mailto:a@voorbeeld.nl", "tel:+31201234567", *(server.url + p for p in paths)],
            action_words=("pauzeren",),
        )
        assert server.requests == []
    assert found == {}


def test_a_redirect_to_an_action_link_is_not_followed():
    with serve({"/go": redirect("/account/delete"), "/account/delete": OK}) as server:
        found = check([server.url + "/go"])
        assert server.requests == [("HEAD", "/go")]
    status = found[server.url + "/go"]
    assert (status.status, status.final_url, status.redirects) == (
        302,
        server.url + "/account/delete",
        1,
    )
    assert not status.broken


@pytest.mark.parametrize(("per_host", "waves"), [(2, 2), (4, 1)])
def test_per_host_concurrency_is_respected(per_host: int, waves: int):
    delay = 0.3
    paths = [f"/langzaam-{i}" for i in range(4)]
    with serve(dict.fromkeys(paths, OK), slow=dict.fromkeys(paths, delay)) as server:
        started = time.monotonic()
        found = check((server.url + path for path in paths), per_host=per_host)
        elapsed = time.monotonic() - started
    assert all(status.status == 200 for status in found.values())
    assert waves * delay - 0.05 <= elapsed < (waves + 1) * delay


def test_site_headers_go_to_the_audited_origin_only():
    with serve({"/a": OK}) as site, serve({"/b": OK}) as other:
        check(
            [site.url + "/a", other.url + "/b"],
            site_headers={"X-Gateway": "secret"},
            site_origins=frozenset({site.url}),
        )
        seen_site = [{k.lower(): v for k, v in h.items()} for _p, h in site.headers_seen]
        seen_other = [{k.lower(): v for k, v in h.items()} for _p, h in other.headers_seen]
    assert seen_site and all(h.get("x-gateway") == "secret" for h in seen_site)
    assert seen_other and all("x-gateway" not in h for h in seen_other)
