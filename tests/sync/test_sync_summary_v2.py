"""Summary version 2: its new fields from the call row, no personal data in it (hypothesis), v1 and v2 side by side
at the collector, and a PC that meets a collector older than version 2 keeps its summaries queued."""
from __future__ import annotations

import json
import random
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from triage_desktop.core import vocab
from triage_desktop.core.summary_vocab import CALLER_TYPES, PARTNER_CODES, S136_BANDS, V2_OUTCOME_CODES, s136_band
from triage_desktop.sync.runner import SyncConfig
from triage_desktop.sync_cli import run_pass_on as run_sync_pass
from triage_desktop.sync.schema import load_schema, summary_problem
from triage_desktop.sync.summary import build_summary, canonical_json, handler_key

from sync_support import Collector, Store, make_call

DEVICE = "0b8f6f7e-2f55-4d5f-9a3e-0c6a1b2c3d4e"
V2 = Draft202012Validator(load_schema(2))
V1 = Draft202012Validator(load_schema(1))
PERSONAL = ["thrive_json", "handler_id", "handler_role", "rationale", "override_reason", "early_exit_reason",
            "immediate_risk_reason", "abandon_reason", "caller_name", "caller_phone", "address", "notes",
            "finalised_at", "cad_incident", "personal_salt"]
SECRET = "force-secret-0123456789abcdef"


def v2_call(rng: random.Random, **overrides: Any) -> dict[str, Any]:
    call = make_call(rng)
    call.update(
        caller_type=rng.choice(sorted(CALLER_TYPES)), first_decision_code=rng.choice(V2_OUTCOME_CODES),
        decision_raised=rng.randint(0, 1), repeat_links_json=json.dumps([str(rng.getrandbits(64))] * rng.randint(0, 2)),
        partners_json=json.dumps(rng.sample(PARTNER_CODES, rng.randint(0, 4))), rollout_phase=rng.choice([None, 1, 2, 3, 4]),
        cad_incident="CAD 2024/123456",
    )
    call.update(overrides)
    return call


def test_v2_fields_come_from_the_call_row_and_validate() -> None:
    call = v2_call(random.Random(3), caller_type="hcp_ae_ward", first_decision_code="MH_CRISIS_LINE",
                   outcome_code="POLICE_EMERGENCY", grade="emergency", police_attend=1, decision_raised=1,
                   repeat_links_json=json.dumps(["5f0c0f3a-0000-4000-8000-000000000001"]), rollout_phase=2,
                   partners_json=json.dumps(["crisis_team", {"code": "ambulance", "note": "Ask for Jo"}, "crisis_team",
                                             "local_cafe_for_jo"]))
    summary = build_summary(call, device_id=DEVICE, force_code="XX", s136_minutes=75)
    assert summary["schema_version"] == 2 and "response" not in summary
    assert summary["caller_type"] == "hcp_ae_ward" and summary["first_decision_code"] == "MH_CRISIS_LINE"
    assert summary["outcome_code"] == "POLICE_EMERGENCY" and summary["decision_raised"] is True
    assert summary["repeat_contact"] is True and summary["rollout_phase"] == 2
    assert summary["partners"] == ["ambulance", "crisis_team"]  # by code, sorted, unknown local codes left out
    assert summary["s136_minutes_band"] == "60_119"
    assert "handler_key" not in summary  # only when the force enables it
    assert list(V2.iter_errors(summary)) == []
    assert "Jo" not in canonical_json(summary)
    # the same call as version 1 still validates against version 1
    assert list(V1.iter_errors(build_summary(call, device_id=DEVICE, force_code="XX", schema_version=1))) == []


@pytest.mark.parametrize("minutes, band", [(None, None), (0, "under_30"), (29.9, "under_30"), (30, "30_59"),
                                           (59, "30_59"), (60, "60_119"), (119, "60_119"), (120, "120_239"),
                                           (239, "120_239"), (240, "240_plus"), (5000, "240_plus")])
def test_s136_bands(minutes: Any, band: Any) -> None:
    assert s136_band(minutes) == band
    assert band is None or band in [b[0] for b in S136_BANDS]


def test_handler_key_is_per_force_pseudonym_and_only_when_enabled() -> None:
    call = v2_call(random.Random(5), handler_id="PC 4471 Smith")
    on = build_summary(call, device_id=DEVICE, force_code="XX", handler_secret=SECRET)
    assert on["handler_key"] == handler_key(SECRET, "PC 4471 Smith") and len(on["handler_key"]) == 16
    again = build_summary(v2_call(random.Random(6), handler_id="PC 4471 Smith"), device_id=DEVICE, force_code="XX",
                          handler_secret=SECRET)
    assert again["handler_key"] == on["handler_key"]  # same handler, same key on any PC of the force
    other_force = build_summary(call, device_id=DEVICE, force_code="XX", handler_secret=SECRET + "-other")
    assert other_force["handler_key"] != on["handler_key"]
    assert "4471" not in canonical_json(on) and "Smith" not in canonical_json(on)
    assert "handler_key" not in build_summary(call, device_id=DEVICE, force_code="XX")
    assert list(V2.iter_errors(on)) == []


def test_vocabularies_cover_the_core_ones() -> None:
    schema = load_schema(2)
    assert set(vocab.OUTCOME_CODES) <= set(schema["$defs"]["outcome_code"]["enum"])
    assert set(schema["$defs"]["outcome_code"]["enum"]) == set(V2_OUTCOME_CODES)
    assert set(schema["$defs"]["caller_type"]["enum"]) == set(getattr(vocab, "CALLER_TYPES", CALLER_TYPES))
    assert set(schema["$defs"]["partner"]["enum"]) == set(getattr(vocab, "PARTNER_CODES", PARTNER_CODES))


