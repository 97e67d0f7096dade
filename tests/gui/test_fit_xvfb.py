"""A real maximise: the main window on a 1366×768 X screen (Xvfb) managed by a real window manager (openbox).

Offscreen, Qt maximises a window itself; on a desktop it is the window manager that does it, with its own frame.
This starts Xvfb and openbox (installed by .ci/xvfb.sh, which `make test` and .ci/run call), then the app's own
start-up path (`show_fitted`) in a child process on the xcb platform, and checks from inside that process that the
window was maximised to the screen's available area and that the first question (9 answers) fits."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from screenshots import screenshot_path

TESTS = Path(__file__).resolve().parents[1]

CHILD = r"""
import json, os, sys
sys.path[:0] = [os.environ["TRIAGE_TESTS"], os.path.join(os.environ["TRIAGE_TESTS"], "gui")]
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from triage_desktop.gui.app import _application
from triage_desktop.gui.main_window import MainWindow
from triage_desktop.paths import AppPaths
from triage_desktop.services import AppServices
from fit_probe import fits_screen, question_problems

app = _application()
paths = AppPaths.from_root(sys.argv[1])
svc = AppServices.open(paths)
svc.settings.set("handler_id", "4521")
svc.settings.set("handler_role", "call_handler")
w = MainWindow(svc, paths=paths)
w.show_fitted()
result = {"ticks": 0}

def done():
    result.update(maximized=w.isMaximized(), frame=w.frameGeometry().getRect(), geometry=w.geometry().getRect(),
                  available=w.screen().availableGeometry().getRect(), screen=w.screen().geometry().getRect(),
                  platform=QApplication.platformName(), fits=fits_screen(w))
    w.on_new_call_action_triggered()
    QTimer.singleShot(50, on_question)

def on_question():
    result["ticks"] += 1
    ready = not w.controller.busy and w.bridge.idle and w.controller.view is not None
    if not ready and result["ticks"] < 400:  # the call starts on the database worker: look again shortly
        QTimer.singleShot(50, on_question)
        return
    for _ in range(5):
        app.processEvents()
    result["question"] = w.controller.view.current[1] if w.controller.view else None
    result["answers"] = len(w.call_screen.question_page.answer_buttons)
    result["problems"] = question_problems(w)
    w.grab().save(sys.argv[2])
    print("RESULT " + json.dumps(result), flush=True)
    os._exit(0)

def poll():
    result["ticks"] += 1
    avail = w.screen().availableGeometry()
    if (w.isMaximized() and w.frameGeometry().size() == avail.size()) or result["ticks"] > 150:
        done()
    else:
        QTimer.singleShot(100, poll)

QTimer.singleShot(100, poll)
app.exec()
"""


def _need(cmd: str) -> str:
    path = shutil.which(cmd)
    assert path, f"{cmd} is missing: run `bash .ci/xvfb.sh` (make test and .ci/run do)"
    return path


@pytest.fixture
def x_display(tmp_path):
    """Xvfb on a free display (it writes the number itself: -displayfd) with openbox managing it."""
    xvfb, openbox = _need("Xvfb"), _need("openbox")
    r, wfd = os.pipe()
    server = subprocess.Popen([xvfb, "-displayfd", str(wfd), "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
                              pass_fds=(wfd,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(wfd)
    with os.fdopen(r) as f:
        number = f.readline().strip()
    assert number.isdigit(), "Xvfb did not start"
    display = f":{number}"
    env = dict(os.environ, DISPLAY=display, HOME=str(tmp_path))
    wm = subprocess.Popen([openbox, "--sm-disable"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    yield display
    for p in (wm, server):
        p.terminate()
        try:
            p.wait(timeout=10)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()


def test_window_is_maximised_by_the_window_manager_and_the_question_fits(tmp_path, x_display):
    shot = screenshot_path("fit-xvfb-1366x768.png")
    env = dict(os.environ, DISPLAY=x_display, QT_QPA_PLATFORM="xcb", TRIAGE_TESTS=str(TESTS),
               TRIAGE_FIT_SCREEN="1366x768")
    env.pop("QT_FONT_DPI", None)
    proc = subprocess.run([sys.executable, "-c", CHILD, str(tmp_path / "app"), str(shot)], env=env,
                          capture_output=True, text=True, timeout=180, cwd=TESTS.parent)
    line = next((ln for ln in proc.stdout.splitlines() if ln.startswith("RESULT ")), None)
    assert line is not None, (proc.returncode, proc.stdout[-3000:], proc.stderr[-3000:])
    got = json.loads(line[len("RESULT "):])
    assert got["platform"] == "xcb"
    assert got["screen"] == [0, 0, 1366, 768]
    assert got["maximized"], got
    assert got["frame"][2:] == got["available"][2:], got  # the frame fills the available area
    assert got["fits"] == [], got
    assert (got["question"], got["answers"]) == ("who_calling", 9)
    assert got["problems"] == [], got["problems"]
    assert shot.stat().st_size > 5000
