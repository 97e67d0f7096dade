"""Issue 12's smaller things: the last call's status-bar message clears when a call starts, an empty free-text
answer asks first, "last sent" only after something was sent, the second-copy message is one clear sentence."""
from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt

from triage_desktop.gui.errors import describe_open_error
from triage_desktop.services import AppServices
from triage_desktop.store.errors import DataDirLocked
from triage_desktop.sync.runner import SyncReport

from gui_drive import CTRL, FLOWS_OK, at, keyboard_call_to_outcome, press, type_text, wait_at


def test_the_last_calls_status_message_clears_when_a_call_starts(qtbot, window):
    keyboard_call_to_outcome(qtbot, window)
    press(qtbot, window, Qt.Key.Key_I, Qt.KeyboardModifier.AltModifier)
    with qtbot.waitSignal(window.controller.call_finalised, timeout=3000):
        press(qtbot, window, Qt.Key.Key_Return, CTRL)
    assert "Call finished" in window.statusBar().currentMessage()
    press(qtbot, window, Qt.Key.Key_N, CTRL)
    wait_at(qtbot, window, "risk_now")
    assert window.statusBar().currentMessage() == ""


def test_an_empty_free_text_answer_asks_first(qtbot, window, svc):
    press(qtbot, window, Qt.Key.Key_N, CTRL)
    for k in (Qt.Key.Key_N, Qt.Key.Key_3):
        press(qtbot, window, k)
    wait_at(qtbot, window, "age")
    type_text(qtbot, window, "40")
    press(qtbot, window, Qt.Key.Key_Return)
    wait_at(qtbot, window, "pathway")
    press(qtbot, window, Qt.Key.Key_1)
    wait_at(qtbot, window, "where")  # a free-text question
    qp = window.call_screen.question_page
    press(qtbot, window, Qt.Key.Key_Return)  # nothing typed: asked, not recorded
    assert at(window)[1] == "where" and qp.error_label.isVisible()
    assert "Press Enter again to leave this answer blank" in qp.error_label.text()
    type_text(qtbot, window, "x")  # typing again, then emptying it: asks again
    press(qtbot, window, Qt.Key.Key_Backspace)
    press(qtbot, window, Qt.Key.Key_Return)
    assert at(window)[1] == "where"
    press(qtbot, window, Qt.Key.Key_Return)  # confirmed: recorded as blank
    wait_at(qtbot, window, "concerns")


def test_last_sent_only_after_something_was_sent(window):
    sync = window.sync
    assert "last sent" not in sync.status_text() and "nothing sent yet" in sync.status_text()
    sync.on_self_pass_finished(SyncReport(sent=0, pending=0))  # a pass with nothing to send
    assert "last sent" not in sync.status_text()
    assert re.search(r"nothing to send \(checked \d\d:\d\d\)", sync.status_text())
    sync.on_self_pass_finished(SyncReport(sent=2, accepted=2, pending=0))
    assert re.search(r"last sent \d\d:\d\d", sync.status_text())
    assert window.sync_status.label.text() == sync.status_text()


def test_the_second_copy_message_is_one_clear_sentence(app_paths, open_services):
    open_services()  # the first copy holds the data folder
    with pytest.raises(DataDirLocked) as exc:
        AppServices.open(app_paths, flows_dir=FLOWS_OK)
    t = describe_open_error(exc.value, str(app_paths.data_dir))
    text = " ".join(x for x in (t.what, t.safe, t.next_step) if x)
    assert "restart" not in text.lower() and "computer" not in text.lower()
    assert text.count(". ") == 0 and text.endswith(".")  # one sentence
    assert "already open" in text
