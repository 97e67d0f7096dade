"""HistoryModel: a lazily loaded table model over the store's call history (pages fetched as the view scrolls)."""
from __future__ import annotations

import logging
from typing import Any, Callable, Optional

from PySide6.QtCore import (QT_TRANSLATE_NOOP, QAbstractTableModel, QCoreApplication, QModelIndex,
                            QPersistentModelIndex, Qt, Signal)

from triage_desktop.core.vocab import OUTCOME_CODES, PATHWAYS

from triage_desktop.core.vocab import ROLE_NAMES
from triage_desktop.services import format_elapsed
from .time_words import local_time
from .vocab_words import word
from .worker_bridge import ServicesBridge

log = logging.getLogger(__name__)
translate = QCoreApplication.translate

Index = QModelIndex | QPersistentModelIndex

#: (header, row key, order-by column or None when the column cannot be sorted). Only columns the store indexes
#: sort: at 1,000,000 calls an unindexed sort (length, answers, police) takes 1-2 s and would freeze the window.
COLUMNS: tuple[tuple[str, str, Optional[str]], ...] = (
    (str(QT_TRANSLATE_NOOP("HistoryModel", "Started")), "started_at", "started_at"),
    (str(QT_TRANSLATE_NOOP("HistoryModel", "Status")), "status", "status"),
    (str(QT_TRANSLATE_NOOP("HistoryModel", "Pathway")), "pathway", "pathway"),
    (str(QT_TRANSLATE_NOOP("HistoryModel", "Outcome")), "outcome_code", "outcome_code"),
    (str(QT_TRANSLATE_NOOP("HistoryModel", "Police")), "police_attend", None),
    (str(QT_TRANSLATE_NOOP("HistoryModel", "Handler")), "handler_id", "handler_id"),
    (str(QT_TRANSLATE_NOOP("HistoryModel", "Answers")), "answers_count", None),
    (str(QT_TRANSLATE_NOOP("HistoryModel", "Length")), "duration_s", None),
    (str(QT_TRANSLATE_NOOP("HistoryModel", "Marks")), "marks", None),
)
STATUS_WORDS = {"final": str(QT_TRANSLATE_NOOP("HistoryModel", "Final")),  # shown through translate()
                "in_progress": str(QT_TRANSLATE_NOOP("HistoryModel", "Not finished")),
                "abandoned": str(QT_TRANSLATE_NOOP("HistoryModel", "Abandoned"))}
UUID_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2


def marks(row: dict[str, Any]) -> str:
    out = []
    if row.get("immediate_risk"):
        out.append(translate("HistoryModel", "Immediate risk"))
    if row.get("early_exit"):
        out.append(translate("HistoryModel", "Ended early"))
    if row.get("overridden"):
        out.append(translate("HistoryModel", "Overridden"))
    if row.get("handover"):
        out.append(translate("HistoryModel", "Handed over"))
    if row.get("mode") == "training":
        out.append(translate("HistoryModel", "Training"))
    return ", ".join(out)


def display(row: dict[str, Any], key: str) -> str:
    v = row.get(key)
    if key == "started_at":
        return local_time(v or "", "%d %b %Y  %H:%M")
    if key == "status":
        return translate("HistoryModel", STATUS_WORDS[str(v)]) if v in STATUS_WORDS else str(v or "")
    if key == "pathway":
        return word(PATHWAYS.get(v or "", v or ""))
    if key == "outcome_code":
        if not v:
            return "—"
        return word(str(row.get("response") or OUTCOME_CODES[v].response if v in OUTCOME_CODES else v))
    if key == "police_attend":
        return "" if not row.get("outcome_code") else (translate("HistoryModel", "Attend") if v
                                                        else translate("HistoryModel", "No"))
    if key == "handler_id":
        role = row.get("handler_role") or ""
        return f"{v or ''}" + (f" ({word(ROLE_NAMES.get(role, role))})" if role and role != "call_handler" else "")
    if key == "duration_s":
        return format_elapsed(v) if v is not None else ""
    if key == "marks":
        return marks(row)
    return "" if v is None else str(v)


