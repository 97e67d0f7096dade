"""The Reports window's output: the PDF and CSV files, printing, the report's heading lines, and the supervisor's
officer-hours assumptions dialog."""
from __future__ import annotations

import csv
from datetime import datetime
from pathlib import Path
from typing import Any, Callable, Optional, Sequence

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLineEdit, QWidget

from . import a11y
from .reports_charts import pdf_writer, render_report


class AssumptionsDialog(a11y.NamedDialog):
    """Supervisor-only: hours per avoided deployment per pathway and their sources."""

    def __init__(self, parent: Optional[QWidget], hours: list[dict[str, Any]]) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Officer-hours assumptions"))
        form = QFormLayout(self)
        self.edits: dict[str, tuple[QLineEdit, QLineEdit]] = {}
        for a in hours:
            value, source = QLineEdit(f"{a['hours']:g}"), QLineEdit(a["source"])
            value.setAccessibleName(self.tr("Hours per avoided deployment, {pathway}").format(pathway=a['pathway']))
            source.setAccessibleName(self.tr("Source of the hours figure, {pathway}").format(pathway=a['pathway']))
            row = QHBoxLayout()
            row.addWidget(value, 1)
            row.addWidget(source, 5)
            form.addRow(f"&{a['pathway']}", row)
            self.edits[a["setting"]] = (value, source)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> dict[str, str]:
        out = {}
        for name, (value, source) in self.edits.items():
            out[name] = value.text().strip()
            out[f"{name}_source"] = source.text().strip()
        return out

    @classmethod
    def ask(cls, parent: Optional[QWidget], *, hours: list[dict[str, Any]]) -> Optional[dict[str, str]]:
        dialog = cls(parent, hours)
        return dialog.values() if dialog.exec() == QDialog.DialogCode.Accepted else None


class PrintDialog:
    """QPrintDialog behind an ask() classmethod (tests patch it): the chosen printer, or None."""

    @classmethod
    def ask(cls, parent: Optional[QWidget]) -> Any:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, parent)
        return printer if dialog.exec() == QDialog.DialogCode.Accepted else None


def report_stem(period: Any) -> str:
    """The file name (without suffix) for a period's figures: rcrp-figures-START-to-END[-phaseN]."""
    return f"rcrp-figures-{period.start}-to-{period.end}" + (f"-phase{period.phase}" if period.phase else "")


def out_dir(svc: Any) -> Path:
    """The user's documents folder (made if missing): where exported reports go."""
    folder = Path(svc.paths.documents_dir)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def title_lines(info: dict[str, Any], *, period_label: str, compared_with: str, training: bool = False) -> list[str]:
    """The report's heading: force, period, comparison, where the numbers come from and the baseline (from the
    services' figures_assumptions())."""
    force = info["force_name"] or f"Force {info['force_code']}"
    base = info["baseline"]
    lines = (["TRAINING: not a real call. Figures of mock calls on the training database."] if training else []) + [
             "RCRP figures: " + force, f"Period: {period_label}", f"Compared with: {compared_with}",
             "Source: this PC's finalised training calls (no live call is counted)." if training else
             "Source: this PC's finalised live calls (the force-wide view is the collector's dashboard).",
             f"Made {datetime.now():%Y-%m-%d %H:%M} by triage-desktop."]
    if base["rate"] is not None or base["per_month"]:
        lines.append(f"Pre-RCRP baseline (force-wide): {base['rate'] if base['rate'] is not None else '–'} % "
                     f"attended; {base['period'] or 'period not given'}; source: {base['source'] or 'not given'}.")
    return lines


def assumption_rows(info: dict[str, Any]) -> list[list[str]]:
    """The officer-hours assumptions as table rows: pathway, hours, source."""
    return [[a["pathway"], f"{a['hours']:g}", a["source"]] for a in info["hours"]]


def write_pdf(path: Path, *, title_lines: list[str], assumptions: list[list[str]], figures: Sequence[Any],
              progress: Callable[[int, int], Any]) -> int:
    """The report as a PDF at `path`; the number of pages written. The file is complete when this returns."""
    writer = pdf_writer(str(path))
    pages = render_report(writer, title_lines=title_lines, assumptions=assumptions, figures=list(figures),
                          progress=progress)
    del writer  # the file is complete once the writer is gone
    return pages


def write_csv(path: Path, rows: Sequence[Sequence[Any]], progress: Callable[[int], Any]) -> None:
    """Tidy rows (a header row first) as UTF-8 CSV at `path`, with `progress` told every 5,000 rows."""
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        for n, row in enumerate(rows):
            writer.writerow(row)
            if n % 5000 == 0:
                progress(n)


def print_report(printer: Any, *, title_lines: list[str], assumptions: list[list[str]],
                 figures: Sequence[Any]) -> int:
    """The report on a printer chosen in PrintDialog; the number of pages."""
    return render_report(printer, title_lines=title_lines, assumptions=assumptions, figures=list(figures))
