"""Store.writing()'s outermost write transaction: BEGIN IMMEDIATE, COMMIT or ROLLBACK, errors translated."""
from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING, Any, Literal, Optional

if TYPE_CHECKING:
    from sqlite_utils import Database

    from .database import Store


class _Writing:
    """Store.writing()'s outermost transaction: BEGIN IMMEDIATE, then COMMIT, or ROLLBACK if the block raised; a
    SQLite or OS error (from the block, the COMMIT or the ROLLBACK) comes out as the store error it means."""

    __slots__ = ("store",)

    def __init__(self, store: Store):
        self.store = store

    def __enter__(self) -> Database:
        store = self.store
        try:
            store.conn.execute("BEGIN IMMEDIATE")
        except (sqlite3.Error, OSError) as exc:
            mapped = store._translated(exc)
            if mapped is exc:
                raise
            raise mapped from exc
        return store.db

    def __exit__(self, kind: Optional[type], exc: Optional[BaseException], tb: Any) -> Literal[False]:
        store = self.store
        conn = store.conn
        try:
            if exc is None:
                try:
                    conn.execute("COMMIT")
                except BaseException:
                    if conn.in_transaction:
                        conn.execute("ROLLBACK")
                    raise
                return False
            if conn.in_transaction:
                conn.execute("ROLLBACK")
        except (sqlite3.Error, OSError) as failed:
            mapped = store._translated(failed)
            if mapped is failed:
                raise
            raise mapped from failed
        if isinstance(exc, (sqlite3.Error, OSError)):
            mapped = store._translated(exc)
            if mapped is not exc:
                raise mapped from exc
        return False
