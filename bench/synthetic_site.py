"""A synthetic bilingual self-service help site for benchmarks (not a test fixture).

`serve_site(pages, seed=...)` writes N HTML pages (about two thirds Dutch, one third English)
into a temporary folder and serves them on 127.0.0.1, with a second local server standing in
for the external hosts the pages link to, so nothing leaves the machine. The output is
deterministic for a given (pages, seed) and the two servers' addresses.

Each page looks like typical CMS output and weighs 30–80 KB: inline CSS, an SVG icon sprite,
a header with logo, search form and language switch, navigation, breadcrumb, an article of
250–1,100 words with sections, lists, figures (small generated PNG and SVG files), sometimes
a FAQ accordion or a table, a feedback widget, related links, a footer, JSON-LD and a JSON
data island. Every page has 10–20 links: navigation, related articles, links to the
"external" server, and on some pages a dead internal or external link (404). A handful of
pages carry accessibility problems (an image without alt text, low-contrast text, an unlabelled
field) so the audit has findings and screenshots to take. `robots.txt` points to
`sitemap.xml`, which lists every page.

    with serve_site(200, seed=7) as site:
        site.start_url, site.urls, site.stats
"""

from __future__ import annotations

import dataclasses
import html
import json
import random
import struct
import tempfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.servers import LocalServer

MIN_BYTES, MAX_BYTES = 30_000, 80_000
MIN_LINKS, MAX_LINKS = 10, 20
EXTERNAL_DOCS = 60
IMAGES = 12  # of each kind (PNG, SVG)

NL_TOPICS = {
    "meterstand": "Meterstand doorgeven",
    "facturen": "Facturen en betalen",
    "verhuizen": "Verhuizen",
    "storingen": "Storingen",
    "contract": "Contract en tarieven",
    "inloggen": "Inloggen en account",
}
EN_TOPICS = {
    "meter-readings": "Meter readings",
    "bills": "Bills and payments",
    "moving": "Moving house",
    "outages": "Outages",
    "contract": "Contract and rates",
    "login": "Logging in and your account",
}


def split(items: str) -> list[str]:
    return items.split("|")


NL = {
    "subjects": split(
        "U|Uw partner|De klantenservice|Wij|De monteur|Uw netbeheerder|Het systeem|"
        "De nieuwe klant|Uw bank|De app"
    ),
    "verbs": split(
        "kunt|moet|ontvangt|stuurt|controleert|verwerkt|bekijkt|wijzigt|betaalt|geeft door"
    ),
    "objects": split(
        "de meterstand|uw termijnbedrag|de jaarafrekening|een nieuwe factuur|"
        "uw adresgegevens|het contract|de automatische afschrijving|"
        "een bevestiging per e-mail|de storing|uw wachtwoord|de tarieven|"
        "de incassomachtiging|een restitutie|het verbruik van vorig jaar"
    ),
    "tails": split(
        "binnen vijf werkdagen|in Mijn omgeving|via de app|voor de eerste van de maand|"
        "na uw verhuizing|zonder extra kosten|op de website|als dat nodig is|"
        "in de meeste gevallen|ook in het weekend|met uw klantnummer erbij|"
        "conform de algemene voorwaarden|onverwijld na ontvangst van de aanmaning"
    ),
    "words": split(
        "meterstand|factuur|betaling|verhuizing|storing|klantnummer|termijnbedrag|"
        "jaarafrekening|aansluiting|levering|tarief|korting|contract|opzegging|"
        "bevestiging|aanvraag|wachtwoord|melding"
    ),
    "updated": "Laatst bijgewerkt",
    "months": split(
        "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
    ),
    "home": "Home",
    "contact": "Contact",
    "privacy": "Privacy",
    "a11y": "Toegankelijkheid",
    "search": "Zoeken",
    "search_label": "Zoek in de klantenservice",
    "skip": "Naar de inhoud",
    "other_lang": "English",
    "useful": "Was dit artikel nuttig?",
    "yes": "Ja",
    "no": "Nee",
    "related": "Gerelateerde artikelen",
    "more": "Meer informatie",
    "faq": "Veelgestelde vragen",
    "old": "Oude pagina",
    "source": "Bron",
    "note": "Let op",
    "question": "Hoe {verb} ik {obj}?",
}
EN = {
    "subjects": split(
        "You|Your partner|Customer service|We|The engineer|Your network operator|"
        "The system|The new customer|Your bank|The app"
    ),
    "verbs": split("can send|must check|receive|send|review|process|look up|change|pay|submit"),
    "objects": split(
        "the meter reading|your monthly payment|the annual statement|a new bill|"
        "your address details|the contract|the direct debit|a confirmation email|"
        "the outage|your password|the rates|the direct debit mandate|a refund|"
        "last year's usage"
    ),
    "tails": split(
        "within five working days|in My account|in the app|"
        "before the first of the month|after you move|at no extra cost|on the website|"
        "if needed|in most cases|at the weekend too|with your customer number|"
        "pursuant to the terms and conditions|forthwith upon receipt of the reminder"
    ),
    "words": split(
        "meter|bill|payment|move|outage|customer|instalment|statement|connection|"
        "supply|rate|discount|contract|cancellation|confirmation|request|password|"
        "report"
    ),
    "updated": "Last updated",
    "months": split(
        "January|February|March|April|May|June|July|August|September|October|November|December"
    ),
    "home": "Home",
    "contact": "Contact",
    "privacy": "Privacy",
    "a11y": "Accessibility",
    "search": "Search",
    "search_label": "Search customer service",
    "skip": "Skip to content",
    "other_lang": "Nederlands",
    "useful": "Was this article helpful?",
    "yes": "Yes",
    "no": "No",
    "related": "Related articles",
    "more": "More information",
    "faq": "Frequently asked questions",
    "old": "Old page",
    "source": "Source",
    "note": "Note",
    "question": "How do I {verb} {obj}?",
}


