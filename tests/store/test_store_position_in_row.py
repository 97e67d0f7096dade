"""An open call's position after each answer is kept in the answer's own row (call_events.pos_*, migration
0044_durable_position_in_row), not in an UPDATE of its calls row: every reader still sees where the call stands,
the calls row gets the position when the call closes, and the chain and the content hash hold."""
import sqlite3

import pytest
from store_support import WALK_GP, start, statements, walk
from test_store_audit import raw

from triage_desktop.core.engine import Event
from triage_desktop.store import backup as backups
from triage_desktop.store.errors import CallImmutable

RAW_POSITION = "SELECT current_flow, current_node, answers_count, last_seq, pathway FROM calls WHERE uuid = ?"


def _expected(s):
    cur = s.run.current
    return {"current_flow": cur[0] if cur else None, "current_node": cur[1] if cur else None,
            "answers_count": len(s.run.answers), "last_seq": len(s.run.events)}


def test_an_answer_is_one_insert_and_leaves_the_calls_row_alone(svc):
    s = start(svc)
    s.track_shown()  # as the GUI drives it: each answer also records the question it leads to
    s.answer(WALK_GP[0])
    seen = statements(svc, lambda: s.answer(WALK_GP[1]))
    # one statement, its own durable transaction (autocommit): the answer's row, with the 'question shown' it led
    # to and the call's position in it
    writes = [q for q in seen if not q.startswith("SELECT")]
    assert len(writes) == 1 and writes[0].startswith("INSERT INTO call_events ("), [q[:60] for q in seen]
    row = svc.store.conn.execute("SELECT kind, shown_json IS NOT NULL, pos_answers FROM call_events "
                                 "ORDER BY id DESC LIMIT 1").fetchone()
    assert row == ("answered", 1, 2)
    assert not svc.store.conn.in_transaction


def test_an_action_of_more_than_one_row_is_one_transaction(svc):
    """An action with more rows than the answer and its folded 'shown' (e.g. the decision it made) is BEGIN, its
    INSERTs, COMMIT: all or none."""
    s = start(svc)
    s.answer(WALK_GP[0])
    wall = s.run.events[-1].wall
    common = dict(wall=wall, offset=1.0, actor="1234", role="call_handler", flow="mini_entry")
    ev = Event(seq=1000, kind="answered", node="age", value=40, **common)
    noted = Event(seq=1001, kind="flag", node="age", code="X", reason="a reason", **common)
    shown = Event(seq=1002, kind="shown", node="pathway", **common)
    position = {"current_flow": "mini_entry", "current_node": "pathway", "answers_count": 3, "last_seq": 1002,
                "updated_at": wall}
    seen = statements(svc, lambda: svc._calls.record(s.uuid, ev, value_private=False, position=position,
                                                      also=[(noted, False), (shown, False)]))
    assert seen[0] == "BEGIN IMMEDIATE" and seen[-1] == "COMMIT", seen
    assert len(seen) == 4 and all(q.startswith("INSERT INTO call_events (") for q in seen[1:-1]), seen
    assert svc._calls.get(s.uuid)["answers_count"] == 3 and svc.verify().ok


def test_an_open_call_reads_where_it_stands(svc):
    s = start(svc)
    for a in WALK_GP[:3]:
        s.answer(a)
    row = svc._calls.get(s.uuid)
    assert {k: row[k] for k in _expected(s)} == _expected(s)
    assert row["answers_count"] == 3 and row["updated_at"] == s.run.events[-1].wall
    # the calls row itself holds the position of the first answer (it saved the call's pathway): no later answer
    # rewrote it
    assert raw(svc).execute(RAW_POSITION, (s.uuid,)).fetchone()[2] == 1


def test_a_new_pathway_rewrites_the_calls_row_with_the_whole_position(svc):
    s = walk(start(svc), WALK_GP[:4])  # the 4th answer chooses the welfare pathway
    assert s.run.pathway == "welfare"
    flow, node, answers, last_seq, pathway = raw(svc).execute(RAW_POSITION, (s.uuid,)).fetchone()
    assert pathway == "welfare"
    assert {"current_flow": flow, "current_node": node, "answers_count": answers, "last_seq": last_seq} == _expected(s)
    s.answer(WALK_GP[4])  # and the next answer keeps it in its row again
    assert {k: svc._calls.get(s.uuid)[k] for k in _expected(s)} == _expected(s)


def test_closing_writes_the_position_into_the_calls_row_and_the_record_verifies(svc):
    s = walk(start(svc))
    expected = _expected(s)
    s.finalise(caller_informed=True)
    flow, node, answers, last_seq, _ = raw(svc).execute(RAW_POSITION, (s.uuid,)).fetchone()
    assert {"current_flow": flow, "current_node": node, "answers_count": answers, "last_seq": last_seq} == expected
    assert answers == len(WALK_GP)
    res = svc.verify()
    assert res.ok, res.problems
    # an abandoned call too
    a = walk(start(svc), WALK_GP[:2])
    expected = _expected(a)
    a.abandon("caller rang off")
    assert raw(svc).execute(RAW_POSITION, (a.uuid,)).fetchone()[2:4] == (expected["answers_count"],
                                                                          expected["last_seq"])
    assert svc.verify().ok


def test_the_interrupted_calls_list_counts_the_answers_kept_in_rows(open_svc):
    svc = open_svc()
    s = walk(start(svc), WALK_GP[:3])
    last_wall = s.run.events[-1].wall
    svc.close()
    svc = open_svc()
    [info] = svc.interrupted_calls()
    assert info.uuid == s.uuid and info.answers_count == 3 and info.updated_at == last_wall
    assert len(svc.resume_call(info.uuid).run.answers) == 3
    svc.close()


def test_an_answer_to_a_call_closed_elsewhere_is_refused_by_the_insert_itself(svc):
    """No UPDATE checks the call is open any more: the INSERT's trigger does, also when the chain tail is reused."""
    s = start(svc)
    s.answer(WALK_GP[0])
    c = raw(svc)
    c.execute("UPDATE calls SET status = 'final' WHERE uuid = ?", (s.uuid,))  # another connection closes it
    c.close()
    n = svc.store.conn.execute("SELECT count(*) FROM call_events").fetchone()[0]
    with pytest.raises(CallImmutable):
        s.answer(WALK_GP[1])
    assert svc.store.conn.execute("SELECT count(*) FROM call_events").fetchone()[0] == n


def test_a_restore_lists_an_open_call_that_moved_on_since_the_backup(svc, paths):
    s = walk(start(svc), WALK_GP[:2])
    source = svc.backup()
    s.answer(WALK_GP[2])  # newer than the backup only in its events
    svc.store.conn.execute("PRAGMA wal_checkpoint(FULL)")
    found = backups.live_only_calls(paths.database(), source)
    assert [(c.uuid, c.why) for c in found] == [(s.uuid, "newer than the backup")]


def test_the_position_columns_are_frozen_like_every_event_column(svc):
    s = walk(start(svc), WALK_GP[:2])
    c = raw(svc)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        c.execute("UPDATE call_events SET pos_answers = 99 WHERE call_uuid = ? AND pos_seq IS NOT NULL", (s.uuid,))
    c.close()
