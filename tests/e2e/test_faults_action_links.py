"""Issue 17, point 2: action links are never requested, articles about those tasks are
audited, and the search probe submits only a plain search form.

The real CLI in Chromium against the fault site's `/links/` group (tests/fault_server.py),
asserted with the server's own request log: one audit of `/links/`, then one short audit per
`/links/search-*/` start page (the probe takes the first form it sees).
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.e2e.conftest import cx_audit
from tests.fault_server import (
    ACTION_LINKS,
    ARTICLES,
    LOADS_ACTIONS,
    MOVED,
    MOVED_TO,
    OTHER_ACTION_LINK,
    SEARCH_FORMS,
    FaultSite,
)

pytestmark = pytest.mark.e2e

AUDIT_LIMIT = 60  # seconds one audit may take (a few pages; ~5-10 s on 2 cores)
COMMON = ("--format", "json", "--quiet", "--no-sitemaps", "--timeout", "5", "--fail-on", "never")


@dataclass
class Audit:
    report: dict

    def pages(self) -> dict[str, dict]:
        return {_path(p["url"]): p for p in self.report["pages"]}

    def skipped(self) -> dict[str, str]:
        return {_path(s["url"]): s["reason"] for s in self.report["site"]["skipped"]}


def _path(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def run(site: FaultSite, out: Path, path: str, *extra: str) -> Audit:
    started = time.monotonic()
    done = cx_audit("audit", site.url(path), "--output", str(out), *COMMON, *extra, timeout=120)
    assert done.returncode in (0, 1), done.stderr
    assert "Traceback" not in done.stderr
    assert time.monotonic() - started < AUDIT_LIMIT
    return Audit(json.loads((out / "report.json").read_text("utf-8")))


@pytest.fixture(scope="module")
def site() -> Iterator[FaultSite]:
    with FaultSite() as fault_site:
        yield fault_site


@pytest.fixture(scope="module")
def links_audit(site: FaultSite, tmp_path_factory: pytest.TempPathFactory) -> Audit:
    out = tmp_path_factory.mktemp("faults-links")
    return run(site, out, "/links/", "--select", "broken-link,site-search-broken")


@pytest.fixture(scope="module")
def probe_audits(site: FaultSite, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Audit]:
    audits = {}
    for name in SEARCH_FORMS:
        out = tmp_path_factory.mktemp(f"faults-search-{name}")
        path = f"/links/search-{name}/"
        audits[name] = run(site, out, path, "--max-pages", "1", "--select", "site-search-broken")
    return audits


def requested(site: FaultSite, path: str) -> list[str]:
    """Every request (any method) for `path`, with or without a query."""
    return [p for p in site.paths() if p == path or p.startswith(path.partition("?")[0] + "?")]


def test_action_links_are_never_requested(links_audit: Audit, site: FaultSite) -> None:
    for path in ACTION_LINKS:
        assert requested(site, path) == [], path  # neither navigation nor link check
    assert not [p for _m, p in site.other.requests if p == OTHER_ACTION_LINK]
    skipped = links_audit.skipped()
    assert {p: skipped.get(p) for p in ACTION_LINKS} == dict.fromkeys(
        ACTION_LINKS, "destructive-looking link"
    )
    # the page whose iframe, image and script ask for three of them: audited, three blocked
    page = links_audit.pages()[LOADS_ACTIONS]
    assert page["status"] == 200 and page["error"] is None, page
    assert page["metrics"]["blocked_requests"] == 3, page["metrics"]


def test_a_redirect_to_an_action_link_is_not_followed(links_audit: Audit, site: FaultSite) -> None:
    assert site.hits(MOVED) == 1
    assert requested(site, MOVED_TO) == []  # the browser did not follow the hop
    page = links_audit.pages()[MOVED]
    assert "redirect to an action link, not followed" in page["error"], page["error"]


def test_help_articles_and_a_plain_search_form_are_still_used(
    links_audit: Audit, site: FaultSite
) -> None:
    pages = links_audit.pages()
    for path in ARTICLES:
        assert path in pages, path
        assert pages[path]["status"] == 200 and pages[path]["error"] is None, pages[path]
    for n in (1, 2, 3):
        assert pages[f"/links/after-{n}"]["status"] == 200
    searched = [p for p in site.paths() if p.startswith("/links/zoeken?")]
    assert len(searched) == 1 and searched[0].startswith("/links/zoeken?q="), searched


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("hidden", "the search form has a hidden command (confirm=1)"),
        ("action-word", "the search form's action is an action link"),
        ("robots", "robots.txt disallows the search form's action"),
        ("other-port", "the search form submits to another origin"),
    ],
)
def test_a_search_form_that_is_not_plainly_a_search_is_never_submitted(
    probe_audits: dict[str, Audit], site: FaultSite, name: str, why: str
) -> None:
    action = SEARCH_FORMS[name]
    server = site.other if name == "other-port" else site.server
    assert not [p for _m, p in server.requests if p.startswith(action)]
    reasons = list(probe_audits[name].skipped().values())
    probe = [r for r in reasons if r.startswith("search probe not run:")]
    assert len(probe) == 1 and probe[0].startswith(f"search probe not run: {why}"), reasons