@dataclasses.dataclass(frozen=True)
class PageSpec:
    path: str
    lang: str
    kind: str  # home, contact, search, article, faq
    title: str
    topic: str


@dataclasses.dataclass
class SiteStats:
    pages: int = 0
    nl_pages: int = 0
    en_pages: int = 0
    html_bytes: int = 0
    min_bytes: int = 0
    max_bytes: int = 0
    links: int = 0
    min_links: int = 0
    max_links: int = 0
    dead_internal: int = 0
    dead_external: int = 0
    external_links: int = 0
    images: int = 0


@dataclasses.dataclass(frozen=True)
class SyntheticSite:
    base_url: str
    external_url: str
    root: Path
    urls: tuple[str, ...]  # every page, start page first (the sitemap's order)
    stats: SiteStats

    @property
    def start_url(self) -> str:
        return self.base_url + "/"


def plan_pages(pages: int, rng: random.Random) -> list[PageSpec]:
    """The site's pages: two home pages, two contact pages, two search pages, two pages
    each for privacy and accessibility, then articles and FAQs in both languages."""
    if pages < 10:
        raise ValueError("the synthetic site needs at least 10 pages")
    specs = [
        PageSpec("/", "nl", "home", "Klantenservice", ""),
        PageSpec("/en/", "en", "home", "Customer service", ""),
        PageSpec("/nl/contact.html", "nl", "contact", "Contact met de klantenservice", ""),
        PageSpec("/en/contact.html", "en", "contact", "Contact customer service", ""),
        PageSpec("/nl/zoeken/", "nl", "search", "Zoekresultaten", ""),
        PageSpec("/en/search/", "en", "search", "Search results", ""),
        PageSpec("/nl/privacy.html", "nl", "article", "Privacyverklaring", ""),
        PageSpec("/en/privacy.html", "en", "article", "Privacy statement", ""),
        PageSpec("/nl/toegankelijkheid.html", "nl", "article", "Toegankelijkheid", ""),
        PageSpec("/en/accessibility.html", "en", "article", "Accessibility", ""),
    ]
    for k in range(pages - len(specs)):
        lang = "en" if k % 3 == 2 else "nl"
        words = NL if lang == "nl" else EN
        topics = NL_TOPICS if lang == "nl" else EN_TOPICS
        topic = rng.choice(sorted(topics))
        kind = "faq" if k % 5 == 4 else "article"
        title = words["question"].format(
            verb=rng.choice(words["verbs"]).split()[-1], obj=rng.choice(words["objects"])
        )
        title = title[0].upper() + title[1:]
        base = "/nl/hulp" if lang == "nl" else "/en/help"
        specs.append(PageSpec(f"{base}/{topic}/{kind}-{k}.html", lang, kind, title, topic))
    return specs


