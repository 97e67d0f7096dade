"""Every screen rendered with the bundled flows (screenshots for docs/gui.md), and the question page at 200 % text.

Screenshots go to a temporary folder; TRIAGE_WRITE_SCREENSHOTS=1 (make screenshots) writes them into docs/screenshots/.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget

from gui_drive import settle, show_window
from screenshots import screenshot_dir
from triage_desktop.gui.about import HelpDialog
from triage_desktop.gui.report_dialog import CallReportDialog
from triage_desktop.gui.settings_dialog import SettingsDialog
from triage_desktop.gui.theme import refresh_fonts
from triage_desktop.services import AppServices

#: entry triage (who is calling: the person themselves) → crisis pathway → MH_CRISIS_LINE (bundled flows v2)
CRISIS_ANSWERS = ["self", "no", "no", "no", "none", "no", "crisis", "no", "no", "none", "yes", "community",
                  None, "yes", "no"]


@pytest.fixture
def shots() -> Path:
    return screenshot_dir()


@pytest.fixture
def real_svc(app_paths):
    svc = AppServices.open(app_paths)  # the bundled flows
    svc.settings.set("handler_id", "4521")
    svc.settings.set("force_name", "Anyshire Police")
    yield svc
    svc.close()


def save(widget: QWidget, folder: Path, name: str) -> Path:
    QApplication.processEvents()
    path = folder / name
    assert widget.grab().save(str(path)), path
    assert path.stat().st_size > 5000  # not blank
    return path


def answer_all(qtbot, window, answers) -> None:
    settle(qtbot, window)
    for a in answers:
        assert window.controller.answer(a, volunteered=False), window.controller.view.current
        settle(qtbot, window)


def test_render_every_screen(qtbot, real_svc, app_paths, shots, dialog_log):
    window = show_window(qtbot, real_svc, app_paths)
    window.resize(1280, 800)
    s = real_svc.start_call(handler_id="4521", role="call_handler")
    s.answer("self")  # an earlier call left unfinished: offered on the start page
    window.refresh_start_page()
    settle(qtbot, window)
    save(window, shots, "start.png")

    window.on_new_call_action_triggered()
    settle(qtbot, window)
    qp = window.call_screen.question_page
    qp.why_button.setChecked(True)
    save(window, shots, "question.png")

    answer_all(qtbot, window, CRISIS_ANSWERS[:6])
    window.call_screen.side_panel.notes_edit.setPlainText("Caller says she is at home on her own.")
    window.call_screen.side_panel.commit_note()
    settle(qtbot, window)
    save(window, shots, "question-choice.png")  # 7 call types, side panel filling up

    answer_all(qtbot, window, CRISIS_ANSWERS[6:10])
    qp.volunteered_check.setChecked(True)
    settle(qtbot, window)
    save(window, shots, "question-yesno-flags.png")

    answer_all(qtbot, window, CRISIS_ANSWERS[10:])
    assert window.controller.view.outcome.code == "MH_CRISIS_LINE"
    save(window, shots, "outcome.png")
    window.call_screen.outcome_page.informed_check.setChecked(True)
    window.on_outcome_page_finish_clicked()
    settle(qtbot, window)

    window.on_new_call_action_triggered()
    answer_all(qtbot, window, ["family_friend_public", "no"])
    window.controller.immediate_risk("Caller says her partner has a knife and is shouting at the children")
    settle(qtbot, window)
    if window.controller.view.in_post_decision:  # the bundled flows go on with the post-decision steps
        window.controller.finish()
        settle(qtbot, window)
    save(window, shots, "outcome-emergency.png")
    window.call_screen.outcome_page.informed_check.setChecked(True)
    window.on_outcome_page_finish_clicked()
    settle(qtbot, window)

    for i in range(12):
        make_real_call(real_svc, i)
    window.on_history_action_triggered()
    hv = window.history_window
    qtbot.waitUntil(lambda: not hv.model.busy and hv.model.rowCount() > 0)  # read on the database worker
    hv.resize(1280, 720)
    save(hv, shots, "history.png")

    uuid = hv.model.uuid_at(0)
    real_svc.add_addendum(uuid, "Caller rang back: the person is now with the crisis team.", "Update from caller",
                          "4521")
    report = CallReportDialog(window, svc=real_svc, uuid=uuid)
    qtbot.addWidget(report)
    qtbot.waitUntil(lambda: report.loaded)
    report.resize(900, 760)
    report.show()
    save(report, shots, "report.png")

    settings = SettingsDialog(window, values=window.settings_values(), paths=app_paths)
    qtbot.addWidget(settings)
    settings.show()
    save(settings, shots, "settings.png")
    help_dialog = HelpDialog(window)
    qtbot.addWidget(help_dialog)
    help_dialog.show()
    save(help_dialog, shots, "help.png")


def make_real_call(svc: AppServices, i: int) -> str:
    s = svc.start_call(handler_id=["4521", "3307", "MH-77"][i % 3], role="call_handler")
    answers = [CRISIS_ANSWERS[:7] + ["no", "no", "none", "yes", "community", None, "yes", "yes"],
               ["family_friend_public", "yes"],
               ["family_friend_public", "no", "no", "yes", "none", "no"] + ["recent"],
               ["self", "no", "no", "no", "none", "yes", "general"]][i % 4]
    for a in answers:
        if s.run.outcome is not None:
            break
        s.answer(a)
    if s.run.outcome is None and s.run.in_post_decision:
        s.finish()
    if s.run.outcome is None:
        s.early_exit("Caller hung up", "ADVICE_ONLY")
    if i % 5 == 0:
        s.note("Neighbour mentioned a knife in the kitchen")
    s.finalise(caller_informed=True)
    return s.uuid


def clipped(root: QWidget) -> list[str]:
    """Visible buttons and labels smaller than they need to be to show their text."""
    out = []
    for w in root.findChildren(QWidget):
        if not w.isVisibleTo(root) or w.width() <= 0:
            continue
        if isinstance(w, QPushButton) and w.hasHeightForWidth():  # wrapping answer buttons
            if w.width() < w.minimumSizeHint().width() or w.height() < w.heightForWidth(w.width()):
                out.append(f"button {w.text()!r}: {w.size().toTuple()} needs {w.heightForWidth(w.width())}")
        elif isinstance(w, QPushButton):
            hint = w.sizeHint()
            if w.width() < hint.width() or w.height() < hint.height():
                out.append(f"button {w.text()!r}: {w.size().toTuple()} < {hint.toTuple()}")
        elif isinstance(w, QLabel) and w.text():
            need = w.heightForWidth(w.width()) if w.wordWrap() else w.sizeHint().height()
            if w.height() < need or (not w.wordWrap() and w.width() < w.sizeHint().width()):
                out.append(f"label {w.text()[:30]!r}: {w.size().toTuple()} needs {need}")
    return out


def test_question_page_at_200_percent_text(qtbot, real_svc, app_paths, shots, qapp):
    base = QFont(qapp.font())
    big = QFont(base)
    big.setPointSizeF(base.pointSizeF() * 2)
    qapp.setFont(big)
    try:
        window = show_window(qtbot, real_svc, app_paths)
        window.resize(1280, 800)
        refresh_fonts(window)
        window.on_new_call_action_triggered()
        answer_all(qtbot, window, CRISIS_ANSWERS[:6])  # the 7-option call-type question
        qp = window.call_screen.question_page
        QApplication.processEvents()
        assert qp.say_label.font().pointSizeF() >= 2 * base.pointSizeF() * 1.5  # the words to say stay large
        assert clipped(qp) == []
        assert clipped(window.call_screen.header) == []
        save(window, shots, "question-200.png")
        window.on_new_call_action_triggered  # noqa: B018 (keep a reference while rendering)
    finally:
        qapp.setFont(base)
