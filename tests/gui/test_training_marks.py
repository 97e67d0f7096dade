"""History and Reports on the training store say TRAINING in their title and a banner, in the main window's words and
colours (one source: gui/draft_marks.py), and Reports counts and names the training calls; on the live store there is
no mark and Reports says live calls. Real stores (live and training SQLite files), real calls, real windows."""
from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QWidget

from gui_drive import FLOWS_OK, make_call
from triage_desktop.gui import theme
from triage_desktop.gui.history_view import HistoryView
from triage_desktop.gui.main_window import MainWindow
from triage_desktop.gui.reports_window import ReportsWindow
from triage_desktop.services import AppServices

TRAINING_WORDS = "TRAINING: not a real call"


def background_of(widget: QWidget) -> str:
    """The colour most of the widget's right-hand padding is painted (its background, never its text)."""
    QApplication.processEvents()
    img = widget.grab().toImage()
    counts: dict[str, int] = {}
    for x in range(img.width() - 2, max(img.width() - 8, 0), -1):
        for y in range(2, img.height() - 2):
            c = QColor(img.pixel(x, y)).name()
            counts[c] = counts.get(c, 0) + 1
    return max(counts, key=lambda c: counts[c])


@pytest.fixture(params=["live", "training"])
def store(request: Any, app_paths: Any) -> Any:
    training = request.param == "training"
    svc = AppServices.open(app_paths, training=training, flows_dir=FLOWS_OK)
    svc.settings.set("handler_id", "1234")
    svc.settings.set("handler_role", "call_handler")
    make_call(svc)  # one finalised call in this store (a mock call on the training store)
    yield svc
    svc.close()


def main_window_banner(qtbot: Any, svc: Any) -> Any:
    """The main window's own training banner (the start page's), to compare words and colours with."""
    window = MainWindow(svc, training=svc.training)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window, window.start_page.training_label


def test_history_is_marked_only_on_the_training_store(qtbot: Any, store: Any) -> None:
    window, main_banner = main_window_banner(qtbot, store)
    view = HistoryView(store)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    if store.training:
        assert view.windowTitle().startswith(TRAINING_WORDS + " — "), view.windowTitle()
        assert window.windowTitle().startswith(TRAINING_WORDS), window.windowTitle()  # the same words
        assert view.training_banner.isVisible() and main_banner.isVisible()
        assert view.training_banner.text() == main_banner.text() and TRAINING_WORDS in view.training_banner.text()
        assert background_of(view.training_banner) == background_of(main_banner) == theme.AMBER_BG
    else:
        assert "TRAINING" not in view.windowTitle() and not view.training_banner.isVisibleTo(view)
        assert not main_banner.isVisibleTo(window)


def test_reports_are_marked_and_count_training_calls_only_on_the_training_store(qtbot: Any, store: Any) -> None:
    _window, main_banner = main_window_banner(qtbot, store)
    reports = ReportsWindow(store, today=date.today)
    qtbot.addWidget(reports)
    reports.show()
    qtbot.waitExposed(reports)
    qtbot.waitUntil(lambda: reports.settled, timeout=20000)
    source, status = reports.source_label.text(), reports.status_label.text()
    calls = sum(r[3] for r in reports.figures["calls_by_week"].rows)
    assert calls == 1, reports.figures["calls_by_week"].rows  # the store's own call is counted, live or mock
    if store.training:
        assert reports.windowTitle().startswith(TRAINING_WORDS + " — "), reports.windowTitle()
        assert reports.training_banner.isVisible() and reports.training_banner.text() == main_banner.text()
        assert background_of(reports.training_banner) == theme.AMBER_BG
        assert "live calls" not in source and "training calls" in source, source
        assert status.startswith("1 training calls on this PC"), status
        assert any(line.startswith(TRAINING_WORDS) for line in reports.title_lines())  # the PDF's heading too
        assert not any("live calls" in line for line in reports.title_lines())
    else:
        assert "TRAINING" not in reports.windowTitle() and not reports.training_banner.isVisibleTo(reports)
        assert "live calls" in source and "training" not in source, source
        assert status.startswith("1 calls on this PC"), status
        assert not any("TRAINING" in line for line in reports.title_lines())
