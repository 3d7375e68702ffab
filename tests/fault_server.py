"""A local site that misbehaves on purpose, for the fault-injection suite (test_faults.py).

    with FaultSite() as site:
        cx_audit("audit", site.url("/http/"), ...)
        site.hits("/http/unavailable")   # how often the crawler asked for it

One LocalServer on 127.0.0.1 (random port) with one route per fault, grouped under three
index pages so that one audit (one Chromium) covers many faults:

- `/http/`: 503 and 429 with Retry-After, a 503 that recovers, a redirect loop, a redirect
  off-site, a body that stalls, connection resets, a 20 MB page, malformed and binary HTML,
  Latin-1 and UTF-16 pages; `/robots.txt` disallows `/http/private/` and lists a broken and a
  gzipped sitemap.
- `/js/`: scripts that throw, loop forever (while parsing and after load), open dialogs and
  windows, start downloads, and navigate away (on the site, off the site, and forever).
- `/trap/`: a calendar that links to the next month forever, a shop whose filters multiply
  query strings, and a page with 10,000 links.
- `/hostile/`: scripts that POST, PUT and DELETE (fetch, XHR, beacons, a form submit), 600
  images, a script that takes another page's URL with `history.replaceState`, 10,000
  `pushState` calls, and redirects, a sitemap and a PDF that lead to the other site (where
  `--header` values must never arrive).
- `/links/`: action links (`/links/account/opheffen`, `?confirm=1`, one on the other site) that
  must never be requested, also not by a page's own iframe, image or script, nor as the hop
  of a page's redirect (`/links/moved` -> `/links/uitloggen`), next to help
  articles about those tasks that must be audited; and
  `/links/search-*/` start pages, each with a search form the probe must not submit (hidden
  `confirm=1` to `/account/delete`, an action word, a robots-disallowed action, another port).

"Off-site" is a second LocalServer, reached as http://localhost:<port2>/: another origin on
the same loopback interface, so no request ever leaves 127.0.0.1. Every group also has control
pages (`/<group>/after-*`), linked after the faults, that must still be audited.
"""

from __future__ import annotations

import contextlib
import gzip
import socket
import struct
import time
from collections.abc import Callable
from html import escape
from types import TracebackType
from typing import Any

from tests.servers import LocalServer, Responder

HTML = "text/html; charset=utf-8"
HUGE_BYTES = 20 * 1024 * 1024
MANY_LINKS = 10_000
STALL_SECONDS = 30.0  # how long a stalling response drips (the audit's timeout is far shorter)


def page(title: str, body: str = "", *, head: str = "", lang: str = "en") -> str:
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title>{head}</head>"
        f"<body><main><h1>{escape(title)}</h1>{body}</main></body></html>"
    )


def links(*hrefs: str) -> str:
    return "<ul>" + "".join(f'<li><a href="{h}">{escape(h)}</a></li>' for h in hrefs) + "</ul>"


def control_page(name: str) -> str:
    return page(
        f"Control page {name}",
        "<p>This page behaves. It must be audited whatever its neighbours did.</p>"
        '<p><a href="/contact">Contact</a></p>',
    )


# --- responders: each writes one whole response itself ---------------------------------------


def respond(status: int, body: bytes | str, content_type: str = HTML, **headers: str) -> Responder:
    data = body.encode() if isinstance(body, str) else body

    def responder(handler: Any) -> None:
        handler.send_response(status)
        handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", str(len(data)))
        for name, value in headers.items():
            handler.send_header(name.replace("_", "-"), value)
        handler.end_headers()
        if handler.command != "HEAD":
            with contextlib.suppress(OSError):  # the browser may have moved on already
                handler.wfile.write(data)

    return responder


def redirect(location: Callable[[], str] | str, status: int = 302) -> Responder:
    def responder(handler: Any) -> None:
        handler.send_response(status)
        handler.send_header("Location", location() if callable(location) else location)
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    return responder


def recovering(body: str) -> Responder:
    """503 with Retry-After: 1 the first time, the page after that."""
    calls = [0]
    unavailable = respond(503, page("Maintenance"), Retry_After="1")
    ok = respond(200, body)

    def responder(handler: Any) -> None:
        calls[0] += 1
        (unavailable if calls[0] == 1 else ok)(handler)

    return responder


