"""Who is taking calls (issue 12): sign in per shift at start-up, after the app was idle between calls and from the
menu, offering the recent handler ids; every later step is attributed to who is signed in; the start page says who.
Real services and SQLite; the dialogs themselves driven by keys."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from triage_desktop.gui.dialogs import HandlerDialog, HandoverDialog

from gui_drive import CTRL, press, settle, shown, wait_at


def test_the_services_keep_the_recent_ids_newest_first(svc):
    assert svc.shift.recent() == []
    svc.shift.sign_in("C1", "call_handler")
    svc.shift.sign_in("C2", "mh_practitioner")
    assert svc.shift.sign_in("C1", "call_handler") == ["C1", "C2"]
    assert (svc.settings.get("handler_id"), svc.settings.get("handler_role")) == ("C1", "call_handler")
    svc.shift.sign_out()
    assert svc.settings.get("handler_id") == "" and svc.shift.recent() == ["C1", "C2"]
    assert svc.shift.idle_minutes() == 60  # the declared default
    svc.settings.set("signin_idle_minutes", "0")  # 0: never
    with pytest.raises(ValueError):
        svc.settings.set("signin_idle_minutes", "-5")
    with pytest.raises(ValueError):
        svc.shift.sign_in("  ", "call_handler")


def test_start_up_asks_who_is_on_shift_offering_recent_ids(qtbot, window, svc, dialog_log):
    svc.shift.sign_in("C2", "call_handler")
    svc.shift.sign_in("1234", "call_handler")
    dialog_log.answers["HandlerDialog"] = ("C2", "call_handler")
    window.startup()
    kw = dialog_log.kwargs("HandlerDialog")
    assert kw["title"] == "Sign in for this shift" and kw["recent"] == ["1234", "C2"]
    assert kw["handler_id"] == "1234"  # the last one, ready to confirm with Enter
    assert svc.settings.get("handler_id") == "C2" and svc.shift.recent() == ["C2", "1234"]
    text = window.start_page.handler_label.text()
    assert "C2" in text and "signed in at" in text
    press(qtbot, window, Qt.Key.Key_N, CTRL)
    wait_at(qtbot, window, "risk_now")
    press(qtbot, window, Qt.Key.Key_N)
    settle(qtbot, window)
    events = svc.call_report(window.controller.uuid)["events"]
    assert {e["actor"] for e in events if e["kind"] == "answered"} == {"C2"}


def test_handler_dialog_by_keyboard_picks_a_recent_id(qtbot):
    d = shown(qtbot, HandlerDialog(None, handler_id="", recent=["C9", "C7", "C5"]))
    assert d.id_edit.hasFocus() and d.recent_list.isVisible()
    ok = d.button_box.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    qtbot.keyClick(d.id_edit, Qt.Key.Key_Down)
    assert d.id_edit.text() == "C9"
    qtbot.keyClick(d.id_edit, Qt.Key.Key_Down)
    qtbot.keyClick(d.id_edit, Qt.Key.Key_Down)
    qtbot.keyClick(d.id_edit, Qt.Key.Key_Up)
    assert d.id_edit.text() == "C7" and d.id_edit.hasFocus()
    with qtbot.waitSignal(d.accepted, timeout=2000):
        qtbot.keyClick(d.id_edit, Qt.Key.Key_Return)
    assert d.result_value() == ("C7", "call_handler")


def test_idle_between_calls_signs_out_and_the_next_call_asks(qtbot, window, svc, dialog_log):
    svc.shift.sign_in("1234", "call_handler")
    svc.settings.set("signin_idle_minutes", "1")
    window._idle_filter.last_input -= 30  # half a minute: still signed in
    window.idle_timer.timeout.emit()
    assert svc.settings.get("handler_id") == "1234"
    before = window._idle_filter.last_input
    # a key press as the platform delivers it (to the window's QWindow) counts as use
    QApplication.sendEvent(window.windowHandle(), QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Shift,
                                                            Qt.KeyboardModifier.NoModifier))
    assert window._idle_filter.last_input > before
    window._idle_filter.last_input -= 30
    window._idle_filter.last_input -= 31  # over the minute without a key press or click
    window.idle_timer.timeout.emit()
    assert svc.settings.get("handler_id") == ""
    assert "Nobody is signed in" in window.start_page.handler_label.text()
    assert window.start_page.change_handler_button.text() == "Sign in…"
    assert "Signed out at" in window.start_page.last_call_label.text()
    dialog_log.answers["HandlerDialog"] = ("C5", "call_handler")
    press(qtbot, window, Qt.Key.Key_N, CTRL)  # a key press: and the next call asks who is taking it
    wait_at(qtbot, window, "risk_now")
    assert dialog_log.kwargs("HandlerDialog")["recent"] == ["1234"]
    assert window.controller.view.actor == ("C5", "call_handler")


def test_no_idle_sign_out_mid_call(qtbot, window, svc):
    svc.settings.set("signin_idle_minutes", "1")
    press(qtbot, window, Qt.Key.Key_N, CTRL)
    wait_at(qtbot, window, "risk_now")
    window._idle_filter.last_input -= 120
    window.idle_timer.timeout.emit()
    assert svc.settings.get("handler_id") == "1234"


def test_signing_in_mid_call_hands_the_call_over(qtbot, window, svc, dialog_log):
    press(qtbot, window, Qt.Key.Key_N, CTRL)
    wait_at(qtbot, window, "risk_now")
    press(qtbot, window, Qt.Key.Key_N)
    wait_at(qtbot, window, "crime")
    dialog_log.answers["HandlerDialog"] = ("C8", "call_handler")
    window.handler_action.trigger()  # Tools → Sign in
    settle(qtbot, window)
    assert window.controller.view.actor == ("C8", "call_handler")
    press(qtbot, window, Qt.Key.Key_3)
    wait_at(qtbot, window, "age")
    events = svc.call_report(window.controller.uuid)["events"]
    assert [e["actor"] for e in events if e["kind"] == "answered"] == ["1234", "C8"]
    assert any(e["kind"] == "handover" for e in events)


def test_handover_dialog_asks_for_the_person_taking_over(qtbot, window, svc, dialog_log):
    svc.shift.sign_in("C3", "mh_practitioner")
    svc.shift.sign_in("1234", "call_handler")
    press(qtbot, window, Qt.Key.Key_N, CTRL)
    wait_at(qtbot, window, "risk_now")
    dialog_log.answers["HandoverDialog"] = ("C3", "mh_practitioner")
    press(qtbot, window, Qt.Key.Key_H, CTRL)
    kw = dialog_log.kwargs("HandoverDialog")
    assert kw["current"] == "1234" and "C3" in kw["recent"]
    d = shown(qtbot, HandoverDialog(None, **kw))
    assert d.id_edit.text() == "" and d.recent == ["C3"]  # the one handing over is not offered
    assert "taking over" in d.intro_label.text().lower()
    assert d.form.labelForField(d.id_edit).text() == "Person taking over"
    ok = d.button_box.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.keyClicks(d.id_edit, "1234")
    assert not ok.isEnabled()  # not to yourself
    d.id_edit.clear()
    qtbot.keyClick(d.id_edit, Qt.Key.Key_Down)
    assert d.id_edit.text() == "C3" and ok.isEnabled()
    with qtbot.waitSignal(d.accepted, timeout=2000):
        qtbot.keyClick(d.id_edit, Qt.Key.Key_Return)


def test_a_call_resumed_by_the_next_shift_goes_on_in_their_name(qtbot, window, svc, dialog_log):
    s = svc.start_call(handler_id="1234", role="call_handler", entry_flow="mini_entry")
    s.answer("no")
    svc.shift.sign_in("C6", "call_handler")
    window._settings.pop("handler_id", None)
    window.refresh_start_page()
    qtbot.waitUntil(lambda: window.start_page.interrupted_list.count() == 1)
    window.start_page.interrupted_list.setFocus()
    qtbot.keyClick(window.start_page.interrupted_list, Qt.Key.Key_Return)
    wait_at(qtbot, window, "crime")
    settle(qtbot, window)
    assert window.controller.view.actor == ("C6", "call_handler")
    press(qtbot, window, Qt.Key.Key_N)  # "No crime"
    wait_at(qtbot, window, "age")
    events = svc.call_report(s.uuid)["events"]
    assert [e["actor"] for e in events if e["kind"] == "answered"] == ["1234", "C6"]


def test_the_idle_time_is_in_settings(qtbot, window, svc, dialog_log):
    from triage_desktop.gui.settings_dialog import SettingsDialog

    d = SettingsDialog(window, values=window.settings_values(), paths=svc.paths)
    qtbot.addWidget(d)
    assert d.idle_spin.value() == 60 and d.changes() == {}
    d.idle_spin.setValue(0)
    assert d.idle_spin.text() == "Never" and d.changes() == {"signin_idle_minutes": "0"}
    dialog_log.answers["SettingsDialog"] = {"signin_idle_minutes": "15"}
    window.on_settings_action_triggered()
    assert svc.settings.get("signin_idle_minutes") == "15"


def test_a_call_attached_for_someone_else_is_not_taken_over(qtbot, window, svc):
    """A training session attaches the trainee's call to the window: it stays the trainee's (only a resume from the
    start page, or an explicit sign-in mid-call, hands a call over)."""
    session = svc.start_call(handler_id="H1", role="call_handler", entry_flow="mini_entry")
    window.controller.attach(session)
    wait_at(qtbot, window, "risk_now")
    settle(qtbot, window)
    assert window.controller.view.actor == ("H1", "call_handler")
    assert not any(e["kind"] == "handover" for e in svc.call_report(session.uuid)["events"])
