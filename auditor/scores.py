"""A 0-100 score per pitfall, so a site can follow its progress from audit to audit.

The score starts at 100; each issue takes away a share of what is left: its severity's
penalty (critical 40%, serious 25%, moderate 10%, minor 3%) times the share of the audited
pages it affects (a site-wide issue affects them all). Issues that only need review do not
count. A pitfall that no selected check covers has no score (None): "not checked" is not 100.

The product form keeps every score in 0-100, makes the first issues cost the most, and means
that fixing any one issue always raises the score.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from auditor.model import AuditResult, CheckInfo, Issue, Pitfall, Severity

PENALTY: Mapping[Severity, float] = {
    Severity.CRITICAL: 0.40,
    Severity.SERIOUS: 0.25,
    Severity.MODERATE: 0.10,
    Severity.MINOR: 0.03,
}


def issue_share(issue: Issue, check: CheckInfo | None, pages: int) -> float:
    """The share of audited pages an issue affects: all of them for a site-wide check."""
    if (check is not None and check.scope == "site") or pages <= 0:
        return 1.0
    return min(issue.page_count / pages, 1.0)


def pitfall_scores(
    issues: Iterable[Issue], checks: Iterable[CheckInfo], pages: int
) -> dict[Pitfall, int | None]:
    """Every pitfall's score, None for a pitfall no check covered."""
    by_id = {c.id: c for c in checks}
    remaining = {c.pitfall: 1.0 for c in by_id.values()}
    for issue in issues:
        if issue.needs_review or issue.pitfall not in remaining:
            continue
        check = by_id.get(issue.check_id) or by_id.get(issue.check_id.split("/", 1)[0])
        remaining[issue.pitfall] *= 1 - PENALTY[issue.severity] * issue_share(issue, check, pages)
    return {p: round(100 * remaining[p]) if p in remaining else None for p in Pitfall}


def result_scores(result: AuditResult) -> dict[Pitfall, int | None]:
    """The scores of an audit result; failed pages do not count as audited pages."""
    pages = result.audited - len(result.failed_pages)
    return pitfall_scores(result.issues, result.checks, pages)
