"""The command lines' argument parser: a usage error is one line and exit code 2, never the usage block."""
from __future__ import annotations

import argparse
from typing import NoReturn


class OneLineParser(argparse.ArgumentParser):
    """argparse, with its errors on one line that says where the help is (its sub-commands' parsers are of this
    class too: argparse makes them with the parent's class)."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {message} (see {self.prog} --help)\n")


def positive_number(text: str) -> float:
    """An argument that must be a number above zero (hours, rates, sizes)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not value > 0 or value != value or value == float("inf"):
        raise argparse.ArgumentTypeError(f"{text!r} must be a number above zero")
    return value
