"""CallReportDialog: a call's full read-only report and audit trail; addenda can be appended with a reason."""
from __future__ import annotations

import html
import json
import logging
from typing import Any, Callable, Mapping, Optional

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from triage_desktop.core.vocab import FLAGS, OUTCOME_CODES, PATHWAYS, THRIVE_FIELDS

from triage_desktop.core.vocab import ROLE_NAMES
from triage_desktop.services import format_elapsed
from . import a11y
from .addendum_dialog import AddendumDialog
from .message_boxes import ErrorDialog
from .time_words import local_time
from .errors import describe_action_error
from .worker_bridge import ServicesBridge

log = logging.getLogger(__name__)

EVENT_WORDS = {
    "started": "Call started", "answered": "Answered", "changed": "Changed answer", "volunteered": "Volunteered",
    "back": "Went back", "jump": "Jumped to", "forward": "Returned to latest", "immediate_risk": "IMMEDIATE RISK",
    "early_exit": "Ended early", "override": "Outcome overridden", "note": "Note", "handover": "Handed over",
    "finalised": "Finalised", "abandoned": "Abandoned", "amended": "Addendum", "shown": "Question shown",
    "personal": "Caller details", "purged": "Personal details purged", "language": "Call language",
}


def _decision_html(rep: dict) -> str:
    """Issue 8: who called, the decision and its time (and a raise), partners added after it, steps not asked."""
    from triage_desktop.core.vocab import CALLER_TYPES, PARTNER_CODES

    ct = rep.get("caller_type")
    out = [f"<b>Caller:</b> {_e(CALLER_TYPES[ct].label if ct in CALLER_TYPES else 'not recorded')}"]
    d = rep.get("decision")
    if d:
        out.append(f"<b>Decision:</b> {_e(d['first_code'])} at {format_elapsed(d.get('offset_s') or 0)}"
                   + (f"; raised to {_e(d['code'])} at {format_elapsed(d.get('raised_offset_s') or 0)}"
                      if d.get("raised") else ""))
    if rep.get("partners_added"):
        out.append("<b>Added after the decision:</b> "
                   + _e("; ".join(PARTNER_CODES.get(p, p) for p in rep["partners_added"])))
    if rep.get("not_asked"):
        out.append("<b>Not asked:</b> " + _e("; ".join(f"{n['title']} ({n['reason']})" for n in rep["not_asked"])))
    if rep.get("repeat_links"):
        out.append(f"<b>Repeat contact (this PC only):</b> {len(rep['repeat_links'])} earlier call(s) in 7 days")
    return "<p>" + "<br>".join(out) + "</p>"


def _e(x: Any) -> str:
    return html.escape("" if x is None else str(x))


LANGUAGE_WORDS = {"cy": "Welsh (Cymraeg)", "en": "English"}


def _value_text(ev: Mapping[str, Any]) -> str:
    v = ev.get("value")
    if ev.get("kind") == "language":  # issue 15: the call language switched
        return f"now {LANGUAGE_WORDS.get(str(v), str(v))}"
    if isinstance(v, dict) and set(v) == {"lang"}:  # a question shown in another language
        return f"in {LANGUAGE_WORDS.get(str(v['lang']), str(v['lang']))}"
    if isinstance(v, list):
        return ", ".join(map(str, v)) or "none"
    if isinstance(v, dict):
        flow = v.get("flow")
        if isinstance(flow, dict):
            return f"flow {flow.get('id')} v{flow.get('version')}"
        return ", ".join(f"{k}: {x}" for k, x in v.items() if not isinstance(x, (dict, list)))
    return "" if v is None else str(v)


def _detail(ev: Mapping[str, Any], titles: Mapping[str, str]) -> str:
    node = ev.get("node") or ""
    bits = [titles.get(node, node) if node else "", _value_text(ev), ev.get("code") or "",
            ev.get("reason") or "", ev.get("text") or ""]
    if ev.get("volunteered"):
        bits.append("(volunteered)")
    return " · ".join(b for b in bits if b)


