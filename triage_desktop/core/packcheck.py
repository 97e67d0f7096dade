"""Checking a parsed force pack (pure): every section, key and partner entry, each problem naming key and line."""
from __future__ import annotations

import datetime as _dt
import re
from typing import Any, Callable, Mapping, Optional

from .packmodel import (BANK_HOLIDAY_REGIONS, ROLLOUT_PATHWAYS, Baseline, ForcePack, HoursAssumption, PackProblem,
                        Rollout)
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

FORCE_CODE_RE = re.compile(r"^[A-Z0-9]{2,8}$")
STAFF_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$")


class PackChecker:
    """Collects the problems of one pack file, each with its dotted key and line."""

    def __init__(self, file: str, text: str):
        self.file = file
        self.lines = key_lines(text)
        self.problems: list[PackProblem] = []

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

    def lang_text(self, data: dict, path: KeyPath, key: str, *, required: bool = False) -> tuple[str, str]:
        """Text in English, or English and Welsh as { en = "...", cy = "..." }: (English, Welsh or "")."""
        v = data.get(key)
        if not isinstance(v, dict):
            return self.text(data, path, key, required=required), ""
        self.table(v, path + (key,), {"en": "the English (required)", "cy": "the Welsh"}, required=("en",))
        en = self.text(v, path + (key,), "en", required=True)
        return en, self.text(v, path + (key,), "cy")

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
PARTNER_KEYS = {"code": "partner code", "name": "service name (or { en = \"...\", cy = \"...\" })",
                "outcomes": "outcome codes it serves",
                "pathways": "pathways it serves (all if left out)", "phones": "phone numbers",
                "hours": "\"24/7\" or opening hours per weekday", "area": "area served",
                "notes": "notes for the handler (or { en = \"...\", cy = \"...\" })"}
HOURS_KEYS = {**{d: f"{d} opening ranges" for d in WEEKDAYS},
              "bank_holiday": "\"closed\", \"normal\" or ranges", "closures": "dates the service is closed"}


def _check_staff(x: str) -> Optional[str]:
    return None if STAFF_ID_RE.match(x) else f"'{x}' is not a staff id (letters, digits, . _ -; up to 32)"


def check_partner(c: PackChecker, d: Any, path: KeyPath, codes: Mapping[str, str]) -> Optional[PartnerEntry]:
    """One [[partners]] entry (or a CSV row as a table) checked; None when it has a problem (recorded in `c`)."""
    before = len(c.problems)
    d = c.table(d, path, PARTNER_KEYS, required=("code", "name", "outcomes", "phones", "hours"))
    code = c.text(d, path, "code", required=True)
    if code and code not in codes:
        c.bad(path + ("code",), f"unknown partner code '{code}' (known: {', '.join(codes)})")
    name, name_cy = c.lang_text(d, path, "name", required=True)
    notes, notes_cy = c.lang_text(d, path, "notes")

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
        number, label, label_cy = (p, "", "") if isinstance(p, str) else (None, "", "")
        if isinstance(p, dict):
            c.table(p, path + ("phones", i), {"number": "the number", "label": "e.g. 'option 2', 'out of hours', or "
                                              "{ en = \"...\", cy = \"...\" } (English and Welsh)"},
                    required=("number",))
            number = p.get("number")
            label, label_cy = c.lang_text(p, path + ("phones", i), "label")  # its own line-numbered problems
        if not isinstance(number, str):
            c.bad(path + ("phones", i), "a phone is \"01632 960123\" or { number = \"...\", label = \"...\" }")
            continue
        try:
            phones.append(Phone(normalise_phone(number), label, label_cy=label_cy))
        except ValueError as exc:
            c.bad(path + ("phones", i), f"malformed phone number: {exc}")
    hours = _hours(c, d.get("hours"), path + ("hours",)) if "hours" in d else None
    if len(c.problems) > before or hours is None:
        return None
    return PartnerEntry(code=code, name=name, outcomes=tuple(outcomes), pathways=tuple(pathways),
                        phones=tuple(phones), hours=hours, area=c.text(d, path, "area"), notes=notes,
                        name_cy=name_cy, notes_cy=notes_cy)


def _hours(c: PackChecker, v: Any, path: KeyPath) -> Optional[OpeningHours]:
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
    c = PackChecker(file, text)
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
        e = check_partner(c, d, ("partners", i), codes)
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
