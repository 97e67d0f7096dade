"""Plain-English wording for store errors: what happened, what is safe, what to do next."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ErrorText:
    title: str
    what: str
    safe: str
    next_step: str


def describe_open_error(exc: BaseException, data_dir: str = "") -> ErrorText:
    """For a failure to open the data folder at start-up."""
    name = type(exc).__name__
    detail = str(exc)
    where = f" ({data_dir})" if data_dir else ""
    if name == "DataDirLocked":
        # one clear sentence: the lock is the operating system's and goes with the other copy, so nothing is stale
        return ErrorText("triage-desktop is already open",
                         "triage-desktop is already open on this PC, so use that window (it may be minimised or on "
                         "another screen); this second copy closes without changing anything.",
                         "", "")
    if name == "DatabaseCorrupt":
        backups = getattr(exc, "backup_candidates", None) or []
        extra = ("\nBackups found:\n" + "\n".join(f"• {b}" for b in backups[:5])) if backups else ""
        return ErrorText("The call database is damaged",
                         f"The database file in the data folder{where} cannot be read. {detail}".strip(),
                         "The damaged file has not been changed or deleted." + extra,
                         "Tell your supervisor or IT support; they can restore the latest backup "
                         "('triage-desktop restore'). Meanwhile, take calls on paper.")
    if name == "DiskFull":
        return ErrorText("The disk is full", f"There is no space left to save calls{where}. {detail}".strip(),
                         "Nothing has been lost.", "Free some disk space (or ask IT), then start again.")
    if name == "ReadOnlyDataDir":
        return ErrorText("The data folder cannot be written",
                         f"triage-desktop is not allowed to save in the data folder{where}. {detail}".strip(),
                         "Nothing has been changed.", "Ask IT to fix the folder's permissions, or start with --data-dir "
                         "pointing at a folder you can write to.")
    if name == "FlowsNotLive":
        return ErrorText("These flows are drafts: not for live calls", detail,
                         "Nothing has been changed. Drafts can be rehearsed in training mode.",
                         "Start in training mode (triage-desktop --training), or ask whoever manages the flows "
                         "to complete their sign-off ('triage-desktop flows check --live' lists what is missing).")
    return ErrorText("triage-desktop cannot open its data", f"{detail or name}{where}",
                     "Nothing has been changed.", "Start again; if it happens again, tell IT support.")


def describe_action_error(doing: str, message: str) -> ErrorText:
    """For a failure while saving part of a call (the engine's state is what the store last confirmed)."""
    low = message.lower()
    if "disk" in low and "full" in low or "no space" in low:
        what = f"The disk is full: {doing} could not be saved."
        step = "Free some disk space (or ask IT), then do it again. Until then, record the call on paper."
    elif "locked" in low or "busy" in low:
        what = f"The database was busy: {doing} could not be saved."
        step = "Try again in a moment."
    elif "read-only" in low or "readonly" in low or "permission" in low:
        what = f"The data folder cannot be written: {doing} could not be saved."
        step = "Ask IT to fix the folder's permissions. Until then, record the call on paper."
    else:
        what = f"Something went wrong while {doing}: {message}"
        step = "Try again. If it keeps happening, record the call on paper and tell IT support."
    return ErrorText("Not saved", what,
                     "Every answer before this one is saved, and what you typed is still on screen.", step)
