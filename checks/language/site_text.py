"""What the word-level language checks learn from the whole site rather than one page.

A page cannot tell that its sentence "Voldoen aan wetten en regels" is a section label that
the template repeats on every page, that "Siebke" at the start of a sentence is written
"voorzitter Siebke van Keulen" elsewhere, or that the "AVG" it does not explain is spelled
out on the site's glossary page. The site can. Each page's facts (`language_facts`, kept in
`PageSummary.facts["language"]`) hold the little that is needed for that: a short hash of
each sentence of its main text, the rare words it writes with a capital mid-sentence (names),
and the abbreviations it explains. `SiteText.of(site)` adds them up for the checks' second
pass (`Check.refine`):

- a sentence on at least `REPEATED_PAGES` pages is the site's, not the page's (a label, a
  breadcrumb, a template block inside the main content): its findings are reported once,
  on the first page, not on every page;
- a word written with a capital mid-sentence anywhere on the site is a name;
- an abbreviation explained anywhere on the site is explained.
"""

from __future__ import annotations

import collections
import dataclasses
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from auditor.model import Finding, PageSnapshot, SiteSummary, short_hash
from checks.language.page_language import page_language
from checks.language.words import page_names, page_sentences, zipf

FACTS_KEY = "language"
REPEATED_PAGES = 3  # a sentence on this many pages is the site's (a label, a template block)
MAX_SENTENCES = 500  # sentence hashes kept per page
MAX_WORDS = 300  # names and explained abbreviations kept per page
NAME_ZIPF = 3.5  # only rare names are kept: a common word is never a rare-word finding


def sentence_key(text: str) -> str:
    return short_hash(re.sub(r"\s+", " ", text.strip().lower()), length=12)


def language_facts(page: PageSnapshot) -> Mapping[str, Any]:
    """The page's share of what the site knows (see the module docstring)."""
    from checks.language.unexplained_abbreviation import explained_acronyms

    language = page_language(page).code
    sentences = page_sentences(page)
    names = sorted(n for n in page_names(page) if zipf(n, language) < NAME_ZIPF)
    return {
        "sentences": sorted({sentence_key(s.text) for s in sentences[:MAX_SENTENCES]}),
        "names": names[:MAX_WORDS],
        "explained": sorted(explained_acronyms(page))[:MAX_WORDS],
    }


@dataclasses.dataclass(frozen=True)
class SiteText:
    sentence_pages: Mapping[str, int]  # sentence hash -> pages it is on
    names: frozenset[str]
    explained: frozenset[str]

    @classmethod
    def of(cls, site: SiteSummary) -> SiteText:
        cached = _CACHE.get(id(site))
        if cached is not None and cached[0] is site:
            return cached[1]
        counts: collections.Counter[str] = collections.Counter()
        names: set[str] = set()
        explained: set[str] = set()
        for page in site.html_pages:
            facts = page.facts.get(FACTS_KEY) or {}
            counts.update(facts.get("sentences", ()))
            names.update(facts.get("names", ()))
            explained.update(facts.get("explained", ()))
        text = cls(dict(counts), frozenset(names), frozenset(explained))
        _CACHE.clear()
        _CACHE[id(site)] = (site, text)
        return text

    def repeated(self, sentence: str) -> bool:
        return self.sentence_pages.get(sentence_key(sentence), 0) >= REPEATED_PAGES


_CACHE: dict[int, tuple[SiteSummary, SiteText]] = {}


def once_per_repeated_sentence(findings: Iterable[Finding], text: SiteText) -> Iterator[Finding]:
    """Findings in a sentence the site repeats on many pages, kept on the first page only
    (per signature and sentence); all others as they are."""
    seen: set[tuple[str, str]] = set()
    for finding in findings:
        if text.repeated(finding.evidence):
            key = (finding.signature, sentence_key(finding.evidence))
            if key in seen:
                continue
            seen.add(key)
        yield finding
