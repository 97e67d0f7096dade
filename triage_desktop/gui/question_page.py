"""QuestionPage: one question per screen, the words to say in large type, answers as big keyed buttons."""
from __future__ import annotations

from typing import Any, Optional

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
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

from .i18n import handler_language
from .scroll_body import scrolling_body
from . import theme
from . import a11y
from .answer_button import AnswerButton
from .callers import DecisionBanner
from .option_buttons import OptionButtons

UNKNOWN_WORDS = {"u", "unknown", "?", "not known", "dk", "ddim yn gwybod", "ddim yn hysbys"}  # U in Welsh too


def amp(text: str) -> str:
    """Button text is shown literally ('A&E' must not become a mnemonic)."""
    return text.replace("&", "&&")


def shown_unit(node: QuestionView) -> str:
    """A number's unit as the handler reads it beside the box ('munud' in a Welsh call or interface)."""
    return node.unit_in(handler_language(node.lang))


class QuestionPage(QWidget):
    """Shows the run's current question; says what the handler chose through signals, never acts itself."""

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
        self._typed: dict[tuple[str, str], str] = {}  # typed answers handed on, by question (this call only)
        self._blank_confirmed: Optional[tuple[str, str]] = None  # the text question where Enter on blank was asked

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

        self.say_label = QLabel()
        self.say_label.setWordWrap(True)
        self.say_label.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # new question: focus lands on its words
        self.say_label.setTextFormat(Qt.TextFormat.PlainText)
        a11y.text_label(self.say_label, caption=self.caption_label)  # read as its words, labelled "Ask the caller"
        self.say_label.setStyleSheet("QLabel:focus { border: none; background: transparent; }")
        theme.apply_font(self.say_label, theme.SAY_FACTOR, bold=True)
        lay.addWidget(self.say_label)
        # a Welsh call (issue 15): the English of the words to say, always under the Welsh, for a handler reading
        # with a Welsh-speaking colleague or an interpreter on the line
        self.say_en_label = QLabel()
        self.say_en_label.setWordWrap(True)
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
        self.why_label = QLabel()
        self.why_label.setWordWrap(True)
        self.why_label.setProperty("role", "callout")
        a11y.text_label(self.why_label, self.tr("Why we ask"))
        self.why_label.hide()
        lay.addWidget(self.why_label)

        self.previous_label = QLabel()
        self.previous_label.setWordWrap(True)
        self.previous_label.setProperty("role", "muted")
        self.previous_label.hide()
        lay.addWidget(self.previous_label)

        self.answers_box = OptionButtons()
        self.answers_box.chosen.connect(self.on_answer_clicked)
        lay.addWidget(self.answers_box)

        # typed answers (number, text): the box is a sibling of the question's words (a row of the body's layout,
        # not a widget of its own), so the words label it (labelled-by, the label's buddy) for a screen reader
        il = QHBoxLayout()
        il.setContentsMargins(0, 0, 0, 0)
        self.answer_edit = QLineEdit()
        self.answer_edit.setAccessibleName(self.tr("Answer"))  # and the question as its description (show_question)
        self.answer_edit.setMinimumWidth(240)
        self.answer_edit.textEdited.connect(self.on_answer_edit_text_edited)
        theme.apply_font(self.answer_edit, theme.BUTTON_FACTOR)
        il.addWidget(self.answer_edit, 1)
        self.unit_label = QLabel()
        theme.apply_font(self.unit_label, theme.BUTTON_FACTOR)
        il.addWidget(self.unit_label)
        lay.addLayout(il)
        self.input_hint_label = QLabel()
        self.input_hint_label.setProperty("role", "muted")
        self.input_hint_label.setWordWrap(True)
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

        self.error_label = QLabel()
        self.error_label.setProperty("role", "error")
        self.error_label.setWordWrap(True)
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
        self.jump_button.setMenu(self.jump_menu)
        nav.addWidget(self.jump_button)
        nav.addStretch(1)
        self.forward_button = QPushButton(self.tr("Return to latest question (Alt+→)"))
        self.forward_button.setAccessibleName(self.tr("Return to latest question"))
        self.forward_button.clicked.connect(self.forward_clicked)
        nav.addWidget(self.forward_button)
        lay.addLayout(nav)

        self._make_shortcuts()

    # ----- shortcuts ---------------------------------------------------------------------------
    def _shortcut(self, keys: str | QKeySequence, slot) -> QShortcut:
        sc = QShortcut(QKeySequence(keys), self)
        sc.setContext(Qt.ShortcutContext.WindowShortcut)  # works wherever focus is (text boxes keep their keys)
        sc.activated.connect(slot)
        return sc

    def _make_shortcuts(self) -> None:
        for i in range(1, 10):
            self._shortcut(str(i), lambda i=i: self.press_number(i))
            self._shortcut(QKeySequence(Qt.KeyboardModifier.KeypadModifier | Qt.Key(Qt.Key.Key_0 + i)),
                           lambda i=i: self.press_number(i))
        for letter, value in (("Y", "yes"), ("N", "no"), ("U", "unknown")):
            self._shortcut(letter, lambda v=value: self.press_yesno(v))
        self._shortcut("Alt+U", self.on_unknown_button_clicked)
        self._shortcut("Return", self.press_enter)
        self._shortcut("Enter", self.press_enter)
        self._shortcut("Alt+Left", self.on_back_shortcut_activated)
        self._shortcut("Alt+Right", self.on_forward_shortcut_activated)
        self._shortcut("Alt+V", self.volunteered_check.toggle)
        self._shortcut("Alt+W", self.why_button.toggle)
        self._shortcut("Alt+J", self.on_jump_shortcut_activated)

    def press_number(self, i: int) -> None:
        node = self.node
        if node is None or i > len(self.answer_buttons):
            return
        if node.kind == "yesno" and i <= len(self._values):
            self.answer_buttons[i - 1].click()
        elif node.kind in ("choice", "multi"):
            self.answer_buttons[i - 1].click()

    def press_yesno(self, value: str) -> None:
        """Y / N / U: yes / no / don't know on every question that has that answer (yes/no and choice alike)."""
        letter = {"yes": "Y", "no": "N", "unknown": "U"}[value]
        if self.node is None or self.node.kind not in ("yesno", "choice"):
            return
        letters = self.answers_box.letters
        if letter in letters and letters.index(letter) < len(self.answer_buttons):
            self.answer_buttons[letters.index(letter)].click()

    def press_enter(self) -> None:
        """Enter confirms a typed or ticked answer; on a focused button or list row it acts on that instead."""
        fw = QApplication.focusWidget()
        if isinstance(fw, (QPushButton, QToolButton)) and fw is not self.confirm_button and fw.isVisible():
            fw.click()
            return
        if isinstance(fw, QAbstractItemView):
            if fw.currentIndex().isValid():
                fw.activated.emit(fw.currentIndex())
            return
        if self.node is not None and self.node.kind in ("number", "text", "multi", "info"):
            self.on_confirm_button_clicked()

    def on_back_shortcut_activated(self) -> None:
        if self.back_button.isVisible() and self.back_button.isEnabled():
            self.back_clicked.emit()

    def on_forward_shortcut_activated(self) -> None:
        if self.forward_button.isVisible():
            self.forward_clicked.emit()

    def on_jump_shortcut_activated(self) -> None:
        if self.jump_button.isEnabled():
            self.jump_button.showMenu()

    # ----- showing a node ------------------------------------------------------------------------
    def reset(self) -> None:
        """Forget the last call's question (a new or resumed call starts afresh)."""
        self.node = None
        self._built_for = None
        self._typed = {}
        self.volunteered_check.blockSignals(True)
        self.volunteered_check.setChecked(False)
        self.volunteered_check.blockSignals(False)

    def show_question(self, view: CallView) -> None:
        """Show the call's current question (from its CallView)."""
        node = view.question
        assert node is not None
        key = node.key
        prev: Optional[AnswerView] = node.previous
        new_node = self.node is None or self.node.key != key
        self.node = node
        self.error_label.hide()
        welsh = node.lang == "cy"
        if welsh:
            self.caption_label.setText(self.tr("Say or do this in Welsh (English below)") if node.kind == "info"
                                       else self.tr("Ask the caller in Welsh (English below)"))
        else:
            self.caption_label.setText(self.tr("Say or do this") if node.kind == "info" else self.tr("Ask the caller"))
        typed = node.kind in ("number", "text")
        # a typed answer's box is labelled by the words (buddy: the labelled-by relation); with a buddy a label
        # reads '&' as a mnemonic, so it is doubled there to show as typed
        self.say_label.setBuddy(self.answer_edit if typed else None)  # type: ignore[arg-type]
        # the form for this caller (issue 8), in the call language (issue 15)
        self.say_label.setText(node.say.replace("&", "&&") if typed else node.say)
        self.say_en_label.setText(self.tr("English: {text}").format(text=node.say_en))
        self.say_en_label.setVisible(welsh and bool(node.say_en))
        if view.caller is not None:
            self.decision_banner.show_view(view.caller)
        else:
            self.decision_banner.hide()
        # on the first step after the decision the banner's "Say: …" leads; the caption would repeat it
        self.caption_label.setVisible(not self.decision_banner.headline_label.isVisibleTo(self.decision_banner)
                                      or self.decision_banner.isHidden())
        self.say_label.setAccessibleDescription(node.title)
        # a typed answer's box is where focus lands: it carries the question's words (read with its name)
        self.answer_edit.setAccessibleDescription(node.say if node.kind in ("number", "text") else "")
        self.why_label.setText((node.why or self.tr("No guidance for this step."))
                               + ("\n\n" + self.tr("English: {text}").format(text=node.why_en)
                                  if welsh and node.why_en else ""))
        self.why_button.setVisible(bool(node.why))
        if new_node:
            self.why_button.setChecked(False)
            self._blank_confirmed = None
        if prev is not None:
            self.previous_label.setText(self.tr("Answer given earlier: {answer}. Choose again to change it; "
                                        "the earlier answer is kept in the record as changed.").format(
                                            answer=prev.label))
            self.previous_label.show()
        else:
            self.previous_label.hide()
        signature = (key, prev.seq if prev is not None else None, view.caller_type, view.language)
        if signature != self._built_for:  # rebuilding would delete the focused button and make focus jump
            self._build_answers(node, prev)
            self._built_for = signature
        self.volunteered_check.blockSignals(True)
        if new_node or prev is not None:
            self.volunteered_check.setChecked(bool(prev is not None and prev.volunteered))
        self.volunteered_check.blockSignals(False)
        self.volunteered_check.setVisible(node.kind != "info")
        self.back_button.setEnabled(view.can_go_back)
        self.forward_button.setVisible(not view.at_frontier)
        self._fill_jump_menu(view)
        self.fit_answers()  # the words, the banner and the answers are in: reflow the answers if they don't fit
        if new_node:
            target = self.answer_edit if node.kind in ("number", "text") else self.say_label
            a11y.focus_and_announce(target, node.say)  # read aloud even when focus was already on the words

    # ----- fitting the screen ----------------------------------------------------------------------
    #: (columns, compact) tried in turn until the question, every answer, "Caller volunteered" and Back/Jump fit
    #: (columns, compact answers, "Caller volunteered" on the Back/Jump row)
    FIT_STEPS = ((1, False, False), (1, False, True), (2, False, True), (2, True, True), (3, True, True))
    #: the page's margins and spacing, normal and tight (tight only when compact answers still do not fit)
    SPACING = {False: ((24, 16, 24, 16), 12), True: ((24, 6, 24, 6), 6)}
    #: a grid column is never narrower than this many characters (the words would wrap one to a line)
    MIN_COLUMN_CHARS = 16

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt)
        super().resizeEvent(event)
        self.fit_answers()

    def fit_answers(self) -> None:
        """Reflow a long answer list into 2 or 3 columns when one column would fall below the fold.

        Measured, not guessed: each layout's height for the page's width is compared with the height on screen,
        so it holds at any screen size and text size (200 % text, 1280×720)."""
        box = self.answers_box
        n = len(box.buttons)
        width, avail = self.scroll_area.width(), self.scroll_area.height()
        if width <= 0 or avail <= 0:
            return
        body = self.scroll_area.widget()
        char = max(1, box.fontMetrics().averageCharWidth())
        tried: list[tuple[int, tuple[int, bool, bool]]] = []
        for step in self.FIT_STEPS:
            cols, compact, merged = step
            if cols > 1 and (n < 3 or (width - 48) / cols < self.MIN_COLUMN_CHARS * 1.2 * char):
                break
            if merged and not self._nav_row_fits(width):
                continue
            self._apply_fit(step)
            need = body.layout().totalHeightForWidth(width)
            if need <= avail - 2:  # (exactly full would let a vertical scroll bar in, narrowing the page)
                return
            tried.append((need, step))
        if tried:  # nothing fits (very long answers at 200 % text): the shortest layout, and the page scrolls
            self._apply_fit(min(tried)[1])

    def _apply_fit(self, step: tuple[int, bool, bool]) -> None:
        cols, compact, merged = step
        self.answers_box.set_columns(cols, compact=compact)
        margins, spacing = self.SPACING[compact]
        body_layout = self.scroll_area.widget().layout()
        body_layout.setContentsMargins(*margins)
        body_layout.setSpacing(spacing)
        self.answers_box.layout_.setSpacing(4 if compact else 8)
        in_nav = self.nav_row.indexOf(self.volunteered_check) >= 0
        if merged != in_nav:
            (self.nav_row if in_nav else self.volunteered_row).removeWidget(self.volunteered_check)
            if merged:
                self.nav_row.insertWidget(0, self.volunteered_check)
                self.nav_row.insertSpacing(1, 16)
            else:
                self.nav_row.takeAt(0)  # the spacing
                self.volunteered_row.addWidget(self.volunteered_check)
        self.scroll_area.widget().layout().invalidate()  # measured now, not after the next event-loop turn

    def _nav_row_fits(self, width: int) -> bool:
        """Would "Caller volunteered", Back, Jump (and Return to latest) fit side by side?"""
        parts = [self.volunteered_check, self.back_button, self.jump_button, self.forward_button]
        need = sum(w.sizeHint().width() + 16 for w in parts if not w.isHidden()) + 48
        return need <= width

    @property
    def answer_buttons(self) -> list[AnswerButton]:
        """The option buttons on screen, in order."""
        return self.answers_box.buttons

    @property
    def _values(self) -> list[str]:
        return self.answers_box.values

    def _build_answers(self, node: QuestionView, prev: Optional[AnswerView]) -> None:
        kind = node.kind
        typed = kind in ("number", "text")
        self.answer_edit.setVisible(typed)
        self.unit_label.setVisible(typed and bool(node.unit))
        self.input_hint_label.setVisible(typed)
        self.confirm_row.setVisible(kind in ("number", "text", "multi", "info"))
        self.unknown_button.setVisible(kind == "number" and node.has_unknown)
        self.confirm_button.setText(self.tr("Continue (Enter)") if kind == "info" else self.tr("Confirm (Enter)"))
        self.confirm_button.setAccessibleName(self.tr("Continue") if kind == "info" else self.tr("Confirm the answer"))
        if kind in ("yesno", "choice", "multi"):
            self.answers_box.show_options(node, prev)
            if kind == "multi":
                self.input_hint_label.setVisible(True)
                self.input_hint_label.setText(self.tr("Press the numbers to tick every option that applies, then "
                                                      "Enter.")
                                              + (self.tr(" Enter with nothing ticked means none of these.")
                                                 if node.allow_none else ""))
        else:
            self.answers_box.clear()
        if typed:
            self.answer_edit.clear()
            if prev is not None and prev.value is not None:
                self.answer_edit.setText(str(prev.value) if prev.value != "unknown" else "unknown")
            else:  # back on a question whose answer was not saved (a failed write): what was typed comes back
                self.answer_edit.setText(self._typed.get(node.key, ""))
            unit = shown_unit(node)
            self.unit_label.setText(unit)
            self.unit_label.setVisible(bool(unit))
            if kind == "number":
                self.answer_edit.setAccessibleName(self.tr("Answer in {unit}").format(unit=unit) if unit
                                                   else self.tr("Answer (a number)"))
                self.input_hint_label.setText(self.tr("Type a number and press Enter.")
                                              + (self.tr(" Type U or press Alt+U if not known.") if node.has_unknown
                                                 else ""))
            else:
                self.answer_edit.setAccessibleName(self.tr("Answer (free text)"))
                self.input_hint_label.setText(self.tr("Type the answer as given and press Enter."))
        self.answers_box.setVisible(bool(self.answer_buttons))
        # new buttons join the end of the focus chain: put them back in reading order
        order = [self.why_button, *self.answer_buttons, self.answer_edit, self.confirm_button, self.unknown_button,
                 self.volunteered_check]
        for a, b in zip(order, order[1:]):
            QWidget.setTabOrder(a, b)

    def _fill_jump_menu(self, view: CallView) -> None:
        targets = tuple((a.title, a.label, a.flow, a.node) for a in view.jump_targets)
        if targets == getattr(self, "_jump_shown", None):
            return  # the same earlier questions: the menu stays as it is
        self._jump_shown = targets
        self.jump_menu.clear()
        for a in view.jump_targets:
            act = self.jump_menu.addAction(amp(f"{a.title} — {a.label}"))
            act.triggered.connect(lambda _=False, f=a.flow, n=a.node: self.jump_chosen.emit(f, n))
        self.jump_button.setEnabled(bool(view.jump_targets))

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
            self.answer_chosen.emit(self.answers_box.ticked_values())
        elif node.kind == "info":
            self.answer_chosen.emit(None)
        elif node.kind == "number":
            text = self.answer_edit.text().strip()
            self._typed[node.key] = text
            if not text:
                self.show_error(self.tr("Type a number first, or U if it is not known.") if node.has_unknown
                                else self.tr("Type a number first."))
                return
            if text.lower() in UNKNOWN_WORDS and node.has_unknown:
                self.answer_chosen.emit("unknown")
            else:
                self.answer_chosen.emit(text)
        elif node.kind == "text":
            self._typed[node.key] = self.answer_edit.text().strip()
            if not self._typed[node.key] and self._blank_confirmed != node.key:
                # an empty answer is asked about first: Enter again records it as left blank
                self._blank_confirmed = node.key
                self.show_error("nothing is typed. Press Enter again to leave this answer blank, or type the "
                                "answer as given.")
                return
            self._blank_confirmed = None
            self.answer_chosen.emit(self._typed[node.key])

    def on_answer_edit_text_edited(self, _text: str) -> None:
        if self._blank_confirmed is not None:
            self._blank_confirmed = None  # typing again: a later empty Enter asks again
            self.error_label.hide()

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
