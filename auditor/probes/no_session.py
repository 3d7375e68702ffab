"""The no-session refetch behind `page-open-without-login`: a portal page loaded once more in
a browser context without cookies or stored state (GET only), summarised for the check.

The result (`probes["no_session"]`) holds the status, final URL, redirect chain, title and
visible text of that second load, and whether it showed a login form. It lives only in the
snapshot, which is dropped once the page's checks ran; the check reports a summary.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Page
from playwright.async_api import TimeoutError as PlaywrightTimeoutError

READ_JS = """() => ({
  title: document.title || '',
  text: document.body ? document.body.innerText : '',
  password: !!document.querySelector('input[type=password]'),
})"""


async def fetch_without_session(
    page: Page, url: str, *, timeout: float, login_url: str = ""
) -> dict[str, Any]:
    """Load `url` in `page`, whose context holds no session, and read what it shows. A page
    that fails to load is `{"error": …}`; a browser that died propagates."""
    context = page.context
    await context.clear_cookies()
    try:
        response = await page.goto(url, wait_until="domcontentloaded", timeout=timeout * 1000)
        data: dict[str, Any] = await page.evaluate(READ_JS)
    except PlaywrightTimeoutError:
        return {"error": f"timeout: no answer within {timeout:g} s"}
    except PlaywrightError as exc:
        message = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        if "has been closed" in message or "crashed" in message:
            raise
        return {"error": message}
    finally:
        await context.clear_cookies()
    if response is None:
        return {"error": "no response"}
    chain = []
    request = response.request.redirected_from
    while request is not None:
        chain.append(request.url)
        request = request.redirected_from
    final_url = page.url
    at_login = bool(login_url) and _path(final_url) == _path(login_url)
    return {
        "status": response.status,
        "final_url": final_url,
        "redirects": list(reversed(chain)),
        "title": str(data.get("title", "")).strip(),
        "text": str(data.get("text", "")),
        "login_page": bool(data.get("password")) or at_login,
    }


def _path(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    return parts.netloc.lower(), parts.path.rstrip("/") or "/"
