"""Measure the History window and the dialogs with long lists or wrapped banners on a 1366x768 screen, in a process
of its own so QT_FONT_DPI (read when Qt starts) can give 200 % text; tests/gui/test_wide_lists_fit.py runs it and
asserts on the one JSON line it prints. `python tests/gui/wide_lists_probe.py [OUT_DIR]` also saves PNGs there."""
from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent), str(HERE.parents[1])]

from PySide6.QtCore import QRect, Qt, QThread  # noqa: E402
from PySide6.QtWidgets import QApplication, QComboBox, QStyle, QWidget  # noqa: E402

from gui_drive import FLOWS_OK, make_call  # noqa: E402
from triage_desktop.gui.column_fit import header_label_room  # noqa: E402
from triage_desktop.gui.history_model import COLUMNS  # noqa: E402
from triage_desktop.gui.history_view import HistoryView  # noqa: E402
from triage_desktop.gui.reports_window import ReportsWindow  # noqa: E402
from triage_desktop.gui.outcome_dialogs import EarlyExitDialog, OverrideDialog  # noqa: E402
from triage_desktop.gui.theme import apply_theme  # noqa: E402
from triage_desktop.gui.training_session_dialog import TrainingSessionDialog  # noqa: E402
from triage_desktop.paths import AppPaths  # noqa: E402
from triage_desktop.services import AppServices  # noqa: E402


def popup_width_ok(combo: QComboBox) -> bool:
    """The list that opens (at least as wide as the combo) is wide enough for its longest entry."""
    return max(combo.view().minimumWidth(), combo.width()) >= combo.view().sizeHintForColumn(0)


def history_columns(history: HistoryView) -> dict[str, object]:
    """Each header's words against the room the style leaves them in its section (less the sort arrow's where the
    column sorts), each short column's first-row text against its cell, and whether the list scrolls sideways."""
    view, header = history.table_view, history.table_view.horizontalHeader()
    fm, cell_fm = header.fontMetrics(), view.fontMetrics()
    margin = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
    cut_headers, cut_cells = [], []
    for col, (title, key, order) in enumerate(COLUMNS):
        text = str(history.model.headerData(col, Qt.Orientation.Horizontal))
        room = header_label_room(header, header.sectionSize(col), text, order is not None)
        if room < fm.horizontalAdvance(text):
            cut_headers.append([text, header.sectionSize(col), room, fm.horizontalAdvance(text)])
        if key in ("pathway", "outcome_code", "marks") or history.model.rowCount() == 0:
            continue  # long text: it shares what is left and may be elided
        cell = str(history.model.index(0, col).data() or "")
        box = QRect(0, 0, header.sectionSize(col) - 2 * margin, 10000)
        needs = cell_fm.boundingRect(box, int(Qt.TextFlag.TextWordWrap), cell)
        if needs.width() > box.width() or needs.height() > view.rowHeight(0):
            cut_cells.append([cell, header.sectionSize(col), view.rowHeight(0), needs.width(), needs.height()])
    return {"cut_headers": cut_headers, "cut_cells": cut_cells, "header_length": header.length(),
            "viewport": view.viewport().width(), "hscroll_max": view.horizontalScrollBar().maximum(),
            "widths": [header.sectionSize(c) for c in range(header.count())],
            "row_lines": view.property("row_lines"), "rows": history.model.rowCount()}


def shown(app: QApplication, w: QWidget, out: str, name: str) -> None:
    w.show()
    for _ in range(10):
        app.processEvents()
    if out:
        w.grab().save(str(Path(out) / f"{name}.png"))


def main(out: str) -> None:
    app = QApplication([])
    apply_theme(app)
    got: dict[str, object] = {"font_px": app.fontMetrics().height(),
                              "screen": app.primaryScreen().availableGeometry().getRect()}
    with tempfile.TemporaryDirectory() as folder:
        svc = AppServices.open(AppPaths.from_root(Path(folder)), flows_dir=FLOWS_OK)
        try:
            make_call(svc)  # a row to measure the cells of
            history = HistoryView(svc)
            history.resize(1366, 768)
            shown(app, history, out, "history")
            for _ in range(200):  # the rows come from the database worker
                if history.model.rowCount() and not history.model.busy:
                    break
                app.processEvents()
                QThread.msleep(10)
            shown(app, history, out, "history")
            got["history_columns"] = history_columns(history)
            got["history"] = {"min_width": history.minimumSizeHint().width(), "width": history.width(),
                              "popups_whole": all(popup_width_ok(c) for c in (history.pathway_combo,
                                                                              history.outcome_combo))}
            history.close()
            for name, dialog in (("override", OverrideDialog(current_code="GP_OR_111")),
                                 ("early_exit", EarlyExitDialog())):
                shown(app, dialog, out, name)
                got[name] = {"width": dialog.width(), "min_width": dialog.minimumSizeHint().width(),
                             "popup_whole": popup_width_ok(dialog.code_combo)}
                dialog.close()
            session = TrainingSessionDialog(None, scenarios=[])
            shown(app, session, out, "training_session")
            banner = session.layout().itemAt(0).widget()
            got["training_session"] = {"size": session.size().toTuple(), "banner_height": banner.height(),
                                       "banner_needs": banner.heightForWidth(banner.width()),
                                       "banner_text": banner.text()[:26]}
            session.close()
        finally:
            svc.close()
        # Reports on the training store: the training banner and the longer "training calls" status wrap
        train = AppServices.open(AppPaths.from_root(Path(folder) / "training"), training=True, flows_dir=FLOWS_OK)
        try:
            make_call(train)
            reports = ReportsWindow(train)
            reports.resize(1366, 768)
            reports.show()
            for _ in range(500):
                if reports.settled:
                    break
                app.processEvents()
                QThread.msleep(10)
            shown(app, reports, out, "reports_training")
            got["reports_training"] = {"width": reports.width(), "min_width": reports.minimumSizeHint().width(),
                                       "banner": reports.training_banner.isVisible(),
                                       "status": reports.status_label.text()}
            reports.close()
        finally:
            train.close()
    print(json.dumps(got))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "")
