"""The bundled demo site and a static server for it on 127.0.0.1 (used by `cx-audit demo`
and by the end-to-end tests, so both audit exactly the same thing)."""

from __future__ import annotations

import contextlib
import functools
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

# robots.txt and sitemap.xml need absolute URLs, but the port is chosen at run time.
TEMPLATED = {"/robots.txt", "/sitemap.xml"}
ORIGIN_PLACEHOLDER = "{{origin}}"


def demo_site_dir() -> Path:
    """The installed copy (wheel) or, from a source checkout, fixtures/site."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "demo_site", here.parent / "fixtures" / "site"):
        if (candidate / "index.html").is_file():
            return candidate
    raise FileNotFoundError("the demo site is missing from this installation; reinstall cx-audit")


class _Handler(SimpleHTTPRequestHandler):
    requests_seen: list[tuple[str, str]]

    def do_GET(self) -> None:
        self.requests_seen.append(("GET", self.path))
        if self.path.split("?")[0] in TEMPLATED:
            self._send_templated()
            return
        super().do_GET()

    def do_HEAD(self) -> None:
        self.requests_seen.append(("HEAD", self.path))
        super().do_HEAD()

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
        proxy would add them)."""
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Content-Security-Policy", "frame-ancestors 'self'")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the audit prints its own progress."""


@contextlib.contextmanager
def serve_site(directory: Path | None = None) -> Iterator[tuple[str, list[tuple[str, str]]]]:
    """Serve `directory` on 127.0.0.1 on a free port; yields (base URL, requests seen)."""
    seen: list[tuple[str, str]] = []
    handler = type("DemoHandler", (_Handler,), {"requests_seen": seen})
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
