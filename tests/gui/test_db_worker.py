"""The services own the database on one worker thread: a whole call from the GUI never runs SQL on the GUI thread."""
from __future__ import annotations

import threading

from PySide6.QtCore import Qt

from gui_drive import ALT, CTRL, keyboard_call_to_outcome, press, settle


def test_a_keyboard_call_runs_every_statement_on_the_database_worker(qtbot, window, svc):
    threads: list[str] = []
    svc.store.conn.set_trace_callback(lambda _sql: threads.append(threading.current_thread().name))
    try:
        uuid = keyboard_call_to_outcome(qtbot, window)
        press(qtbot, window, Qt.Key.Key_I, ALT)
        press(qtbot, window, Qt.Key.Key_Return, CTRL)
        qtbot.waitUntil(lambda: not window.controller.active)
        window.on_backup_timer_timeout()  # the timed backup, between calls
        settle(qtbot, window)
    finally:
        svc.store.conn.set_trace_callback(None)
    assert len(threads) > 20
    assert set(threads) == {svc.worker_thread.name}, set(threads)
    assert svc.call_report(uuid)["call"]["status"] == "final"


def test_one_transaction_per_answer_with_the_shown_event_folded_in(qtbot, window, svc):
    press(qtbot, window, Qt.Key.Key_N, CTRL)
    seen: list[str] = []
    svc.store.conn.set_trace_callback(seen.append)
    try:
        press(qtbot, window, Qt.Key.Key_N)
    finally:
        svc.store.conn.set_trace_callback(None)
    writes = [q.split(" (")[0] for i, q in enumerate(seen)
              if not q.startswith("SELECT") and (i == 0 or q != seen[i - 1])]  # (a trigger repeats its statement)
    # one durable transaction: one statement in autocommit mode (the store's usual answer), or BEGIN ... COMMIT
    assert writes == ["INSERT INTO call_events"] or (
        writes.count("COMMIT") == 1 and writes[0] == "BEGIN IMMEDIATE" and writes[-1] == "COMMIT"), writes
    kinds = [e["kind"] for e in svc.call_report(window.controller.uuid)["events"]]
    assert kinds[-3:] == ["shown", "answered", "shown"]  # risk_now shown, answered, crime shown: one commit
