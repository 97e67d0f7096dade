"""How the Reports window computes without freezing: the figures on a worker thread (over the services' read-only
figures reader), their results carried back by queued signals, and applied on the GUI thread one per turn of the
event loop."""
from __future__ import annotations

import threading
from collections import deque
from datetime import datetime
from typing import Any, Callable, Sequence

from PySide6.QtCore import QObject, QTimer, Signal


class FiguresRelay(QObject):
    """Carries results from the worker thread to the GUI thread (queued signals); each carries its generation, so
    results of a computation since replaced are told apart."""

    figure_ready = Signal(int, object)
    progressed = Signal(int, int, int)
    finished = Signal(int, float)
    failed = Signal(int, str)


class UiJobPump(QObject):
    """Jobs run on the GUI thread one per turn of the event loop (a zero timer), never in one burst: whatever else
    is waiting (painting, keys) runs between two of them."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._jobs: deque[Callable[[], None]] = deque()
        self._timer = QTimer(self, interval=0)
        self._timer.timeout.connect(self._run_one)

    def later(self, job: Callable[[], None]) -> None:
        self._jobs.append(job)
        if not self._timer.isActive():
            self._timer.start()

    @property
    def pending(self) -> int:
        """Jobs not yet run."""
        return len(self._jobs)

    def _run_one(self) -> None:
        if self._jobs:
            self._jobs.popleft()()
        if not self._jobs:
            self._timer.stop()


def start_figures(svc: Any, relay: FiguresRelay, *, generation: int, keys: Sequence[str], period: Any,
                  mode: str) -> threading.Thread:
    """Compute each figure in `keys` then the comparison for `period`, on a new worker thread with its own
    read-only reader; every result, the progress and the end (or the failure, as words) go out through `relay`."""

    def work() -> None:
        started = datetime.now()
        try:
            reader = svc.figures_reader()
            try:
                for n, key in enumerate(keys, start=1):
                    relay.figure_ready.emit(generation, reader.figure(key, period))
                    relay.progressed.emit(generation, n, len(keys) + 1)
                relay.figure_ready.emit(generation, reader.comparison(period, mode))
            finally:
                reader.close()
        except Exception as exc:  # noqa: BLE001 - shown to the person, never a crash
            relay.failed.emit(generation, f"{type(exc).__name__}: {exc}")
            return
        relay.finished.emit(generation, (datetime.now() - started).total_seconds())

    thread = threading.Thread(target=work, name="triage-reports", daemon=True)
    thread.start()
    return thread
