"""db verify against each tampering the issue lists, done the way someone holding the file would (triggers dropped).

What the local chain cannot see on its own (a deleted newest call, a forged event appended with a recomputed
chain) is caught against the collector's chain heads (tests/sync/test_sync_rel_faults.py) or the HMAC key.
"""
import json

from store_support import finished_call, start, walk
from test_store_audit import raw, tamper

from triage_desktop.store.chain import content_hash, sha256


def problems(svc) -> list[str]:
    res = svc.verify()
    assert not res.ok, "verify missed the tampering"
    return res.problems


def test_verify_catches_a_deleted_call_row(svc):
    a, b = finished_call(svc), finished_call(svc)
    tamper(svc, f"DELETE FROM calls WHERE uuid = '{a.uuid}'")
    assert any(f"calls row {a.uuid}: missing" in p for p in problems(svc))
    assert b.uuid not in " ".join(problems(svc))


def test_verify_catches_deleted_tail_events_of_a_call(svc):
    s = finished_call(svc)
    finished_call(svc)  # later events of another call follow it in the database chain
    last = svc.store.conn.execute("SELECT max(id) FROM call_events WHERE call_uuid = ?", (s.uuid,)).fetchone()[0]
    tamper(svc, f"DELETE FROM call_events WHERE id >= {last - 1} AND call_uuid = '{s.uuid}'")
    found = problems(svc)
    assert any("breaks the database chain" in p for p in found)
    assert any(s.uuid in p and ("chain head" in p or "audit event is missing" in p) for p in found), found


def test_verify_catches_deleted_tail_events_with_the_head_moved_back(svc):
    """The tail ('finalised') event of the newest call removed and the call's events_head rewound to match."""
    s = finished_call(svc)
    rows = svc.store.conn.execute("SELECT id, hash FROM call_events WHERE call_uuid = ? ORDER BY id",
                                  (s.uuid,)).fetchall()
    tamper(svc, f"DELETE FROM call_events WHERE id = {rows[-1][0]}",
           f"UPDATE calls SET events_head = '{rows[-2][1]}' WHERE uuid = '{s.uuid}'")
    assert any("'finalised'/'abandoned' audit event is missing" in p for p in problems(svc))


def test_verify_catches_a_final_call_flipped_back_to_in_progress(svc):
    s = finished_call(svc)
    tamper(svc, f"UPDATE calls SET status = 'in_progress' WHERE uuid = '{s.uuid}'")
    assert any("marked in progress but its audit trail says it was closed" in p for p in problems(svc))


def test_verify_catches_an_outcome_changed_with_content_hash_nulled(svc):
    s = finished_call(svc)
    tamper(svc, f"UPDATE calls SET outcome_code = 'POLICE_EMERGENCY', content_hash = NULL WHERE uuid = '{s.uuid}'")
    assert any("finalised without a content hash" in p for p in problems(svc))


def test_verify_catches_an_outcome_changed_with_demo_set(svc):
    """demo = 1 used to exempt a row from the content check; no longer."""
    s = finished_call(svc)
    tamper(svc, f"UPDATE calls SET outcome_code = 'POLICE_EMERGENCY', content_hash = NULL, demo = 1 "
                f"WHERE uuid = '{s.uuid}'")
    assert any(s.uuid in p for p in problems(svc))
    s2 = finished_call(svc)
    row = svc._calls.get(s2.uuid)
    row.update(outcome_code="POLICE_EMERGENCY", demo=1)
    tamper(svc, f"UPDATE calls SET outcome_code = 'POLICE_EMERGENCY', demo = 1, content_hash = "
                f"'{content_hash(row)}' WHERE uuid = '{s2.uuid}'")
    assert any(f"calls row {s2.uuid}: content hash differs from the one in its audit trail" in p
               for p in problems(svc))


def test_verify_catches_an_edited_outbox_payload(svc):
    s = finished_call(svc)
    [(oid, payload)] = svc.store.conn.execute("SELECT id, payload FROM outbox WHERE call_uuid = ?", (s.uuid,))
    edited = json.loads(payload)
    edited["police_attend"] = True
    text = json.dumps(edited, sort_keys=True, separators=(",", ":"))
    tamper(svc, f"UPDATE outbox SET payload = '{text}' WHERE id = {oid}")
    assert any(f"outbox row {oid}: payload changed (does not match its stored hash)" in p for p in problems(svc))
    tamper(svc, f"UPDATE outbox SET payload_hash = '{sha256(text)}' WHERE id = {oid}")  # and its hash recomputed
    assert any(f"outbox row {oid}: payload does not match its call" in p for p in problems(svc))


def test_verify_catches_edited_flow_versions(svc):
    finished_call(svc)
    (h,) = svc.store.conn.execute("SELECT hash FROM flow_versions LIMIT 1").fetchone()
    tamper(svc, f"UPDATE flow_versions SET source_text = source_text || ' ' WHERE hash = '{h}'")
    assert any(f"flow_versions row {h}" in p and "source text changed" in p for p in problems(svc))


def test_untouched_store_with_open_calls_addenda_and_outbox_verifies(svc):
    s = finished_call(svc)
    svc.add_addendum(s.uuid, "text", "reason", "1234")
    walk(start(svc), ["no"])
    assert svc.verify().ok, svc.verify().problems
    c = raw(svc)
    assert c.execute("SELECT count(*) FROM outbox").fetchone()[0] == 2
    c.close()
