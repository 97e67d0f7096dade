"""Flow governance: the sign-off record, live readiness (drafts run only in training) and flows.lock."""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Optional


from .problems import Problem
from .model import Flow

#: Where a flows folder records each flow's id, version and content hash.
LOCK_NAME = "flows.lock"
#: Top-level keys that are governance records about a version, not content: changing them needs no bump.
GOVERNANCE_KEYS = ("signoff", "status")
STATUSES = ("live", "draft")
#: Kinds of signing organisation. police and health always sign; local_authority when the flow names social care.
SECTORS = {
    "police": "Police",
    "health": "Health (NHS trust, ambulance service, ICB)",
    "local_authority": "Local authority (social care)",
    "other": "Other partner",
}
SOCIAL_CARE_CODES = frozenset({"SOCIAL_CARE", "AMHP_REFERRAL"})
SOCIAL_CARE_PARTNERS = frozenset({"adult_social_care", "childrens_services", "amhp_service"})
_SOCIAL_CARE_WORDS = re.compile(r"social care|children'?s services|\bamhp\b", re.I)
_SEMVER = re.compile(r"^(\d+)\.(\d+)\.(\d+)$")
_ISO_DATE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$")


def _yaml_load(text: str) -> Any:
    """PyYAML's safe load (libyaml's where present), imported on first use: the flows built by the loader carry
    their parsed data (Flow.raw), so a start reads the sign-off without it."""
    import yaml

    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


# ----- the sign-off record ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Signatory:
    organisation: str
    sector: str
    role: str
    name: str


@dataclass(frozen=True)
class SignOff:
    """A flow's sign-off record: who agreed which version, when, with release notes."""

    version: str
    date: str
    signatories: tuple[Signatory, ...]
    release_notes: str
    example: bool = False

    @property
    def organisations(self) -> list[str]:
        return list(dict.fromkeys(s.organisation for s in self.signatories if s.organisation))

    def describe(self) -> str:
        """One line for the About box and Help ▸ Flows: whose sign-off, for which version, when."""
        orgs = self.organisations
        who = ", ".join(orgs[:-1]) + (" and " if len(orgs) > 1 else "") + orgs[-1] if orgs else "nobody"
        text = f"signed off by {who} for v{self.version} on {self.date}"
        if self.example:
            text += " (FICTIONAL EXAMPLE sign-off, not a real partnership agreement)"
        return text


@dataclass(frozen=True)
class Governance:
    """What the governance keys of one flow say (parsed from the flow's raw data)."""

    status: str  # live | draft (as written; 'live' when the key is absent)
    signoff: Optional[SignOff]
    problems: tuple[str, ...] = ()  # malformed record: always a checker problem


def _raw(flow: Flow) -> dict[str, Any]:
    raw = flow.raw
    if isinstance(raw, dict):
        return raw
    data = _yaml_load(flow.source_text) if flow.source_text else {}
    return data if isinstance(data, dict) else {}


def _s(v: Any) -> str:
    return "" if v is None else str(v).strip()


def governance_of(flow: Flow) -> Governance:
    """Parse a flow's `status` and `signoff` keys; shape errors go into `problems` (never raises)."""
    raw = _raw(flow)
    problems: list[str] = []
    status = _s(raw.get("status")) or "live"
    if status not in STATUSES:
        problems.append(f"status '{status}' is not one of {', '.join(STATUSES)}")
    so = raw.get("signoff")
    if so is None:
        return Governance(status, None, tuple(problems))
    if not isinstance(so, dict):
        return Governance(status, None, tuple(problems + ["'signoff' must be a mapping (docs/flow-format.md)"]))
    people = so.get("signatories", [])
    sigs: list[Signatory] = []
    if not isinstance(people, list):
        problems.append("signoff 'signatories' must be a list")
        people = []
    for i, p in enumerate(people, 1):
        if not isinstance(p, dict):
            problems.append(f"signoff signatory {i} must be a mapping with organisation, sector, role and name")
            continue
        sector = _s(p.get("sector"))
        if sector and sector not in SECTORS:
            problems.append(f"signoff signatory {i}: sector '{sector}' is not one of {', '.join(SECTORS)}")
        sigs.append(Signatory(_s(p.get("organisation")), sector, _s(p.get("role")), _s(p.get("name"))))
    example = so.get("example", False)
    if not isinstance(example, bool):
        problems.append("signoff 'example' must be true or false")
    date = _s(so.get("date"))
    if date and not _ISO_DATE.match(date):
        problems.append(f"signoff date '{date}' is not a date (YYYY-MM-DD)")
    record = SignOff(version=_s(so.get("version")), date=date, signatories=tuple(sigs),
                     release_notes=_s(so.get("release_notes")), example=example is True)
    return Governance(status, record, tuple(problems))


