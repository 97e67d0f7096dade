"""Settings declared as data (name, default, help), stored in the database's `settings` table."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Optional

if TYPE_CHECKING:
    from sqlite_utils import Database


def _int_range(lo: int, hi: int) -> Callable[[str], str]:
    def check(v: str) -> str:
        n = int(v)
        if not lo <= n <= hi:
            raise ValueError(f"must be between {lo} and {hi}")
        return str(n)
    return check


def _hours(v: str) -> str:
    x = float(v)
    if not 0 <= x <= 48:
        raise ValueError("must be between 0 and 48 hours")
    return f"{x:g}"


def _force_code(v: str) -> str:
    if not re.fullmatch(r"[A-Z0-9]{2,8}", v):
        raise ValueError("must be 2 to 8 capital letters or digits")
    return v


def _optional_count(v: str) -> str:
    if not str(v).strip():
        return ""
    x = float(v)
    if not 0 <= x <= 1_000_000:
        raise ValueError("must be between 0 and 1000000 a month")
    return f"{x:g}"


def _optional_percent(v: str) -> str:
    if not str(v).strip():
        return ""
    x = float(str(v).strip().rstrip("%"))
    if not 0 <= x <= 100:
        raise ValueError("must be a percentage between 0 and 100")
    return f"{x:g}"


def _secret(v: str) -> str:
    v = str(v).strip()
    if v and len(v) < 16:
        raise ValueError("must be at least 16 characters (or empty to send no handler key)")
    return v


def _uuid(v: str) -> str:
    import uuid  # here and in ensure_defaults only: on Linux its import runs platform.system() (~2 ms at a start)

    return str(uuid.UUID(v))


def _text(v: str) -> str:
    return str(v)


def _url(v: str) -> str:
    v = v.strip()
    if v and not v.startswith(("https://", "http://")):
        raise ValueError("must start with https:// (or http:// for a test collector on this PC)")
    return v


def _language(v: str) -> str:
    s = str(v).strip().lower()
    if s not in ("", "en", "cy"):
        raise ValueError("must be en (English), cy (Cymraeg) or empty (the system's language)")
    return s


def _width(v: str) -> str:
    n = int(v)
    if n != 0 and not 40 <= n <= 200:
        raise ValueError("must be 0 (no wrapping) or between 40 and 200 characters")
    return str(n)


def _bool(v: str) -> str:
    s = str(v).strip().lower()
    if s not in ("0", "1", "true", "false", "yes", "no"):
        raise ValueError("must be true or false")
    return "1" if s in ("1", "true", "yes") else "0"


def _handler_ids(v: str) -> str:
    ids = [x.strip() for x in str(v).split(",") if x.strip()]
    if any(len(x) > 40 or not x.isprintable() for x in ids):
        raise ValueError("must be handler ids (up to 40 characters each), separated by commas")
    return ",".join(ids)


@dataclass(frozen=True)
class Setting:
    """One setting: its name, default, help text and validator."""

    name: str
    default: Optional[str]
    help: str
    check: Callable[[str], str] = _text


SETTINGS: tuple[Setting, ...] = (
    Setting("device_id", None, "Random id of this PC (uuid4), made on first open; sent with summaries.", _uuid),
    Setting("force_code", "XX", "The force's short code (2-8 capitals/digits), sent with summaries.", _force_code),
    Setting("force_name", "", "The force's name, shown in reports."),
    Setting("handler_id", "", "The signed-in handler's id (collar or staff number); never synced."),
    Setting("handler_role", "call_handler", "The signed-in handler's role (call_handler, mh_practitioner, ...)."),
    Setting("recent_handlers", "", "The handler ids signed in on this PC lately, newest first, comma-separated "
            "(offered at each sign-in); never synced.", _handler_ids),
    Setting("signin_idle_minutes", "60", "Minutes without a key press or click, between calls, after which the "
            "handler is signed out and the next person signs in (0: never; 1-1440).", _int_range(0, 1440)),
    Setting("retention_days", "30", "Days personal details and free text are kept before the purge (1-3650).",
            _int_range(1, 3650)),
    Setting("interface_language", "", "The app's interface language: en (English), cy (Cymraeg) or empty (the "
            "system's language); read when the app starts.", _language),
    Setting("backup_interval_minutes", "10", "Minutes between timed backups when something changed (1-1440).",
            _int_range(1, 1440)),
    Setting("demo_data", "0", "1 when this database holds synthetic demo calls (never synced).", _bool),
    Setting("sync_collector_url", "", "The force collector's address (https://...); the device token is kept in the "
            "OS token store, not here.", _url),
    Setting("sync_ca_bundle", "", "Optional file of trusted CA certificates (PEM) for the collector's TLS.", _text),
    Setting("hours_entry", "2", "Officer hours saved per avoided deployment ending at entry triage.", _hours),
    Setting("hours_welfare", "2", "Officer hours saved per avoided welfare-check deployment.", _hours),
    Setting("hours_walkout", "2", "Officer hours saved per avoided walk-out deployment.", _hours),
    Setting("hours_awol", "3", "Officer hours saved per avoided AWOL deployment.", _hours),
    Setting("hours_conveyance", "4", "Officer hours saved per avoided conveyance (hospital wait).", _hours),
    Setting("hours_s136", "10", "Officer hours saved per avoided s136 detention / handover stay.", _hours),
    Setting("hours_crisis", "2", "Officer hours saved per avoided crisis-call deployment.", _hours),
    Setting("training_pass_mark", "80", "Training: the score (0-100) a mock call needs to pass (and no critical "
            "deviation).", _int_range(0, 100)),
    Setting("ready_for_live_passes", "3", "Training: clean passes of a pathway's scenarios before a trainee is "
            "'ready for live' on it (1-50).", _int_range(1, 50)),
    Setting("review_sample_size", "3", "Review: random calls per handler per week, on top of every override, "
            "early exit and immediate risk (0-50).", _int_range(0, 50)),
    Setting("review_seed", "rcrp-review", "Review: the seed of the weekly random sample (same seed, same sample)."),
    Setting("review_decision_target_s", "180", "Review: time to decision target in seconds for live calls "
            "(10-3600).", _int_range(10, 3600)),
    Setting("partner_directory_csv", "", "The partner directory as imported from CSV by a supervisor "
            "(used when the force pack has no [[partners]])."),
    Setting("incident_log_width", "78", "Incident-log block: wrap lines at this many characters to fit the "
            "command-and-control free-text field (40-200; 0 = one line per item, no wrapping).", _width),
    Setting("incident_log_ascii", "0", "Incident-log block: ASCII characters only (curly quotes, dashes and accents "
            "spelled out) for a command-and-control system that mangles anything else.", _bool),
)
#: Figures (issue 10): where each hours figure comes from, the pre-RCRP baseline, the handler-key secret.
SETTINGS += tuple(
    Setting(f"hours_{p}_source", "", f"Source of the hours figure for {p} (empty: the domain brief's default).")
    for p in ("entry", "welfare", "walkout", "awol", "conveyance", "s136", "crisis")
) + tuple(
    Setting(f"baseline_deployments_{p}", "", f"Pre-RCRP baseline: police deployments per month, {p} calls "
            "(force-wide; empty: none).", _optional_count)
    for p in ("entry", "welfare", "walkout", "awol", "conveyance", "s136", "crisis")
) + (
    Setting("baseline_deployment_rate", "", "Pre-RCRP baseline: % of mental-health calls police attended "
            "(force-wide, e.g. 69; empty: none).", _optional_percent),
    Setting("baseline_source", "", "Where the pre-RCRP baseline comes from (e.g. force data 2023-24)."),
    Setting("baseline_period", "", "The period the pre-RCRP baseline covers (e.g. 2023-04 to 2024-03)."),
    Setting("summary_handler_secret", "", "Force secret for the pseudonymous handler key in summaries (set by the "
            "force pack; empty: no key is sent).", _secret),
)
BY_NAME = {s.name: s for s in SETTINGS}
#: Settings nobody may set by hand, and why.
FIXED = {
    "device_id": "is made once when the database is created and cannot be changed (the collector binds this PC's "
                 "records to it)",
    "demo_data": "is set only by the demo-data command, on a database that holds no real calls",
}
#: Force-level settings: set by the force pack (then locked), else by a supervisor; each change is audited.
FORCE_LEVEL = frozenset({"force_name", "force_code", "retention_days", "partner_directory_csv", "summary_handler_secret",
                         "incident_log_width", "incident_log_ascii"}
                        | {s.name for s in SETTINGS if s.name.startswith(("hours_", "baseline_"))})


class SettingLocked(ValueError):
    """The force configuration pack sets this value: it cannot be changed in the app."""
#: Keys with this prefix are free-form (GUI preferences); every other key must be declared above.
FREE_PREFIX = "ui."


class Settings:
    """Read and write settings; unknown names (outside 'ui.') are refused so typos cannot hide."""

    def __init__(self, db: Database):
        self.db = db
        #: Values the force pack sets (name -> value): read before the table, and never written.
        self.locked: dict[str, str] = {}
        #: Called as guard(name, value) before every write; raises to refuse (e.g. a protected role).
        self.guard: Optional[Callable[[str, str], None]] = None

    def ensure_defaults(self) -> None:
        """Store the device id (made now) and force code on first open: the sync package reads them from the table."""
        if self._raw("device_id") is None or self._raw("force_code") is None:
            import uuid

            with self.db.atomic():
                self.db.execute("INSERT OR IGNORE INTO settings (key, value) VALUES ('device_id', ?)",
                                (str(uuid.uuid4()),))
                self.db.execute("INSERT OR IGNORE INTO settings (key, value) VALUES ('force_code', ?)",
                                (BY_NAME["force_code"].default,))

    def _raw(self, name: str) -> Optional[str]:
        row = self.db.execute("SELECT value FROM settings WHERE key = ?", (name,)).fetchone()
        return None if row is None else row[0]

    def _known(self, name: str) -> Optional[Setting]:
        if name in BY_NAME:
            return BY_NAME[name]
        if name.startswith(FREE_PREFIX) and len(name) > len(FREE_PREFIX):
            return None
        raise KeyError(f"unknown setting '{name}' (known: {', '.join(BY_NAME)}; or use a '{FREE_PREFIX}' key)")

    def get(self, name: str, default: Any = None) -> Any:
        """The stored value, else the declared default (else `default`)."""
        s = self._known(name)
        if name in self.locked:
            return self.locked[name]
        v = self._raw(name)
        if v is not None:
            return v
        if s is not None and s.default is not None:
            return s.default
        return default

    def get_int(self, name: str) -> int:
        return int(self.get(name))

    def get_float(self, name: str) -> float:
        return float(self.get(name))

    def set(self, name: str, value: Any) -> None:
        """Validate and store; raises KeyError (unknown) or ValueError (bad value, message says why).

        `device_id` (made once, when the database is created; the collector binds this PC's records to it) and
        `demo_data` (set only by the demo-data command, on a database without real calls) cannot be set.
        """
        if name in FIXED:
            raise ValueError(f"setting '{name}': {FIXED[name]}")
        self._store(name, value)

    def _store(self, name: str, value: Any) -> None:
        s = self._known(name)
        if name in self.locked:
            raise SettingLocked(f"setting '{name}' is set by the force configuration pack and cannot be changed here")
        text = "" if value is None else str(value)
        if s is not None:
            try:
                text = s.check(text)
            except ValueError as exc:
                raise ValueError(f"setting '{name}': {exc}") from None
        if self.guard is not None:
            self.guard(name, text)
        with self.db.atomic():
            self.db.execute("INSERT INTO settings (key, value) VALUES (?, ?) "
                            "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (name, text))

    def all(self) -> dict[str, Any]:
        """Every declared setting with its value (stored or default)."""
        return {s.name: self.get(s.name) for s in SETTINGS}
