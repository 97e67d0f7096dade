"""Kept: a bounded memory of measurements (heights, size hints, laid-out words, fits), one measure per key."""
from __future__ import annotations

from typing import Callable, Generic, Hashable, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Kept(Generic[K, V]):
    """Values measured once for a key and handed back for the same key after.

    The key must hold everything the measurement depends on (the words, the fonts, the width, ...): nothing is
    forgotten when a widget changes, so a stale key would show a wrong size. When `keep` values are held, all are
    dropped at once before the next one is measured: a shift meets the same few hundred questions again and again,
    and clearing is cheaper than tracking which value was used last."""

    __slots__ = ("_values", "keep")

    def __init__(self, keep: int) -> None:
        self._values: dict[K, V] = {}
        self.keep = keep

    def get(self, key: K, measure: Callable[[], V]) -> V:
        """The value kept for `key`, or `measure()` kept for it now."""
        got = self._values.get(key)
        if got is None:
            if len(self._values) >= self.keep:
                self._values.clear()
            got = self._values[key] = measure()
        return got

    def peek(self, key: K) -> V | None:
        """The value kept for `key`, if any (nothing is measured)."""
        return self._values.get(key)

    def clear(self) -> None:
        self._values.clear()

    def __len__(self) -> int:
        return len(self._values)
