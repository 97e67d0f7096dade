"""Reading the texts of a flow file: plain text, caller variants and language mappings ({en: ..., cy: ...}),
collecting problems (by node and line) instead of stopping at the first (docs/flow-format.md)."""
from __future__ import annotations

from typing import Any, Optional

from .model import LANGUAGES, TextSite
from .problems import Problem
from .vocab import CALLER_TYPES, VARIANT_KEYS
from .yamlpos import key_line


def is_language_map(v: Any) -> bool:
    """A mapping whose keys are all language codes (en, cy): one text in several languages."""
    if not isinstance(v, dict):
        return False
    keys = [k for k in v if k not in ("__line__", "__dupes__")]
    return bool(keys) and all(k in LANGUAGES for k in keys)


class TextReader:
    """The text half of the flow builder: every text of the node being built, its translations and its sites."""

    def __init__(self, file: str):
        self.file = file
        self.problems: list[Problem] = []
        self.tr: dict[str, list[tuple[str, str, str]]] = {}  # the node being built: field -> translations
        self.sites: list[TextSite] = []  # the node being built: every text as written

    def problem(self, node: str, message: str, line: int = 0, level: str = "error") -> None:
        self.problems.append(Problem(self.file, node, message, line, level))

    def variant_text(self, d: dict, key: str, node: str, *, required: bool = True,
                     site: Optional[str] = None) -> tuple[str, tuple, int]:
        """A text that may have caller variants: a plain string (the default) or a mapping of variant keys, each
        value plain text or a language mapping {en: ..., cy: ...} (docs/flow-format.md, "Bilingual texts").

        Returns (default text, ((key, text), ...) without the default, line of the mapping or 0), all English;
        the other languages go to `self.tr[key]` and every text written to `self.sites`."""
        v = d.get(key)
        if not isinstance(v, dict) or is_language_map(v):
            if v is None:
                return self.text(d, key, node, required=required), (), 0
            got = self.lang_text(v, site or key, node, "default", key_line(d, key), what=f"'{key}'")
            return (got or "", (), v.get("__line__", 0) if isinstance(v, dict) else 0)
        line = v.get("__line__", d.get("__line__", 0))
        for dup in v.get("__dupes__", []):
            self.problem(node, f"'{key}': duplicate caller variant '{dup}'", line)
        keys = [k for k in v if k not in ("__line__", "__dupes__")]
        langs = [k for k in keys if k in LANGUAGES]
        if langs:
            others = [str(k) for k in keys if k not in LANGUAGES]
            self.problem(node, f"'{key}' mixes language keys ({', '.join(langs)}) and caller-variant keys "
                               f"({', '.join(others)}) in one mapping: put {{en: ..., cy: ...}} inside each caller "
                               "variant", line)
            return "", (), line
        out: list[tuple[str, str]] = []
        default = ""
        for k in keys:
            val = v[k]
            if k not in VARIANT_KEYS:
                self.problem(node, f"'{key}': unknown caller variant '{k}' (use default, a group "
                                   f"self/third_party/professional, or a caller type: {', '.join(CALLER_TYPES)})", line)
                continue
            text = self.lang_text(val, site or key, node, str(k), key_line(v, k),
                                  what=f"'{key}': caller variant '{k}'")
            if text is None:
                continue
            if k == "default":
                default = text
            else:
                out.append((str(k), text))
        if not default:
            self.problem(node, f"'{key}' has caller variants but no 'default' (the neutral text is required)", line)
        return default, tuple(out), line

    def lang_text(self, val: Any, key: str, node: str, variant: str, line: int, *, what: str) -> Optional[str]:
        """One text: plain (English) or a language mapping. Returns the English (None on a problem); records the
        other languages in `self.tr[key]` and the text in `self.sites`."""
        if isinstance(val, dict):
            vline = val.get("__line__", line)
            for dup in val.get("__dupes__", []):
                self.problem(node, f"{what}: duplicate language '{dup}'", vline)
            keys = [k for k in val if k not in ("__line__", "__dupes__")]
            bad = [str(k) for k in keys if k not in LANGUAGES]
            if bad:
                if any(k in LANGUAGES for k in keys):
                    self.problem(node, f"{what} mixes language keys and other keys ({', '.join(bad)}) in one "
                                       f"mapping: use only {', '.join(LANGUAGES)}", vline)
                elif all(k in VARIANT_KEYS for k in keys):
                    self.problem(node, f"{what} must be text or a language mapping {{en: ..., cy: ...}} (caller "
                                       "variants cannot be nested)", vline)
                else:
                    self.problem(node, f"{what}: unknown language '{bad[0]}' (use {', '.join(LANGUAGES)})", vline)
                return None
            langs: list[tuple[str, str]] = []
            for k in keys:
                t = val[k]
                if not isinstance(t, (str, int, float)) or isinstance(t, bool) or not str(t).strip():
                    self.problem(node, f"{what}: the '{k}' text must be non-empty text", key_line(val, k))
                    return None
                langs.append((str(k), str(t).strip()))
            found = dict(langs)
            if "en" not in found:
                self.problem(node, f"{what} has no 'en' text (English is required in every language mapping)",
                             vline)
                return None
            langs.sort(key=lambda kv: LANGUAGES.index(kv[0]))
            self.sites.append(TextSite(key, variant, tuple(langs), vline if vline else line))
            for lg, t in langs:
                if lg != "en":
                    self.tr.setdefault(key, []).append((variant, lg, t))
            return found["en"]
        if not isinstance(val, (str, int, float)) or isinstance(val, bool) or not str(val).strip():
            self.problem(node, f"{what} must be non-empty text", line)
            return None
        text = str(val).strip()
        self.sites.append(TextSite(key, variant, (("en", text),), line))
        return text

    def ltext(self, d: dict, key: str, node: str, *, required: bool = True, site: Optional[str] = None) -> str:
        """A text without caller variants (why, title, rationale, a partner note): plain or a language mapping."""
        v = d.get(key)
        if isinstance(v, dict):
            return self.lang_text(v, site or key, node, "default", key_line(d, key), what=f"'{key}'") or ""
        out = self.text(d, key, node, required=required)
        if out:
            self.sites.append(TextSite(site or key, "default", (("en", out),), key_line(d, key)))
        return out

    def text(self, d: dict, key: str, node: str, *, required: bool = True) -> str:
        """A plain text value (no variants, no languages); '' and a problem when missing (if required) or not text."""
        v = d.get(key)
        if v is None:
            if required:
                self.problem(node, f"missing '{key}'", d.get("__line__", 0))
            return ""
        if not isinstance(v, (str, int, float)) or isinstance(v, bool):
            self.problem(node, f"'{key}' must be text", d.get("__line__", 0))
            return ""
        return str(v).strip()
