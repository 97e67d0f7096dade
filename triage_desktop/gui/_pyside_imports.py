"""A cheaper answer to the question PySide6 asks of every module imported after it: "does it use PySide6?".

PySide6's `__feature__` support (shibokensupport/feature.py, `_mod_uses_pyside`) decides, once per newly imported
module, whether the module takes part in feature switching (`from __feature__ import snake_case`). It answers by
`inspect.getsource(module)` and a search for the text "PySide6". inspect.getsource is slow for this (it resolves the
module through inspect.getmodule, checks the linecache and keeps every line of every module in memory): measured
here, ~0.15 ms per module, ~16 ms over the ~100 modules the services import after the window is shown, and more
before it.

`install()` replaces that one function with one that gives the same answer from the module's source file read as
bytes (b"PySide6" is the same in every ASCII-compatible encoding): a module without a readable source file (built
in, compiled, inside a frozen bundle's archive) is "does not use PySide6", exactly as the original answers when
inspect cannot find the source. Nothing else about feature switching changes. If PySide6 ever drops or renames the
function, install() does nothing (the app only loses the speed-up).
"""
from __future__ import annotations

import sys
from typing import Any

_installed = False


def uses_pyside(module: Any) -> bool:
    """True when the module's source file mentions PySide6 (the question feature.py asks, answered from bytes)."""
    spec = getattr(module, "__spec__", None)
    origin = getattr(spec, "origin", None) if spec is not None else None
    path = origin if isinstance(origin, str) and origin.endswith(".py") else getattr(module, "__file__", None)
    if not isinstance(path, str) or not path.endswith(".py"):
        return False
    try:
        with open(path, "rb") as fh:
            return b"PySide6" in fh.read()
    except (OSError, ValueError):
        return False


def install() -> bool:
    """Replace feature.py's per-module source scan with `uses_pyside` (once). Returns True if it is in place."""
    global _installed
    if _installed:
        return True
    import PySide6  # noqa: F401 - loads shiboken6, which loads the feature module

    feature = sys.modules.get("shibokensupport.feature")
    if feature is None or not callable(getattr(feature, "_mod_uses_pyside", None)):
        return False
    setattr(feature, "_mod_uses_pyside", uses_pyside)  # noqa: B010 - a private function of PySide6's
    _installed = True
    return True