class HistoryModel(QAbstractTableModel):
    """Rows come from svc.history page by page (canFetchMore/fetchMore); sorting and filtering re-query.

    With `submit` (the services' `submit`) every query runs on the database worker and its rows arrive by signal: the
    GUI thread never waits for the database (`busy` says a query is on the way; `reloaded`, `rowsInserted` and
    `counted` say it arrived). Without it (a plain history object, as in tests) the queries run in place.
    """

    PAGE = 200
    load_failed = Signal(str)
    reloaded = Signal()
    counted = Signal()

    def __init__(self, history: Any, parent: Any = None, *, submit: Optional[Callable[..., Any]] = None):
        super().__init__(parent)
        self.history = history
        self.rows: list[dict[str, Any]] = []
        self.filters: dict[str, Any] = {}
        self.order_by = "started_at"
        self.desc = True
        self._exhausted = False
        self._total: Optional[int] = None
        self._submit = submit
        self._bridge: Optional[ServicesBridge] = ServicesBridge(self) if submit is not None else None
        self._generation = 0  # bumped by every reload: answers to an older query are dropped
        self._fetching = False
        self._counting = False
        self.reload()

    @property
    def reloading(self) -> bool:
        """True from a reload (filter, search, sort) until its first page has arrived (`reloaded`)."""
        return self._fetching and self._bridge is not None and not self._bridge.idle

    @property
    def busy(self) -> bool:
        """True while a query is on the database worker."""
        return self._bridge is not None and not self._bridge.idle

    # ----- querying ----------------------------------------------------------------------------------
    def _failed(self, exc: BaseException, *, page: bool = True) -> None:  # shown by the view, never a traceback
        log.error("history query", exc_info=exc)
        if page:
            self._exhausted = True
        self.load_failed.emit(str(exc))

    def _run(self, fn: Callable[[], Any], done: Callable[[Any], None], fallback: Any, *, page: bool = True) -> None:
        """fn() on the worker (or here, without one); done(result) on the GUI thread, `fallback` after a failure."""
        if self._bridge is None or self._submit is None:
            try:
                got = fn()
            except Exception as exc:
                self._failed(exc, page=page)
                got = fallback
            done(got)
            return
        generation = self._generation

        def ok(got: Any) -> None:
            if generation == self._generation:
                done(got)

        def bad(exc: BaseException) -> None:
            if generation == self._generation:
                self._failed(exc, page=page)
                done(fallback)

        self._bridge.run(self._submit, fn, on_result=ok, on_error=bad)

    def _page_query(self, rows: list[dict[str, Any]]) -> Callable[[], list[dict[str, Any]]]:
        """The query for the page after `rows` (keyset paging on the default order; never a deep OFFSET there)."""
        history, filters, page = self.history, dict(self.filters), self.PAGE
        if self.order_by == "started_at" and self.desc and hasattr(history, "page_after"):
            last = rows[-1] if rows else None
            after = (last["started_at"], last["uuid"]) if last else None
            return lambda: history.page_after(after, page, filters=filters)
        offset, order_by, desc = len(rows), self.order_by, self.desc
        return lambda: history.page(offset, page, order_by, desc, filters)

    def reload(self) -> None:
        """Start again from the first page (after a filter, a search or a sort)."""
        self._generation += 1
        self._total = None
        self._counting = False
        self._fetching = True

        def arrived(page: list[dict[str, Any]]) -> None:
            self.beginResetModel()
            self.rows = list(page)
            self._exhausted = len(page) < self.PAGE
            self._fetching = False
            self.endResetModel()
            self.reloaded.emit()

        self._exhausted = False
        self._run(self._page_query([]), arrived, [])

    def set_filters(self, **filters: Any) -> None:
        self.filters = {k: v for k, v in filters.items() if v not in (None, "")}
        self.reload()

    def total(self) -> int:
        """How many calls match (counted once per reload, only when asked; `counted` says when it is known)."""
        if self._total is not None:
            return self._total
        if self._counting:
            return len(self.rows)
        self._counting = True
        history, filters = self.history, dict(self.filters)

        def arrived(n: Optional[int]) -> None:
            self._counting = False
            self._total = len(self.rows) if n is None else int(n)
            if self._bridge is not None:
                self.counted.emit()

        self._run(lambda: history.count(filters), arrived, None, page=False)
        return self._total if self._total is not None else len(self.rows)

    # ----- Qt model ----------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:
        return not parent.isValid() and not self._exhausted and not self._fetching

    def fetchMore(self, parent: Index = QModelIndex()) -> None:
        if parent.isValid() or self._exhausted or self._fetching:
            return
        self._fetching = True

        def arrived(page: list[dict[str, Any]]) -> None:
            self._fetching = False
            if len(page) < self.PAGE:
                self._exhausted = True
            if not page:
                return
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(page) - 1)
            self.rows.extend(page)
            self.endInsertRows()

        self._run(self._page_query(self.rows), arrived, [])

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self.rows)) or not (0 <= index.column() < len(COLUMNS)):
            return None
        row = self.rows[index.row()]
        key = COLUMNS[index.column()][1]
        if role == Qt.ItemDataRole.DisplayRole:
            return display(row, key)
        if role == Qt.ItemDataRole.ToolTipRole:
            if key == "outcome_code" and row.get("outcome_code") in OUTCOME_CODES:
                code = row["outcome_code"]
                return f"{code}: {word(OUTCOME_CODES[code].meaning)}"
            if key == "started_at":
                return translate("HistoryModel", "Call id {id}").format(id=row.get('uuid'))
            return None
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return (translate("HistoryModel", COLUMNS[index.column()][0]) + ": "
                    + (display(row, key) or translate("HistoryModel", "none")))
        if role == UUID_ROLE:
            return row.get("uuid")
        if role == ROW_ROLE:
            return dict(row)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (role == Qt.ItemDataRole.ToolTipRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < len(COLUMNS)):
            return (translate("HistoryModel", "Click to sort") if COLUMNS[section][2]
                    else translate("HistoryModel", "This column cannot be sorted"))
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            return translate("HistoryModel", COLUMNS[section][0])
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not (0 <= column < len(COLUMNS)) or COLUMNS[column][2] is None:
            return
        order_by, desc = str(COLUMNS[column][2]), order == Qt.SortOrder.DescendingOrder
        if (order_by, desc) == (self.order_by, self.desc) and self.rows:
            return
        self.order_by, self.desc = order_by, desc
        self.reload()

    def uuid_at(self, row: int) -> Optional[str]:
        return self.rows[row]["uuid"] if 0 <= row < len(self.rows) else None
