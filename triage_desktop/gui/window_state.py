"""WindowStateMixin: the main window's remembered geometry (platformdirs state dir) and timed backups."""
from __future__ import annotations

import datetime as _dt
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

from PySide6.QtCore import QByteArray, QCoreApplication, QSettings

log = logging.getLogger(__name__)
translate = QCoreApplication.translate


class WindowStateMixin:
    """Mixed into MainWindow (which provides paths, svc, controller, setting(), statusBar(), backup_timer)."""

    paths: Any
    svc: Any
    _call_screen: Any
    controller: Any
    bridge: Any
    backup_timer: Any
    _backup_due: bool

    if TYPE_CHECKING:  # provided by MainWindow / QMainWindow
        def setting(self, key: str, default: str = "") -> str: ...
        def statusBar(self) -> Any: ...  # noqa: N802
        def restoreGeometry(self, state: Any) -> bool: ...  # noqa: N802
        def saveGeometry(self) -> Any: ...  # noqa: N802

    # ----- backups ------------------------------------------------------------------------------------
    def _start_backup_timer(self) -> None:
        try:
            minutes = int(self.setting("backup_interval_minutes", "10"))
        except ValueError:
            minutes = 10
        self.backup_timer.start(max(1, minutes) * 60_000)

    def on_backup_timer_timeout(self) -> None:
        """Timed backup if anything changed; never in the middle of a call (it waits for the call to end)."""
        if self.controller.active:
            self._backup_due = True
            return
        self._backup_due = False
        if self.svc is None:
            return

        def failed(exc: BaseException) -> None:
            log.error("timed backup", exc_info=exc)
            self.statusBar().showMessage(translate("WindowState", "⚠ The timed backup failed: {error}. Calls are still "
                                                   "being saved.").format(error=exc), 0)

        def made(path: Any) -> None:
            if path is not None:
                self.statusBar().showMessage(translate("WindowState", "Backup made at {time}.").format(
                    time=_dt.datetime.now().strftime('%H:%M')), 8000)

        # on the database worker: the window never waits for the copy
        self.bridge.run(self.svc.submit, self.svc.backup_if_changed, on_result=made, on_error=failed)

    # ----- geometry -----------------------------------------------------------------------------------
    def _geometry_settings(self) -> Optional[QSettings]:
        state_dir = getattr(self.paths, "state_dir", None)
        if state_dir is None:
            return None
        return QSettings(str(Path(state_dir) / "window.ini"), QSettings.Format.IniFormat)

    def _geometry_value(self, key: str) -> Optional[QByteArray]:
        s = self._geometry_settings()
        v = s.value(key) if s is not None else None
        return v if isinstance(v, QByteArray) else None

    def restore_geometry(self) -> None:
        geo = self._geometry_value("geometry")
        if geo is not None:
            self.restoreGeometry(geo)

    def save_geometry(self) -> None:
        s = self._geometry_settings()
        if s is None:
            return
        try:
            Path(self.paths.state_dir).mkdir(parents=True, exist_ok=True)
        except OSError:
            return
        s.setValue("geometry", self.saveGeometry())
        if self._call_screen is not None:
            s.setValue("splitter", self._call_screen.splitter.saveState())
        s.sync()
