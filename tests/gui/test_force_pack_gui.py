"""pytest-qt: the outcome screen with the force's partner directory, the rollout outcome, locked settings, roles."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from triage_desktop.core.partners import london
from triage_desktop.gui.settings_dialog import SettingsDialog
from triage_desktop.packs import load_pack
from triage_desktop.services import AppServices

from gui_drive import SCREENSHOTS, settle, show_window
from screenshots import writing_docs

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "resources" / "force-packs" / "example.toml"
TO_CRISIS = ["self", "no", "no", "no", "none", "no", "crisis", "no", "no", "none", "no", "none", None, "yes"]


@pytest.fixture
def pack_svc(app_paths, request):
    text = EXAMPLE.read_text(encoding="utf-8")
    for old, new in getattr(request, "param", ()):
        text = text.replace(old, new)
    f = app_paths.config_dir.parent / "pack.toml"
    f.parent.mkdir(parents=True, exist_ok=True)
    f.write_text(text, encoding="utf-8")
    svc = AppServices.open(app_paths, pack=load_pack(f))
    svc.settings.set("handler_id", "1234")
    yield svc
    svc.close()


def at_time(svc: AppServices, *args: int) -> None:
    t = dt.datetime(*args, tzinfo=london())
    svc.force.now = lambda: t


def walk(qtbot: Any, window: Any, answers: list[Any]) -> None:
    window.on_new_call_action_triggered()
    settle(qtbot, window)
    for a in answers:
        window.on_question_page_answer_chosen(a)
        settle(qtbot, window)
    qtbot.waitUntil(lambda: window.call_screen.outcome_page.isVisible(), timeout=3000)


def test_outcome_screen_offers_open_services_and_shows_closed_ones(qtbot, pack_svc, app_paths):
    at_time(pack_svc, 2026, 11, 24, 23, 30)  # a Tuesday night: street triage on, the practitioner desk shut
    window = show_window(qtbot, pack_svc, app_paths)
    walk(qtbot, window, TO_CRISIS + ["yes"])
    page = window.call_screen.outcome_page
    panel = page.partner_panel
    assert window.controller.view.outcome.code == "MH_PRACTITIONER"
    assert panel.isVisible() and not page.partners_label.isVisible()
    text = panel.open_label.text()
    assert "Anyshire Street Triage" in text and "07700 900201" in text and "open until tomorrow 02:00" in text
    assert "NHS 111, option 2" in text and "Control-room mental-health practitioner" not in text
    assert "Control-room mental-health practitioner (Mind) — closed: opens tomorrow 08:00" in panel.closed_label.text()
    assert not panel.fallback_label.isVisible()
    QGuiApplication.clipboard().clear()
    window.on_copy_action_triggered()
    qtbot.waitUntil(lambda: bool(QGuiApplication.clipboard().text()))
    clip = QGuiApplication.clipboard().text()
    assert "Partners offered:" in clip and "Anyshire Street Triage (nurse and officer car): 07700 900201" in clip
    # the practitioner desk is shut: the sentence to read names the open alternative (force pack hours)
    assert "not available at this time" in page.headline_label.text()
    assert "NHS 111, option 2" in page.headline_label.text()
    page.informed_check.setChecked(True)
    page.finish_button.click()
    qtbot.waitUntil(lambda: not window.controller.active, timeout=3000)
    row = pack_svc.store.conn.execute("SELECT partners_json, rollout_phase FROM calls").fetchone()
    assert row == ('["nhs_111_mh","street_triage"]', 1)


_TEXT = EXAMPLE.read_text(encoding="utf-8")
_HEAD = _TEXT[:_TEXT.index("[[partners]]")]
#: a directory with one office-hours crisis team only: at night nothing local is open
FALLBACK_PACK = [(_TEXT[len(_HEAD):], '''[[partners]]
code = "crisis_team"
name = "Anyshire Crisis Team (office hours)"
outcomes = ["CRISIS_TEAM", "MH_CRISIS_LINE"]
phones = ["01632 960101"]
[partners.hours]
mon = ["09:00-17:00"]
tue = ["09:00-17:00"]
wed = ["09:00-17:00"]
thu = ["09:00-17:00"]
fri = ["09:00-17:00"]
''')]


@pytest.mark.parametrize("pack_svc", [FALLBACK_PACK], indirect=True)
def test_crisis_outcome_with_nothing_open_falls_back_to_111_option_2(qtbot, pack_svc, app_paths):
    at_time(pack_svc, 2026, 12, 25, 3, 0)  # Christmas night
    window = show_window(qtbot, pack_svc, app_paths)
    walk(qtbot, window, TO_CRISIS + ["no"])
    panel = window.call_screen.outcome_page.partner_panel
    assert window.controller.view.outcome.code == "MH_CRISIS_LINE"
    assert panel.fallback_label.isVisible() and "offer NHS 111 option 2" in panel.fallback_label.text()
    assert "111 (then option 2)" in panel.open_label.text()
    assert "Anyshire Crisis Team (office hours) — closed (bank holiday: Christmas Day): opens Tue 29 Dec 09:00" in \
        panel.closed_label.text()


def test_pathway_not_enabled_shows_force_procedure(qtbot, pack_svc, app_paths):
    window = show_window(qtbot, pack_svc, app_paths)
    walk(qtbot, window, ["hcp_ae_ward", "no", "no", "no", "none", "no", "conveyance"])
    page = window.call_screen.outcome_page
    assert page.attend_label.text() == "● FOLLOW FORCE PROCEDURE · not yet under RCRP"
    assert "not yet under Right Care, Right Person" in page.headline_label.text()
    assert "phased rollout" in page.response_label.text()


def test_settings_show_values_set_by_the_force_locked(qtbot, pack_svc, app_paths, dialog_log):
    window = show_window(qtbot, pack_svc, app_paths)
    dialog_log.answers["SettingsDialog"] = None
    window.on_settings_action_triggered()
    kw = dialog_log.kwargs("SettingsDialog")
    assert kw["authority"]["retention_days"] == "force" and kw["authority"]["force_name"] == "force"
    assert kw["authority"]["handler_id"] == "user" and kw["supervisor"] is False and kw["pack_roles"]
    d = SettingsDialog(window, **kw)
    qtbot.addWidget(d)
    assert not d.retention_spin.isEnabled() and not d.force_edit.isEnabled()
    assert d.locks["retention_days"].text() == "Set by the force (locked)"
    assert d.retention_spin.accessibleName() == "Keep personal details for (Set by the force (locked))"
    assert d.role_combo.findData("supervisor") == -1  # a role is never a setting while a pack is installed
    assert "Not yet under RCRP (force procedure): Medical transport / conveyance (phase 3)" in d.force_label.text()
    d.retention_spin.setValue(99)  # even if it could be changed, it is not in the changes
    assert "retention_days" not in d.changes()


@pytest.mark.parametrize("pack_svc", [[("days = 30                            # personal", "# days = 30")]],
                         indirect=True)
def test_open_force_value_needs_a_supervisor_passphrase(qtbot, pack_svc, app_paths, dialog_log):
    window = show_window(qtbot, pack_svc, app_paths)
    dialog_log.answers["SettingsDialog"] = None
    window.on_settings_action_triggered()
    assert dialog_log.kwargs("SettingsDialog")["authority"]["retention_days"] == "supervisor"
    assert dialog_log.kwargs("SettingsDialog")["supervisor"] is False
    # the handler is not a supervisor: sign-in refused with a dialog, not a traceback
    window.on_role_action_triggered()
    assert dialog_log.names()[-1] == "ErrorDialog"
    pack_svc.settings.set("handler_id", "S1001")
    dialog_log.answers["PassphraseDialog"] = "supervisor passphrase"
    assert window.on_role_action_triggered()
    assert dialog_log.kwargs("PassphraseDialog") == {"staff_id": "S1001", "role": "supervisor", "first_use": True}
    assert window.handler == ("S1001", "supervisor")
    dialog_log.answers["SettingsDialog"] = {"retention_days": "45"}
    window.on_settings_action_triggered()
    assert dialog_log.kwargs("SettingsDialog")["supervisor"] is True
    assert pack_svc.settings.get("retention_days") == "45"
    n = pack_svc.store.conn.execute("SELECT count(*) FROM call_events WHERE kind = 'force_setting_changed'").fetchone()
    assert n[0] == 1


def test_render_outcome_and_settings_1366_and_200_percent(qtbot, pack_svc, app_paths, dialog_log):
    """Screenshots for docs/screenshots (1366x768); the 200 % text ones come from tools/render (QT_FONT_DPI=192)."""
    import os

    at_time(pack_svc, 2026, 11, 24, 23, 30)
    window = show_window(qtbot, pack_svc, app_paths)
    window.resize(1366, 768)
    walk(qtbot, window, TO_CRISIS + ["yes"])
    suffix = "-200" if os.environ.get("QT_FONT_DPI") == "192" else ""
    out = Path(os.environ.get("TRIAGE_SCREENSHOTS", SCREENSHOTS))
    from PySide6.QtWidgets import QApplication

    for _ in range(3):  # let the resized window lay out before the grab
        QApplication.processEvents()
    if os.environ.get("TRIAGE_SCREENSHOTS") or writing_docs():
        window.grab().save(str(out / f"outcome-directory{suffix}.png"))
    page = window.call_screen.outcome_page
    assert page.finish_button.isVisible() and page.informed_check.isVisible()
    dialog_log.answers["SettingsDialog"] = None
    window.on_settings_action_triggered()
    d = SettingsDialog(window, **dialog_log.kwargs("SettingsDialog"))
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    if os.environ.get("TRIAGE_SCREENSHOTS") or writing_docs():
        d.grab().save(str(out / f"settings-locked{suffix}.png"))
    assert d.button_box.isVisible()


def test_app_refuses_an_invalid_pack_with_a_dialog_naming_file_and_problem(qtbot, tmp_path, monkeypatch,
                                                                          dialog_log, app_paths):
    from types import SimpleNamespace

    from triage_desktop.gui import app as gui_app

    # a database with a call in it already: refusing the pack must leave it exactly as it was
    with AppServices.open(app_paths) as svc:
        svc.start_call(handler_id="1", role="call_handler")
    before = app_paths.db_path.read_bytes()
    bad = tmp_path / "bad pack.toml"
    bad.write_text(EXAMPLE.read_text(encoding="utf-8").replace('phones = ["07700 900201"]',
                                                                'phones = ["07700 9002"]'), encoding="utf-8")
    monkeypatch.setenv("TRIAGE_DESKTOP_FORCE_PACK", str(bad))
    assert gui_app.open_app(SimpleNamespace(data_dir=str(app_paths.data_dir), training=False)) is None
    kw = dialog_log.kwargs("ErrorDialog")
    assert kw["title"] == "The force configuration pack cannot be used"
    assert str(bad) in kw["what"] and "partners[2].phones[0]: malformed phone number" in kw["what"]
    assert "Traceback" not in kw["what"] and "config check" in kw["next_step"]
    assert app_paths.db_path.read_bytes() == before
    # and no pack at all in a frozen (installed) app: refused too, never the example's fictional numbers
    monkeypatch.delenv("TRIAGE_DESKTOP_FORCE_PACK")
    monkeypatch.setattr("sys.frozen", True, raising=False)
    monkeypatch.setattr("triage_desktop.packs.site_pack_path", lambda: tmp_path / "nowhere" / "force-pack.toml")
    assert gui_app.open_app(SimpleNamespace(data_dir=str(app_paths.data_dir), training=False)) is None
    assert "no force configuration pack is installed" in dialog_log.kwargs("ErrorDialog")["what"]


def test_passphrase_dialog_by_keyboard(qtbot):
    from triage_desktop.gui.role_dialog import PassphraseDialog

    d = PassphraseDialog(None, staff_id="S1001", role="supervisor", first_use=True)
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    d.pass_edit.setFocus()
    qtbot.keyClicks(d.pass_edit, "long enough one")
    qtbot.keyClick(d.pass_edit, Qt.Key.Key_Tab)
    qtbot.keyClicks(d.repeat_edit, "long enough two")
    qtbot.keyClick(d.repeat_edit, Qt.Key.Key_Return)
    assert d.isVisible() and "not the same" in d.error_label.text()  # refused, says why
    d.repeat_edit.clear()
    qtbot.keyClicks(d.repeat_edit, "long enough one")
    with qtbot.waitSignal(d.accepted, timeout=2000):
        qtbot.keyClick(d.repeat_edit, Qt.Key.Key_Return)
    e = PassphraseDialog(None, staff_id="S1001", role="supervisor", first_use=False)
    qtbot.addWidget(e)
    e.show()
    qtbot.waitExposed(e)
    with qtbot.waitSignal(e.rejected, timeout=2000):
        qtbot.keyClick(e.pass_edit, Qt.Key.Key_Escape)


@pytest.mark.parametrize("pack_svc", [[(EXAMPLE.read_text(encoding="utf-8")[
    EXAMPLE.read_text(encoding="utf-8").index("[[partners]]"):], "")]], indirect=True)
def test_supervisor_imports_the_partner_directory_from_csv(qtbot, pack_svc, app_paths, dialog_log, tmp_path):
    from triage_desktop.core.partner_csv import COLUMNS, EXAMPLE_ROW

    window = show_window(qtbot, pack_svc, app_paths)
    csv_file = tmp_path / "directory.csv"
    csv_file.write_text(",".join(COLUMNS) + "\n" + EXAMPLE_ROW + "\n", encoding="utf-8")
    dialog_log.answers["FileChooser"] = str(csv_file)
    assert not window.on_partners_import_action_triggered()  # a handler may not
    assert dialog_log.names()[-1] == "ErrorDialog" and "supervisor" in dialog_log.kwargs("ErrorDialog")["what"]
    pack_svc.settings.set("handler_id", "S1001")
    dialog_log.answers["PassphraseDialog"] = "supervisor passphrase"
    assert window.on_role_action_triggered()
    assert window.on_partners_import_action_triggered()
    assert [e.code for e in pack_svc.force.directory.entries] == ["street_triage"]
    bad = tmp_path / "bad.csv"
    bad.write_text(",".join(COLUMNS) + "\n" + EXAMPLE_ROW.replace("07700 900201", "07700 9002") + "\n", encoding="utf-8")
    dialog_log.answers["FileChooser"] = str(bad)
    assert not window.on_partners_import_action_triggered()
    assert f"{bad}:2: phones[0]: malformed phone number" in dialog_log.kwargs("ErrorDialog")["what"]
    assert [e.code for e in pack_svc.force.directory.entries] == ["street_triage"]  # unchanged
