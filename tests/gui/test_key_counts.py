"""The fewest key presses for the shortest welfare call and the shortest emergency call on the bundled flows, from
the start page to the call finished: driven by real key events on the real window (issue 12's session note)."""
from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from gui_drive import ALT, CTRL, NONE, press, settle, show_window


class Keys:
    """Presses keys one at a time on whatever has focus, and counts them."""

    def __init__(self, qtbot: Any, window: Any):
        self.qtbot, self.window, self.typed = qtbot, window, []

    def __call__(self, key: Qt.Key, modifier: Qt.KeyboardModifier = NONE, name: str = "") -> None:
        press(self.qtbot, self.window, key, modifier)
        self.typed.append(name or key.name.replace("Key_", ""))


@pytest.fixture
def bundled(qtbot, app_paths):
    from triage_desktop.core.loader import bundled_flows_dir
    from triage_desktop.services import AppServices

    svc = AppServices.open(app_paths, flows_dir=bundled_flows_dir())
    svc.settings.set("handler_id", "1234")
    yield svc, show_window(qtbot, svc, app_paths)
    svc.close()


def walk(k: Keys, keys: str) -> None:
    names = {"Ctrl+N": (Qt.Key.Key_N, CTRL), "Ctrl+Enter": (Qt.Key.Key_Return, CTRL), "Alt+I": (Qt.Key.Key_I, ALT),
             "F9": (Qt.Key.Key_F9, NONE), "Enter": (Qt.Key.Key_Return, NONE)}
    for name in keys.split():
        key, mod = names[name] if name in names else (getattr(Qt.Key, f"Key_{name}"), NONE)
        k(key, mod, name)


#: The shortest welfare call (entry questions, then concern for welfare to an ambulance): 13 key presses, each an
#: answer key by its meaning (N "No weapon" on the weapon choice, where main had the number 3)
WELFARE = "Ctrl+N 1 N N N N N 1 1 Y Y Alt+I Ctrl+Enter"
#: The shortest emergency call: F9 on the start page (a call straight at the police emergency), preset reason 1,
#: Enter sends, then Finish (Ctrl+Enter, Enter in the confirm box: the dialog's own key, counted), told, Finish
EMERGENCY = "F9 1 Enter Ctrl+Enter Enter Alt+I Ctrl+Enter"


def test_shortest_welfare_call_by_keys(qtbot, bundled):
    svc, w = bundled
    k = Keys(qtbot, w)
    with qtbot.waitSignal(w.controller.call_finalised, timeout=10000):
        walk(k, WELFARE)
    assert len(k.typed) == 13
    uuid = w._last_finished
    call = svc.call_report(uuid)["call"]
    assert call["status"] == "final" and call["outcome_code"] == "AMBULANCE" and call["caller_informed"] == 1
    answers = {p["node"]: p["answer"] for p in svc.call_report(uuid)["path"] if p["answer"] is not None}
    assert answers["weapon"] == "No weapon"


def test_shortest_emergency_call_by_keys(qtbot, bundled, dialog_log):
    """The reason dialog and the confirm box are real widgets driven by keys in their own tests
    (test_keyboard_dialogs); here their answers are what those keys give, and each counts as its presses."""
    from triage_desktop.gui.call_actions import IMMEDIATE_RISK_SUGGESTIONS

    svc, w = bundled
    dialog_log.answers["ReasonDialog"] = IMMEDIATE_RISK_SUGGESTIONS[0]  # "1" then Enter in the dialog
    dialog_log.answers["ConfirmDialog"] = True  # Enter: "Finish now" is the default
    k = Keys(qtbot, w)
    walk(k, "F9")
    qtbot.waitUntil(lambda: w.controller.view is not None and w.controller.view.decision is not None, timeout=5000)
    settle(qtbot, w)
    k.typed += ["1", "Enter"]  # pressed inside the reason dialog
    walk(k, "Ctrl+Enter")
    k.typed += ["Enter"]  # pressed inside the confirm box
    qtbot.waitUntil(lambda: w.call_screen.page_stack.currentWidget() is w.call_screen.outcome_page, timeout=5000)
    with qtbot.waitSignal(w.controller.call_finalised, timeout=10000):
        walk(k, "Alt+I Ctrl+Enter")
    assert k.typed == EMERGENCY.split() and len(k.typed) == 7
    call = svc.call_report(w._last_finished)["call"]
    assert call["status"] == "final" and call["outcome_code"] == "POLICE_EMERGENCY"
