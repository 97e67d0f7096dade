"""Help ▸ Flows shows the bundled diagram of the flow in use; the About box and Help ▸ Flows say whose sign-off;
draft flows (training only) are marked on every screen."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from gui_drive import settle
from triage_desktop.core.loader import bundled_flows_dir
from triage_desktop.flowdocs.bundle import build_bundle, bundle_dir, diagram_for, renderer_tag
from triage_desktop.gui.about import about_html
from triage_desktop.gui.flows_help import FlowsDialog
from triage_desktop.paths import AppPaths
from triage_desktop.services import AppServices

from gui_drive import FLOWS_OK, show_window


@pytest.fixture
def bundled_svc(tmp_path: Path):
    svc = AppServices.open(AppPaths.from_root(tmp_path / "bundled"), training=False)
    if any(diagram_for(f) is None or renderer_tag() not in diagram_for(f).name for f in svc.library):
        # `make test` builds them first (make diagrams); a direct pytest run builds them here
        build_bundle(list(svc.library))
    svc.settings.set("handler_id", "1234")
    svc.settings.set("handler_role", "call_handler")
    yield svc
    svc.close()


def answers_into(lib, flow_id: str) -> list:
    """The answers of the first entry-triage test case that hands over to flow_id, up to the hand-over (taken from
    the bundled test cases, so this test follows the flows as the content changes)."""
    from triage_desktop.core.engine import FlowRun
    from triage_desktop.core.loader import load_test_cases

    _, cases, _ = load_test_cases(bundled_flows_dir() / "tests" / "entry_triage.yaml")
    for case in cases:
        if getattr(case, "caller_type", None):
            continue
        run, given = FlowRun(lib, "entry_triage"), []
        for a in case.answers:
            if run.current is None or run.current[0] != "entry_triage":
                break
            run.answer(a)
            given.append(a)
        if run.current is not None and run.current[0] == flow_id:
            return given
    raise AssertionError(f"no entry_triage test case goes on into {flow_id}")


def open_flows_help(qtbot, window) -> FlowsDialog:
    window.flows_help_action.trigger()
    qtbot.waitUntil(lambda: getattr(window, "_flows_dialog", None) is not None and window._flows_dialog.isVisible())
    return window._flows_dialog


def test_help_flows_shows_the_bundled_diagram_of_the_flow_in_use(qtbot, bundled_svc, tmp_path):
    window = show_window(qtbot, bundled_svc, bundled_svc.paths)
    assert "&Flows (diagrams)…" in [a.text() for a in window.menuBar().actions()[-1].menu().actions()]
    dlg = open_flows_help(qtbot, window)
    lib = bundled_svc.library
    assert dlg.flow_id == "entry_triage"  # no call yet: the flow every call starts in
    assert dlg.svg_path == diagram_for(lib["entry_triage"]) and dlg.svg_path.parent == bundle_dir()
    dlg.close()
    # a call moves into the welfare pathway: Help ▸ Flows now shows that flow
    window.on_new_call_action_triggered()
    settle(qtbot, window)
    for a in answers_into(lib, "concern_for_welfare"):
        window.controller.answer(a)
        settle(qtbot, window)
    qtbot.waitUntil(lambda: window.controller.view.current[0] == "concern_for_welfare")
    dlg = open_flows_help(qtbot, window)
    flow = lib["concern_for_welfare"]
    assert dlg.flow_id == "concern_for_welfare"
    assert dlg.svg_path == diagram_for(flow)
    assert dlg.svg_path.name == f"concern_for_welfare-{flow.version}-{flow.content_hash[:12]}-r{renderer_tag()}.svg"
    assert dlg.item is not None and dlg.item.renderer().isValid()
    size = dlg.item.renderer().defaultSize()
    assert size.width() > 800 and size.height() > 800
    svg = dlg.svg_path.read_text(encoding="utf-8")
    assert all(n.title in svg or n.code in svg for n in flow.nodes.values())
    text = dlg.signoff_label.text()
    assert "Example Constabulary" in text and "FICTIONAL EXAMPLE" in text and flow.content_hash[:12] in text
    # it opens on the flow's first question, readable (not shrunk to fit the whole flow)
    start = dlg.node_rect(flow.start)
    assert start is not None and dlg.view.transform().m11() >= 0.6
    visible = dlg.view.mapToScene(dlg.view.viewport().rect()).boundingRect()
    assert visible.intersects(start), (visible, start)
    img = dlg.view.viewport().grab().toImage()
    colours = {img.pixel(x, y) for x in range(0, img.width(), 23) for y in range(0, img.height(), 23)}
    assert len(colours) > 3  # the diagram is drawn, not a blank view
    # the same flow as text (screen readers, large text): every step, its words and where each answer goes
    dlg.tabs.setCurrentIndex(1)
    text = dlg.outline_edit.toPlainText()
    assert all(n.title in text for n in flow.nodes.values() if n.kind != "outcome")
    assert "POLICE WILL NOT ATTEND" in text and "[RISK QUESTION]" in text
    dlg.tabs.setCurrentIndex(0)
    # keyboard: choose another flow in the combo, zoom, Esc closes
    dlg.flow_combo.setFocus()
    qtbot.keyClick(dlg.flow_combo, Qt.Key.Key_Home)
    assert dlg.flow_id == lib.flows[next(iter(lib.flows))].id and dlg.svg_path is not None
    before = dlg.view.transform().m11()
    dlg.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dlg)
    qtbot.keyClick(dlg.flow_combo, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert dlg.view.transform().m11() > before
    qtbot.keyClick(dlg.flow_combo, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dlg.isVisible())


def test_about_box_says_whose_signoff_is_in_use(bundled_svc):
    text = about_html(bundled_svc)
    assert "Sign-off: Example Constabulary, Example Mental Health NHS Foundation Trust, Example County Council" in text
    assert "FICTIONAL EXAMPLE" in text and "DRAFT" not in text


def test_draft_flows_are_marked_on_every_screen_in_training(qtbot, tmp_path):
    flows = tmp_path / "flows"
    shutil.copytree(FLOWS_OK, flows)
    p = flows / "mini_path.yaml"
    p.write_text(p.read_text(encoding="utf-8") + "status: draft\n", encoding="utf-8")
    paths = AppPaths.from_root(tmp_path / "app")
    svc = AppServices.open(paths, training=True, flows_dir=flows)
    svc.settings.set("handler_id", "1234")
    try:
        window = show_window(qtbot, svc, paths)
        assert "DRAFT FLOWS" in window.windowTitle()
        assert window.draft_status_label.isVisible()
        assert window.draft_status_label.text() == "⚠ DRAFT FLOW (training only): Mini pathway v1.2.0"
        assert "DRAFT FLOW (training only): Mini pathway v1.2.0" in window.start_page.training_label.text()
        window.on_new_call_action_triggered()
        qtbot.waitUntil(lambda: window.stack.currentWidget() is window.call_screen)
        assert "DRAFT FLOW" in window.call_screen.training_label.text()
        assert window.call_screen.training_label.isVisible() and window.draft_status_label.isVisible()
        assert "DRAFT FLOWS" in window.windowTitle()
        for a in ("no", "none", 30, "welfare"):
            window.controller.answer(a)
            settle(qtbot, window)
        qtbot.waitUntil(lambda: window.controller.view.current[0] == "mini_path")
        dlg = open_flows_help(qtbot, window)
        assert dlg.flow_id == "mini_path"
        assert "DRAFT (training only): marked 'status: draft'" in dlg.signoff_label.text()
        assert dlg.svg_path is None and dlg.missing_label.isVisible()  # nothing was built for a test flow
        assert "make diagrams" in dlg.missing_label.text()
        assert "Question “Where?”" in dlg.outline_edit.toPlainText()  # the text view works without a diagram
        assert "DRAFT flows (training only): mini_path v1.2.0" in about_html(svc)
        dlg.close()
    finally:
        svc.close()


def test_help_flows_by_keyboard(qtbot, bundled_svc):
    """Alt+H opens the Help menu, F chooses Flows (no mouse)."""
    window = show_window(qtbot, bundled_svc, bundled_svc.paths)
    help_menu = window.menuBar().actions()[-1].menu()
    qtbot.keyClick(window, Qt.Key.Key_H, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(help_menu.isVisible)
    qtbot.keyClick(help_menu, Qt.Key.Key_F)
    qtbot.waitUntil(lambda: getattr(window, "_flows_dialog", None) is not None and window._flows_dialog.isVisible())
    assert window._flows_dialog.flow_id == "entry_triage"
    window._flows_dialog.close()


@pytest.mark.parametrize("draft", [True, False])
def test_history_and_reports_windows_carry_the_draft_marker(qtbot, tmp_path, draft):
    """Opened from the main window by their keys (Ctrl+F, Ctrl+R) on a training store: with a draft flow in use each
    says so as the main window does (" — DRAFT FLOWS" in the title, the same words in a banner on screen); with
    none, neither window is marked."""
    flows = tmp_path / "flows"
    shutil.copytree(FLOWS_OK, flows)
    if draft:
        p = flows / "mini_path.yaml"
        p.write_text(p.read_text(encoding="utf-8") + "status: draft\n", encoding="utf-8")
    paths = AppPaths.from_root(tmp_path / "app")
    svc = AppServices.open(paths, training=True, flows_dir=flows)
    svc.settings.set("handler_id", "1234")
    try:
        window = show_window(qtbot, svc, paths)
        assert ("DRAFT FLOWS" in window.windowTitle()) is draft
        qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: window.history_window is not None and window.history_window.isVisible())
        history = window.history_window
        qtbot.keyClick(window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: window.reports_window is not None and window.reports_window.isVisible())
        reports = window.reports_window
        qtbot.waitUntil(lambda: reports.settled, timeout=20000)
        for other in (history, reports):
            banner = other.draft_banner
            if not draft:
                assert "DRAFT" not in other.windowTitle() and not banner.isVisible() and banner.text() == ""
                continue
            assert other.windowTitle().endswith(" — DRAFT FLOWS"), other.windowTitle()
            assert banner.text() == window.draft_status_label.text() == \
                "⚠ DRAFT FLOW (training only): Mini pathway v1.2.0"
            assert banner.property("role") == "training" and banner.accessibleDescription() == "Draft flows in use"
            # on screen, whole, inside the window (geometry, not only isVisible)
            top_left = banner.mapTo(other, banner.rect().topLeft())
            assert banner.isVisible() and not banner.visibleRegion().isEmpty()
            assert other.rect().contains(top_left) and other.rect().contains(
                banner.mapTo(other, banner.rect().bottomRight())), (top_left, banner.size(), other.size())
            assert banner.height() >= banner.fontMetrics().lineSpacing()
        reports.close()
        history.close()
    finally:
        svc.close()
