"""Measure the History window and the dialogs with long lists or wrapped banners on a 1366x768 screen, in a process
of its own so QT_FONT_DPI (read when Qt starts) can give 200 % text; tests/gui/test_wide_lists_fit.py runs it and
asserts on the one JSON line it prints. `python tests/gui/wide_lists_probe.py [OUT_DIR]` also saves PNGs there."""
from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent), str(HERE.parents[1])]

from PySide6.QtWidgets import QApplication, QComboBox, QWidget  # noqa: E402

from gui_drive import FLOWS_OK  # noqa: E402
from triage_desktop.gui.history_view import HistoryView  # noqa: E402
from triage_desktop.gui.outcome_dialogs import EarlyExitDialog, OverrideDialog  # noqa: E402
from triage_desktop.gui.theme import apply_theme  # noqa: E402
from triage_desktop.gui.training_session_dialog import TrainingSessionDialog  # noqa: E402
from triage_desktop.paths import AppPaths  # noqa: E402
from triage_desktop.services import AppServices  # noqa: E402


def popup_width_ok(combo: QComboBox) -> bool:
    """The list that opens (at least as wide as the combo) is wide enough for its longest entry."""
    return max(combo.view().minimumWidth(), combo.width()) >= combo.view().sizeHintForColumn(0)


def shown(app: QApplication, w: QWidget, out: str, name: str) -> None:
    w.show()
    for _ in range(10):
        app.processEvents()
    if out:
        w.grab().save(str(Path(out) / f"{name}.png"))


def main(out: str) -> None:
    app = QApplication([])
    apply_theme(app)
    got: dict[str, object] = {"font_px": app.fontMetrics().height(),
                              "screen": app.primaryScreen().availableGeometry().getRect()}
    with tempfile.TemporaryDirectory() as folder:
        svc = AppServices.open(AppPaths.from_root(Path(folder)), flows_dir=FLOWS_OK)
        try:
            history = HistoryView(svc)
            history.resize(1366, 768)
            shown(app, history, out, "history")
            got["history"] = {"min_width": history.minimumSizeHint().width(), "width": history.width(),
                              "popups_whole": all(popup_width_ok(c) for c in (history.pathway_combo,
                                                                              history.outcome_combo))}
            history.close()
            for name, dialog in (("override", OverrideDialog(current_code="GP_OR_111")),
                                 ("early_exit", EarlyExitDialog())):
                shown(app, dialog, out, name)
                got[name] = {"width": dialog.width(), "min_width": dialog.minimumSizeHint().width(),
                             "popup_whole": popup_width_ok(dialog.code_combo)}
                dialog.close()
            session = TrainingSessionDialog(None, scenarios=[])
            shown(app, session, out, "training_session")
            banner = session.layout().itemAt(0).widget()
            got["training_session"] = {"size": session.size().toTuple(), "banner_height": banner.height(),
                                       "banner_needs": banner.heightForWidth(banner.width()),
                                       "banner_text": banner.text()[:26]}
            session.close()
        finally:
            svc.close()
    print(json.dumps(got))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "")
