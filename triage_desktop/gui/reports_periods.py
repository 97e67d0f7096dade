"""The Reports window's choices: the figures in tab order with their tab names, the periods and comparisons offered,
and the store Period for a chosen period."""
from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QLocale

from triage_desktop.core.summary_vocab import ROLLOUT_PHASES

FIGURE_KEYS = ("calls_by_week", "deployment_rate", "hours_released", "s136", "professionals", "ambulance",
               "time_to_decision", "safety", "repeats")
TAB_NAMES = {"calls_by_week": str(QT_TRANSLATE_NOOP("ReportsWindow", "Calls")),  # shown through tr()
             "deployment_rate": str(QT_TRANSLATE_NOOP("ReportsWindow", "Deployment rate")),
             "hours_released": str(QT_TRANSLATE_NOOP("ReportsWindow", "Hours released")),
             "s136": str(QT_TRANSLATE_NOOP("ReportsWindow", "s136")),
             "professionals": str(QT_TRANSLATE_NOOP("ReportsWindow", "Professionals")),
             "ambulance": str(QT_TRANSLATE_NOOP("ReportsWindow", "Ambulance")),
             "time_to_decision": str(QT_TRANSLATE_NOOP("ReportsWindow", "Time to decision")),
             "safety": str(QT_TRANSLATE_NOOP("ReportsWindow", "Safety signals")),
             "repeats": str(QT_TRANSLATE_NOOP("ReportsWindow", "Repeat contacts")),
             "comparison": str(QT_TRANSLATE_NOOP("ReportsWindow", "Comparison"))}
PERIODS = ["This week", "Last month"] + [f"Rollout phase {n}" for n in ROLLOUT_PHASES] + ["Custom"]
COMPARISONS = [("none", str(QT_TRANSLATE_NOOP("ReportsWindow", "No comparison"))),
               ("before", str(QT_TRANSLATE_NOOP("ReportsWindow", "The period before"))),
               ("baseline", str(QT_TRANSLATE_NOOP("ReportsWindow", "The force's pre-RCRP baseline (force-wide)")))]


def period_for(choice: str, today: date, custom: tuple[date, date]) -> Any:
    """The store Period for a picker choice (end exclusive)."""
    from triage_desktop.services import Period

    if choice == "This week":
        start = today - timedelta(days=today.weekday())
        return Period(start.isoformat(), (today + timedelta(days=1)).isoformat(), f"this week ({start} to {today})")
    if choice == "Last month":
        first = today.replace(day=1)
        start = (first - timedelta(days=1)).replace(day=1)
        return Period(start.isoformat(), first.isoformat(), f"last month ({start:%B %Y})")
    if choice.startswith("Rollout phase"):
        phase = int(choice.rsplit(" ", 1)[1])
        return Period("0001-01-01", (today + timedelta(days=1)).isoformat(), ROLLOUT_PHASES[phase], phase)
    start, end = custom
    return Period(start.isoformat(), (end + timedelta(days=1)).isoformat(), f"{start} to {end}")


# core/summary_vocab.py ROLLOUT_PHASES, shown through translate("ReportsWindow", …)
PHASE_WORDS = (QT_TRANSLATE_NOOP("ReportsWindow", "Phase 1: concern for welfare"),
               QT_TRANSLATE_NOOP("ReportsWindow", "Phase 2: walk-outs and AWOL"),
               QT_TRANSLATE_NOOP("ReportsWindow", "Phase 3: transport of patients"),
               QT_TRANSLATE_NOOP("ReportsWindow", "Phase 4: s136 and voluntary patients"))


def period_words(choice: str, period: Any) -> str:
    """The period as the window says it, in the interface language (the Period's own label, for the exported
    report and the logs, stays English): 'this week (…)', 'last month (November 2026)', a phase, 'FROM to TO'."""
    translate = QCoreApplication.translate
    start = date.fromisoformat(period.start)
    last = date.fromisoformat(period.end) - timedelta(days=1)
    if choice == "This week":
        return translate("ReportsWindow", "this week ({start} to {end})").format(start=start, end=last)
    if choice == "Last month":
        month = QLocale().toString(QDate(start.year, start.month, 1), "MMMM yyyy")  # Welsh month names in Welsh
        return translate("ReportsWindow", "last month ({month})").format(month=month)
    if period.phase is not None:
        return translate("ReportsWindow", str(period.label))
    return translate("ReportsWindow", "{start} to {end}").format(start=start, end=last)
