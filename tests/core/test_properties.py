"""Property-based tests: random calls (answers, backs, jumps, changes) through the real flows.

The engine never crashes, never leaves a call without a way on, always ends at an outcome when
questions keep being answered, and the safety invariant holds at every outcome reached."""
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from triage_desktop.core.checker import check_paths
from triage_desktop.core.engine import EngineError, FlowRun
from triage_desktop.core.loader import bundled_flows_dir
from triage_desktop.core.vocab import CALLER_TYPES, OUTCOME_CODES, POLICE_CODES, POLICE_FLAGS, decision_rank

HERE = Path(__file__).parent
LIBS = {
    "fixture": check_paths([HERE / "flows_ok"]).library(),
    "v2": check_paths([HERE / "flows_v2"]).library(),
    "bundled": check_paths([bundled_flows_dir()]).library(),
}


def valid_answer(node, pick: int):
    """A valid answer for a node, chosen by an integer from hypothesis."""
    if node.kind in ("yesno", "choice"):
        return node.options[pick % len(node.options)].value
    if node.kind == "multi":
        chosen = [o.value for i, o in enumerate(node.options) if (pick >> i) & 1]
        if not chosen and not node.allow_none:
            chosen = [node.options[pick % len(node.options)].value]
        return chosen
    if node.kind == "number":
        choices = list(node.options) + ([node.unknown] if node.unknown else [])
        o = choices[pick % len(choices)]
        if o.value == "unknown":
            return "unknown"
        lo = o.min if o.min is not None else (o.max - 1000 if o.max is not None else 0)
        hi = o.max if o.max is not None else lo + 1000
        return lo + (pick % max(1, int(hi - lo)))
    if node.kind == "text":
        return ["", "x", "O'Brien; DROP TABLE calls;--", "日本語 🙂", "\u202eRTL"][pick % 5]
    return None


OUTCOME_CODE_LIST = sorted(OUTCOME_CODES)


def act(run: FlowRun, kind: str, pick: int) -> None:
    """One random action of a property test on the run (EngineError when the engine refuses it)."""
    if kind == "answer":
        run.answer(valid_answer(run.current_node, pick), volunteered=bool(pick & 1))
    elif kind == "garbage":
        run.answer(["", "maybe", -1e12, {"x": 1}, ["nope"]][pick % 5])
    elif kind == "shown":
        run.shown()
    elif kind == "back":
        run.back()
    elif kind == "jump":
        answered = [p for p in run.path if p.answer is not None]
        if answered:
            p = answered[pick % len(answered)]
            run.jump_to(p.flow, p.node.id)
    elif kind == "forward":
        run.forward()
    elif kind == "note":
        run.note(str(pick))
    elif kind == "volunteer":
        run.set_volunteered(bool(pick & 1))
    elif kind == "caller":
        run.set_caller_type(list(CALLER_TYPES)[pick % len(CALLER_TYPES)])
    elif kind == "finish":
        run.finish()
    elif kind == "language":
        run.set_language(("en", "cy")[pick % 2])
    elif kind == "immediate_risk":
        run.immediate_risk(f"reason {pick}")
    elif kind == "early_exit":
        run.early_exit(f"reason {pick}", OUTCOME_CODE_LIST[pick % len(OUTCOME_CODE_LIST)],
                       caller_unreachable=bool(pick & 2))
    elif kind == "override":
        run.override(OUTCOME_CODE_LIST[pick % len(OUTCOME_CODE_LIST)], f"reason {pick}")
    else:
        raise AssertionError(f"unknown action {kind}")


ACTIONS = st.lists(st.tuples(st.sampled_from(["answer", "answer", "answer", "answer", "back", "jump",
                                              "garbage", "note", "volunteer", "caller", "finish"]),
                             st.integers(min_value=0, max_value=2**16)), max_size=60)


def assert_invariants(run: FlowRun, seen: dict):
    out = run.outcome
    if out is not None:
        if run.flags & POLICE_FLAGS and out.source not in ("override", "early_exit"):
            assert out.code in POLICE_CODES, (out.code, sorted(run.flags), run.snapshot()["path"])
        assert out.headline and out.script and out.rationale
    elif run.in_post_decision:
        node = run.current_node
        assert node is not None and node.kind not in ("outcome", "route") and node.after_decision
    elif run.status == "in_progress":
        node = run.current_node
        assert node is not None and node.kind not in ("outcome", "route")
    # decide, then keep asking: once recorded the decision is never lowered and its first code and time never move
    info = run.decision_info
    if info is not None and run.has_post_decision and (out is None or out.source == "flow"
                                                         or out.source == "immediate_risk"):
        rank = decision_rank(info.code)
        assert rank >= seen.get("rank", 0), (info, seen)
        seen["rank"] = rank
        first = seen.setdefault("first", (info.first_code, info.offset))
        assert first == (info.first_code, info.offset)
    # a step recorded as not asked never has a standing answer (never "no"); an answer given earlier and then
    # superseded by going back stays on the record struck through, which is not an answer
    for n in run.not_asked:
        a = run.answer_at((n["flow"], n["node"]))
        assert a is None or a.superseded, a


