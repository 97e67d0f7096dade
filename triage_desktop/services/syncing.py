"""Sync to the collector (network on the caller's thread; every outbox read and write on the worker) and the
figures for reports (the calls report, the Reports window's reader and its assumptions)."""
from __future__ import annotations

import threading
from typing import Any, Optional

from .base import ServicesBase
from .worker import on_worker as _on_worker


class SyncMixin(ServicesBase):
    """AppServices' sync and report-figure methods (see services/app.py)."""

    def sync_config(self, *, cancel: Optional[threading.Event] = None, timeout_s: float = 15.0,
                    max_attempts: int = 3) -> Any:  # -> sync.runner.SyncConfig
        """The collector URL, token and CA bundle (environment, then the declared settings, then the token store).
        Raises sync.settings.SettingsError (a ValueError) saying what is missing."""
        from ..sync.runner import SyncConfig
        from ..sync.settings import resolve_values

        url, token, ca = resolve_values(stored_url=self.settings.get("sync_collector_url") or None,
                                        stored_ca=self.settings.get("sync_ca_bundle") or None)
        return SyncConfig(collector_url=url, token=token, ca_bundle=ca, cancel=cancel, timeout_s=timeout_s,
                          max_attempts=max_attempts)

    def sync_pass(self, config: Any) -> Any:  # -> sync.runner.SyncReport
        """One sync pass; call it from a thread that may wait on the network (never the GUI thread)."""
        from ..sync.runner import run_sync_pass

        return run_sync_pass(self.outbox, config, lock_key=str(self.store.path.resolve()))

    @staticmethod
    def check_collector_url(url: str) -> None:
        """Raises ValueError for a collector URL sync would refuse (plain http:// other than to this PC)."""
        from ..sync.transport import check_collector_url

        check_collector_url(url)

    def save_sync_settings(self, *, collector_url: Optional[str], ca_bundle: Optional[str],
                           token: Optional[str]) -> list[str]:
        """Remember the URL and CA bundle as declared settings and the token in the OS token store."""
        from ..sync import credentials

        saved: list[str] = []
        for key, value in (("sync_collector_url", collector_url), ("sync_ca_bundle", ca_bundle)):
            if value:
                self.settings.set(key, value)
                saved.append(key)
        if token:
            saved.append(f"token ({credentials.save_token(token)})")
        return saved

    @_on_worker
    def report(self, date_from: str, date_to: str) -> dict[str, Any]:
        """Calls by pathway and outcome, attendance avoided and officer hours saved (see store.report)."""
        from ..store.report import build_report

        return build_report(self.store.db, date_from, date_to, self.store.settings)

    def figures_reader(self) -> Any:  # -> store.figures.FiguresReader
        """For the Reports window: a reader over its own read-only connection, to create and use on ONE worker
        thread (it never touches this object's connection), so figures over a million calls never block the GUI."""
        from ..store.figures import FiguresReader

        return FiguresReader(self.store.path, training=self.training)

    @_on_worker
    def figures_assumptions(self) -> dict[str, Any]:
        """Hours per avoided deployment (with sources) and the force's pre-RCRP baseline, from the settings."""
        from ..store.figures import baseline, hours_assumptions

        return {"hours": hours_assumptions(self.store.settings), "baseline": baseline(self.store.settings),
                "force_name": self.settings.get("force_name") or "", "force_code": self.settings.get("force_code")}
