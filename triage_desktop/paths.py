"""Where the app keeps its files: one AppPaths value, built once from platformdirs or a root folder."""
from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Mapping, Optional

APP_NAME = "triage-desktop"

#: Environment variable: a root folder for ALL app dirs (tests, demos, portable installs).
ENV_HOME = "TRIAGE_DESKTOP_HOME"
#: Environment variable: the data dir only (the database and its backups), e.g. a shared install.
ENV_DATA_DIR = "TRIAGE_DESKTOP_DATA_DIR"


@dataclass(frozen=True)
class AppPaths:
    """Every folder the app uses. Building one creates nothing; call `ensure()` before writing."""

    data_dir: Path
    config_dir: Path
    state_dir: Path
    log_dir: Path
    cache_dir: Path
    documents_dir: Path

    @classmethod
    def from_root(cls, root: str | os.PathLike[str]) -> "AppPaths":
        """All dirs under one folder (tests, demos, a portable install)."""
        r = Path(root).expanduser().absolute()
        return cls(data_dir=r / "data", config_dir=r / "config", state_dir=r / "state",
                   log_dir=r / "log", cache_dir=r / "cache", documents_dir=r / "documents")

    @classmethod
    def from_platform(cls) -> "AppPaths":
        """The platform's user dirs (platformdirs, appauthor=False so Windows paths don't repeat the name)."""
        from platformdirs import PlatformDirs

        d = PlatformDirs(appname=APP_NAME, appauthor=False)
        return cls(data_dir=Path(d.user_data_dir), config_dir=Path(d.user_config_dir),
                   state_dir=Path(d.user_state_dir), log_dir=Path(d.user_log_dir),
                   cache_dir=Path(d.user_cache_dir), documents_dir=Path(d.user_documents_dir) / APP_NAME)

    @classmethod
    def default(cls, data_dir: Optional[str | os.PathLike[str]] = None, *,
                environ: Optional[Mapping[str, str]] = None) -> "AppPaths":
        """Platform dirs, or $TRIAGE_DESKTOP_HOME as a root; then --data-dir or $TRIAGE_DESKTOP_DATA_DIR for data."""
        env = os.environ if environ is None else environ
        home = env.get(ENV_HOME)
        paths = cls.from_root(home) if home else cls.from_platform()
        override = data_dir or env.get(ENV_DATA_DIR)
        if override:
            paths = replace(paths, data_dir=Path(override).expanduser().absolute())
        return paths

    def with_data_dir(self, data_dir: str | os.PathLike[str]) -> "AppPaths":
        """The same paths with another data dir."""
        return replace(self, data_dir=Path(data_dir).expanduser().absolute())

    # ----- files in the data dir ------------------------------------------------------------------
    def database(self, training: bool = False) -> Path:
        """The SQLite file: live calls and training calls never share a file."""
        return self.data_dir / ("training.sqlite3" if training else "triage.sqlite3")

    @property
    def db_path(self) -> Path:
        """The live database file (same as database(training=False))."""
        return self.database(False)

    def lock_file(self, training: bool = False) -> Path:
        """The single-instance lock file beside the database."""
        return self.data_dir / ("training.lock" if training else "triage.lock")

    @property
    def backups_dir(self) -> Path:
        return self.data_dir / "backups"

    @property
    def quarantine_dir(self) -> Path:
        """Where a damaged database file is moved aside (never overwritten)."""
        return self.data_dir / "damaged"

    def ensure_data_dir(self) -> None:
        """Create the data dir and its backups folder (all the store needs), readable by the user only (0700).

        On Windows the folders inherit the user profile's ACL (only the user and administrators can read them).
        """
        for d in (self.data_dir, self.backups_dir):
            if not d.is_dir():
                d.mkdir(mode=0o700, parents=True, exist_ok=True)
                if os.name == "posix":
                    os.chmod(d, 0o700)

    def ensure(self) -> None:
        """Create every folder."""
        self.ensure_data_dir()
        for d in (self.config_dir, self.state_dir, self.log_dir):
            d.mkdir(parents=True, exist_ok=True)
