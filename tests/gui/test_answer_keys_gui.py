"""One rule for answer keys on the real question page: Y / N / U on a choice question whose answers are yes / no /
don't know in substance, numbers in on-screen order, and the key shown on each button."""
from __future__ import annotations

import threading

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication

from gui_drive import CTRL, at, press, wait_at


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


class _Paints(QObject):
    """The answer buttons' paints, each with the question on the page when it was painted."""

    def __init__(self, page):
        super().__init__()
        self.page, self.seen = page, []

    def eventFilter(self, obj, ev):  # noqa: N802 (Qt)
        if ev.type() == QEvent.Type.Paint:
            self.seen.append((self.page.node.node if self.page.node else None, obj.isChecked()))
        return False


def test_an_answer_key_paints_the_next_question_and_not_its_own_press_first(qtbot, window):
    """Issue 14: a one-answer key answers at once. Its button is not painted pressed before the next question (a
    paint of its own, while the worker works the next question out), unless the next question is late."""
    press(qtbot, window, Qt.Key.Key_N, CTRL)
    wait_at(qtbot, window, "risk_now")
    qp = window.call_screen.question_page
    paints = _Paints(qp)
    for b in qp.choice_box._pool:
        b.installEventFilter(paints)
    qtbot.waitUntil(lambda: not window.call_screen.isHidden() and qp.isVisible())
    timer = qp.choice_box.mark_timer
    timer.setInterval(5000)  # "late" is later than a loaded test machine can be
    paints.seen.clear()
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_N)
    wait_at(qtbot, window, "crime")
    qtbot.waitUntil(lambda: any(node == "crime" for node, _ in paints.seen))  # the next question is painted
    assert [p for p in paints.seen if p[0] == "risk_now"] == []  # and nothing of the one answered before it
    assert not any(b.isChecked() for b in qp.answer_buttons)
    assert not timer.isActive()
    timer.setInterval(qp.choice_box.MARK_AFTER_MS)

    # the worker busy (a backup, say): the key's answer waits for it, and its button shows it chosen meanwhile
    release = threading.Event()
    window.svc.submit(release.wait, 10)
    try:
        qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_N)  # "No crime" on crime
        no = qp.answer_buttons[qp.choice_box.letters.index("N")]
        qtbot.waitUntil(no.isChecked, timeout=2000)
        assert [b.isChecked() for b in qp.answer_buttons].count(True) == 1
        assert at(window)[1] == "crime"  # not answered yet: the worker is busy
    finally:
        release.set()
    wait_at(qtbot, window, "age")
    answers = {p["node"]: p["answer"] for p in window.svc.call_report(window.controller.uuid)["path"]
               if p["answer"] is not None}
    assert answers["crime"] == "No crime"
