"""Hash versioning: every closed call and event records the version it was sealed with; verify uses that version.

The columns other issues add to calls (caller type, CAD incident, language, repeat links, rollout phase) must never
invalidate a call sealed before them, and no migration may rewrite a hashed row.
"""
import json
import sqlite3

from sqlite_utils import Database
from store_support import finished_call
from test_store_audit import raw, tamper

from triage_desktop.store import chain
from triage_desktop.store.chain import (CONTENT_COLUMNS_V1, HASH_VERSIONS, PERSONAL_HASHED_V1, HashVersion,
                                        content_hash, event_hash, personal_hash, verify)
from triage_desktop.store.schema import MIGRATIONS, SHARED_CALL_COLUMNS

V1_ROW = {
    "uuid": "11111111-1111-4111-8111-111111111111", "mode": "live", "status": "final", "version": 1,
    "flow_id": "entry", "flow_version": "1", "flow_hash": "f" * 64, "flows_json": "[]", "flow_set_id": None,
    "pathway": "welfare", "current_flow": None, "current_node": None, "answers_count": 3, "last_seq": 3,
    "updated_at": "2026-11-01T10:00:00.000+00:00", "outcome_code": "GP_OR_111", "original_outcome_code": None,
    "response": "advice", "grade": "none", "police_attend": 0, "flags_json": "[]", "thrive_json": "{}",
    "thrive_levels_json": "{}", "immediate_risk": 0, "early_exit": 0, "overridden": 0, "handover": 0,
    "caller_informed": 1, "started_at": "2026-11-01T09:58:00.000+00:00", "decision_offset_s": 60.0,
    "duration_s": 120.0, "finalised_at": "2026-11-01T10:00:00.000+00:00", "handler_id": "1234",
    "handler_role": "call_handler", "rationale": "because", "caller_name": "Old Caller", "demo": 0,
}


def _sealed_v1_database(path) -> Database:
    """A database as the app left it before hash versioning: migrations up to 0004, a call sealed with v1."""
    db = Database(path)
    MIGRATIONS.apply(db, stop_before="0005_rel_hash_versions")
    row = dict(V1_ROW, personal_salt="ab" * 16)
    row["personal_hash"] = personal_hash(row["personal_salt"], row, version=1)
    row["content_hash"] = content_hash(row, version=1)
    ev = {"id": 1, "call_uuid": row["uuid"], "seq": None, "kind": "finalised", "wall": row["finalised_at"],
          "offset_s": 120.0, "actor": "1234", "role": "call_handler", "flow": "", "node": "",
          "value_json": json.dumps({"content_hash": row["content_hash"], "outcome_code": "GP_OR_111", "version": 1},
                                   sort_keys=True, separators=(",", ":")),
          "value_private": 0, "volunteered": 0, "code": "", "private_hash": None, "prev_call_hash": "",
          "prev_hash": ""}
    ev["hash"] = event_hash(ev, version=1)
    row["events_head"] = ev["hash"]
    db.table("calls").insert(row)
    db.table("call_events").insert(ev)
    return db


def test_migration_adds_versions_without_rewriting_a_sealed_row(tmp_path):
    db = _sealed_v1_database(tmp_path / "old.db")
    before_calls = db.execute("SELECT * FROM calls").fetchall()
    before_events = db.execute("SELECT * FROM call_events").fetchall()
    assert verify(db.conn).ok
    MIGRATIONS.apply(db)
    after_calls = db.execute("SELECT * FROM calls").fetchall()
    after_events = db.execute("SELECT * FROM call_events").fetchall()
    # every old value is byte-for-byte as it was; only new columns were added (the versions at 1, no signature, no
    # folded 'shown' event: migration 0042_durable_shown_folded's shown_json; no position kept in the row: 0044's five
    # pos_* columns)
    n_calls, n_events = len(before_calls[0]), len(before_events[0])
    assert [r[:n_calls] for r in after_calls] == before_calls and after_calls[0][n_calls:] == (1,)
    assert [r[:n_events] for r in after_events] == before_events
    assert after_events[0][n_events:] == (1, None, None, None, None, None, None, None)
    res = verify(db.conn)
    assert res.ok and res.calls_checked == 1 and res.events_checked == 1, res.problems


def test_new_columns_never_invalidate_a_v1_call(tmp_path):
    """A v1 call verifies although the shared columns (not in v1) hold values now, e.g. set before it closed."""
    db = _sealed_v1_database(tmp_path / "old.db")
    MIGRATIONS.apply(db)
    # what a later branch's code could leave in the columns v1 never covered: verify must not care
    c = sqlite3.connect(tmp_path / "old.db", isolation_level=None)
    c.execute("DROP TRIGGER calls_frozen")
    c.execute("UPDATE calls SET caller_type = 'professional', call_language = 'cy', rollout_phase = 2, "
              "repeat_links_json = '[\"x\"]', partners_json = '[\"AMHP\"]'")
    c.close()
    assert verify(db.conn).ok


