"""What is drawn on one screen size and text size: run by tests/gui/test_fit_screen.py in a fresh interpreter.

Qt fixes the screen and the font DPI when the QApplication starts, so each size is its own process:
`QT_QPA_PLATFORM=offscreen:configfile=<json>` gives the offscreen screen its real size (1366×768, 1280×720), and
`QT_FONT_DPI=192` with `QT_ENABLE_HIGHDPI_SCALING=0` is 200 % text on 1366×768 logical pixels (Qt would otherwise
turn 192 dpi into a 2× device scale, leaving 683×384). TRIAGE_FIT_SCREEN names the size ("1366x768").

Every check maps a widget's rectangle to the window and to the viewport of each scroll area it sits in: "visible"
means inside both, not just isVisible(). The file is not named test_*.py, so plain `pytest` never collects it."""
from __future__ import annotations

import os
from types import SimpleNamespace
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QLabel,
    QPushButton,
    QScrollArea,
    QStyle,
    QStyleOptionButton,
    QToolButton,
    QWidget,
)

from gui_drive import press, settle
from screenshots import screenshot_path
from triage_desktop.core.callview import CallChanges, CallView, OptionView, QuestionView
from triage_desktop.core.vocab import CALLER_TYPES
from triage_desktop.gui.answer_button import AnswerButton
from triage_desktop.gui.dialogs import ResumeDialog
from triage_desktop.gui.main_window import MainWindow
from triage_desktop.services import AppServices, load_library

SIZE = os.environ["TRIAGE_FIT_SCREEN"]  # set by test_fit_screen.py; a KeyError here means "run it from there"
WIDTH, HEIGHT = (int(x) for x in SIZE.split("x"))
BIG_TEXT = float(os.environ.get("QT_FONT_DPI", "96")) >= 192
TAG = f"{WIDTH}x{HEIGHT}" + ("-200" if BIG_TEXT else "")

#: entry triage as a member of the public → welfare → concern_kind (9 long options) → … → CRISIS_TEAM
TO_CALL_TYPE = ["family_friend_public", "no", "no", "no", "none", "no"]
TO_YESNO = ["welfare", "missed_care", "no"]
TO_OUTCOME = ["no", "no", "specific", ["phoned"], "spoke yesterday", None, "mh_team"]


# ----- what is drawn where ------------------------------------------------------------------------------
def window_rect(w: QWidget, window: QWidget) -> QRect:
    return QRect(w.mapTo(window, QPoint(0, 0)), w.size())


def not_in_view(w: QWidget, window: QWidget, name: str) -> list[str]:
    """Why `w` is not fully visible without scrolling ([] when it is)."""
    if not w.isVisibleTo(window):
        return [f"{name}: not shown"]
    r = window_rect(w, window)
    problems = []
    if not window.rect().contains(r):
        problems.append(f"{name}: {r.getRect()} outside the window {window.rect().getRect()}")
    p = w.parentWidget()
    while p is not None and p is not window:
        if isinstance(p, QScrollArea):
            vp = window_rect(p.viewport(), window)
            if not vp.contains(r):
                problems.append(f"{name}: {r.getRect()} outside the visible part {vp.getRect()} of its scroll area")
        p = p.parentWidget()
    return problems


def elided(root: QWidget) -> list[str]:
    """Buttons whose words do not fit inside their contents rectangle (text cut off or painted over)."""
    out = []
    for b in root.findChildren(QAbstractButton):
        if not b.isVisibleTo(root) or b.width() <= 0:
            continue
        parent = b.parentWidget()
        if parent is not None and not parent.rect().contains(b.geometry()):
            out.append(f"{type(b).__name__} {b.text()!r}: {b.geometry().getRect()} cut off by its parent "
                       f"{parent.rect().getRect()}")
        if isinstance(b, AnswerButton):  # its words wrap: the longest word must fit, and every line
            words = b.text_label.text()
            if b.width() < b.minimumSizeHint().width():
                out.append(f"answer {words!r}: {b.width()}px wide, its longest word needs "
                           f"{b.minimumSizeHint().width()}px (cut mid-word)")
            if b.heightForWidth(b.width()) > b.height():
                out.append(f"answer {words!r}: needs {b.heightForWidth(b.width())}px, has {b.height()}")
            lab = b.text_label
            if isinstance(lab, QLabel):  # drawn by a label: the label itself too
                widest = max((lab.fontMetrics().horizontalAdvance(w) for w in words.split()), default=0)
                if widest > lab.contentsRect().width() or lab.heightForWidth(lab.width()) > lab.height():
                    out.append(f"answer {words!r}: label {lab.size().toTuple()} too small for its words")
            continue
        text = b.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
        if not text:
            continue
        need = b.fontMetrics().horizontalAdvance(text)
        if isinstance(b, (QPushButton, QCheckBox)):
            opt = QStyleOptionButton()
            opt.initFrom(b)
            opt.text = b.text()
            element = (QStyle.SubElement.SE_CheckBoxContents if isinstance(b, QCheckBox)
                       else QStyle.SubElement.SE_PushButtonContents)
            room = b.style().subElementRect(element, opt, b).width()
        else:  # QToolButton
            room = b.contentsRect().width()
        if need > room or b.width() < b.sizeHint().width():
            out.append(f"{type(b).__name__} {text!r}: text {need}px, room {room}px (width {b.width()}, "
                       f"wants {b.sizeHint().width()})")
    return out


