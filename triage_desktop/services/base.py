"""ServicesBase: what every part of AppServices shares (the store, the flows, the worker, the settings)."""
from __future__ import annotations

from typing import TYPE_CHECKING, Optional

if TYPE_CHECKING:
    from ..core.engine import Clock, FlowLibrary
    from ..paths import AppPaths
    from ..store.callreport import FlowLibraries
    from ..store.calls import CallStore
    from ..store.database import Store
    from ..store.retention import PurgeResult
    from .access import OutboxAccess, SettingsAccess
    from .force import ForceServices
    from .worker import DbWorker


class ServicesBase:
    """The attributes AppServices.__init__ sets (services/app.py), declared once for the parts that use them:
    calls (services/calls.py), upkeep (services/upkeep.py), sync and figures (services/syncing.py), flows
    (services/flows.py)."""

    store: "Store"
    library: "FlowLibrary"
    clock: "Optional[Clock]"
    settings: "SettingsAccess"
    outbox: "OutboxAccess"
    force: "ForceServices"
    last_purge: "Optional[PurgeResult]"
    _worker: "DbWorker"
    _calls: "CallStore"
    _libs: "FlowLibraries"
    _allow_example_signoff: Optional[bool]

    @property
    def paths(self) -> "AppPaths":
        return self.store.paths

    @property
    def training(self) -> bool:
        return self.store.training

    @property
    def mode(self) -> str:
        return "training" if self.store.training else "live"
