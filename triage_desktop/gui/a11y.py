"""What a screen reader is given: labels speak their visible words, headings go as descriptions, news is announced.

The rule (issue 12): a label that shows content (the words to say, the sentence to read aloud, the rationale,
THRIVE, the save status...) never gets a fixed accessible name, since a screen reader would then say the name
and never the words on screen; its heading ("Sentence to read to the caller") goes as the description. A control's
accessible name contains its visible words, so what the handler sees is what the screen reader says.
"""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, Optional

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QWidget

if TYPE_CHECKING:
    from PySide6.QtGui import QAccessibleInterface

    from .a11y_radio import RadioButtonAccessible  # noqa: F401 - a11y.RadioButtonAccessible, for the checker

log = logging.getLogger(__name__)

# Qt's accessibility classes (QAccessible and its events) are imported where they are used: resolving them costs
# ~3 ms, and the first window is painted without them.


def __getattr__(name: str) -> Any:
    """`a11y.RadioButtonAccessible` (it lives in a11y_radio.py, loaded with the first answer buttons)."""
    if name == "RadioButtonAccessible":
        from .a11y_radio import RadioButtonAccessible

        return RadioButtonAccessible
    raise AttributeError(name)


def text_label(label: QLabel, heading: str = "", *, caption: Optional[QLabel] = None) -> QLabel:
    """A label whose visible text is what a screen reader reads (its name); `heading` goes as the description,
    and a visible caption above it labels it (the labelled-by relation, through the caption's buddy)."""
    label.setAccessibleName("")
    if heading:
        label.setAccessibleDescription(heading)
    if caption is not None:
        caption.setBuddy(label)
    return label


def label_for(field: QWidget, caption: QLabel) -> None:
    """A typed-answer field labelled by the visible words above it (labelled-by relation; the caption's buddy)."""
    caption.setBuddy(field)


def focus_and_announce(widget: QWidget, text: str) -> None:
    """Put focus on `widget` (a new question's words, a typed answer's box, the outcome's sentence) so a screen
    reader reads it. When focus is already there (the words stay focused from question to question) nothing would
    be read: then announce `text` (QAccessibleAnnouncementEvent, Qt 6.8+; before that, a fresh focus event).
    Never both, so nothing is read twice."""
    already = widget.hasFocus()
    widget.setFocus()  # Qt's OtherFocusReason (no `Qt` here: this module is imported before the first paint)
    if already:
        announce(widget, text)


def announce(widget: QWidget, text: str) -> None:
    """Say `text` now, politely, without moving focus."""
    from PySide6.QtGui import QAccessible, QAccessibleEvent

    if not text or not QAccessible.isActive():
        return
    try:
        try:  # Qt 6.8+
            from PySide6.QtGui import QAccessibleAnnouncementEvent
        except ImportError:  # pragma: no cover - older Qt: the focus event below still carries the words
            QAccessibleAnnouncementEvent = None  # type: ignore[assignment,misc]
        if QAccessibleAnnouncementEvent is not None:
            QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(widget, text))
        elif QApplication.focusWidget() is widget:  # pragma: no cover - Qt before 6.8
            QAccessible.updateAccessibility(QAccessibleEvent(widget, QAccessible.Event.Focus))
    except Exception:  # pragma: no cover - accessibility must never break a call
        log.exception("accessibility announcement")


def visible_words(text: str) -> str:
    """A control's visible words without decoration or the shortcut hint: '◂ Back (Alt+←)' → 'Back'."""
    import re

    t = text.replace("&&", "\0").replace("&", "").replace("\0", "&")
    t = re.sub(r"\s*\((?:[A-Z][a-z]*\+|F\d|Enter|Ctrl|Alt|shortcut)[^)]*\)\s*$", "", t)
    return t.strip(" ◂▸▾▲●☐☑✓…").strip()


def name_parts(root: QWidget) -> None:
    """Name the parts Qt adds without a name: scroll bars (after the area they scroll) and a line edit's clear
    button. Call once a window is built; areas made later call it for themselves."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QAbstractScrollArea, QLineEdit, QScrollBar, QToolButton

    translate = QCoreApplication.translate

    for area in [root, *root.findChildren(QAbstractScrollArea)]:
        if not isinstance(area, QAbstractScrollArea):
            continue
        what = area.accessibleName() or area.accessibleDescription() or area.windowTitle()
        for bar, words in ((area.verticalScrollBar(), translate("A11y", "Scroll up or down")),
                           (area.horizontalScrollBar(), translate("A11y", "Scroll left or right"))):
            if bar is not None and not bar.accessibleName():
                bar.setAccessibleName(f"{words}: {what}" if what else words)
    for bar in root.findChildren(QScrollBar):
        if not bar.accessibleName():
            bar.setAccessibleName(translate("A11y", "Scroll up or down") if bar.orientation().name == "Vertical"
                                  else translate("A11y", "Scroll left or right"))
    for edit in root.findChildren(QLineEdit):
        for b in edit.findChildren(QToolButton):
            if not b.accessibleName():
                b.setAccessibleName(translate("A11y", "Clear {what}").format(what=edit.accessibleName().lower())
                                    if edit.accessibleName() else translate("A11y", "Clear"))


def _radio_factory(key: str, obj: QObject) -> Optional[QAccessibleInterface]:
    from .a11y_radio import RadioButtonAccessible  # noqa: F401 - a11y.RadioButtonAccessible, for the checker
    from .answer_button import RadioAnswerButton

    if isinstance(obj, RadioAnswerButton):
        return RadioButtonAccessible(obj)
    return None


_factory_installed = False


def install_accessible_factories() -> None:
    """Once per process, before any answer button is shown to a screen reader."""
    global _factory_installed
    if not _factory_installed:
        from PySide6.QtGui import QAccessible

        QAccessible.installFactory(_radio_factory)
        _factory_installed = True


class NamedDialog(QDialog):
    """A dialog whose parts Qt adds without a name (the scroll bars of its lists and text boxes, a line edit's clear
    button) are named each time it is shown, whether or not they show at this size and font."""

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        name_parts(self)
        super().showEvent(event)
