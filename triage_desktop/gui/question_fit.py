"""QuestionFit: the question page's answers reflowed so the words, every answer and Back/Jump fit the screen."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QToolButton,
    QWidget,
)

from .kept import Kept

if TYPE_CHECKING:
    from .choice_answers import ChoiceAnswers, MultiAnswers
    from .option_buttons import OptionButtons


class QuestionFit:
    """Mixed into QuestionPage (a QWidget): chooses columns, compact answers and where "Caller volunteered" goes."""

    # what the page provides
    answers_box: "OptionButtons"
    choice_box: "ChoiceAnswers"
    multi_box: "MultiAnswers"
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

    #: fits already measured: the page's words and sizes -> the step chosen (see `_fit_signature`)
    _FIT_KEEP = 256

    def fit_answers(self) -> None:
        """Reflow a long answer list into 2 or 3 columns when one column would fall below the fold.

        Measured, not guessed: each layout's height for the page's width is compared with the height on screen,
        so it holds at any screen size and text size (200 % text, 1280×720). A page that shows the same words at
        the same size as one measured before (the same question in a later call) gets the step found then: the
        measuring is a whole layout pass of the page, the costliest part of showing a question."""
        width, avail = self.scroll_area.width(), self.scroll_area.height()
        if width <= 0 or avail <= 0:
            return
        body = self.scroll_area.widget()
        if body is None:
            return
        signature = self._fit_signature(body, width, avail)
        self._apply_fit(self.fits_kept.get(signature, lambda: self._measure_fit(body, width, avail)))

    @property
    def fits_kept(self) -> Kept[tuple, tuple[int, bool, bool]]:
        """The fits measured so far: the page's signature (`_fit_signature`) -> (columns, compact, merged)."""
        fits = self.__dict__.get("_fits")
        if fits is None:
            fits = self.__dict__["_fits"] = Kept(self._FIT_KEEP)
        return fits

    def _fit_signature(self, body: QWidget, width: int, avail: int) -> tuple:
        """Everything the fit depends on: the sizes, the fonts, and which of the page's labels and buttons are shown
        with which words (the question's, the banner's, the hints', the answers'; hidden ones do not count, so
        buttons made for a longer list earlier leave the signature as it was)."""
        parts: list[object] = [width, avail, QApplication.font().key(), body.font().key(),
                               self.answers_box.fontMetrics().averageCharWidth()]
        for i, w in enumerate(self._fit_watched(body)):
            if w.isVisibleTo(body):
                parts.append(i)
                parts.append(w.text())
        return tuple(parts)

    def _fit_watched(self, body: QWidget) -> list[QLabel | QAbstractButton]:
        """The page's labels and buttons, always in the order first met (found again when an answer box has made
        more buttons: the others are made with the page)."""
        got = self.__dict__.get("_watched")
        count = (self.choice_box.pool_size, self.multi_box.pool_size)
        if got is None or got[0] != count:
            order: dict[QWidget, int] = self.__dict__.setdefault("_watch_order", {})
            found = [w for w in body.findChildren(QWidget) if isinstance(w, (QLabel, QAbstractButton))]
            for w in found:
                order.setdefault(w, len(order))
            got = self.__dict__["_watched"] = (count, sorted(found, key=order.__getitem__))
        return got[1]

    def _measure_fit(self, body: QWidget, width: int, avail: int) -> tuple[int, bool, bool]:
        box = self.answers_box
        n = len(box.buttons)
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
                return step
            tried.append((need, step))
        if tried:  # nothing fits (very long answers at 200 % text): the shortest layout, and the page scrolls
            return min(tried)[1]
        return self.FIT_STEPS[0]

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
