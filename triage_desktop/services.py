"""The services facade: the one seam between the GUI/CLI and the engine + store (no Qt).

Thread ownership: an AppServices owns one SQLite connection. Open it, and call every method of it and of its
CallSessions, from one thread only (the GUI thread, or one worker that the GUI talks to by signals).
"""
from __future__ import annotations

import json
import os
import uuid as _uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Optional

from .core.engine import Clock, EngineError, Event, FlowLibrary, FlowRun
from .core.vocab import PATHWAYS
from .force_services import ForceConfig, ForceServices, partners_json
from .paths import AppPaths
from .store.calls import CallStore, position_fields
from .store.callreport import FlowLibraries, call_report, incident_log_text
from .store.database import Store
from .store.errors import CallImmutable, FlowsInvalid, StoreError
from .store.history import HistoryRepository
from .store.repeat import RepeatContact
from .store.retention import PurgeResult, purge_expired
from .store.settings import Settings

__all__ = ["AppServices", "CallSession", "CallInfo", "load_library", "EngineError", "StoreError", "FlowsNotLive",
           "RepeatContact"]

#: Environment variable: load flows from this folder instead of the bundled resources/flows.
ENV_FLOWS_DIR = "TRIAGE_DESKTOP_FLOWS_DIR"


class FlowsNotLive(FlowsInvalid):
    """Live mode was asked for, but some flows are drafts (no complete sign-off for their version)."""


def load_library(flows_dir: Optional[str | os.PathLike[str]] = None, *, training: bool = True,
                 allow_example_signoff: Optional[bool] = None) -> FlowLibrary:
    """The flows, checked: raises FlowsInvalid (naming the first problems) if any fail the checker.

    Live mode (training=False) also refuses drafts (status: draft, or no complete sign-off for the version) with
    FlowsNotLive: drafts run only in training mode. The bundled FICTIONAL EXAMPLE sign-off counts only for the
    bundled flows unless `allow_example_signoff` says otherwise (a force pack's flows need their real sign-off).
    """
    library = _checked_library(flows_dir)
    if not training:
        from .core.governance import live_problems

        drafts = [(f, live_problems(f, allow_example=allow_example_signoff)) for f in library]
        drafts = [(f, r) for f, r in drafts if r]
        if drafts:
            shown = "\n".join(f"  {f.id} v{f.version}: {'; '.join(r)}" for f, r in drafts[:10])
            raise FlowsNotLive(f"Live calls run only on signed-off flows, and these are drafts:\n{shown}\n"
                               "Start in training mode (triage-desktop --training) to rehearse them, or complete "
                               "their sign-off (docs/flow-format.md, 'Sign-off'; check with "
                               "'triage-desktop flows check --live').")
    return library


def _checked_library(flows_dir: Optional[str | os.PathLike[str]] = None) -> FlowLibrary:
    from .core.checker import check_paths
    from .core.loader import bundled_flows_dir

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


