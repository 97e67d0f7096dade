"""Where screenshot tests write their PNGs: a temporary folder by default, so `make test` never rewrites
docs/screenshots/ (and never dirties the git tree); docs/screenshots/ only when TRIAGE_WRITE_SCREENSHOTS=1, as
`make screenshots` sets it. Every test that saves a screenshot asks here:

    from screenshots import screenshot_path
    assert widget.grab().save(str(screenshot_path("reports-window.png")))

(tests/ is on sys.path through tests/conftest.py). UPDATE_SCREENSHOTS=1, the older name, works too. The tests'
assertions on the rendered images run either way."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

DOCS_SCREENSHOTS = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
_tmp: list[Path] = []


def writing_docs() -> bool:
    """True when this run is meant to refresh the screenshots in docs/screenshots/."""
    return "1" in (os.environ.get("TRIAGE_WRITE_SCREENSHOTS"), os.environ.get("UPDATE_SCREENSHOTS"))


def screenshot_dir() -> Path:
    """docs/screenshots/ when writing_docs(), else one temporary folder for this test run (made on first use)."""
    if writing_docs():
        DOCS_SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        return DOCS_SCREENSHOTS
    if not _tmp:
        _tmp.append(Path(tempfile.mkdtemp(prefix="triage-screenshots-")))
    _tmp[0].mkdir(parents=True, exist_ok=True)  # (a /tmp cleaner may have removed it during a long run)
    return _tmp[0]


def screenshot_path(name: str) -> Path:
    """Where to save the screenshot called `name` (e.g. "reports-window.png")."""
    return screenshot_dir() / name
