"""A whole call through the real main window: by keyboard only, then by mouse only."""
from __future__ import annotations

from PySide6.QtCore import Qt

from gui_drive import ALT, CTRL, at, keyboard_call_to_outcome, press, type_text, wait_at


def test_whole_call_by_keyboard_only(qtbot, window, svc):
    uuid = keyboard_call_to_outcome(qtbot, window)
    page = window.call_screen.outcome_page
    assert window.call_screen.page_stack.currentWidget() is page
    assert "Ambulance" in page.headline_label.text()
    assert "POLICE WILL NOT ATTEND" in page.attend_label.text()
    assert not page.finish_button.isEnabled()  # the caller has not been told yet
    press(qtbot, window, Qt.Key.Key_Return, CTRL)  # Finish refused until confirmed
    assert window.controller.active
    press(qtbot, window, Qt.Key.Key_I, ALT)
    assert page.informed_check.isChecked()
    with qtbot.waitSignal(window.controller.call_finalised, timeout=3000):
        press(qtbot, window, Qt.Key.Key_Return, CTRL)
    assert not window.controller.active
    assert window.stack.currentWidget() is window.start_page
    rep = svc.call_report(uuid)
    call = rep["call"]
    assert call["status"] == "final" and call["outcome_code"] == "AMBULANCE" and call["caller_informed"] == 1
    answers = {p["node"]: p["answer"] for p in rep["path"] if p["answer"] is not None}
    assert answers == {"risk_now": "No", "crime": "No crime", "age": "40 years", "pathway": "Welfare",
                       "where": "at home", "concerns": "Fallen", "say_this": "Done"}
    assert call["handler_id"] == "1234"
    shown = [e["node"] for e in rep["events"] if e["kind"] == "shown"]  # each screen recorded once, in order
    assert shown == ["risk_now", "crime", "age", "pathway", "where", "concerns", "say_this", "out_ambulance"]


def test_whole_call_by_mouse(qtbot, window, svc):
    qtbot.mouseClick(window.start_page.new_call_button, Qt.MouseButton.LeftButton)
    wait_at(qtbot, window, "risk_now")
    qp = window.call_screen.question_page

    def click_answer(label: str) -> None:
        button = next(b for b in qp.answer_buttons if label in b.text())
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    click_answer("No")
    wait_at(qtbot, window, "crime")
    click_answer("No crime")
    wait_at(qtbot, window, "age")
    qtbot.mouseClick(qp.unknown_button, Qt.MouseButton.LeftButton)  # age not known
    wait_at(qtbot, window, "pathway")
    click_answer("Welfare")
    wait_at(qtbot, window, "where")
    qtbot.mouseClick(qp.answer_edit, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(qp.answer_edit, "by the river")
    qtbot.mouseClick(qp.confirm_button, Qt.MouseButton.LeftButton)
    wait_at(qtbot, window, "concerns")
    click_answer("Confused")
    assert "ticked" in next(b for b in qp.answer_buttons if "Confused" in b.text()).text()  # not colour alone
    qtbot.mouseClick(qp.confirm_button, Qt.MouseButton.LeftButton)
    wait_at(qtbot, window, "say_this")
    qtbot.mouseClick(qp.confirm_button, Qt.MouseButton.LeftButton)
    wait_at(qtbot, window, "out_gp")
    op = window.call_screen.outcome_page
    qtbot.mouseClick(op.informed_check, Qt.MouseButton.LeftButton)
    uuid = window.controller.uuid
    with qtbot.waitSignal(window.controller.call_finalised, timeout=3000):
        qtbot.mouseClick(op.finish_button, Qt.MouseButton.LeftButton)
    call = svc.call_report(uuid)["call"]
    assert call["status"] == "final" and call["outcome_code"] == "GP_OR_111"
    assert "capacity_concern" in call["flags_json"]


def test_shortcuts_do_not_fire_while_typing_a_note(qtbot, window):
    press(qtbot, window, Qt.Key.Key_N, CTRL)
    wait_at(qtbot, window, "risk_now")
    notes = window.call_screen.side_panel.notes_edit
    notes.setFocus()
    qtbot.waitUntil(lambda: notes.hasFocus())
    type_text(qtbot, window, "Yes 1 no")  # Y, 1 and N are answer keys, but not inside the notes box
    assert at(window) == ("mini_entry", "risk_now")
    assert notes.toPlainText() == "Yes 1 no"
    press(qtbot, window, Qt.Key.Key_Return, CTRL)  # saves the note
    qtbot.waitUntil(lambda: list(window.controller.view.notes) == ["Yes 1 no"])
    assert notes.toPlainText() == ""
    assert len(window.call_screen.side_panel.note_rows()) == 1


def test_number_answer_out_of_range_is_refused_and_kept(qtbot, window):
    press(qtbot, window, Qt.Key.Key_N, CTRL)
    wait_at(qtbot, window, "risk_now")
    press(qtbot, window, Qt.Key.Key_N)
    press(qtbot, window, Qt.Key.Key_3)
    wait_at(qtbot, window, "age")
    qp = window.call_screen.question_page
    type_text(qtbot, window, "abc")
    press(qtbot, window, Qt.Key.Key_Return)
    assert at(window)[1] == "age"
    assert qp.error_label.isVisible() and "number" in qp.error_label.text()
    assert qp.answer_edit.text() == "abc"  # what was typed stays on screen
    qp.answer_edit.clear()
    type_text(qtbot, window, "u")  # U typed in the box means unknown
    press(qtbot, window, Qt.Key.Key_Return)
    wait_at(qtbot, window, "pathway")
    assert window.controller.view.answer_at(("mini_entry", "age")).value == "unknown"


def test_info_and_why_we_ask(qtbot, window):
    press(qtbot, window, Qt.Key.Key_N, CTRL)
    wait_at(qtbot, window, "risk_now")
    qp = window.call_screen.question_page
    assert not qp.why_label.isVisible()
    press(qtbot, window, Qt.Key.Key_W, ALT)
    assert qp.why_label.isVisible() and "Threshold" in qp.why_label.text()
    press(qtbot, window, Qt.Key.Key_W, ALT)
    assert not qp.why_label.isVisible()
