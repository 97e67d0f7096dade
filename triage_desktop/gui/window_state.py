"""WindowStateMixin: the main window's remembered geometry (platformdirs state dir) and timed backups."""
from __future__ import annotations

import datetime as _dt
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional, cast

from PySide6.QtCore import QByteArray, QCoreApplication, QRect, QSettings
from PySide6.QtGui import QGuiApplication, QScreen

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
        def screen(self) -> Any: ...
        def isMaximized(self) -> bool: ...  # noqa: N802
        def showMaximized(self) -> None: ...  # noqa: N802
        def show(self) -> None: ...
        def setWindowState(self, state: Any) -> None: ...  # noqa: N802

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

    #: screens up to this size open maximised (1366×768, 1280×720, 1920×1080) unless the user chose otherwise
    MAXIMISE_UP_TO = (1920, 1080)
    #: the window on a larger screen, when nothing was remembered for it
    DEFAULT_SIZE = (1600, 1000)

    @staticmethod
    def screen_key(screen: Optional[QScreen]) -> str:
        """'screens/HDMI-1 1366x768': geometry is remembered per screen (name and size)."""
        if screen is None:
            return "screens/unknown"
        g = screen.geometry()
        name = "".join(c if c.isalnum() or c in "-_." else "_" for c in screen.name()) or "screen"
        return f"screens/{name} {g.width()}x{g.height()}"

    def _opening_screen(self) -> Optional[QScreen]:
        return self.screen() or QGuiApplication.primaryScreen()

    def restore_geometry(self) -> bool:
        """Restore what was remembered for the screen the window opens on (or, from older versions, for any
        screen); True if there was something."""
        geo = self._geometry_value(f"{self.screen_key(self._opening_screen())}/geometry")
        if geo is None:
            geo = self._geometry_value("geometry")
        return geo is not None and bool(self.restoreGeometry(geo))

    def show_fitted(self) -> None:
        """Show the window fitted to the screen it opens on: as the user left it on this screen, else maximised
        on screens up to 1920×1080, else a large window centred in the screen's available area."""
        screen = self._opening_screen()
        if self._geometry_value(f"{self.screen_key(screen)}/geometry") is not None and self.restore_geometry():
            self.show()
            return
        if screen is None:
            self.show()
            return
        avail = screen.availableGeometry()
        full = screen.geometry()
        if full.width() <= self.MAXIMISE_UP_TO[0] and full.height() <= self.MAXIMISE_UP_TO[1]:
            self.showMaximized()
            return
        w, h = min(self.DEFAULT_SIZE[0], avail.width()), min(self.DEFAULT_SIZE[1], avail.height())
        rect = QRect(0, 0, w, h)
        rect.moveCenter(avail.center())
        from PySide6.QtCore import Qt  # here only (its first use costs ~12 ms: not on every start)

        self.setWindowState(Qt.WindowState.WindowNoState)  # not maximised from another screen's memory
        cast(Any, self).setGeometry(rect)  # (QWidget's; typed there with overloads)
        self.show()

    def save_geometry(self) -> None:
        s = self._geometry_settings()
        if s is None:
            return
        try:
            Path(self.paths.state_dir).mkdir(parents=True, exist_ok=True)
        except OSError:
            return
        geo = self.saveGeometry()  # includes maximised or not: the user's choice on this screen
        s.setValue(f"{self.screen_key(self.screen())}/geometry", geo)
        s.setValue("geometry", geo)  # the last one anywhere: a new screen starts from the default, not this
        if self._call_screen is not None and not getattr(self._call_screen, "folded", False):
            s.setValue("splitter", self._call_screen.splitter.saveState())  # (folded: one column, nothing to keep)
        s.sync()