def names_social_care(flow: Flow) -> bool:
    """True if the flow sends anyone to social care (outcome code, partner code, or partner named)."""
    for n in flow.nodes.values():
        if n.kind != "outcome":
            continue
        if n.code in SOCIAL_CARE_CODES:
            return True
        for p in getattr(n, "partners", ()) or ():
            code = getattr(p, "code", "") or ""
            name = getattr(p, "name", "") or ""
            if code in SOCIAL_CARE_PARTNERS or _SOCIAL_CARE_WORDS.search(str(name)):
                return True
    return False


def required_sectors(flow: Flow) -> list[str]:
    return ["police", "health"] + (["local_authority"] if names_social_care(flow) else [])


def is_bundled(flow: Flow) -> bool:
    """True if the flow was loaded from the flows folder shipped with the app."""
    from .loader import bundled_flows_dir

    if not flow.path:
        return False
    try:
        return Path(flow.path).resolve().parent == bundled_flows_dir().resolve()
    except OSError:
        return False


def live_problems(flow: Flow, *, allow_example: Optional[bool] = None) -> list[str]:
    """Why this flow may not be used for live calls (empty: live-ready). A flow with any reason is a draft.

    The FICTIONAL EXAMPLE sign-off counts only for the flows shipped with the app (so the demo runs live);
    a force's own flows folder needs its real sign-off. `allow_example` overrides that (demos, tests).
    """
    g = governance_of(flow)
    out = list(g.problems)
    if g.signoff is not None and g.signoff.example:
        allowed = is_bundled(flow) if allow_example is None else allow_example
        if not allowed:
            out.append("its sign-off is the FICTIONAL EXAMPLE shipped with the app: a force's own flows need "
                       "their real sign-off")
    if g.status == "draft":
        out.append("marked 'status: draft'")
    so = g.signoff
    if so is None:
        out.append("has no sign-off record")
        return out
    if so.version != flow.version:
        hint = ""
        if so.example and flow.path:
            hint = (f" (a FICTIONAL EXAMPLE sign-off: 'triage-desktop flows signoff --refresh-example "
                    f"{Path(flow.path).parent}' re-dates it)")
        out.append(f"its sign-off is for version {so.version or '(none)'}, not {flow.version}{hint}")
    if not so.date:
        out.append("its sign-off has no date")
    for i, s in enumerate(so.signatories, 1):
        missing = [k for k in ("organisation", "sector", "role", "name") if not getattr(s, k)]
        if missing:
            out.append(f"sign-off signatory {i} has no {', '.join(missing)}")
    have = {s.sector for s in so.signatories if s.organisation and s.role and s.name}
    for sector in required_sectors(flow):
        if sector not in have:
            why = " (the flow names social care)" if sector == "local_authority" else ""
            out.append(f"its sign-off has no {SECTORS[sector].split(' (')[0].lower()} signatory{why}")
    if not so.release_notes:
        out.append("its sign-off has no release notes")
    return out


def describe_signoff(flow: Flow, *, allow_example: Optional[bool] = None) -> str:
    """Whose sign-off is in use for this flow, in one line (or why it is a draft)."""
    reasons = live_problems(flow, allow_example=allow_example)
    g = governance_of(flow)
    if not reasons and g.signoff is not None:
        return g.signoff.describe()
    return "DRAFT (training only): " + "; ".join(reasons)


def signoff_summary(flows: Iterable[Flow], *, allow_example: Optional[bool] = None) -> str:
    """Whose sign-off the whole library runs on, e.g. for the About box."""
    orgs: list[str] = []
    example = False
    drafts = []
    for f in flows:
        g = governance_of(f)
        if live_problems(f, allow_example=allow_example) or g.signoff is None:
            drafts.append(f"{f.id} v{f.version}")
            continue
        orgs.extend(g.signoff.organisations)
        example = example or g.signoff.example
    orgs = list(dict.fromkeys(orgs))
    text = ("Sign-off: " + ", ".join(orgs)) if orgs else "Sign-off: none"
    if example:
        text += " (FICTIONAL EXAMPLE sign-off shipped with the app, not a real partnership agreement)"
    if drafts:
        text += ". DRAFT flows (training only): " + ", ".join(drafts)
    return text


