"""--header values go to the audited origins only, on every redirect hop (httpx side); URLs
never carry credentials; the report says what the request guard stopped."""

from __future__ import annotations

import asyncio
import dataclasses

import pytest
from bs4 import BeautifulSoup

from auditor.site_headers import SiteHeaders
from auditor.urls import normalize_url, origin_of
from reports import html as html_report
from tests.sample_result import sample_result
from tests.servers import LocalServer

SECRETS = {"X-Api-Key": "K", "Authorization": "Bearer A", "User-Agent": "gateway-agent"}


def test_headers_follow_the_origin_on_every_redirect_hop() -> None:
    with LocalServer() as own, LocalServer() as other:
        there = other.url.replace("127.0.0.1", "localhost")
        own.routes["/start"] = (302, {"Location": f"{there}/hop"}, "")
        other.routes["/hop"] = (302, {"Location": f"{own.url}/end"}, "")
        own.routes["/end"] = (200, {}, "end")
        headers = SiteHeaders(SECRETS, {origin_of(own.url)})

        async def fetch() -> int:
            client = headers.client(headers={"User-Agent": "cx-audit/1"}, follow_redirects=True)
            async with client:
                return (await client.get(f"{own.url}/start")).status_code

        assert asyncio.run(fetch()) == 200
        seen = dict(own.headers_seen)
        hop = dict(other.headers_seen)["/hop"]
    for path in ("/start", "/end"):
        assert seen[path]["X-Api-Key"] == "K" and seen[path]["Authorization"] == "Bearer A"
        assert seen[path]["User-Agent"] == "gateway-agent"
    assert "X-Api-Key" not in hop and "Authorization" not in hop
    assert hop["User-Agent"] == "cx-audit/1"  # our own again, not the site's


def test_without_header_values_nothing_is_hooked() -> None:
    headers = SiteHeaders({}, {"http://127.0.0.1:1"})
    assert not headers
    assert not headers.goes_to("http://127.0.0.1:1/")
    assert not headers.client().event_hooks["request"]


def test_urls_never_carry_credentials() -> None:
    assert normalize_url("https://user:s3cret@Help.Example.nl/a") == "https://help.example.nl/a"
    assert origin_of("http://user:s3cret@example.nl:8080/x") == "http://example.nl:8080"
    assert normalize_url("/b", "https://u:p@example.nl/a") == "https://example.nl/b"


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_report_says_what_the_request_guard_stopped(lang: str) -> None:
    result = sample_result()
    quiet = BeautifulSoup(html_report.render(result, lang), "html.parser").get_text(" ")
    metrics = {**result.site_metrics, "requests": {"blocked_requests": 7, "capped_requests": 3}}
    page = html_report.render(dataclasses.replace(result, site_metrics=metrics), lang)
    text = BeautifulSoup(page, "html.parser").get_text(" ")
    blocked = "GET or HEAD" if lang == "en" else "GET of HEAD"
    assert blocked not in quiet
    assert blocked in text and "7." in text and "3." in text
