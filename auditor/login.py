"""Logging in to a portal: the `[login]` settings, credentials from the environment, stored
sessions (`--auth-state`) and the scripted login.

Secrets never leave this module in a message: usernames, passwords, cookie values and the
contents of a storage state file are not echoed in errors, logs or reports. The username and
password are read from environment variables whose *names* the settings give; they are never
accepted on the command line or in the settings file.

Submitting the login form is the only POST cx-audit makes: the portal's browser context
blocks every other request that is not GET or HEAD (`GetOnlyGuard`).
"""

from __future__ import annotations

import dataclasses
import json
import os
from collections.abc import Iterable, Mapping
from fnmatch import fnmatchcase
from pathlib import Path
from typing import TYPE_CHECKING, Any

from auditor.config import ConfigError
from auditor.userinfo import userinfo_problem

if TYPE_CHECKING:
    from playwright.async_api import BrowserContext, Page, Route

    from auditor.site_headers import SiteHeaders

REQUIRED_KEYS = (
    "url",
    "username_selector",
    "password_selector",
    "submit_selector",
    "username_env",
    "password_env",
)
OPTIONAL_KEYS = ("logged_in_selector", "logged_in_url")
LOGIN_KEYS = REQUIRED_KEYS + OPTIONAL_KEYS
# Keys people try that would put a secret in the file: refused with what to do instead.
SECRET_KEYS = frozenset({"username", "user", "password", "pass", "passwd", "secret", "token"})
SAFE_METHODS = frozenset({"GET", "HEAD"})
MAX_STATE_BYTES = 5_000_000


class LoginFailed(Exception):
    """The scripted login did not log in; the message names no secret."""


@dataclasses.dataclass(frozen=True)
class LoginSettings:
    """The `[login]` table: where the form is, its fields, how to see that it worked, and
    the names of the environment variables that hold the username and password."""

    url: str
    username_selector: str
    password_selector: str
    submit_selector: str
    username_env: str
    password_env: str
    logged_in_selector: str = ""
    logged_in_url: str = ""  # a glob on the full URL (or a prefix of it)

    @classmethod
    def from_table(cls, table: Mapping[str, Any]) -> LoginSettings:
        problems = login_table_problems(table)
        if problems:
            raise ConfigError(problems[0])
        return cls(**{k: str(v).strip() for k, v in table.items()})

    def logged_in_by_url(self, url: str) -> bool:
        pattern = self.logged_in_url
        return bool(pattern) and (fnmatchcase(url, pattern) or url.startswith(pattern))


def login_table_problems(table: Mapping[str, Any]) -> list[str]:
    """What is wrong with a `[login]` table, as messages starting with `login`."""
    import difflib

    problems = []
    for key, value in table.items():
        if key in SECRET_KEYS:
            problems.append(
                f"login: never put the {key} in the settings file; name the environment "
                "variables that hold it with username_env and password_env"
            )
        elif key not in LOGIN_KEYS:
            close = difflib.get_close_matches(key, LOGIN_KEYS, n=1)
            hint = f"did you mean {close[0]!r}?" if close else f"known: {', '.join(LOGIN_KEYS)}"
            problems.append(f"login: unknown key {key!r}; {hint}")
        elif not isinstance(value, str) or not value.strip():
            problems.append(f"login.{key} must be a non-empty string")
    if problems:
        return problems
    missing = [key for key in REQUIRED_KEYS if key not in table]
    if missing:
        problems.append(f"login: {', '.join(missing)} missing (needed: {', '.join(REQUIRED_KEYS)})")
    elif not any(table.get(key) for key in OPTIONAL_KEYS):
        problems.append(
            "login: say how to see that the login worked with logged_in_selector (an element "
            "only shown when logged in) or logged_in_url (a glob of the page after login)"
        )
    elif problem := userinfo_problem(str(table["url"]), "login.url"):
        problems.append(problem)
    elif not str(table["url"]).startswith(("http://", "https://")):
        problems.append(f"login.url {table['url']!r} is not an http(s) URL")
    return problems


@dataclasses.dataclass(frozen=True)
class Credentials:
    """The account to log in with; its repr shows no value."""

    username: str = dataclasses.field(repr=False)
    password: str = dataclasses.field(repr=False)

    @property
    def secrets(self) -> tuple[str, ...]:
        return tuple(s for s in (self.username, self.password) if s)


def credentials_from_env(login: LoginSettings, env: Mapping[str, str] | None = None) -> Credentials:
    """The username and password from the environment variables the settings name."""
    env = os.environ if env is None else env
    values = {}
    for key in ("username_env", "password_env"):
        name = getattr(login, key)
        value = env.get(name, "")
        if not value:
            raise ConfigError(
                f"login: the environment variable {name} ({key}) is not set or empty; export it "
                "before the audit (the value is never read from the command line or the file)"
            )
        values[key] = value
    return Credentials(values["username_env"], values["password_env"])


