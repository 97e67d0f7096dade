"""History by keyboard (issue 12): no focus traps in the date fields, Enter in the search opens the one call found
(or the selected one), Down goes into the list, a call id finds its call, an unsortable column says so."""
from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from gui_drive import CTRL, make_call, press
from triage_desktop.gui.history_model import COLUMNS


def open_history(qtbot, window):
    press(qtbot, window, Qt.Key.Key_F, CTRL)
    view = window.history_window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is view)
    qtbot.waitUntil(view.search_edit.hasFocus)
    return view


def key(qtbot, k, mod=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(QApplication.focusWidget(), k, mod)


def test_tab_walks_through_the_date_fields_and_out(qtbot, window, svc):
    view = open_history(qtbot, window)
    seen = []
    for _ in range(12):
        key(qtbot, Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
    assert view.from_edit in seen and view.to_edit in seen
    after_from = seen[seen.index(view.from_edit) + 1]
    assert after_from is view.to_edit  # one Tab leaves the field (not day -> month -> year)
    assert seen[seen.index(view.to_edit) + 1] is not view.to_edit
    view.to_edit.setFocus()
    qtbot.waitUntil(view.to_edit.hasFocus)
    key(qtbot, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is view.from_edit


def reports_opened(dialog_log) -> int:
    return dialog_log.names().count("CallReportDialog")


def test_enter_in_search_opens_the_single_result_and_down_goes_to_the_list(qtbot, window, svc, dialog_log):
    make_call(svc, note="Neighbour heard shouting near the canal")
    wanted = make_call(svc, note="Caller mentioned a kitchen knife in the drawer")
    make_call(svc, note="Quiet street")
    dialog_log.answers["CallReportDialog"] = None
    view = open_history(qtbot, window)
    qtbot.keyClicks(view.search_edit, "knife")
    key(qtbot, Qt.Key.Key_Return)  # no waiting for the typing pause: it opens once the search's rows are back
    qtbot.waitUntil(lambda: reports_opened(dialog_log) == 1)
    assert dialog_log.kwargs("CallReportDialog")["uuid"] == wanted
    view.search_edit.clear()
    view.apply_filters()
    qtbot.waitUntil(lambda: not view.model.reloading and view.model.rowCount() == 3)
    key(qtbot, Qt.Key.Key_Return)  # three calls and none chosen: Enter opens nothing
    qtbot.waitUntil(lambda: not view.model.reloading)
    QApplication.processEvents()
    assert reports_opened(dialog_log) == 1
    key(qtbot, Qt.Key.Key_Down)
    assert view.table_view.hasFocus() and view.table_view.currentIndex().row() == 0
    key(qtbot, Qt.Key.Key_Down)
    second = view.model.uuid_at(1)
    key(qtbot, Qt.Key.Key_Return)
    assert dialog_log.kwargs("CallReportDialog")["uuid"] == second


def test_search_by_call_id(qtbot, window, svc, dialog_log):
    make_call(svc)
    wanted = make_call(svc)
    dialog_log.answers["CallReportDialog"] = None
    view = open_history(qtbot, window)
    qtbot.keyClicks(view.search_edit, wanted[:8])
    view.search_edit.insert("…")  # pasted as the start page shows it after a call (QTest cannot type "…")
    key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: reports_opened(dialog_log) == 1)
    assert dialog_log.kwargs("CallReportDialog")["uuid"] == wanted
    view.search_edit.setText(wanted)
    view.apply_filters()
    qtbot.waitUntil(lambda: not view.model.reloading)
    assert [view.model.uuid_at(i) for i in range(view.model.rowCount())] == [wanted]
    assert view.model.total() == 1


def test_sorting_an_unindexed_column_says_so(qtbot, window, svc):
    make_call(svc)
    view = open_history(qtbot, window)
    header = view.table_view.horizontalHeader()
    col = [c[1] for c in COLUMNS].index("duration_s")
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(header.sectionViewportPosition(col) + 10, 5))
    assert view.sort_label.isVisible()
    assert "cannot be sorted" in view.sort_label.text() and "Length" in view.sort_label.text()
    assert header.sortIndicatorSection() == 0
    header.setSortIndicator([c[1] for c in COLUMNS].index("handler_id"), Qt.SortOrder.AscendingOrder)
    assert not view.sort_label.isVisible() and view.model.order_by == "handler_id"
