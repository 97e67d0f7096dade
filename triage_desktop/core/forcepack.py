"""The force configuration pack: one TOML file, checked here (pure) into a ForcePack, or problems naming key and line."""
from __future__ import annotations

import datetime as _dt
import re
import tomllib
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping, Optional

from .partners import (
    BankHolidays,
    Directory,
    HoursError,
    OpeningHours,
    PartnerEntry,
    Phone,
    WEEKDAYS,
    normalise_phone,
    partner_codes,
)
from .tomlpos import KeyPath, dotted, key_lines, line_of
from .vocab import OUTCOME_CODES, PATHWAYS

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
FORCE_CODE_RE = re.compile(r"^[A-Z0-9]{2,8}$")
STAFF_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$")


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


class _Checker:
    def __init__(self, file: str, text: str):
        self.file = file
        self._source = text
        self._lines: Optional[dict[KeyPath, int]] = None  # each key's line, worked out at the first problem
        self.problems: list[PackProblem] = []

    @property
    def lines(self) -> dict[KeyPath, int]:
        if self._lines is None:
            self._lines = key_lines(self._source)
        return self._lines

    def bad(self, path: KeyPath, reason: str) -> None:
        self.problems.append(PackProblem(self.file, dotted(path), line_of(self.lines, path), reason))

    def table(self, data: Any, path: KeyPath, known: Mapping[str, str], *, required: tuple[str, ...] = ()) -> dict:
        if not isinstance(data, dict):
            self.bad(path, "must be a table")
            return {}
        for k in data:
            if k not in known:
                self.bad(path + (k,), f"unknown key '{k}' (known here: {', '.join(known)})")
        for k in required:
            if k not in data:
                self.bad(path, f"missing '{k}' ({known[k]})")
        return data

    def text(self, data: dict, path: KeyPath, key: str, *, required: bool = False) -> str:
        v = data.get(key)
        if v is None:
            return ""
        if not isinstance(v, str):
            self.bad(path + (key,), "must be text (in quotes)")
            return ""
        if required and not v.strip():
            self.bad(path + (key,), "must not be empty")
        return v.strip()

    def number(self, data: dict, path: KeyPath, key: str, lo: float, hi: float, *, integer: bool) -> Optional[float]:
        v = data.get(key)
        if v is None:
            return None
        ok_type = isinstance(v, int) if integer else isinstance(v, (int, float))
        if isinstance(v, bool) or not ok_type:
            self.bad(path + (key,), f"must be {'a whole number' if integer else 'a number'}")
            return None
        if not lo <= v <= hi:
            self.bad(path + (key,), f"{v} is out of range ({lo:g} to {hi:g})")
            return None
        return v

    def str_list(self, data: dict, path: KeyPath, key: str, check: Optional[Callable[[str], Optional[str]]] = None
                 ) -> list[str]:
        v = data.get(key)
        if v is None:
            return []
        if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
            self.bad(path + (key,), "must be a list of text values")
            return []
        out = []
        for i, x in enumerate(v):
            why = check(x) if check else None
            if why:
                self.bad(path + (key, i), why)
            else:
                out.append(x)
        return out

    def date(self, v: Any, path: KeyPath) -> Optional[_dt.date]:
        if isinstance(v, _dt.datetime):
            self.bad(path, "must be a date (YYYY-MM-DD), not a date and time")
            return None
        if isinstance(v, _dt.date):
            return v
        if isinstance(v, str):
            try:
                return _dt.date.fromisoformat(v)
            except ValueError:
                pass
        self.bad(path, f"'{v}' is not a date (YYYY-MM-DD)")
        return None


SECTIONS = {
    "force": "the force's name and code",
    "collector": "where summaries are sent",
    "retention": "how long personal details are kept",
    "incident_log": "how the incident-log block is laid out for the C&C free-text field (width, ascii)",
    "hours": "officer hours released per avoided deployment, by pathway, with sources",
    "baseline": "pre-RCRP deployments per month, by pathway, with its source",
    "pathways": "which pathways run under RCRP, and their phase",
    "roles": "staff ids that may act as supervisor or trainer",
    "flows": "a folder of the force's own reviewed flows",
    "directory": "bank-holiday calendar and local closure days for the partner directory",
    "partners": "the partner directory entries ([[partners]])",
    "summary": "what the anonymised summaries carry (handler_secret)",
}
PARTNER_KEYS = {"code": "partner code", "name": "service name", "outcomes": "outcome codes it serves",
                "pathways": "pathways it serves (all if left out)", "phones": "phone numbers",
                "hours": "\"24/7\" or opening hours per weekday", "area": "area served",
                "notes": "notes for the handler"}
