"""The Reports window driven by pytest-qt: period change, comparison, PDF (text extracted, pages counted), CSV."""
from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
import unicodedata
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QImage

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from figures_data import fill  # noqa: E402
from screenshots import screenshot_path  # noqa: E402

from triage_desktop.gui import reports_export, reports_periods  # noqa: E402
from triage_desktop.gui import reports_window as rw  # noqa: E402


def _colours(image: QImage) -> set[int]:
    return {image.pixel(x, y) for x in range(0, image.width(), 37) for y in range(0, image.height(), 23)}


@pytest.fixture
def reports(qtbot: Any, svc: Any) -> rw.ReportsWindow:
    fill(svc.store.conn)
    svc.settings.set("force_name", "Example Constabulary")
    svc.settings.set("baseline_deployment_rate", "69")
    svc.settings.set("baseline_source", "Cheshire, same days a year earlier")
    window = rw.ReportsWindow(svc, today=lambda: date(2025, 3, 12))
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.computed, timeout=20000):
        pass
    return window


def _choose_custom(qtbot: Any, window: rw.ReportsWindow, start: QDate, end: QDate) -> None:
    with qtbot.waitSignal(window.computed, timeout=20000):
        window.period_combo.setCurrentIndex(reports_periods.PERIODS.index("Custom"))
    window.from_edit.setDate(start)
    window.to_edit.setDate(end)
    with qtbot.waitSignal(window.computed, timeout=20000):
        qtbot.mouseClick(window.show_button, Qt.MouseButton.LeftButton)


def _cells(window: rw.ReportsWindow, key: str) -> list[list[str]]:
    return window.table_texts(key)


def test_period_change_comparison_pdf_and_csv(qtbot: Any, reports: rw.ReportsWindow, tmp_path: Path) -> None:
    w = reports
    assert "this PC" in w.source_label.text() and "force-wide" in w.source_label.text()
    # "This week" of 2025-03-12: Monday 10th to the 12th
    assert w.period.start == "2025-03-10" and _cells(w, "deployment_rate") == [["2025-03-10", "4", "1", "25", "69"]]
    _choose_custom(qtbot, w, QDate(2025, 3, 3), QDate(2025, 3, 16))
    assert _cells(w, "deployment_rate") == [["2025-03-03", "4", "2", "50", "69"], ["2025-03-10", "4", "1", "25", "69"]]
    assert _cells(w, "s136")[2] == ["1-2 h", "1"] and _cells(w, "s136")[-1] == ["Escalated past one hour", "1"]
    assert _cells(w, "time_to_decision")[-1] == ["Whole period", "7", "60", "152"]
    with qtbot.waitSignal(w.computed, timeout=20000):
        w.compare_combo.setCurrentIndex(1)  # the period before
    assert _cells(w, "comparison") == [["Calls", "8", "1"], ["Decision: police to attend", "3", "1"],
                                      ["Police deployment rate %", "37.5", "100"],
                                      ["Officer hours released (estimate)", "19", "0"]]
    assert w.tabs.tabText(0) == "Comparison"
    with qtbot.waitSignal(w.computed, timeout=20000):
        w.compare_combo.setCurrentIndex(2)  # the force-wide baseline
    assert _cells(w, "comparison")[0] == ["Police deployment rate %", "37.5", "69"]
    w.resize(1366, 768)
    w.tabs.setCurrentIndex(2)
    qtbot.waitUntil(lambda: w.chart("deployment_rate") is not None and w.settled)
    from test_screens import clipped

    assert clipped(w) == []
    assert w.chart("deployment_rate").chart().title() == ""  # the wrapped label above carries it, never elided
    shot = screenshot_path("reports-window.png")
    assert w.grab().save(str(shot))
    image = QImage(str(shot))
    assert (image.width(), image.height()) == (1366, 768) and len(_colours(image)) > 8  # drawn, not blank

    with qtbot.waitSignal(w.exported, timeout=20000) as got:
        qtbot.mouseClick(w.pdf_button, Qt.MouseButton.LeftButton)
    pdf = Path(got.args[0])
    assert pdf.parent == Path(w.svc.paths.documents_dir) and pdf.suffix == ".pdf"
    if not shutil.which("pdftotext"):
        pytest.fail("poppler-utils is needed (bash .ci/browser.sh installs it)")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert pages == 1 + 1 + len(reports_periods.FIGURE_KEYS)  # title page, the comparison, one page per figure
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    text = unicodedata.normalize("NFKC", text)  # the PDF's text has ligatures (fi)
    assert "RCRP figures: Example Constabulary" in text and "Period: 2025-03-03 to 2025-03-16" in text
    assert "Staffordshire" in text and "Met 2023" in text  # assumptions with their sources on the title page
    assert f"Page 1 of {pages}" in text and f"Page {pages} of {pages}" in text
    assert "Officer hours released, with the assumptions" in text and "Escalated past one hour" in text
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "4", "-l", "4", str(pdf), str(tmp_path / "page")], check=True)
    page = next(tmp_path.glob("page*.png"))
    assert QImage(str(page)).height() > 400
    shutil.copy(page, screenshot_path("reports-pdf-page.png"))

    with qtbot.waitSignal(w.exported, timeout=20000) as got:
        qtbot.mouseClick(w.csv_button, Qt.MouseButton.LeftButton)
    rows = list(csv.reader(open(got.args[0], encoding="utf-8")))
    assert rows[0] == ["figure", "period_start", "period_end", "row", "column", "value"]
    assert ["s136", "2025-03-03", "2025-03-17", "Escalated past one hour", "Calls", "1"] in rows
    assert ["hours_released", "2025-03-03", "2025-03-17", "welfare", "Hours released", "4.0"] in rows


