"""Time the language analysis of a help article (a script, not a test).

Builds ~600-word Dutch and English articles from the plain-language documents (official and
plain versions mixed, with headings and a list), then times `analyse` per article: the first
call (word lists, frequency data and cmudict loaded once per process), then the median of
`--rounds` calls with our per-word caches emptied before each (close to the worst case;
wordfreq and textstat keep small caches of their own) and with warm caches (a crawl, where
most words repeat from page to page).

    .venv/bin/python bench/readability_speed.py [--rounds 50]
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from checks.language.readability import analyse, syllables, zipf

DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "plain_language_documents.jsonl"
TARGET_WORDS = 600


def article(lang: str, variant: int) -> str:
    """About 600 words of help-article text: headings, paragraphs and list items."""
    with DATA.open(encoding="utf-8") as f:
        docs = [json.loads(line) for line in f if line.strip()]
    parts: list[str] = []
    words = 0
    texts = [t for d in docs if d["lang"] == lang for t in (d["title"], d["official"], d["plain"])]
    while words < TARGET_WORDS:
        text = texts[len(parts) % len(texts)]
        parts.append(f"{text} {variant}" if len(text.split()) < 6 else text)
        words += len(text.split())
    parts.append("\n".join(f"Stap {i}: kies een optie {variant}." for i in range(1, 4)))
    return "\n".join(parts)


def time_ms(text: str, lang: str, *, cold: bool = False) -> float:
    if cold:
        zipf.cache_clear()
        syllables.cache_clear()
    start = time.perf_counter()
    analyse(text, lang)
    return (time.perf_counter() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=50)
    args = parser.parse_args()
    for lang in ("nl", "en"):
        first_text = article(lang, 0)
        first = time_ms(first_text, lang)
        texts = [article(lang, i) for i in range(1, args.rounds + 1)]
        cold = [time_ms(text, lang, cold=True) for text in texts]
        warm = [time_ms(text, lang) for text in texts]
        words = len(first_text.split())
        print(
            f"{lang}: {words} words; first call {first:.0f} ms (loads the data);"
            f" then ms/article median {statistics.median(cold):.1f} (max {max(cold):.1f})"
            f" with empty word caches, {statistics.median(warm):.1f} with warm caches"
        )


if __name__ == "__main__":
    main()
