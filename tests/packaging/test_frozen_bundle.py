"""Smoke test of the frozen app (PyInstaller one-folder bundle): main window offscreen, flows check, a headless walk,
db check, --version, the force pack and the bank-holiday calendar, all from the bundle; and the bundle stays lean."""
from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from frozen import build_bundle, folder_size

pytestmark = pytest.mark.timeout(900)


@pytest.fixture(scope="module")
def bundle() -> Path:
    exe, took = build_bundle()
    assert exe.is_file(), exe
    print(f"\nbundle: {exe.parent} ({folder_size(exe.parent) / 1e6:.0f} MB, built in {took:.0f} s)")
    return exe


def run(exe: Path, tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("TRIAGE_DESKTOP_", "PYTHON"))}
    base.update(QT_QPA_PLATFORM="offscreen", TRIAGE_DESKTOP_HOME=str(tmp_path / "home with spaces"))
    base["TRIAGE_DESKTOP_FORCE_PACK"] = str(exe.parent / "_internal" / "resources" / "force-packs" / "example.toml")
    base.update(env)
    return subprocess.run([str(exe), *args], capture_output=True, text=True, env=base, timeout=120,
                          cwd=str(tmp_path))


def test_version(bundle, tmp_path):
    from triage_desktop import __version__

    out = run(bundle, tmp_path, "--version")
    assert out.returncode == 0 and out.stdout.strip() == f"triage-desktop {__version__}"


def test_the_welsh_interface_catalogue_is_bundled(bundle):
    qm = bundle.parent / "_internal" / "resources" / "translations" / "triage_desktop_cy.qm"
    assert qm.is_file() and qm.stat().st_size > 10_000, qm


def test_main_window_shown_offscreen_and_ready_then_db_check(bundle, tmp_path):
    out = run(bundle, tmp_path, TRIAGE_DESKTOP_QUIT_WHEN_SHOWN="1")
    assert out.returncode == 0, out.stderr
    assert "main window shown" in out.stdout and "ready to take a call" in out.stdout
    db = tmp_path / "home with spaces" / "data" / "triage.sqlite3"
    assert db.is_file()
    chk = run(bundle, tmp_path, "db", "check")
    assert chk.returncode == 0, chk.stdout + chk.stderr
    assert "ok" in chk.stdout.lower()


def test_flows_check_uses_the_bundled_flows(bundle, tmp_path):
    out = run(bundle, tmp_path, "flows", "check", "--pack",
              str(bundle.parent / "_internal" / "resources" / "force-packs" / "example.toml"))
    assert out.returncode == 0, out.stdout + out.stderr
    assert "ok entry_triage" in out.stdout and "ok s136_handover" in out.stdout
    assert "every partner code the flows use is in its directory" in out.stdout


def test_headless_walk(bundle, tmp_path):
    answers = tmp_path / "answers.json"
    # the bundled entry triage's conveyance case (resources/flows/tests/entry_triage.yaml), to its outcome
    answers.write_text(json.dumps(["hcp_ae_ward", "no", "no", "no", "none", "no", "conveyance", "between",
                                   ["refusing"], "no", "no", "booked"]), encoding="utf-8")
    out = run(bundle, tmp_path, "walk", "entry_triage", "--answers", str(answers))
    assert out.returncode == 0, out.stdout + out.stderr
    got = json.loads(out.stdout)
    assert got["finished"] and got["code"] == "HEALTH_PROVIDER_RESPONSIBLE"


def test_force_pack_and_bank_holidays_in_the_bundle(bundle, tmp_path):
    out = run(bundle, tmp_path, "config", "check")
    assert out.returncode == 0 and "Force: Anyshire Constabulary (ANY)" in out.stdout
    out = run(bundle, tmp_path, "config", "partners", "CRISIS_TEAM", "crisis", "--at", "2026-12-25 03:00")
    assert out.returncode == 0, out.stderr
    assert "closed (bank holiday: Christmas Day): opens Tue 29 Dec 09:00: Anyshire AMHP Service" in out.stdout
    bad = tmp_path / "bad.toml"
    bad.write_text('[force]\nname = "X"\ncode = "x"\n', encoding="utf-8")
    out = run(bundle, tmp_path, TRIAGE_DESKTOP_QUIT_WHEN_SHOWN="1", TRIAGE_DESKTOP_FORCE_PACK=str(bad))
    assert out.returncode == 1 and "force.code" in out.stderr and "Traceback" not in out.stderr


def test_bundle_is_lean(bundle):
    internal = bundle.parent / "_internal"
    names = {p.name for p in internal.rglob("*")}
    for unwanted in ("QtWebEngineCore", "libQt6WebEngineCore.so.6", "Qt6WebEngineCore.dll", "pytest", "_pytest",
                     "hypothesis", "libQt6Quick.so.6", "libQt6Pdf.so.6", "fastapi", "uvicorn", "sqlalchemy"):
        assert not any(n.startswith(unwanted) for n in names), unwanted
    assert (internal / "resources" / "flows" / "entry_triage.yaml").is_file()
    assert (internal / "resources" / "schemas" / "summary-1.schema.json").is_file()
    assert any(p.name.startswith("libqoffscreen") or p.name == "qoffscreen.dll" for p in internal.rglob("*"))
    size = folder_size(bundle.parent)
    assert size < 250e6, f"bundle is {size / 1e6:.0f} MB"