HOURS_KEYS = {**{d: f"{d} opening ranges" for d in WEEKDAYS},
              "bank_holiday": "\"closed\", \"normal\" or ranges", "closures": "dates the service is closed"}


def _check_staff(x: str) -> Optional[str]:
    return None if STAFF_ID_RE.match(x) else f"'{x}' is not a staff id (letters, digits, . _ -; up to 32)"


def _partner(c: _Checker, d: Any, path: KeyPath, codes: Mapping[str, str],
             local_holidays: frozenset[_dt.date]) -> Optional[PartnerEntry]:
    before = len(c.problems)
    d = c.table(d, path, PARTNER_KEYS, required=("code", "name", "outcomes", "phones", "hours"))
    code = c.text(d, path, "code", required=True)
    if code and code not in codes:
        c.bad(path + ("code",), f"unknown partner code '{code}' (known: {', '.join(codes)})")
    name = c.text(d, path, "name", required=True)

    def outcome(x: str) -> Optional[str]:
        return None if x in OUTCOME_CODES else f"unknown outcome code '{x}'"

    def pathway(x: str) -> Optional[str]:
        return None if x in PATHWAYS else f"unknown pathway '{x}' (known: {', '.join(PATHWAYS)})"

    outcomes = c.str_list(d, path, "outcomes", outcome)
    if "outcomes" in d and not d["outcomes"]:
        c.bad(path + ("outcomes",), "list at least one outcome code this service is for")
    pathways = c.str_list(d, path, "pathways", pathway)
    phones: list[Phone] = []
    raw_phones = d.get("phones", [])
    if not isinstance(raw_phones, list) or ("phones" in d and not raw_phones):
        c.bad(path + ("phones",), "must be a list of at least one phone number")
        raw_phones = []
    for i, p in enumerate(raw_phones):
        number, label = (p, "") if isinstance(p, str) else (
            (p.get("number"), p.get("label", "")) if isinstance(p, dict) else (None, ""))
        if isinstance(p, dict):
            c.table(p, path + ("phones", i), {"number": "the number", "label": "e.g. 'option 2', 'out of hours'"},
                    required=("number",))
        if not isinstance(number, str) or not isinstance(label, str):
            c.bad(path + ("phones", i), "a phone is \"01632 960123\" or { number = \"...\", label = \"...\" }")
            continue
        try:
            phones.append(Phone(normalise_phone(number), label.strip()))
        except ValueError as exc:
            c.bad(path + ("phones", i), f"malformed phone number: {exc}")
    hours = _hours(c, d.get("hours"), path + ("hours",)) if "hours" in d else None
    if len(c.problems) > before or hours is None:
        return None
    return PartnerEntry(code=code, name=name, outcomes=tuple(outcomes), pathways=tuple(pathways),
                        phones=tuple(phones), hours=hours, area=c.text(d, path, "area"), notes=c.text(d, path, "notes"))


def _hours(c: _Checker, v: Any, path: KeyPath) -> Optional[OpeningHours]:
    if isinstance(v, str):
        if v.strip().lower() in ("24/7", "24x7"):
            return OpeningHours(always=True)
        c.bad(path, f"'{v}': use \"24/7\" or a table of opening ranges per weekday")
        return None
    before = len(c.problems)
    d = c.table(v, path, HOURS_KEYS)
    week: dict[str, list[str]] = {}
    for day in WEEKDAYS:
        week[day] = c.str_list(d, path, day)
    closures = []
    raw = d.get("closures", [])
    if not isinstance(raw, list):
        c.bad(path + ("closures",), "must be a list of dates")
        raw = []
    for i, x in enumerate(raw):
        got = c.date(x, path + ("closures", i))
        if got:
            closures.append(got)
    bh = d.get("bank_holiday", "closed")
    if not (isinstance(bh, str) or (isinstance(bh, list) and all(isinstance(x, str) for x in bh))):
        c.bad(path + ("bank_holiday",), "must be \"closed\", \"normal\" or a list of ranges")
        return None
    if len(c.problems) > before:
        return None
    try:
        return OpeningHours.build(week=week, bank_holiday=bh, closures=closures)
    except HoursError as exc:
        msg = str(exc)
        day = msg.split(":", 1)[0]
        c.bad(path + ((day,) if day in WEEKDAYS or day == "bank_holiday" else ()),
              f"impossible or overlapping hours: {msg}")
        return None


