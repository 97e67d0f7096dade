"""Store test fixtures: real SQLite files under tmp_path, the core's small test flows."""
from __future__ import annotations

from typing import Iterator, Optional

import pytest
from store_support import FLOWS_OK

from triage_desktop.paths import AppPaths
from triage_desktop.services import AppServices


@pytest.fixture
def paths() -> AppPaths:
    return AppPaths.default()


@pytest.fixture
def open_svc(paths: AppPaths):
    """Open an AppServices on the test flows (closed at the end of the test if still open)."""
    opened: list[AppServices] = []

    def _open(training: bool = False, p: Optional[AppPaths] = None, **kw) -> AppServices:
        svc = AppServices.open(p or paths, training=training, flows_dir=FLOWS_OK, **kw)
        opened.append(svc)
        return svc

    yield _open
    for svc in opened:
        svc.close()


@pytest.fixture
def svc(open_svc) -> Iterator[AppServices]:
    yield open_svc()
