"""The collector over loopback HTTP, on SQLite and PostgreSQL: tokens, statuses, limits, reconcile, aggregate."""
from __future__ import annotations

import csv
import io
import json
import random
import subprocess
import sys
import uuid
from typing import Any

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from triage_desktop.sync.protocol import key_digest
from triage_desktop.sync.summary import build_summary, canonical_json, payload_hash

from sync_support import analyst_client, REPO, Collector, make_call

pytestmark = pytest.mark.timeout(120)


def summaries(n: int, seed: int, device_id: str | None = None, **overrides: Any) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    device = device_id or str(uuid.UUID(int=rng.getrandbits(128), version=4))
    return [build_summary(make_call(rng, **overrides), device_id=device, force_code="XX") for _ in range(n)]


def post(c: Collector, token: str | None, body: Any, raw: bytes | None = None) -> httpx.Response:
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    if raw is not None:
        content = raw
    elif isinstance(body, dict) and isinstance(body.get("records"), list):  # as the client sends: canonical texts
        content = ('{"records":[' + ",".join(json.dumps(r) if not isinstance(r, dict) else canonical_json(r)
                                            for r in body["records"]) + "]}").encode()
    else:
        content = json.dumps(body).encode()
    return httpx.post(c.url + "/v1/summaries", content=content, headers=headers, timeout=30)


