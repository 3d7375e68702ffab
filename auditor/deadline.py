"""A total deadline for one HTTP fetch of our own: connection, redirects and the whole body.

httpx's `timeout` limits each read, so a server that drips one byte a second never trips
it and keeps the audit busy for as long as it likes. `deadline(seconds)` bounds the whole
exchange instead. When it runs out the fetch raises `DeadlineExceeded`, an
`httpx.TimeoutException`, so code that already handles httpx's timeouts handles it too.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

import httpx


class DeadlineExceeded(httpx.TimeoutException):
    """The whole fetch took longer than its deadline; the message says so in words."""


@contextlib.asynccontextmanager
async def deadline(seconds: float) -> AsyncIterator[None]:
    """Cancel what runs inside after `seconds` and raise `DeadlineExceeded`. A cancellation
    from outside (a signal stopping the audit) stays a cancellation."""
    scope = asyncio.timeout(seconds)
    try:
        async with scope:
            yield
    except TimeoutError as exc:
        if not scope.expired():
            raise
        raise DeadlineExceeded(f"timeout: no complete answer within {seconds:g} s") from exc
