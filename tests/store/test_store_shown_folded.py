"""The 'question shown' event an answer leads to is kept in the answer's own row (call_events.shown_json, chain
version 2, migration 0042_durable_shown_folded): every reader still sees it as its own event, the chain covers it,
and an edit to it is caught."""
import datetime as dt
import json
import sqlite3

import pytest
from store_support import WALK_GP, start, statements
from test_store_audit import tamper

from triage_desktop.store.retention import purge_expired

LATER = dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=31)


def shown_call(svc, answers=WALK_GP, finish=True):
    """A call answered as the GUI drives it: 'question shown' recorded with each answer."""
    s = start(svc)
    s.track_shown()
    for a in answers:
        s.answer(a)
    if finish:
        s.finalise(caller_informed=True)
    return s


def stored(svc, uuid):
    return [dict(r) for r in _rows(svc, "SELECT * FROM call_events WHERE call_uuid = ? ORDER BY id", (uuid,))]


def _rows(svc, sql, args=()):
    conn = svc.store.conn
    old, conn.row_factory = conn.row_factory, sqlite3.Row
    try:
        return conn.execute(sql, args).fetchall()
    finally:
        conn.row_factory = old


def test_every_shown_after_an_answer_is_in_the_answers_row_and_reads_as_its_own_event(svc):
    s = shown_call(svc, finish=False)
    engine = [e.to_dict() for e in s.run.events]
    assert [e["kind"] for e in engine].count("shown") == len(WALK_GP) + 1  # the first question, then one per answer
    rows = stored(svc, s.uuid)
    assert [r["kind"] for r in rows if r["seq"] is not None].count("shown") == 1, "only the first stands alone"
    assert {r["chain_version"] for r in rows if r["shown_json"] is not None} == {2}
    assert {r["chain_version"] for r in rows if r["shown_json"] is None} == {1}
    # the engine's events come back exactly, in order (replay, report, export read them through CallStore.events)
    assert svc._calls.engine_events(s.uuid) == engine
    resumed = svc.resume_call(s.uuid)
    assert resumed.run.current == s.run.current and resumed.run.events == s.run.events
    s.finalise(caller_informed=True)
    report = svc.call_report(s.uuid)
    assert [e["kind"] for e in report["events"] if e["seq"] is not None] == [e["kind"] for e in engine]
    res = svc.verify()
    assert res.ok, res.problems


def test_a_text_answers_purge_keeps_the_shown_event_in_its_row(svc):
    s = shown_call(svc)
    res = purge_expired(svc.store, days=30, now=LATER)
    assert res.calls_purged == 1
    text_row = next(r for r in stored(svc, s.uuid) if r["value_private"])
    assert text_row["purged"] == 1 and text_row["value_json"] is None and text_row["shown_json"] is not None
    assert "in the park" not in json.dumps(svc.call_report(s.uuid))
    kinds = [e["kind"] for e in svc._calls.engine_events(s.uuid)]
    assert kinds.count("shown") == len(WALK_GP) + 1
    res = svc.verify()
    assert res.ok, res.problems


def test_the_shown_json_is_frozen_like_every_other_column(svc):
    s = shown_call(svc)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        svc.store.conn.execute("UPDATE call_events SET shown_json = NULL WHERE call_uuid = ? AND shown_json "
                               "IS NOT NULL", (s.uuid,))