def fits_screen(window: QWidget) -> list[str]:
    avail = window.screen().availableGeometry()
    frame = window.frameGeometry()
    out = []
    if not avail.contains(frame):
        out.append(f"window {frame.getRect()} outside the screen's available area {avail.getRect()}")
    if window.minimumSizeHint().width() > avail.width():
        out.append(f"window asks for {window.minimumSizeHint().width()}px, the screen has {avail.width()}")
    return out


def hscroll_shown(root: QWidget) -> list[str]:
    return [f"horizontal scroll bar in {a.objectName() or type(a.widget()).__name__}"
            for a in root.findChildren(QScrollArea)
            if a.isVisibleTo(root) and a.horizontalScrollBar().isVisible()]


# ----- fixtures -------------------------------------------------------------------------------------------
@pytest.fixture
def real_svc(app_paths):
    svc = AppServices.open(app_paths)  # the bundled flows
    svc.settings.set("handler_id", "4521")
    svc.settings.set("handler_role", "call_handler")
    yield svc
    svc.close()


@pytest.fixture
def fitted(qtbot, real_svc, app_paths) -> MainWindow:
    """The main window as the app shows it (show_fitted), on this screen."""
    w = MainWindow(real_svc, paths=app_paths)
    qtbot.addWidget(w)
    w.show_fitted()
    qtbot.waitExposed(w)
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)
    qtbot.waitUntil(lambda: w.screen().availableGeometry().contains(w.frameGeometry()))
    return w


def answer(qtbot, window: MainWindow, answers: list[Any]) -> None:
    for a in answers:
        assert window.controller.answer(a, volunteered=False), window.controller.view.current
        settle(qtbot, window)


def laid_out() -> None:
    """Let the posted layout requests run (nested layouts take more than one turn); no waiting on a clock."""
    for _ in range(3):
        QApplication.processEvents()


def question_problems(window: MainWindow) -> list[str]:
    qp = window.call_screen.question_page
    laid_out()
    out = fits_screen(window) + not_in_view(qp.say_label, window, "the words to say")
    for i, b in enumerate(qp.answer_buttons, start=1):
        out += not_in_view(b, window, f"answer {i} {b.text_label.text()[:30]!r}")
    if qp.node is not None and qp.node.kind != "info":
        out += not_in_view(qp.volunteered_check, window, "Caller volunteered")
    out += not_in_view(qp.back_button, window, "Back") + not_in_view(qp.jump_button, window, "Jump to")
    out += elided(window) + hscroll_shown(window.call_screen)
    return out


def outcome_problems(window: MainWindow) -> list[str]:
    op = window.call_screen.outcome_page
    laid_out()
    out = fits_screen(window)
    for w, name in ((op.attend_label, "police banner"), (op.headline_label, "sentence to read aloud"),
                    (op.informed_check, "I have told the caller"), (op.copy_button, "Copy"),
                    (op.finish_button, "Finish")):
        out += not_in_view(w, window, name)
    lab = op.attend_label  # the banner's words inside its own box (left rule and padding), on one line or wrapped
    room = lab.contentsRect().width()
    if not lab.wordWrap() and lab.fontMetrics().horizontalAdvance(lab.text()) > room:
        out.append(f"police banner: {lab.fontMetrics().horizontalAdvance(lab.text())}px of text in {room}px")
    if lab.wordWrap() and lab.heightForWidth(lab.width()) > lab.height():
        out.append("police banner: wrapped text taller than the banner")
    if lab.contentsMargins().left() < 6:
        out.append(f"police banner: text starts {lab.contentsMargins().left()}px in, under its left rule")
    return out + elided(window) + hscroll_shown(window.call_screen)


