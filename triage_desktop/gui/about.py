"""AboutDialog (versions and paths) and HelpDialog (how a call goes, every shortcut)."""
from __future__ import annotations

import html
import platform
import sys
from typing import Any, Optional

import PySide6
from PySide6.QtCore import qVersion
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from triage_desktop import __version__
from triage_desktop.services.protocol import ServicesLike

from . import a11y

SHORTCUTS = (
    ("Ctrl+N", "Start a new call"),
    ("F9", "Immediate risk: police emergency (asks for the reason)"),
    ("Y / N / U", "Yes / No / Unknown"),
    ("1 – 9", "Choose an answer; on a 'tick all that apply' question, tick or untick it"),
    ("Enter", "Confirm a typed answer, or the ticked answers"),
    ("Alt+W", "Show or hide 'Why we ask'"),
    ("Alt+V", "Caller volunteered this answer"),
    ("Alt+← / Alt+→", "Back to the previous question / return to the latest question"),
    ("Alt+J", "Jump to an earlier question to change it"),
    ("Ctrl+Enter", "In the notes box: save the note. After the decision: finish now. On the outcome: finish the call"),
    ("Alt+S", "After the decision: show or hide the full script"),
    ("Ctrl+T", "Who is calling: record or change the caller type (the words on screen change to fit)"),
    ("Ctrl+D", "Caller details: phone number and names (checks for repeat contact on this PC)"),
    ("F7", "Call language: switch between English and Welsh (Cymraeg) at any moment; the English stays on screen "
           "under the Welsh, and Y / N / U keep their meaning"),
    ("Alt+I", "I have told the caller the outcome (needed to finish)"),
    ("Alt+O", "Change (override) the outcome, with a reason"),
    ("Ctrl+Shift+C", "Copy for the incident log"),
    ("Ctrl+H", "Hand over the call (e.g. to the mental-health practitioner)"),
    ("Ctrl+E", "End the call early, with a reason"),
    ("Ctrl+F", "Find an earlier call"),
    ("Ctrl+,", "Settings"),
    ("Ctrl+Shift+T", "Training mode, trainer: start a training session"),
    ("F8 / Shift+F8", "Training call: play the scenario's escalation line / hide or show the caller card"),
    ("Ctrl+Shift+R", "Live mode, supervisor: review a sample of live calls"),
    ("F1", "This help"),
)


class _TextDialog(QDialog):
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
        box.button(QDialogButtonBox.StandardButton.Close).setAccessibleName("Close")
        box.rejected.connect(self.reject)
        lay.addWidget(box)
        a11y.name_parts(self)


def help_html() -> str:
    rows = "".join(f"<tr><td><b>{html.escape(k)}</b>&nbsp;&nbsp;</td><td>{html.escape(v)}</td></tr>"
                   for k, v in SHORTCUTS)
    return ("<h2>Taking a call</h2><p>Ask each question in the words shown. Answer with the buttons or their keys. "
            "Nothing moves on by itself. Your answers are saved as you go: if the app closes, the call is offered "
            "again when it reopens.</p><p>If at any point there is a real and immediate risk to life or of serious "
            "harm, press <b>F9</b>.</p><p>At the end, read the outcome sentence to the caller, tick that you told "
            "them, copy the summary to the incident log, and finish.</p>"
            f"<h2>Keyboard shortcuts</h2><table>{rows}</table>")


class HelpDialog(_TextDialog):
    def __init__(self, parent: Optional[QWidget] = None):
        super().__init__(parent, "Help and shortcuts", help_html())

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
        rows += [(f"Flow: {f.title}", f"{f.id} v{f.version}") for f in lib]
    if paths is not None:
        for name in ("data_dir", "config_dir", "state_dir", "log_dir", "documents_dir"):
            if hasattr(paths, name):
                rows.append((name.replace("_", " ").capitalize(), str(getattr(paths, name))))
    if info.get("db_path"):
        rows.append(("Database", str(info["db_path"])))
    if svc is not None and svc.training:
        rows.append(("Mode", "TRAINING (mock calls)"))
    table = "".join(f"<tr><td><b>{html.escape(k)}</b>&nbsp;&nbsp;</td><td>{html.escape(v)}</td></tr>" for k, v in rows)
    signoff = ""
    if lib is not None:
        from triage_desktop.services import signoff_summary

        signoff = f"<p><b>{html.escape(signoff_summary(lib))}</b> (Help ▸ Flows shows each flow and its sign-off.)</p>"
    return ("<h2>triage-desktop</h2><p>Right Care, Right Person triage assistant for police control rooms.</p>"
            f"{signoff}<table>{table}</table>")


class AboutDialog(_TextDialog):
    def __init__(self, parent: Optional[QWidget] = None, *, svc: Optional[ServicesLike] = None, paths: Any = None):
        super().__init__(parent, "About triage-desktop", about_html(svc, paths))

    @classmethod
    def ask(cls, parent: Optional[QWidget], *, svc: Optional[ServicesLike] = None, paths: Any = None) -> None:
        cls(parent, svc=svc, paths=paths).exec()
