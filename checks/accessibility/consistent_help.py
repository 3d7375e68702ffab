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
comparable pages (at least `min_pages`, of up to `max_pages` sampled; the page itself counts
as one that agrees), each page has a help link in a place the other does not: the link has
moved. A help link that is missing from a page, or an extra one in the text of an article,
is not a change of order and is not reported. Only links found on several pages count as
shared (at least two, and a tenth of the sampled pages).

Only visible links count, and a help link is placed only among other links: the end of the
menu and the top of the content are the same place when no link lies between them. Help
that is not a link (a chat button, a phone number in plain text) is not seen.

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
- `max_pages` (int, default 40): pages each page is compared with, sampled evenly from the
  site, so the check stays linear in the number of pages.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from urllib.parse import urlsplit

from auditor.check import Check
from auditor.classify import CONTACT_PATH
from auditor.model import Finding, Link, PageSummary, Pitfall, Severity, SiteSummary
from auditor.urls import normalize_url
from checks.common import normalise_space
from checks.escalation.contact_route import links_to_contact

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
class Tokens:
    """A page's links seen for one kind of help: `None` for a help link of that kind, the key
    for every other link that can be shared; `index` maps each back to the page's links."""

    keys: tuple[Key | None, ...]
    index: tuple[int, ...]

    @functools.cached_property
    def counts(self) -> Counter[Key]:
        return Counter(key for key in self.keys if key is not None)

    @functools.cached_property
    def hashes(self) -> tuple[int, ...]:
        """A hash per link of (key, how many times it occurred before): summed over a
        prefix, it identifies the multiset of links before a point, whatever their order."""
        seen: Counter[Key] = Counter()
        out = []
        for key in self.keys:
            out.append(hash((key, seen[key])))
            if key is not None:
                seen[key] += 1
        return tuple(out)


@dataclasses.dataclass(frozen=True)
class Move:
    """A help link in a place on one page that the other page has none in, and vice versa:
    their positions among each page's links."""

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


def describe(link: Link, contact_urls: set[str]) -> tuple[Key, str | None, str]:
    """A link's key (URL, lowercased text), help kind and display text."""
    text = normalise_space(link.text)
    key = (normalize_url(link.href) or link.href, text.lower())
    return key, help_kind(link, contact_urls), text


def layout_of(
    page: PageSummary, contact_urls: set[str], memo: dict[Link, tuple[Key, str | None, str]]
) -> Layout:
    """The page's visible links, without in-page links (skip links, tabs, "back to top").
    `memo` caches each distinct link: the shared header and footer repeat on every page."""
    here = {normalize_url(page.url), normalize_url(page.final_url)}
    facts = []
    for link in page.links:
        if link not in memo:
            memo[link] = describe(link, contact_urls)
        key = memo[link][0]
        if link.visible and not (urlsplit(link.href).fragment and key[0] in here):
            facts.append(memo[link])
    return Layout(
        url=page.url,
        keys=tuple(key for key, _, _ in facts),
        kinds=tuple(kind for _, kind, _ in facts),
        texts=tuple(text for _, _, text in facts),
    )


def tokens_of(layout: Layout, kind: str, repeated: set[Key]) -> Tokens:
    """The page's help links of `kind` and its repeated other links, in order."""
    pairs = [
        (None if k == kind else key, i)
        for i, (key, k) in enumerate(zip(layout.keys, layout.kinds, strict=True))
        if k == kind or key in repeated
    ]
    return Tokens(tuple(key for key, _ in pairs), tuple(i for _, i in pairs))


def places(tokens: Tokens, shared: set[Key]) -> dict[tuple[int, int], int]:
    """Each help link by its place — the multiset of shared links before it, as (count, sum
    of hashes) — mapped to its position among the tokens."""
    out: dict[tuple[int, int], int] = {}
    count = total = 0
    for i, key in enumerate(tokens.keys):
        if key is None:
            out.setdefault((count, total), i)
        elif key in shared:
            count += 1
            total += tokens.hashes[i]
    return out


def compare(a: Tokens, b: Tokens, min_shared: int) -> tuple[int, int] | bool:
    """False when the pages share fewer than `min_shared` links (not comparable); else the
    positions of a move — each page has a help link in a place the other has none in — or
    True when nothing moved. A link missing from one page, or an extra one, is not a move."""
    shared = {key for key, n in a.counts.items() if b.counts.get(key) == n}
    if sum(a.counts[key] for key in shared) < min_shared:
        return False
    here = places(a, shared)
    there = places(b, shared)
    only_here = [pos for place, pos in here.items() if place not in there]
    only_there = [pos for place, pos in there.items() if place not in here]
    return (only_here[0], only_there[0]) if only_here and only_there else True


def sample(items: Sequence[Layout], limit: int) -> Sequence[Layout]:
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
    memo: dict[Link, tuple[Key, str | None, str]] = {}
    layouts = [layout_of(p, contact_urls, memo) for p in pages]
    for kind in KINDS:
        with_help = [lay for lay in layouts if kind in lay.kinds]
        partners = sample(with_help, max_pages + 1)
        # Only links on several sampled pages (two, or a tenth) can be template: pages that
        # differ only in their own content links reduce to the same tokens, compared once.
        seen_on = Counter(key for lay in partners for key in set(lay.keys))
        repeated = {key for key, n in seen_on.items() if n >= max(2, len(partners) // 10)}
        partner_tokens = [(lay, tokens_of(lay, kind, repeated)) for lay in partners]
        verdicts: dict[tuple[Key | None, ...], list[tuple[int, int] | bool]] = {}
        for layout in with_help:
            tokens = tokens_of(layout, kind, repeated)
            if tokens.keys not in verdicts:
                verdicts[tokens.keys] = [compare(tokens, t, min_shared) for _, t in partner_tokens]
            results = [
                (other, other_tokens, verdict)
                for (other, other_tokens), verdict in zip(
                    partner_tokens, verdicts[tokens.keys], strict=True
                )
                if verdict is not False and other is not layout
            ]
            moves = [
                Move(other, tokens.index[v[0]], other_tokens.index[v[1]])
                for other, other_tokens, v in results
                if isinstance(v, tuple)
            ]
            # The page agrees with itself: a half-and-half split reports neither half.
            if len(results) >= min_pages and len(moves) * 2 > len(results) + 1:
                yield _finding(layout, kind, moves, len(results))


def _finding(layout: Layout, kind: str, moves: list[Move], comparable: int) -> Finding:
    move = moves[0]
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
    fix=(
        "Keep the help links (contact, phone, email, chat, help) in the shared header or footer, "
        "in the same order on every page."
    ),
    run=run,
    docs=__doc__ or "",
    scope="site",
    wcag=("3.2.6",),
)
