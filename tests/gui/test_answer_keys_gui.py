"""One rule for answer keys on the real question page: Y / N / U on a choice question whose answers are yes / no /
don't know in substance, numbers in on-screen order, and the key shown on each button."""
from __future__ import annotations

from PySide6.QtCore import Qt

from gui_drive import CTRL, press, wait_at


def test_choice_question_takes_n_and_u_and_numbers_in_order(qtbot, window):
    press(qtbot, window, Qt.Key.Key_N, CTRL)
    wait_at(qtbot, window, "risk_now")
    qp = window.call_screen.question_page
    assert [b.key_label.text() for b in qp.answer_buttons] == ["Y", "N", "U"]
    press(qtbot, window, Qt.Key.Key_N)
    wait_at(qtbot, window, "crime")  # a choice: Happening now / Happened earlier / No crime / Not known
    assert [b.key_label.text() for b in qp.answer_buttons] == ["1", "2", "N", "U"]
    assert "shortcut N or 3" in qp.answer_buttons[2].accessibleName()
    press(qtbot, window, Qt.Key.Key_Y)  # no answer means yes here: nothing happens
    assert window.controller.view.current[1] == "crime"
    press(qtbot, window, Qt.Key.Key_N)
    wait_at(qtbot, window, "age")
    press(qtbot, window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    wait_at(qtbot, window, "crime")
    press(qtbot, window, Qt.Key.Key_U)  # don't know: the safer branch, as the flow says
    wait_at(qtbot, window, "out_emergency")
    answers = {p["node"]: p["answer"] for p in window.svc.call_report(window.controller.uuid)["path"]
               if p["answer"] is not None}
    assert answers["crime"] == "Not known"


def test_number_keys_follow_the_on_screen_order_on_a_choice(qtbot, window):
    press(qtbot, window, Qt.Key.Key_N, CTRL)
    wait_at(qtbot, window, "risk_now")
    press(qtbot, window, Qt.Key.Key_2)  # the second button on screen: No
    wait_at(qtbot, window, "crime")
    press(qtbot, window, Qt.Key.Key_3)  # the third: No crime
    wait_at(qtbot, window, "age")
