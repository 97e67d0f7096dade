"""The incident-log block pasted into the command-and-control log: the plain-text formatter (pure).

The services are the one entry point (services/incident_log.py gathers the facts: the call's run and CallView, the
record, the force's directory and time zone, the wrap setting) for the block during the call and from the report,
so both give the same text. The C&C log is the force's authoritative record and outlives this PC's retention, so
the block carries what an operator would otherwise retype: the decision first (police attend or not, code, grade,
time to decision), on an emergency the reason before the answers, the answers that mattered to the decision first,
caller type, the caller-informed statement, THRIVE, partners with their numbers, notes and free-text answers, flags
in words, local times in the force's time zone without milliseconds, the handler's role in words, and changed
answers only when there are any (old -> new, with the time).
"""
from __future__ import annotations

import datetime as _dt
import textwrap
import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Mapping, Optional, Sequence

from .callview import CallView
from .exits import UNREACHABLE_WORDS, attend_words, decision_words
from .times import parse_utc
from .outcomes import PLACEHOLDER_RE
from .vocab import CALLER_TYPES, FLAGS, NON_DECISION_CODES, OUTCOME_CODES, PARTNER_CODES, PATHWAYS, ROLE_NAMES

if TYPE_CHECKING:
    from .engine import FlowRun

#: What a purged reason or text reads as.
PURGED = "[purged]"
#: The default width: fits an 80-column C&C free-text field.
WIDTH = 78
MIN_WIDTH = 40

GRADE_WORDS = {"emergency": "1 (emergency)", "priority": "2 (priority)", "scheduled": "3 (scheduled)",
               "resolved": "4 (resolved without deployment)"}


@dataclass(frozen=True)
class LogOptions:
    """How the block is laid out: `width` 0 = no wrapping (one line per item), else 40 and up; `ascii_only`: only
    ASCII characters (for C&C systems that mangle anything else); `tz`: the force's time zone."""

    width: int = WIDTH
    ascii_only: bool = False
    tz: Optional[_dt.tzinfo] = None


@dataclass(frozen=True)
class LogFacts:
    """What the record adds to the call itself (the same during the call and from the report)."""

    training: bool = False
    cad_incident: Optional[str] = None
    #: 'told' | 'unreachable' | None (not confirmed yet)
    caller_informed: Optional[str] = None
    #: (name, phone numbers) of each partner service offered
    partners: Sequence[tuple[str, str]] = ()
    partners_note: str = ""
    personal_purged: bool = False
    addenda: Sequence[Mapping[str, Any]] = ()
    # a call stored without events (bulk demo data): the row alone
    record: Mapping[str, Any] = field(default_factory=dict)


def clock(seconds: Optional[float]) -> str:
    """Seconds from call start as mm:ss (h:mm:ss past an hour)."""
    if seconds is None:
        return "-"
    s = int(round(seconds))
    h, rem = divmod(s, 3600)
    return f"{h}:{rem // 60:02d}:{rem % 60:02d}" if h else f"{rem // 60:02d}:{rem % 60:02d}"


def local_time(text: str, tz: Optional[_dt.tzinfo], fmt: str = "%H:%M:%S") -> str:
    """A stored UTC time in the force's local time, without milliseconds."""
    t = parse_utc(text)
    if t is None:
        return text or "-"
    return t.astimezone(tz).strftime(fmt) if tz is not None else t.astimezone().strftime(fmt)


_ASCII = {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-", "\u2026": "...",
          "\u2192": "->", "\u2190": "<-", "\u00a0": " ", "\u00a3": "GBP ", "\u2022": "-", "\u2264": "<=",
          "\u2265": ">=", "\u00d7": "x", "\u26a0": "!", "\u25b2": "^", "\u25cf": "*"}


def ascii_safe(text: str) -> str:
    """Only ASCII: curly quotes, dashes, arrows spelled out; accents dropped ('é' -> 'e'); anything else '?'."""
    text = "".join(_ASCII.get(ch, ch) for ch in text)
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch if ord(ch) < 128 else ("" if unicodedata.combining(ch) else "?") for ch in text)


