"""Headless commands (walk, graph) and the layering rule: nothing below the GUI pulls in Qt."""
import json
import subprocess
import sys
from pathlib import Path

from triage_desktop.cli import main

HERE = Path(__file__).parent
OK = str(HERE / "flows_ok")


def test_walk_prints_outcome_json(tmp_path, capsys):
    f = tmp_path / "a.json"
    f.write_text(json.dumps({"answers": ["no", "none", 10, "welfare", "1 Main St", ["fallen"], None]}))
    assert main(["walk", "mini_entry", "--flows", OK, "--answers", str(f)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["code"] == "SOCIAL_CARE" and out["police_attend"] is False
    assert out["flags"] == ["medical_emergency", "under_18"]
    assert [p["node"] for p in out["path"]][:3] == ["risk_now", "crime", "age"]
    assert out["rationale"].startswith("Child (")


def test_walk_bad_answer_is_a_clear_error(tmp_path, capsys):
    f = tmp_path / "a.json"
    f.write_text(json.dumps(["no", "perhaps"]))
    assert main(["walk", "mini_entry", "--flows", OK, "--answers", str(f)]) == 1
    err = capsys.readouterr().err
    assert "answer 2 ('perhaps')" in err and "not an option" in err
    f.write_text("{not json")
    assert main(["walk", "mini_entry", "--flows", OK, "--answers", str(f)]) == 2
    assert "cannot read answers" in capsys.readouterr().err


def test_walk_incomplete_reports_next_question(tmp_path, capsys):
    f = tmp_path / "a.json"
    f.write_text(json.dumps(["no"]))
    assert main(["walk", "mini_entry", "--flows", OK, "--answers", str(f)]) == 3
    out = json.loads(capsys.readouterr().out)
    assert out["finished"] is False and out["next_question"] == ["mini_entry", "crime"]


def test_graph_mermaid_and_dot(capsys):
    assert main(["flows", "graph", "mini_entry", "--flows", OK, "--format", "mermaid"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[1] == "flowchart TD"
    assert 'risk_now -->|"Yes ⚑risk_to_life"| out_emergency' in out
    assert "pathway -->|\"Welfare\"| flow_mini_path" in out
    assert main(["flows", "graph", "mini_entry", "--flows", OK, "--format", "dot"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("// Mini entry") and "digraph mini_entry {" in out and "risk_now -> out_emergency" in out


def test_no_qt_below_the_gui():
    """Import every non-GUI module in a fresh interpreter: PySide6 must not be loaded."""
    code = (
        "import importlib, pathlib, sys, triage_desktop\n"
        "root = pathlib.Path(triage_desktop.__file__).parent\n"
        "for f in sorted(root.rglob('*.py')):\n"
        "    rel = f.relative_to(root.parent).with_suffix('')\n"
        "    if rel.parts[1:2] == ('gui',) or f.name == '__main__.py': continue\n"
        "    importlib.import_module('.'.join(p for p in rel.parts if p != '__init__'))\n"
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'triage_desktop.gui'))]\n"
        "print(bad); sys.exit(1 if bad else 0)\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr


def test_core_imports_no_sqlite_or_network():
    code = (
        "import pkgutil, importlib, sys, triage_desktop.core as c\n"
        "for m in pkgutil.walk_packages(c.__path__, 'triage_desktop.core.'): importlib.import_module(m.name)\n"
        "bad = [m for m in ('sqlite3', 'sqlite_utils', 'httpx', 'PySide6') if m in sys.modules]\n"
        "print(bad); sys.exit(1 if bad else 0)\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
