"""QuestionFit: the question page's answers reflowed so the words, every answer and Back/Jump fit the screen."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QPushButton, QScrollArea, QToolButton

if TYPE_CHECKING:
    from .option_buttons import OptionButtons


class QuestionFit:
    """Mixed into QuestionPage (a QWidget): chooses columns, compact answers and where "Caller volunteered" goes."""

    # what the page provides
    answers_box: "OptionButtons"
    scroll_area: QScrollArea
    nav_row: QHBoxLayout
    volunteered_row: QHBoxLayout
    volunteered_check: QCheckBox
    back_button: QPushButton
    jump_button: QToolButton
    forward_button: QPushButton

    #: (columns, compact) tried in turn until the question, every answer, "Caller volunteered" and Back/Jump fit
    #: (columns, compact answers, "Caller volunteered" on the Back/Jump row)
    FIT_STEPS = ((1, False, False), (1, False, True), (2, False, True), (2, True, True), (3, True, True))
    #: the page's margins and spacing, normal and tight (tight only when compact answers still do not fit)
    SPACING = {False: ((24, 16, 24, 16), 12), True: ((24, 6, 24, 6), 6)}
    #: a grid column is never narrower than this many characters (the words would wrap one to a line)
    MIN_COLUMN_CHARS = 16

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt)
        super().resizeEvent(event)  # type: ignore[misc]  # QWidget's, next in the page's MRO
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
