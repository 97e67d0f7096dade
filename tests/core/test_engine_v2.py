"""Flow format v2 in the engine: who is calling, caller variants, decide then keep asking, raise only, finish,
skip when the caller is with the person, immediate risk builds the same decision (tests/core/flows_v2)."""
from pathlib import Path

import pytest

from triage_desktop.core.cases import run_case
from triage_desktop.core.checker import check_paths
from triage_desktop.core.engine import EngineError, FlowRun
from triage_desktop.core.model import TestCase as FlowCase

HERE = Path(__file__).parent


class StepClock:
    """A clock that moves one second per reading of the monotonic time, so offsets are predictable."""

    def __init__(self):
        import datetime as dt

        self.t = 0.0
        self.dt = dt

    def wall(self):
        return self.dt.datetime(2026, 1, 1, tzinfo=self.dt.timezone.utc) + self.dt.timedelta(seconds=self.t)

    def monotonic(self):
        return self.t


@pytest.fixture(scope="module")
def lib():
    res = check_paths([HERE / "flows_v2"])
    assert res.ok, [str(p) for p in res.problems]
    assert not res.problems, [str(p) for p in res.problems]  # no warnings either
    return res.library()


def test_caller_type_from_entry_node_and_variants_fall_back(lib):
    run = FlowRun(lib, "v2_entry")
    assert run.caller_type is None
    run.answer("hcp_ae_ward")
    assert run.caller_type == "hcp_ae_ward" and run.caller_group == "professional"
    node = run.current_node
    assert run.text(node) == "Is your patient, or anyone else, in danger right now?"  # group form
    run.set_caller_type("police")  # a specific form beats its group
    assert run.text(run.current_node) == "Is the person, or anyone there, in danger right now?"
    run.set_caller_type("family_friend_public")
    assert run.text(run.current_node) == "Is the person you're calling about in danger right now?"
    run.set_caller_type("self")
    assert run.text(run.current_node).startswith("Are you, or is anyone with you")
    ev = run.set_caller_type(None)
    assert ev.kind == "caller_type" and run.text(run.current_node).startswith("Is anyone in danger")
    with pytest.raises(EngineError):
        run.set_caller_type("nurse")


def test_decision_recorded_at_once_then_steps(lib):
    clock = StepClock()
    run = FlowRun(lib, "v2_entry", clock=clock)
    clock.t = 5
    run.answer("hcp_ae_ward")
    clock.t = 42
    run.answer("yes")
    kinds = [e.kind for e in run.events]
    assert kinds[-2:] == ["answered", "decision"]
    dec = run.events[-1]
    assert dec.code == "POLICE_PRIORITY" and dec.offset == 42
    assert run.decision_offset == 42  # time to decision
    assert run.outcome is None and run.in_post_decision  # the steps go on
    assert run.decision.code == "POLICE_PRIORITY"
    # the decision's script is chosen for the professional caller, never "sent to you"
    assert "your service keeps its duty of care" in run.decision.script
    assert run.current == ("v2_entry", "otw_with_person")
    assert run.snapshot()["decision"]["code"] == "POLICE_PRIORITY"


def _to_decision(run, caller="hcp_ae_ward"):
    run.answer(caller)
    run.answer("yes")


def test_steps_add_partners_raise_and_finish(lib):
    clock = StepClock()
    run = FlowRun(lib, "v2_entry", clock=clock)
    _to_decision(run)
    clock.t = 50
    run.answer("no")  # not with the person
    run.answer("by the river")  # where (asked: not with them)
    run.answer("yes")  # ambulance too
    clock.t = 70
    run.answer("yes")  # weapon now: raise to emergency
    assert [e.kind for e in run.events[-2:]] == ["answered", "decision_raised"]
    assert run.events[-1].code == "POLICE_EMERGENCY" and run.events[-1].offset == 70
    assert run.decision.code == "POLICE_EMERGENCY" and run.decision_offset == 0  # first decision time kept
    info = run.decision_info
    assert info.first_code == "POLICE_PRIORITY" and info.raised and info.raised_offset == 70
    assert run.partners_added == ["ambulance"]
    run.finish()  # handler finishes before the child question and the safety advice
    out = run.outcome
    assert out is not None and out.code == "POLICE_EMERGENCY" and out.first_code == "POLICE_PRIORITY" and out.raised
    assert [p.code for p in out.partners_added] == ["ambulance"]
    assert "ambulance" in [p.code for p in out.partners] and "place_of_safety" in [p.code for p in out.partners]
    not_asked = run.not_asked
    assert [n["node"] for n in not_asked] == ["otw_child", "otw_safety"]
    assert all(n["reason"] == "call finished first" for n in not_asked)
    assert run.answer_at(("v2_entry", "otw_child")) is None  # never recorded as "no"
    with pytest.raises(EngineError):
        run.answer("no")
    with pytest.raises(EngineError):
        run.finish()


