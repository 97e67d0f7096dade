"""Accessibility: every control is named, tab order follows reading order, focus never jumps by itself."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QTextDocument
from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox, QComboBox, QLabel, QScrollBar, QWidget

from gui_drive import (CTRL, interactive_widgets, keyboard_call_to_outcome, keyboard_crime_to_concerns, press, settle,
                       wait_at)
from triage_desktop.gui import dialogs
from triage_desktop.gui.a11y import visible_words
from triage_desktop.gui.answer_button import AnswerButton
from triage_desktop.gui.about import AboutDialog, HelpDialog
from triage_desktop.gui.report_dialog import CallReportDialog
from triage_desktop.gui.settings_dialog import SettingsDialog


def exposed_name(w: QWidget) -> str:
    """The name a screen reader gets (the accessible interface's, not only accessibleName())."""
    iface = QAccessible.queryAccessibleInterface(w)
    return (iface.text(QAccessible.Text.Name) if iface is not None else "") or ""


def unnamed(root: QWidget) -> list[str]:
    out = []
    for w in interactive_widgets(root):
        parent = w.parentWidget()
        if isinstance(parent, (QAbstractSpinBox, QComboBox)):
            continue  # the editor inside a spin box / combo: the composite control carries the name
        if not exposed_name(w).strip():
            out.append(f"{type(w).__name__} {w.objectName()!r} in {type(parent).__name__ if parent else None}")
    # every scroll bar in the window, shown or not: whether one shows depends on the fonts, the size and the text
    # typed (a combo box's list is a window of its own, named by Qt when it opens)
    for bar in root.findChildren(QScrollBar):
        if bar.window() is root.window() and not exposed_name(bar).strip():
            out.append(f"QScrollBar in {type(bar.parentWidget()).__name__}")
    return out


def plain(text: str) -> str:
    if "<" in text:  # rich text: what Qt exposes is the plain text
        doc = QTextDocument()
        doc.setHtml(text)
        text = doc.toPlainText()
    return " ".join(text.split())


def not_what_is_shown(root: QWidget) -> list[str]:
    """Widgets whose exposed name is not (or does not contain) the words on screen: labels hidden behind a fixed
    name, buttons named differently from their label, labels inside buttons."""
    out = []
    for w in [root, *root.findChildren(QWidget)]:
        if not w.isVisibleTo(root) or w.window() is not root.window():
            continue
        name = " ".join(exposed_name(w).split()).lower()
        if isinstance(w, QLabel):
            words = plain(w.text()).lower()
            if w.buddy() is not None:  # a mnemonic: "&Period:" shows (and is read) as "Period:"
                words = words.replace("&&", "\0").replace("&", "").replace("\0", "&")
            if words and words not in name:
                out.append(f"label {words[:40]!r} exposed as {name[:40]!r}")
            if isinstance(w.parentWidget(), QAbstractButton):
                out.append(f"label {words!r} inside a button")
        elif isinstance(w, QAbstractButton) and w.text():
            shown = w.text_label.text() if isinstance(w, AnswerButton) else w.text()  # the key is painted apart
            words = visible_words(shown).lower()
            if words and words not in name:
                out.append(f"{type(w).__name__} {words!r} named {name!r}")
    return out


def test_every_control_is_named_through_a_call(qtbot, window, svc, dialog_log):
    assert unnamed(window) == []  # start page
    assert not_what_is_shown(window) == []
    press(qtbot, window, Qt.Key.Key_N, CTRL)
    wait_at(qtbot, window, "risk_now")
    seen_kinds = set()
    for keys in ([Qt.Key.Key_N], [Qt.Key.Key_3], ["40", Qt.Key.Key_Return], [Qt.Key.Key_1],
                 ["x", Qt.Key.Key_Return], [Qt.Key.Key_1, Qt.Key.Key_Return], [Qt.Key.Key_Return]):
        seen_kinds.add(window.controller.view.question.kind)
        assert unnamed(window) == [], window.controller.view.current
        assert not_what_is_shown(window) == [], window.controller.view.current
        for k in keys:
            if isinstance(k, str):
                qtbot.keyClicks(window.focusWidget() or window, k)
            else:
                press(qtbot, window, k)
    assert seen_kinds == {"yesno", "choice", "number", "text", "multi", "info"}
    qtbot.waitUntil(lambda: window.controller.view.outcome is not None)
    assert unnamed(window) == []  # outcome page
    assert not_what_is_shown(window) == []
    window.on_history_action_triggered()
    assert unnamed(window.history_window) == []
    assert not_what_is_shown(window.history_window) == []
    iface = QAccessible.queryAccessibleInterface(window.history_window)
    assert iface.role() == QAccessible.Role.Window  # a window, not a filler


def test_every_dialog_control_is_named(qtbot, svc):
    from gui_drive import make_call

    uuid = make_call(svc, note="x")
    built = [dialogs.HandlerDialog(), dialogs.HandoverDialog(), dialogs.ReasonDialog(title="t", prompt="p",
             suggestions=["a", "b"]), dialogs.EarlyExitDialog(),
             dialogs.OverrideDialog(current_code="AMBULANCE"), dialogs.AddendumDialog(),
             dialogs.ResumeDialog(calls=svc.interrupted_calls()), SettingsDialog(values={}, paths=svc.paths),
             HelpDialog(), AboutDialog(svc=svc, paths=svc.paths), CallReportDialog(svc=svc, uuid=uuid)]
    for d in built:
        qtbot.addWidget(d)
        d.show()
        assert unnamed(d) == [], type(d).__name__
        assert not_what_is_shown(d) == [], type(d).__name__


def focus_chain(window, start: QWidget, limit: int = 80) -> list[QWidget]:
    start.setFocus(Qt.FocusReason.TabFocusReason)
    chain = [start]
    for _ in range(limit):
        press_tab = window.focusWidget()
        window.focusNextChild()
        nxt = window.focusWidget()
        if nxt is start or nxt is press_tab:
            break
        chain.append(nxt)
    return chain


def test_tab_order_follows_reading_order(qtbot, window):
    press(qtbot, window, Qt.Key.Key_N, CTRL)
    wait_at(qtbot, window, "risk_now")
    press(qtbot, window, Qt.Key.Key_N)  # so Back and Jump are enabled
    wait_at(qtbot, window, "crime")
    cs = window.call_screen
    qp, sp = cs.question_page, cs.side_panel
    chain = focus_chain(window, cs.header.risk_button)
    expected = [cs.header.risk_button, qp.say_label, qp.why_button, *qp.answer_buttons, qp.volunteered_check,
                qp.back_button, qp.jump_button, sp.path_list, sp.notes_edit, sp.add_note_button,
                cs.handover_button, cs.early_exit_button]
    positions = [chain.index(w) for w in expected]
    assert positions == sorted(positions), [type(chain[i]).__name__ for i in positions]


def test_focus_never_jumps_by_itself(qtbot, window):
    press(qtbot, window, Qt.Key.Key_N, CTRL)
    wait_at(qtbot, window, "risk_now")
    qp, sp = window.call_screen.question_page, window.call_screen.side_panel
    assert qp.say_label.hasFocus()  # a new question: focus on its words, nothing pre-selected
    qp.answer_buttons[1].setFocus()
    window.call_screen.header.on_tick_timer_timeout()  # the clock ticks
    sp.idle_timer.timeout.emit()  # an idle note save (empty box)
    window.on_controller_saved()
    qtbot.wait(20)
    assert qp.answer_buttons[1].hasFocus()
    qp.volunteered_check.setFocus()
    press(qtbot, window, Qt.Key.Key_V, Qt.KeyboardModifier.AltModifier)
    assert qp.volunteered_check.hasFocus()


def test_enter_on_a_focused_button_presses_it(qtbot, window):
    press(qtbot, window, Qt.Key.Key_N, CTRL)
    wait_at(qtbot, window, "risk_now")
    qp = window.call_screen.question_page
    qp.answer_buttons[1].setFocus()  # "No", reached with Tab
    press(qtbot, window, Qt.Key.Key_Return)
    wait_at(qtbot, window, "crime")


def test_outcome_keeps_words_not_only_colour(qtbot, window):
    keyboard_call_to_outcome(qtbot, window)
    op = window.call_screen.outcome_page
    assert "POLICE WILL NOT ATTEND" in op.attend_label.text()
    flags = [w for w in window.call_screen.side_panel.flags_box.findChildren(QWidget)
             if w.property("role") == "flag" and w.isVisible()]
    assert flags and all("Flag:" in f.text() and "⚠" in f.text() for f in flags)  # amber, with a word and icon


def exposed(w: QWidget) -> tuple[QAccessible.Role, bool, bool]:
    """(role, checkable, checked) as a screen reader is told them."""
    iface = QAccessible.queryAccessibleInterface(w)
    assert iface is not None
    state = iface.state()
    return iface.role(), bool(state.checkable), bool(state.checked)


def test_one_answer_buttons_are_radio_buttons_and_ticked_options_check_boxes(qtbot, window):
    """Yes/no and choice answers are radio buttons (the answer given earlier checked); a multi question's options
    are check boxes, checked as they are ticked; pressing a radio button through its action answers."""
    press(qtbot, window, Qt.Key.Key_N, CTRL)
    wait_at(qtbot, window, "risk_now")
    qp = window.call_screen.question_page
    assert [exposed(b) for b in qp.answer_buttons] == [(QAccessible.Role.RadioButton, True, False)] * 3
    assert "no" in exposed_name(qp.answer_buttons[1]).lower()
    press(qtbot, window, Qt.Key.Key_N)
    wait_at(qtbot, window, "crime")
    press(qtbot, window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)  # back: "No" is the answer given
    wait_at(qtbot, window, "risk_now")
    assert [exposed(b)[2] for b in qp.answer_buttons] == [False, True, False]
    assert all(exposed(b)[0] == QAccessible.Role.RadioButton for b in qp.answer_buttons)
    iface = QAccessible.queryAccessibleInterface(qp.answer_buttons[1])
    assert iface.actionInterface() is not None and "Press" in iface.actionInterface().actionNames()
    iface.actionInterface().doAction("Press")  # the screen reader's "press": the same as the key
    settle(qtbot, window)
    wait_at(qtbot, window, "crime")
    keyboard_crime_to_concerns(qtbot, window)
    assert [exposed(b) for b in qp.answer_buttons] == [(QAccessible.Role.CheckBox, True, False)] * 2
    press(qtbot, window, Qt.Key.Key_2)  # ticks "Confused"
    assert [exposed(b) for b in qp.answer_buttons] == [(QAccessible.Role.CheckBox, True, False),
                                                       (QAccessible.Role.CheckBox, True, True)]
    assert not any(b.isVisible() for b in qp.choice_box.findChildren(AnswerButton))  # one kind on screen
