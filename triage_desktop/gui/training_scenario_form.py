"""The trainer's scenario form: a new mock-call scenario, saved as YAML in the user data dir, checked on save.

The form refuses to save what `triage-desktop scenarios check` would reject, and says why (file, field, line).
The scripted answers and the caller card are typed as 'flow.node: answer' / 'flow.node: what the caller says'
lines, the way docs/scenario-format.md writes them.
"""
from __future__ import annotations

from typing import Any, Optional

import yaml
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from triage_desktop.core.vocab import CALLER_TYPES, OUTCOME_CODES, PATHWAYS

from . import a11y
from .dialog_kit import ok_cancel_buttons
from .training_words import DIFFICULTY_WORDS, difficulty_words
from .vocab_words import word


def _lines(text: str) -> list[str]:
    return [ln.strip() for ln in text.splitlines() if ln.strip()]


def _pairs(text: str) -> list[tuple[str, str, str]]:
    """'flow.node: value' lines -> (flow, node, value text)."""
    out = []
    for ln in _lines(text):
        key, _, value = ln.partition(":")
        flow, _, node = key.strip().partition(".")
        out.append((flow.strip(), node.strip(), value.strip()))
    return out


def _value(text: str) -> Any:
    """An answer typed in the form: YAML scalar or list ('no', 40, [fallen]); empty = an info step."""
    if text == "":
        return None
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError:
        return text


