"""The collector's HTTP API on FastAPI: batch upload, reconcile, aggregate (JSON/CSV) and health, with an OpenAPI description."""
from __future__ import annotations

import asyncio
import csv
import io
import json
import re
from contextlib import asynccontextmanager
from typing import Any, AsyncIterator, Optional

from fastapi import Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, Field
from sqlalchemy import Engine, text

from .. import __version__
from ..sync import protocol
from ..sync import schema as summary_schema
from ..sync.schema import KNOWN_VERSIONS, load_schema
from . import db
from .ingest import handle_upload
from .dashboard_figures import aggregate_rows
from .reports import reconcile_answer
from .wire import BodyError, parse_json

DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024
_UUID_RE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_PREFIX_RE = re.compile(r"[0-9a-f]{0,8}")
_WEEK_RE = re.compile(r"[0-9]{4}-W[0-9]{2}")
_FORCE_RE = re.compile(r"[A-Z0-9]{2,8}")
_HASH_RE = re.compile(r"[0-9a-f]{64}")


def _require_own_device(engine: Engine, name: str, device_id: str, bind: bool = False) -> None:
    """A token may only read or anchor its own device's records (403 otherwise); `bind` binds an unbound token."""
    with engine.begin() as conn:
        mine = db.bound_device(conn, name)
        if mine is None:
            owner = db.owner_of_device_id(conn, device_id)
            if owner == name:
                return  # bound to this token by one of its uploads between the two reads
            if owner is None:
                if bind:  # a write (a chain head) binds a token that has not uploaded yet, like a first upload
                    conn.execute(db.device_bindings.insert().values(name=name, device_id=device_id,
                                                                    bound_at=db.utc_now()))
                return  # an unbound token may read an unowned device id: nothing of another device is there
    if mine != device_id:
        raise ApiError(403, "forbidden", "this token belongs to another device; it may only see its own records")


class ApiError(Exception):
    """An error answered as {"error": {"code", "message"}} with an HTTP status; messages never quote the body."""

    def __init__(self, status: int, code: str, message: str, headers: Optional[dict[str, str]] = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.headers = status, code, message, headers


class ErrorBody(BaseModel):
    """code: machine-readable reason; message: one sentence for a person."""

    code: str
    message: str


class ErrorAnswer(BaseModel):
    """The shape of every error answer."""

    error: ErrorBody


class RecordResult(BaseModel):
    """What happened to one record of a batch (by its index in the batch)."""

    index: int
    call_uuid: Optional[str] = None
    call_version: Optional[int] = None
    status: str = Field(description="accepted | duplicate | conflict | invalid")
    code: int = Field(description="201 accepted, 200 duplicate, 409 conflict, 422 invalid")
    error: Optional[str] = None


class BatchAnswer(BaseModel):
    """Per-record results, sent only after the batch is committed."""

    results: list[RecordResult]
    counts: dict[str, int]


class ReconcileRequest(BaseModel):
    """Which device, and which part of the uuid space (a hex prefix), to compare."""

    device_id: str
    prefix: str = ""
    keys: bool = False


class Health(BaseModel):
    """Service and database status."""

    status: str
    database: str
    schema_versions: list[int]
    version: str


ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorAnswer, "description": "Malformed JSON or wrong shape"},
    401: {"model": ErrorAnswer, "description": "Missing, wrong or revoked device token"},
    413: {"model": ErrorAnswer, "description": "Body or batch too large"},
}


def _error(exc: ApiError) -> JSONResponse:
    return JSONResponse({"error": {"code": exc.code, "message": exc.message}}, status_code=exc.status, headers=exc.headers)