def stall(handler: Any) -> None:
    """The head of the page arrives, then one space every half second: never finished."""
    handler.send_response(200)
    handler.send_header("Content-Type", HTML)
    handler.end_headers()
    try:
        handler.wfile.write(b"<!doctype html><html><head><title>Stalling</title></head><body>")
        handler.wfile.flush()
        deadline = time.monotonic() + STALL_SECONDS
        while time.monotonic() < deadline:
            time.sleep(0.5)
            handler.wfile.write(b" ")
            handler.wfile.flush()
    except OSError:
        pass  # the browser gave up: what we wanted
    handler.close_connection = True


def _reset_connection(handler: Any) -> None:
    """Abort the TCP connection with a RST (SO_LINGER 0), not a clean close."""
    handler.wfile.flush()
    handler.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    handler.connection.close()
    handler.close_connection = True
    handler.wfile = _Sink()  # BaseHTTPRequestHandler flushes it once more on the way out


class _Sink:
    closed = False

    def write(self, data: bytes) -> int:
        return len(data)

    def flush(self) -> None:
        pass

    def close(self) -> None:
        pass


def reset_mid_response(handler: Any) -> None:
    """Promise 100 kB, send the first 2 kB of the page, then reset the connection."""
    head = page("Cut short", "<p>" + "This sentence is never finished. " * 60)
    handler.send_response(200)
    handler.send_header("Content-Type", HTML)
    handler.send_header("Content-Length", "100000")
    handler.end_headers()
    handler.wfile.write(head.encode()[:2000])
    _reset_connection(handler)


def reset_before_response(handler: Any) -> None:
    """Read the request, answer nothing, reset the connection."""
    _reset_connection(handler)


