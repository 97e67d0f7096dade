"""Backups: online backup API, when something changed, on close, before migrations and restores; thinning; restore."""
import datetime as dt
import sqlite3

import pytest
from store_support import finished_call

from triage_desktop.cli import main
from triage_desktop.store import backup as backups

UTC = dt.timezone.utc


def test_backup_is_a_consistent_standalone_copy(svc):
    s = finished_call(svc, caller_name="Copied")
    p = svc.backup()
    assert backups.check_file(p) is None
    c = sqlite3.connect(p)
    assert c.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert c.execute("SELECT caller_name FROM calls WHERE uuid = ?", (s.uuid,)).fetchone() == ("Copied",)
    c.close()


def test_timer_backup_only_when_changed(svc):
    svc.backup_if_changed()
    assert svc.backup_if_changed() is None
    finished_call(svc)
    assert svc.backup_if_changed() is not None
    assert svc.backup_if_changed() is None


def test_backup_on_close(open_svc, paths):
    svc = open_svc()
    finished_call(svc)
    n = len(backups.list_backups(paths))
    assert svc.close() == "ok"
    infos = backups.list_backups(paths)
    assert len(infos) == n + 1 and infos[0].reason == "close"


def test_thinning_keeps_a_bounded_set(paths):
    now = dt.datetime(2026, 11, 23, 12, tzinfo=UTC)
    paths.ensure_data_dir()
    src = sqlite3.connect(":memory:")
    src.execute("CREATE TABLE calls (x)")
    for hours in range(0, 24 * 400, 5):  # a backup every 5 hours for 400 days
        backups.make_backup(src, paths, False, "timer", now=now - dt.timedelta(hours=hours))
    assert len(backups.list_backups(paths)) == 1920
    backups.thin(paths, now=now)
    kept = backups.list_backups(paths)
    limit = backups.KEEP_RECENT + backups.KEEP_DAYS + 1 + backups.KEEP_WEEKS + 1 + backups.KEEP_MONTHS + 1
    assert len(kept) <= limit
    assert kept[0].made_at == now  # the newest always stays
    ages = [(now - b.made_at).days for b in kept]
    assert max(ages) > 300 and any(1 < a < 8 for a in ages)
    backups.thin(paths, now=now)
    assert len(backups.list_backups(paths)) == len(kept), "thinning is stable"


def test_age_text():
    b = backups.BackupInfo(None, dt.datetime(2026, 11, 23, 9, 0, tzinfo=UTC), "timer")
    assert b.age_text(dt.datetime(2026, 11, 23, 12, 0, tzinfo=UTC)) == "3 hours ago (2026-11-23 09:00 UTC)"
    assert b.age_text(dt.datetime(2026, 11, 25, 12, 0, tzinfo=UTC)).startswith("2 days ago")


def test_restore_command_confirms_age_and_keeps_the_current_file(open_svc, paths, capsys, monkeypatch):
    svc = open_svc()
    first = finished_call(svc).uuid
    bk = svc.backup()
    second = finished_call(svc).uuid
    svc.close()
    argv = ["--data-dir", str(paths.data_dir), "db", "restore", str(bk)]
    monkeypatch.setattr("builtins.input", lambda prompt: "n")
    assert main(argv) == 1
    out = capsys.readouterr().out
    assert "just now" in out and "holds 1 calls" in out and "Nothing changed" in out
    monkeypatch.setattr("builtins.input", lambda prompt: "y")
    assert main(argv) == 0
    assert "prerestore" in capsys.readouterr().out
    svc = open_svc()
    assert [c["uuid"] for c in svc.history.page()] == [first]
    svc.close()
    pre = [b for b in backups.list_backups(paths) if b.reason == "prerestore"][0]
    c = sqlite3.connect(pre.path)
    assert {r[0] for r in c.execute("SELECT uuid FROM calls")} == {first, second}
    c.close()


def test_restore_refuses_while_the_app_is_open_and_bad_files(svc, paths, tmp_path, capsys):
    bk = svc.backup()
    assert main(["--data-dir", str(paths.data_dir), "db", "restore", str(bk), "--yes"]) == 2
    assert "Another copy" in capsys.readouterr().err
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"junk" * 100)
    assert main(["--data-dir", str(paths.data_dir), "db", "restore", str(junk), "--yes"]) == 2
    assert "cannot be restored" in capsys.readouterr().err


def test_backup_and_backups_commands(svc, paths, capsys):
    finished_call(svc)
    assert main(["--data-dir", str(paths.data_dir), "db", "backup"]) == 0  # works while the app is open
    assert "Backup written" in capsys.readouterr().out
    assert main(["--data-dir", str(paths.data_dir), "db", "backups"]) == 0
    assert "(manual)" in capsys.readouterr().out


def test_no_backup_while_a_write_is_open(svc):
    svc.store.conn.execute("BEGIN")
    with pytest.raises(Exception, match="write is in progress"):
        svc.backup()
    svc.store.conn.execute("ROLLBACK")
