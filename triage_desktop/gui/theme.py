"""Colours, fonts and the style sheet: red for immediate risk only, amber for flags, the rest neutral."""
from __future__ import annotations

import re

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QWidget

#: Text on white and white on these all pass WCAG AA (checked by tests/gui/test_theme.py).
INK = "#1b1b1b"            # body text
MUTED = "#4a4a4a"          # secondary text (7.9:1 on white)
PAPER = "#ffffff"
PANEL = "#f3f2f1"          # side panel background (GOV.UK light grey)
RULE = "#b1b4b6"
FOCUS = "#ffdd00"          # focus ring (GOV.UK yellow), always with a dark outline
RED = "#a4161a"            # immediate risk and police emergency only (white on it: 7.4:1)
RED_TEXT = "#a4161a"
AMBER_BG = "#ffe08a"       # flags raised; always with a ⚠ and the word "Flag"
AMBER_INK = "#3d2a00"      # text on amber (11.9:1)
AMBER_RULE = "#b26a00"
INFO_BG = "#e8f1f8"        # neutral call-out (police will not attend, etc.)
INFO_INK = "#0b0c0c"
#: Scroll bars are flat (a handle on the panel grey): Fusion's gradient scroll bar took 1.2-1.8 ms to paint, more
#: than the rest of the call screen's repaint; the handle keeps 3:1 against its groove (WCAG 1.4.11, non-text)
SCROLL_HANDLE = "#6f777b"

#: Font size factors relative to the application font (so 200 % text scales everything).
SAY_FACTOR = 1.6
HEADLINE_FACTOR = 1.5
BUTTON_FACTOR = 1.2
SMALL_FACTOR = 0.95

PAIRS_TO_CHECK = {  # (foreground, background): what tests verify for contrast
    "body": (INK, PAPER),
    "muted": (MUTED, PAPER),
    "muted on panel": (MUTED, PANEL),
    "ink on panel": (INK, PANEL),
    "risk button": (PAPER, RED),
    "risk text": (RED_TEXT, PAPER),
    "flag": (AMBER_INK, AMBER_BG),
    "info": (INFO_INK, INFO_BG),
}
NON_TEXT_PAIRS_TO_CHECK = {  # (part, background): 3:1 for what is not text (WCAG 1.4.11)
    "scroll handle": (SCROLL_HANDLE, PANEL),
}


def _channel(c: int) -> float:
    s = c / 255
    return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4


