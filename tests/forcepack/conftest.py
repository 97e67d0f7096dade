"""Force-pack tests: helpers to write variants of the example pack."""
from __future__ import annotations

from pathlib import Path

import pytest

from pack_support import EXAMPLE, ROOT  # noqa: F401


@pytest.fixture
def example_text() -> str:
    return EXAMPLE.read_text(encoding="utf-8")


@pytest.fixture
def write_pack(tmp_path: Path):
    def write(text: str, name: str = "force pack.toml") -> Path:  # a space in the name on purpose
        p = tmp_path / "packs dir" / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
        return p
    return write
