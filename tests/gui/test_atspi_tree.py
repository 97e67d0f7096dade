"""What a screen reader sees, from the outside: the real app under Xvfb on the AT-SPI bus, a call walked with real
X key presses (xdotool), the accessibility tree read with the system python3's pyatspi (tests/gui/atspi_walk.py).

The Debian packages come from .ci/a11y.sh (run by `make test` / `make a11y` and .ci/run). The words the app
should expose are not written here: they come from the services, walking the same answers on a scratch store.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from triage_desktop.packs import load_pack_from_environment
from triage_desktop.paths import AppPaths
from triage_desktop.services import AppServices

HERE = Path(__file__).resolve().parent
WALKER = HERE / "atspi_walk.py"
SYSTEM_PYTHON = "/usr/bin/python3"
HANDLER = "4711"
#: walk-out pathway: a voluntary patient with capacity, low risk (entry_triage's test case); has a typed answer
ANSWERS: list[Any] = ["hcp_ae_ward", "no", "no", "no", "none", "no", "walkout", "voluntary", "no", "low", "recent",
                      "blue coat", "yes"]
#: controls a handler reaches by Tab: these roles must carry a name
INTERACTIVE = {"push button", "check box", "radio button", "toggle button", "text", "entry", "combo box",
               "spin button", "list", "table", "tree table", "page tab", "menu item", "password text",
               "scroll bar", "slider"}


def _missing_tools() -> list[str]:
    need = [t for t in ("Xvfb", "openbox", "xdotool", "dbus-run-session") if shutil.which(t) is None]
    if not Path("/usr/libexec/at-spi-bus-launcher").exists():
        need.append("at-spi2-core")
    if subprocess.run([SYSTEM_PYTHON, "-c", "import pyatspi"], capture_output=True).returncode != 0:
        need.append("python3-pyatspi")
    return need


def norm(s: str) -> str:
    return " ".join((s or "").replace("\u2019", "'").split())


def visible_core(text: str) -> str:
    """A control's visible words without decoration: '◂ Back (Alt+←)' → 'Back', 'Change outcome… (Alt+O)' →
    'Change outcome'."""
    t = text.replace("&&", "\0").replace("&", "").replace("\0", "&")
    t = re.sub(r"\s*\((?:[A-Z][a-z]*\+|F\d|Enter|Ctrl|Alt|shortcut)[^)]*\)\s*$", "", t)
    return t.strip(" ◂▸▾☐☑✓…").strip()


def key_for(q: Any, value: Any) -> list[str]:
    """The key a handler presses for `value` on question q (numbers follow the on-screen order)."""
    if q.kind == "yesno":
        return [{"yes": "y", "no": "n", "unknown": "u"}[value]]
    if q.kind == "choice":
        return [str([o.value for o in q.options].index(value) + 1)]
    if q.kind in ("number", "text"):
        return [f"type:{value}", "Return"]
    return ["Return"]


def plan_from_services(tmp_path: Path, app_data: Path) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The keys of the walk and, for each step, what must be on screen: from a scratch store's own call."""
    scratch = AppPaths.default(str(tmp_path / "scratch"))
    svc = AppServices.open(scratch, pack=load_pack_from_environment())  # the pack the app will load
    try:
        s = svc.start_call(handler_id=HANDLER, role="call_handler")
        view = s.view
        steps: list[dict[str, Any]] = [{"keys": ["type:" + HANDLER, "Return"], "await_dialog": True,
                                        "label": "sign in"}]
        keys = ["ctrl+n"]
        shown: list[dict[str, Any]] = []
        for value in [*ANSWERS, None]:
            q = view.question
            if q is not None:
                steps.append({"keys": keys, "expect": q.say, "expect_announced": q.say, "label": q.node})
                shown.append({"kind": q.kind, "say": q.say, "title": q.title, "node": q.node,
                              "options": [o.label for o in q.options],
                              "chosen": next((o.label for o in q.options if o.value == value), "")})
                if value is None:
                    break
                keys = key_for(q, value)
                view = s.answer(value).view
            else:
                out = view.outcome
                assert out is not None
                steps.append({"keys": keys, "expect": out.headline, "expect_announced": out.headline,
                              "label": "outcome " + out.code})
                shown.append({"kind": "outcome", "say": out.headline, "code": out.code, "rationale": out.rationale})
                break
        steps.append({"keys": ["alt+Left"], "expect": shown[-2]["say"], "label": "back to the last question"})
        steps.append({"keys": ["Escape", "ctrl+f"], "await_window": "Find calls", "label": "history"})
    finally:
        svc.close()
    env = {"TRIAGE_DESKTOP_HOME": str(app_data / "home"), "TRIAGE_DESKTOP_DATA_DIR": str(app_data / "data"),
           "QT_ACCESSIBILITY": "1", "QT_SCALE_FACTOR": "1"}
    plan = {"app": [sys.executable, "-m", "triage_desktop.cli"], "env": env, "steps": steps}
    return plan, shown


