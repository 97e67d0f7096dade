"""Fixtures for the sync tests: store-shaped SQLite files, real collector subprocesses, SQLite and PostgreSQL backends."""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Callable, Iterator, Optional

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))  # for sync_support, whatever pytest's import mode

from sync_support import BACKENDS, Collector, Store, fresh_target  # noqa: E402


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store(tmp_path / "triage.sqlite3")  # the name AppPaths gives the live database
    yield s
    s.close()


@pytest.fixture
def store_factory(tmp_path: Path) -> Iterator[Callable[[str], Store]]:
    made: list[Store] = []

    def make(name: str, seed: Optional[int] = None) -> Store:
        s = Store(tmp_path / f"{name}.sqlite", seed=seed)
        made.append(s)
        return s

    yield make
    for s in made:
        s.close()


@pytest.fixture(scope="session")
def postgres_url() -> str:
    """The throwaway cluster's URL; in CI a missing URL is a failure, locally a skip."""
    url = os.environ.get("TRIAGE_TEST_POSTGRES_URL")
    if not url:
        if os.environ.get("CI", "").lower() in ("true", "1", "yes"):
            pytest.fail("TRIAGE_TEST_POSTGRES_URL is not set: CI must run the PostgreSQL tests (source .ci/postgres.sh)")
        pytest.skip("no PostgreSQL: source .ci/postgres.sh to run these tests")
    return url


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty collector database target: a SQLite file or a PostgreSQL schema."""
    target, cleanup = fresh_target(request.param, tmp_path, request)
    yield target
    cleanup()


@pytest.fixture
def collector(backend: str, tmp_path: Path) -> Iterator[Collector]:
    """A collector subprocess of its own over a fresh database, on each backend."""
    c = Collector(backend, tmp_path)
    c.start()
    yield c
    c.stop()


@pytest.fixture(scope="module", params=BACKENDS)
def shared_collector(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Collector]:
    """One collector per backend for a whole module (tests keep apart by device ids and tokens); 64 KiB body limit."""
    folder = tmp_path_factory.mktemp("collector")
    target, cleanup = fresh_target(request.param, folder, request)
    c = Collector(target, folder, extra=("--max-body-bytes", "65536"))
    c.start()
    yield c
    c.stop()
    cleanup()


@pytest.fixture(scope="module", params=BACKENDS)
def sync_collector(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Collector]:
    """One collector per backend for a whole module, with the default limits."""
    folder = tmp_path_factory.mktemp("collector")
    target, cleanup = fresh_target(request.param, folder, request)
    c = Collector(target, folder)
    c.start()
    yield c
    c.stop()
    cleanup()


@pytest.fixture
def collector_factory(backend: str, tmp_path: Path) -> Iterator[Callable[..., Collector]]:
    """Collectors over this test's fresh database (one backend per test run); all stopped at the end."""
    made: list[Collector] = []

    def make(*extra: str, port: Optional[int] = None) -> Collector:
        c = Collector(backend, tmp_path, port=port, extra=tuple(extra))
        made.append(c)
        return c

    yield make
    for c in made:
        c.stop()


@pytest.fixture(scope="module")
def sqlite_collector(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Collector]:
    """One SQLite-backed collector for a module's client-side tests (where the backend plays no part)."""
    folder = tmp_path_factory.mktemp("collector")
    c = Collector(str(folder / "collector.sqlite"), folder)
    c.start()
    yield c
    c.stop()
