"""Validating a report.json against reports/report.schema.json, for the tests.

`jsonschema` is a test dependency only, so validation lives here and not in `reports/`. Its
format checker checks `date-time` and `uri` only when optional packages are installed; ours
checks both itself, so a naive timestamp or a relative URL fails the tests everywhere.
"""

from __future__ import annotations

import re
from datetime import datetime
from functools import cache
from typing import Any
from urllib.parse import urlsplit

from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError

from reports.schema import report_schema

FORMAT_CHECKER = FormatChecker(formats=())
MESSAGE_LIMIT = 200
QUOTE_LIMIT = 60

_RFC3339 = re.compile(
    r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$", re.IGNORECASE
)
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


@FORMAT_CHECKER.checks("date-time", raises=ValueError)
def _is_date_time(value: object) -> bool:
    """RFC 3339: a date, `T`, a time and an offset (`Z` or `+hh:mm`), and a real moment."""
    if not isinstance(value, str):
        return True
    return bool(_RFC3339.match(value)) and datetime.fromisoformat(value).tzinfo is not None


@FORMAT_CHECKER.checks("uri", raises=ValueError)
def _is_uri(value: object) -> bool:
    """An absolute URI: a scheme, no white space, and a host for http(s)."""
    if not isinstance(value, str):
        return True
    if not _SCHEME.match(value) or any(c.isspace() for c in value):
        return False
    parts = urlsplit(value)
    return parts.scheme.lower() not in ("http", "https") or bool(parts.hostname)


@cache
def validator() -> Draft202012Validator:
    schema = report_schema()
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=FORMAT_CHECKER)


def validate_report(data: Any) -> list[str]:
    """One readable message per schema error, `$.json.path: problem`, sorted by path.

    A large value that a message quotes (a whole page list) is abbreviated, and a message is
    at most MESSAGE_LIMIT characters.
    """
    errors = sorted(validator().iter_errors(data), key=_path_key)
    return [f"{error.json_path}: {_message(error)}" for error in errors]


def _path_key(error: ValidationError) -> list[tuple[bool, Any]]:
    return [(isinstance(part, str), part) for part in error.path]


def _message(error: ValidationError) -> str:
    message = error.message
    quoted = repr(error.instance)
    if len(quoted) > QUOTE_LIMIT and quoted in message:
        message = message.replace(quoted, _describe(error.instance))
    return message if len(message) <= MESSAGE_LIMIT else message[: MESSAGE_LIMIT - 1] + "…"


def _describe(value: Any) -> str:
    """A long value in a few words: `an object (50 keys)`, `'Indien de meter…'`."""
    if isinstance(value, dict):
        return f"an object ({len(value)} key{'s' * (len(value) != 1)})"
    if isinstance(value, list):
        return f"an array ({len(value)} item{'s' * (len(value) != 1)})"
    return repr(value)[:QUOTE_LIMIT] + "…"
