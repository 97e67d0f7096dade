"""Back and change, immediate risk, early exit, override, handover, volunteered: through the main window."""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer

from gui_drive import ALT, CTRL, at, keyboard_call_to_outcome, press, type_text, wait_at


def start(qtbot, window) -> None:
    press(qtbot, window, Qt.Key.Key_N, CTRL)
    wait_at(qtbot, window, "risk_now")


def test_back_and_change_records_the_superseded_answer(qtbot, window, svc):
    start(qtbot, window)
    press(qtbot, window, Qt.Key.Key_N)
    wait_at(qtbot, window, "crime")
    press(qtbot, window, Qt.Key.Key_3)  # no crime
    wait_at(qtbot, window, "age")
    press(qtbot, window, Qt.Key.Key_Left, ALT)
    wait_at(qtbot, window, "crime")
    qp = window.call_screen.question_page
    assert "Answer given earlier: No crime" in qp.previous_label.text()
    assert qp.forward_button.isVisible()
    assert any("✓ current" in b.text() and "No crime" in b.text() for b in qp.answer_buttons)
    press(qtbot, window, Qt.Key.Key_2)  # change to: happened earlier → scheduled police
    wait_at(qtbot, window, "out_scheduled")
    run = window.controller.view
    old = [a for a in run.answers if a.node == "crime" and a.superseded]
    assert [a.label for a in old] == ["No crime"]
    rows = [window.call_screen.side_panel.path_list.item(i) for i in
            range(window.call_screen.side_panel.path_list.count())]
    struck = [r for r in rows if r.font().strikeOut()]
    assert struck and "No crime" in struck[0].text() and "changed" in struck[0].text()  # shown, not hidden
    rep = svc.call_report(window.controller.uuid)
    assert any(s["node"] == "crime" and s["answer"] == "No crime" for s in rep["superseded"])
    assert any(e["kind"] == "changed" for e in rep["events"])


def test_same_answer_after_back_is_not_recorded_as_a_change(qtbot, window):
    start(qtbot, window)
    press(qtbot, window, Qt.Key.Key_N)
    wait_at(qtbot, window, "crime")
    press(qtbot, window, Qt.Key.Key_Left, ALT)
    wait_at(qtbot, window, "risk_now")
    press(qtbot, window, Qt.Key.Key_N)
    wait_at(qtbot, window, "crime")
    assert not any(a.superseded for a in window.controller.view.answers)


def test_jump_from_side_panel_row(qtbot, window):
    start(qtbot, window)
    press(qtbot, window, Qt.Key.Key_N)
    press(qtbot, window, Qt.Key.Key_3)
    wait_at(qtbot, window, "age")
    panel = window.call_screen.side_panel
    row = next(panel.path_list.item(i) for i in range(panel.path_list.count())
               if "Risk to life" in panel.path_list.item(i).text())
    panel.path_list.setCurrentItem(row)
    panel.path_list.setFocus()
    qtbot.keyClick(panel.path_list, Qt.Key.Key_Return)
    wait_at(qtbot, window, "risk_now")
    press(qtbot, window, Qt.Key.Key_Right, ALT)  # back to where we were, nothing changed
    wait_at(qtbot, window, "age")


