"""The mock-call scenarios (resources/scenarios): checked against the flows, and every one replayed through the
services facade on a real temporary store; a failure names the scenario and the question where the path went wrong."""
from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from triage_desktop.core import vocab
from triage_desktop.core.scenario_replay import check_scenario_paths, questions_by_pathway, replay
from triage_desktop.core.scenarios import bundled_scenarios_dir, load_scenario_text
from triage_desktop.paths import AppPaths
from triage_desktop.scenariocli import run_through_services
from triage_desktop.services import AppServices, load_library

LIB = load_library()
CHECK = check_scenario_paths([bundled_scenarios_dir()], LIB)
SCENARIOS = {s.id: s for s in CHECK.scenarios}


@pytest.fixture(scope="module")
def replayed(tmp_path_factory):
    """Every bundled scenario replayed as a training call through AppServices on one real store."""
    root = tmp_path_factory.mktemp("scenario-store")
    return {r.scenario.id: r for r in run_through_services(CHECK.scenarios, root=str(root))}


def test_bundled_scenarios_pass_the_checker():
    assert CHECK.ok, [str(p) for p in CHECK.problems]
    assert len(CHECK.scenarios) >= 60


def test_library_covers_every_pathway_caller_group_and_kind_of_call():
    pathways = Counter(s.pathway for s in CHECK.scenarios)
    assert set(vocab.PATHWAYS) <= set(pathways), pathways
    groups = {(s.pathway, vocab.caller_group(s.caller_type)) for s in CHECK.scenarios}
    for p in ("welfare", "walkout", "awol", "conveyance", "s136", "crisis"):
        for g in ("self", "third_party", "professional"):
            assert (p, g) in groups, f"no {g} caller in the {p} scenarios"
    assert set(vocab.CALLER_TYPES) <= {s.caller_type for s in CHECK.scenarios}
    police = [s for s in CHECK.scenarios if s.police_attend]
    assert len(police) >= 15 and len(CHECK.scenarios) - len(police) >= 30  # threshold met and not met
    assert sum(1 for s in CHECK.scenarios if s.escalation is not None) >= 5
    unknowns = [s for s in CHECK.scenarios if any(v == "unknown" for v in s.answers.values())]
    assert len(unknowns) >= 10
    assert {"AMHP_REFERRAL", "POLICE_HANDOVER_LEAVE"} <= {c for s in CHECK.scenarios for c in s.outcomes}


@pytest.mark.parametrize("scenario_id", sorted(SCENARIOS))
def test_scenario_replays_through_the_services(replayed, scenario_id):
    res = replayed[scenario_id]
    assert res.passed, res.line()


def test_threshold_met_at_entry_reaches_the_decision_within_three_questions(replayed):
    """A call whose threshold is met at entry (risk to life now, or crime in progress) is decided within 3
    questions shown, counting the who-is-calling step."""
    at_entry = [s for s in CHECK.scenarios
                if s.answers.get(("entry_triage", "risk_now")) in ("yes", "unknown")
                or s.answers.get(("entry_triage", "crime_now")) in ("yes", "unknown")]
    assert len(at_entry) >= 8
    for s in at_entry:
        res = replayed[s.id]
        assert res.questions_to_decision is not None and res.questions_to_decision <= 3, res.line()
        assert res.asked[0] == ("entry_triage", "who_calling")
        assert vocab.is_police(res.decision_code)


def test_questions_to_decision_per_pathway_are_measured(replayed):
    stats = questions_by_pathway(replayed.values())
    assert set(stats) >= {"welfare", "walkout", "awol", "conveyance", "s136", "crisis"}
    for d in stats.values():
        assert 1 <= d["median"] <= d["max"]


