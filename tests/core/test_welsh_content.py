"""The bundled Welsh call content (issue 15, "The call content" and "Quality of the Welsh").

Every bundled flow declares `languages: [en, cy]` and writes every text a handler reads or a caller hears in both
languages, inside its caller variants. These tests read the flow files as written (YAML, with line numbers) and as
the app resolves them (the loader's caller variant first, then language), and check what a reviewer would otherwise
check by hand: nothing left in English only, no Welsh that is a copy of its English (except the reviewed allow-list
of names, numbers and codes), every number and placeholder kept, headlines that say plainly in Welsh whether police
will attend, "chi" to every caller, the glossary's service names, and the Welsh forms of the phrase-lint rules
(a caller is never told something that cannot fit them).
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from triage_desktop.core.loader import bundled_flows_dir, load_flow
from triage_desktop.core.vocab import CALLER_TYPES, POLICE_CODES

FLOWS_DIR = bundled_flows_dir()
FLOW_FILES = sorted(p for p in FLOWS_DIR.glob("*.yaml") if p.name != "phrase-lint.yaml")
TRANSLATIONS = FLOWS_DIR.parent / "translations"
GLOSSARY = TRANSLATIONS / "glossary.md"
ALLOW_SAME = TRANSLATIONS / "cy-allow-same.txt"

#: Node fields that are text (a plain string, a language mapping, or caller variants of either).
TEXT_FIELDS = ("title", "say", "why", "headline", "script", "caller_informed")
#: Texts read to the caller (the register rules apply to these; `why` and `title` are for the handler).
CALLER_FIELDS = ("say", "headline", "script")
LANG_KEYS = {"en", "cy"}


def _norm(text: str) -> str:
    return " ".join(str(text).replace("’", "'").split()).casefold()


def _allow_same() -> frozenset[str]:
    if not ALLOW_SAME.is_file():
        return frozenset()
    lines = ALLOW_SAME.read_text(encoding="utf-8").splitlines()
    return frozenset(_norm(ln) for ln in lines if ln.strip() and not ln.lstrip().startswith("#"))


def _map(node: yaml.Node) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    return {k.value: (k, v) for k, v in node.value} if isinstance(node, yaml.MappingNode) else {}


def _texts_as_written(path: Path) -> list[dict]:
    """Every text site of a flow file: where (file:line, node, field, variant) and its value node."""
    root = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    out: list[dict] = []

    def site(node_id: str, field: str, value: yaml.Node) -> None:
        if isinstance(value, yaml.MappingNode) and not set(_map(value)) <= LANG_KEYS:
            for variant, (_, v) in _map(value).items():  # caller variants, each a text
                out.append(dict(node=node_id, field=field, variant=variant, value=v,
                                where=f"{path.name}:{v.start_mark.line + 1} node {node_id} '{field}' ({variant})"))
        else:
            out.append(dict(node=node_id, field=field, variant="default", value=value,
                            where=f"{path.name}:{value.start_mark.line + 1} node {node_id} '{field}'"))

    for node_id, (_, node) in _map(_map(root)["nodes"][1]).items():
        fields = _map(node)
        for f in TEXT_FIELDS:
            if f in fields:
                site(node_id, f, fields[f][1])
        for list_key in ("options", "ranges"):
            if list_key in fields:
                for i, opt in enumerate(fields[list_key][1].value, 1):
                    o = _map(opt)
                    name = o["value"][1].value if "value" in o else str(i)
                    if "label" in o:
                        site(node_id, f"label of {name}", o["label"][1])
        for key in ("answers",):
            for ans, (_, a) in _map(fields.get(key, (None, None))[1]).items() if key in fields else ():
                if "label" in _map(a):
                    site(node_id, f"label of {ans}", _map(a)["label"][1])
        if "unknown" in fields and "label" in _map(fields["unknown"][1]):
            site(node_id, "label of unknown", _map(fields["unknown"][1])["label"][1])
        if "partners" in fields:
            for p in fields["partners"][1].value:
                pm = _map(p)
                if "note" in pm:
                    site(node_id, f"note of {pm['code'][1].value}", pm["note"][1])
    return out


def _bilingual(site: dict) -> tuple[str, str]:
    v = site["value"]
    langs = {k: val.value for k, (_, val) in _map(v).items()} if isinstance(v, yaml.MappingNode) else {}
    return str(langs.get("en", "")).strip(), str(langs.get("cy", "")).strip()


ALL_SITES = [(p.stem, s) for p in FLOW_FILES for s in _texts_as_written(p)]


def test_the_bundled_library_is_found():
    assert len(FLOW_FILES) == 7, [p.name for p in FLOW_FILES]
    assert len(ALL_SITES) > 1000  # ~1,140 texts across the seven flows


@pytest.mark.parametrize("path", FLOW_FILES, ids=lambda p: p.stem)
def test_every_bundled_flow_declares_english_and_welsh(path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data.get("languages") == ["en", "cy"], f"{path.name}: declare languages: [en, cy]"
    assert load_flow(path).languages == ("en", "cy")


@pytest.mark.parametrize("path", FLOW_FILES, ids=lambda p: p.stem)
def test_every_text_is_written_in_english_and_welsh(path):
    missing = []
    for s in _texts_as_written(path):
        v = s["value"]
        if not isinstance(v, yaml.MappingNode) or set(_map(v)) != LANG_KEYS:
            missing.append(f"{s['where']}: not an {{en, cy}} mapping")
            continue
        en, cy = _bilingual(s)
        if not en or not cy:
            missing.append(f"{s['where']}: empty {'en' if not en else 'cy'}")
    assert not missing, "\n".join(missing)


def test_no_welsh_text_is_a_copy_of_its_english():
    allow = _allow_same()
    copies = [s["where"] for _, s in ALL_SITES
              if _norm(_bilingual(s)[1]) == _norm(_bilingual(s)[0]) and _norm(_bilingual(s)[0]) not in allow]
    assert not copies, "Welsh identical to the English (translate, or allow-list a name/number/code):\n" + "\n".join(
        copies)


def test_numbers_and_placeholders_survive_translation():
    """999, 111 pwyso 2, 101, section numbers, ages, minutes and {placeholders} are never lost or changed."""
    bad = []
    for _, s in ALL_SITES:
        en, cy = _bilingual(s)
        lost = sorted(set(re.findall(r"\d+", en)) - set(re.findall(r"\d+", cy)))
        if lost:
            bad.append(f"{s['where']}: number(s) {lost} missing from the Welsh")
        if set(re.findall(r"\{(\w+)\}", en)) != set(re.findall(r"\{(\w+)\}", cy)):
            bad.append(f"{s['where']}: placeholders differ")
    assert not bad, "\n".join(bad)


@pytest.mark.parametrize("path", FLOW_FILES, ids=lambda p: p.stem)
def test_welsh_headlines_say_plainly_whether_police_will_attend(path):
    """The Welsh twin of the checker's English rule (IOPC: the caller must know whether police will attend)."""
    flow = load_flow(path)
    bad = []
    for node in flow.nodes.values():
        if node.kind != "outcome":
            continue
        for ct in (None, *CALLER_TYPES):
            cy = node.text("headline", ct, "cy")
            police = node.code in POLICE_CODES
            ok = re.match(r"Bydd yr heddlu'n (dod|aros)\b", cy) if police else re.match(
                r"Fydd yr heddlu ddim yn (dod|aros)\b", cy)
            if not ok:
                bad.append(f"{path.name} node {node.id} ({ct or 'default'}): {cy[:70]!r}")
    assert not bad, "headline must begin \"Bydd yr heddlu'n dod\" / \"Fydd yr heddlu ddim yn dod\":\n" + "\n".join(
        sorted(set(bad)))


