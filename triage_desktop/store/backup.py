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

FILE_MODE = 0o600


class BackupUnverified(StoreError):
    """A backup just written failed its check (the source database is damaged): it was labelled, not kept as good."""

NAME_RE = re.compile(r"^(?P<stem>triage|training)-(?P<ts>\d{8}T\d{12})Z-(?P<reason>[a-z]+)\.sqlite3$")
#: Thinning: keep this many newest backups, plus the newest of each of the last N days / weeks / months.
KEEP_RECENT, KEEP_DAYS, KEEP_WEEKS, KEEP_MONTHS = 6, 7, 8, 12


def stamp_time(stamp: str) -> _dt.datetime:
    """The UTC time in a backup's name stamp ('20261123T101500123456', as make_backup writes it).

    Read field by field: `datetime.strptime(stamp, "%Y%m%dT%H%M%S%f")` gives the same time for every such stamp, but
    its first use at a start costs ~3 ms (it imports _strptime and builds its locale's patterns) before the app is
    ready. A stamp that is not six plain fields goes to strptime, so an odd name is read (or refused) as before."""
    try:
        if len(stamp) == 21 and stamp[8] == "T" and stamp[:8].isdigit() and stamp[9:].isdigit():
            return _dt.datetime(int(stamp[0:4]), int(stamp[4:6]), int(stamp[6:8]), int(stamp[9:11]),
                                int(stamp[11:13]), int(stamp[13:15]), int(stamp[15:21]), tzinfo=_dt.timezone.utc)
    except ValueError:
        pass
    return _dt.datetime.strptime(stamp, "%Y%m%dT%H%M%S%f").replace(tzinfo=_dt.timezone.utc)


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
    os.close(os.open(str(tmp), os.O_CREAT | os.O_WRONLY | os.O_TRUNC, FILE_MODE))
    try:
        out = sqlite3.connect(str(tmp))
        try:
            src.backup(out)
            out.execute("PRAGMA journal_mode=DELETE")
            out.commit()
        finally:
            out.close()
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        problem = check_file(tmp)
        if problem:  # never let a bad copy count as a backup (or push good ones out of the thinned set)
            bad = dest.with_name(dest.name + ".unverified")
            os.replace(tmp, bad)
            raise BackupUnverified(f"the backup copy failed its check ({problem}); it was kept as {bad.name}")
        os.replace(tmp, dest)
        fsync_dir(dest.parent)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return dest


