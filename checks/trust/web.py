"""What the trust checks share: secure contexts, registrable domains, header values and the
password fields (and their forms) of a page. Pure functions, no I/O."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator, Mapping
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup, Tag

from auditor.model import PageSnapshot
from auditor.urls import is_loopback

# Public suffixes of two labels under which organisations register their names (example.co.uk).
# A short list instead of the full Public Suffix List (no dependency, no download): a suffix
# missing here makes two unrelated hosts under it look like one site, so a check can only
# miss a finding, never invent one.
MULTI_PART_SUFFIXES = frozenset(
    {
        "co.uk", "org.uk", "ac.uk", "gov.uk", "ltd.uk", "plc.uk", "me.uk", "net.uk", "nhs.uk",
        "com.au", "net.au", "org.au", "edu.au", "gov.au",
        "co.nz", "org.nz", "govt.nz",
        "co.jp", "ne.jp", "or.jp", "ac.jp", "go.jp",
        "co.za", "org.za", "gov.za",
        "com.br", "com.mx", "com.ar", "com.tr", "com.cn", "com.hk", "com.sg", "com.tw",
        "co.in", "co.il", "co.kr", "com.my",
        "co.at", "or.at", "gv.at",
        "com.pl", "com.es", "com.pt",
    }
)  # fmt: skip


def is_secure_context(url: str) -> bool:
    """https, or a loopback host (127.0.0.0/8, localhost, ::1), as browsers treat them."""
    return urlsplit(url).scheme.lower() == "https" or is_loopback(url)


def host_of(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").rstrip(".")
    except ValueError:
        return ""


def registrable_domain(host: str) -> str:
    """The name a host is registered under: `login.example.nl` -> `example.nl`,
    `www.example.co.uk` -> `example.co.uk`. IP addresses and single labels stay as they are."""
    host = host.lower().rstrip(".")
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        labels = host.split(".")
        size = 3 if ".".join(labels[-2:]) in MULTI_PART_SUFFIXES else 2
        return ".".join(labels[-size:])
    return host


def first_value(headers: Mapping[str, str], name: str) -> str:
    """The first of a header's values: browsers obey only the first `X-Frame-Options`,
    `X-Content-Type-Options` or `Strict-Transport-Security` (repeated headers arrive joined
    by commas)."""
    return headers.get(name, "").split(",")[0].strip()


def is_hidden(el: Tag) -> bool:
    """Not shown to anyone: in a `<template>`, or under `hidden` / inline `display: none`."""
    for node in (el, *el.parents):
        if not isinstance(node, Tag):
            continue
        style = str(node.get("style", "")).replace(" ", "").lower()
        if node.name == "template" or node.has_attr("hidden") or "display:none" in style:
            return True
    return False


def password_fields(dom: BeautifulSoup) -> list[Tag]:
    return [el for el in dom.select("input[type=password]") if not is_hidden(el)]


def password_forms(dom: BeautifulSoup) -> Iterator[tuple[Tag | None, list[Tag]]]:
    """Each form with its visible password fields, in document order; password fields
    outside any form come last, with `None` as their form."""
    by_form: dict[int, tuple[Tag | None, list[Tag]]] = {}
    for field in password_fields(dom):
        form = field.find_parent("form")
        by_form.setdefault(id(form), (form, []))[1].append(field)
    with_form = [entry for entry in by_form.values() if entry[0] is not None]
    yield from with_form
    yield from (entry for entry in by_form.values() if entry[0] is None)


def text_field_before(form: Tag, field: Tag) -> Tag | None:
    """The last visible text-like input (text, email, tel or no type) before `field` in
    `form`: the username of a login form."""
    candidate = None
    for el in form.find_all("input"):
        if el is field:
            return candidate
        kind = str(el.get("type", "text")).lower() or "text"
        if kind in ("text", "email", "tel") and not is_hidden(el):
            candidate = el
    return candidate


def base_url(page: PageSnapshot) -> str:
    """What relative URLs on the page resolve against: `<base href>` or the final URL."""
    base = page.dom.find("base", href=True)
    href = str(base["href"]) if isinstance(base, Tag) else ""
    return urljoin(page.final_url, href) if href else page.final_url


def form_targets(form: Tag, base: str) -> list[str]:
    """Where a form can submit to: its `action` (the page itself when empty) and the
    `formaction` of its buttons, resolved; only http(s) URLs."""
    actions = [str(form.get("action") or "")]
    actions += [str(el["formaction"]) for el in form.select("[formaction]")]
    resolved = dict.fromkeys(urljoin(base, action.strip()) for action in actions)
    return [url for url in resolved if urlsplit(url).scheme.lower() in ("http", "https")]


def css_selector(el: Tag) -> str:
    """A selector for the element from its id, name or action, never its position."""
    for attr in ("id", "name", "action"):
        value = el.get(attr)
        if isinstance(value, str) and value and '"' not in value:
            return f'{el.name}[{attr}="{value}"]'
    kind = el.get("type")
    return f"{el.name}[type={kind}]" if isinstance(kind, str) and kind.isalpha() else el.name


def opening_tag(el: Tag) -> str:
    """The element's start tag only (`<form action="…" method="post">`), for evidence."""
    return f"<{el.name}{''.join(_attribute(name, value) for name, value in el.attrs.items())}>"


def _attribute(name: str, value: str | list[str]) -> str:
    text = " ".join(value) if isinstance(value, list) else value
    return f' {name}="{text}"' if text else f" {name}"
