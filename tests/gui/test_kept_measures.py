"""Issue 14: what the question page keeps between answers (a button's picture, the heights of words at a width) is
never stale. Each kept thing is compared with the same thing made afresh: the pixels a new button paints in the
same state with nothing kept, and the height a plain QLabel or a new button measures."""
from __future__ import annotations

from typing import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QImage, QPixmapCache
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

from triage_desktop.gui import theme
from triage_desktop.gui.answer_button import RadioAnswerButton
from triage_desktop.gui.wrap_label import WrapLabel

LONG = "They have said they will harm themselves tonight and they have the means with them"


def host(qtbot) -> tuple[QWidget, QVBoxLayout]:
    w = QWidget()
    w.setObjectName("QuestionPage")  # the page's background rule, under the buttons' rounded corners
    lay = QVBoxLayout(w)
    qtbot.addWidget(w)
    w.resize(700, 400)
    w.show()
    qtbot.waitExposed(w)
    return w, lay


def picture(b: RadioAnswerButton) -> QImage:
    QApplication.processEvents()
    return b.grab().toImage()


def made_afresh(qtbot, lay: QVBoxLayout, like: RadioAnswerButton, setup: Callable[[RadioAnswerButton], None]) -> QImage:
    """The same button made new, put in the same state and size, painted with nothing kept."""
    b = RadioAnswerButton("", "")
    b.setCheckable(True)
    b.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # (the focus ring: its own test)
    lay.addWidget(b)
    b.show()
    setup(b)
    b.setFixedSize(like.size())
    QPixmapCache.clear()
    got = picture(b)
    b.hide()
    b.deleteLater()
    return got


def state(key: str = "Y", text: str = LONG, *, checked: bool = False, current: bool = False, compact: bool = False,
          enabled: bool = True) -> Callable[[RadioAnswerButton], None]:
    """Put a button wholly in one state (whatever it was in before)."""
    def setup(b: RadioAnswerButton) -> None:
        b.key_label.setText(key)
        b.setText(text)
        b.setChecked(checked)
        if b.property("current") != ("true" if current else "false"):
            b.setProperty("current", "true" if current else "false")
            theme.restyle(b)
        b.set_compact(compact)
        b.setEnabled(enabled)
    return setup


STATES: list[tuple[str, Callable[[RadioAnswerButton], None]]] = [
    ("words", state("1", "Yes")),
    ("other words", state("1")),
    ("other key", state("Y")),
    ("checked", state(checked=True)),
    ("current", state(current=True)),
    ("compact", state(compact=True)),
    ("disabled", state(enabled=False)),
    ("compact, current and checked", state(compact=True, current=True, checked=True)),
]


def test_a_kept_button_picture_is_what_a_new_button_paints(qtbot):
    """One button taken through the states in turn, its kept pictures in use (each state painted twice, and the
    first states again at the end): each time the pixels equal those of a new button in that state, painted with
    nothing kept. A picture kept for the last state is never shown for the next."""
    _, lay = host(qtbot)
    b = RadioAnswerButton("", "")
    b.setCheckable(True)
    b.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # (the focus ring: its own test)
    lay.addWidget(b)
    b.show()
    b.setFixedSize(620, 64)
    seen = []
    for name, setup in STATES + STATES[:3]:
        setup(b)
        first = picture(b)
        assert picture(b) == first, name  # painted again from what was kept
        assert first == made_afresh(qtbot, lay, b, setup), name
        seen.append(first)
    assert len({img.cacheKey() for img in seen}) == len(seen)  # (each a picture of its own)
    assert len({bytes(img.constBits()) for img in seen[:len(STATES)]}) == len(STATES)  # the states look different


def test_the_focused_button_is_painted_focused(qtbot):
    w, lay = host(qtbot)
    a, b = RadioAnswerButton("1", "Yes"), RadioAnswerButton("2", "No")
    for x in (a, b):
        x.setCheckable(True)
        lay.addWidget(x)
        x.setFixedSize(620, 64)
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    b.setFocus()
    qtbot.waitUntil(b.hasFocus)
    unfocused = picture(b)
    a.setFocus()
    qtbot.waitUntil(a.hasFocus)
    focused_words_of_a = picture(a)
    b.setFocus()
    qtbot.waitUntil(b.hasFocus)
    assert picture(b) != picture(a)
    b.setText("Yes")
    b.key_label.setText("1")
    a.setFocus()
    qtbot.waitUntil(a.hasFocus)
    assert picture(a) == focused_words_of_a and picture(b) != picture(a)  # same words, only a has the focus ring
    assert unfocused != focused_words_of_a


