"""The engine: answers, back/change with superseded answers, interrupts, overrides, timings, replay."""
from pathlib import Path

import pytest

from triage_desktop.core.checker import check_paths
from triage_desktop.core.engine import EngineError, FlowRun

HERE = Path(__file__).parent


class FakeClock:
    """A clock we control (the PC clock is not ours to change): wall and monotonic move independently."""

    def __init__(self):
        import datetime as dt

        self._wall = dt.datetime(2026, 11, 23, 14, 2, tzinfo=dt.timezone.utc)
        self.mono = 1000.0

    def wall(self):
        return self._wall

    def monotonic(self):
        return self.mono

    def tick(self, s, wall_jump=0):
        import datetime as dt

        self.mono += s
        self._wall += dt.timedelta(seconds=s + wall_jump)


@pytest.fixture()
def lib():
    return check_paths([HERE / "flows_ok"]).library()


def to_welfare(run):
    for a in ("no", "none", 40, "welfare"):
        run.answer(a)


def test_whole_call_reaches_outcome_with_filled_rationale(lib):
    run = FlowRun(lib, "mini_entry")
    to_welfare(run)
    assert run.current == ("mini_path", "where")
    run.answer("Flat 2, 10 O'Hara Rd")
    run.answer(["confused"])
    run.answer(None)
    out = run.outcome
    assert out.code == "GP_OR_111" and not out.police
    assert out.rationale == "No threshold: Confused."
    assert run.flags == {"capacity_concern"}
    assert [f["id"] for f in run.flows_used] == ["mini_entry", "mini_path"]
    assert all(len(f["hash"]) == 64 for f in run.flows_used)
    assert run.snapshot()["police_attend"] is False


def test_yaml_style_booleans_are_yes_no(lib):
    run = FlowRun(lib, "mini_entry")
    run.answer(True)
    assert run.outcome.code == "POLICE_EMERGENCY"
    assert "risk now Yes" in run.outcome.rationale


def test_bad_answers_are_refused_and_change_nothing(lib):
    run = FlowRun(lib, "mini_entry")
    for bad in ("maybe", 3, None):
        with pytest.raises(EngineError):
            run.answer(bad)
    run.answer("no")
    run.answer("none")
    for bad in ("abc", float("nan"), -1e400, []):
        with pytest.raises(EngineError):
            run.answer(bad)
    assert len(run.events) == 2 and run.current == ("mini_entry", "age")


def test_back_and_change_marks_superseded_and_rederives_path(lib):
    run = FlowRun(lib, "mini_entry")
    to_welfare(run)
    run.answer("somewhere")
    run.back()
    assert run.current == ("mini_path", "where")
    run.back()
    assert run.current == ("mini_entry", "pathway")
    run.back()
    assert run.current == ("mini_entry", "age")
    assert run.outcome is None
    run.answer(12)  # change: now a child
    # the pathway answer still applies (same node on the new path); the call continues at the frontier
    assert run.current == ("mini_path", "concerns")
    assert "under_18" in run.flags
    superseded = [a for a in run.answers if a.superseded]
    assert [(a.node, a.value) for a in superseded] == [("age", 40)]
    # change the crime answer: the whole welfare branch is now off the path, kept as superseded
    run.jump_to("mini_entry", "crime")
    run.answer("past")
    assert run.outcome.code == "POLICE_SCHEDULED"
    sup = {(a.node, str(a.value)) for a in run.answers if a.superseded}
    assert {("age", "40"), ("crime", "none"), ("age", "12"), ("pathway", "welfare"), ("where", "somewhere")} <= sup
    assert run.flags == {"crime"}  # flags come from the current path only


def test_stale_superseded_answer_never_decides_outcome(lib):
    run = FlowRun(lib, "mini_entry")
    run.answer("no")
    run.answer("past")  # crime flag -> scheduled
    run.back()
    run.answer("none")
    assert "crime" not in run.flags
    assert run.current == ("mini_entry", "age")


def test_immediate_risk_from_the_middle(lib):
    run = FlowRun(lib, "mini_entry")
    to_welfare(run)
    with pytest.raises(EngineError):
        run.immediate_risk("  ")
    run.immediate_risk("caller now says he is on the bridge")
    out = run.outcome
    assert out.code == "POLICE_EMERGENCY" and out.source == "immediate_risk"
    # the reason is recorded with the outcome, but free text is never quoted into the rationale (issue 8)
    assert out.reason == "caller now says he is on the bridge"
    assert "bridge" not in out.rationale and "not quoted" in out.rationale
    assert [p.code for p in out.partners] == ["ambulance"]  # offered like any other emergency outcome
    assert {"risk_to_life", "immediate_risk_interrupt"} <= run.flags
    assert run.current is None
    with pytest.raises(EngineError):
        run.answer("x")


