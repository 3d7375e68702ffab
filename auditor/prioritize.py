"""Group findings into issues (one fix, many pages) and rank them.

priority = severity weight (critical 10, serious 7, moderate 3, minor 1)
           x reach (1-10: the share of the site's page importance that the issue touches)
           x legal (1.5 when the law requires it: WCAG A/AA under the EAA, contact duties)

A page's importance is 1, plus 2 for a start page, plus 1 for a home, contact or login page,
plus 1 at click depth 0-1, plus up to 2 for the share of pages that link to it. The reason for
each rank is kept in `Issue.why`, so the report can say why an issue ranks where it does.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence

from auditor.model import CheckInfo, Finding, Issue, Severity, SiteSummary, short_hash
from auditor.urls import normalize_url

LEGAL_FACTOR = 1.5
KEY_KINDS = ("home", "contact", "login")


def page_importance(site: SiteSummary) -> dict[str, float]:
    inbound: Counter[str] = Counter()
    for page in site.pages:
        for target in {normalize_url(link.href) for link in page.links}:
            inbound[target] += 1
    total = max(len(site.pages), 1)
    starts = {normalize_url(u) for u in site.start_urls}
    weights: dict[str, float] = {}
    for page in site.pages:
        url = normalize_url(page.url) or page.url
        weight = 1.0
        weight += 2.0 if url in starts else 0.0
        weight += 1.0 if page.kind in KEY_KINDS else 0.0
        weight += 1.0 if page.depth <= 1 else 0.0
        weight += 2.0 * min(inbound[url] / total, 1.0)
        weights[page.url] = weight
    return weights


def prioritize(
    findings: Sequence[Finding],
    site: SiteSummary,
    checks: Mapping[str, CheckInfo],
    screenshots: Mapping[str, str] | None = None,
) -> list[Issue]:
    """Issues ranked by priority; `screenshots` maps a finding group key to a base64 PNG."""
    weights = page_importance(site)
    total_weight = sum(weights.values()) or 1.0
    starts = set(site.start_urls)
    groups: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        groups[finding.group_key].append(finding)
    issues = [
        _issue(
            key,
            group,
            weights=weights,
            total_weight=total_weight,
            starts=starts,
            checks=checks,
            screenshot=(screenshots or {}).get(key, ""),
        )
        for key, group in groups.items()
    ]
    return sorted(issues, key=lambda i: (-i.priority, i.severity.rank, -i.page_count, i.title))


def _issue(
    key: str,
    group: list[Finding],
    *,
    weights: Mapping[str, float],
    total_weight: float,
    starts: set[str],
    checks: Mapping[str, CheckInfo],
    screenshot: str,
) -> Issue:
    first = group[0]
    severity = min((f.severity for f in group), key=lambda s: s.rank)
    urls = list(dict.fromkeys(f.url for f in group))
    share = min(sum(weights.get(u, 1.0) for u in urls) / total_weight, 1.0)
    reach = round(1 + 9 * share, 1)
    legal = any(f.legal for f in group)
    priority = round(severity.weight * reach * (LEGAL_FACTOR if legal else 1.0), 1)
    info = checks.get(first.check_id) or checks.get(first.check_id.split("/", 1)[0])
    is_rule = "/" in first.check_id
    title = first.message if is_rule or info is None else info.failure_title
    return Issue(
        id=short_hash("issue", key, length=12),
        check_id=first.check_id,
        pitfall=first.pitfall,
        severity=severity,
        title=title,
        message=first.message,
        priority=priority,
        why=_why(severity, reach, urls, pages=len(weights), starts=starts, legal=legal),
        page_count=len(urls),
        example_urls=tuple(urls[:10]),
        fingerprints=tuple(dict.fromkeys(f.fingerprint for f in group)),
        selector=first.selector,
        evidence=first.evidence,
        legal=legal,
        help_url=first.help_url,
        needs_review=all(f.needs_review for f in group),
        wcag=first.wcag,
        highlights=first.highlights,
        screenshot=screenshot,
    )


def _why(
    severity: Severity,
    reach: float,
    urls: list[str],
    *,
    pages: int,
    starts: set[str],
    legal: bool,
) -> str:
    where = f"{len(urls)} of {pages} pages"
    if starts.intersection(urls):
        where += ", including a start page"
    reason = f"{severity.value} ({severity.weight}) x reach {reach:g} ({where})"
    if legal:
        reason += f" x {LEGAL_FACTOR:g} (a legal requirement)"
    return reason
