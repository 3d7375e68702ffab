"""A worker's browser page is replaced every `PAGE_REUSE` URLs to bound memory: the audit
opens the fresh pages and finds exactly what it finds with one page for the whole crawl."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from auditor import engine
from auditor.config import AuditConfig
from auditor.demo import serve_site

SITE = Path(__file__).resolve().parents[2] / "fixtures" / "site"
# Pages with planted problems of several kinds: layout, dates, links, language, trust.
START = (
    "/en/layout/clipped-text.html",
    "/en/layout/fixed-width.html",
    "/nl/hulp/oude-pagina.html",
    "/nl/hulp/factuur-begrijpen.html",
    "/nl/links/kapot.html",
    "/nl/nieuws/actie-2019.html",
    "/nl/vertrouwen/slecht-inloggen.html",
    "/nl/service/chat-contact.html",
)
PAGES = 10  # the start pages and two they link to


def count_opened_pages(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """The pages the audit opens, appended as they open."""
    opened: list[Any] = []
    new_page = engine.BrowserSession.new_page

    async def counted(self: engine.BrowserSession) -> tuple[Any, int]:
        page, generation = await new_page(self)
        opened.append(page)
        return page, generation

    monkeypatch.setattr(engine.BrowserSession, "new_page", counted)
    return opened


def audit(
    base_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reuse: int
) -> tuple[set[tuple[str, str, str, str]], int, int]:
    monkeypatch.setattr(engine, "PAGE_REUSE", reuse)
    opened = count_opened_pages(monkeypatch)
    config = AuditConfig(
        start_urls=tuple(base_url + path for path in START),
        output=str(tmp_path / f"reuse-{reuse}"),
        max_pages=PAGES,
        concurrency=1,
        rate_limit=100.0,
        screenshots=False,
        search_probe=False,
        history=False,
        quiet=True,
    )
    result = engine.run_audit(config)
    found = {(f.check_id, f.url, f.selector, f.message) for f in result.findings}
    return found, result.audited, len(opened)


def test_a_fresh_page_every_few_urls_finds_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with serve_site(SITE) as (served, _requests):
        base_url = served.rstrip("/")
        one_page, audited, opened_once = audit(base_url, tmp_path, monkeypatch, 10_000)
        fresh, audited_fresh, opened_fresh = audit(base_url, tmp_path, monkeypatch, 3)
    assert audited == audited_fresh == PAGES
    assert opened_once == 1
    assert opened_fresh == 1 + PAGES // 3  # the first page, then one at URLs 3, 6 and 9
    assert fresh == one_page
    assert len({check_id for check_id, *_ in one_page}) >= 8


def test_a_worker_opens_its_page_with_its_first_url(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two workers and one URL: one page (and context) is opened, not one per worker."""
    opened = count_opened_pages(monkeypatch)
    with serve_site(SITE) as (served, _requests):
        config = AuditConfig(
            start_urls=(served + "en/faq.html",),
            output=str(tmp_path),
            max_depth=0,
            concurrency=2,
            select=("readability-level",),
            history=False,
            quiet=True,
        )
        result = engine.run_audit(config)
    assert result.audited == 1
    assert len(opened) == 1
