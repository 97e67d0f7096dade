"""The device token: OS keyring where one works, else a 0600 file in the config dir."""
from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Iterator, Optional

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail

from triage_desktop.sync import credentials


class MemoryKeyring(KeyringBackend):
    """A working keyring backend held in memory (stands in for the desktop's secret service)."""

    priority = 10  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> Optional[str]:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.secrets.pop((service, username), None)


@pytest.fixture
def no_keyring() -> Iterator[None]:
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(previous)


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


def test_without_a_keyring_the_token_goes_to_a_private_file(tmp_path: Path, no_keyring: None) -> None:
    where = credentials.save_token("tdc_secret-token", config_dir=tmp_path / "cfg")
    path = Path(where)
    assert path.parent == tmp_path / "cfg"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert credentials.load_token(config_dir=tmp_path / "cfg") == "tdc_secret-token"
    credentials.save_token("tdc_second", config_dir=tmp_path / "cfg")  # overwrite keeps 0600
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert credentials.load_token(config_dir=tmp_path / "cfg") == "tdc_second"
    credentials.delete_token(config_dir=tmp_path / "cfg")
    assert credentials.load_token(config_dir=tmp_path / "cfg") is None


def test_a_token_file_others_can_read_is_refused(tmp_path: Path, no_keyring: None) -> None:
    path = Path(credentials.save_token("tdc_x", config_dir=tmp_path))
    os.chmod(path, 0o644)
    with pytest.raises(PermissionError, match="chmod 600"):
        credentials.load_token(config_dir=tmp_path)


def test_with_a_keyring_the_token_never_touches_disk(tmp_path: Path, memory_keyring: MemoryKeyring) -> None:
    assert credentials.save_token("tdc_in_keyring", config_dir=tmp_path) == "keyring"
    assert memory_keyring.secrets == {(credentials.SERVICE, credentials.ACCOUNT): "tdc_in_keyring"}
    assert not (tmp_path / credentials.TOKEN_FILE).exists()
    assert credentials.load_token(config_dir=tmp_path) == "tdc_in_keyring"
    credentials.delete_token(config_dir=tmp_path)
    assert credentials.load_token(config_dir=tmp_path) is None


def test_default_config_dir_is_the_apps_config_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("TRIAGE_DESKTOP_HOME", str(tmp_path / "home"))
    assert credentials.default_config_dir() == tmp_path / "home" / "config"
    monkeypatch.delenv("TRIAGE_DESKTOP_HOME")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    assert credentials.default_config_dir() == tmp_path / "xdg" / "triage-desktop"
