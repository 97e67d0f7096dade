"""Starting a training session: the trainer chooses trainees and scenarios (TrainingSessionDialog)."""
from __future__ import annotations

from typing import Any, Optional, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from triage_desktop.core.vocab import PATHWAYS

from . import a11y
from .dialog_kit import fit_wrapped, ok_cancel_buttons
from .labels import wrapped_label
from .training_words import DIFFICULTY_WORDS, scenario_label


class TrainingSessionDialog(a11y.NamedDialog):
    """The trainer chooses trainees and scenarios (by hand, or a random draw by pathway and difficulty)."""

    def __init__(self, parent: Optional[QWidget], *, scenarios: Sequence[Any], trainees: str = ""):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Start a training session — TRAINING: not a real call"))
        self.scenarios = list(scenarios)
        lay = QVBoxLayout(self)
        lay.addWidget(wrapped_label(self.tr("TRAINING: not a real call. Each trainee takes each chosen scenario in turn, "
                                    "in the normal call screen. Results are kept on this PC's training database "
                                    "only."), "training"))
        form = QFormLayout()
        self.trainees_edit = QLineEdit(trainees)
        self.trainees_edit.setAccessibleName(self.tr("Trainee staff ids"))
        self.trainees_edit.setPlaceholderText(self.tr("e.g. 4512, 4519 (staff ids, comma separated)"))
        form.addRow(self.tr("&Trainees (staff ids)"), self.trainees_edit)
        lay.addLayout(form)
        from triage_desktop.core.training import library_summary

        self.library_label = wrapped_label(self.tr("Library on this PC: {summary}").format(
            summary=library_summary(self.scenarios)), "muted")
        lay.addWidget(self.library_label)
        lay.addWidget(QLabel(self.tr("Scenarios (Space ticks the selected one)")))
        self.scenario_list = QListWidget()
        self.scenario_list.setAccessibleName(self.tr("Scenarios"))
        for s in self.scenarios:
            item = QListWidgetItem(scenario_label(s))
            item.setData(Qt.ItemDataRole.UserRole, s.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.scenario_list.addItem(item)
        if self.scenarios:
            self.scenario_list.setCurrentRow(0)
        lay.addWidget(self.scenario_list, 1)
        row = QHBoxLayout()
        self.pathway_combo = QComboBox()
        self.pathway_combo.setAccessibleName(self.tr("Draw from pathway"))
        self.pathway_combo.addItem(self.tr("Any pathway"), "")
        for p in sorted({s.pathway for s in self.scenarios}):
            self.pathway_combo.addItem(PATHWAYS.get(p, p), p)
        self.difficulty_combo = QComboBox()
        self.difficulty_combo.setAccessibleName(self.tr("Draw at difficulty"))
        self.difficulty_combo.addItem(self.tr("Any difficulty"), "")
        for d in DIFFICULTY_WORDS:
            self.difficulty_combo.addItem(DIFFICULTY_WORDS[d], d)
        self.count_spin = QSpinBox()
        self.count_spin.setRange(1, 20)
        self.count_spin.setValue(2)
        self.count_spin.setAccessibleName(self.tr("How many to draw"))
        self.draw_button = QPushButton(self.tr("&Random draw"))
        self.draw_button.setAutoDefault(False)
        self.draw_button.clicked.connect(self.on_draw_button_clicked)
        for w in (QLabel(self.tr("Draw")), self.count_spin, self.pathway_combo, self.difficulty_combo, self.draw_button):
            row.addWidget(w)
        row.addStretch(1)
        lay.addLayout(row)
        self.reveal_check = QCheckBox(self.tr("&Reveal each caller reply only when the trainee asks its question"))
        self.reveal_check.setChecked(True)
        lay.addWidget(self.reveal_check)
        self.error_label = wrapped_label("", "error")
        self.error_label.hide()
        lay.addWidget(self.error_label)
        self.button_box = ok_cancel_buttons(self, self.tr("Start session"))
        self.button_box.accepted.disconnect()
        self.button_box.accepted.connect(self.on_start)
        lay.addWidget(self.button_box)
        order = [self.trainees_edit, self.scenario_list, self.count_spin, self.pathway_combo, self.difficulty_combo,
                 self.draw_button, self.reveal_check, *self.button_box.buttons()]
        for a, b in zip(order, order[1:]):
            QWidget.setTabOrder(a, b)  # reading order
        fit_wrapped(self, 80)  # the wrapped banner is never cut at 200 % text
        self.resize(max(self.width(), 720), max(self.height(), 560))
        a11y.name_parts(self)

    def checked_ids(self) -> list[str]:
        out = []
        for i in range(self.scenario_list.count()):
            it = self.scenario_list.item(i)
            if it.checkState() == Qt.CheckState.Checked:
                out.append(str(it.data(Qt.ItemDataRole.UserRole)))
        return out

    def set_checked(self, ids: Sequence[str]) -> None:
        for i in range(self.scenario_list.count()):
            it = self.scenario_list.item(i)
            it.setCheckState(Qt.CheckState.Checked if it.data(Qt.ItemDataRole.UserRole) in ids
                             else Qt.CheckState.Unchecked)

    def on_draw_button_clicked(self, seed: Optional[int] = None) -> None:
        from triage_desktop.core.training import draw

        got = draw(self.scenarios, count=self.count_spin.value(), pathway=self.pathway_combo.currentData(),
                   difficulty=self.difficulty_combo.currentData(), seed=seed if isinstance(seed, int) else None)
        self.set_checked([s.id for s in got])
        if not got:
            self._error(self.tr("No scenario fits that pathway and difficulty."))

    def trainees(self) -> list[str]:
        return [t for t in self.trainees_edit.text().replace(",", " ").split() if t]

    def _error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))

    def on_start(self) -> None:
        if not self.trainees():
            self._error(self.tr("Type at least one trainee's staff id."))
            self.trainees_edit.setFocus()
        elif not self.checked_ids():
            self._error(self.tr("Tick at least one scenario, or use Random draw."))
            self.scenario_list.setFocus()
        else:
            self.accept()

    def result_value(self) -> dict[str, Any]:
        return {"trainees": self.trainees(), "scenarios": self.checked_ids(), "reveal": self.reveal_check.isChecked()}

    @classmethod
    def ask(cls, parent: Optional[QWidget], *, scenarios: Sequence[Any], trainees: str = "") -> Optional[dict]:
        d = cls(parent, scenarios=scenarios, trainees=trainees)
        return d.result_value() if d.exec() == QDialog.DialogCode.Accepted else None
