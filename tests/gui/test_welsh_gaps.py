"""Issue 15's remaining gaps on the real widgets: in a Welsh call or a Welsh interface the flow's title in the call
header, a number's unit, the force pack's partner names and the fallback advice are Welsh; the force-pack problems,
the sync errors and the Reports window's period are said in Welsh although the services word them in English.
The record, the incident log and the exported report keep the English."""
from __future__ import annotations

import datetime as dt
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "sync"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from figures_data import fill  # noqa: E402
from gui_drive import CTRL, press, services_on, settle, show_window, type_text, wait_at  # noqa: E402
from screenshots import screenshot_path  # noqa: E402
from sync_support import free_port  # noqa: E402
from test_welsh_gui import F7, FLOWS_CY  # noqa: E402
from triage_desktop.core.partners import london  # noqa: E402
from triage_desktop.packs import load_pack  # noqa: E402
from triage_desktop.services import AppServices  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "resources" / "force-packs" / "example.toml"
TO_CRISIS = ["self", "no", "no", "no", "none", "no", "crisis", "no", "no", "none", "no", "none", None, "yes"]
STREET = '"Anyshire Street Triage (nurse and officer car)"'
STREET_CY = "Brysbennu Stryd Swydd Any (car nyrs a swyddog)"
DESK = '"Control-room mental-health practitioner (Mind)"'
DESK_CY = "Ymarferydd iechyd meddwl yr ystafell reoli (Mind)"
#: the example pack with two services named in both languages (the inline-table form a Welsh force writes)
WELSH_NAMES = [(f"name = {STREET}", f'name = {{ en = {STREET}, cy = "{STREET_CY}" }}'),
               (f"name = {DESK}", f'name = {{ en = {DESK}, cy = "{DESK_CY}" }}')]


