"""A problem found in a flow file (where, and what), and the error that carries every one of them."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One problem found in a flow file: where, and what."""

    file: str
    node: str
    message: str
    line: int = 0
    level: str = "error"  # error | warning (a warning is printed but does not fail the check)

    @property
    def is_error(self) -> bool:
        return self.level == "error"

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        node = f" node {self.node}:" if self.node else ""
        level = " warning:" if self.level == "warning" else ""
        return f"{where}:{node}{level} {self.message}"


class FlowError(Exception):
    """A flow could not be loaded; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))
