"""Resume after the app closed mid-call; store errors shown as dialogs without losing what was typed."""
from __future__ import annotations

from types import SimpleNamespace

from PySide6.QtCore import Qt

from gui_drive import CTRL, at, press, show_window, type_text, wait_at
from triage_desktop.gui import app as gui_app
from triage_desktop.gui.dialogs import describe_interrupted
from triage_desktop.store.errors import DiskFull


def test_resume_after_the_app_is_closed_mid_call(qtbot, svc, app_paths, open_services, dialog_log):
    w1 = show_window(qtbot, svc, app_paths)
    press(qtbot, w1, Qt.Key.Key_N, CTRL)
    wait_at(qtbot, w1, "risk_now")
    press(qtbot, w1, Qt.Key.Key_N)
    press(qtbot, w1, Qt.Key.Key_3)
    wait_at(qtbot, w1, "age")
    w1.call_screen.side_panel.notes_edit.setPlainText("neighbour says door open")  # typed, not yet saved
    uuid = w1.controller.uuid
    w1.close()  # the app goes away mid-call (the note is saved on the way)
    svc.close()

    svc2 = open_services()
    dialog_log.answers["ResumeDialog"] = lambda calls: calls[0].uuid
    dialog_log.answers["HandlerDialog"] = ("1234", "call_handler")  # start-up: sign in for the shift
    w2 = show_window(qtbot, svc2, app_paths)
    w2.startup()
    calls = dialog_log.kwargs("ResumeDialog")["calls"]
    assert [c.uuid for c in calls] == [uuid]
    text = describe_interrupted(calls[0])
    assert text.startswith("Resume call started ") and "2 answers recorded?" in text
    wait_at(qtbot, w2, "age")
    run = w2.controller.view
    assert [a.label for a in run.answers] == ["No", "No crime"]
    assert list(run.notes) == ["neighbour says door open"]
    assert w2.stack.currentWidget() is w2.call_screen
    type_text(qtbot, w2, "70")
    press(qtbot, w2, Qt.Key.Key_Return)
    wait_at(qtbot, w2, "pathway")
    assert svc2.call_report(uuid)["call"]["answers_count"] == 3


def test_resume_declined_lists_the_call_on_the_start_page(qtbot, svc, app_paths, open_services, dialog_log):
    s = svc.start_call(handler_id="1234", role="call_handler", entry_flow="mini_entry")
    s.answer("no")
    w = show_window(qtbot, svc, app_paths)
    dialog_log.answers["ResumeDialog"] = None
    dialog_log.answers["HandlerDialog"] = None  # start-up asks who is on shift; Esc keeps 1234 signed in
    w.startup()
    assert not w.controller.active
    sp = w.start_page
    assert sp.interrupted_list.isVisible() and sp.interrupted_list.count() == 1
    assert "1 answer recorded" in sp.interrupted_list.item(0).text()
    qtbot.mouseClick(sp.resume_button, Qt.MouseButton.LeftButton)
    wait_at(qtbot, w, "crime")


def test_first_start_asks_who_is_taking_calls(qtbot, open_services, app_paths, dialog_log):
    svc = open_services()
    dialog_log.answers["HandlerDialog"] = ("C789", "mh_practitioner")
    w = show_window(qtbot, svc, app_paths)
    w.startup()
    assert svc.settings.get("handler_id") == "C789" and svc.settings.get("handler_role") == "mh_practitioner"
    assert "C789" in w.start_page.handler_label.text()
    press(qtbot, w, Qt.Key.Key_N, CTRL)
    wait_at(qtbot, w, "risk_now")
    assert w.controller.view.actor == ("C789", "mh_practitioner")
    assert dialog_log.names().count("HandlerDialog") == 1  # asked once, then remembered


def test_store_error_is_a_dialog_and_the_typed_answer_stays(qtbot, window, svc, dialog_log, monkeypatch):
    press(qtbot, window, Qt.Key.Key_N, CTRL)
    wait_at(qtbot, window, "risk_now")
    press(qtbot, window, Qt.Key.Key_N)
    press(qtbot, window, Qt.Key.Key_3)
    wait_at(qtbot, window, "age")
    session = window.controller.session
    real = session.choose

    def full(*a, **k):
        raise DiskFull("The disk is full: the last action was NOT saved.")

    monkeypatch.setattr(session, "choose", full)
    type_text(qtbot, window, "52")
    press(qtbot, window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog_log.names() == ["ErrorDialog"])
    err = dialog_log.kwargs("ErrorDialog")
    assert "disk is full" in err["what"].lower() and "saved" in err["safe"] and err["next_step"]
    assert at(window)[1] == "age"
    assert window.call_screen.question_page.answer_edit.text() == "52"  # nothing typed is lost
    monkeypatch.setattr(session, "choose", real)
    press(qtbot, window, Qt.Key.Key_Return)  # try again once space is freed
    wait_at(qtbot, window, "pathway")


