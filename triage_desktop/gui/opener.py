"""ServicesOpener: opens the services off the GUI thread at start-up and says so by signal."""
from __future__ import annotations

import threading
from typing import Any, Optional

from PySide6.QtCore import QObject, Signal


class ServicesOpener(QObject):
    """AppServices.open on a helper thread (flows checked there, the database on the services' own worker): the
    window is painted and stays responsive meanwhile."""

    opened = Signal(object, object)  # (services, None) or (None, the exception)

    def __init__(self, paths: Any, training: bool, parent: Optional[QObject] = None) -> None:
        super().__init__(parent)
        self.paths, self.training = paths, training

    def start(self) -> None:
        threading.Thread(target=self._open, name="triage-open", daemon=True).start()

    def _open(self) -> None:
        try:
            from triage_desktop.services import AppServices

            svc = AppServices.open(self.paths, training=self.training)
        except Exception as exc:  # noqa: BLE001 - shown as a dialog on the GUI thread
            self.opened.emit(None, exc)
            return
        self.opened.emit(svc, None)