def test_early_exit_lists_questions_not_asked(lib):
    run = FlowRun(lib, "mini_entry")
    run.answer("no")
    with pytest.raises(EngineError):
        run.early_exit("", "ADVICE_ONLY")
    with pytest.raises(EngineError):
        run.early_exit("hung up", "NOT_A_CODE")
    run.early_exit("caller hung up", "ADVICE_ONLY")
    out = run.outcome
    assert out.code == "ADVICE_ONLY" and out.source == "early_exit"
    assert "Crime? (risk question)" in out.rationale and "Age" in out.rationale and "Where?" in out.rationale
    assert "Risk to life now?" not in out.rationale


def test_override_needs_reason_and_keeps_original(lib):
    run = FlowRun(lib, "mini_entry")
    with pytest.raises(EngineError):
        run.override("POLICE_PRIORITY", "because")  # no outcome yet
    run.answer("no")
    run.answer("past")
    with pytest.raises(EngineError):
        run.override("POLICE_PRIORITY", "")
    with pytest.raises(EngineError):
        run.override("POLICE_SCHEDULED", "same")
    run.override("POLICE_PRIORITY", "victim is elderly and alone")
    out = run.outcome
    assert out.code == "POLICE_PRIORITY" and out.original_code == "POLICE_SCHEDULED"
    # the reason is kept beside the rationale, never quoted inside it; the rationale is rebuilt for the new code
    assert out.reason == "victim is elderly and alone" and "victim is elderly" not in out.rationale
    assert out.rationale.startswith("Outcome changed by the handler from police scheduled (POLICE_SCHEDULED) to "
                                    "police priority (POLICE_PRIORITY)")
    assert "Crime occurring or occurred" in out.rationale  # the threshold the answers met, in words
    assert run.thrive["engagement"] == "Outcome changed by the handler to police priority"
    assert out.caller_informed.startswith("Caller told (outcome changed by the handler): ")
    assert run.snapshot()["overridden"] is True
    # changing an answer so a different outcome is reached drops the override (it no longer applies)
    run.back()
    run.answer("in_progress")
    assert run.outcome.code == "POLICE_EMERGENCY" and run.outcome.source == "flow"


def test_handover_attributes_later_steps(lib):
    run = FlowRun(lib, "mini_entry", actor="4521", role="call_handler")
    run.answer("no")
    run.handover("MH-77", "mh_practitioner")
    run.answer("none")
    ev = run.events
    assert (ev[0].actor, ev[-1].actor, ev[-1].role) == ("4521", "MH-77", "mh_practitioner")
    assert ev[1].kind == "handover" and ev[1].value == {"from": "4521", "from_role": "call_handler"}
    assert run.answers[0].actor == "4521" and run.answers[1].actor == "MH-77"


def test_volunteered_and_notes(lib):
    run = FlowRun(lib, "mini_entry")
    run.answer("no", volunteered=True)
    run.note("Caller: \"he's got a ‘knife’\" 🙂 — ملاحظة")
    assert run.answers[0].volunteered is True
    assert run.notes == ["Caller: \"he's got a ‘knife’\" 🙂 — ملاحظة"]


def test_timings_use_monotonic_offsets_not_wall_clock(lib):
    clock = FakeClock()
    run = FlowRun(lib, "mini_entry", clock=clock)
    clock.tick(5, wall_jump=-3600)  # someone sets the PC clock back an hour
    run.answer("no")
    clock.tick(7)
    run.answer("past")
    offs = [e.offset for e in run.events]
    assert offs == [5.0, 12.0]
    assert run.started_at.startswith("2026-11-23T14:02")
    assert run.decision_offset == 12.0


def test_replay_rebuilds_identical_state(lib):
    clock = FakeClock()
    run = FlowRun(lib, "mini_entry", clock=clock, actor="1", role="call_handler")
    to_welfare(run)
    run.answer("x")
    run.back()
    run.answer("y")
    run.handover("2", "mh_practitioner")
    run.answer(["fallen"])
    run.note("n")
    stored = [e.to_dict() for e in run.events]
    again = FlowRun.replay(lib, "mini_entry", stored, started_at=run.started_at, clock=clock)
    assert again.snapshot() == run.snapshot()
    assert again.actor == ("2", "mh_practitioner")
    clock.tick(3)
    ev = again.answer(None)
    assert ev.seq == len(stored) + 1 and ev.offset >= stored[-1]["offset"]
    assert again.outcome.code == "AMBULANCE"


def test_step_timings_from_shown_to_answered(lib):
    clock = FakeClock()
    run = FlowRun(lib, "mini_entry", clock=clock)
    run.shown()
    clock.tick(4)
    run.answer("no")
    clock.tick(1)
    run.shown()
    clock.tick(2.5)
    run.answer("none")
    t = run.step_timings()
    assert [(x["node"], x["shown_s"], x["answered_s"], x["took_s"]) for x in t] == [
        ("risk_now", 0.0, 4.0, 4.0), ("crime", 5.0, 7.5, 2.5)]


def test_immediate_risk_raises_thrive_threat_and_risk(lib):
    run = FlowRun(lib, "mini_entry")
    run.answer("no")
    run.immediate_risk("weapon now mentioned")
    assert run.thrive["threat"].startswith("High") and run.thrive["risk"].startswith("High")
    assert run.thrive_levels["threat"] == "high" and run.thrive_levels["risk"] == "high"