def check_pack_data(data: Mapping[str, Any], *, file: str, text: str) -> tuple[Optional[ForcePack], list[PackProblem]]:
    """Check a parsed pack; returns (pack or None, problems)."""
    c = _Checker(file, text)
    root = c.table(dict(data), (), SECTIONS, required=("force",))
    force = c.table(root.get("force", {}), ("force",), {"name": "the force's name", "code": "2-8 capitals/digits"},
                    required=("name", "code"))
    name = c.text(force, ("force",), "name", required=True)
    code = c.text(force, ("force",), "code", required=True)
    if code and not FORCE_CODE_RE.match(code):
        c.bad(("force", "code"), f"'{code}' must be 2 to 8 capital letters or digits")
    coll = c.table(root.get("collector", {}), ("collector",), {"url": "https:// address of the collector",
                                                              "ca_bundle": "CA bundle file (PEM)"})
    url = c.text(coll, ("collector",), "url")
    if url and not re.match(r"^https?://[^\s/]+", url):
        c.bad(("collector", "url"), f"'{url}' is not an http(s) address")
    ret = c.table(root.get("retention", {}), ("retention",), {"days": "1-3650"})
    days = c.number(ret, ("retention",), "days", 1, 3650, integer=True)
    il = c.table(root.get("incident_log", {}), ("incident_log",),
                 {"width": "0 (no wrapping) or 40-200 characters", "ascii": "true or false"})
    il_width = c.number(il, ("incident_log",), "width", 0, 200, integer=True)
    if il_width is not None and 0 < il_width < 40:
        c.bad(("incident_log", "width"), f"{int(il_width)} is too narrow: use 0 (no wrapping) or 40-200")
        il_width = None
    il_ascii = il.get("ascii")
    if il_ascii is not None and not isinstance(il_ascii, bool):
        c.bad(("incident_log", "ascii"), f"'{il_ascii}' must be true or false")
        il_ascii = None
    hours: dict[str, HoursAssumption] = {}
    hrs = c.table(root.get("hours", {}), ("hours",), {p: f"{t}: {{ hours, source }}" for p, t in PATHWAYS.items()})
    for p, v in hrs.items():
        if p not in PATHWAYS:
            continue
        sub = c.table(v, ("hours", p), {"hours": "0-48", "source": "where the figure comes from"},
                      required=("hours", "source"))
        h = c.number(sub, ("hours", p), "hours", 0, 48, integer=False)
        src = c.text(sub, ("hours", p), "source", required=True)
        if h is not None and src:
            hours[p] = HoursAssumption(float(h), src)
    baseline = None
    if "baseline" in root:
        b = c.table(root["baseline"], ("baseline",), {"source": "where the figures come from",
                                                     "period": "e.g. 2024-04 to 2025-03",
                                                     "per_month": "deployments per month by pathway",
                                                     "deployment_rate": "% of calls police attended (0-100)"},
                    required=("source", "per_month"))
        src = c.text(b, ("baseline",), "source", required=True)
        pm = c.table(b.get("per_month", {}), ("baseline", "per_month"), dict(PATHWAYS))
        per_month = {}
        for p in pm:
            if p in PATHWAYS:
                n = c.number(pm, ("baseline", "per_month"), p, 0, 10_000_000, integer=True)
                if n is not None:
                    per_month[p] = int(n)
        rate = c.number(b, ("baseline",), "deployment_rate", 0, 100, integer=False)
        baseline = Baseline(src, c.text(b, ("baseline",), "period"), per_month,
                            float(rate) if rate is not None else None)
    pathways: dict[str, Rollout] = {}
    if "pathways" in root:
        pw = c.table(root["pathways"], ("pathways",), {p: PATHWAYS[p] for p in ROLLOUT_PATHWAYS},
                     required=ROLLOUT_PATHWAYS)
        for p in ROLLOUT_PATHWAYS:
            if p not in pw:
                continue
            sub = c.table(pw[p], ("pathways", p), {"phase": "RCRP toolkit phase 1-4", "enabled": "true or false"},
                          required=("phase", "enabled"))
            ph = c.number(sub, ("pathways", p), "phase", 1, 4, integer=True)
            en = sub.get("enabled")
            if "enabled" in sub and not isinstance(en, bool):
                c.bad(("pathways", p, "enabled"), "must be true or false")
            if ph is not None and isinstance(en, bool):
                pathways[p] = Rollout(int(ph), en)
    roles = c.table(root.get("roles", {}), ("roles",), {"supervisors": "staff ids", "trainers": "staff ids"})
    sups = c.str_list(roles, ("roles",), "supervisors", _check_staff)
    trainers = c.str_list(roles, ("roles",), "trainers", _check_staff)
    fl = c.table(root.get("flows", {}), ("flows",), {"folder": "folder of the force's flows (relative to the pack)"})
    folder = c.text(fl, ("flows",), "folder")
    dr = c.table(root.get("directory", {}), ("directory",),
                 {"bank_holidays": "ENG, WLS, SCT or NIR", "local_closures": "extra days treated as bank holidays"})
    region = c.text(dr, ("directory",), "bank_holidays") or "ENG"
    if region not in BANK_HOLIDAY_REGIONS:
        c.bad(("directory", "bank_holidays"), f"'{region}' must be one of {', '.join(BANK_HOLIDAY_REGIONS)}")
        region = "ENG"
    local: list[_dt.date] = []
    raw_local = dr.get("local_closures", [])
    if not isinstance(raw_local, list):
        c.bad(("directory", "local_closures"), "must be a list of dates")
        raw_local = []
    for i, x in enumerate(raw_local):
        got = c.date(x, ("directory", "local_closures", i))
        if got:
            local.append(got)
    summ = c.table(root.get("summary", {}), ("summary",),
                   {"handler_secret": "force secret (16+ characters) for summary v2's pseudonymous handler key"})
    secret = c.text(summ, ("summary",), "handler_secret")
    if secret and len(secret) < 16:
        c.bad(("summary", "handler_secret"), "must be at least 16 characters")
    entries = []
    raw_partners = root.get("partners", [])
    if not isinstance(raw_partners, list):
        c.bad(("partners",), "write each entry as a [[partners]] table")
        raw_partners = []
    codes = partner_codes()
    for i, d in enumerate(raw_partners):
        e = _partner(c, d, ("partners", i), codes, frozenset(local))
        if e is not None:
            entries.append(e)
    if c.problems:
        return None, c.problems
    keys = frozenset(dotted(k) for k in c.lines)
    directory = Directory(entries, bank_holidays=BankHolidays(region, local))
    return ForcePack(file=file, force_name=name, force_code=code, collector_url=url,
                     ca_bundle=c.text(coll, ("collector",), "ca_bundle"),
                     retention_days=int(days) if days is not None else None,
                     incident_log_width=int(il_width) if il_width is not None else None,
                     incident_log_ascii=il_ascii, hours=hours, baseline=baseline,
                     pathways=pathways, supervisors=tuple(sups), trainers=tuple(trainers), flows_folder=folder,
                     directory=directory, bank_holiday_region=region, handler_secret=secret, keys=keys), []


