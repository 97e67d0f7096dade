"""Supervisor review of live calls through the services facade: the sampling rule, ratify/query, immutability."""
from __future__ import annotations

import datetime as _dt

import pytest

from triage_desktop.core.sampling import iso_week_of, weekly_sample
from triage_desktop.services.training import TrainingError

from training_support import FALLEN, take

WEEK = iso_week_of(_dt.datetime.now(_dt.timezone.utc).date().isoformat())


def live_calls(svc):
    """Per handler: 6 ordinary calls, one override, one early exit, one immediate risk."""
    made: dict[str, dict[str, list[str]]] = {}
    for h in ("H1", "H2"):
        kinds: dict[str, list[str]] = {"plain": [], "override": [], "early": [], "risk": []}
        for _ in range(6):
            s = svc.start_call(handler_id=h, role="call_handler", entry_flow="mini_entry")
            take(s, FALLEN)
            s.finalise(caller_informed=True)
            kinds["plain"].append(s.uuid)
        s = svc.start_call(handler_id=h, role="call_handler", entry_flow="mini_entry")
        take(s, FALLEN)
        s.override("GP_OR_111", "caller's GP is already visiting")
        s.finalise(caller_informed=True)
        kinds["override"].append(s.uuid)
        s = svc.start_call(handler_id=h, role="call_handler", entry_flow="mini_entry")
        take(s, ["no"])
        s.early_exit("caller hung up", "ADVICE_ONLY")
        s.finalise(caller_informed=True)
        kinds["early"].append(s.uuid)
        s = svc.start_call(handler_id=h, role="call_handler", entry_flow="mini_entry")
        s.immediate_risk("screaming in the background")
        s.finalise(caller_informed=True)
        kinds["risk"].append(s.uuid)
        made[h] = kinds
    return made


def test_weekly_sample_has_every_must_call_plus_the_random_share_reproducibly(open_at):
    svc = open_at()
    made = live_calls(svc)
    sample = svc.review_api.sample(WEEK, size=2, seed="s1")
    for h, kinds in made.items():
        mine = [c for c in sample if c["handler_id"] == h]
        must = set(kinds["override"] + kinds["early"] + kinds["risk"])
        assert must <= {c["uuid"] for c in mine}
        assert {c["why"] for c in mine if c["uuid"] in must} == {"override", "early exit", "immediate risk"}
        randoms = [c["uuid"] for c in mine if c["why"] == "random"]
        assert len(randoms) == 2 and set(randoms) <= set(kinds["plain"])
    assert svc.review_api.sample(WEEK, size=2, seed="s1") == sample  # same seed, same sample
    draws = {tuple(c["uuid"] for c in svc.review_api.sample(WEEK, size=2, seed=f"x{i}") if c["why"] == "random")
             for i in range(8)}
    assert len(draws) > 1  # the seed does change the random share
    assert svc.review_api.sample("2001-W01", size=2, seed="s1") == []  # another week: none of these calls


def test_sampling_rule_pure():
    calls = [{"uuid": f"c{i}", "handler_id": "A", "started_at": "2026-11-30T10:00:00", "overridden": i == 0,
              "early_exit": i == 1, "immediate_risk": i == 2} for i in range(10)]
    s = weekly_sample(calls, week="2026-W49", size=3, seed="k")
    assert [x.why for x in s[:3]] == ["override", "early exit", "immediate risk"]
    assert len(s) == 6 and s == weekly_sample(calls, week="2026-W49", size=3, seed="k")
    assert len(weekly_sample(calls, week="2026-W49", size=50, seed="k")) == 10


def test_ratify_and_query_leave_the_call_immutable_and_nothing_leaves_the_pc(open_at):
    svc = open_at()
    made = live_calls(svc)
    svc.settings.set("handler_role", "supervisor")
    early = made["H1"]["early"][0]
    checks = svc.review_api.checks(early)
    assert "risk_question_skipped" in checks.kinds()  # ended early without police before the crime question
    before = dict(svc.store.conn.execute("SELECT content_hash, version, outcome_code FROM calls WHERE uuid = ?",
                                         (early,)).fetchone() and svc._calls.get(early))
    outbox_before = svc.store.conn.execute("SELECT count(*) FROM outbox").fetchone()[0]
    rid = svc.review_api.review(early, verdict="queried", reviewer="S9",
                                comment="Ask the crime question before ending early.", week=WEEK, why="early exit")
    ok = svc.review_api.review(made["H1"]["plain"][0], verdict="ratified", reviewer="S9", week=WEEK, why="random")
    after = svc._calls.get(early)
    for k in ("content_hash", "version", "outcome_code", "status", "finalised_at"):
        assert after[k] == before[k]
    assert svc.store.conn.execute("SELECT count(*) FROM outbox").fetchone()[0] == outbox_before
    assert svc.verify().ok
    kinds = [e["kind"] for e in svc._calls.events(early)]
    assert kinds[-1] == "reviewed"
    assert [r["verdict"] for r in svc.review_api.reviews_for(early)] == ["queried"]
    assert [q["id"] for q in svc.review_api.open_queries("H1")] == [rid] and ok != rid
    with pytest.raises(TrainingError, match="handler who took the call"):
        svc.review_api.acknowledge(rid, "H2")
    svc.review_api.acknowledge(rid, "H1")
    assert svc.review_api.open_queries("H1") == []
    assert svc.verify().ok
    rep = svc.review_api.qa_report("2000-01-01", "2999-12-31")
    assert [(h["handler"], h["reviewed"], h["ratified"], h["queried"]) for h in rep["handlers"]] == [("H1", 2, 1, 1)]


def test_review_refusals(open_at):
    svc = open_at()
    made = live_calls(svc)
    uuid = made["H1"]["plain"][0]
    with pytest.raises(TrainingError, match="Only a supervisor"):
        svc.review_api.review(uuid, verdict="ratified", reviewer="S9")
    svc.settings.set("handler_role", "supervisor")
    with pytest.raises(TrainingError, match="comment is required"):
        svc.review_api.review(uuid, verdict="queried", reviewer="S9", comment=" ")
    with pytest.raises(TrainingError, match="own call"):
        svc.review_api.review(uuid, verdict="ratified", reviewer="H1")
    assert svc.review_api.reviews_for(uuid) == []
