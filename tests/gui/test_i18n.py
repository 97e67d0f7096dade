"""The interface in Welsh (issue 15, "The interface"): the catalogue matches the code, every entry has real Welsh,
the window starts in the chosen language with the same keys, and the choice is a stored setting."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from dataclasses import replace
from typing import Any, Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMenu

from triage_desktop.core import engine, vocab
from triage_desktop.gui import i18n
from triage_desktop.gui.answer_button import AnswerButton
from triage_desktop.gui.main_window import MainWindow
from triage_desktop.gui.settings_dialog import SettingsDialog
from triage_desktop.gui.vocab_words import WORDS
from triage_desktop.services.language import resolve, stored_choice

from gui_drive import ALT, CTRL, keyboard_crime_to_outcome, press, services_at_scale, show_window, wait_at
from screenshots import screenshot_path

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "triage_desktop_cy.ts"
ALLOW_SAME = ROOT / "resources" / "translations" / "triage_desktop_cy.allow-same.txt"
BIN = Path(sys.executable).parent
#: The arguments the Makefile's `lupdate` target uses (no line numbers: the .ts does not churn when code moves).
LUPDATE_ARGS = ["-extensions", "py", "-locations", "none", "-source-language", "en_GB", "-target-language", "cy_GB"]


def _tool(name: str) -> str:
    path = BIN / name
    found = str(path) if path.exists() else shutil.which(name)
    assert found, f"{name} is not installed (it comes with PySide6)"
    return found


def _messages(ts: Path) -> list[dict[str, Any]]:
    out = []
    for ctx in ET.parse(ts).getroot().iter("context"):
        name = ctx.findtext("name")
        for m in ctx.iter("message"):
            t = m.find("translation")
            assert t is not None
            out.append({"context": name, "source": m.findtext("source") or "", "translation": t.text or "",
                        "type": t.get("type", "")})
    return out


#: Reviewed: the Welsh says it without the value (shorter, so it fits at 200 % text)
DROPS_PLACEHOLDER = {"Tick “{box}” first."}


def _allow_same() -> set[str]:
    lines = ALLOW_SAME.read_text(encoding="utf-8").splitlines()
    return {ln.split("  #")[0].rstrip() for ln in lines if ln.strip() and not ln.startswith("#")}


@pytest.fixture(scope="module")
def qm_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The catalogue compiled now by pyside6-lrelease (as `make translations` does), from the .ts in git."""
    d = tmp_path_factory.mktemp("qm")
    subprocess.run([_tool("pyside6-lrelease"), "-silent", str(TS), "-qm", str(d / "triage_desktop_cy.qm")],
                   check=True, capture_output=True, timeout=120)
    return d


@pytest.fixture
def welsh(qapp: QApplication, qm_dir: Path) -> Iterator[None]:
    assert i18n.install(qapp, "cy", qm_dir)
    yield
    i18n.install(qapp, "en")


