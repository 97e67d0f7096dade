"""PartnerPanel: the partner services to offer at the outcome, from the force's directory, open now or closed."""
from __future__ import annotations

import html
from typing import Any, Optional

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from .service_words import partner_when


def _phones(entry: Any) -> str:
    return ", ".join(html.escape(str(p)) for p in entry.phones)


class PartnerPanel(QWidget):
    """Open services with numbers first; the NHS 111 fallback with why; closed ones with when they open."""

    def __init__(self, parent: Optional[QWidget] = None):
        super().__init__(parent)
        self.setObjectName("PartnerPanel")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(6)
        self.open_caption = QLabel(self.tr("Partner services open now"))
        self.open_caption.setProperty("role", "caption")
        lay.addWidget(self.open_caption)
        self.open_label = QLabel()
        self.open_label.setWordWrap(True)
        self.open_label.setTextFormat(Qt.TextFormat.RichText)
        lay.addWidget(self.open_label)
        self.fallback_label = QLabel()  # amber: the handler must notice that the local services are shut
        self.fallback_label.setWordWrap(True)
        self.fallback_label.setProperty("role", "flag")
        lay.addWidget(self.fallback_label)
        self.closed_caption = QLabel(self.tr("Closed now (not offered)"))
        self.closed_caption.setProperty("role", "caption")
        lay.addWidget(self.closed_caption)
        self.closed_label = QLabel()
        self.closed_label.setWordWrap(True)
        self.closed_label.setTextFormat(Qt.TextFormat.RichText)
        lay.addWidget(self.closed_label)
        self.origin_label = QLabel()
        self.origin_label.setWordWrap(True)
        self.origin_label.setProperty("role", "muted")
        lay.addWidget(self.origin_label)
        self.offer: Any = None

    def show_offer(self, offer: Any, *, origin: str = "") -> None:
        """Show a core.partners.PartnerOffer."""
        self.offer = offer
        at = offer.at
        rows = []
        for s in offer.offered:
            notes = f"<br><span style='color:#4a4a4a'>{html.escape(s.entry.notes)}</span>" if s.entry.notes else ""
            rows.append(f"<b>{html.escape(s.entry.name)}</b> — {_phones(s.entry)} · {html.escape(partner_when(s.when_words(at)))}"
                        f"{notes}")
        if rows:
            self.open_label.setText("<br>".join(rows))
        elif offer.alternative is not None:
            alt = offer.alternative
            self.open_label.setText(self.tr("None open now. Next to open: <b>{name}</b> — {phones} · {when}").format(
                name=html.escape(alt.entry.name), phones=_phones(alt.entry), when=html.escape(partner_when(alt.when_words(at)))))
        else:
            self.open_label.setText(self.tr("None in the force directory for this outcome."))
        self.fallback_label.setText(f"⚠ {offer.fallback_reason}" if offer.fallback_reason else "")
        self.fallback_label.setVisible(bool(offer.fallback_reason))
        closed = [f"{html.escape(s.entry.name)} — {html.escape(partner_when(s.when_words(at)))}" for s in offer.closed]
        self.closed_label.setText("<br>".join(closed))
        self.closed_caption.setVisible(bool(closed))
        self.closed_label.setVisible(bool(closed))
        self.origin_label.setText(self.tr("Directory: {origin}").format(origin=origin) if origin else "")
        self.origin_label.setVisible(bool(origin))

    def plain_text(self) -> str:
        """What the panel says, as plain text (tests and the screen reader check)."""
        return "\n".join(w.text() for w in (self.open_label, self.fallback_label, self.closed_label)
                         if w.isVisibleTo(self) and w.text())
