"""Background sync in the app: a worker thread per pass, a status-bar widget with 'Sync now', and sync settings."""
from __future__ import annotations

import datetime as _dt
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from triage_desktop.services.protocol import ServicesLike

# The settings dialog's own widgets (form, line edits, spin box, button box) are imported when it is opened: this
# module is loaded before the app is ready (the status bar's sync item), and each of those classes builds its Python
# enums the first time it is named (~1 ms together).

from . import a11y
from .message_shapes import sync_error

DEFAULT_INTERVAL_MIN = 5


class SyncController(QObject):
    """Runs sync passes off the GUI thread (never blocking it), on a timer and on demand; reports by signal."""

    pass_started = Signal()
    pass_finished = Signal(object)  # SyncReport, or None when sync is not set up
    status_changed = Signal(str)

    def __init__(self, svc: ServicesLike, *, parent: Optional[QObject] = None,
                 interval_min: int = DEFAULT_INTERVAL_MIN):
        super().__init__(parent)
        self.svc = svc
        self.pending: Optional[int] = None
        self.last_success: Optional[str] = None  # when a pass last sent something (never set by an empty pass)
        self.last_checked: Optional[str] = None  # when a pass last found nothing to send
        self.last_error: Optional[str] = None
        self.not_configured: Optional[str] = None
        self._thread: Optional[threading.Thread] = None
        self._busy = False
        self._cancel = threading.Event()
        self._again = False
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.sync_now)
        self.set_interval(interval_min)
        self.pass_finished.connect(self.on_self_pass_finished)

    def set_interval(self, minutes: int) -> None:
        self.timer.start(max(1, int(minutes)) * 60_000)

    @property
    def running(self) -> bool:
        """A pass was started and its result has not been handled yet (GUI thread only).

        Not the worker thread's liveness: the thread lives on for a moment after it emitted its result, and a Sync
        now in that moment used to be folded into a pass that had already finished (dropped until the timer).
        """
        return self._busy

    def sync_now(self) -> bool:
        """Start a pass in a worker thread; if one is running, run another when it ends. False if not set up."""
        if self.running:
            self._again = True
            return True
        try:
            config = self.svc.sync_config(cancel=self._cancel, timeout_s=15.0, max_attempts=3)
        except ValueError as exc:  # sync settings missing or unusable
            self.not_configured = str(exc)
            self.status_changed.emit(self.status_text())
            return False
        self.not_configured = None
        self._cancel.clear()
        self._busy = True
        self.pass_started.emit()
        self._thread = threading.Thread(target=self._work, args=(config,), name="triage-sync", daemon=True)
        self._thread.start()
        return True

    def _work(self, config: Any) -> None:
        """Network thread: waits on the collector; the outbox is read and written by the services' database worker
        (no connection of its own), no widgets; the result goes back by signal."""
        try:
            report = self.svc.sync_pass(config)
        except ValueError as exc:  # a setting refused (e.g. plain http:// to another machine): say which
            report = SyncFailed(str(exc)[:300])
        except Exception as exc:  # noqa: BLE001 - a failed pass must never take the app down
            report = SyncFailed(f"sync failed: {type(exc).__name__}")
        self.pass_finished.emit(report)

    def on_self_pass_finished(self, report: Any) -> None:
        self._busy = False
        if report is None:
            return
        self.pending = report.pending
        now = _dt.datetime.now().strftime("%H:%M")
        if report.ok:
            if getattr(report, "sent", 0):
                self.last_success = now
            else:
                self.last_checked = now  # nothing was sent: never "last sent"
            self.last_error = None
        else:
            self.last_error = f"{now}: " + (sync_error(report.error) if report.error else self.tr("reconcile mismatch"))
        self.status_changed.emit(self.status_text())
        if self._again:
            self._again = False
            QTimer.singleShot(0, self.sync_now)

    def status_text(self) -> str:
        if self.not_configured:
            return self.tr("Sync: not set up (Tools ▸ Sync settings…)")
        parts = []
        if self.running:
            parts.append(self.tr("sending…"))
        if self.pending is not None:
            parts.append(self.tr("{n} waiting").format(n=self.pending))
        if self.last_success:
            parts.append(self.tr("last sent {time}").format(time=self.last_success))
        elif self.last_checked:
            parts.append(self.tr("nothing to send (checked {time})").format(time=self.last_checked))
        else:
            parts.append(self.tr("nothing sent yet"))
        if self.last_error:
            parts.append(self.tr("error {error}").format(error=self.last_error))
        return self.tr("Sync: ") + " · ".join(parts)

    def stop(self, timeout: float = 5.0) -> None:
        """Stop the timer and any pass in flight (between batches), waiting a little for it."""
        self.timer.stop()
        self._cancel.set()
        if self._thread is not None:
            self._thread.join(timeout)


class SyncFailed:
    """A pass that could not run at all (what the status line needs of a report)."""

    def __init__(self, error: str) -> None:
        self.error, self.ok, self.pending = error, False, None


