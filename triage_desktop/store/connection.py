"""StoreDb: the store's sqlite-utils Database, with sqlite-utils itself imported only when something needs it.

Importing sqlite-utils costs ~45 ms (it imports click, pluggy, dateutil, csv and decimal), and that was on the path
of every start before the app is ready to take a call. What the store does on every start and every answer is
plain SQL over one connection: `execute`, `atomic`, `table_names` and `close` of sqlite-utils' Database. StoreDb has
those four, with sqlite-utils 4.2's semantics (a write statement outside a transaction is committed at once; a
failed one leaves no transaction behind; nested `atomic()` blocks are savepoints); everything else (the migrations'
table helpers, FTS set-up, `db["outbox"].rows`, `db.query(...)` in tests and commands) goes to a real
sqlite_utils.Database over the same connection, made the first time it is asked for.

For the type checker StoreDb *is* a sqlite_utils.Database (every function keeps its `Database` annotation): it
answers every attribute of one, by delegation when it does not implement it itself.
"""
from __future__ import annotations

import contextlib
import secrets
import sqlite3
from typing import TYPE_CHECKING, Any, Iterator, Optional, Sequence

if TYPE_CHECKING:
    from sqlite_utils import Database as _DatabaseBase
else:
    _DatabaseBase = object

#: Statements that control transactions themselves (sqlite-utils' _TRANSACTION_CONTROL_KEYWORDS).
_TRANSACTION_CONTROL = frozenset({"BEGIN", "COMMIT", "END", "ROLLBACK", "SAVEPOINT", "RELEASE"})


def first_keyword(sql: str) -> str:
    """The statement's first keyword, upper-cased, after whitespace, comments, bare ';' and a BOM ('' if none)."""
    i, n = 0, len(sql)
    while i < n:
        if sql[i].isspace() or sql[i] in (";", "\ufeff"):
            i += 1
        elif sql.startswith("--", i):
            newline = sql.find("\n", i)
            if newline == -1:
                return ""
            i = newline + 1
        elif sql.startswith("/*", i):
            end = sql.find("*/", i + 2)
            if end == -1:
                return ""
            i = end + 2
        else:
            break
    j = i
    while j < n and (sql[j].isalpha() or sql[j] == "_"):
        j += 1
    return sql[i:j].upper()


class StoreDb(_DatabaseBase):
    """One connection, the hot-path Database methods, and a lazily made sqlite_utils.Database for the rest."""

    def __init__(self, conn: sqlite3.Connection):  # noqa: D107 - no super().__init__: nothing is imported yet
        self.conn = conn
        self._full: Optional[Any] = None

    @property
    def full(self) -> Any:
        """The sqlite_utils.Database over this connection (imports sqlite-utils the first time)."""
        if self._full is None:
            from sqlite_utils import Database

            self._full = Database(self.conn, execute_plugins=False)
        return self._full

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or name in ("conn", "_full"):
            raise AttributeError(name)
        return getattr(self.full, name)

    def __getitem__(self, table_name: str) -> Any:
        return self.full[table_name]

    def __enter__(self) -> "StoreDb":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<StoreDb {self.conn!r}>"

    def execute(self, sql: str, parameters: Optional[Sequence[Any] | dict[str, Any]] = None) -> sqlite3.Cursor:
        """conn.execute; a write that opened an implicit transaction is committed; a failure leaves none open."""
        conn = self.conn
        was_in_transaction = conn.in_transaction
        try:
            cursor = conn.execute(sql) if parameters is None else conn.execute(sql, parameters)
        except Exception:
            if not was_in_transaction and conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        if (not was_in_transaction and conn.in_transaction and cursor.description is None
                and first_keyword(sql) not in _TRANSACTION_CONTROL):
            conn.execute("COMMIT")
        return cursor

    @contextlib.contextmanager
    def atomic(self) -> Iterator["StoreDb"]:  # type: ignore[override]
        """A transaction (BEGIN ... COMMIT); inside one already open, a savepoint."""
        conn = self.conn
        if conn.in_transaction:
            savepoint = f"sqlite_utils_{secrets.token_hex(16)}"
            conn.execute(f"SAVEPOINT {savepoint};")
            try:
                yield self
            except BaseException:
                if conn.in_transaction:  # a RAISE(ROLLBACK) may already have ended the whole transaction
                    conn.execute(f"ROLLBACK TO SAVEPOINT {savepoint};")
                    conn.execute(f"RELEASE SAVEPOINT {savepoint};")
                raise
            else:
                conn.execute(f"RELEASE SAVEPOINT {savepoint};")
        else:
            conn.execute("BEGIN")
            try:
                yield self
            except BaseException:
                self.rollback()
                raise
            else:
                try:
                    conn.execute("COMMIT")
                except BaseException:
                    self.rollback()
                    raise

    def rollback(self) -> None:
        """Roll back the open transaction, if any."""
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")

    def table_names(self, fts4: bool = False, fts5: bool = False) -> list[str]:
        """The names of the tables (only FTS4 / FTS5 ones if asked)."""
        where = ["type = 'table'"]
        if fts4:
            where.append("sql like '%USING FTS4%'")
        if fts5:
            where.append("sql like '%USING FTS5%'")
        return [r[0] for r in self.execute(f"select name from sqlite_master where {' AND '.join(where)}").fetchall()]

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()


