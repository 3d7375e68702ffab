"""gather leaves no listener behind on the reused page, whatever the outcome."""

from __future__ import annotations

import asyncio

import httpx
import pytest
from playwright.async_api import async_playwright

from auditor.browser import find_browser, launch_options
from auditor.config import AuditConfig
from auditor.gather import gather
from tests.servers import LocalServer

pytestmark = pytest.mark.e2e


def test_request_listener_is_removed_after_every_outcome():
    routes = {
        "/ok": (200, {}, "<title>ok</title><main><h1>ok</h1></main>"),
        "/img": (200, {"Content-Type": "image/png"}, b""),
        "/slow": (200, {}, "<title>slow</title>"),
    }

    async def run(base: str) -> list[int]:
        config = AuditConfig(start_urls=(base,), timeout=1)
        counts = []
        async with async_playwright() as pw, httpx.AsyncClient() as client:
            browser = await pw.chromium.launch(**launch_options(find_browser()))
            page = await browser.new_page()
            for path in ("/ok", "/img", "/slow", "/ok"):
                await gather(page, client, base + path, 0, config=config, needs=frozenset())
                # Playwright keeps the emitter on the implementation object
                counts.append(len(page._impl_obj.listeners("request")))
            await browser.close()
        return counts

    with LocalServer(routes, slow={"/slow": 3.0}) as server:
        assert asyncio.run(run(server.url)) == [0, 0, 0, 0]
