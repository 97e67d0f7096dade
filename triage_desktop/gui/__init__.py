"""triage_desktop.gui: the Qt desktop app (the only package that imports PySide6)."""
from ._pyside_imports import install as _install_fast_feature_scan
from ._pyside_guard import install as _install_pyside_guard

_install_fast_feature_scan()  # first: every module imported from here on is scanned the cheap way
_install_pyside_guard()