def sentence(words: dict, rng: random.Random) -> str:
    subject = rng.choice(words["subjects"])
    text = f"{subject} {rng.choice(words['verbs'])} {rng.choice(words['objects'])}"
    if rng.random() < 0.7:
        text += " " + rng.choice(words["tails"])
    if rng.random() < 0.25:
        text += ", " + ("en" if words is NL else "and") + " " + rng.choice(words["objects"])
        text += " " + rng.choice(words["tails"])
    return text + "."


def paragraph(words: dict, rng: random.Random, sentences: int) -> str:
    return " ".join(sentence(words, rng) for _ in range(sentences))


def png_bytes(width: int, height: int, rgb: tuple[int, int, int], stripe: int) -> bytes:
    """A small striped PNG, written by hand (no imaging library)."""
    rows = bytearray()
    for y in range(height):
        rows.append(0)  # filter: none
        for x in range(width):
            dark = ((x + y) // stripe) % 2
            rows.extend(c // 2 if dark else c for c in rgb)

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(bytes(rows), 9))
        + chunk(b"IEND", b"")
    )


def svg_text(rng: random.Random, size: int = 120) -> str:
    shapes = "".join(
        f"<circle cx='{rng.randint(0, size)}' cy='{rng.randint(0, size)}' "
        f"r='{rng.randint(4, 30)}' fill='#{rng.randint(0, 0xFFFFFF):06x}'/>"
        for _ in range(6)
    )
    return (
        f"<svg xmlns='http://www.w3.org/2000/svg' width='{size}' height='{size}' "
        f"viewBox='0 0 {size} {size}'>{shapes}</svg>"
    )


def icon_path(rng: random.Random) -> str:
    points = " ".join(
        f"{cmd}{rng.uniform(0, 24):.2f} {rng.uniform(0, 24):.2f}"
        for cmd in ["M"] + [rng.choice("LQT") for _ in range(rng.randint(18, 30))]
    )
    return points + "Z"


def stylesheet(rng: random.Random) -> str:
    """About 8 KB of CSS in the shape of a CMS theme (utility classes and components)."""
    rules = [
        "*,*::before,*::after{box-sizing:border-box}",
        "body{margin:0;font:16px/1.6 system-ui,sans-serif;color:#1d1d1f;background:#fff}",
        ".skip{position:absolute;left:-9999px}.skip:focus{left:1rem;top:1rem}",
        ".site-header{display:flex;gap:1rem;align-items:center;padding:1rem 2rem;"
        "border-bottom:1px solid #ddd}",
        ".nav a{color:#00457c;text-decoration:none;padding:.5rem}",
        ".nav a:hover,.nav a:focus{text-decoration:underline}",
        ".layout{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,1fr);gap:2rem;"
        "max-width:72rem;margin:0 auto;padding:2rem}",
        "@media (max-width:40rem){.layout{grid-template-columns:1fr;padding:1rem}}",
        "figure{margin:1.5rem 0}figure img{max-width:100%;height:auto}",
        "table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:.5rem}",
        ".note-muted{color:#b5b5b5;font-size:.85rem}",
        ".feedback button{margin-right:.5rem;padding:.4rem 1rem}",
        "details{border-bottom:1px solid #ddd;padding:.5rem 0}summary{cursor:pointer}",
        ".site-footer{background:#f4f4f4;padding:2rem;margin-top:3rem}",
        ".icon{width:1.25rem;height:1.25rem;vertical-align:middle;fill:currentColor}",
    ]
    props = ["margin", "padding", "gap", "font-size", "line-height", "border-radius"]
    for i in range(150):
        prop = rng.choice(props)
        rules.append(f".u-{prop[:2]}-{i}{{{prop}:{rng.randint(1, 40) / 8:.3f}rem}}")
    return "\n".join(rules)