def huge_page(handler: Any) -> None:
    """A 20 MB HTML page (one long help article), streamed without building it in memory."""
    paragraph = (
        b"<p>Your monthly statement lists every payment, every refund and every fee that we "
        b"charged in the period, with the date on which it was booked.</p>\n"
    )
    head = page("A very long page", "").encode().split(b"</main>")[0]
    query = handler.path.partition("?")[2]
    size = int(query.removeprefix("mb=")) * 1024 * 1024 if query.startswith("mb=") else HUGE_BYTES
    count = (size - len(head)) // len(paragraph)
    tail = b"</main></body></html>"
    handler.send_response(200)
    handler.send_header("Content-Type", HTML)
    handler.send_header("Content-Length", str(len(head) + count * len(paragraph) + len(tail)))
    handler.end_headers()
    try:
        handler.wfile.write(head)
        block = paragraph * 1000
        for _ in range(count // 1000):
            handler.wfile.write(block)
        handler.wfile.write(paragraph * (count % 1000) + tail)
    except OSError:
        pass


def _binary_bytes(size: int = 6000) -> bytes:
    """Deterministic bytes of every value, NUL and control characters included."""
    return bytes((i * 131 + 7) % 256 for i in range(size))


MALFORMED = (
    "<html><head><title>Malformed but readable</title><body><main><h1>Opening hours"
    "<p>We are open <b>Monday to <i>Friday</b> from 9 to 5.</i>"
    "<table><tr><td>cell<p>paragraph in a cell</table></div></span>"
    "<a href='/http/after-1'>After one</a><a href=>empty</a><a href='http://['>broken url</a>"
    "<p>Text after <!-- an unclosed comment"
)
LATIN1 = page(
    "Café Ærø: informatie over uw rekening",
    "<p>Wij helpen u graag. Heeft u een vraag over uw rekening, neem dan contact op.</p>",
    lang="nl",
).replace("charset=utf-8", "charset=iso-8859-1")
UTF16 = page(
    "Ελληνικά and Ünïcödé in UTF-16",
    "<p>This page is encoded as UTF-16 with a byte-order mark.</p>",
).replace('<meta charset="utf-8">', "")


def http_routes(other: str) -> dict[str, Responder]:
    faults = {
        "unavailable": respond(503, page("Maintenance"), Retry_After="1"),
        "recovering": recovering(page("Back again", "<p>We are back after maintenance.</p>")),
        "too-many": respond(429, page("Slow down"), Retry_After="1"),
        "retry-much-later": respond(503, page("Closed for the day"), Retry_After="3600"),
        "loop": redirect("/http/loop-b"),
        "away": redirect(f"{other}/landing"),
        "stall": stall,
        "reset-mid-response": reset_mid_response,
        "reset-before-response": reset_before_response,
        "huge": huge_page,
        "malformed": respond(200, MALFORMED),
        "binary-as-html": respond(200, _binary_bytes(), HTML),
        "binary": respond(200, _binary_bytes(), "application/octet-stream"),
        "latin1": respond(200, LATIN1.encode("iso-8859-1"), "text/html; charset=iso-8859-1"),
        "utf16": respond(200, UTF16.encode("utf-16"), "text/html; charset=utf-16"),
        "private/secret": respond(200, page("Secret")),
    }
    controls = [f"/http/after-{n}" for n in (1, 2, 3)]
    index = page("HTTP faults", links(*(f"/http/{name}" for name in faults), *controls[:2]))
    routes: dict[str, Responder] = {f"/http/{name}": r for name, r in faults.items()}
    routes["/http/loop-b"] = redirect("/http/loop")
    routes["/http/"] = respond(200, index)
    for n, url in enumerate(controls, start=1):
        more = links("/http/after-3") if n == 2 else ""
        routes[url] = respond(200, control_page(f"http {n}").replace("</main>", more + "</main>"))
    routes["/http/only-in-sitemap"] = respond(200, control_page("from the gzipped sitemap"))
    return routes


def script_page(title: str, script: str, *, where: str = "head") -> str:
    tag = f"<script>{script}</script>"
    if where == "head":
        return page(title, "<p>Scripts run here.</p>", head=tag)
    return page(title, f"<p>Scripts run here.</p>{tag}")


# An app shell: the header's menu is in the HTML, the main content is built by a script.
SHELL = (
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
    "<script>{script}</script></head><body><header><nav>"
    '<a href="/js/from-the-menu">From the menu</a></nav></header><main></main></body></html>'
)


def js_routes(other: str) -> dict[str, Responder]:
    on_load = "addEventListener('load', () => setTimeout(() => {{ {} }}, 0));"
    faults = {
        "throws": script_page("Throws", "throw new Error('boom at parse time');"),
        "throws-later": script_page("Throws later", on_load.format("null.property;"), where="body"),
        "loop-while-parsing": script_page("Loops", "for (;;) {}"),
        "loop-after-load": script_page("Loops after load", on_load.format("for (;;) {}")),
        "dialogs": script_page(
            "Dialogs", "alert('hello'); confirm('sure?'); prompt('name?');", where="body"
        ),
        "dialog-storm": script_page("Dialog storm", "for (let i = 0; i < 500; i++) alert(i);"),
        "popup": script_page("Popup", on_load.format("window.open('/js/popup-target', '_blank');")),
        "download": script_page(
            "Download",
            on_load.format(
                "const a = document.createElement('a'); a.href = '/js/file.bin';"
                " a.download = 'file.bin'; document.body.append(a); a.click();"
                " location.href = '/js/file.bin';"
            ),
        ),
        "navigate-away": script_page("Navigating", "location.replace('/js/landing');"),
        "navigate-off-site": script_page("Leaving", f"location.href = '{other}/landing';"),
        "reload-forever": script_page("Reloading", on_load.format("location.reload();")),
        "renders-late": SHELL.format(
            title="Renders late",
            script=on_load.format(
                "setTimeout(() => { document.querySelector('main').innerHTML ="
                " '<h1>Renders late</h1><p>Fetched after the load event.</p>"
                '<a href="/js/only-in-late-content">More help</a>\'; }, 800);'
            ),
        ),
        "never-renders": SHELL.format(
            title="Never renders", script="throw new Error('the app failed to start');"
        ),
    }
    controls = [f"/js/after-{n}" for n in (1, 2, 3)]
    index = page("Script faults", links(*(f"/js/{name}" for name in faults), *controls[:2]))
    routes: dict[str, Responder] = {f"/js/{name}": respond(200, r) for name, r in faults.items()}
    routes["/js/"] = respond(200, index)
    routes["/js/landing"] = respond(200, control_page("landing after a script redirect"))
    routes["/js/popup-target"] = respond(200, page("Popup target"))
    routes["/js/only-in-late-content"] = respond(200, control_page("found in late content"))
    routes["/js/from-the-menu"] = respond(200, control_page("found in an empty page's menu"))
    routes["/js/file.bin"] = respond(
        200, _binary_bytes(), "application/octet-stream", Content_Disposition="attachment"
    )
    for n, url in enumerate(controls, start=1):
        more = links("/js/after-3") if n == 2 else ""
        routes[url] = respond(200, control_page(f"js {n}").replace("</main>", more + "</main>"))
    return routes


def calendar(handler: Any) -> None:
    """/trap/calendar/<year>/<month>: links to the previous and next month and year, forever."""
    parts = handler.path.split("?")[0].strip("/").split("/")
    try:
        year, month = int(parts[2]), int(parts[3])
    except (IndexError, ValueError):
        respond(404, page("Not found"))(handler)
        return

    def href(y: int, m: int) -> str:
        y, m = y + (m - 1) // 12, (m - 1) % 12 + 1
        return f"/trap/calendar/{y}/{m}"

    body = links(href(year, month - 1), href(year, month + 1), href(year + 1, month))
    respond(200, page(f"Agenda {year}-{month:02}", body))(handler)


FILTERS = {"colour": ("red", "green", "blue"), "size": ("s", "m", "l"), "sort": ("asc", "desc")}


def shop(handler: Any) -> None:
    """/trap/shop?…: every filter link adds or changes one query parameter."""
    query = handler.path.partition("?")[2]
    current = dict(pair.split("=", 1) for pair in query.split("&") if "=" in pair)
    hrefs = []
    for name, values in FILTERS.items():
        for value in values:
            chosen = {**current, name: value, "page": str(int(current.get("page", "1")) + 1)}
            hrefs.append("/trap/shop?" + "&".join(f"{k}={v}" for k, v in chosen.items()))
    respond(200, page("Shop", links(*hrefs)))(handler)


def many_links(handler: Any) -> None:
    items = "".join(
        f'<li><a href="/trap/many/item-{n}">Item {n}</a></li>' for n in range(MANY_LINKS)
    )
    respond(200, page("Ten thousand links", f"<ul>{items}</ul>"))(handler)


def trap_routes(_other: str) -> dict[str, Responder]:
    controls = [f"/trap/after-{n}" for n in (1, 2, 3)]
    index = page(
        "Crawl traps",
        links("/trap/calendar/2026/11", "/trap/shop", "/trap/many", *controls[:2]),
    )
    routes: dict[str, Responder] = {
        "/trap/": respond(200, index),
        "/trap/many": many_links,
        "/trap/many/*": respond(200, page("One of many")),
    }
    for n, url in enumerate(controls, start=1):
        more = links("/trap/after-3") if n == 2 else ""
        routes[url] = respond(200, control_page(f"trap {n}").replace("</main>", more + "</main>"))
    return routes


PUSH_FLOOD = 10_000  # history.pushState calls in one head script
MANY_IMAGES = 400  # images on one page, above the request guard's cap (300)
SECRET_HEADERS = {"X-Api-Key": "K-never-elsewhere", "Authorization": "Bearer A-never-elsewhere"}


def state_changing_requests(other: str) -> str:
    """Every way a load script can ask for more than GET: fetch, XHR, beacons (also to
    another origin), and a form submit (POST) that would take the page with it."""
    return (
        "navigator.sendBeacon('/hostile/api/beacon', 'x');"
        f"navigator.sendBeacon('{other}/api/beacon', 'x');"
        "fetch('/hostile/api/fetch', {method: 'POST', body: 'x'}).catch(() => {});"
        "fetch('/hostile/api/delete', {method: 'DELETE'}).catch(() => {});"
        "const xhr = new XMLHttpRequest(); xhr.open('PUT', '/hostile/api/xhr'); xhr.send('x');"
        "addEventListener('load', () => setTimeout(() => {"
        " const f = document.createElement('form'); f.method = 'post';"
        " f.action = '/hostile/api/form'; document.body.append(f); f.submit(); }, 0));"
    )


def hostile_routes(other: str) -> dict[str, Responder]:
    """/hostile/: pages whose scripts and markup try to make us do more than GET, to flood
    the site with requests, to hide a URL, or to carry --header values elsewhere."""
    images = "".join(f'<img src="/hostile/img/{n}.png" alt="">' for n in range(MANY_IMAGES))
    flood = f"for (let i = 0; i < {PUSH_FLOOD}; i++) history.pushState(null, '', '/hostile/p' + i);"
    faults = {
        "requests": script_page("Requests", state_changing_requests(other), where="body"),
        "many-images": page("Many images", f"<p>A gallery.</p>{images}"),
        "replace-state": script_page(
            "Replace state", "history.replaceState(null, '', '/hostile/victim');"
        ),
        "push-flood": script_page("Push flood", flood),
        "victim": page("Victim", "<p>A page whose URL another page's script took.</p>"),
        "hop": "",  # redirects through the other site and back (see FaultSite)
        "doc.pdf": "",  # redirects to a PDF on the other site
    }
    controls = [f"/hostile/after-{n}" for n in (1, 2, 3)]
    image = f'<img src="{other}/pixel.png" alt="">'
    index = page(
        "Hostile pages", links(*(f"/hostile/{name}" for name in faults), *controls[:2]) + image
    )
    routes: dict[str, Responder] = {
        f"/hostile/{name}": respond(200, body) for name, body in faults.items() if body
    }
    routes["/hostile/"] = respond(200, index)
    routes["/hostile/img/*"] = respond(200, b"GIF89a", "image/gif")
    routes["/hostile/hop"] = redirect(f"{other}/bounce")
    routes["/hostile/hop-end"] = respond(200, control_page("after a hop through another site"))
    routes["/hostile/doc.pdf"] = redirect(f"{other}/doc.pdf")
    routes["/hostile-sitemap.xml"] = redirect(f"{other}/sitemap.xml")
    for n, url in enumerate(controls, start=1):
        more = links("/hostile/after-3") if n == 2 else ""
        routes[url] = respond(
            200, control_page(f"hostile {n}").replace("</main>", more + "</main>")
        )
    return routes


# --- /links/: action links vs articles, and search forms not to submit (issue 17) -----------

ACTION_LINKS = (
    "/links/account/opheffen",
    "/links/subscription/cancel",
    "/links/logoff",
    "/links/account/close",
    "/links/wis-mijn-gegevens",
    "/links/account/delete",
    "/links/settings?action=delete",
    "/links/newsletter?confirm=1",
)
ARTICLES = (
    "/links/hulp/abonnement-opzeggen",
    "/links/help/how-to-cancel-your-subscription",
    "/links/help/delete-your-account",
    "/links/blog/cancel-culture-is-overrated",
)
OTHER_ACTION_LINK = "/account/close"  # on the other site: not even a link check
# A page whose own markup and script ask for action links: the browser must not send them
LOADS_ACTIONS = "/links/loads-actions"
LOADS_ACTIONS_PAGE = (
    '<p>This page tries to act by itself.</p><iframe src="/links/logoff"></iframe>'
    '<img src="/links/newsletter?confirm=1" alt="">'
    "<script>addEventListener('load', () => setTimeout(() =>"
    " location.replace('/links/account/opheffen'), 0));</script>"
)
# A page that redirects to an action link: the browser must not follow the hop
MOVED = "/links/moved"
MOVED_TO = "/links/uitloggen"
# Start pages whose search form the probe must not submit -> the form's action
SEARCH_FORMS = {
    "hidden": "/links/account/delete",  # role=search, hidden confirm=1
    "action-word": "/links/zoeken/verwijderen",
    "robots": "/http/private/zoeken",  # robots.txt disallows /http/private/
    "other-port": "/zoeken",  # on 127.0.0.1 at the other server's port
}
TEXTS = {
    "/links/account/opheffen": "Account opheffen",
    "/links/subscription/cancel": "Manage",
    "/links/hulp/abonnement-opzeggen": "Abonnement opzeggen",
    "/links/help/delete-your-account": "Delete your account",
}


def search_box(action: str, hidden: str = "") -> str:
    return (
        f'<form role="search" method="get" action="{action}">{hidden}'
        '<label for="q">Zoeken</label><input id="q" type="search" name="q"><button>Zoek</button>'
        "</form>"
    )


def links_routes(other: str) -> dict[str, Responder]:
    """/links/: the index links to action links and to articles about the same tasks, and has
    a plain search form (the probe must still use it); /links/search-*/ each have one form
    that is not plainly a search."""
    hrefs = [*ACTION_LINKS, f"{other}{OTHER_ACTION_LINK}", *ARTICLES, LOADS_ACTIONS, MOVED]
    items = "".join(f'<li><a href="{h}">{escape(TEXTS.get(h, h))}</a></li>' for h in hrefs)
    controls = [f"/links/after-{n}" for n in (1, 2, 3)]
    index = page(
        "Meterstand en abonnement",
        search_box("/links/zoeken") + f"<ul>{items}</ul>" + links(*controls[:2]),
    )
    routes: dict[str, Responder] = {"/links/": respond(200, index)}
    routes[LOADS_ACTIONS] = respond(200, page("Loads actions", LOADS_ACTIONS_PAGE))
    routes[MOVED] = redirect(MOVED_TO)
    routes[MOVED_TO] = respond(200, page("Uitgelogd", "<p>U bent uitgelogd.</p>"))
    for path in ACTION_LINKS:  # answered, so that a request would be seen like any other
        routes[path.partition("?")[0]] = respond(200, page("Done", "<p>It is done.</p>"))
    for path in ARTICLES:
        title = TEXTS.get(path, path.rsplit("/", 1)[1].replace("-", " ").capitalize())
        routes[path] = respond(200, page(title, "<p>Here is how, step by step.</p>"))
    results = page("Zoekresultaten", links(*ARTICLES[:2]))
    routes["/links/zoeken"] = respond(200, results)
    same_host_other_port = other.replace("localhost", "127.0.0.1")
    confirm = '<input type="hidden" name="confirm" value="1">'
    for name, action in SEARCH_FORMS.items():
        target = same_host_other_port + action if name == "other-port" else action
        form = search_box(target, confirm if name == "hidden" else "")
        routes[f"/links/search-{name}/"] = respond(200, page("Meterstand doorgeven", form))
        if name != "other-port":
            routes[action] = respond(200, results)
    for n, url in enumerate(controls, start=1):
        more = links("/links/after-3") if n == 2 else ""
        routes[url] = respond(200, control_page(f"links {n}").replace("</main>", more + "</main>"))
    return routes


def robots_txt(base: str, other: str) -> str:
    return (
        "User-agent: *\nDisallow: /http/private/\n"
        f"Sitemap: {base}/sitemap-broken.xml\nSitemap: {base}/sitemap.xml.gz\n"
        f"Sitemap: {base}/hostile-sitemap.xml\nSitemap: {other}/sitemap.xml\n"
    )


def sitemap_gz(base: str) -> bytes:
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<url><loc>{base}/http/only-in-sitemap</loc><lastmod>2026-01-05</lastmod></url>"
        "</urlset>"
    )
    return gzip.compress(xml.encode(), mtime=0)