class _Lines:
    def __init__(self, width: int):
        self.width = width
        self.out: list[str] = []

    def add(self, text: str, indent: str = "", hang: str = "") -> None:
        """One item: wrapped at the width (continuation lines indented), or kept on one line when width is 0."""
        text = " ".join(str(text).split())
        if not self.width:
            self.out.append(indent + text)
            return
        self.out += textwrap.wrap(text, self.width, initial_indent=indent, subsequent_indent=indent + (hang or "  "),
                                  break_on_hyphens=False, break_long_words=True) or [indent.rstrip()]

    def field(self, label: str, text: str) -> None:
        self.add(f"{label}: {text}", hang="  ")

    def item(self, text: str) -> None:
        self.add(f"- {text}", indent="  ", hang="  ")

    def head(self, label: str) -> None:
        self.out.append(f"{label}:")


def _mattered(run: "FlowRun") -> set[tuple[str, str]]:
    """The answers that mattered to the decision: risk questions, answers that raised a flag or the decision, and
    the answers the outcome's rationale names."""
    keys: set[tuple[str, str]] = set()
    out = run.outcome or run.decision
    named: set[str] = set()
    if out is not None and out.node_id and out.flow_id:
        try:
            node = run.library.node((out.flow_id, out.node_id))
            named = set(PLACEHOLDER_RE.findall(node.rationale or ""))
        except KeyError:
            named = set()
    for p in run.path:
        if p.answer is None or p.skipped:
            continue
        chosen = [o for o in p.node.options if o.value == p.answer.value or
                  (isinstance(p.answer.value, list) and o.value in p.answer.value)]
        if p.node.risk or p.flags or p.node.id in named or any(o.raise_to for o in chosen):
            keys.add((p.flow, p.node.id))
    return keys


def _answer_text(run: Optional["FlowRun"], key: tuple[str, str], label: str, purged: bool) -> str:
    if run is None:
        return label
    node = run.library.node(key)
    if node.kind != "text":
        return label
    a = run.answer_at(key)
    value = a.value if a is not None else None
    if value in (None, "") and purged:
        return f"(free text) {PURGED}"
    return f'(free text) "{value}"' if value not in (None, "") else "(free text, empty)"


