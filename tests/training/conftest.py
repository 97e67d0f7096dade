"""Training and review fixtures: real services on tmp data dirs, the mini flows and mini scenarios."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

import pytest

from triage_desktop.paths import AppPaths
from triage_desktop.services import AppServices

from training_support import FLOWS_OK, MINI_SCENARIOS


@pytest.fixture(autouse=True)
def _mini_scenarios(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRIAGE_DESKTOP_SCENARIOS_DIR", str(MINI_SCENARIOS))


@pytest.fixture
def open_at(tmp_path: Path) -> Callable[..., AppServices]:
    opened: list[AppServices] = []

    def opener(name: str = "pc1", **kw: Any) -> AppServices:
        svc = AppServices.open(AppPaths.from_root(tmp_path / name), flows_dir=FLOWS_OK, **kw)
        opened.append(svc)
        return svc

    yield opener
    for s in opened:
        try:
            s.close()
        except Exception:
            pass