def sitemap_of(*urls: str) -> str:
    locs = "".join(f"<url><loc>{url}</loc></url>" for url in urls)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{locs}</urlset>'
    )


BROKEN_SITEMAP = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>/http/nowhere'
)


class _TwoServers:
    """The audited site (`server`) and another origin (`other`), stopped together."""

    server: LocalServer
    other: LocalServer

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.server.stop()
        self.other.stop()


class FaultSite(_TwoServers):
    """The misbehaving site on 127.0.0.1 and the "other site" it sends visitors to."""

    def __init__(self) -> None:
        self.other = LocalServer(
            {
                "/landing": (200, {}, page("Another site", links("/elsewhere"))),
                "/elsewhere": (200, {}, page("Further away")),
            }
        )
        self.server = LocalServer({})
        self.times: dict[str, list[float]] = {}  # path -> when it was asked (time.monotonic)

    @property
    def base(self) -> str:
        return self.server.url

    @property
    def other_base(self) -> str:
        return self.other.url.replace("127.0.0.1", "localhost")

    def url(self, path: str) -> str:
        return self.base + path

    def hits(self, path: str) -> int:
        """How many times `path` (with its query) was requested."""
        return sum(1 for _method, seen in self.server.requests if seen == path)

    def paths(self) -> list[str]:
        return [seen for _method, seen in self.server.requests]

    def __enter__(self) -> FaultSite:
        self.other.start()
        self.server.start()
        other = self.other_base
        routes: dict[str, Any] = {}
        for build in (http_routes, js_routes, trap_routes, hostile_routes):
            routes.update(build(other))
        routes.update(links_routes(other))
        routes["/robots.txt"] = (200, {"Content-Type": "text/plain"}, robots_txt(self.base, other))
        routes["/sitemap.xml.gz"] = (
            200,
            {"Content-Type": "application/gzip"},
            sitemap_gz(self.base),
        )
        routes["/sitemap-broken.xml"] = (200, {"Content-Type": "application/xml"}, BROKEN_SITEMAP)
        routes["/contact"] = (200, {}, page("Contact", "<p>Call us on 020 123 4567.</p>"))
        routes["/favicon.ico"] = respond(204, b"", "image/x-icon")
        routes["/trap/calendar/*"] = calendar
        routes["/trap/shop"] = shop
        xml = {"Content-Type": "application/xml"}
        self.other.routes.update(
            {
                "/bounce": redirect(f"{self.base}/hostile/hop-end"),
                "/doc.pdf": (200, {"Content-Type": "application/pdf"}, b"%PDF-1.4\n%%EOF\n"),
                "/sitemap.xml": (200, xml, sitemap_of(f"{self.base}/hostile/after-1")),
                "/pixel.png": (200, {"Content-Type": "image/gif"}, b"GIF89a"),
                "/api/beacon": (200, {}, ""),
                OTHER_ACTION_LINK: (200, {}, page("Closed")),
                "/zoeken": (200, {}, page("Zoekresultaten")),
            }
        )
        self.server.routes.update(
            {path: self._timed(r) if callable(r) else r for path, r in routes.items()}
        )
        return self

    def _timed(self, responder: Responder) -> Responder:
        def timed(handler: Any) -> None:
            self.times.setdefault(handler.path, []).append(time.monotonic())
            responder(handler)

        return timed


