"""One sync pass: push due outbox rows in batches, quarantine what the collector rejects, then reconcile."""
from __future__ import annotations

import hashlib
import random
import threading
import time
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Optional, Sequence, cast

from ..core.times import backoff_delay, utc_iso
from ..core.vocab import OUTBOX_PENDING, OUTBOX_QUARANTINED, OUTBOX_SYNCED
from .protocol import ACCEPTED, CONFLICT, DUPLICATE, INVALID, OutboxPort, OutboxRowLike, device_of
from .reconcile import Held, NotingOutbox, ReconcileOutcome, reconcile_device
from .report import TOO_OLD_NOTE, SyncReport, collector_too_old
from .transport import AuthError, BatchRejected, CollectorClient, TransportError

__all__ = ["SyncConfig", "SyncReport", "TOO_OLD_NOTE", "collector_too_old", "run_sync_pass"]

_PASS_LOCKS: dict[str, threading.Lock] = {}
_PASS_LOCKS_GUARD = threading.Lock()


@dataclass
class SyncConfig:
    """How to reach the collector and how hard to try; tests shrink the delays."""

    collector_url: str
    token: str
    ca_bundle: Optional[str] = None
    #: summaries per request: big enough that the collector's per-request costs stay small, within its 5000 limit
    batch_size: int = 5000
    #: batches sent before the first answer is back (the collector checks one while it stores another)
    in_flight: int = 2
    timeout_s: float = 30.0
    #: tries per batch within one pass, with growing jittered delays between them
    max_attempts: int = 5
    retry_base_s: float = 0.5
    retry_cap_s: float = 15.0
    #: after a pass gives up, each row waits a growing jittered delay before later passes try it again
    row_backoff_base_s: float = 60.0
    row_backoff_cap_s: float = 3600.0
    #: send every pending row now, ignoring the per-row delays (the command line does this)
    ignore_backoff: bool = False
    reconcile: bool = True
    #: set from another thread to stop the pass between batches and cut retry waits short
    cancel: Optional[threading.Event] = None
    rng: random.Random = field(default_factory=random.Random)


class _Stop(Exception):
    """The pass must end now (collector unreachable after retries, token refused, or cancelled)."""


def _lock_for(path: str) -> threading.Lock:
    with _PASS_LOCKS_GUARD:
        return _PASS_LOCKS.setdefault(path, threading.Lock())