@pytest.mark.parametrize("which", sorted(LIBS))
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), actions=ACTIONS)
def test_random_calls_keep_the_invariants(which, data, actions):
    lib = LIBS[which]
    entry = data.draw(st.sampled_from(sorted(f.id for f in lib)))
    run = FlowRun(lib, entry)
    seen: dict = {}
    for kind, pick in actions:
        if run.outcome is not None and kind == "answer":
            kind = "back"
        try:
            act(run, kind, pick)
        except EngineError:
            pass  # refused with a clear error; state must still be consistent
        assert_invariants(run, seen)
    # keep answering: every call ends at an outcome, and the invariant holds there
    for step in range(200):
        if run.outcome is not None:
            break
        if run.current is not None and run.current != run.frontier:
            run.forward()
            continue
        run.answer(valid_answer(run.current_node, step * 7919))
    assert run.outcome is not None
    assert_invariants(run, seen)
    # and the stored events rebuild the same call
    again = FlowRun.replay(lib, entry, [e.to_dict() for e in run.events], started_at=run.started_at)
    assert again.snapshot() == run.snapshot()


@pytest.mark.parametrize("which", sorted(LIBS))
@settings(max_examples=60, deadline=None)
@given(data=st.data(), picks=st.lists(st.integers(0, 2**16), min_size=1, max_size=40),
       at=st.integers(0, 40), reason=st.text(min_size=1).filter(str.strip))
def test_immediate_risk_at_any_step_ends_at_police_emergency(which, data, picks, at, reason):
    lib = LIBS[which]
    run = FlowRun(lib, data.draw(st.sampled_from(sorted(f.id for f in lib))))
    for i, pick in enumerate(picks):
        if i == at or run.outcome is not None:
            break
        run.answer(valid_answer(run.current_node, pick))
    if run.outcome is not None and (run.outcome.source != "flow" or run.has_post_decision):
        return
    before = run.decision
    run.immediate_risk("QX7" + reason)
    # the same decision as any emergency: recorded at once, then the pathway's steps (if it has them); the typed
    # reason is recorded but never quoted into the rationale
    assert run.decision.code == "POLICE_EMERGENCY" and "QX7" not in run.decision.rationale
    assert [e.reason for e in run.events if e.kind == "immediate_risk"] == [("QX7" + reason).strip()]
    if before is None or before.code != "POLICE_EMERGENCY":  # the interrupt made (or raised) the decision
        assert run.decision.reason.startswith("QX7")
    if run.in_post_decision:
        run.finish()
    assert run.outcome.code == "POLICE_EMERGENCY"
    assert run.snapshot()["police_attend"] is True and run.snapshot()["immediate_risk"] is True


WALK_ACTIONS = st.lists(st.tuples(st.sampled_from(["answer", "answer", "answer", "shown", "shown", "back", "jump",
                                                   "forward", "note", "volunteer", "caller", "finish", "language",
                                                   "immediate_risk", "early_exit", "override"]),
                                  st.integers(min_value=0, max_value=2**16)), max_size=50)


@pytest.mark.parametrize("which", sorted(LIBS))
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), actions=WALK_ACTIONS)
def test_the_walk_a_run_keeps_is_always_the_walk_of_its_events(which, data, actions):
    """FlowRun keeps its walk from one event to the next (a 'question shown' keeps it as it was; any other event
    makes it again once the state has settled): after every action it is the walk made afresh from the state, and
    the walk of the same events replayed."""
    from triage_desktop.core.walk import walk_path

    lib = LIBS[which]
    entry = data.draw(st.sampled_from(sorted(f.id for f in lib)))
    run = FlowRun(lib, entry)
    for kind, pick in actions:
        try:
            if kind != "answer" or run.current_node is not None:  # (no question to answer: nothing this step)
                act(run, kind, pick)
        except EngineError:
            pass
        fresh = walk_path(lib, entry, run.state, run.initial_flags)
        assert run.walk() == fresh, (kind, [e.kind for e in run.events])
        again = FlowRun.replay(lib, entry, [e.to_dict() for e in run.events], started_at=run.started_at)
        assert again.walk() == fresh and again.snapshot() == run.snapshot()
