"""cx-audit.toml, or [tool.cx-audit] in pyproject.toml, found from a folder upwards.

Every audit setting has a key, named like its AuditConfig field (`max_pages`, `fail_on`…;
dashes work too); check options live in `[checks.<check-id>]`. Command-line flags override
the file. A wrong key or value is an error naming the file, the line and what is allowed,
with a "did you mean" suggestion.

    max_pages = 300
    exclude = ["*/nieuws/*"]
    [checks.jargon-term]
    avoid = { incassomachtiging = "automatische afschrijving" }
    allow = ["Mijn Omgeving"]
"""

from __future__ import annotations

import dataclasses
import difflib
import re
import tomllib
import types
import typing
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from auditor.config import AuditConfig, ConfigError

NOT_IN_FILE = {"start_urls", "check_options"}  # URLs come from the command line


@dataclasses.dataclass(frozen=True)
class ConfigFile:
    path: Path
    values: Mapping[str, Any]  # AuditConfig field -> value
    check_options: Mapping[str, Mapping[str, Any]]


def find_config(start: Path) -> Path | None:
    """The nearest cx-audit.toml, or pyproject.toml with a [tool.cx-audit] table."""
    for folder in [start, *start.parents]:
        candidate = folder / "cx-audit.toml"
        if candidate.is_file():
            return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and re.search(
            r"^\[tool\.cx-audit[\].]", pyproject.read_text("utf-8", "replace"), re.M
        ):
            return pyproject
    return None


def load_config(path: Path, check_options: Mapping[str, Mapping[str, Any]]) -> ConfigFile:
    """Read and validate `path`. `check_options`: each check id with its options and defaults."""
    text = path.read_text("utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("cx-audit", {})
    where = _Locator(path, text)
    checks = data.pop("checks", {})
    fields = {f.name: f for f in dataclasses.fields(AuditConfig) if f.name not in NOT_IN_FILE}
    hints = typing.get_type_hints(AuditConfig)
    values = {}
    for raw_key, value in data.items():
        key = raw_key.replace("-", "_")
        if key not in fields:
            raise ConfigError(where.unknown(raw_key, "key", [k for k in fields]))
        if key == "login":
            _check_login(value, where)
        values[key] = _coerce(value, hints[key], where, raw_key)
    options = {}
    if not isinstance(checks, dict):
        raise ConfigError(f"{where.at('checks')}: [checks] must be a table of check ids")
    for check_id, table in checks.items():
        if check_id not in check_options:
            raise ConfigError(where.unknown(check_id, "check", list(check_options)))
        if not isinstance(table, dict):
            raise ConfigError(f"{where.at(check_id)}: [checks.{check_id}] must be a table")
        for name, value in table.items():
            known = check_options[check_id]
            if name not in known:
                raise ConfigError(where.unknown(name, f"option of {check_id}", list(known)))
            _check_option_type(value, known[name], where, name)
        options[check_id] = dict(table)
    return ConfigFile(path, values, options)


class _Locator:
    """Line numbers for messages (tomllib does not keep them): the first line that sets
    the key."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.lines = text.splitlines()

    def at(self, key: str) -> str:
        pattern = re.compile(rf"^\s*(\[.*\b)?[\"']?{re.escape(key)}[\"']?\s*(=|\])")
        for number, line in enumerate(self.lines, start=1):
            if pattern.search(line):
                return f"{self.path}:{number}"
        return str(self.path)

    def unknown(self, key: str, what: str, known: list[str]) -> str:
        close = difflib.get_close_matches(key.replace("-", "_"), known, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else f"; known: {', '.join(known)}"
        return f"{self.at(key)}: unknown {what} {key!r}{hint}"


def _coerce(value: Any, hint: Any, where: _Locator, key: str) -> Any:
    """The TOML value as the AuditConfig field wants it, or a ConfigError saying what to write."""
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin in (types.UnionType, typing.Union):
        if value is None:
            return None
        hint = next(a for a in args if a is not type(None))
        origin = typing.get_origin(hint)
    wanted: str
    if hint is bool:
        if isinstance(value, bool):
            return value
        wanted = "true or false"
    elif hint is int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        wanted = "a whole number"
    elif hint is float:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return float(value)
        wanted = "a number"
    elif hint is str:
        if isinstance(value, str):
            return value
        wanted = "a string"
    elif hint is datetime:
        return _datetime(value, where, key)
    elif origin is tuple:
        if isinstance(value, str):
            return tuple(v.strip() for v in value.split(",") if v.strip())
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return tuple(value)
        wanted = "a list of strings"
    elif origin is Mapping:
        if isinstance(value, dict):
            return {k: _coerce(v, args[1], where, f"{key}.{k}") for k, v in value.items()}
        wanted = "a table"
    else:
        return value
    raise ConfigError(f"{where.at(key)}: {key} must be {wanted}, not {value!r}")


def _check_login(table: Any, where: _Locator) -> None:
    """The [login] table, with the line of the first problem. Secrets are refused: only the
    names of the environment variables that hold them belong in the file."""
    from auditor.login import login_table_problems

    if not isinstance(table, dict):
        raise ConfigError(f"{where.at('login')}: [login] must be a table")
    for key, value in table.items():  # a problem with one key: point at its line
        problems = login_table_problems({key: value})
        if problems and "missing" not in problems[0] and "say how" not in problems[0]:
            raise ConfigError(f"{where.at(key)}: {problems[0]}")
    problems = login_table_problems(table)
    if problems:
        raise ConfigError(f"{where.at('login')}: {problems[0]}")


def _datetime(value: Any, where: _Locator, key: str) -> datetime:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if hasattr(value, "isoformat"):  # a TOML date
        return datetime.fromisoformat(value.isoformat()).replace(tzinfo=UTC)
    raise ConfigError(f"{where.at(key)}: {key} must be a date such as 2026-01-31")


def _check_option_type(value: Any, default: Any, where: _Locator, name: str) -> None:
    """An option's value must have the type of its default (None defaults take anything)."""
    if default is None:
        return
    expected = type(default)
    if isinstance(default, tuple | list):
        ok = isinstance(value, list | tuple)
    elif isinstance(default, bool):
        ok = isinstance(value, bool)
    elif isinstance(default, int | float):
        ok = isinstance(value, int | float) and not isinstance(value, bool)
    else:
        ok = isinstance(value, expected)
    if not ok:
        raise ConfigError(
            f"{where.at(name)}: {name} must be like {default!r} ({expected.__name__}), "
            f"not {value!r}"
        )
