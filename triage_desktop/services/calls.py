"""Calls through the services: start, resume, the interrupted-call list, the stored call as a view or a report,
the incident-log block and addenda (every database touch on the worker)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Optional, cast

from ..core.engine import FlowRun
from ..store.callreport import call_report
from ..store.errors import CallImmutable, StoreError
from .base import ServicesBase
from .worker import on_worker as _on_worker

if TYPE_CHECKING:
    from ..core.callview import CallView
    from .app import AppServices
    from .session import CallSession

# The call's session and view code (core/callview.py, services/session.py) is imported by the first call, or by the
# call screen built just after the app is ready: not on the way to "ready to take a call".


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


class CallsMixin(ServicesBase):
    """AppServices' call methods (see services/app.py)."""

    def _app(self) -> "AppServices":
        """This object as the AppServices it is part of (what sessions and the incident log are given)."""
        return cast("AppServices", self)

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
        import uuid as _uuid  # (not before 'ready': AppServices.warm_up loads it for the first call)

        call_uuid = str(_uuid.uuid4())
        self._calls.create(call_uuid=call_uuid, mode=self.mode, run=run, handler_id=handler_id, role=role,
                           library=self.library)
        from .session import CallSession

        return CallSession(self._app(), call_uuid, run, self.library)

    @_on_worker
    def interrupted_calls(self) -> list[CallInfo]:
        """Calls left in progress (a crash, a power cut), oldest first."""
        cur = self.store.conn.execute(
            "SELECT c.uuid, c.started_at, c.answers_count, c.flow_id, COALESCE(f.title, c.flow_id), "
            "COALESCE(c.handler_id, ''), COALESCE(c.handler_role, ''), COALESCE(c.updated_at, c.started_at) "
            "FROM calls c LEFT JOIN flow_versions f ON f.hash = c.flow_hash "
            "WHERE c.status = 'in_progress' ORDER BY c.started_at").fetchall()
        out = []
        for r in cur:  # where each stands: kept in its last answer's row, not its calls row (migration 0044)
            now = self._calls.live_position(r[0])
            out.append(CallInfo(uuid=r[0], started_at=r[1], answers_count=now.get("answers_count", r[2]),
                                flow_id=r[3], flow_title=r[4], handler=r[5], handler_role=r[6],
                                updated_at=now.get("updated_at") or r[7]))
        return out

    @_on_worker
    def resume_call(self, call_uuid: str) -> CallSession:
        """Replay the stored events on the flow versions the call started with."""
        row = self._calls.get(call_uuid)
        if row["status"] != "in_progress":
            raise CallImmutable(f"Call {call_uuid} is {row['status']}: it cannot be resumed (add an addendum).")
        run = self._libs.replay(row)
        if self.clock is not None:
            run.clock = self.clock
        from .session import CallSession

        return CallSession(self._app(), call_uuid, run, self._libs.for_call(row))

    @_on_worker
    def call_report(self, call_uuid: str) -> dict[str, Any]:
        """The full read-only report: call row, path, superseded answers, events (audit trail), addenda."""
        return call_report(self._calls, self._libs, call_uuid)

    @_on_worker
    def call_view(self, call_uuid: str) -> CallView:
        """A stored call as the screens show it (replayed on the flow versions it used)."""
        from ..core.callview import CallView

        row = self._calls.get(call_uuid)
        try:
            run = self._libs.replay(row)
        except (StoreError, ValueError, KeyError):  # e.g. a bulk demo call without events: the row alone
            return CallView(uuid=call_uuid, open=False, status=row["status"], started_at=row["started_at"],
                            pathway=row["pathway"] or "")
        return self._call_view(row, run)

    def _call_view(self, row: dict[str, Any], run: FlowRun) -> CallView:
        from ..core.callview import build_call_view
        from .incident_log import offer_codes, stored_codes, with_open_alternative

        view = build_call_view(run, uuid=row["uuid"], is_open=row["status"] == "in_progress")
        if view.outcome is None:
            return view
        if row["status"] == "in_progress":
            return with_open_alternative(self._app(), view, offer_codes(self.force.partner_offer(run)))
        return with_open_alternative(self._app(), view, stored_codes(row))  # what was offered when it was finished

    @_on_worker
    def incident_log_text(self, call_uuid: str, caller_informed: Optional[bool] = None) -> str:
        """The block for the command-and-control log: the same renderer and facts as the call screen's Copy
        (services/incident_log.py), so the text from the report is the text copied during the call."""
        from ..core.callview import CallView
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
        informed = informed_from_record(self._app(), row)
        if informed is None and caller_informed and view.outcome is not None:
            informed = "unreachable" if view.outcome.caller_unreachable else "told"
        return render_block(self._app(), view=view, run=run, row=row, codes=codes,
                            caller_informed=informed, addenda=addenda)

    @_on_worker
    def add_addendum(self, call_uuid: str, text: str, reason: str, author: str, role: str = "") -> int:
        """A correction to a closed call; returns the call's new version."""
        from ..sync.summary import outbox_row

        return self._calls.add_addendum(call_uuid, text, reason, author, role=role,
                                        device_id=self.settings.get("device_id"),
                                        force_code=self.settings.get("force_code"), summary=outbox_row)
