"""Training and review on the bundled flows and the bundled scenario library, as a trainer would run them; renders
the screenshots for the docs (TRIAGE_WRITE_SCREENSHOTS=1 writes them into docs/screenshots/)."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from test_accessibility import not_what_is_shown, unnamed
from gui_drive import SCREENSHOTS, press, settle
from triage_desktop.core.scenario_replay import replay
from triage_desktop.core.scenarios import bundled_scenarios_dir, load_scenarios
from triage_desktop.gui.main_window import MainWindow
from triage_desktop.gui.theme import refresh_fonts
from triage_desktop.services import AppServices

SCENARIO = "welfare_care_home_railway_escalation"  # a care-home caller; the resident is then seen on the railway
SIZE = (1366, 768)


@pytest.fixture
def shots() -> Path:
    return SCREENSHOTS  # tests/screenshots.py: a temporary folder unless TRIAGE_WRITE_SCREENSHOTS=1


def save(widget, folder: Path, name: str) -> None:
    QApplication.processEvents()
    assert widget.grab().save(str(folder / name))


def bundled(sid: str):
    return next(s for s in load_scenarios([bundled_scenarios_dir()])[0] if s.id == sid)


def window_for(qtbot, svc, paths, training: bool) -> MainWindow:
    w = MainWindow(svc, paths=paths, training=training)
    qtbot.addWidget(w)
    w.resize(*SIZE)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)
    return w


def drive(qtbot, w, scenario, *, at_escalation=None) -> None:
    """Answer as the card says, through the window's controller, until the call's outcome is on screen."""
    esc = scenario.escalation
    answers = dict(scenario.answers)
    escalated = False
    for _ in range(80):
        run = w.controller.session.run
        if run is None or run.outcome is not None:
            return
        key = run.current
        node = run.library.node(key)
        if esc is not None and not escalated and key == esc.at:
            escalated = True
            if at_escalation is not None:
                at_escalation()
            answers.update(esc.then)
            if esc.immediate_risk:
                press(qtbot, w, Qt.Key.Key_F9)
                continue
            answers[key] = esc.answer
        if key in answers:
            value = answers[key]
        elif str(getattr(node, "records", "") or "") == "caller_type":
            value = scenario.caller_type
        else:
            value = None
        assert w.controller.answer(value), (key, value)
        settle(qtbot, w)
    raise AssertionError("the call did not reach its outcome")


def test_a_bundled_scenario_as_a_training_call_with_its_debrief(qtbot, app_paths, dialog_log, shots, qapp):
    svc = AppServices.open(app_paths, training=True)
    try:
        svc.settings.set("handler_id", "T100")
        svc.settings.set("handler_role", "trainer")
        w = window_for(qtbot, svc, app_paths, training=True)
        scenario = bundled(SCENARIO)
        dialog_log.answers["TrainingSessionDialog"] = {"trainees": ["4512"], "scenarios": [SCENARIO],
                                                       "reveal": True}
        dialog_log.answers["ReasonDialog"] = scenario.escalation.immediate_risk
        w.training_hooks.start_session()
        run = w.training_hooks.run

        def play_the_line() -> None:
            press(qtbot, w, Qt.Key.Key_F8)
            qtbot.waitUntil(lambda: run.card.escalation_label.isVisible())
            assert "railway" in run.card.escalation_label.text()
            assert not_what_is_shown(w) == []  # the caller card's words are read as shown (issue 12)
            assert "TRAINING: not a real call" in w.windowTitle() and w.call_screen.training_label.isVisible()
            save(w, shots, "training-call.png")

        drive(qtbot, w, scenario, at_escalation=play_the_line)
        op = w.call_screen.outcome_page
        qtbot.waitUntil(lambda: w.call_screen.page_stack.currentWidget() is op)
        op.informed_check.setChecked(True)
        w.on_outcome_page_finish_clicked()
        qtbot.waitUntil(lambda: w.stack.currentWidget() is run.debrief)
        assert run.debrief.score_label.text().startswith("Score 100 / 100 · PASSED"), run.debrief.score_label.text()
        save(w, shots, "training-debrief.png")
        assert not_what_is_shown(w) == [] and unnamed(w) == []
        press(qtbot, w, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: w.training_hooks.run is None)

        # the same call at 200 % text, the caller card hidden with Shift+F8 so the call screen keeps the whole width
        base = QFont(qapp.font())
        big = QFont(base)
        big.setPointSizeF(base.pointSizeF() * 2)
        qapp.setFont(big)
        try:
            refresh_fonts(w)
            w.training_hooks.start_session()
            run = w.training_hooks.run
            qtbot.waitUntil(lambda: w.controller.session.run is not None)
            for _ in range(1):  # who is calling: then the first risk question, in the caller's variant
                key = w.controller.session.run.current
                node = w.controller.session.run.library.node(key)
                value = (scenario.caller_type if str(getattr(node, "records", "") or "") == "caller_type"
                         else scenario.answers.get(key))
                assert w.controller.answer(value)
            press(qtbot, w, Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)
            qtbot.waitUntil(lambda: not run.dock.isVisible())
            assert w.width() <= SIZE[0] and w.call_screen.training_label.isVisible()
            save(w, shots, "training-call-200.png")
        finally:
            qapp.setFont(base)
            refresh_fonts(w)
    finally:
        svc.close()


def test_review_of_live_calls_on_the_bundled_flows(qtbot, app_paths, dialog_log, shots):
    svc = AppServices.open(app_paths)
    try:
        lib = [s for s in load_scenarios([bundled_scenarios_dir()])[0] if s.escalation is None][:9]
        for i, s in enumerate(lib):
            session = svc.start_call(handler_id=["4512", "4519", "3307"][i % 3], role="call_handler")
            res = replay(s, session)
            assert res.passed, res.line()
            if getattr(session, "finish", None) and not session.run.is_finished:
                session.finish()
            if i == 4:
                session.override("MH_PRACTITIONER", "caller known to the practitioner on duty")
            session.finalise(caller_informed=True)
        early = svc.start_call(handler_id="4519", role="call_handler")
        early.answer(lib[0].caller_type)
        early.answer("no")
        early.early_exit("caller rang off", "ADVICE_ONLY")
        early.finalise(caller_informed=True)
        svc.settings.set("handler_id", "S9")
        svc.settings.set("handler_role", "supervisor")
        svc.settings.set("review_sample_size", "2")
        w = window_for(qtbot, svc, app_paths, training=False)
        w.training_hooks.open_review()
        rw = w.training_hooks.review_window
        qtbot.addWidget(rw)
        rw.resize(*SIZE)
        whys = sorted({c["why"] for c in rw.sample})
        assert whys == ["early exit", "override", "random"]
        row = next(i for i, c in enumerate(rw.sample) if c["uuid"] == early.uuid)
        rw.table.setCurrentCell(row, 0)
        assert any("CRITICAL" in rw.checks_list.item(i).text() for i in range(rw.checks_list.count()))
        rw.comment_edit.setPlainText("Risk questions were not asked before ending without police: "
                                     "please go through the early-exit guidance with me.")
        save(rw, shots, "review.png")
        assert not_what_is_shown(rw) == [] and unnamed(rw) == []
        assert rw.decide("queried")
    finally:
        svc.close()
