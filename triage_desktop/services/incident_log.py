"""The incident-log block: the services' one entry point, for the call on screen and for a stored call.

`CallSession.incident_log_text()` (during the call, from the outcome screen) and `AppServices.incident_log_text()`
(from the report) both come here and render with core.incident_log.render from the same facts: the call's replayed
run and CallView, the record (CAD incident number, caller informed, partners offered, training), the force's
directory (names and numbers), time zone, and the declared wrap settings (`incident_log_width`,
`incident_log_ascii`; a force pack may set both). So the text is the same both times.
"""
from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Mapping, Optional, Sequence

from ..core.callview import CallView
from ..core.exits import name_open_alternative
from ..core.incident_log import LogFacts, LogOptions, render
from ..core.partners import NHS_111_OPTION_2
from ..core.vocab import PARTNER_CODES

if TYPE_CHECKING:
    from ..core.engine import FlowRun
    from ..core.partners import PartnerOffer
    from .app import AppServices


def options(svc: "AppServices") -> LogOptions:
    """The declared wrap settings (force pack, then supervisor, then user) and the force's time zone."""
    settings = svc.store.settings
    try:
        width = int(settings.get("incident_log_width"))
    except (TypeError, ValueError):
        width = 78
    ascii_only = str(settings.get("incident_log_ascii") or "0") in ("1", "true", "yes")
    return LogOptions(width=width, ascii_only=ascii_only, tz=svc.force.directory.tz)


def partner_names(svc: "AppServices") -> dict[str, str]:
    names = dict(PARTNER_CODES)
    names[NHS_111_OPTION_2.code] = NHS_111_OPTION_2.name
    names.update({e.code: e.name for e in svc.force.directory.entries})
    return names


def partner_lines(svc: "AppServices", codes: Sequence[str]) -> list[tuple[str, str]]:
    """(name, numbers) of each partner offered, from the force's directory."""
    entries = {e.code: e for e in svc.force.directory.entries}
    out = []
    for c in codes:
        e = entries.get(c) or (NHS_111_OPTION_2 if c == NHS_111_OPTION_2.code else None)
        if e is not None:
            out.append((e.name, ", ".join(str(p) for p in e.phones)))
        else:
            out.append((PARTNER_CODES.get(c, c), ""))
    return out


def with_open_alternative(svc: "AppServices", view: CallView, codes: Sequence[str]) -> CallView:
    """The outcome names the open alternative when the service it puts the caller through to is closed."""
    import dataclasses

    out = view.outcome
    if out is None:
        return view
    known = [e.code for e in svc.force.directory.entries]
    fixed = name_open_alternative(out, offered=codes, known=known, names=partner_names(svc))
    if fixed is out:
        return view
    engagement = fixed.thrive.get("engagement", "")
    thrive = tuple((f, engagement if f == "engagement" else t) for f, t in view.thrive)
    if engagement and not any(f == "engagement" for f, _ in thrive):
        thrive += (("engagement", engagement),)
    return dataclasses.replace(view, outcome=fixed, thrive=thrive)


def offer_codes(offer: Optional["PartnerOffer"]) -> list[str]:
    return offer.codes() if offer is not None else []


def stored_codes(row: Mapping[str, Any]) -> list[str]:
    try:
        got = json.loads(row.get("partners_json") or "[]")
    except (TypeError, ValueError):
        return []
    return [str(c) for c in got] if isinstance(got, list) else []


def render_block(svc: "AppServices", *, view: CallView, run: Optional["FlowRun"], row: Mapping[str, Any],
                 codes: Sequence[str], caller_informed: Optional[str],
                 addenda: Sequence[Mapping[str, Any]] = ()) -> str:
    """The one renderer's inputs gathered the same way for an open and a stored call."""
    facts = LogFacts(training=row.get("mode") == "training", cad_incident=row.get("cad_incident") or None,
                     caller_informed=caller_informed, partners=partner_lines(svc, codes),
                     personal_purged=bool(row.get("personal_purged_at")), addenda=tuple(addenda), record=row)
    return render(view, run, facts, options(svc))


def informed_from_record(svc: "AppServices", row: Mapping[str, Any]) -> Optional[str]:
    """'told', 'unreachable' (the finalised event says the caller rang off) or None (not finished)."""
    if row.get("status") != "final":
        return None
    if row.get("caller_informed"):
        return "told"
    got = svc.store.conn.execute("SELECT value_json FROM call_events WHERE call_uuid = ? AND kind = 'finalised' "
                                 "ORDER BY rowid DESC LIMIT 1", (row["uuid"],)).fetchone()
    try:
        value = json.loads(got[0]) if got and got[0] else {}
    except (TypeError, ValueError):
        value = {}
    return "unreachable" if isinstance(value, dict) and value.get("caller_unreachable") else None
