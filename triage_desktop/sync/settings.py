"""Where sync settings come from: explicit values, then environment, then the stored (declared) settings and the
token store. Reading and writing the stored ones is the store's (services / sync_cli); this module holds no connection."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from . import credentials

#: Keys this package reads from (and with --save writes to) the store's `settings` table.
SETTING_URL = "sync_collector_url"
SETTING_CA_BUNDLE = "sync_ca_bundle"

ENV_URL = "TRIAGE_COLLECTOR_URL"
ENV_TOKEN = "TRIAGE_COLLECTOR_TOKEN"
ENV_CA_BUNDLE = "TRIAGE_COLLECTOR_CA_BUNDLE"
ENV_DATA_DIR = "TRIAGE_DESKTOP_DATA_DIR"



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
    from ..paths import AppPaths

    if db:
        return Path(db)
    return Path(AppPaths.default(data_dir).db_path)


def resolve_values(*, stored_url: Optional[str], stored_ca: Optional[str], collector_url: Optional[str] = None,
                   token: Optional[str] = None, ca_bundle: Optional[str] = None,
                   config_dir: Optional[Path] = None) -> tuple[str, str, Optional[str]]:
    """(url, token, CA bundle) from the first place that has each: argument, environment, stored value, token store.
    Raises SettingsError naming what is missing."""
    url = collector_url or os.environ.get(ENV_URL) or stored_url
    if not url:
        raise SettingsError(f"no collector URL: pass --collector-url, set {ENV_URL}, or save one with --save")
    secret = token or os.environ.get(ENV_TOKEN) or credentials.load_token(config_dir=config_dir)
    if not secret:
        raise SettingsError(f"no device token: pass --token, set {ENV_TOKEN}, or save one with --save")
    bundle = ca_bundle or os.environ.get(ENV_CA_BUNDLE) or stored_ca or None
    if bundle and not Path(bundle).is_file():
        raise SettingsError(f"CA bundle {bundle} does not exist")
    return url, secret, bundle
