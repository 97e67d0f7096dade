"""The incident-log block (issue 12): one renderer in the services, the same text during the call and from the
report; the CAD incident number (personal: purged, never synced); decision first; the answers that mattered first;
free text and notes in; flags and roles in words; local times without milliseconds; wrap width and ASCII as declared
settings a force pack can set; and the outcome naming the open alternative when the practitioner is closed."""
from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from triage_desktop.core.partners import london
from triage_desktop.packs import load_pack
from triage_desktop.paths import AppPaths
from triage_desktop.services import AppServices
from triage_desktop.store.settings import SettingLocked

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "resources" / "force-packs" / "example.toml"
#: entry triage -> crisis -> the control-room practitioner (the person calling about themselves, no danger)
CRISIS_TO_PRACTITIONER = ["self", "no", "no", "no", "none", "no", "crisis", "no", "no", "none", "no", "none", None,
                          "yes", "yes"]
#: a Tuesday 23:30 (practitioner desk shut, street triage on) and a Wednesday 07:00 (both shut)
TUESDAY_NIGHT = dt.datetime(2026, 11, 24, 23, 30, tzinfo=london())
WEDNESDAY_EARLY = dt.datetime(2026, 11, 25, 7, 0, tzinfo=london())
WEDNESDAY_NOON = dt.datetime(2026, 11, 25, 12, 0, tzinfo=london())


@pytest.fixture
def paths(tmp_path: Path) -> AppPaths:
    return AppPaths.from_root(tmp_path / "app")


def open_with(paths: AppPaths, pack: Path | None = EXAMPLE, **kw) -> AppServices:
    svc = AppServices.open(paths, pack=load_pack(pack) if pack else None, **kw)
    svc.settings.set("handler_id", "1234")
    return svc


def crisis_call(svc: AppServices, at: dt.datetime):
    svc.force.now = lambda: at
    s = svc.start_call()
    for a in CRISIS_TO_PRACTITIONER:
        s.answer(a)
    return s


def test_the_block_from_the_call_is_the_block_from_the_report(paths):
    with open_with(paths) as svc:
        s = crisis_call(svc, TUESDAY_NIGHT)
        s.note("Flat 3, second floor; buzzer broken")
        s.set_cad_incident("  ANY-20261124-0456 ")
        during = s.incident_log_text(caller_informed=True)
        s.finalise(caller_informed=True)
        assert svc.incident_log_text(s.uuid) == during  # the report's Copy
        assert s.incident_log_text() == during  # the same session, after Finish
        lines = during.splitlines()
        assert lines[1] == "CAD incident: ANY-20261124-0456"
        # the decision first: police attend or not, code, grade, time to decision
        assert lines[2] == "DECISION: POLICE NOT TO ATTEND"
        assert lines[3] == "Outcome: control-room mental-health practitioner (MH_PRACTITIONER)"
        assert lines[4].startswith("Grade: none") and lines[5].startswith("Time to decision: ")
        assert lines.index("Answers that decided it:") < lines.index("Other answers:")
        decided = during.split("Answers that decided it:")[1].split("Other answers:")[0]
        assert "Risk to life or serious harm now?: No" in decided and "Thoughts or plan to act?" in decided
        assert "Caller: The person at risk (themselves)" in during
        assert "Handler: 1234 (Call handler)" in during
        assert "Flags: The caller is the person at risk" in during and "caller_is_person" not in during
        assert "  - Anyshire Street Triage (nurse and officer car): 07700 900201" in during
        assert "Flat 3, second floor; buzzer broken" in during  # notes belong in the C&C record
        assert "THRIVE:\n  Threat: Low: no immediate danger" in during
        assert not re.search(r"\d\d:\d\d:\d\d\.\d", during)  # local times without milliseconds
        assert "Started: 20" in during and (" GMT" in during or " BST" in during)
        assert all(len(line) <= 78 for line in lines)


