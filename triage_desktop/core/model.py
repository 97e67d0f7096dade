"""The flow model: immutable dataclasses built by the loader from a flow file."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional

QUESTION_KINDS = ("yesno", "choice", "multi", "number", "text")
NODE_KINDS = QUESTION_KINDS + ("info", "route", "outcome")
YESNO_LABELS = {"yes": "Yes", "no": "No", "unknown": "Unknown"}
#: Reserved target: `next: finish` ends the post-decision ("while they are on the way") steps.
FINISH = "finish"

#: (variant key, text) pairs, e.g. (("third_party", "..."), ("professional", "...")); 'default' is the plain field.
Variants = tuple[tuple[str, str], ...]
#: Languages a flow text may be written in (docs/flow-format.md, "Bilingual texts"). English is the base: the
#: plain fields of the model are English, the other languages are looked up in the translations.
LANGUAGES = ("en", "cy")
LANGUAGE_NAMES = {"en": "English", "cy": "Welsh"}
#: (variant key, language, text) of the non-English texts of one field, e.g. (("default", "cy", "..."),).
Translations = tuple[tuple[str, str, str], ...]


def pick_key(variants: Variants, caller_type: Optional[str]) -> str:
    """The caller variant a caller of this type is read: specific type -> its group -> 'default'."""
    if not variants:
        return "default"
    from .vocab import variant_chain

    found = dict(variants)
    for key in variant_chain(caller_type):
        if key in found:
            return key
    return "default"


def pick_variant(default: str, variants: Variants, caller_type: Optional[str]) -> str:
    """The text a caller of this type is read: specific type -> its group -> default."""
    key = pick_key(variants, caller_type)
    return default if key == "default" else dict(variants)[key]


def pick_text(default: str, variants: Variants, caller_type: Optional[str], lang: str = "en",
              tr: Translations = ()) -> str:
    """Caller variant first (as `pick_variant`), then language: the chosen variant's text in `lang`, else English."""
    key = pick_key(variants, caller_type)
    if lang != "en":
        for k, lg, text in tr:
            if k == key and lg == lang:
                return text
    return default if key == "default" else dict(variants)[key]


@dataclass(frozen=True)
class TextSite:
    """One text as written in a flow file, for `flows check`: which field and caller variant, and its languages."""

    field: str  # say | why | title | headline | script | caller_informed | rationale | label of 'v' | note of 'c'
    variant: str  # 'default' or a caller variant key
    langs: tuple[tuple[str, str], ...]  # (language, text) as written; a plain string is (("en", text),)
    line: int = 0

    def get(self, lang: str) -> Optional[str]:
        return dict(self.langs).get(lang)


#: Built-in answer labels in other languages (yes/no/unknown and the number-range forms).
BUILTIN_LABELS = {"cy": {"yes": "Ie", "no": "Na", "unknown": "Ddim yn gwybod"}}


def builtin_label(value: str, label: str, lang: str) -> str:
    """A label the loader made (Yes/No/Unknown, 'under 60', '60 or more') in another language, else as given."""
    if lang == "en":
        return label
    table = BUILTIN_LABELS.get(lang, {})
    if value in table and label == YESNO_LABELS.get(value):
        return table[value]
    if lang == "cy":
        import re

        m = re.fullmatch(r"under (\S+)", label)
        if m:
            return f"llai na {m.group(1)}"
        m = re.fullmatch(r"(\S+) or more", label)
        if m:
            return f"{m.group(1)} neu fwy"
        if label == "any":
            return "unrhyw"
    return label


@dataclass(frozen=True)
class Target:
    """Where an answer leads: a node in the same flow, or the start of another flow."""

    node: Optional[str] = None
    flow: Optional[str] = None
    finish: bool = False  # `next: finish`: the end of the post-decision steps

    def describe(self) -> str:
        if self.finish:
            return "finish"
        return f"flow {self.flow}" if self.flow else f"node {self.node}"


@dataclass(frozen=True)
class Option:
    """One answer to a question: yes/no/unknown, a choice option, a number range or 'unknown'."""

    value: str
    label: str
    target: Optional[Target]  # None for multi options (the node's own target applies)
    flags: tuple[str, ...] = ()
    thrive: tuple[tuple[str, str], ...] = ()
    min: Optional[float] = None  # number ranges only: inclusive
    max: Optional[float] = None  # number ranges only: exclusive
    label_variants: Variants = ()  # optional caller variants of the label
    raise_to: str = ""  # `raise: CODE` (post-decision): raise the decision to this code
    add_partners: tuple[str, ...] = ()  # partner codes added when this answer is given
    label_tr: Translations = ()  # the label in other languages (per caller variant)

    def label_for(self, caller_type: Optional[str], lang: str = "en") -> str:
        if lang != "en" and not self.label_tr:
            return builtin_label(self.value, self.label, lang)
        return pick_text(self.label, self.label_variants, caller_type, lang, self.label_tr)

    def matches_number(self, x: float) -> bool:
        return (self.min is None or x >= self.min) and (self.max is None or x < self.max)


@dataclass(frozen=True)
class Route:
    """A route node's branch: taken when its flag condition holds (no condition = default)."""

    target: Target
    when_any: tuple[str, ...] = ()
    when_all: tuple[str, ...] = ()

    @property
    def is_default(self) -> bool:
        return not self.when_any and not self.when_all

    def holds(self, flags: frozenset[str] | set[str]) -> bool:
        if self.when_any and not any(f in flags for f in self.when_any):
            return False
        if self.when_all and not all(f in flags for f in self.when_all):
            return False
        return True


