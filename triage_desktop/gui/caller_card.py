"""The caller card: the caller's side of a training scenario, for the trainer who plays the caller."""
from __future__ import annotations

from typing import Any, Optional, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QListWidget, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from triage_desktop.core.vocab import PATHWAYS

from . import a11y, theme
from .labels import wrapped_label
from .training_words import difficulty_words, unquote
from .vocab_words import word


class CallerCard(QWidget):
    """The caller's side of the script, for the trainer who plays the caller."""

    escalation_clicked = Signal()

    def __init__(self, parent: Optional[QWidget] = None):
        super().__init__(parent)
        self.setObjectName("CallerCard")
        lay = QVBoxLayout(self)
        self.banner = wrapped_label(self.tr("⚠ TRAINING: not a real call. Caller card: for the trainer playing the caller."),
                            "training")
        lay.addWidget(self.banner)
        self.title_label = wrapped_label()
        theme.apply_font(self.title_label, theme.BUTTON_FACTOR, bold=True)
        lay.addWidget(self.title_label)
        self.trainee_label = wrapped_label("", "muted")
        lay.addWidget(self.trainee_label)
        lay.addWidget(wrapped_label(self.tr("The caller opens with"), "caption"))
        self.narrative_label = wrapped_label()
        a11y.text_label(self.narrative_label, self.tr("What the caller says first"))
        lay.addWidget(self.narrative_label)
        lay.addWidget(wrapped_label(self.tr("Asked now"), "caption"))
        self.asked_label = wrapped_label()
        lay.addWidget(self.asked_label)
        self.reply_label = wrapped_label()
        a11y.text_label(self.reply_label, self.tr("What the caller says to this question"))
        theme.apply_font(self.reply_label, theme.BUTTON_FACTOR)
        lay.addWidget(self.reply_label)
        self.escalation_button = QPushButton(self.tr("Play escalation (F8)"))
        self.escalation_button.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.escalation_button.setAccessibleName(self.tr("Play escalation line"))
        self.escalation_button.setAutoDefault(True)
        self.escalation_button.clicked.connect(self.escalation_clicked)
        lay.addWidget(self.escalation_button)
        self.escalation_label = wrapped_label("", "flag")
        self.escalation_label.hide()
        lay.addWidget(self.escalation_label)
        self.card_caption = wrapped_label(self.tr("Caller's replies so far"), "caption")
        lay.addWidget(self.card_caption)
        self.card_list = QListWidget()
        self.card_list.setAccessibleName(self.tr("Caller's replies"))
        self.card_list.setWordWrap(True)
        self.card_list.setMinimumWidth(0)
        self.card_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        lay.addWidget(self.card_list, 1)
        self.progress_label = wrapped_label("", "muted")
        lay.addWidget(self.progress_label)
        lay.addWidget(wrapped_label(self.tr("F8 plays the escalation line; Shift+F8 hides or shows this card."), "muted"))

    def show_scenario(self, scenario: Any, *, trainee: str, progress: str, reveal: bool) -> None:
        self.title_label.setText(scenario.title)
        self.trainee_label.setText(self.tr("Trainee {id}").format(id=trainee)
                                   + f" · {word(PATHWAYS.get(scenario.pathway, scenario.pathway))} · "
                                   f"{difficulty_words(scenario.difficulty)}")
        self.narrative_label.setText(f"“{unquote(scenario.narrative)}”")
        self.card_caption.setText(self.tr("Caller's replies so far") if reveal else self.tr("The whole card (trainer view)"))
        self.escalation_button.setVisible(scenario.escalation is not None)
        self.escalation_button.setEnabled(scenario.escalation is not None)
        self.escalation_label.hide()
        self.progress_label.setText(progress)

    def show_escalation(self, line: str) -> None:
        self.escalation_label.setText(self.tr("⚠ Escalation played. The caller now says: “{line}”").format(
            line=unquote(line)))
        self.escalation_label.show()
        self.escalation_button.setEnabled(False)

    def show_replies(self, asked: str, reply: str, lines: Sequence[str]) -> None:
        self.asked_label.setText(asked)
        self.reply_label.setText(reply)
        self.card_list.clear()
        for ln in lines:
            self.card_list.addItem(ln)