class _Pass:
    """State of one pass; every outbox read and write goes through `db` (an OutboxPort)."""

    def __init__(self, db: OutboxPort, config: SyncConfig, client: CollectorClient) -> None:
        self.db, self.config, self.client = db, config, client
        self.report = SyncReport()
        #: single rows the collector failed on (5xx) after every retry: judged once the batch is done
        self.suspects: list[tuple[OutboxRowLike, str]] = []
        #: the device id of a record the collector took in this pass (so the token's own): reconcile asks for it first
        self.device_taken: Optional[str] = None
        #: the outbox while the reconcile keys read before the last answers came back are kept up to date
        self.noting: Optional[NotingOutbox] = None

    def _answered(self) -> int:
        return self.report.accepted + self.report.duplicate + self.report.quarantined

    def isolate(self, rows: Sequence[OutboxRowLike], error: TransportError) -> None:
        """Halve a batch the collector fails on until the poison record is alone; both halves are tried before
        judging, so a collector failing on everything costs two more requests, not one per record."""
        if len(rows) == 1:
            self.suspects.append((rows[0], str(error)))
            return
        middle = len(rows) // 2
        failing: list[tuple[Sequence[OutboxRowLike], TransportError]] = []
        for half in (rows[:middle], rows[middle:]):
            try:
                results = self.call(self.client.push, [r.payload for r in half])
            except TransportError as half_error:
                if (half_error.status or 0) < 500:
                    self.failed(half, half_error)  # unreachable now, token refused: ends the pass
                failing.append((half, half_error))
                continue
            except BatchRejected as rejected:
                self.failed(half, rejected)
                continue
            self.apply(half, results)
        if failing and self._answered() == 0:  # nothing got through: the collector is failing, not a record
            stuck = [r for half, _ in failing for r in half]
            self.db.mark_retry(stuck, error=str(error), now=datetime.now(timezone.utc),
                              base=self.config.row_backoff_base_s, cap=self.config.row_backoff_cap_s,
                              rng=self.config.rng)
            raise _Stop(str(error))
        for part, part_error in failing:
            self.isolate(part, part_error)

    def settle_suspects(self) -> None:
        """Quarantine poison records (others got through), or leave them for later (the collector is failing)."""
        if not self.suspects:
            return
        rows = [r for r, _ in self.suspects]
        if self._answered() > 0:
            self.db.mark_quarantined([(r.id, f"collector failed on this record every time ({why})")
                                              for r, why in self.suspects])
            self.report.sent += len(rows)
            self.report.quarantined += len(rows)
            self.suspects = []
            return
        why = self.suspects[0][1]
        self.suspects = []
        self.db.mark_retry(rows, error=why, now=datetime.now(timezone.utc),
                          base=self.config.row_backoff_base_s, cap=self.config.row_backoff_cap_s, rng=self.config.rng)
        raise _Stop(why)

    def _wait(self, seconds: float) -> None:
        if self.config.cancel is not None:
            if self.config.cancel.wait(seconds):
                raise _Stop("cancelled")
        else:
            time.sleep(seconds)

    def _cancelled(self) -> bool:
        return self.config.cancel is not None and self.config.cancel.is_set()

    def call(self, fn: Any, *args: Any, **kwargs: Any) -> Any:
        """Call the collector, retrying retryable failures with growing jittered delays."""
        attempt = 0
        while True:
            attempt += 1
            try:
                return fn(*args, **kwargs)
            except TransportError as error:
                if not error.retryable or attempt >= self.config.max_attempts or self._cancelled():
                    raise
                self._wait(backoff_delay(
                    attempt, base=self.config.retry_base_s, cap=self.config.retry_cap_s, rng=self.config.rng))

    def push_rows(self, rows: Sequence[OutboxRowLike]) -> None:
        """Push rows as one batch, waiting for the answer (used for the halves of a refused batch)."""
        try:
            results = self.call(self.client.push, [r.payload for r in rows])
        except (BatchRejected, TransportError) as error:
            self.failed(rows, error)
            return
        self.apply(rows, results)

    def failed(self, rows: Sequence[OutboxRowLike], error: Exception) -> None:
        """A batch failed: split a batch refused whole (to quarantine only the culprit), or end the pass.

        A batch the collector keeps failing on (HTTP 5xx after every retry) is split too: a poison record must not
        block the rest. A single record that still fails is quarantined if the collector accepted others in this
        pass (so it is that record), else the collector itself is failing and the rows wait for a later pass.
        """
        if isinstance(error, TransportError) and (error.status or 0) >= 500 and not self._cancelled():
            self.isolate(rows, error)
            return
        if isinstance(error, BatchRejected):
            if len(rows) == 1:
                self.db.mark_quarantined([(rows[0].id, f"rejected by collector: {error.code}: {error.message}")])
                self.report.sent += 1
                self.report.quarantined += 1
                return
            middle = len(rows) // 2
            self.push_rows(rows[:middle])
            self.push_rows(rows[middle:])
            return
        if isinstance(error, AuthError):
            self.report.auth_failed = True
        elif isinstance(error, TransportError) and error.retryable:  # a settings problem (TLS) does not age the rows
            self.db.mark_retry(rows, error=str(error), now=datetime.now(timezone.utc),
                base=self.config.row_backoff_base_s, cap=self.config.row_backoff_cap_s, rng=self.config.rng,
            )
        raise _Stop(str(error))

    def apply(self, rows: Sequence[OutboxRowLike], results: list[dict[str, Any]]) -> None:
        """Record the collector's per-record answers: synced only for committed (accepted or duplicate) records."""
        synced, quarantine, too_new = [], [], []
        for row, result in zip(rows, results):
            status = result.get("status")
            if status == INVALID and collector_too_old(result):
                too_new.append(row)  # the collector predates this summary version: keep it queued, retry later
            elif status in (ACCEPTED, DUPLICATE):
                synced.append(row.id)
                if self.device_taken is None:
                    self.device_taken = device_of(row.payload)
                if status == ACCEPTED:
                    self.report.accepted += 1
                else:
                    self.report.duplicate += 1
            elif status in (INVALID, CONFLICT):
                reason = str(result.get("error") or status)
                quarantine.append((row.id, f"{status}: {reason}"))
                if status == CONFLICT:
                    self.report.conflicts += 1
            else:
                raise _Stop("collector answered an unknown record status")
        self.report.sent += len(rows) - len(too_new)
        self.report.quarantined += len(quarantine)
        self.db.mark_synced(synced, now=utc_iso())
        self.db.mark_quarantined(quarantine)
        if too_new:
            self.report.deferred += len(too_new)
            self.db.mark_retry(too_new, error=TOO_OLD_NOTE, now=datetime.now(timezone.utc),
                               base=self.config.row_backoff_base_s, cap=self.config.row_backoff_cap_s,
                               rng=self.config.rng)

    def due(self, after_id: int) -> Sequence[OutboxRowLike]:
        """The next batch of due rows after a row id (short read, no transaction kept).

        Each payload is checked against the hash stored with it at finalise: a payload changed since (a bug, a
        disk error, someone with the file) is quarantined with the reason and never sent.
        """
        while True:
            rows = self.db.due_rows(now=utc_iso(), limit=self.config.batch_size, after_id=after_id,
                                   ignore_backoff=self.config.ignore_backoff)
            bad = [r for r in rows if hashlib.sha256(r.payload.encode("utf-8")).hexdigest() != r.payload_hash]
            if not bad:
                return rows
            self.db.mark_quarantined([(r.id, "payload does not match its stored hash (changed after it was "
                                                     "written); not sent") for r in bad])
            self.report.quarantined += len(bad)

    def push_due(self) -> None:
        """Push every due row once, oldest first, with up to `in_flight` batches at the collector at once (it
        checks one while it stores another); the next batch is read ahead while the collector works, so it goes
        out the moment an answer is back; answers are recorded in the order the batches were sent, and the database
        is only touched from this thread (the HTTP calls run on helper threads)."""
        if self._cancelled():
            raise _Stop("cancelled")
        depth = max(1, int(self.config.in_flight))
        flights: deque[tuple[Sequence[OutboxRowLike], Future[Any]]] = deque()
        with ThreadPoolExecutor(max_workers=depth, thread_name_prefix="triage-sync-http") as pool:
            after = 0

            def read() -> Optional[Sequence[OutboxRowLike]]:
                nonlocal after
                rows = None if self._cancelled() else self.due(after)
                if not rows:
                    return None
                after = rows[-1].id
                return rows

            def launch(rows: Sequence[OutboxRowLike]) -> None:
                flights.append((rows, pool.submit(self.call, self.client.push, [r.payload for r in rows])))

            ahead = read()
            while ahead is not None and len(flights) < depth:
                launch(ahead)
                ahead = read()
            more = ahead is not None
            if not more:
                self.read_keys_early()
            while flights:
                rows, flight = flights.popleft()
                try:
                    results: Optional[list[dict[str, Any]]] = flight.result()
                except (BatchRejected, TransportError) as error:
                    self.failed(rows, error)  # ends the pass unless the batch was only split
                    results = None
                if ahead is not None and not self._cancelled():
                    launch(ahead)
                    ahead = None
                if results is not None:
                    self.apply(rows, results)  # recorded while the collector already works on the next batches
                if ahead is None and more:
                    ahead = read()  # the next batch, ready before the next answer is back
                    more = ahead is not None
                    if not more and flights:
                        self.read_keys_early()
            if self._cancelled():
                raise _Stop("cancelled")

    def read_keys_early(self) -> None:
        """All rows are sent: read the reconcile keys while the last batches are at the collector (this thread
        would only wait), and note the statuses given from now on (NotingOutbox)."""
        if self.config.reconcile and self.noting is None:
            self.noting = NotingOutbox(self.db, self.db.reconcile_keys())
            self.db = cast(OutboxPort, self.noting)

    def reconcile_keys(self) -> dict[str, tuple[Held, Held]]:
        """The outbox's reconcile keys now: the early reading brought up to date, else read now."""
        if self.noting is None:
            return self.db.reconcile_keys()
        noting, self.noting = self.noting, None
        self.db = noting.db
        return noting.keys_now()

    def send_chain_head(self) -> None:
        """Anchor the audit chain at the collector: the newest call_events row's id and hash, this device's id."""
        device_id = self.db.setting("device_id")
        head = self.db.chain_head()
        if device_id and head:
            self.call(self.client.send_chain_head, device_id, int(head[0]), str(head[1]))
            self.report.chain_head = int(head[0])

    def reconcile_all(self) -> list[ReconcileOutcome]:
        """Reconcile every device id: the outbox's, and this PC's own (so an empty outbox still checks in).

        The outbox's keys are read in one scan for every device, and the collector is asked for one device's whole
        uuid space at the start, on a helper thread, so it works out its answer (a digest of every key it holds)
        while the outbox is being read instead of after: this PC's own device, or else (a store without one) the
        device of a record the collector took in this pass, which is the token's own."""
        own = self.db.setting("device_id")
        ask = own or self.device_taken
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="triage-sync-http") as pool:
            early = pool.submit(self.call, self.client.reconcile, ask, "") if ask else None
            held = self.reconcile_keys()
            # the device asked first: its answer is the one asked already (a failure to get it ends the pass at once)
            devices = ([ask] if ask and (ask == own or ask in held) else []) + sorted(set(held) - {ask})
            return [reconcile_device(self.client, self.db, d, call=self.call, held=held.get(d, ({}, {})),
                                     first=early.result if early is not None and d == ask else None)
                    for d in devices]

    def run(self) -> None:
        """Push, anchor the chain, reconcile, and push again whatever the collector turned out to be missing.

        Every pass talks to the collector, even with an empty outbox: 'reconcile ok' is only ever said after the
        collector answered.
        """
        self.push_due()
        self.settle_suspects()
        self.send_chain_head()
        if not self.config.reconcile:
            self.call(self.client.health)
            return
        outcomes = self.reconcile_all()
        self.report.requeued = sum(o.requeued for o in outcomes)
        self.report.confirmed_by_reconcile = sum(o.confirmed for o in outcomes)
        if self.report.requeued:
            self.push_due()
            self.settle_suspects()
            outcomes = self.reconcile_all()
            self.report.confirmed_by_reconcile += sum(o.confirmed for o in outcomes)
        self.report.reconciled = all(o.matched for o in outcomes)


