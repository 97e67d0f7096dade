"""The partner directory: services, their numbers and opening hours, and what to offer at an outcome (pure)."""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from typing import Iterable, Mapping, Optional, Sequence

from . import vocab

def partner_codes() -> dict[str, str]:
    """The partner-code vocabulary (core.vocab.PARTNER_CODES): code -> the service's name."""
    return dict(vocab.PARTNER_CODES)


#: Outcomes where the person needs a mental-health crisis route now: with nothing open, NHS 111 option 2.
CRISIS_OUTCOMES = frozenset({"MH_CRISIS_LINE", "MH_PRACTITIONER", "CRISIS_TEAM", "AMHP_REFERRAL"})

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
TIME_RANGE_RE = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")
#: How far ahead "opens at" looks (a service closed for longer is shown as "not open in the next two weeks").
LOOKAHEAD_DAYS = 15


class HoursError(ValueError):
    """Opening hours that cannot be right (bad time, overlapping ranges)."""


def parse_range(text: str) -> tuple[int, int]:
    """'09:00-17:00' → (540, 1020) minutes. An end at or before the start runs past midnight ('20:00-02:00');
    '00:00-24:00' is the whole day. Raises HoursError naming the problem."""
    m = TIME_RANGE_RE.match(str(text))
    if not m:
        raise HoursError(f"'{text}' is not a time range like 09:00-17:00")
    h1, m1, h2, m2 = (int(g) for g in m.groups())
    if h1 > 23 or m1 > 59:
        raise HoursError(f"'{text}': {h1:02d}:{m1:02d} is not a time of day")
    if h2 > 24 or m2 > 59 or (h2 == 24 and m2 != 0):
        raise HoursError(f"'{text}': {h2:02d}:{m2:02d} is not a time of day (use 24:00 for midnight at the end)")
    start, end = h1 * 60 + m1, h2 * 60 + m2
    if start == end:
        raise HoursError(f"'{text}' opens and closes at the same minute")
    return start, end


def _day_spans(ranges: Sequence[tuple[int, int]]) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """(spans inside this day, spans spilling into the next day), in minutes."""
    today, tomorrow = [], []
    for s, e in ranges:
        if e > s:
            today.append((s, e))
        else:  # past midnight
            today.append((s, 1440))
            if e > 0:
                tomorrow.append((0, e))
    return today, tomorrow


def _overlaps(spans: list[tuple[int, int]]) -> Optional[tuple[tuple[int, int], tuple[int, int]]]:
    spans = sorted(spans)
    for a, b in zip(spans, spans[1:]):
        if b[0] < a[1]:
            return a, b
    return None


def _fmt(m: int) -> str:
    return f"{m // 60:02d}:{m % 60:02d}"


