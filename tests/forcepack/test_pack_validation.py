"""Pack validation: every bad input the issue lists is refused with file, key/line and reason; the example is good."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest

from triage_desktop.core.forcepack import PackInvalid, parse_pack_text
from triage_desktop.packs import load_pack

from pack_support import EXAMPLE, ROOT


def line_of(text: str, needle: str) -> int:
    for i, ln in enumerate(text.splitlines(), 1):
        if needle in ln:
            return i
    raise AssertionError(needle)


def problems(text: str) -> list:
    pack, probs = parse_pack_text(text, file="pack.toml")
    assert pack is None and probs
    return probs


def test_example_pack_is_valid_and_complete():
    loaded = load_pack(EXAMPLE)
    p = loaded.pack
    assert p.force_name == "Anyshire Constabulary" and p.force_code == "ANY"
    assert p.retention_days == 30 and p.hours["s136"].hours == 10 and "Met 2023" in p.hours["s136"].source
    assert p.baseline is not None and p.baseline.per_month["welfare"] == 410
    assert {k for k, r in p.pathways.items() if not r.enabled} == {"conveyance", "s136"}
    assert p.supervisors == ("S1001", "S1002") and p.trainers == ("T2001",)
    assert len(p.directory.entries) >= 10


def test_unknown_key_names_key_and_line(example_text):
    text = example_text.replace('code = "ANY"', 'code = "ANY"\ncolour = "blue"')
    [p] = problems(text)
    assert p.key == "force.colour" and p.line == line_of(text, "colour =") and "unknown key 'colour'" in p.reason


def test_unknown_top_level_table(example_text):
    text = example_text + "\n[extras]\nx = 1\n"
    [p] = problems(text)
    assert p.key == "extras" and p.line == line_of(text, "[extras]")


def test_malformed_phone_number(example_text):
    text = example_text.replace('phones = ["07700 900201"]', 'phones = ["07700 9002"]')
    [p] = problems(text)
    assert p.key == "partners[2].phones[0]" and "malformed phone number" in p.reason
    assert p.line == line_of(text, '"07700 9002"')


@pytest.mark.parametrize("bad, why", [
    ('mon = ["16:00-02:00"]\ntue = ["16:00-02:00"]', None),  # fine: control
    ('mon = ["16:00-02:00", "20:00-23:00"]', "overlap"),
    ('mon = ["25:00-26:00"]', "not a time of day"),
    ('mon = ["09:00-09:00"]', "same minute"),
    ('mon = ["9 to 5"]', "not a time range"),
])
def test_overlapping_or_impossible_hours(example_text, bad, why):
    text = example_text.replace('mon = ["16:00-02:00"]\ntue = ["16:00-02:00"]', bad, 1)
    pack, probs = parse_pack_text(text, file="pack.toml")
    if why is None:
        assert pack is not None, probs
        return
    [p] = probs
    assert p.key == "partners[2].hours.mon" and why in p.reason and p.line == line_of(text, bad.split("\n")[0])


def test_sunday_past_midnight_overlapping_monday(example_text):
    text = example_text.replace('sat = ["16:00-03:00"]\nbank_holiday = "closed"',
                                'sat = ["16:00-03:00"]\nsun = ["22:00-04:00"]\nbank_holiday = "closed"', 1)
    text = text.replace('mon = ["16:00-02:00"]', 'mon = ["03:00-05:00", "16:00-02:00"]', 1)
    [p] = problems(text)
    assert "overlap" in p.reason and "previous day" in p.reason


def test_partner_for_unknown_outcome_code(example_text):
    text = example_text.replace('outcomes = ["SOCIAL_CARE"]', 'outcomes = ["SOCIAL_KARE"]', 1)
    [p] = problems(text)
    assert p.key.endswith(".outcomes[0]") and "unknown outcome code 'SOCIAL_KARE'" in p.reason
    assert p.line == line_of(text, "SOCIAL_KARE")


def test_unknown_partner_code_and_pathway(example_text):
    text = example_text.replace('code = "samaritans"', 'code = "samaritanz"').replace(
        'pathways = ["crisis", "welfare"]\nphones = ["116 123"]', 'pathways = ["crisiss"]\nphones = ["116 123"]')
    keys = {p.key: p for p in problems(text)}
    assert "unknown partner code 'samaritanz'" in keys["partners[14].code"].reason
    assert "unknown pathway 'crisiss'" in keys["partners[14].pathways[0]"].reason


def test_toml_syntax_error_has_its_line(example_text):
    text = example_text.replace('days = 30', 'days = = 30')
    [p] = problems(text)
    assert p.line == line_of(text, "days = = 30") and "TOML syntax error" in p.reason


@pytest.mark.parametrize("old, new, key, why", [
    ('code = "ANY"', 'code = "any-force"', "force.code", "capital letters"),
    ("days = 30", "days = 0", "retention.days", "out of range"),
    ('s136       = { hours = 10, source', 's136       = { hours = 100, source', "hours.s136.hours", "out of range"),
    ('crisis     = { hours = 2,  source = "domain brief §7 (check: force data); an avoided s136 would be ~10 h" }',
     'crisis     = { hours = 2 }', "hours.crisis", "missing 'source'"),
    ("s136       = { phase = 4, enabled = false }", "s136       = { phase = 5, enabled = false }",
     "pathways.s136.phase", "out of range"),
    ("s136       = { phase = 4, enabled = false }", "", "pathways", "missing 's136'"),
    ('supervisors = ["S1001", "S1002"]', 'supervisors = ["S 1001"]', "roles.supervisors[0]", "not a staff id"),
    ('url = "https://rcrp-collector.anyshire.example/"', 'url = "ftp://x"', "collector.url", "http(s)"),
    ('closures = [2026-12-24]', 'closures = ["24/12/2026"]', "partners[4].hours.closures[0]", "not a date"),
])
def test_other_bad_values(example_text, old, new, key, why):
    assert old in example_text
    [p] = problems(example_text.replace(old, new, 1))
    assert p.key == key and why in p.reason, p
    assert p.line > 0


def test_flows_folder_that_fails_flows_check_is_refused(tmp_path, example_text, write_pack):
    bad = tmp_path / "packs dir" / "our flows"
    shutil.copytree(ROOT / "tests" / "core" / "flows_bad" / "dead_end", bad)
    pack = write_pack(example_text.replace('# [flows]\n# folder = "flows"', '[flows]\nfolder = "our flows"'))
    with pytest.raises(PackInvalid) as e:
        load_pack(pack)
    [p] = e.value.problems
    assert p.file == str(pack) and p.key == "flows.folder" and "fail 'flows check'" in p.reason
    assert p.line == line_of(pack.read_text(), 'folder = "our flows"')


def test_good_flows_folder_replaces_the_bundled_flows(tmp_path, example_text, write_pack):
    good = tmp_path / "packs dir" / "our flows"
    shutil.copytree(ROOT / "tests" / "core" / "flows_v2", good)
    loaded = load_pack(write_pack(example_text.replace('# [flows]\n# folder = "flows"', '[flows]\nfolder = "our flows"')))
    assert loaded.flows_dir == good.resolve()


def test_missing_flows_folder_and_ca_bundle(example_text, write_pack):
    text = example_text.replace('# [flows]\n# folder = "flows"', '[flows]\nfolder = "nowhere"').replace(
        '# ca_bundle = "anyshire-ca.pem"', 'ca_bundle = "anyshire-ca.pem"')
    with pytest.raises(PackInvalid) as e:
        load_pack(write_pack(text))
    assert {p.key for p in e.value.problems} == {"flows.folder", "collector.ca_bundle"}


def run_cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    import os

    return subprocess.run([sys.executable, "-m", "triage_desktop.cli", *args], capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, cwd=ROOT)


def test_config_check_cli_good_and_bad(example_text, write_pack):
    ok = run_cli("config", "check", str(EXAMPLE))
    assert ok.returncode == 0 and "Force: Anyshire Constabulary (ANY)" in ok.stdout
    assert "conveyance  phase 3" in ok.stdout and "OFF - force procedure outcome" in ok.stdout
    bad = write_pack(example_text.replace('code = "ANY"', 'code = "ANY"\ncolour = "blue"'))
    out = run_cli("config", "check", str(bad))
    assert out.returncode == 1 and "Traceback" not in out.stderr
    assert re.search(rf"{re.escape(str(bad))}:\d+: force.colour: unknown key 'colour'", out.stderr)


def test_flows_check_reports_partner_codes_the_pack_lacks(tmp_path, example_text, write_pack):
    v2 = ROOT / "tests" / "core" / "flows_v2"  # flow format v2: partners and add_partners by code
    # a pack whose directory has no place of safety and no children's services
    text = example_text
    for code in ("place_of_safety", "childrens_services"):
        start = text.index(f'[[partners]]\ncode = "{code}"')
        end = text.index("[[partners]]", start + 5)
        text = text[:start] + text[end:]
    pack = write_pack(text)
    out = run_cli("flows", "check", str(v2), "--pack", str(pack))
    assert out.returncode == 1, out.stdout + out.stderr
    assert re.search(r"partner code 'place_of_safety' is used by v2_entry:\w+ but the pack's directory has no "
                     r"entry for it", out.stdout), out.stdout
    assert "partner code 'childrens_services' is used by v2_entry:" in out.stdout
    assert "'ambulance'" not in out.stdout and "'nhs_111_mh'" not in out.stdout
    ok = run_cli("flows", "check", str(v2), "--pack", str(EXAMPLE))
    assert ok.returncode == 0 and "every partner code the flows use is in its directory" in ok.stdout


LABEL_111 = 'label = { en = "then option 2", cy = "a phwyso 2" }'


def test_a_phone_label_in_english_and_welsh(example_text):
    """label = { en = "...", cy = "..." } (as a partner's name): the Welsh for a Welsh call, the English kept."""
    assert LABEL_111 in example_text
    pack, probs = parse_pack_text(example_text, file="pack.toml")
    assert not probs
    [nhs] = [e for e in pack.directory.entries if e.code == "nhs_111_mh"]
    [phone] = nhs.phones
    assert (phone.label, phone.label_cy) == ("then option 2", "a phwyso 2")
    assert str(phone) == "111 (then option 2)" and phone.text_in("cy") == "111 (a phwyso 2)"
    assert phone.text_in("en") == "111 (then option 2)"
    plain = parse_pack_text(example_text.replace(LABEL_111, 'label = "then option 2"'), file="pack.toml")[0]
    [p2] = [e for e in plain.directory.entries if e.code == "nhs_111_mh"][0].phones
    assert (p2.label, p2.label_cy) == ("then option 2", "") and p2.text_in("cy") == "111 (then option 2)"


@pytest.mark.parametrize("bad, key, why", [
    ('label = { en = "then option 2", cy = 5 }', "partners[0].phones[0].label.cy", "must be text (in quotes)"),
    ('label = { cy = "a phwyso 2" }', "partners[0].phones[0].label", "missing 'en'"),
    ('label = { en = "then option 2", fr = "x" }', "partners[0].phones[0].label.fr", "unknown key 'fr'"),
    ('label = { en = "", cy = "a phwyso 2" }', "partners[0].phones[0].label.en", "must not be empty"),
    ("label = 7", "partners[0].phones[0].label", "must be text (in quotes)"),
])
def test_a_bad_phone_label_names_its_key_and_line(example_text, bad, key, why):
    text = example_text.replace(LABEL_111, bad)
    [p] = problems(text)
    assert p.key == key and why in p.reason and p.line == line_of(text, bad), (p.key, p.line, p.reason)
