"""site-search-broken: the site's own search finds nothing for a word from its own headings.

## What it does
Judges the engine's search probe. Once per audit the engine takes the site's own GET search
form, a content word that several of the site's headings share (such as "meterstand"),
loads the results page in the browser and stores what it saw in `SiteSummary.search`:

`{"url", "term", "status", "text", "result_links", "error"}` — `text` is the main text of the
results page (its first 5,000 characters), `result_links` the number of links in its main
content outside navigation.

The search is reported as broken when the results page fails (HTTP status 400 or more, or a
load error), says it found nothing ("geen resultaten", "niets gevonden", "0 resultaten", "no
results", "nothing found", "did not match any"; a question such as "Geen resultaten?" is a
tip, not a verdict), or shows no result links at all. Answers that refuse a checker rather
than a person (401, 403, 429, 999…) are not judged, and a time-out is reported as *needs
review*. Without a probe result (no search form, `--no-probe`, or a form that is not plainly
a search, listed as skipped: see auditor/search_probe.py) nothing is reported. The check
declares `needs=("search",)`, so the engine runs the probe only when it is selected.

## Why is this bad?
A search box that finds nothing for a word the site itself uses in its headings tells
customers that the answer does not exist. They call, or leave.

## Example
Searching the help centre for "meterstand" shows "Er zijn 0 resultaten gevonden", although
an article is titled "Meterstand doorgeven".

## Use instead
A search that indexes every help article and shows them for the words in their titles.

## Options
- `no_results` (list of str, default none): more phrases that mean "nothing found", e.g.
  `["helaas, we konden niets vinden"]`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from auditor.check import Check
from auditor.model import NOT_JUDGED_STATUSES, Finding, Pitfall, Severity, SiteSummary
from checks.common import normalise_space
from checks.findability.patterns import phrase_pattern, words

EVIDENCE_CHARS = 60


def run(site: SiteSummary, *, no_results: Sequence[str] = ()) -> Iterator[Finding]:
    search = site.search
    if not search or not search.get("url"):
        return
    verdict = judge(search, no_results)
    if verdict is None:
        return
    reason, evidence = verdict
    yield CHECK.finding(
        str(search["url"]),
        f'Searching the site for "{search.get("term", "")}" {reason}.',
        evidence=evidence,
        signature="site-search-broken",
        needs_review=str(search.get("error") or "").lower().startswith("timeout"),
    )


def judge(search: Mapping[str, Any], no_results: Sequence[str] = ()) -> tuple[str, str] | None:
    """Why the probe's results page counts as broken (reason, evidence), or None."""
    status = search.get("status")
    if search.get("error"):
        return "failed to load the results page", str(search["error"])
    if status in NOT_JUDGED_STATUSES:
        return None
    if (status or 0) >= 400:
        return f"gave HTTP status {status}", f"HTTP {status}"
    text = normalise_space(str(search.get("text") or ""))
    said = no_results_phrase(text, no_results)
    if said:
        return "showed that nothing was found", said
    if search.get("result_links") == 0:
        return "showed no results", text[: EVIDENCE_CHARS * 2]
    return None


def no_results_phrase(text: str, extra: Sequence[str] = ()) -> str:
    """The "nothing found" statement in the text with some context, or "". A phrase followed
    by a question mark ("Geen resultaten? Probeer …") is a tip on a results page."""
    phrases = sorted({*words("no_results"), *extra}, key=len, reverse=True)
    alternatives = "|".join(phrase_pattern(p) for p in phrases)
    pattern = re.compile(rf"(?<![\w.,])(?:{alternatives})(?!\w)(?!\s*\?)", re.IGNORECASE)
    match = pattern.search(text)
    if not match:
        return ""
    start = max(0, match.start() - EVIDENCE_CHARS)
    return text[start : match.end() + EVIDENCE_CHARS].strip()


CHECK = Check(
    id="site-search-broken",
    pitfall=Pitfall.FINDABILITY,
    severity=Severity.SERIOUS,
    title="The site search finds the site's own topics",
    failure_title="The site search finds nothing",
    fix=(
        "Make the site search index every help article, so that the words in their titles find "
        "them."
    ),
    run=run,
    docs=__doc__ or "",
    scope="site",
    needs=("search",),
)