class CallSession:
    """One call being taken: each action is applied to the engine and saved in one transaction before returning."""

    def __init__(self, svc: "AppServices", call_uuid: str, run: FlowRun, library: FlowLibrary):
        self.svc = svc
        self.uuid = call_uuid
        self.run = run
        self.library = library
        self.mode = svc.mode
        self._t0 = run.clock.monotonic() - max((e.offset for e in run.events), default=0.0)
        self._open = True
        self._saved_pathway: Optional[str] = None  # skip rewriting the (indexed) pathway when it has not changed

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

    def _act(self, action: Callable[[], Optional[Event]]) -> Optional[Event]:
        self._require_open()
        n0 = len(self.run.events)
        ev = action()
        if ev is None:
            return None
        # the action's event and any the engine derived from it (the decision it made, a raise): one transaction
        new = self.run.events[n0:] or [ev]
        position = position_fields(self.run, new[-1])
        pathway = position["pathway"]
        if pathway == self._saved_pathway:
            del position["pathway"]
        try:
            self.svc._calls.record_many(self.uuid, [(e, self._private(e)) for e in new], position=position)
        except BaseException:
            self._saved_pathway = None
            self._reload()  # the engine moved on but the store did not: go back to what is stored
            raise
        self._saved_pathway = pathway
        if self.svc.force.divert_if_not_enabled(self.run):  # phased rollout (force pack): not yet under RCRP
            pw = self.run.pathway
            self._act(lambda: self.run.not_under_rcrp(pw, self.svc.force.rollout_phase(pw) or 0,
                                                      PATHWAYS.get(pw, pw)))
        return ev

    def _reload(self) -> None:
        row = self.svc._calls.get(self.uuid)
        run = self.svc._libs.replay(row)
        run.listeners = self.run.listeners
        run.clock = self.run.clock
        self.run = run

    # ----- actions (each: engine + one durable transaction; returns the Event) ---------------------
    def answer(self, value: Any, *, volunteered: bool = False) -> Event:
        return self._act(lambda: self.run.answer(value, volunteered=volunteered))  # type: ignore[return-value]

    def shown(self) -> Optional[Event]:
        """Record that the current question is on screen (audit: 'question shown'; step timings)."""
        return self._act(self.run.shown)

    def set_volunteered(self, flag: bool = True) -> Event:
        return self._act(lambda: self.run.set_volunteered(flag))  # type: ignore[return-value]

    def back(self) -> Event:
        return self._act(self.run.back)  # type: ignore[return-value]

    def jump_to(self, flow_id: str, node_id: str) -> Event:
        return self._act(lambda: self.run.jump_to(flow_id, node_id))  # type: ignore[return-value]

    def forward(self) -> Optional[Event]:
        return self._act(self.run.forward)

    def immediate_risk(self, reason: str) -> Event:
        return self._act(lambda: self.run.immediate_risk(reason))  # type: ignore[return-value]

    def early_exit(self, reason: str, code: str) -> Event:
        return self._act(lambda: self.run.early_exit(reason, code))  # type: ignore[return-value]

    def override(self, code: str, reason: str) -> Event:
        return self._act(lambda: self.run.override(code, reason))  # type: ignore[return-value]

    def note(self, text: str) -> Event:
        return self._act(lambda: self.run.note(text))  # type: ignore[return-value]

    def handover(self, actor: str, role: str) -> Event:
        return self._act(lambda: self.run.handover(actor, role))  # type: ignore[return-value]

    def set_caller_type(self, code: Optional[str]) -> Event:
        """Record or change who is calling (the texts re-render for the new caller type)."""
        return self._act(lambda: self.run.set_caller_type(code))  # type: ignore[return-value]

    def finish(self) -> Event:
        """End the post-decision steps now (those not asked are recorded as not asked)."""
        return self._act(self.run.finish)  # type: ignore[return-value]

    def set_personal(self, **fields: Optional[str]) -> Optional["RepeatContact"]:
        """Caller name / phone / address: own columns, purged after the retention period, never synced.

        When a phone number or a name is recorded, returns the repeat contact on this PC (earlier calls in the last
        7 days sharing it, with times and outcomes); the call keeps the links (uuids only)."""
        self._require_open()
        actor, role = self.run.actor
        self.svc._calls.set_personal(self.uuid, fields, actor=actor, role=role, offset=self.elapsed())
        found = None
        if "caller_phone" in fields:
            found = self.svc._repeat.record(self.uuid, "phone", fields["caller_phone"], window_days=self.svc.repeat_window)
        if "caller_name" in fields:
            found = self.svc._repeat.record(self.uuid, "name", fields["caller_name"], window_days=self.svc.repeat_window)
        return found

    def set_person_name(self, name: Optional[str]) -> "RepeatContact":
        """The name of the person the call is about, for repeat contact only: kept as a salted hash on this PC, never
        as text (the audit trail records that it was given, not what it was). Returns the repeat contact."""
        self._require_open()
        actor, role = self.run.actor
        self.svc._calls.personal_event(self.uuid, ["person_name (hash only)"], actor=actor, role=role,
                                       offset=self.elapsed())
        # name and caller name share one hash space ('name'): the same person may be caller on one call, subject on
        # another; the caller's own name and the person's name are both looked up
        return self.svc._repeat.record(self.uuid, "name", name, window_days=self.svc.repeat_window)

    def repeat_contact(self) -> "RepeatContact":
        """Earlier calls on this PC in the last 7 days sharing this call's phone number or name (this PC only)."""
        return self.svc._repeat.matches(self.uuid, window_days=self.svc.repeat_window)

    def finalise(self, caller_informed: bool) -> dict[str, Any]:
        """Status final, frozen content hash, audit event, outbox row (live): one transaction. Returns the row."""
        self._require_open()
        offer = self.partner_offer()
        extra = {"partners_json": partners_json(offer), "rollout_phase": self.svc.force.rollout_phase(self.run.pathway)}
        row = self.svc._calls.finalise(self.uuid, self.run, caller_informed=caller_informed,
                                       duration_s=self.elapsed(), outbox=not self.svc.training,
                                       device_id=self.svc.settings.get("device_id"),
                                       force_code=self.svc.settings.get("force_code"), extra=extra)
        self._open = False
        return row

    def partner_offer(self, at: Any = None) -> Any:
        """The partner services to offer at this call's outcome now (core.partners.PartnerOffer), or None."""
        return self.svc.force.partner_offer(self.run, at)

    def abandon(self, reason: str) -> dict[str, Any]:
        """Status abandoned with a reason (the call is kept, never deleted). Returns the row."""
        self._require_open()
        row = self.svc._calls.abandon(self.uuid, self.run, reason, duration_s=self.elapsed())
        self._open = False
        return row


