"""The database side of storing a batch: how the rows go in on each database (PostgreSQL: COPY into a staging
table, then one INSERT ... SELECT; SQLite: executemany, or multi-row VALUES with RETURNING), SQLite's write queue
across threads and worker processes, and the checkpoint after large batches. `ingest` classifies; this writes."""
from __future__ import annotations

import contextlib
from itertools import chain
from operator import itemgetter
import os
import sqlite3
import threading
from typing import TYPE_CHECKING, Any, Iterator, Optional

try:
    import fcntl
except ImportError:  # Windows: no flock
    fcntl = None  # type: ignore[assignment]

from sqlalchemy import Connection, Engine

from .bulk import is_postgresql, values_sql
from .db import SQLITE_AUTOCHECKPOINT, summaries

if TYPE_CHECKING:
    from .ingest import Prepared


#: Column order of the raw INSERT (everything but the id).
SUMMARY_COLUMNS = tuple(c.name for c in summaries.columns if c.name != "id")
CONFLICT_COLUMNS = ("call_uuid", "call_version", "device_id", "payload", "payload_hash", "uploaded_by", "received_at")


def _insert_sql(conn: Connection, table: str, columns: tuple[str, ...]) -> str:
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join(mark for _ in columns)})"


#: Rows per multi-row INSERT on SQLite (13 columns each: well inside its bound-parameter limit).
_INSERT_CHUNK = 500
_ON_CONFLICT = "ON CONFLICT (call_uuid, call_version) DO NOTHING RETURNING call_uuid, call_version"


_KEY_OF_VALUES = itemgetter(0, 1)


def _insert_new(conn: Connection, rows: list[tuple[Any, ...]]) -> set[tuple[str, int]]:
    """Insert rows with INSERT ... ON CONFLICT DO NOTHING RETURNING; the (uuid, version) keys that went in (no
    look-up first). PostgreSQL: the whole batch COPYed into a staging table and moved in one statement
    (`_pg_insert_new`); SQLite: one multi-row VALUES statement per chunk (executemany returns no RETURNING rows)."""
    if not rows:
        return set()
    # in key order: the unique (uuid, version) and (device, uuid) indexes then take the rows in runs, page by page,
    # instead of at random places all over the index (a fifth less work for SQLite; the row ids mean nothing)
    rows = sorted(rows, key=_KEY_OF_VALUES)
    columns = ", ".join(SUMMARY_COLUMNS)
    if is_postgresql(conn):
        return _pg_insert_new(conn, rows)
    inserted: set[tuple[str, int]] = set()
    for start in range(0, len(rows), _INSERT_CHUNK):
        chunk = rows[start:start + _INSERT_CHUNK]
        sql = f"INSERT INTO summaries ({columns}) {values_sql(conn, len(SUMMARY_COLUMNS), len(chunk))} {_ON_CONFLICT}"
        inserted.update((u, int(v)) for u, v in conn.exec_driver_sql(sql, tuple(chain.from_iterable(chunk))).fetchall())
    return inserted


#: PostgreSQL: a batch's rows are copied (COPY, the bulk path of the wire protocol) into this session's staging table,
#: then moved with one INSERT ... SELECT ... ON CONFLICT DO NOTHING RETURNING. The staging table lives as long as the
#: pooled connection and is emptied at every commit (and discarded by a rollback), so it never holds a row between
#: two uploads; its columns are made from the summaries table's own.
_PG_STAGING = "ingest_staging"
_PG_STAGING_SQL = (f"CREATE TEMPORARY TABLE IF NOT EXISTS {_PG_STAGING} ON COMMIT DELETE ROWS AS "
                   f"SELECT {', '.join(SUMMARY_COLUMNS)} FROM summaries WITH NO DATA")