def test_never_lower_going_back_keeps_the_raise(lib):
    run = FlowRun(lib, "v2_entry")
    _to_decision(run)
    run.answer("no")
    run.answer("on the bus")
    run.answer("no")
    run.answer("yes")  # raise to emergency
    run.back()
    assert run.current == ("v2_entry", "otw_weapon")
    run.answer("no")  # changing the raising answer does not lower the decision
    assert run.decision.code == "POLICE_EMERGENCY"
    # the questions before the decision are locked once it is recorded
    while True:
        try:
            run.back()
        except EngineError as exc:
            assert "decision is recorded" in str(exc)
            break
    with pytest.raises(EngineError):
        run.jump_to("v2_entry", "risk_now")
    with pytest.raises(EngineError):
        run.early_exit("wrong call", "ADVICE_ONLY")


def test_skip_when_caller_with_the_person(lib):
    run = FlowRun(lib, "v2_entry")
    _to_decision(run, "family_friend_public")
    run.answer("yes")  # with the person
    assert run.current == ("v2_entry", "otw_ambulance")  # "where did you last see them" skipped
    assert run.not_asked == [{"flow": "v2_entry", "node": "otw_where", "title": "Where is the person now?",
                              "reason": "caller with the person"}]
    snap = run.snapshot()
    step = next(p for p in snap["path"] if p["node"] == "otw_where")
    assert step["skipped"] == "caller with the person" and step["answer"] == "Not asked"


def test_post_decision_route_to_a_higher_outcome(lib):
    run = FlowRun(lib, "v2_entry")
    run.answer("self")
    run.answer("no")
    run.answer("welfare")
    run.answer("no")  # no plans: crisis line decided, then the step
    assert run.decision.code == "MH_CRISIS_LINE" and run.in_post_decision
    run.answer("yes")  # means with them now: emergency
    out = run.outcome
    assert out.code == "POLICE_EMERGENCY" and out.raised and out.first_code == "MH_CRISIS_LINE"
    assert [e.kind for e in run.events].count("decision_raised") == 1


def test_immediate_risk_builds_the_decision_and_continues(lib):
    preset = "Person says they are about to harm themselves"
    run = FlowRun(lib, "v2_entry")
    run.answer("hcp_community")
    run.answer("no")
    run.answer("welfare")  # now in v2_path, at 'plans'
    run.immediate_risk(preset)
    assert [e.kind for e in run.events[-2:]] == ["immediate_risk", "decision"]
    assert run.in_post_decision and run.current == ("v2_path", "ir_means")  # the pathway's own steps
    dec = run.decision
    assert dec.code == "POLICE_EMERGENCY" and dec.source == "immediate_risk" and dec.reason == preset
    assert "imminent self-harm" in dec.rationale and preset not in dec.rationale  # category named, never quoted
    # offered like any emergency outcome: the ambulance and the pathway's own emergency partners
    assert [p.code for p in dec.partners] == ["ambulance", "crisis_team"]
    assert "sent to you" not in dec.script  # professional wording of the built-in script
    assert run.not_asked[0]["node"] == "plans"
    run.answer("no")
    assert run.outcome.code == "POLICE_EMERGENCY" and run.status == "immediate_risk"


def test_immediate_risk_free_text_is_never_quoted(lib):
    run = FlowRun(lib, "v2_entry")
    run.answer("self")
    run.immediate_risk("Mr Smith at 4 High St has a knife")
    dec = run.decision
    assert "Smith" not in dec.rationale and "knife" not in dec.rationale
    assert [p.code for p in dec.partners] == ["ambulance"]
    assert run.current == ("v2_entry", "otw_where")  # entry triage's generic steps


