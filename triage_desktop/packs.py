"""Finding and loading the force configuration pack (file I/O, the flows folder check); the checking is core's."""
from __future__ import annotations

import io
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping, Optional

from .core.packmodel import ForcePack, PackInvalid, PackProblem
from .paths import APP_NAME

#: Environment variable: the force pack file to use (else the machine-wide config dir's force-pack.toml).
ENV_FORCE_PACK = "TRIAGE_DESKTOP_FORCE_PACK"
PACK_FILENAME = "force-pack.toml"

__all__ = ["LoadedPack", "PackInvalid", "PackProblem", "ENV_FORCE_PACK", "find_pack", "load_pack",
           "load_pack_from_environment", "example_pack_path", "site_pack_path"]


@dataclass(frozen=True)
class LoadedPack:
    """A checked pack and the files it points to, resolved against the pack's own folder."""

    pack: ForcePack
    path: Path
    origin: str  # 'environment' | 'machine' | 'example' | 'given'
    flows_dir: Optional[Path] = None
    ca_bundle: Optional[Path] = None

    @property
    def is_example(self) -> bool:
        return self.origin == "example"


def resources_dir() -> Path:
    """resources/ beside the package, or inside a PyInstaller bundle (sys._MEIPASS)."""
    return Path(getattr(sys, "_MEIPASS", Path(__file__).resolve().parents[1])) / "resources"


def example_pack_path() -> Path:
    return resources_dir() / "force-packs" / "example.toml"


def site_pack_path() -> Path:
    """The machine-wide place IT puts the pack (platformdirs site_config_dir, e.g. C:\\ProgramData\\triage-desktop)."""
    from platformdirs import PlatformDirs

    return Path(PlatformDirs(appname=APP_NAME, appauthor=False).site_config_dir) / PACK_FILENAME


def find_pack(environ: Optional[Mapping[str, str]] = None) -> tuple[Optional[Path], str]:
    """(pack file, origin): $TRIAGE_DESKTOP_FORCE_PACK, else the machine-wide file, else the bundled example when
    running from source (a frozen, installed app has no example fallback: (None, 'missing'))."""
    env = os.environ if environ is None else environ
    given = env.get(ENV_FORCE_PACK)
    if given:
        return Path(given).expanduser(), "environment"
    site = site_pack_path()
    if site.is_file():
        return site, "machine"
    if getattr(sys, "frozen", False):
        return None, "missing"
    return example_pack_path(), "example"


def load_pack(path: str | os.PathLike[str], *, origin: str = "given",
              cache_dir: Optional[str | os.PathLike[str]] = None) -> LoadedPack:
    """Read and check a pack and its flows folder / CA bundle; raises PackInvalid naming file, key, line, reason.

    `cache_dir`: where a check that passed is remembered (packcache.py): the same bytes at the same path, checked by
    the same code, then skip parsing and checking the pack's text (its flows folder and CA bundle are checked
    still)."""
    p = Path(path)
    try:
        raw = p.read_bytes()
        text = io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8").read()  # as read_text: universal newlines
    except FileNotFoundError:
        raise PackInvalid(str(p), [PackProblem(str(p), "", 0, "the file does not exist")]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise PackInvalid(str(p), [PackProblem(str(p), "", 0, f"cannot be read: {exc}")]) from None
    from . import packcache

    pack: Optional[ForcePack] = packcache.recorded(cache_dir, p, raw)
    problems: list[PackProblem] = []
    if pack is None:
        from .core.forcepack import parse_pack_text  # TOML and the checker: only when not recorded

        pack, problems = parse_pack_text(text, file=str(p))
        if pack is None:
            raise PackInvalid(str(p), problems)
        if not problems:
            packcache.record(cache_dir, p, raw, pack)
    flows_dir = ca = None
    lines: dict = {}
    if pack.flows_folder or pack.ca_bundle:  # the lines of those keys, to name them in a problem
        from .core.tomlpos import key_lines

        lines = key_lines(text)
    if pack.flows_folder:
        flows_dir = (p.parent / pack.flows_folder).resolve()
        problems += _check_flows(str(p), flows_dir, lines.get(("flows", "folder"), 0))
    if pack.ca_bundle:
        ca = (p.parent / pack.ca_bundle).resolve()
        if not ca.is_file():
            problems.append(PackProblem(str(p), "collector.ca_bundle", lines.get(("collector", "ca_bundle"), 0),
                                        f"the CA bundle {ca} does not exist"))
    if problems:
        raise PackInvalid(str(p), problems)
    return LoadedPack(pack, p, origin, flows_dir, ca)


def _check_flows(file: str, folder: Path, line: int) -> list[PackProblem]:
    from .core.checker import check_paths

    if not folder.is_dir():
        return [PackProblem(file, "flows.folder", line, f"the flows folder {folder} does not exist")]
    result = check_paths([folder])
    if result.ok:
        return []
    shown = "; ".join(str(x) for x in result.problems[:3])
    more = f" (and {len(result.problems) - 3} more)" if len(result.problems) > 3 else ""
    return [PackProblem(file, "flows.folder", line,
                        f"the flows in {folder} fail 'flows check': {shown}{more}")]


def load_pack_from_environment(environ: Optional[Mapping[str, str]] = None, *,
                               cache_dir: Optional[str | os.PathLike[str]] = None) -> LoadedPack:
    """The pack the app starts with (see find_pack); raises PackInvalid if it is missing or invalid. `cache_dir`: see
    load_pack."""
    path, origin = find_pack(environ)
    if path is None:
        site = site_pack_path()
        raise PackInvalid(str(site), [PackProblem(str(site), "", 0,
                                                  "no force configuration pack is installed: put the force's "
                                                  f"pack at this path, or set {ENV_FORCE_PACK} to its file")])
    return load_pack(path, origin=origin, cache_dir=cache_dir)