def test_jump_menu_lists_the_earlier_questions_when_it_opens(qtbot, window):
    """The Jump menu is made when it opens (not on every answer): it lists the questions answered so far, with
    their answers, each time it opens, and choosing one goes there."""
    start(qtbot, window)
    qp = window.call_screen.question_page
    assert not qp.jump_button.isEnabled()  # nothing answered yet
    press(qtbot, window, Qt.Key.Key_N)
    wait_at(qtbot, window, "crime")
    assert qp.jump_button.isEnabled()
    qp.jump_menu.aboutToShow.emit()
    assert [a.text() for a in qp.jump_menu.actions()] == [
        f"{a.title} — {a.label}".replace("&", "&&") for a in window.controller.view.jump_targets]
    assert len(qp.jump_menu.actions()) == 1
    press(qtbot, window, Qt.Key.Key_3)  # no crime
    wait_at(qtbot, window, "age")
    seen: list[list[str]] = []

    def in_the_open_menu() -> None:  # Alt+J opens the menu in its own loop: read it, then pick the first by keyboard
        menu = qp.jump_menu
        if not menu.isVisible():
            QTimer.singleShot(20, in_the_open_menu)
            return
        seen.append([a.text() for a in menu.actions()])
        qtbot.keyClick(menu, Qt.Key.Key_Down)
        qtbot.keyClick(menu, Qt.Key.Key_Return)

    QTimer.singleShot(0, in_the_open_menu)
    press(qtbot, window, Qt.Key.Key_J, ALT)  # keyboard only, as a handler would
    wait_at(qtbot, window, "risk_now")
    assert len(seen) == 1 and len(seen[0]) == 2 and "No crime" in seen[0][1]


def test_immediate_risk_from_the_middle_of_a_flow(qtbot, window, svc, dialog_log):
    start(qtbot, window)
    press(qtbot, window, Qt.Key.Key_N)
    press(qtbot, window, Qt.Key.Key_3)
    wait_at(qtbot, window, "age")
    type_text(qtbot, window, "3")  # typed but not confirmed when F9 is pressed
    dialog_log.answers["ReasonDialog"] = "Caller says her partner has a knife"
    with qtbot.waitSignal(window.controller.outcome_reached, timeout=3000):
        press(qtbot, window, Qt.Key.Key_F9)
    assert dialog_log.names() == ["ReasonDialog"]
    op = window.call_screen.outcome_page
    assert window.call_screen.page_stack.currentWidget() is op
    assert op.attend_label.property("role") == "risk"  # red, and in words:
    assert "POLICE WILL ATTEND" in op.attend_label.text() and "emergency" in op.attend_label.text()
    assert "knife" in op.override_label.text()
    assert not window.call_screen.early_exit_button.isEnabled()
    assert window.controller.view.outcome.code == "POLICE_EMERGENCY"
    op.informed_check.setChecked(True)
    uuid = window.controller.uuid
    with qtbot.waitSignal(window.controller.call_finalised, timeout=3000):
        qtbot.mouseClick(op.finish_button, Qt.MouseButton.LeftButton)
    call = svc.call_report(uuid)["call"]
    assert call["immediate_risk"] == 1 and call["immediate_risk_reason"] == "Caller says her partner has a knife"


def test_immediate_risk_cancelled_changes_nothing(qtbot, window, dialog_log):
    start(qtbot, window)
    dialog_log.answers["ReasonDialog"] = None
    press(qtbot, window, Qt.Key.Key_F9)
    assert at(window) == ("mini_entry", "risk_now")
    assert window.controller.view.outcome is None


def test_early_exit_with_reason(qtbot, window, svc, dialog_log):
    start(qtbot, window)
    press(qtbot, window, Qt.Key.Key_N)
    wait_at(qtbot, window, "crime")
    dialog_log.answers["EarlyExitDialog"] = ("Caller hung up", "ADVICE_ONLY", False)
    press(qtbot, window, Qt.Key.Key_E, CTRL)
    info = dialog_log.kwargs("EarlyExitDialog")["info"]
    assert any("Crime" in q for _, qs in info.groups for q, _ in qs)
    qtbot.waitUntil(lambda: window.controller.view.outcome is not None)
    out = window.controller.view.outcome
    assert out.code == "ADVICE_ONLY" and out.source == "early_exit"
    assert "Caller hung up" in window.call_screen.outcome_page.override_label.text()
    assert "Caller hung up" not in out.rationale  # beside the rationale, never inside it