def test_the_catalogue_has_every_string_of_the_code_translated_and_nothing_obsolete(tmp_path: Path) -> None:
    """lupdate over the GUI package into a copy of the .ts: no new (unfinished) and no vanished (obsolete) text."""
    copy = tmp_path / TS.name
    shutil.copy(TS, copy)
    run = subprocess.run([_tool("pyside6-lupdate"), *LUPDATE_ARGS, str(ROOT / "triage_desktop" / "gui"),
                          "-ts", str(copy)], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    msgs = _messages(copy)
    assert len(msgs) > 100, run.stdout
    lost = [m["source"] for m in msgs if not m["context"]]
    assert not lost, f"lupdate could not tell these texts' class: use QCoreApplication.translate(): {lost[:10]}"
    unfinished = [(m["context"], m["source"]) for m in msgs if m["type"] == "unfinished"]
    assert not unfinished, f"not translated yet (run 'make lupdate', then write the Welsh): {unfinished[:20]}"
    gone = [(m["context"], m["source"]) for m in msgs if m["type"] in ("obsolete", "vanished")]
    assert not gone, f"no longer in the code (run 'make lupdate'): {gone[:20]}"
    assert {(m["context"], m["source"]) for m in msgs} == {(m["context"], m["source"]) for m in _messages(TS)}


def test_every_welsh_text_is_welsh_and_keeps_the_placeholders_and_the_access_keys() -> None:
    allowed = _allow_same()
    problems = []
    for m in _messages(TS):
        src, cy = m["source"], m["translation"]
        where = f"{m['context']}: {src!r}"
        if not cy.strip():
            problems.append(f"{where}: empty")
        elif cy == src and src not in allowed:
            problems.append(f"{where}: the Welsh is a copy of the English")
        if not set(re.findall(r"\{[a-z_0-9]*\}", cy)) <= set(re.findall(r"\{[a-z_0-9]*\}", src)):
            problems.append(f"{where}: a placeholder the code does not fill in {cy!r}")  # would raise KeyError
        elif len(re.findall(r"\{[a-z_0-9]*\}", cy)) < len(set(re.findall(r"\{[a-z_0-9]*\}", src))) \
                and src not in DROPS_PLACEHOLDER:
            problems.append(f"{where}: placeholders lost in {cy!r}")
        if m["context"] != "Vocab" and src.replace("&&", "").count("&") != cy.replace("&&", "").count("&"):
            problems.append(f"{where}: access key (&) lost or added in {cy!r}")
    assert not problems, "\n".join(problems)
    sources = {m["source"] for m in _messages(TS)}
    assert allowed <= sources, f"allow-list entries not in the catalogue: {allowed - sources}"
    assert len(allowed) <= 20  # a short reviewed list (names, codes), not a way round the rule


def test_every_vocabulary_word_the_screens_show_is_in_the_catalogue() -> None:
    words = set(WORDS)
    shown = (list(vocab.ROLE_NAMES.values()) + list(vocab.PATHWAYS.values()) + list(vocab.FLAGS.values())
             + [c.label for c in vocab.CALLER_TYPES.values()] + [c.key_label for c in vocab.CALLER_TYPES.values()]
             + list(vocab.CALLER_GROUPS.values()) + list(vocab.PARTNER_CODES.values())
             + list(vocab.IMMEDIATE_RISK_PRESETS) + [o.response for o in vocab.OUTCOME_CODES.values()]
             + [getattr(engine, n) for n in dir(engine) if n.startswith("NOT_ASKED_")]
             + [f.capitalize() for f in vocab.THRIVE_FIELDS] + [o.meaning for o in vocab.OUTCOME_CODES.values()])
    missing = [w for w in shown if w and w not in words]
    assert not missing, f"add to gui/vocab_words.py (and write the Welsh): {missing}"


def test_the_language_comes_from_the_setting_else_the_system() -> None:
    assert resolve("cy", "en_GB") == "cy" and resolve("en", "cy_GB") == "en"
    assert resolve("", "cy_GB") == "cy" and resolve("", "cy") == "cy" and resolve("", "en_GB") == "en"
    assert resolve("", None) == "en" and resolve("fr", "fr_FR") == "en"


def test_qt_standard_buttons_are_welsh(qtbot: Any, welsh: None) -> None:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
                           | QDialogButtonBox.StandardButton.Ok)
    qtbot.addWidget(box)
    texts = {b.text().replace("&", "") for b in box.buttons()}
    assert texts == {"Cadw", "Canslo", "Iawn"}
    from PySide6.QtCore import QLocale

    assert QLocale().language() == QLocale.Language.Welsh  # calendars and month names follow


def _menu_titles(window: MainWindow) -> list[str]:
    return [a.text().replace("&", "") for a in window.menuBar().actions() if a.isVisible()]


def _visible_texts(window: MainWindow) -> list[str]:
    texts = []
    for menu in window.menuBar().findChildren(QMenu):
        texts += [a.text().replace("&", "") for a in menu.actions() if a.text()]
    return texts