def test_emergency_reason_comes_before_the_answers_and_free_text_is_included(paths):
    with open_with(paths) as svc:
        s = svc.start_call()
        s.answer("family_friend_public")
        s.immediate_risk("Weapon mentioned and person is with others")
        during = s.incident_log_text()
        assert "Caller informed: not yet confirmed by the handler" in during
        lines = during.splitlines()
        assert lines[2] == "DECISION: POLICE TO ATTEND" and lines[4] == "Grade: 1 (emergency)"
        why = next(i for i, ln in enumerate(lines) if ln.startswith("Why an emergency:"))
        answers = next(i for i, ln in enumerate(lines) if ln.startswith(("Answers that decided it:", "Answers:",
                                                                          "Other answers:")))
        reason = next(i for i, ln in enumerate(lines) if ln.startswith("Immediate risk recorded:"))
        assert reason < why < answers
        assert "Reason: Weapon mentioned and person is with others" in " ".join(during.split())


def test_changed_answers_only_when_changed_with_old_new_and_time(paths):
    with open_with(paths, None) as svc:
        s = svc.start_call()
        s.answer("self")
        s.answer("no")
        assert "Changed answers" not in s.incident_log_text()
        s.back()
        s.answer("yes")
        text = s.incident_log_text()
        got = re.search(r"Changed answers:\n  - Risk to life or serious harm now\?: No -> Yes \((\d\d:\d\d:\d\d)\)",
                        text)
        assert got is not None, text


def test_wrap_width_and_ascii_are_declared_settings_that_a_pack_locks(paths, tmp_path):
    with open_with(paths, None) as svc:
        s = crisis_call(svc, WEDNESDAY_NOON)
        wide = s.incident_log_text()
        svc.settings.set("incident_log_width", "0")  # one line per item
        flat = s.incident_log_text()
        assert max(len(x) for x in flat.splitlines()) > 78 and len(flat.splitlines()) < len(wide.splitlines())
        svc.settings.set("incident_log_width", "50")
        assert max(len(x) for x in s.incident_log_text().splitlines()) <= 50
        with pytest.raises(ValueError, match="incident_log_width"):
            svc.settings.set("incident_log_width", "12")
        s.note("Caller said “she’s fine” – café owner")
        assert "“" in s.incident_log_text()
        svc.settings.set("incident_log_ascii", "true")
        plain = s.incident_log_text()
        assert plain.isascii() and "Caller said \"she's fine\" - cafe owner" in " ".join(plain.split())
    pack = tmp_path / "pack.toml"
    pack.write_text(EXAMPLE.read_text(encoding="utf-8").replace("width = 78", "width = 60")
                    .replace("ascii = false", "ascii = true"), encoding="utf-8")
    with open_with(AppPaths.from_root(tmp_path / "app2"), pack) as svc:
        assert svc.force.authority("incident_log_width") == "force"
        with pytest.raises(SettingLocked):
            svc.settings.set("incident_log_width", "78")
        s = crisis_call(svc, WEDNESDAY_NOON)
        text = s.incident_log_text()
        assert text.isascii() and max(len(x) for x in text.splitlines()) <= 60
    bad = tmp_path / "bad.toml"
    bad.write_text(EXAMPLE.read_text(encoding="utf-8").replace("width = 78", "width = 20"), encoding="utf-8")
    from triage_desktop.core.forcepack import PackInvalid

    with pytest.raises(PackInvalid, match=r"incident_log\.width.*too narrow"):
        load_pack(bad)


def test_cad_incident_is_personal_purged_and_never_synced(paths):
    with open_with(paths) as svc:
        s = crisis_call(svc, WEDNESDAY_NOON)
        s.set_cad_incident("ANY-20261125-0099")
        row = s.finalise(caller_informed=True).row
        assert row["cad_incident"] == "ANY-20261125-0099"
        payloads = [r[0] for r in svc.store.conn.execute("SELECT payload FROM outbox WHERE call_uuid = ?",
                                                         (s.uuid,))]
        assert payloads and all("ANY-20261125-0099" not in p and "cad" not in json.loads(p) for p in payloads)
        audit = [r[0] for r in svc.store.conn.execute(
            "SELECT value_json FROM call_events WHERE call_uuid = ? AND kind = 'personal'", (s.uuid,))]
        assert audit and all("ANY-2026" not in a for a in audit) and '"cad_incident"' in audit[0]
        from triage_desktop.store.retention import purge_expired

        res = purge_expired(svc.store, days=30, now=dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=31))
        assert res.calls_purged == 1
        assert svc._calls.get(s.uuid)["cad_incident"] is None
        text = svc.incident_log_text(s.uuid)
        assert "CAD incident: not given" in text and "ANY-2026" not in text
        assert svc.verify().ok