def test_override_with_reason(qtbot, window, svc, dialog_log):
    uuid = keyboard_call_to_outcome(qtbot, window)
    dialog_log.answers["OverrideDialog"] = ("MH_CRISIS_LINE", "Person is known to the crisis team")
    press(qtbot, window, Qt.Key.Key_O, ALT)
    assert dialog_log.kwargs("OverrideDialog")["current_code"] == "AMBULANCE"
    qtbot.waitUntil(lambda: window.controller.view.outcome.code == "MH_CRISIS_LINE")
    op = window.call_screen.outcome_page
    assert "AMBULANCE" in op.override_label.text() and "crisis team" in op.override_label.text()
    assert not op.informed_check.isChecked()  # a new outcome must be told to the caller again
    op.informed_check.setChecked(True)
    with qtbot.waitSignal(window.controller.call_finalised, timeout=3000):
        press(qtbot, window, Qt.Key.Key_Return, CTRL)
    call = svc.call_report(uuid)["call"]
    assert call["outcome_code"] == "MH_CRISIS_LINE" and call["original_outcome_code"] == "AMBULANCE"
    assert call["override_reason"] == "Person is known to the crisis team"


def test_handover_attributes_later_steps(qtbot, window, svc, dialog_log):
    start(qtbot, window)
    press(qtbot, window, Qt.Key.Key_N)
    wait_at(qtbot, window, "crime")
    dialog_log.answers["HandoverDialog"] = ("MH-77", "mh_practitioner")
    press(qtbot, window, Qt.Key.Key_H, CTRL)
    qtbot.waitUntil(lambda: window.controller.view.actor == ("MH-77", "mh_practitioner"))
    assert "Mental-health practitioner MH-77" in window.call_screen.header.actor_label.text()
    press(qtbot, window, Qt.Key.Key_3)
    wait_at(qtbot, window, "age")
    run = window.controller.view
    by = {a.node: a.actor for a in run.answers}
    assert by == {"risk_now": "1234", "crime": "MH-77"}
    texts = [window.call_screen.side_panel.path_list.item(i).text()
             for i in range(window.call_screen.side_panel.path_list.count())]
    assert any("No crime" in t and "by MH-77" in t for t in texts)
    assert any("Handed over to MH-77" in t for t in texts)
    events = svc.call_report(window.controller.uuid)["events"]
    assert [e["actor"] for e in events if e["kind"] == "answered"] == ["1234", "MH-77"]


def test_volunteered_toggle(qtbot, window):
    start(qtbot, window)
    press(qtbot, window, Qt.Key.Key_V, ALT)  # before answering: applies to the answer given next
    assert window.call_screen.question_page.volunteered_check.isChecked()
    press(qtbot, window, Qt.Key.Key_N)
    wait_at(qtbot, window, "crime")
    assert not window.call_screen.question_page.volunteered_check.isChecked()  # fresh for the new question
    run = window.controller.view
    assert run.answer_at(("mini_entry", "risk_now")).volunteered
    press(qtbot, window, Qt.Key.Key_Left, ALT)
    wait_at(qtbot, window, "risk_now")
    assert window.call_screen.question_page.volunteered_check.isChecked()
    press(qtbot, window, Qt.Key.Key_V, ALT)  # on an answered question: recorded at once
    qtbot.waitUntil(lambda: not window.controller.view.answer_at(("mini_entry", "risk_now")).volunteered)
    assert any(e["kind"] == "volunteered" for e in window.svc.call_report(window.controller.uuid)["events"])


def test_new_call_during_a_call_asks_first(qtbot, window, dialog_log):
    start(qtbot, window)
    first = window.controller.uuid
    dialog_log.answers["ConfirmDialog"] = False
    press(qtbot, window, Qt.Key.Key_N, CTRL)
    assert window.controller.uuid == first
    dialog_log.answers["ConfirmDialog"] = True
    press(qtbot, window, Qt.Key.Key_N, CTRL)
    qtbot.waitUntil(lambda: window.controller.uuid != first)
    assert [c.uuid for c in window.svc.interrupted_calls()].count(first) == 1
