"""The command-line face: with no command, start the desktop app; otherwise run a headless command."""
from __future__ import annotations

import argparse
import importlib
import sys
from typing import NoReturn, Optional, Sequence

from triage_desktop.core.cli_args import OneLineParser

#: Modules that add sub-commands with an `add_commands(subparsers)` function (imported lazily).
COMMAND_MODULES = (
    "triage_desktop.core.flowcli",
    "triage_desktop.flows_cli",  # adds render/diff/lock/signoff/diagrams to `flows` (after core.flowcli)
    "triage_desktop.store_cli",
    "triage_desktop.sync_cli",
    "triage_desktop.scenariocli",
    "triage_desktop.packcli",
    "triage_desktop.enrol",
)


def build_parser() -> argparse.ArgumentParser:
    parser = OneLineParser(prog="triage-desktop",
                                     description="Right Care, Right Person triage assistant.")
    parser.add_argument("--data-dir", help="folder for the database and backups "
                                           "(default: the platform's user data dir, or $TRIAGE_DESKTOP_DATA_DIR)")
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    sub = parser.add_subparsers(dest="command")
    for name in COMMAND_MODULES:  # each module adds its sub-commands with add_commands(subparsers)
        importlib.import_module(name).add_commands(sub)
    gui = sub.add_parser("gui", help="start the desktop app (the default)")
    gui.add_argument("--training", action="store_true", help="start in training (mock-call) mode")
    return parser


def _plain_gui_args(argv: Sequence[str]) -> Optional[argparse.Namespace]:
    """The commonest starts read without argparse: `[gui] [--training] [--data-dir D | --data-dir=D]`, each at most
    once, D not starting with '-'; None for anything else. Building a parser (its help formatter asks the terminal's
    size, its messages load the locale module) costs ~1 ms before the first paint; `_gui_only_args` gives the same
    namespace for these forms."""
    ns = argparse.Namespace(data_dir=None, training=False, command=None)
    rest = list(argv)
    while rest:
        token = rest.pop(0)
        if token == "gui" and ns.command is None:
            ns.command = "gui"
        elif token == "--training" and not ns.training:
            ns.training = True
        elif token == "--data-dir" and ns.data_dir is None and rest and rest[0] and not rest[0].startswith("-"):
            ns.data_dir = rest.pop(0)
        elif token.startswith("--data-dir=") and ns.data_dir is None and len(token) > len("--data-dir="):
            ns.data_dir = token[len("--data-dir="):]
        else:
            return None
    return ns


class _QuietParser(argparse.ArgumentParser):
    """The fast path's parser: a form it cannot read goes to the full parser, which says what is wrong in one line;
    this one prints nothing (argparse's own error prints its usage block and a second message first)."""

    def error(self, message: str) -> NoReturn:
        raise SystemExit(2)


def _gui_only_args(argv: Sequence[str]) -> Optional[argparse.Namespace]:
    """Fast path: plain `triage-desktop [gui] [--data-dir D] [--training]` skips importing every command module."""
    plain = _plain_gui_args(argv)
    if plain is not None:
        plain.version = False
        return plain
    p = _QuietParser(add_help=False)
    p.add_argument("--data-dir")
    p.add_argument("--training", action="store_true")
    p.add_argument("command", nargs="?")
    try:
        ns, rest = p.parse_known_args(list(argv))
    except SystemExit:
        return None
    if rest or ns.command not in (None, "gui"):
        return None
    ns.version = False
    return ns


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = _gui_only_args(sys.argv[1:] if argv is None else argv)
    if args is None:
        args = build_parser().parse_args(argv)
    if args.version:
        from triage_desktop import __version__

        print(f"triage-desktop {__version__}")
        return 0
    if args.command in (None, "gui"):
        import gc

        # no cycle collection while the app starts (imports, flows, widgets are all long-lived; a full collection
        # over them costs ~50 ms): run_app turns it back on once the app is ready, and the one collection then runs
        # after the first paint (gui/main_window.py _freeze_startup_heap)
        gc.disable()
        from triage_desktop.gui.app import run_app

        return run_app(args)
    return int(args.func(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
