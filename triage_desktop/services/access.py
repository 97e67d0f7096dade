"""The store's settings, history and outbox as the services hand them out: every call runs on the database worker."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional

from ..store.settings import Settings
from .worker import on_worker as _on_worker

if TYPE_CHECKING:
    from ..store.history import HistoryRepository
    from .app import AppServices


class SettingsAccess:
    """The store's declared settings, read and written on the database worker."""

    def __init__(self, svc: "AppServices") -> None:
        self._worker = svc._worker
        self._svc = svc
        self._settings: Settings = svc.store.settings

    @_on_worker
    def get(self, name: str, default: Any = None) -> Any:
        return self._settings.get(name, default)

    @_on_worker
    def get_int(self, name: str) -> int:
        return self._settings.get_int(name)

    @_on_worker
    def get_float(self, name: str) -> float:
        return self._settings.get_float(name)

    @_on_worker
    def set(self, name: str, value: Any) -> None:
        """Store a setting with the authority it needs (force pack, then supervisor, then user): a value the pack
        sets is refused (SettingLocked), a force-level one needs a supervisor and is audited (services/force.py)."""
        self._svc.force.set_setting(name, value)

    @_on_worker
    def set_many(self, values: dict[str, Any]) -> dict[str, str]:
        """Store each value (with its authority); returns {name: problem} for the ones refused (the rest kept)."""
        problems: dict[str, str] = {}
        for k, v in values.items():
            try:
                self._svc.force.set_setting(k, v)
            except (KeyError, ValueError, PermissionError) as exc:
                problems[k] = str(exc).strip("'\"")
        return problems

    @_on_worker
    def all(self) -> dict[str, Any]:
        return self._settings.all()


class HistoryAccess:
    """The History view's queries (store.history), run on the database worker."""

    def __init__(self, svc: "AppServices") -> None:
        self._worker = svc._worker
        self._db = svc.store.db
        self._repo_made: Optional[HistoryRepository] = None

    @property
    def _repo(self) -> HistoryRepository:
        """store.history, imported and made with the first query (on the worker): not at every start (~1 ms)."""
        if self._repo_made is None:
            from ..store.history import HistoryRepository

            self._repo_made = HistoryRepository(self._db)
        return self._repo_made

    @_on_worker
    def count(self, filters: Any = None) -> int:
        return self._repo.count(filters)

    @_on_worker
    def page(self, offset: int = 0, limit: int = 50, order_by: str = "started_at", desc: bool = True,
             filters: Any = None) -> list[dict[str, Any]]:
        return self._repo.page(offset, limit, order_by, desc, filters)

    @_on_worker
    def page_after(self, after: Optional[tuple[str, str]] = None, limit: int = 50, **kw: Any) -> list[dict[str, Any]]:
        return self._repo.page_after(after, limit, **kw)

    @_on_worker
    def search(self, text: str, *, limit: int = 100, filters: Any = None) -> list[dict[str, Any]]:
        return self._repo.search(text, limit=limit, filters=filters)

    @_on_worker
    def distinct_values(self, column: str) -> list[str]:
        return self._repo.distinct_values(column)


class OutboxAccess:
    """The store's outbox repository with every call run on the database worker (sync.protocol.OutboxPort): a sync
    pass on another thread asks the services for its batches and reports results through them."""

    def __init__(self, svc: "AppServices") -> None:
        from ..store.outbox import OutboxRepository

        self._worker = svc._worker
        self._repo = OutboxRepository(svc.store.db)

    @_on_worker
    def has_outbox(self) -> bool:
        return self._repo.has_outbox()

    @_on_worker
    def due_rows(self, *, now: str, limit: int, after_id: int = 0, ignore_backoff: bool = False) -> list[Any]:
        return self._repo.due_rows(now=now, limit=limit, after_id=after_id, ignore_backoff=ignore_backoff)

    @_on_worker
    def mark_synced(self, ids: Any, *, now: str) -> None:
        self._repo.mark_synced(ids, now=now)

    @_on_worker
    def mark_quarantined(self, reasons: Any) -> None:
        self._repo.mark_quarantined(reasons)

    @_on_worker
    def mark_retry(self, rows: Any, *, error: str, now: Any, base: float, cap: float, rng: Any = None) -> None:
        self._repo.mark_retry(rows, error=error, now=now, base=base, cap=cap, rng=rng)

    @_on_worker
    def requeue(self, ids: Any, *, reason: str) -> int:
        return self._repo.requeue(ids, reason=reason)

    @_on_worker
    def release_quarantined(self) -> int:
        return self._repo.release_quarantined()

    @_on_worker
    def status_counts(self) -> dict[str, int]:
        return self._repo.status_counts()

    @_on_worker
    def device_ids(self) -> list[str]:
        return self._repo.device_ids()

    @_on_worker
    def keys_by_status(self, device_id: str, status: str) -> dict[tuple[str, int], tuple[int, str]]:
        return self._repo.keys_by_status(device_id, status)

    @_on_worker
    def reconcile_keys(self) -> dict[str, tuple[dict[tuple[str, int], tuple[int, str]],
                                           dict[tuple[str, int], tuple[int, str]]]]:
        return self._repo.reconcile_keys()

    @_on_worker
    def setting(self, key: str) -> Optional[str]:
        return self._repo.setting(key)

    @_on_worker
    def chain_head(self) -> Optional[tuple[int, str]]:
        return self._repo.chain_head()
