"""Helpers for the sync tests: store-shaped SQLite files, call rows, collector subprocesses and backends."""
from __future__ import annotations

import json
import os
import random
import re
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any, Callable, Optional

import httpx
import pytest
import sqlite_utils

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:  # the package is importable from the checkout without installing it
    sys.path.insert(0, str(REPO))


from triage_desktop.collector import db as collector_db  # noqa: E402

BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]

OUTCOMES = {
    "POLICE_EMERGENCY": ("Police: emergency (grade 1)", "emergency", 1),
    "POLICE_PRIORITY": ("Police: priority (grade 2)", "priority", 1),
    "MH_CRISIS_LINE": ("Agency: NHS 111 option 2 / crisis line", None, 0),
    "HEALTH_PROVIDER_RESPONSIBLE": ("Agency: the calling health or care provider", None, 0),
    "ADVICE_ONLY": ("No deployment: advice given (grade 4)", "resolved", 0),
}
PATHWAYS = ["welfare", "walkout", "awol", "conveyance", "s136", "crisis"]
FLAGS = ["alone", "self_harm", "under_18", "weapon", "crime", "high_risk"]


def make_call(rng: Optional[random.Random] = None, **overrides: Any) -> dict[str, Any]:
    """A finalised live `calls` row shaped as in docs/store-contract.md, personal columns filled in."""
    rng = rng or random.Random()
    code = rng.choice(sorted(OUTCOMES))
    response, grade, police = OUTCOMES[code]
    entry = {"id": "entry_triage", "version": "1.0.0", "hash": "%064x" % rng.getrandbits(256)}
    pathway = rng.choice(PATHWAYS)
    second = {"id": f"{pathway}_flow", "version": "1.2.0", "hash": "%064x" % rng.getrandbits(256)}
    day = rng.randint(1, 28)
    call = {
        "uuid": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
        "mode": "live",
        "status": "final",
        "version": 1,
        "flow_id": entry["id"], "flow_version": entry["version"], "flow_hash": entry["hash"],
        "flows_json": json.dumps([entry, second]),
        "pathway": pathway,
        "outcome_code": code,
        "original_outcome_code": None,
        "response": response,
        "grade": grade,
        "police_attend": police,
        "flags_json": json.dumps(sorted(rng.sample(FLAGS, rng.randint(0, 3)))),
        "thrive_json": json.dumps({"threat": "Caller's neighbour Jo Bloggs shouting"}),
        "thrive_levels_json": json.dumps({"threat": "low", "risk": rng.choice(["low", "medium", "high"])}),
        "immediate_risk": 0, "early_exit": 0, "overridden": 0, "handover": rng.randint(0, 1), "caller_informed": 1,
        "started_at": f"2024-03-{day:02d}T{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}.5+00:00",
        "decision_offset_s": round(rng.uniform(10, 300), 3),
        "duration_s": round(rng.uniform(300, 900), 3),
        "finalised_at": "2024-03-01T10:00:00+00:00",
        "handler_id": "PC 4471 Smith", "handler_role": "call_handler",
        "rationale": "Jo said her brother John is at 12 High Street", "override_reason": None,
        "early_exit_reason": None, "immediate_risk_reason": None,
        "caller_name": "Jo Bloggs", "caller_phone": "07700 900123", "address": "12 High Street, Anytown",
        "notes": "brother John Bloggs, DOB 01/02/1980",
    }
    call.update(overrides)
    return call


def create_store_tables(db: sqlite_utils.Database) -> None:
    """The store's outbox and settings tables, exactly as docs/store-contract.md fixes them."""
    db.execute("PRAGMA journal_mode=WAL")
    db["outbox"].create(
        {
            "id": int, "call_uuid": str, "call_version": int, "payload": str, "payload_hash": str, "status": str,
            "attempts": int, "next_attempt_at": str, "last_error": str, "created_at": str, "synced_at": str,
        },
        pk="id",
        not_null={"call_uuid", "call_version", "payload", "payload_hash", "status", "created_at"},
        defaults={"status": "pending", "attempts": 0},
    )
    db["outbox"].create_index(["call_uuid", "call_version"], unique=True)
    db["outbox"].create_index(["status", "id"])
    db["settings"].create({"key": str, "value": str}, pk="key")


class Store:
    """The REAL store's database file (its migrations, triggers, settings and outbox), with a device id; adds
    finished calls as `calls` rows plus the outbox rows the store's own finalise code builds for them."""

    def __init__(self, path: Path, seed: Optional[int] = None) -> None:
        from triage_desktop.store.schema import MIGRATIONS
        from triage_desktop.store.settings import Settings

        self.path = path
        self.rng = random.Random(seed)  # seed None: fresh uuids, so stores never collide on a shared collector
        self.device_id = str(uuid.UUID(int=self.rng.getrandbits(128), version=4))
        self.db = sqlite_utils.Database(path)
        self.db.execute("PRAGMA journal_mode=WAL")
        MIGRATIONS.apply(self.db)
        self.db.execute("INSERT INTO settings (key, value) VALUES ('device_id', ?)", (self.device_id,))
        Settings(self.db).ensure_defaults()

    def add_calls(self, n: int, **overrides: Any) -> list[dict[str, Any]]:
        """Finalise n calls: the call row and its outbox row (store.calls.outbox_row_for), in one transaction."""
        from triage_desktop.store.calls import outbox_row_for
        from triage_desktop.sync.summary import outbox_row

        calls = [make_call(self.rng, **overrides) for _ in range(n)]
        rows = [outbox_row_for(c, device_id=self.device_id, force_code="XX", summary=outbox_row) for c in calls]
        with self.db.atomic():
            self.db["calls"].insert_all(calls)
            self.db["outbox"].insert_all(rows)
        return rows

    def statuses(self) -> dict[str, int]:
        return {s: c for s, c in self.db.execute("SELECT status, COUNT(*) FROM outbox GROUP BY status").fetchall()}

    def close(self) -> None:
        self.db.close()


