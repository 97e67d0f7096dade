"""Issue 12 on real widgets: the block copied on the outcome screen is the block copied from the report; early exit
with no default outcome, the safer outcomes first when risk questions were not answered, and a caller who rang off;
an override that rebuilds the outcome and brings the new sentence into view; titles and words without codes."""
from __future__ import annotations

import os

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialogButtonBox

from gui_drive import ALT, CTRL, keyboard_call_to_outcome, press, settle, type_text, wait_at
from screenshots import screenshot_path
from triage_desktop.gui import dialogs
from triage_desktop.gui.report_dialog import CallReportDialog, report_html


def _copy(qtbot, window) -> str:
    QGuiApplication.clipboard().clear()
    press(qtbot, window, Qt.Key.Key_C, CTRL | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: bool(QGuiApplication.clipboard().text()), timeout=3000)
    return QGuiApplication.clipboard().text()


def test_block_from_the_outcome_screen_equals_the_block_from_the_report(qtbot, window, svc, dialog_log):
    uuid = keyboard_call_to_outcome(qtbot, window)
    page = window.call_screen.outcome_page
    page.cad_edit.setFocus()
    type_text(qtbot, window, "ANY-0456")  # typed once; Copy stores it before building the block
    press(qtbot, window, Qt.Key.Key_I, ALT)
    assert page.informed_check.isChecked()
    on_screen = _copy(qtbot, window)
    assert "CAD incident: ANY-0456" in on_screen
    assert "Caller informed: Caller told" in on_screen or "Caller informed: " in on_screen
    with qtbot.waitSignal(window.controller.call_finalised, timeout=3000):
        press(qtbot, window, Qt.Key.Key_Return, CTRL)
    dlg = CallReportDialog(svc=svc, uuid=uuid, author=lambda: "1234")
    qtbot.addWidget(dlg)
    QGuiApplication.clipboard().clear()
    dlg.copy_button.click()
    qtbot.waitUntil(lambda: bool(QGuiApplication.clipboard().text()), timeout=5000)
    assert QGuiApplication.clipboard().text() == on_screen
    assert "Decision: police not to attend" in dlg.browser.toPlainText()
    assert "attended" not in dlg.browser.toPlainText()
    assert svc.call_report(uuid)["call"]["cad_incident"] == "ANY-0456"


def test_early_exit_dialog_has_no_default_and_puts_safer_outcomes_first(qtbot, window, svc):
    press(qtbot, window, Qt.Key.Key_N, CTRL)
    wait_at(qtbot, window, "risk_now")
    info = window.controller.session.early_exit_info()
    assert info.risk_unanswered and "Risk to life now? (risk question)" in info.summary
    assert [title for title, _ in info.groups] == ["Mini entry", "Mini pathway"]  # grouped by flow
    d = dialogs.EarlyExitDialog(info=info)
    qtbot.addWidget(d)
    d.show()
    ok = d.button_box.button(QDialogButtonBox.StandardButton.Ok)
    assert d.code_combo.currentIndex() == -1 and not ok.isEnabled()  # the handler picks one
    assert d.code_combo.itemData(0) == "POLICE_EMERGENCY"
    assert d.warning_label is not None and "risk questions have not been answered" in d.warning_label.text()
    d.code_combo.setFocus()
    qtbot.keyClick(d.code_combo, Qt.Key.Key_Down)  # by keyboard: the first (safest) outcome
    d.reason_edit.setPlainText("Caller rang off")
    assert d.code_combo.currentData() == "POLICE_EMERGENCY" and ok.isEnabled()


def test_early_exit_for_a_caller_who_rang_off(qtbot, window, svc, dialog_log):
    press(qtbot, window, Qt.Key.Key_N, CTRL)
    wait_at(qtbot, window, "risk_now")
    press(qtbot, window, Qt.Key.Key_N)
    wait_at(qtbot, window, "crime")
    dialog_log.answers["EarlyExitDialog"] = ("Line went dead", "GP_OR_111", True)
    press(qtbot, window, Qt.Key.Key_E, CTRL)
    qtbot.waitUntil(lambda: window.controller.view.outcome is not None, timeout=3000)
    page = window.call_screen.outcome_page
    qtbot.waitUntil(page.isVisible)
    assert page.informed_check.text().startswith("Caller not reachable (rang off)")
    assert not page.script_label.isVisible() and not page.read_block.isVisible()  # nothing to read to nobody
    assert page.unreachable_label.isVisible()
    out = window.controller.view.outcome
    assert "Line went dead" not in out.rationale and "rang off" in out.rationale
    uuid = window.controller.uuid
    press(qtbot, window, Qt.Key.Key_I, ALT)
    with qtbot.waitSignal(window.controller.call_finalised, timeout=3000):
        press(qtbot, window, Qt.Key.Key_Return, CTRL)
    call = svc.call_report(uuid)["call"]
    assert call["status"] == "final" and call["caller_informed"] == 0
    assert "caller told: no: caller not reachable (rang off)" in report_html(svc.call_report(uuid))
    assert "Caller informed: NO - Caller not reachable (rang off)" in svc.incident_log_text(uuid)


