"""Times from the record (UTC ISO strings) as the handler reads them: local time, short."""
from __future__ import annotations

from triage_desktop.services import parse_utc


def local_time(iso: str, fmt: str = "%H:%M") -> str:
    """'14:02' (or `fmt`) in this PC's timezone; the text as given when it is not a time."""
    t = parse_utc(iso)
    return t.astimezone().strftime(fmt) if t else iso