class Migration:
    """One registered migration step (what sqlite-utils' Migrations._Migration holds)."""

    __slots__ = ("name", "fn", "transactional")

    def __init__(self, name: str, fn: Any, transactional: bool = True):
        self.name, self.fn, self.transactional = name, fn, transactional

    def __repr__(self) -> str:
        return f"Migration({self.name!r})"


class AppliedMigration:
    """A migration recorded as applied in the database: its name and when."""

    __slots__ = ("name", "applied_at")

    def __init__(self, name: str, applied_at: str):
        self.name, self.applied_at = name, applied_at

    def __repr__(self) -> str:
        return f"AppliedMigration({self.name!r}, {self.applied_at!r})"


class Migrations:
    """sqlite-utils Migrations with the same table and records, whose read-only questions need no sqlite-utils.

    `pending`/`applied` read the `_sqlite_migrations` table with plain SQL (what sqlite-utils' `applied` reads:
    this set's rows in rowid order); `apply` is sqlite-utils' own `Migrations.apply`, on a sqlite-utils Migrations
    made from these steps, except that when nothing is pending and the table is in sqlite-utils' current shape it
    returns at once (there is nothing for it to do: the start of an up-to-date database imports no sqlite-utils).
    """

    migrations_table = "_sqlite_migrations"

    def __init__(self, name: str):
        self.name = name
        self._migrations: list[Migration] = []
        self._real: Optional[Any] = None

    def __call__(self, *, name: Optional[str] = None, transactional: bool = True) -> Any:
        def inner(func: Any) -> Any:
            migration_name = name or func.__name__
            if any(m.name == migration_name for m in self._migrations):
                raise ValueError(f"Migration '{migration_name}' is already registered in set '{self.name}'")
            self._migrations.append(Migration(migration_name, func, transactional))
            self._real = None
            return func

        return inner

    def _table_shape(self, conn: sqlite3.Connection) -> Optional[list[str]]:
        """The migrations table's primary-key columns, or None when there is no such table."""
        rows = conn.execute(f"PRAGMA table_info([{self.migrations_table}])").fetchall()
        if not rows:
            return None
        return [r[1] for r in sorted((r for r in rows if r[5]), key=lambda r: r[5])]

    def applied(self, db: Any) -> list[AppliedMigration]:
        """This set's applied migrations, in the order they were applied (read-only)."""
        conn = db.conn
        if not conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                            (self.migrations_table,)).fetchone():
            return []
        return [AppliedMigration(r[0], r[1]) for r in conn.execute(
            f"SELECT name, applied_at FROM [{self.migrations_table}] WHERE migration_set = ? ORDER BY rowid",
            (self.name,))]

    def pending(self, db: Any) -> list[Migration]:
        """The registered migrations not yet applied, in registration order (read-only)."""
        done = {m.name for m in self.applied(db)}
        return [m for m in self._migrations if m.name not in done]

    def real(self) -> Any:
        """A sqlite_utils.migrations.Migrations with the same name and steps (imports sqlite-utils)."""
        if self._real is None:
            from sqlite_utils.migrations import Migrations as SqliteUtilsMigrations

            real = SqliteUtilsMigrations(self.name)
            for m in self._migrations:
                real(name=m.name, transactional=m.transactional)(m.fn)
            self._real = real
        return self._real

    def apply(self, db: Any, *, stop_before: Any = None) -> None:
        """Apply the pending migrations (sqlite-utils' Migrations.apply; see the class docstring)."""
        if stop_before is None and not self.pending(db) and self._table_shape(db.conn) == ["id"]:
            return
        full = db.full if isinstance(db, StoreDb) else db
        self.real().apply(full, stop_before=stop_before)

    def ensure_migrations_table(self, db: Any) -> None:
        self.real().ensure_migrations_table(db.full if isinstance(db, StoreDb) else db)

    def __repr__(self) -> str:
        return f"<Migrations '{self.name}': [{', '.join(m.name for m in self._migrations)}]>"
