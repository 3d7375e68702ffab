"""The history store: one SQLite file that keeps every audit of every site.

One file (by default `history.sqlite` next to the reports) holds runs, their pages, findings
and issues, so an audit can be compared with the previous one of the same site
(auditor/history.py) and, later, an interrupted audit can be resumed: `add_page` commits each
page on its own, so a killed process loses at most the page in flight.

The file is in WAL mode with `synchronous=NORMAL`: readers (a report, a second audit) never
block the writer, and a crash cannot corrupt the file (the last commits may be lost on a power
cut, not on a killed process). `PRAGMA application_id` marks the file as ours and
`PRAGMA user_version` is the schema version; a file of another application or of a newer
cx-audit is refused with a `StoreError` that says what to do, never silently changed.

Times are stored as ISO-8601 UTC text with microseconds, so they sort as text.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Self
from urllib.parse import urlsplit

from auditor.model import AuditResult, Finding, Issue, PageResult
from auditor.urls import is_loopback, normalize_url

SCHEMA_VERSION = 1
APPLICATION_ID = 0x63784155  # "cxAU": marks a cx-audit history file (PRAGMA application_id)
STATES = ("running", "finished", "interrupted")

SCHEMA = """
CREATE TABLE runs (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    site        TEXT NOT NULL,
    started_at  TEXT NOT NULL,
    finished_at TEXT,
    state       TEXT NOT NULL CHECK (state IN ('running', 'finished', 'interrupted')),
    tool        TEXT NOT NULL,  -- JSON: name, version, axe_core, chromium
    config      TEXT NOT NULL,  -- JSON: the settings of the audit
    scores      TEXT            -- JSON: {pitfall: 0-100 or null}, set when the run ends
);
CREATE INDEX runs_by_site ON runs (site, started_at);

CREATE TABLE pages (
    run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    url    TEXT NOT NULL,
    status INTEGER,
    error  TEXT,
    result TEXT NOT NULL,  -- JSON: PageResult.to_dict()
    PRIMARY KEY (run_id, url)
);

CREATE TABLE findings (
    id          INTEGER PRIMARY KEY,
    run_id      INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    url         TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    check_id    TEXT NOT NULL,
    json        TEXT NOT NULL  -- Finding.to_dict()
);
CREATE INDEX findings_by_run ON findings (run_id, url);

CREATE TABLE issues (
    run_id       INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    issue_id     TEXT NOT NULL,
    check_id     TEXT NOT NULL,
    pitfall      TEXT NOT NULL,
    severity     TEXT NOT NULL,
    title        TEXT NOT NULL,
    page_count   INTEGER NOT NULL,
    fingerprints TEXT NOT NULL,  -- JSON list
    urls         TEXT NOT NULL,  -- JSON list: every page the issue was found on
    json         TEXT NOT NULL,  -- Issue.to_dict() without the screenshot
    PRIMARY KEY (run_id, issue_id)
);
"""


class StoreError(ValueError):
    """The history file cannot be used; the message is one line that says what to do."""


@dataclasses.dataclass(frozen=True)
class Run:
    """One row of `runs`."""

    id: int
    site: str
    started_at: datetime
    finished_at: datetime | None
    state: str
    tool: Mapping[str, Any]
    config: Mapping[str, Any]
    scores: Mapping[str, int | None]


@dataclasses.dataclass(frozen=True)
class StoredIssue:
    """What the history keeps of an issue: enough to say it is new, fixed or not rechecked."""

    id: str
    check_id: str
    pitfall: str
    severity: str
    title: str
    page_count: int
    fingerprints: tuple[str, ...] = ()
    urls: tuple[str, ...] = ()  # every page it was found on (Issue.example_urls is capped)

    @classmethod
    def of(cls, issue: Issue, urls: Iterable[str] = ()) -> StoredIssue:
        return cls(
            id=issue.id,
            check_id=issue.check_id,
            pitfall=issue.pitfall.value,
            severity=issue.severity.value,
            title=issue.title,
            page_count=issue.page_count,
            fingerprints=tuple(issue.fingerprints),
            urls=tuple(urls) or tuple(issue.example_urls),
        )

    def summary(self) -> dict[str, Any]:
        """The issue as the history in report.json lists it."""
        return {
            "id": self.id,
            "check_id": self.check_id,
            "pitfall": self.pitfall,
            "severity": self.severity,
            "title": self.title,
            "page_count": self.page_count,
        }


def site_key(source: AuditResult | Sequence[str] | str) -> str:
    """Which site a run belongs to: the normalised origin and path of the first start URL.

    Credentials, query, fragment and a trailing slash are left out (`/help` and `/help/` are
    one site). On loopback hosts the port is left out too: local servers such as
    `cx-audit demo` pick a free port on every run, and their history should still add up.
    """
    if isinstance(source, AuditResult):
        urls: Sequence[str] = source.start_urls
    elif isinstance(source, str):
        urls = (source,)
    else:
        urls = source
    normalized = normalize_url(urls[0]) if urls else None
    if normalized is None:
        raise ValueError(f"no http(s) start URL to name the site by: {list(urls)!r}")
    parts = urlsplit(normalized)
    netloc = parts.netloc.rpartition("@")[2]
    if is_loopback(normalized):
        host = parts.hostname or ""
        netloc = f"[{host}]" if ":" in host else host
    path = parts.path.rstrip("/")
    return f"{parts.scheme}://{netloc}{path}"


def _time(value: datetime) -> str:
    """ISO-8601 in UTC with microseconds: one width, so the text sorts like the time."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).isoformat(timespec="microseconds")


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