class AppServices:
    """The app's services over one open database. Use from one thread (see the module docstring)."""

    def __init__(self, store: Store, library: FlowLibrary, *, clock: Optional[Clock] = None, pack: Any = None):
        self.store = store
        self.library = library
        self.clock = clock
        self._calls = CallStore(store)
        from .store.repeat import RepeatIndex

        self._repeat = RepeatIndex(store)
        self._libs = FlowLibraries(self._calls, library)
        self.history = HistoryRepository(store.db)
        self.last_purge: Optional[PurgeResult] = None
        #: The force pack's services (authority, roles, partner directory, phased rollout): see force_services.
        self.force = ForceServices(self, pack)

    @classmethod
    def open(cls, paths: Optional[AppPaths] = None, training: bool = False, *,
             flows_dir: Optional[str | os.PathLike[str]] = None, clock: Optional[Clock] = None,
             purge: bool = True, allow_example_signoff: Optional[bool] = None,
             start_empty: bool = False, pack: Any = None) -> "AppServices":
        """Check the flows, take the lock, open/create/migrate the database, apply the force pack (packs.LoadedPack,
        or None for none), purge expired personal data.

        Live mode runs only live-ready flows (see load_library); `allow_example_signoff` (default: only for the
        bundled flows) lets a demo run live on a copy of the bundled flows. A pack's `[flows] folder` replaces the
        bundled flows unless `flows_dir` is given.
        Raises store.errors.DatabaseMissing when the database is missing/empty but backups exist; `start_empty`
        is the user's explicit choice of an empty database instead (recorded as an audit event).
        """
        if pack is not None and pack.flows_dir is not None and flows_dir is None:
            flows_dir = pack.flows_dir
        library = load_library(flows_dir, training=training, allow_example_signoff=allow_example_signoff)
        store = Store.open(paths or AppPaths.default(), training=training, start_empty=start_empty)
        svc = cls(store, library, clock=clock, pack=pack)
        svc._allow_example_signoff = allow_example_signoff
        try:
            svc.force.apply()
            if purge:
                svc.purge_expired()
        except BaseException:
            store.close(check=False, backup=False)
            raise
        return svc

    @staticmethod
    def restore_backup(paths: AppPaths, backup: str | os.PathLike[str], *, training: bool = False) -> Any:
        """Replace the (damaged) database with a backup atomically, keeping the old file aside; then open() again.

        Takes the instance lock for the duration (raises DataDirLocked if the app is open elsewhere). Returns a
        store.backup.RestoreResult: where the previous file was kept (`kept`) and the calls only it had
        (`live_only`, to tell the user; `message()` says it in words).
        """
        from .store.backup import restore_file
        from .store.lock import InstanceLock

        paths.ensure_data_dir()
        lock = InstanceLock(paths.lock_file(training)).acquire()
        try:
            return restore_file(paths, training, Path(backup))
        finally:
            lock.release()

    @staticmethod
    def describe_backup(paths: AppPaths, backup: str | os.PathLike[str], *, training: bool = False) -> str:
        """'made 3 hours ago (2026-11-23 10:00 UTC), holds 42 calls' for a backup file."""
        from .store import backup as backups

        path = Path(backup)
        info = next((b for b in backups.list_backups(paths, training) if b.path == path), None)
        try:
            calls = backups.count_calls(path)
        except Exception:  # noqa: BLE001 - a description, never an error
            calls = None
        made = f"made {info.age_text()}" if info else "made at an unknown time"
        return made + (f", holds {calls} calls" if calls is not None else "")

    def __enter__(self) -> "AppServices":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

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
    def settings(self) -> Settings:
        return self.store.settings

    # ----- flow governance: what Help ▸ Flows and the About box show ---------------------------------
    def flow_signoff(self, flow_id: str) -> str:
        """Whose sign-off this flow carries, or why it is a draft (one line)."""
        from .core.governance import describe_signoff

        return describe_signoff(self.library[flow_id], allow_example=getattr(self, "_allow_example_signoff", None))

    def signoff_summary(self) -> str:
        """Whose sign-off the flows in use carry (and which are drafts), for the About box."""
        from .core.governance import signoff_summary

        return signoff_summary(self.library, allow_example=getattr(self, "_allow_example_signoff", None))

    def flow_diagram(self, flow_id: str) -> Optional[Path]:
        """The SVG pre-rendered at build time (`make diagrams`) for exactly this flow version, or None."""
        from .flowdocs.bundle import diagram_for

        return diagram_for(self.library[flow_id])

    def flow_outline(self, flow_id: str) -> str:
        """The flow as text: every step, its words and where each answer leads."""
        from .flowdocs.outline import outline

        return outline(self.library[flow_id])

    @property
    def repeat_window(self) -> int:
        """Days back a repeat contact is looked for: 7, never beyond the retention period."""
        from .store.repeat import REPEAT_WINDOW_DAYS

        return min(REPEAT_WINDOW_DAYS, self.settings.get_int("retention_days"))

    @property
    def drafts(self) -> dict[str, list[str]]:
        """Flows in use that are drafts (training mode only), with the reasons: {flow id: reasons}."""
        from .core.governance import live_problems

        allow = getattr(self, "_allow_example_signoff", None)
        return {f.id: r for f in self.library for r in [live_problems(f, allow_example=allow)] if r}

    # ----- calls ----------------------------------------------------------------------------------
    def start_call(self, handler_id: Optional[str] = None, role: Optional[str] = None,
                   entry_flow: str = "entry_triage") -> CallSession:
        """A new call (uuid made now), saved before returning."""
        handler_id = handler_id if handler_id is not None else self.settings.get("handler_id")
        role = role if role is not None else self.settings.get("handler_role")
        run = FlowRun(self.library, entry_flow, clock=self.clock, actor=handler_id, role=role)
        call_uuid = str(_uuid.uuid4())
        self._calls.create(call_uuid=call_uuid, mode=self.mode, run=run, handler_id=handler_id, role=role,
                           library=self.library)
        return CallSession(self, call_uuid, run, self.library)

    def interrupted_calls(self) -> list[CallInfo]:
        """Calls left in progress (a crash, a power cut), oldest first."""
        cur = self.store.conn.execute(
            "SELECT c.uuid, c.started_at, c.answers_count, c.flow_id, COALESCE(f.title, c.flow_id), "
            "COALESCE(c.handler_id, ''), COALESCE(c.handler_role, ''), COALESCE(c.updated_at, c.started_at) "
            "FROM calls c LEFT JOIN flow_versions f ON f.hash = c.flow_hash "
            "WHERE c.status = 'in_progress' ORDER BY c.started_at")
        return [CallInfo(*r) for r in cur]

    def resume_call(self, call_uuid: str) -> CallSession:
        """Replay the stored events on the flow versions the call started with."""
        row = self._calls.get(call_uuid)
        if row["status"] != "in_progress":
            raise CallImmutable(f"Call {call_uuid} is {row['status']}: it cannot be resumed (add an addendum).")
        run = self._libs.replay(row)
        if self.clock is not None:
            run.clock = self.clock
        return CallSession(self, call_uuid, run, self._libs.for_call(row))

    def call_report(self, call_uuid: str) -> dict[str, Any]:
        """The full read-only report: call row, path, superseded answers, events (audit trail), addenda."""
        return call_report(self._calls, self._libs, call_uuid)

    def incident_log_text(self, call_uuid: str) -> str:
        """A plain-text block for the command-and-control log (with the partner services offered)."""
        rep = self.call_report(call_uuid)
        text = incident_log_text(rep)
        codes = json.loads(rep["call"].get("partners_json") or "[]")
        if codes:
            entries = {e.code: e for e in self.force.directory.entries}
            lines = [f"  - {entries[c].name}: {', '.join(str(p) for p in entries[c].phones)}" if c in entries
                     else f"  - {c}" for c in codes]
            text += "Partners offered:\n" + "\n".join(lines) + "\n"
        return text

    # ----- force pack -----------------------------------------------------------------------------
    def force_config(self) -> ForceConfig:
        """Force name/code, and per pathway: rollout phase, enabled, hours assumption with source, baseline."""
        return self.force.force_config()

    def set_setting(self, name: str, value: Any, *, actor: str = "") -> None:
        """Change a setting with its authority (pack-locked → refused; force-level → supervisor, audited)."""
        self.force.set_setting(name, value, actor=actor)

    def _audit(self, kind: str, value: dict[str, Any]) -> None:
        """A database-level audit event in its own transaction."""
        with self.store.writing():
            self._calls.db_event(kind, value)

    def add_addendum(self, call_uuid: str, text: str, reason: str, author: str, role: str = "") -> int:
        """A correction to a closed call; returns the call's new version."""
        return self._calls.add_addendum(call_uuid, text, reason, author, role=role,
                                        device_id=self.settings.get("device_id"),
                                        force_code=self.settings.get("force_code"))

    # ----- health, retention, reports ------------------------------------------------------------
    def purge_expired(self, days: Optional[int] = None) -> PurgeResult:
        """Purge personal details and free text older than the retention period (audit-logged)."""
        self.last_purge = purge_expired(self.store, days=days or self.settings.get_int("retention_days"))
        return self.last_purge

    def place_hold(self, call_uuid: str, reason: str, by: str, role: str) -> None:
        """Legal hold (coroner, IOPC, complaint): supervisors only, with a reason; the purge skips the call."""
        from .store.retention import place_hold

        place_hold(self.store, call_uuid, reason=reason, by=by, role=role)

    def lift_hold(self, call_uuid: str, reason: str, by: str, role: str) -> None:
        from .store.retention import lift_hold

        lift_hold(self.store, call_uuid, reason=reason, by=by, role=role)

    def holds(self) -> list[Any]:
        """Active legal holds (store.retention.Hold), oldest first."""
        from .store.retention import active_holds

        return active_holds(self.store.conn)

    def backup_if_changed(self) -> Optional[Path]:
        """For the GUI's backup QTimer: an online backup if anything changed since the last one."""
        return self.store.backup_if_changed()

    def backup(self, reason: str = "manual") -> Path:
        return self.store.backup(reason)

    def verify(self):  # -> store.chain.VerifyResult
        return self.store.verify()

    def quick_check(self) -> str:
        return self.store.quick_check()

    def report(self, date_from: str, date_to: str) -> dict[str, Any]:
        """Calls by pathway and outcome, attendance avoided and officer hours saved (see store.report)."""
        from .store.report import build_report

        return build_report(self.store.db, date_from, date_to, self.settings)

    def figures_reader(self):  # -> store.figures.FiguresReader
        """For the Reports window: a reader over its own read-only connection, to create and use on ONE worker
        thread (it never touches this object's connection), so figures over a million calls never block the GUI."""
        from .store.figures import FiguresReader

        return FiguresReader(self.store.path)

    def figures_assumptions(self) -> dict[str, Any]:
        """Hours per avoided deployment (with sources) and the force's pre-RCRP baseline, from the settings."""
        from .store.figures import baseline, hours_assumptions

        return {"hours": hours_assumptions(self.settings), "baseline": baseline(self.settings),
                "force_name": self.settings.get("force_name") or "", "force_code": self.settings.get("force_code")}

    # ----- training and review (issue 9; see services_training.py) -----------------------------------------
    def has_role(self, role: str) -> bool:
        """May the signed-in person act as 'trainer' or 'supervisor'? (the one role check; see services_training)"""
        from .services_training import has_role

        return has_role(self.settings, role)

    @property
    def training_api(self) -> Any:
        """Scenarios, training calls, scoring and the trainer report (training database only)."""
        if getattr(self, "_training_api", None) is None:
            from .services_training import TrainingService

            self._training_api = TrainingService(self)
        return self._training_api

    @property
    def review_api(self) -> Any:
        """The supervisor's weekly sample, automatic checks, ratify/query and QA report (live database only)."""
        if getattr(self, "_review_api", None) is None:
            from .services_training import ReviewService

            self._review_api = ReviewService(self)
        return self._review_api

    def close(self) -> Optional[str]:
        """Quick check, backup on close, release the lock. Returns the quick-check result."""
        if self.store.lock.held:
            return self.store.close()
        return None
