"""Helpers for the training and review tests (the mini flows' scripted answers)."""
from __future__ import annotations

from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
FLOWS_OK = HERE.parent / "core" / "flows_ok"
MINI_SCENARIOS = HERE / "scenarios_mini"

#: The mini flows' answers of the scenario mini_fallen_neighbour, in the order the flows ask.
FALLEN = ["no", "none", 80, "welfare", "Her kitchen", ["fallen"], None]


def take(session: Any, answers: list[Any]) -> None:
    for a in answers:
        session.answer(a)
