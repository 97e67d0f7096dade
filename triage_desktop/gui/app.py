"""run_app: start the desktop app (QApplication, services, main window) and return its exit code."""
from __future__ import annotations

import gc
import logging
import os
import sys
from typing import Any, Optional

log = logging.getLogger(__name__)

#: Set to 1 to quit as soon as the main window has been painted (the cold-start benchmark).
ENV_QUIT_WHEN_SHOWN = "TRIAGE_DESKTOP_QUIT_WHEN_SHOWN"


def _setup_logging(paths: Any) -> None:
    root = logging.getLogger()
    if any(getattr(h, "triage_desktop", False) for h in root.handlers):
        return
    try:
        paths.log_dir.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.FileHandler(paths.log_dir / "triage-desktop.log", encoding="utf-8")
    except OSError:
        handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.triage_desktop = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(logging.INFO)


def _install_excepthook(parent_getter) -> None:
    """An unexpected error is logged and shown in plain words, never as a traceback."""

    def hook(exc_type, exc, tb):
        log.error("unexpected error", exc_info=(exc_type, exc, tb))
        if os.environ.get(ENV_QUIT_WHEN_SHOWN) == "1":  # headless start-up check: say it and stop, never a dialog
            print(f"triage-desktop: unexpected error: {exc_type.__name__}: {exc}", file=sys.stderr, flush=True)
            from PySide6.QtWidgets import QApplication

            QApplication.exit(3)
            return
        try:
            from PySide6.QtCore import QCoreApplication

            from .message_boxes import ErrorDialog  # imported when needed (not before the first paint)

            translate = QCoreApplication.translate
            ErrorDialog.ask(parent_getter(), title=translate("App", "Something went wrong"),
                            what=translate("App", "An unexpected error happened: {error}").format(error=exc),
                            safe=translate("App", "Every answer already given is saved."),
                            next_step=translate("App", "Carry on. If it happens again, restart the app (the call "
                                                "will be offered for resumption) and tell IT support; details are in "
                                                "the log file."))
        except Exception:  # pragma: no cover - last resort
            pass

    sys.excepthook = hook


def _application() -> Any:
    from PySide6.QtWidgets import QApplication

    from .theme import apply_theme

    app: Any = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("triage-desktop")
    app.setApplicationDisplayName("triage-desktop")
    apply_theme(app)  # type: ignore[arg-type]
    return app


def _install_language(app: Any, paths: Any, training: bool) -> str:
    """The interface language (Settings → Interface language, else the system's), installed before any widget."""
    from . import i18n

    language = i18n.choose(paths, training)
    if not i18n.install(app, language):
        language = "en"
    log.info("interface language: %s", language)
    return language


def load_force_pack(parent: Any = None, cache_dir: Any = None) -> Any:
    """The force configuration pack (packs.LoadedPack), or None after a dialog naming the file and the problem:
    the app never starts on an invalid pack and never falls back to defaults in its place. `cache_dir`: where a
    check of the pack that passed is remembered (packcache.py)."""
    from PySide6.QtCore import QCoreApplication

    from triage_desktop.packs import PackInvalid, load_pack_from_environment

    translate = QCoreApplication.translate
    try:
        return load_pack_from_environment(cache_dir=cache_dir)
    except PackInvalid as exc:
        from .message_boxes import ErrorDialog

        log.error("force configuration pack refused: %s", exc)
        from .message_shapes import pack_problem_line

        shown = "\n".join(f"• {p}" for p in exc.problems[:8])  # English, for the log and the command line
        said = "\n".join(f"• {pack_problem_line(p)}" for p in exc.problems[:8])  # the dialog's, translated
        more = f"\n… and {len(exc.problems) - 8} more" if len(exc.problems) > 8 else ""
        shown_more = ("\n" + translate("App", "… and {n} more").format(n=len(exc.problems) - 8)
                      if len(exc.problems) > 8 else "")
        if os.environ.get(ENV_QUIT_WHEN_SHOWN) == "1":  # headless start-up check: say it, never block on a dialog
            print(f"triage-desktop: the force configuration pack cannot be used:\n{shown}{more}", file=sys.stderr)
            return None
        ErrorDialog.ask(parent, title=translate("App", "The force configuration pack cannot be used"),
                        what=translate("App", "The app will not start on the force configuration pack {file}:").format(
                            file=exc.file) + f"\n{said}{shown_more}",
                        safe=translate("App", "Nothing was opened or changed: every call already stored is as it was."),
                        next_step=translate("App", "Ask IT support to correct the pack (they can run 'triage-desktop "
                                            "config check FILE' to see every problem), then start the app again."))
        return None


