"""The services facade, exactly as docs/services-api.md promises it, on real SQLite files."""
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from triage_desktop.core.engine import EngineError, FlowLibrary
from triage_desktop.paths import AppPaths
from triage_desktop.services import AppServices, CallInfo, CallSession
from triage_desktop.store.errors import (CallImmutable, DataDirLocked, FlowsInvalid, StoreError)

FLOWS = Path(__file__).parent / "core" / "flows_ok"
WALK = ["no", "none", 40, "welfare", "in the park", [], None]


@pytest.fixture
def svc():
    s = AppServices.open(AppPaths.default(), training=False, flows_dir=FLOWS)
    yield s
    s.close()


def new_call(svc) -> CallSession:
    return svc.start_call(handler_id="1234", role="call_handler", entry_flow="mini_entry")


def test_open_library_settings(svc):
    assert isinstance(svc.library, FlowLibrary) and "mini_entry" in svc.library
    assert svc.settings.get("handler_id") == ""
    svc.settings.set("handler_id", "1234")
    assert svc.settings.get("handler_id") == "1234"
    assert svc.settings.get("force_code") == "XX" and svc.settings.get_int("retention_days") == 30
    with pytest.raises(ValueError, match="retention_days"):
        svc.settings.set("retention_days", "0")
    with pytest.raises(KeyError):
        svc.settings.set("handler_idd", "x")
    svc.settings.set("ui.theme", "dark")
    assert svc.settings.get("ui.theme") == "dark"
    assert svc.mode == "live" and svc.paths.data_dir.is_dir()


def test_session_actions_each_saved_before_returning(svc):
    s = new_call(svc)
    assert isinstance(s.uuid, str) and s.run.current_node.id == "risk_now"
    ch = s.answer("no", volunteered=False)
    assert ch.event.kind == "answered" and ch.saved and ch.question and ch.view.current == ("mini_entry", "crime")
    s.answer("none")
    s.back()
    s.set_volunteered(True)
    s.forward()
    s.jump_to("mini_entry", "risk_now")
    s.answer("no")  # same answer again: a 'changed' event
    assert s.forward().event is None  # already at the frontier: nothing to save
    s.answer(40)
    s.note("free text")
    s.handover(actor="MH-77", role="mh_practitioner")
    s.set_personal(caller_name="A Person", caller_phone="07700 900000", address="1 High St")
    # every event is already in the database, read through a second connection
    other = sqlite3.connect(svc.store.path)
    kinds = [r[0] for r in other.execute("SELECT kind FROM call_events WHERE call_uuid = ? ORDER BY id", (s.uuid,))]
    assert kinds == ["started", "answered", "answered", "back", "volunteered", "forward", "jump", "changed",
                     "answered", "note", "handover", "personal"]
    row = other.execute("SELECT current_node, answers_count, caller_name, notes FROM calls WHERE uuid=?",
                        (s.uuid,)).fetchone()
    assert row == ("pathway", 4, "A Person", "free text")
    other.close()
    s.answer("advice")
    events = svc.call_report(s.uuid)["events"]
    assert events[-1]["actor"] == "MH-77" and events[-1]["role"] == "mh_practitioner"
    assert [e["volunteered"] for e in events if e["kind"] == "volunteered"] == [False]  # flag is in value
    assert [e["value"] for e in events if e["kind"] == "volunteered"] == [True]


def test_finalise_needs_outcome_and_caller_informed(svc):
    s = new_call(svc)
    s.answer("no")
    with pytest.raises(EngineError, match="no outcome"):
        s.finalise(caller_informed=True)
    for a in WALK[1:]:
        s.answer(a)
    with pytest.raises(EngineError, match="caller"):
        s.finalise(caller_informed=False)
    row = s.finalise(caller_informed=True).row
    assert row["status"] == "final" and row["version"] == 1 and row["outcome_code"] == "GP_OR_111"
    assert len(row["content_hash"]) == 64 and row["caller_informed"] == 1
    assert not s.is_open
    with pytest.raises(CallImmutable):
        s.note("too late")
    ob = svc.store.conn.execute("SELECT call_uuid, call_version, status, payload FROM outbox").fetchall()
    assert len(ob) == 1 and ob[0][:3] == (s.uuid, 1, "pending")
    payload = json.loads(ob[0][3])
    assert "in the park" not in ob[0][3] and "1234" not in json.dumps(payload.get("handler", ""))
    assert payload["outcome_code"] == "GP_OR_111"


