"""Real faults for the store tests: a small tmpfs (real ENOSPC), a read-only bind mount, a killed child process.

Tests run as root (as CI does): mount works, and chmod would not stop root, so read-only is a bind mount
remounted ro (EROFS even for root) or `chattr +i`. Nothing here skips.
"""
from __future__ import annotations

import contextlib
import os
import random
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Callable, Iterator, Optional

HELPER = Path(__file__).with_name("fault_helper.py")


def _run(*cmd: str) -> None:
    subprocess.run(list(cmd), check=True, capture_output=True, text=True)


@contextlib.contextmanager
def tmpfs(where: Path, size: str = "3m") -> Iterator[Path]:
    """A real small file system: writes past `size` fail with ENOSPC (not a PRAGMA stand-in)."""
    where.mkdir(parents=True, exist_ok=True)
    _run("mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(where))
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], capture_output=True)


@contextlib.contextmanager
def read_only_view(src: Path, where: Path) -> Iterator[Path]:
    """`src` seen read-only at `where` (bind mount remounted ro: EROFS for every write, root included)."""
    where.mkdir(parents=True, exist_ok=True)
    _run("mount", "--bind", str(src), str(where))
    try:
        _run("mount", "-o", "remount,bind,ro", str(where))
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], capture_output=True)


@contextlib.contextmanager
def immutable(*files: Path) -> Iterator[None]:
    """chattr +i: the file cannot be written, renamed or deleted, even by root."""
    done = []
    try:
        for f in files:
            _run("chattr", "+i", str(f))
            done.append(f)
        yield
    finally:
        for f in done:
            subprocess.run(["chattr", "-i", str(f)], capture_output=True)


class Child:
    """A helper process whose stdout lines (acknowledgements) are collected as they arrive."""

    def __init__(self, *args: str, env: Optional[dict] = None, faketime: Optional[str] = None):
        full_env = {**os.environ, **(env or {}),
                    "PYTHONPATH": str(HELPER.parent) + os.pathsep + os.environ.get("PYTHONPATH", "")}
        prefix = ["faketime", "-f", faketime] if faketime else []
        self.proc = subprocess.Popen([*prefix, sys.executable, str(HELPER), *args], stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True, env=full_env)
        self.lines: list[str] = []
        self._cv = threading.Condition()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            if not line.endswith("\n"):
                break  # killed while writing it: a half-written acknowledgement was never given
            with self._cv:
                self.lines.append(line.rstrip("\n"))
                self._cv.notify_all()
        with self._cv:
            self._cv.notify_all()

    def wait_for(self, pred: Callable[[str], bool], timeout: float = 60.0) -> None:
        end = time.monotonic() + timeout
        with self._cv:
            while not any(pred(line) for line in self.lines):
                left = end - time.monotonic()
                if left <= 0 or (self.proc.poll() is not None and not self._reader.is_alive()):
                    raise AssertionError(f"helper never said it; lines={self.lines[-5:]}, "
                                         f"stderr={self.proc.stderr.read() if self.proc.poll() is not None else ''}")
                self._cv.wait(min(left, 0.5))

    def kill_after(self, seconds: float) -> list[str]:
        time.sleep(seconds)  # the random moment itself: what is drawn, not a wait for a condition
        self.proc.kill()
        self.proc.wait(30)
        self._reader.join(30)
        return list(self.lines)

    def finish(self, timeout: float = 120.0) -> list[str]:
        self.proc.wait(timeout)
        self._reader.join(30)
        return list(self.lines)

    @property
    def stderr(self) -> str:
        return self.proc.stderr.read() if self.proc.stderr else ""


def rng(seed: int) -> random.Random:
    return random.Random(seed)
