"""The flows the services run on: loading and checking them (live mode refuses drafts), and what is said about them."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Optional

from ..core.engine import FlowLibrary
from ..store.errors import FlowsInvalid
from .base import ServicesBase

#: Environment variable: load flows from this folder instead of the bundled resources/flows.
ENV_FLOWS_DIR = "TRIAGE_DESKTOP_FLOWS_DIR"


class FlowsNotLive(FlowsInvalid):
    """Live mode was asked for, but some flows are drafts (no complete sign-off for their version)."""


def load_library(flows_dir: Optional[str | os.PathLike[str]] = None, *, training: bool = True,
                 allow_example_signoff: Optional[bool] = None,
                 cache_dir: Optional[str | os.PathLike[str]] = None) -> FlowLibrary:
    """The flows, checked: raises FlowsInvalid (naming the first problems) if any fail the checker.

    Live mode (training=False) also refuses drafts (status: draft, or no complete sign-off for the version) with
    FlowsNotLive: drafts run only in training mode. The bundled FICTIONAL EXAMPLE sign-off counts only for the
    bundled flows unless `allow_example_signoff` says otherwise (a force pack's flows need their real sign-off).
    With `cache_dir`, a check that passed on exactly these bytes (and this checker) is not run again
    (core/flowcache.py); the live-mode draft rule below always runs.
    """
    library = _checked_library(flows_dir, cache_dir)
    if not training:
        from ..core.governance import live_problems

        drafts = [(f, live_problems(f, allow_example=allow_example_signoff)) for f in library]
        drafts = [(f, r) for f, r in drafts if r]
        if drafts:
            shown = "\n".join(f"  {f.id} v{f.version}: {'; '.join(r)}" for f, r in drafts[:10])
            raise FlowsNotLive(f"Live calls run only on signed-off flows, and these are drafts:\n{shown}\n"
                               "Start in training mode (triage-desktop --training) to rehearse them, or complete "
                               "their sign-off (docs/flow-format.md, 'Sign-off'; check with "
                               "'triage-desktop flows check --live').")
    return library


def _checked_library(flows_dir: Optional[str | os.PathLike[str]] = None,
                     cache_dir: Optional[str | os.PathLike[str]] = None) -> FlowLibrary:
    from ..core.flowcache import checked_library
    from ..core.loader import bundled_flows_dir

    folder = Path(flows_dir or os.environ.get(ENV_FLOWS_DIR) or bundled_flows_dir())
    library, result = checked_library(folder, cache_dir)
    if library is not None:
        return library
    assert result is not None
    if not result.ok:
        errors = result.errors
        shown = "\n".join(f"  {p}" for p in errors[:10])
        more = f"\n  ... and {len(errors) - 10} more" if len(errors) > 10 else ""
        raise FlowsInvalid(f"The flows in {folder} failed the checker, so the app will not start on them:\n"
                           f"{shown}{more}\nRun 'triage-desktop flows check {folder}' for the full list.")
    return result.library()


class FlowsMixin(ServicesBase):
    """AppServices' answers about the flows in use: drafts, sign-off, diagrams and outlines (no database)."""

    @property
    def drafts(self) -> dict[str, list[str]]:
        """Flows in use that are drafts (training mode only), with the reasons: {flow id: reasons}."""
        from ..core.governance import live_problems

        allow = self._allow_example_signoff
        return {f.id: r for f in self.library for r in [live_problems(f, allow_example=allow)] if r}

    def flow_signoff(self, flow_id: str) -> str:
        """Whose sign-off this flow carries, or why it is a draft (one line)."""
        from ..core.governance import describe_signoff

        return describe_signoff(self.library[flow_id], allow_example=self._allow_example_signoff)

    def signoff_summary(self) -> str:
        """Whose sign-off the flows in use carry (and which are drafts), for the About box."""
        from ..core.governance import signoff_summary

        return signoff_summary(self.library, allow_example=self._allow_example_signoff)

    def flow_diagram(self, flow_id: str) -> Optional[Path]:
        """The SVG pre-rendered at build time (`make diagrams`) for exactly this flow version, or None."""
        from ..flowdocs.bundle import diagram_for

        return diagram_for(self.library[flow_id])

    def flow_outline(self, flow_id: str) -> str:
        """The flow as text: every step, its words and where each answer leads."""
        from ..flowdocs.outline import outline

        return outline(self.library[flow_id])
