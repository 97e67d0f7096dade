"""Early exit and override that tell the truth (issue 12), and the words the screens use for a decision (pure).

- Early exit lists only the questions not asked on this call's own path (FlowRun.unasked_on_path), grouped by flow
  and short; the outcome has no default; when risk questions were not answered the safer outcomes come first; a
  caller who rang off gets no script to read and the record says so.
- An override rebuilds the outcome's wording, rationale and THRIVE for the new code and says the handler changed it;
  the handler's reason is kept beside the rationale (OutcomeResult.reason), never quoted inside it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Iterable, Optional, Sequence

from .outcomes import OutcomeResult, builtin_outcome
from .outcome_words import attend_words, decision_words, window_title  # noqa: F401 - re-exported
from .vocab import FLAGS, NON_DECISION_CODES, OUTCOME_CODES, POLICE_FLAGS, decision_rank

if TYPE_CHECKING:
    from .engine import FlowRun

#: (flow title, [(question title, is a risk question)]) as FlowRun.unasked_on_path gives them.
Groups = Sequence[tuple[str, Sequence[tuple[str, bool]]]]

#: What the record and the outcome screen say when the caller rang off before being told.
UNREACHABLE_WORDS = "Caller not reachable (rang off)"
#: Shown at most this many questions per group (then "and N more").
SHORT = 6


def unasked_words(groups: Groups, *, short: int = SHORT) -> str:
    """'Entry triage: Risk to life now? (risk question); Crime? Concern for welfare: …' or 'none'."""
    parts = []
    for title, questions in groups:
        shown = [q + (" (risk question)" if risk else "") for q, risk in list(questions)[:short]]
        more = len(questions) - len(shown)
        parts.append(f"{title}: " + "; ".join(shown) + (f"; and {more} more" if more > 0 else ""))
    return ". ".join(parts) if parts else "none"


def risk_unanswered(groups: Groups) -> bool:
    return any(risk for _, questions in groups for _, risk in questions)


def outcome_choices(*, safer_first: bool = False, current: str = "") -> tuple[tuple[str, str], ...]:
    """(code, label) the handler may choose (never FORCE_PROCEDURE). `safer_first`: police outcomes first, the
    strongest first. `current`: that outcome first, labelled as the current one (the override list)."""
    codes = [c for c in OUTCOME_CODES if c not in NON_DECISION_CODES]
    if safer_first:
        codes.sort(key=lambda c: -decision_rank(c))  # stable: vocabulary order within a rank
    if current in codes:
        codes.remove(current)
        codes.insert(0, current)
    return tuple((c, f"{OUTCOME_CODES[c].response}" + (" (current outcome)" if c == current else "")) for c in codes)


@dataclass(frozen=True)
class EarlyExitInfo:
    """What the early-exit dialog shows: the questions not asked (grouped), whether risk questions are among them
    (or answered only "don't know"), and the outcomes to choose from (no default)."""

    groups: tuple[tuple[str, tuple[tuple[str, bool], ...]], ...] = ()
    risk_unanswered: bool = False
    choices: tuple[tuple[str, str], ...] = ()

    @property
    def summary(self) -> str:
        return unasked_words(self.groups)

    @property
    def warning(self) -> str:
        """The sentence the dialog leads with when risk questions were not answered ('' otherwise)."""
        if not self.risk_unanswered:
            return ""
        return ("The risk questions have not been answered: nobody has established whether there is a real and "
                "immediate risk to life or of serious harm. The safer outcomes are listed first.")


def early_exit_info(run: "FlowRun") -> EarlyExitInfo:
    groups = tuple((t, tuple(q)) for t, q in run.unasked_on_path())
    unknown_risk = any(p.node.risk and p.answer is not None and str(p.answer.value).lower() in ("unknown", "dont_know")
                       for p in run.path)
    risky = risk_unanswered(groups) or unknown_risk
    return EarlyExitInfo(groups=groups, risk_unanswered=risky, choices=outcome_choices(safer_first=risky))


def _flag_words(flags: Iterable[str]) -> str:
    return "; ".join(FLAGS.get(f, f) for f in sorted(flags))


def _threshold_sentence(code: str, flags: frozenset[str] | set[str], *, changed: bool) -> str:
    police_flags = set(flags) & POLICE_FLAGS
    voc = OUTCOME_CODES[code]
    if police_flags:
        met = f"The answers recorded meet the RCRP threshold ({_flag_words(police_flags)})"
        return met + (": the handler decided police will not attend." if not voc.police and changed else ".")
    if voc.police and changed:
        return ("No crime and no real and immediate risk to life or of serious harm were recorded in the answers: "
                "police attendance is the handler's decision, not the RCRP threshold.")
    return "No crime and no real and immediate risk were recorded in the answers."


#: Wording for POLICE_SCHEDULED when no crime was reported (the default wording says "to investigate").
SCHEDULED_NO_CRIME = ("Police will attend at a scheduled time.",
                      "An officer will contact you to arrange a time to attend. If anyone is in immediate danger, "
                      "call 999 straight away.")


def _words_for(code: str, flags: frozenset[str] | set[str], result: OutcomeResult) -> OutcomeResult:
    if code == "POLICE_SCHEDULED" and "crime" not in flags:
        result = replace(result, headline=SCHEDULED_NO_CRIME[0], script=SCHEDULED_NO_CRIME[1])
    return result


def early_exit_outcome(code: str, *, reason: str, groups: Groups, flags: Any, thrive: dict[str, str],
                       caller_type: Optional[str], caller_unreachable: bool = False) -> OutcomeResult:
    """The outcome of an early exit: the chosen code's wording, a rationale naming what was not asked (the
    handler's reason stays in `reason`, shown beside the rationale), and THRIVE saying the call ended early."""
    flags = frozenset(flags)
    if set(flags) & POLICE_FLAGS:
        threshold = _threshold_sentence(code, flags, changed=True)
    elif risk_unanswered(groups):
        threshold = "The RCRP threshold was not assessed in full: risk questions were not answered."
    else:
        threshold = "No crime and no real and immediate risk were recorded in the answers given."
    rationale = (f"Call ended early by the handler, before the questions were done; the handler chose "
                 f"{decision_words(code)} ({attend_words(code)}). {threshold} "
                 f"Questions not asked: {unasked_words(groups)}.")
    if caller_unreachable:
        rationale += " The caller rang off before being told the outcome."
    t = dict(thrive)
    t["engagement"] = (f"Call ended early by the handler: {decision_words(code)}"
                       + ("; caller rang off before being told the outcome" if caller_unreachable else ""))
    out = builtin_outcome(code, source="early_exit", reason=reason, rationale=rationale, thrive=t,
                          caller_type=caller_type)
    out = _words_for(code, flags, out)
    if caller_unreachable:
        return replace(out, script="", caller_informed=f"{UNREACHABLE_WORDS}: not told the outcome.",
                       caller_unreachable=True)
    return replace(out, caller_informed=f"Caller told: {out.headline}")


