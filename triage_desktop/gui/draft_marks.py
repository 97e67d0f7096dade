"""Training and draft flows said on every window: the words, the mark on a window's title, a banner. The training
words are the main window's (its title part and the start page's banner), from here, in the training colours."""
from __future__ import annotations

from typing import Any, Optional

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QWidget

from . import a11y

translate = QCoreApplication.translate


def training_banner_text() -> str:
    """The training banner's words, as on the main window's start page."""
    return translate("TrainingMarks", "⚠ TRAINING: not a real call. Mock calls only: nothing here is a real call or "
                                      "is synced.")


def training_title(svc: Any) -> str:
    """'TRAINING: not a real call — ' put before a window's title on the training store (the words of the main
    window's title); else ''."""
    return (translate("ServiceWords", "TRAINING: not a real call") + " — "
            if svc is not None and getattr(svc, "training", False) else "")


def training_banner(svc: Any, parent: Optional[QWidget] = None) -> QLabel:
    """The training banner (the main window's words and colours, wrapping at large text); hidden on a live store."""
    label = QLabel(training_banner_text(), parent)
    label.setObjectName("training_banner")
    label.setProperty("role", "training")
    label.setWordWrap(True)
    a11y.text_label(label, translate("TrainingMarks", "Training mode"))
    label.setVisible(svc is not None and bool(getattr(svc, "training", False)))
    return label


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


def mark_drafts(window: Any) -> None:
    """Drafts in use (training only): say so on every screen (status bar, start page, call screen, title)."""
    svc = getattr(window, "svc", None)
    text = drafts_text(svc) if svc is not None else ""
    window._draft_title = draft_title(svc) if text else ""
    label = getattr(window, "draft_status_label", None)
    if text and label is None:
        label = QLabel()
        label.setProperty("role", "training")
        a11y.text_label(label, QCoreApplication.translate("FlowsHelp", "Draft flows in use"))
        window.draft_status_label = label
        window.statusBar().addPermanentWidget(label)
    if label is not None:
        label.setText("⚠ " + text if text else "")
        label.setVisible(bool(text))
    screens = [getattr(window, "start_page", None)]
    if text:
        screens.append(window.call_screen)  # built now (it is built as soon as the services are open anyway)
    elif getattr(window, "_call_screen", None) is not None:
        screens.append(window._call_screen)
    for page in screens:
        lab = getattr(page, "training_label", None)
        if lab is None:
            continue
        base = lab.property("base_text") or lab.text()
        lab.setProperty("base_text", base)
        lab.setText(base + (f"  ⚠ {text}" if text else ""))
        if text:
            lab.setVisible(True)  # drafts load only in training: the training banner carries the draft marker
    if text and hasattr(window, "_update_title"):
        window._update_title()
