"""Render the Reports window at 1366x768 in a process of its own, so QT_FONT_DPI (set before Qt starts) can give
200 % text: `QT_FONT_DPI=192 python tests/gui/reports_shot.py OUT.png TAB` (offscreen, where Qt ignores QT_FONT_DPI,
the point sizes are scaled by the same factor). Prints one JSON line: what is clipped,
the window's size and minimum size, and the picker rows (tests/gui/test_reports_window.py asserts on them)."""
from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent), str(HERE.parents[1])]

from PySide6.QtCore import QDate  # noqa: E402
from PySide6.QtWidgets import QApplication, QBoxLayout  # noqa: E402

from figures_data import fill  # noqa: E402
from gui_drive import FLOWS_OK  # noqa: E402
from test_screens import clipped  # noqa: E402

from triage_desktop.gui import reports_periods  # noqa: E402
from triage_desktop.gui import reports_window as rw  # noqa: E402
from triage_desktop.gui.theme import apply_theme  # noqa: E402
from triage_desktop.paths import AppPaths  # noqa: E402
from triage_desktop.services import AppServices  # noqa: E402


def wait(app: QApplication, until, timeout: float = 30.0) -> None:
    end = time.monotonic() + timeout
    while not until():
        if time.monotonic() > end:
            raise SystemExit("timed out")
        app.processEvents()
        time.sleep(0.005)


def main(out: str, tab: str) -> None:
    app = QApplication([])
    apply_theme(app)
    want, have = float(os.environ.get("QT_FONT_DPI", "0") or 0), app.primaryScreen().logicalDotsPerInch()
    if want and abs(want - have) > 1:
        # the offscreen platform ignores QT_FONT_DPI (only xcb reads it): the same effect on text is every point
        # size times want/have, which is what a font DPI does to point sizes (the theme sets point sizes only)
        font = app.font()
        font.setPointSizeF(font.pointSizeF() * want / have)
        app.setFont(font)
    with tempfile.TemporaryDirectory() as folder:
        svc = AppServices.open(AppPaths.from_root(Path(folder)), flows_dir=FLOWS_OK)
        try:
            fill(svc.store.conn)
            svc.settings.set("baseline_deployment_rate", "69")
            svc.settings.set("baseline_source", "Cheshire, same days a year earlier")
            w = rw.ReportsWindow(svc, today=lambda: date(2025, 3, 12))
            w.resize(1366, 768)
            w.show()
            wait(app, lambda: w.settled)
            w.period_combo.setCurrentIndex(reports_periods.PERIODS.index("Custom"))
            w.from_edit.setDate(QDate(2025, 3, 3))
            w.to_edit.setDate(QDate(2025, 3, 16))
            w.compare_combo.setCurrentIndex(2)
            w.refresh()
            wait(app, lambda: w.settled)
            index = next(i for i in range(w.tabs.count()) if w.tabs.tabText(i) == tab)
            w.tabs.setCurrentIndex(index)
            key = w.tabs.currentWidget().objectName().removeprefix("figure_")
            wait(app, lambda: w.chart(key) is not None and w.settled)
            for _ in range(5):
                app.processEvents()
            assert w.grab().save(out), out
            chart = w.chart(key).chart()
            print(json.dumps({
                "clipped": clipped(w), "size": list(w.size().toTuple()),
                "minimum": list(w.minimumSizeHint().toTuple()), "font_px": w.fontInfo().pixelSize(),
                "pickers_stacked": w.pickers.box.direction() == QBoxLayout.Direction.TopToBottom,
                "chart_title": chart.title(), "legend_visible": chart.legend().isVisible(),
                "legend_fits": chart.legend().geometry().width() <= chart.plotArea().width() + 200,
            }))
            w.close()
        finally:
            svc.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "Deployment rate")
