"""Messages the layers below word in English (force-pack problems, sync errors), said again in the interface language.

The services and the store have no Qt, so they word these messages in English (the command line and the logs keep
them so). Each message has a fixed shape with a few arguments; the shapes are listed here literally (so
pyside6-lupdate extracts them, context "ServiceWords"), each English shape is matched against the message, and the
translated shape is filled in with the arguments, which stay as given (keys, file names, numbers, codes). An
argument named `why` is itself a message and is said again in the same way. Anything that matches no shape is
shown as it came. tests/gui/test_welsh_services_words.py makes the real messages and checks every one is Welsh.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

CONTEXT = "ServiceWords"

#: core/forcepack.py, packs.py and core/partners.py: why a force configuration pack cannot be used.
PACK_SHAPES = (
    QT_TRANSLATE_NOOP("ServiceWords", "must be a table"),
    QT_TRANSLATE_NOOP("ServiceWords", "unknown key '{key}' (known here: {known})"),
    QT_TRANSLATE_NOOP("ServiceWords", "missing '{key}' ({what})"),
    QT_TRANSLATE_NOOP("ServiceWords", "must be text (in quotes)"),
    QT_TRANSLATE_NOOP("ServiceWords", "must not be empty"),
    QT_TRANSLATE_NOOP("ServiceWords", "must be a whole number"),
    QT_TRANSLATE_NOOP("ServiceWords", "must be a number"),
    QT_TRANSLATE_NOOP("ServiceWords", "{value} is out of range ({low} to {high})"),
    QT_TRANSLATE_NOOP("ServiceWords", "must be a list of text values"),
    QT_TRANSLATE_NOOP("ServiceWords", "must be a date (YYYY-MM-DD), not a date and time"),
    QT_TRANSLATE_NOOP("ServiceWords", "'{value}' is not a date (YYYY-MM-DD)"),
    QT_TRANSLATE_NOOP("ServiceWords", "unknown partner code '{code}' (known: {known})"),
    QT_TRANSLATE_NOOP("ServiceWords", "unknown outcome code '{code}'"),
    QT_TRANSLATE_NOOP("ServiceWords", "unknown pathway '{value}' (known: {known})"),
    QT_TRANSLATE_NOOP("ServiceWords", "list at least one outcome code this service is for"),
    QT_TRANSLATE_NOOP("ServiceWords", "must be a list of at least one phone number"),
    QT_TRANSLATE_NOOP("ServiceWords", "a phone is \"01632 960123\" or { number = \"...\", label = \"...\" }"),
    QT_TRANSLATE_NOOP("ServiceWords", "malformed phone number: {why}"),
    QT_TRANSLATE_NOOP("ServiceWords", "'{value}' has characters a phone number cannot have"),
    QT_TRANSLATE_NOOP("ServiceWords", "'{value}' is not a UK number (+44)"),
    QT_TRANSLATE_NOOP("ServiceWords", "'{value}' is not a UK number: it should start with 0, +44, or be "
                                      "999/111/101/116xxx"),
    QT_TRANSLATE_NOOP("ServiceWords", "'{value}' is not a valid UK number ({n} digits)"),
    QT_TRANSLATE_NOOP("ServiceWords", "'{value}': use \"24/7\" or a table of opening ranges per weekday"),
    QT_TRANSLATE_NOOP("ServiceWords", "must be a list of dates"),
    QT_TRANSLATE_NOOP("ServiceWords", "must be \"closed\", \"normal\" or a list of ranges"),
    QT_TRANSLATE_NOOP("ServiceWords", "impossible or overlapping hours: {day}: {why}"),
    QT_TRANSLATE_NOOP("ServiceWords", "impossible or overlapping hours: {why}"),
    QT_TRANSLATE_NOOP("ServiceWords", "'{value}' is not a time range like 09:00-17:00"),
    QT_TRANSLATE_NOOP("ServiceWords", "'{value}': {time} is not a time of day"),
    QT_TRANSLATE_NOOP("ServiceWords", "'{value}': {time} is not a time of day (use 24:00 for midnight at the end)"),
    QT_TRANSLATE_NOOP("ServiceWords", "'{value}' opens and closes at the same minute"),
    QT_TRANSLATE_NOOP("ServiceWords", "{first} and {second} overlap"),
    QT_TRANSLATE_NOOP("ServiceWords", "never open: give hours for at least one day, or \"24/7\""),
    QT_TRANSLATE_NOOP("ServiceWords", "'{code}' must be 2 to 8 capital letters or digits"),
    QT_TRANSLATE_NOOP("ServiceWords", "'{url}' is not an http(s) address"),
    QT_TRANSLATE_NOOP("ServiceWords", "{width} is too narrow: use 0 (no wrapping) or 40-200"),
    QT_TRANSLATE_NOOP("ServiceWords", "must be true or false"),
    QT_TRANSLATE_NOOP("ServiceWords", "'{value}' must be true or false"),
    QT_TRANSLATE_NOOP("ServiceWords", "'{value}' must be one of {known}"),
    QT_TRANSLATE_NOOP("ServiceWords", "'{value}' is not a staff id (letters, digits, . _ -; up to 32)"),
    QT_TRANSLATE_NOOP("ServiceWords", "must be at least 16 characters"),
    QT_TRANSLATE_NOOP("ServiceWords", "write each entry as a [[partners]] table"),
    QT_TRANSLATE_NOOP("ServiceWords", "TOML syntax error: {detail}"),
    QT_TRANSLATE_NOOP("ServiceWords", "the file does not exist"),
    QT_TRANSLATE_NOOP("ServiceWords", "cannot be read: {detail}"),
    QT_TRANSLATE_NOOP("ServiceWords", "the CA bundle {file} does not exist"),
    QT_TRANSLATE_NOOP("ServiceWords", "the flows folder {folder} does not exist"),
    QT_TRANSLATE_NOOP("ServiceWords", "the flows in {folder} fail 'flows check': {problems}"),
    QT_TRANSLATE_NOOP("ServiceWords", "no force configuration pack is installed: put the force's pack at this "
                                      "path, or set {variable} to its file"),
)

#: sync/runner.py and sync/transport.py: why a sync pass failed (the status bar's "error …").
SYNC_SHAPES = (
    QT_TRANSLATE_NOOP("ServiceWords", "this database has no outbox (is it a training database?)"),
    QT_TRANSLATE_NOOP("ServiceWords", "collector refused a reconcile request: {code}"),
    QT_TRANSLATE_NOOP("ServiceWords", "collector answered an unknown record status"),
    QT_TRANSLATE_NOOP("ServiceWords", "TLS certificate of the collector could not be verified"),
    QT_TRANSLATE_NOOP("ServiceWords", "collector unreachable (connection failed)"),
    QT_TRANSLATE_NOOP("ServiceWords", "collector did not answer in time"),
    QT_TRANSLATE_NOOP("ServiceWords", "connection to the collector broke ({error})"),
    QT_TRANSLATE_NOOP("ServiceWords", "collector refused the device token (HTTP {status})"),
    QT_TRANSLATE_NOOP("ServiceWords", "collector is busy or failing (HTTP {status})"),
    QT_TRANSLATE_NOOP("ServiceWords", "unexpected answer from the collector (HTTP {status})"),
    QT_TRANSLATE_NOOP("ServiceWords", "collector answer could not be read"),
    QT_TRANSLATE_NOOP("ServiceWords", "collector answer does not match the batch"),
    QT_TRANSLATE_NOOP("ServiceWords", "collector reconcile answer could not be read"),
    QT_TRANSLATE_NOOP("ServiceWords", "collector_url: plain http:// to {host} is refused (summaries would cross the "
                                      "network unencrypted); use https:// (http:// is allowed only to this PC: "
                                      "127.0.0.1, ::1, localhost)"),
    QT_TRANSLATE_NOOP("ServiceWords", "collector_url: must be an https:// URL with a host (http:// only to this PC)"),
    QT_TRANSLATE_NOOP("ServiceWords", "CA bundle {file} does not exist"),
    QT_TRANSLATE_NOOP("ServiceWords", "sync failed: {error}"),
)

#: core/partners.py Directory.offer: why NHS 111 option 2 is offered in place of the directory's services.
OFFER_SHAPES = (
    QT_TRANSLATE_NOOP("ServiceWords", "No local service for this outcome is open now: offer NHS 111 option 2, the "
                                      "24-hour mental-health crisis line."),
    QT_TRANSLATE_NOOP("ServiceWords", "The directory has no local service for this outcome: offer NHS 111 option 2, "
                                      "the 24-hour mental-health crisis line."),
)

#: services/force.py directory_origin: where the partner directory came from (the panel's "Directory: …").
ORIGIN_SHAPES = (
    QT_TRANSLATE_NOOP("ServiceWords", "force pack"),
    QT_TRANSLATE_NOOP("ServiceWords", "imported by a supervisor"),
    QT_TRANSLATE_NOOP("ServiceWords", "example pack (fictional numbers)"),
)

#: core/partners.py Directory.state: why a service that is normally open is shut today.
CLOSED_SHAPES = (
    QT_TRANSLATE_NOOP("ServiceWords", "local closure"),
    QT_TRANSLATE_NOOP("ServiceWords", "bank holiday: {name}"),
)

#: Arguments that are messages themselves (said again through the same shapes).
NESTED = ("why",)


@lru_cache(maxsize=None)
def _pattern(shape: str) -> "re.Pattern[str]":
    parts = re.split(r"\{(\w+)\}", shape)
    return re.compile("".join(re.escape(p) if i % 2 == 0 else f"(?P<{p}>.+?)" for i, p in enumerate(parts)),
                      re.DOTALL)


def say_again(text: str, shapes: Iterable[object]) -> str:
    """`text` in the interface language if it has one of the shapes, else as it came."""
    listed = tuple(str(s) for s in shapes)
    first = None
    for shape in listed:
        m = _pattern(shape).fullmatch(text)
        if m is None:
            continue
        args = {k: (say_again(v, listed) if k in NESTED else v) for k, v in m.groupdict().items()}
        said = QCoreApplication.translate(CONTEXT, shape)
        said = said.format(**args) if args else said
        if all(args[k] != v for k, v in m.groupdict().items() if k in NESTED):
            return said  # every message inside it was said again too
        first = first or said  # a later, closer shape may say the inner message as well
    return first if first is not None else text


def pack_problem(reason: str) -> str:
    """A force-pack problem's reason (core/forcepack.py PackProblem.reason) in the interface language."""
    return say_again(reason, PACK_SHAPES)


def pack_problem_line(problem: object) -> str:
    """'FILE:LINE: KEY: reason' as PackProblem.__str__ words it, with the reason in the interface language."""
    file, line, key = getattr(problem, "file", ""), getattr(problem, "line", 0), getattr(problem, "key", "")
    reason = pack_problem(str(getattr(problem, "reason", problem)))
    where = f"{file}:{line}" if line else str(file)
    return f"{where}: {key}: {reason}" if key else f"{where}: {reason}"


def sync_error(text: str) -> str:
    """A sync pass's error (sync/runner.py SyncReport.error, a refused setting) in the interface language."""
    return say_again(text, SYNC_SHAPES)


def offer_fallback(reason: str) -> str:
    """Why the partner panel offers NHS 111 option 2 (core/partners.py PartnerOffer.fallback_reason)."""
    return say_again(reason, OFFER_SHAPES)


def directory_origin(origin: str) -> str:
    """Where the partner directory came from (services/force.py directory_origin) in the interface language."""
    return say_again(origin, ORIGIN_SHAPES)


def why_closed(why: str) -> str:
    """Why a service is shut today ('local closure', 'bank holiday: Christmas Day'; the holiday's name as given)."""
    return say_again(why, CLOSED_SHAPES)
