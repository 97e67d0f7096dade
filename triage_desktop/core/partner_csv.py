"""A partner directory from CSV (a supervisor's import), checked by the same rules as the pack's [[partners]]."""
from __future__ import annotations

import csv
import io
from typing import Any, Optional

from .packcheck import PackChecker, check_partner
from .packmodel import PackProblem
from .partners import WEEKDAYS, BankHolidays, Directory, partner_codes

COLUMNS = ("code", "name", "outcomes", "pathways", "phones", "hours", "bank_holiday", "closures", "area", "notes")
EXAMPLE_ROW = ('street_triage,Anyshire Street Triage,CRISIS_TEAM;MH_PRACTITIONER,welfare;crisis,'
               '07700 900201|car,"mon 16:00-02:00; tue 16:00-02:00",closed,2026-12-24,Anyton,Evenings only')


def _list(v: str) -> list[str]:
    return [x.strip() for x in (v or "").split(";") if x.strip()]


def _row_to_table(row: dict[str, str]) -> dict[str, Any]:
    d: dict[str, Any] = {}
    for k in ("code", "name", "area", "notes"):
        if (row.get(k) or "").strip():
            d[k] = row[k].strip()
    d["outcomes"] = _list(row.get("outcomes", ""))
    if _list(row.get("pathways", "")):
        d["pathways"] = _list(row.get("pathways", ""))
    phones: list[Any] = []
    for p in _list(row.get("phones", "")):
        number, _, label = p.partition("|")
        phones.append({"number": number.strip(), "label": label.strip()} if label else number.strip())
    d["phones"] = phones
    hours = (row.get("hours") or "").strip()
    if hours.lower() in ("24/7", "24x7"):
        d["hours"] = "24/7"
    else:
        table: dict[str, Any] = {}
        for part in _list(hours):
            day, _, ranges = part.partition(" ")
            day = day.strip().lower()[:3]
            table.setdefault(day if day in WEEKDAYS else part, []).extend(
                r.strip() for r in ranges.split(",") if r.strip())
        bh = (row.get("bank_holiday") or "closed").strip()
        table["bank_holiday"] = bh if bh in ("closed", "normal") else [r.strip() for r in bh.split(",") if r.strip()]
        if _list(row.get("closures", "")):
            table["closures"] = _list(row.get("closures", ""))
        d["hours"] = table
    return d


def parse_directory_csv(text: str, *, file: str, region: str = "ENG") -> tuple[Optional[Directory], list[PackProblem]]:
    """Rows → Directory, or problems naming the CSV line and column."""
    problems: list[PackProblem] = []
    reader = csv.DictReader(io.StringIO(text))
    head = [h.strip() for h in (reader.fieldnames or [])]
    missing = [c for c in ("code", "name", "outcomes", "phones", "hours") if c not in head]
    unknown = [c for c in head if c not in COLUMNS]
    if missing or unknown:
        why = (f"missing columns {', '.join(missing)}" if missing else "") + \
              ("; " if missing and unknown else "") + (f"unknown columns {', '.join(unknown)}" if unknown else "")
        return None, [PackProblem(file, "", 1, f"{why} (columns: {', '.join(COLUMNS)})")]
    entries = []
    codes = partner_codes()
    for row in reader:
        line = reader.line_num
        c = PackChecker(file, "")
        table = _row_to_table({k.strip(): v for k, v in row.items() if k})
        e = check_partner(c, table, ("row",), codes)
        for p in c.problems:
            problems.append(PackProblem(file, p.key.replace("row.", "", 1).replace("row", ""), line, p.reason))
        if e is not None:
            entries.append(e)
    if not entries and not problems:
        problems.append(PackProblem(file, "", 1, "no entries"))
    if problems:
        return None, problems
    return Directory(entries, bank_holidays=BankHolidays(region)), []