def check_live(flows: Iterable[Flow], *, allow_example: Optional[bool] = None) -> list[Problem]:
    """One problem per reason a flow is not live-ready (for `flows check --live` and live mode)."""
    out = []
    for f in flows:
        for reason in live_problems(f, allow_example=allow_example):
            out.append(Problem(f.path or f.id, "", f"not live-ready: {f.id} v{f.version} {reason} "
                                                   f"(a draft runs only in training mode)"))
    return out


def signoff_shape_problems(flows: Iterable[Flow]) -> list[Problem]:
    """Malformed status/sign-off blocks (reported by every `flows check`, live or not)."""
    return [Problem(f.path or f.id, "", msg) for f in flows for msg in governance_of(f).problems]


# ----- flows.lock ----------------------------------------------------------------------------------------
def _norm(obj: Any) -> Any:
    if isinstance(obj, dict):
        return {str({True: "yes", False: "no"}.get(k, k) if isinstance(k, bool) else k): _norm(v)
                for k, v in obj.items() if k not in ("__line__", "__dupes__")}
    if isinstance(obj, list):
        return [_norm(v) for v in obj]
    return obj


def lock_hash(flow: Flow) -> str:
    """sha256 over the flow's content: everything but comments, layout and the governance keys (sign-off, status).

    Signing a version off (or marking it draft) is a record about that version, so it needs no bump; any change
    to wording, routing, outcomes or metadata does.
    """
    # the loader's parse (raw) when there is one: the same data as parsing the text again, without the cost
    data = flow.raw if isinstance(flow.raw, dict) else (_yaml_load(flow.source_text)
                                                        if flow.source_text else {})
    data = {k: v for k, v in _norm(data or {}).items() if k not in GOVERNANCE_KEYS}
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class LockEntry:
    flow_id: str
    version: str
    hash: str


@dataclass
class Lock:
    """A parsed flows.lock: entries by flow id (a union merge may leave several for one flow)."""

    path: Path
    entries: dict[str, list[LockEntry]] = field(default_factory=dict)
    exists: bool = True

    def get(self, flow_id: str) -> list[LockEntry]:
        return self.entries.get(flow_id, [])


def read_lock(folder: Path) -> Lock:
    """Read folder/flows.lock; lines that are not `id version sha256:hex` (e.g. merge markers) are ignored."""
    path = Path(folder) / LOCK_NAME
    lock = Lock(path, exists=path.is_file())
    if not lock.exists:
        return lock
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) != 3 or line.startswith("#") or not parts[2].startswith("sha256:"):
            continue
        e = LockEntry(parts[0], parts[1], parts[2][len("sha256:"):])
        if e not in lock.entries.setdefault(e.flow_id, []):
            lock.entries[e.flow_id].append(e)
    return lock


def _ver(v: str) -> tuple[int, ...]:
    m = _SEMVER.match(v or "")
    return tuple(int(x) for x in m.groups()) if m else (-1,)


def _fix_cmd(folder: Path) -> str:
    return f"triage-desktop flows lock {folder}"


def _lock_problem(flow: Flow, entries: list[LockEntry], folder: Path, current: str) -> Optional[str]:
    newest = max((e for e in entries), key=lambda e: _ver(e.version), default=None)
    lower = newest is not None and _ver(flow.version) < _ver(newest.version)
    if LockEntry(flow.id, flow.version, current) in entries and not lower:
        return None  # recorded as it is (other lines for it, after a merge, are tidied by `flows lock`)
    same = [e for e in entries if e.version == flow.version]
    if any(e.hash != current for e in same):
        return (f"{flow.id} changed but its version is still {flow.version} ({LOCK_NAME} records {flow.version} "
                f"with another content hash): bump 'version:' in {Path(flow.path).name}, then run "
                f"'{_fix_cmd(folder)}'")
    if lower and newest is not None:
        return (f"{flow.id} version {flow.version} is lower than {newest.version} recorded in {LOCK_NAME}: "
                f"versions only go up; set 'version:' above {newest.version}, then run '{_fix_cmd(folder)}'")
    return None


