"""A realistic AuditResult built by hand, for report tests and golden files.

A Dutch energy supplier's self-service site: six pages (one failed), axe findings, a hard to
read help article, a contact page without a phone number and a template without a contact link,
and the WCAG 2.1 AA conformance table built from hand-made axe results for the five pages.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from auditor.conformance import RuleTally, build_conformance
from auditor.model import (
    AuditError,
    AuditResult,
    CheckInfo,
    Finding,
    Issue,
    PageResult,
    Pitfall,
    Severity,
    SkippedUrl,
)

SITE = "https://www.energie-voorbeeld.nl"
HOME = f"{SITE}/"
CONTACT = f"{SITE}/klantenservice/"
METER = f"{SITE}/hulp/meterstand-doorgeven"
MOVING = f"{SITE}/hulp/verhuizen"
PORTAL = f"{SITE}/mijn/"
OUTAGE = f"{SITE}/hulp/storing"

AXE_HELP = "https://dequeuniversity.com/rules/axe/4.10/{rule}?application=axeAPI"


def _pages() -> tuple[PageResult, ...]:
    def metrics(ease: float, level: str, words: int) -> dict[str, object]:
        return {"reading_ease": ease, "readability_level": level, "words": words}

    return (
        PageResult(
            HOME,
            HOME,
            200,
            "Energie Voorbeeld – stroom en gas",
            0,
            "nl",
            "home",
            metrics=metrics(66.3, "plain", 310),
        ),
        PageResult(
            CONTACT,
            CONTACT,
            200,
            "Klantenservice | Energie Voorbeeld",
            1,
            "nl",
            "contact",
            metrics=metrics(71.0, "easy", 180),
        ),
        PageResult(
            METER,
            METER,
            200,
            "Meterstand doorgeven | Energie Voorbeeld",
            2,
            "nl",
            "help-article",
            metrics=metrics(41.2, "hard", 350),
        ),
        PageResult(
            MOVING,
            MOVING,
            200,
            "Verhuizen | Energie Voorbeeld",
            2,
            "nl",
            "help-article",
            metrics=metrics(27.5, "very hard", 520),
        ),
        PageResult(
            PORTAL,
            f"{SITE}/mijn/inloggen",
            200,
            "Inloggen – Mijn Energie Voorbeeld",
            1,
            "nl",
            "login",
            metrics={"words": 90},
        ),
        PageResult(
            OUTAGE,
            OUTAGE,
            None,
            "",
            2,
            "",
            "other",
            error="Timeout 30000ms exceeded while loading the page",
        ),
    )


def _axe(
    rule: str,
    severity: Severity,
    url: str,
    message: str,
    *,
    selector: str,
    evidence: str,
    wcag: Sequence[str],
) -> Finding:
    return Finding(
        check_id=f"axe/{rule}",
        pitfall=Pitfall.ACCESSIBILITY,
        severity=severity,
        message=message,
        url=url,
        selector=selector,
        evidence=evidence,
        wcag=tuple(wcag),
        en301549=tuple(f"9.{sc}" for sc in wcag),
        legal=True,
        help_url=AXE_HELP.format(rule=rule),
        signature=f"{rule}:{selector}",
    )


def _findings() -> tuple[Finding, ...]:
    logo = '<img src="/img/logo-wit.svg" class="footer-logo">'
    image_alt = [
        _axe(
            "image-alt",
            Severity.SERIOUS,
            url,
            "Images must have alternative text",
            selector="footer > a.home > img.footer-logo",
            evidence=logo,
            wcag=["1.1.1"],
        )
        for url in (HOME, METER, MOVING)
    ]
    label = _axe(
        "label",
        Severity.CRITICAL,
        PORTAL,
        "Form elements must have labels",
        selector="#postcode",
        evidence='<input id="postcode" type="text" placeholder="1234 AB">',
        wcag=["1.3.1", "4.1.2"],
    )
    contrast = _axe(
        "color-contrast",
        Severity.SERIOUS,
        PORTAL,
        "Elements must meet minimum color contrast ratio thresholds",
        selector="#login-form > p.hint",
        evidence='<p class="hint">Wachtwoord vergeten? Vraag een nieuw wachtwoord aan.</p>',
        wcag=["1.4.3"],
    )
    readability = [
        Finding(
            "readability-level",
            Pitfall.LANGUAGE,
            Severity.MODERATE,
            f"Reading ease {ease} ({level}) is below the target 60.",
            url,
            evidence=sentence,
        )
        for url, ease, level, sentence in (
            (
                METER,
                41.2,
                "hard",
                "Indien de meterstand niet tijdig door ons wordt "
                "ontvangen, zal een schatting worden gemaakt op basis van uw historische "
                "verbruiksgegevens.",
            ),
            (
                MOVING,
                27.5,
                "very hard",
                "Teneinde de continuïteit van de levering te "
                "waarborgen dient u de verhuisdatum uiterlijk vijf werkdagen voorafgaand aan "
                "de sleuteloverdracht middels het daartoe bestemde formulier kenbaar te maken.",
            ),
        )
    ]
    phone = Finding(
        "contact-phone-visible",
        Pitfall.ESCALATION,
        Severity.SERIOUS,
        "No phone number is visible on the contact page.",
        CONTACT,
        legal=True,
    )
    unlinked = [
        Finding(
            "contact-page-linked",
            Pitfall.ESCALATION,
            Severity.SERIOUS,
            "This page has no visible link to the contact page.",
            url,
            signature="help-article-template",
        )
        for url in (METER, MOVING)
    ]
    return (*image_alt, label, contrast, *readability, phone, *unlinked)


def _issue(findings: Sequence[Finding], title: str, priority: float, why: str) -> Issue:
    first = findings[0]
    return Issue(
        id=first.group_key,
        check_id=first.check_id,
        pitfall=first.pitfall,
        severity=first.severity,
        title=title,
        message=first.message,
        priority=priority,
        why=why,
        page_count=len(findings),
        example_urls=tuple(f.url for f in findings),
        fingerprints=tuple(f.fingerprint for f in findings),
        selector=first.selector,
        evidence=first.evidence,
        legal=first.legal,
        help_url=first.help_url,
        wcag=first.wcag,
    )


def _issues(findings: Sequence[Finding]) -> tuple[Issue, ...]:
    def of(check_id: str, url: str | None = None) -> list[Finding]:
        return [f for f in findings if f.check_id == check_id and url in (None, f.url)]

    return (
        _issue(
            of("axe/image-alt"),
            "Images must have alternative text",
            23.1,
            "serious (7) × reach 2.2 (3 of 5 pages, incl. the start page; shared footer) "
            "× legal 1.5 (WCAG 1.1.1, level A)",
        ),
        _issue(
            of("axe/label"),
            "Form elements must have labels",
            21.0,
            "critical (10) × reach 1.4 (1 of 5 pages; login page at depth 1) "
            "× legal 1.5 (WCAG 1.3.1, 4.1.2, level A)",
        ),
        _issue(
            of("contact-phone-visible"),
            "No phone number is visible on the contact page",
            16.8,
            "serious (7) × reach 1.6 (the contact page) × legal 1.5 "
            "(Consumer Rights Directive art. 6(1)(c))",
        ),
        _issue(
            of("axe/color-contrast"),
            "Elements must meet minimum color contrast ratio thresholds",
            12.6,
            "serious (7) × reach 1.2 (1 of 5 pages; login page at depth 1) "
            "× legal 1.5 (WCAG 1.4.3, level AA)",
        ),
        _issue(
            of("contact-page-linked"),
            "A page has no link to the contact page",
            10.5,
            "serious (7) × reach 1.5 (2 of 5 pages; help article template)",
        ),
        _issue(
            of("readability-level", MOVING),
            "The main text is harder to read than the target",
            3.6,
            "moderate (3) × reach 1.2 (1 of 5 pages; help article at depth 2)",
        ),
        _issue(
            of("readability-level", METER),
            "The main text is harder to read than the target",
            3.3,
            "moderate (3) × reach 1.1 (1 of 5 pages; help article at depth 2)",
        ),
    )


AXE_TAGS = {
    "image-alt": ["cat.text-alternatives", "wcag2a", "wcag111", "EN-301-549", "EN-9.1.1.1"],
    "label": ["cat.forms", "wcag2a", "wcag412", "wcag131", "EN-301-549", "EN-9.4.1.2"],
    "color-contrast": ["cat.color", "wcag2aa", "wcag143", "EN-301-549", "EN-9.1.4.3"],
    "document-title": ["cat.text-alternatives", "wcag2a", "wcag242", "EN-301-549"],
    "html-has-lang": ["cat.language", "wcag2a", "wcag311", "EN-301-549", "EN-9.3.1.1"],
    "scrollable-region-focusable": ["cat.keyboard", "wcag2a", "wcag211", "wcag213"],
    "video-caption": ["cat.text-alternatives", "wcag2a", "wcag122", "EN-301-549"],
    "region": ["cat.keyboard", "best-practice"],
}
"""Rule tags as axe-core 4.10 reports them; `region` is a best practice (no WCAG criterion)."""


def _axe_result(
    violations: Sequence[str] = (), incomplete: Sequence[str] = (), inapplicable: Sequence[str] = ()
) -> dict[str, object]:
    """One page's axe result: the named rules violated, incomplete or inapplicable, the rest
    passed."""
    named = {*violations, *incomplete, *inapplicable}

    def rules(ids: Sequence[str]) -> list[dict[str, object]]:
        return [{"id": rule, "tags": AXE_TAGS[rule]} for rule in ids]

    return {
        "violations": rules(violations),
        "incomplete": rules(incomplete),
        "passes": rules([rule for rule in AXE_TAGS if rule not in named]),
        "inapplicable": rules(inapplicable),
    }


def _conformance(findings: Sequence[Finding]) -> tuple[dict[str, object], ...]:
    tally = RuleTally()
    media = ("video-caption",)
    tally.add_axe(HOME, _axe_result(["image-alt", "region"], inapplicable=["label", *media]))
    tally.add_axe(CONTACT, _axe_result(inapplicable=["label", *media]))
    tally.add_axe(METER, _axe_result(["image-alt"], ["color-contrast"], ["label", *media]))
    tally.add_axe(MOVING, _axe_result(["image-alt"], ["scrollable-region-focusable"], media))
    tally.add_axe(PORTAL, _axe_result(["label", "color-contrast"], inapplicable=media))
    for url in (HOME, CONTACT, METER, MOVING, PORTAL):
        tally.add_check_run("reflow-320", ["1.4.10"], url)
    return tuple(build_conformance(tally, findings, "wcag21aa"))


def _checks() -> tuple[CheckInfo, ...]:
    return (
        CheckInfo(
            "axe",
            Pitfall.ACCESSIBILITY,
            Severity.SERIOUS,
            "No axe-core violations",
            "axe-core found an accessibility violation",
            "axe-core adapter: every axe-core violation is a finding `axe/<rule-id>`.\n\n"
            "## What it does\nRuns axe-core in the page and turns every violating element "
            "into a finding.\n\n## Why is this bad?\nEvery violation is a barrier for "
            "customers who use a screen reader, a keyboard or magnification.",
            legal=True,
        ),
        CheckInfo(
            "readability-level",
            Pitfall.LANGUAGE,
            Severity.MODERATE,
            "The main text is easy to read",
            "The main text is harder to read than the target",
            "readability-level: the main text is harder to read than the target.\n\n"
            "## What it does\nScores the main content with Flesch reading ease (English) or "
            'Flesch-Douma (Dutch).\n\n## Use instead\n"Wilt u stoppen? Stuur ons dan een '
            'brief." Short sentences, common words.\n\n## Options\n- `target` (float, '
            "default 60): the lowest acceptable reading ease.",
        ),
        CheckInfo(
            "contact-phone-visible",
            Pitfall.ESCALATION,
            Severity.SERIOUS,
            "A phone number is visible on the contact page",
            "No phone number is visible on the contact page",
            "contact-phone-visible: the contact page shows a phone number.\n\n"
            '## Use instead\n`<p>Bel ons: <a href="tel:+31201234567">020 123 45 67</a></p>`',
            legal=True,
        ),
        CheckInfo(
            "contact-page-linked",
            Pitfall.ESCALATION,
            Severity.SERIOUS,
            "Every page links to the contact page",
            "A page has no link to the contact page",
            "contact-page-linked: every page links to the contact page.\n\n"
            '## Use instead\nA "Contact" link in the shared header or footer.',
            scope="site",
        ),
    )


def sample_result() -> AuditResult:
    """The same result on every call: fixed dates, versions and findings."""
    findings = _findings()
    return AuditResult(
        tool={
            "name": "cx-audit",
            "version": "0.1.0",
            "axe_core": "4.10.2",
            "chromium": "131.0.6778.33",
        },
        started_at=datetime(2025, 11, 20, 9, 30, tzinfo=UTC),
        finished_at=datetime(2025, 11, 20, 9, 31, 12, tzinfo=UTC),
        config={"max_pages": 6, "max_depth": 3, "standard": "wcag21aa", "report_lang": "nl"},
        start_urls=(HOME,),
        discovered=48,
        pages=_pages(),
        findings=findings,
        issues=_issues(findings),
        checks=_checks(),
        skipped=(
            SkippedUrl(f"{SITE}/mijn/facturen", "disallowed by robots.txt"),
            SkippedUrl(f"{SITE}/downloads/voorwaarden-2019.pdf", "not HTML (application/pdf)"),
            SkippedUrl("https://www.facebook.com/energievoorbeeld", "external host"),
        ),
        not_audited=39,
        conformance=_conformance(findings),
        errors=(
            AuditError(OUTAGE, "Timeout 30000ms exceeded while loading the page"),
            AuditError(PORTAL, "ZeroDivisionError: division by zero", check_id="readability-level"),
        ),
    )
