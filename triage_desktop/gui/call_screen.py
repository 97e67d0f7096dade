"""CallScreen: the header, the question or outcome page, the side panel and the call's secondary actions."""
from __future__ import annotations

from typing import Optional

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from triage_desktop.services import CallChanges, CallView

from . import a11y
from .call_header import CallHeader
from .outcome_page import OutcomePage
from .question_page import QuestionPage
from .side_panel import CallSidePanel


class CallScreen(QWidget):
    """Lays out one call; MainWindow wires its signals to the CallController."""

    handover_clicked = Signal()
    early_exit_clicked = Signal()
    language_clicked = Signal()  # F7: switch the call language (issue 15)

    def __init__(self, parent: Optional[QWidget] = None):
        super().__init__(parent)
        self.setObjectName("CallScreen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        self.training_label = QLabel(self.tr("⚠ TRAINING: not a real call. A mock call on the training database; nothing "
                                             "is synced."))
        self.training_label.setProperty("role", "training")
        self.training_label.setWordWrap(True)  # at 200 % text it wraps instead of widening the window
        self.training_label.hide()
        lay.addWidget(self.training_label)
        self.header = CallHeader()
        lay.addWidget(self.header)
        rule = QWidget()
        rule.setFixedHeight(1)
        rule.setStyleSheet("background: #b1b4b6;")
        lay.addWidget(rule)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.page_stack = QStackedWidget()
        self.question_page = QuestionPage()
        self.outcome_page = OutcomePage()
        self.page_stack.addWidget(self.question_page)
        self.page_stack.addWidget(self.outcome_page)
        self.splitter.addWidget(self.page_stack)
        self.side_panel = CallSidePanel()
        self.side_scroll = QScrollArea()  # at 200 % text the panel scrolls instead of clipping
        self.side_scroll.setWidgetResizable(True)
        self.side_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.side_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.side_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.side_scroll.setWidget(self.side_panel)
        # both columns keep a readable width whatever the text size (the splitter never squeezes one away)
        chars = self.fontMetrics().averageCharWidth()
        self.side_scroll.setMinimumWidth(max(280, 30 * chars))
        self.page_stack.setMinimumWidth(max(360, 40 * chars))
        self.splitter.addWidget(self.side_scroll)
        self.side_panel.notes_left.connect(self.focus_page)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([760, 420])
        lay.addWidget(self.splitter, 1)

        bar = QWidget()
        bl = QHBoxLayout(bar)
        bl.setContentsMargins(16, 6, 16, 6)
        self.handover_button = QPushButton(self.tr("Hand over… (Ctrl+H)"))
        self.handover_button.setAutoDefault(True)  # Enter presses the focused button
        self.handover_button.setAccessibleName(self.tr("Hand over the call"))
        self.handover_button.clicked.connect(self.handover_clicked)
        bl.addWidget(self.handover_button)
        self.early_exit_button = QPushButton(self.tr("End call early… (Ctrl+E)"))
        self.early_exit_button.setAutoDefault(True)  # Enter presses the focused button
        self.early_exit_button.setAccessibleName(self.tr("End call early"))
        self.early_exit_button.clicked.connect(self.early_exit_clicked)
        bl.addWidget(self.early_exit_button)
        # the call language and the key that switches it (shown when the flows offer Welsh); in the bar, not the
        # header, so the header's words keep their room at 200 % text
        self.language_button = QPushButton()
        self.language_button.setAutoDefault(True)
        self.language_button.clicked.connect(self.language_clicked)
        self.language_button.hide()
        bl.addWidget(self.language_button)
        bl.addStretch(1)
        self.saved_label = QLabel("")
        self.saved_label.setProperty("role", "muted")
        a11y.text_label(self.saved_label, self.tr("Save status"))
        bl.addWidget(self.saved_label)
        lay.addWidget(bar)

    def show_view(self, view: CallView, changes: CallChanges, *, new_outcome: bool) -> None:
        """Repaint for the call's new state; the side panel only when its part changed."""
        out = view.outcome
        if out is not None:
            self.header.show_where(f"{view.flow_title} · " + self.tr("outcome"))
            self.outcome_page.show_outcome(view, new_outcome=new_outcome)
            self.page_stack.setCurrentWidget(self.outcome_page)
        elif view.question is not None:
            where = (self.tr("while they are on the way · step {n}") if view.in_post_decision
                     else self.tr("step {n}")).format(n=view.step)
            self.header.show_where(f"{view.flow_title} · {where}")
            self.question_page.show_question(view)
            self.page_stack.setCurrentWidget(self.question_page)
        self.header.show_actor(*view.actor)
        self.show_language(view.language, view.languages)
        if (changes.path or changes.flags or changes.thrive or changes.notes or changes.outcome or changes.caller
                or changes.decision or changes.actor):
            self.side_panel.show_view(view)
        self.early_exit_button.setEnabled(out is None and not view.ended and not view.in_post_decision)

    def focus_page(self) -> None:
        """Back from the notes to the question (its typed-answer box, or its words) or the outcome."""
        page = self.page_stack.currentWidget()
        if page is self.question_page:
            qp = self.question_page
            typed = qp.node is not None and qp.node.kind in ("number", "text")
            (qp.answer_edit if typed else qp.say_label).setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.outcome_page.headline_label.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_language(self, language: str, languages: tuple[str, ...]) -> None:
        """The call language now, and the key that switches it; hidden when the flows offer only English."""
        self.language_button.setVisible(len(languages) > 1)
        welsh = language == "cy"
        self.language_button.setText("Call in Cymraeg (F7)" if welsh else "Call in English (F7)")
        self.language_button.setToolTip("The call is in Welsh: F7 switches it to English" if welsh
                                        else "The call is in English: F7 switches it to Welsh")
        self.language_button.setAccessibleName(  # starts with the visible words (a11y)
            "Call in Cymraeg (F7): the call is in Welsh. Press F7 to switch to English" if welsh
            else "Call in English (F7): the call is in English. Press F7 to switch to Welsh")

    def show_saved(self, text: str) -> None:
        self.saved_label.setText(text)
