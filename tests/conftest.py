"""Shared test set-up: Qt offscreen, and tests never touch the real user dirs."""
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path, monkeypatch):
    """Point every platformdirs path and the app's data dir at the test's tmp_path."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local/share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / ".local/state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.setenv("TRIAGE_DESKTOP_HOME", str(tmp_path / "triage-home"))
    yield


class FrozenBuild:
    """A stand-in for a PyInstaller build of the app: `sys.frozen` set and `sys.executable` a file of ours, whose
    bytes and time are what the cache records key a frozen build on (they have no core sources to hash there)."""

    def __init__(self, exe, monkeypatch):
        import sys

        self.exe = exe
        exe.write_bytes(b"build 1")
        monkeypatch.setattr(sys, "frozen", True, raising=False)
        monkeypatch.setattr(sys, "executable", str(exe))

    def rebuild(self, content: bytes = b"build 2, a new install") -> None:
        """Another install: other bytes and another time for the executable."""
        self.exe.write_bytes(content)
        os.utime(self.exe, ns=(1_700_000_000_000_000_000, 1_700_000_000_000_000_000))


@pytest.fixture
def frozen_build(tmp_path, monkeypatch) -> FrozenBuild:
    return FrozenBuild(tmp_path / "triage-desktop.exe", monkeypatch)
