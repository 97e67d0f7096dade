"""IT enrols many PCs: `triage-collector add-devices` writes names and one-time tokens, `triage-desktop enrol` loads a
PC's token from that CSV, and that PC then syncs to the real collector over loopback HTTP."""
from __future__ import annotations

import csv
import stat
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "sync"))
from sync_support import Collector  # noqa: E402

from triage_desktop.cli import main as desktop
from triage_desktop.collector import db as collector_db
from triage_desktop.collector.cli import main as collector
from triage_desktop.packs import load_pack
from triage_desktop.paths import AppPaths
from triage_desktop.services import AppServices
from triage_desktop.sync import credentials

from pack_support import EXAMPLE


def read(csv_path: Path) -> list[dict[str, str]]:
    with csv_path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_add_devices_writes_a_private_csv_all_or_nothing(tmp_path, capsys):
    db, out = str(tmp_path / "collector.sqlite"), tmp_path / "enrol dir" / "devices.csv"
    out.parent.mkdir()
    assert collector(["add-devices", "--db", db, "--count", "50", "--prefix", "CR-", "--out", str(out)]) == 0
    rows = read(out)
    assert [r["name"] for r in rows] == [f"CR-{i:03d}" for i in range(1, 51)]
    assert len({r["token"] for r in rows}) == 50 and all(r["token"].startswith("tdc_") for r in rows)
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    engine = collector_db.make_engine(db)
    assert collector_db.authenticate(engine, rows[6]["token"]) == "CR-007"
    assert len(collector_db.list_devices(engine)) == 50
    # the CSV is never overwritten; a clash adds nothing and leaves no file
    assert collector(["add-devices", "--db", db, "--count", "5", "--prefix", "CR-", "--out", str(out)]) == 2
    again = tmp_path / "again.csv"
    assert collector(["add-devices", "--db", db, "--count", "5", "--prefix", "CR-", "--start", "48",
                      "--out", str(again)]) == 1
    assert "already exist: CR-048, CR-049, CR-050" in capsys.readouterr().err
    assert not again.exists() and len(collector_db.list_devices(engine)) == 50
    engine.dispose()


def test_enrol_from_csv_then_sync_to_the_real_collector(tmp_path, monkeypatch, capsys):
    col = Collector(str(tmp_path / "collector.sqlite"), tmp_path).start()
    try:
        out = tmp_path / "devices.csv"
        assert collector(["add-devices", "--db", col.target, "--count", "3", "--prefix", "CR-", "--out", str(out)]) == 0
        token = read(out)[1]["token"]
        assert desktop(["enrol", "--from-csv", str(out), "--device", "cr-002"]) == 0
        printed = capsys.readouterr().out
        assert "stored" in printed and token not in printed
        assert credentials.load_token() == token
        assert desktop(["enrol", "--from-csv", str(out), "--device", "CR-999"]) == 1
        # this PC takes a call, then syncs with the enrolled token
        paths = AppPaths.default()
        with AppServices.open(paths, pack=load_pack(EXAMPLE)) as svc:
            s = svc.start_call(handler_id="1234", role="call_handler")
            s.answer("family_friend_public")
            s.answer("yes")
            s.finish()  # the rest of the post-decision steps not asked
            s.finalise(caller_informed=True)
        monkeypatch.setenv("TRIAGE_COLLECTOR_URL", col.url)  # the example pack's collector is fictional
        rc = desktop(["sync", "--data-dir", str(paths.data_dir)])
        line = capsys.readouterr().out
        assert rc == 0, line
        assert "synced 1" in line
    finally:
        col.stop()


def test_enrol_refuses_a_file_that_is_not_an_add_devices_csv(tmp_path, capsys):
    bad = tmp_path / "x.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    assert desktop(["enrol", "--from-csv", str(bad), "--device", "CR-001"]) == 2
    assert "needs the columns name,token" in capsys.readouterr().err