def test_the_window_in_welsh_shows_welsh_menus_and_keeps_the_keys(qtbot: Any, svc: Any, app_paths: Any,
                                                                   welsh: None) -> None:
    window = show_window(qtbot, svc, app_paths)
    titles = _menu_titles(window)
    assert "Galwad" in titles and "Cymorth" in titles, titles
    assert not {"Call", "Help", "Tools"} & set(titles)
    items = _visible_texts(window)
    assert any(t.startswith("Galwad newydd") for t in items), items
    assert window.new_call_action.shortcut().toString() == "Ctrl+N"  # the same key in both languages
    assert "galwad newydd" in window.start_page.new_call_button.text().lower()
    window.resize(1366, 768)
    assert window.grab().save(str(screenshot_path("welsh-interface-start.png")))
    press(qtbot, window, Qt.Key.Key_N, CTRL)  # Ctrl+N starts a call in Welsh as in English
    wait_at(qtbot, window, "risk_now")
    page = window.call_screen.question_page
    keys = [b.key_label.text() for b in page.findChildren(AnswerButton) if b.isVisible()]
    assert keys[:2] == ["Y", "N"], keys  # the keys say which is Ie / Na, as in English
    assert page.caption_label.text() == "Gofynnwch i'r galwr"
    assert window.call_screen.header.risk_button.text() == "▲ RISG UNIONGYRCHOL F9"
    assert window.grab().save(str(screenshot_path("welsh-interface-question.png")))
    press(qtbot, window, Qt.Key.Key_N)  # N is still "Na / No": the call moves on
    wait_at(qtbot, window, "crime")
    keyboard_crime_to_outcome(qtbot, window)  # numbers and Enter as in English
    out = window.call_screen.outcome_page
    assert out.attend_label.text().startswith("● FYDD YR HEDDLU DDIM YN DOD")
    assert out.informed_check.text() == "Dywedais y canlyniad wrth y galwr (Alt+I)"
    assert window.grab().save(str(screenshot_path("welsh-interface-outcome.png")))
    press(qtbot, window, Qt.Key.Key_I, ALT)  # Alt+I ticks "told the caller" in Welsh too
    assert out.informed_check.isChecked() and out.finish_button.isEnabled()
    for name in ("copy_button", "override_button", "back_button", "finish_button"):  # nothing cut at 1366 x 768
        b = getattr(out, name)
        assert not b.isVisible() or b.width() >= b.fontMetrics().horizontalAdvance(b.text()), (name, b.text())


def test_the_language_setting_is_saved_and_read_at_the_next_start(qtbot: Any, window: MainWindow, svc: Any,
                                                                 app_paths: Any, dialog_log: Any) -> None:
    d = SettingsDialog(values=window.settings_values(), paths=app_paths)
    qtbot.addWidget(d)
    d.language_combo.setCurrentIndex(d.language_combo.findData("cy"))
    assert d.changes() == {"interface_language": "cy"}
    dialog_log.answers["SettingsDialog"] = d.changes()
    window.on_settings_action_triggered()
    qtbot.waitUntil(lambda: svc.settings.get("interface_language") == "cy")
    assert stored_choice(app_paths) == "cy"  # what the next start reads, straight from the database file
    assert i18n.choose(app_paths) == "cy"
    assert stored_choice(app_paths, training=True) == ""  # training has its own file and its own choice
    with pytest.raises(ValueError):
        svc.settings.set("interface_language", "fr")


def test_every_action_the_controller_names_in_an_error_is_listed_for_translation() -> None:
    from triage_desktop.gui.controller import DOING

    source = (ROOT / "triage_desktop" / "gui" / "controller.py").read_text(encoding="utf-8")
    named = set(re.findall(r'_do\("([^"]+)"', source)) | set(re.findall(r'_failed\(session, "([^"]+)"', source))
    assert named and named <= set(DOING), named - set(DOING)


