"""A process killed with SIGKILL mid-call loses nothing: every answer is there, the call resumes, nothing doubles."""
import os
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest
from store_support import WALK_GP

HELPER = Path(__file__).with_name("crash_helper.py")


def run_helper(*args: str, kill_after: float | None = None) -> list[str]:
    env = {**os.environ, "PYTHONPATH": str(HELPER.parent) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    proc = subprocess.Popen([sys.executable, str(HELPER), *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=env)
    if kill_after is not None:
        assert proc.stdout.readline().strip() == "ready", proc.stderr.read()
        time.sleep(kill_after)
        proc.kill()
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == -9, err
    return out.splitlines()


@pytest.mark.parametrize("k", [0, 1, 3, 6])
def test_killed_after_k_answers_resumes_with_all_k(open_svc, k):
    lines = run_helper("answers", str(k))
    uuid = lines[0].split()[1]
    assert lines[1:] == [f"answered {i}" for i in range(1, k + 1)]
    svc = open_svc()
    [info] = svc.interrupted_calls()
    assert info.uuid == uuid and info.answers_count == k
    s = svc.resume_call(uuid)
    assert [a.value for a in s.run.answers] == WALK_GP[:k]
    seqs = [r[0] for r in svc.store.conn.execute(
        "SELECT seq FROM call_events WHERE call_uuid = ? AND seq IS NOT NULL ORDER BY id", (uuid,))]
    assert seqs == list(range(1, k + 1)), "nothing lost, nothing duplicated"
    for a in WALK_GP[k:]:
        s.answer(a)
    assert s.finalise(caller_informed=True).row["status"] == "final"
    assert [e["seq"] for e in svc.call_report(uuid)["events"] if e["seq"]] == list(range(1, len(WALK_GP) + 1))
    assert svc.verify().ok


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_killed_at_a_random_moment_leaves_a_sound_database(open_svc, seed):
    run_helper("loop", "0", kill_after=random.Random(seed).uniform(0.2, 0.8))
    svc = open_svc()
    assert svc.quick_check() == "ok"
    res = svc.verify()
    assert res.ok, res.problems
    finals = svc.history.count({"status": "final"})
    assert svc.store.conn.execute("SELECT count(*) FROM outbox").fetchone()[0] == finals
    for info in svc.interrupted_calls():  # at most the one call in flight
        s = svc.resume_call(info.uuid)
        assert len(s.run.answers) == info.answers_count
        while s.run.outcome is None:
            s.answer(WALK_GP[len(s.run.answers)])
        s.finalise(caller_informed=True)
    assert svc.interrupted_calls() == [] and svc.verify().ok
