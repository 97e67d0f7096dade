"""Build (or reuse) the PyInstaller one-folder bundle for the smoke test and the cold-start benchmark."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "packaging" / "triage-desktop.spec"
#: `make package` builds here; the smoke test builds the same way (incrementally) when no bundle is given.
DIST = ROOT / "build" / "dist"
WORK = ROOT / "build" / "pyinstaller"
ENV_BUNDLE = "TRIAGE_FROZEN_APP"  # an already built bundle's executable (e.g. from `make package`)


def executable(folder: Path) -> Path:
    return folder / ("triage-desktop.exe" if sys.platform == "win32" else "triage-desktop")


def build_bundle() -> tuple[Path, float]:
    """The bundle's executable and how long the build took (0 when $TRIAGE_FROZEN_APP names one)."""
    given = os.environ.get(ENV_BUNDLE)
    if given:
        return Path(given).resolve(), 0.0
    pyinstaller = shutil.which("pyinstaller", path=str(Path(sys.executable).parent)) or "pyinstaller"
    t0 = time.perf_counter()
    subprocess.run([pyinstaller, "--noconfirm", "--log-level", "WARN", "--distpath", str(DIST), "--workpath",
                    str(WORK), str(SPEC)], cwd=ROOT, check=True, capture_output=True, text=True)
    return executable(DIST / "triage-desktop"), time.perf_counter() - t0


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
