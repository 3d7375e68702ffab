"""The history store: one SQLite file that keeps every audit of every site.

One file (by default `history.sqlite` next to the reports) holds runs, their pages, findings
and issues, so an audit can be compared with the previous one of the same site
(auditor/history.py), and an interrupted or killed audit can be resumed (`--resume`,
auditor/resume.py): while the crawl runs, `add_crawled` commits each page with its findings
and what a resume needs to rebuild the audit's state, so a killed process loses at most the
pages in flight.

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

SCHEMA_VERSION = 2
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


# Schema version -> the statements that turn the previous version into it.
MIGRATIONS: dict[int, str] = {
    2: """
ALTER TABLE findings ADD COLUMN page TEXT;  -- the crawled URL a streamed finding came with
CREATE INDEX findings_by_page ON findings (run_id, page);

-- Every URL the crawl handed out and finished, in the order they finished, with what a
-- resume needs (auditor/resume.py), dropped when the run finishes.
CREATE TABLE crawl (
    run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    url    TEXT NOT NULL,
    depth  INTEGER NOT NULL,
    part   TEXT NOT NULL CHECK (part IN ('site', 'portal')),
    state  TEXT NOT NULL,  -- JSON: summary, errors, tally, search observations…
    PRIMARY KEY (run_id, url)
);

