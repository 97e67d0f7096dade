"""Immutability triggers and the tamper-evident chain: a row edited behind the app's back is named by verify."""
import sqlite3

import pytest
from store_support import finished_call, start, walk

from triage_desktop.cli import main


def raw(svc) -> sqlite3.Connection:
    return sqlite3.connect(svc.store.path, isolation_level=None)


def tamper(svc, *sql: str) -> None:
    """What someone with the file could do: drop our triggers, then edit."""
    c = raw(svc)
    names = [r[0] for r in c.execute("SELECT name FROM sqlite_master WHERE type='trigger' AND "
                                     "(name LIKE 'calls_%' OR name LIKE 'call_events_%') AND name NOT IN "
                                     "('calls_ai', 'calls_ad', 'calls_au')")]
    c.execute("BEGIN")
    for n in names:
        c.execute(f"DROP TRIGGER {n}")
    for s in sql:
        c.execute(s)
    c.execute("COMMIT")
    c.close()


@pytest.mark.parametrize("sql", [
    "UPDATE calls SET outcome_code = 'POLICE_EMERGENCY'",
    "UPDATE calls SET police_attend = 1",
    "UPDATE calls SET status = 'in_progress'",
    "UPDATE calls SET content_hash = 'x'",
    "UPDATE calls SET caller_name = 'Someone else'",
    "UPDATE calls SET version = version + 2",
    "UPDATE calls SET personal_purged_at = 'now'",  # a purge must blank everything personal
    "DELETE FROM calls",
    "UPDATE call_events SET value_json = '\"yes\"' WHERE kind = 'answered'",
    "UPDATE call_events SET kind = 'note'",
    "DELETE FROM call_events",
])
def test_triggers_refuse_changes_to_a_final_call(svc, sql):
    s = finished_call(svc, caller_name="A Person")
    c = raw(svc)
    with pytest.raises(sqlite3.IntegrityError, match="immutable"):
        c.execute(sql)
    c.close()
    assert svc.verify().ok
    assert svc.call_report(s.uuid)["call"]["outcome_code"] == "GP_OR_111"


def test_no_engine_event_after_finalise(svc):
    s = finished_call(svc)
    c = raw(svc)
    with pytest.raises(sqlite3.IntegrityError, match="immutable"):
        c.execute("INSERT INTO call_events (call_uuid, seq, kind, wall, offset_s, prev_call_hash, prev_hash, hash) "
                  "VALUES (?, 99, 'answered', 'x', 0, '', '', '')", (s.uuid,))
    c.close()


def test_open_calls_may_change_but_events_may_not(svc):
    s = start(svc)
    s.answer("no")
    c = raw(svc)
    c.execute("UPDATE calls SET caller_name = 'x' WHERE uuid = ?", (s.uuid,))
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        c.execute("UPDATE call_events SET actor = 'someone' WHERE call_uuid = ?", (s.uuid,))
    c.close()


def test_verify_ok_over_many_calls(svc):
    for _ in range(3):
        finished_call(svc, caller_name="N", address="A")
    s = start(svc)
    s.answer("no")
    s.note("open call note")
    svc.add_addendum(finished_call(svc).uuid, "addendum", "reason", "1234")
    res = svc.verify()
    assert res.ok and res.events_checked > 30 and res.calls_checked == 4, res.problems


def first_event_id(svc, uuid, kind):
    return svc.store.conn.execute("SELECT min(id) FROM call_events WHERE call_uuid = ? AND kind = ?",
                                  (uuid, kind)).fetchone()[0]


def test_edited_answer_is_named(svc):
    s = finished_call(svc)
    eid = first_event_id(svc, s.uuid, "answered")
    tamper(svc, f"UPDATE call_events SET value_json = '\"yes\"' WHERE id = {eid}")
    res = svc.verify()
    assert res.first_broken == f"call_events row {eid}: contents changed (hash mismatch)"


