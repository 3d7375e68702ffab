"""Tracker blocking in real Chromium: a known tracker's request is dropped, the page's own
and other third-party requests are not, and with `block_trackers` off nothing is dropped.

The tracker's real host name is resolved to a local server (Chromium's
--host-resolver-rules), so nothing leaves the machine."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest
from playwright.async_api import async_playwright

from auditor.blocking import TRACKER_HOSTS
from auditor.browser import find_browser, launch_options
from auditor.config import AuditConfig
from auditor.gather import gather
from tests.servers import LocalServer

pytestmark = pytest.mark.e2e

TRACKER = "cdn.mxpnl.com"  # on the list, and not on Chromium's HTTPS-only (HSTS) list
OTHER = "localhost"  # a third-party host that is not a tracker
JS = {"Content-Type": "text/javascript"}


def page_html(port: int) -> str:
    return (
        "<html lang='en'><title>Help</title><main><h1>Help</h1><p id='out'></p></main>"
        f"<script src='http://{TRACKER}:{port}/tracker.js'></script>"
        f"<script src='http://{OTHER}:{port}/widget.js'></script>"
        "<script src='/own.js'></script>"
        "<script>document.getElementById('out').textContent = "
        "[window.tracked, window.widget, window.own].join(' ')</script>"
    )


async def audit(url: str, block: bool) -> tuple[str, list[str]]:
    config = AuditConfig(start_urls=(url,), block_trackers=block)
    options: dict[str, Any] = launch_options(find_browser())
    options["args"] = [*options["args"], f"--host-resolver-rules=MAP {TRACKER} 127.0.0.1"]
    async with async_playwright() as pw, httpx.AsyncClient() as client:
        browser = await pw.chromium.launch(**options)
        page = await browser.new_page()
        snapshot = await gather(page, client, url, 0, config=config, needs=frozenset())
        await browser.close()
    return snapshot.text, [r["url"] for r in snapshot.probes["network"]["requests"]]


@pytest.mark.parametrize("block", [True, False])
def test_a_tracker_is_blocked_and_nothing_else(block: bool):
    assert TRACKER in TRACKER_HOSTS and OTHER not in TRACKER_HOSTS
    scripts = {"/tracker.js": "window.tracked = 'T'", "/widget.js": "window.widget = 'W'"}
    with LocalServer({p: (200, JS, body) for p, body in scripts.items()}) as third:
        port = int(third.url.rsplit(":", 1)[1])
        routes = {"/": (200, {}, page_html(port)), "/own.js": (200, JS, "window.own = 'O'")}
        with LocalServer(routes) as site:
            text, requested = asyncio.run(audit(site.url + "/", block))
            assert ("GET", "/own.js") in site.requests
    assert ("GET", "/widget.js") in third.requests
    assert (("GET", "/tracker.js") in third.requests) is not block
    assert text.split() == ["Help", *(["W", "O"] if block else ["T", "W", "O"])]
    assert any(TRACKER in url for url in requested)  # asked for, so the network probe lists it
