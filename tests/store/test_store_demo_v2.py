"""Demo data (store/demo.py) on flow-format v2 flows: post-decision steps, finish, immediate risk with continue."""
from pathlib import Path

import pytest

from triage_desktop.core.checker import check_paths


@pytest.fixture(scope="module")
def lib():
    return check_paths([Path(__file__).parents[1] / "core" / "flows_v2"]).library()


def test_demo_calls_through_post_decision_steps(lib):
    """The demo-data generator (store/demo.py) walks v2 flows without errors and every call ends at an outcome."""
    import datetime as dt
    import random

    from triage_desktop.store.demo import DemoClock, random_walk

    ended = 0
    for seed in range(150):
        rng = random.Random(seed)
        run = random_walk(lib, rng, DemoClock(dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)), "1234",
                          "call_handler")
        assert not run.in_post_decision
        ended += run.outcome is not None
    assert ended == 150
