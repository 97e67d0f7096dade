"""The single-instance lock: an OS file lock held for as long as a store is open."""
from __future__ import annotations

import datetime as _dt
import os
import sys
from pathlib import Path
from typing import IO, Optional

from .errors import DataDirLocked


class InstanceLock:
    """An exclusive, non-blocking OS lock on a lock file; the OS releases it if the process dies."""

    def __init__(self, path: Path):
        self.path = path
        self._fh: Optional[IO[str]] = None

    @property
    def held(self) -> bool:
        return self._fh is not None

    def acquire(self) -> "InstanceLock":
        """Take the lock or raise DataDirLocked naming the other process."""
        fh = open(self.path, "a+", encoding="utf-8")
        try:
            _lock(fh)
        except OSError:
            fh.seek(0)
            holder = fh.read().strip()
            fh.close()
            who = f" (process {holder})" if holder else ""
            raise DataDirLocked(
                f"Another copy of triage-desktop is already using this data folder{who}: "
                f"{self.path.parent}. Close the other copy first, or start with another --data-dir.") from None
        fh.seek(0)
        fh.truncate()
        fh.write(f"{os.getpid()} since {_dt.datetime.now(_dt.timezone.utc).isoformat(timespec='seconds')}")
        fh.flush()
        self._fh = fh
        return self

    def release(self) -> None:
        """Let go of the lock (safe to call twice)."""
        if self._fh is None:
            return
        try:
            self._fh.seek(0)
            self._fh.truncate()
            _unlock(self._fh)
        finally:
            self._fh.close()
            self._fh = None


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _lock(fh: IO[str]) -> None:
        fh.seek(0)
        msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)

    def _unlock(fh: IO[str]) -> None:
        fh.seek(0)
        msvcrt.locking(fh.fileno(), msvcrt.LK_UNLCK, 1)
else:
    import fcntl

    def _lock(fh: IO[str]) -> None:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fh: IO[str]) -> None:
        fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
