"""The database file before a Store holds it: its header, whether it holds data, its mode, the connection's pragmas."""
from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Optional

from .connection import StoreDb
from .errors import READ_ONLY_MSG, ReadOnlyDataDir

if TYPE_CHECKING:
    from sqlite_utils import Database

SQLITE_MAGIC = b"SQLite format 3\x00"
#: Files the store creates are readable by the user only (POSIX; on Windows the profile's ACL applies).
FILE_MODE, DIR_MODE = 0o600, 0o700


def header_problem(path: Path) -> Optional[str]:
    """A non-empty file that does not even start like SQLite. Nothing else is judged from the header.

    In particular no size check: after a kill during a WAL checkpoint, or a full disk, the main file can be shorter
    than its header says until SQLite replays the WAL, and the data is all there. Damage is what SQLite's own
    quick_check / integrity_check report after opening (which replays the WAL).
    """
    try:
        if path.stat().st_size == 0:
            return None
        with open(path, "rb") as fh:
            head = fh.read(16)
    except OSError:
        return None
    if not head.startswith(SQLITE_MAGIC[: len(head)]) or len(head) < 16:
        return "it is not an SQLite database (garbage or a partial file)"
    return None


def has_data(path: Path) -> bool:
    """The database holds something: a non-empty main file, or a WAL not yet checkpointed into it."""
    for p in (path, path.with_name(path.name + "-wal")):
        with contextlib.suppress(OSError):
            if p.stat().st_size > 0:
                return True
    return False


def private_file(path: Path) -> None:
    """Create the file if missing, readable by the user only; tighten it if it is looser."""
    fd = os.open(str(path), os.O_CREAT | os.O_RDWR, FILE_MODE)
    os.close(fd)
    with contextlib.suppress(OSError):
        if path.stat().st_mode & 0o077:
            os.chmod(path, FILE_MODE)


def connect(path: Path | str, *, synchronous: str = "FULL") -> Database:
    """One connection with the app's pragmas: WAL, the given synchronous level, foreign keys, a busy timeout.

    A StoreDb (store/connection.py): sqlite-utils' Database, the library imported only when more than plain SQL
    is asked of it."""
    # made on the services' database worker and used only there; tests and one-shot commands may touch it from
    # their own thread while the worker is idle, so SQLite's same-thread check is left to that design
    # autocommit mode (isolation_level None): every transaction is explicit (Store.writing, sqlite-utils' atomic);
    # a statement outside one is its own durable transaction (an answer's one INSERT: CallStore._record_alone)
    conn = sqlite3.connect(str(path), timeout=10.0, check_same_thread=False, isolation_level=None)
    db = StoreDb(conn)
    mode = conn.execute("PRAGMA journal_mode=WAL").fetchone()[0]
    if str(mode).lower() != "wal":
        raise ReadOnlyDataDir(READ_ONLY_MSG.format(where=str(Path(path).parent)))
    conn.execute(f"PRAGMA synchronous={synchronous}")
    conn.execute("PRAGMA foreign_keys=ON")
    return db
