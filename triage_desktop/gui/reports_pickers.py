"""The Reports window's pickers: the period (with custom dates), the comparison and Show, in groups that reflow."""
from __future__ import annotations

from datetime import date
from typing import Any, Optional, cast

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtWidgets import QComboBox, QLabel, QPushButton, QWidget

from .date_edit import DateEdit
from .reports_layout import ReflowingGroups
from .reports_periods import COMPARISONS, PERIODS, period_for


translate = QCoreApplication.translate  # in the window's context ("ReportsWindow"): its words, with their Welsh


class ReportsPickers(ReflowingGroups):
    """Period, from and to (enabled for a custom period), compare with, and Show; one row, or one row per group."""

    def __init__(self, today: date, parent: Optional[QWidget] = None) -> None:
        self.period_combo = QComboBox()
        words = {"This week": translate("ReportsWindow", "This week"),
                 "Last month": translate("ReportsWindow", "Last month"),
                 "Custom": translate("ReportsWindow", "Custom")}
        self.period_combo.addItems([words.get(p) or translate("ReportsWindow", "Rollout phase {n}").format(
            n=p.rsplit(" ", 1)[-1]) for p in PERIODS])  # PERIODS[index] is the choice, in any language
        self.period_combo.setAccessibleName(translate("ReportsWindow", "Period"))
        period_label = QLabel(translate("ReportsWindow", "&Period:"))
        period_label.setBuddy(self.period_combo)
        self.from_edit, self.to_edit = DateEdit(), DateEdit()
        for edit, name in ((self.from_edit, translate("ReportsWindow", "From date (custom period)")),
                           (self.to_edit, translate("ReportsWindow", "To date (custom period)"))):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setAccessibleName(name)
        self.from_edit.setDate(QDate(today.year, today.month, 1))
        self.to_edit.setDate(QDate(today.year, today.month, today.day))
        self.compare_combo = QComboBox()
        for _key, label in COMPARISONS:
            self.compare_combo.addItem(translate("ReportsWindow", label))
        self.compare_combo.setAccessibleName(translate("ReportsWindow", "Compare with"))
        compare_label = QLabel(translate("ReportsWindow", "Compare &with:"))
        compare_label.setBuddy(self.compare_combo)
        self.show_button = QPushButton(translate("ReportsWindow", "&Show"))
        from_label = QLabel(translate("ReportsWindow", "&From"))
        to_label = QLabel(translate("ReportsWindow", "&to"))
        from_label.setBuddy(self.from_edit)
        to_label.setBuddy(self.to_edit)
        super().__init__(((period_label, self.period_combo, from_label, self.from_edit, to_label, self.to_edit),
                          (compare_label, self.compare_combo, self.show_button)), parent)
        self.enable_custom()

    def enable_custom(self) -> None:
        """The dates are for a custom period only."""
        custom = PERIODS[self.period_combo.currentIndex()] == "Custom"
        self.from_edit.setEnabled(custom)
        self.to_edit.setEnabled(custom)

    def period(self, today: date) -> Any:
        """The store Period chosen (end exclusive), `today` being the day the window counts from."""
        custom = (cast(date, self.from_edit.date().toPython()), cast(date, self.to_edit.date().toPython()))
        return period_for(PERIODS[self.period_combo.currentIndex()], today, custom)

    @property
    def comparison(self) -> tuple[str, str]:
        """The comparison chosen: its key and its English words (the report's heading)."""
        return COMPARISONS[self.compare_combo.currentIndex()]