class SyncStatusWidget(QWidget):
    """Status-bar item: pending count, last success, last error, and a 'Sync now' button."""

    def __init__(self, controller: SyncController, parent: Optional[QWidget] = None):
        super().__init__(parent)
        self.controller = controller
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel(controller.status_text())
        a11y.text_label(self.label, self.tr("Sync status"))
        self.button = QPushButton(self.tr("Sync now"))
        self.button.setAccessibleName(self.tr("Sync now"))
        self.button.setToolTip(self.tr("Send finished calls' anonymised summaries to the force collector now"))
        lay.addWidget(self.label)
        lay.addWidget(self.button)
        self.button.clicked.connect(self.on_button_clicked)
        controller.status_changed.connect(self.show_text)
        controller.pass_started.connect(lambda: self.show_text(controller.status_text()))
        self.show_text(controller.status_text())

    def show_text(self, text: str) -> None:
        """Show the status in full (the status bar would otherwise clip a longer text)."""
        self.label.setText(text)
        self.label.ensurePolished()  # the theme's font, not the default one, decides the width
        self.label.setMinimumWidth(self.label.fontMetrics().horizontalAdvance(text) + 16)
        self.setMinimumWidth(self.layout().minimumSize().width())  # the status bar sizes us by our minimum

    def on_button_clicked(self) -> None:
        self.controller.sync_now()
        self.show_text(self.controller.status_text())


class SyncSettingsDialog(a11y.NamedDialog):
    """Collector URL, device token (kept in the OS keyring, else a 0600 file) and CA bundle."""

    def __init__(self, svc: ServicesLike, parent: Optional[QWidget] = None, interval_min: int = DEFAULT_INTERVAL_MIN):
        from PySide6.QtWidgets import QDialogButtonBox, QFormLayout, QLineEdit, QSpinBox

        super().__init__(parent)
        self.setWindowTitle(self.tr("Sync settings"))
        self.svc = svc
        url = str(svc.settings.get("sync_collector_url") or "")
        ca = str(svc.settings.get("sync_ca_bundle") or "")
        form = QFormLayout()
        self.url = QLineEdit(url)
        self.url.setPlaceholderText("https://collector.example.police.uk")
        self.url.setAccessibleName(self.tr("Collector URL"))
        self.token = QLineEdit()
        self.token.setEchoMode(QLineEdit.EchoMode.Password)
        self.token.setPlaceholderText(self.tr("leave blank to keep the saved token"))
        self.token.setAccessibleName(self.tr("Device token"))
        self.ca = QLineEdit(ca)
        self.ca.setPlaceholderText(self.tr("optional: file of trusted CA certificates (PEM)"))
        self.ca.setAccessibleName(self.tr("CA bundle"))
        self.interval = QSpinBox()
        self.interval.setRange(1, 240)
        self.interval.setValue(interval_min)
        self.interval.setSuffix(self.tr(" min"))
        self.interval.setAccessibleName(self.tr("Sync every"))
        form.addRow(self.tr("Collector &URL"), self.url)
        form.addRow(self.tr("Device &token"), self.token)
        form.addRow(self.tr("&CA bundle"), self.ca)
        form.addRow(self.tr("Sync &every"), self.interval)
        self.error = QLabel("")
        self.error.setWordWrap(True)
        a11y.text_label(self.error, self.tr("Problem with these settings"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.on_buttons_accepted)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        note = QLabel(self.tr("Only anonymised summaries are sent: no names, numbers, addresses, notes or handler ids."))
        note.setWordWrap(True)
        lay.addWidget(note)
        lay.addLayout(form)
        lay.addWidget(self.error)
        lay.addWidget(buttons)

    def save(self) -> Optional[str]:
        """Save; returns an error message (nothing saved) or None."""
        url, ca, token = self.url.text().strip(), self.ca.text().strip(), self.token.text().strip()
        if url:
            try:
                self.svc.check_collector_url(url)
            except ValueError:
                return self.tr("The collector URL must start with https:// (plain http:// only for a test collector "
                               "on this PC: 127.0.0.1 or localhost).")
        if ca and not Path(ca).is_file():
            return self.tr("The CA bundle file does not exist.")
        try:
            self.svc.save_sync_settings(collector_url=url or None, ca_bundle=ca or None, token=token or None)
        except (KeyError, ValueError, OSError) as exc:
            return sync_error(str(exc))
        return None

    def on_buttons_accepted(self) -> None:
        problem = self.save()
        if problem:
            self.error.setText(self.tr("Not saved: ") + problem)
            return
        self.accept()

    @classmethod
    def ask(cls, svc: ServicesLike, parent: Optional[QWidget] = None,
            interval_min: int = DEFAULT_INTERVAL_MIN) -> Optional[int]:
        """Show the dialog; returns the chosen interval in minutes if saved, else None."""
        dlg = cls(svc, parent, interval_min)
        return dlg.interval.value() if dlg.exec() == QDialog.DialogCode.Accepted else None