def run_walk(tmp_path: Path) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    plan, shown = plan_from_services(tmp_path, tmp_path / "app")
    plan_file, out_file = tmp_path / "plan.json", tmp_path / "walk.json"
    plan_file.write_text(json.dumps(plan), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY", "DBUS_SESSION_BUS_ADDRESS")}
    runtime = tmp_path / "xdg-runtime"  # the AT-SPI bus socket lives here: never shared with another walk
    runtime.mkdir(mode=0o700)
    env["XDG_RUNTIME_DIR"] = str(runtime)
    # its own process group: on a timeout the bus, Xvfb, openbox and the app go with the walker
    proc = subprocess.Popen(["dbus-run-session", "--", SYSTEM_PYTHON, str(WALKER), str(plan_file), str(out_file)],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    try:
        _, err = proc.communicate(timeout=150)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGTERM)
        _, err = proc.communicate(timeout=20)
        pytest.fail(f"the accessibility walk did not finish in 150 s: {err[-2000:]}")
    assert out_file.exists(), err[-3000:]
    walk = json.loads(out_file.read_text(encoding="utf-8"))
    if os.environ.get("TRIAGE_A11Y_PRINT"):
        print_walk(walk)
    return walk, shown


def print_walk(walk: dict[str, Any]) -> None:
    for st in walk["steps"]:
        print(f"\n== {st['label']} (keys {' '.join(st['keys'])}) windows {st['windows']}")
        f = st["focused"]
        print("   focus:", f and (f["role"], f["name"], f["description"]))
        print("   events:", [(e["type"], e["name"][:60], e["data"][:60]) for e in st["events"]][:8])
        for o in st["tree"]:
            if o["role"] in ("filler", "panel", "scroll pane", "viewport") and not o["name"]:
                continue
            print("   " + " " * o["depth"], o["role"], repr(o["name"][:70]),
                  f"desc={o['description'][:40]!r}" if o["description"] else "",
                  f"text={o['text'][:50]!r}" if o["text"] and o["text"] != o["name"] else "",
                  "checked" if "checked" in o["states"] else "",
                  [r["type"] for r in o["relations"]] or "")


_WALKED: dict[str, Any] = {}  # one walk for the module, its failure included (not re-walked by each test)


@pytest.fixture(scope="module")
def walked(tmp_path_factory):
    missing = _missing_tools()
    if missing and (os.environ.get("CI") or os.geteuid() == 0):
        pytest.fail(f"accessibility test tools missing: {missing}; run bash .ci/a11y.sh")
    if missing:  # pragma: no cover - a developer machine without the Debian packages (never CI, never root)
        pytest.skip(f"needs {missing}: bash .ci/a11y.sh")
    if "result" not in _WALKED:
        try:
            _WALKED["result"] = run_walk(tmp_path_factory.mktemp("atspi"))
        except BaseException as exc:
            _WALKED["result"] = exc
    got = _WALKED["result"]
    if isinstance(got, BaseException):
        pytest.fail(f"the accessibility walk failed: {got}")
    walk, shown = got
    assert walk["error"] is None, walk["error"]
    return walk, shown


def readable(tree: list[dict[str, Any]], words: str) -> list[dict[str, Any]]:
    """Objects that give `words` as their name or their text (what a screen reader speaks)."""
    w = norm(words)
    return [o for o in tree if w in norm(o["name"]) or w in norm(o["text"])]


def test_each_question_and_the_outcome_are_readable_and_announced(walked):
    walk, shown = walked
    steps = walk["steps"][1:1 + len(shown)]
    assert [s["label"] for s in steps][-1].startswith("outcome")
    for step, want in zip(steps, shown):
        hits = readable(step["tree"], want["say"])
        assert hits, f"{want['say']!r} not readable at {step['label']}"
        assert any(h["role"] == "label" for h in hits), [(h["role"], h["name"][:40]) for h in hits]
        said = [e for e in step["events"] if norm(want["say"]) in norm(e["data"]) or
                (e["type"].startswith(("focus", "object:state-changed:focused")) and norm(want["say"]) in
                 norm(e["name"]))]
        assert said, f"{step['label']}: not announced; events {step['events'][:6]}"
    outcome = steps[-1]
    assert readable(outcome["tree"], shown[-1]["rationale"]), "rationale not readable"


def test_every_control_is_named_with_its_visible_words(walked):
    walk, shown = walked
    for step in walk["steps"][1:]:
        for o in step["tree"]:
            if o["role"] in INTERACTIVE and ("focusable" in o["states"] or o["role"] == "scroll bar"):
                assert o["name"].strip(), f"{step['label']}: unnamed {o['role']} under {o['parent_role']}"
            if o["parent_role"] == "push button":
                pytest.fail(f"{step['label']}: a {o['role']} {o['name']!r} inside a button")
    for step, want in zip(walk["steps"][1:], shown):
        names = [norm(o["name"]) for o in step["tree"] if o["role"] in ("push button", "toggle button", "radio button",
                                                                        "check box")]
        for label in want.get("options", []):
            assert any(norm(label) in n for n in names), f"{step['label']}: no control named {label!r}: {names}"
        if want["kind"] in ("number", "text"):
            edits = [o for o in step["tree"] if o["role"] in ("text", "entry") and "focused" in o["states"]]
            assert edits, f"{step['label']}: the answer box has no focus"
            e = edits[0]
            labelled = any(r["type"] == "labelled by" and any(norm(want["say"]) in norm(t) for t in r["targets"])
                           for r in e["relations"])
            assert labelled, e  # the box is labelled by the question's words (the label's buddy)
            assert norm(want["say"]) in norm(e["description"]), e  # and read with them when focus lands there


def test_one_answer_options_are_radio_buttons_and_multi_options_check_boxes(walked):
    walk, shown = walked
    seen = set()
    for step, want in zip(walk["steps"][1:], shown):
        if want["kind"] not in ("yesno", "choice", "multi"):
            continue
        role = "check box" if want["kind"] == "multi" else "radio button"
        for label in want.get("options", []):
            found = [o for o in step["tree"] if norm(label) in norm(o["name"])
                     and o["role"] in ("push button", "toggle button", "radio button", "check box")]
            assert found and all(o["role"] == role for o in found), (step["label"], label, found)
        seen.add(role)
    assert "radio button" in seen, seen  # (multi options as check boxes: also tests/gui/test_accessibility.py)


def test_the_chosen_answer_is_checked_and_the_history_is_a_window(walked):
    walk, shown = walked
    back = next(s for s in walk["steps"] if s["label"] == "back to the last question")
    last_q = shown[-2]
    chosen = [o for o in back["tree"] if o["role"] in ("push button", "toggle button", "radio button", "check box")
              and "checked" in o["states"] and any(norm(x) in norm(o["name"]) for x in last_q["options"])]
    if last_q["kind"] in ("yesno", "choice"):
        assert len(chosen) == 1 and norm(last_q["chosen"]) in norm(chosen[0]["name"]), chosen
        assert chosen[0]["role"] == "radio button", chosen  # one answer: a radio button, checked
    hist = next(s for s in walk["steps"] if s["label"] == "history")
    roles = {w["name"]: w["role"] for w in hist["windows"]}
    found = [r for n, r in roles.items() if "Find calls" in n]
    assert found and found[0] in ("frame", "dialog", "window"), roles
    assert walk["seconds"] < 60, walk["seconds"]


def test_controls_are_named_with_the_words_the_real_widgets_show(walked, qtbot):
    """The visible words come from the real pages (built here), the names from the app's tree, seen outside."""
    from triage_desktop.gui.a11y import visible_words
    from triage_desktop.gui.outcome_page import OutcomePage
    from triage_desktop.gui.question_page import QuestionPage

    walk, shown = walked
    qp, op = QuestionPage(), OutcomePage()
    qtbot.addWidget(qp)
    qtbot.addWidget(op)
    on_question = [qp.back_button, qp.jump_button, qp.volunteered_check, qp.why_button]
    on_outcome = [op.informed_check, op.copy_button, op.override_button, op.back_button, op.finish_button]
    steps = walk["steps"][1:1 + len(shown)]
    for step, want in zip(steps, shown):
        controls = [norm(o["name"]).lower() for o in step["tree"] if o["role"] in INTERACTIVE]
        widgets = on_outcome if want["kind"] == "outcome" else on_question
        if want["kind"] in ("number", "text"):
            widgets = [*widgets, qp.confirm_button]
        for w in widgets:
            words = visible_words(w.text()).lower()
            assert any(words in c for c in controls), f"{step['label']}: no control named with {words!r}: {controls}"
