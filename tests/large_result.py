"""A large, realistic AuditResult built in memory: the shape of a 1,000-page help centre.

Proportions follow the fixture site's real audit: per page two unique jargon findings and a
hard sentence (their own issues), five axe rules failing in the shared template (one issue
each, on every page), ten metrics, and screenshots on the issues that get one.
"""

from __future__ import annotations

import base64
import dataclasses
from datetime import UTC, datetime

from auditor.model import (
    AuditResult,
    Finding,
    Issue,
    PageResult,
    PageSummary,
    Pitfall,
    Severity,
    SiteSummary,
)
from auditor.prioritize import prioritize
from tests.sample_result import _checks

SITE = "https://help.example.nl"
SENTENCE = (
    "Indien u de voorschotnota wenst te wijzigen in verband met een gewijzigde "
    "verbruikssituatie, dient u dit uiterlijk binnen dertig dagen na dagtekening kenbaar te "
    "maken via het daartoe bestemde formulier in de persoonlijke omgeving. "
)
AXE_RULES = ("color-contrast", "image-alt", "link-name", "region", "label")
SCREENSHOT = base64.b64encode(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 32).decode()


def _page(n: int) -> PageResult:
    url = f"{SITE}/hulp/artikel-{n}"
    metrics = {
        "reading_ease": 40.5 + n % 30,
        "readability_level": "B2",
        "words": 600 + n,
        "sentences": 40,
        "hard_sentences": 3,
        "last_updated": "2024-03-01",
        "contact_depth": 1 + n % 4,
        "lang_detected": "nl",
        "jargon_terms": 2,
        "rare_words": 1,
    }
    return PageResult(
        url,
        url,
        200,
        f"Artikel {n} over uw energiecontract",
        2,
        "nl",
        "help-article",
        metrics=metrics,
    )


def _findings(page: PageResult, n: int) -> list[Finding]:
    found = [
        Finding(
            "jargon-term",
            Pitfall.LANGUAGE,
            Severity.MINOR,
            f"Jargon: term{n}-{j}",
            page.url,
            evidence=f"{SENTENCE} term{n}-{j}",
            highlights=(f"term{n}-{j}",),
            signature=f"term{n}-{j}",
        )
        for j in range(2)
    ]
    found.append(
        Finding(
            "hard-sentence",
            Pitfall.LANGUAGE,
            Severity.MODERATE,
            "Sentence of 41 words",
            page.url,
            evidence=f"{SENTENCE} ({n})",
            signature=f"s{n}",
        )
    )
    found += [
        Finding(
            f"axe/{rule}",
            Pitfall.ACCESSIBILITY,
            Severity.SERIOUS,
            f"Rule {rule} fails",
            page.url,
            selector=f"footer .{rule}",
            evidence=f'<a class="{rule}" href="/x">x</a>',
            wcag=("1.4.3",),
            legal=True,
            signature=f"footer-{rule}",
        )
        for rule in AXE_RULES
    ]
    return found


def large_result(pages: int = 1000) -> AuditResult:
    page_results = tuple(_page(n) for n in range(pages))
    findings = [f for n, p in enumerate(page_results) for f in _findings(p, n)]
    site = SiteSummary(
        start_urls=(f"{SITE}/",),
        pages=tuple(
            PageSummary(p.url, p.url, p.title, p.depth, 200, p.kind, True) for p in page_results
        ),
    )
    checks = {c.id: c for c in _checks()}
    issues: list[Issue] = prioritize(findings, site, checks)
    issues = [
        dataclasses.replace(i, screenshot=SCREENSHOT) if n < 40 else i for n, i in enumerate(issues)
    ]
    now = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
    return AuditResult(
        tool={"name": "cx-audit", "version": "0.1.0", "axe_core": "4.14.1", "chromium": "156"},
        started_at=now,
        finished_at=now,
        config={"max_pages": pages, "standard": "wcag22aa"},
        start_urls=(f"{SITE}/",),
        discovered=pages,
        pages=page_results,
        findings=tuple(findings),
        issues=tuple(issues),
        checks=tuple(checks.values()),
    )
