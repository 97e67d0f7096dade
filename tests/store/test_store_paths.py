"""AppPaths: one value built once; honours TRIAGE_DESKTOP_HOME, TRIAGE_DESKTOP_DATA_DIR and --data-dir."""
import subprocess
import sys
from pathlib import Path

from triage_desktop.paths import AppPaths


def test_home_env_roots_every_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("TRIAGE_DESKTOP_HOME", str(tmp_path / "h"))
    monkeypatch.delenv("TRIAGE_DESKTOP_DATA_DIR", raising=False)
    p = AppPaths.default()
    for d in (p.data_dir, p.config_dir, p.state_dir, p.log_dir, p.cache_dir, p.documents_dir):
        assert Path(d).is_relative_to(tmp_path / "h")
    assert p.database() == tmp_path / "h" / "data" / "triage.sqlite3"
    assert p.database(training=True).name == "training.sqlite3"
    assert p.db_path == p.database()
    assert not (tmp_path / "h").exists(), "building the paths must create nothing"


def test_data_dir_env_and_argument_override_only_the_data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("TRIAGE_DESKTOP_HOME", str(tmp_path / "h"))
    monkeypatch.setenv("TRIAGE_DESKTOP_DATA_DIR", str(tmp_path / "shared"))
    p = AppPaths.default()
    assert p.data_dir == tmp_path / "shared" and p.config_dir == tmp_path / "h" / "config"
    q = AppPaths.default(tmp_path / "arg")
    assert q.data_dir == tmp_path / "arg"
    assert p.backups_dir == tmp_path / "shared" / "backups"


def test_platform_dirs_without_env(monkeypatch):
    monkeypatch.delenv("TRIAGE_DESKTOP_HOME", raising=False)
    monkeypatch.delenv("TRIAGE_DESKTOP_DATA_DIR", raising=False)
    p = AppPaths.default()
    assert "triage-desktop" in str(p.data_dir)
    # conftest points XDG dirs at tmp_path: never the real user dirs
    assert str(p.data_dir).startswith(str(Path.home()))


def test_importing_creates_nothing(tmp_path):
    env = {"TRIAGE_DESKTOP_HOME": str(tmp_path / "h"), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    code = ("import triage_desktop.services, triage_desktop.store_cli, triage_desktop.paths as p; "
            "p.AppPaths.default(); import sys; print('PySide6' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False", "services/store must not import Qt"
    assert not (tmp_path / "h").exists()


def test_ensure_creates_dirs(tmp_path):
    p = AppPaths.from_root(tmp_path / "r")
    p.ensure()
    assert p.data_dir.is_dir() and p.backups_dir.is_dir() and p.config_dir.is_dir()
