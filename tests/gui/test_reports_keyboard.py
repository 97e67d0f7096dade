"""The Reports window by keyboard alone: Ctrl+R, period, comparison, tabs (Ctrl+Tab / Ctrl+PageDown), exports,
printing and Esc, with key events only; the Tab order follows reading order and nothing traps the focus."""
from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTableView, QWidget

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from figures_data import fill  # noqa: E402

from triage_desktop.gui import reports_export, reports_periods  # noqa: E402
from triage_desktop.gui import reports_window as rw  # noqa: E402

CTRL, ALT, NONE = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.AltModifier, Qt.KeyboardModifier.NoModifier


class _March12(date):
    @classmethod
    def today(cls) -> date:  # type: ignore[override]
        return date(2025, 3, 12)


def _key(qtbot: Any, key: Qt.Key, modifier: Qt.KeyboardModifier = NONE) -> None:
    """One key press delivered to whatever has the focus, as a person's keyboard would."""
    qtbot.keyClick(QApplication.focusWidget() or QApplication.activeWindow(), key, modifier)


def _settled(qtbot: Any, w: rw.ReportsWindow) -> None:
    qtbot.waitUntil(lambda: w.settled, timeout=20000)


@pytest.fixture
def reports_by_keyboard(qtbot: Any, svc: Any, window: Any, monkeypatch: Any) -> rw.ReportsWindow:
    fill(svc.store.conn)
    svc.settings.set("baseline_deployment_rate", "69")
    monkeypatch.setattr(rw, "date", _March12)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    _key(qtbot, Qt.Key.Key_R, CTRL)
    qtbot.waitUntil(lambda: getattr(window, "reports_window", None) is not None
                    and window.reports_window.isActiveWindow())
    w = window.reports_window
    _settled(qtbot, w)
    return w


