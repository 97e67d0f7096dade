"""Phased rollout, authority pack → supervisor → user, roles with passphrases, partners in the record (services)."""
from __future__ import annotations

import datetime as dt
import json

import pytest

from triage_desktop.core.partners import london
from triage_desktop.services.force import AuthorityError
from triage_desktop.packs import load_pack
from triage_desktop.paths import AppPaths
from triage_desktop.services import AppServices
from triage_desktop.store.roles import RoleRefused
from triage_desktop.store.settings import SettingLocked

from pack_support import EXAMPLE

# the bundled flows (v2): who is calling, the threshold questions, then the pathway choice
CONVEYANCE = ["hcp_ae_ward", "no", "no", "no", "none", "no", "conveyance"]
CRISIS_TO_PRACTITIONER = ["self", "no", "no", "no", "none", "no", "crisis", "no", "no", "none", "no", "none", None,
                          "yes", "yes"]


@pytest.fixture
def paths(tmp_path):
    return AppPaths.from_root(tmp_path / "app")


def open_with(paths, pack_path, **kw) -> AppServices:
    svc = AppServices.open(paths, pack=load_pack(pack_path), **kw)
    svc.settings.set("handler_id", "1234")
    return svc


def answer_all(session, answers):
    for a in answers:
        session.answer(a)


def test_pathway_not_enabled_takes_force_procedure_and_counts_under_its_phase(paths, example_text, write_pack):
    with open_with(paths, EXAMPLE) as svc:  # conveyance: phase 3, not enabled
        s = svc.start_call()
        answer_all(s, CONVEYANCE)
        out = s.run.outcome
        assert out is not None and out.code == "FORCE_PROCEDURE" and out.source == "rollout"
        assert "not yet under RCRP" in out.rationale and "phase 3" in out.rationale
        assert s.run.pathway == "conveyance"
        row = s.finalise(caller_informed=True).row
        assert row["outcome_code"] == "FORCE_PROCEDURE" and row["rollout_phase"] == 3 and row["police_attend"] == 0
        ob = svc.store.conn.execute("SELECT status, payload FROM outbox WHERE call_uuid = ?", (s.uuid,)).fetchone()
        summary = json.loads(ob[1])  # summary version 2 carries the code and the phase
        assert ob[0] == "pending" and summary["outcome_code"] == "FORCE_PROCEDURE" and summary["rollout_phase"] == 3
        # a welfare-phase call under RCRP for comparison
        s2 = svc.start_call()
        answer_all(s2, CRISIS_TO_PRACTITIONER)
        assert s2.run.outcome.code != "FORCE_PROCEDURE"
        s2.finalise(caller_informed=True)
        today = dt.date.today().isoformat()
        rep = svc.report(today, today)
        phases = {d["phase"]: d for d in rep["by_phase"]}
        assert phases[3]["force_procedure"] == 1 and phases[3]["under_rcrp"] == 0
        assert phases[1]["under_rcrp"] == 1 and phases[1]["force_procedure"] == 0
        assert rep["force_procedure"] == 1 and rep["attendance_avoided"] == 1  # never counted as avoided
        conv = next(d for d in rep["by_pathway"] if d["pathway"] == "conveyance")
        assert conv["avoided"] == 0 and conv["hours_saved"] == 0
        from triage_desktop.store.report import format_report

        assert "phase 3: 1 calls; under RCRP 0" in format_report(rep)
        # the event is in the audit trail and the call replays to the same outcome
        kinds = [e["kind"] for e in svc._calls.events(s.uuid)]
        assert "not_under_rcrp" in kinds
        assert svc.call_report(s.uuid)["outcome"]["code"] == "FORCE_PROCEDURE"
    # enabling conveyance in the pack switches it on, no new build: the same answers now reach its questions
    on = write_pack(example_text.replace("conveyance = { phase = 3, enabled = false }",
                                         "conveyance = { phase = 3, enabled = true }"))
    with open_with(paths, on) as svc:
        s = svc.start_call()
        answer_all(s, CONVEYANCE)
        assert s.run.outcome is None and s.run.current_flow.pathway == "conveyance"
        answer_all(s, ["between", ["refusing"], "no", "no", "booked"])
        assert s.run.outcome.code == "HEALTH_PROVIDER_RESPONSIBLE"
        assert s.finalise(caller_informed=True).row["rollout_phase"] == 3


def test_threshold_answers_still_send_police_on_a_pathway_not_enabled(paths):
    with open_with(paths, EXAMPLE) as svc:
        s = svc.start_call()
        s.answer("family_friend_public")
        s.answer("yes")  # real and immediate risk to life: entry triage decides before any pathway
        assert s.run.decision.code == "POLICE_EMERGENCY"
        answer_all(s, ["conveyance"])  # post-decision: a pathway not enabled never replaces the decision
        assert s.run.decision.code == "POLICE_EMERGENCY" and "not_under_rcrp" not in [e.kind for e in s.run.events]


