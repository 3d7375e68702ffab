"""insecure-session-cookie: a login or session cookie can be stolen.

## What it does
Reads the browser's cookies for the page (`probes["cookies"]`: names and attributes, never
values) and reports each cookie whose name looks like a session or login cookie when it
- lacks `Secure` on an https page (loopback hosts excepted: there the connection is local);
- lacks `HttpOnly`;
- has `SameSite=None` without `Secure`.

Session-like names (compared without case and without a `__Host-` / `__Secure-` prefix):
`session`, `sess`, `sid`, `sessionid`, `session_id`, `auth`, `token`, names ending in one of
those after `_`, `.` or `-` (`laravel_session`, `connect.sid`, `ASP.NET_SessionId`,
`next-auth.session-token`), `PHPSESSID`, `JSESSIONID`, `ASPSESSIONID…` and names starting
with `remember` (`remember_web_…`). CSRF cookies (`XSRF-TOKEN`, `csrftoken`) are meant to be
read by scripts and are skipped, and so are the cookies of common analytics and chat scripts
(`ai_session`, `s_sess`, `__stripe_sid`, `_hjSession…`, `intercom-session-…`), which
scripts set and which hold no login. The finding's signature is the cookie name, so one
cookie is one issue across pages.

Chromium does not store a `SameSite=None` cookie without `Secure`, so the third case is
mostly seen in snapshots from other sources.

## Why is this bad?
A session cookie is the customer's login. Without `Secure` it is sent along with any plain
http request to the site, where others on the network can read it; without `HttpOnly` any
injected or compromised script can read it and take over the account.

## Example
```
Set-Cookie: PHPSESSID=…; path=/
```

## Use instead
```
Set-Cookie: __Host-PHPSESSID=…; Path=/; Secure; HttpOnly; SameSite=Lax
```

## Options
- `names` (list of str, default []): more cookie names to treat as session cookies.
- `allow` (list of str, default []): cookie names never to report.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any
from urllib.parse import urlsplit

from auditor.check import Check
from auditor.model import Finding, PageSnapshot, Pitfall, Severity
from auditor.urls import is_loopback

SESSION_NAME = re.compile(
    r"(^|[_.-])(session|sess|sid|session_?id|auth|token)$|^(php|j|asp)sess(ion)?id|^remember",
)
CSRF_NAME = re.compile(r"csrf|xsrf")
SCRIPT_COOKIE_PREFIXES = ("ai_session", "s_sess", "__stripe_sid", "_hjsession", "intercom-session-")
NAME_PREFIXES = ("__host-", "__secure-")


def run(
    page: PageSnapshot, *, names: Sequence[str] = (), allow: Sequence[str] = ()
) -> Iterator[Finding]:
    cookies = page.probes.get("cookies")
    if not isinstance(cookies, list):
        return
    https = urlsplit(page.final_url).scheme.lower() == "https" and not is_loopback(page.final_url)
    seen: set[str] = set()
    for cookie in cookies:
        name = str(cookie.get("name", ""))
        if name in seen or not is_session_cookie(name, names, allow):
            continue
        seen.add(name)
        problems = cookie_problems(cookie, https=https)
        if problems:
            yield CHECK.finding(
                page.url,
                f"The session cookie {name} {' and '.join(problems)}.",
                evidence=describe(cookie),
                signature=name,
            )


def is_session_cookie(name: str, extra: Sequence[str] = (), allow: Sequence[str] = ()) -> bool:
    lowered = name.lower()
    if lowered in {n.lower() for n in allow}:
        return False
    if lowered in {n.lower() for n in extra}:
        return True
    bare = _strip_prefix(lowered)
    return (
        bool(SESSION_NAME.search(bare))
        and not CSRF_NAME.search(bare)
        and not bare.startswith(SCRIPT_COOKIE_PREFIXES)
    )


def _strip_prefix(name: str) -> str:
    for prefix in NAME_PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def cookie_problems(cookie: Mapping[str, Any], *, https: bool) -> list[str]:
    secure = bool(cookie.get("secure"))
    problems = []
    if https and not secure:
        problems.append("lacks Secure (it is also sent over plain http)")
    if not cookie.get("http_only"):
        problems.append("lacks HttpOnly (scripts can read it)")
    if str(cookie.get("same_site", "")).lower() == "none" and not secure:
        problems.append("has SameSite=None without Secure")
    return problems


def describe(cookie: Mapping[str, Any]) -> str:
    """The cookie's attributes, never its value."""
    flags = [
        f"Domain={cookie.get('domain', '')}",
        f"Path={cookie.get('path', '/')}",
        "Secure" if cookie.get("secure") else "not Secure",
        "HttpOnly" if cookie.get("http_only") else "not HttpOnly",
        f"SameSite={cookie.get('same_site') or 'unspecified'}",
    ]
    return f"{cookie.get('name', '')}: {'; '.join(flags)}"


CHECK = Check(
    id="insecure-session-cookie",
    pitfall=Pitfall.TRUST,
    severity=Severity.SERIOUS,
    title="Session cookies are Secure and HttpOnly",
    failure_title="A session cookie lacks Secure or HttpOnly",
    fix=(
        "Set Secure and HttpOnly on every session cookie, and never send SameSite=None without "
        "Secure."
    ),
    run=run,
    docs=__doc__ or "",
    needs=("cookies",),
)