def test_new_calls_are_sealed_with_the_current_version(svc):
    s = finished_call(svc, caller_name="A Person")
    row = svc.store.conn.execute("SELECT hash_version, content_hash FROM calls WHERE uuid = ?", (s.uuid,)).fetchone()
    assert row[0] == max(HASH_VERSIONS) == 2
    ev = json.loads(svc.store.conn.execute("SELECT value_json FROM call_events WHERE call_uuid = ? AND "
                                           "kind = 'finalised'", (s.uuid,)).fetchone()[0])
    assert ev["hash_version"] == 2 and ev["content_hash"] == row[1]
    assert {r[0] for r in svc.store.conn.execute("SELECT DISTINCT chain_version FROM call_events")} == {1}
    assert svc.verify().ok


def test_v2_covers_the_shared_columns_and_cad_incident(svc):
    v2 = HASH_VERSIONS[2]
    assert v2.content[: len(CONTENT_COLUMNS_V1)] == CONTENT_COLUMNS_V1
    assert set(v2.content) - set(CONTENT_COLUMNS_V1) == set(SHARED_CALL_COLUMNS) - {"cad_incident"}
    assert v2.personal == PERSONAL_HASHED_V1 + ("cad_incident",)
    for column, value in [("caller_type", "'professional'"), ("call_language", "'cy'"), ("rollout_phase", "3"),
                          ("repeat_links_json", "'[\"x\"]'"), ("decision_raised", "1"), ("cad_incident", "'CAD1'"),
                          ("partners_json", "'[\"AMHP\"]'"), ("first_decision_code", "'X'")]:
        s = finished_call(svc, caller_name="A Person")
        tamper(svc, f"UPDATE calls SET [{column}] = {value} WHERE uuid = '{s.uuid}'")
        res = svc.verify()
        assert any(s.uuid in p for p in res.problems), (column, res.problems)


def test_verify_catches_a_hash_version_flipped_back_to_1(svc):
    """Flipping a v2 call to v1 (so the shared columns escape the hash) and recomputing its hash is caught."""
    s = finished_call(svc)
    tamper(svc, f"UPDATE calls SET caller_type = 'forged' WHERE uuid = '{s.uuid}'")
    row = dict(zip(*_row(svc, s.uuid)))
    row["hash_version"] = 1
    tamper(svc, f"UPDATE calls SET hash_version = 1, content_hash = '{content_hash(row)}' WHERE uuid = '{s.uuid}'")
    res = svc.verify()
    assert not res.ok and "hash version differs from the one in its audit trail" in res.problems[0], res.problems


def test_verify_names_an_unknown_hash_version(svc):
    s = finished_call(svc)
    tamper(svc, f"UPDATE calls SET hash_version = 99 WHERE uuid = '{s.uuid}'",
           "UPDATE call_events SET chain_version = 42 WHERE id = 1")
    res = svc.verify()
    assert any("hash version 99" in p for p in res.problems), res.problems
    assert any("call_events row 1: chain version 42" in p for p in res.problems), res.problems


def test_adding_a_version_is_one_registry_entry(svc, monkeypatch):
    """A later branch adds a column to the hash with one line; calls sealed before keep verifying."""
    old = finished_call(svc, caller_name="Before")
    monkeypatch.setitem(HASH_VERSIONS, 3, HashVersion(HASH_VERSIONS[2].content + ("version",),
                                                      HASH_VERSIONS[2].personal))
    new = finished_call(svc, caller_name="After")
    versions = dict(svc.store.conn.execute("SELECT uuid, hash_version FROM calls"))
    assert versions[old.uuid] == 2 and versions[new.uuid] == 3
    assert svc.verify().ok
    monkeypatch.delitem(HASH_VERSIONS, 3)  # an older app opening the newer file says so, per call
    res = svc.verify()
    assert res.problems == [f"calls row {new.uuid}: sealed with hash version 3, which this version of "
                            "triage-desktop does not know"]
    assert chain.current_hash_version() == 2


def _row(svc, call_uuid):
    c = raw(svc)
    cur = c.execute("SELECT * FROM calls WHERE uuid = ?", (call_uuid,))
    cols = [d[0] for d in cur.description]
    vals = cur.fetchone()
    c.close()
    return cols, vals
