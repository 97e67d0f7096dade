"""Read the flow versions a store has recorded (table flow_versions), read-only, for `flows diff`."""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class StoredFlow:
    hash: str
    flow_id: str
    version: str
    title: str
    source_text: str
    first_used_at: str


def find_flow_versions(db_path: Path, spec: str) -> list[StoredFlow]:
    """Versions matching `FLOW@VERSION`, `FLOW` (every version) or a hash prefix, oldest first.

    Opens the database read-only (works while the app has it open; never writes).
    """
    if not Path(db_path).is_file():
        raise FileNotFoundError(f"no call database at {db_path}")
    conn = sqlite3.connect(f"file:{Path(db_path).resolve()}?mode=ro", uri=True)
    try:
        cols = "hash, flow_id, version, title, source_text, first_used_at"
        if "@" in spec:
            fid, ver = spec.split("@", 1)
            rows = conn.execute(f"SELECT {cols} FROM flow_versions WHERE flow_id = ? AND version = ? "
                                "ORDER BY first_used_at", (fid, ver)).fetchall()
        else:
            rows = conn.execute(f"SELECT {cols} FROM flow_versions WHERE flow_id = ? OR hash LIKE ? "
                                "ORDER BY first_used_at", (spec, spec.lower() + "%")).fetchall()
    finally:
        conn.close()
    return [StoredFlow(*r) for r in rows]