def test_a_failure_names_the_scenario_and_the_question(tmp_path):
    base = (bundled_scenarios_dir() / "welfare_neighbour_not_seen.yaml").read_text(encoding="utf-8")
    # a changed flow would ask a question the script does not answer: here the script drops one
    broken = base.replace("    medical_now: \"unknown\"\n", "")
    sc, probs = load_scenario_text(broken, file=str(tmp_path / "welfare_neighbour_not_seen.yaml"))
    assert not probs
    res = run_through_services([sc], root=str(tmp_path / "root"))[0]
    assert not res.passed
    assert res.failed_at == ("concern_for_welfare", "medical_now")
    assert "welfare_neighbour_not_seen" in res.line() and "concern_for_welfare.medical_now" in res.line()
    # a wrong expectation is reported with what was reached
    wrong = base.replace("outcome: [\"AMBULANCE\"]", "outcome: [\"GP_OR_111\"]").replace(
        "police_attend: false", "police_attend: false")
    sc2, _ = load_scenario_text(wrong, file=str(tmp_path / "welfare_neighbour_not_seen.yaml"))
    res2 = replay(sc2, __import__("triage_desktop.core.scenario_replay", fromlist=["DirectSession"]).DirectSession(
        __import__("triage_desktop.core.engine", fromlist=["FlowRun"]).FlowRun(LIB, "entry_triage")))
    assert "reached AMBULANCE, expected GP_OR_111" in res2.line()


BAD = {
    "unknown_flow": ("  concern_for_welfare:\n", "  concern_for_welfre:\n", "unknown flow 'concern_for_welfre'"),
    "unknown_node": ("    medical_now:", "    medical_now_x:", "has no node 'medical_now_x'"),
    "bad_answer": ("    concern_kind: \"no_answer\"", "    concern_kind: \"on_fire\"", "'on_fire' is not an option"),
    "unknown_code": ("outcome: [\"AMBULANCE\"]", "outcome: [\"AMBULANCES\"]", "unknown outcome code 'AMBULANCES'"),
    "unreachable": ("outcome: [\"AMBULANCE\"]", "outcome: [\"SOCIAL_CARE\"]",
                    "expected outcome cannot be reached by the scripted answers: reached AMBULANCE"),
    "police_contradiction": ("police_attend: false", "police_attend: true", "contradicts outcome code"),
    "caller_type": ("  type: family_friend_public", "  type: neighbour", "unknown caller type 'neighbour'"),
    "partner": ("partners: [\"ambulance\"]", "partners: [\"ambulanse\"]", "unknown partner code 'ambulanse'"),
    "missing_partner": ("partners: [\"ambulance\"]", "partners: [\"ambulance\", \"crisis_team\"]",
                        "partner(s) not offered: crisis_team"),
    "never_asked": ("    medical_now: \"unknown\"\n", "    medical_now: \"unknown\"\n    capacity: \"no\"\n",
                    "scripted answers never asked: concern_for_welfare.capacity"),
    "unknown_field": ("difficulty: foundation", "difficulty: foundation\ndificulty: hard", "unknown field 'dificulty'"),
    "bad_difficulty": ("difficulty: foundation", "difficulty: easy", "difficulty must be one of"),
    "syntax": ("facts:", "facts: [", "YAML syntax error"),
}


@pytest.mark.parametrize("rule", sorted(BAD))
def test_scenarios_check_names_file_line_and_problem(tmp_path, rule):
    old, new, words = BAD[rule]
    base = (bundled_scenarios_dir() / "welfare_neighbour_not_seen.yaml").read_text(encoding="utf-8")
    assert old in base, rule
    f = tmp_path / "welfare_neighbour_not_seen.yaml"
    f.write_text(base.replace(old, new, 1), encoding="utf-8")
    res = check_scenario_paths([tmp_path], LIB)
    hits = [p for p in res.problems if words in p.message]
    assert hits, [str(p) for p in res.problems]
    text = str(hits[0])
    assert text.startswith(f"{f}:") and hits[0].line > 0, text
    if rule not in ("syntax", "unreachable", "missing_partner", "never_asked"):
        # the line named is the line of the offending field
        assert new.strip().split("\n")[-1].split(":")[0].strip() in f.read_text().splitlines()[hits[0].line - 1], text


def test_cli_check_and_test_exit_codes(tmp_path):
    ok = subprocess.run([sys.executable, "-m", "triage_desktop.cli", "scenarios", "check"],
                        capture_output=True, text=True, timeout=300)
    assert ok.returncode == 0 and ok.stdout.strip().endswith("scenario(s)"), ok.stderr
    base = (bundled_scenarios_dir() / "welfare_neighbour_not_seen.yaml").read_text(encoding="utf-8")
    (tmp_path / "welfare_neighbour_not_seen.yaml").write_text(base.replace("  type: family_friend_public",
                                                                          "  type: neighbour"), encoding="utf-8")
    bad = subprocess.run([sys.executable, "-m", "triage_desktop.cli", "scenarios", "test", str(tmp_path)],
                         capture_output=True, text=True, timeout=300)
    assert bad.returncode == 1 and "Traceback" not in bad.stderr + bad.stdout
    assert "unknown caller type 'neighbour'" in bad.stdout


