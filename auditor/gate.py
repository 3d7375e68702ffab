"""The CI gate: fail on issues at or above --fail-on (only new ones with a baseline), and on
pitfalls over their budget (`max_issues`). Issues that only need review never fail a gate.
A logged-in portal part that stopped early (login failed, session lost) fails it too: a
green gate must not hide pages that were never audited."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from auditor.baseline import new_issues
from auditor.model import AuditResult, Issue, Pitfall, Severity


def gate_reasons(
    result: AuditResult,
    fail_on: Severity | None,
    *,
    accepted: frozenset[str] | None = None,
    budgets: Mapping[str, int] | None = None,
) -> list[str]:
    """One line per reason the gate fails; empty when it passes."""
    issues = [i for i in result.issues if not i.needs_review]
    candidates = new_issues(issues, accepted) if accepted is not None else issues
    reasons = []
    if fail_on is not None:
        failing = [i for i in candidates if i.severity.at_least(fail_on)]
        if failing:
            what = "new issue" if accepted is not None else "issue"
            reasons.append(
                f"{len(failing)} {what}{'s' if len(failing) != 1 else ''} at or above "
                f"{fail_on.value}: {describe(failing)}"
            )
    portal = result.site_metrics.get("portal")
    if fail_on is not None and isinstance(portal, Mapping) and portal.get("stopped"):
        reasons.append(f"the logged-in part is incomplete: {portal['stopped']}")
    counts = Counter(i.pitfall.value for i in candidates)
    for pitfall, budget in sorted((budgets or {}).items()):
        if counts[pitfall] > budget:
            reasons.append(
                f"{Pitfall(pitfall).names['en'].lower()}: {counts[pitfall]} "
                f"{'new ' if accepted is not None else ''}issues, budget {budget}"
            )
    return reasons


def describe(issues: Sequence[Issue], limit: int = 5) -> str:
    """The first issues as `[severity] check-id on URL`, and how many more."""
    shown = [
        f"[{i.severity.value}] {i.check_id} on {i.example_urls[0] if i.example_urls else '?'}"
        for i in issues[:limit]
    ]
    more = f" and {len(issues) - limit} more" if len(issues) > limit else ""
    return "; ".join(shown) + more
