"""Helpers shared by the store tests (imported by name; pytest puts this folder on sys.path)."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from triage_desktop.services import AppServices, CallSession

FLOWS_OK = Path(__file__).resolve().parents[1] / "core" / "flows_ok"
#: Answers that walk mini_entry -> mini_path to GP_OR_111 (7 answers; the 5th is free text).
WALK_GP = ["no", "none", 40, "welfare", "in the park", [], None]


def statements(svc: AppServices, fn: Callable[[], object]) -> list[str]:
    """The SQL statements the store's connection ran during fn(), in order. (The sqlite3 module reports a
    statement again when one of its triggers starts: each is listed once.)"""
    seen: list[str] = []
    svc.store.conn.set_trace_callback(seen.append)
    try:
        fn()
    finally:
        svc.store.conn.set_trace_callback(None)
    return [q for i, q in enumerate(seen) if i == 0 or q != seen[i - 1]]


def start(svc: AppServices, handler: str = "1234") -> CallSession:
    return svc.start_call(handler_id=handler, role="call_handler", entry_flow="mini_entry")


def walk(session: CallSession, answers=WALK_GP) -> CallSession:
    for a in answers:
        session.answer(a)
    return session


def finished_call(svc: AppServices, **personal: str) -> CallSession:
    s = walk(start(svc))
    if personal:
        s.set_personal(**personal)
    s.finalise(caller_informed=True)
    return s