async def read_body(request: Request, limit: int) -> bytes:
    """Read a request body of at most `limit` bytes (checked before and while reading)."""
    declared = request.headers.get("content-length")
    if declared is not None:
        if not declared.isdigit():
            raise ApiError(400, "bad_request", "Content-Length is not a number")
        if int(declared) > limit:
            raise ApiError(413, "body_too_large", f"request body is larger than the limit of {limit} bytes")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise ApiError(413, "body_too_large", f"request body is larger than the limit of {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def _validation_error(_request: Request, exc: RequestValidationError) -> JSONResponse:
    """FastAPI's own parameter errors, reshaped; the offending input is never echoed."""
    places = sorted({".".join(str(p) for p in error.get("loc", ())) for error in exc.errors()})
    return _error(ApiError(400, "bad_request", "invalid request parameter: " + ", ".join(places)))


def _openapi_with_summary_schema(app: FastAPI) -> dict[str, Any]:
    """FastAPI's OpenAPI document plus the summary JSON Schema as a component (refs rewritten)."""
    if app.openapi_schema:
        return app.openapi_schema
    from fastapi.openapi.utils import get_openapi

    document = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
    components = document.setdefault("components", {}).setdefault("schemas", {})
    for version in KNOWN_VERSIONS:
        prefix = f"SummaryV{version}"
        raw = json.dumps(load_schema(version)).replace('"#/$defs/', f'"#/components/schemas/{prefix}_')
        schema = json.loads(raw)
        for name, sub in schema.pop("$defs", {}).items():
            components[f"{prefix}_{name}"] = sub
        schema.pop("$schema", None)
        components[prefix] = schema
    app.openapi_schema = document
    return document


def create_app(target: str, *, max_body_bytes: int = DEFAULT_MAX_BODY_BYTES, fault_pause_after_commit: float = 0.0,
               fault_fail_on_call: Optional[str] = None,
               dashboard_options: Optional[dict[str, Any]] = None) -> FastAPI:
    """The collector application over the database at `target` (SQLite path or PostgreSQL URL); creates tables."""
    engine: Engine = db.make_engine(target)
    db.create_schema(engine)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        engine.dispose()

    app = FastAPI(
        title="triage-desktop collector",
        version=__version__,
        description=(
            "Receives anonymised call summaries from triage-desktop PCs, exactly once per call version, "
            "and reports counts by pathway, outcome and ISO week. Every call except /v1/health needs a device "
            "token: `Authorization: Bearer <token>` (made with `triage-collector add-device NAME`)."
        ),
        lifespan=lifespan,
    )
    app.openapi = lambda: _openapi_with_summary_schema(app)  # type: ignore[method-assign]
    app.add_exception_handler(ApiError, lambda _r, exc: _error(exc))  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _validation_error)  # type: ignore[arg-type]
    bearer = HTTPBearer(auto_error=False, description="Per-device token from `triage-collector add-device`")
    from .dashboard import register_dashboard

    analyst = register_dashboard(app, engine, **(dashboard_options or {}))  # analysts' pages; closes aggregates to devices

    async def device(credentials: Optional[HTTPAuthorizationCredentials] = Depends(bearer)) -> str:
        token = credentials.credentials if credentials and credentials.scheme.lower() == "bearer" else None
        name = await run_in_threadpool(db.authenticate, engine, token)
        if name is None:
            message = "a device token is required" if token is None else "the device token is not valid or has been revoked"
            raise ApiError(401, "unauthorized", message, {"WWW-Authenticate": "Bearer"})
        return name

    @app.get(protocol.HEALTH_PATH, response_model=Health, tags=["service"])
    async def health() -> Any:
        """Liveness and database check (no token needed)."""

        def probe() -> str:
            with engine.connect().execution_options(read_only=True) as conn:
                conn.execute(text("SELECT 1"))
            return "ok"

        try:
            state = await run_in_threadpool(probe)
        except Exception:  # noqa: BLE001 - report, don't crash the probe
            return JSONResponse(
                {"status": "degraded", "database": "unavailable", "schema_versions": list(summary_schema.KNOWN_VERSIONS), "version": __version__},
                status_code=503,
            )
        return {"status": "ok", "database": state, "schema_versions": list(summary_schema.KNOWN_VERSIONS), "version": __version__}

    @app.post(
        protocol.SUMMARIES_PATH,
        response_model=BatchAnswer,
        responses=ERRORS,
        tags=["summaries"],
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": {
                    "type": "object",
                    "required": ["records"],
                    "properties": {"records": {
                        "type": "array",
                        "maxItems": protocol.MAX_RECORDS_PER_BATCH,
                        "items": {"anyOf": [{"$ref": f"#/components/schemas/SummaryV{v}"} for v in KNOWN_VERSIONS]},
                    }},
                }}},
            }
        },
    )
    async def upload(request: Request, name: str = Depends(device)) -> Any:
        """Store a batch of summaries; answers one status per record, only after the commit."""
        body = await read_body(request, max_body_bytes)
        if fault_fail_on_call and fault_fail_on_call.encode() in body:  # fault tests only: a poison record
            raise RuntimeError("fault injection: this record makes the collector fail")
        try:
            results = await run_in_threadpool(handle_upload, engine, body, name)
        except BodyError as refused:
            raise ApiError(refused.status, refused.code, refused.message) from None
        if fault_pause_after_commit:
            await asyncio.sleep(fault_pause_after_commit)  # fault tests only: committed, answer not yet sent
        counts = {status: 0 for status in protocol.RECORD_CODES}
        for result in results:
            counts[result["status"]] += 1
        return JSONResponse({"results": results, "counts": counts})

    @app.post(
        protocol.RECONCILE_PATH,
        responses=ERRORS,
        tags=["summaries"],
        openapi_extra={"requestBody": {"required": True, "content": {"application/json": {
            "schema": ReconcileRequest.model_json_schema()}}}},
    )
    async def reconcile(request: Request, name: str = Depends(device)) -> Any:
        """Count and digest of the (uuid, version, hash) keys held for a device, by uuid prefix; keys on request."""
        try:
            body = parse_json(await read_body(request, 64 * 1024))
        except BodyError as refused:
            raise ApiError(refused.status, refused.code, refused.message) from None
        try:
            ask = ReconcileRequest.model_validate(body)
        except Exception:  # noqa: BLE001 - pydantic's message would quote the input
            raise ApiError(400, "bad_request", "expected {device_id, prefix, keys}") from None
        if not _UUID_RE.fullmatch(ask.device_id) or not _PREFIX_RE.fullmatch(ask.prefix):
            raise ApiError(400, "bad_request", "device_id must be a lower-case uuid and prefix 0-8 hex digits")
        await run_in_threadpool(_require_own_device, engine, name, ask.device_id)
        return await run_in_threadpool(
            reconcile_answer, engine, ask.device_id, ask.prefix, ask.keys, protocol.RECONCILE_MAX_KEYS
        )

    @app.post(protocol.CHAIN_HEAD_PATH, responses=ERRORS, tags=["audit"])
    async def chain_head(request: Request, name: str = Depends(device)) -> Any:
        """Keep this device's latest audit-chain head (event id and hash): an anchor outside the PC."""
        try:
            body = parse_json(await read_body(request, 4 * 1024))
        except BodyError as refused:
            raise ApiError(refused.status, refused.code, refused.message) from None
        if (not isinstance(body, dict) or set(body) != {"device_id", "event_id", "event_hash"}
                or not isinstance(body["device_id"], str) or not _UUID_RE.fullmatch(body["device_id"])
                or not isinstance(body["event_id"], int) or isinstance(body["event_id"], bool)
                or not 0 <= body["event_id"] < 2**62
                or not isinstance(body["event_hash"], str) or not _HASH_RE.fullmatch(body["event_hash"])):
            raise ApiError(400, "bad_request", "expected {device_id, event_id, event_hash}")
        await run_in_threadpool(_require_own_device, engine, name, body["device_id"], True)
        await run_in_threadpool(db.record_chain_head, engine, name, body["device_id"], body["event_id"],
                                body["event_hash"])
        return {"status": "kept"}

    @app.get(protocol.CHAIN_HEAD_PATH, responses=ERRORS, tags=["audit"])
    async def chain_heads(name: str = Depends(device), device_id: str = Query(..., description="this device's id")
                          ) -> Any:
        """The chain heads this device sent, oldest first (for `triage-desktop db verify --against-collector`)."""
        if not _UUID_RE.fullmatch(device_id):
            raise ApiError(400, "bad_request", "device_id must be a lower-case uuid")
        await run_in_threadpool(_require_own_device, engine, name, device_id)
        heads = await run_in_threadpool(db.chain_heads_of, engine, device_id)
        return {"device_id": device_id, "heads": heads}

    @app.get(protocol.AGGREGATE_PATH, responses=ERRORS, tags=["reports"])
    async def aggregate(
        _analyst: Any = Depends(analyst),
        format: str = Query("json", pattern="^(json|csv)$", description="json or csv"),
        since: Optional[str] = Query(None, description="first ISO week, e.g. 2024-W01"),
        until: Optional[str] = Query(None, description="last ISO week, e.g. 2024-W52"),
        force_code: Optional[str] = Query(None, description="only this force"),
    ) -> Any:
        """Counts by ISO week, pathway and outcome across devices (latest version of each call). Analysts only
        (the dashboard's session cookie); a device token is refused with 403."""
        for label, value, regex in (("since", since, _WEEK_RE), ("until", until, _WEEK_RE), ("force_code", force_code, _FORCE_RE)):
            if value is not None and not regex.fullmatch(value):
                raise ApiError(400, "bad_request", f"{label} is not in the expected form")
        rows = await run_in_threadpool(aggregate_rows, engine, since, until, force_code)
        if format == "csv":
            out = io.StringIO()
            writer = csv.DictWriter(out, fieldnames=["iso_week", "pathway", "outcome_code", "count"], lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
            return Response(
                out.getvalue(),
                media_type="text/csv; charset=utf-8",
                headers={"Content-Disposition": 'attachment; filename="triage-aggregate.csv"'},
            )
        return {"rows": rows, "total": sum(r["count"] for r in rows)}

    return app
