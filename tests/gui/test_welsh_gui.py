"""Issue 15 on the real widgets: F7 switches the call language at any moment without losing the place; the question
on screen changes language at once with its English always underneath; the record keeps, for each question, the
language it was asked in, and the answers given are unchanged; the outcome is read in Welsh with the English beside
it; the incident-log block stays English and says the call was conducted (partly) in Welsh. Keyboard only.

The flows: the bundled ones once they carry Welsh (the content branch), else tests/core/flows_cy."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from gui_drive import ALT, CTRL, press, services_at_scale, services_on, settle, show_window, type_text, wait_at
from screenshots import screenshot_path
from triage_desktop.core.loader import bundled_flows_dir, load_flow

FLOWS_CY = Path(__file__).resolve().parents[1] / "core" / "flows_cy"


@pytest.fixture
def cy_svc(app_paths) -> Any:
    svc = services_on(app_paths, FLOWS_CY)
    yield svc
    svc.close()


@pytest.fixture
def cy_window(qtbot, cy_svc, app_paths):
    return show_window(qtbot, cy_svc, app_paths)


def finish_call(qtbot, w) -> None:
    """Ctrl+Enter on the outcome: the finalise writes and syncs the seal (slow on a loaded machine: waited for)."""
    qtbot.keyClick(QApplication.focusWidget() or w, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: not w.controller.active, timeout=30000)


def F7(qtbot, w) -> None:  # noqa: N802 - the key's name
    press(qtbot, w, Qt.Key.Key_F7)


def test_f7_switches_mid_call_and_the_record_keeps_each_questions_language(qtbot, cy_window):
    w = cy_window
    qp = w.call_screen.question_page
    press(qtbot, w, Qt.Key.Key_N, CTRL)
    wait_at(qtbot, w, "who_calling")
    header = w.call_screen
    assert header.language_button.isVisible() and header.language_button.text() == "Call in English (F7)"
    press(qtbot, w, Qt.Key.Key_3)  # A&E or ward: the professional's form of the words
    wait_at(qtbot, w, "risk_now")
    english = "Is your patient, or anyone else, in danger right now?"
    assert qp.say_label.text() == english and not qp.say_en_label.isVisible()
    assert [b.text_label.text() for b in qp.answer_buttons] == ["Yes", "No", "Unknown"]

    F7(qtbot, w)  # Welsh, at once, on the same question
    qtbot.waitUntil(lambda: qp.say_label.text() == "Ydy'ch claf, neu unrhyw un arall, mewn perygl ar hyn o bryd?")
    assert w.controller.view.current == ("cy_entry", "risk_now") and w.controller.view.step == 2
    assert qp.say_en_label.isVisible() and qp.say_en_label.text() == f"English: {english}"
    assert header.language_button.text() == "Call in Cymraeg (F7)"
    assert [b.text_label.text() for b in qp.answer_buttons] == ["Ie  —  Yes", "Na  —  No", "Ddim yn gwybod  —  Unknown"]
    assert [b.key_label.text() for b in qp.answer_buttons] == ["Y", "N", "U"]  # the keys keep their meaning
    press(qtbot, w, Qt.Key.Key_W, ALT)
    assert qp.why_label.isVisible() and qp.why_label.text().startswith("Rhan 2 y trothwy")
    assert "English: Threshold part 2" in qp.why_label.text()

    press(qtbot, w, Qt.Key.Key_N)  # "Na": no
    wait_at(qtbot, w, "minutes")
    assert qp.say_label.text() == "Sawl munud yn ôl welwyd nhw ddiwethaf?"
    type_text(qtbot, w, "45")
    press(qtbot, w, Qt.Key.Key_Return)
    wait_at(qtbot, w, "crime_now")
    assert qp.say_label.text() == "Oes trosedd wedi'i chyflawni?"
    F7(qtbot, w)  # back to English mid-call: same question
    qtbot.waitUntil(lambda: qp.say_label.text() == "Has a crime been committed?")
    assert not qp.say_en_label.isVisible() and w.controller.view.current == ("cy_entry", "crime_now")
    F7(qtbot, w)  # and Welsh again for the rest of the call
    qtbot.waitUntil(lambda: qp.say_label.text() == "Oes trosedd wedi'i chyflawni?")
    assert [b.text_label.text() for b in qp.answer_buttons][2] == "Ddim yn siŵr  —  Not sure"
    press(qtbot, w, Qt.Key.Key_N)
    op = w.call_screen.outcome_page
    qtbot.waitUntil(lambda: w.call_screen.page_stack.currentWidget() is op)
    uuid = w.controller.uuid

    # the record: every answer as given (values unchanged), each with the language it was asked in
    rows = w.svc._calls.engine_events(uuid)  # the stored rows, as the engine replays them
    answered = [(r["node"], r["value"]) for r in rows if r["kind"] in ("answered", "changed")]
    assert answered == [("who_calling", "hcp_ae_ward"), ("risk_now", "no"), ("minutes", 45), ("crime_now", "no")]
    langs = [(r["node"], r["value"]) for r in rows if r["kind"] == "language"]
    assert langs == [("risk_now", "cy"), ("crime_now", "en"), ("crime_now", "cy")]
    shown = {r["node"]: r["value"] for r in rows if r["kind"] == "shown"}
    assert shown["minutes"] == {"lang": "cy"} and shown["who_calling"] is None
    press(qtbot, w, Qt.Key.Key_I, ALT)
    finish_call(qtbot, w)
    stored = w.svc.call_view(uuid)  # replayed from the stored events
    assert [(a.node, a.value, a.lang) for a in stored.answers] == [
        ("who_calling", "hcp_ae_ward", "en"), ("risk_now", "no", "cy"), ("minutes", 45, "cy"), ("crime_now", "no", "cy")]
    row = w.svc._calls.get(uuid)
    assert row["outcome_code"] == "ADVICE_ONLY" and row["call_language"] == "cy"  # sealed with the call
    log = w.svc.incident_log_text(uuid)
    first_cy = next(r for r in rows if r["kind"] == "language")
    when = dt.datetime.fromisoformat(first_cy["wall"]).astimezone().strftime("%H:%M:%S")
    assert f"Call conducted partly in Welsh (from {when})" in log
    assert "  - Risk to life now?: No" in log and "Ie" not in log.split()  # the block stays English
    from triage_desktop.gui.report_dialog import report_html

    html = report_html(w.svc.call_report(uuid))  # the call report names the language of each question
    assert "Risk to life now?: <b>No</b> (asked in Welsh)" in html and "Who is calling?: <b>A&amp;E or ward</b></li>" in html
    assert "<td>Call language</td>" in html and "now Welsh (Cymraeg)" in html


def test_outcome_in_welsh_with_english_beside_and_f7_on_the_outcome(qtbot, cy_window):
    w = cy_window
    press(qtbot, w, Qt.Key.Key_N, CTRL)
    wait_at(qtbot, w, "who_calling")
    F7(qtbot, w)  # the caller asked for Welsh at once
    qp = w.call_screen.question_page
    qtbot.waitUntil(lambda: qp.say_label.text() == "Ga i ofyn pwy sy'n ffonio?")
    assert qp.answer_buttons[1].text_label.text() == "Teulu, ffrind neu aelod o'r cyhoedd  —  Family, friend or public"
    press(qtbot, w, Qt.Key.Key_2)
    wait_at(qtbot, w, "risk_now")
    press(qtbot, w, Qt.Key.Key_N)
    wait_at(qtbot, w, "minutes")
    type_text(qtbot, w, "u")
    press(qtbot, w, Qt.Key.Key_Return)
    wait_at(qtbot, w, "crime_now")
    press(qtbot, w, Qt.Key.Key_Y)  # a crime: police attend, decided now; then the safety advice step
    wait_at(qtbot, w, "otw_safety")
    banner = qp.decision_banner
    assert banner.isVisible()
    assert banner.headline_label.text() == ("Say: Bydd yr heddlu'n dod fel argyfwng.\n"
                                            "English: Police will attend as an emergency.")
    assert qp.say_label.text().startswith("Peidiwch â mynd at unrhyw un") and qp.say_en_label.isVisible()
    press(qtbot, w, Qt.Key.Key_Return)  # said it: the steps end at 'finish'
    op = w.call_screen.outcome_page
    qtbot.waitUntil(lambda: w.call_screen.page_stack.currentWidget() is op)
    assert op.read_caption.text() == "Read this to the caller, in Welsh (Cymraeg)"
    assert op.headline_label.text() == "Bydd yr heddlu'n dod fel argyfwng."
    assert op.script_label.text().startswith("Bydd yr heddlu'n dod. Mae swyddogion ar eu ffordd nawr.")
    assert op.english_box.isVisible()
    assert op.headline_en_label.text() == "Police will attend as an emergency."
    assert op.script_en_label.text().startswith("Police will attend. Officers are on their way now.")
    # beside: the English column is to the right of the Welsh, level with it
    assert op.english_box.x() > op.headline_label.x() + op.headline_label.width() - 1
    assert "Os oes unrhyw un wedi&#x27;i anafu (If anyone is hurt)" in op.partners_label.text()
    assert "Threshold met" in op.rationale_label.text()  # the record's rationale stays English
    F7(qtbot, w)  # the handler can switch on the outcome too
    qtbot.waitUntil(lambda: op.headline_label.text() == "Police will attend as an emergency.")
    assert not op.english_box.isVisible() and op.read_caption.text() == "Read this to the caller"
    F7(qtbot, w)
    qtbot.waitUntil(lambda: op.headline_label.text() == "Bydd yr heddlu'n dod fel argyfwng.")
    uuid = w.controller.uuid
    press(qtbot, w, Qt.Key.Key_I, ALT)
    finish_call(qtbot, w)
    row = w.svc._calls.get(uuid)
    assert row["outcome_code"] == "POLICE_EMERGENCY" and row["call_language"] == "cy"
    assert "Call conducted in Welsh\n" in w.svc.incident_log_text(uuid)


def test_f7_does_nothing_but_say_so_without_welsh_flows(qtbot, window):
    """The small English-only test flows: no language badge, and F7 leaves the call (and its record) as it was."""
    w = window
    press(qtbot, w, Qt.Key.Key_N, CTRL)
    wait_at(qtbot, w, "risk_now")
    assert not w.call_screen.language_button.isVisible()
    before = len(w.svc._calls.events(w.controller.uuid))
    press(qtbot, w, Qt.Key.Key_F7)
    settle(qtbot, w)
    assert w.controller.view.language == "en"
    assert len(w.svc._calls.events(w.controller.uuid)) == before
    assert "no Welsh texts" in w.statusBar().currentMessage()


def _welsh_flows() -> Path:
    """The bundled flows, which carry Welsh (tests/core/test_welsh_content.py checks every text)."""
    assert "cy" in load_flow(bundled_flows_dir() / "entry_triage.yaml").languages
    return bundled_flows_dir()


def _answer_towards_an_outcome(qtbot, w, dialog_log) -> None:
    """By keyboard: a health professional caller, then the risk-to-life answer (or the first) until the outcome,
    through the steps after the decision (Finish if they run long)."""
    for step in range(40):
        view = w.controller.view
        if view.outcome is not None:
            return
        run = w.controller.session.run
        node = run.current_node
        if run.in_post_decision and step > 25:
            dialog_log.answers["ConfirmDialog"] = True
            press(qtbot, w, Qt.Key.Key_Return, CTRL)  # Finish now
            continue
        if node.records == "caller_type":
            i = [o.value for o in node.options].index("hcp_ae_ward") + 1
            press(qtbot, w, getattr(Qt.Key, f"Key_{i}"))
        elif node.kind in ("yesno", "choice"):
            opts = list(node.options)
            pick = next((o for o in opts if "risk_to_life" in o.flags), opts[0])
            if node.kind == "yesno":
                press(qtbot, w, {"yes": Qt.Key.Key_Y, "no": Qt.Key.Key_N, "unknown": Qt.Key.Key_U}[pick.value])
            else:
                press(qtbot, w, getattr(Qt.Key, f"Key_{opts.index(pick) + 1}"))
        elif node.kind == "number":
            type_text(qtbot, w, "30")
            press(qtbot, w, Qt.Key.Key_Return)
        elif node.kind == "text":
            type_text(qtbot, w, "by the bus station")
            press(qtbot, w, Qt.Key.Key_Return)
        else:  # multi, info
            press(qtbot, w, Qt.Key.Key_1) if node.kind == "multi" else None
            press(qtbot, w, Qt.Key.Key_Return)
    raise AssertionError("no outcome reached")


@pytest.mark.parametrize("scale", ["100", "200"])
def test_screenshots_question_and_outcome_in_welsh(qtbot, app_paths, dialog_log, scale):
    """A Welsh call at 1366x768 (and at 200 % text): the question with its English underneath, every answer in view;
    the outcome in Welsh with the English beside it, 'told the caller', Copy and Finish in view."""
    from test_screens import clipped
    from triage_desktop.gui.theme import refresh_fonts

    with services_at_scale(app_paths, _welsh_flows(), scale) as svc:
        w = show_window(qtbot, svc, app_paths)
        w.resize(1366, 768)
        refresh_fonts(w)
        press(qtbot, w, Qt.Key.Key_N, CTRL)
        qtbot.waitUntil(lambda: w.controller.view is not None and w.controller.view.question is not None)
        run = w.controller.session.run
        node = run.current_node
        i = [o.value for o in node.options].index("hcp_ae_ward") + 1
        press(qtbot, w, getattr(Qt.Key, f"Key_{i}"))
        qtbot.waitUntil(lambda: w.controller.session.run.caller_type == "hcp_ae_ward")
        F7(qtbot, w)
        qp = w.call_screen.question_page
        qtbot.waitUntil(lambda: qp.say_en_label.isVisible())
        QApplication.processEvents()
        q = w.controller.view.question
        assert q.lang == "cy" and q.say != q.say_en and qp.say_label.text() == q.say
        assert all(b.isVisible() for b in qp.answer_buttons)
        assert clipped(qp) == []
        assert not qp.scroll_area.horizontalScrollBar().isVisible()  # reflows, never scrolls sideways
        suffix = "" if scale == "100" else "-200"
        assert w.width() == 1366  # the Welsh and the badge never widen the window past the screen
        assert w.grab().save(str(screenshot_path(f"welsh-question{suffix}.png")))
        _answer_towards_an_outcome(qtbot, w, dialog_log)
        op = w.call_screen.outcome_page
        qtbot.waitUntil(lambda: w.call_screen.page_stack.currentWidget() is op)
        QApplication.processEvents()
        assert op.english_box.isVisible() and op.headline_label.text() != op.headline_en_label.text()
        assert op.finish_button.isVisible() and op.informed_check.isVisible() and op.copy_button.isVisible()
        assert w.width() == 1366 and not op.scroll_area.horizontalScrollBar().isVisible()
        assert w.grab().save(str(screenshot_path(f"welsh-outcome{suffix}.png")))


def test_f7_has_one_meaning_in_the_window(window):
    """F7 is the call language and nothing else (two shortcuts on one key in a window fire neither)."""
    from PySide6.QtGui import QAction, QKeySequence, QShortcut

    f7 = QKeySequence("F7")
    owners = [s for s in window.findChildren(QShortcut) if s.key() == f7]
    owners += [a.text() for a in window.findChildren(QAction) if f7 in a.shortcuts()]
    assert owners == ["Call &language: Welsh / English"], owners
