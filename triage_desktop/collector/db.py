"""The collector's storage on SQLAlchemy Core: one schema for SQLite files and PostgreSQL URLs, plus device tokens."""
from __future__ import annotations

import hashlib
import re
import secrets
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Optional

from sqlalchemy import (
    Column,
    Engine,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    create_engine,
    event,
    select,
    update,
)

metadata = MetaData()

#: One row per (call uuid, version): the database, not only the code, forbids storing a summary twice.
summaries = Table(
    "summaries",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("call_uuid", String(36), nullable=False),
    Column("call_version", Integer, nullable=False),
    Column("device_id", String(36), nullable=False),
    Column("force_code", String(8), nullable=False),
    Column("schema_version", Integer, nullable=False),
    Column("pathway", String(16), nullable=False),
    Column("outcome_code", String(32), nullable=False),
    Column("iso_week", String(8), nullable=False),
    Column("started_at", String(20), nullable=False),
    Column("payload", Text, nullable=False),
    Column("payload_hash", String(64), nullable=False),
    Column("uploaded_by", String(64), nullable=False),
    Column("received_at", String(32), nullable=False),
    UniqueConstraint("call_uuid", "call_version", name="uq_summaries_call"),
    Index("ix_summaries_device_call", "device_id", "call_uuid"),
    Index("ix_summaries_week", "iso_week", "pathway", "outcome_code"),
)

#: Same uuid+version sent with different content: kept aside for a person, once per distinct content.
conflicts = Table(
    "conflicts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("call_uuid", String(36), nullable=False),
    Column("call_version", Integer, nullable=False),
    Column("device_id", String(36), nullable=False),
    Column("payload", Text, nullable=False),
    Column("payload_hash", String(64), nullable=False),
    Column("uploaded_by", String(64), nullable=False),
    Column("received_at", String(32), nullable=False),
    UniqueConstraint("call_uuid", "call_version", "payload_hash", name="uq_conflicts_content"),
)

#: Devices allowed to upload; only a hash of each token is kept.
devices = Table(
    "devices",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(64), nullable=False, unique=True),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("created_at", String(32), nullable=False),
    Column("revoked_at", String(32), nullable=True),
)

#: Each device token is bound to one device_id (the first it wrote); no other token may use that device_id.
device_bindings = Table(
    "device_bindings",
    metadata,
    Column("name", String(64), primary_key=True),
    Column("device_id", String(36), nullable=False, unique=True),
    Column("bound_at", String(32), nullable=False),
)

#: The audit-chain heads each device sent with its sync passes (an anchor outside the PC).
chain_heads = Table(
    "chain_heads",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(64), nullable=False),
    Column("device_id", String(36), nullable=False),
    Column("event_id", Integer, nullable=False),
    Column("event_hash", String(64), nullable=False),
    Column("received_at", String(32), nullable=False),
    UniqueConstraint("device_id", "event_id", "event_hash", name="uq_chain_heads"),
    Index("ix_chain_heads_device", "device_id", "event_id"),
)

TOKEN_PREFIX = "tdc_"


class DeviceError(ValueError):
    """A device name is unknown, taken or malformed."""


def utc_now() -> str:
    """Now, as ISO 8601 UTC text with microseconds."""
    return datetime.now(timezone.utc).isoformat(timespec="microseconds").replace("+00:00", "Z")


def database_url(target: str) -> str:
    """A SQLAlchemy URL for a SQLite file path or a postgresql:// URL."""
    if target.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + target.split("://", 1)[1]
    if "://" in target:
        return target
    return "sqlite:///" + str(Path(target).expanduser().resolve())


def make_engine(target: str) -> Engine:
    """Open (without creating tables) the collector database at a file path or URL."""
    url = database_url(target)
    if url.startswith("sqlite"):
        # Keep connections open: closing the last connection to a WAL database checkpoints it, every time.
        engine = create_engine(
            url, pool_size=4, max_overflow=12, connect_args={"timeout": 60, "check_same_thread": False}
        )
        _tune_sqlite(engine)
        return engine
    return create_engine(url, pool_size=8, max_overflow=16, pool_pre_ping=True)


#: SQLite's own default: checkpoint the write-ahead log in the commit that takes it past this many pages.
SQLITE_AUTOCHECKPOINT = 1000


def _tune_sqlite(engine: Engine) -> None:
    """WAL, full fsync on commit, and BEGIN IMMEDIATE for writes so concurrent uploads queue instead of failing."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA busy_timeout=60000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        read_only = connection.get_execution_options().get("read_only", False)
        connection.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")


def create_schema(engine: Engine) -> None:
    """Create the collector's tables and indexes if they do not exist."""
    from . import analysts, rollup  # noqa: F401 - their tables are on this metadata
    from sqlalchemy import inspect

    had_rollup = inspect(engine).has_table("rollup_weekly")
    metadata.create_all(engine)
    if not had_rollup:
        rollup.rebuild(engine)  # an existing collector database gains its rollup once


