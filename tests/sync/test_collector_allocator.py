"""A collector worker's threads share one malloc arena (collector/allocator.py): counted with glibc's own
malloc_info in a fresh interpreter whose threads each hold memory at the same time, and a bad setting is one line and
exit 2 before anything starts."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

ARENAS = textwrap.dedent("""
    import ctypes, sys, threading
    from triage_desktop.collector.allocator import tune_allocator

    print("tuned" if tune_allocator() else "untouched")
    held, ready, done = [], threading.Barrier(7), threading.Event()

    def work():
        held.append([bytearray(256 * 1024) for _ in range(4)])  # malloc'd by this thread, held while the others do
        ready.wait()
        done.wait()

    threads = [threading.Thread(target=work) for _ in range(6)]
    for t in threads:
        t.start()
    ready.wait()  # six threads, each holding its own 1 MiB, all alive at once
    libc = ctypes.CDLL(None)
    libc.fopen.restype = ctypes.c_void_p
    libc.fopen.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
    libc.malloc_info.argtypes = [ctypes.c_int, ctypes.c_void_p]
    libc.fclose.argtypes = [ctypes.c_void_p]
    out = libc.fopen(sys.argv[1].encode(), b"w")
    assert libc.malloc_info(0, out) == 0
    libc.fclose(out)
    done.set()
    for t in threads:
        t.join()
    print(open(sys.argv[1]).read().count("<heap nr="))
""")


def _arenas(tmp_path: Path, setting: str | None) -> tuple[str, int]:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    env.pop("TRIAGE_COLLECTOR_MALLOC_ARENAS", None)
    env.pop("MALLOC_ARENA_MAX", None)
    env.pop("GLIBC_TUNABLES", None)
    if setting is not None:
        env["TRIAGE_COLLECTOR_MALLOC_ARENAS"] = setting
    r = subprocess.run([sys.executable, "-c", ARENAS, str(tmp_path / "malloc-info.xml")], capture_output=True,
                       text=True, env=env, timeout=60)
    assert r.returncode == 0, r.stderr
    said, count = r.stdout.split()
    return said, int(count)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc_info is how the arenas are counted")
def test_the_threads_of_a_collector_worker_share_one_malloc_arena(tmp_path: Path) -> None:
    assert _arenas(tmp_path, None) == ("tuned", 1)
    said, default = _arenas(tmp_path, "0")  # 0: glibc's own default, an arena per thread
    assert said == "untouched" and default > 1
    assert _arenas(tmp_path, "2") == ("tuned", 2)


@pytest.mark.parametrize("setting, words", [
    ("many", "TRIAGE_COLLECTOR_MALLOC_ARENAS must be a whole number 0 to 64 (0: the C library's default), not 'many'"),
    ("65", "TRIAGE_COLLECTOR_MALLOC_ARENAS must be 0 to 64 (0: the C library's default), not 65"),
])
def test_a_bad_arena_setting_is_one_line_and_exit_2_before_serving(tmp_path: Path, setting: str, words: str) -> None:
    work = tmp_path / "work"
    work.mkdir()
    env = dict(os.environ, PYTHONPATH=str(REPO), TRIAGE_COLLECTOR_MALLOC_ARENAS=setting)
    r = subprocess.run([sys.executable, "-m", "triage_desktop.collector", "serve", "--db",
                        str(work / "collector.sqlite"), "--port", "1"], capture_output=True, text=True, env=env,
                       cwd=work, timeout=60)
    assert r.returncode == 2
    assert r.stderr.splitlines() == [f"triage-collector: {words}"]
    assert list(work.iterdir()) == []  # refused before any database was made
