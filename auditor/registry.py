"""Selecting checks and findings by id, pitfall name or glob (`axe/*`)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from fnmatch import fnmatchcase

from auditor.check import Check
from auditor.model import Finding


def _matches(patterns: Iterable[str], check_id: str, pitfall: str) -> bool:
    return any(fnmatchcase(check_id, p) or p == pitfall for p in patterns)


def select_checks(
    checks: Sequence[Check],
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    extend: Sequence[str] = (),
) -> list[Check]:
    """The checks to run: `select` (else the default checks) plus `extend`, minus `ignore`.

    A pattern such as `axe/color-contrast` selects the axe adapter, whose findings are then
    filtered by `keep_finding`. Opt-in checks (`default=False`) run only when a pattern names
    them by id or glob; naming their pitfall is not enough.
    """
    known = {c.id for c in checks} | {c.pitfall.value for c in checks}
    for pattern in [*select, *ignore, *extend]:
        if not any(fnmatchcase(k, pattern) for k in known) and not pattern.startswith("axe/"):
            raise ValueError(f"unknown check or pitfall {pattern!r}; run `cx-audit checks`")
    chosen = []
    for check in checks:
        if _chosen(check, select, extend) and not _matches(ignore, check.id, check.pitfall.value):
            chosen.append(check)
    return chosen


def _chosen(check: Check, select: Sequence[str], extend: Sequence[str]) -> bool:
    by_name = [*select, *extend, *(p.split("/", 1)[0] for p in [*select, *extend] if "/" in p)]
    if any(fnmatchcase(check.id, p) for p in by_name):
        return True
    if not check.default:
        return False
    return not select or any(p == check.pitfall.value for p in [*select, *extend])


def keep_finding(finding: Finding, select: Sequence[str] = (), ignore: Sequence[str] = ()) -> bool:
    """Finding-level selection, for ids below a check such as `axe/<rule-id>`."""
    parent = finding.check_id.split("/", 1)[0]
    pitfall = finding.pitfall.value
    if _matches(ignore, finding.check_id, pitfall):
        return False
    if not select:
        return True
    return _matches(select, finding.check_id, pitfall) or parent in select