def sprite(rng: random.Random) -> str:
    symbols = "".join(
        f"<symbol id='i{k}' viewBox='0 0 24 24'><path d='{icon_path(rng)}'/></symbol>"
        for k in range(14)
    )
    return f"<svg xmlns='http://www.w3.org/2000/svg' style='display:none'>{symbols}</svg>"


def icon(k: int) -> str:
    return f"<svg class='icon' aria-hidden='true' focusable='false'><use href='#i{k}'/></svg>"


def date_text(words: dict, rng: random.Random) -> tuple[str, str]:
    year = rng.choice((2023, 2024, 2025, 2025, 2026, 2026, 2026))
    month = rng.randint(1, 10)
    day = rng.randint(1, 28)
    shown = (
        f"{day} {words['months'][month - 1]} {year}"
        if words is NL
        else f"{words['months'][month - 1]} {day}, {year}"
    )
    return shown, f"{year}-{month:02d}-{day:02d}"


class PageWriter:
    """Renders one page; `links`, `dead_*` and `external` count what it emitted."""

    def __init__(
        self,
        spec: PageSpec,
        index: int,
        *,
        specs: list[PageSpec],
        external_url: str,
        css: str,
        icons: str,
        seed: int,
    ) -> None:
        self.spec = spec
        self.index = index
        self.specs = specs
        self.external_url = external_url
        self.css = css
        self.icons = icons
        self.rng = random.Random(f"{seed}-{spec.path}")
        self.words = NL if spec.lang == "nl" else EN
        self.links = 0
        self.dead_internal = 0
        self.dead_external = 0
        self.external = 0
        self.images = 0

    def link(self, href: str, text: str, extra: str = "") -> str:
        self.links += 1
        return f'<a href="{html.escape(href)}"{extra}>{html.escape(text)}</a>'

    def same_language(self) -> list[PageSpec]:
        return [s for s in self.specs if s.lang == self.spec.lang]

    def render(self) -> str:
        rng, w, spec = self.rng, self.words, self.spec
        nl = spec.lang == "nl"
        home = "/" if nl else "/en/"
        contact = f"/{spec.lang}/contact.html"
        privacy = f"/{spec.lang}/privacy.html"
        a11y = "/nl/toegankelijkheid.html" if nl else "/en/accessibility.html"
        search = "/nl/zoeken/" if nl else "/en/search/"
        topics = NL_TOPICS if nl else EN_TOPICS
        other_home = "/en/" if nl else "/"
        shown, iso = date_text(w, rng)
        target_links = rng.randint(MIN_LINKS, MAX_LINKS)
        target_bytes = rng.randint(MIN_BYTES, MAX_BYTES)

        skip = self.link("#main", w["skip"], ' class="skip"')
        switch = self.link(other_home, w["other_lang"], f' lang="{"en" if nl else "nl"}"')
        logo = self.image("/img/logo.svg", "Logo", alt=True)
        form = (
            f'<form role="search" action="{search}" method="get">'
            f'<label for="q">{w["search_label"]}</label> '
            f'<input id="q" name="q" type="search"> <button>{w["search"]}</button></form>'
        )
        if self.index % 23 == 11:  # an unlabelled field (axe: label)
            form = form.replace(f'<label for="q">{w["search_label"]}</label> ', "")
        nav_topics = sorted(topics)[:3]
        nav_items = [self.nav_link(t, topics[t]) for t in nav_topics]
        nav_items.append(self.link(contact, w["contact"]))
        nav = "".join(
            f"<li class='u-pa-{k}'>{icon(k)} {item}</li>" for k, item in enumerate(nav_items)
        )
        footer_links = [
            self.link(contact, w["contact"]),
            self.link(privacy, w["privacy"]),
            self.link(a11y, w["a11y"]),
        ]
        crumb = self.link(home, w["home"])
        body_links = max(target_links - self.links - 3, 0)  # footer + breadcrumb still to come
        main = self.main(shown, iso, body_links, target_bytes)
        year = 2026 if self.index % 13 else 2021  # a few old copyright years
        footer = (
            f"<footer class='site-footer'><ul>{''.join(f'<li>{a}</li>' for a in footer_links)}"
            f"</ul><p>© {year} Voorbeeld Energie B.V.</p></footer>"
        )
        head = (
            f"<head><meta charset='utf-8'><title>{html.escape(spec.title)} | "
            f"{'Klantenservice' if nl else 'Customer service'}</title>"
            "<meta name='viewport' content='width=device-width, initial-scale=1'>"
            f"<meta name='description' content='{html.escape(spec.title)}'>"
            f"<meta property='article:modified_time' content='{iso}T09:00:00+01:00'>"
            f"<style>{self.css}</style>"
            f"<script type='application/ld+json'>{self.json_ld(iso)}</script></head>"
        )
        body = (
            f"<body>{self.icons}{skip}<header class='site-header'>{logo}{form}{switch}</header>"
            f"<nav class='nav' aria-label='{w['home']}'><ul>{nav}</ul></nav>"
            f"<nav aria-label='breadcrumb' class='crumbs'>{crumb} › "
            f"{html.escape(topics.get(spec.topic, spec.title))}</nav>{main}{footer}"
        )
        page = f"<!doctype html><html lang='{spec.lang}'>{head}{body}"
        padding = target_bytes - len(page.encode()) - 80
        island = self.data_island(padding) if padding > 0 else ""
        return page + island + "</body></html>"

    def nav_link(self, topic: str, label: str) -> str:
        """A topic link in the navigation: the first page of that topic in this language."""
        for other in self.same_language():
            if other.topic == topic:
                return self.link(other.path, label)
        return self.link(f"/{self.spec.lang}/contact.html", label)

    def image(self, src: str, alt_text: str, *, alt: bool) -> str:
        self.images += 1
        alt_attr = f' alt="{html.escape(alt_text)}"' if alt else ""
        return f'<img src="{src}"{alt_attr} width="120" height="120" loading="eager">'

    def main(self, shown: str, iso: str, body_links: int, target_bytes: int) -> str:
        rng, w, spec = self.rng, self.words, self.spec
        parts = [
            f"<main id='main' class='layout'><article><h1>{html.escape(spec.title)}</h1>",
            f"<p class='meta'>{w['updated']}: <time datetime='{iso}'>{shown}</time></p>",
            f"<p class='intro'>{paragraph(w, rng, 2)}</p>",
        ]
        if spec.kind == "contact":
            parts.append(self.contact_block())
        if spec.kind == "search":
            body_links = max(body_links, 5)
        inline = self.body_links(body_links)
        # Bigger pages are bigger mostly because of their content, not only the data island.
        sections = 3 + (target_bytes - MIN_BYTES) // 8_000 + rng.randint(0, 1)
        for s in range(sections):
            parts.append(
                f"<section class='c-section' data-component='section' data-track='s{s}'>"
                f"<h2 class='c-section__title'>{self.inline_icon()} "
                f"{html.escape(self.heading())}</h2>"
            )
            for _ in range(rng.randint(2, 4)):
                text = paragraph(w, rng, rng.randint(3, 6))
                if inline:
                    text += " " + inline.pop()
                parts.append(
                    "<div class='c-block' data-component='text-block'><div class='c-block__inner "
                    f"u-ma-{rng.randint(0, 149)}'><p class='u-li-{rng.randint(0, 149)}'>{text}"
                    "</p></div></div>"
                )
            if rng.random() < 0.5:
                items = "".join(f"<li>{sentence(w, rng)}</li>" for _ in range(rng.randint(3, 6)))
                parts.append(f"<ul>{items}</ul>")
            if s == 1:
                parts.append(self.figure())
            if s == 2 and self.index % 4 == 1:
                parts.append(self.table())
            parts.append("</section>")
        if spec.kind == "faq":
            parts.append(f"<section><h2>{w['faq']}</h2>{self.faq()}</section>")
        if self.index % 7 == 2:  # low contrast (axe: color-contrast)
            parts.append(f"<p class='note-muted'>{w['note']}: {sentence(w, rng)}</p>")
        parts.append(
            f"<form class='feedback'><p>{w['useful']}</p><button type='button'>{w['yes']}"
            f"</button><button type='button'>{w['no']}</button></form></article>"
        )
        related = inline  # what is left goes into the aside
        aside = "".join(f"<li>{a}</li>" for a in related)
        parts.append(f"<aside><h2>{w['related']}</h2><ul>{aside}</ul></aside></main>")
        return "".join(parts)

    def body_links(self, count: int) -> list[str]:
        """Related internal pages, external documents, and on some pages a dead link."""
        rng, w = self.rng, self.words
        out: list[str] = []
        if count and self.index % 11 == 5:
            self.dead_internal += 1
            out.append(self.link(f"/{self.spec.lang}/oud/{self.index}.html", w["old"]))
        if len(out) < count and self.index % 17 == 3:
            self.dead_external += 1
            out.append(self.link(f"{self.external_url}/weg/{self.index}.html", w["source"]))
        externals = rng.choice((0, 0, 1, 2))
        while len(out) < count and externals:
            externals -= 1
            self.external += 1
            doc = rng.randrange(EXTERNAL_DOCS)
            out.append(self.link(f"{self.external_url}/doc/{doc}.html", f"{w['more']} {doc}"))
        pool = self.same_language()
        while len(out) < count:
            other = rng.choice(pool)
            out.append(self.link(other.path, other.title))
        rng.shuffle(out)
        return out

    def inline_icon(self) -> str:
        """An icon drawn inline (as many themes do), not taken from the sprite."""
        return (
            "<svg class='icon' aria-hidden='true' focusable='false' viewBox='0 0 24 24'>"
            f"<path d='{icon_path(self.rng)}'/></svg>"
        )

    def heading(self) -> str:
        text = f"{self.rng.choice(self.words['words'])} {self.rng.choice(self.words['tails'])}"
        return text[0].upper() + text[1:]

    def figure(self) -> str:
        rng = self.rng
        k = rng.randrange(IMAGES)
        src = f"/img/{k}.png" if rng.random() < 0.5 else f"/img/{k}.svg"
        if self.index % 29 == 6:  # a dead image
            src = f"/img/weg-{self.index}.png"
        alt = self.index % 9 != 4  # image without alt text (axe: image-alt)
        caption = html.escape(sentence(self.words, rng))
        image = self.image(src, caption, alt=alt)
        return f"<figure>{image}<figcaption>{caption}</figcaption></figure>"

    def table(self) -> str:
        rng = self.rng
        head = "".join(f"<th>{h}</th>" for h in self.words["words"][:4])
        rows = "".join(
            "<tr>"
            + "".join(
                f"<td>€ {rng.randint(5, 400)},{rng.randint(0, 99):02d}</td>" for _ in range(4)
            )
            + "</tr>"
            for _ in range(rng.randint(3, 8))
        )
        return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"

    def faq(self) -> str:
        rng, w = self.rng, self.words
        items = []
        for _ in range(rng.randint(4, 8)):
            question = w["question"].format(
                verb=rng.choice(w["verbs"]).split()[-1], obj=rng.choice(w["objects"])
            )
            items.append(
                f"<details><summary>{html.escape(question[0].upper() + question[1:])}</summary>"
                f"<p>{paragraph(w, rng, rng.randint(2, 4))}</p></details>"
            )
        return "".join(items)

    def contact_block(self) -> str:
        nl = self.spec.lang == "nl"
        phone = "088 - 123 45 67" if nl else "+31 88 123 45 67"
        hours = (
            "Maandag tot en met vrijdag van 8.00 tot 18.00 uur"
            if nl
            else "Monday to Friday from 8 am to 6 pm"
        )
        phone_link = self.link("tel:+31881234567", phone)
        mail_link = self.link("mailto:klantenservice@example.nl", "klantenservice@example.nl")
        return f"<section class='contact'><p>{phone_link}. {hours}.</p><p>{mail_link}</p></section>"

    def json_ld(self, iso: str) -> str:
        return json.dumps(
            {
                "@context": "https://schema.org",
                "@type": "FAQPage" if self.spec.kind == "faq" else "Article",
                "headline": self.spec.title,
                "dateModified": iso,
                "inLanguage": self.spec.lang,
            },
            ensure_ascii=False,
        )

    def data_island(self, size: int) -> str:
        """A JSON data island (translations and menu data, as SPA-style CMSs embed) that
        brings the page to its target size."""
        rng, w = self.rng, self.words
        entries: dict[str, str] = {}
        used = 0
        k = 0
        while used < size:
            value = sentence(w, rng)
            key = f"{rng.choice(w['words'])}.{k}"
            entries[key] = value
            used += len(key) + len(value.encode()) + 6
            k += 1
        payload = json.dumps({"i18n": entries}, ensure_ascii=False).replace("</", "<\\/")
        return f"<script type='application/json' id='app-data'>{payload}</script>"