# === deadlines (issue 17, points 4 and 8): responses that drip, robots.txt that fails =========
#
# `drip` answers quickly and then never finishes: one byte every DRIP_INTERVAL seconds, so no
# single read ever waits long (a per-read timeout never trips) while the whole answer takes
# DRIP_SECONDS. `DeadlineSite` is a small site whose robots.txt is any route (robots.txt is per
# origin, so each robots case is a server of its own), and whose pages lead to a dripping
# sitemap, a dripping PDF, an external link whose headers drip (on `other`) and a sitemap index
# that lists MANY_SITEMAPS sitemaps.

DRIP_SECONDS = 60.0
DRIP_INTERVAL = 0.2
MANY_SITEMAPS = 10_000


def drip(
    start: bytes = b"", content_type: str = HTML, *, status: int = 200, in_headers: bool = False
) -> Responder:
    """`start`, then one byte every DRIP_INTERVAL s for DRIP_SECONDS: in the body, or with
    `in_headers` in a header line that never ends (the body never comes)."""

    def responder(handler: Any) -> None:
        handler.close_connection = True
        head = f"HTTP/1.1 {status} Dripping\r\nContent-Type: {content_type}\r\n"
        head += "X-Drip: " if in_headers else "Connection: close\r\n\r\n"
        try:
            handler.wfile.write(head.encode() + (b"" if in_headers else start))
            handler.wfile.flush()
            end = time.monotonic() + DRIP_SECONDS
            while time.monotonic() < end:
                time.sleep(DRIP_INTERVAL)
                handler.wfile.write(b"x" if in_headers else b" ")
                handler.wfile.flush()
        except OSError:
            pass  # the client gave up: what we wanted

    return responder


