"""The C allocator of a collector worker process: one malloc arena for all its threads (glibc only).

An upload is checked on a thread of the server's thread pool, and glibc gives each such thread its own malloc arena.
A 5,000-record batch (~5.5 MB of JSON, and the objects parsed from it) grows that thread's heap; when the batch is
freed the heap is shrunk again, and the next batch on any thread faults the same memory back in, zeroed page by page
by the kernel. Profiled in `serve --workers 2` with ten PCs pushing 10,000 summaries each (perf, all CPUs): the
kernel's page zeroing (clear_page_erms) alone was 21-24 % of each worker's CPU time, and the workers' system time was
5.0-7.3 s of their 15-16 s. With one arena (M_ARENA_MAX=1) every thread allocates from the main heap, which glibc keeps
(its trim threshold follows the largest block freed): page zeroing fell to 1.3-1.7 % and system time to 2.1-2.9 s,
and the same ingest took 6.4-7.8 s against 8.1-11.3 s (alternating runs). The threads of one worker take turns at
the interpreter lock anyway, so they seldom contend for the one arena.

`$TRIAGE_COLLECTOR_MALLOC_ARENAS` sets another number (0: glibc's own default). Elsewhere than glibc this does
nothing."""
from __future__ import annotations

import ctypes
import os
from typing import Optional

#: mallopt's parameter number for the arena limit (glibc malloc.h).
M_ARENA_MAX = -8
ENV = "TRIAGE_COLLECTOR_MALLOC_ARENAS"
DEFAULT_ARENAS = 1


def _glibc() -> Optional[ctypes.CDLL]:
    try:
        libc = ctypes.CDLL(None)
        libc.gnu_get_libc_version  # noqa: B018 (glibc only: musl, macOS and Windows have no such symbol)
        libc.mallopt  # noqa: B018
    except (OSError, AttributeError, TypeError):
        return None
    return libc


def arenas_wanted() -> int:
    """The arena limit asked for: $TRIAGE_COLLECTOR_MALLOC_ARENAS (a whole number, 0 to 64), else 1."""
    text = os.environ.get(ENV, "").strip()
    if not text:
        return DEFAULT_ARENAS
    try:
        value = int(text)
    except ValueError:
        raise ValueError(f"{ENV} must be a whole number 0 to 64 (0: the C library's default), not {text!r}") from None
    if not 0 <= value <= 64:
        raise ValueError(f"{ENV} must be 0 to 64 (0: the C library's default), not {value}")
    return value


def tune_allocator() -> bool:
    """Limit this process's malloc arenas (before its thread pool starts); True when the limit was set."""
    arenas = arenas_wanted()
    if arenas == 0:
        return False
    libc = _glibc()
    if libc is None:
        return False
    libc.mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    libc.mallopt.restype = ctypes.c_int
    return bool(libc.mallopt(M_ARENA_MAX, arenas))