def start_page_problems(window: MainWindow) -> list[str]:
    """The start page: inside the screen, every line and button in view, every label's words inside it (wrapped
    ones as tall as they need, others as wide), no button's words cut, no call description cut or scrolled."""
    sp = window.start_page
    laid_out()
    out = fits_screen(window)
    parts = [(sp.title_label, "status"), (sp.handler_label, "who is taking calls"),
             (sp.change_handler_button, sp.change_handler_button.text()), (sp.new_call_button, "Start a new call"),
             (sp.history_button, "Find an earlier call")]
    if sp.interrupted_list.count():
        parts += [(sp.interrupted_caption, "Calls not finished"), (sp.interrupted_list, "the calls not finished"),
                  (sp.resume_button, "Resume selected call")]
    for w, name in parts:
        out += not_in_view(w, window, name)
    for lab in sp.findChildren(QLabel):
        if not lab.isVisibleTo(window) or not lab.text():
            continue
        if lab.wordWrap():
            if lab.heightForWidth(lab.width()) > lab.height():
                out.append(f"label {lab.text()[:40]!r}: needs {lab.heightForWidth(lab.width())}px, has {lab.height()}")
        elif lab.fontMetrics().horizontalAdvance(lab.text()) > lab.contentsRect().width():
            out.append(f"label {lab.text()[:40]!r}: {lab.fontMetrics().horizontalAdvance(lab.text())}px of text in "
                       f"{lab.contentsRect().width()}px")
    lst = sp.interrupted_list
    for i in range(lst.count()):
        item = lst.item(i)
        r = lst.visualItemRect(item)
        need = lst.fontMetrics().boundingRect(QRect(0, 0, r.width(), 10_000), Qt.TextFlag.TextWordWrap, item.text())
        if need.height() > r.height() or need.width() > lst.viewport().width():
            out.append(f"call {i + 1} {item.text()[:40]!r}: needs {need.size().toTuple()}, has {r.size().toTuple()}")
    return out + elided(sp) + hscroll_shown(sp)


# ----- the tests --------------------------------------------------------------------------------------------
def test_window_opens_maximised_and_fits_the_screen(fitted):
    screen = fitted.screen()
    assert (screen.geometry().width(), screen.geometry().height()) == (WIDTH, HEIGHT)
    assert fitted.isMaximized()  # screens up to 1920×1080 open maximised
    assert fits_screen(fitted) == []
    assert fitted.frameGeometry().size() == screen.availableGeometry().size()


def test_a_call_fits_without_scrolling(qtbot, fitted):
    w = fitted
    size = w.size()
    w.on_new_call_action_triggered()
    settle(qtbot, w)
    seen = {}
    checks = [("who-is-calling-9", []), ("call-type-7", TO_CALL_TYPE), ("concern-9-long", TO_YESNO[:1]),
              ("yesno", TO_YESNO[1:])]
    for name, answers in checks:
        answer(qtbot, w, answers)
        qp = w.call_screen.question_page
        seen[name] = (qp.node.node, len(qp.answer_buttons), qp.answers_box.columns)
        assert question_problems(w) == [], (name, qp.node.node)
        assert w.size() == size, f"the window grew on {name}"
        assert w.grab().save(str(screenshot_path(f"fit-{TAG}-{name}.png")))
    assert seen["who-is-calling-9"][:2] == ("who_calling", 9)
    assert seen["concern-9-long"][:2] == ("concern_kind", 9)
    if BIG_TEXT:  # the long lists reflow into a grid rather than running off the bottom
        assert seen["concern-9-long"][2] >= 2 and seen["who-is-calling-9"][2] >= 2, seen
    answer(qtbot, w, TO_OUTCOME)
    assert w.controller.view.outcome.code == "CRISIS_TEAM"
    assert outcome_problems(w) == []
    assert w.size() == size
    assert w.grab().save(str(screenshot_path(f"fit-{TAG}-outcome.png")))

    # the police emergency outcome (red banner) fits too
    w.call_screen.outcome_page.informed_check.setChecked(True)
    w.on_outcome_page_finish_clicked()
    settle(qtbot, w)
    w.on_new_call_action_triggered()
    settle(qtbot, w)
    answer(qtbot, w, ["family_friend_public"])
    w.controller.immediate_risk("Caller says her partner has a knife")
    settle(qtbot, w)
    if w.controller.view.in_post_decision:
        w.controller.finish()
        settle(qtbot, w)
    assert w.controller.view.outcome.code == "POLICE_EMERGENCY"
    assert outcome_problems(w) == []
    assert w.grab().save(str(screenshot_path(f"fit-{TAG}-outcome-emergency.png")))