def test_every_reports_control_is_named_with_its_visible_words(qtbot: Any, reports: rw.ReportsWindow) -> None:
    from PySide6.QtWidgets import QScrollBar
    from test_accessibility import not_what_is_shown, unnamed

    assert unnamed(reports) == []
    assert not_what_is_shown(reports) == []
    # small enough that the figure pages and tables scroll, whatever the fonts: their scroll bars carry names too
    reports.resize(640, 420)
    qtbot.waitUntil(lambda: any(b.isVisibleTo(reports) for b in reports.findChildren(QScrollBar)))
    assert unnamed(reports) == []


def test_printing_goes_through_the_print_dialog(qtbot: Any, reports: rw.ReportsWindow, monkeypatch: Any,
                                                tmp_path: Path) -> None:
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    monkeypatch.setattr(reports_export.PrintDialog, "ask", classmethod(lambda cls, parent: printer))
    qtbot.mouseClick(reports.print_button, Qt.MouseButton.LeftButton)
    assert (tmp_path / "printed.pdf").stat().st_size > 1000


def test_assumptions_are_for_supervisors_and_change_the_figure(qtbot: Any, reports: rw.ReportsWindow,
                                                               monkeypatch: Any) -> None:
    assert not reports.assumptions_button.isEnabled()  # a call handler cannot change them
    reports.svc.settings.set("handler_role", "supervisor")
    window = rw.ReportsWindow(reports.svc, today=lambda: date(2025, 3, 12))
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.computed, timeout=20000):
        pass
    assert window.assumptions_button.isEnabled()
    monkeypatch.setattr(reports_export.AssumptionsDialog, "ask", classmethod(
        lambda cls, parent, hours: {"hours_s136": "8", "hours_s136_source": "Force data 2024: 8 h"}))
    with qtbot.waitSignal(window.computed, timeout=20000):
        qtbot.mouseClick(window.assumptions_button, Qt.MouseButton.LeftButton)
    s136 = next(r for r in _cells(window, "hours_released") if r[0] == "s136")
    assert s136[4] == "8" and s136[-1] == "Force data 2024: 8 h"


def test_ctrl_r_opens_the_reports_window(qtbot: Any, window: Any) -> None:
    qtbot.keyClick(window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: getattr(window, "reports_window", None) is not None and window.reports_window.isVisible())
    with qtbot.waitSignal(window.reports_window.computed, timeout=20000, raising=False):
        pass
    window.reports_window.close()


@pytest.mark.parametrize("dpi", [96, 192])
def test_reports_window_at_100_and_200_percent_text(dpi: int, tmp_path: Path) -> None:
    """1366x768 at 100 % and at 200 % text (QT_FONT_DPI=192, in a process of its own as Qt reads it at start):
    nothing clipped, nothing wider than the screen (the pickers reflow into two rows, the chart goes above its
    table and the page scrolls down), the chart's title in a wrapping label rather than elided in the chart."""
    out = screenshot_path("reports-window-200.png") if dpi == 192 else tmp_path / "reports-window-100.png"
    env = {**os.environ, "QT_FONT_DPI": str(dpi), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, str(Path(__file__).with_name("reports_shot.py")), str(out), "Deployment rate"],
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    got = json.loads(done.stdout.strip().splitlines()[-1])
    assert got["clipped"] == [] and got["size"] == [1366, 768], got
    assert got["minimum"][0] <= 1366 and got["minimum"][1] <= 768, got  # fits the screen: no sideways scrolling
    assert got["pickers_stacked"] is (dpi == 192) and got["font_px"] >= (28 if dpi == 192 else 14), got
    assert got["chart_title"] == "" and got["legend_visible"] and got["legend_fits"], got
    image = QImage(str(out))
    assert image.width() >= 1366 and image.height() >= 768 and len(_colours(image)) > 8
