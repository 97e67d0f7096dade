"""AnswerButton: a big answer button whose label wraps (so long answers still fit at 200 % text)."""
from __future__ import annotations

from typing import Optional

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPixmap, QPixmapCache
from PySide6.QtWidgets import (
    QApplication,
    QPushButton,
    QSizePolicy,
    QStyle,
    QStyleOptionButton,
    QStylePainter,
    QWidget,
)

from . import theme
from .kept import Kept

MARGINS = (16, 10, 16, 10)  # left, top, right, bottom
COMPACT_MARGINS = (12, 4, 12, 4)  # a long list in a grid on a small screen or at 200 % text
SPACING = 14
WRAP = int(Qt.TextFlag.TextWordWrap) | int(Qt.AlignmentFlag.AlignLeft) | int(Qt.AlignmentFlag.AlignTop)

#: heights and size hints measured for any button, by everything they depend on (the words, the key, the fonts, the
#: margins, the width): a relabelled button meets the words of a question asked before (a shift asks the same
#: questions call after call), and measuring wrapped words is the costly part of laying the answers out
_SHARED_HEIGHTS: Kept[tuple, int] = Kept(4096)
_SHARED_HINTS: Kept[tuple, tuple[QSize, QSize]] = Kept(4096)


class _Part:
    """One painted part of the button (the shortcut key or the answer text): text and font, like a QLabel's,
    but not a child widget, so a screen reader meets one button named by its answer, not labels "Y" and "Yes"
    inside it (issue 12)."""

    def __init__(self, owner: "AnswerButton", text: str, bold: bool):
        self.owner, self._text, self.bold = owner, text, bold

    def text(self) -> str:
        return self._text

    def setText(self, text: str) -> None:  # noqa: N802 (the QLabel spelling callers used)
        if text != self._text:
            self._text = text
            self.owner._text_changed()

    def font(self) -> QFont:
        text_font, key_font, _, _ = self.owner._fonts()
        return key_font if self.bold else text_font


