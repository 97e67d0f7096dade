"""Keep the device's collector token: in the OS keyring where one works, else in a 0600 file in the config dir."""
from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Optional

SERVICE = "triage-desktop"
ACCOUNT = "collector-token"
TOKEN_FILE = "collector-token"


def default_config_dir() -> Path:
    """The app's config dir: AppPaths' (honours $TRIAGE_DESKTOP_HOME), else platformdirs' user config dir."""
    try:
        from triage_desktop.paths import AppPaths

        return Path(AppPaths.default().config_dir)
    except ImportError:  # pragma: no cover - the app's paths module ships with the package
        import platformdirs

        return Path(platformdirs.user_config_dir("triage-desktop", appauthor=False))


def _usable_keyring() -> Optional[object]:
    """The keyring backend if it can really store secrets (not the fail/null backends), else None."""
    try:
        import keyring
        from keyring.backends import fail
    except Exception:  # noqa: BLE001 - no keyring package: use the file
        return None
    try:
        backend = keyring.get_keyring()
    except Exception:  # noqa: BLE001
        return None
    if isinstance(backend, fail.Keyring) or type(backend).__module__.startswith("keyring.backends.null"):
        return None
    priority = getattr(backend, "priority", 1)
    try:
        if float(priority) <= 0:
            return None
    except (TypeError, ValueError):
        pass
    chained = getattr(backend, "backends", None)
    if chained is not None and not chained:
        return None
    return backend


def _file(config_dir: Optional[Path]) -> Path:
    return (config_dir or default_config_dir()) / TOKEN_FILE


def save_token(token: str, *, config_dir: Optional[Path] = None) -> str:
    """Store the token; returns where it went ("keyring" or the file path)."""
    token = token.strip()
    if not token:
        raise ValueError("the token is empty")
    backend = _usable_keyring()
    if backend is not None:
        try:
            backend.set_password(SERVICE, ACCOUNT, token)  # type: ignore[attr-defined]
            path = _file(config_dir)
            if path.exists():
                path.unlink()  # no stale copy left behind in a file
            return "keyring"
        except Exception:  # noqa: BLE001 - a locked or broken keyring: fall back to the file
            pass
    path = _file(config_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        if hasattr(os, "fchmod"):  # POSIX; on Windows the file is in the user's own profile
            os.fchmod(descriptor, 0o600)
        os.write(descriptor, token.encode("utf-8") + b"\n")
    finally:
        os.close(descriptor)
    return str(path)


def load_token(*, config_dir: Optional[Path] = None) -> Optional[str]:
    """The stored token, from the keyring first, then the file; None if there is none."""
    backend = _usable_keyring()
    if backend is not None:
        try:
            token = backend.get_password(SERVICE, ACCOUNT)  # type: ignore[attr-defined]
            if token:
                return token
        except Exception:  # noqa: BLE001
            pass
    path = _file(config_dir)
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return None
    if os.name == "posix" and mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise PermissionError(f"{path} is readable by other users; run: chmod 600 {path}")
    token = path.read_text(encoding="utf-8").strip()
    return token or None


def delete_token(*, config_dir: Optional[Path] = None) -> None:
    """Forget the token everywhere it may be kept."""
    backend = _usable_keyring()
    if backend is not None:
        try:
            backend.delete_password(SERVICE, ACCOUNT)  # type: ignore[attr-defined]
        except Exception:  # noqa: BLE001 - not there, or no keyring
            pass
    path = _file(config_dir)
    if path.exists():
        path.unlink()