# ---------------------------------------------------------------- backends


def fresh_target(kind: str, folder: Path, request: pytest.FixtureRequest) -> tuple[str, Callable[[], None]]:
    if kind == "sqlite":
        return str(folder / f"collector-{uuid.uuid4().hex[:8]}.sqlite"), lambda: None
    return pg_schema_target(request.getfixturevalue("postgres_url"))


def pg_schema_target(base: str, prefix: str = "t_") -> tuple[str, Callable[[], None]]:
    """A fresh PostgreSQL schema on the server at `base`: its URL (search_path set) and a function that drops it."""
    import psycopg

    schema = prefix + uuid.uuid4().hex[:12]
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")

    def drop() -> None:
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")

    return base + ("&" if "?" in base else "?") + f"options=-csearch_path%3D{schema}", drop


# ---------------------------------------------------------------- collector processes


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Collector:
    """A real `triage-collector serve` subprocess (uvicorn) on a loopback port."""

    def __init__(self, target: str, log_dir: Path, port: Optional[int] = None, extra: tuple[str, ...] = ()) -> None:
        self.target, self.log_dir, self.extra = target, log_dir, extra
        self.port = port or free_port()
        self.proc: Optional[subprocess.Popen[bytes]] = None
        self.scheme = "https" if "--ssl-certfile" in extra else "http"
        self.verify: Any = True
        self._engine: Any = None
        #: only for tests that make the collector fail on purpose (a database taken away under it)
        self.allow_server_errors = False

    @property
    def url(self) -> str:
        return f"{self.scheme}://127.0.0.1:{self.port}"

    def start(self, extra: Optional[tuple[str, ...]] = None) -> "Collector":
        args = self.extra if extra is None else extra
        env = dict(os.environ, PYTHONPATH=str(REPO))
        log = open(self.log_dir / f"collector-{self.port}.log", "ab")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "triage_desktop.collector", "serve", "--db", self.target, "--port", str(self.port), *args],
            cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT,
        )
        log.close()
        self.wait_ready()
        return self

    def wait_ready(self, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.proc is not None
            if self.proc.poll() is not None:
                raise RuntimeError(f"collector exited early:\n{self.log_text()}")
            try:
                if httpx.get(self.url + "/v1/health", timeout=1.0, verify=self.verify).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.05)
        raise RuntimeError(f"collector did not become ready:\n{self.log_text()}")

    def log_text(self) -> str:
        path = self.log_dir / f"collector-{self.port}.log"
        return path.read_text(errors="replace")[-4000:] if path.exists() else ""

    def kill(self) -> None:
        """SIGKILL: no shutdown handlers, no flushing, as in a power cut of the process."""
        if self.proc and self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
            self.proc.wait(10)

    def server_errors(self) -> list[str]:
        """Every HTTP 5xx answer (or traceback) in the collector's log: a bad record must never cause one."""
        path = self.log_dir / f"collector-{self.port}.log"
        if not path.exists():
            return []
        return [line for line in path.read_text(errors="replace").splitlines()
                if re.search(r'HTTP/1\.[01]" 5\d\d', line) or line.startswith("Traceback")
                or "Exception in ASGI application" in line]

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None
        errors = self.server_errors()
        if errors and not self.allow_server_errors:
            raise AssertionError(f"the collector answered HTTP 5xx (or crashed): {errors[:5]}")

    @property
    def engine(self) -> Any:
        if self._engine is None:
            self._engine = collector_db.make_engine(self.target)
            collector_db.create_schema(self._engine)
        return self._engine

    def add_device(self, name: Optional[str] = None, device_id: Optional[str] = None) -> str:
        return collector_db.add_device(self.engine, name or f"pc-{uuid.uuid4().hex[:8]}", device_id)

    def scalar(self, sql: str, **params: Any) -> Any:
        from sqlalchemy import text

        with self.engine.connect().execution_options(read_only=True) as conn:
            return conn.execute(text(sql), params).scalar()

    def count(self, device_id: Optional[str] = None) -> int:
        if device_id is None:
            return int(self.scalar("SELECT COUNT(*) FROM summaries"))
        return int(self.scalar("SELECT COUNT(*) FROM summaries WHERE device_id = :d", d=device_id))

    def distinct(self, device_id: str) -> int:
        return int(self.scalar(
            "SELECT COUNT(*) FROM (SELECT DISTINCT call_uuid, call_version FROM summaries WHERE device_id = :d) AS k",
            d=device_id,
        ))




# ---------------------------------------------------------------- analysts (dashboard)


def analyst_client(collector: Collector, name: Optional[str] = None, password: str = "correct horse battery") -> httpx.Client:
    """An httpx client signed in to the collector's dashboard as a new analyst (session cookie held)."""
    import re as _re

    from triage_desktop.collector import analysts

    name = name or f"analyst-{uuid.uuid4().hex[:8]}"
    analysts.add_analyst(collector.engine, name, password)
    client = httpx.Client(base_url=collector.url, timeout=30)
    page = client.get("/dashboard/login")
    csrf = _re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
    answer = client.post("/dashboard/login", data={"csrf": csrf, "name": name, "password": password})
    assert answer.status_code == 303, answer.text
    return client