def _pg_insert_new(conn: Connection, rows: list[tuple[Any, ...]]) -> set[tuple[str, int]]:
    """PostgreSQL: insert rows (distinct keys, in key order) through the staging table; the keys that went in
    (called once per transaction: the commit, or the rollback before a retry, empties the table).

    COPY sends the rows as one stream that the server parses in C, a third less time than the same rows as 13
    arrays through unnest (psycopg builds the arrays, the server unpacks them)."""
    columns = ", ".join(SUMMARY_COLUMNS)
    raw = conn.connection.dbapi_connection
    assert raw is not None
    with raw.cursor() as cursor:  # type: ignore[attr-defined]
        cursor.execute(_PG_STAGING_SQL)
        with cursor.copy(f"COPY {_PG_STAGING} ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        cursor.execute(f"INSERT INTO summaries ({columns}) SELECT {columns} FROM {_PG_STAGING} {_ON_CONFLICT}")
        return {(u, int(v)) for u, v in cursor.fetchall()}


class _Miscounted(Exception):
    """Another number of rows went in than the keys read in the same transaction said (SQLite: never expected, the
    transaction holds the write lock from its start), or (PostgreSQL) another upload wrote one of these keys
    meanwhile; the attempt is rolled back and made again with ON CONFLICT DO NOTHING RETURNING."""


def _insert_known_new(conn: Connection, rows: list[tuple[Any, ...]]) -> None:
    """Insert rows whose keys this transaction just read as not held (in key order); no RETURNING rows to make, the
    row count is checked instead. SQLite: one prepared single-row INSERT (ON CONFLICT DO NOTHING as a guard) run by
    executemany, which binds each row's 13 values in C, where a multi-row VALUES statement has them flattened into
    one long parameter tuple in Python first (a fifth slower per row). PostgreSQL: COPY straight into the table
    (`_pg_copy_known_new`)."""
    if not rows:
        return
    rows = sorted(rows, key=_KEY_OF_VALUES)  # in key order: see _insert_new
    if is_postgresql(conn):
        _pg_copy_known_new(conn, rows)
        return
    raw = conn.connection.dbapi_connection
    assert raw is not None
    cursor = raw.cursor()
    try:
        cursor.executemany(_KNOWN_NEW_SQL, rows)
        went_in = cursor.rowcount
    finally:
        cursor.close()
    if went_in != len(rows):
        raise _Miscounted(f"{went_in} of {len(rows)} rows went in")


def _pg_copy_known_new(conn: Connection, rows: list[tuple[Any, ...]]) -> None:
    """PostgreSQL: COPY rows whose keys were just read as not held straight into the summaries table: no staging
    table written and read back, no INSERT ... SELECT (the server's share of an upload's insert, halved). Other
    uploads write at the same time: one that committed one of these keys since the read (or commits it while this
    COPY waits for it) makes the COPY fail on the unique index; the transaction is then rolled back and the attempt
    made again through the staging table, where ON CONFLICT sorts out which keys went in (_Miscounted)."""
    raw = conn.connection.dbapi_connection
    assert raw is not None
    integrity_error = conn.dialect.loaded_dbapi.IntegrityError
    try:
        with raw.cursor() as cursor:  # type: ignore[attr-defined]
            with cursor.copy(f"COPY summaries ({', '.join(SUMMARY_COLUMNS)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            went_in = cursor.rowcount
    except integrity_error as error:
        raise _Miscounted("another upload wrote one of these keys meanwhile") from error
    if went_in != len(rows):
        raise _Miscounted(f"{went_in} of {len(rows)} rows went in")


_KNOWN_NEW_SQL = (f"INSERT INTO summaries ({', '.join(SUMMARY_COLUMNS)}) VALUES ({', '.join('?' for _ in SUMMARY_COLUMNS)}) "
                  "ON CONFLICT (call_uuid, call_version) DO NOTHING")


class _SqliteWriter:
    """SQLite takes one writer at a time, and a writer kept waiting by SQLite polls with sleeps of up to 100 ms:
    uploads queue here instead and start the moment the one before commits. The uploads of one process queue on a
    lock; those of the other worker processes of `serve --workers N` on an exclusive flock of a file beside the
    database (`<database>.ingest-lock`; where the OS has no flock, or the file cannot be made, SQLite's own wait
    still orders the processes)."""

    def __init__(self, database: Optional[str]) -> None:
        self.local = threading.Lock()
        self.path = f"{database}.ingest-lock" if fcntl is not None and database and database != ":memory:" else None
        self.fd: Optional[int] = None

    def __enter__(self) -> "_SqliteWriter":
        self.local.acquire()
        waited = False
        if self.path is not None:
            try:
                if self.fd is None:
                    self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
                try:
                    fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    waited = True  # another worker process holds the queue: they take turns now
                    fcntl.flock(self.fd, fcntl.LOCK_EX)
            except OSError:
                self.path = None  # e.g. a read-only folder: SQLite's busy wait alone, as before
                if self.fd is not None:
                    os.close(self.fd)
                    self.fd = None
        if waited:
            NOT_WRITING.clear()
        return self

    def __exit__(self, *_exc: object) -> None:
        try:
            if self.fd is not None:
                fcntl.flock(self.fd, fcntl.LOCK_UN)
        finally:
            NOT_WRITING.set()
            self.local.release()


#: Set except while an upload of this process holds SQLite's write queue after waiting for another worker process to
#: release it. Checking an upload (JSON decoding, schema checks) is Python that holds the interpreter lock; the upload
#: holding the write queue needs that lock back after every row SQLite steps over, so checking beside it in the same
#: process had it take several times its own time (~0.5 s instead of ~0.15 s a 5,000-record batch, ten devices at
#: once) while the other worker processes' uploads waited for the queue. When they take turns at the queue, checking
#: waits for this between slices of YIELD_EVERY records: the queue every upload goes through is not slowed by work
#: that can wait, and the other processes check meanwhile. A process that found the queue free (the only one with
#: uploads, or `serve` with one worker) goes on checking beside its writer, as before: there, that overlap is the
#: gain. (PostgreSQL writes concurrently: never cleared.)
NOT_WRITING = threading.Event()
NOT_WRITING.set()
#: Records checked between two looks at NOT_WRITING.
YIELD_EVERY = 250

_WRITERS: dict[str, _SqliteWriter] = {}
_WRITERS_GUARD = threading.Lock()


def _writer(engine: Engine) -> Any:
    """The write queue of a SQLite collector database (PostgreSQL writes concurrently: nothing to hold)."""
    if engine.dialect.name != "sqlite":
        return contextlib.nullcontext()
    key = str(engine.url)
    with _WRITERS_GUARD:
        writer = _WRITERS.get(key)
        if writer is None:
            writer = _WRITERS[key] = _SqliteWriter(engine.url.database)
        return writer


#: A batch at least this large is not checkpointed after its own commit (see `_large_batch_commit`).
CHECKPOINT_AFTER_ROWS = 256
#: Payload text written by this process's large batches before it checkpoints the write-ahead log itself.
CHECKPOINT_EVERY_BYTES = 32 * 1024 * 1024
_UNCHECKPOINTED = [0]
_UNCHECKPOINTED_GUARD = threading.Lock()


@contextlib.contextmanager
def _large_batch_commit(conn: Connection, valid: list[Prepared]) -> Iterator[Optional[Any]]:
    """SQLite copies the write-ahead log into the database (a checkpoint) after every commit that leaves it past
    1000 pages, and a 5,000-record batch does so every time, copying again the index and rollup pages that every
    batch touches. A large batch's commit skips that (wal_autocheckpoint off on this connection for it); the caller
    then checkpoints with `_checkpoint_if_due`, still holding the write queue (so no upload writes meanwhile and
    the log is copied in full and starts again from its beginning, as before), once this process's large batches
    wrote CHECKPOINT_EVERY_BYTES of payload. Durability is the same: every commit is still fsynced
    (synchronous=FULL); the log just holds up to a few batches between checkpoints. Yields the DB-API connection
    to checkpoint (None: nothing to do, e.g. PostgreSQL or a small batch)."""
    if conn.dialect.name != "sqlite" or len(valid) < CHECKPOINT_AFTER_ROWS:
        yield None
        return
    raw = conn.connection.dbapi_connection
    assert raw is not None
    raw.execute("PRAGMA wal_autocheckpoint=0")
    try:
        yield raw
    finally:
        raw.execute(f"PRAGMA wal_autocheckpoint={SQLITE_AUTOCHECKPOINT}")


def _checkpoint_if_due(raw: Optional[Any], valid: list[Prepared]) -> None:
    """After a large batch's commit, inside the write queue: checkpoint once CHECKPOINT_EVERY_BYTES were written."""
    if raw is None:
        return
    with _UNCHECKPOINTED_GUARD:
        _UNCHECKPOINTED[0] += sum(len(p.payload) for p in valid)
        due = _UNCHECKPOINTED[0] >= CHECKPOINT_EVERY_BYTES
        if due:
            _UNCHECKPOINTED[0] = 0
    if due:
        try:
            raw.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
        except sqlite3.Error:
            pass  # busy or failing: a later commit checkpoints as usual