#: Familiar ("ti") forms: a caller is always "chi" (glossary, "Register").
TI_FORMS = re.compile(r"\b(ti|wyt|rwyt|dwyt|dy|arnat|atat|iti|gen ti|gennyt)\b", re.IGNORECASE)


def test_caller_read_welsh_uses_chi_never_ti():
    bad = [f"{s['where']}: {TI_FORMS.search(_bilingual(s)[1]).group(0)!r}" for _, s in ALL_SITES
           if TI_FORMS.search(_bilingual(s)[1])]
    assert not bad, "\n".join(bad)


#: English term -> the Welsh it must be (a pattern tolerant of mutations); each Welsh term is in the glossary.
GLOSSARY_TERMS = {
    "option 2": (r"\bph?wyso 2", "pwyso 2"),  # "a phwyso 2": aspirate mutation after "a"
    "Ministry of Justice": (r"Weinyddiaeth Gyfiawnder", "y Weinyddiaeth Gyfiawnder"),
    "children's services": (r"[gw]?wasanaethau plant", "gwasanaethau plant"),
    "adult social care": (r"ofal cymdeithasol oedolion", "gofal cymdeithasol oedolion"),
    "place of safety": (r"\b[mf]an diogel", "man diogel"),
    "crisis team": (r"\b(t|d|nh)îm argyfwng", "y tîm argyfwng iechyd meddwl"),
    "Mental Health Act": (r"[Dd]?[Dd]eddf Iechyd Meddwl", "Deddf Iechyd Meddwl"),
    "Mental Capacity Act": (r"[Dd]?[Dd]eddf Galluedd Meddyliol", "Deddf Galluedd Meddyliol 2005"),
    "approved mental health professional": (r"[g]?weithiwr iechyd meddwl proffesiynol cymeradwy",
                                            "gweithiwr iechyd meddwl proffesiynol cymeradwy"),
    "A&E": (r"achosion brys", "adran achosion brys"),
    "mental-health practitioner": (r"h?ymarferydd iechyd meddwl", "ymarferydd iechyd meddwl"),
    "ambulance": (r"ambiwlans", "gwasanaeth ambiwlans"),
    "next of kin": (r"perthynas agosaf", "perthynas agosaf"),
    "duty of care": (r"[dn]?dyletswydd gofal|ddyletswydd gofal", "dyletswydd gofal"),
    "AMHP": (r"AMHP", "AMHP"),
}


