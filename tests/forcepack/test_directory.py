"""The partner directory across a week of opening hours, a bank holiday, a local closure and the closing minute."""
from __future__ import annotations

import datetime as dt

import pytest

from triage_desktop.core.partner_csv import EXAMPLE_ROW, COLUMNS, parse_directory_csv
from triage_desktop.core.partners import (
    BankHolidays,
    Directory,
    OpeningHours,
    PartnerEntry,
    Phone,
    format_phone,
    london,
    normalise_phone,
)
from triage_desktop.packs import load_pack

from pack_support import EXAMPLE

TZ = london()


def at(y, m, d, hh, mm=0):
    return dt.datetime(y, m, d, hh, mm, tzinfo=TZ)


def entry(code="amhp_service", **hours) -> PartnerEntry:
    bh = hours.pop("bank_holiday", "closed")
    closures = hours.pop("closures", ())
    return PartnerEntry(code=code, name=code.replace("_", " ").title(), outcomes=("CRISIS_TEAM",), pathways=(),
                        phones=(Phone("01632960300"),),
                        hours=OpeningHours.build(week=hours, bank_holiday=bh, closures=closures))


OFFICE = dict(mon=["09:00-17:00"], tue=["09:00-17:00"], wed=["09:00-17:00"], thu=["09:00-17:00"],
              fri=["09:00-16:30"])
EVENINGS = dict(mon=["16:00-02:00"], tue=["16:00-02:00"], wed=["16:00-02:00"], thu=["16:00-02:00"],
                fri=["16:00-03:00"], sat=["16:00-03:00"])


@pytest.fixture
def directory():
    return Directory([entry("amhp_service", **OFFICE), entry("street_triage", **EVENINGS)],
                     bank_holidays=BankHolidays("ENG"))


def test_a_week_hour_by_hour_matches_the_timetable(directory):
    # Monday 2026-11-23 to Sunday 2026-11-29: no bank holiday that week
    amhp, street = directory.entries
    expect_amhp = {0: range(9, 17), 1: range(9, 17), 2: range(9, 17), 3: range(9, 17), 4: range(9, 16)}
    for day in range(7):
        for hour in range(24):
            t = at(2026, 11, 23 + day, hour, 30)
            assert directory.state(amhp, t).open == (hour in expect_amhp.get(day, ())), t
            spill = {1: 2, 2: 2, 3: 2, 4: 2, 5: 3, 6: 3}.get(day, 0)  # the previous evening runs past midnight
            in_evening = day <= 5 and hour >= 16
            assert directory.state(street, t).open == (in_evening or hour < spill), t


def test_the_minute_a_service_closes(directory):
    amhp = directory.entries[0]
    assert directory.state(amhp, at(2026, 11, 23, 16, 59)).open
    shut = directory.state(amhp, at(2026, 11, 23, 17, 0))
    assert not shut.open and shut.opens_at == at(2026, 11, 24, 9, 0)
    assert shut.when_words(at(2026, 11, 23, 17, 0)) == "closed: opens tomorrow 09:00"
    # Friday closes at 16:30; then the weekend: next opening is Monday 09:00
    assert directory.state(amhp, at(2026, 11, 27, 16, 29)).open
    fri = directory.state(amhp, at(2026, 11, 27, 16, 30))
    assert not fri.open and fri.opens_at == at(2026, 11, 30, 9, 0)
    # open: says until when, and past midnight for the evening service
    street = directory.entries[1]
    s = directory.state(street, at(2026, 11, 23, 23, 0))
    assert s.open and s.closes_at == at(2026, 11, 24, 2, 0)
    assert s.when_words(at(2026, 11, 23, 23, 0)) == "open until tomorrow 02:00"
    assert directory.state(street, at(2026, 11, 24, 1, 59)).open
    assert not directory.state(street, at(2026, 11, 24, 2, 0)).open


def test_bank_holiday_closes_a_weekday_service_and_names_it(directory):
    amhp = directory.entries[0]
    # Christmas 2026: Fri 25 Christmas Day, Mon 28 Boxing Day (observed)
    s = directory.state(amhp, at(2026, 12, 25, 11, 0))
    assert not s.open and s.why_closed == "bank holiday: Christmas Day"
    assert s.opens_at == at(2026, 12, 29, 9, 0)
    assert not directory.state(amhp, at(2026, 12, 28, 11, 0)).open
    assert directory.state(amhp, at(2026, 12, 29, 11, 0)).open
    # Easter Monday 2026-04-06 and the spring bank holiday 2026-05-25 too
    assert not directory.state(amhp, at(2026, 4, 6, 10, 0)).open
    assert not directory.state(amhp, at(2026, 5, 25, 10, 0)).open


def test_bank_holiday_own_hours_normal_and_scotland():
    d = Directory([entry("a", **OFFICE, bank_holiday=["10:00-14:00"]), entry("b", **OFFICE, bank_holiday="normal")],
                  bank_holidays=BankHolidays("ENG"))
    a, b = d.entries
    assert d.state(a, at(2026, 12, 28, 13, 59)).open and not d.state(a, at(2026, 12, 28, 14, 0)).open
    assert d.state(b, at(2026, 12, 28, 16, 0)).open
    # St Andrew's Day (30 Nov 2026, a Monday) is a bank holiday in Scotland only
    eng = Directory([entry("a", **OFFICE)], bank_holidays=BankHolidays("ENG"))
    sct = Directory([entry("a", **OFFICE)], bank_holidays=BankHolidays("SCT"))
    assert eng.state(eng.entries[0], at(2026, 11, 30, 10)).open
    assert not sct.state(sct.entries[0], at(2026, 11, 30, 10)).open