@pytest.fixture(scope="module")
def qm_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The catalogue compiled now from the .ts in git (as tests/gui/test_i18n.py does)."""
    import subprocess

    d = tmp_path_factory.mktemp("qm")
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    subprocess.run([str(lrelease), "-silent", str(ROOT / "resources" / "translations" / "triage_desktop_cy.ts"),
                    "-qm", str(d / "triage_desktop_cy.qm")], check=True, capture_output=True, timeout=120)
    return d


@pytest.fixture
def welsh(qapp: Any, qm_dir: Path) -> Any:
    """The interface in Welsh for one test."""
    from triage_desktop.gui import i18n

    assert i18n.install(qapp, "cy", qm_dir)
    yield
    i18n.install(qapp, "en")


@pytest.fixture
def cy_window(qtbot: Any, app_paths: Any) -> Any:
    """The main window on the small bilingual test flows (tests/core/flows_cy)."""
    svc = services_on(app_paths, FLOWS_CY)
    yield show_window(qtbot, svc, app_paths)
    svc.close()


def pack_services(app_paths: Any, edits: list[tuple[str, str]]) -> AppServices:
    text = EXAMPLE.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text
        text = text.replace(old, new)
    f = app_paths.config_dir.parent / "pack.toml"
    f.parent.mkdir(parents=True, exist_ok=True)
    f.write_text(text, encoding="utf-8")
    svc = AppServices.open(app_paths, pack=load_pack(f))
    svc.settings.set("handler_id", "1234")
    svc.settings.set("handler_role", "call_handler")
    t = dt.datetime(2026, 11, 24, 23, 30, tzinfo=london())  # a Tuesday night: street triage on, the desk shut
    svc.force.now = lambda: t
    return svc


def walk_to_outcome(qtbot: Any, w: Any, answers: list[Any]) -> None:
    for a in answers:
        w.on_question_page_answer_chosen(a)
        settle(qtbot, w)
    qtbot.waitUntil(lambda: w.call_screen.outcome_page.isVisible(), timeout=5000)


def test_a_welsh_call_shows_the_flow_title_and_the_unit_in_welsh(qtbot, cy_window):
    w = cy_window
    where = w.call_screen.header.where_label
    press(qtbot, w, Qt.Key.Key_N, CTRL)
    wait_at(qtbot, w, "who_calling")
    assert where.text().startswith("Bilingual entry · step 1")
    press(qtbot, w, Qt.Key.Key_3)
    wait_at(qtbot, w, "risk_now")
    F7(qtbot, w)  # the call in Welsh: the header's flow title at once
    qtbot.waitUntil(lambda: where.text().startswith("Mynediad dwyieithog · step 2"))
    press(qtbot, w, Qt.Key.Key_N)
    wait_at(qtbot, w, "minutes")
    qp = w.call_screen.question_page
    assert qp.say_label.text() == "Sawl munud yn ôl welwyd nhw ddiwethaf?"
    assert qp.unit_label.isVisible() and qp.unit_label.text() == "munud"
    assert qp.answer_edit.accessibleName() == "Answer in munud"
    assert where.text().startswith("Mynediad dwyieithog · step 3")
    assert "Call in progress: Mynediad dwyieithog" in w.windowTitle()
    F7(qtbot, w)  # back to English: title and unit with it
    qtbot.waitUntil(lambda: qp.unit_label.text() == "minutes")
    assert where.text().startswith("Bilingual entry · step 3")
    type_text(qtbot, w, "45")
    press(qtbot, w, Qt.Key.Key_Return)
    wait_at(qtbot, w, "crime_now")
    row = w.svc.store.conn.execute("SELECT f.title FROM calls c JOIN flow_versions f ON f.hash = c.flow_hash "
                                   "WHERE c.uuid = ?", (w.controller.uuid,)).fetchone()
    assert row[0] == "Bilingual entry"  # the record keeps the English title


def test_a_welsh_interface_shows_the_welsh_title_and_unit_of_an_english_call(qtbot, welsh, cy_window):
    w = cy_window
    where = w.call_screen.header.where_label
    press(qtbot, w, Qt.Key.Key_N, CTRL)
    wait_at(qtbot, w, "who_calling")
    assert where.text().startswith("Mynediad dwyieithog · cam 1")
    press(qtbot, w, Qt.Key.Key_3)
    wait_at(qtbot, w, "risk_now")
    press(qtbot, w, Qt.Key.Key_N)
    wait_at(qtbot, w, "minutes")
    qp = w.call_screen.question_page
    assert w.controller.view.language == "en"  # the words to say stay in the call's language
    assert qp.say_label.text() == "How many minutes ago were they last seen?"
    assert qp.unit_label.text() == "munud" and qp.answer_edit.accessibleName() == "Ateb mewn munud"
    assert where.text().startswith("Mynediad dwyieithog · cam 3")
    assert "Galwad ar y gweill: Mynediad dwyieithog" in w.windowTitle()


def so_far(w: Any) -> list[str]:
    lst = w.call_screen.side_panel.path_list
    return [lst.item(i).text() for i in range(lst.count())]


def test_a_welsh_call_titles_the_steps_so_far_in_welsh(qtbot, cy_window):
    """The side panel's path: each step's title and answer in the call language at once on F7 (those given before
    the switch too), back to English with it; the record and the incident log keep the English."""
    w = cy_window
    press(qtbot, w, Qt.Key.Key_N, CTRL)
    wait_at(qtbot, w, "who_calling")
    press(qtbot, w, Qt.Key.Key_3)
    wait_at(qtbot, w, "risk_now")
    assert so_far(w) == ["✓ Who is calling? — A&E or ward", "▸ Risk to life now? — on screen now"]
    assert w.call_screen.side_panel.caller_label.text().startswith("<b>Caller:</b> Health professional: A&amp;E")
    F7(qtbot, w)  # Welsh: the step answered in English is titled in Welsh too, the row's own words in Welsh
    qtbot.waitUntil(lambda: so_far(w) == ["✓ Pwy sy'n ffonio? — Adran achosion brys neu ward",
                                          "▸ Risg i fywyd nawr? — ar y sgrin nawr"])
    caller = w.call_screen.side_panel.caller_label.text()  # who is calling: the call language's, as the rows
    assert "Gweithiwr iechyd proffesiynol" in caller and "Health professional" not in caller, caller
    press(qtbot, w, Qt.Key.Key_N)
    wait_at(qtbot, w, "minutes")
    type_text(qtbot, w, "45")
    press(qtbot, w, Qt.Key.Key_Return)
    wait_at(qtbot, w, "crime_now")
    rows = so_far(w)
    assert rows[1:] == ["✓ Risg i fywyd nawr? — Na", "✓ Munudau ers eu gweld ddiwethaf — 45 munud",
                        "▸ Trosedd? — ar y sgrin nawr"], rows
    lst = w.call_screen.side_panel.path_list  # change an answer: Enter on its row in the panel jumps back there
    lst.setFocus()
    lst.setCurrentRow(1)
    qtbot.keyClick(lst, Qt.Key.Key_Return)
    wait_at(qtbot, w, "risk_now")
    press(qtbot, w, Qt.Key.Key_Y)  # changed: risk now -> the outcome; the old answer struck through, in Welsh
    qtbot.waitUntil(lambda: "✗ Risg i fywyd nawr? — Na (wedi newid)" in so_far(w))
    assert any(r.startswith("✓ Risg i fywyd nawr? — Ie  (") for r in so_far(w)), so_far(w)
    assert not any("Risk to life" in r or "Minutes since" in r for r in so_far(w)), so_far(w)
    assert "✗ Munudau ers eu gweld ddiwethaf — 45 munud (ddim ar y llwybr bellach)" in so_far(w)
    assert not any("changed" in r or "on screen" in r or "no longer" in r for r in so_far(w)), so_far(w)
    log = w.svc.incident_log_text(w.controller.uuid)  # the command-and-control record keeps the English
    assert "Risk to life now?: Yes" in log and "Who is calling?: A&E or ward" in log
    assert "Risg" not in log and "Pwy sy'n" not in log and "munud" not in log.split()
    F7(qtbot, w)  # back to English: the titles with it
    qtbot.waitUntil(lambda: "✗ Risk to life now? — No (changed)" in so_far(w))
    assert "✗ Minutes since last seen — 45 minutes (no longer on the path)" in so_far(w)
    assert not any("Risg" in r or "munud" in r for r in so_far(w))


def test_a_welsh_interface_titles_the_steps_of_an_english_call_in_welsh(qtbot, welsh, cy_window):
    w = cy_window
    press(qtbot, w, Qt.Key.Key_N, CTRL)
    wait_at(qtbot, w, "who_calling")
    press(qtbot, w, Qt.Key.Key_3)
    wait_at(qtbot, w, "risk_now")
    assert w.controller.view.language == "en"
    rows = so_far(w)
    assert rows == ["✓ Pwy sy'n ffonio? — Adran achosion brys neu ward", "▸ Risg i fywyd nawr? — ar y sgrin nawr"], rows


def test_a_welsh_call_names_the_directory_services_in_welsh_with_the_english(qtbot, app_paths):
    svc = pack_services(app_paths, WELSH_NAMES)
    try:
        w = show_window(qtbot, svc, app_paths)
        w.on_new_call_action_triggered()
        settle(qtbot, w)
        F7(qtbot, w)
        qtbot.waitUntil(lambda: w.controller.view.language == "cy")
        walk_to_outcome(qtbot, w, TO_CRISIS + ["yes"])
        panel = w.call_screen.outcome_page.partner_panel
        assert w.controller.view.outcome.code == "MH_PRACTITIONER"
        opened, closed = panel.open_label.text(), panel.closed_label.text()
        assert f"<b>{STREET_CY} (Anyshire Street Triage (nurse and officer car))</b> — 07700 900201" in opened
        # the pack gives 111 no Welsh name, but its phone label in both languages (label = { en, cy }): the Welsh
        assert "<b>NHS 111, option 2 (mental-health crisis line)</b> — 111 (a phwyso 2) · " in opened, opened
        assert "then option 2" not in opened
        assert f"{DESK_CY} (Control-room mental-health practitioner (Mind)) — closed: opens tomorrow 08:00" in closed
        uuid = w.controller.uuid
        log = svc.incident_log_text(uuid)  # the command-and-control record keeps the English names
        assert "Anyshire Street Triage (nurse and officer car): 07700 900201" in log and STREET_CY not in log
        assert "111 (then option 2)" in log and "phwyso" not in log
        F7(qtbot, w)  # an English call: the English names alone
        qtbot.waitUntil(lambda: STREET_CY not in panel.open_label.text())
        assert "<b>Anyshire Street Triage (nurse and officer car)</b>" in panel.open_label.text()
        assert "— 111 (then option 2) · " in panel.open_label.text() and "phwyso" not in panel.open_label.text()
    finally:
        svc.close()


FALLBACK = [(EXAMPLE.read_text(encoding="utf-8")[EXAMPLE.read_text(encoding="utf-8").index("[[partners]]"):],
             '''[[partners]]
code = "crisis_team"
name = { en = "Anyshire Crisis Team (office hours)", cy = "Tîm Argyfwng Swydd Any (oriau swyddfa)" }
outcomes = ["CRISIS_TEAM", "MH_CRISIS_LINE"]
phones = ["01632 960101"]
[partners.hours]
mon = ["09:00-17:00"]
tue = ["09:00-17:00"]
wed = ["09:00-17:00"]
thu = ["09:00-17:00"]
fri = ["09:00-17:00"]
''')]


@pytest.mark.parametrize("scale", ["100", "200"])
def test_the_fallback_to_111_in_the_welsh_interface(qtbot, welsh, app_paths, scale):
    """Nothing local open at night: the reason, 111's name and the closed team in Welsh (each with its English);
    rendered at 1366x768 and at 200 % text."""
    from PySide6.QtGui import QFont

    from triage_desktop.gui.theme import refresh_fonts

    app = QApplication.instance()
    old = app.font()
    if scale == "200":
        big = QFont(old)
        big.setPointSizeF(old.pointSizeF() * 2)
        app.setFont(big)
    svc = pack_services(app_paths, FALLBACK)
    try:
        w = show_window(qtbot, svc, app_paths)
        w.resize(1366, 768)
        refresh_fonts(w)
        w.on_new_call_action_triggered()
        settle(qtbot, w)
        walk_to_outcome(qtbot, w, TO_CRISIS + ["no"])
        page = w.call_screen.outcome_page
        panel = page.partner_panel
        assert w.controller.view.outcome.code == "MH_CRISIS_LINE"
        assert panel.fallback_label.isVisible()
        assert panel.fallback_label.text() == ("⚠ Does dim gwasanaeth lleol ar gyfer y canlyniad hwn ar agor nawr: "
                                               "cynigiwch GIG 111 pwyso 2, y llinell argyfwng iechyd meddwl 24 awr.")
        assert "(NHS 111, option 2 (mental-health crisis line))</b> — 111 (a phwyso 2) · " in panel.open_label.text()
        assert "then option 2" not in panel.open_label.text()  # the built-in 111 entry's phone label in Welsh
        assert "Ar agor 24 awr, bob dydd, ledled Lloegr." in panel.open_label.text()
        assert "Tîm Argyfwng Swydd Any (oriau swyddfa) (Anyshire Crisis Team (office hours)) — ar gau" in \
            panel.closed_label.text()
        assert w.call_screen.header.where_label.text().startswith("Galwr mewn argyfwng / risg hunanladdiad")
        assert panel.origin_label.text() == "Cyfeiriadur: pecyn yr heddlu"
        rows = so_far(w)  # the side panel of this English call in the Welsh interface: the steps in Welsh
        assert "✓ Aros gyda'r galwr — Wedi'i wneud" in rows and rows[-1].startswith("➜ Canlyniad: "), rows
        assert not any("Done" in r or "Outcome" in r for r in rows), rows
        assert w.call_screen.side_panel.notes_edit.placeholderText().startswith("Alt+N i deipio nodyn.")
        page.scroll_area.ensureWidgetVisible(panel)
        QApplication.processEvents()
        assert w.width() == 1366 and not page.scroll_area.horizontalScrollBar().isVisible()
        suffix = "" if scale == "100" else "-200"
        assert w.grab().save(str(screenshot_path(f"welsh-interface-partner-fallback{suffix}.png")))
    finally:
        svc.close()
        app.setFont(old)


def test_a_refused_force_pack_is_explained_in_welsh(qtbot, welsh, tmp_path, monkeypatch, dialog_log):
    from triage_desktop.gui import app as gui_app
    from triage_desktop.gui.message_shapes import pack_problem
    from triage_desktop.packs import PackInvalid
    from triage_desktop.packs import load_pack as load

    text = EXAMPLE.read_text(encoding="utf-8")
    for old, new in (('phones = ["07700 900201"]', 'phones = ["07700 9002"]'),
                     ('code = "crisis_team"', 'code = "crisis_squad"'),
                     ("[[partners]]", '[[partners]]\ncolour = "blue"'),
                     ('name = "Anyshire Crisis Resolution and Home Treatment Team"', 'name = { cy = "Tîm" }'),
                     ("days = 30 ", "days = 99999 "), ('code = "ANY"', 'code = "any"'),
                     ('label = { en = "then option 2", cy = "a phwyso 2" }', 'label = { cy = 5 }')):
        assert old in text
        text = text.replace(old, new, 1)
    bad = tmp_path / "bad pack.toml"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(PackInvalid) as refused:
        load(bad)
    problems = refused.value.problems
    assert len(problems) >= 5
    untranslated = [p.reason for p in problems if pack_problem(p.reason) == p.reason]
    assert not untranslated, untranslated  # every reason the checker gave is said in Welsh
    monkeypatch.setenv("TRIAGE_DESKTOP_FORCE_PACK", str(bad))
    assert gui_app.load_force_pack(None) is None
    kw = dialog_log.kwargs("ErrorDialog")
    assert kw["title"] == "Does dim modd defnyddio pecyn ffurfweddu'r heddlu"
    what = kw["what"]
    assert "rhif ffôn ar ffurf anghywir: nid yw '07700 9002' yn rhif dilys yn y DU (9 digid)" in what
    assert "cod partner anhysbys 'crisis_squad'" in what and "allwedd anhysbys 'colour'" in what
    assert "mae 99999 y tu allan i'r ystod (1 i 3650)" in what
    assert "rhaid i 'any' fod yn 2 i 8 priflythyren neu ddigid" in what
    assert "malformed" not in what and "unknown" not in what  # no English reason left
    assert str(bad) in what  # the file and keys as they are
    assert "partners[0].phones[0].label" in what  # a phone label { en, cy } without its English, said in Welsh


def test_a_sync_error_is_said_in_welsh(qtbot, welsh, window):
    from triage_desktop.gui.sync_status import SyncSettingsDialog

    dlg = SyncSettingsDialog(window.svc, window)
    qtbot.addWidget(dlg)
    dlg.url.setText(f"http://127.0.0.1:{free_port()}")  # nothing listens there
    dlg.token.setText("x" * 40)
    assert dlg.save() is None
    with qtbot.waitSignal(window.sync.pass_finished, timeout=60_000):
        assert window.sync.sync_now()
    text = window.sync_status.label.text()
    assert text.startswith("Cysoni: ") and "gwall " in text
    assert "does dim modd cyrraedd y casglwr (methodd y cysylltiad)" in text, text
    assert "collector" not in text


def test_the_reports_window_says_its_period_in_welsh(qtbot, welsh, svc):
    from triage_desktop.gui import reports_window as rw

    fill(svc.store.conn)
    window = rw.ReportsWindow(svc, today=lambda: date(2025, 3, 12))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.settled, timeout=20000)
    assert "yr wythnos hon (2025-03-10 i 2025-03-12)" in window.status_label.text()
    with qtbot.waitSignal(window.computed, timeout=20000):
        window.period_combo.setCurrentIndex(rw.PERIODS.index("Last month"))
    qtbot.waitUntil(lambda: window.settled, timeout=20000)
    assert "y mis diwethaf (Chwefror 2025)" in window.status_label.text(), window.status_label.text()
    with qtbot.waitSignal(window.computed, timeout=20000):
        window.period_combo.setCurrentIndex(rw.PERIODS.index("Rollout phase 1"))
    qtbot.waitUntil(lambda: window.settled, timeout=20000)
    assert "Cam 1: pryder am les" in window.status_label.text()
    assert "Period: Phase 1: concern for welfare" in window.title_lines()  # the exported report stays English


@pytest.mark.parametrize("scale", ["100", "200"])
def test_the_welsh_number_question_fits_1366x768(qtbot, app_paths, scale):
    """The header's Welsh title and the unit beside the box, at 1366x768 and at 200 % text: nothing clipped."""
    from test_screens import clipped

    from gui_drive import services_at_scale
    from triage_desktop.gui.theme import refresh_fonts

    with services_at_scale(app_paths, FLOWS_CY, scale) as svc:
        w = show_window(qtbot, svc, app_paths)
        w.resize(1366, 768)
        refresh_fonts(w)
        press(qtbot, w, Qt.Key.Key_N, CTRL)
        wait_at(qtbot, w, "who_calling")
        press(qtbot, w, Qt.Key.Key_3)
        wait_at(qtbot, w, "risk_now")
        F7(qtbot, w)
        qtbot.waitUntil(lambda: w.controller.view.language == "cy")
        press(qtbot, w, Qt.Key.Key_N)
        wait_at(qtbot, w, "minutes")
        qp = w.call_screen.question_page
        QApplication.processEvents()
        assert qp.unit_label.isVisible() and qp.unit_label.text() == "munud"
        assert "Mynediad dwyieithog" in w.call_screen.header.where_label.text()
        assert clipped(qp) == [] and w.width() == 1366
        assert not qp.scroll_area.horizontalScrollBar().isVisible()
        suffix = "" if scale == "100" else "-200"
        assert w.grab().save(str(screenshot_path(f"welsh-number-question{suffix}.png")))