def write_site(
    root: Path, pages: int, base_url: str, external_url: str, *, seed: int = 7
) -> SyntheticSite:
    """Write the site into `root` (which must exist) for serving at `base_url`."""
    rng = random.Random(seed)
    specs = plan_pages(pages, rng)
    css = stylesheet(random.Random(f"{seed}-css"))
    icons = sprite(random.Random(f"{seed}-icons"))
    stats = SiteStats(min_bytes=10**9, min_links=10**9)
    for index, spec in enumerate(specs):
        writer = PageWriter(
            spec, index, specs=specs, external_url=external_url, css=css, icons=icons, seed=seed
        )
        text = writer.render().encode("utf-8")
        path = root / spec.path.lstrip("/")
        if spec.path.endswith("/"):
            path = path / "index.html"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text)
        stats.pages += 1
        stats.nl_pages += spec.lang == "nl"
        stats.en_pages += spec.lang == "en"
        stats.html_bytes += len(text)
        stats.min_bytes = min(stats.min_bytes, len(text))
        stats.max_bytes = max(stats.max_bytes, len(text))
        stats.links += writer.links
        stats.min_links = min(stats.min_links, writer.links)
        stats.max_links = max(stats.max_links, writer.links)
        stats.dead_internal += writer.dead_internal
        stats.dead_external += writer.dead_external
        stats.external_links += writer.external
        stats.images += writer.images
    images = root / "img"
    images.mkdir(exist_ok=True)
    art = random.Random(f"{seed}-img")
    (images / "logo.svg").write_text(svg_text(art, 48), "utf-8")
    for k in range(IMAGES):
        rgb = (art.randint(60, 255), art.randint(60, 255), art.randint(60, 255))
        (images / f"{k}.png").write_bytes(png_bytes(120, 120, rgb, art.randint(4, 16)))
        (images / f"{k}.svg").write_text(svg_text(art), "utf-8")
    urls = tuple(base_url + spec.path for spec in specs)
    entries = "".join(
        f"<url><loc>{html.escape(url)}</loc><lastmod>2026-10-01</lastmod></url>" for url in urls
    )
    (root / "sitemap.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</urlset>',
        "utf-8",
    )
    (root / "robots.txt").write_text(
        f"User-agent: *\nDisallow: /intern/\nSitemap: {base_url}/sitemap.xml\n", "utf-8"
    )
    return SyntheticSite(base_url, external_url, root, urls, stats)