def override_outcome(code: str, *, reason: str, original: Optional[OutcomeResult], flags: Any,
                     thrive: dict[str, str], caller_type: Optional[str]) -> OutcomeResult:
    """The outcome after the handler changed it: wording, rationale and THRIVE for the new code, saying so."""
    flags = frozenset(flags)
    old = original.code if original is not None else ""
    before = (f" The questions had reached {decision_words(old)} ({old}): {original.rationale}"
              if original is not None and original.rationale else "")
    rationale = (f"Outcome changed by the handler from {decision_words(old) if old else 'none'} ({old or '-'}) to "
                 f"{decision_words(code)} ({code}): {attend_words(code)}. "
                 f"{_threshold_sentence(code, flags, changed=True)}{before}")
    t = dict(thrive)
    t["engagement"] = f"Outcome changed by the handler to {decision_words(code)}"
    if OUTCOME_CODES[code].police and "crime" not in flags:
        t["investigation"] = "No crime reported in the call"
    out = builtin_outcome(code, source="override", reason=reason, original=original, rationale=rationale,
                          thrive=t, caller_type=caller_type)
    out = _words_for(code, flags, out)
    if original is not None and original.caller_unreachable:
        return replace(out, script="", caller_unreachable=True,
                       caller_informed=f"{UNREACHABLE_WORDS}: not told the outcome (changed by the handler).")
    return replace(out, caller_informed=f"Caller told (outcome changed by the handler): {out.headline}")


_SENTENCE_RE = re.compile(r"(?<=[.!?])\s+")
_ATTEND_ONLY_RE = re.compile(r"^police (will|won't|are|is)( not)? (attend|attending|be attending|be coming( out)?|"
                             r"come)\.?$", re.IGNORECASE)


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9 ]", "", text.lower().replace("’", "'")).strip()


def script_after_headline(headline: str, script: str) -> str:
    """The script without the sentences that only repeat the headline (it is read straight after the headline):
    leading sentences the headline already says, or a bare 'Police will (not) attend' when the headline says it."""
    said = {_norm(s) for s in _SENTENCE_RE.split(headline.strip()) if s}
    head_attend = bool(re.match(r"^police (will|won't|are|is)", headline.strip(), re.IGNORECASE))
    sentences = [s for s in _SENTENCE_RE.split(script.strip()) if s]
    while sentences and (_norm(sentences[0]) in said or (head_attend and _ATTEND_ONLY_RE.match(sentences[0]))):
        sentences.pop(0)
    return " ".join(sentences)


def response_words(out: OutcomeResult, source_words: str) -> str:
    """The outcome-and-response line: the vocabulary's meaning only when the questions reached the outcome (an
    override or early exit does not claim, say, 'a crime to investigate' that nobody reported)."""
    voc = OUTCOME_CODES[out.code]
    if out.source in ("override", "early_exit"):
        return f"{out.response}. {source_words}."
    return f"{out.response}. {voc.meaning} ({source_words}.)"


