"""pytest-qt: a full training session, the trainer report (PDF + CSV), the scenario form, and a supervisor review.

Real MainWindow, real services on tmp training/live databases, the mini flows and mini scenarios; keys where a
trainee or trainer would use them. Screenshots go to a temporary folder (TRIAGE_WRITE_SCREENSHOTS=1: docs/screenshots/).
"""
from __future__ import annotations

import csv
import re
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QImage
from PySide6.QtWidgets import QApplication

from gui_drive import CTRL, press, settle, wait_at
from screenshots import screenshot_dir
from triage_desktop.core.training import results_csv
from triage_desktop.gui.main_window import MainWindow
from triage_desktop.gui.theme import refresh_fonts
from triage_desktop.gui.training_scenario_form import ScenarioFormDialog

MINI_SCENARIOS = Path(__file__).resolve().parents[1] / "training" / "scenarios_mini"
SHOT_SIZE = (1366, 768)


@pytest.fixture(autouse=True)
def _scenarios(monkeypatch):
    monkeypatch.setenv("TRIAGE_DESKTOP_SCENARIOS_DIR", str(MINI_SCENARIOS))


@pytest.fixture
def shots() -> Path:
    return screenshot_dir()  # a temporary folder; docs/screenshots/ with TRIAGE_WRITE_SCREENSHOTS=1


def save(widget, folder: Path, name: str) -> Path:
    """Render the widget to a PNG; the mini-flow renders ('mini-…') never go into the docs."""
    QApplication.processEvents()
    if name.startswith("mini-"):
        import tempfile

        folder = Path(tempfile.mkdtemp(prefix="training-shots-"))
    path = folder / name
    assert widget.grab().save(str(path)), path
    assert path.stat().st_size > 5000
    return path


def training_window(qtbot, open_services, app_paths, role="trainer"):
    svc = open_services(training=True)
    svc.settings.set("handler_id", "T100")
    svc.settings.set("handler_role", role)
    w = MainWindow(svc, paths=app_paths, training=True)
    qtbot.addWidget(w)
    w.resize(*SHOT_SIZE)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)
    return svc, w


def finish_call(qtbot, w):
    op = w.call_screen.outcome_page
    qtbot.waitUntil(lambda: w.call_screen.page_stack.currentWidget() is op)
    op.informed_check.setChecked(True)
    w.on_outcome_page_finish_clicked()


