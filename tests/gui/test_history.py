"""History: the lazy table model (qtmodeltester), sorting, filters, full-text search, opening a report."""
from __future__ import annotations

from typing import Any, Optional

from PySide6.QtCore import Qt

from gui_drive import CTRL, make_call, press
from triage_desktop.gui.history_model import COLUMNS, HistoryModel
from triage_desktop.gui.history_view import HistoryView


class StubHistory:
    """A history repository of n synthetic rows that records the queries made."""

    def __init__(self, n: int):
        self.all = [{"uuid": f"u{i:05d}", "started_at": f"2026-01-01T00:{i // 60 % 60:02d}:{i % 60:02d}.000+00:00",
                     "status": "final", "pathway": "welfare", "outcome_code": "GP_OR_111", "police_attend": 0,
                     "handler_id": f"{1000 + i % 7}", "handler_role": "call_handler", "answers_count": i % 9,
                     "duration_s": 60.0 + i, "mode": "live"} for i in range(n)]
        self.queries: list[tuple[Any, ...]] = []

    def count(self, filters: Any = None) -> int:
        return len(self.all)

    def page(self, offset: int, limit: int, order_by: str, desc: bool, filters: Any = None):
        self.queries.append(("page", offset, limit, order_by, desc))
        rows = sorted(self.all, key=lambda r: (r[order_by], r["started_at"]), reverse=desc)
        return rows[offset:offset + limit]

    def page_after(self, after: Optional[tuple[str, str]], limit: int, filters: Any = None):
        self.queries.append(("page_after", after, limit))
        rows = sorted(self.all, key=lambda r: (r["started_at"], r["uuid"]), reverse=True)
        if after is not None:
            rows = [r for r in rows if (r["started_at"], r["uuid"]) < after]
        return rows[:limit]


def test_model_fetches_pages_lazily(qtmodeltester):
    stub = StubHistory(450)
    model = HistoryModel(stub)
    assert model.rowCount() == HistoryModel.PAGE and model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == 400
    model.fetchMore()
    assert model.rowCount() == 450 and not model.canFetchMore()
    assert [q[0] for q in stub.queries] == ["page_after"] * 3  # keyset paging, never a deep OFFSET
    uuids = [model.uuid_at(i) for i in range(450)]
    assert len(set(uuids)) == 450
    qtmodeltester.check(model)


def test_model_sorts_by_querying(qtmodeltester):
    stub = StubHistory(30)
    model = HistoryModel(stub)
    col = [c[1] for c in COLUMNS].index("handler_id")
    model.sort(col, Qt.SortOrder.AscendingOrder)
    assert stub.queries[-1] == ("page", 0, HistoryModel.PAGE, "handler_id", False)
    for key in ("duration_s", "answers_count", "police_attend", "marks"):  # unindexed: never sorted at scale
        model.sort([c[1] for c in COLUMNS].index(key), Qt.SortOrder.AscendingOrder)
        assert stub.queries[-1][3] == "handler_id"
    qtmodeltester.check(model)


def test_model_over_the_real_store(qtmodeltester, svc):
    model = HistoryModel(svc.history)
    qtmodeltester.check(model)  # empty
    for i in range(3):
        make_call(svc, note=f"note {i}")
    make_call(svc, finalise=False)
    model.reload()
    assert model.rowCount() == 4
    statuses = {model.data(model.index(r, 1)) for r in range(4)}
    assert statuses == {"Final", "Not finished"}
    assert model.data(model.index(0, 0), Qt.ItemDataRole.AccessibleTextRole).startswith("Started: ")
    qtmodeltester.check(model)


def test_search_finds_a_call_by_a_word_in_its_notes(qtbot, window, svc):
    make_call(svc, note="Neighbour heard shouting near the canal")
    wanted = make_call(svc, note="Caller mentioned a kitchen knife in the drawer")
    make_call(svc, note="Quiet street, nothing seen")
    press(qtbot, window, Qt.Key.Key_F, CTRL)
    view = window.history_window
    assert isinstance(view, HistoryView) and view.isVisible()
    qtbot.waitUntil(view.search_edit.hasFocus)  # Ctrl+F puts the cursor in the search box
    qtbot.waitUntil(lambda: view.model.rowCount() == 3)
    qtbot.keyClicks(view.search_edit, "knife")
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=3000)  # after the typing pause
    assert view.model.uuid_at(0) == wanted
    assert "1 call match" in view.count_label.text()


def test_filters_and_opening_a_report(qtbot, window, svc, dialog_log):
    ok = make_call(svc)
    police = make_call(svc, crime="past")
    open_call = make_call(svc, finalise=False)
    window.on_history_action_triggered()
    view = window.history_window
    def settled() -> None:  # the queries run on the database worker; their rows arrive by signal
        qtbot.waitUntil(lambda: not view.model.busy)

    view.outcome_combo.setCurrentIndex(view.outcome_combo.findData("POLICE_SCHEDULED"))
    settled()
    assert [view.model.uuid_at(i) for i in range(view.model.rowCount())] == [police]
    view.on_clear_button_clicked()
    view.status_combo.setCurrentIndex(view.status_combo.findData("in_progress"))
    settled()
    assert [view.model.uuid_at(i) for i in range(view.model.rowCount())] == [open_call]
    view.on_clear_button_clicked()
    view.handler_edit.setText("nobody")
    view.apply_filters()
    settled()
    assert view.model.rowCount() == 0 and view.count_label.text() == "No calls match."
    view.on_clear_button_clicked()
    settled()
    assert view.model.rowCount() == 3
    dialog_log.answers["CallReportDialog"] = None
    row = next(i for i in range(3) if view.model.uuid_at(i) == ok)
    view.table_view.setCurrentIndex(view.model.index(row, 0))
    view.table_view.setFocus()
    qtbot.keyClick(view.table_view, Qt.Key.Key_Return)
    assert dialog_log.kwargs("CallReportDialog")["uuid"] == ok


def test_header_click_on_an_unsortable_column_keeps_the_real_sort(qtbot, svc):
    view = HistoryView(svc)
    qtbot.addWidget(view)
    header = view.table_view.horizontalHeader()
    header.setSortIndicator([c[1] for c in COLUMNS].index("duration_s"), Qt.SortOrder.AscendingOrder)
    assert header.sortIndicatorSection() == 0 and view.model.order_by == "started_at"
