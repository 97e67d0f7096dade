"""An answer's row built in one step (store/eventrows.py answer_row) is exactly the row the general builder makes
(insert_for(event_params(...))): the same INSERT, the same values, the same hash; rows of any other shape are left to
the general builder (None). Then through the store: answers recorded that way pass `verify`'s chain check."""
from __future__ import annotations

import math
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from triage_desktop.core.engine import Event
from triage_desktop.store.chain import event_hash
from triage_desktop.store.eventrows import HASH_AT, STORED_EVENT_COLUMNS, answer_row, event_params, insert_for
from triage_desktop.store.shownfold import shown_json

WALL = "2026-11-01T00:00:00.000+00:00"
SHOWN = Event(seq=4, kind="shown", wall=WALL, offset=3.0, actor="1234", role="call_handler", flow="entry_triage",
              node="crime_now")
POS = ("entry_triage", "crime_now", 2, 4, WALL)


class Key:
    def sign(self, digest: str) -> str:
        return "mac:" + digest


def general(row_id: int, prev: str, head: str, call_uuid: Any, ev: Event, private: bool, shown: Event,
            key: Any, pos: tuple[Any, ...]) -> tuple[str, tuple[Any, ...], str]:
    row = event_params(row_id, prev, head, call_uuid, ev.seq, ev.kind, ev.wall, ev.offset, ev.actor, ev.role, ev.flow,
                       ev.node, ev.value, private, ev.volunteered, ev.code, ev.reason, ev.text, shown_json(shown), key,
                       pos)
    sql, values = insert_for(row)
    return sql, tuple(values(row)), row[HASH_AT]


text = st.text(st.characters(codec="utf-8"), max_size=12) | st.sampled_from(["", "1234", "Siân", 'q"\\\u2028', "\x00"])
values = (st.sampled_from(["yes", "no", "unknown"]) | text | st.integers(-10 ** 20, 10 ** 20) | st.booleans()
          | st.floats(allow_nan=False, allow_infinity=False) | st.lists(st.sampled_from(["a", "b", "é"]), max_size=3)
          | st.dictionaries(st.sampled_from(["b", "a", "z"]), st.integers(0, 9), max_size=3))


@settings(max_examples=400, deadline=None)
@given(row_id=st.integers(1, 2 ** 40), seq=st.integers(0, 10 ** 6), kind=st.sampled_from(["answered", "override"]),
       offset=st.floats(-1e9, 1e9, allow_nan=False) | st.integers(0, 10 ** 6), actor=text, role=text, flow=text,
       node=text, value=values, volunteered=st.booleans(), code=text, key=st.booleans(),
       prev=st.sampled_from(["", "b" * 64]), head=st.sampled_from(["", "a" * 64]), s_seq=st.integers(0, 10 ** 6),
       s_offset=st.floats(-1e9, 1e9, allow_nan=False) | st.integers(0, 10 ** 6), s_actor=text, s_node=text)
def test_an_answer_row_built_in_one_step_is_the_general_row(row_id, seq, kind, offset, actor, role, flow, node, value,
                                                            volunteered, code, key, prev, head, s_seq, s_offset,
                                                            s_actor, s_node):
    ev = Event(seq=seq, kind=kind, wall=WALL, offset=offset, actor=actor, role=role, flow=flow, node=node, value=value,
               volunteered=volunteered, code=code)
    shown = Event(seq=s_seq, kind="shown", wall=WALL, offset=s_offset, actor=s_actor, role=role, flow=flow,
                  node=s_node)
    signer = Key() if key else None
    fast = answer_row(row_id, prev, head, "00000000-0000-4000-8000-000000000001", ev, False, (shown, False), signer,
                      POS)
    assert fast == general(row_id, prev, head, "00000000-0000-4000-8000-000000000001", ev, False, shown, signer, POS)
    stored = dict(zip(STORED_EVENT_COLUMNS, event_params(
        row_id, prev, head, "00000000-0000-4000-8000-000000000001", ev.seq, ev.kind, ev.wall, ev.offset, ev.actor,
        ev.role, ev.flow, ev.node, ev.value, False, ev.volunteered, ev.code, ev.reason, ev.text, shown_json(shown),
        signer, POS)))
    assert fast is not None and fast[2] == event_hash(stored)


BASE = dict(seq=3, kind="answered", wall=WALL, offset=2.5, actor="1234", role="call_handler", flow="entry_triage",
            node="risk_now", value="no")