@pytest.mark.parametrize("scale", ["100", "200"])
def test_the_welsh_steps_so_far_fit_1366x768(qtbot, app_paths, scale):
    """The side panel of a Welsh call at 1366x768 and at 200 % text (folded there: F6 opens it): the Welsh titles
    and answers wrap inside the panel, nothing scrolls sideways."""
    from gui_drive import services_at_scale
    from triage_desktop.gui.theme import refresh_fonts

    with services_at_scale(app_paths, FLOWS_CY, scale) as svc:
        w = show_window(qtbot, svc, app_paths)
        w.resize(1366, 768)
        refresh_fonts(w)
        press(qtbot, w, Qt.Key.Key_N, CTRL)
        wait_at(qtbot, w, "who_calling")
        F7(qtbot, w)
        qtbot.waitUntil(lambda: w.controller.view.language == "cy")
        press(qtbot, w, Qt.Key.Key_2)
        wait_at(qtbot, w, "risk_now")
        press(qtbot, w, Qt.Key.Key_N)
        wait_at(qtbot, w, "minutes")
        type_text(qtbot, w, "45")
        press(qtbot, w, Qt.Key.Key_Return)
        wait_at(qtbot, w, "crime_now")
        cs = w.call_screen
        if scale == "200":
            assert cs.folded  # the panel folds away at 200 % text; F6 opens it over the page
            press(qtbot, w, Qt.Key.Key_F6)
        panel = cs.side_panel
        qtbot.waitUntil(lambda: panel.isVisible() and panel.path_list.isVisible())
        QApplication.processEvents()
        assert so_far(w) == ["✓ Pwy sy'n ffonio? — Teulu, ffrind neu aelod o'r cyhoedd", "✓ Risg i fywyd nawr? — Na",
                             "✓ Munudau ers eu gweld ddiwethaf — 45 munud", "▸ Trosedd? — ar y sgrin nawr"]
        caller = panel.caller_label.text()  # who is calling: the call language's, as the rows' answers
        assert "Teulu, ffrind neu aelod o&#x27;r cyhoedd" in caller and "Family, friend" not in caller, caller
        assert not panel.path_list.horizontalScrollBar().isVisible() and w.width() == 1366
        suffix = "" if scale == "100" else "-200"
        out = screenshot_path(f"welsh-so-far{suffix}.png")
        assert w.grab().save(str(out))
        print(out)


