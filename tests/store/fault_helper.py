"""Run by the real-fault tests in a subprocess: do store work, print an acknowledgement after each commit returns.

Every `ack ...` line is printed only after the store call returned (the transaction is durable). The parent kills
this process at a random moment and then checks that every acknowledged write is in the database.
"""
import datetime as dt
import os
import signal
import sys
import time
from pathlib import Path

from store_support import FLOWS_OK, WALK_GP

from triage_desktop.paths import AppPaths
from triage_desktop.services import AppServices
from triage_desktop.store.errors import DiskFull, StoreError
from triage_desktop.store.retention import purge_expired


def say(*parts: object) -> None:
    print(*parts, flush=True)


def one_call(svc: AppServices, note: str = "", name: str = "Marker Person") -> str:
    s = svc.start_call(handler_id="1234", role="call_handler", entry_flow="mini_entry")
    for a in WALK_GP:
        s.answer(a)
    s.set_personal(caller_name=name)
    if note:
        s.note(note)
    s.finalise(caller_informed=True)
    return s.uuid


def main() -> None:
    mode = sys.argv[1]
    paths = AppPaths.default()
    svc = AppServices.open(paths, flows_dir=FLOWS_OK, purge=False)
    say("ready")
    if mode == "old-calls":  # run under faketime: calls, a backup and a damaged copy made weeks ago
        marker = sys.argv[2]
        s = svc.start_call(handler_id="1234", role="call_handler", entry_flow="mini_entry")
        for a in WALK_GP[:4]:
            s.answer(a)
        s.answer(f"in the park with {marker}")  # the free-text answer
        for a in WALK_GP[5:]:
            s.answer(a)
        s.set_personal(caller_name=marker, address=f"1 {marker} Road")
        s.note(f"{marker} rang about her brother")
        s.override("POLICE_PRIORITY", reason=f"{marker} has a history")
        s.finalise(caller_informed=True)
        svc.add_addendum(s.uuid, f"{marker} rang back", f"update from {marker}", "1234")
        say("ack-final", s.uuid)
        say("ack-final", one_call(svc, note=f"about {marker}", name=marker))
        say("ack-backup", svc.backup())
        from triage_desktop.store.backup import copy_aside
        say("damaged", copy_aside(paths, svc.store.path))
        svc.close()
        return
    if mode == "one-call":
        say("ack-final", one_call(svc))
        svc.close()
        return
    if mode == "finalise":
        n = 0
        while True:
            say("ack-final", one_call(svc, note="note " * (n % 40)))
            n += 1
    if mode == "fill":  # a full disk: write until ENOSPC, then die without closing (a power cut)
        try:
            while True:
                say("ack-final", one_call(svc, note="filler " * 3000))
        except DiskFull:
            say("full")
        os.kill(os.getpid(), signal.SIGKILL)
    if mode == "checkpoint":  # a WAL of tens of MB, then a checkpoint the parent kills at a random moment
        target = int(sys.argv[2]) * 1024 * 1024
        svc.store.conn.execute("PRAGMA wal_autocheckpoint=0")
        wal = Path(str(svc.store.path) + "-wal")
        while wal.stat().st_size < target:
            s = svc.start_call(handler_id="1234", role="call_handler", entry_flow="mini_entry")
            for a in WALK_GP:
                s.answer(a)
            for i in range(6):
                ev = s.note(f"n{i} " + os.urandom(150_000).hex())
                say("ack-event", s.uuid, ev.event.seq)
            s.finalise(caller_informed=True)
            say("ack-final", s.uuid)
        say("checkpoint", wal.stat().st_size)
        t0 = time.monotonic()
        svc.store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        say("checkpointed", round(time.monotonic() - t0, 4))
        signal.pause()
    if mode == "backup":
        while True:
            say("ack-final", one_call(svc))
            say("ack-backup", svc.backup())
    if mode == "purge":  # every call is past retention for a clock 2 days ahead
        while True:
            for _ in range(3):
                say("ack-final", one_call(svc, note="purge me"))
            res = purge_expired(svc.store, days=1, now=dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=2))
            say("ack-purge", res.calls_purged)
    if mode == "restore":  # restore the given backup over the live database, again and again
        source = Path(sys.argv[2])
        svc.close()
        while True:
            try:
                res = AppServices.restore_backup(paths, source)
            except StoreError as exc:
                say("error", exc)
                raise
            say("ack-restore", res.kept)
    raise SystemExit(f"unknown mode {mode}")


if __name__ == "__main__":
    main()
