"""Issue 12, every dialog and box by keyboard: immediate risk (F9 from every screen, presets on number keys, Enter
sends), the notes box in and out, and asking before leaving a call (Ctrl+N, Ctrl+Q, the window's close button).
Real key events on the real widgets; the modal ask() calls are recorded by conftest's dialog_log."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QApplication

from triage_desktop.gui.call_actions import IMMEDIATE_RISK_OK, IMMEDIATE_RISK_SUGGESTIONS
from triage_desktop.gui.dialogs import ConfirmDialog, ReasonDialog

from gui_drive import ALT, CTRL, at, keyboard_crime_to_concerns, press, settle, shown, type_text, wait_at

SHIFT = Qt.KeyboardModifier.ShiftModifier


class UserClose(QCloseEvent):
    def spontaneous(self) -> bool:  # noqa: D102
        return True


def test_reason_dialog_presets_on_number_keys_and_enter_sends(qtbot):
    d = ReasonDialog(None, title="Immediate risk", prompt="Why?", ok_text=IMMEDIATE_RISK_OK,
                     suggestions=IMMEDIATE_RISK_SUGGESTIONS)
    shown(qtbot, d)
    assert d.ok_button.text() == "Record immediate risk: police emergency"
    assert not d.ok_button.isEnabled()  # no reason yet
    assert d.suggestion_buttons[0].text().startswith("1: ")  # the key is on the button
    qtbot.keyClick(QApplication.focusWidget() or d, Qt.Key.Key_2)
    assert d.reason() == IMMEDIATE_RISK_SUGGESTIONS[1]
    assert d.ok_button.hasFocus() and d.ok_button.isEnabled()
    with qtbot.waitSignal(d.accepted, timeout=2000):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)


def test_reason_dialog_typed_reason_enter_sends_shift_enter_new_line_esc_cancels(qtbot):
    d = ReasonDialog(None, title="t", prompt="p", ok_text="Send", suggestions=("a", "b"))
    shown(qtbot, d)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert d.reason_edit.hasFocus()
    qtbot.keyClicks(d.reason_edit, "Shouting 12")  # digits typed in the box stay in the box
    assert d.reason() == "Shouting 12"
    qtbot.keyClick(d.reason_edit, Qt.Key.Key_Return, SHIFT)
    qtbot.keyClicks(d.reason_edit, "then quiet")
    assert d.reason() == "Shouting 12\nthen quiet" and d.isVisible()
    with qtbot.waitSignal(d.accepted, timeout=2000):
        qtbot.keyClick(d.reason_edit, Qt.Key.Key_Return)
    d2 = ReasonDialog(None, title="t", prompt="p", suggestions=("a",))
    shown(qtbot, d2)
    with qtbot.waitSignal(d2.rejected, timeout=2000):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)


def test_f9_on_the_start_page_starts_a_call_at_the_police_emergency(qtbot, window, svc, dialog_log):
    dialog_log.answers["ReasonDialog"] = IMMEDIATE_RISK_SUGGESTIONS[0]
    assert window.stack.currentWidget() is window.start_page and not window.controller.active
    press(qtbot, window, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: window.controller.view is not None and window.controller.view.decision is not None,
                    timeout=5000)
    settle(qtbot, window)
    assert dialog_log.names() == ["ReasonDialog"]
    assert dialog_log.kwargs("ReasonDialog")["ok_text"] == "Record immediate risk: police emergency"
    view = window.controller.view
    assert view.decision.code == "POLICE_EMERGENCY"
    assert window.stack.currentWidget() is window.call_screen
    kinds = [e["kind"] for e in svc.call_report(window.controller.uuid)["events"]]
    assert "immediate_risk" in kinds


def test_f9_from_the_history_window(qtbot, window, dialog_log):
    dialog_log.answers["ReasonDialog"] = "Caller says someone has a knife"
    press(qtbot, window, Qt.Key.Key_F, CTRL)
    hv = window.history_window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is hv)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: window.controller.view is not None and window.controller.view.decision is not None,
                    timeout=5000)
    assert window.controller.view.decision.code == "POLICE_EMERGENCY"


def test_f9_cancelled_on_the_start_page_leaves_a_normal_new_call(qtbot, window, dialog_log):
    dialog_log.answers["ReasonDialog"] = None
    press(qtbot, window, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: "ReasonDialog" in dialog_log.names(), timeout=5000)
    wait_at(qtbot, window, "risk_now")
    assert window.controller.view.decision is None


def notes_of(svc, window):
    return [e["text"] for e in svc.call_report(window.controller.uuid)["events"] if e["kind"] == "note"]


def test_notes_in_and_out_by_keyboard(qtbot, window, svc):
    press(qtbot, window, Qt.Key.Key_N, CTRL)
    wait_at(qtbot, window, "risk_now")
    qp, notes = window.call_screen.question_page, window.call_screen.side_panel.notes_edit
    press(qtbot, window, Qt.Key.Key_N, ALT)
    assert notes.hasFocus()
    type_text(qtbot, window, "Caller is calm")
    press(qtbot, window, Qt.Key.Key_Return)  # a new line: never Continue or an answer
    type_text(qtbot, window, "Y 1")
    assert at(window) == ("mini_entry", "risk_now")
    assert notes.toPlainText() == "Caller is calm\nY 1"
    press(qtbot, window, Qt.Key.Key_Return, CTRL)  # saves and goes back to the question
    qtbot.waitUntil(lambda: qp.say_label.hasFocus())
    settle(qtbot, window)
    assert notes.toPlainText() == ""
    assert notes_of(svc, window) == ["Caller is calm\nY 1"]
    assert window.controller.active  # Ctrl+Enter in the notes never finishes anything
    press(qtbot, window, Qt.Key.Key_N, ALT)
    type_text(qtbot, window, "second")
    press(qtbot, window, Qt.Key.Key_Escape)  # back to the answers; what was typed is kept as a note
    qtbot.waitUntil(lambda: qp.say_label.hasFocus())
    settle(qtbot, window)
    assert notes_of(svc, window) == ["Caller is calm\nY 1", "second"]
    press(qtbot, window, Qt.Key.Key_N)  # and the answer keys work again
    wait_at(qtbot, window, "crime")


def test_ctrl_n_mid_call_defaults_to_staying(qtbot, window, dialog_log):
    press(qtbot, window, Qt.Key.Key_N, CTRL)
    wait_at(qtbot, window, "risk_now")
    uuid = window.controller.uuid
    dialog_log.answers["ConfirmDialog"] = False
    press(qtbot, window, Qt.Key.Key_N, CTRL)
    assert dialog_log.kwargs("ConfirmDialog")["default_yes"] is False
    assert window.controller.uuid == uuid
    box, yes = ConfirmDialog.build(None, **{k: v for k, v in dialog_log.kwargs("ConfirmDialog").items()})
    assert box.defaultButton().text() == "Stay on this call" and box.escapeButton() is box.defaultButton()
    shown(qtbot, box)
    with qtbot.waitSignal(box.finished, timeout=2000):
        qtbot.keyClick(box, Qt.Key.Key_Return)  # Enter: the default, stay
    assert box.clickedButton() is not yes


def test_ctrl_q_and_the_close_button_ask_mid_call(qtbot, window, svc, dialog_log):
    press(qtbot, window, Qt.Key.Key_N, CTRL)
    wait_at(qtbot, window, "risk_now")
    press(qtbot, window, Qt.Key.Key_N)
    wait_at(qtbot, window, "crime")
    uuid = window.controller.uuid
    dialog_log.answers["ConfirmDialog"] = False
    press(qtbot, window, Qt.Key.Key_Q, CTRL)
    assert dialog_log.names() == ["ConfirmDialog"] and window.isVisible() and window.controller.active
    assert dialog_log.kwargs("ConfirmDialog")["default_yes"] is False
    ev = UserClose()  # the title bar's close button or Alt+F4: a spontaneous close event from the window system
    window.closeEvent(ev)  # (the offscreen platform cannot send one: the window's own handler, called as Qt would)
    assert dialog_log.names() == ["ConfirmDialog", "ConfirmDialog"] and not ev.isAccepted() and window.isVisible()
    dialog_log.answers["ConfirmDialog"] = True
    press(qtbot, window, Qt.Key.Key_Q, CTRL)
    qtbot.waitUntil(lambda: not window.isVisible())
    assert uuid in [c.uuid for c in svc.interrupted_calls()]  # saved and resumable


def test_ctrl_q_between_calls_does_not_ask(qtbot, window, dialog_log):
    press(qtbot, window, Qt.Key.Key_Q, CTRL)
    qtbot.waitUntil(lambda: not window.isVisible())
    assert dialog_log.names() == []


def test_enter_in_the_notes_never_presses_continue(qtbot, window, svc):
    press(qtbot, window, Qt.Key.Key_N, CTRL)
    wait_at(qtbot, window, "risk_now")
    press(qtbot, window, Qt.Key.Key_N)
    wait_at(qtbot, window, "crime")
    keyboard_crime_to_concerns(qtbot, window)
    press(qtbot, window, Qt.Key.Key_1)
    press(qtbot, window, Qt.Key.Key_Return)
    wait_at(qtbot, window, "say_this")  # an info step: Enter is Continue here
    press(qtbot, window, Qt.Key.Key_N, ALT)
    type_text(qtbot, window, "door open")
    press(qtbot, window, Qt.Key.Key_Return)
    press(qtbot, window, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    assert at(window) == ("mini_path", "say_this")
    press(qtbot, window, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.call_screen.question_page.say_label.hasFocus())
    press(qtbot, window, Qt.Key.Key_Return)  # back on the question, Enter continues
    wait_at(qtbot, window, "out_ambulance")
    settle(qtbot, window)
    assert notes_of(svc, window) == ["door open"]


def test_f9_from_the_flows_help_beside_the_call(qtbot, window, dialog_log):
    press(qtbot, window, Qt.Key.Key_N, CTRL)
    wait_at(qtbot, window, "risk_now")
    window.flows_help_action.trigger()
    dlg = window._flows_dialog
    dlg.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dlg)
    dialog_log.answers["ReasonDialog"] = "Caller screaming"
    qtbot.keyClick(QApplication.focusWidget() or dlg, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: window.controller.view.decision is not None, timeout=5000)
    assert window.controller.view.decision.code == "POLICE_EMERGENCY"


def test_resume_dialog_number_picks_enter_resumes(qtbot):
    from types import SimpleNamespace

    from triage_desktop.gui.dialogs import ResumeDialog

    calls = [SimpleNamespace(uuid=f"u{i}", started_at="2026-12-01T08:0{i}:00+00:00", answers_count=i,
                             flow_title="Entry triage", handler="1234") for i in range(3)]
    d = shown(qtbot, ResumeDialog(None, calls=calls))
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_3)
    assert d.chosen() == "u2"
    with qtbot.waitSignal(d.accepted, timeout=2000):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert d.chosen() == "u2"


def test_every_dialog_esc_cancels(qtbot):
    """Esc cancels each of the call's dialogs (nothing is recorded)."""
    from triage_desktop.gui import callers, dialogs

    built = [dialogs.HandlerDialog(None, handler_id="C1", recent=["C1"]), dialogs.HandoverDialog(None, current="C1"),
             ReasonDialog(None, title="t", prompt="p", suggestions=IMMEDIATE_RISK_SUGGESTIONS),
             dialogs.EarlyExitDialog(None), dialogs.OverrideDialog(None, current_code="GP_OR_111"),
             dialogs.ResumeDialog(None, calls=[]), dialogs.AddendumDialog(None),
             callers.CallerTypeDialog(None), callers.CallerDetailsDialog(None)]
    for d in built:
        shown(qtbot, d)
        with qtbot.waitSignal(d.rejected, timeout=2000):
            qtbot.keyClick(QApplication.focusWidget() or d, Qt.Key.Key_Escape)
        assert d.result() == 0, type(d).__name__
