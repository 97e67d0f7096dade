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


def positive_int(text: str) -> int:
    """An argument that must be a whole number above zero (days, calls)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} must be a whole number above zero")
    return value


def iso_day(text: str) -> str:
    """An argument that must be a calendar day, YYYY-MM-DD (kept as that text)."""
    import datetime as _dt

    try:
        if len(text) != 10:
            raise ValueError(text)
        _dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a day (YYYY-MM-DD)") from None
    return text
