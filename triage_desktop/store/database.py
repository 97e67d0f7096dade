"""Opening the store: the lock, the SQLite connection, damage checks, migrations, backups, close.

The file itself before it is opened (header, mode, the connection's pragmas) is in dbfile.py; the outermost write
transaction in transaction.py."""
from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator, Optional

from ..paths import AppPaths
from . import backup as backups
from .dbfile import connect, has_data, header_problem, private_file
from .errors import (DatabaseCorrupt, DatabaseMissing, ReadOnlyDataDir, SchemaTooNew, StoreError, READ_ONLY_MSG,
                     translate)
from .lock import InstanceLock
from .schema import MIGRATIONS, migrate, unknown_migrations
from .settings import Settings
from .transaction import _Writing

if TYPE_CHECKING:
    from sqlite_utils import Database

#: The quick check on open stops after this many seconds (a very large file); a full integrity check then runs in
#: the background (Store.background_check) and marks the store damaged if it fails.
QUICK_CHECK_BUDGET_S = 2.0
#: How often (SQLite VM steps) the time budget is looked at.
PROGRESS_EVERY_OPS = 10000


class Store:
    """An open database: owns the single connection and the instance lock. Use from one thread only."""

    def __init__(self, paths: AppPaths, training: bool, db: Database, lock: InstanceLock):
        self.paths = paths
        self.training = training
        self.db = db
        self.conn = db.conn
        self.lock = lock
        self.settings = Settings(db)
        self._changes_at_backup = db.conn.total_changes
        self.migrated: list[str] = []
        #: Set when SQLite says the file is damaged (a failed check, a "malformed" error): no backup is made.
        self.damaged: Optional[str] = None
        self._bg: Optional["BackgroundCheck"] = None
        #: The HMAC key outside the data dir ($TRIAGE_DESKTOP_AUDIT_KEY_FILE), signing every event; or None.
        from .auditkey import load as load_audit_key

        self.audit_key = load_audit_key(paths.data_dir)
        #: The quick check on open: 'ok', 'not run', or None when it ran over QUICK_CHECK_BUDGET_S.
        self.open_check: Optional[str] = "not run"
        #: Where the audit chain ended after this connection's last answer (CallStore.record_many): (total_changes
        #: then, last id, last hash, call uuid, that call's head); valid only while total_changes has not moved.
        self.chain_tail: Optional[tuple[int, int, str, str, str]] = None

    @property
    def path(self) -> Path:
        return self.paths.database(self.training)

    @classmethod
    def open(cls, paths: AppPaths, *, training: bool = False, quick_check: Optional[bool] = None,
             start_empty: bool = False) -> "Store":
        """Take the lock, open (or create) the database, check it, migrate it. Raises StoreError subclasses.

        A missing or empty database while sound backups exist raises DatabaseMissing, unless `start_empty` says the
        user chose an empty database (recorded as a 'started_empty' audit event).
        """
        path = paths.database(training)
        try:
            paths.ensure_data_dir()
        except OSError as exc:
            raise translate(exc, where=str(paths.data_dir)) or exc from None
        if not os.access(paths.data_dir, os.W_OK):
            raise ReadOnlyDataDir(READ_ONLY_MSG.format(where=str(paths.data_dir)))
        try:
            lock = InstanceLock(paths.lock_file(training)).acquire()
        except OSError as exc:
            raise translate(exc, where=str(paths.data_dir)) or exc from None
        try:
            return cls._open_locked(paths, training, path, lock, quick_check, start_empty)
        except BaseException:
            lock.release()
            raise

    @classmethod
    def _open_locked(cls, paths: AppPaths, training: bool, path: Path, lock: InstanceLock,
                     quick_check: Optional[bool], start_empty: bool = False) -> "Store":
        def corrupt(why: str) -> DatabaseCorrupt:
            return DatabaseCorrupt(f"The database {path} cannot be used: {why}. It has not been changed.",
                                   path=path, backup_candidates=backups.good_backups(paths, training))

        problem = header_problem(path)
        if problem:
            raise corrupt(problem)
        backups.remove_stale_partials(paths, training)
        existed = has_data(path)
        started_empty: Optional[dict] = None
        if not existed:
            candidates = backups.good_backups(paths, training)
            if candidates and not start_empty:
                found = "empty (0 bytes)" if path.exists() else "missing"
                raise DatabaseMissing(f"The database {path} is {found}, but backups exist: it has not been "
                                      "replaced with an empty one.", path=path, found=found,
                                      backup_candidates=candidates)
            if candidates:
                started_empty = {"found": "empty (0 bytes)" if path.exists() else "missing",
                                 "backups": [p.name for p in candidates[:20]], "newest_backup": candidates[0].name}
        db: Optional[Database] = None
        try:
            private_file(path)
            db = connect(path, synchronous="NORMAL" if training else "FULL")
            open_check: Optional[str] = "not run"
            if quick_check is None:
                quick_check = existed
            if quick_check:
                open_check = quick_check_result(db.conn, budget_s=QUICK_CHECK_BUDGET_S)
                if open_check is not None and open_check != "ok":  # None: over the budget (background check)
                    raise corrupt(f"the integrity check failed ({open_check})")
            newer = unknown_migrations(db)
            if newer:
                raise SchemaTooNew(f"The database {path} was written by a newer version of triage-desktop "
                                   f"(migrations {', '.join(newer)}). Update the app; the file has not been changed.")
            store = cls(paths, training, db, lock)
            pending = MIGRATIONS.pending(db)
            if pending and existed and db.table_names():
                backups.make_backup(db.conn, paths, training, "premigrate")
            store.migrated = migrate(db)
            store.settings.ensure_defaults()
            if started_empty is not None:
                from .calls import CallStore

                with store.writing():
                    CallStore(store).db_event("started_empty", started_empty)
            store.open_check = open_check
            if existed and quick_check:  # quick_check=False (benchmarks, a caller that checks itself): no check
                store.start_background_check(full=True)
            return store
        except StoreError:
            if db is not None:
                db.close()
            raise
        except (sqlite3.Error, OSError) as exc:
            if db is not None:
                with contextlib.suppress(sqlite3.Error):
                    db.close()
            mapped = translate(exc, where=str(path))
            if isinstance(mapped, DatabaseCorrupt):
                raise corrupt(str(exc)) from None
            raise (mapped or exc) from None

    # ----- health ---------------------------------------------------------------------------------
    def quick_check(self) -> str:
        """PRAGMA quick_check: 'ok' or the first problems found."""
        result = quick_check_result(self.conn)
        if result != "ok":
            self.damaged = result
        return result

    def start_background_check(self, full: bool = True) -> "BackgroundCheck":
        """PRAGMA integrity_check on its own read-only connection in a thread; a failure marks the store damaged."""
        self._bg = BackgroundCheck(self, full=full)
        self._bg.start()
        return self._bg

    @property
    def background_check(self) -> Optional["BackgroundCheck"]:
        return self._bg

    def fts_check(self) -> str:
        """FTS5's own integrity check of the notes/rationale index: 'ok' or the error."""
        try:
            self.conn.execute("INSERT INTO calls_fts(calls_fts) VALUES('integrity-check')")
            return "ok"
        except sqlite3.DatabaseError as exc:
            return str(exc)

    def verify(self, summary: Any = None):  # -> chain.VerifyResult
        """Walk the audit chain (see chain.verify; `summary`: sync's summary builder, to check the outbox too)."""
        from .chain import verify

        return verify(self.conn, key=self.audit_key, summary=summary)

    # ----- backups --------------------------------------------------------------------------------
    @property
    def changed_since_backup(self) -> bool:
        return self.conn.total_changes != self._changes_at_backup

    def backup(self, reason: str = "manual") -> Path:
        """An online backup (sqlite3 backup API) into the backups folder, verified, then thin the set.

        A database SQLite has reported damaged is never backed up (it would push good backups out of the set).
        """
        if self.damaged:
            raise DatabaseCorrupt(f"The database {self.path} is damaged ({self.damaged}): no backup was made, so "
                                  "the good backups are kept.", path=self.path,
                                  backup_candidates=backups.good_backups(self.paths, self.training))
        try:
            path = backups.make_backup(self.conn, self.paths, self.training, reason)
        except backups.BackupUnverified as exc:
            self.damaged = str(exc)
            raise DatabaseCorrupt(f"The database {self.path} is damaged: {exc}", path=self.path,
                                  backup_candidates=backups.good_backups(self.paths, self.training)) from None
        except (sqlite3.Error, OSError) as exc:
            mapped = translate(exc, where=str(self.path))
            if isinstance(mapped, DatabaseCorrupt):  # the backup API itself met a damaged page
                self.damaged = str(exc)
                raise DatabaseCorrupt(f"The database {self.path} is damaged ({exc}): no backup was made, so the "
                                      "good backups are kept.", path=self.path,
                                      backup_candidates=backups.good_backups(self.paths, self.training)) from None
            raise translate(exc, where=str(self.paths.backups_dir)) or exc from None
        self._changes_at_backup = self.conn.total_changes
        backups.thin(self.paths, self.training)
        return path

    def backup_if_changed(self, reason: str = "timer") -> Optional[Path]:
        """Back up only when something was written since the last backup; returns the new file or None."""
        if not self.changed_since_backup:
            return None
        return self.backup(reason)

    def writing(self) -> "contextlib.AbstractContextManager[Database]":
        """A write transaction with store errors translated (disk full, read-only, immutable, damaged).

        The outermost one is BEGIN IMMEDIATE (it holds the write lock before its first read, so a concurrent writer
        such as the sync package can never invalidate its snapshot); nested ones are sqlite-utils atomic() savepoints.
        The outermost one is a small class rather than a generator: it is entered for every answer.
        """
        if self.conn.in_transaction:
            return self._nested_writing()
        return _Writing(self)

    @contextlib.contextmanager
    def _nested_writing(self) -> Iterator[Database]:
        try:
            with self.db.atomic() as db:
                yield db
        except (sqlite3.Error, OSError) as exc:
            mapped = self._translated(exc)
            if mapped is exc:
                raise
            raise mapped from exc

    def _translated(self, exc: BaseException) -> BaseException:
        """The store error a SQLite or OS error means here (the error itself when it means none)."""
        mapped = translate(exc, where=str(self.path))
        if mapped is None:
            return exc
        if isinstance(mapped, DatabaseCorrupt):
            self.damaged = str(exc)
            mapped = DatabaseCorrupt(f"The database {self.path} is damaged.", path=self.path,
                                     backup_candidates=backups.good_backups(self.paths, self.training))
        return mapped

    def close(self, *, check: bool = True, backup: bool = True) -> Optional[str]:
        """Quick check, back up if anything changed (or no backup exists), release the lock. Returns the check."""
        result: Optional[str] = None
        try:
            if self._bg is not None:
                self._bg.stop()
            if self.conn.in_transaction:  # never happens through the store's own methods; don't keep half a write
                self.conn.rollback()
            if check:
                with contextlib.suppress(sqlite3.Error):
                    result = self.quick_check()
            if backup and (result in (None, "ok")) and not self.damaged:
                if self.changed_since_backup or not backups.list_backups(self.paths, self.training):
                    with contextlib.suppress(StoreError, sqlite3.Error, OSError):
                        self.backup("close")
            with contextlib.suppress(sqlite3.Error):
                self.conn.execute("PRAGMA optimize")
            self.db.close()
        finally:
            self.lock.release()
        return result


