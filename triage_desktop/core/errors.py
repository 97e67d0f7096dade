"""The engine's error: a refused answer or action, with a reason a handler can read."""
from __future__ import annotations


class EngineError(ValueError):
    """An action the run cannot take (bad answer, missing reason, run already ended)."""
