"""How often the readability measures rank a plain rewrite as easier (a script, not a test).

Reads tests/data/plain_language_pairs.jsonl and plain_language_documents.jsonl and prints,
per language, the share of pairs and documents whose plain version gets the higher score:
the classic formula alone (Flesch-Douma for Dutch, Flesch for English, as textstat computes
it) against our `reading_ease`. Pairs are also reported split into the tuning part and the
held-out third (every third pair), which was not looked at while choosing the model.

    .venv/bin/python bench/readability_accuracy.py
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from checks.language.readability import analyse
from checks.language.textstats import reading_ease as classic_ease

DATA = Path(__file__).resolve().parents[1] / "tests" / "data"
Score = Callable[[str, str], float]


def load(name: str) -> list[dict[str, Any]]:
    with (DATA / name).open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def ours(text: str, lang: str) -> float:
    result = analyse(text, lang)
    if result is None:
        raise ValueError(f"not scored: {text[:60]!r}")
    return result.reading_ease


def classic(text: str, lang: str) -> float:
    return classic_ease(text, lang) or 0.0


def held_out(index: int) -> bool:
    """Every third pair is held out from tuning."""
    return index % 3 == 2


def share_correct(rows: Iterable[dict[str, Any]], score: Score) -> tuple[int, int]:
    rows = list(rows)
    good = sum(score(r["plain"], r["lang"]) > score(r["official"], r["lang"]) for r in rows)
    return good, len(rows)


def split(rows: list[dict[str, Any]], lang: str, part: str) -> list[dict[str, Any]]:
    mine = [r for r in rows if r["lang"] == lang]
    if part == "all":
        return mine
    return [r for i, r in enumerate(mine) if held_out(i) == (part == "held-out")]


def fmt(counts: tuple[int, int]) -> str:
    good, total = counts
    return f"{good:>3}/{total:<3} {100 * good / max(total, 1):5.1f}%"


def row(label: str, rows: list[dict[str, Any]]) -> None:
    classic_part, ours_part = fmt(share_correct(rows, classic)), fmt(share_correct(rows, ours))
    print(f"{label:26}{classic_part:>20}{ours_part:>22}")


def main() -> None:
    pairs, documents = load("plain_language_pairs.jsonl"), load("plain_language_documents.jsonl")
    names = {"nl": "Flesch-Douma", "en": "Flesch"}
    print(f"{'':26}{'classic formula':>20}{'reading_ease (ours)':>22}")
    for lang in ("nl", "en"):
        for part in ("all", "tuning", "held-out"):
            rows = split(pairs, lang, part)
            row(f"{lang} pairs ({part})", rows)
        docs = [d for d in documents if d["lang"] == lang]
        row(f"{lang} documents", docs)
        print(f"  (classic = {names[lang]})")


if __name__ == "__main__":
    main()
