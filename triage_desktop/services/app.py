"""AppServices: the app's services over one open database, owned by the serial database worker."""
from __future__ import annotations

import os
import threading
import uuid as _uuid
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Optional, TypeVar

from ..core.engine import Clock, FlowLibrary, FlowRun
from ..paths import AppPaths
from ..store.calls import CallStore
from ..core.callview import CallView, build_call_view
from ..store.callreport import FlowLibraries, call_report
from ..store.database import Store
from ..store.errors import CallImmutable, FlowsInvalid, StoreError
from ..store.repeat import RepeatContact  # noqa: F401 - re-exported
from ..store.retention import PurgeResult, purge_expired
from .access import HistoryAccess, OutboxAccess, SettingsAccess
from .session import CallSession
from .worker import DbWorker
from .shift import ShiftAccess
from .worker import on_worker as _on_worker

T = TypeVar("T")

if TYPE_CHECKING:
    from .force import ForceConfig

#: Environment variable: load flows from this folder instead of the bundled resources/flows.
ENV_FLOWS_DIR = "TRIAGE_DESKTOP_FLOWS_DIR"


class FlowsNotLive(FlowsInvalid):
    """Live mode was asked for, but some flows are drafts (no complete sign-off for their version)."""


def load_library(flows_dir: Optional[str | os.PathLike[str]] = None, *, training: bool = True,
                 allow_example_signoff: Optional[bool] = None,
                 cache_dir: Optional[str | os.PathLike[str]] = None) -> FlowLibrary:
    """The flows, checked: raises FlowsInvalid (naming the first problems) if any fail the checker.

    Live mode (training=False) also refuses drafts (status: draft, or no complete sign-off for the version) with
    FlowsNotLive: drafts run only in training mode. The bundled FICTIONAL EXAMPLE sign-off counts only for the
    bundled flows unless `allow_example_signoff` says otherwise (a force pack's flows need their real sign-off).
    With `cache_dir`, a check that passed on exactly these bytes (and this checker) is not run again
    (core/flowcache.py); the live-mode draft rule below always runs.
    """
    library = _checked_library(flows_dir, cache_dir)
    if not training:
        from ..core.governance import live_problems

        drafts = [(f, live_problems(f, allow_example=allow_example_signoff)) for f in library]
        drafts = [(f, r) for f, r in drafts if r]
        if drafts:
            shown = "\n".join(f"  {f.id} v{f.version}: {'; '.join(r)}" for f, r in drafts[:10])
            raise FlowsNotLive(f"Live calls run only on signed-off flows, and these are drafts:\n{shown}\n"
                               "Start in training mode (triage-desktop --training) to rehearse them, or complete "
                               "their sign-off (docs/flow-format.md, 'Sign-off'; check with "
                               "'triage-desktop flows check --live').")
    return library


def _checked_library(flows_dir: Optional[str | os.PathLike[str]] = None,
                     cache_dir: Optional[str | os.PathLike[str]] = None) -> FlowLibrary:
    from ..core.flowcache import checked_library
    from ..core.loader import bundled_flows_dir

    folder = Path(flows_dir or os.environ.get(ENV_FLOWS_DIR) or bundled_flows_dir())
    library, result = checked_library(folder, cache_dir)
    if library is not None:
        return library
    assert result is not None
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



