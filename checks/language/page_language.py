"""The language a page's text is in: declared (`<html lang>` / Content-Language), with
detection as the fallback and the cross-check. Shared by the language checks."""

from __future__ import annotations

import dataclasses

from auditor.model import PageSnapshot
from checks.language.detect import detect_language

MIN_DETECT_CHARS = 200
MIN_CONFIDENCE = 0.9


@dataclasses.dataclass(frozen=True)
class PageLanguage:
    code: str  # primary subtag ("nl", "en"), or "" when unknown
    source: str  # "declared", "detected" or "unknown"
    detected: str = ""  # what the text looks like, when there is enough of it


def page_language(page: PageSnapshot) -> PageLanguage:
    """The language to analyse the text in: the declared one, unless the detector is
    confident the text is in another (then lang-matches-content reports the mismatch, and
    English text is not scored with Dutch formulas); undeclared: the detected one."""
    return page.memo("page_language", lambda: _decide(page))


def _decide(page: PageSnapshot) -> PageLanguage:
    detected = ""
    if len(page.main_text) >= MIN_DETECT_CHARS:
        code, confidence = detect_language(page.main_text)
        detected = code if confidence >= MIN_CONFIDENCE else ""
    if page.language and (not detected or detected == page.language):
        return PageLanguage(page.language, "declared", detected)
    if detected:
        return PageLanguage(detected, "detected", detected)
    return PageLanguage("", "unknown")
