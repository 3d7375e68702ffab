"""The per-host rate limit."""

from __future__ import annotations

import asyncio
import time

import pytest

from auditor.ratelimit import RateLimiter

RATE = 20.0  # requests per second: 50 ms apart
TOLERANCE = 0.005


def timed_waits(limiter: RateLimiter, urls: list[str]) -> list[float]:
    """When each wait returned, in seconds from the start; the waits run concurrently."""

    async def main() -> list[float]:
        started = time.monotonic()

        async def one(url: str) -> float:
            await limiter.wait(url)
            return time.monotonic() - started

        return list(await asyncio.gather(*(one(url) for url in urls)))

    return asyncio.run(main())


def test_same_host_is_spaced() -> None:
    limiter = RateLimiter(RATE)
    first, second, third = timed_waits(
        limiter, ["https://example.nl/a", "https://example.nl/b", "https://EXAMPLE.nl:443/c"]
    )
    # Each request starts no sooner than its slot: lower bounds from the start, which a busy
    # machine (a late wake-up) cannot break, unlike the gaps between two wake-ups.
    assert first < second < third
    assert second >= 1 / RATE - TOLERANCE
    assert third >= 2 / RATE - TOLERANCE


def test_sequential_waits_are_spaced() -> None:
    limiter = RateLimiter(RATE)

    async def main() -> float:
        await limiter.wait("https://example.nl/a")
        started = time.monotonic()
        await limiter.wait("https://example.nl/b")
        return time.monotonic() - started

    assert asyncio.run(main()) >= 1 / RATE - TOLERANCE


def test_hosts_are_limited_separately() -> None:
    limiter = RateLimiter(RATE)
    times = timed_waits(limiter, ["https://example.nl/", "https://www.example.nl/"])
    assert max(times) < 1 / RATE - TOLERANCE


@pytest.mark.parametrize(
    "base", ["http://127.0.0.1:8000", "http://localhost:8000", "http://[::1]:8000"]
)
def test_loopback_is_not_delayed(base: str) -> None:
    limiter = RateLimiter(1.0)  # one per second: any delay would show
    times = timed_waits(limiter, [f"{base}/{i}" for i in range(5)])
    assert max(times) < 0.1


def test_zero_rate_disables_the_limit() -> None:
    limiter = RateLimiter(0)
    times = timed_waits(limiter, [f"https://example.nl/{i}" for i in range(5)])
    assert max(times) < 0.1
