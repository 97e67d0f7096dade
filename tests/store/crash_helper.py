"""Run by the crash tests in a subprocess: record answers, then die by SIGKILL (never imported by pytest)."""
import os
import signal
import sys

from store_support import FLOWS_OK, WALK_GP

from triage_desktop.paths import AppPaths
from triage_desktop.services import AppServices


def main() -> None:
    mode, k = sys.argv[1], int(sys.argv[2])
    svc = AppServices.open(AppPaths.default(), flows_dir=FLOWS_OK)
    if mode == "answers":  # k answers on one call, then kill ourselves
        s = svc.start_call(handler_id="1234", role="call_handler", entry_flow="mini_entry")
        print(f"uuid {s.uuid}", flush=True)
        for i, a in enumerate(WALK_GP[:k], 1):
            s.answer(a)
            print(f"answered {i}", flush=True)
        os.kill(os.getpid(), signal.SIGKILL)
    # "loop": take calls for ever; the parent kills us at a random moment
    print("ready", flush=True)
    n = 0
    while True:
        s = svc.start_call(handler_id="1234", role="call_handler", entry_flow="mini_entry")
        for a in WALK_GP:
            s.answer(a)
        s.note("note " * (n % 50))
        s.finalise(caller_informed=True)
        n += 1


if __name__ == "__main__":
    main()
