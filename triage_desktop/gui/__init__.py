"""triage_desktop.gui: the Qt desktop app (the only package that imports PySide6)."""
from ._pyside_guard import install as _install_pyside_guard

_install_pyside_guard()