def test_a_welsh_interface_says_the_decision_and_the_thrive_levels_in_welsh(qtbot, welsh, app_paths):
    """The side panel of an English call in the Welsh interface: the decision line's words and each THRIVE level
    in Welsh (the notes the flows give after the level are English only); the record keeps the English."""
    svc = pack_services(app_paths, [])
    try:
        w = show_window(qtbot, svc, app_paths)
        w.on_new_call_action_triggered()
        settle(qtbot, w)
        walk_to_outcome(qtbot, w, TO_CRISIS + ["yes"])
        panel = w.call_screen.side_panel
        assert w.controller.view.language == "en" and w.controller.view.outcome.code == "MH_PRACTITIONER"
        qtbot.waitUntil(lambda: panel.decision_label.isVisible())
        decision = panel.decision_label.text()
        assert decision.startswith("<b>Penderfyniad:</b> ymarferydd iechyd meddwl yr ystafell reoli am "), decision
        assert "practitioner" not in decision and " at " not in decision
        thrive = panel.thrive_rows.text()
        assert "Bygythiad: Isel: no immediate danger" in thrive  # the level in Welsh, the flow's note after it
        assert "Bregusrwydd: Uchel: person in crisis" in thrive
        assert not any(f"{lv}:" in thrive for lv in ("Low", "Medium", "High")), thrive
        assert panel.caller_label.text().startswith("<b>Galwr:</b> Y person sydd mewn perygl (nhw eu hunain)")
        log = svc.incident_log_text(w.controller.uuid)  # the command-and-control record keeps the English
        assert "Outcome: control-room mental-health practitioner (MH_PRACTITIONER)" in log
        assert "Threat: Low: no immediate danger" in log and "Isel" not in log and "Bygythiad" not in log
    finally:
        svc.close()


