"""CallController: runs the current call's actions on the services' database worker and says what changed, by signal.

Widgets never call the session and never read the engine: after each action the controller holds the call's
`CallView` (built by the services in one place) and emits the `CallChanges` the action returned.
"""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, Callable, Optional

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from triage_desktop.services import CallChanges, CallView
    from triage_desktop.services.protocol import CallSessionLike

from .worker_bridge import ServicesBridge

log = logging.getLogger(__name__)


class CallController(QObject):
    """Actions go to the worker in the order they are made; results (or errors) come back as signals."""

    call_started = Signal(str)          # uuid
    call_changed = Signal(object)       # CallChanges, after every successful action (and on attach)
    outcome_reached = Signal(str)       # outcome code, when the call first reaches (or changes) its outcome
    call_finalised = Signal(str)        # uuid
    call_closed = Signal()              # no current call any more
    answer_rejected = Signal(str)       # an answer the engine refused: shown beside the question
    store_failed = Signal(str, str)     # (what was being done, error text): shown as a dialog
    saved = Signal()                    # the last action was written durably

    def __init__(self, parent: Optional[QObject] = None):
        super().__init__(parent)
        self.bridge = ServicesBridge(self)
        self._session: Optional[CallSessionLike] = None
        self._view: Optional[CallView] = None
        self._last_outcome: Optional[str] = None

    # ----- state ---------------------------------------------------------------------------
    @property
    def session(self) -> Optional[CallSessionLike]:
        return self._session

    @property
    def view(self) -> Optional[CallView]:
        """The current call as last reported by the services (None: no call)."""
        return self._view

    @property
    def uuid(self) -> str:
        return self._session.uuid if self._session is not None else ""

    @property
    def active(self) -> bool:
        return self._session is not None

    @property
    def busy(self) -> bool:
        """True while an action is still on the worker."""
        return not self.bridge.idle

    def attach(self, session: CallSessionLike) -> None:
        """Make `session` the current call (a new call or a resumed one)."""
        self._session = session
        self._view = None
        self._last_outcome = None

        def started(changes: CallChanges) -> None:
            if self._session is not session:
                return
            self._view = changes.view
            out = changes.view.outcome
            self._last_outcome = out.code if out else None
            self.call_started.emit(session.uuid)
            self.call_changed.emit(changes)

        def track() -> CallChanges:  # on the worker: record the question on screen, then paint results early
            changes = session.track_shown()
            session.set_preview(lambda ch: self.bridge.post(lambda c: self._previewed(session, c), ch))
            return changes

        self.bridge.run(session.submit, track, on_result=started,
                        on_error=lambda exc: self._failed(session, "opening the call", exc))

    def detach(self) -> None:
        self._session = None
        self._view = None
        self._last_outcome = None
        self.call_closed.emit()

    # ----- actions -------------------------------------------------------------------------
    def _do(self, what: str, action: Callable[..., CallChanges], *args: Any, **kwargs: Any) -> bool:
        session = self._session
        if session is None:
            return False
        self.bridge.run(session.submit, action, *args, **kwargs,
                        on_result=lambda ch: self._done(session, ch),
                        on_error=lambda exc: self._failed(session, what, exc))
        return True

    def _previewed(self, session: CallSessionLike, changes: CallChanges) -> None:
        """The engine has applied the action and its write is on the way: show the result now."""
        if session is not self._session:
            return
        self._view = changes.view
        self.call_changed.emit(changes)
        self._outcome_check(changes)

    def _done(self, session: CallSessionLike, changes: CallChanges) -> None:
        if session is not self._session:
            return
        shown = changes.view is self._view  # already on screen from the preview
        self._view = changes.view
        if changes.saved:
            self.saved.emit()
        if not shown:
            self.call_changed.emit(changes)
            self._outcome_check(changes)
        if changes.closed:
            self.call_finalised.emit(session.uuid)
            self.detach()

    def _outcome_check(self, changes: CallChanges) -> None:
        out = changes.view.outcome
        code = out.code if out else None
        if code is not None and code != self._last_outcome:
            self._last_outcome = code
            self.outcome_reached.emit(code)
        elif code is None:
            self._last_outcome = None

    def _failed(self, session: CallSessionLike, what: str, exc: BaseException) -> None:
        from triage_desktop.services import CallChanges, EngineError, StaleAction

        if isinstance(exc, StaleAction):  # a key pressed for a question that is no longer on screen
            return
        if isinstance(exc, EngineError):
            if session is self._session:
                self.answer_rejected.emit(str(exc))
            return
        log.error("%s failed", what, exc_info=exc)
        self.store_failed.emit(what, str(exc) or exc.__class__.__name__)
        if session is self._session:  # show whatever the services now hold (they went back to what is stored)
            self.bridge.run(session.submit, session.current_view,
                            on_result=lambda view: self._done(session, CallChanges.between(None, view)))

    def answer(self, value: Any, *, volunteered: bool = False) -> bool:
        """The handler chose an answer on the question on screen (ignored if another question is up by then)."""
        view = self._view
        session = self._session
        if session is None:
            return False
        at = view.current if view is not None else None
        return self._do("saving the answer", session.choose, value, volunteered=volunteered, at=at)

    def set_volunteered(self, flag: bool) -> bool:
        return self._session is not None and self._do("saving 'volunteered'", self._session.set_volunteered, flag)

    def back(self) -> bool:
        return self._session is not None and self._do("going back", self._session.back)

    def jump_to(self, flow_id: str, node_id: str) -> bool:
        return self._session is not None and self._do("going to that question", self._session.jump_to,
                                                      flow_id, node_id)

    def forward(self) -> bool:
        return self._session is not None and self._do("going on", self._session.forward)

    def immediate_risk(self, reason: str) -> bool:
        return self._session is not None and self._do("recording immediate risk", self._session.immediate_risk,
                                                      reason)

    def early_exit(self, reason: str, code: str, caller_unreachable: bool = False) -> bool:
        return self._session is not None and self._do("ending the call early", self._session.early_exit,
                                                      reason, code, caller_unreachable=caller_unreachable)

    def set_cad_incident(self, number: str) -> bool:
        """The C&C incident number (optional, typed once per call): stored on the worker."""
        session = self._session
        if session is None:
            return False
        self.bridge.run(session.submit, session.set_cad_incident, number or None,
                        on_error=lambda exc: self._failed(session, "saving the CAD incident number", exc))
        return True

    def override(self, code: str, reason: str) -> bool:
        return self._session is not None and self._do("overriding the outcome", self._session.override, code, reason)

    def note(self, text: str) -> bool:
        if not text.strip():
            return True
        return self._session is not None and self._do("saving the note", self._session.note, text)

    def handover(self, actor: str, role: str) -> bool:
        return self._session is not None and self._do("handing over", self._session.handover, actor, role)

    def finish(self) -> bool:
        """After the decision: end the post-decision steps now (not asked steps recorded as not asked)."""
        return self._session is not None and self._do("finishing the steps", self._session.finish)

    def set_caller_type(self, code: Optional[str]) -> bool:
        return self._session is not None and self._do("recording who is calling", self._session.set_caller_type,
                                                      code)

    def set_language(self, lang: str) -> bool:
        """Switch the call language (en | cy): the place in the call is kept."""
        return self._session is not None and self._do("switching the call language", self._session.set_language,
                                                      lang)

    def set_caller_details(self, details: dict[str, str], then: Callable[[Any], None]) -> bool:
        """Phone / caller name / person's name: stored locally (on the worker); `then` gets the repeat contact found
        (or None) on the GUI thread."""
        session = self._session
        if session is None:
            return False

        def act() -> Any:
            got = session.set_personal(caller_phone=details.get("caller_phone") or None,
                                       caller_name=details.get("caller_name") or None)
            if details.get("person_name"):
                got = session.set_person_name(details["person_name"])
            return got

        self.bridge.run(session.submit, act, on_result=then,
                        on_error=lambda exc: self._failed(session, "saving the caller's details", exc))
        return True

    def finalise(self, *, caller_informed: bool) -> bool:
        return self._session is not None and self._do("finishing the call", self._session.finalise,
                                                      caller_informed=caller_informed)
