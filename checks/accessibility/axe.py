"""axe-core adapter: every axe-core violation is a finding `axe/<rule-id>`.

## What it does
Runs axe-core (in the page, by the `axe` probe) with the WCAG tags of the selected standard
and turns every violating element into a finding whose id is `axe/<rule-id>`. The severity is
axe's impact; the WCAG success criteria and EN 301 549 clauses come from the rule's tags.

## Why is this bad?
Every violation is a barrier for customers who use a screen reader, a keyboard, magnification
or high contrast. Under the European Accessibility Act (since 28 June 2025) WCAG 2.1 level A
and AA failures in consumer services are legal failures (EN 301 549, clause 9).

## Example
`<img src="meter.png">` — an image without a text alternative fails `axe/image-alt`
(WCAG 1.1.1).

## Use instead
`<img src="meter.png" alt="Meter with the reading in the top row">`; follow each finding's
help link for the rule's fix.

At most 50 elements per rule and page are reported (the axe probe keeps the first 50); the
last one says how many more failed.

## Options
None. Which rules run is decided by `--standard`; `--best-practice` adds axe-core's
best-practice rules, whose findings say "(best practice)" and are never legal failures.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from auditor.check import Check
from auditor.model import Finding, PageSnapshot, Pitfall, Severity
from checks.common import element_signature

_SC_TAG = re.compile(r"^wcag(\d)(\d)(\d+)$")
_EN_TAG = re.compile(r"^EN-(\d+(?:\.\d+)+)$")
_LEGAL_LEVEL_TAGS = {"wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"}


def wcag_criteria(tags: Sequence[str]) -> tuple[str, ...]:
    """'wcag1410' -> '1.4.10'. axe tags each success criterion this way."""
    return tuple(f"{m[1]}.{m[2]}.{m[3]}" for t in tags if (m := _SC_TAG.match(t)))


def en301549_clauses(tags: Sequence[str]) -> tuple[str, ...]:
    """'EN-9.1.1.1' -> '9.1.1.1'."""
    return tuple(m[1] for t in tags if (m := _EN_TAG.match(t)))


def run(page: PageSnapshot) -> Iterator[Finding]:
    results = page.probes.get("axe") or {}
    for rule in results.get("violations", []):
        tags = rule.get("tags", [])
        rule_impact = rule.get("impact") or "moderate"
        nodes = rule.get("nodes", [])
        more = max(int(rule.get("nodeCount") or 0) - len(nodes), 0)
        for number, node in enumerate(nodes, start=1):
            snippet = node.get("html", "")
            help_text = rule.get("help", rule["id"])
            message = f"{help_text} (best practice)" if _best_practice(tags) else help_text
            if more and number == len(nodes):
                message += f" (and {more} more elements on this page)"
            yield CHECK.finding(
                page.url,
                message,
                check_id=f"axe/{rule['id']}",
                selector=_selector(node.get("target", [])),
                evidence=snippet,
                signature=element_signature(snippet),
                severity=Severity(node.get("impact") or rule_impact),
                wcag=wcag_criteria(tags),
                en301549=en301549_clauses(tags),
                legal=bool(_LEGAL_LEVEL_TAGS.intersection(tags)),
                help_url=rule.get("helpUrl", ""),
            )


def _best_practice(tags: Sequence[str]) -> bool:
    """axe's best-practice rules: reported when asked for, never a legal failure."""
    return "best-practice" in tags and not wcag_criteria(tags)


def _selector(target: Sequence[object]) -> str:
    """axe targets are a list; iframes and shadow DOM nest lists. Join with ' >>> '."""
    parts = [" ".join(map(str, t)) if isinstance(t, list) else str(t) for t in target]
    return " >>> ".join(parts)


CHECK = Check(
    id="axe",
    pitfall=Pitfall.ACCESSIBILITY,
    severity=Severity.SERIOUS,
    title="No axe-core violations",
    failure_title="axe-core found an accessibility violation",
    fix=(
        "Fix each failing element as the help page of its axe-core rule explains; the element "
        "and its markup are shown with the issue."
    ),
    run=run,
    docs=__doc__ or "",
    legal=True,
    needs=("axe",),
    help_url="https://github.com/dequelabs/axe-core/blob/develop/doc/rule-descriptions.md",
)
