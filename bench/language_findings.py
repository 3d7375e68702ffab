"""Every language finding cx-audit makes on the real-site corpus, for review by hand (a
script, not a test).

Serves each site of `../shared/corpus/` and audits it with the real CLI, as
`bench/corpus_accuracy.py` does, then writes every finding of the language pitfall to
`--out` (JSON lines: site, check, page path, signature, message, evidence) and prints, per
check and per site, how many findings and how many issues (one per check and signature, as
the report groups them) there are.

`--sample N` also draws N findings at random (a fixed seed, spread over the checks in
proportion) into `--sample-out`, each with an empty `verdict`, for a person to judge as
"true" or "false" with a short `why`. `--judged FILE` prints the precision per check of such
a judged file, per judging round (`round`: each round is a new sample, drawn at the commit
in `judged`); `bench/data/language_judged.jsonl` holds the judged samples the README
quotes.

`--reports DIR` keeps each site's report.json there and reuses it on the next run, so a
sample can be drawn again without auditing again.

    .venv/bin/python -m bench.language_findings [--corpus ../shared/corpus] [--site NAME ...]
        [--out findings.jsonl] [--sample 50 --sample-out sample.jsonl] [--reports DIR]
    .venv/bin/python -m bench.language_findings --judged bench/data/language_judged.jsonl
"""

from __future__ import annotations

import argparse
import collections
import json
import random
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from bench.corpus_accuracy import DEFAULT_CORPUS, audit, serve

SEED = 19


def findings_of(name: str, report: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {
            "site": name,
            "check": f["check_id"],
            "path": urlsplit(f["url"]).path or "/",
            "signature": f.get("signature", ""),
            "message": f["message"],
            "evidence": f.get("evidence", ""),
        }
        for f in report["findings"]
        if f.get("pitfall") == "language"
    ]


def sample(findings: Sequence[dict[str, Any]], size: int) -> list[dict[str, Any]]:
    """`size` findings, each check's share in proportion to its findings (at least one)."""
    by_check: dict[str, list[dict[str, Any]]] = collections.defaultdict(list)
    for f in findings:
        by_check[f["check"]].append(f)
    rng = random.Random(SEED)
    drawn: list[dict[str, Any]] = []
    for _, items in sorted(by_check.items()):
        share = max(1, round(size * len(items) / len(findings)))
        drawn += rng.sample(items, min(share, len(items)))
    return [{**f, "verdict": "", "why": ""} for f in drawn]


def precision(judged: Sequence[dict[str, Any]]) -> dict[str, tuple[int, int]]:
    """Per check: (true, judged)."""
    out: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0])
    for f in judged:
        if f.get("verdict") in ("true", "false"):
            out[f["check"]][1] += 1
            out[f["check"]][0] += f["verdict"] == "true"
    return {check: (t, n) for check, (t, n) in sorted(out.items())}


def table(findings: Sequence[dict[str, Any]]) -> str:
    sites = sorted({f["site"] for f in findings})
    checks = sorted({f["check"] for f in findings})
    head = f"{'check':26}" + "".join(f"{s[:14]:>16}" for s in sites) + f"{'total':>16}"
    lines = [head, "-" * len(head), "findings / issues"]
    for check in checks:
        cells = []
        for site in [*sites, None]:
            mine = [f for f in findings if f["check"] == check and site in (None, f["site"])]
            issues = {f["signature"] or f["message"] for f in mine}
            cells.append(f"{len(mine):>9} / {len(issues):<4}")
        lines.append(f"{check:26}" + "".join(f"{c:>16}" for c in cells))
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else "")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--site", action="append", default=[], help="only these sites")
    parser.add_argument("--out", type=Path, help="write every language finding here")
    parser.add_argument("--sample", type=int, default=0, help="draw this many for judging")
    parser.add_argument("--sample-out", type=Path, help="where the drawn sample goes")
    parser.add_argument("--reports", type=Path, help="keep and reuse report.json per site")
    parser.add_argument("--judged", type=Path, help="print precision per check of this file")
    args = parser.parse_args(argv)
    if args.judged:
        judged = [json.loads(line) for line in args.judged.read_text("utf-8").splitlines() if line]
        for round_ in sorted({f.get("round", 1) for f in judged}):
            mine = [f for f in judged if f.get("round", 1) == round_]
            print(f"round {round_} ({mine[0].get('judged', '')}): {len(mine)} findings")
            for check, (true, n) in precision(mine).items():
                print(f"  {check:26} {true:>3} / {n:<3} true  {true / n:6.1%}")
        return 0
    if args.sample and not args.sample_out:
        print("--sample needs --sample-out FILE: where to write the findings to judge")
        return 2
    truth_dir = args.corpus / "truth"
    if not truth_dir.is_dir():
        print(f"No corpus at {args.corpus}: pass --corpus PATH (../shared/corpus)")
        return 2
    names = args.site or sorted(p.stem for p in truth_dir.glob("*.json"))
    findings: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="cx-language-") as tmp:
        for name in names:
            kept = args.reports / name / "report.json" if args.reports else None
            if kept is not None and kept.is_file():
                report = json.loads(kept.read_text("utf-8"))
            else:
                truth = json.loads((truth_dir / f"{name}.json").read_text("utf-8"))
                output = (args.reports or Path(tmp)) / name
                with serve(args.corpus, name, list(truth["pages"])) as base:
                    report = audit(base, output, len(truth["pages"]))
            findings += findings_of(name, report)
            print(f"{name}: {len(report['pages'])} pages audited", file=sys.stderr, flush=True)
    print(table(findings))
    if args.out:
        args.out.write_text("".join(json.dumps(f, ensure_ascii=False) + "\n" for f in findings))
    if args.sample:
        drawn = sample(findings, args.sample)
        args.sample_out.write_text(
            "".join(json.dumps(f, ensure_ascii=False) + "\n" for f in drawn), "utf-8"
        )
        print(f"\n{len(drawn)} findings to judge in {args.sample_out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