def _every_question_view() -> list[tuple[str, CallView]]:
    """Every answer-button question of the bundled flows, in each wording a caller type hears (deduplicated)."""
    views = []
    for flow in load_library():
        for node in flow.nodes.values():
            if node.kind not in ("yesno", "choice", "multi"):
                continue
            seen = set()
            for caller in (None, *CALLER_TYPES):
                say = node.text("say", caller) or node.title
                options = tuple(OptionView(o.value, o.label_for(caller)) for o in node.options)
                if (say, options) in seen:
                    continue
                seen.add((say, options))
                q = QuestionView(flow=flow.id, node=node.id, kind=node.kind, title=node.title, say=say,
                                 why=node.why, options=options)
                views.append((f"{flow.id}.{node.id} ({caller or 'default'})",
                              CallView(flow_title=flow.title, step=12, question=q, can_go_back=True,
                                       at_frontier=True, actor=("4521", "call_handler"), caller_type=caller)))
    return views


def test_every_question_of_the_flow_library_fits(qtbot, fitted):
    """The class, not the examples: each yes/no, choice and multi question of the bundled flows, in every caller's
    wording, shows the words, every answer, Caller volunteered and Back/Jump without scrolling."""
    w = fitted
    w.on_new_call_action_triggered()
    settle(qtbot, w)
    size = w.size()
    cs = w.call_screen
    failures = {}
    views = _every_question_view()
    assert len(views) > 50 and max(len(v.question.options) for _, v in views) == 9
    for name, view in views:
        cs.show_view(view, CallChanges(view=view, question=True), new_outcome=False)
        problems = question_problems(w)
        if problems:
            qp = cs.question_page
            body = qp.scroll_area.widget()
            failures[name] = problems + [f"(columns {qp.answers_box.columns}, compact {qp.answers_box.compact}: "
                                         f"needs {body.layout().totalHeightForWidth(qp.scroll_area.width())}px "
                                         f"of {qp.scroll_area.height()}px)"]
        assert w.size() == size, f"the window grew on {name}"
    assert not failures, "\n".join(f"{k}: {'; '.join(v)}" for k, v in failures.items())


def test_a_kept_fit_is_the_one_measured(qtbot, fitted, monkeypatch):
    """The question page keeps each fit it measured, so the same words at the same size get their columns without
    a layout pass of the page. Over every question of the bundled flows in every caller's wording, shown in one
    order and then in the other: the second time nothing is measured, and each kept fit is the one a fresh
    measurement chooses (the memory emptied, the same order again)."""
    w = fitted
    w.on_new_call_action_triggered()
    settle(qtbot, w)
    cs = w.call_screen
    qp = cs.question_page
    measured = []
    measure = qp._measure_fit
    monkeypatch.setattr(qp, "_measure_fit", lambda *a: measured.append(1) or measure(*a))

    def fits(views):
        got = {}
        for name, view in views:
            cs.show_view(view, CallChanges(view=view, question=True), new_outcome=False)
            box = qp.answers_box
            got[name] = (box.columns, box.compact, qp.nav_row.indexOf(qp.volunteered_check) >= 0)
        return got

    views = _every_question_view()
    first = fits(views)
    assert len(measured) >= len({v.question.options for _, v in views})  # each new set of words was measured
    measured.clear()
    kept = fits(views[::-1])
    assert measured == []  # every fit came from the memory
    qp.fits_kept.clear()
    fresh = fits(views[::-1])
    assert len(measured) >= len({v.question.options for _, v in views})
    assert kept == fresh == first
    assert len({f for f in fresh.values()}) >= (2 if BIG_TEXT or WIDTH < 1366 else 1)  # not one fit for all


def test_side_panel_folds_at_large_text_and_opens_by_keyboard(qtbot, fitted):
    w = fitted
    w.on_new_call_action_triggered()
    settle(qtbot, w)
    cs = w.call_screen
    answer(qtbot, w, TO_CALL_TYPE)
    if not BIG_TEXT:  # both columns fit: the panel stays beside the question, inside the window
        assert not cs.folded and not cs.panel_button.isVisible()
        assert not_in_view(cs.side_scroll, w, "side panel") == []
        return
    assert cs.folded and not cs.side_scroll.isVisible()
    assert not_in_view(cs.panel_button, w, "the drawer button") == []
    assert cs.question_page.width() > 0.9 * w.width()  # the question has the whole width
    press(qtbot, w, Qt.Key.Key_F6)
    qtbot.waitUntil(lambda: cs.drawer.isVisible())
    assert cs.drawer.isAncestorOf(QApplication.focusWidget())  # focus went into the panel
    for widget, name in ((cs.side_panel.path_list, "So far"), (cs.side_panel.flags_box, "flags")):
        assert not_in_view(widget, w, name) == []
    assert w.grab().save(str(screenshot_path(f"fit-{TAG}-drawer.png")))
    press(qtbot, w, Qt.Key.Key_F6)
    qtbot.waitUntil(lambda: not cs.drawer.isVisible())
    assert QApplication.focusWidget() is cs.question_page.say_label  # back on the question
    cs.side_panel.notes_edit.setFocus()  # a shortcut into the notes box (keys branch) opens the drawer too
    qtbot.waitUntil(lambda: cs.drawer.isVisible())
    cs.question_page.say_label.setFocus()
    qtbot.waitUntil(lambda: not cs.drawer.isVisible())


