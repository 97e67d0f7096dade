"""CallSession: one call being taken; each action runs on the database worker and returns CallChanges."""
from __future__ import annotations

import dataclasses
import logging
from concurrent.futures import Future
from typing import TYPE_CHECKING, Any, Callable, Optional, TypeVar

from ..core.callview import CallChanges, CallView, StaleAction, build_call_view
from ..core.engine import Event, FlowLibrary, FlowRun
from ..store.calls import position_fields
from ..core.vocab import PATHWAYS
from ..store.errors import CallImmutable
from .worker import on_worker as _on_worker

if TYPE_CHECKING:
    from ..store.repeat import RepeatContact
    from .app import AppServices

T = TypeVar("T")
#: What a session has not saved yet (the first action of a session writes the caller type whatever it is).
_UNSAVED = object()
log = logging.getLogger(__name__)


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
        # and the caller type (set once, by the entry flow): an unchanged one is not sent, so an answer's position
        # UPDATE fires only the small position guard (store/tabledefs.py POSITION_GUARDED_COLUMNS)
        self._saved_caller_type: object = _UNSAVED
        self._track_shown = False
        self._shown_key: Optional[tuple[str, str]] = None
        self._view: Optional[CallView] = None
        self._preview: Optional[Callable[[CallChanges], None]] = None

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
        return self.library.node((ev.flow, ev.node)).is_free_text

    def _build_view(self) -> CallView:
        view = build_call_view(self.run, uuid=self.uuid, is_open=self._open, elapsed=self.elapsed())
        if view.outcome is not None:  # the force directory's partner services at this outcome (force pack)
            from .incident_log import offer_codes, with_open_alternative

            got = self._partners_offer()
            view = dataclasses.replace(view, partners_offer=got)
            # the service the outcome puts the caller through to may be closed now: name the open alternative
            view = with_open_alternative(self.svc, view, offer_codes(got[0] if got else None))
        self._view = view
        return view

    def _partners_offer(self) -> Optional[tuple[Any, str]]:
        force = self.svc.force
        try:
            offer = force.partner_offer(self.run)
            return (offer, force.directory_origin()) if offer is not None else None
        except Exception:  # noqa: BLE001 - the directory is never worth a crash at the outcome
            log.exception("partner directory")
            return None

    @property
    def view(self) -> CallView:
        """The call as the screens show it now."""
        return self.current_view()

    @_on_worker
    def current_view(self) -> CallView:
        """The call as the screens show it now (a method, for `submit`)."""
        return self._view if self._view is not None else self._build_view()

    @_on_worker
    def unasked_titles(self) -> list[str]:
        """Questions reachable from here that were not asked (for the early-exit dialog; not in the view: costly)."""
        return list(self.run.unasked_titles()) if self.run.outcome is None else []

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
        n0 = len(self.run.events)
        ev = action()
        if ev is None:
            return CallChanges(view=self.view)
        # the action's event and any the engine derived from it (the decision it made, a raise): one transaction
        derived = self.run.events[n0:] or [ev]
        also: list[tuple[Event, bool]] = [(e, self._private(e)) for e in derived if e is not ev]
        cur = self.run.current
        if ev.kind == "shown":
            self._shown_key = cur
        elif self._track_shown and cur is not None and cur != self._shown_key:
            shown = self.run.shown()
            if shown is not None:
                also.append((shown, False))
        position = position_fields(self.run, derived[-1])
        pathway = position["pathway"]
        if pathway == self._saved_pathway:
            del position["pathway"]
        caller_type = position["caller_type"]
        if caller_type == self._saved_caller_type:
            del position["caller_type"]
        preview = self._preview
        view = self._build_view() if preview is not None else None
        if preview is not None and view is not None:
            # the screens paint the result while its rows are written and the disk syncs (posted before the
            # writing, not between it and the COMMIT: the statements were a fifth of the wait for the next question)
            preview(CallChanges.between(before, view, event=ev, saved=False))
        try:
            self.svc._calls.record(self.uuid, ev, value_private=self._private(ev), position=position, also=also)
        except BaseException:
            self._saved_pathway, self._saved_caller_type = None, _UNSAVED
            self._reload()  # the engine moved on but the store did not: go back to what is stored
            raise
        if also or ev.kind == "shown":
            self._shown_key = cur
        self._saved_pathway, self._saved_caller_type = pathway, caller_type
        if self.svc.force.divert_if_not_enabled(self.run):  # phased rollout (force pack): not yet under RCRP
            pw = self.run.pathway
            self._view = before  # one CallChanges for both steps
            return self._act_here(lambda: self.run.not_under_rcrp(pw, self.svc.force.rollout_phase(pw) or 0,
                                                                  PATHWAYS.get(pw, pw)))
        return CallChanges.between(before, view or self._build_view(), event=ev, saved=True)

    def set_preview(self, callback: Optional[Callable[[CallChanges], None]]) -> None:
        """Call `callback` (on the worker) with each action's CallChanges once the engine has applied it and before
        its transaction is written, so a screen can paint the next question while the rows go in and the disk
        syncs. The action's own result (saved=True) follows; if the write fails, the action raises and the call is
        back to what is stored."""
        self._preview = callback

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

    def early_exit(self, reason: str, code: str, *, caller_unreachable: bool = False) -> CallChanges:
        """End before the questions are done; `caller_unreachable`: the caller rang off (nothing to read to them)."""
        return self._act(lambda: self.run.early_exit(reason, code, caller_unreachable=caller_unreachable))

    @_on_worker
    def early_exit_info(self) -> Any:
        """For the early-exit dialog (core.exits.EarlyExitInfo): the questions not asked on this call's own path,
        grouped; whether risk questions are among them; the outcomes to choose from, safer first if so."""
        from ..core.exits import EarlyExitInfo, early_exit_info

        return early_exit_info(self.run) if self.run.outcome is None else EarlyExitInfo()

    def override(self, code: str, reason: str) -> CallChanges:
        return self._act(lambda: self.run.override(code, reason))

    def note(self, text: str) -> CallChanges:
        return self._act(lambda: self.run.note(text))

    def handover(self, actor: str, role: str) -> CallChanges:
        return self._act(lambda: self.run.handover(actor, role))

    def set_caller_type(self, code: Optional[str]) -> CallChanges:
        """Record or change who is calling (the texts re-render for the new caller type)."""
        return self._act(lambda: self.run.set_caller_type(code))

    def set_language(self, lang: str) -> CallChanges:
        """Switch the call language (en | cy) at any moment: the place in the call is kept, the question on screen
        and the outcome are read in the new language, and each later answer records it (event `language`)."""
        return self._act(lambda: self.run.set_language(lang))

    def finish(self) -> CallChanges:
        """End the post-decision steps now (those not asked are recorded as not asked)."""
        return self._act(lambda: self.run.finish())

    @_on_worker
    def set_personal(self, **fields: Optional[str]) -> Optional["RepeatContact"]:
        """Caller name / phone / address: own columns, purged after the retention period, never synced.

        When a phone number or a name is recorded, returns the repeat contact on this PC (earlier calls in the last
        7 days sharing it, with times and outcomes); the call keeps the links (uuids only)."""
        self._require_open()
        actor, role = self.run.actor
        self.svc._calls.set_personal(self.uuid, fields, actor=actor, role=role, offset=self.elapsed())
        found = None
        if "caller_phone" in fields:
            found = self.svc._repeat.record(self.uuid, "phone", fields["caller_phone"],
                                            window_days=self.svc.repeat_window)
        if "caller_name" in fields:
            found = self.svc._repeat.record(self.uuid, "name", fields["caller_name"],
                                            window_days=self.svc.repeat_window)
        return found

    @_on_worker
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

    @_on_worker
    def repeat_contact(self) -> "RepeatContact":
        """Earlier calls on this PC in the last 7 days sharing this call's phone number or name (this PC only)."""
        return self.svc._repeat.matches(self.uuid, window_days=self.svc.repeat_window)

    @_on_worker
    def finalise(self, caller_informed: bool) -> CallChanges:
        """Status final, frozen content hash, audit event, outbox row (live): one transaction. `row` is the row.

        After an early exit because the caller rang off, `caller_informed` confirms that instead: the record says
        the caller was not told (caller_informed 0, and the finalised event says "caller not reachable")."""
        self._require_open()
        from ..sync.summary import outbox_row

        from .force import partners_json

        offer = self.partner_offer()
        extra = {"partners_json": partners_json(offer), "rollout_phase": self.svc.force.rollout_phase(self.run.pathway)}
        out = self.run.outcome
        unreachable = bool(out is not None and out.caller_unreachable and caller_informed)
        row = self.svc._calls.finalise(self.uuid, self.run, caller_informed=caller_informed and not unreachable,
                                       caller_unreachable=unreachable,
                                       duration_s=self.elapsed(), outbox=not self.svc.training,
                                       device_id=self.svc.settings.get("device_id"),
                                       force_code=self.svc.settings.get("force_code"), summary=outbox_row,
                                       extra=extra)
        self._open = False
        return CallChanges(view=self._build_view(), saved=True, closed=True, status=True, row=row)

    @_on_worker
    def incident_log_text(self, caller_informed: bool = False) -> str:
        """The block for the command-and-control log, as the report will give it (services/incident_log.py).
        `caller_informed`: the handler has ticked "I have told the caller" (or "Caller not reachable")."""
        from .incident_log import informed_from_record, offer_codes, render_block, stored_codes

        row = self.svc._calls.get(self.uuid)
        view = self.current_view()
        if row["status"] == "final":
            return render_block(self.svc, view=view, run=self.run, row=row, codes=stored_codes(row),
                                caller_informed=informed_from_record(self.svc, row))
        out = view.outcome
        informed = None
        if caller_informed and out is not None:
            informed = "unreachable" if out.caller_unreachable else "told"
        got = view.partners_offer
        return render_block(self.svc, view=view, run=self.run, row=row,
                            codes=offer_codes(got[0] if got else None), caller_informed=informed)

    @_on_worker
    def set_cad_incident(self, number: Optional[str]) -> CallChanges:
        """The command-and-control incident number (typed once per call, optional): personal data, in its own column
        (purged after the retention period, never synced); the audit trail names the field, not the number."""
        self._require_open()
        text = " ".join(str(number or "").split())[:40] or None
        actor, role = self.run.actor
        self.svc._calls.set_personal(self.uuid, {"cad_incident": text}, actor=actor, role=role, offset=self.elapsed())
        return CallChanges(view=self.view, saved=True)

    @_on_worker
    def cad_incident(self) -> Optional[str]:
        return self.svc._calls.get(self.uuid).get("cad_incident")

    @_on_worker
    def partner_offer(self, at: Any = None) -> Any:
        """The partner services to offer at this call's outcome now (core.partners.PartnerOffer), or None."""
        return self.svc.force.partner_offer(self.run, at)

    @_on_worker
    def abandon(self, reason: str) -> CallChanges:
        """Status abandoned with a reason (the call is kept, never deleted). `row` is the row."""
        self._require_open()
        row = self.svc._calls.abandon(self.uuid, self.run, reason, duration_s=self.elapsed())
        self._open = False
        return CallChanges(view=self._build_view(), saved=True, closed=True, status=True, row=row)
