"""What link checking adds to an audit's wall time (a script, not a test).

Generates a help site of N pages (default 200) with about 10 links and images each (2,000:
internal pages, links to a second "external" host, images, a few dead ones), serves both on
127.0.0.1, and audits it twice in one run with every default check: once with
the link checks ignored (the baseline) and once with them. Prints both wall times and the
ratio; the target is under 1.20 (link checking runs concurrently with the crawl).

    .venv/bin/python -m bench.linkcheck_overhead [--pages 200] [--rounds 1]
"""

from __future__ import annotations

import argparse
import asyncio
import time
from pathlib import Path
from tempfile import TemporaryDirectory

from auditor.config import AuditConfig
from auditor.engine import Audit
from tests.servers import LocalServer

LINK_CHECKS = ("broken-link", "broken-image", "broken-anchor", "redirect-chain")
PARAGRAPH = (
    "U kunt uw meterstand doorgeven in de app of op de website. Dat duurt maar een paar "
    "minuten. Wij sturen u daarna een bevestiging per e-mail. "
)


def page(i: int, pages: int, external: str) -> str:
    internal = [f"/p/{(i * 7 + k) % pages}.html" for k in range(1, 5)]
    links = [f'<a href="{href}">Artikel {href}</a>' for href in internal]
    links += [
        f'<a href="{external}/doc/{(i + k) % 50}.html">Meer informatie {k}</a>' for k in range(4)
    ]
    links.append('<a href="/contact.html">Contact</a>')
    if i % 20 == 0:
        links.append(f'<a href="/p/weg-{i}.html">Oude pagina</a>')  # dead internal link
        links.append(f'<a href="{external}/weg-{i}.html">Oude bron</a>')  # dead external
    images = f'<img src="/img/{i % 10}.svg" alt="Afbeelding {i}">'
    return (
        f"<!doctype html><html lang='nl'><head><title>Artikel {i}</title></head><body>"
        f"<nav>{' '.join(links[-3:])}</nav><main><h1>Artikel {i}</h1>"
        f"<p>Laatst bijgewerkt op 3 november 2026</p>{images}"
        + "".join(f"<p>{PARAGRAPH}</p>" for _ in range(6))
        + f"<ul>{''.join(f'<li>{a}</li>' for a in links)}</ul></main></body></html>"
    )


def write_site(root: Path, pages: int, external: str) -> None:
    (root / "p").mkdir()
    (root / "img").mkdir()
    for i in range(pages):
        (root / "p" / f"{i}.html").write_text(page(i, pages, external), "utf-8")
    for i in range(10):
        (root / "img" / f"{i}.svg").write_text(
            "<svg xmlns='http://www.w3.org/2000/svg' width='8' height='8'/>", "utf-8"
        )
    (root / "index.html").write_text(page(0, pages, external).replace("/p/0.html", "/"), "utf-8")
    (root / "contact.html").write_text(page(1, pages, external), "utf-8")


def timed_audit(start: str, ignore: tuple[str, ...], pages: int) -> float:
    config = AuditConfig(
        start_urls=(start,), max_pages=pages + 2, ignore=ignore, screenshots=False, sitemaps=False
    )
    began = time.perf_counter()
    asyncio.run(Audit(config).run())
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()
    external_routes = {f"/doc/{k}.html": (200, {}, "<title>extern</title>") for k in range(50)}
    # Another port is another origin: the crawler treats it as an external host.
    with TemporaryDirectory() as tmp, LocalServer(external_routes) as external:
        write_site(Path(tmp), args.pages, external.url)
        with LocalServer(directory=tmp) as site:
            start = site.url + "/"
            links = args.pages * 10 + args.pages // 10
            print(f"{args.pages} pages, about {links} links and images; rounds={args.rounds}")
            base, checked = [], []
            for _ in range(args.rounds):
                base.append(timed_audit(start, LINK_CHECKS, args.pages))
                checked.append(timed_audit(start, (), args.pages))
            b, c = min(base), min(checked)
            print(f"audit without link checks: {b:6.1f} s")
            print(f"audit with link checks:    {c:6.1f} s")
            print(f"ratio with/without: {c / b:.2f} (target < 1.20)")


if __name__ == "__main__":
    main()