def hash_token(token: str) -> str:
    """sha256 hex of a device token (tokens are 256-bit random, so a plain hash is enough)."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _check_name(name: str) -> str:
    name = name.strip()
    if not name or len(name) > 64 or not all(c.isalnum() or c in "-_." for c in name):
        raise DeviceError("device name must be 1-64 letters, digits, '-', '_' or '.'")
    return name


def add_device(engine: Engine, name: str, device_id: Optional[str] = None) -> str:
    """Register a device and return its new token (shown once; only the hash is stored).

    With `device_id` (the PC's `triage-desktop settings device_id`) the token is bound to it now; otherwise it is
    bound to the device_id of its first upload. Either way no other token can ever write that device_id.
    """
    name = _check_name(name)
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with engine.begin() as conn:
        if conn.execute(select(devices.c.id).where(devices.c.name == name)).first():
            raise DeviceError(f"a device named {name!r} already exists")
        if device_id is not None:
            if not re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", device_id):
                raise DeviceError("device id must be a lower-case uuid")
            if owner_of_device_id(conn, device_id) is not None:
                raise DeviceError("that device id already belongs to another device")
            conn.execute(device_bindings.insert().values(name=name, device_id=device_id, bound_at=utc_now()))
        conn.execute(devices.insert().values(name=name, token_hash=hash_token(token), created_at=utc_now()))
    return token


def add_devices(engine: Engine, names: list[str]) -> list[tuple[str, str]]:
    """Register many devices in one transaction (all or none); returns (name, token) pairs, tokens shown once."""
    clean = [_check_name(n) for n in names]
    if len(set(clean)) != len(clean):
        raise DeviceError("device names repeat")
    pairs = [(n, TOKEN_PREFIX + secrets.token_urlsafe(32)) for n in clean]
    with engine.begin() as conn:
        taken = {r[0] for r in conn.execute(select(devices.c.name).where(devices.c.name.in_(clean)))}
        if taken:
            raise DeviceError(f"devices already exist: {', '.join(sorted(taken))}")
        now = utc_now()
        conn.execute(devices.insert(), [{"name": n, "token_hash": hash_token(t), "created_at": now} for n, t in pairs])
    return pairs


def revoke_device(engine: Engine, name: str) -> None:
    """Revoke a device's token at once; its stored summaries stay."""
    name = _check_name(name)
    with engine.begin() as conn:
        result = conn.execute(
            update(devices).where(devices.c.name == name, devices.c.revoked_at.is_(None)).values(revoked_at=utc_now())
        )
        if result.rowcount == 0:
            raise DeviceError(f"no active device named {name!r}")


def list_devices(engine: Engine) -> list[dict[str, Any]]:
    """Every device with its creation and revocation times (never tokens)."""
    with engine.connect().execution_options(read_only=True) as conn:
        rows = conn.execute(select(devices.c.name, devices.c.created_at, devices.c.revoked_at).order_by(devices.c.name))
        return [dict(row._mapping) for row in rows]


def bound_device(conn: Any, name: str) -> Optional[str]:
    """The device_id a token (by device name) is bound to, or None before its first upload."""
    row = conn.execute(select(device_bindings.c.device_id).where(device_bindings.c.name == name)).first()
    return row[0] if row else None


def owner_of_device_id(conn: Any, device_id: str) -> Optional[str]:
    row = conn.execute(select(device_bindings.c.name).where(device_bindings.c.device_id == device_id)).first()
    return row[0] if row else None


def authenticate(engine: Engine, token: Optional[str]) -> Optional[str]:
    """The active device name a bearer token belongs to, or None."""
    if not token or len(token) > 256:
        return None
    with engine.connect().execution_options(read_only=True) as conn:
        row = conn.execute(
            select(devices.c.name).where(devices.c.token_hash == hash_token(token), devices.c.revoked_at.is_(None))
        ).first()
    return row[0] if row else None


def record_chain_head(engine: Engine, name: str, device_id: str, event_id: int, event_hash: str) -> None:
    """Keep a chain head (once per distinct head)."""
    with engine.begin() as conn:
        seen = conn.execute(select(chain_heads.c.id).where(
            chain_heads.c.device_id == device_id, chain_heads.c.event_id == event_id,
            chain_heads.c.event_hash == event_hash)).first()
        if not seen:
            conn.execute(chain_heads.insert().values(name=name, device_id=device_id, event_id=event_id,
                                                     event_hash=event_hash, received_at=utc_now()))


def chain_heads_of(engine: Engine, device_id: str) -> list[dict[str, Any]]:
    with engine.connect().execution_options(read_only=True) as conn:
        rows = conn.execute(select(chain_heads.c.event_id, chain_heads.c.event_hash, chain_heads.c.received_at)
                            .where(chain_heads.c.device_id == device_id).order_by(chain_heads.c.event_id))
        return [dict(r._mapping) for r in rows]
