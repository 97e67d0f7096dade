"""Draft flows in use (training only) said on every window: the words, the mark on a window's title, a banner."""
from __future__ import annotations

from typing import Any, Optional

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QWidget

from . import a11y

translate = QCoreApplication.translate


def drafts_text(svc: Any) -> str:
    """'DRAFT FLOW (training only): Mini pathway v1.2.0' (each draft in use, by title and version), or ''."""
    drafts = svc.drafts
    if not drafts:
        return ""
    lib = svc.library
    head = (translate("FlowsHelp", "DRAFT FLOWS (training only): ") if len(drafts) > 1
            else translate("FlowsHelp", "DRAFT FLOW (training only): "))
    return head + ", ".join(f"{lib[f].title} v{lib[f].version}" for f in drafts)


def draft_title(svc: Any) -> str:
    """' — DRAFT FLOWS', added to a window's title while draft flows are in use; else ''."""
    return translate("FlowsHelp", " — DRAFT FLOWS") if svc is not None and svc.drafts else ""


def draft_banner(svc: Any, parent: Optional[QWidget] = None) -> QLabel:
    """A banner in the training colours (wrapping at large text) naming the draft flows in use; hidden if none."""
    text = drafts_text(svc)
    label = QLabel("⚠ " + text if text else "", parent)
    label.setObjectName("draft_banner")
    label.setProperty("role", "training")
    label.setWordWrap(True)
    a11y.text_label(label, translate("FlowsHelp", "Draft flows in use"))
    label.setVisible(bool(text))
    return label