def luminance(hex_colour: str) -> float:
    h = hex_colour.lstrip("#")
    r, g, b = (int(h[i:i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_ratio(fg: str, bg: str) -> float:
    """WCAG 2.x contrast ratio between two #rrggbb colours."""
    a, b = sorted((luminance(fg), luminance(bg)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def scaled_font(base: QFont, factor: float, *, bold: bool = False) -> QFont:
    f = QFont(base)
    size = base.pointSizeF() if base.pointSizeF() > 0 else 10.0
    f.setPointSizeF(size * factor)
    if bold:
        f.setBold(True)
    return f


def apply_font(widget: QWidget, factor: float, *, bold: bool = False) -> None:
    """Give a widget a font relative to the application font (re-applied by `refresh_fonts`)."""
    widget.setProperty("font_factor", factor)
    widget.setProperty("font_bold", bold)
    widget.setFont(scaled_font(QApplication.font(), factor, bold=bold))


def refresh_fonts(root: QWidget) -> None:
    """Re-derive every relative font under root after the application font changed (e.g. 200 % text)."""
    base = QApplication.font()
    for w in [root, *root.findChildren(QWidget)]:
        factor = w.property("font_factor")
        if factor:
            w.setFont(scaled_font(base, float(factor), bold=bool(w.property("font_bold"))))
        elif w is not root:
            pass


_RESTYLE_MARK = re.compile(r"^/\* restyle [^*]* \*/ ?")


def restyle(widget: QWidget) -> None:
    """Re-apply the style sheet to a widget after a property its rules select on changed (role, current).

    `style().unpolish()` + `polish()` repaints the colours but keeps the old box: a label that gains
    `role="badge"` after it was first shown keeps zero contents margins, so its left rule is painted over the
    first letters (the outcome's police banner was clipped that way). Setting the widget's own style sheet to a
    different string makes Qt recompute the whole rule, box included; the widget's own rules are kept."""
    own = _RESTYLE_MARK.sub("", widget.styleSheet())
    props = ",".join(f"{k}={widget.property(k)}" for k in ("role", "current") if widget.property(k) is not None)
    widget.setStyleSheet(f"/* restyle {props.replace('*', '')} */ {own}")


def set_role(widget: QWidget, role: str) -> None:
    """Give a widget the theme role `role` (badge, risk, flag, …) and apply that rule in full (see `restyle`)."""
    if widget.property("role") != role:
        widget.setProperty("role", role)
        restyle(widget)


#: NB specificity: "QWidget#CallSidePanel QLabel" (an id) beats "QLabel[role=flag]", so the side panel's flags were
#: painted transparent, not amber, until the rule below it named them; tests/gui/test_fit_screen.py reads the pixels.
STYLE_SHEET = f"""
QWidget#CallScreen, QWidget#StartPage, QWidget#QuestionPage, QWidget#OutcomePage {{ background: {PAPER}; }}
QLabel {{ color: {INK}; }}
QLabel[role="muted"] {{ color: {MUTED}; }}
QLabel[role="caption"] {{ color: {MUTED}; font-weight: bold; }}
QLabel[role="flag"] {{ background: {AMBER_BG}; color: {AMBER_INK}; border: 1px solid {AMBER_RULE};
                       border-radius: 3px; padding: 2px 6px; }}
QLabel[role="risk"] {{ background: {RED}; color: {PAPER}; border-radius: 3px; padding: 4px 8px; font-weight: bold; }}
QLabel[role="badge"] {{ color: {INK}; background: {PANEL}; border-left: 6px solid {INK}; padding: 4px 8px; }}
QLabel[role="callout"] {{ background: {INFO_BG}; color: {INFO_INK}; border-left: 6px solid #1d70b8; padding: 8px; }}
QLabel[role="training"] {{ background: {AMBER_BG}; color: {AMBER_INK}; border: 1px solid {AMBER_RULE};
                           padding: 4px 8px; font-weight: bold; }}
QLabel[role="error"] {{ color: {INK}; border-left: 6px solid {INK}; padding: 4px 8px; font-weight: bold; }}
QWidget#CallSidePanel {{ background: {PANEL}; }}
QWidget#CallSidePanel QLabel {{ background: transparent; }}
QWidget#CallSidePanel QLabel[role="flag"] {{ background: {AMBER_BG}; }}
QPushButton[role="answer"] QLabel {{ background: transparent; }}
QPushButton[role="answer"] {{ text-align: left; padding: 10px 14px; border: 2px solid {INK}; border-radius: 4px;
                              background: {PAPER}; color: {INK}; }}
QPushButton[role="answer"]:hover {{ background: #e8e8e8; }}
QPushButton[role="answer"]:checked {{ background: #d2e2f1; border: 3px solid #1d70b8; }}
QPushButton[role="answer"][current="true"] {{ border: 3px solid #1d70b8; }}
/* focused, the 4px ring takes 4px of padding: the same box, so the words never run into the padding (Qt sizes a
   button in its unfocused state and does not size it again when the focus ring comes) */
QPushButton[role="primary"] {{ padding: 12px 20px; background: #00703c; color: {PAPER}; border: none;
                               border-radius: 3px; font-weight: bold; }}
QPushButton[role="primary"]:disabled {{ background: #b1b4b6; color: {INK}; }}
QPushButton[role="risk"] {{ padding: 8px 16px; background: {RED}; color: {PAPER}; border: 2px solid #6b0e11;
                            border-radius: 3px; font-weight: bold; }}
QPushButton[role="risk"]:hover {{ background: #8a1216; }}
QPushButton:focus, QCheckBox:focus, QToolButton:focus {{ outline: none; border: 3px solid {INK};
                                                          background: {FOCUS}; color: {INK}; }}
QPushButton[role="primary"]:focus {{ background: #00703c; color: {PAPER}; border: 4px solid {FOCUS};
                                     padding: 8px 16px; }}
QPushButton[role="risk"]:focus {{ background: {RED}; color: {PAPER}; border: 4px solid {FOCUS}; }}
QLineEdit:focus, QPlainTextEdit:focus, QTextEdit:focus, QComboBox:focus {{ border: 3px solid {INK}; }}
QScrollBar:vertical {{ background: {PANEL}; width: 14px; margin: 0; border-left: 1px solid {RULE}; }}
QScrollBar:horizontal {{ background: {PANEL}; height: 14px; margin: 0; border-top: 1px solid {RULE}; }}
QScrollBar::handle {{ background: {SCROLL_HANDLE}; border-radius: 3px; margin: 2px; }}
QScrollBar::handle:vertical {{ min-height: 32px; }}
QScrollBar::handle:horizontal {{ min-width: 32px; }}
QScrollBar::handle:hover, QScrollBar::handle:pressed {{ background: {INK}; }}
QScrollBar::add-line, QScrollBar::sub-line {{ width: 0; height: 0; border: none; background: none; }}
QScrollBar::add-page, QScrollBar::sub-page {{ background: none; }}
"""


def apply_theme(app: QApplication) -> None:
    """Readable base size (at least 11 pt) and the app's style sheet."""
    f = app.font()
    if f.pointSizeF() < 11:
        f.setPointSizeF(11)
        app.setFont(f)
    app.setStyleSheet(STYLE_SHEET)