def render(view: CallView, run: Optional["FlowRun"], facts: LogFacts, options: LogOptions = LogOptions()) -> str:
    """The block as plain text (see the module docstring for what it carries, in what order)."""
    tz = options.tz
    width = 0 if not options.width else max(MIN_WIDTH, int(options.width))
    ln = _Lines(width)
    rec = facts.record
    out = view.outcome or view.decision  # the decision holds while the "on the way" steps are asked
    dec = view.decision_info
    code = out.code if out is not None else (dec.code if dec is not None else rec.get("outcome_code"))
    started = view.started_at or rec.get("started_at") or ""
    start_t = parse_utc(started)

    def at(offset: Optional[float]) -> str:
        if offset is None or start_t is None:
            return "-"
        t = start_t + _dt.timedelta(seconds=float(offset))
        return t.astimezone(tz).strftime("%H:%M:%S") if tz is not None else t.astimezone().strftime("%H:%M:%S")

    ln.out.append("RCRP TRIAGE - INCIDENT LOG ENTRY" + (" - TRAINING, NOT A REAL CALL" if facts.training else ""))
    ln.field("CAD incident", facts.cad_incident or "not given")
    # ---- the decision first
    if code:
        voc = OUTCOME_CODES.get(code)
        if code in NON_DECISION_CODES:
            ln.field("DECISION", "FOLLOW FORCE PROCEDURE (pathway not yet under RCRP here)")
        else:
            police = out.police if out is not None else bool(voc and voc.police)
            ln.field("DECISION", "POLICE TO ATTEND" if police else "POLICE NOT TO ATTEND")
        ln.field("Outcome", f"{decision_words(code)} ({code})")
        grade = out.grade if out is not None else (voc.grade if voc else None)
        ln.field("Grade", GRADE_WORDS.get(grade or "", "none (another agency responds)")
                 if code not in NON_DECISION_CODES else "force procedure")
        offset = dec.offset if dec is not None and dec.offset is not None else view.decision_offset
        if offset is not None:
            first = dec.first_code if dec is not None else code
            ln.field("Time to decision", f"{clock(offset)} after the call started (decided at {at(offset)}"
                     + (f", first as {decision_words(first)}" if dec is not None and dec.raised else "") + ")")
            if dec is not None and dec.raised:
                ln.field("Raised", f"to {decision_words(dec.code)} at {at(dec.raised_offset)} "
                                   f"({clock(dec.raised_offset)} after the start)")
        if dec is not None and dec.source == "immediate_risk":
            ln.field("Decided by", "the immediate-risk button")
    else:
        ln.field("DECISION", "not reached yet")
    for row in view.path:  # what the handler did, with their reason, beside (never inside) the rationale
        if row.kind == "override":
            was = out.original_code if out is not None and out.original_code else ""
            ln.field("Changed by the handler", (f"from {decision_words(was)} ({was}) " if was else "")
                     + f"to {decision_words(row.code)} ({row.code}) at {local_time(row.wall, tz)}. "
                     f"Reason: {row.reason or PURGED}")
        elif row.kind == "early_exit":
            ln.field("Ended early by the handler", f"at {local_time(row.wall, tz)}. Reason: {row.reason or PURGED}")
        elif row.kind == "immediate_risk":
            ln.field("Immediate risk recorded", f"at {local_time(row.wall, tz)}. Reason: {row.reason or PURGED}")
    emergency = code == "POLICE_EMERGENCY"
    if emergency and out is not None:  # on an emergency, the reason before the answers
        ln.field("Why an emergency", out.rationale)
    # ---- the call
    pathway = view.pathway or rec.get("pathway") or ""
    ln.field("Started", (start_t.astimezone(tz).strftime("%Y-%m-%d %H:%M:%S %Z") if tz is not None
                         else start_t.astimezone().strftime("%Y-%m-%d %H:%M:%S %Z")) if start_t else "-")
    ln.field("Pathway", PATHWAYS.get(pathway, pathway or "-"))
    ct = CALLER_TYPES.get(view.caller_type or rec.get("caller_type") or "")
    ln.field("Caller", ct.label if ct else "not recorded")
    for text in welsh_lines(view, tz):
        ln.add(text)
    h, r = view.first_actor if view.first_actor[0] else (rec.get("handler_id") or "", rec.get("handler_role") or "")
    ln.field("Handler", f"{h} ({ROLE_NAMES.get(r, r or 'role not recorded')})" if h else "not recorded")
    for row in view.path:
        if row.kind == "handover":
            ln.field("Handed over", f"to {row.actor} ({ROLE_NAMES.get(row.role, row.role)}) at "
                                    f"{local_time(row.wall, tz)}")
    if facts.caller_informed == "told" and out is not None:
        ln.field("Caller informed", out.caller_informed or f"Caller told: {attend_words(out.code)}")
    elif facts.caller_informed == "unreachable":
        ln.field("Caller informed", f"NO - {UNREACHABLE_WORDS}: not told the outcome")
    elif facts.caller_informed == "told":
        ln.field("Caller informed", "yes")
    else:
        ln.field("Caller informed", "not yet confirmed by the handler")
    # ---- the answers: those that decided it first
    answered = [row for row in view.path if row.kind == "answer" and row.key is not None]
    mattered = _mattered(run) if run is not None else set()
    first = [row for row in answered if row.key in mattered]
    rest = [row for row in answered if row.key not in mattered]

    def answer_line(row: Any) -> str:
        assert row.key is not None
        text = _answer_text(run, row.key, row.answer, facts.personal_purged)
        by = f" [answered by {row.by}]" if row.by else ""
        return f"{row.title}: {text}" + (" [volunteered]" if row.volunteered else "") + by

    if first:
        ln.head("Answers that decided it")
        for row in first:
            ln.item(answer_line(row))
    if rest:
        ln.head("Other answers" if first else "Answers")
        for row in rest:
            ln.item(answer_line(row))
    if not answered:
        ln.field("Answers", "none recorded")
    changed = _changed_answers(run, tz) if run is not None else []
    if changed:
        ln.head("Changed answers")
        for text in changed:
            ln.item(text)
    flags = view.flags or tuple(_json_list(rec.get("flags_json")))
    ln.field("Flags", "; ".join(FLAGS.get(f, f) for f in flags) or "none")
    if view.thrive:
        ln.head("THRIVE")
        for f, text in view.thrive:
            ln.add(f"{f.capitalize()}: {text}", indent="  ", hang="  ")
    if facts.partners:
        ln.head("Partners offered")
        for name, phones in facts.partners:
            ln.item(f"{name}: {phones}" if phones else name)
        if facts.partners_note:
            ln.add(facts.partners_note, indent="  ")
    if view.partners_added:
        ln.field("Added after the decision", "; ".join(PARTNER_CODES.get(c, c) for c in view.partners_added))
    if out is not None and not emergency:
        ln.field("Rationale", out.rationale)
    notes = [row for row in view.path if row.kind == "note"]
    if notes:
        ln.head("Notes")
        for row in notes:
            ln.item(f"{local_time(row.wall, tz)} ({row.actor or '?'}): {row.text or PURGED}")
    by_reason: dict[str, list[str]] = {}
    for title, reason in view.not_asked:
        by_reason.setdefault(reason, []).append(title)
    for why, titles in by_reason.items():
        ln.field(f"Not asked ({why})", "; ".join(titles))
    ln.field("Call ID", view.uuid or str(rec.get("uuid", "")))
    for a in facts.addenda:
        ln.field(f"Addendum v{a.get('version')} by {a.get('author')} at "
                 f"{local_time(a.get('wall') or '', tz, '%Y-%m-%d %H:%M:%S')}",
                 f"{a.get('text') or PURGED} (reason: {a.get('reason') or PURGED})")
    text = "\n".join(ln.out) + "\n"
    return ascii_safe(text) if options.ascii_only else text


