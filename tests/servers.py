"""A small threaded HTTP server on 127.0.0.1 for tests: in-memory routes and/or a directory.

    with LocalServer(routes={"/robots.txt": (200, {"Content-Type": "text/plain"}, b"...")},
                     directory="fixtures/site") as server:
        httpx.get(server.url + "/robots.txt")
        assert server.requests == [("GET", "/robots.txt")]

Routes win over files; a route key with a query ("/search?q=x") is tried before the bare
path. A route may also be a callable that gets the request handler and writes the whole
response itself (`tests/fault_server.py` uses this for servers that misbehave on purpose). A
key ending in "*" matches every path that starts with what precedes the "*" (tried last).
Every request is recorded as (method, path with query), whatever its method; methods other
than GET and HEAD get 405 (501 for unknown ones). `delay` (seconds) is applied before
every response and may be changed while the server runs; `slow` maps a path to its own delay.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import urlsplit

Route = tuple[int, Mapping[str, str], bytes | str]
Responder = Callable[["_Handler"], None]  # writes status, headers and body itself
DEFAULT_CONTENT_TYPE = "text/html; charset=utf-8"


class LocalServer:
    def __init__(
        self,
        routes: Mapping[str, Route | Responder] | None = None,
        *,
        directory: str | Path | None = None,
        delay: float = 0.0,
        slow: Mapping[str, float] | None = None,
    ) -> None:
        self.routes: dict[str, Route | Responder] = dict(routes or {})
        self.directory = Path(directory) if directory is not None else None
        self.delay = delay
        self.slow: dict[str, float] = dict(slow or {})
        self.requests: list[tuple[str, str]] = []
        self.headers_seen: list[tuple[str, dict[str, str]]] = []
        self._httpd: _Server | None = None
        self._thread: threading.Thread | None = None
        self._url = ""

    @property
    def url(self) -> str:
        """The base URL without a trailing slash, e.g. http://127.0.0.1:54321 (kept after
        `stop`, so a test can show what happens when the host is unreachable)."""
        if not self._url:
            raise RuntimeError("the server was never started")
        return self._url

    def start(self) -> LocalServer:
        self._httpd = _Server(self)
        self._url = f"http://127.0.0.1:{self._httpd.server_address[1]}"
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._httpd = self._thread = None

    def paths(self, method: str = "GET") -> list[str]:
        """The paths requested with `method`, in order."""
        return [path for m, path in self.requests if m == method]

    def __enter__(self) -> LocalServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, owner: LocalServer) -> None:
        self.owner = owner
        handler = partial(_Handler, directory=str(owner.directory or "."))
        super().__init__(("127.0.0.1", 0), handler)


class _Handler(SimpleHTTPRequestHandler):
    server: _Server

    def parse_request(self) -> bool:
        if not super().parse_request():
            return False
        owner = self.server.owner
        owner.requests.append((self.command, self.path))
        owner.headers_seen.append((self.path, dict(self.headers.items())))
        pause = owner.slow.get(urlsplit(self.path).path, owner.delay)
        if pause > 0:
            time.sleep(pause)
        return True

    def do_GET(self) -> None:
        self._serve(with_body=True)

    def do_HEAD(self) -> None:
        self._serve(with_body=False)

    def do_POST(self) -> None:
        self.send_error(405)

    do_PUT = do_DELETE = do_PATCH = do_OPTIONS = do_POST

    def _serve(self, *, with_body: bool) -> None:
        if self._send_route(with_body=with_body):
            return
        if self.server.owner.directory is None:
            self.send_error(404)
        elif with_body:
            super().do_GET()
        else:
            super().do_HEAD()

    def _send_route(self, *, with_body: bool) -> bool:
        owner = self.server.owner
        path = urlsplit(self.path).path
        route = owner.routes.get(self.path) or owner.routes.get(path)
        if route is None:
            prefixes = [k for k in owner.routes if k.endswith("*") and path.startswith(k[:-1])]
            route = owner.routes[max(prefixes, key=len)] if prefixes else None
        if route is None:
            return False
        if callable(route):
            route(self)
            return True
        status, headers, body = route
        data = body.encode() if isinstance(body, str) else body
        self.send_response(status)
        names = {name.lower() for name in headers}
        for name, value in headers.items():
            self.send_header(name, value)
        if "content-type" not in names:
            self.send_header("Content-Type", DEFAULT_CONTENT_TYPE)
        if "content-length" not in names:
            self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if with_body:
            self.wfile.write(data)
        return True

    def log_message(self, format: str, *args: Any) -> None:
        """Silence the per-request log lines on stderr."""
