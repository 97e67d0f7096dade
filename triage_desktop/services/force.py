"""Force-pack services behind AppServices: authority (pack → supervisor → user), roles, directory, rollout, config.

AppServices holds one ForceServices (`svc.force`) and exposes its public methods; the GUI and CLI call AppServices.
"""
from __future__ import annotations

import datetime as _dt
import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Optional

from ..core.packmodel import DEFAULT_HOURS, ROLLOUT_PATHWAYS, TOOLKIT_PHASE_OF, ForcePack, PackInvalid
from ..core.partners import Directory, PartnerOffer
from ..core.vocab import PATHWAYS, POLICE_FLAGS
from ..store.settings import FORCE_LEVEL, SettingLocked

if TYPE_CHECKING:  # pragma: no cover
    from ..packs import LoadedPack
    from .app import AppServices

#: Settings a handler changes for themselves (window, interface language, who is signed in...).
PERSONAL_PREFIXES = ("ui.",)
PERSONAL = frozenset({"handler_id", "backup_interval_minutes", "demo_data", "recent_handlers", "interface_language"})
#: Roles that need the force pack's list and a passphrase.
PROTECTED_ROLES = ("supervisor", "trainer")
#: The settings-table keys the sync package reads for the collector (written from the pack at open).
SYNC_KEYS = {"collector_url": "sync_collector_url", "ca_bundle": "sync_ca_bundle"}


class AuthorityError(PermissionError):
    """The change needs a role this person does not hold (or a value the force pack locks)."""


@dataclass(frozen=True)
class PathwayConfig:
    """One pathway as the app uses it: rollout phase, enabled, hours assumption (and who set it), baseline."""

    pathway: str
    title: str
    phase: int  # 0 for entry triage
    enabled: bool
    hours: float
    hours_source: str
    hours_set_by: str  # 'force pack' | 'settings' (a supervisor, or an earlier pack) | 'default'
    baseline_per_month: Optional[int]


@dataclass(frozen=True)
class ForceConfig:
    """What the figures branch reads (AppServices.force_config()): plain data, no Qt, no database."""

    force_name: str
    force_code: str
    pack_file: str  # '' when the app runs without a pack
    pack_is_example: bool
    baseline_source: str
    baseline_period: str
    baseline_set_by: str  # 'force pack' | 'settings' | 'none'
    pathways: dict[str, PathwayConfig] = field(default_factory=dict)

    def phase_of(self, pathway: Optional[str]) -> Optional[int]:
        p = self.pathways.get(pathway or "")
        return p.phase if p and p.phase else None


def _now() -> _dt.datetime:
    return _dt.datetime.now(_dt.timezone.utc)


