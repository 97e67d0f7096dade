"""The compliance scorer: hand-made paths for each deviation type, and properties over real flows."""
from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from triage_desktop.core import scoring as sc
from triage_desktop.core.checker import check_paths
from triage_desktop.core.engine import FlowRun
from triage_desktop.core.loader import bundled_flows_dir
from triage_desktop.core.scoring import CallPath, Expectation, Step

HERE = Path(__file__).parent
MINI = check_paths([HERE / "flows_ok"]).library()
BUNDLED = check_paths([bundled_flows_dir()]).library()
V2 = check_paths([HERE / "flows_v2"]).library()  # caller type, decide-then-keep-asking, raises, finish

# A hand-made scenario on the mini flows: no risk, no crime, adult, welfare, fallen -> AMBULANCE
SCRIPT = (
    Step("mini_entry", "risk_now", "no", "Risk to life now?", risk=True, threshold=True),
    Step("mini_entry", "crime", "none", "Crime?", risk=True, threshold=True),
    Step("mini_entry", "age", 40, "Age", threshold=True),
    Step("mini_entry", "pathway", "welfare", "Pathway", threshold=True),
    Step("mini_path", "where", "at home", "Where?"),
    Step("mini_path", "concerns", ["fallen"], "Concerns"),
    Step("mini_path", "say_this", None, "Reassure"),
)
EXPECT = Expectation(scripted=SCRIPT, outcome_codes=frozenset({"AMBULANCE"}), police=False,
                     partners=("ambulance",), critical_questions=(("mini_entry", "age"), ("mini_path", "concerns")),
                     time_target_s=120)


def trainee(steps=SCRIPT, code="AMBULANCE", **kw) -> CallPath:
    timed = tuple(Step(s.flow, s.node, s.value, s.title, s.risk, float(i * 10), s.threshold)
                  for i, s in enumerate(steps))
    base = dict(steps=timed, outcome_code=code, caller_informed=True, partners=("Ambulance service",),
                decision_offset_s=90.0)
    base.update(kw)
    return CallPath(**base)


def test_the_scripted_path_scores_full_marks():
    s = sc.score(EXPECT, trainee())
    assert (s.score, s.passed, s.deviations) == (100, True, ())


def test_wrong_police_decision_is_critical():
    s = sc.score(EXPECT, trainee(code="POLICE_EMERGENCY", partners=()))
    assert s.kinds() == ["wrong_police_decision"] and s.deviations[0].weight == "critical"
    assert not s.passed and s.score == 60


def test_risk_question_answered_against_the_card_is_critical_and_not_double_counted():
    steps = (SCRIPT[0], Step("mini_entry", "crime", "past", "Crime?", risk=True, threshold=True))
    s = sc.score(EXPECT, trainee(steps, code="POLICE_SCHEDULED", partners=()))
    assert s.kinds() == ["wrong_police_decision", "risk_answer_against_card"]
    assert s.deviations[1].node == "crime" and "'none'" in s.deviations[1].message
    assert s.score == 20


def test_risk_question_skipped_is_critical():
    s = sc.score(EXPECT, trainee().without("mini_entry", "risk_now"))
    assert s.kinds() == ["risk_question_skipped"] and s.deviations[0].node == "risk_now"
    assert not s.passed


def test_caller_not_told_is_critical():
    s = sc.score(EXPECT, trainee(caller_informed=False))
    assert s.kinds() == ["caller_not_told"] and s.critical == 1


def test_wrong_outcome_within_the_right_police_decision_is_major():
    s = sc.score(EXPECT, trainee(code="GP_OR_111"))
    assert s.kinds() == ["wrong_outcome"] and s.deviations[0].weight == "major" and s.score == 85
    assert s.passed  # no critical deviation and over the pass mark


def test_critical_question_not_asked_is_major():
    s = sc.score(EXPECT, trainee().without("mini_path", "concerns"))
    assert s.kinds() == ["critical_question_not_asked"] and s.deviations[0].weight == "major"


