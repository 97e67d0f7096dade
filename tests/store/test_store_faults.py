"""Bad input and faults: disk full, read-only, a second copy, damaged files. Clear messages; nothing stored is lost."""
import os
from pathlib import Path

import pytest
from store_support import WALK_GP, finished_call, start

from triage_desktop.paths import AppPaths
from triage_desktop.services import AppServices
from triage_desktop.store import backup as backups
from triage_desktop.store.database import Store
from triage_desktop.store.errors import DatabaseCorrupt, DiskFull, ReadOnlyDataDir


def stored_kinds(svc, uuid):
    return [r[0] for r in svc.store.conn.execute(
        "SELECT kind FROM call_events WHERE call_uuid = ? AND seq IS NOT NULL ORDER BY id", (uuid,))]


def test_disk_full_is_clear_and_nothing_stored_is_damaged(svc):
    done = finished_call(svc, caller_name="Kept Person")
    s = start(svc)
    s.answer("no")
    conn = svc.store.conn
    conn.execute(f"PRAGMA max_page_count={conn.execute('PRAGMA page_count').fetchone()[0]}")
    with pytest.raises(DiskFull, match="NOT saved") as e:
        for _ in range(200):
            s.note("x" * 4000)
    assert "x" * 20 not in str(e.value)
    # the session went back to exactly what is stored
    assert [ev.kind for ev in s.run.events] == stored_kinds(svc, s.uuid)
    conn.execute("PRAGMA max_page_count=1073741823")
    s.answer("none")
    assert [a.value for a in svc.resume_call(s.uuid).run.answers] == ["no", "none"]
    assert svc.call_report(done.uuid)["call"]["caller_name"] == "Kept Person"
    assert svc.verify().ok and svc.quick_check() == "ok"


def test_failed_finalise_keeps_the_call_open_and_whole(svc):
    s = start(svc)
    for a in WALK_GP:
        s.answer(a)
    svc.store.conn.execute("PRAGMA query_only=1")
    with pytest.raises(ReadOnlyDataDir):
        s.finalise(caller_informed=True)
    svc.store.conn.execute("PRAGMA query_only=0")
    assert svc._calls.get(s.uuid)["status"] == "in_progress" and s.is_open
    assert svc.store.conn.execute("SELECT count(*) FROM outbox").fetchone()[0] == 0
    assert "finalised" not in [e["kind"] for e in svc.call_report(s.uuid)["events"]]
    assert s.finalise(caller_informed=True)["status"] == "final"
    assert svc.verify().ok


def test_read_only_database_is_clear_and_harmless(svc):
    s = start(svc)
    s.answer("no")
    svc.store.conn.execute("PRAGMA query_only=1")  # SQLite refuses writes, even for root
    with pytest.raises(ReadOnlyDataDir, match="cannot be written"):
        s.answer("none")
    assert [a.value for a in s.run.answers] == ["no"]
    svc.store.conn.execute("PRAGMA query_only=0")
    s.answer("none")
    assert svc.verify().ok


def test_unwritable_data_dir_is_refused_clearly(tmp_path):
    target = Path("/sys/triage-desktop-test")
    try:
        target.mkdir()
    except OSError:
        pass
    else:  # pragma: no cover - a writable /sys: cannot simulate here
        target.rmdir()
        pytest.skip("/sys is writable here")
    paths = AppPaths.from_root(tmp_path).with_data_dir(target)
    with pytest.raises(ReadOnlyDataDir, match="cannot be written"):
        Store.open(paths)


def make_backups(open_svc, n=2):
    svc = open_svc()
    uuids = []
    for _ in range(n):
        uuids.append(finished_call(svc).uuid)
        svc.backup()
    svc.close()
    return uuids


@pytest.mark.parametrize("damage", ["garbage", "truncated", "zeroed_middle"])
def test_damaged_database_is_refused_kept_and_restorable(paths, open_svc, damage):
    uuids = make_backups(open_svc)
    db = paths.database()
    data = db.read_bytes()
    if damage == "garbage":
        db.write_bytes(os.urandom(len(data)))
    elif damage == "truncated":
        db.write_bytes(data[: len(data) // 2])
    else:
        mid = len(data) // 2 // 4096 * 4096
        db.write_bytes(data[:mid] + b"\xff" * 8192 + data[mid + 8192:])
    bad = db.read_bytes()
    with pytest.raises(DatabaseCorrupt) as e:
        AppServices.open(paths, flows_dir=Path(__file__).parents[1] / "core" / "flows_ok")
    assert "restore" in str(e.value) and e.value.backup_candidates
    newest = e.value.backup_candidates[0]
    assert newest == backups.list_backups(paths)[0].path
    assert db.read_bytes() == bad, "the damaged file is never changed"
    kept = AppServices.restore_backup(paths, newest).kept
    assert kept is not None and kept.read_bytes() == bad and "damaged" in str(kept)
    svc = open_svc()
    assert {c["uuid"] for c in svc.history.page(0, 10)} == set(uuids)
    assert svc.verify().ok


def test_not_a_database_has_no_backup_to_offer(paths):
    paths.ensure_data_dir()
    paths.database().write_bytes(b"this is not sqlite at all" * 10)
    with pytest.raises(DatabaseCorrupt, match="No backup was found"):
        Store.open(paths)
