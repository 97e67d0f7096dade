"""DbWorker: the one serial thread that owns the SQLite connection; every store read and write runs on it, in order.

Anki's single database executor is the model. Callers either wait for a result (`call`, the synchronous API the
command line and the tests use) or get a `concurrent.futures.Future` back (`submit`, what the GUI uses: it turns the
future's completion into a Qt signal, so the GUI thread never waits for an fsync, a backup or a quick check).
A call made on the worker thread itself runs at once (services methods call each other freely). No Qt here.
"""
from __future__ import annotations

import functools
import logging
import queue
import threading
from concurrent.futures import Future
from typing import Any, Callable, Optional, TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")

_STOP = object()


class WorkerStopped(RuntimeError):
    """The database worker has been stopped (the services were closed)."""


class DbWorker:
    """A single daemon thread running submitted functions one after another."""

    def __init__(self, name: str = "triage-db") -> None:
        self.name = name
        self._tasks: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._stopped = False
        self._guard = threading.Lock()
        self._thread = threading.Thread(target=self._loop, name=name, daemon=True)
        self._thread.start()

    @property
    def thread(self) -> threading.Thread:
        return self._thread

    def on_worker(self) -> bool:
        """True when called from the worker thread itself."""
        return threading.current_thread() is self._thread

    def submit(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> "Future[T]":
        """Queue fn(*args, **kwargs) to run on the worker; its result (or exception) arrives in the future."""
        fut: Future[T] = Future()
        with self._guard:
            if self._stopped:
                raise WorkerStopped("the call database is closed")
            self._tasks.put((fut, fn, args, kwargs))
        return fut

    def call(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
        """Run fn on the worker and wait for it (at once, if already on the worker). Exceptions propagate."""
        if self.on_worker():
            return fn(*args, **kwargs)
        return self.submit(fn, *args, **kwargs).result()

    def stop(self, timeout: Optional[float] = 30.0) -> None:
        """Finish what is queued, then end the thread (idempotent)."""
        with self._guard:
            if self._stopped:
                return
            self._stopped = True
            self._tasks.put(_STOP)
        if not self.on_worker():
            self._thread.join(timeout)

    def _loop(self) -> None:
        while True:
            item = self._tasks.get()
            if item is _STOP:
                return
            fut, fn, args, kwargs = item
            if not fut.set_running_or_notify_cancel():
                continue
            try:
                result = fn(*args, **kwargs)
            except BaseException as exc:  # noqa: BLE001 - handed to whoever waits on the future
                fut.set_exception(exc)
            else:
                fut.set_result(result)


def on_worker(method: Callable[..., T]) -> Callable[..., T]:
    """Run the method on its object's database worker (at once when already there) and wait for the result."""
    @functools.wraps(method)
    def run(self: Any, *args: Any, **kwargs: Any) -> T:
        return self._worker.call(method, self, *args, **kwargs)

    return run
