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

#: Names this package hands out, and the module each comes from. Nothing is imported until a name is first used,
#: so the GUI can name the view types (and paint its first window) without importing the store or sqlite-utils.
#: The last group is what the GUI may use from below the services (it imports nothing of store, sync or flowdocs).
_NAMES = {
    "triage_desktop.services.app": ("AppServices", "CallInfo", "FlowsNotLive", "load_library",
                                    "ENV_FLOWS_DIR", "RepeatContact"),
    "triage_desktop.services.session": ("CallSession",),
    "triage_desktop.services.worker": ("WorkerStopped",),
    "triage_desktop.services.training": ("ScenarioInvalid", "TrainingError"),
    "triage_desktop.services.force": ("AuthorityError",),
    "triage_desktop.core.callview": ("AnswerView", "CallChanges", "CallView", "OptionView", "PathRow",
                                     "QuestionView", "StaleAction", "build_call_view"),
    "triage_desktop.core.errors": ("EngineError",),
    "triage_desktop.core.callerview": ("CallerView", "NotAskedView"),
    "triage_desktop.core.exits": ("EarlyExitInfo", "script_after_headline", "response_words",
                                  "UNREACHABLE_WORDS", "outcome_choices"),
    "triage_desktop.core.outcome_words": ("decision_words", "window_title"),
    "triage_desktop.core.times": ("format_elapsed", "parse_utc", "utc_iso"),
    "triage_desktop.store.errors": ("StoreError",),
    "triage_desktop.store.figures": ("Period", "tidy_rows"),
    "triage_desktop.core.governance": ("describe_signoff", "signoff_summary"),
    "triage_desktop.flowdocs.bundle": ("bundle_dir", "diagram_for"),
}
_FROM = {name: module for module, names in _NAMES.items() for name in names}

__all__ = sorted(_FROM)


def __getattr__(name: str) -> Any:
    if name in _FROM:
        return getattr(importlib.import_module(_FROM[name]), name)
    raise AttributeError(name)
