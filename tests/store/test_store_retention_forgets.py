"""Retention really forgets (and legal holds really keep): each test named after the fault it reproduces.

The calls are made 40 days in the past with `faketime` (the real clock of a child process, not edited rows); the
purge then runs at today's date the way the app runs it (on open).
"""
import shutil
import sqlite3
import subprocess

import pytest
from fault_support import Child
from store_support import FLOWS_OK, finished_call

from triage_desktop.cli import main
from triage_desktop.services import AppServices
from triage_desktop.store import backup as backups
from triage_desktop.store.retention import HoldRefused

MARKER = "Zebedee Quartermain"


def _faketime() -> str:
    path = shutil.which("faketime")
    assert path, "faketime is needed (Debian package 'faketime'; .ci/run installs it)"
    return path


def old_calls(days: int = 40) -> list[str]:
    """Calls with the marker name, a backup and a damaged copy, all made `days` ago by a child under faketime."""
    child = Child("old-calls", MARKER, faketime=f"-{days}d")
    lines = child.finish()
    assert any(line.startswith("damaged ") for line in lines), child.stderr
    return [line.split()[1] for line in lines if line.startswith("ack-final")]


def marker_hits(root) -> list[str]:
    """Every file under root whose raw bytes contain any part of the marker (any case, as FTS5 lower-cases)."""
    hits = []
    needles = [w.lower().encode() for w in MARKER.split()]
    for p in sorted(root.rglob("*")):
        if p.is_file():
            data = p.read_bytes().lower()
            hits += [f"{p.relative_to(root)}: {n.decode()}" for n in needles if n in data]
    return hits


def test_purge_leaves_no_personal_bytes_in_any_file_of_the_data_dir(paths):
    """The fault: after the 30-day purge the name was still in the FTS index, in free pages, in backups and in
    damaged copies. Now: grep the raw bytes of every file in the data dir and find nothing."""
    _faketime()
    uuids = old_calls()
    assert marker_hits(paths.data_dir), "the marker is there before the purge (the test can see it)"
    # today: a newer backup and a newer damaged copy that still hold the expired calls
    svc = AppServices.open(paths, flows_dir=FLOWS_OK, purge=False)
    newer_backup = svc.backup()
    newer_damaged = backups.copy_aside(paths, svc.store.path)
    svc.close()
    svc = AppServices.open(paths, flows_dir=FLOWS_OK)  # the purge runs on open
    res = svc.last_purge
    assert res.calls_purged == 2 and res.files is not None
    assert newer_backup.name in res.files.purged and newer_damaged.name in res.files.purged, res.files
    assert len(res.files.deleted) >= 2, res.files  # the 40-day-old backup and damaged copy
    assert marker_hits(paths.data_dir) == [], "while the app is open (database, WAL, backups, damaged copies)"
    for u in uuids:  # the anonymised record stays, the chain verifies
        assert svc.call_report(u)["call"]["outcome_code"]
    assert svc.verify().ok and svc.history.search("Zebedee") == []
    svc.close()
    assert marker_hits(paths.data_dir) == []
    for b in backups.list_backups(paths):
        assert backups.check_file(b.path) is None
        c = sqlite3.connect(b.path)
        from triage_desktop.store.chain import verify
        assert verify(c).ok
        c.close()


def test_legal_hold_keeps_a_call_through_the_purge_until_lifted(paths, capsys):
    _faketime()
    held, other = old_calls()
    svc = AppServices.open(paths, flows_dir=FLOWS_OK, purge=False)
    with pytest.raises(HoldRefused, match="Only a supervisor"):
        svc.place_hold(held, "coroner", "1234", "call_handler")
    with pytest.raises(HoldRefused, match="reason"):
        svc.place_hold(held, " ", "S-9", "supervisor")
    svc.place_hold(held, "Coroner's inquest 2026/114", "S-9", "supervisor")
    with pytest.raises(HoldRefused, match="already"):
        svc.place_hold(held, "again", "S-9", "supervisor")
    svc.close()
    data = ["--data-dir", str(paths.data_dir)]
    assert main([*data, "db", "holds"]) == 0
    out = capsys.readouterr().out
    assert held in out and "S-9" in out and "Coroner's inquest" in out and other not in out
    svc = AppServices.open(paths, flows_dir=FLOWS_OK)
    assert svc.last_purge.calls_purged == 1 and svc.last_purge.calls_held == 1
    assert svc.call_report(held)["call"]["caller_name"] == MARKER
    assert svc.call_report(other)["call"]["caller_name"] is None
    kinds = [e["kind"] for e in svc.call_report(held)["events"]]
    assert "legal_hold" in kinds and svc.verify().ok
    svc.close()
    # the held call's personal data stays in the backups too; nothing else does
    for b in backups.list_backups(paths):
        c = sqlite3.connect(b.path)
        names = {r[0] for r in c.execute("SELECT caller_name FROM calls WHERE caller_name IS NOT NULL")}
        c.close()
        assert names <= {MARKER}
    assert main([*data, "db", "lift-hold", held, "--supervisor", "S-9", "--reason", "inquest closed"]) == 0
    assert main([*data, "db", "holds"]) == 0
    assert "No calls are on legal hold" in capsys.readouterr().out
    svc = AppServices.open(paths, flows_dir=FLOWS_OK)
    assert svc.last_purge.calls_purged == 1
    assert svc.call_report(held)["call"]["caller_name"] is None
    kinds = [e["kind"] for e in svc.call_report(held)["events"]]
    assert kinds.count("legal_hold") == 1 and kinds.count("hold_lifted") == 1
    assert svc.verify().ok
    svc.close()
    assert marker_hits(paths.data_dir) == []


def test_legal_hold_refused_for_a_handler_on_the_command_line(paths, open_svc, capsys):
    svc = open_svc()
    u = finished_call(svc).uuid
    svc.close()
    rc = main(["--data-dir", str(paths.data_dir), "db", "lift-hold", u, "--supervisor", "S-1", "--reason", "x"])
    assert rc == 2 and "not on legal hold" in capsys.readouterr().err


def test_purge_of_a_call_with_a_cad_incident_number(svc):
    """Found on the way: the purge trigger requires every personal column blank, cad_incident included, and the
    purge did not blank it, so a call with a CAD number could never be purged."""
    import datetime as dt

    from triage_desktop.store.retention import purge_expired

    from store_support import start, walk

    s = walk(start(svc))
    with svc.store.writing():  # what the screens branch writes while the call is open: a CAD number
        svc.store.conn.execute("UPDATE calls SET cad_incident = 'CAD-123' WHERE uuid = ?", (s.uuid,))
    s.finalise(caller_informed=True)
    res = purge_expired(svc.store, days=1, now=dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=3))
    assert res.calls_purged == 1 and svc._calls.get(s.uuid)["cad_incident"] is None
    assert svc.verify().ok


def test_faketime_really_moves_the_child_clock(tmp_path):
    out = subprocess.run([_faketime(), "-f", "-40d", "python3", "-c",
                          "import datetime; print(datetime.date.today().isoformat())"],
                         capture_output=True, text=True, check=True).stdout.strip()
    import datetime as dt

    assert (dt.date.today() - dt.date.fromisoformat(out)).days == 40
