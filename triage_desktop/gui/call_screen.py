"""CallScreen: the header, the question or outcome page, the side panel and the call's secondary actions."""
from __future__ import annotations

from typing import Optional

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenuBar,
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
from .fit import fit_hints, set_full_text
from .i18n import handler_language
from .layout_batch import one_layout_pass
from .outcome_page import OutcomePage
from .question_page import QuestionPage
from .side_panel import CallSidePanel


class PageStack(QStackedWidget):
    """The question and outcome pages: sized by the page on screen. (A QStackedWidget asks for the widest of
    all its pages, and only the current one is ever resized, so a hidden outcome page with long button words
    would hold the window wider than the screen.)"""

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt)
        page = self.currentWidget()
        return page.minimumSizeHint() if page is not None else super().minimumSizeHint()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt)
        page = self.currentWidget()
        return page.sizeHint() if page is not None else super().sizeHint()


class CallScreen(QWidget):
    """Lays out one call; MainWindow wires its signals to the CallController.

    When the screen is too narrow for both columns at the current text size (200 % text at 1366×768) the side
    panel folds away into a drawer: the question gets the whole width, and the "So far · flags · notes (F6)"
    button (which also counts the flags raised) slides the panel in over the right of the page. Focus moving
    into the panel (F6, or a notes shortcut) opens the drawer; focus leaving it closes it again."""

    #: fold the side panel when the call screen is narrower than this many average characters of its font
    #: (measured, DejaVu Sans 11 pt: 8 px at 100 % text, 15 px at 200 %; so 1366×768 folds at 200 % (< 1425 px),
    #: and at 100 % a window of 760 px or more keeps both columns)
    FOLD_CHARS = 95

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
        self.page_stack = PageStack()
        self.page_stack.currentChanged.connect(lambda _i: self.page_stack.updateGeometry())
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
        bar.setObjectName("CallBar")
        self.bar = bar
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
        self.panel_button = QPushButton(self.tr("So far · flags · notes (F6)"))
        self.panel_button.setCheckable(True)
        self.panel_button.setAutoDefault(True)
        self.panel_button.setAccessibleName(self.tr("Show or hide the answers so far, flags and notes"))
        self.panel_button.toggled.connect(self.on_panel_button_toggled)
        self.panel_button.hide()
        bl.addWidget(self.panel_button)
        self.saved_label = QLabel("")
        self.saved_label.setProperty("role", "muted")
        a11y.text_label(self.saved_label, self.tr("Save status"))
        bl.addWidget(self.saved_label)
        lay.addWidget(bar)

        # the drawer the side panel moves into when folded (over the right of the page, under the header)
        self.drawer = QFrame(self)
        self.drawer.setObjectName("SideDrawer")
        self.drawer.setFrameShape(QFrame.Shape.StyledPanel)
        self.drawer.setStyleSheet("QFrame#SideDrawer { border-left: 3px solid #1b1b1b; background: #f3f2f1; }")
        dl = QVBoxLayout(self.drawer)
        dl.setContentsMargins(3, 0, 0, 0)
        self.drawer.hide()
        self.folded = False
        self._split: list[int] = []
        self._corner_placeholder = QWidget()  # what the menu bar's corner holds when the bar is back below
        self._flag_count = 0
        self.panel_shortcut = QShortcut(QKeySequence("F6"), self)
        self.panel_shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        self.panel_shortcut.activated.connect(self.on_panel_shortcut_activated)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self.on_focus_changed)

    # ----- folding the side panel ----------------------------------------------------------------------
    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt)
        super().resizeEvent(event)
        self.fit()

    def event(self, event: QEvent) -> bool:
        # a child's words changed (saved time, flags count, who is handling): refit before the layout asks the
        # window for more width than the screen has
        if event.type() == QEvent.Type.LayoutRequest:
            self.fit()
        return super().event(event)

    def fit(self) -> None:
        """Fold the side panel into the drawer when both columns do not fit at this text size, else unfold."""
        if not self.isVisible():
            return  # decided on the real width (showEvent), not a hidden page's default size
        chars = max(1, self.fontMetrics().averageCharWidth())
        fold = self.width() < self.FOLD_CHARS * chars
        if fold != self.folded:
            self.folded = fold
            if fold:
                self._split = self.splitter.sizes()  # the handler's split, back when unfolded
                self.drawer.layout().addWidget(self.side_scroll)
                self.side_scroll.show()
            else:
                self.panel_button.setChecked(False)
                self.splitter.addWidget(self.side_scroll)
                self.side_scroll.show()
                self.splitter.setStretchFactor(1, 2)
                if len(self._split) == 2:
                    self.splitter.setSizes(self._split)
            self.panel_button.setVisible(fold)
            self._label_panel_button()
        self._place_bar()
        if fold:
            self._place_drawer()
        # the bar's buttons keep their words; their shortcut hints go to tooltips when the row is too narrow
        in_bar = self.saved_label.parentWidget() is self.bar
        mb = self._menu_bar()
        menus = mb.actionGeometry(mb.actions()[-1]).right() + 24 if mb is not None and mb.actions() and self.folded \
            else 0
        fit_hints([self.handover_button, self.early_exit_button, self.language_button, self.panel_button],
                  self.width() - 32 - 16 - menus - (self.saved_label.sizeHint().width() + 24 if in_bar else 0))
        if mb is not None and mb.cornerWidget(Qt.Corner.TopRightCorner) is self.bar:
            self.bar.adjustSize()
            mb.setCornerWidget(self.bar, Qt.Corner.TopRightCorner)  # the menu bar places it again at its new width

    def _menu_bar(self) -> Optional[QMenuBar]:
        win = self.window()
        return win.menuBar() if isinstance(win, QMainWindow) else None

    def _place_bar(self) -> None:
        """Folded, the call's bar (Hand over, End early, the drawer button, Saved) moves up beside the menus,
        where a large-text menu bar has room: one row more for the question and its answers."""
        mb = self._menu_bar()
        want_corner = self.folded and mb is not None and self.isVisible()
        in_corner = mb is not None and mb.cornerWidget(Qt.Corner.TopRightCorner) is self.bar
        win = self.window()
        status = win.statusBar() if isinstance(win, QMainWindow) else None
        if want_corner and not in_corner:
            self.bar.layout().setContentsMargins(8, 0, 8, 0)
            mb.setCornerWidget(self.bar, Qt.Corner.TopRightCorner)
            self.bar.show()
            if status is not None:  # "Saved 12:01:07" goes to the status bar (the menus keep their room); it
                self.bar.layout().removeWidget(self.saved_label)  # gives way to a status message while one shows
                status.addWidget(self.saved_label)
                self.saved_label.show()
        elif not want_corner and in_corner:
            mb.setCornerWidget(self._corner_placeholder, Qt.Corner.TopRightCorner)  # empty and hidden
            self._corner_placeholder.hide()
            self.bar.setParent(self)
            self.bar.layout().setContentsMargins(16, 6, 16, 6)
            self.layout().addWidget(self.bar)
            self.bar.show()
            if status is not None and self.saved_label.parentWidget() is not self.bar:
                status.removeWidget(self.saved_label)
                self.bar.layout().addWidget(self.saved_label)
                self.saved_label.show()
        self.header.set_compact(self.folded)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt)
        super().showEvent(event)
        self.fit()
        self._place_bar()

    def hideEvent(self, event) -> None:  # noqa: N802 (Qt)
        super().hideEvent(event)
        self._place_bar()  # the start page never shows the call's bar

    def _place_drawer(self) -> None:
        top = self.splitter.geometry().top()
        width = min(self.width(), max(self.side_scroll.minimumWidth() + 3, int(self.width() * 0.45)))
        self.drawer.setGeometry(self.width() - width, top, width, self.splitter.height())

    def _label_panel_button(self) -> None:
        n = self._flag_count
        flags = (self.tr("⚠ 1 flag") if n == 1 else self.tr("⚠ {n} flags").format(n=n)) if n else self.tr("flags")
        text = self.tr("So far · {flags} · notes (F6)").format(flags=flags)  # the same words open or shut
        if self.panel_button.property("full_text") != text:
            set_full_text(self.panel_button, text)
            if self.folded:
                self.fit()

    def on_panel_button_toggled(self, on: bool) -> None:
        if not self.folded:
            return
        self._place_drawer()
        fw = QApplication.focusWidget()
        focus_inside = fw is not None and self.drawer.isAncestorOf(fw)
        if on:
            self.drawer.show()
            self.drawer.raise_()
            if not focus_inside:
                self.side_panel.path_list.setFocus(Qt.FocusReason.ShortcutFocusReason)
        else:
            if focus_inside:  # back to the question (before hiding: Qt would move focus to the next button)
                self._focus_page()
            self.drawer.hide()
        self._label_panel_button()

    def _focus_page(self) -> None:
        page = self.page_stack.currentWidget()
        target = getattr(page, "say_label", None) or getattr(page, "headline_label", None) or page
        target.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def on_panel_shortcut_activated(self) -> None:
        """F6: into the side panel and back (the drawer when folded; the panel's list when not)."""
        if self.folded:
            self.panel_button.toggle()
        elif (fw := QApplication.focusWidget()) is not None and self.side_panel.isAncestorOf(fw):
            self._focus_page()
        else:
            self.side_panel.path_list.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def on_focus_changed(self, old: Optional[QWidget], new: Optional[QWidget]) -> None:
        """Folded: focus into the panel (e.g. a notes shortcut) opens the drawer; focus elsewhere closes it."""
        if not self.folded or new is None or new is self.panel_button or not self.isAncestorOf(new):
            return
        inside = self.drawer.isAncestorOf(new)
        if inside != self.panel_button.isChecked():
            self.panel_button.setChecked(inside)

    def show_view(self, view: CallView, changes: CallChanges, *, new_outcome: bool) -> None:
        """Repaint for the call's new state; the side panel only when its part changed. The question page, the
        header and the side panel are laid out once after all their changes (one_layout_pass); the outcome page
        as it goes (it scrolls its sentence into view, which needs its geometry)."""
        qp, panel = self.question_page, self.side_panel
        with one_layout_pass(qp.scroll_area.widget(), qp.choice_box, qp.multi_box, qp.confirm_row,
                             qp.decision_banner, self.header, panel, panel.flags_box):
            self._show_view(view, changes, new_outcome=new_outcome)

    def _show_view(self, view: CallView, changes: CallChanges, *, new_outcome: bool) -> None:
        out = view.outcome
        title = view.flow_title_in(handler_language(view.language))  # Welsh in a Welsh call or interface
        if out is not None:
            self.header.show_where(f"{title} · " + self.tr("outcome"))
            self.outcome_page.show_outcome(view, new_outcome=new_outcome)
            self.page_stack.setCurrentWidget(self.outcome_page)
        elif view.question is not None:
            where = (self.tr("while they are on the way · step {n}") if view.in_post_decision
                     else self.tr("step {n}")).format(n=view.step)
            self.header.show_where(f"{title} · {where}")
            self.question_page.show_question(view)
            self.page_stack.setCurrentWidget(self.question_page)
        self.header.show_actor(*view.actor)
        self.show_language(view.language, view.languages)
        if (changes.path or changes.flags or changes.thrive or changes.notes or changes.outcome or changes.caller
                or changes.decision or changes.actor or changes.language):  # F7: the steps' titles in the language
            self.side_panel.show_view(view)
            self._flag_count = len(view.flags)
            self._label_panel_button()
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
        if (language, languages) == getattr(self, "_language_shown", None):
            return  # as it is on screen (most answers)
        self._language_shown = (language, languages)
        self.language_button.setVisible(len(languages) > 1)
        welsh = language == "cy"
        set_full_text(self.language_button, self.tr("Call in Cymraeg (F7)") if welsh else self.tr("Call in English (F7)"))
        self.fit()  # the bar's words may need their hints moved to tooltips (fit_hints)
        self.language_button.setToolTip(self.tr("The call is in Welsh: F7 switches it to English") if welsh
                                        else self.tr("The call is in English: F7 switches it to Welsh"))
        self.language_button.setAccessibleName(  # starts with the visible words (a11y)
            self.tr("Call in Cymraeg (F7): the call is in Welsh. Press F7 to switch to English") if welsh
            else self.tr("Call in English (F7): the call is in English. Press F7 to switch to Welsh"))

    def show_saved(self, text: str) -> None:
        self.saved_label.setText(text)