-- Screenshots taken while the run is unfinished (the report holds them afterwards).
CREATE TABLE screenshots (
    run_id    INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    group_key TEXT NOT NULL,
    png       TEXT NOT NULL,  -- base64
    PRIMARY KEY (run_id, group_key)
);
""",
}


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
class Crawled:
    """One row of `crawl`: a URL the crawl finished, with its page (None when it was not
    audited here, e.g. it redirects off-site) and the resume state."""

    url: str
    depth: int
    part: str
    state: Mapping[str, Any]
    page: PageResult | None


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


def _execute_script(db: sqlite3.Connection, script: str) -> None:
    """Each statement on its own (executescript would commit the open transaction)."""
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)


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
        if version == SCHEMA_VERSION:
            return
        with self._write():
            # Another process may have created or migrated the schema since we looked.
            version, _app, tables = self._versions()
            if tables == 0:
                _execute_script(db, SCHEMA)
                db.execute(f"PRAGMA application_id={APPLICATION_ID}")
                version = 1
            for target in range(version + 1, SCHEMA_VERSION + 1):
                _execute_script(db, MIGRATIONS[target])
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
            self._replace_page(db, run_id, page.url, page, findings)

    def add_crawled(
        self,
        run_id: int,
        crawled: Crawled,
        findings: Iterable[Finding] = (),
        screenshots: Mapping[str, str] | None = None,
    ) -> None:
        """Stores one finished URL of a running audit in one transaction: its page (if it
        has one), findings, resume state and the screenshots taken on it."""
        with self._write() as db:
            self._replace_page(db, run_id, crawled.url, crawled.page, findings)
            db.execute(
                "INSERT OR REPLACE INTO crawl (run_id, url, depth, part, state) "
                "VALUES (?, ?, ?, ?, ?)",
                (run_id, crawled.url, crawled.depth, crawled.part, _json(crawled.state)),
            )
            db.executemany(
                "INSERT OR REPLACE INTO screenshots (run_id, group_key, png) VALUES (?, ?, ?)",
                ((run_id, key, png) for key, png in (screenshots or {}).items()),
            )

    def _replace_page(
        self,
        db: sqlite3.Connection,
        run_id: int,
        url: str,
        page: PageResult | None,
        findings: Iterable[Finding],
    ) -> None:
        db.execute("DELETE FROM pages WHERE run_id = ? AND url = ?", (run_id, url))
        if page is not None:
            self._insert_page(db, run_id, page)
        db.execute("DELETE FROM findings WHERE run_id = ? AND page = ?", (run_id, url))
        self._insert_findings(db, run_id, findings, page=url)

    def reopen_run(self, run_id: int) -> None:
        """A run to resume is 'running' again; what its logged-in part gathered is dropped
        (the portal is audited afresh), and so are its issues and scores."""
        with self._write() as db:
            portal = "SELECT url FROM crawl WHERE run_id = ? AND part = 'portal'"
            for table, column in (("findings", "page"), ("pages", "url")):
                db.execute(
                    f"DELETE FROM {table} WHERE run_id = ? AND {column} IN ({portal})",
                    (run_id, run_id),
                )
            db.execute("DELETE FROM crawl WHERE run_id = ? AND part = 'portal'", (run_id,))
            db.execute("DELETE FROM issues WHERE run_id = ?", (run_id,))
            db.execute(
                "UPDATE runs SET state = 'running', finished_at = NULL, scores = NULL WHERE id = ?",
                (run_id,),
            )

    def discard_run(self, run_id: int) -> None:
        """Removes a run that never got going (the start URL was unreachable…)."""
        with self._write() as db:
            db.execute("DELETE FROM runs WHERE id = ?", (run_id,))

    def finish_run(
        self,
        run_id: int,
        result: AuditResult,
        scores: Mapping[str, int | None],
    ) -> None:
        """Ends a run: its issues and scores are stored, and its state is 'finished', or
        'interrupted' when the audit was. The pages and findings become exactly those of
        `result` (the streamed ones were work in progress; the result is after site checks
        and redaction), except for an interrupted run that streamed them: those stay as
        they were gathered, with the resume state, so that `--resume` can go on from them."""
        urls_of: dict[str, list[str]] = {}
        for finding in result.findings:
            urls = urls_of.setdefault(finding.fingerprint, [])
            if finding.url not in urls:
                urls.append(finding.url)
        with self._write() as db:
            streamed = db.execute("SELECT 1 FROM crawl WHERE run_id = ? LIMIT 1", (run_id,))
            if not (result.interrupted and streamed.fetchone()):
                for table in ("findings", "pages", "crawl", "screenshots"):
                    db.execute(f"DELETE FROM {table} WHERE run_id = ?", (run_id,))
                for page in result.pages:
                    self._insert_page(db, run_id, page)
                self._insert_findings(db, run_id, result.findings)
            db.execute("DELETE FROM issues WHERE run_id = ?", (run_id,))
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
                "UPDATE runs SET finished_at = ?, state = ?, scores = ?, tool = ?, config = ? "
                "WHERE id = ?",
                (
                    _time(result.finished_at),
                    state,
                    _json({str(k): v for k, v in scores.items()}),
                    _json(dict(result.tool)),
                    _json(dict(result.config)),
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
    def _insert_findings(
        db: sqlite3.Connection, run_id: int, findings: Iterable[Finding], page: str | None = None
    ) -> None:
        db.executemany(
            "INSERT INTO findings (run_id, url, fingerprint, check_id, json, page) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (
                (run_id, f.url, f.fingerprint, f.check_id, _json(f.to_dict()), page)
                for f in findings
            ),
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

    def crawled(self, run_id: int, part: str = "site") -> list[Crawled]:
        """The URLs the run finished in `part`, in the order they finished."""
        rows = self._db.execute(
            "SELECT c.url, c.depth, c.part, c.state, p.result FROM crawl c LEFT JOIN pages p "
            "ON p.run_id = c.run_id AND p.url = c.url WHERE c.run_id = ? AND c.part = ? "
            "ORDER BY c.rowid",
            (run_id, part),
        )
        return [
            Crawled(
                url=row[0],
                depth=row[1],
                part=row[2],
                state=json.loads(row[3]),
                page=PageResult.from_dict(json.loads(row[4])) if row[4] else None,
            )
            for row in rows
        ]

    def streamed_findings(self, run_id: int) -> dict[str, list[Finding]]:
        """The findings streamed with each crawled URL of an unfinished run, by that URL."""
        rows = self._db.execute(
            "SELECT page, json FROM findings WHERE run_id = ? AND page IS NOT NULL ORDER BY id",
            (run_id,),
        )
        found: dict[str, list[Finding]] = {}
        for page, data in rows:
            found.setdefault(page, []).append(Finding.from_dict(json.loads(data)))
        return found

    def screenshots(self, run_id: int) -> dict[str, str]:
        rows = self._db.execute(
            "SELECT group_key, png FROM screenshots WHERE run_id = ? ORDER BY rowid", (run_id,)
        )
        return {row[0]: row[1] for row in rows}

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
