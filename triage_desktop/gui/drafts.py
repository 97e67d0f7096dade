"""Draft flows in use (training only), marked on every screen; apart from Help ▸ Flows (flows_help.py) so the app
marks them when it becomes ready without loading the diagram viewer (QtSvg)."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel

from . import a11y


def drafts_text(svc: Any) -> str:
    drafts = svc.drafts
    if not drafts:
        return ""
    lib = svc.library
    head = (QCoreApplication.translate("FlowsHelp", "DRAFT FLOWS (training only): ") if len(drafts) > 1
            else QCoreApplication.translate("FlowsHelp", "DRAFT FLOW (training only): "))
    return head + ", ".join(f"{lib[f].title} v{lib[f].version}" for f in drafts)


def mark_drafts(window: Any) -> None:
    """Drafts in use (training only): say so on every screen (status bar, start page, call screen, title)."""
    svc = getattr(window, "svc", None)
    text = drafts_text(svc) if svc is not None else ""
    window._draft_title = QCoreApplication.translate("FlowsHelp", " — DRAFT FLOWS") if text else ""
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