def open_services(paths: Any, training: bool, parent: Any = None) -> Any:
    """AppServices over the data dir, or None after a clear dialog (bad force pack, locked, corrupt, disk full...)."""
    pack = load_force_pack(parent, getattr(paths, "cache_dir", None))
    if pack is None:
        return None
    try:
        from triage_desktop.services import AppServices  # sqlite-utils and the flows: after the window is up

        try:
            return AppServices.open(paths, training=training, pack=pack)
        except Exception as exc:
            if type(exc).__name__ != "DatabaseMissing":
                raise
            return _missing_database(AppServices, paths, training, exc, parent, pack=pack)
    except Exception as exc:
        from .errors import describe_open_error
        from .message_boxes import ErrorDialog

        log.exception("opening the data folder")
        t = describe_open_error(exc, str(paths.data_dir))
        ErrorDialog.ask(parent, title=t.title, what=t.what, safe=t.safe, next_step=t.next_step)
        return None


def _missing_database(services: Any, paths: Any, training: bool, exc: Any, parent: Any, *, pack: Any = None) -> Any:
    """Missing/empty database with backups: ask; restore the newest backup or start empty (audited), or None."""
    from .missing_db_dialog import RESTORE, START_EMPTY, MissingDatabaseDialog

    newest = exc.backup_candidates[0]
    choice = MissingDatabaseDialog.ask(parent, error=exc,
                                       about_newest=services.describe_backup(paths, newest, training=training))
    if choice == RESTORE:
        services.restore_backup(paths, newest, training=training)
        return services.open(paths, training=training, pack=pack)
    if choice == START_EMPTY:
        return services.open(paths, training=training, start_empty=True, pack=pack)
    return None


def open_app(args: Any) -> Optional[tuple[Any, Any, Any]]:
    """QApplication, services and the shown main window, in one go; None if the data can't be opened."""
    from triage_desktop.paths import AppPaths

    from .main_window import MainWindow

    app = _application()
    training = bool(getattr(args, "training", False))
    paths = AppPaths.default(getattr(args, "data_dir", None))
    _setup_logging(paths)
    _install_language(app, paths, training)
    svc = open_services(paths, training)
    if svc is None:
        return None
    window = MainWindow(svc, paths=paths, training=training)
    window.show_fitted()  # maximised on screens up to 1920×1080, or as left on this screen
    return app, svc, window


def run_app(args: Any) -> int:
    """Open the main window on the embedded defaults (bundled flows, platformdirs data dir); the exit code.

    The window is shown first ("Opening the call database and flows…"), then the services open on the same
    thread (they own the SQLite connection) and the window becomes ready: who is taking calls, then any
    interrupted call offered for resumption.
    """
    from PySide6.QtCore import QTimer

    from triage_desktop.paths import AppPaths

    from .main_window import MainWindow

    app = _application()
    training = bool(getattr(args, "training", False))
    paths = AppPaths.default(getattr(args, "data_dir", None))
    _setup_logging(paths)
    _install_language(app, paths, training)
    window = MainWindow(None, paths=paths, training=training)
    window.show_fitted()  # maximised on screens up to 1920×1080, or as left on this screen
    quit_when_shown = os.environ.get(ENV_QUIT_WHEN_SHOWN) == "1"
    state: dict[str, Any] = {"svc": None}

    def finish_start() -> None:
        try:
            start_services()
        finally:
            gc.enable()  # off while starting (cli.main): the start-up heap is collected and frozen once ready

    def start_services() -> None:
        app.processEvents()
        window.repaint()  # painted before the (blocking, ~1 s) open
        if quit_when_shown:
            print("triage-desktop: main window shown", flush=True)
        window.fill_menus()  # after the first paint, before any input is handled (no event is processed here)
        svc = open_services(paths, training, window)
        if svc is None:
            app.exit(1)
            return
        state["svc"] = svc
        window.set_services(svc)
        if quit_when_shown:
            print("triage-desktop: ready to take a call", flush=True)
            app.quit()
        else:
            gc.enable()  # before the sign-in dialog (a modal that may stay open a while)
            window.startup()

    QTimer.singleShot(0, finish_start)
    previous_hook = sys.excepthook
    _install_excepthook(lambda: window)
    try:
        return int(app.exec())
    finally:
        gc.enable()
        sys.excepthook = previous_hook
        if state["svc"] is not None:
            window.save_geometry()
            try:
                state["svc"].close()
            except Exception:
                log.exception("closing the store")