def check_lock(flows: Iterable[Flow]) -> list[Problem]:
    """The version-bump rule, per folder that has a flows.lock: a changed flow must carry a new version, and the
    lock must record the current one. Folders without a lock are not checked (`flows lock` creates one)."""
    out: list[Problem] = []
    locks: dict[Path, Lock] = {}
    for f in flows:
        if not f.path:
            continue
        folder = Path(f.path).parent
        lock = locks.get(folder) or locks.setdefault(folder, read_lock(folder))
        if not lock.exists:
            continue
        current = lock_hash(f)
        entries = lock.get(f.id)
        msg = _lock_problem(f, entries, folder, current)
        if msg is None:
            if not entries:
                msg = f"{f.id} v{f.version} is not in {LOCK_NAME}: run '{_fix_cmd(folder)}'"
            elif LockEntry(f.id, f.version, current) not in entries:
                was = ", ".join(sorted({e.version for e in entries}))
                msg = (f"{f.id} was bumped to {f.version} but {LOCK_NAME} still records {was}: "
                       f"run '{_fix_cmd(folder)}'")
            elif len(entries) > 1:
                msg = f"{LOCK_NAME} lists {f.id} more than once (after a merge): run '{_fix_cmd(folder)}'"
        if msg:
            out.append(Problem(f.path, "", msg))
    from .loader import flow_files

    for folder, lock in locks.items():
        if not lock.exists:
            continue
        present = {p.stem for p in flow_files([folder])}
        for gone in sorted(set(lock.entries) - present):
            out.append(Problem(str(lock.path), "", f"{LOCK_NAME} lists {gone}, which is not in {folder}: run "
                                                   f"'{_fix_cmd(folder)}'"))
    return out


def lock_text(flows: Iterable[Flow]) -> str:
    lines = ["# flows.lock: the id, version and content hash of each flow in this folder.",
             "# Written by `triage-desktop flows lock`; do not edit by hand. The content hash covers everything in",
             "# the flow file except comments, layout and the governance keys (signoff, status), so a change to",
             "# wording or routing needs a version bump, and a sign-off does not. See docs/flow-format.md."]
    for f in sorted(flows, key=lambda f: f.id):
        lines.append(f"{f.id} {f.version} sha256:{lock_hash(f)}")
    return "\n".join(lines) + "\n"


def update_lock(folder: Path, flows: list[Flow]) -> tuple[list[str], list[str]]:
    """Write folder/flows.lock for these flows. Returns (lines describing what changed, refusals).

    Refuses (writes nothing) if any flow changed without a version bump, or its version went down: `flows lock`
    records a bump, it never stands in for one.
    """
    folder = Path(folder)
    lock = read_lock(folder)
    refusals, changes = [], []
    for f in flows:
        current = lock_hash(f)
        entries = lock.get(f.id)
        msg = _lock_problem(f, entries, folder, current)
        if msg:
            refusals.append(f"{f.path}: {msg.split(': run')[0].split(', then run')[0]}")
            continue
        if not entries:
            changes.append(f"added {f.id} {f.version}")
        elif LockEntry(f.id, f.version, current) not in entries or len(entries) > 1:
            was = ", ".join(sorted({e.version for e in entries}))
            changes.append(f"{f.id} {was} -> {f.version}")
    gone = sorted(set(lock.entries) - {f.id for f in flows})
    changes += [f"removed {g} (no longer in the folder)" for g in gone]
    if refusals:
        return changes, refusals
    text = lock_text(flows)
    if not lock.exists or lock.path.read_text(encoding="utf-8") != text:
        lock.path.write_text(text, encoding="utf-8")
    return changes, []


# ----- the bundled example sign-off ----------------------------------------------------------------------
_SIGNOFF_BLOCK = re.compile(r"^signoff:\s*$", re.M)


def refresh_example_signoff(path: Path, version: str, date: str) -> bool:
    """Re-date an EXAMPLE sign-off block (example: true) to the flow's current version. Real ones are never
    touched: returns False if the block is missing or not marked as an example."""
    text = path.read_text(encoding="utf-8")
    m = _SIGNOFF_BLOCK.search(text)
    if not m:
        return False
    head, block = text[:m.end()], text[m.end():]
    end = re.search(r"^\S", block, re.M)
    body, tail = (block[:end.start()], block[end.start():]) if end else (block, "")
    if not re.search(r"^\s+example:\s*true\b", body, re.M):
        return False
    new = re.sub(r"^(\s+version:\s*).*$", lambda mm: f'{mm.group(1)}"{version}"', body, count=1, flags=re.M)
    new = re.sub(r"^(\s+date:\s*).*$", lambda mm: f'{mm.group(1)}"{date}"', new, count=1, flags=re.M)
    if new != body:
        path.write_text(head + new + tail, encoding="utf-8")
    return True