class ForceServices:
    """The pack-dependent part of the services over one open AppServices."""

    def __init__(self, svc: "AppServices", loaded: Optional["LoadedPack"], *, now: Callable[[], _dt.datetime] = _now):
        self.svc = svc
        self.loaded = loaded
        self.now = now
        self._example_dir: Optional[Directory] = None
        self._csv_dir: Optional[tuple[tuple[str, str], Optional[Directory]]] = None  # ((CSV text, region), parsed)
        self._role: Optional[tuple[str, str]] = None  # (staff id, role) signed in with a passphrase this session

    @property
    def pack(self) -> Optional[ForcePack]:
        return self.loaded.pack if self.loaded else None

    # ----- applying the pack ----------------------------------------------------------------------
    def apply(self) -> None:
        """Lock the settings the pack sets; write changed values to the table (the sync package reads it) with an
        audit event naming each key whose value changed."""
        pack = self.pack
        if pack is None:
            return
        settings = self.svc.store.settings  # the store\'s own object (the pack locks and guards it)
        locked = pack.locked_settings()
        table = {k: v for k, v in locked.items()}
        if self.loaded and pack.collector_url:
            table[SYNC_KEYS["collector_url"]] = pack.collector_url
        if self.loaded and self.loaded.ca_bundle is not None:
            table[SYNC_KEYS["ca_bundle"]] = str(self.loaded.ca_bundle)
        conn = self.svc.store.conn
        changed = {}
        for k, v in table.items():
            row = conn.execute("SELECT value FROM settings WHERE key = ?", (k,)).fetchone()
            if row is None or row[0] != v:
                changed[k] = {"old": None if row is None else row[0], "new": v}
        if changed:
            with self.svc.store.writing():
                for k, v in table.items():
                    if k in changed:
                        conn.execute("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE "
                                     "SET value = excluded.value", (k, v))
                self.svc._calls.db_event("force_pack_applied", {"file": str(self.loaded.path) if self.loaded else "",
                                                                "changed": changed})
        settings.locked = dict(locked)
        settings.guard = self._guard
        settings.role_source = lambda: self._role  # type: ignore[attr-defined]  # services_training.has_role

    def _guard(self, name: str, value: str) -> None:
        if name == "handler_role" and value in PROTECTED_ROLES:
            raise AuthorityError("a supervisor or trainer role is taken by signing in with a passphrase "
                                 "(listed in the force pack), not by editing a setting")

    # ----- authority --------------------------------------------------------------------------------
    def authority(self, name: str) -> str:
        """'force' (locked by the pack), 'supervisor' (force-level, open) or 'user' (personal)."""
        if name in self.svc.store.settings.locked:
            return "force"
        if name in FORCE_LEVEL or name == "partner_directory_csv":
            return "supervisor"
        return "user"

    def set_setting(self, name: str, value: Any, *, actor: str = "") -> None:
        """Change a setting with the authority it needs; a force-level change is an audit event (same transaction)."""
        level = self.authority(name)
        if level == "force":
            raise SettingLocked(f"'{name}' is set by the force ({self.loaded.path if self.loaded else 'pack'}) "
                                "and cannot be changed in the app")
        if level == "supervisor":
            self.require_role("supervisor")
        settings = self.svc.store.settings  # the store\'s own object (the pack locks and guards it)
        old = settings.get(name)
        with self.svc.store.writing():
            settings.set(name, value)
            new = settings.get(name)
            if level == "supervisor" and old != new:
                who = self._role[0] if self._role else actor
                self.svc._calls.db_event("force_setting_changed", {"name": name, "old": old, "new": new,
                                                                   "by": who, "role": "supervisor"})

    # ----- roles --------------------------------------------------------------------------------------
    def allowed_roles(self, staff_id: str) -> list[str]:
        """The protected roles the pack lists this staff id for (without a pack: none)."""
        pack = self.pack
        if pack is None:
            return []
        out = []
        if staff_id in pack.supervisors:
            out.append("supervisor")
        if staff_id in pack.trainers:
            out.append("trainer")
        return out

    def needs_new_passphrase(self, staff_id: str, role: str) -> bool:
        from ..store.roles import Passphrases

        return not Passphrases(self.svc.store, now=self.now).has_passphrase(staff_id, role)

    def sign_in_role(self, staff_id: str, role: str, passphrase: str, *, new: bool = False) -> None:
        """Act as supervisor/trainer: listed in the pack, then the passphrase (set now when `new`). Audited."""
        from ..store.roles import Passphrases, RoleRefused

        if role not in PROTECTED_ROLES:
            raise RoleRefused(f"'{role}' needs no passphrase")
        if role not in self.allowed_roles(staff_id):
            self.svc._audit("role_refused", {"staff_id": staff_id, "role": role, "why": "not listed in the pack"})
            raise RoleRefused(f"{staff_id} is not listed as a {role} in the force configuration pack")
        ph = Passphrases(self.svc.store, now=self.now)
        try:
            if new:
                ph.set_first(staff_id, role, passphrase)
            else:
                ph.verify(staff_id, role, passphrase)
        except RoleRefused as exc:
            self.svc._audit("role_refused", {"staff_id": staff_id, "role": role, "why": str(exc)[:120]})
            raise
        self._role = (staff_id, role)
        self.svc._audit("role_signed_in", {"staff_id": staff_id, "role": role, "passphrase_set": bool(new)})

    def sign_out_role(self) -> None:
        self._role = None

    @property
    def role(self) -> Optional[tuple[str, str]]:
        return self._role

    def require_role(self, role: str) -> None:
        if self.pack is None:
            return  # no pack (development, tests): no roles to check against
        if self._role is None or self._role[1] != role:
            raise AuthorityError(f"only a {role} can do this: sign in as {role} first")

    # ----- directory ---------------------------------------------------------------------------------
    @property
    def directory(self) -> Directory:
        """The pack's directory if it has entries; else a supervisor's CSV import; else the bundled example's."""
        pack = self.pack
        if pack is not None and pack.directory.entries:
            return pack.directory
        csv_text = self.svc.settings.get("partner_directory_csv") or ""
        if csv_text:
            region = pack.bank_holiday_region if pack else "ENG"
            if self._csv_dir is None or self._csv_dir[0] != (csv_text, region):
                from ..core.partner_csv import parse_directory_csv

                got, problems = parse_directory_csv(csv_text, file="imported directory", region=region)
                self._csv_dir = ((csv_text, region), got)  # parsed once per import, not at every outcome
            if self._csv_dir[1] is not None:
                return self._csv_dir[1]
        return self._example_directory()

    def directory_origin(self) -> str:
        pack = self.pack
        if pack is not None and pack.directory.entries:
            return "force pack"
        if self.svc.settings.get("partner_directory_csv"):
            return "imported by a supervisor"
        return "example pack (fictional numbers)"

    def _example_directory(self) -> Directory:
        if self._example_dir is None:
            from ..packs import example_pack_path, load_pack

            try:
                self._example_dir = load_pack(example_pack_path(), origin="example").pack.directory
            except PackInvalid:
                self._example_dir = Directory(())
        return self._example_dir

    def import_directory_csv(self, text: str, *, file: str = "CSV") -> int:
        """A supervisor replaces the directory from CSV (refused when the pack sets it). Returns the entry count."""
        from ..core.partner_csv import parse_directory_csv

        pack = self.pack
        if pack is not None and pack.directory.entries:
            raise SettingLocked("the partner directory is set by the force pack: change it there")
        got, problems = parse_directory_csv(text, file=file, region=pack.bank_holiday_region if pack else "ENG")
        if got is None:
            raise PackInvalid(file, problems)
        self.set_setting("partner_directory_csv", text)
        return len(got.entries)

    def warm_up(self) -> None:
        """Load what the shift's first outcome would otherwise wait for (~0.2 s): the partner directory and its bank
        holidays for this year and the next (a shift can run past New Year)."""
        holidays = self.directory.bank_holidays
        year = self.now().year
        holidays.load(year)
        holidays.load(year + 1)

    def partner_offer(self, run: Any, at: Optional[_dt.datetime] = None) -> Optional[PartnerOffer]:
        """What to offer at the run's outcome, now (None before an outcome)."""
        out = run.outcome or getattr(run, "decision", None)  # engine v2: the decision holds while steps go on
        if out is None:
            return None
        codes = [c for c in (getattr(p, "code", "") for p in out.partners) if c]
        codes += [c for c in getattr(run, "partners_added", ()) or () if c not in codes]  # after the decision
        return self.directory.offer(out.code, run.pathway, at or self.now(), codes=codes)

    # ----- rollout ------------------------------------------------------------------------------------
    def rollout_phase(self, pathway: Optional[str]) -> Optional[int]:
        if not pathway or pathway not in ROLLOUT_PATHWAYS:
            return None
        pack = self.pack
        return pack.rollout(pathway).phase if pack else TOOLKIT_PHASE_OF.get(pathway)

    def pathway_enabled(self, pathway: str) -> bool:
        pack = self.pack
        return True if pack is None else pack.enabled(pathway)

    def divert_if_not_enabled(self, run: Any) -> bool:
        """True when the run has just reached a pathway the pack does not enable (and no police flag is raised):
        the caller then records the engine's not_under_rcrp event."""
        if self.pack is None or run.outcome is not None or run.current is None \
                or getattr(run, "decision", None) is not None:  # once decided, the decision stands
            return False
        pathway = run.pathway
        if self.pathway_enabled(pathway) or (run.flags & POLICE_FLAGS):
            return False
        return True

    def describe_lines(self) -> list[str]:
        """The pack in a few lines for the Settings dialog."""
        if self.loaded is None:
            return ["No force configuration pack: every pathway runs under RCRP; the example directory's "
                    "(fictional) partner numbers are shown."]
        p = self.pack
        assert p is not None
        lines = [f"{p.force_name} ({p.force_code}) — pack {self.loaded.path}"
                 + (" — EXAMPLE PACK, fictional numbers" if self.loaded.is_example else "")]
        on = [f"{PATHWAYS[w]} (phase {p.rollout(w).phase})" for w in ROLLOUT_PATHWAYS if p.enabled(w)]
        off = [f"{PATHWAYS[w]} (phase {p.rollout(w).phase})" for w in ROLLOUT_PATHWAYS if not p.enabled(w)]
        lines.append("Under RCRP: " + (", ".join(on) or "none"))
        lines.append("Not yet under RCRP (force procedure): " + (", ".join(off) or "none"))
        lines.append(f"Partner directory: {len(self.directory.entries)} services ({self.directory_origin()})")
        if self._role:
            lines.append(f"Signed in as {self._role[1]}: {self._role[0]}")
        return lines

    # ----- configuration for the figures ------------------------------------------------------------
    def force_config(self) -> ForceConfig:
        pack = self.pack
        settings = self.svc.store.settings  # the store\'s own object (the pack locks and guards it)
        conn = self.svc.store.conn

        def stored(name: str) -> Optional[str]:
            row = conn.execute("SELECT value FROM settings WHERE key = ?", (name,)).fetchone()
            return None if row is None or row[0] in (None, "") else str(row[0])

        base = pack.baseline if pack else None
        pathways = {}
        for p, title in PATHWAYS.items():
            if pack is not None and p in pack.hours:
                h, src, by = pack.hours[p].hours, pack.hours[p].source, "force pack"
            elif stored(f"hours_{p}") is not None:
                h, by = float(settings.get(f"hours_{p}")), "settings"
                src = stored(f"hours_{p}_source") or \
                    "set in the app's settings (by a supervisor, or an earlier pack: see the audit log)"
            else:
                h, src = DEFAULT_HOURS[p]
                by = "default"
            if base is not None:
                bl = base.per_month.get(p)
            else:
                raw = stored(f"baseline_deployments_{p}")
                bl = int(float(raw)) if raw is not None else None
            pathways[p] = PathwayConfig(p, title, self.rollout_phase(p) or 0, self.pathway_enabled(p), h, src, by, bl)
        if base is not None:
            bsrc, bper, bby = base.source, base.period, "force pack"
        else:
            bsrc, bper = stored("baseline_source") or "", stored("baseline_period") or ""
            bby = "settings" if any(v.baseline_per_month is not None for v in pathways.values()) else "none"
        return ForceConfig(force_name=str(settings.get("force_name") or ""), force_code=str(settings.get("force_code")),
                           pack_file=str(self.loaded.path) if self.loaded else "",
                           pack_is_example=bool(self.loaded and self.loaded.is_example),
                           baseline_source=bsrc, baseline_period=bper, baseline_set_by=bby, pathways=pathways)


def partners_json(offer: Optional[PartnerOffer]) -> str:
    return json.dumps(offer.codes() if offer else [], separators=(",", ":"))
