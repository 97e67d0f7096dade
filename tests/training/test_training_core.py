"""core/training.py on the mini flows: escalations (answer and F9 kinds, played or not), the card, draws, CSV."""
from __future__ import annotations

import pytest

from triage_desktop.core import scoring as sc
from triage_desktop.core import training as tr
from triage_desktop.core.checker import check_paths
from triage_desktop.core.engine import FlowRun
from triage_desktop.core.scenarios import load_scenarios

from training_support import FLOWS_OK, MINI_SCENARIOS

LIB = check_paths([FLOWS_OK]).library()
SCEN = {s.id: s for s in load_scenarios([MINI_SCENARIOS])[0]}


def run_of(answers, *, risk: str = "", escalation_after: int | None = None):
    run = FlowRun(LIB, "mini_entry")
    for i, a in enumerate(answers):
        if escalation_after == i:
            run.note("[training] escalation line played: ...")
        run.answer(a)
    if risk:
        run.immediate_risk(risk)
    return run


def score(sid, run, **kw):
    return tr.score_training(SCEN[sid], LIB, sc.path_from_run(run, caller_informed=True), entry="mini_entry", **kw)


def test_answer_escalation_played_and_answered_as_the_caller_now_says():
    result, notes, exp = score("mini_crime_escalation", run_of(["no", "in_progress"]), escalated_after=1)
    assert (result.score, result.deviations) == (100, ())
    assert exp.cut_at == 1 and "played after question 1" in notes[0]


def test_answer_escalation_played_but_the_old_answer_kept_is_critical():
    result, _, _ = score("mini_crime_escalation", run_of(["no", "none", 60, "advice"]), escalated_after=1)
    assert result.kinds() == ["wrong_police_decision"] and not result.passed


def test_escalation_not_played_scores_the_questions_only_when_the_calm_script_has_no_ending():
    result, notes, exp = score("mini_crime_escalation", run_of(["no", "none", 60, "advice"]), escalated_after=None)
    assert result.deviations == () and exp.outcome_codes == frozenset()
    assert any("not scored" in n for n in notes)
    skipped, _, _ = score("mini_crime_escalation", run_of(["unknown"]), escalated_after=None)
    assert skipped.kinds() == ["risk_answer_against_card"]  # 'unknown' at the first risk question vs 'no'


def test_escalation_not_played_with_a_calm_ending_judges_that_ending():
    # the knife scenario's calm script reaches GP_OR_111 (confused, adult): no escalation, no F9 expected
    result, _, exp = score("mini_knife_escalation", run_of(["no", "none", 45, "welfare", "His flat", ["confused"],
                                                            None]))
    assert exp.outcome_codes == frozenset({"GP_OR_111"}) and result.score == 100


def test_escalation_played_early_requires_only_the_questions_before_it():
    run = run_of(["no"], risk="caller says knife", escalation_after=1)
    result, _, exp = score("mini_knife_escalation", run, escalated_after=1)
    assert exp.cut_at == 1 and result.score == 100


def test_card_replies():
    s = SCEN["mini_fallen_neighbour"]
    assert "letterbox" in tr.card_reply(s, LIB, ("mini_entry", "risk_now"))
    assert tr.card_reply(s, LIB, ("mini_entry", "pathway")) == "(Caller's answer: Welfare)"
    assert tr.card_reply(SCEN["mini_crime_escalation"], LIB, ("mini_entry", "crime"), escalated=True) == \
        "No, nothing like that."  # the card's own line wins; the escalation line itself is played by the trainer
    assert tr.card_reply(SCEN["mini_crime_escalation"], LIB, ("mini_entry", "age")).startswith("(Not on the card")


def test_draw_by_pathway_and_difficulty_is_reproducible_by_seed():
    pool = list(SCEN.values())
    assert [s.id for s in tr.draw(pool, count=5, difficulty="advanced")] == ["mini_crime_escalation"]
    assert tr.draw(pool, count=2, seed=4) == tr.draw(pool, count=2, seed=4)
    assert tr.draw(pool, count=5, pathway="crisis") == []


def test_library_counts_by_pathway_and_difficulty():
    assert tr.library_counts(list(SCEN.values())) == {
        "welfare": {"total": 3, "advanced": 1, "foundation": 1, "intermediate": 1}}
    assert tr.library_summary(list(SCEN.values())).startswith("3 scenario(s): Concern for welfare 3 (advanced 1")


def test_results_csv_round_trip_and_refusals():
    rows = [{k: "" for k in tr.RESULT_FIELDS} | {"result_uid": "u1", "taken_at": "2026-11-30T10:00:00+00:00",
                                                  "trainee": "H1", "scenario_id": "x", "pathway": "welfare",
                                                  "score": 90, "passed": 1, "critical": 0, "major": 0, "minor": 2,
                                                  "escalated": 0, "decision_offset_s": 42.5}]
    text = tr.results_csv(rows)
    back = tr.parse_results_csv(text)
    assert back[0]["score"] == 90 and back[0]["decision_offset_s"] == 42.5
    with pytest.raises(tr.ResultsCsvError, match="line 1: unexpected columns caller_name"):
        tr.parse_results_csv(text.replace("source_device", "source_device,caller_name", 1))
    with pytest.raises(tr.ResultsCsvError, match="line 1: not a training results file"):
        tr.parse_results_csv("a,b\n1,2\n")
    with pytest.raises(tr.ResultsCsvError, match="line 2: score must be 0-100"):
        tr.parse_results_csv(text.replace(",90,", ",190,"))


def test_report_per_trainee_cohort_trend_and_ready():
    base = {"trainer": "", "session_id": "", "scenario_version": "", "scenario_title": "", "difficulty": "",
            "major": 0, "minor": 0, "outcome_code": "", "expected_codes": "", "escalated": 0, "deviations": "[]",
            "source_device": "", "scenario_id": "s"}
    rows = [dict(base, result_uid=str(i), taken_at=f"2026-11-{2 + 7 * (i // 2):02d}T10:00:00", trainee=t,
                 pathway="welfare", score=sco, passed=int(sco >= 80), critical=int(sco < 60), decision_offset_s=30 + i)
            for i, (t, sco) in enumerate([("A", 50), ("B", 90), ("A", 85), ("B", 95), ("A", 90), ("B", 100)])]
    rep = tr.report(rows, date_from="2026-11-01", date_to="2026-11-30", needed=2)
    a = next(t for t in rep["trainees"] if t.trainee == "A")
    assert (a.taken, a.passed, a.critical, rep["cohort"].taken) == (3, 2, 1, 6)
    assert [w["week"] for w in rep["trend"]] == ["2026-W45", "2026-W46", "2026-W47"]
    assert rep["ready"]["A"]["welfare"]["ready_at"] == "2026-11-16T10:00:00"
    assert rep["ready"]["B"]["welfare"]["ready_at"] == "2026-11-09T10:00:00"
    only = tr.report(rows, date_from="2026-11-10", date_to="2026-11-30", needed=2, trainees=["A"])
    assert [t.trainee for t in only["trainees"]] == ["A"] and only["cohort"].taken == 1
