"""Sync of anonymised call summaries to the force's collector: summary schema, outbox, client (no Qt).

Importing this package is cheap: `build_summary` lives in `triage_desktop.sync.summary` (no network code),
and `run_sync_pass`, `SyncConfig` and `SyncReport` are loaded from `triage_desktop.sync.runner` on first use.
"""
from __future__ import annotations

from typing import Any

_LAZY = {
    "build_summary": "summary",
    "run_sync_pass": "runner",
    "SyncConfig": "runner",
    "SyncReport": "runner",
}

__all__ = sorted(_LAZY)


def __getattr__(name: str) -> Any:
    """Load the public names on first use, so the store can import the summary builder without httpx."""
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f"{__name__}.{_LAZY[name]}"), name)
    raise AttributeError(name)