def test_partner_not_offered_is_major():
    s = sc.score(EXPECT, trainee(partners=("GP",)))
    assert s.kinds() == ["partner_not_offered"] and "ambulance" in s.deviations[0].message


def test_time_over_target_is_minor():
    s = sc.score(EXPECT, trainee(decision_offset_s=300.0))
    assert s.kinds() == ["time_over_target"] and s.deviations[0].weight == "minor" and s.score == 95


def test_question_order_is_minor():
    steps = list(SCRIPT)
    steps[0], steps[2] = steps[2], steps[0]  # asked age before the risk question
    s = sc.score(EXPECT, trainee(tuple(steps)))
    assert s.kinds() == ["question_order"] and s.deviations[0].weight == "minor"


def test_non_risk_answer_differing_from_the_card_is_minor():
    steps = SCRIPT[:5] + (Step("mini_path", "concerns", ["confused"], "Concerns"),) + SCRIPT[6:]
    s = sc.score(EXPECT, trainee(steps))
    assert s.kinds() == ["answer_differs"] and s.deviations[0].weight == "minor"


def test_an_injected_escalation_changes_what_is_expected():
    esc = Expectation(scripted=SCRIPT, outcome_codes=frozenset({"POLICE_EMERGENCY"}), police=True, cut_at=3)
    s = sc.score(esc, trainee(SCRIPT[:3], code="POLICE_EMERGENCY", partners=(), immediate_risk=True))
    assert s.score == 100
    s2 = sc.score(esc, trainee())  # carried on to the ambulance: police not sent after the escalation
    assert s2.kinds() == ["wrong_police_decision"]


def test_deviations_are_ordered_by_weight_and_score_never_below_zero():
    s = sc.score(EXPECT, trainee((), code=None, caller_informed=False, decision_offset_s=None))
    assert [d.weight for d in s.deviations] == sorted((d.weight for d in s.deviations),
                                                       key=sc.WEIGHT_ORDER.index)
    assert s.score == 0


# ----- live review checks -------------------------------------------------------------------------
def live(**kw) -> CallPath:
    return trainee(**kw)


def test_live_call_by_the_book_has_no_deviation():
    assert sc.review_checks(live(pathway_started_s=40.0), time_target_s=120).deviations == ()


def test_live_threshold_answered_after_the_pathway_began_is_critical():
    steps = list(trainee().steps)
    steps[0] = Step("mini_entry", "risk_now", "no", "Risk to life now?", True, 55.0, True)
    path = CallPath(steps=tuple(steps), outcome_code="AMBULANCE", pathway_started_s=40.0)
    s = sc.review_checks(path)
    assert s.kinds() == ["threshold_after_pathway"]


def test_live_early_exit_checks():
    s = sc.review_checks(live(code="ADVICE_ONLY", early_exit=True, early_exit_reason="",
                              unasked_risk=(("mini_entry", "crime", "Crime?"),)))
    assert s.kinds() == ["risk_question_skipped", "early_exit_without_reason"]
    ok = sc.review_checks(live(code="POLICE_EMERGENCY", early_exit=True, early_exit_reason="caller said knife",
                               unasked_risk=(("mini_entry", "crime", "Crime?"),)))
    assert ok.deviations == ()  # ending early to send police never skips a risk that matters


def test_live_caller_not_told_and_time():
    s = sc.review_checks(live(caller_informed=False, decision_offset_s=500.0), time_target_s=180)
    assert s.kinds() == ["caller_not_told", "time_over_target"]


def test_path_from_a_real_run_and_the_unasked_risk_questions_at_an_early_exit():
    run = FlowRun(MINI, "mini_entry")
    run.answer("no")
    run.early_exit("caller hung up", "ADVICE_ONLY")
    p = sc.path_from_run(run, caller_informed=True)
    assert p.early_exit and p.outcome_code == "ADVICE_ONLY"
    assert ("mini_entry", "crime", "Crime?") in p.unasked_risk
    assert sc.review_checks(p).kinds() == ["risk_question_skipped"]


