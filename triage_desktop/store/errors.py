"""Store errors: each carries a message fit to show a handler, and never any personal data."""
from __future__ import annotations

import errno
import sqlite3
from pathlib import Path
from typing import Optional, Sequence


class StoreError(Exception):
    """A problem with the local store, with a clear message for the handler."""


class DataDirLocked(StoreError):
    """Another copy of the app is using this database."""


class DatabaseCorrupt(StoreError):
    """The database file is damaged; `backup_candidates` lists backups, newest first."""

    def __init__(self, message: str, *, path: Optional[Path] = None,
                 backup_candidates: Sequence[Path] = ()):
        self.path = path
        self.backup_candidates = list(backup_candidates)
        if self.backup_candidates:
            message += f" The newest backup is {self.backup_candidates[0].name}: restore it with " \
                       f"'triage-desktop db restore {self.backup_candidates[0]}'."
        else:
            message += " No backup was found."
        super().__init__(message)


class DatabaseMissing(StoreError):
    """The database is missing or empty (0 bytes) although backups exist: never silently replaced by an empty one.

    `found` says what was found ('missing', 'empty (0 bytes)'); `backup_candidates` lists sound backups, newest
    first. The caller offers the newest backup or an explicit "start empty" (Store.open(start_empty=True), which
    records a 'started_empty' audit event).
    """

    def __init__(self, message: str, *, path: Optional[Path] = None, found: str = "missing",
                 backup_candidates: Sequence[Path] = ()):
        self.path = path
        self.found = found
        self.backup_candidates = list(backup_candidates)
        if self.backup_candidates:
            message += (f" The newest backup is {self.backup_candidates[0].name}: restore it with "
                        f"'triage-desktop db restore {self.backup_candidates[0]}', or start with an empty "
                        "database on purpose ('triage-desktop db start-empty').")
        super().__init__(message)


class DiskFull(StoreError):
    """The disk (or the database's size limit) is full: the last action was not saved."""


class ReadOnlyDataDir(StoreError):
    """The data folder or database cannot be written."""


class SchemaTooNew(StoreError):
    """The database was written by a newer version of the app."""


class CallNotFound(StoreError, KeyError):
    """No call with that id in this database."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "call not found"


class CallImmutable(StoreError):
    """The call is finalised or abandoned: corrections are addenda."""


DISK_FULL_MSG = ("The disk is full: the last action was NOT saved. Everything recorded before it is safe. "
                 "Free some disk space (or ask IT), then try again.")
READ_ONLY_MSG = ("The data folder cannot be written ({where}): nothing new can be saved. Everything already "
                 "recorded is safe. Ask IT to check the folder's permissions, or choose another --data-dir.")


def translate(exc: BaseException, *, where: str = "", candidates: Sequence[Path] = ()) -> Optional[StoreError]:
    """Map a sqlite3/OS error to a StoreError with a clear message, or None if it is not one we know."""
    if isinstance(exc, StoreError):
        return exc
    msg = str(exc).lower()
    if isinstance(exc, OSError):
        if exc.errno == errno.ENOSPC:
            return DiskFull(DISK_FULL_MSG)
        if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM, errno.ENOENT):
            return ReadOnlyDataDir(READ_ONLY_MSG.format(where=where or "the data folder"))
        return None
    if isinstance(exc, sqlite3.IntegrityError) and "immutable" in msg:
        return CallImmutable("This call is finalised and cannot be changed: add an addendum instead.")
    if not isinstance(exc, sqlite3.DatabaseError):
        return None
    if "disk is full" in msg or "disk i/o error" in msg and "full" in msg:
        return DiskFull(DISK_FULL_MSG)
    if "readonly" in msg or "read-only" in msg or "unable to open database" in msg:
        return ReadOnlyDataDir(READ_ONLY_MSG.format(where=where or "the data folder"))
    if "malformed" in msg or "not a database" in msg or "file is encrypted" in msg:
        return DatabaseCorrupt(f"The database file {where} is damaged.".replace("  ", " "),
                               path=Path(where) if where else None, backup_candidates=candidates)
    return None


class FlowsInvalid(StoreError):
    """The bundled flows failed the checker: the app refuses to start on them."""
