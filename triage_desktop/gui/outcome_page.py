"""OutcomePage: the sentence to read aloud, the rationale and legal basis, partners, confirmation and Finish."""
from __future__ import annotations

import html
from typing import Any, Optional

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QBoxLayout,
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from triage_desktop.core.vocab import NON_DECISION_CODES, OUTCOME_CODES
from triage_desktop.services import CallView

from .i18n import current_language
from .scroll_body import scrolling_body
from .vocab_words import word
from . import a11y, theme
from .wrap_label import WrapLabel

translate = QCoreApplication.translate
DEFAULT_LEGAL_BASIS = QT_TRANSLATE_NOOP("OutcomePage", "Right Care, Right Person: National Partnership Agreement "
                                        "(2023). Police attend when there is a real and immediate risk to life or of "
                                        "serious harm, or to investigate a crime.")

def _note(p: Any, welsh: bool) -> str:
    """A partner's note; in a Welsh call the Welsh with the English after it."""
    cy = p.note_in("cy") if welsh and hasattr(p, "note_in") else p.note
    return f"{cy} ({p.note})" if cy != p.note else p.note


SOURCE_WORDS = {  # shown through translate("OutcomePage", …)
    "immediate_risk": QT_TRANSLATE_NOOP("OutcomePage", "Immediate risk recorded by the handler"),
    "early_exit": QT_TRANSLATE_NOOP("OutcomePage", "Call ended early by the handler"),
    "override": QT_TRANSLATE_NOOP("OutcomePage", "Outcome changed by the handler"),
    "flow": QT_TRANSLATE_NOOP("OutcomePage", "Reached by the questions"),
    "rollout": QT_TRANSLATE_NOOP("OutcomePage", "Pathway not yet under RCRP in this force (phased rollout)"),
}


def source_words(source: str) -> str:
    return translate("OutcomePage", str(SOURCE_WORDS[source])) if source in SOURCE_WORDS else source


def attendance_words(out: Any) -> str:
    """'Police will attend: emergency (grade 1)' or 'Police will not attend: ambulance service'."""
    voc = OUTCOME_CODES[out.code]
    if out.code in NON_DECISION_CODES:
        return translate("OutcomePage", "FOLLOW FORCE PROCEDURE · not yet under RCRP")
    what = word(out.response).split(': ', 1)[-1]
    if voc.police:
        return translate("OutcomePage", "POLICE WILL ATTEND · {what}").format(what=what)
    return translate("OutcomePage", "POLICE WILL NOT ATTEND · {what}").format(what=what)


def decision_summary(view: CallView) -> str:
    """'Caller: A&E or ward. Decision: police priority at 00:42; raised to … Not asked (…): …'"""
    from .callers import decision_text, not_asked_words

    cv = view.caller
    if cv is None:
        return ""
    parts = [translate("OutcomePage", "Caller: {caller}.").format(caller=word(cv.caller_label))]
    if cv.decision is not None and cv.decision.offset is not None:
        parts.append(translate("OutcomePage", "Decision: {decision}.").format(decision=decision_text(cv)))
    if cv.not_asked:
        parts.append(not_asked_words(cv.not_asked))
    return " ".join(parts)


