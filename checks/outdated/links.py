"""Pure helpers shared by the link checks: where a link goes and what answered there.

Internal targets are judged by the crawled page (the page summary whose requested or final URL
is the normalised target); targets that were not crawled (skipped, or left out by
--max-pages) are not judged. External targets and images are judged by the link checker's
`SiteSummary.link_status`.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator, Mapping

from auditor.model import Link, LinkStatus, PageSummary, SiteSummary
from auditor.urls import normalize_url
from checks.escalation.contact_route import CONTACT_TEXT

LOGIN_TEXT = re.compile(r"\b(inloggen|log ?in|login|sign ?in|mijn omgeving|my account)\b", re.I)
CRITICAL_KINDS = frozenset({"contact", "login"})


@dataclasses.dataclass(frozen=True)
class Answer:
    """What answered at a link target: the crawled page or the link checker's status."""

    broken: bool
    reason: str  # "HTTP 404", "connection refused", "the page did not load"
    redirects: int
    kind: str = ""  # the page kind of a crawled target ("" for external ones)


def crawled_pages(site: SiteSummary) -> dict[str, PageSummary]:
    """Every audited page by its normalised requested URL and its normalised final URL."""
    pages: dict[str, PageSummary] = {}
    for page in site.pages:
        for url in (page.final_url, page.url):
            key = normalize_url(url)
            if key is not None:
                pages[key] = page
    return pages


def outgoing(page: PageSummary) -> Iterator[tuple[Link, str]]:
    """The page's http(s) links (internal, then external) with their normalised targets; the
    first link to each target only, so there is one finding per page and target."""
    seen: set[str] = set()
    for link in (*page.links, *page.external):
        target = normalize_url(link.href)
        if target is not None and target not in seen:
            seen.add(target)
            yield link, target


def answer_for(
    link: Link,
    target: str,
    pages: Mapping[str, PageSummary],
    statuses: Mapping[str, LinkStatus],
) -> Answer | None:
    """What answered at the link's target, or None when it was not checked."""
    if link.internal:
        page = pages.get(target)
        return None if page is None else page_answer(page, target)
    status = statuses.get(target)
    return None if status is None else status_answer(status)


def page_answer(page: PageSummary, target: str) -> Answer:
    """A crawled target. Its redirects count only when the link points at the URL that was
    requested, not at where it ended up."""
    requested = normalize_url(page.url) == target
    return Answer(
        broken=page.status is None or page.status >= 400,
        reason="the page did not load" if page.status is None else f"HTTP {page.status}",
        redirects=len(page.redirects) if requested else 0,
        kind=page.kind,
    )


def status_answer(status: LinkStatus) -> Answer:
    if not status.error:
        reason = f"HTTP {status.status}"
    elif status.status is None:
        reason = status.error
    else:
        reason = f"{status.error}, HTTP {status.status}"
    return Answer(broken=status.broken, reason=reason, redirects=status.redirects)


def names_contact_or_login(text: str) -> bool:
    """The link text says it leads to contact or to logging in."""
    return bool(CONTACT_TEXT.search(text) or LOGIN_TEXT.search(text))