def test_resume_dialog_text_is_not_cut_off(qtbot, fitted):
    calls = [SimpleNamespace(uuid=f"u{i}", started_at="2026-11-30T09:14:00+00:00", answers_count=6 + i,
                             flow_title="Concern for welfare, walk-out from A&E or a ward", handler="MH-4521")
             for i in range(2)]
    d = ResumeDialog(fitted, calls=calls)
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    QApplication.processEvents()
    assert QGuiApplication.primaryScreen().availableGeometry().contains(d.frameGeometry())
    lab = d.intro_label
    assert lab.heightForWidth(lab.width()) <= lab.height() and lab.width() <= d.width()
    lst = d.calls_list
    for i in range(lst.count()):
        item = lst.item(i)
        r = lst.visualItemRect(item)
        need = lst.fontMetrics().boundingRect(QRect(0, 0, r.width(), 10_000), Qt.TextFlag.TextWordWrap,
                                              item.text())
        assert need.height() <= r.height() and need.width() <= lst.viewport().width(), (item.text(), r, need)
    assert not lst.horizontalScrollBar().isVisible()
    assert elided(d) == []
    assert d.grab().save(str(screenshot_path(f"fit-{TAG}-resume-dialog.png")))


def test_labels_in_view_are_not_clipped(qtbot, fitted):
    """Every visible label on the question and outcome pages is as tall as its wrapped words need."""
    w = fitted
    w.on_new_call_action_triggered()
    settle(qtbot, w)
    answer(qtbot, w, TO_CALL_TYPE + TO_YESNO + TO_OUTCOME)
    laid_out()
    for page in (w.call_screen.outcome_page, w.call_screen.header):
        for lab in page.findChildren(QLabel):
            if lab.isVisibleTo(w) and lab.text() and lab.wordWrap():
                assert lab.heightForWidth(lab.width()) <= lab.height(), lab.text()[:40]
    assert isinstance(w.call_screen.question_page.jump_button, QToolButton)


@pytest.fixture
def nobody_svc(app_paths):
    svc = AppServices.open(app_paths)  # the bundled flows; nobody signed in (no handler in the settings)
    yield svc
    svc.close()


@pytest.mark.parametrize("interrupted", [False, True], ids=["nobody-signed-in", "calls-not-finished"])
def test_the_start_page_fits_once_ready_with_nobody_signed_in(qtbot, nobody_svc, app_paths, interrupted):
    """As run_app opens it: the window first, the services once open ("ready"). Nobody is signed in, so the start
    page says so beside its Sign in button; with two calls left in progress it lists them too. At 200 % text on
    1366×768 the words wrap and the window stays the screen's size (it grew to 1508 px wide)."""
    svc = nobody_svc
    if interrupted:
        for answers in (["family_friend_public", "no"], ["self"]):
            call = svc.start_call(handler_id="MH-4521", role="call_handler")
            for a in answers:
                call.answer(a)
    w = MainWindow(None, paths=app_paths)
    qtbot.addWidget(w)
    w.show_fitted()
    qtbot.waitExposed(w)
    qtbot.waitUntil(lambda: w.screen().availableGeometry().contains(w.frameGeometry()))
    size = w.size()
    w.set_services(svc)
    sp = w.start_page
    if interrupted:
        qtbot.waitUntil(lambda: sp.interrupted_list.count() == 2 and sp.resume_button.isVisible())
    laid_out()
    assert "Nobody is signed in" in sp.handler_label.text() and sp.title_label.text() == "Ready for the next call"
    assert start_page_problems(w) == []
    assert w.size() == size, "the window grew once ready"
    name = "calls-not-finished" if interrupted else "nobody-signed-in"
    assert w.grab().save(str(screenshot_path(f"fit-{TAG}-start-{name}.png")))