def test_local_closures_entry_and_pack_level():
    d = Directory([entry("a", **OFFICE, closures=[dt.date(2026, 11, 24)])],
                  bank_holidays=BankHolidays("ENG", extra=[dt.date(2026, 11, 26)]))
    a = d.entries[0]
    s = d.state(a, at(2026, 11, 24, 10))
    assert not s.open and s.why_closed == "local closure" and s.opens_at == at(2026, 11, 25, 9)
    s = d.state(a, at(2026, 11, 26, 10))
    assert not s.open and "local closure day" in s.why_closed


def test_offer_open_closed_alternative_and_crisis_fallback():
    pack = load_pack(EXAMPLE).pack
    d = pack.directory
    # a weekday afternoon: crisis team (24/7), AMHP (office), 111 open; street triage opens at 16:00
    o = d.offer("CRISIS_TEAM", "crisis", at(2026, 11, 24, 14, 0))
    assert {"crisis_team", "amhp_service", "nhs_111_mh"} <= set(o.codes())
    assert [s.entry.code for s in o.closed] == ["street_triage"]
    assert o.closed[0].when_words(o.at) == "closed: opens 16:00"
    assert o.fallback is None
    # the control-room practitioner outcome at 23:30 on a Tuesday: practitioner closed, street triage open
    o = d.offer("MH_PRACTITIONER", "welfare", at(2026, 11, 24, 23, 30))
    assert "street_triage" in o.codes() and "mh_practitioner" not in o.codes()
    assert "mh_practitioner" in [s.entry.code for s in o.closed]
    # a crisis outcome with nothing local open falls back to NHS 111 option 2 and says so
    only_office = Directory([entry("amhp_service", **OFFICE)])
    o = only_office.offer("CRISIS_TEAM", "crisis", at(2026, 12, 25, 3, 0))
    assert o.open == () and o.fallback is not None and o.codes() == ["nhs_111_mh"]
    assert "NHS 111 option 2" in o.fallback_reason and str(o.fallback.entry.phones[0]) == "111 (then option 2)"
    # not a crisis outcome and nothing open: the one that opens soonest is the alternative
    social = Directory([PartnerEntry("adult_social_care", "Adult social care", ("SOCIAL_CARE",), (),
                                     (Phone("01632960400"),), OpeningHours.build(week=OFFICE))])
    o = social.offer("SOCIAL_CARE", "welfare", at(2026, 11, 27, 18, 0))
    assert o.fallback is None and o.alternative is not None and o.alternative.opens_at == at(2026, 11, 30, 9)
    assert o.codes() == []


def test_pathway_filter():
    pack = load_pack(EXAMPLE).pack
    o = pack.directory.offer("HEALTH_PROVIDER_RESPONSIBLE", "walkout", at(2026, 11, 24, 14))
    assert "mh_unit" in o.codes() and "amhp_service" not in o.codes()  # AMHP not listed for walk-outs


@pytest.mark.parametrize("raw, digits, shown", [
    ("01632 960123", "01632960123", "01632 960123"), ("+44 1632 960123", "01632960123", "01632 960123"),
    ("020 7946 0100", "02079460100", "020 7946 0100"), ("07700 900201", "07700900201", "07700 900201"),
    ("116 123", "116123", "116 123"), ("111", "111", "111"), ("0800 123 4567", "08001234567", "0800 123 4567"),
])
def test_phone_numbers_accepted(raw, digits, shown):
    assert normalise_phone(raw) == digits and format_phone(digits) == shown


@pytest.mark.parametrize("raw", ["07700 9002", "1632 960123", "+1 202 555 0100", "01632-96O123", "0770090020112", ""])
def test_phone_numbers_refused(raw):
    with pytest.raises(ValueError):
        normalise_phone(raw)


def test_csv_import_good_and_bad():
    text = ",".join(COLUMNS) + "\n" + EXAMPLE_ROW + "\n"
    d, probs = parse_directory_csv(text, file="dir.csv")
    assert probs == [] and d is not None
    [e] = d.entries
    assert e.code == "street_triage" and str(e.phones[0]) == "07700 900201 (car)"
    assert d.state(e, at(2026, 11, 23, 23, 0)).open and not d.state(e, at(2026, 11, 24, 11, 0)).open
    bad = text + "gp,GP,GP_OR_111,,01632 96,24/7,,,,\n" + "xx,X,NOPE,,111,24/7,,,,\n"
    d, probs = parse_directory_csv(bad, file="dir.csv")
    assert d is None
    lines = {(p.line, p.reason.split(":")[0]) for p in probs}
    assert (3, "malformed phone number") in lines
    assert any(p.line == 4 and "unknown partner code 'xx'" in p.reason for p in probs)
    assert any(p.line == 4 and "unknown outcome code 'NOPE'" in p.reason for p in probs)
    d, probs = parse_directory_csv("name,phones\nx,111\n", file="dir.csv")
    assert d is None and "missing columns code, outcomes, hours" in probs[0].reason
