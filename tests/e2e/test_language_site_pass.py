"""The word-level language checks' site-wide second pass, through the real CLI in real
Chromium: a label the template repeats inside the main content is reported once, not on every
page; an acronym spelled out on one page is explained everywhere; a word the site writes as a
name is no rare word."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import cx_audit
from tests.servers import LocalServer

pytestmark = pytest.mark.e2e

CHECKS = ("jargon-term", "unexplained-abbreviation", "rare-word")
NAV = '<nav><a href="/a">A</a> <a href="/b">B</a> <a href="/c">C</a> <a href="/d">D</a></nav>'
# A label inside <main> on every page: the site's text, not the page's.
LABEL = "<p class='tag'>Wat te doen indien u verhuist</p>"


def page(title: str, body: str) -> tuple[int, dict[str, str], str]:
    return (
        200,
        {},
        f'<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>{title}</title>'
        f"</head><body>{NAV}<main><h1>{title}</h1>{LABEL}{body}</main></body></html>",
    )


SITE = {
    "/": page("Welkom", "<p>Kies hierboven een onderwerp om te lezen.</p>"),
    "/a": page("Aanslag", "<p>De WOZ staat op uw aanslag van dit jaar.</p>"),
    "/b": page(
        "Waarde",
        "<p>De Wet waardering onroerende zaken (WOZ) bepaalt de waarde van uw huis.</p>"
        "<p>Bel met de afdeling Exploot van ons kantoor.</p>",
    ),
    "/c": page("Post", "<p>Lees het exploot van de deurwaarder goed door.</p>"),
    "/d": page("Brief", "<p>Het bedrag moet u betalen indien de brief dat zegt.</p>"),
}


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    output: Path = tmp_path_factory.mktemp("language-site")
    with LocalServer(SITE) as server:
        run = cx_audit(
            "audit", server.url + "/", "--output", str(output), "--format", "json",
            "--fail-on", "never", "--quiet", "--no-screenshots", "--select", ",".join(CHECKS),
        )  # fmt: skip
        assert run.returncode == 0, run.stderr
        data: dict[str, Any] = json.loads((output / "report.json").read_text("utf-8"))
        data["base"] = server.url
    assert data["site"]["audited"] == 5, data["site"]
    return data


def found(report: dict[str, Any], check: str) -> list[tuple[str, str, str]]:
    return sorted(
        (f["url"].removeprefix(report["base"]), f["signature"], f["evidence"])
        for f in report["findings"]
        if f["check_id"] == check
    )


def test_jargon_in_a_repeated_label_is_reported_once_and_in_the_pages_own_text(report):
    hits = found(report, "jargon-term")
    label = [h for h in hits if h[2] == "Wat te doen indien u verhuist"]
    assert len(label) == 1
    assert ("/d", "indien", "Het bedrag moet u betalen indien de brief dat zegt.") in hits


def test_an_acronym_explained_on_another_page_is_explained(report):
    assert found(report, "unexplained-abbreviation") == []


def test_a_word_the_site_writes_as_a_name_is_no_rare_word(report):
    assert [h[1] for h in found(report, "rare-word")] == []
