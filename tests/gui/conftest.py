"""GUI test fixtures: real services on a tmp data dir with the small test flows, and no real modal dialogs."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

import pytest

pytest.importorskip("PySide6")

from PySide6.QtWidgets import QApplication  # noqa: E402

from triage_desktop.gui import (about, callers, dialogs, missing_db_dialog, report_dialog,  # noqa: E402
                                 role_dialog, settings_dialog, sync_status)
from triage_desktop.gui import training_report, training_scenario_form, training_session_dialog  # noqa: E402
from triage_desktop.gui.main_window import MainWindow  # noqa: E402
from triage_desktop.gui.theme import apply_theme  # noqa: E402
from triage_desktop.paths import AppPaths  # noqa: E402
from triage_desktop.services import AppServices  # noqa: E402

from gui_drive import FLOWS_OK, show_window  # noqa: E402


#: Every modal dialog class with an ask() classmethod. Unpatched, a modal hangs offscreen: fail instead.
DIALOGS = (dialogs.HandlerDialog, dialogs.HandoverDialog, dialogs.ReasonDialog, dialogs.EarlyExitDialog,
           dialogs.OverrideDialog, dialogs.ResumeDialog, dialogs.AddendumDialog, dialogs.ConfirmDialog,
           dialogs.ErrorDialog, settings_dialog.SettingsDialog, about.HelpDialog, about.AboutDialog,
           report_dialog.CallReportDialog, sync_status.SyncSettingsDialog, callers.CallerTypeDialog,
           callers.CallerDetailsDialog, training_session_dialog.TrainingSessionDialog,
           training_scenario_form.ScenarioFormDialog, training_report.FileChooser,
           missing_db_dialog.MissingDatabaseDialog, role_dialog.PassphraseDialog)


class DialogLog:
    """Records every ask() made while a test runs; answers come from `answers` (class name -> value/callable)."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.answers: dict[str, Any] = {}

    def names(self) -> list[str]:
        return [n for n, _ in self.calls]

    def kwargs(self, name: str) -> dict[str, Any]:
        return next(kw for n, kw in reversed(self.calls) if n == name)


@pytest.fixture(autouse=True)
def dialog_log(monkeypatch: pytest.MonkeyPatch) -> DialogLog:
    log = DialogLog()
    for cls in DIALOGS:
        def ask(klass, parent=None, *args: Any, __name=cls.__name__, **kw: Any) -> Any:
            log.calls.append((__name, kw))
            if __name not in log.answers:
                if __name == "ErrorDialog":
                    return None  # recorded; tests assert on it
                raise AssertionError(f"unexpected modal dialog {__name}({kw})")
            ans = log.answers[__name]
            return ans(**kw) if callable(ans) else ans

        monkeypatch.setattr(cls, "ask", classmethod(ask))
    return log


@pytest.fixture(scope="session", autouse=True)
def _theme(qapp: QApplication) -> None:
    apply_theme(qapp)


@pytest.fixture
def app_paths(tmp_path: Path) -> AppPaths:
    return AppPaths.from_root(tmp_path / "app")


@pytest.fixture
def open_services(app_paths: AppPaths) -> Callable[..., AppServices]:
    opened: list[AppServices] = []

    def opener(**kw: Any) -> AppServices:
        svc = AppServices.open(app_paths, flows_dir=FLOWS_OK, **kw)
        opened.append(svc)
        return svc

    yield opener
    for s in opened:
        try:
            s.close()
        except Exception:
            pass


@pytest.fixture
def svc(open_services: Callable[..., AppServices]) -> AppServices:
    s = open_services()
    s.settings.set("handler_id", "1234")
    s.settings.set("handler_role", "call_handler")
    return s


@pytest.fixture
def window(qtbot: Any, svc: AppServices, app_paths: AppPaths) -> MainWindow:
    return show_window(qtbot, svc, app_paths)