def sitemap_index(*urls: str) -> str:
    locs = "".join(f"<sitemap><loc>{url}</loc></sitemap>" for url in urls)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{locs}</sitemapindex>'
    )


class DeadlineSite(_TwoServers):
    """A site whose `/robots.txt` is `robots` (a route), with a home page linking to
    `/public`, `/private/secret` and, with `faults`, the dripping PDF and external link; the
    robots.txt then lists the dripping sitemap and the huge sitemap index."""

    def __init__(
        self, robots: Any = None, *, faults: bool = False, slow: dict[str, float] | None = None
    ) -> None:
        self.other = LocalServer({"/drip-link": drip(in_headers=True)})
        self.server = LocalServer({}, slow=slow)
        self.robots = robots
        self.faults = faults

    def url(self, path: str) -> str:
        return self.server.url + path

    def paths(self) -> list[str]:
        return [seen for _method, seen in self.server.requests]

    def __enter__(self) -> DeadlineSite:
        self.other.start()
        self.server.start()
        base, other = self.server.url, self.other.url.replace("127.0.0.1", "localhost")
        hrefs = ["/public", "/private/secret"]
        if self.faults:
            hrefs += ["/drip.pdf", f"{other}/drip-link"]
        xml = "application/xml"
        routes: dict[str, Any] = {
            "/": respond(200, page("Home", links(*hrefs))),
            "/public": respond(200, control_page("public")),
            "/private/secret": respond(200, page("Private")),
            "/drip.pdf": drip(b"%PDF-1.4\n", "application/pdf"),
            "/sitemap-drip.xml": drip(b'<?xml version="1.0"?>', xml),
            "/sitemap-index.xml": respond(
                200,
                sitemap_index(*(f"{base}/sm/{n}.xml" for n in range(MANY_SITEMAPS))),
                xml,
            ),
            "/sm/*": respond(200, sitemap_of(), xml),
            "/favicon.ico": respond(204, b"", "image/x-icon"),
        }
        if self.faults:
            robots = f"Sitemap: {base}/sitemap-drip.xml\nSitemap: {base}/sitemap-index.xml\n"
            routes["/robots.txt"] = respond(200, robots, "text/plain")
        if self.robots is not None:
            routes["/robots.txt"] = self.robots
        self.server.routes.update(routes)
        return self