#: The partner an outcome puts the caller through to, named in its headline ("putting you through to ...").
PRIMARY_PARTNER = {"MH_PRACTITIONER": "mh_practitioner", "CRISIS_TEAM": "crisis_team", "AMHP_REFERRAL": "amhp_service"}
#: The partner's words in a sentence to the caller.
PARTNER_SPOKEN = {"mh_practitioner": "the mental-health practitioner in our control room",
                  "crisis_team": "the crisis team", "amhp_service": "the AMHP service"}


def name_open_alternative(out: OutcomeResult, *, offered: Sequence[str], known: Sequence[str],
                          names: dict[str, str]) -> OutcomeResult:
    """When the service the outcome puts the caller through to is closed now (the directory knows it, and it is not
    among the services offered), the sentence to read names the open alternative instead (NHS 111 option 2 first).

    `offered`: partner codes offered now (open, or the 24-hour fallback); `known`: codes the directory has;
    `names`: code -> service name. The rationale keeps what the questions decided; the caller-informed statement
    and the words to read say what actually happens."""
    primary = PRIMARY_PARTNER.get(out.code)
    if primary is None or primary in offered or primary not in known or out.caller_unreachable:
        return out
    alts = [c for c in offered if c != primary]
    if not alts:
        return out
    alt = "nhs_111_mh" if "nhs_111_mh" in alts else alts[0]
    alt_name = names.get(alt, alt)
    closed = PARTNER_SPOKEN.get(primary, names.get(primary, primary))
    headline = (f"Police will not attend. {closed[0].upper() + closed[1:]} is not available at this time, so I'm "
                f"going to put you through to {alt_name} now.")
    script = (f"Police will not attend, because nobody is in immediate danger right now. {closed[0].upper()}"
              f"{closed[1:]} isn't available at this time, so I'm putting you through to {alt_name} now, and "
              "I'll stay on the line until they answer. If things get worse, or anyone is in immediate danger, "
              "call 999 straight away.")
    thrive = dict(out.thrive)
    thrive["engagement"] = f"Put through to {alt_name} ({_lower_first(names.get(primary, primary))} closed at the time)"
    said = tuple((k, v) for k, v in getattr(out, "said", ()) if k not in ("headline", "script", "caller_informed"))
    if getattr(out, "language", "en") == "cy":  # a Welsh call: the words read out name the open service in Welsh
        said += _open_alternative_cy(primary, alt, alt_name)
    return replace(out, headline=headline, script=script, thrive=thrive, said=said,
                   caller_informed=(f"Caller told police will not attend; {_lower_first(names.get(primary, primary))} "
                                    f"closed at the time, so put through to {alt_name}."))


#: The same in Welsh (resources/translations/glossary.md; for review by a Welsh-speaking practitioner): the closed
#: service after "Dydy'r" and the open one after "at:" (no mutation to get wrong).
PARTNER_SPOKEN_CY = {"mh_practitioner": "ymarferydd iechyd meddwl yn ein hystafell reoli",
                     "crisis_team": "tîm argyfwng iechyd meddwl", "amhp_service": "gwasanaeth AMHP"}
OPEN_SPOKEN_CY = {"nhs_111_mh": "GIG 111, pwyso 2 (llinell argyfwng iechyd meddwl)",
                  "crisis_team": "y tîm argyfwng iechyd meddwl", "mh_practitioner": "yr ymarferydd iechyd meddwl",
                  "street_triage": "y tîm brysbennu stryd", "samaritans": "y Samariaid",
                  "amhp_service": "y gwasanaeth AMHP", "ambulance": "y gwasanaeth ambiwlans"}


def _open_alternative_cy(primary: str, alt: str, alt_name: str) -> tuple[tuple[str, str], ...]:
    closed = PARTNER_SPOKEN_CY.get(primary, "gwasanaeth")
    to = OPEN_SPOKEN_CY.get(alt, alt_name)
    headline = (f"Fydd yr heddlu ddim yn dod. Dydy'r {closed} ddim ar gael ar hyn o bryd, felly rydw i'n mynd i'ch "
                f"trosglwyddo chi nawr at: {to}.")
    script = (f"Fydd yr heddlu ddim yn dod, achos does neb mewn perygl uniongyrchol ar hyn o bryd. Dydy'r {closed} "
              f"ddim ar gael ar hyn o bryd, felly rydw i'n eich trosglwyddo chi nawr at: {to}. Bydda i'n aros ar y "
              "lein nes byddan nhw'n ateb. Os bydd pethau'n gwaethygu, neu os bydd unrhyw un mewn perygl "
              "uniongyrchol, ffoniwch 999 ar unwaith.")
    return (("headline", headline), ("script", script), ("caller_informed", "Dywedwyd wrth y galwr: " + headline))


def _lower_first(text: str) -> str:
    return text[0].lower() + text[1:] if len(text) > 1 and text[0].isupper() and text[1].islower() else text
