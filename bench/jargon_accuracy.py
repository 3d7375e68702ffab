"""How well `jargon-term` and `rare-word` find the words readers mark as difficult (a script,
not a test; `tests/unit/test_check_jargon.py` asserts its floor and ceiling).

Reads tests/data/jargon_marked.jsonl (sentences with the word a reader marked) and
jargon_plain.jsonl (plain sentences where nothing should fire). Each sentence becomes a page
of its own. A marked word is found when a jargon-term or rare-word finding names it (or a
phrase containing it). Recall is printed per language, split into sentences whose marked word
is on the jargon list and the held-out ones (not on the list: only rare-word can find them).
False positives are findings on the plain sentences, per 100 sentences; unexplained-
abbreviation findings on them are counted separately.

    .venv/bin/python bench/jargon_accuracy.py [-v]
"""

from __future__ import annotations

import html
import json
import re
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from auditor.model import Finding
from auditor.testing import make_page
from checks.language import jargon_term, rare_word, unexplained_abbreviation

DATA = Path(__file__).resolve().parents[1] / "tests" / "data"
WORD_CHECKS = (jargon_term.CHECK, rare_word.CHECK)
QUOTED = re.compile(r'"([^"]+)"')


def load(name: str) -> list[dict[str, Any]]:
    with (DATA / name).open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def findings(sentence: str, lang: str, checks: Iterable[Any] = WORD_CHECKS) -> list[Finding]:
    page = make_page(
        f"<html lang='{lang}'><body><main><p>{html.escape(sentence)}</p></main></body></html>"
    )
    return [f for check in checks for f in check.execute(page)]


def named(finding: Finding) -> str:
    """The word or phrase a finding names: the first quoted text of its message."""
    match = QUOTED.match(finding.message)
    return match.group(1).lower() if match else ""


def found(word: str, results: Iterable[Finding]) -> bool:
    word = word.lower()
    return any(word in name or (name and name in word) for name in map(named, results))


def on_list(word: str, lang: str) -> bool:
    """Whether the jargon list itself has the word (an entry, an inflected form or a
    compound entry inside it): the rest is held out, for rare-word to find."""
    lex = jargon_term.lexicon(lang)
    assert lex is not None
    words = tuple(word.lower().split())
    forms = {form for form, _ in lex.phrases.get(words[0], ())}
    return words in forms or jargon_term.compound_term(words[0], lex) is not None


def evaluate() -> dict[str, Any]:
    marked = load("jargon_marked.jsonl")
    plain = load("jargon_plain.jsonl")
    result: dict[str, Any] = {"misses": [], "false_positives": []}
    for lang in sorted({row["lang"] for row in marked}):
        rows = [r for r in marked if r["lang"] == lang]
        counts = {"list": [0, 0], "held_out": [0, 0]}
        for row in rows:
            word = row["difficult"][0]
            part = "list" if on_list(word, lang) else "held_out"
            hit = found(word, findings(row["sentence"], lang))
            counts[part][0] += hit
            counts[part][1] += 1
            if not hit:
                result["misses"].append((lang, part, word, row["sentence"]))
        plain_rows = [r for r in plain if r["lang"] == lang]
        fp = [(lang, f.message) for r in plain_rows for f in findings(r["sentence"], lang)]
        abbr = [
            (lang, f.message)
            for r in plain_rows
            for f in findings(r["sentence"], lang, (unexplained_abbreviation.CHECK,))
        ]
        result["false_positives"] += fp + abbr
        result[lang] = {
            "sentences": len(rows),
            "recall": sum(c[0] for c in counts.values()) / len(rows),
            "list": tuple(counts["list"]),
            "held_out": tuple(counts["held_out"]),
            "plain": len(plain_rows),
            "fp_per_100": 100 * len(fp) / len(plain_rows),
            "abbr_fp_per_100": 100 * len(abbr) / len(plain_rows),
        }
    hits = sum(result[lang]["recall"] * result[lang]["sentences"] for lang in ("nl", "en"))
    result["recall"] = hits / len(marked)
    return result


def main() -> None:
    result = evaluate()
    for lang in ("nl", "en"):
        r = result[lang]
        (lh, ln), (hh, hn) = r["list"], r["held_out"]
        print(
            f"{lang}: recall {r['recall']:.0%} of {r['sentences']} sentences "
            f"(on the list {lh}/{ln}, held out {hh}/{hn} = {hh / hn:.0%}); "
            f"false positives {r['fp_per_100']:.1f} per 100 plain sentences "
            f"(abbreviations {r['abbr_fp_per_100']:.1f}) of {r['plain']}"
        )
    print(f"overall recall {result['recall']:.0%}")
    if "-v" in sys.argv:
        for lang, part, word, sentence in result["misses"]:
            print(f"  missed [{lang} {part}] {word!r}: {sentence}")
        for lang, message in result["false_positives"]:
            print(f"  false positive [{lang}] {message}")


if __name__ == "__main__":
    main()