def test_ready_for_live_exactly_at_the_nth_clean_pass():
    t = sc.ReadyTracker(needed=3)
    assert [t.add("welfare", True, 0), t.add("welfare", False, 1), t.add("welfare", True, 0),
            t.add("crisis", True, 0), t.add("welfare", True, 0), t.add("welfare", True, 0)] == \
        [False, False, False, False, True, False]
    assert t.ready() == ["welfare"]


# ----- properties over the real flows ------------------------------------------------------------
def random_script(lib, entry: str, picks: list[int]):
    """Walk a flow by random valid answers; the answers, keyed 'flow.node', become a scenario's script."""
    run = FlowRun(lib, entry)
    answers: dict[str, object] = {}
    i = 0
    while run.outcome is None and i < 200:
        key = run.current
        node = lib.node(key)
        value = valid_answer(node, picks[i % len(picks)] + i)
        run.answer(value)
        answers[f"{key[0]}.{key[1]}"] = run.answer_at(key).value
        i += 1
    return run, answers


def valid_answer(node, pick: int):
    if node.kind in ("yesno", "choice"):
        return node.options[pick % len(node.options)].value
    if node.kind == "multi":
        chosen = [o.value for i, o in enumerate(node.options) if (pick >> i) & 1]
        return chosen or ([] if node.allow_none else [node.options[pick % len(node.options)].value])
    if node.kind == "number":
        choices = list(node.options) + ([node.unknown] if node.unknown else [])
        o = choices[pick % len(choices)]
        if o.value == "unknown":
            return "unknown"
        lo = o.min if o.min is not None else (o.max - 100 if o.max is not None else 0)
        return lo
    if node.kind == "text":
        return ["", "x", "at home"][pick % 3]
    return None


LIB_CHOICE = st.sampled_from([(MINI, "mini_entry"), (BUNDLED, "entry_triage"), (V2, "v2_entry")])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(LIB_CHOICE, st.lists(st.integers(0, 2**16), min_size=1, max_size=30), st.integers(0, 2**16))
def test_property_the_scripted_path_always_scores_full_marks(lib_entry, picks, crit_pick):
    lib, entry = lib_entry
    run, answers = random_script(lib, entry, picks)
    steps, code, partners = sc.scripted_steps(lib, entry, answers)
    crit = tuple(s.key for i, s in enumerate(steps) if (crit_pick >> (i % 16)) & 1)
    exp = Expectation(scripted=steps, outcome_codes=frozenset({code}), police=run.outcome.police,
                      partners=partners, critical_questions=crit, time_target_s=600)
    path = sc.path_from_run(run, caller_informed=True)
    result = sc.score(exp, path)
    assert (result.score, result.deviations, result.passed) == (100, (), True)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(LIB_CHOICE, st.lists(st.integers(0, 2**16), min_size=1, max_size=30), st.integers(0, 2**16))
def test_property_removing_a_critical_question_always_yields_its_deviation(lib_entry, picks, which):
    lib, entry = lib_entry
    run, answers = random_script(lib, entry, picks)
    steps, code, partners = sc.scripted_steps(lib, entry, answers)
    crit = tuple(s.key for s in steps)  # every scripted question is critical here
    exp = Expectation(scripted=steps, outcome_codes=frozenset({code}), police=run.outcome.police,
                      partners=partners, critical_questions=crit)
    removed = steps[which % len(steps)]
    result = sc.score(exp, sc.path_from_run(run, caller_informed=True).without(*removed.key))
    named = [d for d in result.deviations if d.node == removed.node and d.flow == removed.flow]
    assert len(named) == 1
    if removed.risk:  # a risk question removed: always a critical deviation, never a pass
        assert named[0].kind == "risk_question_skipped" and named[0].weight == "critical"
        assert not result.passed
    else:
        assert named[0].kind == "critical_question_not_asked" and named[0].weight == "major"
    assert result.score < 100
