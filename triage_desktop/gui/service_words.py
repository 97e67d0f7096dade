"""Words the services produce for display, in the interface language (translated here, at the GUI edge).

The services word a few things for the screen in English (a partner's opening hours, why a typed answer was
refused). Their shapes are fixed, so each is matched here and said again through the catalogue; anything that does
not match is shown as the services gave it. The record and the incident log keep the English.
"""
from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication

from .message_shapes import why_closed

translate = QCoreApplication.translate


def _when(text: str) -> str:
    """'tomorrow 09:00' -> 'yfory 09:00'; a time or a date is kept."""
    if text.startswith("tomorrow "):
        return translate("ServiceWords", "tomorrow {time}").format(time=text[len("tomorrow "):])
    return text


def partner_when(text: str) -> str:
    """core/partners.py PartnerStatus.when_words: 'open 24 hours', 'open until 17:00', 'closed: opens Mon 09:00'."""
    if text == "open 24 hours":
        return translate("ServiceWords", "open 24 hours")
    m = re.fullmatch(r"open until (.+)", text)
    if m:
        return translate("ServiceWords", "open until {time}").format(time=_when(m.group(1)))
    m = re.fullmatch(r"closed( \((?P<why>.*)\))?: not open in the next two weeks", text)
    if m:
        return translate("ServiceWords", "closed{why}: not open in the next two weeks").format(
            why=f" ({why_closed(m.group('why'))})" if m.group("why") else "")
    m = re.fullmatch(r"closed( \((?P<why>.*)\))?: opens (?P<when>.+)", text)
    if m:
        return translate("ServiceWords", "closed{why}: opens {time}").format(
            why=f" ({why_closed(m.group('why'))})" if m.group("why") else "", time=_when(m.group("when")))
    return text


def answer_refused(text: str) -> str:
    """core/answers.py: why a typed or chosen answer was refused (shown under the question)."""
    m = re.fullmatch(r"'(?P<q>.*)' needs a number", text)
    if m:
        return translate("ServiceWords", "'{question}' needs a number").format(question=m.group("q"))
    m = re.fullmatch(r"'(?P<q>.*)' needs a finite number", text)
    if m:
        return translate("ServiceWords", "'{question}' needs a finite number").format(question=m.group("q"))
    m = re.fullmatch(r"(?P<v>\S+) is outside the ranges of '(?P<q>.*)'", text)
    if m:
        return translate("ServiceWords", "{value} is outside the ranges of '{question}'").format(
            value=m.group("v"), question=m.group("q"))
    m = re.fullmatch(r"choose at least one option for '(?P<q>.*)'", text)
    if m:
        return translate("ServiceWords", "choose at least one option for '{question}'").format(question=m.group("q"))
    if text == "answer the question before marking it volunteered":
        return translate("ServiceWords", "answer the question before marking it volunteered")
    if text == "this is the first question":
        return translate("ServiceWords", "this is the first question")
    return text


def window_title(text: str) -> str:
    """core/exits.py window_title: 'TRAINING: not a real call — Call in progress: …' in the interface language."""
    parts = text.split(" — ")
    out = []
    for p in parts:
        if p == "TRAINING: not a real call":
            p = translate("ServiceWords", "TRAINING: not a real call")
        elif p == "No call open":
            p = translate("ServiceWords", "No call open")
        elif p == "Call in progress":
            p = translate("ServiceWords", "Call in progress")
        elif p.startswith("Call in progress: "):
            p = translate("ServiceWords", "Call in progress: {flow}").format(flow=p[len("Call in progress: "):])
        elif p.startswith("Outcome: "):
            p = translate("ServiceWords", "Outcome: {what}").format(what=p[len("Outcome: "):])
        out.append(p)
    return " — ".join(out)
