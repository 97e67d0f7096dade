"""Colour rules: WCAG AA contrast for every pair we use; red only for immediate risk and police emergency."""
from __future__ import annotations

import re

from triage_desktop.gui import theme


def test_every_colour_pair_meets_wcag_aa():
    for name, (fg, bg) in theme.PAIRS_TO_CHECK.items():
        assert theme.contrast_ratio(fg, bg) >= 4.5, name
    assert theme.contrast_ratio(theme.INK, theme.FOCUS) >= 4.5  # focused controls
    assert theme.contrast_ratio(theme.PAPER, "#00703c") >= 4.5  # primary (green) buttons


def test_non_text_parts_meet_wcag_3_to_1():
    assert theme.NON_TEXT_PAIRS_TO_CHECK
    for name, (fg, bg) in theme.NON_TEXT_PAIRS_TO_CHECK.items():
        assert theme.contrast_ratio(fg, bg) >= 3.0, name


def test_contrast_ratio_matches_known_values():
    assert round(theme.contrast_ratio("#000000", "#ffffff"), 1) == 21.0
    assert round(theme.contrast_ratio("#777777", "#ffffff"), 2) == 4.48


def test_red_is_only_for_immediate_risk():
    rules = re.findall(r"([^{}]+)\{([^{}]*)\}", theme.STYLE_SHEET.replace("{{", "{").replace("}}", "}"))
    red_selectors = [sel.strip() for sel, body in rules if theme.RED.lower() in body.lower()]
    assert red_selectors and all('role="risk"' in s for s in red_selectors), red_selectors
