"""Helpers that drive the main window the way a handler does: real key events to whatever has focus."""
from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

from triage_desktop.paths import AppPaths
from triage_desktop.services import AppServices

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QWidget

from triage_desktop.gui.main_window import MainWindow

from screenshots import screenshot_dir

FLOWS_OK = Path(__file__).resolve().parents[1] / "core" / "flows_ok"
#: Where screenshots go: a temporary folder, or docs/screenshots/ with TRIAGE_WRITE_SCREENSHOTS=1 (tests/screenshots.py)
SCREENSHOTS = screenshot_dir()

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
NONE = Qt.KeyboardModifier.NoModifier


def target(window: MainWindow) -> QWidget:
    return QApplication.focusWidget() or window


def press(qtbot: Any, window: MainWindow, key: Qt.Key | str, modifier: Qt.KeyboardModifier = NONE) -> None:
    """One real key press, delivered to the focused widget (shortcuts are resolved as in real use); then wait for
    what it asked of the database worker (a handler is never quicker than a save, a test script is)."""
    qtbot.keyClick(target(window), key, modifier)
    settle(qtbot, window)


def type_text(qtbot: Any, window: MainWindow, text: str) -> None:
    qtbot.keyClicks(target(window), text)


def at(window: MainWindow) -> tuple[str, str] | None:
    run = window.controller.view
    return run.current if run is not None else None


def settle(qtbot: Any, window: MainWindow) -> None:
    """Wait until nothing the window asked of the services is still on the database worker."""
    qtbot.waitUntil(lambda: not window.controller.busy and window.bridge.idle, timeout=5000)


def wait_at(qtbot: Any, window: MainWindow, node: str) -> None:
    def check() -> None:
        cur = at(window)
        assert cur is not None and cur[1] == node, cur
    qtbot.waitUntil(check, timeout=3000)


def stored_call(svc: Any, uuid: str) -> dict[str, Any]:
    return svc.call_report(uuid)


def keyboard_call_to_outcome(qtbot: Any, window: MainWindow) -> str:
    """The mini flows by keyboard: no risk, no crime, 40, welfare, 'at home', Fallen → AMBULANCE."""
    press(qtbot, window, Qt.Key.Key_N, CTRL)
    wait_at(qtbot, window, "risk_now")
    press(qtbot, window, Qt.Key.Key_N)
    wait_at(qtbot, window, "crime")
    keyboard_crime_to_outcome(qtbot, window)
    return window.controller.uuid


def keyboard_crime_to_concerns(qtbot: Any, window: Any) -> None:
    """From the mini flows' 'crime' question to the 'concerns' multi-select by keyboard: 3, 40, welfare, 'at home'."""
    press(qtbot, window, Qt.Key.Key_3)  # numbers follow the on-screen order (in both languages)
    wait_at(qtbot, window, "age")
    type_text(qtbot, window, "40")
    press(qtbot, window, Qt.Key.Key_Return)
    wait_at(qtbot, window, "pathway")
    press(qtbot, window, Qt.Key.Key_1)
    wait_at(qtbot, window, "where")
    type_text(qtbot, window, "at home")
    press(qtbot, window, Qt.Key.Key_Return)
    wait_at(qtbot, window, "concerns")


def keyboard_crime_to_outcome(qtbot: Any, window: Any) -> None:
    """From the mini flows' 'crime' question to AMBULANCE by keyboard: 3, 40, welfare, 'at home', Fallen."""
    keyboard_crime_to_concerns(qtbot, window)
    press(qtbot, window, Qt.Key.Key_1)
    press(qtbot, window, Qt.Key.Key_Return)
    wait_at(qtbot, window, "say_this")
    press(qtbot, window, Qt.Key.Key_Return)
    wait_at(qtbot, window, "out_ambulance")


def shown(qtbot: Any, d: Any) -> Any:
    """A dialog shown, exposed and active (so its shortcuts and Enter reach it)."""
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    d.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is d)
    return d


def show_window(qtbot: Any, svc: AppServices, paths: AppPaths) -> MainWindow:
    w = MainWindow(svc, paths=paths)
    qtbot.addWidget(w)
    w.resize(1200, 780)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)
    return w


def interactive_widgets(root: QWidget) -> list[QWidget]:
    """Visible widgets that take focus (what a keyboard or screen-reader user reaches)."""
    return [w for w in [root, *root.findChildren(QWidget)]
            if w.isVisibleTo(root) and w.focusPolicy() != Qt.FocusPolicy.NoFocus and w.isEnabled()
            and not w.inherits("QScrollBar") and not w.inherits("QScrollArea")]


def make_call(svc: AppServices, *, crime: str = "none", age: Any = 40, note: str = "", finalise: bool = True,
              handler: str = "1234") -> str:
    """A call through the services API (no GUI): mini flows ending at GP_OR_111 (or police for a crime)."""
    s = svc.start_call(handler_id=handler, role="call_handler", entry_flow="mini_entry")
    s.answer("no")
    s.answer(crime)
    if crime == "none":
        s.answer(age)
        s.answer("welfare")
        s.answer("in the park")
        s.answer([])
        s.answer(None)
    if note:
        s.note(note)
    if finalise:
        s.finalise(caller_informed=True)
    return s.uuid


def services_on(paths: AppPaths, flows_dir: Path, handler_id: str = "1234") -> AppServices:
    """The services on these flows with a call handler signed in (close them after)."""
    svc = AppServices.open(paths, flows_dir=flows_dir)
    svc.settings.set("handler_id", handler_id)
    svc.settings.set("handler_role", "call_handler")
    return svc


@contextmanager
def services_at_scale(paths: AppPaths, flows_dir: Path, scale: str) -> Iterator[AppServices]:
    """services_on(...) with the application font doubled when scale is "200" (200 % text); both undone after."""
    svc = services_on(paths, flows_dir, "4521")
    app = QApplication.instance()
    old = app.font()
    if scale == "200":
        big = QFont(old)
        big.setPointSizeF(old.pointSizeF() * 2)
        app.setFont(big)
    try:
        yield svc
    finally:
        app.setFont(old)
        svc.close()
