"""Issue 12, "fits the screen": the call screens on 1366×768 and 1280×720 and at 200 % text, checked on what is drawn.

The size checks run in tests/gui/fit_probe.py, one fresh interpreter per screen size (Qt fixes the screen and the
font DPI when the application starts; see that file). Here: those runs, the colours a style rule must paint
(sampled from the grabbed pixels) and the window geometry remembered per screen."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from gui_drive import settle, show_window
from triage_desktop.gui import theme
from triage_desktop.gui.main_window import MainWindow
from triage_desktop.gui.window_state import WindowStateMixin
from triage_desktop.services import AppServices

TESTS = Path(__file__).resolve().parents[1]
PROBE = Path(__file__).with_name("fit_probe.py")

#: (screen, font DPI): 1366×768 and 1280×720 at 100 %, 1366×768 at 200 % text (not a 2× device scale)
SIZES = [("1366x768", 96), ("1280x720", 96), ("1366x768", 192)]


def screen_config(tmp_path: Path, size: str) -> Path:
    w, h = (int(x) for x in size.split("x"))
    path = tmp_path / f"screen-{size}.json"
    path.write_text(json.dumps({"screens": [{"name": "Control-room", "x": 0, "y": 0, "width": w, "height": h,
                                             "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    return path


@pytest.mark.parametrize("size,dpi", SIZES, ids=["1366x768", "1280x720", "1366x768-200pct"])
def test_call_screens_fit(tmp_path, size, dpi):
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={screen_config(tmp_path, size)}",
               QT_FONT_DPI=str(dpi), QT_ENABLE_HIGHDPI_SCALING="0", TRIAGE_FIT_SCREEN=size)
    report = tmp_path / "probe.xml"
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--timeout", "240",
                           f"--junitxml={report}", "--rootdir", str(TESTS.parent), str(PROBE)],
                          cwd=TESTS.parent, env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout[-6000:] + proc.stderr[-2000:]
    suite = ET.parse(report).getroot().find("testsuite")
    assert suite is not None
    ran = int(suite.get("tests", 0)) - int(suite.get("skipped", 0))
    assert ran == 9 and int(suite.get("failures", 0)) == int(suite.get("errors", 0)) == 0, proc.stdout[-3000:]


# ----- colours a style rule must paint -------------------------------------------------------------------------
def colour_at(widget: QWidget, x: int, y: int) -> str:
    QApplication.processEvents()
    img: QImage = widget.grab().toImage()
    return QColor(img.pixel(x, y)).name()


def background_of(widget: QWidget) -> str:
    """The colour most of the widget's edge is painted (a padded label's background), from the grabbed pixels."""
    QApplication.processEvents()
    img = widget.grab().toImage()
    w, h = img.width(), img.height()
    counts: dict[str, int] = {}
    for x in range(w - 2, max(w - 8, 0), -1):  # the right-hand padding: background, never text
        for y in range(2, h - 2):
            c = QColor(img.pixel(x, y)).name()
            counts[c] = counts.get(c, 0) + 1
    return max(counts, key=lambda c: counts[c])


@pytest.fixture
def real_svc(app_paths):
    svc = AppServices.open(app_paths)
    svc.settings.set("handler_id", "4521")
    svc.settings.set("handler_role", "call_handler")
    yield svc
    svc.close()


def test_painted_colours_follow_their_meaning(qtbot, real_svc, app_paths):
    """Flags amber with the word "Flag", the police emergency banner red, the immediate-risk button red, and a
    neutral outcome neutral: read back from the pixels, since a more specific style rule can override a colour."""
    w = show_window(qtbot, real_svc, app_paths)
    w.on_new_call_action_triggered()
    settle(qtbot, w)
    for a in ["self", "no", "no", "no", "none", "no", "crisis", "no", "no", "none", "yes", "community", None]:
        if w.controller.view.outcome is not None or w.controller.view.question is None:
            break
        assert w.controller.answer(a, volunteered=False), w.controller.view.current
        settle(qtbot, w)
    panel = w.call_screen.side_panel
    flags = [lab for lab in panel.flags_box.findChildren(QLabel) if lab.isVisibleTo(panel) and "Flag" in lab.text()]
    assert flags, "this call raises a flag"
    for lab in flags:
        assert lab.text().startswith("⚠ Flag:")  # never colour alone
        assert background_of(lab) == theme.AMBER_BG, lab.text()
    risk = w.call_screen.header.risk_button
    assert background_of(risk) == theme.RED
    w.controller.immediate_risk("Caller says her partner has a knife")
    settle(qtbot, w)
    if w.controller.view.in_post_decision:
        w.controller.finish()
        settle(qtbot, w)
    banner = w.call_screen.outcome_page.attend_label
    assert banner.text().startswith("▲ POLICE WILL ATTEND")
    assert background_of(banner) == theme.RED
    # the text starts clear of the box edge: the rule's padding applied (it was not, after a role change)
    assert banner.contentsMargins().left() >= 8


def test_neutral_outcome_banner_is_neutral_and_not_clipped(qtbot, real_svc, app_paths):
    w = show_window(qtbot, real_svc, app_paths)
    w.on_new_call_action_triggered()
    settle(qtbot, w)
    for a in ["family_friend_public", "no", "no", "no", "none", "no", "welfare", "missed_care", "no", "no", "no",
              "specific", ["phoned"], "spoke yesterday", None, "mh_team"]:
        assert w.controller.answer(a, volunteered=False), w.controller.view.current
        settle(qtbot, w)
    banner = w.call_screen.outcome_page.attend_label
    assert banner.text().startswith("● POLICE WILL NOT ATTEND")
    assert background_of(banner) == theme.PANEL
    # the left rule (6 px of ink), then padding, then the text: the first text pixel is right of the rule
    m = banner.contentsMargins()
    assert m.left() >= 6 + 8
    assert colour_at(banner, 2, banner.height() // 2) == theme.INK
    assert colour_at(banner, 6 + 3, banner.height() // 2) == theme.PANEL


def test_set_role_reapplies_the_whole_rule(qtbot):
    lab = QLabel("● text")
    qtbot.addWidget(lab)
    lab.show()
    qtbot.waitExposed(lab)
    theme.set_role(lab, "badge")
    QApplication.processEvents()
    assert lab.contentsMargins().left() == 6 + 8  # border-left + padding of the badge rule
    theme.set_role(lab, "risk")
    QApplication.processEvents()
    assert lab.contentsMargins().left() == 8 and background_of(lab) == theme.RED
    lab.setStyleSheet("QLabel { color: black; }" )
    theme.set_role(lab, "badge")
    assert "color: black" in lab.styleSheet()  # the widget's own rules are kept


# ----- the window on the screen it opens on ---------------------------------------------------------------------
# (maximised by default on 1366×768 and 1280×720: fit_probe.py, test_window_opens_maximised_and_fits_the_screen; by a
# real window manager: test_fit_xvfb.py)
def test_geometry_is_remembered_per_screen(qtbot, svc, app_paths):
    w = MainWindow(svc, paths=app_paths)
    qtbot.addWidget(w)
    w.show_fitted()
    qtbot.waitExposed(w)
    qtbot.waitUntil(w.isMaximized)
    w.showNormal()  # the user chose otherwise on this screen
    w.setGeometry(40, 50, 700, 500)
    qtbot.waitUntil(lambda: not w.isMaximized() and w.width() == 700)
    w.save_geometry()
    key = WindowStateMixin.screen_key(w.screen())
    settings = QSettings(str(Path(app_paths.state_dir) / "window.ini"), QSettings.Format.IniFormat)
    assert isinstance(settings.value(f"{key}/geometry"), QByteArray)
    w.close()

    again = MainWindow(svc, paths=app_paths)
    qtbot.addWidget(again)
    again.show_fitted()
    qtbot.waitExposed(again)
    assert not again.isMaximized()  # as the user left it on this screen, not the default
    assert again.size().toTuple() == (700, 500)

    # another screen (a different name or size) has no memory: the default, maximised
    settings.remove(key)
    settings.setValue("screens/Other 3840x2160/geometry", QByteArray(b"x"))
    settings.sync()
    third = MainWindow(svc, paths=app_paths)
    qtbot.addWidget(third)
    third.show_fitted()
    qtbot.waitExposed(third)
    qtbot.waitUntil(third.isMaximized)


def test_shortcut_hints_move_to_the_tooltip_when_a_row_is_too_narrow(qtbot):
    from PySide6.QtWidgets import QPushButton

    from triage_desktop.gui.fit import fit_hints, split_hint

    assert split_hint("Hand over… (Ctrl+H)") == ("Hand over…", "Ctrl+H")
    assert split_hint("Finish") == ("Finish", "")
    row = QWidget()
    qtbot.addWidget(row)
    buttons = [QPushButton("Hand over… (Ctrl+H)", row), QPushButton("End call early… (Ctrl+E)", row)]
    buttons[1].setToolTip("Steps not asked stay not asked")
    full = sum(b.sizeHint().width() + 8 for b in buttons)
    assert fit_hints(buttons, full) is False and buttons[0].text() == "Hand over… (Ctrl+H)"
    assert fit_hints(buttons, full - 1) is True
    assert [b.text() for b in buttons] == ["Hand over…", "End call early…"]  # whole words, never cut
    assert [b.toolTip() for b in buttons] == ["Hand over… (Ctrl+H)", "End call early… (Ctrl+E)"]
    assert fit_hints(buttons, full) is False
    assert buttons[1].toolTip() == "Steps not asked stay not asked"  # its own tooltip back


def test_a_focused_primary_button_has_room_for_its_words(qtbot):
    """Qt sizes a style-sheet button in its unfocused state; the primary button's 4px focus ring takes 4px of its
    padding, so the focused button's words still fit inside its contents (they ran 7px into the padding)."""
    from PySide6.QtWidgets import QPushButton, QStyle, QStyleOptionButton

    window = QWidget()
    qtbot.addWidget(window)
    button = QPushButton("Start a new call  (Ctrl+N)", window)
    button.setProperty("role", "primary")
    theme.apply_font(button, theme.HEADLINE_FACTOR, bold=True)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)

    def room() -> int:
        QApplication.processEvents()
        button.resize(button.sizeHint())  # as a layout gives it: the width it asks for
        opt = QStyleOptionButton()
        opt.initFrom(button)
        opt.text = button.text()
        return button.style().subElementRect(QStyle.SubElement.SE_PushButtonContents, opt, button).width()

    need = button.fontMetrics().horizontalAdvance(button.text())
    assert room() >= need
    button.setFocus()
    qtbot.waitUntil(button.hasFocus)
    assert room() >= need, "focused, the words run into the padding"
