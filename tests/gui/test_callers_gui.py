"""Issue 8 on the real widgets: who is calling (side panel, Ctrl+T re-renders the words), the post-decision screen
("Decision recorded … while they are on the way", Finish at any time), the outcome screen after it, and the
repeat-contact notice (this PC only) on a third call from the same number. Keyboard only."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from gui_drive import CTRL, press, services_at_scale, services_on, settle, show_window, wait_at
from screenshots import screenshot_dir

FLOWS_V2 = Path(__file__).resolve().parents[1] / "core" / "flows_v2"


@pytest.fixture
def v2_svc(app_paths) -> Any:
    svc = services_on(app_paths, FLOWS_V2)
    yield svc
    svc.close()


@pytest.fixture
def v2_window(qtbot, v2_svc, app_paths):
    return show_window(qtbot, v2_svc, app_paths)


def say_text(window) -> str:
    return window.call_screen.question_page.say_label.text()


def start_professional_emergency(qtbot, window) -> None:
    press(qtbot, window, Qt.Key.Key_N, CTRL)
    wait_at(qtbot, window, "who_calling")
    press(qtbot, window, Qt.Key.Key_3)  # health professional: A&E or ward
    wait_at(qtbot, window, "risk_now")
    press(qtbot, window, Qt.Key.Key_Y)  # threshold met: the decision now
    wait_at(qtbot, window, "otw_with_person")


def test_caller_type_in_side_panel_and_ctrl_t_rerenders(qtbot, v2_window, dialog_log):
    w = v2_window
    press(qtbot, w, Qt.Key.Key_N, CTRL)
    wait_at(qtbot, w, "who_calling")
    panel = w.call_screen.side_panel
    assert "Not recorded yet" in panel.caller_label.text()
    press(qtbot, w, Qt.Key.Key_2)  # family, friend or public
    wait_at(qtbot, w, "risk_now")
    assert "Family, friend or member of the public" in panel.caller_label.text()
    assert say_text(w) == "Is the person you're calling about in danger right now?"
    dialog_log.answers["CallerTypeDialog"] = "hcp_gp"
    press(qtbot, w, Qt.Key.Key_T, CTRL)
    qtbot.waitUntil(lambda: "GP surgery" in panel.caller_label.text())
    assert dialog_log.kwargs("CallerTypeDialog") == {"current": "family_friend_public"}
    assert say_text(w) == "Is your patient, or anyone else, in danger right now?"  # re-rendered at once
    events = [r["kind"] for r in w.svc._calls.events(w.controller.uuid)]
    assert "caller_type" in events  # the change is part of the record


def test_post_decision_banner_steps_and_finish_any_time(qtbot, v2_window, dialog_log):
    w = v2_window
    start_professional_emergency(qtbot, w)
    qp = w.call_screen.question_page
    banner = qp.decision_banner
    assert banner.isVisible()
    text = banner.title_label.text()
    assert text.startswith("Decision recorded: police priority at ") and text.endswith("while they are on the way")
    assert banner.headline_label.text() == "Say: Police will attend as a priority."
    press(qtbot, w, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)  # the full dispatch script, for this caller
    qtbot.waitUntil(banner.script_label.isVisible)
    assert "your service keeps its duty of care" in banner.script_label.text()
    from test_accessibility import not_what_is_shown

    assert not_what_is_shown(w) == []  # the banner's decision, sentence and script are read as shown (issue 12)
    assert "while they are on the way" in w.call_screen.header.where_label.text()
    assert not w.call_screen.early_exit_button.isEnabled()  # Finish, not early exit, after the decision
    panel_text = w.call_screen.side_panel.decision_label.text()
    assert "Decision:</b> police priority at" in panel_text
    press(qtbot, w, Qt.Key.Key_N)  # not with the person
    wait_at(qtbot, w, "otw_where")
    qtbot.keyClicks(QApplication.focusWidget(), "the car park")
    press(qtbot, w, Qt.Key.Key_Return)
    wait_at(qtbot, w, "otw_ambulance")
    press(qtbot, w, Qt.Key.Key_Y)  # ambulance too
    wait_at(qtbot, w, "otw_weapon")
    press(qtbot, w, Qt.Key.Key_1)  # weapon now: raised to emergency
    wait_at(qtbot, w, "otw_child")
    qtbot.waitUntil(lambda: banner.title_label.text().startswith("▲"))
    assert "raised to police emergency" in banner.title_label.text()
    assert "Added after the decision:</b> Ambulance service" in w.call_screen.side_panel.decision_label.text()
    dialog_log.answers["ConfirmDialog"] = False  # "Keep asking": nothing changes
    press(qtbot, w, Qt.Key.Key_Return, CTRL)
    assert dialog_log.names()[-1] == "ConfirmDialog" and w.controller.session.run.in_post_decision
    dialog_log.answers["ConfirmDialog"] = True
    press(qtbot, w, Qt.Key.Key_Return, CTRL)  # Finish now: the child question and safety advice not asked
    assert "“Child involved?” and the steps after it will be recorded as not asked" in dialog_log.kwargs(
        "ConfirmDialog")["text"]
    op = w.call_screen.outcome_page
    qtbot.waitUntil(lambda: w.call_screen.page_stack.currentWidget() is op)
    assert "POLICE WILL ATTEND" in op.attend_label.text()
    summary = op.decision_label.text()
    assert "Caller: Health professional: A&E or ward." in summary
    assert "Decision: police priority at" in summary and "raised to police emergency" in summary
    assert "Not asked (call finished first): Child involved?; Safety advice." in summary
    assert "Ambulance service</b> <i>(added after the decision)</i>" in op.partners_label.text()
    uuid = w.controller.uuid
    press(qtbot, w, Qt.Key.Key_I, Qt.KeyboardModifier.AltModifier)
    press(qtbot, w, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: not w.controller.active)
    row = w.svc._calls.get(uuid)
    assert (row["first_decision_code"], row["outcome_code"], row["decision_raised"], row["caller_type"]) == (
        "POLICE_PRIORITY", "POLICE_EMERGENCY", 1, "hcp_ae_ward")


def _call_with_number(qtbot, w, dialog_log, number: str) -> Any:
    press(qtbot, w, Qt.Key.Key_N, CTRL)
    wait_at(qtbot, w, "who_calling")
    dialog_log.answers["CallerDetailsDialog"] = {"caller_phone": number, "caller_name": "", "person_name": ""}
    press(qtbot, w, Qt.Key.Key_D, CTRL)
    panel = w.call_screen.side_panel
    qtbot.waitUntil(lambda: panel.repeat_label.text() != "")
    text = panel.repeat_label.text()
    press(qtbot, w, Qt.Key.Key_1)  # the person themselves
    wait_at(qtbot, w, "risk_now")
    press(qtbot, w, Qt.Key.Key_N)
    wait_at(qtbot, w, "pathway")
    press(qtbot, w, Qt.Key.Key_2)  # advice only
    qtbot.waitUntil(lambda: w.controller.view.outcome is not None)
    press(qtbot, w, Qt.Key.Key_I, Qt.KeyboardModifier.AltModifier)
    press(qtbot, w, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: not w.controller.active)
    return text


def test_repeat_contact_count_on_the_third_call_from_the_same_number(qtbot, v2_window, dialog_log):
    w = v2_window
    first = _call_with_number(qtbot, w, dialog_log, "07700 900123")
    assert "no earlier calls" in first and "this PC only" in first
    second = _call_with_number(qtbot, w, dialog_log, "+44 7700 900123")
    assert "1 earlier call share" in second
    third = _call_with_number(qtbot, w, dialog_log, "07700900123")
    assert third.startswith("⚠ Repeat contact (this PC only, last 7 days): 2 earlier calls share this number")
    assert third.count("Police: ") == 0 and third.count("No deployment: advice given (grade 4)") == 2
    assert "(decision: police not to attend)" in third and "attended" not in third


def _screenshot_flows() -> Path | None:
    """The bundled flows once they carry post-decision steps (the content branch), else the v2 test flows."""
    from triage_desktop.core.checker import check_paths
    from triage_desktop.core.loader import bundled_flows_dir

    res = check_paths([bundled_flows_dir()])
    entry = res.library().flows.get("entry_triage") if res.ok else None
    if entry is not None and any(n.continue_to is not None for n in entry.nodes.values()):
        return None
    return FLOWS_V2


def _first_answer(node, step: int):
    if node.kind in ("yesno", "choice"):
        return node.options[min(1, len(node.options) - 1)].value if step else node.options[0].value
    if node.kind == "multi":
        return [] if node.allow_none else [node.options[0].value]
    if node.kind == "number":
        return "unknown" if node.unknown is not None else (node.options[0].max or 1) - 1
    if node.kind == "text":
        return "the car park by the main entrance"
    return None


@pytest.mark.parametrize("scale", ["100", "200"])
def test_screenshots_after_the_decision(qtbot, app_paths, dialog_log, scale, tmp_path):
    """A professional caller's emergency call after the decision ("while they are on the way"), and the outcome
    screen after Finish, at 1366x768 and at 200 % text: the words to say, the answers and Finish in view."""

    from test_screens import clipped
    from triage_desktop.gui.theme import refresh_fonts

    with services_at_scale(app_paths, _screenshot_flows(), scale) as svc:
        w = show_window(qtbot, svc, app_paths)
        w.resize(1366, 768)
        refresh_fonts(w)
        press(qtbot, w, Qt.Key.Key_N, CTRL)
        qtbot.waitUntil(lambda: w.controller.session is not None and w.controller.view is not None)
        run = w.controller.session.run
        node = run.current_node
        assert node.records == "caller_type"
        key = [o.value for o in node.options].index("hcp_ae_ward") + 1
        press(qtbot, w, getattr(Qt.Key, f"Key_{key}"))  # A&E / ward nurse
        qtbot.waitUntil(lambda: w.controller.session.run.caller_type == "hcp_ae_ward")
        for _ in range(3):  # the first risk-to-life answer, by keyboard
            if w.controller.session.run.decision is not None:
                break
            node = w.controller.session.run.current_node
            opt = next(o for o in node.answers() if "risk_to_life" in o.flags)
            if node.kind == "yesno":
                press(qtbot, w, {"yes": Qt.Key.Key_Y, "unknown": Qt.Key.Key_U}[opt.value])
            else:
                press(qtbot, w, getattr(Qt.Key, f"Key_{[o.value for o in node.options].index(opt.value) + 1}"))
        qtbot.waitUntil(lambda: w.controller.session.run.in_post_decision)
        assert w.controller.session.run.decision.code == "POLICE_EMERGENCY" or _screenshot_flows() is not None
        folder = screenshot_dir()
        suffix = "" if scale == "100" else "-200"
        QApplication.processEvents()
        qp = w.call_screen.question_page
        assert qp.decision_banner.isVisible() and qp.decision_banner.finish_button.isVisible()
        assert "sent to you" not in qp.decision_banner.script_label.text()  # never to a nurse
        assert clipped(qp) == []
        cs = w.call_screen
        if cs.folded:  # 200 % text: the side panel folds into a drawer (F6); look at it open
            press(qtbot, w, Qt.Key.Key_F6)
            qtbot.waitUntil(cs.drawer.isVisible)
            QApplication.processEvents()
        assert clipped(cs.side_panel) == []
        if cs.folded:
            press(qtbot, w, Qt.Key.Key_F6)
            qtbot.waitUntil(lambda: not cs.drawer.isVisible())
        assert w.grab().save(str(folder / f"post-decision{suffix}.png"))
        for step in range(2):  # two "while they are on the way" steps, then Finish now
            if not w.controller.session.run.in_post_decision:
                break
            assert w.controller.answer(_first_answer(w.controller.session.run.current_node, step))
            settle(qtbot, w)
        if w.controller.session.run.in_post_decision:
            dialog_log.answers["ConfirmDialog"] = True
            press(qtbot, w, Qt.Key.Key_Return, CTRL)
        op = w.call_screen.outcome_page
        qtbot.waitUntil(lambda: w.call_screen.page_stack.currentWidget() is op)
        QApplication.processEvents()
        assert w.grab().save(str(folder / f"outcome-after-decision{suffix}.png"))
        # what must be seen without scrolling: the words to read, told the caller, Copy and Finish
        assert op.finish_button.isVisible() and op.informed_check.isVisible() and op.copy_button.isVisible()


def test_call_report_shows_caller_decision_and_additions(v2_svc):
    from triage_desktop.gui.report_dialog import report_html

    s = v2_svc.start_call(handler_id="1234", role="call_handler", entry_flow="v2_entry")
    for a in ("hcp_ae_ward", "yes", "no", "by the lake", "yes", "yes"):
        s.answer(a)
    s.finish()
    s.finalise(caller_informed=True)
    html = report_html(v2_svc.call_report(s.uuid))
    assert "<b>Caller:</b> Health professional: A&amp;E or ward" in html
    assert "<b>Decision:</b> POLICE_PRIORITY at 00:00:0" in html and "raised to POLICE_EMERGENCY" in html
    assert "<b>Added after the decision:</b> Ambulance service" in html
    assert "<b>Not asked:</b> Child involved? (call finished first)" in html
