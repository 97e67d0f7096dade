"""PartnerPanel: the partner services to offer at the outcome, from the force's directory, open now or closed."""
from __future__ import annotations

import html
from typing import Any, Optional

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from .message_shapes import directory_origin, offer_fallback
from .service_words import partner_when
from .wrap_label import WrapLabel


def _phones(entry: Any, welsh: bool) -> str:
    """The numbers with their labels (escaped): in Welsh where the label has Welsh (NHS 111's "a phwyso 2")."""
    return ", ".join(html.escape(p.text_in("cy") if welsh else str(p)) for p in entry.phones)


def _both(welsh_text: str, english: str) -> str:
    """In Welsh: the Welsh with the English after it (as a flow's partner note); the English alone otherwise."""
    return f"{welsh_text} ({english})" if welsh_text and welsh_text != english else english


def _name(entry: Any, welsh: bool) -> str:
    """The service's name as the handler reads it (escaped): its Welsh name first when Welsh is wanted."""
    return html.escape(_both(entry.name_in("cy"), entry.name) if welsh else entry.name)


def _notes(entry: Any, welsh: bool) -> str:
    return html.escape(_both(entry.notes_in("cy"), entry.notes) if welsh and entry.notes else entry.notes)


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
        self.open_label = WrapLabel()
        self.open_label.setTextFormat(Qt.TextFormat.RichText)
        lay.addWidget(self.open_label)
        self.fallback_label = WrapLabel()  # amber: the handler must notice that the local services are shut
        self.fallback_label.setProperty("role", "flag")
        lay.addWidget(self.fallback_label)
        self.closed_caption = QLabel(self.tr("Closed now (not offered)"))
        self.closed_caption.setProperty("role", "caption")
        lay.addWidget(self.closed_caption)
        self.closed_label = WrapLabel()
        self.closed_label.setTextFormat(Qt.TextFormat.RichText)
        lay.addWidget(self.closed_label)
        self.origin_label = WrapLabel()
        self.origin_label.setProperty("role", "muted")
        lay.addWidget(self.origin_label)
        self.offer: Any = None

    def show_offer(self, offer: Any, *, origin: str = "", welsh: bool = False) -> None:
        """Show a core.partners.PartnerOffer; `welsh` (a Welsh call or interface): the services' Welsh names and
        notes where the force pack gives them, each with the English after it."""
        self.offer = offer
        at = offer.at
        rows = []
        for s in offer.offered:
            notes = f"<br><span style='color:#4a4a4a'>{_notes(s.entry, welsh)}</span>" if s.entry.notes else ""
            rows.append(f"<b>{_name(s.entry, welsh)}</b> — {_phones(s.entry, welsh)} · {html.escape(partner_when(s.when_words(at)))}"
                        f"{notes}")
        if rows:
            self.open_label.setText("<br>".join(rows))
        elif offer.alternative is not None:
            alt = offer.alternative
            self.open_label.setText(self.tr("None open now. Next to open: <b>{name}</b> — {phones} · {when}").format(
                name=_name(alt.entry, welsh), phones=_phones(alt.entry, welsh), when=html.escape(partner_when(alt.when_words(at)))))
        else:
            self.open_label.setText(self.tr("None in the force directory for this outcome."))
        self.fallback_label.setText(f"⚠ {offer_fallback(offer.fallback_reason)}" if offer.fallback_reason else "")
        self.fallback_label.setVisible(bool(offer.fallback_reason))
        closed = [f"{_name(s.entry, welsh)} — {html.escape(partner_when(s.when_words(at)))}" for s in offer.closed]
        self.closed_label.setText("<br>".join(closed))
        self.closed_caption.setVisible(bool(closed))
        self.closed_label.setVisible(bool(closed))
        self.origin_label.setText(self.tr("Directory: {origin}").format(origin=directory_origin(origin)) if origin
                                  else "")
        self.origin_label.setVisible(bool(origin))

    def plain_text(self) -> str:
        """What the panel says, as plain text (tests and the screen reader check)."""
        return "\n".join(w.text() for w in (self.open_label, self.fallback_label, self.closed_label)
                         if w.isVisibleTo(self) and w.text())
