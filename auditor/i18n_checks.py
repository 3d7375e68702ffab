"""The check texts in other report languages, from `checks/data/i18n/<lang>.json`.

Each file maps a check id to its `title`, `failure_title`, `why` and `fix` in that language;
English lives in the check module itself. Missing files or ids give no translation (the
report then falls back to English; a test makes sure none is missing).

axe-core's rules (findings `axe/<rule-id>`) carry English texts from axe-core itself; their
Dutch `help` and `description` are in `checks/data/i18n/axe-nl.json`, built from axe-core's
locale by `checks/data/i18n/build_axe_nl.py` and completed by hand.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

TRANSLATED = ("nl",)


@cache
def _table(lang: str) -> dict[str, dict[str, str]]:
    path = resources.files("checks") / "data" / "i18n" / f"{lang}.json"
    if not path.is_file():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))


def translations(check_id: str) -> dict[str, dict[str, str]]:
    """{lang: {field: text}} for every translated language that has `check_id`."""
    return {lang: dict(_table(lang)[check_id]) for lang in TRANSLATED if check_id in _table(lang)}


@cache
def _axe_table(lang: str) -> dict[str, dict[str, str]]:
    path = resources.files("checks") / "data" / "i18n" / f"axe-{lang}.json"
    if lang == "en" or not path.is_file():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))


def axe_rule_text(rule_id: str, lang: str) -> dict[str, str] | None:
    """An axe-core rule's `help` (its title) and `description` in `lang`; None for English
    (axe-core's own texts are English), for a language without a table and for an unknown rule."""
    entry = _axe_table(lang).get(rule_id)
    return dict(entry) if entry else None