def test_no_pack_runs_every_pathway(paths):
    with AppServices.open(paths) as svc:
        s = svc.start_call(handler_id="1", role="call_handler")
        answer_all(s, CONVEYANCE)
        assert s.run.outcome is None


def test_pack_values_are_locked_and_applied(paths):
    with open_with(paths, EXAMPLE) as svc:
        assert svc.settings.get("force_code") == "ANY" and svc.settings.get("retention_days") == "30"
        assert svc.force.authority("retention_days") == "force" and svc.force.authority("hours_entry") == "supervisor"
        assert svc.force.authority("ui.window") == "user"
        with pytest.raises(SettingLocked):
            svc.set_setting("retention_days", "90")
        with pytest.raises(SettingLocked):
            svc.settings.set("force_code", "XY")  # the store refuses too
        # the sync package reads the table: the pack's values are written there
        raw = dict(svc.store.conn.execute("SELECT key, value FROM settings").fetchall())
        assert raw["force_code"] == "ANY" and raw["sync_collector_url"].startswith("https://rcrp-collector")
        events = svc.store.conn.execute("SELECT value_json FROM call_events WHERE kind = 'force_pack_applied'").fetchall()
        assert len(events) == 1 and '"force_code"' in events[0][0]


def test_supervisor_sets_open_force_values_with_passphrase_and_audit(paths):
    with open_with(paths, EXAMPLE) as svc:
        with pytest.raises(AuthorityError):
            svc.set_setting("hours_entry", "3")  # a handler cannot
        svc.set_setting("ui.theme", "dark")  # personal: anyone
        with pytest.raises(RoleRefused, match="not listed"):
            svc.force.sign_in_role("1234", "supervisor", "a long passphrase", new=True)
        assert svc.force.needs_new_passphrase("S1001", "supervisor")
        with pytest.raises(RoleRefused, match="at least"):
            svc.force.sign_in_role("S1001", "supervisor", "short", new=True)
        svc.force.sign_in_role("S1001", "supervisor", "correct horse battery", new=True)
        svc.set_setting("hours_entry", "3")
        cfg = svc.force_config()
        assert cfg.pathways["entry"].hours == 3 and cfg.pathways["entry"].hours_set_by == "settings"
        assert cfg.pathways["s136"].hours_set_by == "force pack" and cfg.pathways["s136"].hours == 10
        ev = svc.store.conn.execute("SELECT value_json FROM call_events WHERE kind = 'force_setting_changed'").fetchall()
        assert len(ev) == 1 and json.loads(ev[0][0]) == {"name": "hours_entry", "old": "2", "new": "3",
                                                         "by": "S1001", "role": "supervisor"}
        stored = svc.store.conn.execute("SELECT hash FROM staff_passphrases").fetchone()[0]
        assert stored.startswith("$argon2") and "horse" not in stored


def test_role_cannot_be_given_by_editing_a_setting(paths):
    with open_with(paths, EXAMPLE) as svc:
        with pytest.raises(AuthorityError):
            svc.settings.set("handler_role", "supervisor")
        with pytest.raises(AuthorityError):
            svc.set_setting("handler_role", "trainer")
        svc.set_setting("handler_role", "mh_practitioner")  # not a protected role


def test_passphrase_rate_limited(paths):
    clock = [dt.datetime(2026, 11, 24, 10, 0, tzinfo=dt.timezone.utc)]
    with open_with(paths, EXAMPLE) as svc:
        svc.force.now = lambda: clock[0]
        svc.force.sign_in_role("T2001", "trainer", "trainer passphrase 1", new=True)
        svc.force.sign_out_role()
        for i in range(5):
            with pytest.raises(RoleRefused, match="wrong passphrase"):
                svc.force.sign_in_role("T2001", "trainer", f"guess {i}")
        with pytest.raises(RoleRefused, match="try again in"):
            svc.force.sign_in_role("T2001", "trainer", "trainer passphrase 1")  # even the right one, while locked
        clock[0] += dt.timedelta(seconds=31)
        svc.force.sign_in_role("T2001", "trainer", "trainer passphrase 1")
        assert svc.force.role == ("T2001", "trainer")
        with pytest.raises(RoleRefused, match="already has"):
            svc.force.sign_in_role("T2001", "trainer", "a new passphrase here", new=True)
        refused = svc.store.conn.execute("SELECT count(*) FROM call_events WHERE kind = 'role_refused'").fetchone()[0]
        assert refused == 7


