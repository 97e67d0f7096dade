"""Set-at-a-time statements for the ingest path: one statement per batch on PostgreSQL (arrays through unnest and
= ANY), bounded IN lists and multi-row VALUES on SQLite. Values always travel as bound parameters."""
from __future__ import annotations

from typing import Any, Iterable, Sequence

from sqlalchemy import Connection, Integer, Table

#: uuids per IN (...) list on SQLite (well inside its bound-parameter limit).
IN_CHUNK = 400


def is_postgresql(conn: Connection) -> bool:
    return conn.dialect.name == "postgresql"


def _mark(conn: Connection) -> str:
    return "?" if conn.dialect.paramstyle == "qmark" else "%s"


def rows_for_uuids(conn: Connection, table: str, columns: str, uuids: Iterable[str], where: str = "") -> list[Any]:
    """SELECT columns FROM table WHERE call_uuid is one of uuids [AND where]: one statement with an array on
    PostgreSQL, IN lists of IN_CHUNK on SQLite. `table`, `columns` and `where` are our own SQL, never input."""
    wanted = sorted(set(uuids))
    if not wanted:
        return []
    extra = f" AND {where}" if where else ""
    if is_postgresql(conn):
        return list(conn.exec_driver_sql(f"SELECT {columns} FROM {table} WHERE call_uuid = ANY(%b){extra}",
                                         (wanted,)).fetchall())
    out: list[Any] = []
    for start in range(0, len(wanted), IN_CHUNK):
        chunk = wanted[start:start + IN_CHUNK]
        sql = f"SELECT {columns} FROM {table} WHERE call_uuid IN ({', '.join('?' for _ in chunk)}){extra}"
        out.extend(conn.exec_driver_sql(sql, tuple(chunk)).fetchall())
    return out


def _pg_type(table: Table, column: str) -> str:
    return "integer" if isinstance(table.c[column].type, Integer) else "text"


def pg_unnest(table: Table, columns: Sequence[str]) -> str:
    """`SELECT * FROM unnest(%b::type[], ...)`: every row of a batch in one parameter per column, sent in
    psycopg's binary format (%b): a text array in the text format is escaped value by value in Python, which
    costs ten times the insert itself for JSON payloads full of quotes."""
    return "SELECT * FROM unnest(" + ", ".join(f"%b::{_pg_type(table, c)}[]" for c in columns) + ")"


def columns_of(rows: Sequence[Sequence[Any]], width: int) -> tuple[list[Any], ...]:
    """Rows turned into one list per column (the unnest parameters)."""
    if not rows:
        return tuple([] for _ in range(width))
    return tuple(list(column) for column in zip(*rows))


def values_sql(conn: Connection, width: int, count: int) -> str:
    """`VALUES (?, ...), (?, ...)` for count rows of width columns (SQLite's multi-row insert)."""
    mark = _mark(conn)
    one = "(" + ", ".join(mark for _ in range(width)) + ")"
    return "VALUES " + ", ".join(one for _ in range(count))
