"""At 200 % text on a 1366x768 screen the History window's filters and the outcome-choice dialogs are no wider than
the screen (a long outcome list no longer sets their width; the list that opens still shows whole entries), and the
training-session dialog's wrapped banner is not cut, and the History list's column headers are whole (their words
against the room the style leaves them, from the font metrics), its short columns' cells whole and nothing scrolls
sideways; the same at 100 %. Measured in a process of its own per text
size (tests/gui/wide_lists_probe.py), as Qt reads QT_FONT_DPI only when it starts."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

PROBE = Path(__file__).with_name("wide_lists_probe.py")
WIDTH, HEIGHT = 1366, 768


@pytest.mark.parametrize("dpi", [96, 192], ids=["100pct", "200pct"])
def test_long_lists_and_banners_fit_1366x768(tmp_path: Path, dpi: int) -> None:
    screen = tmp_path / "screen.json"
    screen.write_text(json.dumps({"screens": [{"name": "Control-room", "x": 0, "y": 0, "width": WIDTH,
                                               "height": HEIGHT, "logicalDpi": 96, "logicalBaseDpi": 96,
                                               "dpr": 1}]}))
    out = tmp_path  # the PNGs of what was measured, to look at when it fails
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={screen}", QT_FONT_DPI=str(dpi),
               QT_ENABLE_HIGHDPI_SCALING="0")
    done = subprocess.run([sys.executable, str(PROBE), str(out)], capture_output=True, text=True, env=env,
                          timeout=180)
    assert done.returncode == 0, done.stderr[-3000:]
    got = json.loads(done.stdout.strip().splitlines()[-1])
    assert got["screen"][2:] == [WIDTH, HEIGHT], got
    assert got["font_px"] >= (26 if dpi == 192 else 13), got  # the text really is doubled at 192
    history = got["history"]
    assert history["min_width"] <= WIDTH and history["width"] == WIDTH and history["popups_whole"], got
    cols = got["history_columns"]  # every header's words whole, short cells whole, no sideways scrolling
    assert cols["rows"] >= 1 and not cols["cut_headers"] and not cols["cut_cells"], cols
    assert cols["header_length"] <= cols["viewport"] and cols["hscroll_max"] == 0, cols
    assert cols["row_lines"] == (2 if dpi == 192 else 1), cols  # 200 % text wraps cells onto a second line
    for name in ("override", "early_exit"):
        d = got[name]
        assert d["min_width"] <= WIDTH and d["width"] <= WIDTH and d["popup_whole"], (name, got)
    reports = got["reports_training"]  # the training banner and "training calls" status wrap within the screen
    assert reports["banner"] and "training calls" in reports["status"], got
    assert reports["min_width"] <= WIDTH and reports["width"] == WIDTH, got
    session = got["training_session"]
    assert session["banner_text"].startswith("TRAINING: not a real call"), got
    assert session["banner_height"] >= session["banner_needs"], got  # every wrapped line shown
    assert session["size"][0] <= WIDTH and session["size"][1] <= HEIGHT, got


def test_column_share_keeps_headers_whole_and_fills_the_width() -> None:
    from triage_desktop.gui.column_fit import share

    heads, contents, flex = [50, 40, 60, 30], [120, 35, 300, 200], [False, False, True, True]
    roomy = share(heads, contents, flex, 1000)  # everything fits: short columns their content, spare to long text
    assert sum(roomy) == 1000 and roomy[0] == 120 and roomy[1] == 40 and roomy[2] > 60 and roomy[3] > 30
    tight = share(heads, contents, flex, 200)  # short content does not fit: narrowed, never below its header
    assert sum(tight) <= 200 and all(w >= h for w, h in zip(tight, heads)) and tight[2:] == [60, 30]
    cramped = share(heads, contents, flex, 100)  # not even the headers fit: each keeps its header's need
    assert cramped == heads