def test_immediate_risk_after_a_decision_raises_it(lib):
    run = FlowRun(lib, "v2_entry")
    _to_decision(run)
    run.answer("no")
    run.immediate_risk("Caller says someone is being attacked or threatened now")
    assert run.decision.code == "POLICE_EMERGENCY"
    assert run.events[-1].kind == "decision_raised"
    assert run.current == ("v2_entry", "otw_where")  # the steps go on where they were


def test_replay_rebuilds_the_same_state(lib):
    run = FlowRun(lib, "v2_entry")
    _to_decision(run, "ambulance")
    run.answer("yes")
    run.answer("unknown")
    run.set_caller_type("hcp_gp")
    run.answer("unknown")
    again = FlowRun.replay(lib, "v2_entry", [e.to_dict() for e in run.events])
    assert again.snapshot()["decision"] == run.snapshot()["decision"]
    assert again.caller_type == "hcp_gp" and again.partners_added == ["ambulance"]
    assert again.current == run.current and again.not_asked == run.not_asked
    assert [e.kind for e in again.events] == [e.kind for e in run.events]


def test_cases_run_through_the_post_decision_steps(lib):
    case = FlowCase(name="nurse, weapon after the decision", answers=("hcp_ae_ward", "yes", "no", "flat 2", "no",
                                                                       "yes"),
                    expect="POLICE_EMERGENCY", expect_first_decision="POLICE_PRIORITY", expect_partners_added=(),
                    expect_not_asked=("otw_child", "otw_safety"))
    r = run_case(lib, "v2_entry", case)
    assert r.passed, r.line()
    bad = FlowCase(name="wrong", answers=("hcp_ae_ward", "yes"), expect="POLICE_PRIORITY",
                   expect_partners_added=("ambulance",))
    r = run_case(lib, "v2_entry", bad)
    assert not r.passed and "partners added" in r.detail


def test_safeguarding_kept_on_an_emergency_path(lib):
    """A child found after the decision: the under-18 flag and the children's services referral are added and kept
    (never lost because the call already has its police decision)."""
    run = FlowRun(lib, "v2_entry")
    _to_decision(run, "family_friend_public")
    run.answer("yes")  # with the person
    run.answer("no")  # no ambulance
    run.answer("no")  # no weapon
    run.answer("yes")  # a child is there
    run.answer(None)  # safety advice given: next is finish
    out = run.outcome
    assert out is not None and out.code == "POLICE_PRIORITY"
    assert "under_18" in run.flags and [p.code for p in out.partners_added] == ["childrens_services"]
    assert "childrens_services" in [p.code for p in out.partners]



def test_immediate_risk_after_an_early_exit_still_sends_police(lib):
    run = FlowRun(lib, "v2_entry")
    run.answer("self")
    run.early_exit("caller hung up", "ADVICE_ONLY")
    assert run.outcome.code == "ADVICE_ONLY"
    run.immediate_risk("Caller screaming / call cut off in distress")
    assert run.decision.code == "POLICE_EMERGENCY" and "caller in distress or call cut off" in run.decision.rationale
    run.finish()
    assert run.outcome.code == "POLICE_EMERGENCY"


def test_caller_view_is_plain_data_for_the_screens(lib):
    from triage_desktop.core.callerview import caller_view

    run = FlowRun(lib, "v2_entry")
    cv = caller_view(run)
    assert cv.caller_type is None and cv.caller_label == "Not recorded yet" and cv.decision is None
    _to_decision(run)
    cv = caller_view(run)
    assert cv.caller_label == "Health professional: A&E or ward" and cv.caller_group == "professional"
    assert cv.in_post_decision and cv.has_post_decision and cv.first_post_step
    assert cv.decision.first_code == "POLICE_PRIORITY" and cv.decision.police and cv.decision.headline
    run.answer("yes")  # with the person: 'where' skipped
    cv = caller_view(run)
    assert not cv.first_post_step and cv.caller_with_person == "yes"
    assert [(n.node, n.reason) for n in cv.not_asked] == [("otw_where", "caller with the person")]


def test_early_exit_lists_threshold_questions_not_the_post_decision_steps(lib):
    run = FlowRun(lib, "v2_entry")
    run.answer("self")
    titles = run.unasked_titles()
    assert "Risk to life now? (risk question)" in titles
    assert not any(t.startswith(("Where is the person", "Ambulance also", "Child involved")) for t in titles)