class ScenarioFormDialog(a11y.NamedDialog):
    def __init__(self, parent: Optional[QWidget], *, svc: Any):
        super().__init__(parent)
        self.svc = svc
        self.saved_path: Optional[str] = None
        self.setWindowTitle(self.tr("New training scenario — TRAINING: not a real call"))
        outer = QVBoxLayout(self)
        intro = QLabel(self.tr("A mock call for training. It is saved on this PC (your scenarios folder) and checked "
                               "against the flows before it is saved, like 'scenarios check'."))
        intro.setWordWrap(True)
        outer.addWidget(intro)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # fields fit the width
        body = QWidget()
        form = QFormLayout(body)
        self.id_edit = QLineEdit()
        self.title_edit = QLineEdit()
        self.pathway_combo = QComboBox()
        for k, v in PATHWAYS.items():
            if k != "entry":
                self.pathway_combo.addItem(word(v), k)
        self.difficulty_combo = QComboBox()
        for k in DIFFICULTY_WORDS:
            self.difficulty_combo.addItem(difficulty_words(k), k)
        self.caller_combo = QComboBox()
        for code, ct in CALLER_TYPES.items():
            self.caller_combo.addItem(word(ct.label), code)
        self.narrative_edit = QPlainTextEdit()
        self.facts_edit = QPlainTextEdit()
        self.learning_edit = QPlainTextEdit()
        self.answers_edit = QPlainTextEdit()
        self.answers_edit.setPlaceholderText("entry_triage.risk_now: no\nentry_triage.crime_now: no\n...")  # codes
        self.card_edit = QPlainTextEdit()
        self.card_edit.setPlaceholderText(self.tr("entry_triage.risk_now: No, she's sitting with me, she's calm."))
        self.outcome_combo = QComboBox()
        for code, oc in OUTCOME_CODES.items():
            self.outcome_combo.addItem(f"{code} — {word(oc.response)}", code)
        self.police_check = QCheckBox(self.tr("Police attend"))
        self.partners_edit = QLineEdit()
        self.partners_edit.setPlaceholderText(self.tr("partner codes, e.g. crisis_team, nhs_111_mh"))
        self.critical_edit = QLineEdit()
        self.critical_edit.setPlaceholderText(self.tr("e.g. entry_triage.risk_now, concern_for_welfare.agency_tried"))
        self.target_spin = QSpinBox()
        self.target_spin.setRange(0, 3600)
        self.target_spin.setValue(180)
        self.target_spin.setSuffix(" s")
        for p in (self.narrative_edit, self.facts_edit, self.learning_edit, self.answers_edit, self.card_edit):
            p.setTabChangesFocus(True)
            p.setMinimumHeight(60)
        rows = ((self.tr("Scenario &id (lower_snake_case)"), self.id_edit), (self.tr("&Title"), self.title_edit),
                ("&Pathway", self.pathway_combo), ("&Difficulty", self.difficulty_combo),
                (self.tr("&Caller"), self.caller_combo), (self.tr("What the caller &says first"), self.narrative_edit),
                (self.tr("&Facts (one per line)"), self.facts_edit),
                (self.tr("&Learning points (one per line)"), self.learning_edit),
                (self.tr("Scripted &answers (flow.node: answer)"), self.answers_edit),
                (self.tr("Caller card (flow.node: what the caller says)"), self.card_edit),
                (self.tr("Expected &outcome"), self.outcome_combo), ("", self.police_check),
                (self.tr("Partners that must be offered"), self.partners_edit),
                (self.tr("Critical &questions"), self.critical_edit),
                (self.tr("Time-to-decision target (0 = none)"), self.target_spin))
        for label, w in rows:
            w.setAccessibleName(label.replace("&", "") or self.tr("Police attend"))
            form.addRow(label, w)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        self.error_label = QLabel("")
        self.error_label.setProperty("role", "error")
        self.error_label.setWordWrap(True)
        a11y.text_label(self.error_label, self.tr("Why the scenario was not saved"))
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.error_label.hide()
        outer.addWidget(self.error_label)
        self.button_box = ok_cancel_buttons(self, self.tr("Check and save"))
        self.button_box.accepted.disconnect()
        self.button_box.accepted.connect(self.on_save)
        outer.addWidget(self.button_box)
        self.resize(820, 700)
        a11y.name_parts(self)

    def to_yaml(self) -> str:
        answers: dict[str, dict[str, Any]] = {}
        for flow, node, value in _pairs(self.answers_edit.toPlainText()):
            answers.setdefault(flow, {})[node] = _value(value)
        card = {f"{flow}.{node}": value for flow, node, value in _pairs(self.card_edit.toPlainText())}
        caller: dict[str, Any] = {"type": self.caller_combo.currentData(),
                                  "narrative": " ".join(self.narrative_edit.toPlainText().split())}
        if card:
            caller["card"] = card
        data: dict[str, Any] = {
            "id": self.id_edit.text().strip(), "version": "1.0.0", "title": self.title_edit.text().strip(),
            "pathway": self.pathway_combo.currentData(), "difficulty": self.difficulty_combo.currentData(),
            "learning_points": _lines(self.learning_edit.toPlainText()), "caller": caller,
            "facts": _lines(self.facts_edit.toPlainText()), "answers": answers,
            "expect": {"outcome": self.outcome_combo.currentData(), "police_attend": self.police_check.isChecked(),
                       "partners": [p.strip() for p in self.partners_edit.text().replace(",", " ").split()]},
        }
        crit = [c.strip() for c in self.critical_edit.text().replace(",", " ").split()]
        if crit:
            data["critical_questions"] = crit
        if self.target_spin.value():
            data["time_to_decision_target_s"] = self.target_spin.value()
        head = "# A trainer's scenario, made with the scenario form (docs/scenario-format.md)\n"
        return head + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)

    def on_save(self) -> None:
        from triage_desktop.services import ScenarioInvalid

        try:
            path = self.svc.training_api.save_user_scenario(self.to_yaml(), self.id_edit.text().strip())
        except ScenarioInvalid as exc:
            shown = "\n".join(str(p) for p in exc.problems[:8])
            self.error_label.setText(self.tr("Not saved: 'scenarios check' would reject it.") + f"\n{shown}")
            self.error_label.show()
            return
        except OSError as exc:
            self.error_label.setText(self.tr("Not saved: the scenarios folder cannot be written ({error}).").format(error=exc))
            self.error_label.show()
            return
        self.saved_path = str(path)
        self.accept()

    @classmethod
    def ask(cls, parent: Optional[QWidget], *, svc: Any) -> Optional[str]:
        d = cls(parent, svc=svc)
        return d.saved_path if d.exec() == QDialog.DialogCode.Accepted else None