class Store:
    """A history file. Use as a context manager; one connection per Store (one thread)."""

    def __init__(self, path: Path | str, *, timeout: float = 10.0) -> None:
        self.path = Path(path)
        try:
            # isolation_level=None: no implicit transactions; _write() opens them explicitly.
            self._db = sqlite3.connect(self.path, timeout=timeout, isolation_level=None)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open the history file {self.path}: {exc}") from None
        try:
            self._open()
        except sqlite3.OperationalError as exc:  # locked, read-only, I/O error…
            self._db.close()
            raise StoreError(f"cannot open the history file {self.path}: {exc}") from None
        except sqlite3.DatabaseError as exc:  # not a database, or a damaged one
            self._db.close()
            raise self._not_ours(str(exc)) from None
        except StoreError:
            self._db.close()
            raise

    def _not_ours(self, why: str = "") -> StoreError:
        detail = f" ({why})" if why else ""
        return StoreError(
            f"{self.path} is not a cx-audit history file{detail}: move it away or pass "
            "--history-file"
        )

    def _open(self) -> None:
        """Checks that the file is ours (read-only, so a foreign file is never changed), then
        sets the pragmas and creates the schema in a new file."""
        db = self._db
        db.row_factory = sqlite3.Row
        # The first read fails with "file is not a database" for anything but SQLite.
        version, app, tables = self._versions()
        if app == APPLICATION_ID and version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path} was written by a newer cx-audit (history schema {version}, this "
                f"one reads up to {SCHEMA_VERSION}): upgrade cx-audit or pass another "
                "--history-file"
            )
        new = (version, app, tables) == (0, 0, 0)
        if not new and (app != APPLICATION_ID or version < 1):
            raise self._not_ours()
        mode = db.execute("PRAGMA journal_mode=WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise StoreError(
                f"{self.path}: SQLite cannot use WAL mode there ({mode}); put the history "
                "on a local disk with --history-file"
            )
        db.execute("PRAGMA synchronous=NORMAL")
        db.execute("PRAGMA foreign_keys=ON")
        if not new:
            # Older schemas would be migrated here; 1 is the first.
            return
        with self._write():
            # Another process may have created the schema since we looked: look again.
            if self._versions() != (0, 0, 0):
                return
            for statement in SCHEMA.split(";"):
                if statement.strip():
                    db.execute(statement)
            db.execute(f"PRAGMA application_id={APPLICATION_ID}")
            db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")

    def _versions(self) -> tuple[int, int, int]:
        """(user_version, application_id, number of schema objects)."""
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        app = self._db.execute("PRAGMA application_id").fetchone()[0]
        tables = self._db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        return int(version), int(app), int(tables)

    @contextlib.contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, taken at once (BEGIN IMMEDIATE) so concurrent writers wait
        for the busy timeout instead of failing half-way."""
        try:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
                self._db.execute("COMMIT")
            finally:
                if self._db.in_transaction:  # an error above, or a failed COMMIT
                    self._db.execute("ROLLBACK")
        except sqlite3.OperationalError as exc:
            # "database is locked" after the busy timeout, "disk is full", "readonly"…
            raise StoreError(f"cannot write the history file {self.path}: {exc}") from exc

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # ----------------------------------------------------------------------------------------
    # Writing a run
    # ----------------------------------------------------------------------------------------

    def start_run(
        self,
        site: str,
        started_at: datetime,
        tool: Mapping[str, Any],
        config: Mapping[str, Any],
    ) -> int:
        """A new run in state 'running'; returns its id."""
        with self._write() as db:
            cursor = db.execute(
                "INSERT INTO runs (site, started_at, state, tool, config) "
                "VALUES (?, ?, 'running', ?, ?)",
                (site, _time(started_at), _json(dict(tool)), _json(dict(config))),
            )
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def add_page(self, run_id: int, page: PageResult, findings: Iterable[Finding] = ()) -> None:
        """Stores one audited page and its findings, committed at once. Adding a page again
        replaces it (a resumed run may redo the page that was in flight)."""
        with self._write() as db:
            self._insert_page(db, run_id, page)
            db.execute("DELETE FROM findings WHERE run_id = ? AND url = ?", (run_id, page.url))
            self._insert_findings(db, run_id, findings)

    def finish_run(
        self,
        run_id: int,
        result: AuditResult,
        scores: Mapping[str, int | None],
    ) -> None:
        """Ends a run: its pages, findings and issues become exactly those of `result` (the
        streamed ones were work in progress; the result is after suppression and site
        checks), its scores are stored, and its state is 'finished', or 'interrupted' when
        the audit was."""
        urls_of: dict[str, list[str]] = {}
        for finding in result.findings:
            urls = urls_of.setdefault(finding.fingerprint, [])
            if finding.url not in urls:
                urls.append(finding.url)
        with self._write() as db:
            db.execute("DELETE FROM findings WHERE run_id = ?", (run_id,))
            db.execute("DELETE FROM pages WHERE run_id = ?", (run_id,))
            db.execute("DELETE FROM issues WHERE run_id = ?", (run_id,))
            for page in result.pages:
                self._insert_page(db, run_id, page)
            self._insert_findings(db, run_id, result.findings)
            for issue in result.issues:
                urls = dict.fromkeys(u for fp in issue.fingerprints for u in urls_of.get(fp, ()))
                stored = StoredIssue.of(issue, urls)
                data = issue.to_dict()
                data.pop("screenshot", None)
                db.execute(
                    "INSERT OR REPLACE INTO issues (run_id, issue_id, check_id, pitfall, "
                    "severity, title, page_count, fingerprints, urls, json) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        run_id,
                        stored.id,
                        stored.check_id,
                        stored.pitfall,
                        stored.severity,
                        stored.title,
                        stored.page_count,
                        _json(list(stored.fingerprints)),
                        _json(list(stored.urls)),
                        _json(data),
                    ),
                )
            state = "interrupted" if result.interrupted else "finished"
            cursor = db.execute(
                "UPDATE runs SET finished_at = ?, state = ?, scores = ? WHERE id = ?",
                (
                    _time(result.finished_at),
                    state,
                    _json({str(k): v for k, v in scores.items()}),
                    run_id,
                ),
            )
            if cursor.rowcount != 1:
                raise StoreError(f"{self.path} has no run {run_id} to finish")

    @staticmethod
    def _insert_page(db: sqlite3.Connection, run_id: int, page: PageResult) -> None:
        db.execute(
            "INSERT OR REPLACE INTO pages (run_id, url, status, error, result) "
            "VALUES (?, ?, ?, ?, ?)",
            (run_id, page.url, page.status, page.error, _json(page.to_dict())),
        )

    @staticmethod
    def _insert_findings(db: sqlite3.Connection, run_id: int, findings: Iterable[Finding]) -> None:
        db.executemany(
            "INSERT INTO findings (run_id, url, fingerprint, check_id, json) "
            "VALUES (?, ?, ?, ?, ?)",
            ((run_id, f.url, f.fingerprint, f.check_id, _json(f.to_dict())) for f in findings),
        )

    # ----------------------------------------------------------------------------------------
    # Reading
    # ----------------------------------------------------------------------------------------

    def run(self, run_id: int) -> Run | None:
        row = self._db.execute("SELECT * FROM runs WHERE id = ?", (run_id,)).fetchone()
        return _run(row) if row else None

    def runs(self, site: str) -> list[Run]:
        """Every run of `site`, oldest first."""
        rows = self._db.execute(
            "SELECT * FROM runs WHERE site = ? ORDER BY started_at, id", (site,)
        ).fetchall()
        return [_run(row) for row in rows]

    def previous_run(self, site: str, before_run_id: int) -> Run | None:
        """The latest finished run of `site` that started before run `before_run_id`."""
        return next(iter(self.finished_runs_before(site, before_run_id, limit=1)), None)

    def finished_runs_before(self, site: str, before_run_id: int, limit: int) -> list[Run]:
        """Up to `limit` finished runs of `site` that started before run `before_run_id`,
        newest first. Runs are ordered by start time (then id), not by when they were
        recorded."""
        rows = self._db.execute(
            "SELECT r.* FROM runs r, runs this WHERE this.id = ? AND r.site = ? "
            "AND r.state = 'finished' AND r.id != this.id "
            "AND (r.started_at, r.id) < (this.started_at, this.id) "
            "ORDER BY r.started_at DESC, r.id DESC LIMIT ?",
            (before_run_id, site, limit),
        ).fetchall()
        return [_run(row) for row in rows]

    def latest_unfinished_run(self, site: str) -> Run | None:
        """The newest run of `site` if it did not finish ('running' after a crash or while
        another process audits, or 'interrupted'); None when the newest run finished."""
        row = self._db.execute(
            "SELECT * FROM runs WHERE site = ? ORDER BY started_at DESC, id DESC LIMIT 1",
            (site,),
        ).fetchone()
        return _run(row) if row and row["state"] != "finished" else None

    def finished_urls(self, run_id: int) -> set[str]:
        """The URLs whose pages are stored for the run (audited or failed)."""
        rows = self._db.execute("SELECT url FROM pages WHERE run_id = ?", (run_id,))
        return {row[0] for row in rows}

    def page_results(self, run_id: int) -> list[PageResult]:
        rows = self._db.execute(
            "SELECT result FROM pages WHERE run_id = ? ORDER BY rowid", (run_id,)
        )
        return [PageResult.from_dict(json.loads(row[0])) for row in rows]

    def findings(self, run_id: int) -> list[Finding]:
        rows = self._db.execute("SELECT json FROM findings WHERE run_id = ? ORDER BY id", (run_id,))
        return [Finding.from_dict(json.loads(row[0])) for row in rows]

    def issues(self, run_id: int) -> list[StoredIssue]:
        rows = self._db.execute(
            "SELECT * FROM issues WHERE run_id = ? ORDER BY rowid", (run_id,)
        ).fetchall()
        return [
            StoredIssue(
                id=row["issue_id"],
                check_id=row["check_id"],
                pitfall=row["pitfall"],
                severity=row["severity"],
                title=row["title"],
                page_count=row["page_count"],
                fingerprints=tuple(json.loads(row["fingerprints"])),
                urls=tuple(json.loads(row["urls"])),
            )
            for row in rows
        ]


def _run(row: sqlite3.Row) -> Run:
    return Run(
        id=row["id"],
        site=row["site"],
        started_at=datetime.fromisoformat(row["started_at"]),
        finished_at=datetime.fromisoformat(row["finished_at"]) if row["finished_at"] else None,
        state=row["state"],
        tool=json.loads(row["tool"]),
        config=json.loads(row["config"]),
        scores=json.loads(row["scores"]) if row["scores"] else {},
    )
