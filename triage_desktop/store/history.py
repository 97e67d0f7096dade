"""The History view's repository: count, page and search calls with filters, on indexed columns."""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any, Mapping, Optional, Union

from .eventrows import LIVE_POSITION_SQL, POSITION_KEYS

if TYPE_CHECKING:
    from sqlite_utils import Database


#: Columns a History row carries (no personal details, no free text).
LIST_COLUMNS = ("uuid", "mode", "status", "version", "started_at", "finalised_at", "flow_id", "pathway",
                "outcome_code", "original_outcome_code", "response", "grade", "police_attend", "handler_id",
                "handler_role", "answers_count", "duration_s", "immediate_risk", "early_exit", "overridden",
                "handover", "caller_informed")
ORDER_COLUMNS = ("started_at", "finalised_at", "pathway", "outcome_code", "handler_id", "status", "duration_s",
                 "police_attend", "answers_count")
DISTINCT_COLUMNS = ("pathway", "outcome_code", "handler_id", "status")
#: A text search matching more calls than this walks the started_at index newest first and stops at the page's
#: end, instead of sorting every match (1,000,000 matches: ~0.1 s instead of ~1 s).
MANY_MATCHES = 2000


def _day_end(value: str) -> str:
    """A bare date as an exclusive upper bound means 'up to the end of that day'."""
    if len(value) == 10:
        return (_dt.date.fromisoformat(value) + _dt.timedelta(days=1)).isoformat()
    return value


_CALL_ID = re.compile(r"^(?:id\s*)?([0-9a-f]{6,8}(?:-[0-9a-f]{1,4}){0,3}(?:-[0-9a-f]{1,12})?)[…\.]*$")


def call_id_prefix(text: str) -> str:
    """The call id (or its first 6+ characters, e.g. '3f2a1b9c…' as shown after a call) a search text is, or ''."""
    m = _CALL_ID.match(text.strip().lower())
    return m.group(1) if m else ""


@dataclass(frozen=True)
class HistoryFilters:
    """What the History view filters on; None means 'any'. Dates are ISO (a bare date_to includes that day)."""

    date_from: Optional[str] = None
    date_to: Optional[str] = None
    pathway: Optional[str] = None
    outcome: Optional[str] = None
    handler: Optional[str] = None
    status: Optional[str] = None
    mode: Optional[str] = None
    text: Optional[str] = None

    @classmethod
    def of(cls, value: "FiltersLike") -> "HistoryFilters":
        if value is None:
            return cls()
        if isinstance(value, HistoryFilters):
            return value
        names = {f.name for f in fields(cls)}
        unknown = set(value) - names
        if unknown:
            raise ValueError(f"unknown history filter(s): {', '.join(sorted(unknown))}")
        return cls(**{k: v for k, v in value.items() if v not in (None, "")})


FiltersLike = Union[None, HistoryFilters, Mapping[str, Any]]


