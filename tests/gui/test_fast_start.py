"""The fast start (gui/app.py run_app): the window is painted with its menus' titles, the menus are filled before any
input is handled, and nothing on the way to "ready" builds Qt's `Qt` namespace (its 93 Python enums, ~12 ms)."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from triage_desktop.gui.main_window import MainWindow

from gui_drive import shown

ROOT = Path(__file__).resolve().parents[2]


def _menus(w: MainWindow) -> list[tuple[str, list[str]]]:
    return [(a.text(), [x.text() for x in a.menu().actions()]) for a in w.menuBar().actions()]


def _shortcuts(w: MainWindow) -> list[tuple[str, str]]:
    return [(a.text(), a.shortcut().toString()) for a in w.actions()]


def test_the_fast_start_window_gets_the_same_menus_and_shortcuts(qtbot: Any, svc: Any, app_paths: Any) -> None:
    full = MainWindow(svc, paths=app_paths)
    qtbot.addWidget(full)
    fast = MainWindow(None, paths=app_paths)  # as run_app makes it, before the services are open
    qtbot.addWidget(fast)
    fast.show()
    qtbot.waitExposed(fast)
    assert [t for t, _ in _menus(fast)] == [t for t, _ in _menus(full)]  # every title painted at once
    assert all(not items for _, items in _menus(fast)) and not fast.actions()
    fast.fill_menus()  # run_app: just after the first paint, before any input is handled
    fast.fill_menus()  # (once)
    assert _menus(fast) == _menus(full) and _shortcuts(fast) == _shortcuts(full)
    assert not fast.new_call_action.isEnabled() and fast.help_action.isEnabled()
    fast.set_services(svc)
    assert fast.new_call_action.isEnabled() and _menus(fast) == _menus(full)


def test_the_menus_work_by_keyboard_once_filled(qtbot: Any, app_paths: Any) -> None:
    w = shown(qtbot, MainWindow(None, paths=app_paths))
    w.fill_menus()  # what run_app does right after the first paint, before it handles any input
    qtbot.keyClick(w, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)  # Alt+C: the Call menu, by keyboard
    qtbot.waitUntil(w.call_menu.isVisible)
    assert [a.text() for a in w.call_menu.actions() if a.text()][:2] == ["&New call", "&Immediate risk…"]
    w.call_menu.close()
    assert w.quit_action.shortcut().toString() == "Ctrl+Q" and w.quit_action in w.actions()


def test_a_menu_opened_before_they_are_filled_fills_them(qtbot: Any, app_paths: Any) -> None:
    w = shown(qtbot, MainWindow(None, paths=app_paths))
    qtbot.keyClick(w, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)  # Alt+R: the Review menu, still empty
    review = w.training_hooks.menu
    qtbot.waitUntil(review.isVisible)
    assert [a.text() for a in review.actions()] == ["&Review live calls (supervisor)…"]
    assert w.new_call_action in w.actions() and w.call_menu.actions()  # all of them, with their shortcuts
    review.close()


PROBE = textwrap.dedent("""
    import builtins, os, sys
    real = builtins.print
    def p(*a, **k):
        real(*a, **k)
        if a and "ready to take a call" in str(a[0]):
            import PySide6.QtCore as C
            real("Qt built:", "Qt" in vars(C), flush=True)
            os._exit(0)
    builtins.print = p
    sys.argv = ["triage-desktop", "--data-dir", sys.argv[1]]
    from triage_desktop.cli import main
    main()
""")


def test_nothing_on_the_way_to_ready_builds_the_qt_namespace(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", TRIAGE_DESKTOP_QUIT_WHEN_SHOWN="1",
               TRIAGE_DESKTOP_HOME=str(tmp_path / "home"), PYTHONPATH=str(ROOT))
    cmd = [sys.executable, "-c", PROBE, str(tmp_path / "data")]
    subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120)  # the first start creates the database
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120)
    assert "ready to take a call" in out.stdout, out.stderr
    assert "Qt built: False" in out.stdout, out.stdout
