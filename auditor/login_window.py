"""`cx-audit login URL --save FILE`: a browser window to log in by hand, and the session
saved as a Playwright storage state for `--auth-state`.

The window opens at URL; the person logs in as they always do (two-factor codes, captchas and
single sign-on included, which a scripted login cannot do). The session is saved when the
browser reaches `until_url` or shows `until_selector`, when Enter is pressed in the terminal,
or when the window is closed (the state last seen is saved). The file holds cookies that log
in as that person: it is written readable by its owner only, and its contents are never
printed.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import sys
import threading
from collections.abc import Awaitable, Callable, Mapping
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any, TextIO

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Page, async_playwright

from auditor.browser import HOW_TO_GET_ONE, BrowserNotFound, find_browser, launch_options

NO_DISPLAY = (
    "no display to open a browser window on (DISPLAY and WAYLAND_DISPLAY are not set); run "
    "`cx-audit login` on a desktop or under xvfb-run, or use a scripted [login] in the "
    "settings file"
)
POLL_SECONDS = 0.5


class NoDisplay(ValueError):
    """A headed browser cannot open here."""


def has_display(env: Mapping[str, str] | None = None, platform: str = sys.platform) -> bool:
    """Linux and the BSDs need an X11 or Wayland display; macOS and Windows always have one."""
    env = os.environ if env is None else env
    if platform.startswith(("darwin", "win", "cygwin")):
        return True
    return bool(env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"))


def save_login_state(
    url: str,
    target: Path,
    *,
    until_url: str = "",
    until_selector: str = "",
    timeout: float = 300.0,
    browser: str | None = None,
    stdin: TextIO | None = None,
    on_open: Callable[[Page], Awaitable[None]] | None = None,
) -> dict[str, Any]:
    """Open the window, wait for the login, write the state to `target` (mode 600) and
    return a summary (`cookies`, `origins`, `reason`). `on_open` acts in the window (tests
    use it to play the person who logs in)."""
    if not has_display():
        raise NoDisplay(NO_DISPLAY)
    return asyncio.run(
        _run(
            url,
            target,
            until_url=until_url,
            until_selector=until_selector,
            timeout=timeout,
            browser=browser,
            stdin=stdin,
            on_open=on_open,
        )
    )


async def _run(
    url: str,
    target: Path,
    *,
    until_url: str,
    until_selector: str,
    timeout: float,
    browser: str | None,
    stdin: TextIO | None,
    on_open: Callable[[Page], Awaitable[None]] | None,
) -> dict[str, Any]:
    async with async_playwright() as pw:
        choice = find_browser(browser, managed_executable=pw.chromium.executable_path, window=True)
        try:
            chromium = await pw.chromium.launch(**{**launch_options(choice), "headless": False})
        except PlaywrightError as exc:
            first = (str(exc).strip().splitlines() or ["failed"])[0]
            raise BrowserNotFound(
                f"could not open {choice.describe()}: {first}; {HOW_TO_GET_ONE}"
            ) from None
        try:
            context = await chromium.new_context(service_workers="block")
            page = await context.new_page()
            await page.goto(url, wait_until="domcontentloaded", timeout=60_000)
            enter = _enter_pressed(stdin) if stdin is not None else None
            if on_open is not None:
                await on_open(page)
            state, reason = await _wait(page, until_url, until_selector, timeout, enter)
        finally:
            with contextlib.suppress(PlaywrightError):
                await chromium.close()
    if state is None:
        return {"reason": reason, "cookies": 0, "origins": 0}
    _write_private(target, json.dumps(state, indent=1))
    return {
        "reason": reason,
        "cookies": len(state.get("cookies", [])),
        "origins": len(state.get("origins", [])),
    }


async def _wait(
    page: Page,
    until_url: str,
    until_selector: str,
    timeout: float,
    enter: asyncio.Future[None] | None,
) -> tuple[dict[str, Any] | None, str]:
    """Poll until a stop condition; the state last seen and why it stopped."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    state: dict[str, Any] | None = None
    while True:
        try:
            state = await page.context.storage_state()
            if until_url and fnmatchcase(page.url, until_url):
                return state, "logged in (URL)"
            if until_selector and await page.locator(until_selector).count():
                return state, "logged in (selector)"
        except PlaywrightError:
            return state, "window closed"
        if page.is_closed():
            return state, "window closed"
        if enter is not None and enter.done():
            return state, "Enter pressed"
        if loop.time() >= deadline:
            waited = bool(until_url or until_selector)
            return (None if waited else state), "timeout"
        await asyncio.sleep(POLL_SECONDS)


def _enter_pressed(stdin: TextIO) -> asyncio.Future[None]:
    """A future done when a line (Enter) is read from `stdin`, read in a daemon thread so an
    unanswered prompt never keeps the process alive."""
    loop = asyncio.get_running_loop()
    future: asyncio.Future[None] = loop.create_future()

    def read() -> None:
        line = ""
        with contextlib.suppress(OSError, ValueError):
            line = stdin.readline()
        if line:  # end of input (no terminal) is not Enter
            loop.call_soon_threadsafe(lambda: future.done() or future.set_result(None))

    threading.Thread(target=read, daemon=True).start()
    return future


def _write_private(path: Path, text: str) -> None:
    """Create or replace `path` readable and writable by its owner only."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    temporary.replace(path)
