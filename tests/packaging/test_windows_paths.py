"""What can be checked here for Windows: no unguarded POSIX-only calls in the app, the path logic under Windows
rules (PureWindowsPath, paths with spaces), and the packaging files for the Windows build are consistent."""
from __future__ import annotations

import ast
import os
import re
import sys
from pathlib import Path, PureWindowsPath

import pytest

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "triage_desktop"
#: Calls and modules that do not exist (or mean something else) on Windows.
POSIX_ONLY_ATTRS = {"fchmod", "fchown", "chown", "lchown", "getuid", "geteuid", "getgid", "getegid", "fork",
                    "setsid", "killpg", "getpgid", "uname", "statvfs", "mkfifo", "sync", "getloadavg", "O_NOFOLLOW"}
POSIX_ONLY_MODULES = {"fcntl", "pwd", "grp", "resource", "termios", "tty", "pty", "posix"}
GUARD = re.compile(r"sys\.platform|os\.name|hasattr\(os")


def _guarded(node: ast.AST, parents: dict[ast.AST, ast.AST], source: str) -> bool:
    """Inside an `if`/ternary whose test looks at the platform (either branch), or a try that catches it."""
    p = parents.get(node)
    while p is not None:
        if isinstance(p, (ast.If, ast.IfExp)) and GUARD.search(ast.get_source_segment(source, p.test) or ""):
            return True
        p = parents.get(p)
    return False


def posix_only_uses(path: Path) -> list[str]:
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source)
    parents = {child: parent for parent in ast.walk(tree) for child in ast.iter_child_nodes(parent)}
    found = []
    for node in ast.walk(tree):
        bad = None
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "os" \
                and node.attr in POSIX_ONLY_ATTRS:
            bad = f"os.{node.attr}"
        elif isinstance(node, ast.Import):
            bad = next((a.name for a in node.names if a.name.split(".")[0] in POSIX_ONLY_MODULES), None)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in POSIX_ONLY_MODULES:
            bad = node.module
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and \
                re.match(r"^(/tmp|/etc|/var|/usr|/home|~/)", node.value):
            bad = f"hard-coded POSIX path {node.value!r}"
        if bad and not _guarded(node, parents, source):
            found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {bad}")
    return found


#: Reviewed uses that are safe on Windows: (file, what) -> why.
ALLOWED = {
    ("triage_desktop/flowdocs/pdfnote.py", "hard-coded POSIX path '/usr/share/fonts/truetype/dejavu'"):
        "font folders probed with is_file(); Helvetica when absent (Windows)",
    ("triage_desktop/flowdocs/pdfnote.py", "hard-coded POSIX path '/usr/share/fonts/dejavu'"):
        "as above",
}


def test_no_unguarded_posix_only_calls_in_the_app():
    files = [p for p in APP.rglob("*.py") if "collector" not in p.parts]  # the collector runs on a server
    assert len(files) > 40
    problems = [u for f in files for u in posix_only_uses(f)]
    problems = [u for u in problems if (u.split(":")[0].replace(os.sep, "/"), u.split(": ", 1)[1]) not in ALLOWED]
    assert problems == []


def test_the_scan_finds_what_it_looks_for(tmp_path):
    bad = tmp_path / "x.py"
    bad.write_text("import os, fcntl\nos.fchmod(1, 0o600)\nif os.name == 'posix':\n    os.getuid()\np = '/tmp/x'\n")
    found = posix_only_uses_at(bad)
    assert sorted(f.split(": ", 1)[1] for f in found) == ["fcntl", "hard-coded POSIX path '/tmp/x'", "os.fchmod"]


def posix_only_uses_at(path: Path) -> list[str]:
    global ROOT
    old, ROOT = ROOT, path.parent  # type: ignore[misc]
    try:
        return posix_only_uses(path)
    finally:
        ROOT = old  # type: ignore[misc]


WIN_ENV = {"APPDATA": r"C:\Users\A User\AppData\Roaming", "LOCALAPPDATA": r"C:\Users\A User\AppData\Local",
           "PROGRAMDATA": r"C:\ProgramData"}


def test_app_paths_under_windows_rules_with_spaces():
    from triage_desktop.paths import AppPaths

    root = PureWindowsPath(r"C:\Users\A User\AppData\Local\triage-desktop")
    p = AppPaths(data_dir=root / "data", config_dir=root / "config", state_dir=root / "state",  # type: ignore[arg-type]
                 log_dir=root / "log", cache_dir=root / "cache", documents_dir=root / "docs")
    assert str(p.database()) == r"C:\Users\A User\AppData\Local\triage-desktop\data\triage.sqlite3"
    assert str(p.database(training=True)).endswith(r"\data\training.sqlite3")
    assert str(p.lock_file()) == r"C:\Users\A User\AppData\Local\triage-desktop\data\triage.lock"
    assert str(p.backups_dir).endswith(r"\data\backups") and str(p.quarantine_dir).endswith(r"\data\damaged")


def test_pack_relative_paths_resolve_under_windows_rules():
    pack = PureWindowsPath(r"C:\ProgramData\triage-desktop\force-pack.toml")
    assert str(pack.parent / "our flows") == r"C:\ProgramData\triage-desktop\our flows"
    # platformdirs' Windows rules (its folder lookup needs Windows itself, so it is given the known folders here)
    from platformdirs import windows

    folders = {"CSIDL_COMMON_APPDATA": r"C:\ProgramData", "CSIDL_LOCAL_APPDATA": r"C:\Users\A User\AppData\Local"}
    orig = windows.get_win_folder
    windows.get_win_folder = lambda csidl: folders[csidl]  # type: ignore[assignment]
    try:
        d = windows.Windows(appname="triage-desktop", appauthor=False)
        # (joined with this OS's separator here; Windows reads '/' and '\\' alike)
        assert PureWindowsPath(d.site_config_dir) == PureWindowsPath(r"C:\ProgramData\triage-desktop")
        assert PureWindowsPath(d.user_data_dir) == PureWindowsPath(r"C:\Users\A User\AppData\Local\triage-desktop")
    finally:
        windows.get_win_folder = orig


def test_spec_and_installer_agree():
    spec = (ROOT / "packaging" / "triage-desktop.spec").read_text(encoding="utf-8")
    iss = (ROOT / "packaging" / "windows" / "triage-desktop.iss").read_text(encoding="utf-8")
    wf = (ROOT / ".github" / "workflows" / "windows-build.yml").read_text(encoding="utf-8")
    assert 'name="triage-desktop"' in spec and 'os.path.join(ROOT, "resources", "flows")' in spec
    assert "PrivilegesRequired=admin" in iss and "{autopf}" in iss and "{group}" in iss
    assert '#define DistDir "..\\..\\build\\dist\\triage-desktop"' in iss and 'Source: "{#DistDir}\\*"' in iss
    assert "UninsDeleteData" not in iss and "{localappdata}" not in iss.split("[UninstallDelete]")[-1]
    assert "runs-on: windows-latest" in wf and "pyinstaller" in wf.lower() and "iscc" in wf.lower()
    assert "packaging/triage-desktop.spec" in wf and "/VERYSILENT" in wf
    from triage_desktop import __version__

    assert f'#define AppVersion "{__version__}"' in iss


def test_frozen_entry_point_is_the_cli():
    entry = (ROOT / "packaging" / "entry.py").read_text(encoding="utf-8")
    assert "from triage_desktop.cli import main" in entry
