"""The small modal dialogs, by one name: each opens through an ask() classmethod (tests monkeypatch ask; a real
modal would hang). They live in modules by purpose; this module gathers them for the code and tests that import
them from here."""
from __future__ import annotations

from .addendum_dialog import AddendumDialog
from .dialog_kit import fit_wrapped, ok_cancel_buttons
from .handler_dialogs import HandlerDialog, HandoverDialog
from .message_boxes import ConfirmDialog, ErrorDialog
from .outcome_dialogs import EarlyExitDialog, OutcomeChoiceDialog, OverrideDialog
from .reason_dialog import ReasonDialog
from .resume_dialog import ResumeDialog, describe_interrupted
from .time_words import local_time

__all__ = ["AddendumDialog", "ConfirmDialog", "EarlyExitDialog", "ErrorDialog", "HandlerDialog", "HandoverDialog",
           "OutcomeChoiceDialog", "OverrideDialog", "ReasonDialog", "ResumeDialog", "describe_interrupted",
           "fit_wrapped", "local_time", "ok_cancel_buttons"]
