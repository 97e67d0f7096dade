"""AppServices: the app's services over one open database, owned by the serial database worker.

This module holds opening and closing, the worker, the force pack and the training/review services; the other
methods come from the parts listed in AppServices' docstring. The names below are re-exported for old imports."""
from __future__ import annotations

import logging
import os
import threading
from concurrent.futures import Future
from typing import TYPE_CHECKING, Any, Callable, Optional, TypeVar

from ..core.engine import Clock, FlowLibrary
from ..paths import AppPaths
from ..store.calls import CallStore
from ..store.callreport import FlowLibraries
from ..store.database import Store
from ..store.errors import FlowsInvalid  # noqa: F401 - re-exported
from ..store.retention import PurgeResult
from .access import HistoryAccess, OutboxAccess, SettingsAccess
from .calls import CallInfo, CallsMixin  # noqa: F401 - CallInfo re-exported
from .flows import ENV_FLOWS_DIR, FlowsMixin, FlowsNotLive, load_library  # noqa: F401 - re-exported
from .shift import ShiftAccess
from .syncing import SyncMixin
from .upkeep import UpkeepMixin
from .worker import DbWorker
from .worker import on_worker as _on_worker

log = logging.getLogger(__name__)
T = TypeVar("T")

if TYPE_CHECKING:
    from .force import ForceConfig
    from ..store.repeat import RepeatContact  # noqa: F401 - re-exported (below, on first use)
    from .session import CallSession  # noqa: F401 - re-exported (below, on first use)


def __getattr__(name: str) -> Any:
    """`CallSession` is still importable from here (old imports); services/session.py loads on first use."""
    if name == "CallSession":
        from .session import CallSession

        return CallSession
    if name == "RepeatContact":  # store/repeat.py loads with the first repeat-contact check (not at every start)
        from ..store.repeat import RepeatContact

        return RepeatContact
    raise AttributeError(name)


