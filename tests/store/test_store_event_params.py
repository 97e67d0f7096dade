"""The durable answer's row builder (store/eventrows.py event_params) builds by position what chain.event_hash and
`db verify` compute from a stored row, and canonical() writes exactly what json.dumps with its arguments writes."""
import json
import math

import pytest

from triage_desktop.store.eventrows import STORED_EVENT_COLUMNS as _STORED_EVENT_COLUMNS, event_params as _event_params
from triage_desktop.store.chain import canonical, event_hash, private_hash

HEAD, PREV = "a" * 64, "b" * 64


class Key:
    def sign(self, digest):
        return "mac:" + digest


@pytest.mark.parametrize("kw", [
    dict(value="no"),
    dict(value=None),
    dict(value={"b": [1, 2.5, None], "a": "é\u2028\"\\"}),
    dict(value="free text typed by the handler", value_private=True),
    dict(value=None, value_private=True, reason="why", text="note"),
    dict(value=40, volunteered=True, code="X1", shown='{"seq":2}'),
    dict(value=True, call_uuid=None, seq=None, actor=None, role=None, flow=None, node=None, code=None),
])
def test_event_params_hash_is_event_hash_of_the_stored_row(kw):
    args = dict(row_id=7, prev_hash=PREV, head=HEAD, call_uuid="u-1", seq=3, kind="answered",
                wall="2026-11-01T00:00:00.000+00:00", offset=12, actor="1234", role="call_handler", flow="f",
                node="n", value=None, value_private=False, volunteered=False, code="", reason=None, text=None,
                shown=None, key=Key())
    args.update(kw)
    row = dict(zip(_STORED_EVENT_COLUMNS, _event_params(**args)))
    assert row["hash"] == event_hash(row)
    assert row["chain_version"] == (2 if args["shown"] is not None else 1)
    assert row["mac"] == "mac:" + row["hash"]
    assert row["id"] == 7 and row["prev_hash"] == PREV and row["prev_call_hash"] == HEAD
    assert row["offset_s"] == 12.0 and isinstance(row["offset_s"], float)
    if row["private_salt"] is not None:
        assert row["private_hash"] == private_hash(row["private_salt"], [
            row["value_json"] if row["value_private"] else None, row["reason"], row["text"]])
    else:
        assert row["private_hash"] is None


@pytest.mark.parametrize("obj", ["no", "é\u2028\"\\\x00", 1, -0.0, 1.5e300, True, None, [], {}, [1, "a", None, 2.5],
                                 {"b": 1, "a": [1, {"z": 2, "y": "é"}]}, {"k": (1, 2)}, 10 ** 30])
def test_canonical_is_json_dumps_sorted_compact(obj):
    assert canonical(obj) == json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                                        allow_nan=False)


@pytest.mark.parametrize("bad", [math.nan, [math.inf], {"a": object()}])
def test_canonical_refuses_what_json_refuses(bad):
    with pytest.raises((ValueError, TypeError)):
        canonical(bad)


@pytest.mark.parametrize("kw", [
    dict(), dict(actor="", role="", flow="", node=""), dict(actor="Siân", node='q"\\\u2028'), dict(offset=-0.0),
    dict(offset=3), dict(offset=1e-7), dict(value="x"), dict(value={"b": 1}), dict(seq=True), dict(offset=math.inf),
    dict(actor=None, role=None), dict(actor=12),
])
def test_shown_json_is_canonical_json_of_the_shown_fields(kw):
    from triage_desktop.core.engine import Event
    from triage_desktop.store.shownfold import shown_json

    fields = dict(seq=12, kind="shown", wall="2026-11-01T00:00:00.000+00:00", offset=101.25, actor="1234",
                  role="call_handler", flow="entry_triage", node="crime_now")
    fields.update(kw)
    ev = Event(**fields)
    expected = lambda: canonical({"seq": ev.seq, "wall": ev.wall, "offset": float(ev.offset), "actor": ev.actor or "",  # noqa: E731
                                  "role": ev.role or "", "flow": ev.flow or "", "node": ev.node or "",
                                  "value": ev.value})
    if kw.get("offset") == math.inf:
        with pytest.raises(ValueError):
            expected()
        with pytest.raises(ValueError):
            shown_json(ev)
        return
    assert shown_json(ev) == expected()


def test_an_event_rows_nulls_are_written_as_nulls(svc):
    """The INSERT writes a row's None values as NULL literals (store/eventrows.py insert_for): the row reads back the
    same, whichever of them are NULL."""
    from store_support import start

    from triage_desktop.store.eventrows import insert_for as _insert_for

    s = start(svc)
    s.track_shown()
    s.answer("no")
    s.note("free text")  # a private row: salt, hash and text set
    rows = svc.store.conn.execute(f"SELECT {', '.join(_STORED_EVENT_COLUMNS)} FROM call_events WHERE call_uuid = ? "
                                  f"ORDER BY id", (s.uuid,)).fetchall()
    for r in rows:
        sql, pick = _insert_for(r)
        assert sql.count("?") == len(pick(r)) == sum(v is not None for v in r)
        assert sql.count("NULL") == sum(v is None for v in r)
    assert any(r[_STORED_EVENT_COLUMNS.index("private_salt")] is not None for r in rows)
    assert svc.verify().ok
