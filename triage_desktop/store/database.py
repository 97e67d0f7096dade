"""Opening the store: the lock, the SQLite connection and its pragmas, damage checks, migrations, close."""
from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path
from typing import Iterator, Optional

from sqlite_utils import Database

from ..paths import AppPaths
from . import backup as backups
from .errors import (DatabaseCorrupt, ReadOnlyDataDir, SchemaTooNew, StoreError, READ_ONLY_MSG, translate)
from .lock import InstanceLock
from .schema import MIGRATIONS, migrate, unknown_migrations
from .settings import Settings

#: Databases at most this big get a full PRAGMA quick_check when opened (bigger ones: header check only).
QUICK_CHECK_ON_OPEN_MAX_BYTES = 64 * 1024 * 1024
SQLITE_MAGIC = b"SQLite format 3\x00"


def header_problem(path: Path) -> Optional[str]:
    """A cheap look at the file header: not SQLite, or shorter than the header says (truncated)."""
    try:
        size = path.stat().st_size
        if size == 0:
            return None
        with open(path, "rb") as fh:
            head = fh.read(100)
    except OSError:
        return None
    if len(head) < 100 or not head.startswith(SQLITE_MAGIC):
        return "it is not an SQLite database (garbage or a partial file)"
    page_size = int.from_bytes(head[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(head[28:32], "big")
    counter, valid_for = head[24:28], head[92:96]
    if counter == valid_for and pages and size < pages * page_size:
        return f"it is truncated ({size} bytes, the header says {pages * page_size})"
    return None


def connect(path: Path | str, *, synchronous: str = "FULL") -> Database:
    """One connection with the app's pragmas: WAL, the given synchronous level, foreign keys, a busy timeout."""
    # made on the services' database worker and used only there; tests and one-shot commands may touch it from
    # their own thread while the worker is idle, so SQLite's same-thread check is left to that design
    conn = sqlite3.connect(str(path), timeout=10.0, check_same_thread=False)
    db = Database(conn, execute_plugins=False)
    mode = conn.execute("PRAGMA journal_mode=WAL").fetchone()[0]
    if str(mode).lower() != "wal":
        raise ReadOnlyDataDir(READ_ONLY_MSG.format(where=str(Path(path).parent)))
    conn.execute(f"PRAGMA synchronous={synchronous}")
    conn.execute("PRAGMA foreign_keys=ON")
    return db


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

    @property
    def path(self) -> Path:
        return self.paths.database(self.training)

    @classmethod
    def open(cls, paths: AppPaths, *, training: bool = False, quick_check: Optional[bool] = None) -> "Store":
        """Take the lock, open (or create) the database, check it, migrate it. Raises StoreError subclasses."""
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
            return cls._open_locked(paths, training, path, lock, quick_check)
        except BaseException:
            lock.release()
            raise

    @classmethod
    def _open_locked(cls, paths: AppPaths, training: bool, path: Path, lock: InstanceLock,
                     quick_check: Optional[bool]) -> "Store":
        def corrupt(why: str) -> DatabaseCorrupt:
            return DatabaseCorrupt(f"The database {path} cannot be used: {why}. It has not been changed.",
                                   path=path, backup_candidates=backups.good_backups(paths, training))

        problem = header_problem(path)
        if problem:
            raise corrupt(problem)
        existed = path.exists() and path.stat().st_size > 0
        db: Optional[Database] = None
        try:
            db = connect(path, synchronous="NORMAL" if training else "FULL")
            if quick_check is None:
                quick_check = existed and path.stat().st_size <= QUICK_CHECK_ON_OPEN_MAX_BYTES
            if quick_check:
                result = quick_check_result(db.conn)
                if result != "ok":
                    raise corrupt(f"the integrity check failed ({result})")
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
        return quick_check_result(self.conn)

    def fts_check(self) -> str:
        """FTS5's own integrity check of the notes/rationale index: 'ok' or the error."""
        try:
            self.conn.execute("INSERT INTO calls_fts(calls_fts) VALUES('integrity-check')")
            return "ok"
        except sqlite3.DatabaseError as exc:
            return str(exc)

    def verify(self):  # -> chain.VerifyResult
        """Walk the audit chain (see chain.verify)."""
        from .chain import verify

        return verify(self.conn)

    # ----- backups --------------------------------------------------------------------------------
    @property
    def changed_since_backup(self) -> bool:
        return self.conn.total_changes != self._changes_at_backup

    def backup(self, reason: str = "manual") -> Path:
        """An online backup (sqlite3 backup API) into the backups folder, then thin the set."""
        try:
            path = backups.make_backup(self.conn, self.paths, self.training, reason)
        except (sqlite3.Error, OSError) as exc:
            raise translate(exc, where=str(self.paths.backups_dir)) or exc from None
        self._changes_at_backup = self.conn.total_changes
        backups.thin(self.paths, self.training)
        return path

    def backup_if_changed(self, reason: str = "timer") -> Optional[Path]:
        """Back up only when something was written since the last backup; returns the new file or None."""
        if not self.changed_since_backup:
            return None
        return self.backup(reason)

    @contextlib.contextmanager
    def writing(self) -> Iterator[Database]:
        """A write transaction with store errors translated (disk full, read-only, immutable, damaged).

        The outermost one is BEGIN IMMEDIATE (it holds the write lock before its first read, so a concurrent writer
        such as the sync package can never invalidate its snapshot); nested ones are sqlite-utils atomic() savepoints.
        """
        try:
            if self.conn.in_transaction:
                with self.db.atomic() as db:
                    yield db
            else:
                self.conn.execute("BEGIN IMMEDIATE")
                try:
                    yield self.db
                    self.conn.execute("COMMIT")
                except BaseException:
                    if self.conn.in_transaction:
                        self.conn.execute("ROLLBACK")
                    raise
        except (sqlite3.Error, OSError) as exc:
            mapped = translate(exc, where=str(self.path))
            if mapped is None:
                raise
            if isinstance(mapped, DatabaseCorrupt):
                mapped = DatabaseCorrupt(f"The database {self.path} is damaged.", path=self.path,
                                         backup_candidates=backups.good_backups(self.paths, self.training))
            raise mapped from exc

    def close(self, *, check: bool = True, backup: bool = True) -> Optional[str]:
        """Quick check, back up if anything changed (or no backup exists), release the lock. Returns the check."""
        result: Optional[str] = None
        try:
            if self.conn.in_transaction:  # never happens through the store's own methods; don't keep half a write
                self.conn.rollback()
            if check:
                with contextlib.suppress(sqlite3.Error):
                    result = self.quick_check()
            if backup and (result in (None, "ok")):
                if self.changed_since_backup or not backups.list_backups(self.paths, self.training):
                    with contextlib.suppress(StoreError, sqlite3.Error, OSError):
                        self.backup("close")
            with contextlib.suppress(sqlite3.Error):
                self.conn.execute("PRAGMA optimize")
            self.db.close()
        finally:
            self.lock.release()
        return result


def quick_check_result(conn: sqlite3.Connection) -> str:
    rows = [r[0] for r in conn.execute("PRAGMA quick_check(20)")]
    return "ok" if rows == ["ok"] else "; ".join(map(str, rows))
