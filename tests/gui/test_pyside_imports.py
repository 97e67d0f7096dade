"""The cheaper 'does this module use PySide6?' scan gives PySide6's feature switching the very answers
inspect.getsource gave it, for every module the app imports."""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap

CODE = textwrap.dedent("""
    import json, os, sys
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if sys.argv[1] == "original":
        import triage_desktop.gui._pyside_imports as p
        p.install = lambda: False
    import triage_desktop.gui
    import triage_desktop.gui.app, triage_desktop.gui.main_window, triage_desktop.gui.call_screen
    import triage_desktop.gui.history_view, triage_desktop.gui.reports_window, triage_desktop.services.app
    feature = sys.modules["shibokensupport.feature"]
    print(json.dumps(feature.pyside_feature_dict, sort_keys=True))
""")


def _dict(mode: str) -> dict[str, int]:
    res = subprocess.run([sys.executable, "-c", CODE, mode], capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr[-2000:]
    return json.loads(res.stdout.strip().splitlines()[-1])


def test_the_fast_scan_answers_as_inspect_did() -> None:
    fast, original = _dict("fast"), _dict("original")
    assert fast == original
    assert fast["triage_desktop.gui.call_actions"] == 0  # uses PySide6: takes part in feature switching
    assert fast["triage_desktop.core.engine"] == -1  # does not


def test_uses_pyside_reads_the_source_bytes(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import types

    from triage_desktop.gui._pyside_imports import uses_pyside

    src = tmp_path / "m.py"
    src.write_text("# imports PySide6 later\n", encoding="utf-8")
    mod = types.ModuleType("m")
    mod.__file__ = str(src)
    assert uses_pyside(mod)
    src.write_text("x = 1\n", encoding="utf-8")
    assert not uses_pyside(mod)
    assert not uses_pyside(sys)  # built in: no source
    gone = types.ModuleType("gone")
    gone.__file__ = str(tmp_path / "missing.py")
    assert not uses_pyside(gone)