def welsh_lines(view: CallView, tz: Optional[_dt.tzinfo] = None) -> list[str]:
    """'Call conducted in Welsh' (every question asked in Welsh), or partly, from the local time Welsh began."""
    got = getattr(view, "welsh_from", None)
    if got is None:
        return []
    wall, every = got
    if every:
        return ["Call conducted in Welsh"]
    return [f"Call conducted partly in Welsh (from {local_time(wall, tz)})"]


def _json_list(text: Any) -> list[str]:
    import json

    try:
        got = json.loads(text or "[]")
    except (TypeError, ValueError):
        return []
    return [str(x) for x in got] if isinstance(got, list) else []


def _changed_answers(run: "FlowRun", tz: Optional[_dt.tzinfo]) -> list[str]:
    """'Question: old -> new (14:02:10)' for each answer the handler changed (only when they did)."""
    walls = {e.seq: e.wall for e in run.events}
    by_key: dict[tuple[str, str], list[Any]] = {}
    for a in run.answers:
        by_key.setdefault((a.flow, a.node), []).append(a)
    out = []
    for key, given in by_key.items():
        if len(given) < 2:
            continue
        node = run.library.node(key)
        for old, new in zip(given, given[1:]):
            if old.label == new.label and old.value == new.value:
                continue
            o = "(free text)" if node.kind == "text" else old.label
            n = "(free text)" if node.kind == "text" else new.label
            out.append(f"{node.title}: {o} -> {n} ({local_time(walls.get(new.seq, ''), tz)})")
    return out