TOML_LINE_RE = re.compile(r"\(at line (\d+), column (\d+)\)")


def parse_pack_text(text: str, *, file: str) -> tuple[Optional[ForcePack], list[PackProblem]]:
    """Parse TOML text and check it."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        msg = str(exc)
        m = TOML_LINE_RE.search(msg)
        return None, [PackProblem(file, "", int(m.group(1)) if m else 0,
                                  "TOML syntax error: " + TOML_LINE_RE.sub("", msg).strip())]
    return check_pack_data(data, file=file, text=text)


def referenced_partner_codes(flows: Any) -> dict[str, list[str]]:
    """Partner codes the flows name (outcome `partners` with a `code`, and `add_partners`): code → ['flow:node'].

    Read from each flow's raw YAML, so it works whether or not the flow model has partner codes yet.
    """
    out: dict[str, list[str]] = {}
    vocabulary = partner_codes()

    def add(code: Any, where: str) -> None:
        if isinstance(code, str) and code:
            out.setdefault(code, [])
            if where not in out[code]:
                out[code].append(where)

    def walk(obj: Any, where: str) -> None:
        if isinstance(obj, dict):
            for p in obj.get("partners", []) or [] if isinstance(obj.get("partners"), list) else []:
                if isinstance(p, dict):
                    add(p.get("code"), where)
                elif isinstance(p, str) and p in vocabulary:  # flow format v2: a plain code
                    add(p, where)
            for p in obj.get("add_partners", []) or [] if isinstance(obj.get("add_partners"), list) else []:
                add(p.get("code") if isinstance(p, dict) else p, where)
            for v in obj.values():
                if isinstance(v, (dict, list)):
                    walk(v, where)
        elif isinstance(obj, list):
            for v in obj:
                walk(v, where)

    for flow in flows:
        for nid, node in ((flow.raw or {}).get("nodes") or {}).items():
            walk(node, f"{flow.id}:{nid}")
    return out
