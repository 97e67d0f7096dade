"""A missing or empty call database while backups exist: the app says what it found and offers the newest backup or
an explicit, audited "start empty" — never a silent empty database (the fault: it used to start empty)."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from gui_drive import FLOWS_OK
from triage_desktop.gui import app as gui_app
from triage_desktop.gui.missing_db_dialog import MissingDatabaseDialog
from triage_desktop.services import AppServices


@pytest.fixture
def lost_database(app_paths, monkeypatch):
    """A data dir whose database was deleted (or emptied) after two calls and a backup."""
    monkeypatch.setenv("TRIAGE_DESKTOP_FLOWS_DIR", str(FLOWS_OK))
    svc = AppServices.open(app_paths, flows_dir=FLOWS_OK)
    uuids = []
    for _ in range(2):
        s = svc.start_call(handler_id="1234", role="call_handler", entry_flow="mini_entry")
        s.abandon("test call")
        uuids.append(s.uuid)
    svc.close()
    db = app_paths.database()
    for side in ("-wal", "-shm"):
        Path(str(db) + side).unlink(missing_ok=True)
    db.write_bytes(b"")
    return uuids


def test_missing_database_restore_newest_backup_from_the_dialog(qtbot, app_paths, dialog_log, lost_database):
    dialog_log.answers["MissingDatabaseDialog"] = "restore"
    svc = gui_app.open_services(app_paths, False, None)
    try:
        assert dialog_log.names() == ["MissingDatabaseDialog"]
        assert "holds 2 calls" in dialog_log.kwargs("MissingDatabaseDialog")["about_newest"]
        assert {c["uuid"] for c in svc.history.page(0, 10)} == set(lost_database)
    finally:
        svc.close()


def test_missing_database_start_empty_is_explicit_and_audited(qtbot, app_paths, dialog_log, lost_database):
    dialog_log.answers["MissingDatabaseDialog"] = "empty"
    svc = gui_app.open_services(app_paths, False, None)
    try:
        assert svc.history.count({}) == 0
        kinds = [r[0] for r in svc.store.conn.execute("SELECT kind FROM call_events WHERE call_uuid IS NULL")]
        # the choice is the first thing recorded in the new database (then e.g. the force pack being applied)
        assert kinds[0] == "started_empty" and kinds.count("started_empty") == 1 and svc.verify().ok
    finally:
        svc.close()


def test_missing_database_quit_changes_nothing(qtbot, app_paths, dialog_log, lost_database):
    dialog_log.answers["MissingDatabaseDialog"] = None
    assert gui_app.open_services(app_paths, False, None) is None
    assert app_paths.database().stat().st_size == 0


def test_missing_database_dialog_renders_and_works_by_keyboard(qtbot, tmp_path):
    from PySide6.QtCore import Qt

    dlg = MissingDatabaseDialog(None, found="empty (0 bytes)", where="/home/user/.local/share/triage-desktop",
                                newest="triage-20261201T081500123456Z-close.sqlite3",
                                about_newest="made 2 hours ago (2026-12-01 08:15 UTC), holds 214 calls", backups=7)
    qtbot.addWidget(dlg)
    dlg.resize(1366 // 2, dlg.sizeHint().height())
    dlg.show()
    qtbot.waitExposed(dlg)
    assert dlg.restore_button.isDefault() and not dlg.empty_button.isEnabled()
    dlg.confirm.setFocus()
    qtbot.keyClick(dlg.confirm, Qt.Key.Key_Space)
    assert dlg.empty_button.isEnabled()
    scale = "-200" if os.environ.get("QT_FONT_DPI") == "192" else ""  # render at 200 % with QT_FONT_DPI=192
    out = Path(os.environ.get("SHOT_DIR", tmp_path)) / f"missing-database{scale}.png"
    assert dlg.grab().save(str(out)) and out.stat().st_size > 1000
    qtbot.keyClick(dlg.restore_button, Qt.Key.Key_Return)
    assert dlg.choice == "restore"