def test_health_and_openapi(shared_collector: Collector) -> None:
    health = httpx.get(shared_collector.url + "/v1/health").json()
    assert health["status"] == "ok" and health["database"] == "ok" and health["schema_versions"] == [1, 2]
    spec = httpx.get(shared_collector.url + "/openapi.json").json()
    assert {"/v1/summaries", "/v1/reconcile", "/v1/aggregate", "/v1/health"} <= set(spec["paths"])
    body = spec["paths"]["/v1/summaries"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert body["properties"]["records"]["items"] == {"anyOf": [{"$ref": "#/components/schemas/SummaryV1"},
                                                                 {"$ref": "#/components/schemas/SummaryV2"}]}
    assert spec["components"]["schemas"]["SummaryV2"]["properties"]["schema_version"]["const"] == 2
    component = spec["components"]["schemas"]["SummaryV1"]
    assert component["additionalProperties"] is False
    assert component["properties"]["call_uuid"] == {"$ref": "#/components/schemas/SummaryV1_uuid",
                                                     "description": component["properties"]["call_uuid"]["description"]}
    assert "SummaryV1_flag" in spec["components"]["schemas"]


@pytest.mark.parametrize("header", [None, "Bearer tdc_not-a-real-token", "Basic dXNlcjpwYXNz", "Bearer"])
def test_requests_without_a_valid_token_get_401_and_store_nothing(shared_collector: Collector, header: str | None) -> None:
    before = shared_collector.count()
    records = summaries(3, seed=1)
    headers = {"Content-Type": "application/json", **({"Authorization": header} if header else {})}
    for method, path, body in (("POST", "/v1/summaries", {"records": records}),
                               ("POST", "/v1/reconcile", {"device_id": records[0]["device_id"]})):
        response = httpx.request(method, shared_collector.url + path, json=body, headers=headers)
        assert response.status_code == 401, path
        assert response.headers["www-authenticate"] == "Bearer"
        assert response.json()["error"]["code"] == "unauthorized"
    assert shared_collector.count() == before


def test_revoked_token_is_refused_at_once(shared_collector: Collector) -> None:
    token = shared_collector.add_device("to-revoke-" + uuid.uuid4().hex[:6])
    name = shared_collector.scalar("SELECT name FROM devices WHERE name LIKE 'to-revoke-%' ORDER BY id DESC")
    assert post(shared_collector, token, {"records": summaries(1, seed=2)}).status_code == 200
    from triage_desktop.collector import db

    db.revoke_device(shared_collector.engine, name)
    before = shared_collector.count()
    response = post(shared_collector, token, {"records": summaries(2, seed=3)})
    assert response.status_code == 401 and "revoked" in response.json()["error"]["message"]
    assert shared_collector.count() == before


def test_batch_statuses_accepted_duplicate_conflict_invalid(shared_collector: Collector) -> None:
    token = shared_collector.add_device()
    good = summaries(3, seed=10)
    device = good[0]["device_id"]
    changed = dict(good[1], outcome_code="ADVICE_ONLY", grade="resolved")
    bad = dict(good[0], call_uuid=str(uuid.uuid4()), caller_name="Jo Bloggs")
    wrong_type = dict(good[0], call_uuid=str(uuid.uuid4()), duration_s="long")
    first = post(shared_collector, token, {"records": good}).json()
    assert [r["status"] for r in first["results"]] == ["accepted"] * 3
    second = post(shared_collector, token, {"records": [good[0], changed, bad, wrong_type, good[2], good[2]]}).json()
    statuses = [(r["status"], r["code"]) for r in second["results"]]
    assert statuses == [("duplicate", 200), ("conflict", 409), ("invalid", 422), ("invalid", 422),
                        ("duplicate", 200), ("duplicate", 200)]
    assert "additional properties" in second["results"][2]["error"]
    assert "Jo Bloggs" not in json.dumps(second)  # errors never quote the input
    assert second["results"][3]["error"] == "record 3: /duration_s: must be of type number"
    assert second["counts"] == {"accepted": 0, "duplicate": 3, "conflict": 1, "invalid": 2}
    assert shared_collector.count(device) == 3 and shared_collector.distinct(device) == 3
    held = shared_collector.scalar("SELECT payload_hash FROM summaries WHERE call_uuid = :u", u=good[1]["call_uuid"])
    assert held == payload_hash(good[1])  # the first content stays; the other is kept aside
    aside = shared_collector.scalar("SELECT COUNT(*) FROM conflicts WHERE call_uuid = :u", u=good[1]["call_uuid"])
    assert aside == 1
    post(shared_collector, token, {"records": [changed]})  # the same conflicting content again: kept aside once
    assert shared_collector.scalar("SELECT COUNT(*) FROM conflicts WHERE call_uuid = :u", u=good[1]["call_uuid"]) == 1


def test_same_value_written_differently_is_a_duplicate_and_unknown_envelope_fields_are_refused(
        shared_collector: Collector) -> None:
    record = summaries(1, seed=15)[0]
    token = shared_collector.add_device(device_id=record["device_id"])
    assert post(shared_collector, token, {"records": [record]}).json()["results"][0]["status"] == "accepted"
    reordered = json.dumps(dict(reversed(list(record.items()))), indent=2)  # other key order, other spacing
    plain = '{"records": [' + reordered + "]}"
    answer = post(shared_collector, token, None, raw=plain.encode()).json()
    assert answer["results"][0]["status"] == "duplicate", answer
    stored = shared_collector.scalar("SELECT payload FROM summaries WHERE call_uuid = :u", u=record["call_uuid"])
    assert stored == canonical_json(record), "the canonical re-serialisation is stored, never the text as sent"
    with_note = '{ "records" : [ ' + reordered + ' ], "note": 1 }'  # the old test accepted this unknown field
    refused = post(shared_collector, token, None, raw=with_note.encode())
    assert refused.status_code == 400 and "unknown fields" in refused.json()["error"]["message"]
    assert shared_collector.count(record["device_id"]) == 1


def test_the_database_itself_forbids_a_second_copy(shared_collector: Collector) -> None:
    token = shared_collector.add_device()
    record = summaries(1, seed=20)[0]
    assert post(shared_collector, token, {"records": [record]}).json()["results"][0]["status"] == "accepted"
    row = {"u": record["call_uuid"], "p": canonical_json(record), "h": payload_hash(record)}
    with pytest.raises(IntegrityError):
        with shared_collector.engine.begin() as conn:
            conn.execute(text(
                "INSERT INTO summaries (call_uuid, call_version, device_id, force_code, schema_version, pathway, "
                "outcome_code, iso_week, started_at, payload, payload_hash, uploaded_by, received_at) VALUES "
                "(:u, 1, 'd', 'XX', 1, 'welfare', 'ADVICE_ONLY', '2024-W01', 'x', :p, :h, 'sql', 'now')"), row)


@pytest.mark.parametrize("raw, code", [
    (b'{"records": [', "malformed_json"),
    (b"", "malformed_json"),
    (b"\xff\xfe not utf-8", "malformed_json"),
    (b'{"records": [NaN]}', "malformed_json"),
    (b'{"records": {"a": 1}}', "bad_request"),
    (b'[1, 2, 3]', "bad_request"),
    (b'"just a string"', "bad_request"),
])
def test_malformed_bodies_are_refused_whole(shared_collector: Collector, raw: bytes, code: str) -> None:
    token = shared_collector.add_device()
    before = shared_collector.count()
    response = post(shared_collector, token, None, raw=raw)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == code
    assert shared_collector.count() == before


def test_oversized_bodies_are_refused_before_anything_is_stored(shared_collector: Collector) -> None:
    token = shared_collector.add_device()
    records = summaries(80, seed=30)  # ~85 KB > the module's 64 KiB limit
    before = shared_collector.count()
    response = post(shared_collector, token, {"records": records})
    assert response.status_code == 413 and response.json()["error"]["code"] == "body_too_large"

    def chunks() -> Any:  # no Content-Length: the limit is enforced while reading
        body = json.dumps({"records": records}).encode()
        for start in range(0, len(body), 8192):
            yield body[start:start + 8192]

    streamed = httpx.post(shared_collector.url + "/v1/summaries", content=chunks(),
                          headers={"Authorization": f"Bearer {token}"})
    assert streamed.status_code == 413
    assert shared_collector.count() == before


def test_unknown_schema_version_and_wrong_types_are_invalid_records(shared_collector: Collector) -> None:
    token = shared_collector.add_device()
    record = summaries(1, seed=40)[0]
    results = post(shared_collector, token, {"records": [
        dict(record, schema_version=3), dict(record, schema_version="1"), 42, None, dict(record, call_version=True),
    ]}).json()["results"]
    assert [r["status"] for r in results] == ["invalid"] * 5
    assert "unknown summary schema version" in results[0]["error"]
    assert "must be an integer" in results[1]["error"]
    assert "must be a JSON object" in results[2]["error"]
    assert results[4]["error"].endswith("/call_version: must be of type integer")
    assert shared_collector.count(record["device_id"]) == 0


def test_reconcile_counts_digests_and_lists_keys(shared_collector: Collector) -> None:
    token = shared_collector.add_device()
    records = summaries(40, seed=50)
    device = records[0]["device_id"]
    post(shared_collector, token, {"records": records})
    keys = sorted((r["call_uuid"], r["call_version"], payload_hash(r)) for r in records)
    headers = {"Authorization": f"Bearer {token}"}
    answer = httpx.post(shared_collector.url + "/v1/reconcile", json={"device_id": device}, headers=headers).json()
    assert answer["count"] == 40 and answer["digest"] == key_digest(keys)
    assert sum(b["count"] for b in answer["buckets"].values()) == 40 and "keys" not in answer
    digit = keys[0][0][0]
    narrowed = httpx.post(shared_collector.url + "/v1/reconcile", json={"device_id": device, "prefix": digit, "keys": True},
                          headers=headers).json()
    assert [tuple(k) for k in narrowed["keys"]] == [k for k in keys if k[0].startswith(digit)]
    for bad in ({"device_id": "not-a-uuid"}, {"device_id": device, "prefix": "xyz"}, {"prefix": ""}):
        response = httpx.post(shared_collector.url + "/v1/reconcile", json=bad, headers=headers)
        assert response.status_code == 400


def test_aggregate_counts_by_week_pathway_outcome_as_json_and_csv(shared_collector: Collector) -> None:
    token = shared_collector.add_device()
    force = "AG" + uuid.uuid4().hex[:4].upper()
    rng = random.Random(60)
    device = str(uuid.uuid4())
    calls = [make_call(rng, started_at=f"2025-01-{d:02d}T09:00:00Z") for d in (6, 7, 13, 13)]
    records = [build_summary(c, device_id=device, force_code=force) for c in calls]
    amended = build_summary(dict(calls[0], version=2), device_id=device, force_code=force)
    post(shared_collector, token, {"records": records + [amended]})
    refused = httpx.get(shared_collector.url + "/v1/aggregate", headers={"Authorization": f"Bearer {token}"})
    assert refused.status_code == 403  # a device token never reads aggregates
    analyst = analyst_client(shared_collector)
    headers: dict[str, str] = {}
    answer = analyst.get("/v1/aggregate", params={"force_code": force}).json()
    assert answer["total"] == 4  # the amendment replaces its call's first version, it is not a second call
    weeks = {r["iso_week"] for r in answer["rows"]}
    assert weeks == {"2025-W02", "2025-W03"}
    expected: dict[tuple[str, str, str], int] = {}
    for r in records:
        week = "2025-W02" if r["started_at"] < "2025-01-13" else "2025-W03"
        expected[(week, r["pathway"], r["outcome_code"])] = expected.get((week, r["pathway"], r["outcome_code"]), 0) + 1
    assert {(r["iso_week"], r["pathway"], r["outcome_code"]): r["count"] for r in answer["rows"]} == expected
    response = analyst.get("/v1/aggregate", params={"force_code": force, "format": "csv"})
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert sum(int(r["count"]) for r in rows) == 4 and set(rows[0]) == {"iso_week", "pathway", "outcome_code", "count"}
    only_w3 = analyst.get("/v1/aggregate", params={"force_code": force, "since": "2025-W03"}).json()
    assert only_w3["total"] == 2
    assert analyst.get("/v1/aggregate", params={"since": "last week"}).status_code == 400
    assert httpx.get(shared_collector.url + "/v1/aggregate", headers=headers).status_code == 401


def test_device_commands_print_a_token_once_and_keep_only_its_hash(
    shared_collector: Collector, capsys: pytest.CaptureFixture[str]
) -> None:
    from triage_desktop.collector.cli import main

    name = "cli-" + uuid.uuid4().hex[:6]
    added = subprocess.run(  # the real entry point once, as a process
        [sys.executable, "-m", "triage_desktop.collector", "add-device", name, "--db", shared_collector.target],
        cwd=REPO, capture_output=True, text=True, timeout=60,
    )
    assert added.returncode == 0, added.stderr
    token = added.stdout.strip().splitlines()[-1]
    assert token.startswith("tdc_") and len(token) > 40
    stored = shared_collector.scalar("SELECT token_hash FROM devices WHERE name = :n", n=name)
    assert stored != token and token not in stored and len(stored) == 64
    assert post(shared_collector, token, {"records": []}).status_code == 200

    def run(*args: str) -> tuple[int, str]:
        code = main([*args, "--db", shared_collector.target])
        out = capsys.readouterr()
        return code, out.out + out.err

    assert run("add-device", name)[0] == 1  # names are unique
    code, listed = run("list-devices")
    assert code == 0 and name in listed and token not in listed
    assert run("revoke-device", name)[0] == 0
    assert post(shared_collector, token, {"records": []}).status_code == 401
    code, message = run("revoke-device", name)
    assert code == 1 and "no active device" in message
    code, message = run("add-device", "bad name; drop table")
    assert code == 1 and "device name" in message