def test_retention_follows_the_authority_order_pack_then_supervisor_then_user(paths):
    with open_with(paths) as svc:  # the example pack sets retention: nobody changes it in the app
        with pytest.raises(SettingLocked):
            svc.settings.set("retention_days", "90")
        problems = svc.settings.set_many({"retention_days": "90", "handler_role": "mh_practitioner"})
        assert list(problems) == ["retention_days"] and "set by the force" in problems["retention_days"]
        assert svc.settings.get("retention_days") == "30" and svc.settings.get("handler_role") == "mh_practitioner"
        from triage_desktop.services import AuthorityError

        with pytest.raises(AuthorityError):  # a force-level value the pack leaves open: supervisors only
            svc.settings.set("hours_entry", "3")


@pytest.mark.parametrize("at, alternative", [(TUESDAY_NIGHT, "NHS 111, option 2"), (WEDNESDAY_EARLY, "NHS 111")])
def test_crisis_outcome_names_the_open_alternative_when_the_practitioner_is_closed(paths, at, alternative):
    with open_with(paths) as svc:
        s = crisis_call(svc, at)
        out = s.view.outcome
        assert out.code == "MH_PRACTITIONER"
        offer = s.view.partners_offer[0]
        assert "mh_practitioner" not in offer.codes()  # the directory says the desk is shut now
        assert "putting you through to the mental-health practitioner" not in out.headline
        assert "not available at this time" in out.headline and alternative in out.headline
        assert alternative in out.script and "stay on the line" in out.script
        assert dict(s.view.thrive)["engagement"].startswith("Put through to NHS 111")
        s.finalise(caller_informed=True)
        text = svc.incident_log_text(s.uuid)
        assert "closed at the time, so put through to NHS 111" in " ".join(text.split())
        assert svc.call_view(s.uuid).outcome.headline == out.headline  # the report says the same


def test_in_a_welsh_call_the_open_alternative_is_read_out_in_welsh(paths):
    with open_with(paths) as svc:
        s = crisis_call(svc, TUESDAY_NIGHT)
        s.set_language("cy")
        out = s.view.outcome
        said = out.said_in_call_language("headline")
        assert said.startswith("Fydd yr heddlu ddim yn dod.") and "GIG 111, pwyso 2" in said
        assert "ymarferydd iechyd meddwl" in said and "ddim ar gael" in said  # the closed service, in Welsh
        assert "999" in out.said_in_call_language("script") and "NHS" not in out.said_in_call_language("script")
        assert "not available at this time" in out.headline  # the record and the block stay English
        s.set_language("en")
        assert s.view.outcome.said_in_call_language("headline") == s.view.outcome.headline


def test_crisis_outcome_keeps_the_practitioner_when_open(paths):
    with open_with(paths) as svc:
        s = crisis_call(svc, WEDNESDAY_NOON)
        out = s.view.outcome
        assert "mh_practitioner" in s.view.partners_offer[0].codes()
        assert "putting you through to the mental-health practitioner" in out.headline


def test_report_says_the_decision_not_what_happened(paths):
    with open_with(paths) as svc:
        s = svc.start_call()
        s.answer("family_friend_public")
        s.immediate_risk("Caller says someone is being attacked or threatened now")
        s.finish()
        s.finalise(caller_informed=True)
        from triage_desktop.gui.report_dialog import report_html  # no Qt widget: plain HTML

        html = report_html(svc.call_report(s.uuid))
        assert "Decision: police to attend" in html and "attended" not in html
