"""Training through the services facade on real stores: scoring, isolation, ready for live, CSV, scenario form."""
from __future__ import annotations

import csv
import sqlite3

import pytest

from triage_desktop.services_training import ScenarioInvalid, TrainingError

from training_support import FALLEN, MINI_SCENARIOS, take


def trainer_svc(open_at, name="pc1"):
    svc = open_at(name, training=True)
    svc.settings.set("handler_id", "T100")
    svc.settings.set("handler_role", "trainer")
    return svc


def fallen_call(svc, trainee="H1", answers=FALLEN, informed=True):
    api = svc.training_api
    s = api.start_call("mini_fallen_neighbour", trainee=trainee, trainer="T100", session_id="S1")
    take(s, answers)
    s.finalise(caller_informed=informed)
    return api.score_call(s.uuid)


def test_library_is_loaded_and_checked(open_at):
    svc = trainer_svc(open_at)
    ids = [s.id for s in svc.training_api.scenarios()]
    assert ids == ["mini_crime_escalation", "mini_fallen_neighbour", "mini_knife_escalation"]
    assert svc.training_api.problems == []


def test_a_scripted_training_call_scores_full_marks_and_is_recorded(open_at):
    svc = trainer_svc(open_at)
    d = fallen_call(svc)
    assert (d.score.score, d.score.passed, d.score.deviations) == (100, True, ())
    assert [r["node"] for r in d.expected] == [r["node"] for r in d.taken]
    assert d.learning_points[0].startswith("Ask the threshold")
    rows = svc.training_api.results()
    assert len(rows) == 1 and rows[0]["trainee"] == "H1" and rows[0]["scenario_id"] == "mini_fallen_neighbour"
    # scoring the same call again records nothing new
    svc.training_api.score_call(rows[0]["call_uuid"])
    assert len(svc.training_api.results()) == 1


def test_deviations_are_named_and_weighted(open_at):
    svc = trainer_svc(open_at)
    d = fallen_call(svc, answers=["no", "none", 80, "welfare", "x", ["confused"], None])
    kinds = {x.kind: x.weight for x in d.score.deviations}
    assert kinds == {"wrong_outcome": "major", "answer_differs": "minor"}
    assert d.score.score == 80 and d.result["major"] == 1 and d.result["minor"] == 1
    d2 = fallen_call(svc, answers=["no", "past"])  # crime answered against the card: police scheduled
    assert [(x.kind, x.weight) for x in d2.score.deviations] == [("wrong_police_decision", "critical"),
                                                                 ("risk_answer_against_card", "critical")]
    assert not d2.score.passed and d2.result["critical"] == 2
    assert "the caller's answer was 'No crime', recorded as 'Happened earlier'" in d2.score.deviations[1].message


def test_injected_escalation_then_immediate_risk(open_at):
    svc = trainer_svc(open_at)
    api = svc.training_api
    s = api.start_call("mini_knife_escalation", trainee="H2", trainer="T100", session_id="S1")
    take(s, ["no", "none", 45, "welfare", "His flat"])
    line = api.inject_escalation(s, "mini_knife_escalation")
    assert "knife" in line
    s.immediate_risk("Caller says a knife is being threatened now")
    s.finalise(caller_informed=True)
    d = api.score_call(s.uuid)
    assert d.score.score == 100 and d.result["escalated"] == 1
    # the same escalation ignored: carrying on to a non-police outcome is a critical deviation
    s2 = api.start_call("mini_knife_escalation", trainee="H2", trainer="T100", session_id="S1")
    take(s2, ["no", "none", 45, "welfare", "His flat"])
    api.inject_escalation(s2, "mini_knife_escalation")
    take(s2, [["confused"], None])
    s2.finalise(caller_informed=True)
    d2 = api.score_call(s2.uuid)
    assert d2.score.kinds()[0] == "wrong_police_decision" and not d2.score.passed


def test_ready_for_live_appears_exactly_at_the_nth_clean_pass(open_at):
    svc = trainer_svc(open_at)
    svc.settings.set("ready_for_live_passes", "3")
    seen = []
    for answers in (FALLEN, ["no", "past"], FALLEN, FALLEN, FALLEN):
        d = fallen_call(svc, answers=answers)
        seen.append((d.score.clean and d.score.passed, d.ready_now, svc.training_api.ready("H1")["welfare"]["ready"]))
    assert seen == [(True, [], False), (False, [], False), (True, [], False), (True, ["welfare"], True),
                    (True, [], True)]


