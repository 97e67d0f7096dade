"""AboutDialog (versions and paths) and HelpDialog (how a call goes, every shortcut)."""
from __future__ import annotations

import html
import platform
import sys
from typing import Any, Optional

import PySide6
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, qVersion
from PySide6.QtWidgets import QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from triage_desktop import __version__
from triage_desktop.services.protocol import ServicesLike

from . import a11y

translate = QCoreApplication.translate

#: (keys, what they do): the keys are the same in every language; the words are translated (context "Shortcuts")
SHORTCUTS = (
    ("Ctrl+N", QT_TRANSLATE_NOOP("Shortcuts", "Start a new call (mid-call it asks first; Enter stays on the call)")),
    ("F9", QT_TRANSLATE_NOOP("Shortcuts", "Immediate risk: police emergency, from every screen (with no call open it starts one); 1–4 pick a "
           "reason, Enter records it")),
    ("Y / N / U", QT_TRANSLATE_NOOP("Shortcuts", "Yes / No / Don't know, on every question that has that answer (choice questions too)")),
    ("1 – 9", QT_TRANSLATE_NOOP("Shortcuts", "Choose an answer, in the order on screen; on a 'tick all that apply' question, tick or untick it")),
    ("Enter", QT_TRANSLATE_NOOP("Shortcuts", "Confirm a typed answer, or the ticked answers")),
    ("Alt+W", QT_TRANSLATE_NOOP("Shortcuts", "Show or hide 'Why we ask'")),
    ("Alt+V", QT_TRANSLATE_NOOP("Shortcuts", "Caller volunteered this answer")),
    ("Alt+← / Alt+→", QT_TRANSLATE_NOOP("Shortcuts", "Back to the previous question / return to the latest question")),
    ("Alt+J", QT_TRANSLATE_NOOP("Shortcuts", "Jump to an earlier question to change it")),
    ("Alt+N", QT_TRANSLATE_NOOP("Shortcuts", "To the notes box; there Esc goes back to the question, Ctrl+Enter saves the note and goes back")),
    ("Ctrl+Enter", QT_TRANSLATE_NOOP("Shortcuts", "In the notes box: save the note. After the decision: finish now. On the outcome: finish the call")),
    ("Alt+S", QT_TRANSLATE_NOOP("Shortcuts", "After the decision: show or hide the full script")),
    ("Ctrl+T", QT_TRANSLATE_NOOP("Shortcuts", "Who is calling: record or change the caller type (the words on screen change to fit)")),
    ("Ctrl+D", QT_TRANSLATE_NOOP("Shortcuts", "Caller details: phone number and names (checks for repeat contact on this PC)")),
    ("F7", QT_TRANSLATE_NOOP("Shortcuts", "Call language: switch between English and Welsh (Cymraeg) at any moment; the English stays on screen "
           "under the Welsh, and Y / N / U keep their meaning")),
    ("Alt+I", QT_TRANSLATE_NOOP("Shortcuts", "I have told the caller the outcome (needed to finish)")),
    ("Alt+O", QT_TRANSLATE_NOOP("Shortcuts", "Change (override) the outcome, with a reason")),
    ("Ctrl+Shift+C", QT_TRANSLATE_NOOP("Shortcuts", "Copy for the incident log")),
    ("Ctrl+H", QT_TRANSLATE_NOOP("Shortcuts", "Hand over the call (e.g. to the mental-health practitioner)")),
    ("Ctrl+E", QT_TRANSLATE_NOOP("Shortcuts", "End the call early, with a reason")),
    ("Ctrl+F", QT_TRANSLATE_NOOP("Shortcuts", "Find an earlier call")),
    ("Ctrl+,", QT_TRANSLATE_NOOP("Shortcuts", "Settings")),
    ("Ctrl+Shift+T", QT_TRANSLATE_NOOP("Shortcuts", "Training mode, trainer: start a training session")),
    ("F8 / Shift+F8", QT_TRANSLATE_NOOP("Shortcuts", "Training call: play the scenario's escalation line / hide or show the caller card")),
    ("Ctrl+Shift+R", QT_TRANSLATE_NOOP("Shortcuts", "Live mode, supervisor: review a sample of live calls")),
    ("Ctrl+Q", QT_TRANSLATE_NOOP("Shortcuts", "Quit (mid-call it asks first; the call stays saved and resumable)")),
    ("F1", QT_TRANSLATE_NOOP("Shortcuts", "This help")),
)