@dataclass(frozen=True)
class OpeningHours:
    """24/7, or time ranges per weekday; bank holidays closed, as normal, or their own ranges; local closures."""

    always: bool = False
    week: tuple[tuple[tuple[int, int], ...], ...] = ((),) * 7  # Monday first
    bank_holiday: Optional[tuple[tuple[int, int], ...]] = ()  # None: as a normal day
    closures: frozenset[_dt.date] = frozenset()

    @classmethod
    def build(cls, *, always: bool = False, week: Mapping[str, Sequence[str]] | None = None,
              bank_holiday: str | Sequence[str] = "closed", closures: Iterable[_dt.date] = ()) -> "OpeningHours":
        """Build and check: raises HoursError for a bad range or ranges that overlap (past midnight included)."""
        days: list[tuple[tuple[int, int], ...]] = []
        for name in WEEKDAYS:
            try:
                ranges = tuple(parse_range(r) for r in (week or {}).get(name, ()))
            except HoursError as exc:
                raise HoursError(f"{name}: {exc}") from None
            days.append(ranges)
        for i, name in enumerate(WEEKDAYS):
            own, _ = _day_spans(days[i])
            _, spill = _day_spans(days[i - 1])  # Monday gets Sunday's late spill
            hit = _overlaps(own + spill)
            if hit:
                a, b = hit
                raise HoursError(f"{name}: {_fmt(a[0])}-{_fmt(a[1])} and {_fmt(b[0])}-{_fmt(b[1])} overlap"
                                 + (" (with the previous day's hours past midnight)" if a in spill or b in spill
                                    else ""))
        bh: Optional[tuple[tuple[int, int], ...]]
        if isinstance(bank_holiday, str):
            if bank_holiday == "closed":
                bh = ()
            elif bank_holiday == "normal":
                bh = None
            else:
                raise HoursError(f"bank_holiday: '{bank_holiday}' must be \"closed\", \"normal\" or a list of ranges")
        else:
            try:
                bh = tuple(parse_range(r) for r in bank_holiday)
            except HoursError as exc:
                raise HoursError(f"bank_holiday: {exc}") from None
            hit = _overlaps(_day_spans(bh)[0])
            if hit:
                raise HoursError(f"bank_holiday: ranges {_fmt(hit[0][0])}-{_fmt(hit[0][1])} and "
                                 f"{_fmt(hit[1][0])}-{_fmt(hit[1][1])} overlap")
        if not always and not any(days) and not bh:
            raise HoursError("never open: give hours for at least one day, or \"24/7\"")
        return cls(always=always, week=tuple(days), bank_holiday=bh, closures=frozenset(closures))

    def ranges_on(self, day: _dt.date, bank_holidays: "BankHolidays") -> tuple[tuple[int, int], ...]:
        """The ranges that start on this calendar day."""
        if day in self.closures:
            return ()
        if bank_holidays.is_holiday(day) and self.bank_holiday is not None:
            return self.bank_holiday
        return self.week[day.weekday()]

    def spans(self, day: _dt.date, bank_holidays: "BankHolidays", tz: _dt.tzinfo) -> list[tuple[_dt.datetime, _dt.datetime]]:
        """Open spans starting on `day`, as local datetimes (a span past midnight ends the next day)."""
        out = []
        for s, e in self.ranges_on(day, bank_holidays):
            start = _dt.datetime.combine(day, _dt.time(s // 60, s % 60), tz)
            end_day = day if e > s else day + _dt.timedelta(days=1)
            end = (_dt.datetime.combine(end_day, _dt.time(0), tz) + _dt.timedelta(minutes=e))
            if end_day in self.closures and end_day != day:  # a local closure also cuts a span off at midnight
                end = _dt.datetime.combine(end_day, _dt.time(0), tz)
            if end > start:
                out.append((start, end))
        return out

    def describe(self) -> str:
        if self.always:
            return "24 hours, every day"
        parts = []
        for name, ranges in zip(WEEKDAYS, self.week):
            parts.append(f"{name.capitalize()} " + (", ".join(f"{_fmt(s)}-{_fmt(e)}" for s, e in ranges) or "closed"))
        bh = ("as normal" if self.bank_holiday is None else
              ", ".join(f"{_fmt(s)}-{_fmt(e)}" for s, e in self.bank_holiday) or "closed")
        return "; ".join(parts) + f"; bank holidays {bh}"


class BankHolidays:
    """UK bank holidays from the `holidays` package (offline), plus the pack's own local closure days."""

    def __init__(self, subdivision: str = "ENG", extra: Iterable[_dt.date] = ()):
        self.subdivision = subdivision
        self.extra = frozenset(extra)
        self._years: dict[int, frozenset[_dt.date]] = {}

    def _year(self, year: int) -> frozenset[_dt.date]:
        if year not in self._years:
            import holidays

            self._years[year] = frozenset(holidays.country_holidays("GB", subdiv=self.subdivision, years=year))
        return self._years[year]

    def is_holiday(self, day: _dt.date) -> bool:
        return day in self.extra or day in self._year(day.year)

    def load(self, year: int) -> None:
        """Work out `year`'s bank holidays now (the first look-up imports the calendar package: ~0.2 s)."""
        self._year(year)

    @property
    def loaded_years(self) -> frozenset[int]:
        return frozenset(self._years)

    def name(self, day: _dt.date) -> str:
        import holidays

        if day in self.extra:
            return "local closure day"
        return str(holidays.country_holidays("GB", subdiv=self.subdivision, years=day.year).get(day) or "")


# ----- phone numbers ---------------------------------------------------------------------------------
UK_SHORT = {"999", "112", "111", "101", "105", "119", "08001111"}


def normalise_phone(text: str) -> str:
    """A UK phone number as dialled ('01632 960123', '+44 1632 960123', '116 123') → digits, or ValueError."""
    raw = str(text).strip()
    if not re.fullmatch(r"\+?[0-9 ()\-]+", raw):
        raise ValueError(f"'{text}' has characters a phone number cannot have")
    digits = re.sub(r"[ ()\-]", "", raw)
    if digits.startswith("+44"):
        digits = "0" + digits[3:].lstrip("0")
    elif digits.startswith("+"):
        raise ValueError(f"'{text}' is not a UK number (+44)")
    if digits in UK_SHORT or re.fullmatch(r"116\d{3}", digits):
        return digits
    if not digits.startswith("0"):
        raise ValueError(f"'{text}' is not a UK number: it should start with 0, +44, or be 999/111/101/116xxx")
    n = len(digits)
    if digits[1] in "12" and n in (10, 11):
        return digits
    if digits[:4] in ("0800", "0808") and n in (10, 11):
        return digits
    if digits[1] in "35789" and n == 11:
        return digits
    raise ValueError(f"'{text}' is not a valid UK number ({n} digits)")


def format_phone(digits: str) -> str:
    """Digits → the usual written form ('01632 960123', '0800 123 4567', '116 123')."""
    d = digits
    if len(d) == 6 and d.startswith("116"):
        return f"{d[:3]} {d[3:]}"
    if len(d) != 11:
        return d
    if d.startswith(("02",)):
        return f"{d[:3]} {d[3:7]} {d[7:]}"
    if d.startswith(("03", "08", "09")):
        return f"{d[:4]} {d[4:7]} {d[7:]}"
    if d.startswith("07"):
        return f"{d[:5]} {d[5:]}"
    return f"{d[:5]} {d[5:]}"


@dataclass(frozen=True)
class Phone:
    digits: str
    label: str = ""
    label_cy: str = ""  # the label in Welsh where known (the built-in NHS 111 entry; a pack's label = { en, cy });
    # the record keeps the English

    def __str__(self) -> str:
        return format_phone(self.digits) + (f" ({self.label})" if self.label else "")

    def text_in(self, lang: str) -> str:
        """The number with its label in a language (the English label where there is none in it)."""
        label = (self.label_cy or self.label) if lang == "cy" else self.label
        return format_phone(self.digits) + (f" ({label})" if label else "")


@dataclass(frozen=True)
class PartnerEntry:
    """One service in the directory."""

    code: str
    name: str
    outcomes: tuple[str, ...]
    pathways: tuple[str, ...]  # empty: every pathway
    phones: tuple[Phone, ...]
    hours: OpeningHours
    area: str = ""
    notes: str = ""
    name_cy: str = ""  # the service's Welsh name, if the pack gives one (name = { en = "...", cy = "..." })
    notes_cy: str = ""

    def name_in(self, lang: str) -> str:
        """The service's name in a language (its English name where the pack gives none)."""
        return (self.name_cy or self.name) if lang == "cy" else self.name

    def notes_in(self, lang: str) -> str:
        return (self.notes_cy or self.notes) if lang == "cy" else self.notes

    def fits(self, outcome_code: str, pathway: str) -> bool:
        return outcome_code in self.outcomes and (not self.pathways or pathway in self.pathways)

    def to_dict(self) -> dict[str, object]:
        return {"code": self.code, "name": self.name, "phones": [str(p) for p in self.phones],
                "area": self.area, "notes": self.notes}


#: Used when a crisis outcome finds no open service (and the directory has no open nhs_111_mh entry).
NHS_111_OPTION_2 = PartnerEntry(
    code="nhs_111_mh", name="NHS 111, option 2 (mental-health crisis line)", outcomes=tuple(CRISIS_OUTCOMES),
    pathways=(), phones=(Phone("111", "then option 2", label_cy="a phwyso 2"),), hours=OpeningHours(always=True),
    notes="Open 24 hours, every day, across England.",
    name_cy="GIG 111, pwyso 2 (llinell argyfwng iechyd meddwl)", notes_cy="Ar agor 24 awr, bob dydd, ledled Lloegr.")


@dataclass(frozen=True)
class ServiceState:
    """A service at a moment: open (until when) or closed (opening when)."""

    entry: PartnerEntry
    open: bool
    closes_at: Optional[_dt.datetime] = None
    opens_at: Optional[_dt.datetime] = None
    why_closed: str = ""  # 'bank holiday: Christmas Day', 'local closure', ''

    def when_words(self, now: _dt.datetime) -> str:
        """'open until 17:00', 'open 24 hours', 'closed: opens Mon 09:00', 'closed: not open in the next two weeks'."""
        if self.open:
            if self.entry.hours.always or self.closes_at is None:
                return "open 24 hours"
            return f"open until {_when(self.closes_at, now)}"
        why = f" ({self.why_closed})" if self.why_closed else ""
        if self.opens_at is None:
            return f"closed{why}: not open in the next two weeks"
        return f"closed{why}: opens {_when(self.opens_at, now)}"


def _when(t: _dt.datetime, now: _dt.datetime) -> str:
    if t.date() == now.date():
        return t.strftime("%H:%M")
    if t.date() == now.date() + _dt.timedelta(days=1):
        return "tomorrow " + t.strftime("%H:%M")
    return t.strftime("%a %d %b %H:%M")


@dataclass(frozen=True)
class PartnerOffer:
    """What the outcome screen offers: services open now, closed ones with when they open, and any fallback."""

    outcome_code: str
    pathway: str
    at: _dt.datetime
    open: tuple[ServiceState, ...] = ()
    closed: tuple[ServiceState, ...] = ()
    fallback: Optional[ServiceState] = None
    fallback_reason: str = ""
    alternative: Optional[ServiceState] = None  # nothing open, not a crisis: the one that opens soonest

    @property
    def offered(self) -> tuple[ServiceState, ...]:
        """The services put to the caller: open ones, else the fallback."""
        return self.open + ((self.fallback,) if self.fallback else ())

    def codes(self) -> list[str]:
        """Partner codes offered (for the record's partners_json): no names, no numbers."""
        out: list[str] = []
        for s in self.offered:
            if s.entry.code not in out:
                out.append(s.entry.code)
        return out

    def text_lines(self) -> list[str]:
        """Plain-text lines for the incident log."""
        lines = [f"  - {s.entry.name}: {', '.join(str(p) for p in s.entry.phones)} ({s.when_words(self.at)})"
                 for s in self.offered]
        if self.fallback_reason:
            lines.append(f"  ({self.fallback_reason})")
        lines += [f"  - not offered, {s.when_words(self.at)}: {s.entry.name}" for s in self.closed]
        return lines or ["  - none for this outcome"]


class Directory:
    """The force's partner directory, with its bank-holiday calendar and local time zone."""

    def __init__(self, entries: Sequence[PartnerEntry], *, bank_holidays: Optional[BankHolidays] = None,
                 tz: Optional[_dt.tzinfo] = None):
        self.entries = tuple(entries)
        self.bank_holidays = bank_holidays or BankHolidays()
        self._tz = tz

    @property
    def tz(self) -> _dt.tzinfo:
        """The local time zone (Europe/London unless given), read on first use: the app's start reads no zone data."""
        if self._tz is None:
            self._tz = london()
        return self._tz

    def codes(self) -> set[str]:
        return {e.code for e in self.entries}

    def state(self, entry: PartnerEntry, at: _dt.datetime) -> ServiceState:
        """Open or closed at `at` (any aware datetime; compared in the directory's local time)."""
        now = at.astimezone(self.tz)
        day = now.date()
        if entry.hours.always:
            if day in entry.hours.closures:
                nxt = _dt.datetime.combine(day + _dt.timedelta(days=1), _dt.time(0), self.tz)
                while nxt.date() in entry.hours.closures:
                    nxt += _dt.timedelta(days=1)
                return ServiceState(entry, False, opens_at=nxt, why_closed="local closure")
            return ServiceState(entry, True)
        spans: list[tuple[_dt.datetime, _dt.datetime]] = []
        for i in range(-1, LOOKAHEAD_DAYS):
            spans += entry.hours.spans(day + _dt.timedelta(days=i), self.bank_holidays, self.tz)
        spans.sort()
        merged: list[list[_dt.datetime]] = []
        for s, e in spans:
            if merged and s <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], e)
            else:
                merged.append([s, e])
        for s, e in merged:
            if s <= now < e:
                return ServiceState(entry, True, closes_at=e)
        opens = next((s for s, _ in merged if s > now), None)
        why = ""
        if day in entry.hours.closures:
            why = "local closure"
        elif self.bank_holidays.is_holiday(day) and entry.hours.bank_holiday is not None:
            why = f"bank holiday: {self.bank_holidays.name(day)}"
        return ServiceState(entry, False, opens_at=opens, why_closed=why)

    def offer(self, outcome_code: str, pathway: str, at: _dt.datetime, *,
              codes: Sequence[str] = ()) -> PartnerOffer:
        """Services that fit the outcome code and pathway (or are named by code in the flow's outcome)."""
        fits = [e for e in self.entries if e.fits(outcome_code, pathway)
                or (e.code in codes and (not e.pathways or pathway in e.pathways))]
        states = [self.state(e, at) for e in fits]
        open_ = tuple(s for s in states if s.open)
        closed = tuple(sorted((s for s in states if not s.open),
                              key=lambda s: (s.opens_at is None, s.opens_at or at)))
        fallback, reason, alternative = None, "", None
        if not open_ and outcome_code in CRISIS_OUTCOMES:
            own = [self.state(e, at) for e in self.entries if e.code == "nhs_111_mh"]
            fallback = next((s for s in own if s.open), None) or ServiceState(NHS_111_OPTION_2, True)
            reason = ("No local service for this outcome is open now: offer NHS 111 option 2, the 24-hour "
                      "mental-health crisis line.") if fits else (
                      "The directory has no local service for this outcome: offer NHS 111 option 2, the 24-hour "
                      "mental-health crisis line.")
        elif not open_ and closed:
            alternative = closed[0] if closed[0].opens_at is not None else None
        return PartnerOffer(outcome_code, pathway, at.astimezone(self.tz), open_, closed, fallback, reason,
                            alternative)


def london() -> _dt.tzinfo:
    """Europe/London (zoneinfo; the tzdata package provides it on Windows)."""
    from zoneinfo import ZoneInfo

    return ZoneInfo("Europe/London")