def test_early_exit_override_immediate_risk(svc):
    s = new_call(svc)
    s.answer("no")
    s.early_exit("caller hung up", code="ADVICE_ONLY")
    s.override("POLICE_PRIORITY", reason="known history")
    row = s.finalise(caller_informed=True).row
    assert row["outcome_code"] == "POLICE_PRIORITY" and row["original_outcome_code"] == "ADVICE_ONLY"
    assert row["early_exit"] == 1 and row["overridden"] == 1 and row["police_attend"] == 1
    assert row["override_reason"] == "known history" and row["early_exit_reason"] == "caller hung up"
    s2 = new_call(svc)
    s2.immediate_risk("caller says he has a knife")
    row2 = s2.finalise(caller_informed=True).row
    assert row2["outcome_code"] == "POLICE_EMERGENCY" and row2["immediate_risk"] == 1
    assert row2["immediate_risk_reason"] == "caller says he has a knife"


def test_abandon_keeps_the_call(svc):
    s = new_call(svc)
    s.answer("no")
    with pytest.raises(EngineError):
        s.abandon("  ")
    row = s.abandon("line dropped, no call back").row
    assert row["status"] == "abandoned" and row["abandon_reason"] == "line dropped, no call back"
    assert svc.store.conn.execute("SELECT count(*) FROM outbox").fetchone()[0] == 0
    assert svc.interrupted_calls() == []
    with pytest.raises(CallImmutable):
        svc.resume_call(s.uuid)


def test_interrupted_and_resume(svc):
    s = new_call(svc)
    s.answer("no")
    s.answer("none")
    info = svc.interrupted_calls()
    assert info == [CallInfo(s.uuid, s.run.started_at, 2, "mini_entry", "Mini entry", "1234", "call_handler",
                             info[0].updated_at)]
    r = svc.resume_call(s.uuid)
    assert r.run.current == ("mini_entry", "age") and [a.value for a in r.run.answers] == ["no", "none"]
    for a in WALK[2:]:
        r.answer(a)
    assert r.finalise(caller_informed=True).row["status"] == "final"
    assert svc.interrupted_calls() == []


def test_report_incident_log_and_addendum(svc):
    s = new_call(svc)
    for a in WALK:
        s.answer(a)
    s.note("Caller is the neighbour")
    s.finalise(caller_informed=True)
    rep = svc.call_report(s.uuid)
    assert rep["call"]["uuid"] == s.uuid and "personal_salt" not in rep["call"]
    assert [p["node"] for p in rep["path"]][:3] == ["risk_now", "crime", "age"]
    assert [e["kind"] for e in rep["events"]][0] == "started" and rep["events"][-1]["kind"] == "finalised"
    text = svc.incident_log_text(s.uuid)
    assert "GP_OR_111" in text and "DECISION: POLICE NOT TO ATTEND" in text
    assert "Caller informed: not yet" not in text and "Caller informed: " in text
    v = svc.add_addendum(s.uuid, "Caller rang back: person found safe", "new information", "1234")
    assert v == 2
    rep = svc.call_report(s.uuid)
    assert rep["call"]["version"] == 2
    assert rep["addenda"][0]["text"] == "Caller rang back: person found safe" and rep["addenda"][0]["version"] == 2
    versions = [r[0] for r in svc.store.conn.execute("SELECT call_version FROM outbox ORDER BY id")]
    assert versions == [1, 2]
    with pytest.raises(EngineError):
        svc.add_addendum(s.uuid, "text", "", "1234")
    open_call = new_call(svc)
    with pytest.raises(CallImmutable):
        svc.add_addendum(open_call.uuid, "text", "reason", "1234")


