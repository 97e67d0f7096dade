"""The services facade: the one seam between the GUI/CLI and the engine + store (no Qt).

The services own the database on one serial worker thread (`DbWorker`, after Anki's single database executor):
every store read and write runs there, in order. Every method is synchronous for the command line and the tests;
the GUI instead hands any method to `submit()` and gets a future back, which its Qt adapter turns into a signal, so
the GUI thread never waits for an fsync, a backup or a quick check. Call actions return `CallChanges` (what
changed, and the call's `CallView` snapshot after the action).
"""
from __future__ import annotations

import os
import threading
import uuid as _uuid
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator, Optional, TypeVar

from ..core.callview import AnswerView, CallChanges, CallView, PathRow, QuestionView, build_call_view
from ..core.engine import Clock, EngineError, Event, FlowLibrary, FlowRun
from ..paths import AppPaths
from ..store.calls import CallStore, position_fields
from ..store.callreport import FlowLibraries, call_report, incident_log_text
from ..store.database import Store
from ..store.errors import CallImmutable, FlowsInvalid, StoreError
from ..store.history import HistoryRepository
from ..store.retention import PurgeResult, purge_expired
from ..store.settings import Settings
from .worker import DbWorker, WorkerStopped

__all__ = ["AppServices", "CallSession", "CallInfo", "CallChanges", "CallView", "QuestionView", "AnswerView",
           "PathRow", "StaleAction", "FlowsNotLive", "load_library", "is_store_error", "EngineError", "StoreError", "WorkerStopped"]

T = TypeVar("T")

#: Environment variable: load flows from this folder instead of the bundled resources/flows.
ENV_FLOWS_DIR = "TRIAGE_DESKTOP_FLOWS_DIR"


def is_store_error(exc: BaseException) -> bool:
    """True for the store's own errors (locked, corrupt, disk full, read-only) and OS-level I/O errors."""
    return isinstance(exc, (OSError, StoreError))


class FlowsNotLive(FlowsInvalid):
    """Live mode was asked for, but some flows are drafts (no complete sign-off for their version)."""


def load_library(flows_dir: Optional[str | os.PathLike[str]] = None, *, training: bool = True) -> FlowLibrary:
    """The flows, checked: raises FlowsInvalid (naming the first problems) if any fail the checker.

    Live mode (training=False) also refuses drafts (status: draft, or no complete sign-off for the version) with
    FlowsNotLive: drafts run only in training mode.
    """
    library = _checked_library(flows_dir)
    if not training:
        from ..core.governance import live_problems

        drafts = [(f, live_problems(f)) for f in library]
        drafts = [(f, r) for f, r in drafts if r]
        if drafts:
            shown = "\n".join(f"  {f.id} v{f.version}: {'; '.join(r)}" for f, r in drafts[:10])
            raise FlowsNotLive(f"Live calls run only on signed-off flows, and these are drafts:\n{shown}\n"
                               "Start in training mode (triage-desktop --training) to rehearse them, or complete "
                               "their sign-off (docs/flow-format.md, 'Sign-off'; check with "
                               "'triage-desktop flows check --live').")
    return library


def _checked_library(flows_dir: Optional[str | os.PathLike[str]] = None) -> FlowLibrary:
    from ..core.checker import check_paths
    from ..core.loader import bundled_flows_dir

    folder = Path(flows_dir or os.environ.get(ENV_FLOWS_DIR) or bundled_flows_dir())
    result = check_paths([folder])
    if not result.ok:
        errors = result.errors
        shown = "\n".join(f"  {p}" for p in errors[:10])
        more = f"\n  ... and {len(errors) - 10} more" if len(errors) > 10 else ""
        raise FlowsInvalid(f"The flows in {folder} failed the checker, so the app will not start on them:\n"
                           f"{shown}{more}\nRun 'triage-desktop flows check {folder}' for the full list.")
    return result.library()


@dataclass(frozen=True)
class CallInfo:
    """An interrupted (in-progress) call, for the 'resume?' prompt."""

    uuid: str
    started_at: str
    answers_count: int
    flow_id: str
    flow_title: str
    handler: str
    handler_role: str
    updated_at: str