class AppServices:
    """The app's services over one open database, owned by one worker thread (see the module docstring)."""

    def __init__(self, store: Store, library: FlowLibrary, *, clock: Optional[Clock] = None,
                 worker: Optional[DbWorker] = None, pack: Any = None):
        self._worker = worker or DbWorker()
        self.store = store
        self.library = library
        self.clock = clock
        self._calls = CallStore(store)
        from ..store.repeat import RepeatIndex

        self._repeat = RepeatIndex(store)
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

    @staticmethod
    def restore_backup(paths: AppPaths, backup: str | os.PathLike[str], *, training: bool = False) -> Any:
        """Replace the (damaged) database with a backup atomically, keeping the old file aside; then open() again.

        Takes the instance lock for the duration (raises DataDirLocked if the app is open elsewhere). Returns a
        store.backup.RestoreResult: where the previous file was kept (`kept`) and the calls only it had
        (`live_only`, to tell the user; `message()` says it in words).
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
    def repeat_window(self) -> int:
        """Days back a repeat contact is looked for: 7, never beyond the retention period."""
        from ..store.repeat import REPEAT_WINDOW_DAYS

        return min(REPEAT_WINDOW_DAYS, self.settings.get_int("retention_days"))

    @property
    def drafts(self) -> dict[str, list[str]]:
        """Flows in use that are drafts (training mode only), with the reasons: {flow id: reasons}."""
        from ..core.governance import live_problems

        allow = self._allow_example_signoff
        return {f.id: r for f in self.library for r in [live_problems(f, allow_example=allow)] if r}

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
    def call_view(self, call_uuid: str) -> CallView:
        """A stored call as the screens show it (replayed on the flow versions it used)."""
        row = self._calls.get(call_uuid)
        try:
            run = self._libs.replay(row)
        except (StoreError, ValueError, KeyError):  # e.g. a bulk demo call without events: the row alone
            return CallView(uuid=call_uuid, open=False, status=row["status"], started_at=row["started_at"],
                            pathway=row["pathway"] or "")
        return self._call_view(row, run)

    def _call_view(self, row: dict[str, Any], run: FlowRun) -> CallView:
        from .incident_log import offer_codes, stored_codes, with_open_alternative

        view = build_call_view(run, uuid=row["uuid"], is_open=row["status"] == "in_progress")
        if view.outcome is None:
            return view
        if row["status"] == "in_progress":
            return with_open_alternative(self, view, offer_codes(self.force.partner_offer(run)))
        return with_open_alternative(self, view, stored_codes(row))  # what was offered when it was finished

    @_on_worker
    def incident_log_text(self, call_uuid: str, caller_informed: Optional[bool] = None) -> str:
        """The block for the command-and-control log: the same renderer and facts as the call screen's Copy
        (services/incident_log.py), so the text from the report is the text copied during the call."""
        from .incident_log import informed_from_record, offer_codes, render_block, stored_codes

        row = self._calls.get(call_uuid)
        addenda = self.call_report(call_uuid)["addenda"]
        try:
            run: Optional[FlowRun] = self._libs.replay(row)
        except (StoreError, ValueError, KeyError):
            run = None
        if run is None:
            view = CallView(uuid=call_uuid, open=False, status=row["status"], started_at=row["started_at"],
                            pathway=row["pathway"] or "")
            codes = stored_codes(row)
        else:
            view = self._call_view(row, run)
            codes = stored_codes(row) if row["status"] != "in_progress" else \
                offer_codes(self.force.partner_offer(run))
        informed = informed_from_record(self, row)
        if informed is None and caller_informed and view.outcome is not None:
            informed = "unreachable" if view.outcome.caller_unreachable else "told"
        return render_block(self, view=view, run=run, row=row, codes=codes, caller_informed=informed,
                            addenda=addenda)

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
        from ..sync.summary import build_summary, canonical_json

        return self.store.verify(summary=(build_summary, canonical_json))

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
        import sqlite3

        return {"db_path": str(self.store.path), "counts": counts, "sqlite_version": sqlite3.sqlite_version,
                "backups": len(list_backups(self.paths, self.training)), "migrated": list(self.store.migrated)}

    # ----- sync (network on the caller's thread; every outbox read and write on the worker) --------
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


    # ----- from the force pack, governance, legal holds, training and review branches ---------------------
    @staticmethod
    def describe_backup(paths: AppPaths, backup: str | os.PathLike[str], *, training: bool = False) -> str:
        """'made 3 hours ago (2026-11-23 10:00 UTC), holds 42 calls' for a backup file."""
        from ..store import backup as backups

        path = Path(backup)
        info = next((b for b in backups.list_backups(paths, training) if b.path == path), None)
        try:
            calls = backups.count_calls(path)
        except Exception:  # noqa: BLE001 - a description, never an error
            calls = None
        made = f"made {info.age_text()}" if info else "made at an unknown time"
        return made + (f", holds {calls} calls" if calls is not None else "")

    def flow_signoff(self, flow_id: str) -> str:
        """Whose sign-off this flow carries, or why it is a draft (one line)."""
        from ..core.governance import describe_signoff

        return describe_signoff(self.library[flow_id], allow_example=self._allow_example_signoff)

    def signoff_summary(self) -> str:
        """Whose sign-off the flows in use carry (and which are drafts), for the About box."""
        from ..core.governance import signoff_summary

        return signoff_summary(self.library, allow_example=self._allow_example_signoff)

    def flow_diagram(self, flow_id: str) -> Optional[Path]:
        """The SVG pre-rendered at build time (`make diagrams`) for exactly this flow version, or None."""
        from ..flowdocs.bundle import diagram_for

        return diagram_for(self.library[flow_id])

    def flow_outline(self, flow_id: str) -> str:
        """The flow as text: every step, its words and where each answer leads."""
        from ..flowdocs.outline import outline

        return outline(self.library[flow_id])

    @_on_worker
    def force_config(self) -> "ForceConfig":
        """Force name/code, and per pathway: rollout phase, enabled, hours assumption with source, baseline."""
        return self.force.force_config()

    @_on_worker
    def set_setting(self, name: str, value: Any, *, actor: str = "") -> None:
        """Change a setting with its authority (pack-locked → refused; force-level → supervisor, audited)."""
        self.force.set_setting(name, value, actor=actor)

    @_on_worker
    def _audit(self, kind: str, value: dict[str, Any]) -> None:
        """A database-level audit event in its own transaction."""
        with self.store.writing():
            self._calls.db_event(kind, value)

    @_on_worker
    def place_hold(self, call_uuid: str, reason: str, by: str, role: str) -> None:
        """Legal hold (coroner, IOPC, complaint): supervisors only, with a reason; the purge skips the call."""
        from ..store.retention import place_hold

        place_hold(self.store, call_uuid, reason=reason, by=by, role=role)

    @_on_worker
    def lift_hold(self, call_uuid: str, reason: str, by: str, role: str) -> None:
        from ..store.retention import lift_hold

        lift_hold(self.store, call_uuid, reason=reason, by=by, role=role)

    @_on_worker
    def holds(self) -> list[Any]:
        """Active legal holds (store.retention.Hold), oldest first."""
        from ..store.retention import active_holds

        return active_holds(self.store.conn)

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
            from .training import ReviewService

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
