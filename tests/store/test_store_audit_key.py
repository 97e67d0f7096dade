"""The HMAC audit key kept outside the data dir: a forged event appended with a recomputed chain is caught."""
import sqlite3

import pytest
from store_support import FLOWS_OK, finished_call
from test_store_audit import tamper

from triage_desktop.cli import main
from triage_desktop.services import AppServices
from triage_desktop.store.chain import event_hash
from triage_desktop.store.errors import StoreError


@pytest.fixture
def keyed(tmp_path, paths, monkeypatch, capsys):
    key = tmp_path / "keys" / "audit.key"
    key.parent.mkdir()
    assert main(["--data-dir", str(paths.data_dir), "db", "audit-key", str(key)]) == 0
    capsys.readouterr()
    monkeypatch.setenv("TRIAGE_DESKTOP_AUDIT_KEY_FILE", str(key))
    return key


def forge_appended_event(svc, call_uuid: str) -> int:
    """What someone holding only the file can do: append a plausible event and recompute its chain links."""
    c = sqlite3.connect(svc.store.path)
    c.row_factory = sqlite3.Row
    last = dict(c.execute("SELECT * FROM call_events ORDER BY id DESC LIMIT 1").fetchone())
    head = c.execute("SELECT events_head FROM calls WHERE uuid = ?", (call_uuid,)).fetchone()[0]
    c.close()
    row = dict(last, id=last["id"] + 1, call_uuid=call_uuid, seq=None, kind="amended", actor="1234",
               value_json='{"version":2}', prev_hash=last["hash"], prev_call_hash=head, mac=None,
               private_salt=None, private_hash=None, reason=None, text=None, purged=0)
    row["hash"] = event_hash(row)
    cols = ", ".join(row)
    values = ", ".join(repr(v) if v is not None else "NULL" for v in row.values())
    tamper(svc, f"INSERT INTO call_events ({cols}) VALUES ({values})",
           f"UPDATE calls SET events_head = '{row['hash']}', version = 2 WHERE uuid = '{call_uuid}'")
    return row["id"]


def test_forged_event_appended_with_a_recomputed_chain_is_caught_with_the_key(keyed, paths, capsys):
    svc = AppServices.open(paths, flows_dir=FLOWS_OK)
    try:
        s = finished_call(svc)
        assert svc.verify().ok
        assert svc.store.conn.execute("SELECT count(*) FROM call_events WHERE mac IS NULL").fetchone()[0] == 0
        forged = forge_appended_event(svc, s.uuid)
        res = svc.verify()
        assert res.problems == [f"call_events row {forged}: not signed with the audit key (forged, or written "
                                "without the key)"], res.problems
    finally:
        svc.store.close(backup=False)
    assert main(["--data-dir", str(paths.data_dir), "db", "verify"]) == 1
    assert f"call_events row {forged}: not signed" in capsys.readouterr().err


def test_without_the_key_the_same_forgery_verifies_which_is_why_the_key_or_the_collector_is_needed(
        paths, open_svc):
    svc = open_svc()
    s = finished_call(svc)
    forge_appended_event(svc, s.uuid)
    assert svc.verify().ok  # documented limit: the chain alone cannot tell (docs/store.md)


def test_stripping_every_signature_is_caught_by_the_since_file(keyed, paths):
    svc = AppServices.open(paths, flows_dir=FLOWS_OK)
    try:
        finished_call(svc)
        tamper(svc, "UPDATE call_events SET mac = NULL")
        res = svc.verify()
        assert res.problems and all("not signed with the audit key" in p for p in res.problems)
    finally:
        svc.store.close(backup=False)


def test_a_signature_made_without_the_key_is_caught(keyed, paths):
    svc = AppServices.open(paths, flows_dir=FLOWS_OK)
    try:
        finished_call(svc)
        tamper(svc, "UPDATE call_events SET mac = '" + "0" * 64 + "' WHERE id = 2")
        assert svc.verify().problems == ["call_events row 2: its signature does not match the audit key (forged "
                                         "or altered)"]
    finally:
        svc.store.close(backup=False)


def test_audit_key_inside_the_data_dir_is_refused(paths, monkeypatch, capsys):
    paths.ensure_data_dir()
    inside = paths.data_dir / "audit.key"
    assert main(["--data-dir", str(paths.data_dir), "db", "audit-key", str(inside)]) == 2
    assert "outside the data dir" in capsys.readouterr().err
    inside.write_text("00" * 32)
    monkeypatch.setenv("TRIAGE_DESKTOP_AUDIT_KEY_FILE", str(inside))
    with pytest.raises(StoreError, match="outside the data dir"):
        AppServices.open(paths, flows_dir=FLOWS_OK)