def test_verify_catches_a_folded_shown_edited_or_one_added_to_a_row_that_never_had_one(svc):
    s = shown_call(svc)
    folded = next(r for r in stored(svc, s.uuid) if r["shown_json"] is not None)
    edited = folded["shown_json"].replace('"offset":', '"offset":1')
    tamper(svc, f"UPDATE call_events SET shown_json = '{edited}' WHERE id = {folded['id']}")
    res = svc.verify()
    assert res.problems == [f"call_events row {folded['id']}: contents changed (hash mismatch)"], res.problems

    other = shown_call(svc)
    plain = next(r for r in stored(svc, other.uuid) if r["shown_json"] is None)  # its 'started' event: version 1
    tamper(svc, f"UPDATE call_events SET shown_json = '{folded['shown_json']}' WHERE id = {plain['id']}")
    res = svc.verify()
    assert (f"call_events row {plain['id']}: contents changed (a 'shown' event its hash does not cover)"
            in res.problems), res.problems
    kinds = [e["kind"] for e in svc.call_report(other.uuid)["events"]]
    assert kinds.count("shown") == len(WALK_GP) + 1, "a version-1 row's shown_json is never read as an event"


# ----- the chain tail remembered between answers (no look-up while nothing else wrote) ----------------------------

def test_a_second_answer_skips_the_look_up_and_the_chain_stays_whole(svc):
    s = start(svc)
    s.answer(WALK_GP[0])
    first = svc.store.chain_tail
    assert first is not None and first[3] == s.uuid
    seen = statements(svc, lambda: s.answer(WALK_GP[1]))
    assert not any(q.startswith("SELECT status, (SELECT hash FROM call_events WHERE call_uuid") for q in seen), seen
    s.set_personal(caller_name="A Person")  # another write: total_changes moved, the next answer looks it up
    seen = statements(svc, lambda: s.answer(WALK_GP[2]))
    assert any(q.startswith("SELECT status, (SELECT hash FROM call_events WHERE call_uuid") for q in seen), seen
    res = svc.verify()
    assert res.ok, res.problems


def test_another_connection_appending_between_answers_is_chained_after(svc):
    from triage_desktop.store.calls import CallStore

    s = start(svc)
    s.answer(WALK_GP[0])
    other = sqlite3.connect(svc.store.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    CallStore.reader(other).db_event("foreign", {"why": "a second writer"})  # chained onto the true last row
    other.execute("COMMIT")
    other.close()
    s.answer(WALK_GP[1])  # the remembered tail is stale: its INSERT fails on the id, the answer looks it up again
    kinds = [r[0] for r in svc.store.conn.execute("SELECT kind FROM call_events ORDER BY id")]
    assert kinds[-2:] == ["foreign", "answered"], kinds
    res = svc.verify()
    assert res.ok, res.problems


def test_an_answer_rolled_back_leaves_no_stale_tail(svc):
    s = start(svc)
    s.answer(WALK_GP[0])

    def fail() -> None:
        raise RuntimeError("the paint failed")

    ev = s.run.answer(WALK_GP[1])
    with pytest.raises(RuntimeError):
        svc._calls.record(s.uuid, ev, value_private=False, position={"answers_count": 2}, before_commit=fail)
    ids = [r[0] for r in svc.store.conn.execute("SELECT id FROM call_events ORDER BY id")]
    s2 = svc.resume_call(s.uuid)
    s2.answer(WALK_GP[1])
    after = [r[0] for r in svc.store.conn.execute("SELECT id FROM call_events ORDER BY id")]
    assert after == ids + [ids[-1] + 1], "no gap where the rolled-back row was"
    res = svc.verify()
    assert res.ok, res.problems


def test_shown_json_is_the_canonical_form_of_the_events_fields():
    from triage_desktop.core.engine import Event
    from triage_desktop.store.calls import shown_json
    from triage_desktop.store.chain import canonical

    for value in (None, {"lang": "cy"}, {"b": 1, "a": [2, {"d": 3, "c": 4}]}):
        ev = Event(seq=7, kind="shown", wall="2026-11-01T10:00:00.000+00:00", offset=12, actor="1234",
                   role="call_handler", flow="entry_triage", node="risk_now", value=value)
        assert shown_json(ev) == canonical({"seq": 7, "wall": ev.wall, "offset": 12.0, "actor": "1234",
                                            "role": "call_handler", "flow": "entry_triage", "node": "risk_now",
                                            "value": value})