def report_html(rep: Mapping[str, Any]) -> str:
    """The report as simple HTML (QTextBrowser renders it; text is selectable and copyable)."""
    c = rep.get("call", {})
    out = rep.get("outcome") or {}
    code = c.get("outcome_code") or out.get("code")
    parts: list[str] = []
    status = {"final": "Final", "in_progress": "Not finished", "abandoned": "Abandoned"}.get(c.get("status"),
                                                                                          c.get("status"))
    training = " · <b>TRAINING: not a real call</b>" if c.get("mode") == "training" else ""
    parts.append(f"<h2>Call {_e(str(c.get('uuid', ''))[:8])}…</h2>"
                 f"<p>Status: <b>{_e(status)}</b> · version {_e(c.get('version'))}{training}<br>"
                 f"Call id: {_e(c.get('uuid'))}<br>"
                 f"Started {_e(local_time(c.get('started_at', ''), '%d %b %Y %H:%M:%S'))}"
                 + (f" · finished {_e(local_time(c['finalised_at'], '%H:%M:%S'))}" if c.get("finalised_at") else "")
                 + (f" · took {format_elapsed(c['duration_s'])}" if c.get("duration_s") else "") + "<br>"
                 f"Handler: {_e(c.get('handler_id') or '-')} "
                 f"({_e(ROLE_NAMES.get(c.get('handler_role') or '', c.get('handler_role') or '-'))})"
                 + (" · handed over during the call" if c.get("handover") else "") + "</p>")
    if code:
        voc = OUTCOME_CODES.get(code)
        # the decision, not what happened afterwards (the app does not know whether officers arrived)
        attend = ("Decision: police to attend" if c.get("police_attend") or (voc and voc.police)
                  else "Decision: police not to attend")
        unreachable = any(ev.get("kind") == "finalised" and isinstance(ev.get("value"), dict)
                          and ev["value"].get("caller_unreachable") for ev in rep.get("events", []))
        told = "yes" if c.get("caller_informed") else ("no: caller not reachable (rang off)" if unreachable else "no")
        parts.append(f"<h3>Outcome</h3><p><b>{_e(code)}</b> · {_e(c.get('response') or out.get('response'))}"
                     f"<br>{_e(attend)} · caller told: {_e(told)}</p>")
        for key, label in (("override_reason", "Overridden from " + str(c.get("original_outcome_code") or "")),
                           ("early_exit_reason", "Ended early"), ("immediate_risk_reason", "Immediate risk")):
            if c.get(key):
                parts.append(f"<p>⚠ {_e(label)}. Reason: {_e(c[key])}</p>")
        parts.append(f"<p><b>Rationale:</b> {_e(c.get('rationale') or out.get('rationale') or '-')}</p>")
    else:
        parts.append("<h3>Outcome</h3><p>Not reached.</p>")
    parts.append(_decision_html(rep))
    parts.append(f"<p><b>Pathway:</b> {_e(PATHWAYS.get(c.get('pathway') or '', c.get('pathway') or '-'))}</p>")
    titles = {p.get("node"): p.get("title") for p in rep.get("path", [])}
    rows = "".join(f"<li>{_e(p.get('title'))}: <b>{_e(p.get('answer'))}</b>"
                   + (" (volunteered)" if p.get("volunteered") else "")
                   + (" (asked in Welsh)" if p.get("lang") == "cy" else "") + "</li>"
                   for p in rep.get("path", []) if p.get("answer") is not None)
    parts.append(f"<h3>Questions and answers</h3><ul>{rows or '<li>None</li>'}</ul>")
    if rep.get("superseded"):
        rows = "".join(f"<li><s>{_e(titles.get(s.get('node'), s.get('node')))}: {_e(s.get('answer'))}</s> "
                       "(changed)</li>" for s in rep["superseded"])
        parts.append(f"<h3>Answers changed during the call</h3><ul>{rows}</ul>")
    if rep.get("unasked") and c.get("status") != "final":
        parts.append(f"<p><b>Not asked:</b> {_e('; '.join(rep['unasked']))}</p>")
    flags = json.loads(c.get("flags_json") or "[]")
    parts.append(f"<p><b>Flags:</b> {_e(', '.join(FLAGS.get(f, f) for f in flags) or 'none')}</p>")
    thrive = json.loads(c.get("thrive_json") or "{}")
    if thrive:
        parts.append("<p><b>THRIVE:</b><br>" + "<br>".join(f"{f.capitalize()}: {_e(thrive[f])}"
                                                           for f in THRIVE_FIELDS if thrive.get(f)) + "</p>")
    if rep.get("addenda"):
        rows = "".join(f"<li>v{_e(a.get('version'))} by {_e(a.get('author'))} at "
                       f"{_e(local_time(a.get('wall', ''), '%d %b %H:%M'))}: {_e(a.get('text'))} "
                       f"(reason: {_e(a.get('reason'))})</li>" for a in rep["addenda"])
        parts.append(f"<h3>Addenda</h3><ul>{rows}</ul>")
    trs = []
    for ev in rep.get("events", []):
        what = _detail(ev, titles)
        trs.append(f"<tr><td>{_e(local_time(ev.get('wall', ''), '%H:%M:%S'))}</td>"
                   f"<td>+{_e(format_elapsed(ev.get('offset') or 0))}</td>"
                   f"<td>{_e(EVENT_WORDS.get(ev.get('kind'), ev.get('kind')))}</td>"
                   f"<td>{_e(ev.get('actor'))}</td><td>{_e(what)}</td></tr>")
    parts.append("<h3>Audit trail</h3><table cellspacing='0' cellpadding='3' border='1'>"
                 "<tr><th>Time</th><th>Since start</th><th>What</th><th>Who</th><th>Detail</th></tr>"
                 + "".join(trs) + "</table>")
    if rep.get("replay_error"):
        parts.append(f"<p>⚠ The path could not be rebuilt: {_e(rep['replay_error'])}</p>")
    return "".join(parts)


