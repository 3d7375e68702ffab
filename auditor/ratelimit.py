"""A polite per-host request rate, so an audit never hammers a customer's production site."""

from __future__ import annotations

import asyncio
import time
from urllib.parse import urlsplit

from auditor.urls import is_loopback


class RateLimiter:
    """Spaces requests to one host at least 1/`per_second` seconds apart.

    Loopback hosts are exempt (a local test site can be audited at full speed) and
    `per_second <= 0` disables the limit. Each call reserves the next free slot for its host
    before sleeping, so concurrent tasks are spaced out too, without a lock.
    """

    def __init__(self, per_second: float = 4.0) -> None:
        self.interval = 1.0 / per_second if per_second > 0 else 0.0
        self._next_slot: dict[str, float] = {}

    async def wait(self, url: str) -> None:
        host = _host(url)
        if not self.interval or is_loopback(host):
            return
        now = time.monotonic()
        slot = max(now, self._next_slot.get(host, now))
        self._next_slot[host] = slot + self.interval
        if slot > now:
            await asyncio.sleep(slot - now)


def _host(url: str) -> str:
    try:
        host = urlsplit(url).hostname
    except ValueError:
        host = None
    return host or url.lower()
