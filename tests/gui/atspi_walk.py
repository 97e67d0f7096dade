"""Walk the real app from the outside, as a screen reader does: AT-SPI over D-Bus, real X key presses.

Run with the SYSTEM python3 (pyatspi is a Debian package, not in the venv), inside `dbus-run-session`:

    dbus-run-session -- /usr/bin/python3 tests/gui/atspi_walk.py PLAN.json OUT.json

PLAN.json: {"app": [argv...], "env": {...}, "steps": [{"keys": ["ctrl+n"], "expect": "words", "label": "..."}],
"history_keys": ["ctrl+f"]}. For each step the walker presses the keys (xdotool, real X events to the focused
window), waits until the app's tree shows `expect` as a label's text, then records what a screen reader would
have: the focused object, the announcements and focus events since the keys, and every showing object (role,
name, description, states, the Text interface's text, relations). OUT.json is read by test_atspi_tree.py, which
makes the assertions. Nothing here sleeps for a fixed time: every wait is a condition polled with a deadline.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from typing import Any, Callable

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi, GLib  # noqa: E402

import pyatspi  # noqa: E402

APP_NAME = "triage-desktop"
EVENTS: list[dict[str, Any]] = []


def pump() -> None:
    ctx = GLib.MainContext.default()
    while ctx.pending():
        ctx.iteration(False)


def wait_for(what: str, cond: Callable[[], Any], timeout: float = 15.0) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        pump()
        try:
            got = cond()
        except Exception:  # the tree changes under us (objects go away): try again
            got = None
        if got:
            return got
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out waiting for {what}")
        time.sleep(0.02)  # a poll interval, not a wait for something to happen


def norm(s: str) -> str:
    return " ".join((s or "").replace("\u2019", "'").split())


def text_of(acc: Any) -> str:
    try:
        t = acc.queryText()
    except NotImplementedError:
        return ""
    except Exception:
        return ""
    try:
        return t.getText(0, -1) or ""
    except Exception:
        return ""


def describe(acc: Any) -> dict[str, Any]:
    states = acc.getState()
    rels = []
    try:
        for r in acc.getRelationSet():
            targets = [r.getTarget(i) for i in range(r.getNTargets())]
            rels.append({"type": pyatspi.relationToString(r.getRelationType()),
                         "targets": [t.name for t in targets if t is not None]})
    except Exception:
        pass
    return {
        "role": acc.getRoleName(),
        "name": acc.name or "",
        "description": acc.description or "",
        "text": text_of(acc),
        "states": sorted(pyatspi.stateToString(s) for s in states.getStates()),
        "relations": rels,
        "children": acc.childCount,
        "parent_role": acc.parent.getRoleName() if acc.parent is not None else "",
    }


def walk(acc: Any, out: list[dict[str, Any]], depth: int = 0) -> None:
    """Every showing object under acc (the app's tree as a screen reader reaches it)."""
    if acc is None or depth > 60:
        return
    try:
        st = acc.getState()
        if depth > 1 and not st.contains(pyatspi.STATE_SHOWING):
            return
        d = describe(acc)
    except Exception:
        return
    d["depth"] = depth
    out.append(d)
    for i in range(acc.childCount):
        try:
            child = acc.getChildAtIndex(i)
        except Exception:
            continue
        walk(child, out, depth + 1)


def find_app() -> Any:
    desktop = pyatspi.Registry.getDesktop(0)
    for i in range(desktop.childCount):
        a = desktop.getChildAtIndex(i)
        if a is not None and a.name == APP_NAME:
            return a
    return None


def windows(app: Any) -> list[Any]:
    out = []
    for i in range(app.childCount):
        w = app.getChildAtIndex(i)
        if w is not None and w.getState().contains(pyatspi.STATE_SHOWING):
            out.append(w)
    return out


def snapshot(app: Any) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for w in windows(app):
        walk(w, out, 1)
    return out


def readable(app: Any, words: str) -> bool:
    """A label (or any object) shows `words` as its name or its text (stops at the first that does)."""
    want = norm(words)

    def search(acc: Any, depth: int) -> bool:
        if acc is None or depth > 60:
            return False
        if depth > 1 and not acc.getState().contains(pyatspi.STATE_SHOWING):
            return False
        if want in norm(acc.name or "") or (acc.getRoleName() == "label" and want in norm(text_of(acc))):
            return True
        return any(search(acc.getChildAtIndex(i), depth + 1) for i in range(acc.childCount))

    return bool(want) and any(search(w, 1) for w in windows(app))


def on_event(ev: Any) -> None:
    src = ev.source
    try:
        name = src.name if src is not None else ""
        role = src.getRoleName() if src is not None else ""
    except Exception:
        name, role = "", ""
    any_data = ev.any_data if isinstance(ev.any_data, str) else ""
    EVENTS.append({"type": ev.type, "detail1": ev.detail1, "role": role, "name": name or "", "data": any_data})


def active_window(app: Any) -> Any:
    return next((w for w in windows(app) if w.getState().contains(pyatspi.STATE_ACTIVE)), None)


def _window_ids(app: Any, env: dict[str, str], pid: int) -> list[str]:
    """X ids to activate, best first: the app's dialog (a modal dialog takes the focus from its parent), then its
    other windows by title, then whatever X window carries the app's pid."""
    ids: list[str] = []
    tops = sorted(windows(app), key=lambda w: w.getRoleName() != "dialog")
    for w in tops:
        if w.name:
            ids += subprocess.run(["xdotool", "search", "--onlyvisible", "--name", "^" + _re_escape(w.name) + "$"],
                                  env=env, capture_output=True, text=True, timeout=10).stdout.split()
    ids += reversed(subprocess.run(["xdotool", "search", "--onlyvisible", "--pid", str(pid)], env=env,
                                   capture_output=True, text=True, timeout=10).stdout.split())
    return list(dict.fromkeys(ids))


def _re_escape(text: str) -> str:
    import re

    return re.escape(text)


def ensure_active(app: Any, env: dict[str, str], pid: int) -> None:
    """Wait until one of the app's windows is active (a dialog closing can leave none for a moment); if none
    becomes active, ask the window manager to activate the app's window (its dialog first), and failing that set
    the X input focus on it directly; each tried in turn, with the window's state read back each time."""
    try:
        wait_for("an active window", lambda: active_window(app), 3)
        return
    except TimeoutError:
        pass
    tried: list[str] = []
    for _round in range(3):
        for wid in _window_ids(app, env, pid)[:3]:
            for how in (["windowactivate", "--sync"], ["windowfocus", "--sync"], ["windowraise"]):
                try:
                    subprocess.run(["xdotool", *how, wid], env=env, capture_output=True, timeout=5)
                except subprocess.TimeoutExpired:
                    pass  # --sync waits for the window manager's answer: read the state back either way
                tried.append(f"{how[0]} {wid}")
                try:
                    wait_for("an active window", lambda: active_window(app), 2)
                    return
                except TimeoutError:
                    pass
    names = [(w.getRoleName(), w.name) for w in windows(app)]
    attempts = ", ".join(tried) or "no X window of the app found"
    raise TimeoutError(f"timed out waiting for an active window after activating it (tried {attempts}; "
                       f"the app's windows: {names})")


def keys(seq: list[str], env: dict[str, str]) -> None:
    for k in seq:
        if k.startswith("type:"):
            subprocess.run(["xdotool", "type", "--delay", "20", k[5:]], env=env, check=True)
        else:
            subprocess.run(["xdotool", "key", k], env=env, check=True)


def start_display(env: dict[str, str]) -> tuple[subprocess.Popen, str]:
    r, w = os.pipe()
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(w), "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
                            pass_fds=(w,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(w)
    with os.fdopen(r) as f:
        num = f.readline().strip()
    if not num:
        raise RuntimeError("Xvfb did not start")
    return xvfb, f":{num}"


def main() -> int:
    plan = json.load(open(sys.argv[1], encoding="utf-8"))
    out_path = sys.argv[2]
    procs: list[subprocess.Popen] = []
    result: dict[str, Any] = {"steps": [], "error": None}
    current: dict[str, Any] = {}
    env = dict(os.environ)
    try:
        procs.append(subprocess.Popen(["/usr/libexec/at-spi-bus-launcher", "--launch-immediately"], env=env))
        xvfb, display = start_display(env)
        procs.append(xvfb)
        env["DISPLAY"] = display
        # the app starts once openbox manages the screen (--startup runs after openbox has taken it): a window
        # mapped before the window manager is there may never be given the focus
        wm_ready = os.path.join(os.path.dirname(os.path.abspath(out_path)), "openbox-ready")
        procs.append(subprocess.Popen(["openbox", "--startup", f"touch {wm_ready}"], env=env,
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        wait_for("the window manager", lambda: os.path.exists(wm_ready), 30)
        procs.append(subprocess.Popen(["/usr/libexec/at-spi2-registryd"], env=env))
        os.environ["DISPLAY"] = display
        listener = Atspi.EventListener.new(on_event)
        for t in ("focus:", "object:state-changed:focused", "object:announcement",
                  "object:property-change:accessible-name", "window:activate"):
            listener.register(t)
        app_env = dict(env, **plan.get("env", {}))
        app_env.update(QT_QPA_PLATFORM="xcb", QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1")
        app_proc = subprocess.Popen(plan["app"], env=app_env)
        procs.append(app_proc)
        app = wait_for("the app on the accessibility bus", find_app, 30)
        t0 = time.monotonic()
        for step in plan["steps"]:
            current = step
            EVENTS.clear()
            t_step = time.monotonic()
            if step.get("await_dialog"):
                wait_for("a dialog", lambda: any(w.getRoleName() == "dialog" for w in windows(app)))
            ensure_active(app, env, app_proc.pid)  # key presses go to the active window: never into the void
            keys(step["keys"], env)
            shown = True
            if step.get("expect"):
                try:
                    wait_for(f"{step['expect']!r} readable", lambda step=step: readable(app, step["expect"]), 10)
                except TimeoutError:
                    shown = False  # recorded, and the walk stops: the keys after it would land anywhere
                    result["error"] = f"at {step.get('label', '')}: {step['expect']!r} is not readable"
            if step.get("await_window"):
                wait_for(f"a window named {step['await_window']!r}",
                         lambda step=step: any(step["await_window"] in w.name for w in windows(app)))
            # the announcement (or focus event) comes with or just after the text: give it the same deadline
            if step.get("expect_announced"):
                want = norm(step["expect_announced"])
                try:
                    wait_for("an announcement or focus event with the words",
                             lambda want=want: any(want in norm(e["data"]) or want in norm(e["name"]) for e in EVENTS
                                         if e["type"].startswith(("focus", "object:state-changed:focused",
                                                                  "object:announcement"))), 5)
                except TimeoutError:
                    pass  # recorded as not announced; the test says so
            pump()
            tree = snapshot(app)
            focused = next((o for o in reversed(tree) if "focused" in o["states"]), None)
            result["steps"].append({"label": step.get("label", ""), "keys": step["keys"], "readable": shown,
                                    "windows": [{"role": w.getRoleName(), "name": w.name} for w in windows(app)],
                                    "focused": focused, "events": list(EVENTS), "tree": tree,
                                    "seconds": round(time.monotonic() - t_step, 2)})
            if not shown:
                break
        result["seconds"] = round(time.monotonic() - t0, 1)
    except Exception as exc:
        where = f" (at step {len(result['steps']) + 1}: {current.get('label', '')})" if current else ""
        result["error"] = f"{type(exc).__name__}: {exc}{where}"
    finally:
        for p in reversed(procs):
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)
        for p in reversed(procs):
            try:
                p.wait(5)
            except subprocess.TimeoutExpired:
                p.kill()
    with open(out_path, "w", encoding="utf-8") as f:
        json.dump(result, f, indent=1)
    return 0 if result["error"] is None else 1


if __name__ == "__main__":
    sys.exit(main())