class AppServices(CallsMixin, UpkeepMixin, SyncMixin, FlowsMixin):
    """The app's services over one open database, owned by one worker thread (see the module docstring).

    Its parts live beside it: calls (services/calls.py), health, backups and legal holds (services/upkeep.py), sync
    and report figures (services/syncing.py), the flows in use (services/flows.py); the shared attributes are
    declared in services/base.py."""

    def __init__(self, store: Store, library: FlowLibrary, *, clock: Optional[Clock] = None,
                 worker: Optional[DbWorker] = None, pack: Any = None):
        self._worker = worker or DbWorker()
        self.store = store
        self.library = library
        self.clock = clock
        self._calls = CallStore(store)
        self._repeat_index: Optional[Any] = None  # store.repeat.RepeatIndex, made on first use (see _repeat)
        self._allow_example_signoff: Optional[bool] = None
        self._libs = FlowLibraries(self._calls, library)
        self.settings = SettingsAccess(self)
        self.history = HistoryAccess(self)
        self.outbox = OutboxAccess(self)
        self.last_purge: Optional[PurgeResult] = None
        self._closed = False
        #: The force pack's services (authority, roles, partner directory, phased rollout): see services/force.py.
        from .force import ForceServices

        self.force = ForceServices(self, pack)
        self.shift = ShiftAccess(self)  # who is taking calls (sign in per shift, recent ids, idle sign-out)

    @classmethod
    def open(cls, paths: Optional[AppPaths] = None, training: bool = False, *,
             flows_dir: Optional[str | os.PathLike[str]] = None, clock: Optional[Clock] = None,
             purge: bool = True, allow_example_signoff: Optional[bool] = None,
             start_empty: bool = False, pack: Any = None, library: Optional[FlowLibrary] = None) -> "AppServices":
        """Check the flows, then (on the worker) take the lock, open/create/migrate the database, apply the force pack
        (packs.LoadedPack, or None for none) and purge expired personal data. Nothing is opened or created when the
        flows fail the checker.

        Live mode runs only live-ready flows (see load_library); `allow_example_signoff` (default: only for the
        bundled flows) lets a demo run live on a copy of the bundled flows. A pack's `[flows] folder` replaces the
        bundled flows unless `flows_dir` is given.
        Raises store.errors.DatabaseMissing when the database is missing/empty but backups exist; `start_empty`
        is the user's explicit choice of an empty database instead (recorded as an audit event).
        A check of the flows that passed on the same bytes is remembered in the paths' cache dir (core/flowcache.py).
        `library`: the flows as `load_flows` returned them for the same arguments (already loaded by the caller).
        """
        if library is None:
            library = cls.load_flows(paths, training, flows_dir=flows_dir, pack=pack,
                                     allow_example_signoff=allow_example_signoff)
        worker = DbWorker()

        def opened() -> "AppServices":  # on the worker, in one go (one round trip for the caller, not three)
            store = Store.open(paths or AppPaths.default(), training=training, start_empty=start_empty)
            try:
                svc = cls(store, library, clock=clock, worker=worker, pack=pack)
                svc._allow_example_signoff = allow_example_signoff
                svc.force.apply()
                if purge:
                    svc.purge_expired()
            except BaseException:
                store.close(check=False, backup=False)
                raise
            return svc

        try:
            return worker.call(opened)
        except BaseException:
            worker.stop()
            raise

    @staticmethod
    def load_flows(paths: Optional[AppPaths] = None, training: bool = False, *,
                   flows_dir: Optional[str | os.PathLike[str]] = None, pack: Any = None,
                   allow_example_signoff: Optional[bool] = None) -> FlowLibrary:
        """The checked flows `open` runs on (the pack's folder unless flows_dir is given); touches no database, so it
        may run on any thread. Raises FlowsInvalid."""
        if pack is not None and pack.flows_dir is not None and flows_dir is None:
            flows_dir = pack.flows_dir
        cache = (paths or AppPaths.default()).cache_dir
        return load_library(flows_dir, training=training, allow_example_signoff=allow_example_signoff,
                            cache_dir=cache)

    def __enter__(self) -> "AppServices":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ----- the worker -----------------------------------------------------------------------------
    def submit(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> "Future[T]":
        """Run any services call (or session action) on the database worker; the result arrives in the future."""
        return self._worker.submit(fn, *args, **kwargs)

    def warm_up(self) -> "Future[None]":
        """On the worker, while the handler signs in: load what the first outcome of the shift would otherwise wait
        for (force.warm_up). A failure is logged, never raised: the outcome then loads it itself."""
        def warm() -> None:
            import uuid  # noqa: F401 - the first call's id is made with it (not imported before 'ready': ~2 ms)

            try:
                self.force.warm_up()
            except Exception:  # noqa: BLE001 - only a head start; the outcome does the same work if this fails
                log.exception("warming up the partner directory")

        return self.submit(warm)

    @property
    def _repeat(self) -> Any:
        """The repeat-contact index (store/repeat.py), made with the first check on the worker, not at every start."""
        if self._repeat_index is None:
            from ..store.repeat import RepeatIndex

            self._repeat_index = RepeatIndex(self.store)
        return self._repeat_index

    @property
    def worker_thread(self) -> threading.Thread:
        """The thread that owns the database connection."""
        return self._worker.thread

    # ----- properties -----------------------------------------------------------------------------
    @property
    def repeat_window(self) -> int:
        """Days back a repeat contact is looked for: 7, never beyond the retention period."""
        from ..store.repeat import REPEAT_WINDOW_DAYS

        return min(REPEAT_WINDOW_DAYS, self.settings.get_int("retention_days"))

    # ----- the force pack and roles -----------------------------------------------------------------
    @_on_worker
    def force_config(self) -> "ForceConfig":
        """Force name/code, and per pathway: rollout phase, enabled, hours assumption with source, baseline."""
        return self.force.force_config()

    @_on_worker
    def set_setting(self, name: str, value: Any, *, actor: str = "") -> None:
        """Change a setting with its authority (pack-locked → refused; force-level → supervisor, audited)."""
        self.force.set_setting(name, value, actor=actor)

    @_on_worker
    def has_role(self, role: str) -> bool:
        """May the signed-in person act as 'trainer' or 'supervisor'? (the one role check; see services_training)"""
        from .roles import has_role

        return has_role(self.store.settings, role)

    @property
    def training_api(self) -> Any:
        """Scenarios, training calls, scoring and the trainer report (training database only)."""
        if getattr(self, "_training_api", None) is None:
            from .training import TrainingService

            self._training_api = TrainingService(self)
        return self._training_api

    @property
    def review_api(self) -> Any:
        """The supervisor's weekly sample, automatic checks, ratify/query and QA report (live database only)."""
        if getattr(self, "_review_api", None) is None:
            from .reviews import ReviewService

            self._review_api = ReviewService(self)
        return self._review_api

    def close(self) -> Optional[str]:
        """Quick check, backup on close, release the lock, stop the worker. Returns the quick-check result."""
        if self._closed:
            return None
        self._closed = True
        try:
            if self.store.lock.held:
                return self._worker.call(self.store.close)
            return None
        finally:
            self._worker.stop()

    def close_async(self) -> "Future[Optional[str]]":
        """close() on the worker; the future ends once the check, backup and unlock are done."""
        fut: Future[Optional[str]] = Future()

        def run() -> None:
            try:
                fut.set_result(self.close())
            except BaseException as exc:  # noqa: BLE001
                fut.set_exception(exc)

        threading.Thread(target=run, name="triage-close", daemon=True).start()
        return fut