def test_reports_window_by_keyboard_only(qtbot: Any, reports_by_keyboard: rw.ReportsWindow, monkeypatch: Any,
                                         tmp_path: Path) -> None:
    w = reports_by_keyboard
    assert w.period.start == "2025-03-10" and w.table_texts("deployment_rate") == [["2025-03-10", "4", "1", "25", "69"]]

    # the period: Alt+P to its picker, Down for the next choice (last month: February)
    _key(qtbot, Qt.Key.Key_P, ALT)
    assert QApplication.focusWidget() is w.period_combo
    with qtbot.waitSignal(w.computed, timeout=20000):
        _key(qtbot, Qt.Key.Key_Down)
    _settled(qtbot, w)
    assert w.period_combo.currentText() == "Last month" and w.period.start == "2025-02-01"
    assert w.table_texts("deployment_rate") == [["2025-02-17", "1", "1", "100", "69"]]
    with qtbot.waitSignal(w.computed, timeout=20000):
        _key(qtbot, Qt.Key.Key_Up)
    _settled(qtbot, w)

    # a custom period typed in: End picks "Custom", Alt+F / Alt+T the dates (digits fill year, month, day), Alt+S
    _key(qtbot, Qt.Key.Key_P, ALT)
    with qtbot.waitSignal(w.computed, timeout=20000):
        _key(qtbot, Qt.Key.Key_End)
    _settled(qtbot, w)
    for mnemonic, text in ((Qt.Key.Key_F, "20250303"), (Qt.Key.Key_T, "20250316")):
        _key(qtbot, mnemonic, ALT)
        qtbot.keyClicks(QApplication.focusWidget(), text)
    assert (w.from_edit.date().toString("yyyy-MM-dd"), w.to_edit.date().toString("yyyy-MM-dd")) == \
        ("2025-03-03", "2025-03-16")
    with qtbot.waitSignal(w.computed, timeout=20000):
        _key(qtbot, Qt.Key.Key_S, ALT)
    _settled(qtbot, w)
    assert w.table_texts("deployment_rate") == [["2025-03-03", "4", "2", "50", "69"], ["2025-03-10", "4", "1", "25", "69"]]
    _key(qtbot, Qt.Key.Key_P, ALT)
    with qtbot.waitSignal(w.computed, timeout=20000):
        _key(qtbot, Qt.Key.Key_Home)  # back to this week
    _settled(qtbot, w)

    # the comparison: Alt+W, Down = the period before (10-12 March against 7-9 March)
    _key(qtbot, Qt.Key.Key_W, ALT)
    assert QApplication.focusWidget() is w.compare_combo
    with qtbot.waitSignal(w.computed, timeout=20000):
        _key(qtbot, Qt.Key.Key_Down)
    _settled(qtbot, w)
    assert w.comparison_mode == "before"
    assert w.table_texts("comparison")[:2] == [["Calls", "4", "1"], ["Decision: police to attend", "1", "0"]]
    assert w.tabs.tabText(0) == "Comparison"

    # tabs: Ctrl+Tab and Ctrl+PageDown forward, Ctrl+Shift+Tab and Ctrl+PageUp back, wherever the focus is
    w.tabs.setCurrentIndex(0)
    seen = [w.tabs.tabText(0)]
    for key, mod in ((Qt.Key.Key_Tab, CTRL), (Qt.Key.Key_PageDown, CTRL), (Qt.Key.Key_PageDown, CTRL)):
        before = w.tabs.currentIndex()
        _key(qtbot, key, mod)
        assert w.tabs.currentIndex() == before + 1
        seen.append(w.tabs.tabText(w.tabs.currentIndex()))
    assert seen == ["Comparison", "Calls", "Deployment rate", "Hours released"]
    qtbot.waitUntil(lambda: w.chart("hours_released") is not None)  # drawn when its tab is shown
    _key(qtbot, Qt.Key.Key_PageUp, CTRL)
    _key(qtbot, Qt.Key.Key_Backtab, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert w.tabs.currentIndex() == 1
    _settled(qtbot, w)

    # exports: Alt+D (PDF) and Alt+C (CSV) write to the documents folder; Alt+R prints through the print dialog
    with qtbot.waitSignal(w.exported, timeout=20000) as pdf:
        _key(qtbot, Qt.Key.Key_D, ALT)
    assert pdf.args[0].endswith(".pdf") and Path(pdf.args[0]).stat().st_size > 5000
    with qtbot.waitSignal(w.exported, timeout=20000) as got:
        _key(qtbot, Qt.Key.Key_C, ALT)
    assert got.args[0].endswith(".csv") and "deployment_rate" in Path(got.args[0]).read_text(encoding="utf-8")
    asked: list[Any] = []
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    monkeypatch.setattr(reports_export.PrintDialog, "ask",
                        classmethod(lambda cls, parent: asked.append(parent) or printer))
    _key(qtbot, Qt.Key.Key_R, ALT)
    qtbot.waitUntil(lambda: bool(asked))  # a button's shortcut clicks it (animated) a moment later
    assert asked == [w] and (tmp_path / "printed.pdf").stat().st_size > 5000

    # Esc closes the window, whatever has the focus inside it
    w.table("deployment_rate")  # (a table exists for every figure)
    _key(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not w.isVisible())


def _focus_cycle(qtbot: Any, w: rw.ReportsWindow, start: QWidget, presses: int = 30) -> list[QWidget]:
    start.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is start)
    order = [start]
    for _ in range(presses):
        _key(qtbot, Qt.Key.Key_Tab)
        focused = QApplication.focusWidget()
        assert focused is not None and w.isAncestorOf(focused), "the focus left the window"
        if focused is start:
            return order
        order.append(focused)
    raise AssertionError(f"Tab never came back to the start: {[type(x).__name__ for x in order]}")


def test_tab_order_follows_reading_order_and_nothing_traps_the_focus(qtbot: Any,
                                                                     reports_by_keyboard: rw.ReportsWindow) -> None:
    w = reports_by_keyboard
    w.tabs.setCurrentIndex(1)
    _settled(qtbot, w)
    order = _focus_cycle(qtbot, w, w.period_combo)
    table = w.tabs.currentWidget().findChild(QTableView)
    expected = [w.period_combo, w.compare_combo, w.show_button, w.tabs.tabBar(), table, w.pdf_button,
                w.csv_button, w.print_button, w.close_button]  # the custom dates and Assumptions are disabled
    assert order == expected, [type(x).__name__ + ":" + (getattr(x, "text", lambda: "")() or x.objectName())
                               for x in order]
    # with a custom period the dates come after the period picker, in reading order
    with qtbot.waitSignal(w.computed, timeout=20000):
        w.period_combo.setCurrentIndex(reports_periods.PERIODS.index("Custom"))
    _settled(qtbot, w)
    order = _focus_cycle(qtbot, w, w.period_combo)
    assert order[:4] == [w.period_combo, w.from_edit, w.to_edit, w.compare_combo]
    # Shift+Tab walks the same way back
    w.close_button.setFocus(Qt.FocusReason.TabFocusReason)
    _key(qtbot, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is w.print_button
