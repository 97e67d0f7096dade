"""CallHeader: where the call is (flow · step), the call timer, who is handling it, and the Immediate risk button."""
from __future__ import annotations

import datetime as _dt
from typing import Optional

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from triage_desktop.core.vocab import ROLE_NAMES

from .vocab_words import word
from triage_desktop.services import format_elapsed, parse_utc as parse_started

from . import a11y
from . import theme
from .wrap_label import WrapLabel



class CallHeader(QWidget):
    """The strip across the top of a call. The timer only repaints its own label (it never moves focus)."""

    immediate_risk_clicked = Signal()

    def __init__(self, parent: Optional[QWidget] = None):
        super().__init__(parent)
        self.setObjectName("CallHeader")
        lay = QHBoxLayout(self)
        lay.setContentsMargins(16, 8, 16, 8)
        self.where_label = WrapLabel(self.tr("No call"))  # at 200 % text it wraps instead of being cut off
        a11y.text_label(self.where_label, self.tr("Where the call is"))
        theme.apply_font(self.where_label, theme.BUTTON_FACTOR, bold=True)
        lay.addWidget(self.where_label, 1)
        self.actor_label = WrapLabel()
        self.actor_label.setProperty("role", "muted")
        a11y.text_label(self.actor_label, self.tr("Handling the call"))
        lay.addWidget(self.actor_label)
        self.timer_label = QLabel("00:00:00")
        a11y.text_label(self.timer_label, self.tr("Call time"))
        self.timer_label.setToolTip(self.tr("Time since the call started"))
        self.timer_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        theme.apply_font(self.timer_label, theme.BUTTON_FACTOR, bold=True)
        lay.addWidget(self.timer_label)
        lay.addSpacing(12)
        self.risk_button = QPushButton(self.tr("▲ IMMEDIATE RISK  (F9)"))
        self.risk_button.setProperty("role", "risk")
        self.risk_button.setAccessibleName(self.tr("Immediate risk: record a police emergency (F9)"))
        self.risk_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        theme.apply_font(self.risk_button, theme.BUTTON_FACTOR, bold=True)
        self.risk_button.clicked.connect(self.immediate_risk_clicked)
        lay.addWidget(self.risk_button)
        self._started: Optional[_dt.datetime] = None
        self._frozen: Optional[float] = None
        self.tick_timer = QTimer(self)
        self.tick_timer.setInterval(1000)
        self.tick_timer.timeout.connect(self.on_tick_timer_timeout)

    def set_compact(self, compact: bool) -> None:
        """When the side panel is folded (200 % text): where the call is in body-size words, with who is handling
        it on the same label, so the header stays two lines high beside the timer and the Immediate risk button."""
        factor = 1.0 if compact else theme.BUTTON_FACTOR
        if self.where_label.property("font_factor") != factor:
            theme.apply_font(self.where_label, factor, bold=True)
        if compact != getattr(self, "_compact", False):
            self._compact = compact
            self._render_where()

    def _render_where(self) -> None:
        where, actor = getattr(self, "_where", self.where_label.text()), getattr(self, "_actor", "")
        compact = getattr(self, "_compact", False)
        self.where_label.setText(f"{where} · {actor}" if compact and actor else where)
        self.actor_label.setText(actor)
        self.actor_label.setVisible(not compact)

    def start_clock(self, started_at: str) -> None:
        self._started = parse_started(started_at)
        self._frozen = None
        self.on_tick_timer_timeout()
        self.tick_timer.start()

    def stop_clock(self) -> None:
        self.tick_timer.stop()
        self._started = None
        self.timer_label.setText("00:00:00")

    def elapsed(self) -> float:
        if self._started is None:
            return 0.0
        return (_dt.datetime.now(_dt.timezone.utc) - self._started).total_seconds()

    def on_tick_timer_timeout(self) -> None:
        self.timer_label.setText(format_elapsed(self.elapsed()))

    def show_where(self, text: str) -> None:
        self._where = text
        self._render_where()

    def show_actor(self, actor: str, role: str) -> None:
        self._actor = f"{word(ROLE_NAMES.get(role, role.replace('_', ' ')))} {actor}" if actor else ""
        self._render_where()
