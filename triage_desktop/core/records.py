"""Records of checks that passed, kept in the user's cache dir: the flows' (core/flowcache.py) and the force pack's
(packcache.py). One way for both: written atomically (mkstemp: 0600), the newest few kept, and read back with an
unpickler that makes only the classes it names; anything odd about a record reads as no record, never a failure."""
from __future__ import annotations

import io
import logging
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any, Iterable, Optional

log = logging.getLogger(__name__)

#: What reading an odd record can raise (truncated, another format, a class refused, a forged structure): each
#: means "no record", so the start checks in full.
ODD_RECORD = (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError, IndexError,
              KeyError, MemoryError, RecursionError)


def plain_classes(classes: Iterable[type]) -> dict[tuple[str, str], object]:
    """(module, name) -> class, for the classes that run no code of their own when pickle makes them (no
    __setstate__, __reduce__ or __reduce_ex__ of their own: their fields go straight into __dict__)."""
    return {(c.__module__, c.__qualname__): c for c in classes
            if not {"__setstate__", "__reduce__", "__reduce_ex__"} & set(vars(c))}


class Restricted(pickle.Unpickler):
    """Containers and scalars come back without find_class; the only classes made are those in ALLOWED."""

    ALLOWED: dict[tuple[str, str], object] = {}
    WHAT = "record data"  # what the record holds, for the refusal's message

    def find_class(self, module: str, name: str) -> object:
        found = self.ALLOWED.get((module, name))
        if found is None:
            raise pickle.UnpicklingError(f"{module}.{name} is not {self.WHAT}")
        return found


def read(path: Path, unpickler: type[Restricted]) -> Optional[Any]:
    """The record at `path`, or None if it is missing or odd in any way."""
    try:
        return unpickler(io.BytesIO(path.read_bytes())).load()
    except ODD_RECORD:
        return None


def write(target: Path, payload: dict[str, Any], *, keep: int, what: str) -> None:
    """Write `payload` to `target` atomically (0600, in a 0700 folder) and keep only the newest `keep` records beside
    it; a cache dir that cannot be written is only logged (the next start checks again, nothing else)."""
    try:
        target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=".pickle")  # 0600
        with os.fdopen(fd, "wb") as f:
            pickle.dump(payload, f, protocol=4)
        os.replace(tmp, target)
        for old in sorted(target.parent.glob("*.pickle"), key=lambda p: p.stat().st_mtime)[:-keep]:
            old.unlink(missing_ok=True)
    except (OSError, pickle.PicklingError) as exc:
        log.warning("could not record the %s in %s: %s", what, target.parent, exc)