def test_the_app_starts_in_the_stored_language(qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               qm_dir: Path, dialog_log: Any) -> None:
    """The real start (gui/app.py open_app): the choice is read from the database file before the window is built."""
    from types import SimpleNamespace

    from triage_desktop.gui import app as gui_app
    from triage_desktop.paths import AppPaths
    from triage_desktop.services import AppServices

    from gui_drive import FLOWS_OK

    monkeypatch.setenv("TRIAGE_DESKTOP_FLOWS_DIR", str(FLOWS_OK))
    monkeypatch.setattr(i18n, "translations_dir", lambda: qm_dir)  # the .qm compiled above, not a build's
    data = tmp_path / "data"
    first = AppServices.open(AppPaths.default(str(data)), training=True, flows_dir=FLOWS_OK)
    first.set_setting("interface_language", "cy")
    first.close()
    opened = gui_app.open_app(SimpleNamespace(data_dir=str(data), training=True))
    assert opened is not None
    qapp, svc, window = opened
    qtbot.addWidget(window)
    try:
        assert i18n.current_language() == "cy"
        assert "Galwad" in _menu_titles(window) and "HYFFORDDIANT" in window.windowTitle()
        assert window.new_call_action.shortcut().toString() == "Ctrl+N"
    finally:
        window.close()
        svc.close()
        i18n.install(qapp, "en")
    assert i18n.current_language() == "en"


