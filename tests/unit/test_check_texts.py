"""Every check text exists in English and Dutch, and every axe-core rule has a Dutch title.

English lives in the check modules (`title`, `failure_title`, `fix`, the docstring's "Why is
this bad?"); Dutch in `checks/data/i18n/nl.json` and, for axe-core's rules, `axe-nl.json`.
The checks here are small functions that return the problems they find, so the tests below
also show that each of them catches what it is meant to catch.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Mapping
from pathlib import Path

import pytest

from auditor import i18n_checks
from auditor.axe_core import AXE_CORE_VERSION, cache_dir
from auditor.check import Check
from auditor.model import docs_section
from checks import ALL_CHECKS, BY_ID

I18N = Path(__file__).resolve().parents[2] / "checks" / "data" / "i18n"
FIELDS = ("title", "failure_title", "why", "fix")
WHY = "Why is this bad?"


def load(name: str) -> dict[str, dict[str, str]]:
    return json.loads((I18N / name).read_text("utf-8"))


def english(check: Check, field: str) -> str:
    if field == "why":
        return docs_section(check.docs, WHY)
    return str(getattr(check, field))


def text_problems(checks: Iterable[Check], table: Mapping[str, Mapping[str, str]]) -> list[str]:
    """What is missing or copied: English `fix` and "why", and the four Dutch fields."""
    checks = list(checks)
    problems = [f"{id_}: in nl.json but not a check" for id_ in set(table) - {c.id for c in checks}]
    for check in checks:
        if not check.fix.strip():
            problems.append(f"{check.id}: no fix=")
        elif "\n" in check.fix or not check.fix.rstrip().endswith("."):
            problems.append(f"{check.id}: fix= is not one sentence on one line")
        if not docs_section(check.docs, WHY):
            problems.append(f"{check.id}: docstring has no '## {WHY}' section")
        entry = table.get(check.id)
        if entry is None:
            problems.append(f"{check.id}: no nl entry")
            continue
        if set(entry) != set(FIELDS):
            problems.append(f"{check.id}: nl fields {sorted(entry)} are not {sorted(FIELDS)}")
        for field in FIELDS:
            dutch = (entry.get(field) or "").strip()
            if not dutch:
                problems.append(f"{check.id}: nl {field} is empty")
            elif dutch.casefold() == english(check, field).strip().casefold():
                problems.append(f"{check.id}: nl {field} is the English text")
    return sorted(problems)


def axe_problems(
    rule_ids: Iterable[str],
    table: Mapping[str, Mapping[str, str]],
    english_rules: Mapping[str, Mapping[str, str]] | None = None,
) -> list[str]:
    """Rules without a Dutch help and description (or with axe-core's English ones)."""
    problems = []
    for rule in sorted(set(rule_ids)):
        entry = table.get(rule) or {}
        for field in ("help", "description"):
            dutch = (entry.get(field) or "").strip()
            if not dutch:
                problems.append(f"{rule}: no Dutch {field}")
            elif english_rules and dutch == (english_rules.get(rule) or {}).get(field):
                problems.append(f"{rule}: Dutch {field} is the English text")
    return problems


def pinned_template() -> dict[str, dict[str, str]] | None:
    """The rules of the pinned axe-core, from its npm package's `locales/_template.json`
    (the English texts every locale translates), when `cx-audit setup` installed it."""
    package = cache_dir() / "node_modules" / "axe-core"
    try:
        version = json.loads((package / "package.json").read_text("utf-8"))["version"]
        template = json.loads((package / "locales" / "_template.json").read_text("utf-8"))
    except (OSError, ValueError, KeyError):
        return None
    return template["rules"] if version == AXE_CORE_VERSION else None


# --- the check texts -------------------------------------------------------------------


def test_every_check_has_a_fix_and_all_four_dutch_texts():
    assert text_problems(ALL_CHECKS, load("nl.json")) == []


def test_text_problems_catches_missing_copied_and_unknown_texts():
    check = BY_ID["contact-phone-visible"]
    good = dict(load("nl.json")[check.id])
    assert text_problems([check], {check.id: good}) == []
    no_fix = dataclasses.replace(check, fix="")
    assert text_problems([no_fix], {check.id: good}) == [f"{check.id}: no fix="]
    two_lines = dataclasses.replace(check, fix="Show it.\nLink it.")
    assert "not one sentence on one line" in text_problems([two_lines], {check.id: good})[0]
    copied = {**good, "title": check.title, "why": english(check, "why")}
    assert text_problems([check], {check.id: copied}) == [
        f"{check.id}: nl title is the English text",
        f"{check.id}: nl why is the English text",
    ]
    empty = {**good, "fix": " "}
    assert text_problems([check], {check.id: empty}) == [f"{check.id}: nl fix is empty"]
    missing_field = {k: v for k, v in good.items() if k != "failure_title"}
    assert len(text_problems([check], {check.id: missing_field})) == 2
    assert text_problems([check], {}) == [f"{check.id}: no nl entry"]
    unknown = {check.id: good, "no-such-check": good}
    assert text_problems([check], unknown) == ["no-such-check: in nl.json but not a check"]


def test_nl_json_is_sorted_by_id_utf8_and_indented():
    text = (I18N / "nl.json").read_text("utf-8")
    table = json.loads(text)
    assert list(table) == sorted(table)
    assert text == json.dumps(table, ensure_ascii=False, indent=2) + "\n"


@pytest.mark.parametrize("check", ALL_CHECKS, ids=lambda c: c.id)
def test_check_info_texts_in_dutch_and_english(check: Check):
    dutch = load("nl.json")[check.id]
    info = check.info
    assert info.fix == check.fix
    for field in FIELDS:
        assert info.text(field, "nl") == dutch[field]
    assert info.text("why", "en") == docs_section(info.docs, WHY) != ""
    assert info.text("why", "nl") != info.text("why", "en")
    assert info.text("title", "en") == check.title
    assert info.text("failure_title", "en") == check.failure_title
    assert info.text("fix", "en") == check.fix


# --- axe-core's rules ------------------------------------------------------------------


def test_axe_nl_json_is_sorted_and_complete_per_entry():
    text = (I18N / "axe-nl.json").read_text("utf-8")
    table = json.loads(text)
    assert list(table) == sorted(table)
    assert text == json.dumps(table, ensure_ascii=False, indent=2) + "\n"
    assert axe_problems(table, table) == []
    assert all(set(entry) == {"help", "description"} for entry in table.values())


def test_every_rule_of_the_pinned_axe_core_has_a_dutch_text():
    template = pinned_template()
    if template is None:
        pytest.skip(
            f"axe-core {AXE_CORE_VERSION} not installed (cx-audit setup); "
            "tests/e2e/test_axe_rule_texts.py checks the build that runs"
        )
    table = load("axe-nl.json")
    assert axe_problems(template, table, template) == []
    assert sorted(set(table) - set(template)) == [], "rules no longer in axe-core"


def test_axe_problems_catches_missing_and_english_texts():
    english_rules = {"image-alt": {"help": "Images must have alternative text", "description": "d"}}
    assert axe_problems(["image-alt"], {}) == [
        "image-alt: no Dutch help",
        "image-alt: no Dutch description",
    ]
    copied = {"image-alt": {"help": "Images must have alternative text", "description": "x"}}
    assert axe_problems(["image-alt"], copied, english_rules) == [
        "image-alt: Dutch help is the English text"
    ]


def test_axe_rule_text():
    image_alt = i18n_checks.axe_rule_text("image-alt", "nl")
    assert image_alt == load("axe-nl.json")["image-alt"]
    assert image_alt["help"] == "Afbeeldingen moeten een tekstalternatief hebben"
    assert i18n_checks.axe_rule_text("image-alt", "en") is None
    assert i18n_checks.axe_rule_text("image-alt", "de") is None
    assert i18n_checks.axe_rule_text("no-such-rule", "nl") is None
    image_alt["help"] = "changed"  # a copy: the cached table stays as it is
    assert i18n_checks.axe_rule_text("image-alt", "nl")["help"] != "changed"