def test_training_calls_never_reach_the_outbox_or_the_live_database(open_at, tmp_path):
    svc = trainer_svc(open_at)
    fallen_call(svc)
    uuid = svc.training_api.results()[0]["call_uuid"]
    live = open_at("pc1")  # the same PC's live database
    live_call = live.start_call(handler_id="H1", role="call_handler", entry_flow="mini_entry")
    take(live_call, FALLEN)
    live_call.finalise(caller_informed=True)
    # the training call: training database only, never an outbox row
    assert svc.store.conn.execute("SELECT count(*) FROM outbox").fetchone()[0] == 0
    assert svc.store.conn.execute("SELECT mode FROM calls WHERE uuid = ?", (uuid,)).fetchone()[0] == "training"
    # live history, live report and live outbox hold the live call only
    assert live.history.count() == 1
    assert [r["uuid"] for r in live.history.page()] == [live_call.uuid]
    assert live.report("2000-01-01", "2999-12-31")["total_calls"] == 1
    assert [r[0] for r in live.store.conn.execute("SELECT call_uuid FROM outbox")] == [live_call.uuid]
    assert live.store.conn.execute("SELECT count(*) FROM training_results").fetchone()[0] == 0
    assert svc.paths.database(True) != live.paths.database(False)
    with pytest.raises(TrainingError, match="training mode"):
        live.training_api.start_call("mini_fallen_neighbour", trainee="H1", trainer="T", session_id="")
    # the live file on disk holds no training call at all
    con = sqlite3.connect(live.paths.database(False))
    assert con.execute("SELECT count(*) FROM calls WHERE uuid = ? OR mode = 'training'", (uuid,)).fetchone()[0] == 0
    con.close()


def test_results_export_and_import_across_pcs(open_at, tmp_path):
    a, b = trainer_svc(open_at, "pcA"), trainer_svc(open_at, "pcB")
    fallen_call(a, trainee="H1")
    fallen_call(b, trainee="H1")
    fallen_call(b, trainee="H9")
    out = tmp_path / "h1.csv"
    assert b.training_api.export_csv(out, trainee="H1") == 1
    header = next(csv.reader(out.open()))
    assert "caller_name" not in header and "notes" not in header and "call_uuid" not in header
    assert a.training_api.import_csv(out) == (1, 0)
    assert a.training_api.import_csv(out) == (0, 1)  # idempotent
    rep = a.training_api.report("2000-01-01", "2999-12-31")
    assert [(t.trainee, t.taken) for t in rep["trainees"]] == [("H1", 2)]
    bad = tmp_path / "bad.csv"
    bad.write_text(out.read_text().replace(",welfare,", ",nowhere,"))
    with pytest.raises(TrainingError, match=r"bad.csv: line 2: unknown pathway 'nowhere'"):
        a.training_api.import_csv(bad)
    assert len(a.training_api.results()) == 2  # nothing of the bad file was added


VALID = (MINI_SCENARIOS / "mini_fallen_neighbour.yaml").read_text().replace(
    "id: mini_fallen_neighbour", "id: my_fallen_neighbour").replace("title: Neighbour", "title: My neighbour")


def test_trainer_scenario_saved_checked_and_loaded(open_at):
    svc = trainer_svc(open_at)
    api = svc.training_api
    path = api.save_user_scenario(VALID, "my_fallen_neighbour")
    assert path.parent == svc.paths.data_dir / "scenarios" and path.read_text() == VALID
    assert "my_fallen_neighbour" in [s.id for s in api.scenarios()]
    bad = VALID.replace("id: my_fallen_neighbour", "id: my_bad_one").replace("outcome: AMBULANCE",
                                                                             "outcome: SOCIAL_CARE")
    with pytest.raises(ScenarioInvalid) as exc:
        api.save_user_scenario(bad, "my_bad_one")
    assert "expect.outcome" in str(exc.value) and "cannot be reached" in str(exc.value)
    assert not (svc.paths.data_dir / "scenarios" / "my_bad_one.yaml").exists()
    with pytest.raises(ScenarioInvalid, match="unknown outcome code 'NOPE'"):
        api.save_user_scenario(bad.replace("SOCIAL_CARE", "NOPE"), "my_bad_one")