#: The folders the About box lists, in words
PATH_NAMES = {"data_dir": QT_TRANSLATE_NOOP("AboutDialog", "Data folder"),
              "config_dir": QT_TRANSLATE_NOOP("AboutDialog", "Config folder"),
              "state_dir": QT_TRANSLATE_NOOP("AboutDialog", "State folder"),
              "log_dir": QT_TRANSLATE_NOOP("AboutDialog", "Log folder"),
              "documents_dir": QT_TRANSLATE_NOOP("AboutDialog", "Documents folder")}


class _TextDialog(a11y.NamedDialog):
    def __init__(self, parent: Optional[QWidget], title: str, body_html: str):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(640, 560)
        lay = QVBoxLayout(self)
        self.browser = QTextBrowser()
        self.browser.setAccessibleName(title)
        self.browser.setOpenExternalLinks(False)
        self.browser.setHtml(body_html)
        lay.addWidget(self.browser)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        box.button(QDialogButtonBox.StandardButton.Close).setAccessibleName(self.tr("Close"))
        box.rejected.connect(self.reject)
        lay.addWidget(box)
        a11y.name_parts(self)


def help_html() -> str:
    rows = "".join(f"<tr><td><b>{html.escape(k)}</b>&nbsp;&nbsp;</td><td>{html.escape(translate('Shortcuts', str(v)))}</td></tr>"
                   for k, v in SHORTCUTS)
    return (translate("HelpDialog", "<h2>Taking a call</h2><p>Ask each question in the words shown. Answer with the "
                      "buttons or their keys. Nothing moves on by itself. Your answers are saved as you go: if the app "
                      "closes, the call is offered again when it reopens.</p><p>If at any point there is a real and "
                      "immediate risk to life or of serious harm, press <b>F9</b>.</p><p>At the end, read the outcome "
                      "sentence to the caller, tick that you told them, copy the summary to the incident log, and "
                      "finish.</p>")
            + translate("HelpDialog", "<h2>Keyboard shortcuts</h2>") + f"<table>{rows}</table>")


class HelpDialog(_TextDialog):
    def __init__(self, parent: Optional[QWidget] = None):
        super().__init__(parent, self.tr("Help and shortcuts"), help_html())

    @classmethod
    def ask(cls, parent: Optional[QWidget]) -> None:
        cls(parent).exec()


def about_html(svc: Optional[ServicesLike] = None, paths: Any = None) -> str:
    rows = [("triage-desktop", __version__), ("Python", f"{platform.python_version()} ({sys.platform})"),
            ("Qt", qVersion()), ("PySide6", PySide6.__version__)]
    info = svc.about() if svc is not None else {}
    if info.get("sqlite_version"):
        rows.append(("SQLite", str(info["sqlite_version"])))
    lib = svc.library if svc is not None else None
    if lib is not None:
        rows += [(translate("AboutDialog", "Flow: {title}").format(title=f.title), f"{f.id} v{f.version}") for f in lib]
    if paths is not None:
        for name in ("data_dir", "config_dir", "state_dir", "log_dir", "documents_dir"):
            if hasattr(paths, name):
                rows.append((translate("AboutDialog", str(PATH_NAMES[name])), str(getattr(paths, name))))
    if info.get("db_path"):
        rows.append((translate("AboutDialog", "Database"), str(info["db_path"])))
    if svc is not None and svc.training:
        rows.append((translate("AboutDialog", "Mode"), translate("AboutDialog", "TRAINING (mock calls)")))
    table = "".join(f"<tr><td><b>{html.escape(k)}</b>&nbsp;&nbsp;</td><td>{html.escape(v)}</td></tr>" for k, v in rows)
    signoff = ""
    if lib is not None:
        from triage_desktop.services import signoff_summary

        signoff = f"<p><b>{html.escape(signoff_summary(lib))}</b> " + translate(
            "AboutDialog", "(Help ▸ Flows shows each flow and its sign-off.)") + "</p>"
    return ("<h2>triage-desktop</h2><p>" + translate("AboutDialog", "Right Care, Right Person triage assistant for "
                                                      "police control rooms.") + f"</p>{signoff}<table>{table}</table>")


class AboutDialog(_TextDialog):
    def __init__(self, parent: Optional[QWidget] = None, *, svc: Optional[ServicesLike] = None, paths: Any = None):
        super().__init__(parent, self.tr("About triage-desktop"), about_html(svc, paths))

    @classmethod
    def ask(cls, parent: Optional[QWidget], *, svc: Optional[ServicesLike] = None, paths: Any = None) -> None:
        cls(parent, svc=svc, paths=paths).exec()