def test_partners_offered_go_into_the_record_and_incident_log(paths):
    with open_with(paths, EXAMPLE) as svc:
        s = svc.start_call()
        answer_all(s, CRISIS_TO_PRACTITIONER)
        code = s.run.outcome.code
        now = dt.datetime(2026, 11, 24, 23, 30, tzinfo=london())
        svc.force.now = lambda: now
        offer = s.partner_offer()
        assert offer is not None and offer.outcome_code == code and offer.codes()
        row = s.finalise(caller_informed=True).row
        assert json.loads(row["partners_json"]) == offer.codes()
        text = svc.incident_log_text(s.uuid)
        assert "Partners offered:" in text
        first = next(e for e in svc.force.directory.entries if e.code == offer.codes()[0])
        assert first.name in text and str(first.phones[0]) in text
        # summary version 2 carries the codes only (no names, no numbers)
        payload = svc.store.conn.execute("SELECT payload FROM outbox WHERE call_uuid = ?", (s.uuid,)).fetchone()[0]
        assert json.loads(payload)["partners"] == sorted(offer.codes())
        for e in svc.force.directory.entries:
            assert e.name not in payload and not any(len(p.digits) > 6 and p.digits in payload for p in e.phones)


def test_force_config_for_the_figures(paths):
    with open_with(paths, EXAMPLE) as svc:
        cfg = svc.force_config()
        assert cfg.force_code == "ANY" and cfg.pack_file.endswith("example.toml")
        assert cfg.baseline_set_by == "force pack" and cfg.pathways["welfare"].baseline_per_month == 410
        assert cfg.pathways["conveyance"].phase == 3 and not cfg.pathways["conveyance"].enabled
        assert cfg.phase_of("s136") == 4 and cfg.phase_of("entry") is None
        # the pack's values stay in the table when the same data is opened without a pack
    with AppServices.open(paths) as svc:
        assert svc.force_config().pathways["s136"].hours_set_by == "settings"
    with AppServices.open(AppPaths.from_root(paths.data_dir.parent / "fresh")) as svc:
        # no pack, fresh data: defaults from domain.md §7, every pathway on
        cfg = svc.force_config()
        assert cfg.pack_file == "" and cfg.pathways["s136"].hours == 10 and cfg.pathways["s136"].hours_set_by == "default"
        assert all(p.enabled for p in cfg.pathways.values()) and cfg.baseline_set_by == "none"


def test_supervisor_imports_directory_csv_when_the_pack_has_none(paths, example_text, write_pack):
    from triage_desktop.core.partner_csv import COLUMNS, EXAMPLE_ROW

    head, sep, _ = example_text.partition("[[partners]]")
    with open_with(paths, write_pack(head)) as svc:
        assert svc.force.directory_origin().startswith("example")
        csv_text = ",".join(COLUMNS) + "\n" + EXAMPLE_ROW + "\n"
        with pytest.raises(AuthorityError):
            svc.force.import_directory_csv(csv_text)
        svc.force.sign_in_role("S1002", "supervisor", "supervisor two pass", new=True)
        assert svc.force.import_directory_csv(csv_text) == 1
        assert svc.force.directory_origin() == "imported by a supervisor"
        assert [e.code for e in svc.force.directory.entries] == ["street_triage"]
        # parsed once per import (not at every outcome), so warm_up's bank holidays are the ones the offer uses
        svc.warm_up().result(timeout=60)
        assert svc.force.directory is svc.force.directory
        assert svc.force.now().year in svc.force.directory.bank_holidays.loaded_years
        second = EXAMPLE_ROW.replace("Anyshire Street Triage", "Anyshire Street Triage North")
        assert svc.force.import_directory_csv(",".join(COLUMNS) + "\n" + second + "\n") == 1
        assert [e.name for e in svc.force.directory.entries] == ["Anyshire Street Triage North"]  # read anew
    with open_with(paths, EXAMPLE) as svc:  # the pack sets the directory: an import is refused
        svc.force.sign_in_role("S1002", "supervisor", "supervisor two pass")
        with pytest.raises(SettingLocked):
            svc.force.import_directory_csv(",".join(COLUMNS) + "\n" + EXAMPLE_ROW + "\n")


def test_force_procedure_is_never_chosen_by_a_handler(paths):
    from triage_desktop.core.engine import EngineError

    with open_with(paths, EXAMPLE) as svc:
        s = svc.start_call()
        with pytest.raises(EngineError, match="phased rollout"):
            s.early_exit("testing", "FORCE_PROCEDURE")
        answer_all(s, CRISIS_TO_PRACTITIONER)
        with pytest.raises(EngineError, match="phased rollout"):
            s.override("FORCE_PROCEDURE", "testing")
