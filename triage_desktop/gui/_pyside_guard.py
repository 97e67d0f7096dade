"""Guard against PySide6 6.12.0 reference-count defects on Python < 3.12 (found here; 6.11.x is clean).

Measured on PySide6 6.12.0 with CPython 3.11.7:
- every call of a C++ method that returns nothing (setText, setEnabled, show, ...) drops a reference to None;
- every `Signal.emit()` from Python drops a reference to True.
From Python 3.12 None/True/False are immortal and nothing happens; on 3.11 the count reaches zero after a few
hundred emits or a few thousand calls and CPython aborts ("Fatal Python error: bool_dealloc / none_dealloc"):
the app would die mid-shift. `install()` measures both defects at start-up and, only if one is present, gives
None, True and False reference counts so large they can never reach zero (what 3.12's immortal objects do).
It is a no-op on versions without the defect; pyproject pins PySide6 6.11.3, which has none.
"""
from __future__ import annotations

import sys

_IMMORTAL_BOOST = 1 << 40  # ~10^12 lost references: years of use at any realistic rate
_installed = False


def defects(calls: int = 64) -> dict[str, int]:
    """References lost to None (void method calls) and True (signal emits) over `calls` calls each."""
    from PySide6.QtCore import QObject, Signal

    class _Probe(QObject):
        probed = Signal()

    probe = _Probe()
    n0 = sys.getrefcount(None)
    for _ in range(calls):
        probe.setObjectName("probe")
    n1 = sys.getrefcount(None)
    t0 = sys.getrefcount(True)
    for _ in range(calls):
        probe.probed.emit()
    t1 = sys.getrefcount(True)
    return {"none": n0 - n1, "true": t0 - t1}


def needed(calls: int = 64) -> bool:
    return sys.version_info < (3, 12) and any(v >= calls // 2 for v in defects(calls).values())


def install() -> bool:
    """Apply the guard if needed (once). Returns True if a defect was found and guarded."""
    global _installed
    if _installed:
        return True
    if not needed():
        return False
    import ctypes  # only on a PySide6 with the defect (not at every start)

    for obj in (None, True, False):
        # ob_refcnt is the first field of every CPython object (Py_ssize_t)
        ctypes.c_ssize_t.from_address(id(obj)).value += _IMMORTAL_BOOST
    _installed = True
    return True
