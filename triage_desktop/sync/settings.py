"""Where sync settings come from: explicit values, then environment, then the store's settings table and the token store."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from . import credentials, outbox

#: Keys this package reads from (and with --save writes to) the store's `settings` table.
SETTING_URL = "sync_collector_url"
SETTING_CA_BUNDLE = "sync_ca_bundle"

ENV_URL = "TRIAGE_COLLECTOR_URL"
ENV_TOKEN = "TRIAGE_COLLECTOR_TOKEN"
ENV_CA_BUNDLE = "TRIAGE_COLLECTOR_CA_BUNDLE"
ENV_DATA_DIR = "TRIAGE_DESKTOP_DATA_DIR"

#: The live database's file name inside the data dir, if the app's AppPaths cannot be imported.
DB_FILENAME = "triage.sqlite3"


class SettingsError(ValueError):
    """A sync setting is missing or unusable; the message says which and how to set it."""


@dataclass(frozen=True)
class ResolvedSettings:
    """The settings one pass will use, and where each came from (for the CLI's messages)."""

    db_path: Path
    collector_url: str
    token: str
    ca_bundle: Optional[str]


def database_path(data_dir: Optional[str | Path] = None, db: Optional[str | Path] = None) -> Path:
    """The live database: --db if given, else the store's file in the data dir (the app's AppPaths decide)."""
    if db:
        return Path(db)
    try:
        from triage_desktop.paths import AppPaths
    except ImportError:  # pragma: no cover - the app's paths module ships with the package
        import platformdirs

        root = Path(data_dir or os.environ.get(ENV_DATA_DIR) or platformdirs.user_data_dir("triage-desktop", appauthor=False))
        return root / DB_FILENAME
    return Path(AppPaths.default(data_dir).db_path)


def resolve(
    *,
    data_dir: Optional[str | Path] = None,
    db: Optional[str | Path] = None,
    collector_url: Optional[str] = None,
    token: Optional[str] = None,
    ca_bundle: Optional[str] = None,
    config_dir: Optional[Path] = None,
) -> ResolvedSettings:
    """Fill each sync setting from the first place that has it: argument, environment, settings table, token store."""
    path = database_path(data_dir, db)
    if not path.exists():
        raise SettingsError(f"no database at {path} (use --data-dir or --db)")
    stored_url = stored_ca = None
    database = outbox.open_database(str(path))
    try:
        stored_url = outbox.setting(database, SETTING_URL)
        stored_ca = outbox.setting(database, SETTING_CA_BUNDLE)
    finally:
        database.close()
    url = collector_url or os.environ.get(ENV_URL) or stored_url
    if not url:
        raise SettingsError(f"no collector URL: pass --collector-url, set {ENV_URL}, or save one with --save")
    secret = token or os.environ.get(ENV_TOKEN) or credentials.load_token(config_dir=config_dir)
    if not secret:
        raise SettingsError(f"no device token: pass --token, set {ENV_TOKEN}, or save one with --save")
    bundle = ca_bundle or os.environ.get(ENV_CA_BUNDLE) or stored_ca or None
    if bundle and not Path(bundle).is_file():
        raise SettingsError(f"CA bundle {bundle} does not exist")
    return ResolvedSettings(db_path=path, collector_url=url, token=secret, ca_bundle=bundle)


def save(db_path: Path, *, collector_url: Optional[str], ca_bundle: Optional[str], token: Optional[str],
         config_dir: Optional[Path] = None) -> list[str]:
    """Remember the given URL and CA bundle in the settings table and the token in the token store."""
    saved: list[str] = []
    if collector_url:
        from .transport import check_collector_url

        try:
            check_collector_url(collector_url)
        except ValueError as error:
            raise SettingsError(str(error)) from None
    database = outbox.open_database(str(db_path))
    try:
        with outbox.write_transaction(database):
            for key, value in ((SETTING_URL, collector_url), (SETTING_CA_BUNDLE, ca_bundle)):
                if value:
                    database.conn.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", (key, value))
                    saved.append(key)
    finally:
        database.close()
    if token:
        saved.append(f"token ({credentials.save_token(token, config_dir=config_dir)})")
    return saved
