"""Text round-trips exactly: 100 KB, emoji, right-to-left script, quotes and SQL-looking strings (hypothesis too)."""
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from store_support import WALK_GP, start

SPECIAL = [
    "x" * 100_000,
    "🚓🧠💬 emoji 👩🏽‍⚕️ family 👨‍👩‍👧",
    "مرحبا، هل أنت بخير؟ שלום עולם",
    "O'Brien said \"it's fine\" `backtick` \\ backslash",
    "'); DROP TABLE calls; --",
    "Robert'); DELETE FROM call_events WHERE ('1'='1",
    "NULL", "", " leading and trailing spaces ", "line\nbreaks\r\nand\ttabs", "nul\x00inside",
    "\u202eright-to-left override\u202c", "zero\u200bwidth",
]
text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400)


def check_round_trip(svc, value: str) -> None:
    s = start(svc)
    for a in WALK_GP[:4]:
        s.answer(a)
    s.answer(value)  # the free-text question
    s.note(value)
    s.set_personal(caller_name=value or None, address=value or None)
    s.immediate_risk(value if value.strip() else "reason")
    again = svc.resume_call(s.uuid)
    assert again.run.answers[-1].value == value
    assert again.run.notes == [value]
    row = svc._calls.get(s.uuid)
    assert row["notes"] == (value or None)
    assert row["caller_name"] == (value or None) and row["address"] == (value or None)
    again.finalise(caller_informed=True)
    if value.strip():
        svc.add_addendum(s.uuid, value, value, "1234")
        rep = svc.call_report(s.uuid)
        assert rep["addenda"][0]["text"] == value and rep["addenda"][0]["reason"] == value.strip()
        assert rep["call"]["immediate_risk_reason"] == value.strip()
    assert [e["text"] for e in svc.call_report(s.uuid)["events"] if e["kind"] == "note"] == [value]


@pytest.mark.parametrize("value", SPECIAL, ids=range(len(SPECIAL)))
def test_special_strings_round_trip(svc, value):
    check_round_trip(svc, value)
    assert svc.verify().ok


@settings(max_examples=40, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=text)
def test_any_text_round_trips(svc, value):
    check_round_trip(svc, value)


def test_round_trip_survives_reopen(open_svc):
    svc = open_svc()
    uuids = []
    for v in SPECIAL[1:6]:
        s = start(svc)
        s.note(v)
        uuids.append((s.uuid, v))
    svc.close()
    svc = open_svc()
    for uuid, v in uuids:
        assert svc.resume_call(uuid).run.notes == [v]
    assert svc.verify().ok


def test_fts_search_with_sql_and_quotes(svc):
    s = start(svc)
    s.note("O'Brien said \"DROP TABLE\" near the café")
    assert [r["uuid"] for r in svc.history.search("O'Brien")] == [s.uuid]
    assert [r["uuid"] for r in svc.history.search('"DROP TABLE"')] == [s.uuid]
    assert [r["uuid"] for r in svc.history.search("café")] == [s.uuid]
    assert svc.history.search("AND OR NOT (") == []