@pytest.mark.parametrize("width", [180, 320, 640])
def test_button_heights_kept_across_buttons_follow_the_font(qtbot, width):
    """Two buttons with the same words share one measure; a bigger font or compact margins measure anew, and each
    height equals that of a new button with the same words and settings."""
    _, lay = host(qtbot)
    a, b = RadioAnswerButton("Y", LONG), RadioAnswerButton("Y", LONG)
    lay.addWidget(a)
    lay.addWidget(b)
    assert a.heightForWidth(width) == b.heightForWidth(width)
    before = b.heightForWidth(width)
    big = QFont(b.font())
    big.setPointSizeF(big.pointSizeF() * 2)
    b.setFont(big)
    QApplication.processEvents()
    fresh = RadioAnswerButton("Y", LONG)
    lay.addWidget(fresh)
    fresh.setFont(big)
    QApplication.processEvents()
    assert b.heightForWidth(width) == fresh.heightForWidth(width) > before
    assert a.heightForWidth(width) == before  # the first button's own font is unchanged
    b.set_compact(True)
    fresh_compact = RadioAnswerButton("Y", LONG)
    lay.addWidget(fresh_compact)
    fresh_compact.setFont(big)
    fresh_compact.set_compact(True)
    assert b.heightForWidth(width) == fresh_compact.heightForWidth(width)
    assert b.sizeHint() == fresh_compact.sizeHint() and b.minimumSizeHint() == fresh_compact.minimumSizeHint()


@pytest.mark.parametrize("width", [150, 300, 600])
def test_label_heights_kept_across_labels_are_qlabels_own(qtbot, width):
    """A WrapLabel's height for a width, kept for any label with the same words, font, format and margins, is
    the one a plain word-wrapped QLabel measures in the same settings: with another label's words kept, after a
    font change, a margin, and a role whose rule pads the box."""
    w, lay = host(qtbot)

    def plain_like(lab: WrapLabel) -> int:
        q = QLabel(lab.text())
        q.setWordWrap(True)
        q.setFont(lab.font())
        q.setTextFormat(lab.textFormat())
        q.setMargin(lab.margin())
        q.setIndent(lab.indent())
        if lab.property("role") is not None:
            q.setProperty("role", lab.property("role"))
        q.setStyleSheet(lab.styleSheet())
        lay.addWidget(q)
        q.show()
        QApplication.processEvents()
        got = q.heightForWidth(width)
        q.hide()
        q.deleteLater()
        return got

    a, b = WrapLabel(LONG), WrapLabel(LONG)
    for lab in (a, b):
        lay.addWidget(lab)
    QApplication.processEvents()
    assert a.heightForWidth(width) == b.heightForWidth(width) == plain_like(a)
    big = QFont(b.font())
    big.setPointSizeF(big.pointSizeF() * 1.8)
    b.setFont(big)
    QApplication.processEvents()
    assert b.heightForWidth(width) == plain_like(b) > a.heightForWidth(width)
    b.setMargin(9)
    assert b.heightForWidth(width) == plain_like(b)
    theme.set_role(b, "callout")  # padding 8px and a 6px rule: a smaller box for the words
    QApplication.processEvents()
    assert b.heightForWidth(width) == plain_like(b)
    theme.set_role(b, "")
    before = b.heightForWidth(width)
    b.setStyleSheet(f"QLabel {{ padding: 0 {width // 4}px; }}")  # only the padding changes: the words get less room
    QApplication.processEvents()
    padded = QLabel(b.text())
    padded.setWordWrap(True)
    padded.setFont(b.font())
    padded.setMargin(b.margin())
    padded.setStyleSheet(b.styleSheet())
    lay.addWidget(padded)
    padded.show()
    QApplication.processEvents()
    assert b.heightForWidth(width) == padded.heightForWidth(width) > before
    b.setStyleSheet("")
    b.heightForWidth(width)
    b.setContentsMargins(width // 4, 0, width // 4, 0)  # the same room, given by the margins
    padded.setStyleSheet("")
    padded.setContentsMargins(b.contentsMargins())
    QApplication.processEvents()
    assert b.heightForWidth(width) == padded.heightForWidth(width) > before
    b.setContentsMargins(0, 0, 0, 0)
    b.setText(LONG + " " + LONG)
    assert b.heightForWidth(width) == plain_like(b) and a.heightForWidth(width) == plain_like(a)


def test_kept_measures_each_key_once_and_holds_no_more_than_its_bound() -> None:
    from triage_desktop.gui.kept import Kept

    calls: list[str] = []

    def measure(key: str) -> Callable[[], int]:
        return lambda: calls.append(key) or len(calls)

    kept: Kept[str, int] = Kept(3)
    assert [kept.get(k, measure(k)) for k in "abab"] == [1, 2, 1, 2] and calls == ["a", "b"]
    assert kept.peek("a") == 1 and kept.peek("z") is None and calls == ["a", "b"]  # peek measures nothing
    kept.get("c", measure("c"))
    assert len(kept) == 3
    assert kept.get("d", measure("d")) == 4 and len(kept) == 1  # full: all dropped, then "d" measured
    assert kept.get("a", measure("a")) == 5 and calls == ["a", "b", "c", "d", "a"]  # "a" was measured again
    kept.clear()
    assert len(kept) == 0 and kept.peek("a") is None
