"""The bundled demo site and a server for it on 127.0.0.1 (used by `cx-audit demo` and by
the end-to-end tests, so both audit exactly the same thing).

Besides the static help centre, the server runs a small "Mijn omgeving" behind a real
server-side session (`Portal`): `POST /mijn/login` with the demo account's username and
password sets an HttpOnly session cookie; every page under `/mijn/` then needs that session
and redirects to the login page without it, except the one page the demo leaves open by
mistake (`OPEN_WITHOUT_LOGIN`, the planted `page-open-without-login`). `/mijn/uitloggen`
ends the session: an audit must never request it.
"""

from __future__ import annotations

import contextlib
import functools
import secrets
import threading
from collections.abc import Iterator
from http.cookies import CookieError, SimpleCookie
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

# robots.txt and sitemap.xml need absolute URLs, but the port is chosen at run time.
TEMPLATED = {"/robots.txt", "/sitemap.xml"}
ORIGIN_PLACEHOLDER = "{{origin}}"

PORTAL_PREFIX = "/mijn/"
LOGIN_PAGE = "/nl/mijn/inloggen.html"
LOGIN_ACTION = "/mijn/login"
LOGOUT = "/mijn/uitloggen"
OPEN_WITHOUT_LOGIN = frozenset({"/mijn/verbruik.html"})
SESSION_COOKIE = "ve_session"
# The demo's test account (a fictional customer; its data is on the portal pages).
DEMO_USERNAME = "jan.devries@example.nl"
DEMO_PASSWORD = "Zonnebloem-2026!"
MAX_FORM_BYTES = 10_000


class Portal:
    """Server-side sessions of the demo portal, shared by the request threads.

    `session_budget`: how many portal requests a session may make before it expires (None:
    no limit), so tests can show what an audit does when its session is lost.
    """

    def __init__(
        self,
        username: str = DEMO_USERNAME,
        password: str = DEMO_PASSWORD,
        *,
        session_budget: int | None = None,
    ) -> None:
        self.username = username
        self.password = password
        self.session_budget = session_budget
        self.sessions: dict[str, int | None] = {}  # token -> portal requests left
        self.issued: list[str] = []  # every token ever handed out (tests grep for them)
        self.logins = 0
        self.failed_logins = 0
        self._lock = threading.Lock()

    def login(self, username: str, password: str) -> str | None:
        """A new session token for the right username and password, else None."""
        with self._lock:
            ok = secrets.compare_digest(username, self.username) and secrets.compare_digest(
                password, self.password
            )
            if not ok:
                self.failed_logins += 1
                return None
            token = secrets.token_urlsafe(24)
            self.sessions[token] = self.session_budget
            self.issued.append(token)
            self.logins += 1
            return token

    def use(self, token: str | None) -> bool:
        """True when `token` is a live session; counts one request against its budget."""
        with self._lock:
            if not token or token not in self.sessions:
                return False
            left = self.sessions[token]
            if left is not None:
                if left <= 0:
                    del self.sessions[token]
                    return False
                self.sessions[token] = left - 1
            return True

    def logout(self, token: str | None) -> None:
        with self._lock:
            self.sessions.pop(token or "", None)


def demo_site_dir() -> Path:
    """The installed copy (wheel) or, from a source checkout, fixtures/site."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "demo_site", here.parent / "fixtures" / "site"):
        if (candidate / "index.html").is_file():
            return candidate
    raise FileNotFoundError("the demo site is missing from this installation; reinstall cx-audit")


class _Handler(SimpleHTTPRequestHandler):
    requests_seen: list[tuple[str, str]]
    portal: Portal

    def do_GET(self) -> None:
        self.requests_seen.append(("GET", self.path))
        if self._portal_gate():
            return
        if self.path.split("?")[0] in TEMPLATED:
            self._send_templated()
            return
        super().do_GET()

    def do_HEAD(self) -> None:
        self.requests_seen.append(("HEAD", self.path))
        if self._portal_gate():
            return
        super().do_HEAD()

    def do_POST(self) -> None:
        """Only the login form may be posted."""
        self.requests_seen.append(("POST", self.path))
        if urlsplit(self.path).path != LOGIN_ACTION:
            self.send_error(405)
            return
        size = int(self.headers.get("Content-Length") or 0)
        if size > MAX_FORM_BYTES:
            self.send_error(413)
            return
        form = parse_qs(self.rfile.read(size).decode("utf-8", "replace"))
        token = self.portal.login(
            form.get("username", [""])[0].strip(), form.get("password", [""])[0]
        )
        if token is None:
            self._redirect(f"{LOGIN_PAGE}?fout=1")
            return
        cookie = f"{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax"
        self._redirect(PORTAL_PREFIX, cookie)

    def _portal_gate(self) -> bool:
        """Handle the portal's own routes and keep its pages behind the session; True when a
        response was sent here."""
        path = urlsplit(self.path).path
        if path == LOGIN_ACTION:
            self._redirect(LOGIN_PAGE)
            return True
        if path == LOGOUT:
            self.portal.logout(self._session_token())
            self._redirect(LOGIN_PAGE)
            return True
        if not path.startswith(PORTAL_PREFIX) or path in OPEN_WITHOUT_LOGIN:
            return False
        if not self.portal.use(self._session_token()):
            self._redirect(LOGIN_PAGE)
            return True
        return False

    def _session_token(self) -> str | None:
        try:
            cookies = SimpleCookie(self.headers.get("Cookie") or "")
        except CookieError:
            return None
        morsel = cookies.get(SESSION_COOKIE)
        return morsel.value if morsel else None

    def _redirect(self, location: str, cookie: str = "") -> None:
        self.send_response(303)
        self.send_header("Location", location)
        if cookie:
            self.send_header("Set-Cookie", cookie)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _send_templated(self) -> None:
        path = Path(self.translate_path(self.path.split("?")[0]))
        if not path.is_file():
            self.send_error(404)
            return
        origin = f"http://{self.server.server_address[0]}:{self.server.server_address[1]}"
        body = path.read_text("utf-8").replace(ORIGIN_PLACEHOLDER, origin).encode("utf-8")
        self.send_response(200)
        kind = "text/plain" if path.suffix == ".txt" else "application/xml"
        self.send_header("Content-Type", f"{kind}; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def end_headers(self) -> None:
        """The demo shows good practice: the headers a login page needs (as a real host's
        proxy would add them), and no caching of personal pages."""
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Content-Security-Policy", "frame-ancestors 'self'")
        if urlsplit(self.path).path.startswith(PORTAL_PREFIX):
            self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the audit prints its own progress."""


@contextlib.contextmanager
def serve_site(
    directory: Path | None = None, *, portal: Portal | None = None
) -> Iterator[tuple[str, list[tuple[str, str]]]]:
    """Serve `directory` on 127.0.0.1 on a free port; yields (base URL, requests seen).
    `portal`: the sessions of the demo portal (a fresh one when not given)."""
    seen: list[tuple[str, str]] = []
    handler = type(
        "DemoHandler", (_Handler,), {"requests_seen": seen, "portal": portal or Portal()}
    )
    bound = functools.partial(handler, directory=str(directory or demo_site_dir()))
    server = ThreadingHTTPServer(("127.0.0.1", 0), bound)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", seen
    finally:
        server.shutdown()
        server.server_close()
