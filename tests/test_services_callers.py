"""Issue 8 through the services facade on a real SQLite file: caller type, the decision and its time, raise,
finish with steps not asked, the record / report / incident-log block, and repeat contact on this PC."""
import datetime as dt
import json
import re
import sqlite3
from pathlib import Path

import pytest

from triage_desktop.core.engine import Clock
from triage_desktop.paths import AppPaths
from triage_desktop.services import AppServices

FLOWS_V2 = Path(__file__).parent / "core" / "flows_v2"


class ShiftedClock(Clock):
    """The real clocks, with the wall clock moved back by some days (an 'earlier' call)."""

    def __init__(self, days_back: float = 0.0):
        self.days_back = days_back

    def wall(self):
        return super().wall() - dt.timedelta(days=self.days_back)


@pytest.fixture
def svc():
    s = AppServices.open(AppPaths.default(), training=False, flows_dir=FLOWS_V2)
    yield s
    s.close()


def start(svc, days_back: float = 0.0):
    svc.clock = ShiftedClock(days_back) if days_back else None
    return svc.start_call(handler_id="1234", role="call_handler", entry_flow="v2_entry")


def stored_events(svc, uuid):
    return [(r["kind"], r["code"]) for r in svc._calls.events(uuid)]


def test_decision_stored_with_its_cause_then_steps_and_finish(svc):
    s = start(svc)
    s.answer("hcp_ae_ward")
    s.answer("yes")  # threshold met: decision recorded at once
    kinds = stored_events(svc, s.uuid)
    assert kinds[-2:] == [("answered", ""), ("decision", "POLICE_PRIORITY")]
    row = svc._calls.get(s.uuid)
    assert row["caller_type"] == "hcp_ae_ward" and row["current_node"] == "otw_with_person"
    s.answer("no")
    s.answer("the car park")
    s.answer("yes")  # ambulance too
    s.answer("yes")  # weapon: raise
    assert stored_events(svc, s.uuid)[-1] == ("decision_raised", "POLICE_EMERGENCY")
    s.set_caller_type("hcp_mh_unit")  # changed later: recorded, re-rendered
    s.finish()
    row = s.finalise(caller_informed=True).row
    assert row["outcome_code"] == "POLICE_EMERGENCY" and row["first_decision_code"] == "POLICE_PRIORITY"
    assert row["decision_raised"] == 1 and row["caller_type"] == "hcp_mh_unit"
    assert row["decision_offset_s"] is not None and row["decision_offset_s"] <= row["duration_s"]
    rep = svc.call_report(s.uuid)
    assert rep["decision"]["first_code"] == "POLICE_PRIORITY" and rep["decision"]["raised"]
    assert rep["partners_added"] == ["ambulance"]
    assert [n["node"] for n in rep["not_asked"]] == ["otw_child", "otw_safety"]
    text = svc.incident_log_text(s.uuid)
    assert "Caller: Mental-health unit" in text
    assert "DECISION: POLICE TO ATTEND\nOutcome: police emergency (POLICE_EMERGENCY)" in text
    flat = " ".join(text.split())
    assert re.search(r"Time to decision: 00:00 after the call started \(decided at \d\d:\d\d:\d\d, first as "
                     r"police priority\)", flat)
    assert re.search(r"Raised: to police emergency at \d\d:\d\d:\d\d", text)
    assert "Added after the decision: Ambulance service" in text
    assert "Not asked (call finished first): Child involved?; Safety advice" in text


def test_resume_in_the_post_decision_steps(svc):
    s = start(svc)
    s.answer("family_friend_public")
    s.answer("yes")
    s.answer("yes")  # with the person: 'where' is skipped
    again = svc.resume_call(s.uuid)
    assert again.run.in_post_decision and again.run.current == ("v2_entry", "otw_ambulance")
    assert again.run.caller_type == "family_friend_public"
    assert again.run.decision_offset == s.run.decision_offset
    assert again.run.not_asked[0]["reason"] == "caller with the person"


def test_immediate_risk_through_services(svc):
    s = start(svc)
    s.answer("self")
    s.immediate_risk("My own words about the person")
    assert stored_events(svc, s.uuid)[-2:] == [("immediate_risk", ""), ("decision", "POLICE_EMERGENCY")]
    s.finish()
    row = s.finalise(caller_informed=True).row
    assert row["immediate_risk"] == 1 and row["first_decision_code"] == "POLICE_EMERGENCY"
    assert "My own words" not in (row["rationale"] or "")
    assert row["immediate_risk_reason"] == "My own words about the person"  # recorded, for the block
    text = " ".join(svc.incident_log_text(s.uuid).split())
    assert re.search(r"Immediate risk recorded: at \d\d:\d\d:\d\d\. Reason: My own words about the person", text)


def _finish_advice(s):
    s.answer("self")
    s.answer("no")
    s.answer("advice")
    return s.finalise(caller_informed=True).row


def test_repeat_contact_count_on_a_third_call_from_the_same_number(svc):
    old = start(svc, days_back=10)  # outside the 7-day window of every later call: not counted
    old.set_personal(caller_phone="07700 900123")
    _finish_advice(old)
    first = start(svc, days_back=2)
    assert first.set_personal(caller_phone="07700 900123").count == 0  # 8 days before this one: out of the window
    _finish_advice(first)
    second = start(svc, days_back=1)
    found = second.set_personal(caller_phone="+44 7700 900123")  # same number, written differently
    assert found.count == 1 and found.calls[0].uuid == first.uuid
    _finish_advice(second)
    third = start(svc)
    found = third.set_personal(caller_phone="0044 (0)7700-900123".replace("(0)", ""))
    assert found.count == 2 and found.scope == "this PC only" and found.window_days == 7
    assert [c.uuid for c in found.calls] == [second.uuid, first.uuid]  # newest first, with times and outcomes
    assert all(c.outcome_code == "ADVICE_ONLY" and not c.police_attend for c in found.calls)
    assert found.calls[0].started_at > found.calls[1].started_at
    assert third.repeat_contact().count == 2
    other = third.set_personal(caller_phone="07700 900999")  # a different number: no repeat
    assert other.count == 0
    third.set_personal(caller_phone="07700900123")
    row = _finish_advice(third)
    assert json.loads(row["repeat_links_json"]) == sorted([first.uuid, second.uuid])  # uuids only


def test_repeat_contact_by_the_persons_name_keeps_no_name(svc):
    a = start(svc)
    assert a.set_person_name("Anne-Marie O'Neil").count == 0
    _finish_advice(a)
    b = start(svc)
    found = b.set_person_name("  anne marie  oneil ")
    assert found.count == 1 and found.calls[0].matched_on == ("name",)
    db = sqlite3.connect(svc.store.paths.database(False))
    dump = "\n".join(db.iterdump())
    db.close()
    assert "Anne" not in dump and "oneil" not in dump.lower().replace("o'neil", "")  # only salted hashes


def test_purge_removes_the_repeat_hashes(svc):
    old = start(svc, days_back=40)
    old.set_personal(caller_phone="07700 900555")
    _finish_advice(old)
    assert svc.store.conn.execute("SELECT count(*) FROM repeat_keys").fetchone()[0] == 1
    svc.purge_expired()
    assert svc.store.conn.execute("SELECT count(*) FROM repeat_keys").fetchone()[0] == 0
