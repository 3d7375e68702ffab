"""The request guard in real Chromium: frames on the audited host wait for the per-host rate
limit like every page we load, and the page's traffic is counted.

The audited host has a real-looking name resolved to the local server (Chromium's
--host-resolver-rules): loopback hosts are exempt from the rate limit."""

from __future__ import annotations

import asyncio
import itertools
import time
from typing import Any

import pytest
from playwright.async_api import async_playwright

from auditor import request_guard
from auditor.browser import find_browser, launch_options
from auditor.ratelimit import RateLimiter
from auditor.request_guard import RequestGuard
from tests.fault_server import page, respond
from tests.servers import LocalServer

pytestmark = pytest.mark.e2e

HOST = "help.example"
FRAMES = 6
RATE = 4.0  # requests per second per host
JITTER = 0.2  # seconds: how late after its slot a request may reach the server (0.14 s
# seen on a busy 2-core CI run; without the limit all six arrive within milliseconds)


async def load(url: str, origin: str) -> tuple[request_guard.PageTraffic, float]:
    options: dict[str, Any] = launch_options(find_browser())
    options["args"] = [*options["args"], f"--host-resolver-rules=MAP {HOST} 127.0.0.1"]
    guard = RequestGuard({origin}, limiter=RateLimiter(RATE))
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(**options)
        context = await browser.new_context()
        await guard.install(context)
        tab = await context.new_page()
        traffic = request_guard.begin(tab)
        started = time.monotonic()
        await tab.goto(url, wait_until="load", timeout=30_000)
        seconds = time.monotonic() - started
        await browser.close()
    return traffic, seconds


def test_frames_on_the_audited_host_wait_for_the_rate_limit() -> None:
    asked: list[float] = []

    def frame(handler: Any) -> None:
        asked.append(time.monotonic())
        respond(200, page("A frame"))(handler)

    frames = "".join(f'<iframe src="/frame/{n}" title="f{n}"></iframe>' for n in range(FRAMES))
    with LocalServer({"/": (200, {}, page("Frames", frames)), "/frame/*": frame}) as server:
        port = server.url.rsplit(":", 1)[1]
        origin = f"http://{HOST}:{port}"
        traffic, seconds = asyncio.run(load(f"{origin}/", origin))
    assert len(asked) == FRAMES and traffic.paced == FRAMES
    # the slots are 1/RATE apart; a request reaches the server some time after its slot
    # (JITTER at most, on a busy machine), so two arrivals are at least their slots' distance
    # apart less that (without the limit, all of them arrive within a few milliseconds)
    gaps = [t - asked[0] for t in asked]
    for i, j in itertools.combinations(range(FRAMES), 2):
        assert asked[j] - asked[i] >= (j - i) / RATE - JITTER, gaps
    assert seconds >= (FRAMES - 1) * 0.8 / RATE
    assert traffic.blocked == 0 and traffic.capped == 0