def test_history_facade(svc):
    for _ in range(3):
        s = new_call(svc)
        for a in WALK:
            s.answer(a)
        s.note("walking dog near canal")
        s.finalise(caller_informed=True)
    assert svc.history.count() == 3
    assert len(svc.history.page(0, 2, "started_at", True, {"outcome": "GP_OR_111"})) == 2
    assert len(svc.history.search("canal")) == 3


def test_training_mode_own_file_and_no_outbox(tmp_path):
    paths = AppPaths.default()
    with AppServices.open(paths, training=True, flows_dir=FLOWS) as t:
        assert t.mode == "training" and t.store.path.name == "training.sqlite3"
        s = new_call(t)
        for a in WALK:
            s.answer(a)
        assert s.finalise(caller_informed=True).row["mode"] == "training"
        assert t.store.conn.execute("SELECT count(*) FROM outbox").fetchone()[0] == 0
    with AppServices.open(paths, flows_dir=FLOWS) as live:
        assert live.history.count() == 0


def test_second_copy_refused_with_clear_message():
    paths = AppPaths.default()
    with AppServices.open(paths, flows_dir=FLOWS):
        with pytest.raises(DataDirLocked, match="Another copy"):
            AppServices.open(paths, flows_dir=FLOWS)
        code = ("import sys; from triage_desktop.services import AppServices; from triage_desktop.paths import "
                "AppPaths\ntry:\n AppServices.open(AppPaths.default(), flows_dir=sys.argv[1])\n"
                "except Exception as e: print(type(e).__name__, e)")
        out = subprocess.run([sys.executable, "-c", code, str(FLOWS)], capture_output=True, text=True, check=True)
        assert out.stdout.startswith("DataDirLocked Another copy")
    AppServices.open(paths, flows_dir=FLOWS).close()  # released on close


def test_bad_flows_refuse_to_start(tmp_path):
    bad = tmp_path / "flows"
    bad.mkdir()
    (bad / "broken.yaml").write_text("id: broken\nversion: one\n", encoding="utf-8")
    with pytest.raises(FlowsInvalid, match="failed the checker") as e:
        AppServices.open(AppPaths.default(), flows_dir=bad)
    assert isinstance(e.value, StoreError)
    assert not AppPaths.default().database().exists(), "nothing opened before the flows are known good"


def test_backup_if_changed_and_close(svc):
    assert svc.backup_if_changed() is None or True  # purge on open may or may not have written
    svc.backup_if_changed()
    assert svc.backup_if_changed() is None
    new_call(svc).answer("no")
    p = svc.backup_if_changed()
    assert p is not None and p.exists()
    assert svc.close() == "ok"
    assert svc.close() is None


def test_services_import_without_qt():
    code = "import triage_desktop.services, sys; print(sorted(m for m in sys.modules if 'PySide6' in m))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_question_shown_is_recorded_and_survives_resume(svc):
    call = new_call(svc)
    call.shown()
    call.answer("no")
    call.shown()
    uuid = call.uuid
    kinds = [e["kind"] for e in svc.call_report(uuid)["events"]]
    assert kinds[-3:] == ["shown", "answered", "shown"]
    again = svc.resume_call(uuid)
    t = again.run.step_timings()
    assert [x["node"] for x in t] == ["risk_now"] and t[0]["took_s"] >= 0
    assert again.run.current == ("mini_entry", "crime")


def test_warm_up_loads_the_first_outcomes_partner_directory_on_the_worker(svc):
    """While the handler signs in, the worker loads the partner directory and this year's and next year's bank
    holidays, so the shift's first outcome does not wait ~0.2 s for them; the next offer uses what was loaded."""
    svc.warm_up().result(timeout=60)
    directory = svc.submit(lambda: svc.force.directory).result(timeout=10)
    year = svc.force.now().year
    assert {year, year + 1} <= directory.bank_holidays.loaded_years
    assert svc.submit(lambda: svc.force.directory).result(timeout=10) is directory  # kept, not made again


def test_warm_up_failing_is_logged_and_never_raised(svc, caplog, monkeypatch):
    def broken() -> None:
        raise RuntimeError("no calendar")

    monkeypatch.setattr(svc.force, "warm_up", broken)
    assert svc.warm_up().result(timeout=10) is None
    assert "warming up the partner directory" in caplog.text
