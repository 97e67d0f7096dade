"""Retention: personal details and free text purged after N days; the anonymised record and the chain stay."""
import datetime as dt
import json

import pytest
from store_support import WALK_GP, start

from triage_desktop.cli import main
from triage_desktop.store.retention import purge_expired

UTC = dt.timezone.utc
LATER = dt.datetime.now(UTC) + dt.timedelta(days=31)


def full_call(svc):
    s = start(svc)
    for a in WALK_GP:
        s.answer(a)  # includes the free-text answer "in the park"
    s.note("Caller Jane at 4 Elm Road")
    s.set_personal(caller_name="Jane Doe", caller_phone="07700 900123", address="4 Elm Road")
    s.override("POLICE_PRIORITY", reason="Jane has a history")
    s.finalise(caller_informed=True)
    svc.add_addendum(s.uuid, "Jane rang back", "update from Jane", "1234")
    return s.uuid


def test_purge_blanks_personal_data_and_keeps_the_record(svc):
    uuid = full_call(svc)
    before = svc._calls.get(uuid)
    assert svc.purge_expired().calls_purged == 0, "nothing is due yet"
    res = purge_expired(svc.store, days=30, now=LATER)
    assert (res.calls_purged, res.calls_abandoned) == (1, 0) and res.events_purged >= 4
    row = svc._calls.get(uuid)
    for col in ("caller_name", "caller_phone", "address", "notes", "override_reason", "personal_salt"):
        assert row[col] is None, col
    assert "Jane" not in json.dumps(row) and "Elm" not in json.dumps(row)
    # the handler's reason is kept beside the rationale (override_reason, purged above), never quoted inside it
    assert row["rationale"].startswith("Outcome changed by the handler") and "history" not in row["rationale"]
    for col in ("outcome_code", "original_outcome_code", "pathway", "police_attend", "flags_json", "content_hash",
                "version", "started_at", "duration_s", "handler_id"):
        assert row[col] == before[col], col
    rep = svc.call_report(uuid)
    text = json.dumps(rep)
    assert "Jane" not in text and "Elm" not in text and "in the park" not in text
    assert [p["answer"] for p in rep["path"] if p["node"] == "where"] == ["[purged]"]
    assert rep["addenda"][0]["author"] == "1234" and rep["addenda"][0]["text"] == ""
    assert svc.history.search("Jane") == [] and svc.history.search("changed by the handler")
    res = svc.verify()
    assert res.ok, res.problems
    purge_events = svc.store.conn.execute(
        "SELECT value_json FROM call_events WHERE kind = 'purge' AND call_uuid IS NULL").fetchall()
    assert len(purge_events) == 1 and json.loads(purge_events[0][0])["calls"] == 1
    assert purge_expired(svc.store, days=30, now=LATER).calls_purged == 0, "a purge happens once"


def test_stale_in_progress_call_is_abandoned_then_purged(svc):
    s = start(svc)
    s.answer("no")
    s.set_personal(caller_name="Someone")
    res = purge_expired(svc.store, days=30, now=LATER)
    assert (res.calls_abandoned, res.calls_purged) == (1, 1)
    row = svc._calls.get(s.uuid)
    assert row["status"] == "abandoned" and row["caller_name"] is None
    assert svc.interrupted_calls() == [] and svc.verify().ok


def test_retention_setting_and_command(svc, paths, capsys):
    full_call(svc)
    svc.settings.set("retention_days", "45")
    assert svc.purge_expired().retention_days == 45
    svc.close()
    assert main(["--data-dir", str(paths.data_dir), "db", "purge", "--days", "1"]) == 0
    assert "Purged personal details and free text of 0 calls" in capsys.readouterr().out


def test_purge_triggers_refuse_half_purges(svc):
    import sqlite3

    uuid = full_call(svc)
    c = sqlite3.connect(svc.store.path)
    with pytest.raises(sqlite3.IntegrityError):
        c.execute("UPDATE calls SET caller_name = NULL, personal_purged_at = 'x', personal_salt = NULL "
                  "WHERE uuid = ?", (uuid,))  # phone and address still there: not a purge
    c.close()