def test_new_outcome_codes_in_the_record_the_report_and_the_v1_summary(tmp_path):
    """AMHP_REFERRAL and POLICE_HANDOVER_LEAVE: not police in the record and the report; a live call's v1 summary
    carries the nearest v1 code."""
    assert not vocab.is_police("AMHP_REFERRAL") and not vocab.is_police("POLICE_HANDOVER_LEAVE")
    svc = AppServices.open(AppPaths.from_root(tmp_path / "live"), training=False, purge=False)
    try:
        rows = []
        for sid in ("welfare_wife_mha_assessment", "s136_officer_40_minutes_accepted",
                    "s136_officer_75_minutes_calm"):
            session = svc.start_call(handler_id="T1", role="call_handler")
            res = replay(SCENARIOS[sid], session)
            assert res.passed, res.line()
            rows.append(session.finalise(caller_informed=True).row)
        assert [r["outcome_code"] for r in rows] == ["AMHP_REFERRAL", "POLICE_HANDOVER_LEAVE", "S136_HANDOVER_ESCALATE"]
        assert [bool(r["police_attend"]) for r in rows] == [False, False, True]
        day = rows[0]["started_at"][:10]
        rep = svc.report(day, day)
        assert rep["total_calls"] == 3 and rep["police_attended"] == 1 and rep["attendance_avoided"] == 2
        assert rep["officers_released_at_handover"] == 1
        payloads = [json.loads(p) for (p,) in svc.store.conn.execute("SELECT payload FROM outbox ORDER BY id")]
        if all(p["schema_version"] >= 2 for p in payloads):  # summary v2 (figures branch) lists the new codes
            assert [p["outcome_code"] for p in payloads] == ["AMHP_REFERRAL", "POLICE_HANDOVER_LEAVE",
                                                             "S136_HANDOVER_ESCALATE"]
        assert [p["police_attend"] for p in payloads] == [False, False, True]
        assert all(f in vocab.FLAGS for p in payloads for f in p["flags"])
        # a version-1 summary of the same calls carries the nearest v1 codes and only v1 flags
        from triage_desktop.sync.summary import build_summary

        device = svc.settings.get("device_id")
        stored = [dict(r) for r in svc.store.db.query("SELECT * FROM calls ORDER BY started_at")]
        v1 = [build_summary(r, device_id=device, force_code="XX", schema_version=1) for r in stored]
        assert sorted(p["outcome_code"] for p in v1) == ["CRISIS_TEAM", "HEALTH_PROVIDER_RESPONSIBLE",
                                                        "S136_HANDOVER_ESCALATE"]
        assert [p["police_attend"] for p in v1] == [vocab.is_police(p["outcome_code"]) for p in v1]
        assert not any(f in ("mha_request", "mental_distress", "caller_is_person") for p in v1 for f in p["flags"])
    finally:
        svc.close()


def test_caller_type_is_recorded_for_every_replayed_call(tmp_path):
    sc = SCENARIOS["s136_officer_20_minutes_waiting"]
    svc = AppServices.open(AppPaths.from_root(tmp_path), training=True, purge=False)
    try:
        session = svc.start_call(handler_id="T1", role="call_handler")
        assert replay(sc, session).passed
        row = session.finalise(caller_informed=True).row
        assert row["caller_type"] == "police" and row["mode"] == "training"
        log = svc.incident_log_text(session.uuid)
        assert "Police will not attend beyond the handover" in log or "POLICE_HANDOVER_LEAVE" in log
    finally:
        svc.close()


def test_the_packaged_app_bundles_the_scenarios():
    """The frozen app finds the library where bundled_scenarios_dir() looks (resources/scenarios beside the flows)."""
    spec = (Path(__file__).resolve().parents[1] / "packaging" / "triage-desktop.spec").read_text(encoding="utf-8")
    assert 'os.path.join(ROOT, "resources", "scenarios"), os.path.join("resources", "scenarios")' in spec
    assert bundled_scenarios_dir().parent.name == "resources" and bundled_scenarios_dir().is_dir()
