"""Language detection of page text, shared by checks (lingua, restricted to European languages).

One lingua detector per process, built on first use under a lock; lingua's detector is safe
to call from several threads at once. It knows only `LANGUAGES`: with every language lingua
needs over 1 GB and mislabels short Dutch as Afrikaans. It runs in lingua's low-accuracy mode
(trigrams only): measured on this machine it adds about 25 MB and loads in under 0.1 s, against
about 300 MB and 1.1 s for the high-accuracy models of the same ten languages, and on texts
of a few sentences both modes agree. Texts shorter than `MIN_CHARS` are not judged: on a few
words any detector guesses.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache

from lingua import IsoCode639_1, LanguageDetector, LanguageDetectorBuilder

# ISO 639-1 codes. Languages that lingua confuses with one of these on short texts
# (Afrikaans, Norwegian) are left out on purpose; a page declared in a language outside this
# set is not judged.
LANGUAGES: tuple[str, ...] = ("nl", "en", "de", "fr", "es", "it", "pt", "pl", "da", "sv")
MIN_CHARS = 20
MAX_CHARS = 5000
CACHED_SAMPLES = 1024  # of at most MAX_CHARS characters each: 10 MB at most
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")

_lock = threading.Lock()
_detector: LanguageDetector | None = None


def detector() -> LanguageDetector:
    """The process-wide detector, built once on first use."""
    global _detector  # noqa: PLW0603 - one lazily built detector per process
    if _detector is not None:
        return _detector
    with _lock:
        if _detector is None:
            codes = [getattr(IsoCode639_1, code.upper()) for code in LANGUAGES]
            _detector = (
                LanguageDetectorBuilder.from_iso_codes_639_1(*codes)
                .with_low_accuracy_mode()
                .build()
            )
        return _detector


def detect_language(text: str) -> tuple[str, float]:
    """The most likely language of `text` as an ISO 639-1 code and lingua's confidence
    (0–1), or ("", 0.0) when the text is too short or in none of `LANGUAGES`. Only the first
    `MAX_CHARS` characters are read."""
    sample = " ".join((text or "")[:MAX_CHARS].split())
    if len(sample) < MIN_CHARS:
        return "", 0.0
    return _best_language(sample)


@lru_cache(maxsize=CACHED_SAMPLES)
def _best_language(sample: str) -> tuple[str, float]:
    """lingua's answer for a sample, cached: a page asks for the same text more than once (a
    `div` around one paragraph; the sentences of a passage, then of its section) and pages
    of one site share blocks."""
    values = detector().compute_language_confidence_values(sample)
    if not values or values[0].value <= 0:
        return "", 0.0
    best = values[0]
    return best.language.iso_code_639_1.name.lower(), float(best.value)


def language_shares(text: str) -> dict[str, float]:
    """Share of the text's characters per detected language, sentence by sentence.

    Sentences too short to judge are left out of the total. A text that is mostly one
    language with a quote in another gives e.g. {"nl": 0.8, "en": 0.2}.
    """
    counts: dict[str, int] = {}
    for sentence in _SENTENCE.split((text or "")[:MAX_CHARS]):
        code, _ = detect_language(sentence)
        if code:
            counts[code] = counts.get(code, 0) + len(sentence)
    total = sum(counts.values())
    return {code: n / total for code, n in counts.items()} if total else {}