def external_routes() -> dict[str, tuple[int, dict[str, str], str]]:
    """The stand-in for other hosts: small documents; anything else is a 404."""
    return {
        f"/doc/{k}.html": (
            200,
            {},
            f"<!doctype html><html lang='nl'><title>Document {k}</title><p>Document {k}</p>",
        )
        for k in range(EXTERNAL_DOCS)
    }


@contextmanager
def serve_site(pages: int = 200, *, seed: int = 7) -> Iterator[SyntheticSite]:
    """Generate the site in a temporary folder and serve it (and the external stand-in) on
    127.0.0.1 for the duration of the block."""
    with (
        tempfile.TemporaryDirectory(prefix="cx-bench-site-") as tmp,
        LocalServer(external_routes()) as external,
        LocalServer(directory=tmp) as server,
    ):
        yield write_site(Path(tmp), pages, server.url, external.url, seed=seed)


def main() -> None:
    """Write a site into a folder to look at: python -m bench.synthetic_site DIR [PAGES]."""
    import sys

    folder = Path(sys.argv[1])
    folder.mkdir(parents=True, exist_ok=True)
    pages = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    site = write_site(folder, pages, "http://127.0.0.1:8000", "http://127.0.0.1:8001")
    print(dataclasses.asdict(site.stats))


if __name__ == "__main__":
    main()
