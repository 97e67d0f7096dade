"""Frozen bundle vs the venv (`make bench`): cold start to the main window shown and to ready, and the bundle's size.

Each start is a fresh process with a fresh data dir (so "ready" includes creating the database). The venv start runs
with cached bytecode, as an installed app would. Target printed beside each figure: frozen ≤ 1.5× the venv.
"""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "packaging"))
from frozen import build_bundle, folder_size  # noqa: E402

pytestmark = pytest.mark.timeout(1800)
ROOT = Path(__file__).resolve().parents[2]
RUNS = int(os.environ.get("TRIAGE_BENCH_RUNS", "7"))


def _start(cmd: list[str], home: Path, pack: Path) -> tuple[float, float]:
    home.mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRIAGE_DESKTOP_")}
    env.update(QT_QPA_PLATFORM="offscreen", TRIAGE_DESKTOP_HOME=str(home), TRIAGE_DESKTOP_QUIT_WHEN_SHOWN="1",
               TRIAGE_DESKTOP_FORCE_PACK=str(pack), PYTHONPYCACHEPREFIX=str(Path(tempfile.gettempdir()) / "fp-pyc"))
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=str(home))
    shown = ready = 0.0
    assert proc.stdout is not None
    for line in proc.stdout:
        if "main window shown" in line:
            shown = time.perf_counter() - t0
        if "ready to take a call" in line:
            ready = time.perf_counter() - t0
            break
    proc.wait(timeout=60)
    assert shown and ready, proc.stderr.read() if proc.stderr else ""
    return shown, ready


def test_frozen_cold_start_against_the_venv(tmp_path):
    exe, took = build_bundle()
    pack = ROOT / "resources" / "force-packs" / "example.toml"
    venv_cmd = [sys.executable, "-m", "triage_desktop.cli"]
    _start(venv_cmd, tmp_path / "warm-venv", pack)  # bytecode cache and OS file cache warm for both
    _start([str(exe)], tmp_path / "warm-frozen", pack)
    results: dict[str, list[tuple[float, float]]] = {"venv": [], "frozen": []}
    for i in range(RUNS):  # interleaved, so drift hits both alike
        results["venv"].append(_start(venv_cmd, tmp_path / f"v{i}", pack))
        results["frozen"].append(_start([str(exe)], tmp_path / f"f{i}", pack))
    med = {k: (statistics.median(s for s, _ in v), statistics.median(r for _, r in v)) for k, v in results.items()}
    size = folder_size(exe.parent)
    print(f"\nbundle {exe.parent}: {size / 1e6:.0f} MB on disk ({took:.0f} s to build here)")
    for k in ("venv", "frozen"):
        print(f"{k:>6}: main window shown {med[k][0] * 1000:.0f} ms, ready to take a call {med[k][1] * 1000:.0f} ms "
              f"(median of {RUNS})")
    ratio_shown, ratio_ready = med["frozen"][0] / med["venv"][0], med["frozen"][1] / med["venv"][1]
    print(f"frozen/venv: shown {ratio_shown:.2f}x, ready {ratio_ready:.2f}x (target <= 1.5x)")
    assert ratio_shown <= 1.5 and ratio_ready <= 1.5