@pytest.mark.parametrize("change, private, shown_change, pos, call_uuid", [
    (dict(value=None), False, {}, POS, "u"),  # no value: another NULL pattern
    (dict(), True, {}, POS, "u"),  # a private value: salted
    (dict(reason="why"), False, {}, POS, "u"),
    (dict(text="a note"), False, {}, POS, "u"),
    (dict(), False, {}, ("entry_triage", None, 2, 4, WALL), "u"),  # a position with a gap
    (dict(seq=True), False, {}, POS, "u"),  # a bool is not a sequence number here
    (dict(offset=math.inf), False, {}, POS, "u"),
    (dict(offset="soon"), False, {}, POS, "u"),
    (dict(actor=12), False, {}, POS, "u"),
    (dict(value={"a": math.nan}), False, {}, POS, "u"),
    (dict(), False, {}, POS, None),
    (dict(), False, dict(offset=math.inf), POS, "u"),  # shown_json refuses it
    (dict(kind="shown"), False, {}, POS, "u"),  # a 'shown' is never folded into a 'shown'
    (dict(), False, dict(kind="answered"), POS, "u"),  # only a 'shown' is folded
    (dict(), False, dict(volunteered=True), POS, "u"),  # a 'shown' with something to say keeps its own row
    (dict(), False, dict(code="X"), POS, "u"),
    (dict(), False, dict(reason="r"), POS, "u"),
    (dict(), False, dict(text="t"), POS, "u"),
    (dict(), False, dict(private=True), POS, "u"),
])
def test_a_row_of_another_shape_is_left_to_the_general_builder(change, private, shown_change, pos, call_uuid):
    ev = Event(**{**BASE, **change})
    shown_private = shown_change.pop("private", False)
    shown = Event(**{**BASE, "kind": "shown", "value": None, "seq": 4, **shown_change})
    assert answer_row(9, "b" * 64, "a" * 64, call_uuid, ev, private, (shown, shown_private), None, pos) is None


def test_answers_recorded_in_one_step_keep_the_chain_verify_checks(tmp_path):
    """Through the real store: a run of answers (each the one-step row), then the chain check of `db verify`."""
    from triage_desktop.core.engine import FlowRun
    from triage_desktop.paths import AppPaths
    from triage_desktop.services import load_library
    from triage_desktop.store.calls import CallStore
    from triage_desktop.store.chain import verify
    from triage_desktop.store.database import Store

    library = load_library()
    store = Store.open(AppPaths.from_root(tmp_path / "data"))
    calls = CallStore(store)
    uuid = "00000000-0000-4000-8000-000000000001"
    calls.create(call_uuid=uuid, mode="live", run=FlowRun(library, "entry_triage", actor="1234", role="call_handler"),
                 handler_id="1234", role="call_handler", library=library)
    made = []
    real = answer_row

    def counting(*args: Any) -> Any:
        made.append(real(*args))
        return made[-1]

    import triage_desktop.store.calls as calls_module

    calls_module.answer_row = counting  # type: ignore[assignment]
    try:
        for i in range(1, 60, 2):
            ev = Event(seq=i, kind="answered", wall=WALL, offset=float(i), actor="1234", role="call_handler",
                       flow="entry_triage", node="risk_now", value=["no", "yes", {"n": i}][i % 3])
            shown = Event(seq=i + 1, kind="shown", wall=WALL, offset=float(i), actor="1234", role="call_handler",
                          flow="entry_triage", node="crime_now")
            calls.record(uuid, ev, value_private=False, also=[(shown, False)], position={
                "current_flow": "entry_triage", "current_node": "crime_now", "answers_count": i, "last_seq": i + 1,
                "updated_at": WALL})
    finally:
        calls_module.answer_row = real  # type: ignore[assignment]
    assert len(made) >= 29 and all(m is not None for m in made[1:])  # the first answer may look the tail up
    result = verify(store.conn)
    assert result.problems == [] and result.events_checked >= 31
    rows = store.conn.execute("SELECT count(*) FROM call_events WHERE call_uuid = ? AND chain_version = 2",
                              (uuid,)).fetchone()[0]
    assert rows == 30
    store.close(check=False, backup=False)


@pytest.mark.parametrize("shown_change", [dict(seq=True), dict(value="x"), dict(wall=None)])
def test_a_shown_that_shown_json_writes_another_way_is_folded_as_the_general_way_folds_it(shown_change):
    ev = Event(**BASE)
    shown = Event(**{**BASE, "kind": "shown", "value": None, "seq": 4, **shown_change})
    fast = answer_row(9, "b" * 64, "a" * 64, "u", ev, False, (shown, False), None, POS)
    assert fast is not None and fast == general(9, "b" * 64, "a" * 64, "u", ev, False, shown, None, POS)
