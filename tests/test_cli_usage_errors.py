"""Command-line errors are one line and an exit code, never argparse's usage block or a traceback; a collector
database error names the database (never its password) and what went wrong, and changes nothing."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], capture_output=True, text=True, cwd=cwd, timeout=120)


@pytest.mark.parametrize("args, words", [
    (("triage_desktop.cli", "nosuch"), "invalid choice: 'nosuch'"),
    (("triage_desktop.cli", "flows", "check", "--nope"), "unrecognized arguments: --nope"),
    (("triage_desktop.cli", "--data-dir"), "argument --data-dir: expected one argument"),
    (("triage_desktop.cli", "--training", "--data-dir"), "argument --data-dir: expected one argument"),
    (("triage_desktop.collector.cli", "list-devices", "--silent-after-hours", "-5"), "'-5' must be a number above zero"),
    (("triage_desktop.collector.cli", "list-devices", "--silent-after-hours", "soon"), "'soon' is not a number"),
    (("triage_desktop.collector.cli", "serve", "--silent-after-hours", "0"), "'0' must be a number above zero"),
    (("triage_desktop.cli", "db", "purge", "--days", "-3"), "'-3' must be a whole number above zero"),
    (("triage_desktop.cli", "db", "purge", "--days", "0"), "'0' must be a whole number above zero"),
    (("triage_desktop.cli", "db", "purge", "--days", "ten"), "'ten' is not a whole number"),
    (("triage_desktop.cli", "export", "--from", "2026-13-01"), "'2026-13-01' is not a day (YYYY-MM-DD)"),
    (("triage_desktop.cli", "report", "--from", "2026-02-30", "--to", "2026-03-31"), "'2026-02-30' is not a day"),
    (("triage_desktop.cli", "demo-data", "--calls", "0"), "'0' must be a whole number above zero"),
])
def test_a_usage_error_is_one_line_naming_the_problem_and_the_help(tmp_path: Path, args: tuple[str, ...],
                                                                     words: str) -> None:
    work = tmp_path / "work"
    work.mkdir()
    r = run(*args, cwd=work)
    assert r.returncode == 2
    assert r.stdout == ""
    lines = r.stderr.splitlines()
    assert len(lines) == 1, r.stderr
    assert words in lines[0] and "--help)" in lines[0] and "usage:" not in lines[0]
    assert list(work.iterdir()) == []  # nothing written: no database made for a command that was refused


def test_a_collector_database_that_is_not_one_is_named_and_left_as_it_was(tmp_path: Path) -> None:
    garbage = tmp_path / "collector.sqlite"
    garbage.write_bytes(bytes(range(256)) * 16)
    before = garbage.read_bytes()
    r = run("triage_desktop.collector.cli", "list-devices", "--db", str(garbage), cwd=tmp_path)
    assert r.returncode == 1
    assert r.stderr.strip() == f"triage-collector: database error in {garbage}: file is not a database"
    assert "Traceback" not in r.stderr and garbage.read_bytes() == before


def test_an_unreachable_collector_database_is_named_without_its_password(tmp_path: Path) -> None:
    r = run("triage_desktop.collector.cli", "list-devices", "--db", "postgresql://analyst:s3cret-pw@127.0.0.1:1/x",
            cwd=tmp_path)
    assert r.returncode == 1
    line, = r.stderr.splitlines()
    assert line.startswith("triage-collector: database error in postgresql+psycopg://analyst:***@127.0.0.1:1/x: ")
    assert "s3cret-pw" not in r.stderr and "refused" in line.lower()