# --- /terminal/: page data that must reach the terminal harmless (issue 17, point 5) ------------
#
# A separate server, not a group of FaultSite: its robots.txt lists a sitemap, and a sitemap on
# FaultSite's origin would seed every other group's audit with these URLs. The index links to
# URLs that are Rich markup (`[/]` used to crash the progress bar; `[link=…]` and `[blink]`
# wrote a clickable link and escape codes); the sitemap lists URLs with U+009B (CSI: the
# 8-bit start of an escape sequence) and U+202E (right-to-left override), which no browser
# link can carry raw. Every page has an image without alt text, so that the `gate failed`
# lines and the summary table name these URLs too. `/terminal/slow` answers after
# SLOW_SECONDS, for an audit that must still be running while another one starts.

MARKUP_PATHS = (
    "/terminal/help/[/]",
    "/terminal/[link=http://evil.example/]click[/link]",
    "/terminal/[blink]blink[/blink]",
)
CONTROL_PATHS = ("/terminal/csi-\x9b31m-red", "/terminal/bidi-\u202egpj.exe")
SLOW_SECONDS = 20.0


def _slow_page(handler: Any) -> None:
    time.sleep(SLOW_SECONDS)
    respond(200, control_page("slow"))(handler)


def terminal_routes(base: str) -> dict[str, Any]:
    img = '<img src="/terminal/pixel.gif">'
    index = page("Terminal", links(*MARKUP_PATHS, "/terminal/after-1") + img)
    return {
        "/terminal/": respond(200, index),
        "/terminal/*": respond(200, page("A page with an odd URL", f"<p>Odd.</p>{img}")),
        "/terminal/pixel.gif": respond(200, b"GIF89a", "image/gif"),
        "/terminal/after-1": respond(200, control_page("terminal 1")),
        "/terminal/slow": _slow_page,
        "/terminal/sitemap.xml": respond(
            200, sitemap_of(*(base + path for path in CONTROL_PATHS)), "application/xml"
        ),
        "/robots.txt": respond(
            200, f"User-agent: *\nSitemap: {base}/terminal/sitemap.xml\n", "text/plain"
        ),
        "/contact": respond(200, page("Contact", "<p>Call us on 020 123 4567.</p>")),
        "/favicon.ico": respond(204, b"", "image/x-icon"),
    }


class TerminalSite(LocalServer):
    """The /terminal/ pages on their own server on 127.0.0.1."""

    def start(self) -> TerminalSite:
        super().start()
        self.routes.update(terminal_routes(self.url))
        return self
