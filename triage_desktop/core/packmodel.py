"""The force configuration pack's model: the checked ForcePack, its parts and constants, and its problems."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from .partners import Directory
from .vocab import PATHWAYS

#: RCRP pathways a pack switches on in phases (entry triage always runs).
ROLLOUT_PATHWAYS = tuple(p for p in PATHWAYS if p != "entry")
#: The College of Policing toolkit's four phases (domain.md §11); the crisis pathway's phase is the force's choice.
TOOLKIT_PHASES: dict[int, str] = {
    1: "Concern for welfare",
    2: "Walk-outs from health settings and AWOL",
    3: "Transport of patients",
    4: "Section 136 and voluntary patients",
}
TOOLKIT_PHASE_OF = {"welfare": 1, "crisis": 1, "walkout": 2, "awol": 2, "conveyance": 3, "s136": 4}

#: Officer hours per avoided deployment when neither the pack nor a supervisor has set them (domain.md §7).
_CHECK = "domain brief §7: welfare check, walk-out and AWOL attendances ~2-4 h (check: force data)"
DEFAULT_HOURS: dict[str, tuple[float, str]] = {
    "entry": (2.0, _CHECK + "; lower bound used"),
    "welfare": (2.0, _CHECK + "; lower bound used"),
    "walkout": (2.0, _CHECK + "; lower bound used"),
    "awol": (3.0, _CHECK + "; midpoint used"),
    "conveyance": (4.0, "hospital wait ~4-9 h (Staffordshire 2013, up to 9 h); lower bound used"),
    "s136": (10.0, "s136 detention ~10 h with the person (Met 2023)"),
    "crisis": (2.0, _CHECK + "; an avoided s136 detention would be ~10 h (Met 2023)"),
}
BANK_HOLIDAY_REGIONS = {"ENG": "England", "WLS": "Wales", "SCT": "Scotland", "NIR": "Northern Ireland"}


@dataclass(frozen=True)
class PackProblem:
    """One problem in a pack: file, key, line and reason."""

    file: str
    key: str
    line: int
    reason: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.key}: {self.reason}" if self.key else f"{where}: {self.reason}"


class PackInvalid(ValueError):
    """A pack that cannot be used; carries every problem found."""

    def __init__(self, file: str, problems: list[PackProblem]):
        self.file = file
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass(frozen=True)
class HoursAssumption:
    hours: float
    source: str


@dataclass(frozen=True)
class Baseline:
    """Deployments per month by pathway before RCRP, and where the figures come from."""

    source: str
    period: str
    per_month: dict[str, int]
    deployment_rate: Optional[float] = None  # % of mental-health calls police attended before RCRP


@dataclass(frozen=True)
class Rollout:
    phase: int
    enabled: bool


@dataclass(frozen=True)
class ForcePack:
    """A checked pack. `keys` lists the dotted keys the pack sets (those settings are locked)."""

    file: str
    force_name: str
    force_code: str
    collector_url: str = ""
    ca_bundle: str = ""
    retention_days: Optional[int] = None
    incident_log_width: Optional[int] = None  # [incident_log] width: the C&C free-text field's width (0 = no wrap)
    incident_log_ascii: Optional[bool] = None  # [incident_log] ascii: ASCII characters only
    hours: dict[str, HoursAssumption] = field(default_factory=dict)
    baseline: Optional[Baseline] = None
    pathways: dict[str, Rollout] = field(default_factory=dict)
    supervisors: tuple[str, ...] = ()
    trainers: tuple[str, ...] = ()
    flows_folder: str = ""
    directory: Directory = field(default_factory=lambda: Directory(()))
    bank_holiday_region: str = "ENG"
    handler_secret: str = ""  # summary v2's pseudonymous handler key (figures branch); '' = no key sent
    keys: frozenset[str] = frozenset()

    def rollout(self, pathway: str) -> Rollout:
        """Phase and enabled flag of a pathway (entry triage: always on, phase 0)."""
        if pathway not in ROLLOUT_PATHWAYS:
            return Rollout(0, True)
        return self.pathways.get(pathway) or Rollout(TOOLKIT_PHASE_OF.get(pathway, 1), True)

    def enabled(self, pathway: str) -> bool:
        return self.rollout(pathway).enabled

    def locked_settings(self) -> dict[str, str]:
        """Store settings the pack sets, by setting name (the app shows them as set by the force)."""
        out = {"force_name": self.force_name, "force_code": self.force_code}
        if self.retention_days is not None:
            out["retention_days"] = str(self.retention_days)
        if self.incident_log_width is not None:
            out["incident_log_width"] = str(self.incident_log_width)
        if self.incident_log_ascii is not None:
            out["incident_log_ascii"] = "1" if self.incident_log_ascii else "0"
        for p, h in self.hours.items():
            out[f"hours_{p}"] = f"{h.hours:g}"
            out[f"hours_{p}_source"] = h.source
        if self.baseline is not None:  # the figures branch reads these settings (store/figures.py)
            out["baseline_source"] = self.baseline.source
            out["baseline_period"] = self.baseline.period
            for p in PATHWAYS:
                n = self.baseline.per_month.get(p)
                out[f"baseline_deployments_{p}"] = "" if n is None else str(n)
            out["baseline_deployment_rate"] = ("" if self.baseline.deployment_rate is None
                                               else f"{self.baseline.deployment_rate:g}")
        if self.handler_secret:
            out["summary_handler_secret"] = self.handler_secret
        return out
