"""ServicesBridge: the thin Qt adapter over the services' database worker (results come back by signal)."""
from __future__ import annotations

import logging
from concurrent.futures import Future
from typing import Any, Callable, Optional

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)

OnResult = Optional[Callable[[Any], None]]
OnError = Optional[Callable[[BaseException], None]]


class ServicesBridge(QObject):
    """Hands services calls to the worker (`svc.submit`) and runs the callbacks on the GUI thread, never blocking it."""

    finished = Signal(object, object, object)  # (future, on_result, on_error): emitted from the worker thread
    posted = Signal(object, object)            # (callback, value): a callback to run on the GUI thread
    idle_changed = Signal(bool)                # True when nothing is in flight any more

    def __init__(self, parent: Optional[QObject] = None):
        super().__init__(parent)
        self.pending = 0
        self.finished.connect(self.on_self_finished)  # queued: the worker thread is not this object's thread
        self.posted.connect(self.on_self_posted)

    @property
    def idle(self) -> bool:
        return self.pending == 0

    def run(self, submit: Callable[..., "Future[Any]"], fn: Callable[..., Any], *args: Any,
            on_result: OnResult = None, on_error: OnError = None, **kwargs: Any) -> None:
        """submit(fn, *args, **kwargs) (the services' `submit`); on_result / on_error run later on the GUI thread."""
        try:
            fut = submit(fn, *args, **kwargs)
        except Exception as exc:  # the worker is stopped (the database was closed)
            if on_error is not None:
                on_error(exc)
            else:
                log.exception("services call refused")
            return
        self.pending += 1
        if self.pending == 1:
            self.idle_changed.emit(False)
        fut.add_done_callback(lambda f: self.finished.emit(f, on_result, on_error))

    def post(self, callback: Callable[[Any], None], value: Any) -> None:
        """From any thread: run callback(value) on the GUI thread (queued, in order with the results)."""
        self.posted.emit(callback, value)

    def on_self_posted(self, callback: Callable[[Any], None], value: Any) -> None:
        callback(value)

    def on_self_finished(self, fut: "Future[Any]", on_result: OnResult, on_error: OnError) -> None:
        self.pending -= 1
        try:
            exc = fut.exception()
            if exc is not None:
                if on_error is not None:
                    on_error(exc)
                else:
                    log.error("services call failed", exc_info=exc)
            elif on_result is not None:
                on_result(fut.result())
        finally:
            if self.pending == 0:
                self.idle_changed.emit(True)
