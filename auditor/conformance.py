"""The accessibility conformance table: per WCAG success criterion, what automated testing found.

Every criterion of the selected standard gets exactly one status:

- `fails`: a rule or check that covers it failed (a finding, or an axe violation);
- `needs-review`: nothing failed, but axe returned "incomplete" for a covering rule, or a check
  reported a finding that needs review;
- `no-automated-failures`: a covering rule or check ran (axe: passed on a page, or was
  inapplicable) and nothing failed — not a claim that the criterion is met;
- `not-testable`: no automated rule covers it, so a person must check it. A criterion is never
  shown as passing without a rule that covers it.

Which rule covers which criterion comes from axe's tags (`wcag143` -> 1.4.3) and from the
`wcag` fields of our own checks, never from a hand-written table: a wrong mapping would be a
false legal claim. Rules without a success-criterion tag (best practices) never count.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from importlib.resources import files
from typing import Any

from auditor.model import Finding
from checks.accessibility.axe import wcag_criteria

STATUSES = ("fails", "needs-review", "no-automated-failures", "not-testable")
STANDARDS = ("wcag21aa", "wcag22aa", "en301549")
EXAMPLE_LIMIT = 5
"""Example URLs kept per rule and result, and shown per criterion."""

AXE_PREFIX = "axe/"
"""axe rules appear as `axe/<rule-id>`, the check id of their findings."""

_AXE_RESULTS = {
    "passes": "passed",
    "violations": "failed",
    "incomplete": "incomplete",
    "inapplicable": "inapplicable",
}


# --------------------------------------------------------------------------------------------
# The criteria (checks/data/wcag22.json)
# --------------------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True, slots=True)
class Criterion:
    """One WCAG success criterion at level A or AA."""

    id: str
    level: str
    version: str
    title: Mapping[str, str]
    en301549: str | None
    url: str
    obsolete: bool = False

    @property
    def sort_key(self) -> tuple[int, ...]:
        return tuple(int(part) for part in self.id.split("."))


@cache
def criteria() -> tuple[Criterion, ...]:
    """All WCAG 2.2 A/AA criteria plus the obsolete 4.1.1, in criterion order."""
    text = (files("checks") / "data" / "wcag22.json").read_text(encoding="utf-8")
    entries = [Criterion(**entry) for entry in json.loads(text)["criteria"]]
    return tuple(sorted(entries, key=lambda c: c.sort_key))


def criteria_for(standard: str) -> tuple[Criterion, ...]:
    """The criteria a standard requires.

    `wcag21aa`: WCAG 2.0 and 2.1 A/AA, with 4.1.1; `wcag22aa`: WCAG 2.2 A/AA (4.1.1 was
    removed from 2.2); `en301549`: the criteria with a clause in EN 301 549 V3.2.1 (clause 9).
    """
    if standard == "wcag21aa":
        return tuple(c for c in criteria() if c.version in ("2.0", "2.1"))
    if standard == "wcag22aa":
        return tuple(c for c in criteria() if not c.obsolete)
    if standard == "en301549":
        return tuple(c for c in criteria() if c.en301549)
    raise ValueError(f"unknown standard {standard!r}; choose from {', '.join(STANDARDS)}")


# --------------------------------------------------------------------------------------------
# The tally: what ran, page by page, in bounded memory
# --------------------------------------------------------------------------------------------


@dataclasses.dataclass(slots=True)
class RuleRecord:
    """One axe rule over the whole audit: its tags, and pages per result with a few examples."""

    tags: tuple[str, ...] = ()
    pages: dict[str, int] = dataclasses.field(default_factory=dict)
    examples: dict[str, list[str]] = dataclasses.field(default_factory=dict)

    def add(self, result: str, url: str) -> None:
        self.pages[result] = self.pages.get(result, 0) + 1
        _add_example(self.examples.setdefault(result, []), url)

    def count(self, result: str) -> int:
        return self.pages.get(result, 0)


@dataclasses.dataclass(slots=True)
class CheckRecord:
    """One of our own WCAG-mapped checks: the criteria it covers and the pages it ran on."""

    wcag: tuple[str, ...] = ()
    pages: int = 0
    examples: list[str] = dataclasses.field(default_factory=list)


def _add_example(examples: list[str], url: str) -> None:
    if len(examples) < EXAMPLE_LIMIT and url not in examples:
        examples.append(url)


class RuleTally:
    """Accumulates what axe and our own WCAG-mapped checks did on each page.

    Only counts and a few example URLs are kept, so a 10,000-page audit holds it in memory.
    """

    def __init__(self) -> None:
        self.rules: dict[str, RuleRecord] = {}
        self.checks: dict[str, CheckRecord] = {}

    def add_axe(self, url: str, axe_result: Mapping[str, Any] | None) -> None:
        """Records one page's axe results (`page.probes["axe"]`); None (no axe) is ignored.

        `violations`, `incomplete` and `passes` are rule objects with `id` and `tags`;
        `inapplicable` may be rule objects or bare ids. A rule seen only as a bare id has no
        known tags until another page reports them, and covers no criterion before that.
        """
        if not axe_result:
            return
        for key, result in _AXE_RESULTS.items():
            for entry in axe_result.get(key) or ():
                rule_id, tags = _rule_id_and_tags(entry)
                record = self.rules.setdefault(rule_id, RuleRecord())
                if tags and not record.tags:
                    record.tags = tags
                record.add(result, url)

    def add_check_run(self, check_id: str, wcag: Sequence[str], url: str) -> None:
        """Records that our own check `check_id`, covering `wcag`, ran on `url`."""
        record = self.checks.setdefault(check_id, CheckRecord(tuple(wcag)))
        record.pages += 1
        _add_example(record.examples, url)

    def to_dict(self) -> dict[str, Any]:
        return {
            "rules": {name: dataclasses.asdict(r) for name, r in sorted(self.rules.items())},
            "checks": {name: dataclasses.asdict(c) for name, c in sorted(self.checks.items())},
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> RuleTally:
        tally = cls()
        for rule_id, r in data.get("rules", {}).items():
            tally.rules[rule_id] = RuleRecord(
                tuple(r.get("tags", ())),
                dict(r.get("pages", {})),
                {result: list(urls) for result, urls in r.get("examples", {}).items()},
            )
        for check_id, c in data.get("checks", {}).items():
            tally.checks[check_id] = CheckRecord(
                tuple(c.get("wcag", ())), int(c.get("pages", 0)), list(c.get("examples", []))
            )
        return tally


def _rule_id_and_tags(entry: str | Mapping[str, Any]) -> tuple[str, tuple[str, ...]]:
    if isinstance(entry, str):
        return entry, ()
    return str(entry["id"]), tuple(entry.get("tags") or ())


# --------------------------------------------------------------------------------------------
# The table
# --------------------------------------------------------------------------------------------


@dataclasses.dataclass
class _Evidence:
    """What the audit found for one criterion, gathered from the tally and the findings."""

    ran: set[str] = dataclasses.field(default_factory=set)
    covered: bool = False
    failing: set[str] = dataclasses.field(default_factory=set)
    review: set[str] = dataclasses.field(default_factory=set)
    failing_urls: dict[str, None] = dataclasses.field(default_factory=dict)
    review_urls: dict[str, None] = dataclasses.field(default_factory=dict)
    failing_floor: int = 0
    review_floor: int = 0

    @property
    def status(self) -> str:
        if self.failing:
            return "fails"
        if self.review:
            return "needs-review"
        return "no-automated-failures" if self.covered else "not-testable"


def build_conformance(
    tally: RuleTally, findings: Sequence[Finding], standard: str
) -> list[dict[str, Any]]:
    """One row per criterion of `standard`, in criterion order (see the module docstring).

    `pages_failing` counts the distinct pages with a failing finding; where findings were
    suppressed it is at least the number of pages on which one covering axe rule failed.
    """
    evidence = _evidence(tally, findings)
    return [_row(c, evidence.get(c.id) or _Evidence()) for c in criteria_for(standard)]


def summary(rows: Iterable[Mapping[str, Any]]) -> dict[str, int]:
    """Criteria per status, every status present, in the order of `STATUSES`."""
    counts = dict.fromkeys(STATUSES, 0)
    for row in rows:
        counts[row["status"]] += 1
    return counts


def _evidence(tally: RuleTally, findings: Sequence[Finding]) -> dict[str, _Evidence]:
    by_sc: dict[str, _Evidence] = {}

    def of(sc: str) -> _Evidence:
        return by_sc.setdefault(sc, _Evidence())

    for rule_id, rule in tally.rules.items():
        name = AXE_PREFIX + rule_id
        for sc in wcag_criteria(rule.tags):
            e = of(sc)
            e.ran.add(name)
            e.covered |= bool(rule.count("passed") or rule.count("inapplicable"))
            if rule.count("failed"):
                e.failing.add(name)
                e.failing_floor = max(e.failing_floor, rule.count("failed"))
                e.failing_urls.update(dict.fromkeys(rule.examples.get("failed", ())))
            if rule.count("incomplete"):
                e.review.add(name)
                e.review_floor = max(e.review_floor, rule.count("incomplete"))
                e.review_urls.update(dict.fromkeys(rule.examples.get("incomplete", ())))
    for check_id, check in tally.checks.items():
        for sc in check.wcag:
            e = of(sc)
            e.ran.add(check_id)
            e.covered = True
    for finding in findings:
        for sc in finding.wcag:
            e = of(sc)
            e.ran.add(finding.check_id)
            if finding.needs_review:
                e.review.add(finding.check_id)
                e.review_urls[finding.url] = None
            else:
                e.failing.add(finding.check_id)
                e.failing_urls[finding.url] = None
    return by_sc


def _row(criterion: Criterion, e: _Evidence) -> dict[str, Any]:
    status = e.status
    pages_failing = pages_review = 0
    examples: Iterable[str] = ()
    if status == "fails":
        pages_failing = max(len(e.failing_urls), e.failing_floor)
        examples = e.failing_urls
    elif status == "needs-review":
        pages_review = max(len(e.review_urls), e.review_floor)
        examples = e.review_urls
    return {
        "sc": criterion.id,
        "level": criterion.level,
        "title": dict(criterion.title),
        "en301549": criterion.en301549,
        "url": criterion.url,
        "obsolete": criterion.obsolete,
        "status": status,
        "rules": sorted(e.ran),
        "failing_checks": sorted(e.failing),
        "review_rules": sorted(e.review),
        "pages_failing": pages_failing,
        "pages_review": pages_review,
        "example_urls": sorted(examples)[:EXAMPLE_LIMIT],
    }
