"""What `jargon-term`, `rare-word` and `unexplained-abbreviation` cost together on a 600-word
article (a script, not a test).

Builds a Dutch and an English article of about 600 words from the sentences in
tests/data/jargon_*.jsonl, then times the three checks on fresh snapshots (so nothing is
cached on the page; the word lists and wordfreq tables are loaded once per process, and that
first load is reported separately). Prints the median over `--rounds` runs.

    .venv/bin/python bench/jargon_speed.py [--rounds 50]
"""

from __future__ import annotations

import argparse
import html
import itertools
import json
import statistics
import time
from pathlib import Path

from auditor.model import PageSnapshot
from auditor.testing import make_page
from checks.language import jargon_term, rare_word, unexplained_abbreviation

DATA = Path(__file__).resolve().parents[1] / "tests" / "data"
CHECKS = (jargon_term.CHECK, rare_word.CHECK, unexplained_abbreviation.CHECK)
WORDS = 600
PARAGRAPH = 5  # sentences per paragraph


def article(lang: str) -> str:
    pools = []
    for name in ("jargon_plain.jsonl", "jargon_marked.jsonl"):
        with (DATA / name).open(encoding="utf-8") as f:
            rows = [json.loads(line) for line in f if line.strip()]
        pools.append([r["sentence"] for r in rows if r["lang"] == lang])
    # plain and hard sentences alternate
    pool = [s for pair in zip(*pools, strict=False) for s in pair]
    picked: list[str] = []
    for sentence in itertools.cycle(pool):
        picked.append(html.escape(sentence))
        if sum(len(s.split()) for s in picked) >= WORDS:
            break
    paragraphs = [
        "<p>" + " ".join(picked[i : i + PARAGRAPH]) + "</p>"
        for i in range(0, len(picked), PARAGRAPH)
    ]
    return f"<html lang='{lang}'><body><main>{''.join(paragraphs)}</main></body></html>"


def run_all(page: PageSnapshot) -> int:
    return sum(len(check.execute(page)) for check in CHECKS)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=50)
    rounds = parser.parse_args().rounds
    for lang in ("nl", "en"):
        markup = article(lang)
        start = time.perf_counter()
        run_all(make_page(markup))
        first = time.perf_counter() - start
        times = []
        for _ in range(rounds):
            page = make_page(markup)
            start = time.perf_counter()
            count = run_all(page)
            times.append(time.perf_counter() - start)
        words = len(make_page(markup).main_text.split())
        median = statistics.median(times) * 1000
        print(
            f"{lang}: {words} words, {count} findings: median {median:.1f} ms"
            f" (max {max(times) * 1000:.1f} ms); first run with loading {first * 1000:.0f} ms"
        )


if __name__ == "__main__":
    main()
