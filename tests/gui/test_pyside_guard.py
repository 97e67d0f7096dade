"""The PySide6 reference-count guard: a long shift's worth of Qt calls and signals must not abort Python."""
from __future__ import annotations

import subprocess
import sys
import textwrap

SHIFT = textwrap.dedent("""
    import os, sys
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    {guard}
    from PySide6.QtCore import QObject, Signal
    class O(QObject):
        changed = Signal()
    o = O()
    for i in range(200_000):   # void C++ calls (setText, setEnabled, ... all alike)
        o.setObjectName("x")
    for i in range(50_000):    # signal emits
        o.changed.emit()
    print("survived")
""")


def run(guard: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", SHIFT.format(guard=guard)], capture_output=True, text=True,
                          timeout=120)


def test_guarded_process_survives_a_long_shift():
    res = run("import triage_desktop.gui")
    assert res.returncode == 0, res.stderr[-2000:]
    assert "survived" in res.stdout


def test_guard_is_needed_exactly_when_the_defect_is_present():
    from triage_desktop.gui import _pyside_guard

    res = run("")
    if sys.version_info < (3, 12) and any(v > 0 for v in _pyside_guard.defects().values()):
        assert res.returncode != 0  # unguarded, this PySide6 aborts Python: the guard is doing real work
    else:
        assert res.returncode == 0
