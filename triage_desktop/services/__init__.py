"""The services facade: the one seam between the GUI/CLI and the engine + store (no Qt).

The services own the database on one serial worker thread (`DbWorker`, after Anki's single database executor):
every store read and write runs there, in order. Every method is synchronous for the command line and the tests;
the GUI instead hands any method to `submit()` and gets a future back, which its Qt adapter turns into a signal, so
the GUI thread never waits for an fsync, a backup or a quick check. Call actions return `CallChanges` (what
changed, and the call's `CallView` snapshot after the action).
"""
from __future__ import annotations

import importlib
from typing import Any

from ..core.callview import AnswerView, CallChanges, CallView, OptionView, PathRow, QuestionView, StaleAction
from ..core.engine import EngineError
from ..store.errors import StoreError
from .worker import WorkerStopped

#: What the GUI may use from below the services, by name (it imports nothing else of store, sync or flowdocs).
_PASSED_ON = {
    "Period": "triage_desktop.store.figures", "tidy_rows": "triage_desktop.store.figures",
    "describe_signoff": "triage_desktop.core.governance", "signoff_summary": "triage_desktop.core.governance",
    "bundle_dir": "triage_desktop.flowdocs.bundle", "diagram_for": "triage_desktop.flowdocs.bundle",
}

#: Loaded on first use, so the GUI can name the view types without importing the store and sqlite-utils.
_LAZY = {
    "AppServices": "app", "CallInfo": "app", "FlowsNotLive": "app", "load_library": "app", "is_store_error": "app",
    "ENV_FLOWS_DIR": "app", "RepeatContact": "app", "CallSession": "session",
}

__all__ = ["AnswerView", "CallChanges", "CallView", "OptionView", "PathRow", "QuestionView", "StaleAction", "EngineError",
           "StoreError", "WorkerStopped", *sorted(_LAZY), *sorted(_PASSED_ON)]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(f"{__name__}.{_LAZY[name]}"), name)
    if name in _PASSED_ON:
        return getattr(importlib.import_module(_PASSED_ON[name]), name)
    raise AttributeError(name)
