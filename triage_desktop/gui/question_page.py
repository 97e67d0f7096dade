"""QuestionPage: one question per screen, the words to say in large type, answers as big keyed buttons."""
from __future__ import annotations

from typing import Any, Optional

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QToolButton,
    QWidget,
)

from triage_desktop.services import AnswerView, CallView, QuestionView

from . import a11y, theme
from .callers import DecisionBanner
from .choice_answers import ChoiceAnswers, MultiAnswers
from .option_buttons import OptionButtons
from .question_fit import QuestionFit
from .question_keys import QuestionKeys
from .scroll_body import scrolling_body
from .typed_answer import UNKNOWN_WORDS, TypedAnswer, shown_unit
from .wrap_label import WrapLabel

__all__ = ["QuestionPage", "UNKNOWN_WORDS", "amp", "shown_unit"]


def amp(text: str) -> str:
    """Button text is shown literally ('A&E' must not become a mnemonic)."""
    return text.replace("&", "&&")


class QuestionPage(QuestionKeys, QuestionFit, QWidget):
    """Shows the run's current question; says what the handler chose through signals, never acts itself.

    One widget per answer kind, under the words to say: `choice_box` (yes/no, choice: radio buttons),
    `multi_box` (multi: check boxes, then Enter), `typed` (number, text: the box) and, for an info step, only
    Continue. Each is kept from question to question and only relabelled."""

    answer_chosen = Signal(object)          # the value (yes/no/unknown, option value, list, number text, text, None)
    volunteered_changed = Signal(bool)
    back_clicked = Signal()
    forward_clicked = Signal()
    jump_chosen = Signal(str, str)          # flow id, node id
    finish_clicked = Signal()               # after the decision: finish now (steps not asked: not asked)

    def __init__(self, parent: Optional[QWidget] = None):
        super().__init__(parent)
        self.setObjectName("QuestionPage")
        self.node: Optional[QuestionView] = None  # the question on screen
        self._built_for: Optional[tuple[Any, ...]] = None
        self._kind_shown = ""  # the answer kind whose widget is on screen
        self._order_set: list[QWidget] = []  # the focus order last set

        self.scroll_area, lay = scrolling_body(self, "QuestionPage", spacing=12)

        # after a decision: what was decided and when, and Finish (issue 8); hidden before the decision
        self.decision_banner = DecisionBanner()
        self.decision_banner.finish_clicked.connect(self.finish_clicked)
        self.decision_banner.hide()
        lay.addWidget(self.decision_banner)

        # reading order: caption, the words to say, why we ask, answers, volunteered, navigation
        self.caption_label = QLabel(self.tr("Ask the caller"))
        self.caption_label.setProperty("role", "caption")
        self.caption_row = QHBoxLayout()  # the caption, and "Why we ask" beside it (one row fewer on screen)
        self.caption_row.setSpacing(16)
        self.caption_row.addWidget(self.caption_label)
        lay.addLayout(self.caption_row)

        self.say_label = WrapLabel()
        self.say_label.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # new question: focus lands on its words
        self.say_label.setTextFormat(Qt.TextFormat.PlainText)
        a11y.text_label(self.say_label, caption=self.caption_label)  # read as its words, labelled "Ask the caller"
        self.say_label.setStyleSheet("QLabel:focus { border: none; background: transparent; }")
        theme.apply_font(self.say_label, theme.SAY_FACTOR, bold=True)
        lay.addWidget(self.say_label)
        # a Welsh call (issue 15): the English of the words to say, always under the Welsh, for a handler reading
        # with a Welsh-speaking colleague or an interpreter on the line
        self.say_en_label = WrapLabel()
        self.say_en_label.setTextFormat(Qt.TextFormat.PlainText)
        self.say_en_label.setProperty("role", "muted")
        a11y.text_label(self.say_en_label, self.tr("The question in English"))
        self.say_en_label.hide()
        lay.addWidget(self.say_en_label)

        self.why_button = QToolButton()
        self.why_button.setCheckable(True)
        self.why_button.setText(self.tr("▸ Why we ask (Alt+W)"))
        self.why_button.setAccessibleName(self.tr("Why we ask (show or hide the guidance)"))
        self.why_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.why_button.toggled.connect(self.on_why_button_toggled)
        self.caption_row.addWidget(self.why_button)
        self.caption_row.addStretch(1)
        self.why_label = WrapLabel()
        self.why_label.setProperty("role", "callout")
        a11y.text_label(self.why_label, self.tr("Why we ask"))
        self.why_label.hide()
        lay.addWidget(self.why_label)

        self.previous_label = WrapLabel()
        self.previous_label.setProperty("role", "muted")
        self.previous_label.hide()
        lay.addWidget(self.previous_label)

        # the answer kinds (one shows at a time)
        self.choice_box = ChoiceAnswers()
        self.choice_box.chosen.connect(self.on_answer_clicked)
        self.choice_box.hide()
        lay.addWidget(self.choice_box)
        self.multi_box = MultiAnswers()
        self.multi_box.hide()
        lay.addWidget(self.multi_box)
        self.answers_box: OptionButtons = self.choice_box  # the option buttons on screen (or the last shown)
        self.typed = TypedAnswer(self)
        self.typed.typing_again.connect(self.error_label_hide)
        self.answer_edit: QLineEdit = self.typed.answer_edit
        self.unit_label: QLabel = self.typed.unit_label
        self.typed.set_visible(False)
        lay.addLayout(self.typed.row)
        self.input_hint_label = WrapLabel()
        self.input_hint_label.setProperty("role", "muted")
        lay.addWidget(self.input_hint_label)

        self.confirm_row = QWidget()
        cl = QHBoxLayout(self.confirm_row)
        cl.setContentsMargins(0, 0, 0, 0)
        self.confirm_button = QPushButton(self.tr("Confirm (Enter)"))
        self.confirm_button.setProperty("role", "primary")
        self.confirm_button.setAccessibleName(self.tr("Confirm the answer"))
        theme.apply_font(self.confirm_button, theme.BUTTON_FACTOR, bold=True)
        self.confirm_button.clicked.connect(self.on_confirm_button_clicked)
        cl.addWidget(self.confirm_button)
        self.unknown_button = QPushButton(self.tr("Unknown (Alt+U)"))
        self.unknown_button.setProperty("role", "answer")
        self.unknown_button.setAccessibleName(self.tr("Unknown (answer not known)"))
        theme.apply_font(self.unknown_button, theme.BUTTON_FACTOR)
        self.unknown_button.clicked.connect(self.on_unknown_button_clicked)
        cl.addWidget(self.unknown_button)
        cl.addStretch(1)
        lay.addWidget(self.confirm_row)

        self.error_label = WrapLabel()
        self.error_label.setProperty("role", "error")
        a11y.text_label(self.error_label, self.tr("Problem with the answer"))
        self.error_label.hide()
        lay.addWidget(self.error_label)

        self.volunteered_check = QCheckBox(self.tr("Caller volunteered this (Alt+V)"))
        self.volunteered_check.setAccessibleName(self.tr("Caller volunteered this"))
        self.volunteered_check.toggled.connect(self.on_volunteered_check_toggled)
        self.volunteered_row = QHBoxLayout()  # its own row; joins the Back/Jump row when space is short
        self.volunteered_row.setContentsMargins(0, 0, 0, 0)
        self.volunteered_row.addWidget(self.volunteered_check)
        lay.addLayout(self.volunteered_row)

        lay.addStretch(1)
        nav = QHBoxLayout()
        self.nav_row = nav
        self.back_button = QPushButton(self.tr("◂ Back (Alt+←)"))
        self.back_button.setAccessibleName(self.tr("Back to the previous question"))  # contains the visible "Back"
        self.back_button.clicked.connect(self.back_clicked)
        nav.addWidget(self.back_button)
        self.jump_button = QToolButton()
        self.jump_button.setText(self.tr("Jump to… (Alt+J)"))
        self.jump_button.setAccessibleName(self.tr("Jump to an earlier question"))  # contains the visible "Jump to"
        self.jump_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        # no drop-down arrow: the style sheet leaves no room for it, so it was painted over "(Alt+J)"
        self.jump_button.setStyleSheet("QToolButton::menu-indicator { image: none; width: 0px; }")
        self.jump_menu = QMenu(self.jump_button)
        self.jump_menu.setAccessibleName(self.tr("Earlier questions"))
        self.jump_menu.aboutToShow.connect(self.on_jump_menu_about_to_show)
        self.jump_button.setMenu(self.jump_menu)
        nav.addWidget(self.jump_button)
        nav.addStretch(1)
        self.forward_button = QPushButton(self.tr("Return to latest question (Alt+→)"))
        self.forward_button.setAccessibleName(self.tr("Return to latest question"))
        self.forward_button.clicked.connect(self.forward_clicked)
        nav.addWidget(self.forward_button)
        lay.addLayout(nav)

        self._make_shortcuts()

    def error_label_hide(self) -> None:
        self.error_label.hide()

    # ----- showing a node ------------------------------------------------------------------------
    def reset(self) -> None:
        """Forget the last call's question (a new or resumed call starts afresh)."""
        self.node = None
        self._built_for = None
        self.typed.reset()
        self.volunteered_check.blockSignals(True)
        self.volunteered_check.setChecked(False)
        self.volunteered_check.blockSignals(False)

    def show_question(self, view: CallView) -> None:
        """Show the call's current question (from its CallView); only what differs from the last one is set."""
        node = view.question
        assert node is not None
        key = node.key
        prev: Optional[AnswerView] = node.previous
        new_node = self.node is None or self.node.key != key
        self.node = node
        if not self.error_label.isHidden():
            self.error_label.hide()
        welsh = node.lang == "cy"
        if welsh:
            set_text(self.caption_label, self.tr("Say or do this in Welsh (English below)") if node.kind == "info"
                     else self.tr("Ask the caller in Welsh (English below)"))
        else:
            set_text(self.caption_label, self.tr("Say or do this") if node.kind == "info"
                     else self.tr("Ask the caller"))
        typed = node.kind in ("number", "text")
        # a typed answer's box is labelled by the words (buddy: the labelled-by relation); with a buddy a label
        # reads '&' as a mnemonic, so it is doubled there to show as typed
        buddy = self.answer_edit if typed else None
        if self.say_label.buddy() is not buddy:
            self.say_label.setBuddy(buddy)  # type: ignore[arg-type]
        # the form for this caller (issue 8), in the call language (issue 15)
        set_text(self.say_label, node.say.replace("&", "&&") if typed else node.say)
        set_text(self.say_en_label, self.tr("English: {text}").format(text=node.say_en))
        set_visible(self.say_en_label, welsh and bool(node.say_en))
        if view.caller is not None:
            self.decision_banner.show_view(view.caller)
        elif not self.decision_banner.isHidden():
            self.decision_banner.hide()
        # on the first step after the decision the banner's "Say: …" leads; the caption would repeat it
        set_visible(self.caption_label, not self.decision_banner.headline_label.isVisibleTo(self.decision_banner)
                    or self.decision_banner.isHidden())
        if self.say_label.accessibleDescription() != node.title:
            self.say_label.setAccessibleDescription(node.title)
        set_text(self.why_label, (node.why or self.tr("No guidance for this step."))
                 + ("\n\n" + self.tr("English: {text}").format(text=node.why_en) if welsh and node.why_en else ""))
        set_visible(self.why_button, bool(node.why))
        if new_node:
            self.why_button.setChecked(False)
            self.typed.new_question()
        if prev is not None:
            set_text(self.previous_label, self.tr("Answer given earlier: {answer}. Choose again to change it; "
                                                  "the earlier answer is kept in the record as changed.").format(
                                                      answer=prev.label))
        set_visible(self.previous_label, prev is not None)
        signature = (key, prev.seq if prev is not None else None, view.caller_type, view.language)
        if signature != self._built_for:  # rebuilding would delete the focused button and make focus jump
            self._build_answers(node, prev)
            self._built_for = signature
        self.volunteered_check.blockSignals(True)
        if new_node or prev is not None:
            self.volunteered_check.setChecked(bool(prev is not None and prev.volunteered))
        self.volunteered_check.blockSignals(False)
        set_visible(self.volunteered_check, node.kind != "info")
        self.back_button.setEnabled(view.can_go_back)
        set_visible(self.forward_button, not view.at_frontier)
        self._fill_jump_menu(view)
        self.fit_answers()  # the words, the banner and the answers are in: reflow the answers if they don't fit
        if new_node:
            target = self.answer_edit if typed else self.say_label
            a11y.focus_and_announce(target, node.say)  # read aloud even when focus was already on the words

    def _build_answers(self, node: QuestionView, prev: Optional[AnswerView]) -> None:
        """The answer kind's widget for `node`; the other kinds' widgets hidden."""
        kind = node.kind
        typed = kind in ("number", "text")
        hint = ""
        box: Optional[OptionButtons] = None
        for options in (self.choice_box, self.multi_box):
            if kind in options.kinds:
                box = options
                options.show_options(node, prev)
            elif options.kind:
                options.clear()
        if box is not None:
            self.answers_box = box
        if box is self.multi_box:
            hint = self.multi_box.hint(node)
        if typed:
            hint = self.typed.show(node, prev)
        elif self.answer_edit.isVisible() or self._kind_shown in ("number", "text"):
            self.typed.set_visible(False)
        set_text(self.input_hint_label, hint)
        set_visible(self.input_hint_label, bool(hint))
        set_visible(self.confirm_row, kind in ("number", "text", "multi", "info"))
        set_visible(self.unknown_button, kind == "number" and node.has_unknown)
        set_text(self.confirm_button, self.tr("Continue (Enter)") if kind == "info" else self.tr("Confirm (Enter)"))
        name = self.tr("Continue") if kind == "info" else self.tr("Confirm the answer")
        if self.confirm_button.accessibleName() != name:
            self.confirm_button.setAccessibleName(name)
        for shown in (self.choice_box, self.multi_box):
            set_visible(shown, shown is box and bool(shown.buttons))
        changed, self._kind_shown = self._kind_shown != kind, kind
        order = self._focus_order()
        if changed or order != self._order_set:
            # buttons made now join the end of the focus chain: put them back in reading order
            for a, b in zip(order, order[1:]):
                QWidget.setTabOrder(a, b)
            self._order_set = order

    def _focus_order(self) -> list[QWidget]:
        return [self.why_button, *self.answer_buttons, self.answer_edit, self.confirm_button, self.unknown_button,
                self.volunteered_check]

    def _fill_jump_menu(self, view: CallView) -> None:
        """The earlier questions Jump can go to; the menu itself is made when it opens (on_jump_menu_about_to_show),
        not on every answer: most answers never open it, and making its actions cost a tenth of a millisecond."""
        targets = tuple((a.title, a.label, a.flow, a.node) for a in view.jump_targets)
        if targets == getattr(self, "_jump_targets", None):
            return  # the same earlier questions
        self._jump_targets = targets
        self.jump_button.setEnabled(bool(targets))

    def on_jump_menu_about_to_show(self) -> None:
        targets = getattr(self, "_jump_targets", ())
        if targets == getattr(self, "_jump_shown", None):
            return  # the menu already lists them
        self._jump_shown = targets
        self.jump_menu.clear()
        for title, label, flow, node in targets:
            act = self.jump_menu.addAction(amp(f"{title} — {label}"))
            act.triggered.connect(lambda _=False, f=flow, n=node: self.jump_chosen.emit(f, n))

    # ----- slots ---------------------------------------------------------------------------------
    def on_why_button_toggled(self, on: bool) -> None:
        self.why_label.setVisible(on)
        self.why_button.setText(("▾" if on else "▸") + self.tr(" Why we ask (Alt+W)"))

    def on_answer_clicked(self, value: Any) -> None:
        self.answer_chosen.emit(value)

    def on_confirm_button_clicked(self) -> None:
        node = self.node
        if node is None:
            return
        if node.kind == "multi":
            self.answer_chosen.emit(self.multi_box.ticked_values())
        elif node.kind == "info":
            self.answer_chosen.emit(None)
        elif node.kind in ("number", "text"):
            problem, value = self.typed.take(node)
            if problem is not None:
                self.show_error(problem)
                return
            self.answer_chosen.emit(value)

    def on_unknown_button_clicked(self) -> None:
        if self.node is not None and self.node.kind == "number" and self.node.has_unknown:
            self.answer_chosen.emit("unknown")

    def on_volunteered_check_toggled(self, on: bool) -> None:
        self.volunteered_changed.emit(on)

    def show_error(self, text: str) -> None:
        """An answer the engine refused: say what is wrong, keep what was typed."""
        self.error_label.setText("✖ " + text[0].upper() + text[1:] if text else "")
        self.error_label.show()

    @property
    def volunteered(self) -> bool:
        return self.volunteered_check.isChecked()


def set_text(w: Any, text: str) -> None:
    """setText only when the words differ (a label given its own words again still lays out and repaints)."""
    if w.text() != text:
        w.setText(text)


def set_visible(w: QWidget, on: bool) -> None:
    if w.isHidden() == on:
        w.setVisible(on)
