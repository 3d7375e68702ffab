"""Language checks: readability, hard sentences, jargon, rare words, abbreviations, spelling."""

from __future__ import annotations

WARM_UP_LANGUAGES = ("nl", "en")  # the first-class languages


def warm_up() -> None:
    """Load what the language checks read on their first page: wordfreq's tables, the CMU
    dictionary, hyphenation patterns and lingua's models, about 1 s of CPU. The engine runs
    this on the checks thread while the browser starts, so the first page does not wait."""
    from checks.language import detect, textstats, words

    for language in WARM_UP_LANGUAGES:
        words.frequencies(language)
        textstats.reading_ease("Een zin. One sentence.", language)
    detect.detect_language("Dit is een Nederlandse zin. This is an English sentence.")
