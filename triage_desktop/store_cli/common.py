"""What every store command shares: the data dir, the one-line error, the read-only and locked opens, the error wrapper."""
from __future__ import annotations

import argparse
import contextlib
import sqlite3
import sys
from pathlib import Path
from typing import Any, Iterator, Optional

from ..paths import AppPaths
from ..store.errors import DatabaseCorrupt, StoreError


def _paths(args: argparse.Namespace) -> AppPaths:
    return AppPaths.default(getattr(args, "data_dir", None))


def _err(msg: str) -> int:
    print(f"triage-desktop: {' '.join(str(msg).split())}", file=sys.stderr)
    return 2


def open_read_only(path: Path) -> Any:
    """A read-only connection that writes nothing, even on read-only media.

    `mode=ro` first (it still sees a WAL not yet checkpointed); if the folder cannot hold the shared-memory file
    (read-only media, an immutable file), `immutable=1`, which reads the main file only: such a database was
    closed cleanly (or its WAL could never have been written there).
    """
    import sqlite3
    from urllib.parse import quote

    from sqlite_utils import Database

    uri = "file:" + quote(str(path))
    last: Optional[Exception] = None
    wal = path.with_name(path.name + "-wal")
    for query in ("?mode=ro", "?mode=ro&immutable=1"):
        if "immutable" in query and wal.exists() and wal.stat().st_size > 0:
            # immutable=1 reads the main file only: writes still in the WAL would be silently missing
            raise StoreError(f"The database {path} cannot be read here: it is on read-only media and has writes "
                             "not yet merged from its WAL file. Copy the data folder to writable storage first.")
        try:
            conn = sqlite3.connect(uri + query, uri=True, timeout=10.0)
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return Database(conn, execute_plugins=False)
        except sqlite3.OperationalError as exc:  # unable to open / readonly: try immutable
            last = exc
            with contextlib.suppress(Exception):
                conn.close()
    assert last is not None
    raise last


@contextlib.contextmanager
def _reading(args: argparse.Namespace) -> Iterator[Any]:
    """A read-only connection for read-only commands: no lock (the app may be running), no migrations, no writes."""
    from ..store.dbfile import header_problem
    from ..store.schema import MIGRATIONS
    from ..store import backup as backups

    paths = _paths(args)
    path = paths.database(args.training)
    if not path.is_file():
        raise StoreError(f"There is no database at {path} (start the app once, or pass --data-dir).")
    problem = header_problem(path)
    if problem:
        raise DatabaseCorrupt(f"The database {path} cannot be used: {problem}.", path=path,
                              backup_candidates=backups.good_backups(paths, args.training))
    db = open_read_only(path)
    try:
        if MIGRATIONS.pending(db):
            raise StoreError(f"The database {path} needs upgrading: open it with the app (or 'db backup' after).")
        yield db
    finally:
        db.close()


def _locked_store(args: argparse.Namespace):
    from ..store.database import Store

    return Store.open(_paths(args), training=args.training)


def _confirm(question: str) -> bool:
    try:
        return input(f"{question} [y/N] ").strip().lower() in ("y", "yes")
    except EOFError:
        return False


def _run(func):  # type: ignore[no-untyped-def]
    """Turn store errors into a clear message and exit code 2 (never a traceback)."""

    def wrapped(args: argparse.Namespace) -> int:
        try:
            return func(args)
        except StoreError as exc:
            return _err(str(exc))
        except OSError as exc:
            from ..store.errors import translate

            mapped = translate(exc)
            return _err(" ".join(str(mapped or exc).split()))
        except sqlite3.Error as exc:  # a malformed / unreadable file found mid-command: one line, never a traceback
            from ..store.errors import translate

            where = str(_paths(args).database(getattr(args, "training", False)))
            mapped = translate(exc, where=where)
            text = str(mapped) if mapped is not None else f"The database {where} cannot be read ({exc})."
            return _err(" ".join(text.split()))

    return wrapped