@dataclass(frozen=True)
class Partner:
    """A partner service named at an outcome: by directory code (v2) or the legacy {name, contact} form."""

    name: str
    contact: str = ""
    code: str = ""  # PARTNER_CODES key; "" for the legacy form
    note: str = ""
    note_tr: tuple[tuple[str, str], ...] = ()  # (language, note) in other languages

    def note_in(self, lang: str) -> str:
        return dict(self.note_tr).get(lang, self.note) if lang != "en" else self.note


@dataclass(frozen=True)
class Node:
    """One step of a flow."""

    id: str
    kind: str
    title: str
    say: str = ""
    why: str = ""
    risk: bool = False
    options: tuple[Option, ...] = ()  # yesno/choice/multi options; number ranges
    unknown: Optional[Option] = None  # number: the 'unknown' answer
    target: Optional[Target] = None  # multi/text/info: the single way on
    allow_none: bool = False
    unit: str = ""
    routes: tuple[Route, ...] = ()
    # outcome fields
    code: str = ""
    headline: str = ""
    rationale: str = ""
    script: str = ""
    caller_informed: str = ""
    partners: tuple[Partner, ...] = ()
    thrive: tuple[tuple[str, str], ...] = ()
    line: int = 0  # line in the source file, for error messages
    # flow format v2
    variants: tuple[tuple[str, Variants], ...] = ()  # field -> caller variants (the plain field is the default)
    neutral: bool = False  # the plain text fits every caller (second-person rule accepts it)
    records: str = ""  # caller_type | caller_with_person
    after_decision: bool = False  # a "while they are on the way" step
    skip_if_caller_with_person: bool = False
    skip_target: Optional[Target] = None  # where a skipped node goes (`skip_next`, else the node's `next`)
    continue_to: Optional[Target] = None  # outcome: `continue`, the first post-decision step
    add_partners: tuple[str, ...] = ()  # partner codes added when this node is answered
    lines: tuple[tuple[str, int], ...] = ()  # field -> source line, for messages
    # bilingual texts: field -> translations (the plain fields are English); every text as written, for the checker
    tr: tuple[tuple[str, Translations], ...] = ()
    sites: tuple[TextSite, ...] = ()

    def text(self, name: str, caller_type: Optional[str] = None, lang: str = "en") -> str:
        """A text field as read to a caller of this type, in a language (say, why, title, script, headline,
        caller_informed, rationale): caller variant first, then language (English when not translated)."""
        return pick_text(getattr(self, name), dict(self.variants).get(name, ()), caller_type, lang,
                         dict(self.tr).get(name, ()))

    def text_variants(self, name: str) -> Variants:
        return dict(self.variants).get(name, ())

    def line_of(self, name: str) -> int:
        return dict(self.lines).get(name, self.line)

    @property
    def is_question(self) -> bool:
        return self.kind in QUESTION_KINDS

    @property
    def is_outcome(self) -> bool:
        return self.kind == "outcome"

    @property
    def is_free_text(self) -> bool:
        """A typed free-text answer: personal data (kept private in the store, never in a summary)."""
        return self.kind == "text"

    def option(self, value: str) -> Optional[Option]:
        for o in self.options:
            if o.value == value:
                return o
        if self.unknown is not None and value == "unknown":
            return self.unknown
        return None

    def targets(self) -> list[Target]:
        """Every way on from this node."""
        out: list[Target] = []
        if self.target is not None:
            out.append(self.target)
        for o in self.options:
            if o.target is not None:
                out.append(o.target)
        if self.unknown is not None and self.unknown.target is not None:
            out.append(self.unknown.target)
        out.extend(r.target for r in self.routes)
        if self.continue_to is not None:
            out.append(self.continue_to)
        if self.skip_target is not None and self.skip_target not in out:
            out.append(self.skip_target)
        return out

    def answers(self) -> list[Option]:
        """Every answer option, the number node's 'unknown' included."""
        return list(self.options) + ([self.unknown] if self.unknown is not None else [])


@dataclass(frozen=True)
class Flow:
    """A whole flow file: metadata plus nodes, in file order."""

    id: str
    version: str
    title: str
    pathway: str
    start: str
    nodes: dict[str, Node]
    description: str = ""
    sources: tuple[str, ...] = ()
    path: str = ""
    immediate_risk_continue: str = ""  # node id: post-decision steps after the immediate-risk interrupt
    languages: tuple[str, ...] = ("en",)  # `languages: [en, cy]`: every text must be written in each
    title_tr: tuple[tuple[str, str], ...] = ()  # (language, title) in other languages (the plain title is English)
    sites: tuple[TextSite, ...] = ()  # the flow's own texts as written (its title), for `flows check`
    content_hash: str = ""
    source_text: str = ""
    raw: Any = field(default=None, repr=False, compare=False)

    def node(self, node_id: str) -> Node:
        return self.nodes[node_id]

    def title_in(self, lang: str) -> str:
        """The flow's title in a call language (English when it has none in that language)."""
        return dict(self.title_tr).get(lang, self.title) if lang != "en" else self.title

    @property
    def ref(self) -> dict[str, str]:
        return {"id": self.id, "version": self.version, "hash": self.content_hash}


@dataclass(frozen=True)
class TestCase:
    """A flow's own test case: answers in order and the outcome expected."""

    name: str
    answers: tuple[Any, ...]
    expect: str
    expect_flags: Optional[tuple[str, ...]] = None
    initial_flags: tuple[str, ...] = ()
    caller_type: Optional[str] = None  # v2: set before the first answer
    expect_first_decision: Optional[str] = None
    expect_partners_added: Optional[tuple[str, ...]] = None
    expect_not_asked: Optional[tuple[str, ...]] = None