def test_locked_data_dir_shows_a_dialog(qtbot, svc, app_paths, dialog_log, monkeypatch):
    from gui_drive import FLOWS_OK

    monkeypatch.setenv("TRIAGE_DESKTOP_FLOWS_DIR", str(FLOWS_OK))
    monkeypatch.setenv("TRIAGE_DESKTOP_HOME", str(app_paths.data_dir.parent))
    assert gui_app.open_app(SimpleNamespace(data_dir=str(app_paths.data_dir), training=False)) is None
    assert dialog_log.names() == ["ErrorDialog"]
    err = dialog_log.kwargs("ErrorDialog")
    # one clear sentence that says what happened, what is safe and what to do (issue 12), never "restart"
    assert "Traceback" not in err["what"] and "already open" in err["what"] and "without changing" in err["what"]
    assert "use that window" in err["what"] and "restart" not in err["what"].lower()


def test_open_app_on_embedded_defaults(qtbot, tmp_path, monkeypatch, dialog_log):
    from gui_drive import FLOWS_OK

    monkeypatch.setenv("TRIAGE_DESKTOP_FLOWS_DIR", str(FLOWS_OK))
    opened = gui_app.open_app(SimpleNamespace(data_dir=str(tmp_path / "data"), training=True))
    assert opened is not None
    app, svc, window = opened
    qtbot.addWidget(window)
    try:
        assert window.isVisible() and "TRAINING" in window.windowTitle()
        assert window.start_page.training_label.isVisible()
        assert (tmp_path / "data" / "training.sqlite3").exists()
        assert dialog_log.names() == []
    finally:
        window.close()
        svc.close()


def test_entry_point_starts_and_exits_cleanly(tmp_path):
    """`triage-desktop gui` in a real process: window shown, event loop run, store closed, exit code 0."""
    import os
    import subprocess
    import sys

    from gui_drive import FLOWS_OK

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", TRIAGE_DESKTOP_FLOWS_DIR=str(FLOWS_OK),
               TRIAGE_DESKTOP_HOME=str(tmp_path / "home"), **{gui_app.ENV_QUIT_WHEN_SHOWN: "1"})
    res = subprocess.run([sys.executable, "-m", "triage_desktop.cli", "--data-dir", str(tmp_path / "data")],
                         env=env, capture_output=True, text=True, timeout=60)
    assert res.returncode == 0, res.stderr[-2000:]
    assert res.stdout.splitlines() == ["triage-desktop: main window shown", "triage-desktop: ready to take a call"]
    assert "Traceback" not in res.stderr
    assert (tmp_path / "data" / "triage.sqlite3").exists()


def test_the_cycle_collector_is_off_while_starting_and_back_on_once_ready(tmp_path):
    """The start (cli.main) runs without cycle collections, and the collector is on again once the app is ready:
    a real process, asked at the ready mark and after the event loop."""
    import os
    import subprocess
    import sys

    from gui_drive import FLOWS_OK

    code = ("import builtins, gc, sys\n"
            "real = builtins.print\n"
            "def said(*a, **k):\n"
            "    real(*a, **k)\n"
            "    if a and 'shown' in str(a[0]): real('collector at shown:', gc.isenabled())\n"
            "    if a and 'ready' in str(a[0]): real('collector at ready:', gc.isenabled())\n"
            "builtins.print = said\n"
            "from triage_desktop.cli import main\n"
            f"rc = main(['--data-dir', {str(tmp_path / 'data')!r}])\n"
            "real('collector after:', gc.isenabled())\n"
            "sys.exit(rc)\n")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", TRIAGE_DESKTOP_FLOWS_DIR=str(FLOWS_OK),
               TRIAGE_DESKTOP_HOME=str(tmp_path / "home"), **{gui_app.ENV_QUIT_WHEN_SHOWN: "1"})
    res = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert res.returncode == 0, res.stderr[-2000:]
    assert res.stdout.splitlines() == ["triage-desktop: main window shown", "collector at shown: False",
                                       "triage-desktop: ready to take a call", "collector at ready: False",
                                       "collector after: True"]
