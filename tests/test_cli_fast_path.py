"""The start's command line read without argparse gives what argparse gives, and only for the plain forms."""
from __future__ import annotations

import argparse

import pytest

from triage_desktop import cli


def _argparse_way(argv: list[str]):  # type: ignore[no-untyped-def]
    p = argparse.ArgumentParser(add_help=False)
    p.add_argument("--data-dir")
    p.add_argument("--training", action="store_true")
    p.add_argument("command", nargs="?")
    try:
        ns, rest = p.parse_known_args(argv)
    except SystemExit:
        return None
    return None if rest or ns.command not in (None, "gui") else ns


@pytest.mark.parametrize("argv", [
    [], ["gui"], ["--training"], ["gui", "--training"], ["--training", "gui"], ["--data-dir", "/tmp/d"],
    ["--data-dir=/tmp/d e"], ["gui", "--data-dir", "gui"], ["--data-dir", "x", "--training", "gui"],
    ["--data-dir=a=b"], ["--training", "--data-dir", "/x", "gui"],
])
def test_plain_forms_match_argparse(argv: list[str]) -> None:
    plain = cli._plain_gui_args(argv)
    assert plain is not None and vars(plain) == vars(_argparse_way(argv))


@pytest.mark.parametrize("argv", [
    ["--version"], ["flows", "check"], ["gui", "gui"], ["--data-dir"], ["--data-dir", "-x"], ["--data-dir="],
    ["--data"], ["--train"], ["--data-dir", "a", "--data-dir", "b"], ["-h"], ["--training", "--training"],
    ["store", "verify"],
])
def test_anything_else_goes_to_argparse(argv: list[str]) -> None:
    assert cli._plain_gui_args(argv) is None
    fast = cli._gui_only_args(argv)
    slow = _argparse_way(argv)
    assert (fast is None) == (slow is None)
    if fast is not None:
        assert {k: v for k, v in vars(fast).items() if k != "version"} == vars(slow)