def test_glossary_lists_every_term_the_content_relies_on():
    text = GLOSSARY.read_text(encoding="utf-8")
    assert "for review by a welsh-speaking practitioner" in text.lower().replace("**", "")
    rows = [ln for ln in text.splitlines() if ln.startswith("| ") and not ln.startswith("| English") and "---" not in ln]
    assert len(rows) >= 60
    for en, (_, welsh) in GLOSSARY_TERMS.items():
        assert welsh in text, f"glossary has no '{welsh}' (for '{en}')"


def test_service_names_follow_the_glossary():
    bad = []
    for _, s in ALL_SITES:
        en, cy = _bilingual(s)
        for term, (pattern, _) in GLOSSARY_TERMS.items():
            if re.search(re.escape(term), en, re.IGNORECASE) and not re.search(pattern, cy, re.IGNORECASE):
                bad.append(f"{s['where']}: '{term}' but no /{pattern}/ in the Welsh")
    assert not bad, "\n".join(bad)


#: The Welsh forms of resources/flows/phrase-lint.yaml's rules (what a caller of these types can never be read).
WELSH_PHRASE_LINT = {
    ("third_party", "professional"): ["ar eu ffordd atoch chi", "ar ei ffordd atoch chi", "dod atoch chi nawr",
                                      "yn cael eu hanfon atoch chi"],
    ("ambulance",): ["anfon ambiwlans", "cael ambiwlans atoch", "ambiwlans ar ei ffordd",
                     "eich trosglwyddo chi i'r gwasanaeth ambiwlans", "pasio'r manylion i'r gwasanaeth ambiwlans",
                     "pasio hyn i'r gwasanaeth ambiwlans"],
    ("police",): ["swyddogion ar eu ffordd atoch", "bydd swyddogion gyda chi", "swyddogion yn cael eu hanfon"],
    ("third_party",): ["ydych chi wedi brifo", "ydych chi wedi cymryd", "ydych chi'n meddwl am",
                       "oes gennych chi unrhyw beth gyda chi", "eich claf", "eich staff", "eich criw",
                       "dyletswydd gofal eich gwasanaeth", "ydych chi o dan 18"],
    ("self",): ["eich claf", "eich staff", "eich criw", "dyletswydd gofal eich gwasanaeth", "eich dyletswydd gofal"],
    ("professional",): ["ydych chi wedi brifo'ch hun", "ydych chi wedi cymryd rhywbeth", "ydych chi ar eich pen eich hun",
                        "ydych chi o dan 18"],
}


def _applies(callers: tuple[str, ...], ct: str) -> bool:
    return ct in callers or CALLER_TYPES[ct].group in callers


@pytest.mark.parametrize("path", FLOW_FILES, ids=lambda p: p.stem)
def test_welsh_phrase_lint(path):
    """Resolved as the app resolves them (caller variant, then Welsh), no caller type is read Welsh that the English
    phrase lint forbids in English (e.g. an officer on scene told officers are on their way to them)."""
    flow = load_flow(path)
    bad = []
    for node in flow.nodes.values():
        for ct in CALLER_TYPES:
            texts = [(f, node.text(f, ct, "cy")) for f in CALLER_FIELDS if getattr(node, f, "")]
            texts += [(f"label of {o.value}", o.label_for(ct, "cy")) for o in getattr(node, "options", ()) or ()]
            for callers, phrases in WELSH_PHRASE_LINT.items():
                if not _applies(callers, ct):
                    continue
                for field, text in texts:
                    low = _norm(text)
                    bad += [f"{path.name} node {node.id} '{field}' read to {ct}: {p!r}" for p in phrases if p in low]
    assert not bad, "\n".join(sorted(set(bad)))


@pytest.mark.parametrize("path", FLOW_FILES, ids=lambda p: p.stem)
def test_the_app_resolves_welsh_for_every_caller_type(path):
    """Caller variant first, then language: every caller type gets a Welsh text that is not the English one."""
    flow = load_flow(path)
    bad = []
    for node in flow.nodes.values():
        for ct in (None, *CALLER_TYPES):
            for f in ("say", "why", "title", "headline", "script", "caller_informed"):
                en = node.text(f, ct, "en")
                if f == "title" and en == node.id.replace("_", " ").capitalize():
                    continue  # no title written: the loader's own from the node id (not content)
                if en and _norm(node.text(f, ct, "cy")) == _norm(en):
                    bad.append(f"{path.name} node {node.id} '{f}' ({ct}): resolves to English")
            for o in getattr(node, "options", ()) or ():
                if o.label and _norm(o.label_for(ct, "cy")) == _norm(o.label_for(ct, "en")):
                    bad.append(f"{path.name} node {node.id} label of {o.value} ({ct}): resolves to English")
            for p in getattr(node, "partners", ()) or ():
                if p.note and _norm(p.note_in("cy")) == _norm(p.note):
                    bad.append(f"{path.name} node {node.id} note of {p.code}: resolves to English")
    assert not bad, "\n".join(sorted(set(bad)))
