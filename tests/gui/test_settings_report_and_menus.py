"""Settings, window geometry, menus and shortcuts, incident-log copy, the call report and its addenda."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from gui_drive import ALT, CTRL, keyboard_call_to_outcome, make_call, press, show_window, wait_at
from triage_desktop.gui.main_window import MainWindow
from triage_desktop.gui.report_dialog import CallReportDialog, report_html
from triage_desktop.gui.settings_dialog import SettingsDialog


def test_settings_dialog_saves_changes(qtbot, window, svc, dialog_log):
    dialog_log.answers["SettingsDialog"] = {"force_name": "Anyshire Police", "retention_days": "45"}
    press(qtbot, window, Qt.Key.Key_Comma, CTRL)
    kw = dialog_log.kwargs("SettingsDialog")
    assert kw["values"]["handler_id"] == "1234" and kw["paths"].data_dir == svc.paths.data_dir
    assert svc.settings.get("force_name") == "Anyshire Police" and svc.settings.get("retention_days") == "45"


def test_settings_dialog_reports_only_changes_and_shows_the_data_dir(qtbot, svc):
    d = SettingsDialog(values={"handler_id": "1234", "handler_role": "call_handler", "force_name": "",
                               "retention_days": "30"}, paths=svc.paths)
    qtbot.addWidget(d)
    assert str(svc.paths.data_dir) in d.data_dir_label.text()
    d.force_edit.setText("Anyshire Police")
    d.retention_spin.setValue(90)
    assert d.changes() == {"force_name": "Anyshire Police", "retention_days": "90"}
    d.handler_edit.clear()
    d.on_button_box_accepted()  # refused: says why instead of closing
    assert not d.error_label.isHidden() and d.result() == 0


def test_refused_setting_is_a_dialog_not_a_traceback(qtbot, window, svc, dialog_log):
    dialog_log.answers["SettingsDialog"] = {"retention_days": "0"}
    window.on_settings_action_triggered()
    qtbot.waitUntil(lambda: dialog_log.names()[-1] == "ErrorDialog")


def test_window_geometry_is_remembered(qtbot, svc, app_paths):
    w1 = show_window(qtbot, svc, app_paths)
    w1.resize(780, 580)  # within the offscreen screen (800 x 600): restoreGeometry keeps windows on screen
    w1.call_screen.splitter.setSizes([400, 370])
    w1.close()
    assert (app_paths.state_dir / "window.ini").exists()
    w2 = MainWindow(svc, paths=app_paths)
    qtbot.addWidget(w2)
    assert w2.size().toTuple() == (780, 580)  # restored before it is shown
    w2.show()
    qtbot.waitExposed(w2)
    w2.on_new_call_action_triggered()
    wait_at(qtbot, w2, "risk_now")
    left, right = w2.call_screen.splitter.sizes()
    assert abs(right / (left + right) - 370 / 770) < 0.05  # the handler's split between question and panel


def test_menus_and_standard_shortcuts(qtbot, window, dialog_log):
    shortcuts = {a.text().replace("&", ""): a.shortcut().toString() for a in window.actions() if a.shortcut()}
    assert shortcuts["New call"] == "Ctrl+N"
    assert shortcuts["Find calls (history)…"] == "Ctrl+F"
    assert shortcuts["Settings…"] == "Ctrl+,"
    assert shortcuts["Help and shortcuts"] == "F1"
    assert shortcuts["Immediate risk…"] == "F9"
    dialog_log.answers["HelpDialog"] = None
    dialog_log.answers["AboutDialog"] = None
    press(qtbot, window, Qt.Key.Key_F1)
    window.about_action.trigger()
    assert dialog_log.names() == ["HelpDialog", "AboutDialog"]


def test_about_lists_versions_and_paths(svc):
    from triage_desktop import __version__
    from triage_desktop.gui.about import about_html

    text = about_html(svc, svc.paths)
    assert __version__ in text and "PySide6" in text and "Qt" in text
    assert str(svc.paths.data_dir) in text and "mini_entry" in text


def test_copy_for_incident_log(qtbot, window, svc):
    uuid = keyboard_call_to_outcome(qtbot, window)
    QGuiApplication.clipboard().clear()
    press(qtbot, window, Qt.Key.Key_C, CTRL | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: bool(QGuiApplication.clipboard().text()))
    text = QGuiApplication.clipboard().text()
    for expected in (uuid, "AMBULANCE", "POLICE NOT TO ATTEND", "1234 (Call handler)", "Risk to life now?: No",
                     "Rationale", "Concern for welfare", "Started:"):
        assert expected in text, expected
    assert '(free text) "at home"' in text  # free text belongs in the C&C record (it outlives the local store)
    press(qtbot, window, Qt.Key.Key_I, ALT)
    press(qtbot, window, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: not window.controller.active)
    assert uuid[:8] in window.start_page.last_call_label.text()


def test_note_typed_before_a_dialog_is_not_lost(qtbot, window, dialog_log):
    press(qtbot, window, Qt.Key.Key_N, CTRL)
    wait_at(qtbot, window, "risk_now")
    window.call_screen.side_panel.notes_edit.setPlainText("Caller whispering, may not be alone")
    dialog_log.answers["ReasonDialog"] = None  # the handler cancels the immediate-risk dialog
    press(qtbot, window, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: list(window.controller.view.notes) == ["Caller whispering, may not be alone"])


def test_report_shows_the_audit_trail_and_takes_an_addendum(qtbot, svc, dialog_log):
    uuid = make_call(svc, note="Door was open")
    dlg = CallReportDialog(svc=svc, uuid=uuid, author=lambda: "1234")
    qtbot.addWidget(dlg)
    qtbot.waitUntil(lambda: dlg.loaded)  # read on the database worker, shown when it arrives
    html = dlg.browser.toPlainText()
    for expected in ("Final", "GP_OR_111", "Audit trail", "Answered", "Door was open", "Risk to life now?"):
        assert expected in html, expected
    assert dlg.addendum_button.isEnabled()
    dialog_log.answers["AddendumDialog"] = ("Caller rang back: all fine now", "Update from caller")
    qtbot.mouseClick(dlg.addendum_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dlg.loaded and "Caller rang back" in dlg.browser.toPlainText())
    rep = svc.call_report(uuid)
    assert rep["call"]["version"] == 2 and rep["addenda"][0]["author"] == "1234"
    assert "Caller rang back" in dlg.browser.toPlainText()


def test_report_of_an_unfinished_call_takes_no_addendum(qtbot, svc):
    uuid = make_call(svc, finalise=False)
    dlg = CallReportDialog(svc=svc, uuid=uuid)
    qtbot.addWidget(dlg)
    qtbot.waitUntil(lambda: dlg.loaded)
    assert not dlg.addendum_button.isEnabled()
    assert "Not finished" in dlg.browser.toPlainText()


def test_report_html_escapes_free_text():
    rep = {"call": {"uuid": "u1", "status": "final", "version": 1, "started_at": "2026-01-01T10:00:00+00:00",
                    "outcome_code": "ADVICE_ONLY", "rationale": "<b>x</b>"},
           "path": [], "events": [{"kind": "note", "wall": "2026-01-01T10:00:00+00:00", "offset": 1.0,
                                   "actor": "1", "text": "<script>alert(1)</script>"}]}
    out = report_html(rep)
    assert "<script>" not in out and "&lt;script&gt;" in out and "&lt;b&gt;x" in out


def test_timed_backup_waits_for_the_call_to_end(qtbot, window, svc):
    backups = svc.paths.backups_dir
    before = set(backups.glob("*"))
    assert window.backup_timer.isActive() and window.backup_timer.interval() == 10 * 60_000
    press(qtbot, window, Qt.Key.Key_N, CTRL)
    wait_at(qtbot, window, "risk_now")
    press(qtbot, window, Qt.Key.Key_N)
    window.backup_timer.timeout.emit()  # due during a call: deferred, the call is not slowed down
    assert set(backups.glob("*")) == before
    window.controller.detach()  # the call ends (left in progress, resumable)
    qtbot.waitUntil(lambda: set(backups.glob("*")) != before)