class AnswerButton(QPushButton):
    """A QPushButton that paints the shortcut key and the answer text (word-wrapped) itself."""

    def __init__(self, key: str, text: str, parent: Optional[QWidget] = None):
        super().__init__(parent)
        # measuring wrapped text is the costly part of a layout pass (a grid of answers asks each button its
        # height for several widths per answer): the fonts, their metrics and the heights are kept until the
        # words, the font or the margins change
        self._font_cache: Optional[tuple[QFont, QFont, QFontMetrics, QFontMetrics]] = None
        self._hfw: Kept[int, int] = Kept(33)  # this button's heights by width
        self._hints: Optional[tuple[QSize, QSize]] = None
        self._font_key: tuple[str, str] = ("", "")
        self._look: Optional[str] = None  # the style-dependent part of the picture's key (_picture_key)
        self.setProperty("role", "answer")
        theme.apply_font(self, theme.BUTTON_FACTOR)
        self.key_label = _Part(self, key, bold=True)
        self.text_label = _Part(self, text, bold=False)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setMinimumHeight(48)
        self.compact = False
        self.margins = MARGINS

    def set_compact(self, compact: bool) -> None:
        """Tighter margins and body-size words (a long list in a grid on a small screen or at 200 % text)."""
        if compact != self.compact:
            self.compact = compact
            self.margins = COMPACT_MARGINS if compact else MARGINS
            theme.apply_font(self, 1.0 if compact else theme.BUTTON_FACTOR)  # still 200 % at 200 % text
            self._forget_sizes()
            self.setMinimumHeight(self._min_height())
            self.updateGeometry()
            self.update()

    def _fonts(self) -> tuple[QFont, QFont, QFontMetrics, QFontMetrics]:
        """(text font, key font, their metrics), derived from the button's font once."""
        if self._font_cache is None:
            text_font = QFont(self.font())
            text_font.setBold(False)
            key_font = QFont(self.font())
            key_font.setBold(True)
            self._font_cache = (text_font, key_font, QFontMetrics(text_font), QFontMetrics(key_font))
            self._font_key = (text_font.key(), key_font.key())
        return self._font_cache

    def _shared_key(self, what: object) -> tuple:
        """What a measurement of this button depends on, besides `what` (a width, or the size hints)."""
        self._fonts()
        return (what, self.text_label.text(), self.key_label.text(), self.margins, self._min_height(), self._font_key)

    def _forget_sizes(self, *, fonts: bool = True) -> None:
        if fonts:
            self._font_cache = None
        self._hfw.clear()
        self._hints = None

    def _text_changed(self) -> None:
        self._forget_sizes(fonts=False)
        self.updateGeometry()
        self.update()

    def _min_height(self) -> int:
        return 36 if self.compact else 48

    # the visible text is painted here; text() answers for it (tests)
    def text(self) -> str:  # type: ignore[override]
        return f"{self.key_label.text()}   {self.text_label.text()}"

    def setText(self, text: str) -> None:  # type: ignore[override]
        self.text_label.setText(text)

    # ----- geometry ------------------------------------------------------------------------------
    def _key_width(self) -> int:
        return self._fonts()[3].horizontalAdvance(self.key_label.text() or " ")

    def _text_rect(self, width: int) -> QRect:
        left, top, right, _ = self.margins
        x = left + self._key_width() + SPACING
        return QRect(x, top, max(1, width - x - right), 100000)

    def _content_height(self, width: int) -> int:
        _, _, text_fm, key_fm = self._fonts()
        r = self._text_rect(width)
        text_h = text_fm.boundingRect(r, WRAP, self.text_label.text() or " ").height()
        return self.margins[1] + max(text_h, key_fm.height()) + self.margins[3]

    def _size_hints(self) -> tuple[QSize, QSize]:
        if self._hints is None:
            self._hints = _SHARED_HINTS.get(self._shared_key("hints"), self._measure_hints)
        return self._hints

    def _measure_hints(self) -> tuple[QSize, QSize]:
        fm = self._fonts()[2]
        m = self.margins
        text = self.text_label.text()
        fixed = m[0] + self._key_width() + SPACING + m[2]
        w = fixed + fm.horizontalAdvance(text)
        longest = max((fm.horizontalAdvance(word) for word in text.split()), default=0)
        return (QSize(w, self.heightForWidth(w)), QSize(fixed + longest, self.heightForWidth(fixed + longest)))

    def sizeHint(self) -> QSize:
        return QSize(self._size_hints()[0])

    def minimumSizeHint(self) -> QSize:
        return QSize(self._size_hints()[1])

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._hfw.get(width, lambda: _SHARED_HEIGHTS.get(
            self._shared_key(width), lambda: max(self._min_height(), self._content_height(width))))

    # ----- painting ------------------------------------------------------------------------------
    def paintEvent(self, event) -> None:  # noqa: N802 (Qt)
        """Drawn from a kept picture of the button when one was drawn for the same words, size and state.

        The style sheet's box and the wrapped words cost a quarter of a millisecond per button, and an answer
        repaints three or four buttons (a shift relabels them with the same few answers again and again). The
        picture is a transparent pixmap of exactly what `_paint` draws, so the parent's background shows at the
        rounded corners as before; its key holds everything the drawing reads (see `_picture_key`)."""
        opt = QStyleOptionButton()
        self.initStyleOption(opt)
        opt.text = ""
        key = self._picture_key(opt)
        pix = QPixmap()
        if not QPixmapCache.find(key, pix):
            ratio = self.devicePixelRatioF()
            pix = QPixmap(self.size() * ratio)
            pix.setDevicePixelRatio(ratio)
            pix.fill(Qt.GlobalColor.transparent)
            p = QStylePainter(pix, self)
            self._paint(p, opt)
            p.end()
            QPixmapCache.insert(key, pix)
        painter = QPainter(self)
        painter.drawPixmap(0, 0, pix)
        painter.end()

    def _picture_key(self, opt: QStyleOptionButton) -> str:
        """Everything `_paint` reads: the size and scale, the state the style draws (checked, focused, pressed,
        under the mouse, enabled, the window active), the words, the fonts and margins, and the look (the style
        sheets' rules, which select on role and current, the style and the palette: `_look`)."""
        self._fonts()
        if self._look is None:
            app = QApplication.instance()
            sheet = app.styleSheet() if isinstance(app, QApplication) else ""
            self._look = "\x1f".join(map(str, (type(self).__name__, self.property("role"), self.property("current"),
                                                self.styleSheet(), hash(sheet), id(self.style()),
                                                self.palette().cacheKey())))
        return "\x1f".join(map(str, (self._look, self.property("current"), self.width(), self.height(),
                                      self.devicePixelRatioF(), opt.state.value, self.isEnabled(), self.margins,
                                      self._font_key, self.key_label.text(), self.text_label.text())))

    def _paint(self, p: QStylePainter, opt: QStyleOptionButton) -> None:
        p.drawControl(QStyle.ControlElement.CE_PushButton, opt)
        ink = QColor(theme.INK) if self.isEnabled() else self.palette().color(self.palette().ColorRole.PlaceholderText)
        p.setPen(ink)
        left, top, _, _ = self.margins
        p.setFont(self.key_label.font())
        p.drawText(QRect(left, top, self._key_width(), self.height()), WRAP, self.key_label.text())
        p.setFont(self.text_label.font())
        r = self._text_rect(self.width())
        p.drawText(QRect(r.x(), r.y(), r.width(), self.height() - top), WRAP, self.text_label.text())

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt)
        super().changeEvent(event)
        kind = event.type()
        if kind in (event.Type.FontChange, event.Type.StyleChange):
            self._forget_sizes()
            self.updateGeometry()
        if kind in (event.Type.StyleChange, event.Type.PaletteChange, event.Type.FontChange,
                    event.Type.EnabledChange):
            self._look = None  # (a property the rules select on is applied through theme.restyle: a StyleChange)



class RadioAnswerButton(AnswerButton):
    """The button of a one-answer question: a screen reader meets it as a radio button ("checked" on the answer
    given earlier), through `a11y.RadioButtonAccessible`. Not Qt's auto-exclusive radio behaviour: that would make
    the answers one Tab stop (arrow keys between them) and press the neighbour on an arrow key; here each answer
    stays a Tab stop and only its own key, Space, Enter or a click answers."""
