"""consistent-help: help links are in the same place, relative to the rest, on every page.

## What it does
Finds the help mechanisms in each page's links — a link to the contact page ("Contact",
"Klantenservice", "Neem contact op"), a phone (`tel:`) or email (`mailto:`) link, a chat
link, a self-help link ("Help", "Hulp", "Veelgestelde vragen", "FAQ") — and compares where
they sit among the page's other links with where they sit on the other pages of the site
(WCAG 2.2 3.2.6 Consistent Help).

Two pages are compared only when they share at least `min_shared` links that occur the same
number of times on both (the shared header, navigation and footer): pages built on another
template are not comparable. A help link's place on a page is the set of those shared links
that come before it. A page is reported for a kind of help when, compared with most of its
comparable pages (at least `min_pages`, up to `max_pages` sampled), each page has a help link
in a place the other does not: the link has moved. A help link that is missing from a
page, or an extra one in the text of an article, is not a change of order and is not
reported.

Only visible links count. Help that is not a link (a chat button, a phone number in plain
text) is not seen.

## Why is this bad?
People who need help look for it where they found it before. A "Contact" link that is in the
footer on one page and at the top of the content on another is hard to find for people with
cognitive or memory disabilities and for screen-reader users who jump to it by position.

## Example
The "Contact" link is the last item of the main menu on every page, but one template drops
it from the menu and puts it above the article instead.

## Use instead
Keep the help links in the shared header or footer, in the same order, on every page. WCAG
2.2 (success criterion 3.2.6, level A) requires this; EN 301 549 V3.2.1 predates it, so it is
not yet a legal requirement under the European Accessibility Act.

## Options
- `min_shared` (int, default 3): shared links two pages need to be comparable.
- `min_pages` (int, default 2): comparable pages a page needs to be judged.
- `max_pages` (int, default 40): pages each page is compared with (evenly sampled).
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from urllib.parse import urlsplit

from auditor.check import Check
from auditor.classify import CONTACT_PATH
from auditor.model import Finding, Link, PageSummary, Pitfall, Severity, SiteSummary
from auditor.urls import normalize_url
from checks.common import normalise_space
from checks.escalation.contact_page_linked import links_to_contact

KINDS = ("contact", "phone", "email", "chat", "self-help")
CHAT = re.compile(r"\b(web|live ?)?chat(ten|bot)?\b", re.I)
SELF_HELP_TEXT = re.compile(
    r"faqs?|veel ?gestelde vragen|frequently asked questions|vragen (en|&) antwoorden|"
    r"questions (and|&) answers|help|hulp|help ?(center|centre|centrum)|support",
    re.I,
)
SELF_HELP_PATH = re.compile(r"/(faqs?|veel-?gestelde-vragen|help|hulp|support)(\.html?)?/?$", re.I)

Key = tuple[str, str]


@dataclasses.dataclass(frozen=True)
class Layout:
    """One page's visible links in DOM order, each as a key (URL, text) and a help kind."""

    url: str
    keys: tuple[Key, ...]
    kinds: tuple[str | None, ...]
    texts: tuple[str, ...]


@dataclasses.dataclass(frozen=True)
class View:
    """A page seen for one kind of help: its layout and how often each other link occurs."""

    layout: Layout
    kind: str
    counts: Counter[Key]

    @classmethod
    def of(cls, layout: Layout, kind: str) -> View:
        pairs = zip(layout.keys, layout.kinds, strict=True)
        return cls(layout, kind, Counter(key for key, k in pairs if k != kind))


@dataclasses.dataclass(frozen=True)
class Move:
    """Help links in a place on one page that the other page does not have, and vice versa:
    their positions on each page."""

    other: Layout
    here: int
    there: int


def help_kind(link: Link, contact_urls: set[str]) -> str | None:
    """The kind of help a link offers, or None."""
    href = link.href.strip().lower()
    text = normalise_space(link.text)
    path = urlsplit(link.href).path
    if href.startswith("tel:"):
        return "phone"
    if href.startswith("mailto:"):
        return "email"
    if len(text.split()) <= 4 and CHAT.search(text):
        return "chat"
    if links_to_contact(link, contact_urls) or CONTACT_PATH.search(path):
        return "contact"
    if SELF_HELP_TEXT.fullmatch(text) or SELF_HELP_PATH.search(path):
        return "self-help"
    return None