def test_edited_free_text_is_named(svc):
    s = walk(start(svc))
    s.note("original note")
    s.finalise(caller_informed=True)
    eid = first_event_id(svc, s.uuid, "note")
    tamper(svc, f"UPDATE call_events SET text = 'rewritten' WHERE id = {eid}")
    assert svc.verify().first_broken == f"call_events row {eid}: free text changed (hash mismatch)"


def test_deleted_event_breaks_the_chain_at_the_next_row(svc):
    s = finished_call(svc)
    eid = first_event_id(svc, s.uuid, "answered")
    tamper(svc, f"DELETE FROM call_events WHERE id = {eid}")
    res = svc.verify()
    assert res.first_broken.startswith(f"call_events row {eid + 1}: breaks the database chain")


def test_rehashed_row_still_breaks_the_next_link(svc):
    from triage_desktop.store.chain import event_hash

    s = finished_call(svc)
    eid = first_event_id(svc, s.uuid, "answered")
    c = raw(svc)
    c.row_factory = sqlite3.Row
    row = dict(c.execute("SELECT * FROM call_events WHERE id = ?", (eid,)).fetchone())
    c.close()
    row["value_json"] = '"yes"'
    tamper(svc, f"UPDATE call_events SET value_json = '\"yes\"', hash = '{event_hash(row)}' WHERE id = {eid}")
    assert svc.verify().first_broken.startswith(f"call_events row {eid + 1}: breaks the database chain")


def test_edited_call_decision_is_named(svc):
    s = finished_call(svc)
    tamper(svc, f"UPDATE calls SET outcome_code = 'POLICE_EMERGENCY' WHERE uuid = '{s.uuid}'")
    assert svc.verify().first_broken == f"calls row {s.uuid}: decision record changed (content hash mismatch)"


def test_edited_call_with_recomputed_content_hash_is_caught_by_the_trail(svc):
    from triage_desktop.store.chain import content_hash

    s = finished_call(svc)
    row = svc._calls.get(s.uuid)
    row["outcome_code"] = "POLICE_EMERGENCY"
    tamper(svc, f"UPDATE calls SET outcome_code = 'POLICE_EMERGENCY', content_hash = '{content_hash(row)}' "
                f"WHERE uuid = '{s.uuid}'")
    assert svc.verify().first_broken == f"calls row {s.uuid}: content hash differs from the one in its audit trail"


def test_edited_personal_details_are_named(svc):
    s = finished_call(svc, caller_name="A Person")
    tamper(svc, f"UPDATE calls SET caller_name = 'B Person' WHERE uuid = '{s.uuid}'")
    assert "personal details or free text changed" in svc.verify().first_broken


def test_faked_purge_is_named(svc):
    s = walk(start(svc))
    s.note("a note")
    s.finalise(caller_informed=True)
    eid = first_event_id(svc, s.uuid, "note")
    tamper(svc, f"UPDATE call_events SET text = NULL, private_salt = NULL, purged = 1 WHERE id = {eid}")
    assert svc.verify().first_broken == f"call_events row {eid}: text removed outside a recorded retention purge"


def test_db_verify_command_names_the_row(svc, capsys):
    s = finished_call(svc)
    eid = first_event_id(svc, s.uuid, "answered")
    tamper(svc, f"UPDATE call_events SET flow = 'other' WHERE id = {eid}")
    data_dir = str(svc.paths.data_dir)
    assert main(["--data-dir", data_dir, "db", "verify"]) == 1
    out = capsys.readouterr()
    assert f"call_events row {eid}" in out.out + out.err


def test_a_column_added_by_a_later_migration_does_not_break_sealed_calls(svc):
    """Content and personal hashes cover explicit (version 1) column lists: a new column, filled in on a sealed
    call by someone with the file, changes no hash, and verify still passes (a later hash version covers it)."""
    s = finished_call(svc, caller_name="A Person")
    c = raw(svc)
    c.execute("ALTER TABLE calls ADD COLUMN future_feature TEXT")
    c.close()
    assert svc.verify().ok
    assert svc.call_report(s.uuid)["call"]["outcome_code"] == "GP_OR_111"
