"""Export (CSV/JSON per-call reports), demo-data, settings and check commands; every command and setting documented."""
import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

from store_support import WALK_GP, start

from triage_desktop.cli import build_parser, main
from triage_desktop.store_cli import COMMANDS
from triage_desktop.store.settings import SETTINGS

DOCS = Path(__file__).resolve().parents[2] / "docs" / "store.md"


def make_calls(svc):
    s = start(svc)
    for a in WALK_GP:
        s.answer(a)
    s.note("Note about Ms Smith")
    s.set_personal(caller_name="Ms Smith", caller_phone="07700 900001")
    s.finalise(caller_informed=True)
    t = start(svc)
    t.answer("no")
    t.early_exit("Ms Smith hung up", code="ADVICE_ONLY")
    t.finalise(caller_informed=True)
    return s.uuid, t.uuid


def test_export_json_and_csv_leave_out_personal_by_default(svc, capsys):
    a, b = make_calls(svc)
    data = ["--data-dir", str(svc.paths.data_dir)]
    assert main([*data, "export", "--format", "json"]) == 0  # works while the app is open
    out = capsys.readouterr().out
    reps = json.loads(out)
    assert [r["call"]["uuid"] for r in reps] == [a, b]
    assert "Smith" not in out and "07700" not in out and "in the park" not in out
    assert reps[0]["path"][0]["node"] == "risk_now" and reps[0]["events"][0]["kind"] == "started"
    # the early-exit reason ("Ms Smith hung up") is personal: the export leaves it out, and the rationale beside it
    # never quotes it (it is shown beside the rationale, not inside)
    assert reps[1]["call"]["rationale"] and "Ms Smith" not in reps[1]["call"]["rationale"]
    assert reps[1]["call"].get("early_exit_reason") in (None, "[purged]")
    assert main([*data, "export", "--format", "json", "--include-personal"]) == 0
    out = capsys.readouterr().out
    assert "Ms Smith" in out and "in the park" in out
    assert main([*data, "export", "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [r["uuid"] for r in rows] == [a, b]
    assert rows[0]["outcome_code"] == "GP_OR_111" and "Risk to life now?: No" in rows[0]["answers"]
    assert "(free text)" in rows[0]["answers"]


def test_export_to_file_with_dates(svc, tmp_path, capsys):
    make_calls(svc)
    out = tmp_path / "x.json"
    data = ["--data-dir", str(svc.paths.data_dir)]
    assert main([*data, "export", "--format", "json", "--out", str(out), "--from", "2000-01-01",
                 "--to", "2000-01-02"]) == 0
    assert json.loads(out.read_text()) == []


def test_demo_data_command_full_and_bulk(tmp_path, capsys):
    data = ["--data-dir", str(tmp_path / "d")]
    assert main([*data, "demo-data", "--calls", "30", "--seed", "5"]) == 0
    assert "Wrote 30 demo calls (full path)" in capsys.readouterr().out
    assert main([*data, "demo-data", "--calls", "300", "--seed", "5", "--bulk"]) == 0
    assert "bulk" in capsys.readouterr().out
    assert main([*data, "db", "check"]) == 0
    assert "audit chain: ok" in capsys.readouterr().out


def test_demo_data_is_reproducible(tmp_path):
    from triage_desktop.paths import AppPaths
    from triage_desktop.services import load_library
    from triage_desktop.store import demo
    from triage_desktop.store.database import Store

    import datetime as dt

    now = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
    got = []
    for i in range(2):
        store = Store.open(AppPaths.from_root(tmp_path / str(i)))
        demo.generate(store, load_library(), 40, seed=11, now=now, bulk=True)
        got.append(store.conn.execute("SELECT uuid, outcome_code, started_at FROM calls ORDER BY uuid").fetchall())
        store.close(check=False, backup=False)
    assert got[0] == got[1]


def test_settings_command(tmp_path, capsys):
    data = ["--data-dir", str(tmp_path / "d")]
    assert main([*data, "settings", "force_code", "AB12"]) == 0
    assert main([*data, "settings"]) == 0
    out = capsys.readouterr().out
    assert "force_code = AB12" in out and "retention_days = 30" in out
    assert main([*data, "settings", "retention_days", "0"]) == 2
    assert "between 1 and 3650" in capsys.readouterr().err


def test_commands_without_a_database_are_clear(tmp_path, capsys):
    assert main(["--data-dir", str(tmp_path / "none"), "db", "verify"]) == 2
    assert "no database" in capsys.readouterr().err


def test_cli_entry_point_runs(tmp_path):
    out = subprocess.run([sys.executable, "-m", "triage_desktop.cli", "--data-dir", str(tmp_path / "d"),
                          "db", "backups"], capture_output=True, text=True)
    assert out.returncode == 0 and "No backups yet" in out.stdout


def test_every_command_and_setting_is_documented():
    text = DOCS.read_text(encoding="utf-8")
    parser_help = build_parser().format_help()
    for cmd in COMMANDS:
        assert f"triage-desktop {cmd}" in text, f"docs/store.md does not describe '{cmd}'"
        assert cmd.split()[0] in parser_help
    for s in SETTINGS:
        assert re.search(rf"`{s.name}`", text), f"docs/store.md does not describe the setting '{s.name}'"
