"""Migration 0043_durable_position_guard: the closed-call guards fire only for an UPDATE naming one of their columns,
the position columns an answer writes guarded by a small AFTER trigger of their own. Every frozen column of a closed
call is still refused, one by one; an answer's position UPDATE runs one trigger program, not two row-wide ones."""
import sqlite3

import pytest
from store_support import finished_call, start

from triage_desktop.store.schema import (MIGRATIONS, MUTABLE_COLUMNS, POSITION_GUARDED_COLUMNS, PURGE_COLUMNS,
                                         table_columns)


def raw(svc) -> sqlite3.Connection:
    return sqlite3.connect(svc.store.path, isolation_level=None)


def calls_columns(svc) -> list[str]:
    return [r[1] for r in svc.store.conn.execute("PRAGMA table_info(calls)")]


def test_every_frozen_column_of_a_closed_call_is_refused_one_by_one(svc):
    s = finished_call(svc, caller_name="A Person")
    c = raw(svc)
    frozen = [col for col in calls_columns(svc) if col not in MUTABLE_COLUMNS]
    assert set(POSITION_GUARDED_COLUMNS) <= set(frozen)
    for col in frozen:  # purge columns too: changing one alone is not a purge
        with pytest.raises(sqlite3.IntegrityError, match="immutable"):
            c.execute(f"UPDATE calls SET [{col}] = CASE WHEN [{col}] IS 'x' THEN 'y' ELSE 'x' END "
                      f"WHERE uuid = ?", (s.uuid,))
        with pytest.raises(sqlite3.IntegrityError, match="immutable"):  # beside a column that may change
            c.execute(f"UPDATE calls SET events_head = events_head, [{col}] = 'changed' WHERE uuid = ?", (s.uuid,))
    c.close()
    assert svc.verify().ok


def test_an_open_calls_position_may_change(svc):
    s = start(svc)
    s.answer("no")
    c = raw(svc)
    c.execute("UPDATE calls SET current_node = 'x', answers_count = 9, last_seq = 9, pathway = 'welfare', "
              "updated_at = 'now' WHERE uuid = ?", (s.uuid,))
    assert c.execute("SELECT current_node, answers_count FROM calls WHERE uuid = ?", (s.uuid,)).fetchone() == ("x", 9)
    c.close()


def test_the_position_update_runs_one_small_trigger(svc):
    s = start(svc)
    s.answer("no")
    sql = ("UPDATE calls SET [current_flow] = ?, [current_node] = ?, [answers_count] = ?, [last_seq] = ?, "
           "[updated_at] = ?, events_head = ? WHERE uuid = ? AND status = 'in_progress'")
    programs = [r for r in svc.store.conn.execute("EXPLAIN " + sql, ["f", "n", 1, 1, "w", "h", s.uuid])
                if r[1] == "Program"]
    assert len(programs) == 1  # calls_frozen_position alone (was: calls_frozen and calls_purge_only)
    # its columns are among the first 32 (SQLite loads the whole old row for a trigger reading a later one)
    cols = calls_columns(svc)
    assert all(cols.index(c) < 32 for c in (*POSITION_GUARDED_COLUMNS, "status"))


def test_the_session_sends_the_caller_type_only_when_it_changed(svc, monkeypatch):
    s = start(svc)
    sent = []
    record = svc._calls.record
    monkeypatch.setattr(svc._calls, "record", lambda *a, **kw: (sent.append(dict(kw["position"])), record(*a, **kw)))
    s.answer("no")
    s.answer("none")
    assert "caller_type" in sent[0] and "caller_type" not in sent[1]
    assert svc.call_report(s.uuid)["call"]["caller_type"] == s.run.caller_type


def test_migration_0043_rebuilds_the_guards_of_an_existing_database(tmp_path):
    import re

    from sqlite_utils import Database

    db = Database(tmp_path / "old.db")
    MIGRATIONS.apply(db, stop_before="0043_durable_position_guard")
    # the guards as a database made before 0043 has them: row-wide BEFORE UPDATE triggers, no position guard
    db.execute("DROP TRIGGER calls_frozen_position")
    for name, sql in db.execute("SELECT name, sql FROM sqlite_master WHERE name IN ('calls_frozen', "
                                "'calls_purge_only')").fetchall():
        db.execute(f"DROP TRIGGER {name}")
        db.execute(re.sub(r"BEFORE UPDATE OF .*? ON calls", "BEFORE UPDATE ON calls", sql, flags=re.S))
    old = dict(db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'calls'"))
    assert "UPDATE OF" not in old["calls_frozen"] + old["calls_purge_only"]
    MIGRATIONS.apply(db)
    new = dict(db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'calls'"))
    assert set(new) == set(old) | {"calls_frozen_position"}
    columns = table_columns(db, "calls")
    named = set()
    for name in ("calls_frozen", "calls_frozen_position", "calls_purge_only"):
        listed = new[name].split(" ON calls")[0]
        assert "UPDATE OF" in listed
        named |= {c for c in columns if f"[{c}]" in listed}
    assert named == set(columns) - set(MUTABLE_COLUMNS)  # every column but version and events_head is guarded
    assert set(PURGE_COLUMNS) <= named