class HistoryRepository:
    """Read-only queries for the History view; every filter has an index, so it stays fast at 1,000,000 calls."""

    def __init__(self, db: Database):
        self.db = db

    def _where(self, filters: FiltersLike) -> tuple[str, list[Any]]:
        f = HistoryFilters.of(filters)
        clauses: list[str] = []
        params: list[Any] = []
        if f.date_from:
            clauses.append("started_at >= ?")
            params.append(f.date_from)
        if f.date_to:
            clauses.append("started_at < ?")
            params.append(_day_end(f.date_to))
        for col, val in (("pathway", f.pathway), ("outcome_code", f.outcome), ("handler_id", f.handler),
                         ("status", f.status), ("mode", f.mode)):
            if val:
                clauses.append(f"{col} = ?")
                params.append(val)
        if f.text and f.text.strip():
            prefix = call_id_prefix(f.text)
            if prefix:  # a call id (or its first characters, as the start page and reports show it) or words
                clauses.append("rowid IN (SELECT rowid FROM calls WHERE uuid >= ? AND uuid < ? "
                               "UNION SELECT rowid FROM calls_fts WHERE calls_fts MATCH ?)")
                params += [prefix, prefix + "\uffff", self.db.quote_fts(f.text.strip())]
            else:
                clauses.append("rowid IN (SELECT rowid FROM calls_fts WHERE calls_fts MATCH ?)")
                params.append(self.db.quote_fts(f.text.strip()))
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params

    def count(self, filters: FiltersLike = None) -> int:
        """How many calls match."""
        f = HistoryFilters.of(filters)
        if f.text and f.text.strip() and HistoryFilters(text=f.text) == f and not call_id_prefix(f.text):  # text only: the index counts itself
            return int(self.db.execute("SELECT count(*) FROM calls_fts WHERE calls_fts MATCH ?",
                                       (self.db.quote_fts(f.text.strip()),)).fetchone()[0])
        where, params = self._where(filters)
        return int(self.db.execute(f"SELECT count(*) FROM calls{where}", params).fetchone()[0])

    def page(self, offset: int = 0, limit: int = 50, order_by: str = "started_at", desc: bool = True,
             filters: FiltersLike = None) -> list[dict[str, Any]]:
        """One page of calls (LIST_COLUMNS), ordered by an indexed column."""
        if order_by not in ORDER_COLUMNS:
            raise ValueError(f"cannot order history by '{order_by}' (choose from {', '.join(ORDER_COLUMNS)})")
        where, params = self._where(filters)
        direction = "DESC" if desc else "ASC"
        tie = "" if order_by == "started_at" else f", started_at {direction}"
        source = self._source(filters) if order_by == "started_at" else "calls"
        sql = (f"SELECT {', '.join(LIST_COLUMNS)} FROM {source}{where} ORDER BY {order_by} {direction}{tie}, "
               f"rowid {direction} LIMIT ? OFFSET ?")
        return self._rows(sql, [*params, max(0, int(limit)), max(0, int(offset))])

    def page_after(self, after: Optional[tuple[str, str]] = None, limit: int = 50,
                   filters: FiltersLike = None) -> list[dict[str, Any]]:
        """Keyset paging, newest first: pass the last row's (started_at, uuid) to get the next page."""
        where, params = self._where(filters)
        if after is not None:
            where += (" AND " if where else " WHERE ") + "started_at <= ? AND (started_at < ? OR uuid < ?)"
            params += [after[0], after[0], after[1]]
        sql = (f"SELECT {', '.join(LIST_COLUMNS)} FROM {self._source(filters)}{where} "
               f"ORDER BY started_at DESC, uuid DESC LIMIT ?")
        return self._rows(sql, [*params, max(0, int(limit))])

    def _source(self, filters: FiltersLike) -> str:
        """'calls', or 'calls INDEXED BY idx_calls_started' for a text filter with many matches."""
        f = HistoryFilters.of(filters)
        if not (f.text and f.text.strip()):
            return "calls"
        n = self.db.execute("SELECT count(*) FROM (SELECT rowid FROM calls_fts WHERE calls_fts MATCH ? LIMIT ?)",
                            (self.db.quote_fts(f.text.strip()), MANY_MATCHES + 1)).fetchone()[0]
        return "calls INDEXED BY idx_calls_started" if n > MANY_MATCHES else "calls"

    def search(self, text: str, *, limit: int = 100, filters: FiltersLike = None) -> list[dict[str, Any]]:
        """Calls whose notes or rationale contain the words (full-text), newest first."""
        f = HistoryFilters.of(filters)
        f = HistoryFilters(**{**{k.name: getattr(f, k.name) for k in fields(f)}, "text": text})
        return self.page(0, limit, filters=f)

    def distinct_values(self, column: str) -> list[str]:
        """The values present in a filterable column (for the filter drop-downs)."""
        if column not in DISTINCT_COLUMNS:
            raise ValueError(f"no distinct values for '{column}'")
        return [r[0] for r in self.db.execute(f"SELECT DISTINCT {column} FROM calls WHERE {column} IS NOT NULL "
                                              f"ORDER BY {column}")]

    def _rows(self, sql: str, params: list[Any]) -> list[dict[str, Any]]:
        cur = self.db.execute(sql, params)
        cols = [d[0] for d in cur.description]
        rows = [dict(zip(cols, r)) for r in cur]
        for row in rows:  # an open call's answers are counted in its last answer's row (migration 0044)
            if row.get("status") == "in_progress" and "answers_count" in row:
                found = self.db.execute(LIVE_POSITION_SQL, [row["uuid"]]).fetchone()
                if found is not None:
                    row["answers_count"] = found[POSITION_KEYS.index("answers_count")]
        return rows