def fsync_dir(folder: Path) -> None:
    """Make a rename in the folder durable (POSIX; a no-op where directories cannot be opened)."""
    try:
        fd = os.open(str(folder), os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def remove_stale_partials(paths: AppPaths, training: bool) -> list[Path]:
    """Half-written copies left by a kill (backups' .partial, a restore's staged file): never needed again."""
    removed = []
    db = paths.database(training)
    stale = [db.with_name(db.name + ".restoring")]
    if paths.backups_dir.is_dir():
        stale += [p for p in paths.backups_dir.glob(f"{_stem(training)}-*.partial")]
    for p in stale:
        if p.exists():
            p.unlink(missing_ok=True)
            removed.append(p)
    return removed


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
        made = stamp_time(m["ts"])
        out.append(BackupInfo(p, made, m["reason"]))
    return sorted(out, key=lambda b: b.made_at, reverse=True)


def keep_set(infos: list[BackupInfo], now: Optional[_dt.datetime] = None) -> set[Path]:
    """The backups the thinning rule keeps: newest few, then one per day, week and month (bounded)."""
    now = now or _dt.datetime.now(_dt.timezone.utc)
    keep = {b.path for b in infos[:KEEP_RECENT]}
    keep |= {b.path for b in infos if b.reason == "prerestore"}  # what a restore replaced: never thinned away
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


def check_file(path: Path, *, require_calls: bool = True) -> Optional[str]:
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
    if require_calls and "calls" not in names:
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


@dataclass(frozen=True)
class LiveOnlyCall:
    """A call the live database has and the backup lacks (or holds in an older state): kept in the side file."""

    uuid: str
    started_at: str
    status: str
    why: str  # 'not in the backup' / 'newer than the backup'


@dataclass(frozen=True)
class RestoreResult:
    """What a restore did: where the replaced database went, and the calls only it had (listed for the user)."""

    kept: Optional[Path]
    live_only: tuple[LiveOnlyCall, ...] = ()

    def message(self) -> str:
        if not self.live_only:
            return f"Restored. The previous database was kept at {self.kept}." if self.kept else "Restored."
        shown = "\n".join(f"  {c.uuid}  started {c.started_at}  {c.status}  ({c.why})" for c in self.live_only[:20])
        more = f"\n  ... and {len(self.live_only) - 20} more" if len(self.live_only) > 20 else ""
        return (f"Restored. {len(self.live_only)} call(s) were only in the replaced database (newer than the "
                f"backup); they are NOT in the restored one but are kept, with everything else it held, in the side "
                f"file {self.kept} (never thinned away):\n{shown}{more}")


def live_only_calls(live: Path, backup: Path) -> list[LiveOnlyCall]:
    """Calls in the live file that the backup lacks, or that moved on since it (more events, a new version)."""
    conn = sqlite3.connect(f"file:{live}?mode=ro", uri=True)
    try:
        conn.execute("ATTACH DATABASE ? AS b", (f"file:{backup}?mode=ro",))
        rows = conn.execute(
            "SELECT l.uuid, l.started_at, l.status, CASE WHEN o.uuid IS NULL THEN 'not in the backup' "
            "ELSE 'newer than the backup' END FROM main.calls l LEFT JOIN b.calls o ON o.uuid = l.uuid "
            "WHERE o.uuid IS NULL OR l.last_seq > o.last_seq OR l.version > o.version OR l.status <> o.status "
            # an open call's answers are in its events, not its row (migration 0044): newer events, newer call
            "OR (l.status = 'in_progress' AND (SELECT max(id) FROM main.call_events WHERE call_uuid = l.uuid) "
            "> COALESCE((SELECT max(id) FROM b.call_events WHERE call_uuid = l.uuid), 0)) "
            "ORDER BY l.started_at").fetchall()
    finally:
        conn.close()
    return [LiveOnlyCall(*r) for r in rows]


def restore_file(paths: AppPaths, training: bool, source: Path) -> RestoreResult:
    """Replace the database with a backup, atomically. The caller holds the instance lock, no connection open.

    1. The backup is copied beside the database (`.restoring`), fsynced and checked.
    2. A sound current database is backed up ('prerestore', kept by thinning) and checkpointed so its file is
       whole without its WAL; a damaged one is copied into the 'damaged' folder with its WAL.
    3. One rename puts the new file in place (then the folder is fsynced). A kill at any moment leaves the old
       database or the new one, never neither; a left-over `.restoring` is removed at the next open.
    Calls only the old file had are listed in the result (they stay in the pre-restore copy).
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
        backup_connection(src, staged)  # written beside, fsynced, checked; renamed into place below
    finally:
        src.close()
    kept: Optional[Path] = None
    live_only: list[LiveOnlyCall] = []
    wal, shm = (db_path.with_name(db_path.name + s) for s in ("-wal", "-shm"))
    if db_path.exists() and (db_path.stat().st_size > 0 or (wal.exists() and wal.stat().st_size > 0)):
        if check_file(db_path) is None:
            live_only = live_only_calls(db_path, source)
            cur = sqlite3.connect(str(db_path))
            try:
                kept = make_backup(cur, paths, training, "prerestore")
                cur.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the main file alone is now the whole database
            finally:
                cur.close()
        else:
            kept = copy_aside(paths, db_path)
    for side in (wal, shm):  # empty after the checkpoint (or copied aside): never replayed onto the new file
        side.unlink(missing_ok=True)
    os.replace(staged, db_path)
    fsync_dir(db_path.parent)
    return RestoreResult(kept, tuple(live_only))


def copy_aside(paths: AppPaths, db_path: Path) -> Optional[Path]:
    """Copy a damaged database and its -wal into the 'damaged' folder (the original stays until replaced)."""
    if not db_path.exists():
        return None
    paths.quarantine_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    stamp = _dt.datetime.now(_dt.timezone.utc).strftime("%Y%m%dT%H%M%S%f")
    target = paths.quarantine_dir / f"{db_path.name}.{stamp}"
    n = 1
    while target.exists():
        target = paths.quarantine_dir / f"{db_path.name}.{stamp}.{n}"
        n += 1
    for suffix in ("-wal",):
        side = db_path.with_name(db_path.name + suffix)
        if side.exists():
            shutil.copyfile(side, str(target) + suffix)
            os.chmod(str(target) + suffix, FILE_MODE)
    shutil.copyfile(db_path, target)
    os.chmod(target, FILE_MODE)
    with open(target, "rb") as fh:
        os.fsync(fh.fileno())
    fsync_dir(target.parent)
    return target
