"""Build `axe-nl.json`: the Dutch `help` and `description` of every rule of the pinned axe-core.

How to regenerate (after changing `AXE_CORE_VERSION` in `auditor/axe_core.py`):

    .venv/bin/python checks/data/i18n/build_axe_nl.py           # write axe-nl.json, print coverage
    .venv/bin/python checks/data/i18n/build_axe_nl.py --check   # write nothing; exit 1 on change
    .venv/bin/python checks/data/i18n/build_axe_nl.py --package path/to/node_modules/axe-core

The texts are read from the axe-core npm package of the pinned version: the one `cx-audit setup`
installed (`~/.cache/cx-audit/axe-core-<version>/node_modules/axe-core`), else a package fetched
with `npm pack axe-core@<version>` into a temporary folder, or the folder given with `--package`.
The package's `locales/_template.json` lists every rule; `locales/nl.json` holds axe-core's own
Dutch texts (axe-core is MPL-2.0; its locale texts come from the axe-core project).

For each rule the script takes, in this order:
1. axe-core's Dutch text, unless the rule is in `OWN_WINS` (our text replaces it; the reason
   is written next to the rule id);
2. else the text already in `axe-nl.json`: our own translation, written by hand for rules that
   axe-core's Dutch locale lacks (they are listed in `checks/data/README.md`, "Translations");
3. else nothing: the rule is listed and the script exits 1. Write its Dutch `help` and
   `description` into `axe-nl.json` by hand and run the script again.

Rules that are no longer in axe-core are dropped. `tests/unit/test_check_texts.py` fails when a
rule of the pinned axe-core has no Dutch text.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from auditor.axe_core import AXE_CORE_VERSION, cache_dir

HERE = Path(__file__).resolve().parent
OUTPUT = HERE / "axe-nl.json"
FIELDS = ("help", "description")

# Rules whose Dutch text in axe-core we replace with our own (kept in axe-nl.json).
OWN_WINS = {
    # axe-core 4.14.1: help "Voorzien de vereiste ARIA attributen" is not a Dutch sentence.
    "aria-required-attr": "axe-core's help text is ungrammatical",
}


def installed_package() -> Path | None:
    package = cache_dir() / "node_modules" / "axe-core"
    try:
        version = json.loads((package / "package.json").read_text("utf-8"))["version"]
    except (OSError, ValueError, KeyError):
        return None
    return package if version == AXE_CORE_VERSION else None


def packed_package(workdir: Path) -> Path:
    """`npm pack axe-core@<version>` into `workdir`, unpacked; returns the package folder."""
    npm = shutil.which("npm")
    if npm is None:
        sys.exit("npm not found: run `cx-audit setup` elsewhere, or pass --package")
    done = subprocess.run(
        [npm, "pack", f"axe-core@{AXE_CORE_VERSION}", "--pack-destination", str(workdir)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    tarballs = sorted(workdir.glob("axe-core-*.tgz"))
    if done.returncode != 0 or not tarballs:
        sys.exit(f"npm pack axe-core@{AXE_CORE_VERSION} failed: {done.stderr.strip()}")
    with tarfile.open(tarballs[0]) as tar:
        members = [m for m in tar.getmembers() if m.name.startswith("package/locales/")]
        members += [tar.getmember("package/package.json")]
        tar.extractall(workdir, members=members, filter="data")
    return workdir / "package"


def read_locale(package: Path, name: str) -> dict[str, dict[str, str]]:
    return json.loads((package / "locales" / f"{name}.json").read_text("utf-8")).get("rules", {})


def build(package: Path, current: dict[str, dict[str, str]]) -> tuple[dict, dict[str, list[str]]]:
    """The new table and, per source, the rule ids it took from there."""
    version = json.loads((package / "package.json").read_text("utf-8"))["version"]
    if version != AXE_CORE_VERSION:
        sys.exit(f"{package} is axe-core {version}, not the pinned {AXE_CORE_VERSION}")
    rules = sorted(read_locale(package, "_template"))
    upstream = read_locale(package, "nl")
    table: dict[str, dict[str, str]] = {}
    sources: dict[str, list[str]] = {"axe-core": [], "own": [], "own-wins": [], "missing": []}
    for rule in rules:
        theirs = {f: upstream.get(rule, {}).get(f, "").strip() for f in FIELDS}
        ours = {f: current.get(rule, {}).get(f, "").strip() for f in FIELDS}
        if all(theirs.values()) and rule not in OWN_WINS:
            table[rule], source = theirs, "axe-core"
        elif all(ours.values()):
            table[rule] = ours
            source = "own-wins" if all(theirs.values()) else "own"
        else:
            source = "missing"
        sources[source].append(rule)
    return table, sources


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--package", type=Path, help="an unpacked axe-core npm package")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 on changes")
    args = parser.parse_args(argv)
    current = json.loads(OUTPUT.read_text("utf-8")) if OUTPUT.is_file() else {}
    with tempfile.TemporaryDirectory() as tmp:
        package = args.package or installed_package() or packed_package(Path(tmp))
        table, sources = build(package, current)
    total = sum(len(ids) for ids in sources.values())
    print(f"axe-core {AXE_CORE_VERSION}: {total} rules")
    print(f"  Dutch from axe-core's locales/nl.json: {len(sources['axe-core'])}")
    print(f"  replaced by our own text: {len(sources['own-wins'])} {sources['own-wins']}")
    print(f"  our own text (not in axe-core's nl.json): {len(sources['own'])}")
    if sources["missing"]:
        print(f"  NO DUTCH TEXT: {', '.join(sources['missing'])}", file=sys.stderr)
        return 1
    text = json.dumps(table, ensure_ascii=False, indent=2) + "\n"
    if args.check:
        changed = not OUTPUT.is_file() or OUTPUT.read_text("utf-8") != text
        print(f"{OUTPUT.name} {'would change' if changed else 'is up to date'}")
        return 1 if changed else 0
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUTPUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
