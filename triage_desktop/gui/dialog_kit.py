"""What the small dialogs (and the windows' filters) share: the OK / Cancel row with plain words, a size that never
cuts wrapped text, and combo boxes whose longest entry does not set the width."""
from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox


def ok_cancel_buttons(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    """OK (worded `ok_text`) accepts `dialog`, Cancel rejects it."""
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    ok = box.button(QDialogButtonBox.StandardButton.Ok)
    ok.setText(ok_text)  # its name is its text (a fixed name would go stale when a dialog relabels it)
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


def fit_wrapped(dialog: QDialog, chars: int = 64) -> None:
    """Size a dialog whose wrapped labels would otherwise be cut off at large text: wide enough for about `chars`
    characters (within the screen), and as tall as its wrapped text needs at that width."""
    fm = dialog.fontMetrics()
    screen = dialog.screen().availableGeometry() if dialog.screen() is not None else None
    w = max(dialog.sizeHint().width(), chars * fm.averageCharWidth())
    if screen is not None:
        w = min(w, int(screen.width() * 0.9))
    lay = dialog.layout()
    h = lay.totalHeightForWidth(w) if lay is not None and lay.hasHeightForWidth() else -1
    dialog.resize(w, max(h, dialog.sizeHint().height()))


def let_combo_narrow(combo: QComboBox, chars: int) -> None:
    """The combo may be as narrow as about `chars` characters (its current entry elided when the room is short,
    e.g. at 200 % text on 1366 px) instead of as wide as its longest entry; the list that opens shows whole entries.
    Call it once the entries are in."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(chars)
    view = combo.view()
    view.setMinimumWidth(view.sizeHintForColumn(0) + view.verticalScrollBar().sizeHint().width())