def test_without_a_stored_choice_the_system_locale_decides(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtCore import QLocale

    from triage_desktop.paths import AppPaths

    paths = AppPaths.from_root(tmp_path / "none")  # no database yet: nothing stored
    monkeypatch.setattr(QLocale, "system", staticmethod(lambda: QLocale(QLocale.Language.Welsh,
                                                                        QLocale.Country.UnitedKingdom)))
    assert i18n.choose(paths) == "cy"
    monkeypatch.setattr(QLocale, "system", staticmethod(lambda: QLocale(QLocale.Language.English,
                                                                        QLocale.Country.UnitedKingdom)))
    assert i18n.choose(paths) == "en"


def test_the_services_words_shown_on_screen_are_said_in_welsh(welsh: None) -> None:
    """Each shape the core words a partner's hours or a refused answer in is matched (a new shape would show in
    English: this test then fails)."""
    import datetime as dt

    from triage_desktop.core.partners import NHS_111_OPTION_2, OpeningHours, ServiceState
    from triage_desktop.gui.service_words import answer_refused, partner_when

    now = dt.datetime(2026, 12, 1, 11, 0)
    timed = replace(NHS_111_OPTION_2, hours=OpeningHours(always=False))
    states = [ServiceState(NHS_111_OPTION_2, True), ServiceState(timed, True, closes_at=now.replace(hour=17)),
              ServiceState(timed, False, opens_at=now + dt.timedelta(days=1)),
              ServiceState(timed, False, opens_at=now + dt.timedelta(days=3), why_closed="bank holiday: Christmas Day"),
              ServiceState(timed, False)]
    said = [partner_when(s.when_words(now)) for s in states]
    assert said[:3] == ["ar agor 24 awr", "ar agor tan 17:00", "ar gau: yn agor yfory 11:00"]
    assert said[3].startswith("ar gau (gŵyl y banc: Christmas Day): yn agor ")  # the holiday's name as given
    assert said[4] == "ar gau: ddim ar agor yn ystod y pythefnos nesaf"
    assert answer_refused("'Age' needs a number") == "Mae angen rhif ar gyfer 'Age'"
    assert answer_refused("150 is outside the ranges of 'Age'") == "Mae 150 y tu allan i ystodau 'Age'"
    assert answer_refused("something new") == "something new"
    core = (ROOT / "triage_desktop" / "core" / "answers.py").read_text(encoding="utf-8")  # the shapes matched above
    for shape in ("needs a number", "needs a finite number", "is outside the ranges of", "choose at least one option for"):
        assert shape in core, shape


def _literal(node: Any) -> Any:
    """The text of a literal argument ("a" "b" joined), or None."""
    import ast

    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def test_every_tr_call_is_in_the_catalogue_under_the_context_it_is_looked_up_in() -> None:
    """lupdate's context must be the one Qt looks the text up in at run time: self.tr() -> the enclosing class,
    translate(ctx, …) / QT_TRANSLATE_NOOP(ctx, …) -> ctx. A mismatch would leave that text English in Welsh."""
    import ast

    catalogue = {(m["context"], m["source"]) for m in _messages(TS)}
    missing, seen = [], 0
    for path in sorted((ROOT / "triage_desktop" / "gui").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for cls in [n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)] + [tree]:
            for node in ast.walk(cls):
                if not isinstance(node, ast.Call) or not node.args:
                    continue
                f = node.func
                name = f.attr if isinstance(f, ast.Attribute) else getattr(f, "id", "")
                if name == "tr" and isinstance(f, ast.Attribute) and isinstance(cls, ast.ClassDef):
                    key = (cls.name, _literal(node.args[0]))
                elif name in ("translate", "QT_TRANSLATE_NOOP") and len(node.args) >= 2:
                    key = (_literal(node.args[0]), _literal(node.args[1]))
                else:
                    continue
                if None in key:
                    continue  # a variable: its texts are listed with QT_TRANSLATE_NOOP elsewhere
                seen += 1
                if key not in catalogue:
                    missing.append(f"{path.name}: {key}")
    assert seen > 700
    assert not missing, "\n".join(missing[:30])


@pytest.mark.parametrize("scale", ["100", "200"])
def test_a_welsh_call_in_the_welsh_interface_fits_1366x768(qtbot: Any, app_paths: Any, dialog_log: Any, welsh: None,
                                                          scale: str) -> None:
    """Interface and call both in Welsh (the longest texts): question and outcome at 1366×768 and at 200 % text,
    nothing clipped, every answer and Finish in view; the keys are the same (F7, Y / N / U, Ctrl+Enter)."""

    from triage_desktop.gui.theme import refresh_fonts

    from test_screens import clipped
    from test_welsh_gui import F7, _answer_towards_an_outcome, _welsh_flows

    with services_at_scale(app_paths, _welsh_flows(), scale) as svc:
        w = show_window(qtbot, svc, app_paths)
        w.resize(1366, 768)
        refresh_fonts(w)
        press(qtbot, w, Qt.Key.Key_N, CTRL)
        qtbot.waitUntil(lambda: w.controller.view is not None and w.controller.view.question is not None)
        node = w.controller.session.run.current_node
        if node.records == "caller_type":  # who is calling first (as test_welsh_gui does), then the call in Welsh
            i = [o.value for o in node.options].index("hcp_ae_ward") + 1
            press(qtbot, w, getattr(Qt.Key, f"Key_{i}"))
            qtbot.waitUntil(lambda: w.controller.session.run.caller_type == "hcp_ae_ward")
        F7(qtbot, w)
        qp = w.call_screen.question_page
        qtbot.waitUntil(lambda: qp.say_en_label.isVisible())
        QApplication.processEvents()
        assert qp.caption_label.text() in ("Gofynnwch i'r galwr yn Gymraeg (Saesneg isod)",
                                           "Dywedwch neu gwnewch hyn yn Gymraeg (Saesneg isod)")
        assert qp.say_en_label.text().startswith("Saesneg: ")
        assert all(b.isVisible() for b in qp.answer_buttons) and clipped(qp) == []
        assert w.width() == 1366 and not qp.scroll_area.horizontalScrollBar().isVisible()
        suffix = "" if scale == "100" else "-200"
        assert w.grab().save(str(screenshot_path(f"welsh-interface-welsh-call-question{suffix}.png")))
        _answer_towards_an_outcome(qtbot, w, dialog_log)
        op = w.call_screen.outcome_page
        qtbot.waitUntil(lambda: w.call_screen.page_stack.currentWidget() is op)
        QApplication.processEvents()
        assert op.read_caption.text() == "Darllenwch hwn i'r galwr, yn Gymraeg"
        assert op.finish_button.isVisible() and op.informed_check.isVisible() and op.copy_button.isVisible()
        risk, hint = w.call_screen.header.risk_button, op.finish_hint_label
        qtbot.waitUntil(lambda: risk.width() >= risk.sizeHint().width())  # the Welsh labels are not cut (once laid out)
        qtbot.waitUntil(lambda: op.informed_check.width() >= op.informed_check.sizeHint().width())
        qtbot.waitUntil(lambda: hint.isHidden() or hint.height() >= hint.heightForWidth(hint.width()))
        assert w.width() == 1366 and not op.scroll_area.horizontalScrollBar().isVisible()
        assert w.grab().save(str(screenshot_path(f"welsh-interface-welsh-call-outcome{suffix}.png")))
