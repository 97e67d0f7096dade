"""Analyst accounts for the dashboard: argon2 password hashes, server-side sessions, rate-limited wrong passwords.

Analysts are separate from device tokens: an analyst can read figures and cannot upload; a device can upload and
cannot read figures.
"""
from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Optional

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import Column, Engine, Integer, String, Table, delete, select, update

from .db import metadata, utc_now

analysts = Table(
    "analysts", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(64), nullable=False, unique=True),
    Column("password_hash", String(200), nullable=False),
    Column("created_at", String(32), nullable=False),
    Column("disabled_at", String(32), nullable=True),
)

#: Only a hash of each session token is kept; the CSRF token is per session.
analyst_sessions = Table(
    "analyst_sessions", metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("analyst", String(64), nullable=False),
    Column("csrf", String(64), nullable=False),
    Column("created_at", String(32), nullable=False),
    Column("expires_at", String(32), nullable=False),
)

#: Wrong passwords, per account name and per client address.
login_failures = Table(
    "login_failures", metadata,
    Column("key", String(120), primary_key=True),
    Column("failures", Integer, nullable=False),
    Column("first_at", String(32), nullable=False),
    Column("locked_until", String(32), nullable=True),
)

_HASHER = PasswordHasher()
_DUMMY_HASH = _HASHER.hash("not-a-password-" + secrets.token_hex(8))
MIN_PASSWORD = 12


class AnalystError(ValueError):
    """An analyst name or password is unacceptable."""


@dataclass(frozen=True)
class LoginLimits:
    """Wrong passwords allowed within `window_s` before the name and the address are locked for `lock_s`."""

    max_failures: int = 5
    window_s: int = 900
    lock_s: int = 900


@dataclass(frozen=True)
class Session:
    analyst: str
    csrf: str


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="microseconds").replace("+00:00", "Z")


def _parse(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def _check_name(name: str) -> str:
    name = name.strip()
    if not name or len(name) > 64 or not all(c.isalnum() or c in "-_." for c in name):
        raise AnalystError("analyst name must be 1-64 letters, digits, '-', '_' or '.'")
    return name


def add_analyst(engine: Engine, name: str, password: str) -> None:
    """Create an analyst with an argon2id password hash (the password itself is never stored)."""
    name = _check_name(name)
    if len(password) < MIN_PASSWORD:
        raise AnalystError(f"the password must be at least {MIN_PASSWORD} characters")
    with engine.begin() as conn:
        if conn.execute(select(analysts.c.id).where(analysts.c.name == name)).first():
            raise AnalystError(f"an analyst named {name!r} already exists")
        conn.execute(analysts.insert().values(name=name, password_hash=_HASHER.hash(password), created_at=utc_now()))


def remove_analyst(engine: Engine, name: str) -> None:
    """Disable an analyst and end their sessions at once."""
    name = _check_name(name)
    with engine.begin() as conn:
        done = conn.execute(update(analysts).where(analysts.c.name == name, analysts.c.disabled_at.is_(None))
                            .values(disabled_at=utc_now()))
        if done.rowcount == 0:
            raise AnalystError(f"no active analyst named {name!r}")
        conn.execute(delete(analyst_sessions).where(analyst_sessions.c.analyst == name))


def _locked(conn, keys: list[str], now: datetime) -> Optional[datetime]:
    until = None
    for row in conn.execute(select(login_failures.c.locked_until).where(login_failures.c.key.in_(keys))):
        if row[0] and _parse(row[0]) > now:
            until = max(until, _parse(row[0])) if until else _parse(row[0])
    return until


def _fail(conn, keys: list[str], now: datetime, limits: LoginLimits) -> None:
    for key in keys:
        row = conn.execute(select(login_failures).where(login_failures.c.key == key)).first()
        if row is None or _parse(row.first_at) < now - timedelta(seconds=limits.window_s):
            conn.execute(delete(login_failures).where(login_failures.c.key == key))
            conn.execute(login_failures.insert().values(key=key, failures=1, first_at=_iso(now), locked_until=None))
            count = 1
        else:
            count = row.failures + 1
            conn.execute(update(login_failures).where(login_failures.c.key == key).values(failures=count))
        if count >= limits.max_failures:
            conn.execute(update(login_failures).where(login_failures.c.key == key)
                         .values(locked_until=_iso(now + timedelta(seconds=limits.lock_s))))


class LoginLocked(Exception):
    """Too many wrong passwords: refused without checking, until `until`."""

    def __init__(self, until: datetime) -> None:
        super().__init__("too many wrong passwords")
        self.until = until


def login(engine: Engine, name: str, password: str, client: str, limits: LoginLimits,
          session_hours: float = 8.0) -> Optional[tuple[str, Session]]:
    """Check a name and password; a new session token (shown once, kept hashed) and its session, or None.
    Raises LoginLocked when the name or the address has had too many wrong passwords lately."""
    now = _now()
    keys = ["name:" + name.strip().lower()[:64], "addr:" + client[:64]]
    with engine.begin() as conn:
        until = _locked(conn, keys, now)
        if until:
            raise LoginLocked(until)
        row = conn.execute(select(analysts.c.password_hash).where(
            analysts.c.name == name.strip(), analysts.c.disabled_at.is_(None))).first()
    stored = row[0] if row else _DUMMY_HASH  # same work whether or not the name exists
    try:
        _HASHER.verify(stored, password)
        ok = row is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        ok = False
    with engine.begin() as conn:
        if not ok:
            _fail(conn, keys, now, limits)
            return None
        conn.execute(delete(login_failures).where(login_failures.c.key == keys[0]))
        token = secrets.token_urlsafe(32)
        csrf = secrets.token_urlsafe(24)
        conn.execute(analyst_sessions.insert().values(
            token_hash=_hash(token), analyst=name.strip(), csrf=csrf, created_at=_iso(now),
            expires_at=_iso(now + timedelta(hours=session_hours))))
        conn.execute(delete(analyst_sessions).where(analyst_sessions.c.expires_at < _iso(now)))
    return token, Session(name.strip(), csrf)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def session_for(engine: Engine, token: Optional[str]) -> Optional[Session]:
    """The live session a cookie token belongs to (an analyst still active), or None."""
    if not token or len(token) > 128:
        return None
    with engine.connect().execution_options(read_only=True) as conn:
        row = conn.execute(
            select(analyst_sessions.c.analyst, analyst_sessions.c.csrf, analyst_sessions.c.expires_at)
            .join(analysts, analysts.c.name == analyst_sessions.c.analyst)
            .where(analyst_sessions.c.token_hash == _hash(token), analysts.c.disabled_at.is_(None))
        ).first()
    if row is None or _parse(row[2]) <= _now():
        return None
    return Session(row[0], row[1])


def logout(engine: Engine, token: str) -> None:
    """End a session (its cookie no longer opens anything)."""
    with engine.begin() as conn:
        conn.execute(delete(analyst_sessions).where(analyst_sessions.c.token_hash == _hash(token)))
