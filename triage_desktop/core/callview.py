"""CallView and CallChanges: the one plain snapshot of a call every screen reads, and what an action changed.

`build_call_view(run, ...)` is the only place that walks a run for display: the question page, side panel, outcome
page, report and incident log read the view and never the engine. CallView is a frozen dataclass whose fields all
have defaults, so a feature adds a field (caller type, decision time, partners, language) without touching callers.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any, Optional

from .answer_keys import answer_keys
from .answers import answer_label, answer_label_in
from .errors import EngineError
from .vocab import PATHWAYS, THRIVE_FIELDS

if TYPE_CHECKING:  # the engine types are only named here; the view itself is plain data
    from .callerview import CallerView
    from .engine import FlowRun
    from .outcomes import OutcomeResult
    from .runstate import Decision

StepKey = tuple[str, str]


class StaleAction(EngineError):
    """An action meant for a question that is no longer on screen: refused, nothing saved."""


@dataclass(frozen=True)
class OptionView:
    """One answer button (or tick box) of a question."""

    value: str
    label: str  # in the call language
    label_en: str = ""  # the English (the same as `label` in an English call)
    key: str = ""  # Y / N / U when the answer means yes / no / don't know (answer_keys); else only its number


@dataclass(frozen=True)
class AnswerView:
    """An answer as given (kept when changed: `superseded`)."""

    flow: str = ""
    node: str = ""
    title: str = ""
    kind: str = ""
    value: Any = None
    label: str = ""
    volunteered: bool = False
    actor: str = ""
    seq: int = 0
    superseded: bool = False
    lang: str = "en"  # the call language the question was asked in

    @property
    def key(self) -> StepKey:
        return (self.flow, self.node)


@dataclass(frozen=True)
class QuestionView:
    """The question on screen: the words to say, the guidance, and how it is answered."""

    flow: str = ""
    node: str = ""
    kind: str = ""  # yesno | choice | multi | number | text | info
    title: str = ""
    say: str = ""
    why: str = ""
    risk: bool = False
    options: tuple[OptionView, ...] = ()
    unit: str = ""
    has_unknown: bool = False
    allow_none: bool = False
    previous: Optional[AnswerView] = None  # the answer given earlier (after going back), if any
    # the call language (issue 15): title, say, why, the unit and the option labels above are in `lang`; the
    # English here
    lang: str = "en"
    title_en: str = ""
    say_en: str = ""
    why_en: str = ""
    unit_en: str = ""
    unit_tr: tuple[tuple[str, str], ...] = ()  # (language, unit) in the flow's other languages

    @property
    def key(self) -> StepKey:
        return (self.flow, self.node)

    def unit_in(self, lang: str) -> str:
        """The number's unit in a language (e.g. the interface's): English when the flow has none in it."""
        if lang == self.lang:
            return self.unit
        return dict(self.unit_tr).get(lang, self.unit_en or self.unit)


@dataclass(frozen=True)
class PathRow:
    """One row of 'so far': an answer, the question on screen, a changed answer, the outcome or a call event."""

    kind: str  # answer | current | not_asked | skipped | not_asked_step | changed | off_path | outcome |
    #            handover | immediate_risk | early_exit | override | note
    title: str = ""
    answer: str = ""
    key: Optional[StepKey] = None  # set on answered rows: activating it jumps back there
    volunteered: bool = False
    by: str = ""  # who answered, when not the handler who started the call
    flags: tuple[str, ...] = ()
    on_screen: bool = False
    actor: str = ""
    role: str = ""
    reason: str = ""
    code: str = ""
    wall: str = ""
    offset: float = 0.0
    text: str = ""
    free_text: bool = False  # the answer is free text (kept in the call record, never pasted)
    title_tr: tuple[tuple[str, str], ...] = ()  # (language, title) of the step in the flow's other languages (issue 15)

    def title_in(self, lang: str) -> str:
        """The step's title in a language (the side panel's); `title` stays English for the record and the log."""
        return dict(self.title_tr).get(lang, self.title) if lang != "en" else self.title

    answer_tr: tuple[tuple[str, str], ...] = ()  # (language, answer) in the flow's other languages

    def answer_in(self, lang: str) -> str:
        """The answer in a language (the side panel's); `answer` stays English for the record and the log."""
        return dict(self.answer_tr).get(lang, self.answer) if lang != "en" else self.answer


@dataclass(frozen=True)
class CallView:
    """Everything a screen shows about one call, as plain data (safe to hand from the database worker to the GUI)."""

    uuid: str = ""
    open: bool = True
    status: str = "in_progress"  # in_progress | outcome | immediate_risk | early_exit
    started_at: str = ""
    actor: tuple[str, str] = ("", "")
    first_actor: tuple[str, str] = ("", "")
    flow_title: str = ""  # in the call language (issue 15); the English and the other languages below
    pathway: str = ""
    current: Optional[StepKey] = None
    at_frontier: bool = True
    step: int = 0
    can_go_back: bool = False
    question: Optional[QuestionView] = None
    outcome: Optional["OutcomeResult"] = None
    path: tuple[PathRow, ...] = ()
    answers: tuple[AnswerView, ...] = ()
    jump_targets: tuple[AnswerView, ...] = ()
    flags: tuple[str, ...] = ()
    thrive: tuple[tuple[str, str], ...] = ()
    notes: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    decision_offset: Optional[float] = None
    elapsed: float = 0.0
    # flow format v2 (issue 8): who is calling, the decision and the "while they are on the way" steps
    caller_type: Optional[str] = None
    decision: Optional["OutcomeResult"] = None
    decision_info: Optional["Decision"] = None
    in_post_decision: bool = False
    has_post_decision: bool = False
    at_first_post_decision_step: bool = False
    partners_added: tuple[str, ...] = ()
    not_asked: tuple[tuple[str, str], ...] = ()  # (title, reason) of steps recorded as not asked
    caller: Optional["CallerView"] = None  # who is calling and the decision, in words (core.callerview)
    partners_offer: Optional[tuple[Any, str]] = None  # (PartnerOffer, directory origin) at the outcome: force pack
    language: str = "en"  # the call language now (issue 15): the question and the outcome script are read in it
    languages: tuple[str, ...] = ("en",)  # the call languages the flows in use offer
    welsh_from: Optional[tuple[str, bool]] = None  # (wall time Welsh began, every question in Welsh) or None
    flow_title_en: str = ""
    flow_title_tr: tuple[tuple[str, str], ...] = ()  # (language, title) of the flow in its other languages

    def flow_title_in(self, lang: str) -> str:
        """The current flow's title in a language (e.g. the interface's): English when the flow has none in it."""
        if lang == self.language and self.flow_title:
            return self.flow_title
        return dict(self.flow_title_tr).get(lang, self.flow_title_en or self.flow_title)

    @property
    def ended(self) -> bool:
        """True after immediate risk or an early exit (no more questions)."""
        return self.status in ("immediate_risk", "early_exit")

    def answer_at(self, key: StepKey) -> Optional[AnswerView]:
        """The current (not superseded) answer at a question, if any."""
        return next((a for a in reversed(self.answers) if a.key == key and not a.superseded), None)


@dataclass(frozen=True)
class CallChanges:
    """What one call action changed (like Anki's OpChanges): each screen redraws only what it shows.

    `view` is the call after the action; `event` the engine event saved (None when nothing needed saving)."""

    view: CallView = field(default_factory=CallView)
    event: Any = None
    saved: bool = False
    question: bool = False  # another question (or the outcome) is on screen
    path: bool = False
    flags: bool = False
    thrive: bool = False
    outcome: bool = False  # the outcome was reached, changed or withdrawn
    new_outcome: bool = False  # an outcome that was not on screen before
    status: bool = False
    actor: bool = False
    notes: bool = False
    caller: bool = False  # who is calling changed (the words on screen re-render)
    language: bool = False  # the call language changed (the words on screen re-render)
    decision: bool = False  # the decision, its raise or the partners added after it changed
    closed: bool = False  # finalised or abandoned
    row: Optional[dict[str, Any]] = None  # the stored call row, after finalise / abandon

    @classmethod
    def between(cls, before: Optional[CallView], after: CallView, **kw: Any) -> "CallChanges":
        """Compare two views of the same call."""
        if before is None:
            return cls(view=after, question=True, path=True, flags=True, thrive=True, outcome=True,
                       new_outcome=after.outcome is not None, status=True, actor=True, notes=True, caller=True,
                       language=True,
                       decision=True, **kw)
        old_code = before.outcome.code if before.outcome else None
        new_code = after.outcome.code if after.outcome else None
        return cls(
            view=after,
            question=(before.current, before.question) != (after.current, after.question),
            path=before.path != after.path, flags=before.flags != after.flags, thrive=before.thrive != after.thrive,
            outcome=before.outcome != after.outcome, new_outcome=new_code is not None and new_code != old_code,
            status=before.status != after.status, actor=before.actor != after.actor,
            notes=before.notes != after.notes, caller=before.caller_type != after.caller_type,
            language=before.language != after.language,
            decision=(before.decision_info, before.partners_added) != (after.decision_info, after.partners_added),
            **kw)

    def changed(self) -> list[str]:
        """Names of the parts that changed (for logs and tests)."""
        return [f.name for f in fields(self) if f.type in ("bool", bool) and getattr(self, f.name)]


def _answer_view(run: "FlowRun", a: Any) -> AnswerView:
    node = run.library.node((a.flow, a.node))
    return AnswerView(flow=a.flow, node=a.node, title=node.title, kind=node.kind, value=a.value, label=a.label,
                      volunteered=a.volunteered, actor=a.actor, seq=a.seq, superseded=a.superseded,
                      lang=getattr(a, "lang", "en"))


def _question_view(run: "FlowRun", key: StepKey) -> Optional[QuestionView]:
    node = run.library.node(key)
    if node.kind in ("outcome", "route"):
        return None
    prev = run.answer_at(key)
    lang = run.language
    title = node.text("title", None, lang)
    # the answer keys follow the English meaning (Y / N / U in every call language)
    english = [(o.value, run.option_label(o)) for o in node.options]
    letters = answer_keys(english) if node.kind in ("yesno", "choice") else [None] * len(english)
    options = tuple(OptionView(o.value, run.option_label(o, lang), en, ltr or "")
                    for o, (_v, en), ltr in zip(node.options, english, letters))
    return QuestionView(
        flow=key[0], node=key[1], kind=node.kind, title=title, say=run.text(node, "say", lang) or title,
        why=node.text("why", None, lang), risk=node.risk,
        options=options,
        unit=node.text("unit", None, lang), unit_en=node.unit,
        unit_tr=tuple((lg, t) for _v, lg, t in dict(node.tr).get("unit", ())), has_unknown=node.unknown is not None, allow_none=node.allow_none,
        previous=_answer_view(run, prev) if prev is not None else None,
        lang=lang, title_en=node.title, say_en=run.text(node) or node.title, why_en=node.why)


def _titles(node: Any) -> tuple[tuple[str, str], ...]:
    """A step's title in the flow's other languages: (language, title)."""
    return tuple((lg, t) for k, lg, t in dict(node.tr).get("title", ()) if k == "default")


def _answers(run: "FlowRun", node: Any, a: Any) -> tuple[tuple[str, str], ...]:
    """An answer in the call's other languages: (language, answer); none when its stored label is not the one the
    flow gives now (then the record's words are shown as they are)."""
    if a.label != answer_label(node, a.value):
        return ()
    return tuple((lg, answer_label_in(node, a.value, lg)) for lg in run.languages if lg != "en")


def _path_rows(run: "FlowRun", first_actor: str) -> tuple[PathRow, ...]:
    rows: list[PathRow] = []
    cur = run.current
    on_path = {(p.flow, p.node.id) for p in run.path}
    replaced: dict[StepKey, list[Any]] = {}
    off_path = []
    for a in run.answers:
        if a.superseded:
            if (a.flow, a.node) in on_path:
                replaced.setdefault((a.flow, a.node), []).append(a)
            else:
                off_path.append(a)
    for p in run.path:
        if p.node.kind == "route":
            continue
        if p.node.kind == "outcome":
            out = run.outcome or run.decision
            rows.append(PathRow("outcome", title=p.node.title, answer=out.response if out else p.node.code,
                                code=out.code if out else p.node.code,
                                text="Decision" if run.in_post_decision else "Outcome"))
            continue
        key = (p.flow, p.node.id)
        if p.skipped:
            rows.append(PathRow("skipped", title=p.node.title, reason=p.skipped, title_tr=_titles(p.node)))
            continue
        for old in replaced.get(key, []):
            rows.append(PathRow("changed", title=p.node.title, answer=old.label, title_tr=_titles(p.node),
                                answer_tr=_answers(run, p.node, old)))
        if p.answer is None:
            rows.append(PathRow("not_asked" if cur is None else "current", title=p.node.title, on_screen=cur is not None,
                                title_tr=_titles(p.node)))
            continue
        rows.append(PathRow("answer", title=p.node.title, answer=p.answer.label, key=key,
                            volunteered=p.answer.volunteered,
                            by=p.answer.actor if p.answer.actor and p.answer.actor != first_actor else "",
                            flags=tuple(p.flags), on_screen=key == cur, free_text=p.node.is_free_text,
                            title_tr=_titles(p.node), answer_tr=_answers(run, p.node, p.answer)))
    if not run.in_post_decision:
        for n in run.not_asked:
            if n["reason"] != "caller with the person":
                rows.append(PathRow("not_asked_step", title=n["title"], reason=n["reason"],
                                    title_tr=_titles(run.library.node((n["flow"], n["node"])))))
    for a in off_path:
        node = run.library.node((a.flow, a.node))
        rows.append(PathRow("off_path", title=node.title, answer=a.label, title_tr=_titles(node),
                            answer_tr=_answers(run, node, a)))
    for ev in run.events:
        if ev.kind in ("handover", "immediate_risk", "early_exit", "override"):
            rows.append(PathRow(ev.kind, actor=ev.actor, role=ev.role, reason=ev.reason, code=ev.code, wall=ev.wall,
                                offset=ev.offset))
    for ev in run.events:
        if ev.kind == "note":
            rows.append(PathRow("note", actor=ev.actor, wall=ev.wall, offset=ev.offset, text=ev.text))
    return tuple(rows)


_SOURCES: dict[tuple[int, tuple[str, ...]], tuple[Any, tuple[str, ...]]] = {}  # (library id, flow ids) -> (library, ...)


def legal_sources(run: "FlowRun") -> tuple[str, ...]:
    """The published sources of the flows used (internal design-note references left out); worked out once for each
    library and set of flows (a view is built after every answer, and the flows used rarely change)."""
    key = (id(run.library), tuple(ref["id"] for ref in run.flows_used))
    got = _SOURCES.get(key)
    if got is not None and got[0] is run.library:
        return got[1]
    sources = _legal_sources(run)
    if len(_SOURCES) > 256:
        _SOURCES.clear()
    _SOURCES[key] = (run.library, sources)
    return sources


def _legal_sources(run: "FlowRun") -> tuple[str, ...]:
    import re

    internal = re.compile(r"\s*\((?:see )?domain\.md[^)]*\)")
    heads: dict[str, str] = {}  # source name -> heading as first given (the longest heading wins)
    details: dict[str, list[str]] = {}
    for ref in run.flows_used:
        fl = run.library.flows.get(ref["id"])
        for src in (fl.sources if fl else ()):
            if src.lower().startswith("domain.md"):
                continue
            src = internal.sub("", src).strip()
            if not src:
                continue
            # each source once: "Name (publisher, date): detail; detail" from several flows becomes one line
            key = re.split(r":| \(", src, maxsplit=1)[0].strip().lower()
            head, _, rest = src.rpartition(": ") if ": " in src else (src, "", "")
            if key not in heads or len(head) > len(heads[key]):
                heads[key] = head
            got = details.setdefault(key, [])
            for d in (x.strip() for x in rest.split("; ")):
                if d and d not in got:
                    got.append(d)
    return tuple(heads[k] + (": " + "; ".join(details[k]) if details[k] else "") for k in heads)


def caller_view(run: "FlowRun") -> "CallerView":
    from .callerview import caller_view as build

    return build(run)


def build_call_view(run: "FlowRun", *, uuid: str = "", is_open: bool = True, elapsed: float = 0.0) -> CallView:
    """The one place a run is turned into what the screens show."""
    with run.read_only():  # the outcome, decision and THRIVE worked out once for all the view's parts
        return _build_call_view(run, uuid=uuid, is_open=is_open, elapsed=elapsed)


def _build_call_view(run: "FlowRun", *, uuid: str, is_open: bool, elapsed: float) -> CallView:
    first = run.events[0] if run.events else None
    first_actor = (first.actor, first.role) if first else run.actor
    flow = run.current_flow
    cur = run.current
    thrive = run.thrive
    post = run.in_post_decision
    first_post = next((p for p in run.path if p.after_decision and p.node.kind not in ("outcome", "route")
                       and not p.skipped), None)
    jumps = tuple(_answer_view(run, p.answer) for p in run.path
                  if p.answer is not None and (p.after_decision or not post))  # once decided: only the later steps
    return CallView(
        uuid=uuid, open=is_open, status=run.status, started_at=run.started_at, actor=run.actor,
        first_actor=first_actor, flow_title=flow.title_in(run.language) or PATHWAYS.get(flow.pathway, flow.id),
        flow_title_en=flow.title or PATHWAYS.get(flow.pathway, flow.id), flow_title_tr=flow.title_tr,
        pathway=run.pathway,
        current=cur, at_frontier=run.at_frontier, step=run.step_number(), can_go_back=run.can_go_back(),
        question=_question_view(run, cur) if cur is not None else None, outcome=run.outcome,
        path=_path_rows(run, first_actor[0]), answers=tuple(_answer_view(run, a) for a in run.answers),
        jump_targets=jumps,
        flags=tuple(sorted(run.flags)), thrive=tuple((f, thrive[f]) for f in THRIVE_FIELDS if thrive.get(f)),
        notes=tuple(run.notes),
        sources=legal_sources(run), decision_offset=run.decision_offset, elapsed=elapsed,
        caller_type=run.caller_type, decision=run.decision, decision_info=run.decision_info, in_post_decision=post,
        has_post_decision=run.has_post_decision,
        at_first_post_decision_step=first_post is not None and (first_post.flow, first_post.node.id) == cur,
        partners_added=tuple(run.partners_added), not_asked=tuple((n["title"], n["reason"]) for n in run.not_asked),
        caller=caller_view(run), language=run.language, languages=run.languages,
        welsh_from=run.welsh_from)