def run_sync_pass(outbox: OutboxPort, config: SyncConfig, *, lock_key: str) -> SyncReport:
    """Run one sync pass over an outbox (in the app: the services' worker-backed outbox; on the command line: the
    store's OutboxRepository over a connection of the command's own). One pass at a time per `lock_key` (the
    database file)."""
    started = time.monotonic()
    call, path = outbox, lock_key
    report = SyncReport()
    try:
        with _lock_for(path):
            if not call.has_outbox():
                report.error = "this database has no outbox (is it a training database?)"
                return report
            with CollectorClient(
                config.collector_url, config.token, ca_bundle=config.ca_bundle, timeout=config.timeout_s
            ) as client:
                one = _Pass(call, config, client)
                report = one.report
                try:
                    one.run()
                except _Stop as stop:
                    if str(stop) == "cancelled":
                        report.cancelled = True
                    else:
                        report.error = str(stop)
                except TransportError as error:
                    report.error = str(error)
                    report.auth_failed = isinstance(error, AuthError)
                except BatchRejected as rejected:
                    report.error = f"collector refused a reconcile request: {rejected.code}"
            counts = call.status_counts()
            report.pending = counts[OUTBOX_PENDING]
            report.synced_total = counts[OUTBOX_SYNCED]
            report.quarantined_total = counts[OUTBOX_QUARANTINED]
    finally:
        report.duration_s = time.monotonic() - started
    return report
