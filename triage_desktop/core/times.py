"""The one UTC timestamp format the app writes, and the growing jittered delay every retry uses (pure Python)."""
from __future__ import annotations

import datetime as _dt
import random
from typing import Optional


def utc_now() -> _dt.datetime:
    """Now, timezone-aware, in UTC."""
    return _dt.datetime.now(_dt.timezone.utc)


def utc_iso(moment: Optional[_dt.datetime] = None) -> str:
    """ISO 8601 UTC with milliseconds, e.g. '2026-12-01T08:30:56.123+00:00' (fixed width: text order is time
    order). Every timestamp written from now on uses it; rows already sealed keep the bytes they were written with."""
    moment = moment or utc_now()
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=_dt.timezone.utc)
    return moment.astimezone(_dt.timezone.utc).isoformat(timespec="milliseconds")


def parse_utc(text: str) -> Optional[_dt.datetime]:
    """An ISO timestamp (any of the forms ever written: '+00:00' or 'Z', any precision) as aware UTC, or None."""
    try:
        t = _dt.datetime.fromisoformat(str(text).replace("Z", "+00:00"))
    except (TypeError, ValueError):
        return None
    return t if t.tzinfo else t.replace(tzinfo=_dt.timezone.utc)


def format_elapsed(seconds: float) -> str:
    """HH:MM:SS of a duration in seconds."""
    s = max(0, int(seconds))
    return f"{s // 3600:02d}:{s % 3600 // 60:02d}:{s % 60:02d}"


def backoff_delay(attempt: int, *, base: float, cap: float, rng: Optional[random.Random] = None) -> float:
    """Growing delay with jitter for the nth failed attempt: between half and all of min(cap, base * 2**(n-1))."""
    ceiling = min(cap, base * (2 ** max(0, attempt - 1)))
    return ceiling / 2 + (rng or random).uniform(0, ceiling / 2)