def load_storage_state(path: str | Path) -> dict[str, Any]:
    """A Playwright storage state file (`{"cookies": [...], "origins": [...]}`), checked.
    The error messages never quote the file's contents."""
    file = Path(path)
    flag = f"--auth-state {path}"
    if not file.is_file():
        raise ConfigError(f"{flag}: no such file; save one with `cx-audit login URL --save FILE`")
    if file.stat().st_size > MAX_STATE_BYTES:
        raise ConfigError(f"{flag}: larger than {MAX_STATE_BYTES // 1_000_000} MB: not a state")
    try:
        data = json.loads(file.read_text("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        where = f" (line {exc.lineno})" if isinstance(exc, json.JSONDecodeError) else ""
        raise ConfigError(
            f"{flag}: not a JSON file{where}; save one with `cx-audit login URL --save FILE`"
        ) from None
    cookies = data.get("cookies") if isinstance(data, dict) else None
    origins = data.get("origins", []) if isinstance(data, dict) else None
    valid = (
        isinstance(cookies, list)
        and isinstance(origins, list)
        and all(isinstance(c, dict) and {"name", "value", "domain"} <= set(c) for c in cookies)
    )
    if not valid:
        raise ConfigError(
            f"{flag}: not a Playwright storage state (a JSON object with a list of cookies, "
            "each with name, value and domain); save one with `cx-audit login URL --save FILE`"
        )
    return data


def state_secrets(state: Mapping[str, Any]) -> tuple[str, ...]:
    """The cookie and local-storage values of a storage state: never to be shown."""
    values = [str(c.get("value", "")) for c in state.get("cookies", [])]
    for origin in state.get("origins", []) or []:
        values += [str(item.get("value", "")) for item in origin.get("localStorage", []) or []]
    return tuple(v for v in values if len(v) >= 4)


def scrub(text: str, secrets: Iterable[str]) -> str:
    """`text` with every secret replaced (for error messages from the browser)."""
    for secret in sorted(set(secrets), key=len, reverse=True):
        if secret:
            text = text.replace(secret, "***")
    return text


class GetOnlyGuard:
    """A context route that aborts every request other than GET and HEAD, except the one
    navigation that submits the login form while `allow_one_post` is set."""

    def __init__(self) -> None:
        self.allow_post = False
        self.blocked: list[str] = []  # "POST https://…" of what pages' scripts tried

    async def install(self, context: BrowserContext) -> None:
        await context.route("**/*", self.handle)

    async def handle(self, route: Route) -> None:
        request = route.request
        if request.method in SAFE_METHODS:
            await route.fallback()
            return
        if self.allow_post and request.is_navigation_request():
            self.allow_post = False
            await route.continue_()  # past the RequestGuard behind this route, which aborts it
            return
        if len(self.blocked) < 100:
            self.blocked.append(f"{request.method} {request.url.split('?')[0]}")
        # "aborted" for a navigation: a blocked form submit leaves the page as it was
        await route.abort("aborted" if request.is_navigation_request() else "blockedbyclient")


async def scripted_login(
    context: BrowserContext,
    login: LoginSettings,
    credentials: Credentials,
    guard: GetOnlyGuard,
    *,
    timeout: float,
    site_headers: SiteHeaders | None = None,
) -> str:
    """Fill in and submit the login form once; the URL of the page after login. Raises
    LoginFailed (naming no secret) when the form is missing or the logged-in check fails."""
    from playwright.async_api import Error as PlaywrightError

    timeout_ms = timeout * 1000
    page = await context.new_page()
    if site_headers is not None:
        await site_headers.attach(page)
    try:
        try:
            await page.goto(login.url, wait_until="domcontentloaded", timeout=timeout_ms)
            for selector, value in (
                (login.username_selector, credentials.username),
                (login.password_selector, credentials.password),
            ):
                await page.locator(selector).first.fill(value, timeout=timeout_ms)
            guard.allow_post = True
            async with page.expect_navigation(wait_until="domcontentloaded", timeout=timeout_ms):
                await page.locator(login.submit_selector).first.click(timeout=timeout_ms)
        except PlaywrightError as exc:
            reason = scrub(_first_line(exc), credentials.secrets)
            raise LoginFailed(f"the login at {login.url} failed: {reason}") from None
        finally:
            guard.allow_post = False
        if login.logged_in_selector:
            try:
                await _wait_for_login(page, login.logged_in_selector, min(timeout_ms, 10_000))
            except PlaywrightError:
                raise LoginFailed(
                    f"the login at {login.url} did not log in: after submitting, "
                    f"{login.logged_in_selector!r} (logged_in_selector) is not on {page.url}; "
                    "check the account in the environment variables and the selectors"
                ) from None
        if login.logged_in_url and not login.logged_in_by_url(page.url):
            raise LoginFailed(
                f"the login at {login.url} did not log in: it ended at {page.url}, not at "
                f"{login.logged_in_url!r} (logged_in_url); check the account and the selectors"
            )
        return page.url
    finally:
        await page.close()


async def _wait_for_login(page: Page, selector: str, timeout_ms: float) -> None:
    """Wait until `selector` is on the page; give up at once when the page after submitting
    shows a password field again and not the selector (a refused login)."""
    from playwright.async_api import Error as PlaywrightError

    marker = page.locator(selector).first
    await page.wait_for_load_state("load", timeout=timeout_ms)
    if await marker.count() == 0 and await page.locator("input[type=password]").count() > 0:
        raise PlaywrightError("the login form is shown again")
    await marker.wait_for(state="attached", timeout=timeout_ms)


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]
