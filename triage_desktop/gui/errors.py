"""Plain-English wording for store errors: what happened, what is safe, what to do next (in the interface
language: context "Errors" of the catalogue)."""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

translate = QCoreApplication.translate


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
        extra = ("\n" + translate("Errors", "Backups found:") + "\n" + "\n".join(f"• {b}" for b in backups[:5])
                 ) if backups else ""
        return ErrorText(translate("Errors", "The call database is damaged"),
                         translate("Errors", "The database file in the data folder{where} cannot be read. "
                                   "{detail}").format(where=where, detail=detail).strip(),
                         translate("Errors", "The damaged file has not been changed or deleted.") + extra,
                         translate("Errors", "Tell your supervisor or IT support; they can restore the latest backup "
                                   "('triage-desktop restore'). Meanwhile, take calls on paper."))
    if name == "DiskFull":
        return ErrorText(translate("Errors", "The disk is full"),
                         translate("Errors", "There is no space left to save calls{where}. {detail}").format(
                             where=where, detail=detail).strip(),
                         translate("Errors", "Nothing has been lost."),
                         translate("Errors", "Free some disk space (or ask IT), then start again."))
    if name == "ReadOnlyDataDir":
        return ErrorText(translate("Errors", "The data folder cannot be written"),
                         translate("Errors", "triage-desktop is not allowed to save in the data folder{where}. "
                                   "{detail}").format(where=where, detail=detail).strip(),
                         translate("Errors", "Nothing has been changed."),
                         translate("Errors", "Ask IT to fix the folder's permissions, or start with --data-dir "
                                   "pointing at a folder you can write to."))
    if name == "FlowsNotLive":
        return ErrorText(translate("Errors", "These flows are drafts: not for live calls"), detail,
                         translate("Errors", "Nothing has been changed. Drafts can be rehearsed in training mode."),
                         translate("Errors", "Start in training mode (triage-desktop --training), or ask whoever "
                                   "manages the flows to complete their sign-off ('triage-desktop flows check --live' "
                                   "lists what is missing)."))
    return ErrorText(translate("Errors", "triage-desktop cannot open its data"), f"{detail or name}{where}",
                     translate("Errors", "Nothing has been changed."),
                     translate("Errors", "Start again; if it happens again, tell IT support."))


def describe_action_error(doing: str, message: str) -> ErrorText:
    """For a failure while saving part of a call (the engine's state is what the store last confirmed).
    `doing` is already in the interface language (e.g. tr("starting the call"))."""
    low = message.lower()
    if "disk" in low and "full" in low or "no space" in low:
        what = translate("Errors", "The disk is full: {doing} could not be saved.").format(doing=doing)
        step = translate("Errors", "Free some disk space (or ask IT), then do it again. Until then, record the call "
                         "on paper.")
    elif "locked" in low or "busy" in low:
        what = translate("Errors", "The database was busy: {doing} could not be saved.").format(doing=doing)
        step = translate("Errors", "Try again in a moment.")
    elif "read-only" in low or "readonly" in low or "permission" in low:
        what = translate("Errors", "The data folder cannot be written: {doing} could not be saved.").format(
            doing=doing)
        step = translate("Errors", "Ask IT to fix the folder's permissions. Until then, record the call on paper.")
    else:
        what = translate("Errors", "Something went wrong while {doing}: {message}").format(doing=doing,
                                                                                          message=message)
        step = translate("Errors", "Try again. If it keeps happening, record the call on paper and tell IT support.")
    return ErrorText(translate("Errors", "Not saved"), what,
                     translate("Errors", "Every answer before this one is saved, and what you typed is still on "
                               "screen."), step)
