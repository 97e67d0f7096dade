"""CallController: adapts one CallSession (engine + durable store) to Qt signals for the call screen."""
from __future__ import annotations

import logging
from typing import Any, Callable, Optional, Protocol

from PySide6.QtCore import QObject, Signal

from triage_desktop.core.engine import EngineError, FlowRun

log = logging.getLogger(__name__)


class SessionLike(Protocol):
    """What the GUI needs from services.CallSession (see docs/services-api.md)."""

    uuid: str
    run: FlowRun

    def answer(self, value: Any, *, volunteered: bool = False) -> Any: ...
    def set_volunteered(self, flag: bool) -> Any: ...
    def back(self) -> Any: ...
    def jump_to(self, flow_id: str, node_id: str) -> Any: ...
    def forward(self) -> Any: ...
    def immediate_risk(self, reason: str) -> Any: ...
    def early_exit(self, reason: str, code: str) -> Any: ...
    def override(self, code: str, reason: str) -> Any: ...
    def note(self, text: str) -> Any: ...
    def handover(self, actor: str, role: str) -> Any: ...
    def finalise(self, *, caller_informed: bool) -> Any: ...


def is_store_error(exc: BaseException) -> bool:
    """True for the store's own errors (locked, corrupt, disk full, read-only) and OS-level I/O errors."""
    try:
        from triage_desktop.store.errors import StoreError  # lazy: the store may not be importable in tests
    except ImportError:  # pragma: no cover - store not built yet
        StoreError = ()  # type: ignore[assignment]
    return isinstance(exc, (OSError,) + ((StoreError,) if isinstance(StoreError, type) else ()))