@pytest.mark.parametrize("scale", ["100", "200"])
def test_the_welsh_call_outcome_and_side_panel_fit_1366x768(qtbot, app_paths, scale):
    """A Welsh call (F7, English interface) at its outcome, at 1366x768 and at 200 % text: 111's phone label from
    the pack in Welsh, the side panel's rows, caller and decision in Welsh; nothing scrolls sideways."""
    from PySide6.QtGui import QFont

    from triage_desktop.gui.theme import refresh_fonts

    app = QApplication.instance()
    old = app.font()
    if scale == "200":
        big = QFont(old)
        big.setPointSizeF(old.pointSizeF() * 2)
        app.setFont(big)
    svc = pack_services(app_paths, [])
    try:
        w = show_window(qtbot, svc, app_paths)
        w.resize(1366, 768)
        refresh_fonts(w)
        w.on_new_call_action_triggered()
        settle(qtbot, w)
        F7(qtbot, w)
        qtbot.waitUntil(lambda: w.controller.view.language == "cy")
        walk_to_outcome(qtbot, w, TO_CRISIS + ["yes"])
        page, cs = w.call_screen.outcome_page, w.call_screen
        panel = page.partner_panel
        assert "— 111 (a phwyso 2) · " in panel.open_label.text()
        side = cs.side_panel
        assert side.caller_label.text().startswith("<b>Caller:</b> Y person sydd mewn perygl (nhw eu hunain)")
        assert "<b>Decision:</b> ymarferydd iechyd meddwl yr ystafell reoli am " in side.decision_label.text()
        assert "Bygythiad: Isel: " in side.thrive_rows.text()
        from PySide6.QtWidgets import QLabel

        flags = [lab.text() for lab in side.flags_box.findChildren(QLabel) if not lab.isHidden()]
        assert flags == ["⚠ Flag: Y galwr yw'r person sydd mewn perygl"], flags  # the flag in the call language
        rows = so_far(w)
        assert rows[-1].startswith("➜ Canlyniad: "), rows
        assert not any("on screen now" in r or "Done" in r for r in rows), rows
        page.scroll_area.ensureWidgetVisible(panel)
        QApplication.processEvents()
        assert w.width() == 1366 and not page.scroll_area.horizontalScrollBar().isVisible()
        suffix = "" if scale == "100" else "-200"
        assert w.grab().save(str(screenshot_path(f"welsh-call-outcome{suffix}.png")))
        assert cs.folded or scale == "100"  # the side panel folds away at 200 % text (QT_FONT_DPI=192 too)
        if cs.folded:
            press(qtbot, w, Qt.Key.Key_F6)  # F6 opens it over the page
        qtbot.waitUntil(lambda: side.isVisible() and side.path_list.isVisible())
        QApplication.processEvents()
        assert not side.path_list.horizontalScrollBar().isVisible()
        assert w.grab().save(str(screenshot_path(f"welsh-call-outcome-side-panel{suffix}.png")))
    finally:
        svc.close()
        app.setFont(old)