class OutcomePage(QWidget):
    """The end of the questions: what to say, why, who to name; Finish only once the caller has been told."""

    finish_clicked = Signal()
    override_clicked = Signal()
    copy_clicked = Signal()
    back_clicked = Signal()
    cad_changed = Signal(str)  # the CAD incident number typed (stored before Copy builds the block)

    INFORMED_TEXT = QT_TRANSLATE_NOOP("OutcomePage", "I have told the caller the outcome (Alt+I)")  # through tr()
    UNREACHABLE_TEXT = QT_TRANSLATE_NOOP("OutcomePage", "Caller not reachable (rang off) (Alt+I)")

    def __init__(self, parent: Optional[QWidget] = None):
        super().__init__(parent)
        self.setObjectName("OutcomePage")
        self.scroll_area, lay = scrolling_body(self, "OutcomePage", spacing=10)

        self.attend_label = QLabel()
        a11y.text_label(self.attend_label, self.tr("Police attendance"))
        theme.apply_font(self.attend_label, theme.BUTTON_FACTOR, bold=True)
        lay.addWidget(self.attend_label, 0, Qt.AlignmentFlag.AlignLeft)

        # "Read this to the caller" labels the headline and the script together: one block, read in one go
        self.read_caption = cap = QLabel(self.tr("Read this to the caller"))
        cap.setProperty("role", "caption")
        lay.addWidget(cap)
        self.read_block = QFrame()
        self.read_block.setObjectName("ReadToCaller")
        self.read_block.setAccessibleName(self.tr("Read this to the caller"))
        rb = QVBoxLayout(self.read_block)
        rb.setContentsMargins(0, 0, 0, 0)
        rb.setSpacing(6)
        # a Welsh call (issue 15): the Welsh to read out, and the same in English beside it (below it when narrow)
        self.read_row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.read_row.setSpacing(16)
        said = QVBoxLayout()
        said.setContentsMargins(0, 0, 0, 0)
        self.read_row.addLayout(said, 3)
        self.headline_label = WrapLabel()
        self.headline_label.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.headline_label.setStyleSheet("QLabel:focus { border: none; background: transparent; }")
        a11y.text_label(self.headline_label, self.tr("Sentence to read to the caller"), caption=cap)
        theme.apply_font(self.headline_label, theme.HEADLINE_FACTOR, bold=True)
        said.addWidget(self.headline_label)
        self.script_label = WrapLabel()
        self.script_label.setProperty("role", "callout")
        a11y.text_label(self.script_label, self.tr("Closing script"))
        theme.apply_font(self.script_label, theme.BUTTON_FACTOR)
        said.addWidget(self.script_label)
        said.addStretch(1)
        self.english_box = QWidget()
        eb = QVBoxLayout(self.english_box)
        eb.setContentsMargins(0, 0, 0, 0)
        en_cap = QLabel(self.tr("English"))
        en_cap.setProperty("role", "caption")
        eb.addWidget(en_cap)
        self.headline_en_label = WrapLabel()
        a11y.text_label(self.headline_en_label, self.tr("The sentence in English"), caption=en_cap)
        theme.apply_font(self.headline_en_label, theme.BUTTON_FACTOR, bold=True)
        eb.addWidget(self.headline_en_label)
        self.script_en_label = WrapLabel()
        self.script_en_label.setProperty("role", "muted")
        a11y.text_label(self.script_en_label, self.tr("The closing script in English"))
        eb.addWidget(self.script_en_label)
        eb.addStretch(1)
        self.english_box.hide()
        self.read_row.addWidget(self.english_box, 2)
        rb.addLayout(self.read_row)
        lay.addWidget(self.read_block)
        self.unreachable_label = WrapLabel(self.tr("The caller rang off: there is nothing to read to them. Record "
                                                   "that they could not be told, below."))
        self.unreachable_label.setProperty("role", "flag")
        lay.addWidget(self.unreachable_label)
        self.unreachable_label.hide()

        self.partners_caption = QLabel(self.tr("Partner services to name"))
        self.partners_caption.setProperty("role", "caption")
        lay.addWidget(self.partners_caption)
        self.partners_label = WrapLabel()
        self.partners_label.setTextFormat(Qt.TextFormat.RichText)
        a11y.text_label(self.partners_label, self.tr("Partner services"), caption=self.partners_caption)
        lay.addWidget(self.partners_label)
        from .partner_panel import PartnerPanel

        self.partner_panel = PartnerPanel()  # the force directory's services (force pack); hidden without one
        self.partner_panel.hide()
        lay.addWidget(self.partner_panel)

        cap = QLabel(self.tr("Outcome and response"))
        cap.setProperty("role", "caption")
        lay.addWidget(cap)
        self.response_label = WrapLabel()
        a11y.text_label(self.response_label, self.tr("Outcome and response"), caption=cap)
        lay.addWidget(self.response_label)
        self.decision_label = WrapLabel()  # issue 8: who called, the decision and its time, what was not asked
        a11y.text_label(self.decision_label, self.tr("Caller, decision time and steps not asked"))
        lay.addWidget(self.decision_label)
        self.override_label = WrapLabel()
        self.override_label.setProperty("role", "flag")
        a11y.text_label(self.override_label, self.tr("Outcome changed"))
        lay.addWidget(self.override_label)

        cap = QLabel(self.tr("Rationale"))
        cap.setProperty("role", "caption")
        lay.addWidget(cap)
        self.rationale_label = WrapLabel()
        self.rationale_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        a11y.text_label(self.rationale_label, self.tr("Rationale"), caption=cap)
        lay.addWidget(self.rationale_label)
        cap = QLabel(self.tr("Legal basis and guidance"))
        cap.setProperty("role", "caption")
        lay.addWidget(cap)
        self.legal_label = WrapLabel()
        self.legal_label.setProperty("role", "muted")
        a11y.text_label(self.legal_label, self.tr("Legal basis and guidance"), caption=cap)
        lay.addWidget(self.legal_label)

        lay.addStretch(1)

        # the actions stay in view below the scrolling text, so Finish is never off-screen
        footer = QWidget()
        footer.setObjectName("OutcomePage")
        footer.setStyleSheet("QWidget#OutcomePage { border-top: 1px solid #b1b4b6; }")
        fl = QVBoxLayout(footer)
        fl.setContentsMargins(24, 8, 24, 12)
        fl.setSpacing(8)
        self.layout().addWidget(footer)  # below the scrolling text: Finish is always visible
        self.informed_check = QCheckBox(self.tr(str(self.INFORMED_TEXT)))
        self.informed_check.setAccessibleName(self.tr("I have told the caller the outcome"))
        self.informed_check.setAccessibleDescription(self.tr("Required to finish the call"))
        theme.apply_font(self.informed_check, theme.BUTTON_FACTOR)
        self.informed_check.toggled.connect(self.on_informed_check_toggled)
        told_row = QHBoxLayout()
        told_row.addWidget(self.informed_check)
        told_row.addStretch(1)
        self.cad_edit = QLineEdit()  # the C&C incident number, typed once per call (optional, personal data)
        self.cad_edit.setPlaceholderText(self.tr("CAD incident number (optional)"))
        self.cad_edit.setAccessibleName(self.tr("CAD incident number (optional)"))
        self.cad_edit.setToolTip(self.tr("The command-and-control incident number: it goes into the incident-log block"))
        self.cad_edit.setMaxLength(40)
        self.cad_edit.setMinimumWidth(self.cad_edit.fontMetrics().horizontalAdvance("CAD incident number (optional)")
                                      + 24)
        self.cad_edit.editingFinished.connect(self.on_cad_edit_editing_finished)
        self._cad_saved = ""
        told_row.addWidget(self.cad_edit)
        fl.addLayout(told_row)
        grid = QGridLayout()  # one row, or stacked when the words are large (see fit_footer)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(8)
        self.actions_grid = grid
        self.copy_button = QPushButton(self.tr("Copy for incident log (Ctrl+Shift+C)"))
        self.copy_button.setAutoDefault(True)  # Enter presses the focused button
        self.copy_button.setAccessibleName(self.tr("Copy for incident log"))
        self.copy_button.clicked.connect(self.copy_clicked)
        self.override_button = QPushButton(self.tr("Change outcome… (Alt+O)"))
        self.override_button.setAutoDefault(True)
        self.override_button.setAccessibleName(self.tr("Change outcome (override the outcome)"))
        self.override_button.clicked.connect(self.override_clicked)
        self.back_button = QPushButton(self.tr("◂ Back to questions (Alt+←)"))
        self.back_button.setAutoDefault(True)
        self.back_button.setAccessibleName(self.tr("Back to questions"))
        self.back_button.clicked.connect(self.back_clicked)
        fl.addLayout(grid)
        self._actions_rows = 0
        row = QHBoxLayout()
        self.finish_button = QPushButton(self.tr("Finish call (Ctrl+Enter)"))
        self.finish_button.setAutoDefault(True)
        self.finish_button.setProperty("role", "primary")
        self.finish_button.setAccessibleName(self.tr("Finish call"))
        theme.apply_font(self.finish_button, theme.BUTTON_FACTOR, bold=True)
        self.finish_button.clicked.connect(self.on_finish_button_clicked)
        row.addWidget(self.finish_button)
        self.finish_hint_label = WrapLabel(self.tr("Tick “I have told the caller the outcome” first."))
        self.finish_hint_label.setProperty("role", "muted")
        row.addWidget(self.finish_hint_label, 1)
        fl.addLayout(row)

        for keys, slot in (("Alt+I", self.informed_check.toggle), ("Alt+O", self.on_override_shortcut_activated),
                           ("Ctrl+Shift+C", self.copy_clicked.emit), ("Ctrl+Return", self.on_finish_button_clicked),
                           ("Ctrl+Enter", self.on_finish_button_clicked), ("Alt+Left", self.on_back_shortcut_activated)):
            sc = QShortcut(QKeySequence(keys), self)
            sc.setContext(Qt.ShortcutContext.WindowShortcut)
            sc.activated.connect(slot)
        self.on_informed_check_toggled(False)
        self._cad_call = ""
        self.fit_footer(10_000)  # placed now (one row); refitted to the real width on every resize

    def show_outcome(self, view: CallView, *, new_outcome: bool) -> None:
        out = view.outcome
        assert out is not None
        emergency = out.code == "POLICE_EMERGENCY"
        self.attend_label.setText(("▲ " if emergency else "● ") + attendance_words(out))
        theme.set_role(self.attend_label, "risk" if emergency else "badge")  # box included: never clipped
        from triage_desktop.services import response_words, script_after_headline

        unreachable = bool(out.caller_unreachable)
        welsh = getattr(out, "language", "en") == "cy"
        self.read_caption.setText(self.tr("Read this to the caller, in Welsh (Cymraeg)") if welsh
                                  else self.tr("Read this to the caller"))
        headline = out.said_in_call_language("headline")
        self.headline_label.setText(headline)
        # read straight after the headline: the script never repeats it
        script = script_after_headline(headline, out.said_in_call_language("script"))
        self.script_label.setText(script)
        self.script_label.setVisible(bool(script) and not unreachable)
        self.headline_en_label.setText(out.headline)
        self.script_en_label.setText(out.script)  # beside the Welsh: the same sentences, as said in Welsh
        self.english_box.setVisible(welsh)
        self.read_caption.setVisible(not unreachable)
        self.read_block.setVisible(not unreachable)
        self.unreachable_label.setVisible(unreachable)
        self.informed_check.setText(self.tr(str(self.UNREACHABLE_TEXT if unreachable else self.INFORMED_TEXT)))
        self.informed_check.setAccessibleName((self.tr("Caller not reachable (rang off)") if unreachable
                                               else self.tr("I have told the caller the outcome")))
        added = {p.code or p.name for p in out.partners_added}
        if out.partners:
            self.partners_label.setText("<br>".join(
                f"<b>{html.escape(p.name)}</b>" + (f" — {html.escape(p.contact)}" if p.contact else "")
                + (f" — {html.escape(_note(p, welsh))}" if p.note else "")
                + (self.tr(" <i>(added after the decision)</i>") if (p.code or p.name) in added else "")
                for p in out.partners))
        else:
            self.partners_label.setText(self.tr("None for this outcome."))
        got = view.partners_offer  # (PartnerOffer, directory origin) from the force pack, or None
        self.partner_panel.setVisible(got is not None)
        self.partners_caption.setVisible(got is None)
        self.partners_label.setVisible(got is None)
        if got is not None:
            self.partner_panel.show_offer(got[0], origin=got[1], welsh=welsh or current_language() == "cy")
        self.response_label.setText(response_words(out, f"{SOURCE_WORDS.get(out.source, out.source)}; "
                                                         f"code {out.code}"))
        if out.source == "override":
            from triage_desktop.services import decision_words

            self.override_label.setText(self.tr("⚠ Changed by the handler from {outcome} ({code}). Handler's reason: "
                                                "{reason}").format(outcome=decision_words(out.original_code or ''),
                                                                   code=out.original_code, reason=out.reason))
            self.override_label.show()
        elif out.reason:
            self.override_label.setText(self.tr("⚠ {source}. Reason: {reason}").format(source=source_words(out.source),
                                                                                     reason=word(out.reason)))
            self.override_label.show()
        else:
            self.override_label.hide()
        self.rationale_label.setText(out.rationale)
        self.decision_label.setText(decision_summary(view))
        self.legal_label.setText("\n".join(f"• {s}" for s in view.sources) or self.tr(str(DEFAULT_LEGAL_BASIS)))
        self.back_button.setVisible(view.can_go_back)
        if view.uuid != self._cad_call:  # a new call: its own (empty) CAD number
            self._cad_call = view.uuid
            self.cad_edit.clear()
            self._cad_saved = ""
        self.fit_footer(self.width())
        if new_outcome:
            self.informed_check.setChecked(False)
            if unreachable:  # nothing to read: focus goes to the box that records it
                a11y.focus_and_announce(self.informed_check, self.unreachable_label.text())
            else:
                a11y.focus_and_announce(self.headline_label, out.headline)
            # e.g. after an override: the new sentence to read aloud is brought into view
            # (the sentence itself, not the whole block: at 200 % text the block with its script is taller than
            # the page, and scrolling to its end hid the police banner and the sentence)
            self.scroll_area.ensureWidgetVisible(self.unreachable_label if unreachable else self.headline_label)
        box = self.tr(str(self.UNREACHABLE_TEXT if unreachable else self.INFORMED_TEXT))
        self.finish_hint_label.setText(self.tr("Tick “{box}” first.").format(box=box.removesuffix(" (Alt+I)")))

    def on_cad_edit_editing_finished(self) -> None:
        text = self.cad_edit.text().strip()
        if text != self._cad_saved:
            self._cad_saved = text
            self.cad_changed.emit(text)

    #: (long, short) button texts: the short ones when large text would push the row off the page
    BUTTON_TEXTS = {"copy_button": (QT_TRANSLATE_NOOP("OutcomePage", "Copy for incident log (Ctrl+Shift+C)"),
                                    QT_TRANSLATE_NOOP("OutcomePage", "Copy (Ctrl+Shift+C)")),
                    "override_button": (QT_TRANSLATE_NOOP("OutcomePage", "Change outcome… (Alt+O)"),
                                        QT_TRANSLATE_NOOP("OutcomePage", "Change… (Alt+O)")),
                    "back_button": (QT_TRANSLATE_NOOP("OutcomePage", "◂ Back to questions (Alt+←)"),
                                    QT_TRANSLATE_NOOP("OutcomePage", "◂ Back (Alt+←)"))}

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt)
        self.fit_footer(self.width())
        super().resizeEvent(event)

    def fit_footer(self, width: int) -> None:
        """Choose the button words and rows from what the text needs at this width (any text size): the long
        labels on one row, else the short ones, else stacked; the police banner wraps only when it must. The
        footer then never asks for more width than the window has (no sideways scrolling, nothing cut off)."""
        avail = width - 48 - 8
        buttons = [getattr(self, n) for n in self.BUTTON_TEXTS]
        shown = [b for b in buttons if not b.isHidden()]

        def row_width(short: bool) -> int:
            total = 0
            for b in shown:
                text = self.tr(str(self.BUTTON_TEXTS[self._name_of(b)][1 if short else 0]))
                total += b.style().sizeFromContents(
                    b.style().ContentsType.CT_PushButton, self._button_option(b, text),
                    b.fontMetrics().size(Qt.TextFlag.TextShowMnemonic, text), b).width() + 8
            return total

        short = row_width(False) > avail
        for b in buttons:
            b.setText(self.tr(str(self.BUTTON_TEXTS[self._name_of(b)][1 if short else 0])))
        rows = 1 if row_width(short) <= avail else len(buttons)
        if rows != self._actions_rows:
            self._actions_rows = rows
            for i, b in enumerate(buttons):
                self.actions_grid.removeWidget(b)
                self.actions_grid.addWidget(b, i if rows > 1 else 0, 0 if rows > 1 else i,
                                            Qt.AlignmentFlag.AlignLeft)
            self.actions_grid.setColumnStretch(len(buttons), 1)
        lab = self.attend_label
        m = lab.contentsMargins()
        one_line = lab.fontMetrics().horizontalAdvance(lab.text()) + m.left() + m.right() + 4
        lab.setWordWrap(one_line > width - 48)  # at large text it wraps rather than scrolling sideways
        # a Welsh call: the English beside the Welsh, below it when the page is narrow
        narrow = width < 95 * max(1, self.fontMetrics().averageCharWidth())
        self.read_row.setDirection(QBoxLayout.Direction.TopToBottom if narrow else QBoxLayout.Direction.LeftToRight)

    def _name_of(self, b: QPushButton) -> str:
        return next(n for n in self.BUTTON_TEXTS if getattr(self, n) is b)

    @staticmethod
    def _button_option(b: QPushButton, text: str):
        from PySide6.QtWidgets import QStyleOptionButton

        opt = QStyleOptionButton()
        opt.initFrom(b)
        opt.text = text
        return opt

    def on_informed_check_toggled(self, on: bool) -> None:
        self.finish_button.setEnabled(on)
        self.finish_hint_label.setVisible(not on)

    def on_finish_button_clicked(self) -> None:
        if self.informed_check.isChecked() and self.isVisible():
            self.finish_clicked.emit()

    def on_override_shortcut_activated(self) -> None:
        self.override_clicked.emit()

    def on_back_shortcut_activated(self) -> None:
        if self.back_button.isVisible():
            self.back_clicked.emit()
