"""Which findings an audit keeps: finding-level --select/--ignore (`axe/<rule>` ids) and
per-URL ignores (URL glob -> ids, pitfalls or globs), like ruff's per-file-ignores.

A URL glob matches the full URL (`https://example.nl/oud/*`) or its path (`/oud/*`, `*/oud/*`).
Findings dropped here are counted as suppressed, so the report says how many were hidden.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from fnmatch import fnmatchcase
from urllib.parse import urlsplit

from auditor.model import Finding
from auditor.registry import keep_finding


class Suppressor:
    def __init__(
        self,
        select: Sequence[str] = (),
        ignore: Sequence[str] = (),
        per_url_ignores: Mapping[str, Sequence[str]] | None = None,
        known: Iterable[str] = (),
    ) -> None:
        self.select, self.ignore = tuple(select), tuple(ignore)
        self.per_url = {glob: tuple(ids) for glob, ids in (per_url_ignores or {}).items()}
        known = set(known)
        for glob, ids in self.per_url.items():
            for pattern in ids:
                if (
                    known
                    and not pattern.startswith("axe/")
                    and not any(fnmatchcase(k, pattern) for k in known)
                ):
                    raise ValueError(
                        f"per_url_ignores {glob!r}: unknown check or pitfall {pattern!r}; "
                        "run `cx-audit checks`"
                    )
        self.suppressed = 0

    def ignored_here(self, url: str) -> tuple[str, ...]:
        """The patterns the per-URL ignores apply to `url`."""
        path = urlsplit(url).path or "/"
        return tuple(
            pattern
            for glob, ids in self.per_url.items()
            if fnmatchcase(url, glob) or fnmatchcase(path, glob)
            for pattern in ids
        )

    def keep(self, finding: Finding) -> bool:
        ignore = (*self.ignore, *self.ignored_here(finding.url))
        if keep_finding(finding, self.select, ignore):
            return True
        self.suppressed += 1
        return False
