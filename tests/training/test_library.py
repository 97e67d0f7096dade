"""Every scenario of a library, taken as a training call exactly as scripted (the escalation line played at its
point), scores full marks through the real services and store: the bundled library on the bundled flows, and the
mini library on the mini flows."""
from __future__ import annotations

from pathlib import Path

import pytest

from triage_desktop.core.scenario_replay import replay
from triage_desktop.core.scenarios import bundled_scenarios_dir
from triage_desktop.core.training import library_counts
from triage_desktop.paths import AppPaths
from triage_desktop.services import AppServices

from training_support import FLOWS_OK, MINI_SCENARIOS

LIBRARIES = {"mini": (MINI_SCENARIOS, FLOWS_OK), "bundled": (bundled_scenarios_dir(), None)}


def take_as_scripted(api, scenario):
    session = api.start_call(scenario.id, trainee="H1", trainer="T1", session_id="lib")
    esc = scenario.escalation
    shown, immediate_risk = session.shown, session.immediate_risk
    played = {"done": False}

    def play_if_due():
        if esc is not None and not played["done"] and session.run.current == esc.at:
            api.inject_escalation(session, scenario.id)  # the trainer plays the line as the question comes up
            played["done"] = True

    def shown_then_escalate():
        play_if_due()
        return shown()

    def immediate_risk_after_the_line(reason):
        play_if_due()
        return immediate_risk(reason)

    session.shown, session.immediate_risk = shown_then_escalate, immediate_risk_after_the_line
    res = replay(scenario, session)
    assert res.passed, res.line()
    finish = getattr(session, "finish", None)
    if callable(finish) and not session.run.is_finished:
        finish()
    session.finalise(caller_informed=True)
    return api.score_call(session.uuid)


@pytest.mark.parametrize("which", sorted(LIBRARIES))
def test_every_scenario_taken_as_scripted_scores_full_marks(which, tmp_path, monkeypatch):
    scen_dir, flows = LIBRARIES[which]
    monkeypatch.setenv("TRIAGE_DESKTOP_SCENARIOS_DIR", str(scen_dir))
    svc = AppServices.open(AppPaths.from_root(tmp_path / which), training=True, flows_dir=flows)
    try:
        api = svc.training_api
        scenarios = api.scenarios()
        on_disk = sorted(p.stem for p in Path(scen_dir).glob("*.yaml"))
        assert [s.id for s in scenarios] == on_disk and api.problems == []  # every file loads and checks
        failed = []
        for s in scenarios:
            d = take_as_scripted(api, s)
            if d.score.score != 100 or not d.score.passed:
                failed.append((s.id, d.score.score, [x.message for x in d.score.deviations]))
        assert failed == []
        counts = library_counts(scenarios)
        assert sum(r["total"] for r in counts.values()) == len(scenarios)
        assert len(api.results()) == len(scenarios)
    finally:
        svc.close()