def test_override_rebuilds_the_outcome_and_brings_the_new_sentence_into_view(qtbot, window, svc, dialog_log):
    keyboard_call_to_outcome(qtbot, window)
    page = window.call_screen.outcome_page
    d = dialogs.OverrideDialog(current_code="AMBULANCE")
    qtbot.addWidget(d)
    assert d.code_combo.itemData(0) == "AMBULANCE" and "(current outcome)" in d.code_combo.itemText(0)
    d.reason_edit.setPlainText("reason")
    assert not d.button_box.button(QDialogButtonBox.StandardButton.Ok).isEnabled()  # still the current one
    page.scroll_area.verticalScrollBar().setValue(page.scroll_area.verticalScrollBar().maximum())
    dialog_log.answers["OverrideDialog"] = ("POLICE_SCHEDULED", "Neighbour says he has been threatened before")
    press(qtbot, window, Qt.Key.Key_O, ALT)
    assert dialog_log.kwargs("OverrideDialog")["choices"][0][0] == "AMBULANCE"
    qtbot.waitUntil(lambda: window.controller.view.outcome.code == "POLICE_SCHEDULED", timeout=3000)
    out = window.controller.view.outcome
    assert "investigate" not in out.headline and "crime to investigate" not in page.response_label.text()
    assert "Neighbour says" not in out.rationale and "changed by the handler" in out.rationale.lower()
    assert "Handler's reason: Neighbour says he has been threatened before" in page.override_label.text()
    assert dict(window.controller.view.thrive)["engagement"].startswith("Outcome changed by the handler")
    # the sentence to read aloud is in view (geometry inside the scroll area's viewport), and has the focus
    vp = page.scroll_area.viewport()
    top = page.headline_label.mapTo(vp, QPoint(0, 0))
    assert 0 <= top.y() and top.y() + 10 < vp.height(), top
    assert page.headline_label.hasFocus()
    assert "POLICE_SCHEDULED" not in window.windowTitle() and "triage-desktop" not in window.windowTitle()
    assert window.windowTitle() == "Outcome: police will attend (police scheduled)"


def test_script_is_read_after_the_headline_without_repeating_it_and_decision_words_keep_capitals(
        qtbot, window, svc, dialog_log):
    keyboard_call_to_outcome(qtbot, window)
    dialog_log.answers["OverrideDialog"] = ("MH_CRISIS_LINE", "Known to the crisis line")
    press(qtbot, window, Qt.Key.Key_O, ALT)
    qtbot.waitUntil(lambda: window.controller.view.outcome.code == "MH_CRISIS_LINE", timeout=3000)
    settle(qtbot, window)
    page = window.call_screen.outcome_page
    assert page.headline_label.text().startswith("Police will not attend.")
    assert not page.script_label.text().startswith("Police will not be coming out.")
    assert page.script_label.text().startswith("I'm putting you through to NHS 111 option 2")
    assert page.headline_label.parent() is page.read_block and page.script_label.parent() is page.read_block
    side = window.call_screen.side_panel
    assert "nhs 111" not in side.decision_label.text()
    from triage_desktop.services import decision_words

    assert decision_words("MH_CRISIS_LINE") == "NHS 111 option 2 / crisis line"
    window.resize(1366, 768)
    qtbot.waitUntil(lambda: window.width() == 1366)
    big = os.environ.get("QT_FONT_DPI") == "192"  # the 200 % text run
    shot = window.grab()
    assert shot.save(str(screenshot_path("outcome-override-1366" + ("-200pct" if big else "") + ".png")))
    # the words to read and the rang-off / told box are painted inside the window, not clipped off it
    assert page.read_block.isVisible() and page.informed_check.isVisible()
    box = page.informed_check.mapTo(window, QPoint(0, 0))
    assert box.y() + page.informed_check.height() <= window.height()


def test_early_exit_and_override_dialogs_by_keyboard_only(qtbot, window, svc):
    press(qtbot, window, Qt.Key.Key_N, CTRL)
    wait_at(qtbot, window, "risk_now")
    d = dialogs.EarlyExitDialog(info=window.controller.session.early_exit_info())
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    d.activateWindow()
    qtbot.waitUntil(lambda: d.code_combo.hasFocus())
    qtbot.keyClick(d.code_combo, Qt.Key.Key_Down)  # nothing chosen at first: Down picks the first (safest)
    qtbot.keyClick(d.code_combo, Qt.Key.Key_Down)
    assert d.code_combo.currentData() == "POLICE_PRIORITY"
    qtbot.keyClick(d.code_combo, Qt.Key.Key_Tab)
    assert d.reason_edit.hasFocus()
    qtbot.keyClicks(d.reason_edit, "Line went dead mid-sentence")
    qtbot.keyClick(d.reason_edit, Qt.Key.Key_Tab)
    assert d.rang_off_check.hasFocus()
    qtbot.keyClick(d.rang_off_check, Qt.Key.Key_Space)
    with qtbot.waitSignal(d.accepted, timeout=2000):
        qtbot.keyClick(d.rang_off_check, Qt.Key.Key_Return)
    assert (d.result_value(), d.rang_off_check.isChecked()) == (("POLICE_PRIORITY", "Line went dead mid-sentence"),
                                                                 True)
    o = dialogs.OverrideDialog(current_code="GP_OR_111")
    qtbot.addWidget(o)
    o.show()
    qtbot.waitExposed(o)
    o.activateWindow()
    qtbot.waitUntil(lambda: o.code_combo.hasFocus())
    assert o.code_combo.currentData() == "GP_OR_111"  # starts at the current outcome
    qtbot.keyClick(o.code_combo, Qt.Key.Key_Down)
    qtbot.keyClick(o.code_combo, Qt.Key.Key_Tab)
    qtbot.keyClicks(o.reason_edit, "Known to the crisis team")
    with qtbot.waitSignal(o.rejected, timeout=2000):
        qtbot.keyClick(o.reason_edit, Qt.Key.Key_Escape)  # Esc cancels