def test_full_training_session_debrief_and_trainer_report(qtbot, open_services, app_paths, dialog_log, shots,
                                                          tmp_path):
    svc, w = training_window(qtbot, open_services, app_paths)
    svc.settings.set("ready_for_live_passes", "1")
    assert w.windowTitle().startswith("TRAINING: not a real call")
    assert w.start_page.training_label.isVisible()
    assert "TRAINING: not a real call" in w.start_page.training_label.text()
    dialog_log.answers["TrainingSessionDialog"] = {
        "trainees": ["H1"], "scenarios": ["mini_fallen_neighbour", "mini_knife_escalation"], "reveal": True}
    press(qtbot, w, Qt.Key.Key_T, CTRL | Qt.KeyboardModifier.ShiftModifier)  # Training ▸ Start a training session
    run = w.training_hooks.run
    assert run is not None and [s for _, s in run.plan] == ["mini_fallen_neighbour", "mini_knife_escalation"]
    # call 1: the trainee takes it in the normal call screen; the card reveals each reply as it is asked
    wait_at(qtbot, w, "risk_now")
    assert w.call_screen.training_label.isVisible()
    assert "TRAINING: not a real call" in w.call_screen.training_label.text()
    assert "TRAINING: not a real call" in w.windowTitle()
    assert run.dock.isVisible()
    assert "letterbox" in run.card.reply_label.text()
    assert run.card.card_list.count() == 0  # nothing revealed before it is asked
    assert not run.card.escalation_button.isVisible()  # this scenario has no escalation line
    press(qtbot, w, Qt.Key.Key_N)  # No
    wait_at(qtbot, w, "crime")
    assert run.card.card_list.count() == 1 and "letterbox" in run.card.card_list.item(0).text()
    for a in ["none", 80, "welfare", "Her kitchen", ["fallen"], None]:
        assert w.controller.answer(a)
        settle(qtbot, w)
    finish_call(qtbot, w)
    qtbot.waitUntil(lambda: w.stack.currentWidget() is run.debrief)
    deb = run.debrief
    assert deb.score_label.text().startswith("Score 100 / 100 · PASSED")
    assert deb.deviation_list.item(0).text().startswith("None")
    assert deb.path_table.rowCount() == 7  # six questions + the outcome row
    assert deb.path_table.item(0, 1).text() == deb.path_table.item(0, 2).text()
    assert "threshold questions first" in deb.learning_label.text()
    assert deb.banner.isVisible() and "TRAINING: not a real call" in deb.banner.text()
    assert deb.ready_label.isVisible() and "Ready for live: Concern for welfare" in deb.ready_label.text()
    press(qtbot, w, Qt.Key.Key_Return)  # Next call
    # call 2: the trainer plays the escalation line part-way (F8); the trainee presses F9
    wait_at(qtbot, w, "risk_now")
    assert run.card.escalation_button.isVisible()
    for a in ["no", "none", 45, "welfare", "His flat"]:
        assert w.controller.answer(a)
        settle(qtbot, w)
    wait_at(qtbot, w, "concerns")
    press(qtbot, w, Qt.Key.Key_F8)
    qtbot.waitUntil(lambda: run.card.escalation_label.isVisible())
    assert "knife" in run.card.escalation_label.text()
    assert any("escalation line played" in n for n in w.controller.session.run.notes)
    save(w, shots, "mini-training-call.png")
    dialog_log.answers["ReasonDialog"] = "Caller says a knife is being threatened now"
    press(qtbot, w, Qt.Key.Key_F9)
    finish_call(qtbot, w)
    qtbot.waitUntil(lambda: w.stack.currentWidget() is run.debrief)
    assert deb.score_label.text().startswith("Score 100 / 100 · PASSED")
    assert "escalation line was played after question 5" in deb.notes_label.text()
    assert not deb.ready_label.isVisible()  # already ready: it appears only at the Nth clean pass
    assert deb.next_button.text().startswith("Finish the session")
    save(w, shots, "mini-training-debrief.png")
    press(qtbot, w, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.training_hooks.run is None)
    assert w.stack.currentWidget() is w.start_page
    results = svc.training_api.results()
    assert [(r["trainee"], r["scenario_id"], r["passed"], r["escalated"]) for r in results] == [
        ("H1", "mini_fallen_neighbour", 1, 0), ("H1", "mini_knife_escalation", 1, 1)]
    # nothing of the session reached an outbox (the training database has none filled)
    assert svc.store.conn.execute("SELECT count(*) FROM outbox").fetchone()[0] == 0

    # the trainer report: table, chart, PDF (chart on page 2) and CSV
    w.training_hooks.open_report()
    rw = w.training_hooks.report_window
    qtbot.addWidget(rw)
    rw.resize(*SHOT_SIZE)
    assert [rw.table.item(i, 0).text() for i in range(rw.table.rowCount())] == ["H1", "Cohort (all trainees)"]
    assert rw.table.item(0, 1).text() == "2" and rw.table.item(0, 2).text() == "100 %"
    assert rw.chart_view.chart().series()[0].count() >= 1
    pdf, out_csv = tmp_path / "report.pdf", tmp_path / "report.csv"
    dialog_log.answers["FileChooser"] = lambda **kw: str(pdf if "pdf" in kw["filter"].lower() else out_csv)
    rw.pdf_button.click()
    rw.csv_button.click()
    rows = list(csv.DictReader(out_csv.open()))
    assert [r["scenario_id"] for r in rows] == ["mini_fallen_neighbour", "mini_knife_escalation"]
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Pages:\s+2$", info, re.M), info
    page1 = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True, text=True,
                           check=True).stdout
    page2 = subprocess.run(["pdftotext", "-f", "2", "-l", "2", str(pdf), "-"], capture_output=True, text=True,
                           check=True).stdout
    assert "Trainer report" in page1 and "H1" in page1 and "Cohort" in page1
    assert "Trend over time" in page2
    subprocess.run(["pdftoppm", "-f", "2", "-l", "2", "-r", "40", "-png", str(pdf), str(tmp_path / "p")],
                   check=True)
    img = QImage(str(next(tmp_path.glob("p*.png"))))
    colours = [img.pixelColor(x, y) for x in range(img.width()) for y in range(img.height() // 8, img.height())]
    blue = sum(1 for c in colours if c.blue() > c.red() + 60 and c.blue() > 120)  # the pass-rate series
    framed = sum(1 for c in colours if c.lightness() < 245)  # chart frame, axes, labels
    assert blue > 10 and framed > len(colours) // 50, (blue, framed, len(colours))

    # another PC's results (CSV, no personal data) imported: the cohort report spans both PCs
    other = tmp_path / "other-pc.csv"
    other.write_text(results_csv(other_pc_results()), encoding="utf-8")
    dialog_log.answers["FileChooser"] = lambda **kw: str(other)
    rw.import_button.click()
    assert "Imported 12 result(s)" in rw.status_label.text()
    names = [rw.table.item(i, 0).text() for i in range(rw.table.rowCount())]
    assert names == ["H1", "H2", "H3", "Cohort (all trainees)"]
    assert rw.table.item(3, 1).text() == "14"
    assert rw.chart_view.chart().series()[0].count() >= 5  # one point per week
    save(rw, shots, "trainer-report.png")


def other_pc_results():
    import datetime as _dt

    today = _dt.date.today()
    rows = []
    for i in range(12):
        day = today - _dt.timedelta(days=7 * (5 - i // 2) + i % 2)
        passed = i % 3 != 0
        rows.append({"result_uid": f"other-{i}", "taken_at": f"{day.isoformat()}T10:{i:02d}:00+00:00",
                     "trainee": "H2" if i % 2 else "H3", "trainer": "T200", "session_id": "s2",
                     "scenario_id": "mini_fallen_neighbour", "scenario_version": "1.0.0",
                     "scenario_title": "Neighbour has fallen at home", "pathway": "welfare",
                     "difficulty": "foundation", "score": 55 + 4 * i if not passed else 70 + 2 * i,
                     "passed": int(passed), "critical": 0 if passed else 1, "major": 1, "minor": 0,
                     "decision_offset_s": 60 + 5 * i, "outcome_code": "AMBULANCE", "expected_codes": "AMBULANCE",
                     "escalated": 0, "deviations": "[]", "source_device": "other-pc"})
    return rows


def test_training_call_at_200_percent_text(qtbot, open_services, app_paths, dialog_log, shots, qapp):
    base = QFont(qapp.font())
    big = QFont(base)
    big.setPointSizeF(base.pointSizeF() * 2)
    qapp.setFont(big)
    try:
        svc, w = training_window(qtbot, open_services, app_paths)
        refresh_fonts(w)
        dialog_log.answers["TrainingSessionDialog"] = {"trainees": ["H1"], "scenarios": ["mini_knife_escalation"],
                                                       "reveal": False}
        w.training_hooks.start_session()
        wait_at(qtbot, w, "risk_now")
        run = w.training_hooks.run
        assert run.card.card_list.count() >= 3  # trainer view: the whole card
        assert w.call_screen.training_label.isVisible()
        assert w.width() <= 1366  # the card never widens the window
        save(w, shots, "mini-training-call-200-card.png")
        press(qtbot, w, Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)  # the trainer hides the card: the call screen gets the whole width
        qtbot.waitUntil(lambda: not run.dock.isVisible())
        qp = w.call_screen.question_page
        QApplication.processEvents()
        assert w.call_screen.training_label.isVisible() and qp.say_label.isVisible()
        save(w, shots, "mini-training-call-200.png")
        press(qtbot, w, Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)
        qtbot.waitUntil(lambda: run.dock.isVisible())
    finally:
        qapp.setFont(base)


def test_session_dialog_by_keyboard_only(qtbot, open_services, app_paths):
    from triage_desktop.gui.training_session_dialog import TrainingSessionDialog

    svc, w = training_window(qtbot, open_services, app_paths)
    d = TrainingSessionDialog(w, scenarios=svc.training_api.scenarios())
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    d.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is d)
    d.trainees_edit.setFocus()
    qtbot.keyClicks(d.trainees_edit, "4512, 4519")
    qtbot.keyClick(d.trainees_edit, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is d.scenario_list
    qtbot.keyClick(d.scenario_list, Qt.Key.Key_Down)
    qtbot.keyClick(d.scenario_list, Qt.Key.Key_Space)  # tick the second and third scenarios
    qtbot.keyClick(d.scenario_list, Qt.Key.Key_Down)
    qtbot.keyClick(d.scenario_list, Qt.Key.Key_Space)
    qtbot.keyClick(d.scenario_list, Qt.Key.Key_Return)
    assert d.result() == d.DialogCode.Accepted
    assert d.result_value() == {"trainees": ["4512", "4519"],
                                "scenarios": ["mini_fallen_neighbour", "mini_knife_escalation"], "reveal": True}
    d2 = TrainingSessionDialog(w, scenarios=svc.training_api.scenarios())
    qtbot.addWidget(d2)
    d2.show()
    d2.on_start()  # nothing chosen: says what is missing, stays open
    assert d2.error_label.isVisible() and "trainee" in d2.error_label.text()
    d2.trainees_edit.setText("4512")
    d2.difficulty_combo.setCurrentIndex(d2.difficulty_combo.findData("intermediate"))
    d2.count_spin.setValue(5)
    d2.on_draw_button_clicked(seed=1)
    assert d2.checked_ids() == ["mini_knife_escalation"]


def test_training_refused_for_a_handler_without_the_trainer_role(qtbot, open_services, app_paths, dialog_log):
    svc, w = training_window(qtbot, open_services, app_paths, role="call_handler")
    w.training_hooks.start_session()
    assert dialog_log.names() == ["ErrorDialog"] and w.training_hooks.run is None


def test_scenario_form_saves_a_valid_scenario_and_refuses_an_invalid_one(qtbot, open_services, app_paths,
                                                                         dialog_log):
    svc, w = training_window(qtbot, open_services, app_paths)
    d = ScenarioFormDialog(w, svc=svc)
    qtbot.addWidget(d)
    d.show()
    d.id_edit.setText("trainer_fallen_uncle")
    d.title_edit.setText("Uncle on the floor")
    d.pathway_combo.setCurrentIndex(d.pathway_combo.findData("welfare"))
    d.caller_combo.setCurrentIndex(d.caller_combo.findData("family_friend_public"))
    d.narrative_edit.setPlainText("My uncle has fallen and can't get up.")
    d.facts_edit.setPlainText("Uncle, 70, fallen at home, talking.")
    d.learning_edit.setPlainText("Threshold first.\nA fall goes to the ambulance service.")
    d.answers_edit.setPlainText("mini_entry.risk_now: 'no'\nmini_entry.crime: none\nmini_entry.age: 70\n"
                                "mini_entry.pathway: welfare\nmini_path.where: at home\n"
                                "mini_path.concerns: [fallen]\nmini_path.say_this:")
    d.card_edit.setPlainText("mini_entry.risk_now: No, he's talking to me.")
    d.outcome_combo.setCurrentIndex(d.outcome_combo.findData("SOCIAL_CARE"))  # wrong: the script reaches AMBULANCE
    d.button_box.accepted.emit()
    assert d.error_label.isVisible() and "expect.outcome" in d.error_label.text()
    assert "cannot be reached" in d.error_label.text() and d.saved_path is None
    assert not (svc.paths.data_dir / "scenarios" / "trainer_fallen_uncle.yaml").exists()
    d.outcome_combo.setCurrentIndex(d.outcome_combo.findData("AMBULANCE"))
    d.button_box.accepted.emit()
    assert d.saved_path and Path(d.saved_path).exists()
    loaded = svc.training_api.scenario("trainer_fallen_uncle")
    assert loaded.title == "Uncle on the floor" and loaded.outcomes == ("AMBULANCE",)
    assert loaded.card["mini_entry.risk_now"] == "No, he's talking to me."
    assert svc.training_api.caller_reply("trainer_fallen_uncle", ("mini_entry", "risk_now")) == \
        "No, he's talking to me."


def live_calls(svc):
    from gui_drive import make_call

    uuids = {"plain": [make_call(svc, handler="H1") for _ in range(4)]}
    s = svc.start_call(handler_id="H1", role="call_handler", entry_flow="mini_entry")
    s.answer("no")
    s.early_exit("caller hung up", "ADVICE_ONLY")
    s.finalise(caller_informed=True)
    uuids["early"] = [s.uuid]
    return uuids


def test_supervisor_reviews_a_sampled_live_call(qtbot, open_services, app_paths, dialog_log, shots, tmp_path):
    svc = open_services()
    made = live_calls(svc)
    svc.settings.set("handler_id", "S9")
    svc.settings.set("handler_role", "supervisor")
    svc.settings.set("review_sample_size", "2")
    w = MainWindow(svc, paths=app_paths)
    qtbot.addWidget(w)
    w.resize(*SHOT_SIZE)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)
    press(qtbot, w, Qt.Key.Key_R, CTRL | Qt.KeyboardModifier.ShiftModifier)  # Review ▸ Review live calls
    rw = w.training_hooks.review_window
    qtbot.addWidget(rw)
    rw.resize(*SHOT_SIZE)
    assert "this PC only" in rw.coverage_label.text()
    sampled = [c["uuid"] for c in rw.sample]
    assert made["early"][0] in sampled and len(sampled) == 3  # the early exit plus the random share of 2
    row = sampled.index(made["early"][0])
    rw.table.setCurrentCell(row, 0)
    checks = [rw.checks_list.item(i).text() for i in range(rw.checks_list.count())]
    assert any(t.startswith("CRITICAL") and "Risk question not asked" in t for t in checks)
    before = svc._calls.get(made["early"][0])
    rw.comment_edit.setPlainText("Ask the crime question before ending the call early.")
    save(rw, shots, "mini-review.png")
    rw.query_button.click()
    assert "queried" in rw.message_label.text()
    assert rw.table.item(row, 5).text() == "queried"
    other = next(i for i, u in enumerate(sampled) if u != made["early"][0])
    rw.table.setCurrentCell(other, 0)
    rw.ratify_button.click()
    assert rw.table.item(other, 5).text() == "ratified"
    after = svc._calls.get(made["early"][0])
    assert after["content_hash"] == before["content_hash"] and after["version"] == before["version"]
    assert svc.verify().ok
    # the handler sees the query on the start page until acknowledged
    svc.settings.set("handler_id", "H1")
    svc.settings.set("handler_role", "call_handler")
    w.refresh_start_page()
    q = w.training_hooks.queries
    qtbot.waitUntil(lambda: q.isVisible() and q.list.count() > 0)  # read on the database worker
    assert "crime question" in q.list.item(0).text()
    q.ack_button.click()
    qtbot.waitUntil(lambda: not q.isVisible())  # acknowledged and listed again on the database worker
    assert svc.review_api.open_queries("H1") == []
    # the per-handler QA report, PDF and CSV
    pdf, out_csv = tmp_path / "qa.pdf", tmp_path / "qa.csv"
    dialog_log.answers["FileChooser"] = lambda **kw: str(pdf if "pdf" in kw["filter"].lower() else out_csv)
    rw.qa_pdf_button.click()
    rw.qa_csv_button.click()
    rows = list(csv.DictReader(out_csv.open()))
    assert [(r["handler"], r["reviewed"], r["ratified"], r["queried"]) for r in rows] == [("H1", "2", "1", "1")]
    assert "risk_question_skipped" in rows[0]["deviation_kinds"]
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "QA report" in text and "H1" in text and "this PC only" in text


def test_every_training_and_review_control_is_named(qtbot, open_services, app_paths, dialog_log):
    from test_accessibility import not_what_is_shown, unnamed
    from triage_desktop.gui.training_report import TrainerReportWindow
    from triage_desktop.gui.training_session_dialog import TrainingSessionDialog

    svc, w = training_window(qtbot, open_services, app_paths)
    dialog_log.answers["TrainingSessionDialog"] = {"trainees": ["H1"], "scenarios": ["mini_knife_escalation"],
                                                   "reveal": True}
    w.training_hooks.start_session()
    wait_at(qtbot, w, "risk_now")
    assert unnamed(w) == []  # the call screen with the caller card
    assert not_what_is_shown(w) == []
    for d in (TrainingSessionDialog(w, scenarios=svc.training_api.scenarios()), ScenarioFormDialog(w, svc=svc),
              TrainerReportWindow(svc, parent=w)):
        qtbot.addWidget(d)
        d.show()
        assert unnamed(d) == [], type(d).__name__
        assert not_what_is_shown(d) == [], type(d).__name__


def test_review_window_controls_are_named(qtbot, open_services, app_paths):
    from test_accessibility import not_what_is_shown, unnamed
    from triage_desktop.gui.review_screen import ReviewWindow

    svc = open_services()
    live_calls(svc)
    svc.settings.set("handler_role", "supervisor")
    rw = ReviewWindow(svc, reviewer=lambda: "S9")
    qtbot.addWidget(rw)
    rw.show()
    assert unnamed(rw) == []
    assert not_what_is_shown(rw) == []


def test_a_training_call_resumed_after_a_crash_is_still_scored(qtbot, open_services, app_paths, dialog_log):
    svc, w = training_window(qtbot, open_services, app_paths)
    s = svc.training_api.start_call("mini_fallen_neighbour", trainee="H7", trainer="T100", session_id="S9")
    for a in ["no", "none", 80]:
        s.answer(a)  # ... and the app died here: the call is offered for resumption
    w.refresh_start_page()
    w.resume_call(s.uuid)
    wait_at(qtbot, w, "pathway")
    for a in ["welfare", "Her kitchen", ["fallen"], None]:
        assert w.controller.answer(a)
        settle(qtbot, w)
    finish_call(qtbot, w)
    qtbot.waitUntil(lambda: w.stack.currentWidget() is getattr(w.training_hooks, "resumed_debrief", None))
    page = w.training_hooks.resumed_debrief
    assert page.score_label.text().startswith("Score 100 / 100 · PASSED")
    assert [r["trainee"] for r in svc.training_api.results()] == ["H7"]
    press(qtbot, w, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.stack.currentWidget() is w.start_page)
