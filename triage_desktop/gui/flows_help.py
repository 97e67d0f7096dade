"""Help ▸ Flows: the pre-rendered diagram of the flow in use and whose sign-off it runs on (the draft markers on the
main window, their words and the other windows' marks are in draft_marks.py, which the start loads without QtSvg)."""
from __future__ import annotations

import html
from pathlib import Path
from typing import Any, Optional

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QKeySequence, QPainter, QShortcut
from PySide6.QtSvgWidgets import QGraphicsSvgItem
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QGraphicsScene,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from . import a11y
from .draft_marks import drafts_text, mark_drafts  # noqa: F401 - re-exported



def flow_in_use(window: Any) -> Optional[str]:
    """The flow of the current call (where it is now, or where its outcome came from), else the entry flow."""
    view = window.controller.view
    if view is not None:
        if view.current is not None:
            return str(view.current[0])
        out = view.outcome
        if out is not None and out.flow_id:
            return str(out.flow_id)
    svc = getattr(window, "svc", None)
    if svc is None:
        return None
    try:
        return str(svc.entry_flow())
    except Exception:
        return next((f.id for f in svc.library), None)


class FlowsDialog(a11y.NamedDialog):
    """Shows one flow's diagram (SVG built at package time; no Graphviz needed) with a flow chooser and zoom."""

    def __init__(self, parent: Optional[QWidget], *, svc: Any, flow_id: Optional[str]):
        super().__init__(parent)
        self.svc = svc
        self.setWindowTitle(self.tr("Flows"))
        self.setObjectName("FlowsDialog")
        self.resize(1200, 740)
        self.library = svc.library
        self.svg_path: Optional[Path] = None
        lay = QVBoxLayout(self)
        top = QHBoxLayout()
        label = QLabel(self.tr("&Flow:"))
        self.flow_combo = QComboBox()
        self.flow_combo.setAccessibleName(self.tr("Flow to show"))
        label.setBuddy(self.flow_combo)
        for f in self.library:
            self.flow_combo.addItem(f"{f.title} (v{f.version})", f.id)
        top.addWidget(label)
        top.addWidget(self.flow_combo, 1)
        self.zoom_out_button = QPushButton(self.tr("Zoom out (Ctrl+-)"))
        self.zoom_in_button = QPushButton(self.tr("Zoom in (Ctrl++)"))
        self.fit_button = QPushButton(self.tr("Fit (Ctrl+0)"))
        for b in (self.zoom_out_button, self.zoom_in_button, self.fit_button):
            b.setAutoDefault(False)
            top.addWidget(b)
        lay.addLayout(top)
        self.signoff_label = QLabel()
        self.signoff_label.setWordWrap(True)
        self.signoff_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        a11y.text_label(self.signoff_label, self.tr("Sign-off of this flow"))
        lay.addWidget(self.signoff_label)
        self.scene = QGraphicsScene(self)
        self.view = QGraphicsView(self.scene)
        self.view.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.SmoothPixmapTransform)
        self.view.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.view.setAccessibleName(self.tr("Flow diagram"))
        self.view.setAccessibleDescription(self.tr("The flow as a diagram: questions, answers on the arrows, "
                                                   "outcomes labelled police attend or police will not attend."))
        self.missing_label = QLabel()
        self.missing_label.setWordWrap(True)
        self.missing_label.hide()
        diagram = QWidget()
        dl = QVBoxLayout(diagram)
        dl.setContentsMargins(0, 0, 0, 0)
        dl.addWidget(self.view, 1)
        dl.addWidget(self.missing_label)
        self.outline_edit = QPlainTextEdit()
        self.outline_edit.setReadOnly(True)
        self.outline_edit.setAccessibleName(self.tr("Flow as text"))
        self.outline_edit.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard
                                                  | Qt.TextInteractionFlag.TextSelectableByMouse)
        self.tabs = QTabWidget()
        self.tabs.addTab(diagram, self.tr("&Diagram"))
        self.tabs.addTab(self.outline_edit, self.tr("&Text (every step in words)"))
        lay.addWidget(self.tabs, 1)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        box.rejected.connect(self.reject)
        lay.addWidget(box)
        self.item: Optional[QGraphicsSvgItem] = None
        self.flow_combo.currentIndexChanged.connect(self.on_flow_combo_current_index_changed)
        self.zoom_in_button.clicked.connect(lambda: self.zoom(1.25))
        self.zoom_out_button.clicked.connect(lambda: self.zoom(0.8))
        self.fit_button.clicked.connect(self.fit)
        for keys, slot in ((QKeySequence.StandardKey.ZoomIn, lambda: self.zoom(1.25)),
                           ("Ctrl+=", lambda: self.zoom(1.25)),
                           (QKeySequence.StandardKey.ZoomOut, lambda: self.zoom(0.8)), ("Ctrl+0", self.fit)):
            QShortcut(QKeySequence(keys), self, activated=slot)
        index = self.flow_combo.findData(flow_id) if flow_id else 0
        self.flow_combo.setCurrentIndex(max(index, 0))
        self.on_flow_combo_current_index_changed(self.flow_combo.currentIndex())
        self.flow_combo.setFocus()

    @property
    def flow_id(self) -> str:
        return str(self.flow_combo.currentData())

    def on_flow_combo_current_index_changed(self, _index: int) -> None:
        flow = self.library[self.flow_id]
        so = self.svc.flow_signoff(flow.id)
        draft = so.startswith("DRAFT")
        colour = "#b10e1e" if draft else "#1e1e1e"
        self.signoff_label.setText(f"<b>{html.escape(flow.title)}</b> ({html.escape(flow.id)} v{html.escape(flow.version)}, "
                                   f"sha256 {flow.content_hash[:12]}) · <span style='color:{colour}'>"
                                   f"{'<b>' if draft else ''}{html.escape(so[:1].upper() + so[1:], quote=False)}"
                                   f"{'</b>' if draft else ''}</span>")
        self.outline_edit.setPlainText(self.svc.flow_outline(flow.id))
        self.scene.clear()
        self.item = None
        self.svg_path = self.svc.flow_diagram(flow.id)
        if self.svg_path is None:
            self.view.hide()
            self.missing_label.setText(self.tr("No diagram was built for {flow} v{version} (sha256 {hash}). Diagrams "
                                               "are made when the app is built ('make diagrams', or 'triage-desktop "
                                               "flows diagrams FOLDER' for a force's own flows). The Text tab shows "
                                               "every step of this version.").format(
                flow=flow.id, version=flow.version, hash=flow.content_hash[:12]))
            self.missing_label.show()
            return
        self.missing_label.hide()
        self.view.show()
        self.item = QGraphicsSvgItem(str(self.svg_path))
        self.scene.addItem(self.item)
        self.scene.setSceneRect(self.item.boundingRect())
        self.fit()
        self.show_node(flow.start)

    def show_node(self, node_id: str) -> bool:
        """Scroll so that a flow node (e.g. the first question) is in view; False if the SVG does not name it."""
        if self.item is None:
            return False
        rect = self.node_rect(node_id)
        if rect is None:
            return False
        # the node near the top of the view, horizontally centred
        self.view.centerOn(rect.center().x(), rect.top() + self.view.viewport().height() / 3 / max(
            self.view.transform().m11(), 0.01))
        return True

    def node_rect(self, node_id: str) -> Optional[QRectF]:
        """Where a flow node is drawn, in scene coordinates (the renderer writes id="flownode_<id>"), or None."""
        if self.item is None:
            return None
        renderer = self.item.renderer()
        element = f"flownode_{node_id}"
        if not renderer.elementExists(element):
            return None
        rect = renderer.transformForElement(element).mapRect(renderer.boundsOnElement(element))
        box = renderer.viewBoxF()
        size = self.item.boundingRect()
        sx, sy = size.width() / max(box.width(), 1.0), size.height() / max(box.height(), 1.0)
        return QRectF((rect.x() - box.x()) * sx, (rect.y() - box.y()) * sy, rect.width() * sx, rect.height() * sy)

    def zoom(self, factor: float) -> None:
        self.view.scale(factor, factor)

    def fit(self) -> None:
        if self.item is not None:
            self.view.resetTransform()
            rect = self.item.boundingRect()
            # fit the width (diagrams are read top to bottom), but never so small the words cannot be read
            scale = max(min(self.view.viewport().width() / max(rect.width(), 1.0), 1.0), 0.6)
            self.view.scale(scale, scale)
            self.view.centerOn(rect.center().x(), rect.top())

    @classmethod
    def open_for(cls, window: Any) -> Optional["FlowsDialog"]:
        """Non-modal (a reference beside the call): one per window, brought to the front and re-pointed."""
        svc = getattr(window, "svc", None)
        if svc is None:
            return None
        dlg = getattr(window, "_flows_dialog", None)
        if dlg is None:
            dlg = cls(window, svc=svc, flow_id=flow_in_use(window))
            window._flows_dialog = dlg
        else:
            i = dlg.flow_combo.findData(flow_in_use(window))
            if i >= 0:
                dlg.flow_combo.setCurrentIndex(i)
        dlg.show()
        dlg.raise_()
        dlg.activateWindow()
        return dlg
