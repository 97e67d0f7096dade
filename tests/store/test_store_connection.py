"""StoreDb: sqlite-utils' Database semantics for the calls the store makes on every start and answer, and
sqlite-utils itself imported only when something asks for more (an up-to-date database opens without it)."""
from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlite_utils import Database

from triage_desktop.store.connection import StoreDb, first_keyword
from triage_desktop.store.schema import MIGRATIONS


def _pair(tmp_path: Path) -> tuple[StoreDb, Database]:
    ours, theirs = StoreDb(sqlite3.connect(tmp_path / "a.db")), Database(sqlite3.connect(tmp_path / "b.db"))
    for db in (ours, theirs):
        db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT UNIQUE)")
    return ours, theirs


def _rows(db) -> list[tuple]:  # type: ignore[no-untyped-def]
    return db.conn.execute("SELECT id, v FROM t ORDER BY id").fetchall()


@pytest.mark.parametrize("sql", ["SELECT 1", "  -- c\n/* d */ ;INSERT INTO x", "\ufeffbegin", "", "/* open",
                                 "WITH a AS (SELECT 1) SELECT * FROM a", "savepoint s1", "rollback"])
def test_first_keyword_reads_as_sqlite_utils_does(sql: str) -> None:
    from sqlite_utils.db import _first_keyword

    assert first_keyword(sql) == _first_keyword(sql)


def test_execute_and_atomic_behave_as_sqlite_utils(tmp_path: Path) -> None:
    ours, theirs = _pair(tmp_path)
    for db in (ours, theirs):
        db.execute("INSERT INTO t (v) VALUES (?)", ["a"])  # a write outside a transaction is committed at once
        assert not db.conn.in_transaction
        with pytest.raises(sqlite3.IntegrityError):
            db.execute("INSERT INTO t (v) VALUES ('a')")  # a failed write leaves no transaction open
        assert not db.conn.in_transaction
        with db.atomic():
            db.execute("INSERT INTO t (v) VALUES ('b')")
            with pytest.raises(ValueError):
                with db.atomic():  # nested: a savepoint, rolled back alone
                    db.execute("INSERT INTO t (v) VALUES ('c')")
                    raise ValueError
            assert db.conn.in_transaction
        assert not db.conn.in_transaction
        with pytest.raises(RuntimeError):
            with db.atomic():
                db.execute("INSERT INTO t (v) VALUES ('d')")
                raise RuntimeError
        assert db.execute("SELECT count(*) FROM t").fetchone() == (2,)
        db.execute("BEGIN")  # transaction control is never committed behind the caller's back
        assert db.conn.in_transaction
        db.execute("ROLLBACK")
    assert _rows(ours) == _rows(theirs)
    assert ours.table_names() == theirs.table_names()


def test_everything_else_is_sqlite_utils_over_the_same_connection(tmp_path: Path) -> None:
    db = StoreDb(sqlite3.connect(tmp_path / "a.db"))
    db["t"].insert({"id": 1, "v": "x"}, pk="id")  # the Table API, through a real Database made on first use
    assert isinstance(db.full, Database) and db.full.conn is db.conn
    assert [dict(r) for r in db.query("SELECT * FROM t")] == [{"id": 1, "v": "x"}]
    assert db.table("t").count == 1


def test_the_migration_registry_reads_the_same_records_as_sqlite_utils(tmp_path: Path) -> None:
    db = StoreDb(sqlite3.connect(tmp_path / "a.db"))
    names = [m.name for m in MIGRATIONS._migrations]
    assert [m.name for m in MIGRATIONS.pending(db)] == names and MIGRATIONS.applied(db) == []
    MIGRATIONS.apply(db, stop_before=names[2])
    real = MIGRATIONS.real()
    assert [m.name for m in MIGRATIONS.applied(db)] == [m.name for m in real.applied(db.full)] == names[:2]
    assert [(m.name, m.applied_at) for m in MIGRATIONS.applied(db)] == \
        [(m.name, m.applied_at) for m in real.applied(db.full)]
    assert [m.name for m in MIGRATIONS.pending(db)] == [m.name for m in real.pending(db.full)] == names[2:]
    MIGRATIONS.apply(db)
    assert MIGRATIONS.pending(db) == [] and real.pending(db.full) == []


def test_an_up_to_date_database_opens_without_importing_sqlite_utils(tmp_path: Path) -> None:
    """The second start (database already migrated) opens, reads and writes the store with no sqlite-utils."""
    code = textwrap.dedent(f"""
        import sys
        from triage_desktop.paths import AppPaths
        from triage_desktop.services import AppServices
        svc = AppServices.open(AppPaths.from_root({str(tmp_path / 'app')!r}), training=True)
        svc.settings.set("handler_id", "4521")
        print(svc.settings.get("handler_id"), "sqlite_utils" in sys.modules)
        svc.close()
    """)
    first = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert first.returncode == 0, first.stderr[-2000:]
    assert first.stdout.split() == ["4521", "True"]  # a new database: sqlite-utils' migrations made it
    second = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert second.returncode == 0, second.stderr[-2000:]
    assert second.stdout.split() == ["4521", "False"]
