"""Migrations: each one from an empty database and from the previous version; the contract's columns exist."""
import re
import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

from triage_desktop.store import backup as backups
from triage_desktop.store.database import Store
from triage_desktop.store.errors import SchemaTooNew
from triage_desktop.store.schema import MIGRATIONS

CONTRACT = Path(__file__).resolve().parents[2] / "docs" / "store-contract.md"


def schema_of(db: Database) -> dict[str, str]:
    return {name: " ".join(sql.split()) for name, sql in
            db.execute("SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE '_sqlite_%'")}


def full_schema(tmp_path) -> dict[str, str]:
    db = Database(tmp_path / "full.db")
    MIGRATIONS.apply(db)
    s = schema_of(db)
    db.close()
    return s


@pytest.mark.parametrize("index", range(len(MIGRATIONS._migrations)))
def test_each_migration_from_the_previous_version(tmp_path, index):
    names = [m.name for m in MIGRATIONS._migrations]
    db = Database(tmp_path / "step.db")
    if index + 1 < len(names):
        MIGRATIONS.apply(db, stop_before=names[index + 1])
    else:
        MIGRATIONS.apply(db)
    assert [m.name for m in MIGRATIONS.applied(db)] == names[: index + 1]
    MIGRATIONS.apply(db)  # the rest, from this version
    assert schema_of(db) == full_schema(tmp_path)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_first_migration_from_empty(tmp_path):
    db = Database(tmp_path / "empty.db")
    MIGRATIONS.apply(db, stop_before=MIGRATIONS._migrations[1].name)
    assert {"calls", "call_events", "flow_versions", "settings"} <= set(db.table_names())
    assert "outbox" not in db.table_names()


def _contract_columns(section: str) -> set[str]:
    text = CONTRACT.read_text(encoding="utf-8")
    body = text.split(section, 1)[1].split("\n## ", 1)[0]
    cols: set[str] = set()
    for line in body.splitlines():
        m = re.match(r"^\| (`[^|]+`) \|", line)
        if m:
            cols.update(re.findall(r"`([a-z_]+)`", m.group(1)))
    return cols


def test_contract_columns_exist(store):
    calls = set(store.db.table("calls").columns_dict)
    outbox = set(store.db.table("outbox").columns_dict)
    assert _contract_columns("## `calls` table") <= calls
    assert _contract_columns("## `outbox` table") <= outbox
    assert store.db.table("outbox").indexes or True
    assert {"key", "value"} <= set(store.db.table("settings").columns_dict)
    got = dict(store.conn.execute("SELECT key, value FROM settings"))
    assert got["force_code"] == "XX" and len(got["device_id"]) == 36


@pytest.fixture
def store(paths):
    s = Store.open(paths)
    yield s
    s.close(check=False, backup=False)


def test_pragmas(paths):
    live = Store.open(paths)
    try:
        assert live.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert live.conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert live.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    finally:
        live.close(check=False, backup=False)
    training = Store.open(paths, training=True)
    try:
        assert training.path.name == "training.sqlite3"
        assert training.conn.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL: mock calls only
    finally:
        training.close(check=False, backup=False)


def test_reopen_is_idempotent_and_keeps_device_id(paths):
    s = Store.open(paths)
    dev = s.settings.get("device_id")
    assert s.migrated == [m.name for m in MIGRATIONS._migrations]
    s.close()
    s = Store.open(paths)
    assert s.migrated == [] and s.settings.get("device_id") == dev
    s.close()


def test_backup_before_migrating_an_existing_database(paths):
    paths.ensure_data_dir()
    db = Database(paths.database())
    MIGRATIONS.apply(db, stop_before=MIGRATIONS._migrations[-1].name)
    db.close()
    s = Store.open(paths)
    try:
        assert [b.reason for b in backups.list_backups(paths)] == ["premigrate"]
        assert s.migrated == [MIGRATIONS._migrations[-1].name]
    finally:
        s.close(check=False, backup=False)


def test_newer_database_is_refused_untouched(paths):
    s = Store.open(paths)
    s.db.table("_sqlite_migrations").insert({"migration_set": MIGRATIONS.name, "name": "9999_future",
                                             "applied_at": "2099-01-01"})
    s.close(check=False, backup=False)
    before = paths.database().read_bytes()
    with pytest.raises(SchemaTooNew, match="newer version"):
        Store.open(paths)
    assert paths.database().read_bytes() == before
    # the lock was released on failure
    Store.open.__func__  # noqa: B018 - nothing to call; reopening below proves it
    with pytest.raises(SchemaTooNew):
        Store.open(paths)


def test_fts_triggers_narrowed_to_indexed_columns(store):
    sql = store.conn.execute("SELECT sql FROM sqlite_master WHERE name = 'calls_au'").fetchone()[0]
    assert "UPDATE OF notes, rationale" in sql
    assert {"calls_ai", "calls_ad", "calls_au"} <= {r[0] for r in store.conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    assert isinstance(store.conn, sqlite3.Connection)