def quick_check_result(conn: sqlite3.Connection, *, budget_s: Optional[float] = None,
                       pragma: str = "quick_check") -> Optional[str]:
    """'ok', the problems found, or None when a time budget was given and ran out before the check finished."""
    if budget_s is not None and budget_s <= 0:
        return None  # no time at all: over the budget before it starts (SQLite polls the deadline only every
        # 10,000 steps, so a check that meets a damaged page early would otherwise still report it)
    deadline = None if budget_s is None else time.monotonic() + budget_s
    if deadline is not None:
        conn.set_progress_handler(lambda: 1 if time.monotonic() > deadline else 0, PROGRESS_EVERY_OPS)
    try:
        rows = [r[0] for r in conn.execute(f"PRAGMA {pragma}(20)")]
    except sqlite3.OperationalError as exc:
        if deadline is not None and "interrupt" in str(exc).lower():
            return None
        raise
    except sqlite3.DatabaseError as exc:
        return str(exc)
    finally:
        if deadline is not None:
            conn.set_progress_handler(None, 0)
    return "ok" if rows == ["ok"] else "; ".join(map(str, rows))


class BackgroundCheck(threading.Thread):
    """A full PRAGMA integrity_check of the store's file on a read-only connection of its own."""

    def __init__(self, store: "Store", *, full: bool = True):
        super().__init__(name="triage-integrity-check", daemon=True)
        self.path = store.path
        self.store = store
        self.pragma = "integrity_check" if full else "quick_check"
        self.result: Optional[str] = None
        self.done = threading.Event()
        self._conn: Optional[sqlite3.Connection] = None
        self._stopping = False

    def run(self) -> None:
        try:
            self._conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, timeout=10.0,
                                         check_same_thread=False)
            if self._stopping:
                return
            result = quick_check_result(self._conn, pragma=self.pragma)
            self.result = result
            if result not in (None, "ok"):
                self.store.damaged = result
        except sqlite3.OperationalError as exc:  # interrupted by stop(), or the file went away
            self.result = None if self._stopping else str(exc)
        except sqlite3.Error as exc:
            self.result = str(exc)
            self.store.damaged = self.result
        finally:
            if self._conn is not None:
                with contextlib.suppress(sqlite3.Error):
                    self._conn.close()
            self.done.set()

    def stop(self, timeout: float = 10.0) -> None:
        self._stopping = True
        if self._conn is not None:
            with contextlib.suppress(sqlite3.Error):
                self._conn.interrupt()
        self.join(timeout)
