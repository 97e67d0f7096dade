"""An optional HMAC key, kept OUTSIDE the data dir, that signs every audit event as it is written.

Someone holding the database file alone can rewrite the chain and recompute every hash (the hashes need no
secret); they cannot make the signatures without the key. `$TRIAGE_DESKTOP_AUDIT_KEY_FILE` names the key file
(64 hex characters; `triage-desktop db audit-key FILE` makes one, 0600). Beside it, `FILE.since` records the first
event the key signed, so stripping the signatures off later events is caught too.
"""
from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from pathlib import Path
from typing import Optional

from .errors import StoreError

ENV_KEY_FILE = "TRIAGE_DESKTOP_AUDIT_KEY_FILE"


class AuditKey:
    """The key and where it lives; `sign(event_hash)` is the event's `mac`."""

    def __init__(self, path: Path, key: bytes):
        self.path = path
        self._key = key
        self._since_known = False

    @property
    def key_id(self) -> str:
        """A short public id of the key (never the key)."""
        return hashlib.sha256(b"triage-desktop audit key id" + self._key).hexdigest()[:16]

    def sign(self, event_hash: str) -> str:
        return hmac.new(self._key, event_hash.encode("ascii"), hashlib.sha256).hexdigest()

    def check(self, event_hash: str, mac: Optional[str]) -> bool:
        return mac is not None and hmac.compare_digest(self.sign(event_hash), mac)

    @property
    def since_file(self) -> Path:
        return self.path.with_name(self.path.name + ".since")

    def since(self) -> Optional[int]:
        """The first event id this key signed in this database (None: not used yet)."""
        try:
            return int(self.since_file.read_text(encoding="ascii").split()[0])
        except (OSError, ValueError, IndexError):
            return None

    def record_since(self, event_id: int) -> None:
        if self._since_known:  # read (or written) once: not a file read per event
            return
        if self.since() is None:
            fd = os.open(str(self.since_file), os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "w", encoding="ascii") as fh:
                fh.write(f"{event_id}\n")
                fh.flush()
                os.fsync(fh.fileno())
        self._since_known = True


def make_key_file(path: Path) -> Path:
    """A new random key, readable by the user only."""
    path = Path(path).expanduser().absolute()
    if path.exists():
        raise StoreError(f"{path} exists: a key is never overwritten (it would orphan every signature)")
    fd = os.open(str(path), os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(secrets.token_hex(32) + "\n")
    return path


def load(data_dir: Path, path: Optional[str] = None) -> Optional[AuditKey]:
    """The key named by `path` or $TRIAGE_DESKTOP_AUDIT_KEY_FILE, or None; refused inside the data dir."""
    name = path or os.environ.get(ENV_KEY_FILE)
    if not name:
        return None
    key_path = Path(name).expanduser().absolute()
    data = Path(data_dir).expanduser().absolute()
    if key_path == data or data in key_path.parents:
        raise StoreError(f"the audit key {key_path} must be kept outside the data dir {data} (a copy of the data "
                         "dir would carry the key with it)")
    try:
        text = key_path.read_text(encoding="ascii").strip()
        key = bytes.fromhex(text)
    except (OSError, ValueError):
        raise StoreError(f"the audit key file {key_path} cannot be read (64 hex characters expected)") from None
    if len(key) < 32:
        raise StoreError(f"the audit key in {key_path} is too short (64 hex characters expected)")
    return AuditKey(key_path, key)