class CallController(QObject):
    """Runs actions on the current call's session and says what changed. Widgets never call the session."""

    call_started = Signal(str)          # uuid
    call_changed = Signal()             # after every successful action
    outcome_reached = Signal(str)       # outcome code, when the call first reaches (or changes) its outcome
    call_finalised = Signal(str)        # uuid
    call_closed = Signal()              # no current call any more
    answer_rejected = Signal(str)       # an answer the engine refused: shown beside the question
    store_failed = Signal(str, str)     # (what was being done, error text): shown as a dialog
    saved = Signal()                    # the last action was written durably

    def __init__(self, parent: Optional[QObject] = None):
        super().__init__(parent)
        self._session: Optional[SessionLike] = None
        self._last_outcome: Optional[str] = None
        self._shown_key: Optional[tuple[str, str]] = None

    # ----- state ---------------------------------------------------------------------------
    @property
    def session(self) -> Optional[SessionLike]:
        return self._session

    @property
    def run(self) -> Optional[FlowRun]:
        return self._session.run if self._session is not None else None

    @property
    def uuid(self) -> str:
        return self._session.uuid if self._session is not None else ""

    @property
    def active(self) -> bool:
        return self._session is not None

    def attach(self, session: SessionLike) -> None:
        """Make `session` the current call (a new call or a resumed one)."""
        self._session = session
        self._shown_key = None
        out = session.run.outcome
        self._last_outcome = out.code if out else None
        self.call_started.emit(session.uuid)
        self.call_changed.emit()
        self._record_shown()

    def detach(self) -> None:
        self._session = None
        self._last_outcome = None
        self.call_closed.emit()

    # ----- actions -------------------------------------------------------------------------
    def _do(self, what: str, fn: Callable[[], Any]) -> bool:
        if self._session is None:
            return False
        try:
            fn()
        except EngineError as exc:
            self.answer_rejected.emit(str(exc))
            return False
        except Exception as exc:  # store errors and anything unexpected: a dialog, never a traceback
            log.exception("%s failed", what)
            self.store_failed.emit(what, str(exc) or exc.__class__.__name__)
            self.call_changed.emit()  # show whatever the engine now holds
            return False
        self.saved.emit()
        self.call_changed.emit()
        out = self._session.run.outcome if self._session is not None else None
        code = out.code if out else None
        if code is not None and code != self._last_outcome:
            self._last_outcome = code
            self.outcome_reached.emit(code)
        elif code is None:
            self._last_outcome = None
        self._record_shown()
        return True

    def _record_shown(self) -> None:
        """Once a different question (or the outcome) is on screen, record it ('question shown': step timings)."""
        session = self._session
        if session is None or not hasattr(session, "shown") or not getattr(session, "is_open", True):
            return
        key = session.run.current
        if key is None or key == self._shown_key:
            return
        try:
            session.shown()
            self._shown_key = key
        except Exception:  # a timing record is never worth interrupting the call; the next action reports
            log.exception("recording 'question shown'")

    def answer(self, value: Any, *, volunteered: bool = False) -> bool:
        run = self.run
        if run is not None:
            key = run.current
            prev = run.answer_at(key) if key else None
            node = run.current_node
            try:
                norm = run.validate_answer(node, value) if node is not None and not node.is_outcome else value
            except EngineError:
                norm = value
            if prev is not None and prev.value == norm and key != run.frontier:
                # same answer again after going back: carry on without recording a change
                return self._do("going on", self._session.forward)  # type: ignore[union-attr]
        return self._do("saving the answer", lambda: self._session.answer(value, volunteered=volunteered))  # type: ignore[union-attr]

    def set_volunteered(self, flag: bool) -> bool:
        return self._do("saving 'volunteered'", lambda: self._session.set_volunteered(flag))  # type: ignore[union-attr]

    def back(self) -> bool:
        return self._do("going back", lambda: self._session.back())  # type: ignore[union-attr]

    def jump_to(self, flow_id: str, node_id: str) -> bool:
        return self._do("going to that question", lambda: self._session.jump_to(flow_id, node_id))  # type: ignore[union-attr]

    def forward(self) -> bool:
        return self._do("going on", lambda: self._session.forward())  # type: ignore[union-attr]

    def immediate_risk(self, reason: str) -> bool:
        return self._do("recording immediate risk", lambda: self._session.immediate_risk(reason))  # type: ignore[union-attr]

    def early_exit(self, reason: str, code: str) -> bool:
        return self._do("ending the call early", lambda: self._session.early_exit(reason, code))  # type: ignore[union-attr]

    def override(self, code: str, reason: str) -> bool:
        return self._do("overriding the outcome", lambda: self._session.override(code, reason))  # type: ignore[union-attr]

    def note(self, text: str) -> bool:
        if not text.strip():
            return True
        return self._do("saving the note", lambda: self._session.note(text))  # type: ignore[union-attr]

    def handover(self, actor: str, role: str) -> bool:
        return self._do("handing over", lambda: self._session.handover(actor, role))  # type: ignore[union-attr]

    def finish(self) -> bool:
        """After the decision: end the post-decision steps now (not asked steps recorded as not asked)."""
        return self._do("finishing the steps", lambda: self._session.finish())  # type: ignore[union-attr]

    def set_caller_type(self, code: Optional[str]) -> bool:
        return self._do("recording who is calling", lambda: self._session.set_caller_type(code))  # type: ignore[union-attr]

    def set_caller_details(self, details: dict[str, str]) -> Optional[Any]:
        """Phone / caller name / person's name: stored locally; returns the repeat contact found (or None)."""
        session = self._session
        if session is None:
            return None
        found: list[Any] = []

        def act() -> None:
            got = session.set_personal(caller_phone=details.get("caller_phone") or None,  # type: ignore[attr-defined]
                                       caller_name=details.get("caller_name") or None)
            if details.get("person_name") and hasattr(session, "set_person_name"):
                got = session.set_person_name(details["person_name"])  # type: ignore[attr-defined]
            found.append(got)

        if not self._do("saving the caller's details", act):
            return None
        return found[0] if found else None

    def finalise(self, *, caller_informed: bool) -> bool:
        session = self._session
        if session is None:
            return False
        ok = self._do("finishing the call", lambda: session.finalise(caller_informed=caller_informed))
        if ok:
            self.call_finalised.emit(session.uuid)
            self.detach()
        return ok

    # ----- derived, for widgets ---------------------------------------------------------------
    def can_go_back(self) -> bool:
        run = self.run
        if run is None or run.current is None:
            return False
        if run.has_post_decision and run.outcome is not None:
            return False  # finished after the decision: the record is complete (Override to change it)
        post = run.in_post_decision  # once decided, Back stays within the post-decision steps
        keys = [(p.flow, p.node.id) for p in run.path if (p.node.is_question or p.node.kind == "info")
                and not p.skipped and (p.after_decision or not post)]
        cur = run.current
        return bool(keys) and (cur not in keys or keys.index(cur) > 0)

    def step_number(self) -> int:
        """1-based number of the question on screen among the questions on the path."""
        run = self.run
        if run is None:
            return 0
        keys = [(p.flow, p.node.id) for p in run.path if p.node.is_question or p.node.kind == "info"]
        cur = run.current
        return keys.index(cur) + 1 if cur in keys else len(keys)