@settings(database=None, max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32), texts=st.lists(st.text(min_size=1, max_size=60), min_size=len(PERSONAL),
                                                  max_size=len(PERSONAL)), with_key=st.booleans(),
       minutes=st.none() | st.floats(0, 3000))
def test_no_personal_data_reaches_a_v2_summary(seed: int, texts: list[str], with_key: bool, minutes: Any) -> None:
    """Random text in every personal column: the payload is byte-identical to the one built without it (the
    handler key, when on, depends on the handler id only through the HMAC, so it is compared with a fixed id)."""
    rng_a, rng_b = random.Random(seed), random.Random(seed)
    clean = v2_call(rng_a, **{c: None for c in PERSONAL})
    dirty = v2_call(rng_b, **dict(zip(PERSONAL, texts)))
    secret = SECRET if with_key else None
    if with_key:
        clean["handler_id"] = dirty["handler_id"]  # same pseudonym input; everything else personal differs
    a = canonical_json(build_summary(clean, device_id=DEVICE, force_code="XX", s136_minutes=minutes, handler_secret=secret))
    b = canonical_json(build_summary(dirty, device_id=DEVICE, force_code="XX", s136_minutes=minutes, handler_secret=secret))
    assert a == b
    for text in texts:
        if len(text.strip()) >= 6:
            assert text not in b or text in a
    assert summary_problem(json.loads(b)) is None


@settings(database=None, max_examples=200, deadline=None)
@given(seed=st.integers(0, 2**32), column=st.sampled_from(["caller_type", "first_decision_code"]),
       text=st.text(min_size=1, max_size=40))
@example(seed=0, column="caller_type", text="low")  # a word of the refusal's own message (CI drew it once)
def test_free_text_in_a_v2_vocabulary_column_is_refused_never_sent(seed: int, column: str, text: str) -> None:
    call = v2_call(random.Random(seed), **{column: text})
    allowed = CALLER_TYPES if column == "caller_type" else V2_OUTCOME_CODES
    if text in allowed:
        return
    with pytest.raises(ValueError) as err:
        build_summary(call, device_id=DEVICE, force_code="XX")
    # the refusal never echoes what was typed: it reads the same as for any other value outside the vocabulary
    # (a plain "not in" would trip on short texts that happen to be in the message's own words, e.g. "low")
    with pytest.raises(ValueError) as other:
        build_summary(v2_call(random.Random(seed), **{column: "\x00not-a-code"}), device_id=DEVICE, force_code="XX")
    assert str(err.value) == str(other.value)


def _post(collector: Collector, token: str, records: list[dict[str, Any]]) -> dict[str, Any]:
    answer = httpx.post(collector.url + "/v1/summaries", json={"records": records},
                        headers={"Authorization": f"Bearer {token}"}, timeout=30)
    assert answer.status_code == 200, answer.text
    return answer.json()


def test_collector_takes_v1_and_v2_side_by_side(collector: Collector) -> None:
    token = collector.add_device()
    rng = random.Random(11)
    v1 = [build_summary(make_call(rng), device_id=DEVICE, force_code="XX", schema_version=1) for _ in range(7)]
    v2 = [build_summary(v2_call(rng), device_id=DEVICE, force_code="XX", s136_minutes=rng.choice([None, 45, 90]))
          for _ in range(5)]
    answer = _post(collector, token, v1 + v2)
    assert answer["counts"]["accepted"] == 12
    assert int(collector.scalar("SELECT COUNT(*) FROM summaries WHERE schema_version = 1")) == 7
    assert int(collector.scalar("SELECT COUNT(*) FROM summaries WHERE schema_version = 2")) == 5
    # the same call, v2 then as a later version 2 of the call: both kept, latest counted
    again = _post(collector, token, v1 + v2)
    assert again["counts"]["duplicate"] == 12


def test_a_pc_meeting_an_older_collector_keeps_v2_summaries_queued(store: Store, tmp_path: Any, backend: str) -> None:
    old = Collector(backend, tmp_path, extra=("--schema-versions", "1")).start()
    try:
        assert httpx.get(old.url + "/v1/health").json()["schema_versions"] == [1]
        token = old.add_device()
        rows = store.add_calls(6)
        assert all(json.loads(r["payload"])["schema_version"] == 2 for r in rows)
        config = SyncConfig(collector_url=old.url, token=token, ignore_backoff=True, retry_base_s=0.01, retry_cap_s=0.02)
        report = run_sync_pass(store.path, config)
        assert report.deferred == 6 and report.quarantined == 0 and report.exit_code == 1
        assert "too old" in report.line()
        assert store.statuses() == {"pending": 6}
        errors = {r["last_error"] for r in store.db["outbox"].rows}
        assert errors == {"the collector does not know this summary version yet (upgrade the collector); kept queued"}
        assert old.count() == 0
        port = old.port
    finally:
        old.stop()
    upgraded = Collector(backend, tmp_path, port=port).start()  # the same collector, upgraded
    try:
        report = run_sync_pass(store.path, SyncConfig(collector_url=upgraded.url, token=token, ignore_backoff=True))
        assert report.accepted == 6 and report.exit_code == 0
        assert store.statuses() == {"synced": 6}
        assert upgraded.count(store.device_id) == 6
    finally:
        upgraded.stop()