class CallReportDialog(a11y.NamedDialog):
    """Read-only. The only change possible is an addendum (finished calls) with a reason."""

    def __init__(self, parent: Optional[QWidget] = None, *, svc: Any, uuid: str,
                 author: Callable[[], str] = lambda: ""):
        super().__init__(parent)
        self.svc, self.uuid, self.author = svc, uuid, author
        self.bridge = ServicesBridge(self)  # every read and write goes to the database worker; results by signal
        self.loaded = False  # True once the report on screen is the stored one
        self.setWindowTitle(self.tr("Call report {id}…").format(id=uuid[:8]))
        self.resize(820, 720)
        lay = QVBoxLayout(self)
        self.read_only_label = QLabel(self.tr("Read-only record. Corrections are added as addenda."))
        self.read_only_label.setProperty("role", "muted")
        lay.addWidget(self.read_only_label)
        self.browser = QTextBrowser()
        self.browser.setAccessibleName(self.tr("Call report"))
        lay.addWidget(self.browser, 1)
        row = QHBoxLayout()
        self.addendum_button = QPushButton(self.tr("Add addendum…"))
        self.addendum_button.setAccessibleName(self.tr("Add addendum"))
        self.addendum_button.clicked.connect(self.on_addendum_button_clicked)
        row.addWidget(self.addendum_button)
        self.copy_button = QPushButton(self.tr("Copy for incident log"))
        self.copy_button.setAccessibleName(self.tr("Copy for incident log"))
        self.copy_button.clicked.connect(self.on_copy_button_clicked)
        row.addWidget(self.copy_button)
        row.addStretch(1)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setAccessibleName(self.tr("Close"))
        self.close_button.clicked.connect(self.accept)
        row.addWidget(self.close_button)
        lay.addLayout(row)
        self.report: dict[str, Any] = {}
        a11y.name_parts(self)
        self.reload()

    def _run(self, fn: Callable[..., Any], *args: Any, on_result: Callable[[Any], None],
             on_error: Callable[[BaseException], None]) -> None:
        """fn(*args) on the database worker (the GUI thread never waits for it); a services object without a worker
        (a test double) is called directly."""
        submit = getattr(self.svc, "submit", None)
        if submit is None:
            try:
                got = fn(*args)
            except Exception as exc:
                on_error(exc)
                return
            on_result(got)
            return
        self.bridge.run(submit, fn, *args, on_result=on_result, on_error=on_error)

    def reload(self) -> None:
        """Read the report on the database worker; it replaces the 'loading' line when it arrives."""
        self.loaded = False
        self.addendum_button.setEnabled(False)
        if not self.report:
            self.browser.setPlainText("Loading the call's report…")
        self._run(self.svc.call_report, self.uuid, on_result=self._show_report, on_error=self._report_failed)

    def _show_report(self, report: dict[str, Any]) -> None:
        self.report = report
        self.browser.setHtml(report_html(report))
        self.addendum_button.setEnabled(report.get("call", {}).get("status") in ("final", "abandoned"))
        self.loaded = True

    def _report_failed(self, exc: BaseException) -> None:
        log.error("loading report %s", self.uuid, exc_info=exc)
        self.browser.setPlainText(self.tr("This call's report could not be loaded: {error}").format(error=exc))
        self.addendum_button.setEnabled(False)
        self.loaded = True

    def on_addendum_button_clicked(self) -> None:
        got = AddendumDialog.ask(self)
        if not got:
            return

        def failed(exc: BaseException) -> None:
            t = describe_action_error(self.tr("adding the addendum"), str(exc))
            ErrorDialog.ask(self, title=t.title, what=t.what, safe=self.tr("The call record is unchanged."),
                            next_step=t.next_step)

        self.addendum_button.setEnabled(False)  # one addendum per click, even while the worker is busy
        self._run(self.svc.add_addendum, self.uuid, got[0], got[1], self.author() or "unknown",
                  on_result=lambda _: self.reload(), on_error=failed)

    def incident_log_text(self) -> str:
        """The block from the services (the same renderer the outcome screen's Copy uses)."""
        return self.svc.incident_log_text(self.uuid)

    def on_copy_button_clicked(self) -> None:
        def failed(exc: BaseException) -> None:
            log.error("incident log text", exc_info=exc)
            QGuiApplication.clipboard().setText(
                f"Call {self.uuid}: the incident log text could not be built ({exc}).")

        self._run(self.svc.incident_log_text, self.uuid,  # the services' one renderer
                  on_result=QGuiApplication.clipboard().setText,
                  on_error=failed)

    @classmethod
    def ask(cls, parent: Optional[QWidget], *, svc: Any, uuid: str, author: Callable[[], str] = lambda: "") -> None:
        cls(parent, svc=svc, uuid=uuid, author=author).exec()
