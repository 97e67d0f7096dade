"""Backups with SQLite's online backup API, a bounded thinning rule, and restore (the old file kept aside)."""
from __future__ import annotations

import datetime as _dt
import os
import re
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from ..paths import AppPaths
from .errors import StoreError

NAME_RE = re.compile(r"^(?P<stem>triage|training)-(?P<ts>\d{8}T\d{12})Z-(?P<reason>[a-z]+)\.sqlite3$")
#: Thinning: keep this many newest backups, plus the newest of each of the last N days / weeks / months.
KEEP_RECENT, KEEP_DAYS, KEEP_WEEKS, KEEP_MONTHS = 6, 7, 8, 12


@dataclass(frozen=True)
class BackupInfo:
    """One backup file and when it was made (UTC)."""

    path: Path
    made_at: _dt.datetime
    reason: str

    def age_text(self, now: Optional[_dt.datetime] = None) -> str:
        """'3 hours ago (2026-11-23 10:00 UTC)'."""
        now = now or _dt.datetime.now(_dt.timezone.utc)
        secs = max(0, int((now - self.made_at).total_seconds()))
        for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
            if secs >= size:
                n = secs // size
                ago = f"{n} {unit}{'s' if n != 1 else ''} ago"
                break
        else:
            ago = "just now"
        return f"{ago} ({self.made_at:%Y-%m-%d %H:%M} UTC)"


def _stem(training: bool) -> str:
    return "training" if training else "triage"


def backup_connection(src: sqlite3.Connection, dest: Path) -> Path:
    """Copy a live database with the online backup API into a new file (written beside, then renamed)."""
    if src.in_transaction:  # the backup API would wait for ever on its own connection's open transaction
        raise StoreError("cannot back up while a write is in progress; try again in a moment")
    tmp = dest.with_name(dest.name + ".partial")
    tmp.unlink(missing_ok=True)
    out = sqlite3.connect(str(tmp))
    try:
        src.backup(out)
        out.execute("PRAGMA journal_mode=DELETE")
        out.commit()
    finally:
        out.close()
    with open(tmp, "rb") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, dest)
    return dest


def make_backup(conn: sqlite3.Connection, paths: AppPaths, training: bool, reason: str,
                now: Optional[_dt.datetime] = None) -> Path:
    """A new backup named by time and reason (e.g. triage-20261123T101500123456Z-timer.sqlite3)."""
    now = now or _dt.datetime.now(_dt.timezone.utc)
    paths.backups_dir.mkdir(parents=True, exist_ok=True)
    name = f"{_stem(training)}-{now:%Y%m%dT%H%M%S%f}Z-{reason}.sqlite3"
    return backup_connection(conn, paths.backups_dir / name)


def list_backups(paths: AppPaths, training: bool = False) -> list[BackupInfo]:
    """This database's backups, newest first."""
    out: list[BackupInfo] = []
    if not paths.backups_dir.is_dir():
        return out
    for p in paths.backups_dir.iterdir():
        m = NAME_RE.match(p.name)
        if not m or m["stem"] != _stem(training):
            continue
        made = _dt.datetime.strptime(m["ts"], "%Y%m%dT%H%M%S%f").replace(tzinfo=_dt.timezone.utc)
        out.append(BackupInfo(p, made, m["reason"]))
    return sorted(out, key=lambda b: b.made_at, reverse=True)


def keep_set(infos: list[BackupInfo], now: Optional[_dt.datetime] = None) -> set[Path]:
    """The backups the thinning rule keeps: newest few, then one per day, week and month (bounded)."""
    now = now or _dt.datetime.now(_dt.timezone.utc)
    keep = {b.path for b in infos[:KEEP_RECENT]}
    buckets: dict[tuple[str, object], Path] = {}
    for b in infos:  # newest first: the first seen in a bucket is kept
        age = now - b.made_at
        keys = []
        if age <= _dt.timedelta(days=KEEP_DAYS):
            keys.append(("day", b.made_at.date()))
        if age <= _dt.timedelta(weeks=KEEP_WEEKS):
            keys.append(("week", tuple(b.made_at.isocalendar())[:2]))
        if age <= _dt.timedelta(days=31 * KEEP_MONTHS):
            keys.append(("month", (b.made_at.year, b.made_at.month)))
        for k in keys:
            buckets.setdefault(k, b.path)
    return keep | set(buckets.values())


def thin(paths: AppPaths, training: bool = False, now: Optional[_dt.datetime] = None) -> list[Path]:
    """Delete backups outside the keep set; returns what was removed."""
    infos = list_backups(paths, training)
    keep = keep_set(infos, now)
    removed = []
    for b in infos:
        if b.path not in keep:
            b.path.unlink(missing_ok=True)
            removed.append(b.path)
    return removed


def check_file(path: Path) -> Optional[str]:
    """None if the file is a sound triage-desktop database, else why not."""
    if not path.is_file():
        return "no such file"
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            rows = [r[0] for r in conn.execute("PRAGMA quick_check(5)")]
            if rows != ["ok"]:
                return "integrity check failed: " + "; ".join(rows)
            names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return f"not a usable database ({exc})"
    if "calls" not in names:
        return "not a triage-desktop database (no calls table)"
    return None


def good_backups(paths: AppPaths, training: bool = False) -> list[Path]:
    """Backups that pass the check, newest first."""
    return [b.path for b in list_backups(paths, training) if check_file(b.path) is None]


def count_calls(path: Path) -> int:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return int(conn.execute("SELECT count(*) FROM calls").fetchone()[0])
    finally:
        conn.close()


def move_aside(paths: AppPaths, db_path: Path) -> Optional[Path]:
    """Move a (damaged or replaced) database and its -wal/-shm into the 'damaged' folder; never overwrites."""
    if not db_path.exists():
        return None
    paths.quarantine_dir.mkdir(parents=True, exist_ok=True)
    stamp = _dt.datetime.now(_dt.timezone.utc).strftime("%Y%m%dT%H%M%S%f")
    target = paths.quarantine_dir / f"{db_path.name}.{stamp}"
    n = 1
    while target.exists():
        target = paths.quarantine_dir / f"{db_path.name}.{stamp}.{n}"
        n += 1
    for suffix in ("-wal", "-shm"):
        side = db_path.with_name(db_path.name + suffix)
        if side.exists():
            shutil.move(str(side), str(target) + suffix)
    shutil.move(str(db_path), str(target))
    return target


def restore_file(paths: AppPaths, training: bool, source: Path) -> Optional[Path]:
    """Replace the database with a backup. The caller holds the instance lock and has no connection open.

    A sound current database is first backed up ('prerestore'); a damaged one is moved aside. Returns where the
    old file went (the pre-restore backup or the damaged folder).
    """
    problem = check_file(source)
    if problem:
        raise StoreError(f"The backup {source.name} cannot be restored: {problem}.")
    db_path = paths.database(training)
    paths.ensure_data_dir()
    staged = db_path.with_name(db_path.name + ".restoring")
    staged.unlink(missing_ok=True)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        backup_connection(src, staged)
    finally:
        src.close()
    kept: Optional[Path] = None
    if db_path.exists():
        if check_file(db_path) is None:
            cur = sqlite3.connect(str(db_path))
            try:
                kept = make_backup(cur, paths, training, "prerestore")
            finally:
                cur.close()
            for suffix in ("-wal", "-shm"):
                db_path.with_name(db_path.name + suffix).unlink(missing_ok=True)
            db_path.unlink()
        else:
            kept = move_aside(paths, db_path)
    os.replace(staged, db_path)
    return kept