class StaleAction(EngineError):
    """An action meant for a question that is no longer on screen: refused, nothing saved."""


def _on_worker(method: Callable[..., T]) -> Callable[..., T]:
    """Run the method on its object's database worker (at once when already there) and wait for the result."""
    import functools

    @functools.wraps(method)
    def run(self: Any, *args: Any, **kwargs: Any) -> T:
        return self._worker.call(method, self, *args, **kwargs)

    return run


class CallSession:
    """One call being taken: each action is applied to the engine and saved in one transaction before returning.

    Every action returns a CallChanges whose `view` is the call's CallView after it."""

    def __init__(self, svc: "AppServices", call_uuid: str, run: FlowRun, library: FlowLibrary):
        self.svc = svc
        self._worker = svc._worker
        self.uuid = call_uuid
        self.run = run
        self.library = library
        self.mode = svc.mode
        self._t0 = run.clock.monotonic() - max((e.offset for e in run.events), default=0.0)
        self._open = True
        self._saved_pathway: Optional[str] = None  # skip rewriting the (indexed) pathway when it has not changed
        self._track_shown = False
        self._shown_key: Optional[tuple[str, str]] = None
        self._view: Optional[CallView] = None

    @property
    def is_open(self) -> bool:
        return self._open

    def elapsed(self) -> float:
        """Monotonic seconds since the call started (continues across a resume)."""
        return round(self.run.clock.monotonic() - self._t0, 3)

    def _require_open(self) -> None:
        if not self._open:
            raise CallImmutable("This call is closed (finalised or abandoned): add an addendum instead.")

    def _private(self, ev: Event) -> bool:
        if ev.kind not in ("answered", "changed"):
            return False
        return self.library.node((ev.flow, ev.node)).kind == "text"

    def _build_view(self) -> CallView:
        self._view = build_call_view(self.run, uuid=self.uuid, is_open=self._open, elapsed=self.elapsed())
        return self._view

    @property
    def view(self) -> CallView:
        """The call as the screens show it now."""
        return self.current_view()

    @_on_worker
    def current_view(self) -> CallView:
        """The call as the screens show it now (a method, for `submit`)."""
        return self._view if self._view is not None else self._build_view()

    def submit(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> "Future[T]":
        """Run one of this session's actions on the database worker; the CallChanges arrives in the future."""
        return self._worker.submit(fn, *args, **kwargs)

    @_on_worker
    def track_shown(self) -> CallChanges:
        """From now on record 'question shown' (audit, step timings) for each new question on screen, in the same
        transaction as the action that brought it up; records the question on screen now. The GUI calls this."""
        self._track_shown = True
        self._shown_key = None
        if self._open and self.run.current is not None:
            return self._act_here(self.run.shown)
        return CallChanges.between(None, self.view)

    def _act(self, action: Callable[[], Optional[Event]]) -> CallChanges:
        return self._worker.call(self._act_here, action)

    def _act_here(self, action: Callable[[], Optional[Event]]) -> CallChanges:
        self._require_open()
        before = self._view
        ev = action()
        if ev is None:
            return CallChanges(view=self.view)
        also: list[tuple[Event, bool]] = []
        cur = self.run.current
        if ev.kind == "shown":
            self._shown_key = cur
        elif self._track_shown and cur is not None and cur != self._shown_key:
            shown = self.run.shown()
            if shown is not None:
                also.append((shown, False))
        position = position_fields(self.run, ev)
        pathway = position["pathway"]
        if pathway == self._saved_pathway:
            del position["pathway"]
        try:
            self.svc._calls.record(self.uuid, ev, value_private=self._private(ev), position=position, also=also)
        except BaseException:
            self._saved_pathway = None
            self._reload()  # the engine moved on but the store did not: go back to what is stored
            raise
        if also or ev.kind == "shown":
            self._shown_key = cur
        self._saved_pathway = pathway
        return CallChanges.between(before, self._build_view(), event=ev, saved=True)

    def _reload(self) -> None:
        row = self.svc._calls.get(self.uuid)
        run = self.svc._libs.replay(row)
        run.listeners = self.run.listeners
        run.clock = self.run.clock
        self.run = run
        self._shown_key = self.run.current  # what was stored is what is on screen again
        self._build_view()

    # ----- actions (each: engine + one durable transaction; returns what changed) -----------------
    def answer(self, value: Any, *, volunteered: bool = False) -> CallChanges:
        """Answer the current question (the same answer again after going back is recorded as 'changed')."""
        return self._act(lambda: self.run.answer(value, volunteered=volunteered))

    def choose(self, value: Any, *, volunteered: bool = False,
               at: Optional[tuple[str, str]] = None) -> CallChanges:
        """What the handler chose on the question page: like answer(), except that choosing the answer already
        given, after going back, is not a change: the call just goes on to the latest question. With `at`, raises
        StaleAction (nothing saved) if that question is no longer the one on screen (a key pressed twice)."""
        def act() -> Optional[Event]:
            if at is not None and self.run.current != at:
                raise StaleAction(f"the question {at[1]} is no longer on screen")
            if self.run.is_unchanged_answer(value):
                return self.run.forward()
            return self.run.answer(value, volunteered=volunteered)
        return self._act(act)

    def shown(self) -> CallChanges:
        """Record that the current question is on screen (audit: 'question shown'; step timings)."""
        return self._act(self.run.shown)

    def set_volunteered(self, flag: bool = True) -> CallChanges:
        return self._act(lambda: self.run.set_volunteered(flag))

    def back(self) -> CallChanges:
        return self._act(lambda: self.run.back())

    def jump_to(self, flow_id: str, node_id: str) -> CallChanges:
        return self._act(lambda: self.run.jump_to(flow_id, node_id))

    def forward(self) -> CallChanges:
        return self._act(lambda: self.run.forward())

    def immediate_risk(self, reason: str) -> CallChanges:
        return self._act(lambda: self.run.immediate_risk(reason))

    def early_exit(self, reason: str, code: str) -> CallChanges:
        return self._act(lambda: self.run.early_exit(reason, code))

    def override(self, code: str, reason: str) -> CallChanges:
        return self._act(lambda: self.run.override(code, reason))

    def note(self, text: str) -> CallChanges:
        return self._act(lambda: self.run.note(text))

    def handover(self, actor: str, role: str) -> CallChanges:
        return self._act(lambda: self.run.handover(actor, role))

    @_on_worker
    def set_personal(self, **fields: Optional[str]) -> CallChanges:
        """Caller name / phone / address: own columns, purged after the retention period, never synced."""
        self._require_open()
        actor, role = self.run.actor
        self.svc._calls.set_personal(self.uuid, fields, actor=actor, role=role, offset=self.elapsed())
        return CallChanges(view=self.view, saved=True)

    @_on_worker
    def finalise(self, caller_informed: bool) -> CallChanges:
        """Status final, frozen content hash, audit event, outbox row (live): one transaction. `row` is the row."""
        self._require_open()
        from ..sync.summary import outbox_row

        row = self.svc._calls.finalise(self.uuid, self.run, caller_informed=caller_informed,
                                       duration_s=self.elapsed(), outbox=not self.svc.training,
                                       device_id=self.svc.settings.get("device_id"),
                                       force_code=self.svc.settings.get("force_code"), summary=outbox_row)
        self._open = False
        return CallChanges(view=self._build_view(), saved=True, closed=True, status=True, row=row)

    @_on_worker
    def abandon(self, reason: str) -> CallChanges:
        """Status abandoned with a reason (the call is kept, never deleted). `row` is the row."""
        self._require_open()
        row = self.svc._calls.abandon(self.uuid, self.run, reason, duration_s=self.elapsed())
        self._open = False
        return CallChanges(view=self._build_view(), saved=True, closed=True, status=True, row=row)


class SettingsAccess:
    """The store's declared settings, read and written on the database worker."""

    def __init__(self, svc: "AppServices") -> None:
        self._worker = svc._worker
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
        self._settings.set(name, value)

    @_on_worker
    def set_many(self, values: dict[str, Any]) -> dict[str, str]:
        """Store each value; returns {name: problem} for the ones refused (the rest are kept)."""
        problems: dict[str, str] = {}
        for k, v in values.items():
            try:
                self._settings.set(k, v)
            except (KeyError, ValueError) as exc:
                problems[k] = str(exc).strip("'\"")
        return problems

    @_on_worker
    def all(self) -> dict[str, Any]:
        return self._settings.all()


class HistoryAccess:
    """The History view's queries (store.history), run on the database worker."""

    def __init__(self, svc: "AppServices") -> None:
        self._worker = svc._worker
        self._repo = HistoryRepository(svc.store.db)

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


class AppServices:
    """The app's services over one open database, owned by one worker thread (see the module docstring)."""

    def __init__(self, store: Store, library: FlowLibrary, *, clock: Optional[Clock] = None,
                 worker: Optional[DbWorker] = None):
        self._worker = worker or DbWorker()
        self.store = store
        self.library = library
        self.clock = clock
        self._calls = CallStore(store)
        self._libs = FlowLibraries(self._calls, library)
        self.settings = SettingsAccess(self)
        self.history = HistoryAccess(self)
        self.last_purge: Optional[PurgeResult] = None
        self._closed = False

    @classmethod
    def open(cls, paths: Optional[AppPaths] = None, training: bool = False, *,
             flows_dir: Optional[str | os.PathLike[str]] = None, clock: Optional[Clock] = None,
             purge: bool = True) -> "AppServices":
        """Check the flows, then (on the worker) take the lock, open/create/migrate the database and purge expired
        personal data. Nothing is opened or created when the flows fail the checker."""
        library = load_library(flows_dir, training=training)
        worker = DbWorker()
        try:
            store = worker.call(Store.open, paths or AppPaths.default(), training=training)
        except BaseException:
            worker.stop()
            raise
        svc = cls(store, library, clock=clock, worker=worker)
        if purge:
            try:
                svc.purge_expired()
            except BaseException:
                worker.call(store.close, check=False, backup=False)
                worker.stop()
                raise
        return svc

    @staticmethod
    def restore_backup(paths: AppPaths, backup: str | os.PathLike[str], *, training: bool = False) -> Optional[Path]:
        """Replace the (damaged) database with a backup, keeping the old file aside; then open() again.

        Takes the instance lock for the duration (raises DataDirLocked if the app is open elsewhere). Returns
        where the previous file was kept.
        """
        from ..store.backup import restore_file
        from ..store.lock import InstanceLock

        paths.ensure_data_dir()
        lock = InstanceLock(paths.lock_file(training)).acquire()
        try:
            return restore_file(paths, training, Path(backup))
        finally:
            lock.release()

    def __enter__(self) -> "AppServices":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ----- the worker -----------------------------------------------------------------------------
    def submit(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> "Future[T]":
        """Run any services call (or session action) on the database worker; the result arrives in the future."""
        return self._worker.submit(fn, *args, **kwargs)

    @property
    def worker_thread(self) -> threading.Thread:
        """The thread that owns the database connection."""
        return self._worker.thread

    # ----- properties -----------------------------------------------------------------------------
    @property
    def paths(self) -> AppPaths:
        return self.store.paths

    @property
    def training(self) -> bool:
        return self.store.training

    @property
    def mode(self) -> str:
        return "training" if self.store.training else "live"

    @property
    def drafts(self) -> dict[str, list[str]]:
        """Flows in use that are drafts (training mode only), with the reasons: {flow id: reasons}."""
        from ..core.governance import live_problems

        return {f.id: r for f in self.library for r in [live_problems(f)] if r}

    # ----- calls ----------------------------------------------------------------------------------
    def entry_flow(self) -> str:
        """The flow a new call starts on: 'entry_triage' when present, else the first entry-pathway flow."""
        lib = self.library
        if "entry_triage" in lib:
            return "entry_triage"
        return next((f.id for f in lib if f.pathway == "entry"), next(iter(lib)).id)

    @_on_worker
    def start_call(self, handler_id: Optional[str] = None, role: Optional[str] = None,
                   entry_flow: Optional[str] = None) -> CallSession:
        """A new call (uuid made now), saved before returning."""
        handler_id = handler_id if handler_id is not None else self.settings.get("handler_id")
        role = role if role is not None else self.settings.get("handler_role")
        run = FlowRun(self.library, entry_flow or self.entry_flow(), clock=self.clock, actor=handler_id, role=role)
        call_uuid = str(_uuid.uuid4())
        self._calls.create(call_uuid=call_uuid, mode=self.mode, run=run, handler_id=handler_id, role=role,
                           library=self.library)
        return CallSession(self, call_uuid, run, self.library)

    @_on_worker
    def interrupted_calls(self) -> list[CallInfo]:
        """Calls left in progress (a crash, a power cut), oldest first."""
        cur = self.store.conn.execute(
            "SELECT c.uuid, c.started_at, c.answers_count, c.flow_id, COALESCE(f.title, c.flow_id), "
            "COALESCE(c.handler_id, ''), COALESCE(c.handler_role, ''), COALESCE(c.updated_at, c.started_at) "
            "FROM calls c LEFT JOIN flow_versions f ON f.hash = c.flow_hash "
            "WHERE c.status = 'in_progress' ORDER BY c.started_at")
        return [CallInfo(*r) for r in cur]

    @_on_worker
    def resume_call(self, call_uuid: str) -> CallSession:
        """Replay the stored events on the flow versions the call started with."""
        row = self._calls.get(call_uuid)
        if row["status"] != "in_progress":
            raise CallImmutable(f"Call {call_uuid} is {row['status']}: it cannot be resumed (add an addendum).")
        run = self._libs.replay(row)
        if self.clock is not None:
            run.clock = self.clock
        return CallSession(self, call_uuid, run, self._libs.for_call(row))

    @_on_worker
    def call_report(self, call_uuid: str) -> dict[str, Any]:
        """The full read-only report: call row, path, superseded answers, events (audit trail), addenda."""
        return call_report(self._calls, self._libs, call_uuid)

    @_on_worker
    def incident_log_text(self, call_uuid: str) -> str:
        """A plain-text block for the command-and-control log."""
        return incident_log_text(self.call_report(call_uuid))

    @_on_worker
    def add_addendum(self, call_uuid: str, text: str, reason: str, author: str, role: str = "") -> int:
        """A correction to a closed call; returns the call's new version."""
        from ..sync.summary import outbox_row

        return self._calls.add_addendum(call_uuid, text, reason, author, role=role,
                                        device_id=self.settings.get("device_id"),
                                        force_code=self.settings.get("force_code"), summary=outbox_row)

    # ----- health, retention, reports ------------------------------------------------------------
    @_on_worker
    def purge_expired(self, days: Optional[int] = None) -> PurgeResult:
        """Purge personal details and free text older than the retention period (audit-logged)."""
        self.last_purge = purge_expired(self.store, days=days or self.settings.get_int("retention_days"))
        return self.last_purge

    @_on_worker
    def backup_if_changed(self) -> Optional[Path]:
        """For the GUI's backup timer (submitted, never waited for): an online backup if anything changed."""
        return self.store.backup_if_changed()

    @_on_worker
    def backup(self, reason: str = "manual") -> Path:
        return self.store.backup(reason)

    @_on_worker
    def verify(self) -> Any:  # -> store.chain.VerifyResult
        return self.store.verify()

    @_on_worker
    def quick_check(self) -> str:
        return self.store.quick_check()

    @_on_worker
    def report(self, date_from: str, date_to: str) -> dict[str, Any]:
        """Calls by pathway and outcome, attendance avoided and officer hours saved (see store.report)."""
        from ..store.report import build_report

        return build_report(self.store.db, date_from, date_to, self.store.settings)

    @_on_worker
    def about(self) -> dict[str, Any]:
        """What the About box shows: database file, size, counts, migrations, backups."""
        from ..store.backup import list_backups

        conn = self.store.conn
        counts = dict(conn.execute("SELECT status, count(*) FROM calls GROUP BY status").fetchall())
        return {"db_path": str(self.store.path), "counts": counts,
                "backups": len(list_backups(self.paths, self.training)), "migrated": list(self.store.migrated)}

    # ----- sync (network on the caller's thread; every outbox read and write on the worker) --------
    @_on_worker
    def run_outbox(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
        """sync's DbCall: fn(the store's database, *args) on the worker (sync opens no connection of its own)."""
        return fn(self.store.db, *args, **kwargs)

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

        return run_sync_pass(self.run_outbox, config, lock_key=str(self.store.path.resolve()))

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