def layout_of(page: PageSummary, contact_urls: set[str]) -> Layout:
    """The page's visible links, without in-page links (skip links, tabs, "back to top")."""
    here = {normalize_url(page.url), normalize_url(page.final_url)}
    links = [
        link
        for link in page.links
        if link.visible and not (urlsplit(link.href).fragment and normalize_url(link.href) in here)
    ]
    return Layout(
        url=page.url,
        keys=tuple(
            (normalize_url(link.href) or link.href, normalise_space(link.text).lower())
            for link in links
        ),
        kinds=tuple(help_kind(link, contact_urls) for link in links),
        texts=tuple(normalise_space(link.text) for link in links),
    )


def shared_links(a: View, b: View) -> set[Key]:
    """Links other than the help in question that occur equally often on both pages."""
    return {key for key, n in a.counts.items() if b.counts.get(key) == n}


def places(view: View, shared: set[Key]) -> dict[frozenset[tuple[Key, int]], int]:
    """Each help link by its place (how many of each shared link come before it), mapped to
    its position on the page."""
    out: dict[frozenset[tuple[Key, int]], int] = {}
    seen: Counter[Key] = Counter()
    for i, (key, kind) in enumerate(zip(view.layout.keys, view.layout.kinds, strict=True)):
        if kind == view.kind:
            out.setdefault(frozenset(seen.items()), i)
        elif key in shared:
            seen[key] += 1
    return out


def find_move(page: View, other: View, shared: set[Key]) -> Move | None:
    """A move when each page has a help link in a place the other has none in; a link
    missing from one page, or an extra one, is not a move."""
    here = places(page, shared)
    there = places(other, shared)
    only_here = [pos for place, pos in here.items() if place not in there]
    only_there = [pos for place, pos in there.items() if place not in here]
    if only_here and only_there:
        return Move(other.layout, only_here[0], only_there[0])
    return None


def sample(items: Sequence[View], limit: int) -> Sequence[View]:
    """At most `limit` items, evenly spread."""
    if len(items) <= limit:
        return items
    step = len(items) / limit
    return [items[int(i * step)] for i in range(limit)]


def run(
    site: SiteSummary, *, min_shared: int = 3, min_pages: int = 2, max_pages: int = 40
) -> Iterator[Finding]:
    pages = site.html_pages
    contact_urls = {
        normalize_url(u) or u for p in pages if p.kind == "contact" for u in (p.url, p.final_url)
    }
    layouts = [layout_of(p, contact_urls) for p in pages]
    for kind in KINDS:
        views = [View.of(lay, kind) for lay in layouts if kind in lay.kinds]
        for view in views:
            comparable = 0
            moves: list[Move] = []
            for other in sample([v for v in views if v is not view], max_pages):
                shared = shared_links(view, other)
                if sum(view.counts[key] for key in shared) < min_shared:
                    continue
                comparable += 1
                if move := find_move(view, other, shared):
                    moves.append(move)
            if comparable >= min_pages and len(moves) * 2 > comparable:
                yield _finding(view, moves, comparable)


def _finding(view: View, moves: list[Move], comparable: int) -> Finding:
    layout, kind, move = view.layout, view.kind, moves[0]
    name = layout.texts[move.here] or kind
    return CHECK.finding(
        layout.url,
        f"The {kind} link '{name}' is not in the same place relative to the other links as on "
        f"{len(moves)} of {comparable} comparable pages: here it comes "
        f"{_between(layout, move.here)}; on {move.other.url} it comes "
        f"{_between(move.other, move.there)}.",
        evidence=name,
        signature=f"help-order|{kind}",
    )


def _between(layout: Layout, pos: int) -> str:
    before = next((t for t in reversed(layout.texts[:pos]) if t), "")
    after = next((t for t in layout.texts[pos + 1 :] if t), "")
    if before and after:
        return f"after '{before}' and before '{after}'"
    return f"after '{before}'" if before else f"before '{after}'" if after else "alone"


CHECK = Check(
    id="consistent-help",
    pitfall=Pitfall.ACCESSIBILITY,
    severity=Severity.MODERATE,
    title="Help links are in the same place on every page",
    failure_title="A help link is in a different place than on other pages",
    run=run,
    docs=__doc__ or "",
    scope="site",
    wcag=("3.2.6",),
)
