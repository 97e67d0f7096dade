"""Navigation rules of a run, the one copy (the GUI reads them from the CallView): the questions on the path, the
step number, whether and where Back goes, which answers a jump may change, and the questions not asked."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional

from .answers import validate_answer
from .errors import EngineError
from .runstate import FINISH_KEY, StepKey
from .walk import all_keys

if TYPE_CHECKING:
    from .runqueries import RunQueries

#: Why a question before a recorded decision cannot be changed (Back or a jump).
DECISION_LOCKED = ("the decision is recorded: the questions before it cannot be changed now "
                   "(use Override with a reason to change the decision)")


def question_keys(run: RunQueries) -> list[StepKey]:
    """The questions and info steps on the current path, in order."""
    return [(p.flow, p.node.id) for p in run.path if p.node.is_question or p.node.kind == "info"]


def step_number(run: RunQueries) -> int:
    """1-based number of the question on screen among the questions on the path."""
    keys, cur = question_keys(run), run.current
    return keys.index(cur) + 1 if cur in keys else len(keys)


def can_go_back(run: RunQueries) -> bool:
    """True when there is an earlier question on the path to go back to (the rule `back` applies)."""
    cur = run.current
    if cur is None:
        return False
    if run.has_post_decision and run.outcome is not None:
        return False  # finished after the decision: the record is complete (Override to change it)
    keys = _back_keys(run, run.in_post_decision)
    return bool(keys) and (cur not in keys or keys.index(cur) > 0)


def _back_keys(run: RunQueries, post: bool) -> list[StepKey]:
    """The steps Back may go to, in path order: the questions and info steps asked (not skipped); once decided
    (`post`), only the post-decision ones."""
    return [(p.flow, p.node.id) for p in run.path if (p.node.is_question or p.node.kind == "info")
            and not p.skipped and (p.after_decision or not post)]


def at_frontier(run: RunQueries) -> bool:
    """False after back/jump: the question on screen is an earlier one."""
    return run.current is None or run.current == run.frontier


def is_unchanged_answer(run: RunQueries, value: Any) -> bool:
    """True when `value` repeats the answer already given here after going back: not a change, just go on."""
    key = run.current
    if key is None or run.at_frontier:
        return False
    prev = run.answer_at(key)
    node = run.library.node(key)
    if prev is None or node.is_outcome:
        return False
    try:
        return bool(prev.value == validate_answer(node, value))
    except EngineError:
        return False


def back_target(run: RunQueries) -> StepKey:
    """Where Back goes: the previous question on the path (once decided, only within the post-decision steps).
    Raises EngineError when there is none (the first question, or the decision locks the questions before it)."""
    w = run.walk()
    post = w.post
    if post and w.done:
        raise EngineError("the call is finished: use Override with a reason to change the decision")
    cur = run.current
    keys = _back_keys(run, post)
    i = keys.index(cur) if cur in keys else len(keys)
    if i == 0:
        if post:
            raise EngineError(DECISION_LOCKED)
        raise EngineError("this is the first question")
    return keys[i - 1]


def check_jump(run: RunQueries, flow: str, node: str) -> None:
    """Raise EngineError unless (flow, node) is an answered question on the path whose answer may still change."""
    if (flow, node) not in {(p.flow, p.node.id) for p in run.path if p.answer is not None}:
        raise EngineError(f"'{node}' is not an answered question on this call's path")
    if run.walk().post and not run.library.node((flow, node)).after_decision:
        raise EngineError(DECISION_LOCKED)


def unasked(run: RunQueries) -> list[StepKey]:
    """Questions reachable from the current point that are not answered on the current path."""
    start = run.current or run.frontier
    if start is None:
        return []
    answered = {(p.flow, p.node.id) for p in run.path if p.answer is not None} - {start}
    post = run.walk().post
    out: list[StepKey] = []
    stack, seen = [start], set()
    while stack:
        key = stack.pop()
        if key in seen:
            continue
        seen.add(key)
        if key == FINISH_KEY:
            continue
        node = run.library.node(key)
        if node.is_question and key not in answered:
            out.append(key)
        # before a decision, what is "not asked" is the threshold and pathway questions, not the steps that
        # would only follow a decision
        stack.extend(run.library.resolve(key[0], t) for t in node.targets()
                     if t is not node.continue_to or post)
    order = {k: i for i, k in enumerate(all_keys(run.library))}
    return sorted(out, key=lambda k: order.get(k, 0))


def unasked_titles(run: RunQueries) -> list[str]:
    """The titles of the questions not asked (`unasked`), a risk question marked."""
    return [run.library.node(k).title + (" (risk question)" if run.library.node(k).risk else "")
            for k in run.unasked()]


def unasked_on_path(run: RunQueries) -> list[tuple[str, list[tuple[str, bool]]]]:
    """The questions not asked on this call's own path, grouped by flow: [(flow title, [(title, risk)])].

    The current flow's questions still reachable from here (not the other pathways a question could lead
    to), then the pathway the call was heading to when that is already decided (a single flow the current
    one leads on to, or the flow of the latest question after going back). Post-decision steps never count."""
    start = run.current or run.frontier
    if start is None or run.library.node(start).kind == "outcome":
        return []
    answered = {(p.flow, p.node.id) for p in run.path if p.answer is not None} - {start}
    order = {k: i for i, k in enumerate(all_keys(run.library))}

    def within(first: StepKey) -> tuple[list[StepKey], set[str]]:
        found: list[StepKey] = []
        leads: set[str] = set()
        stack, seen = [first], set()
        while stack:
            key = stack.pop()
            if key in seen or key == FINISH_KEY:
                continue
            seen.add(key)
            if key[0] != first[0]:
                leads.add(key[0])
                continue
            node = run.library.node(key)
            if node.is_question and key not in answered:
                found.append(key)
            stack.extend(run.library.resolve(key[0], t) for t in node.targets() if t is not node.continue_to)
        return sorted(found, key=lambda k: order.get(k, 0)), leads

    groups: list[tuple[str, list[tuple[str, bool]]]] = []

    def add(keys: list[StepKey]) -> None:
        if keys:
            fl = run.library[keys[0][0]]
            groups.append((fl.title or fl.id, [(run.library.node(k).title, bool(run.library.node(k).risk))
                                               for k in keys]))

    keys, leads = within(start)
    add(keys)
    front = run.frontier
    heading: Optional[StepKey] = None
    if front is not None and front[0] != start[0] and run.library.node(front).kind != "outcome":
        heading = front  # gone back to an earlier flow: the pathway the call had reached
    elif len(leads) == 1:
        fid = next(iter(leads))
        heading = (fid, run.library[fid].start)
    if heading is not None:
        add(within(heading)[0])
    return groups
