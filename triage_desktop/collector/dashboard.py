"""The collector's read-only dashboard for analysts: login, force-wide figures by week and device group, CSV.

Server-side templates (Jinja2) and server-drawn SVG: the page loads nothing from anywhere else. Analyst sessions are
separate from device tokens: a device token never opens the dashboard or reads an aggregate.
"""
from __future__ import annotations

import csv
import hmac
import io
import re
import secrets
from pathlib import Path
from typing import Any, Callable, Optional
from urllib.parse import parse_qs

from fastapi import FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from sqlalchemy import Engine

from ..core.summary_vocab import CALLER_TYPE_LABELS, S136_BAND_LABELS, S136_BANDS
from ..core.vocab import OUTCOME_CODES, PATHWAYS, POLICE_CODES
from . import analysts, db, svg
from .dashboard_figures import device_health, force_figures, groups

SESSION_COOKIE = "tdc_session"
LOGIN_CSRF_COOKIE = "tdc_login_csrf"
_WEEK_RE = re.compile(r"[0-9]{4}-W[0-9]{2}")
_GROUP_RE = re.compile(r"[A-Za-z0-9 ._()-]{1,64}")
_LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "[::1]")
CSP = ("default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; "
       "base-uri 'none'")

_ENV = Environment(loader=FileSystemLoader(str(Path(__file__).with_name("templates"))),
                   autoescape=select_autoescape(["html"]), trim_blocks=True, lstrip_blocks=True)


class DashboardRefused(Exception):
    """A dashboard request refused: HTTP status and a sentence for the person."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status, self.message = status, message


def _secure(request: Request) -> bool:
    """Secure cookies everywhere but plain http on a loopback name (the tests' and a developer's case)."""
    host = (request.headers.get("host") or "").rsplit(":", 1)[0]
    return request.url.scheme == "https" or host not in _LOOPBACK_HOSTS


def _headers(response: Response) -> Response:
    response.headers["Content-Security-Policy"] = CSP
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


def _page(name: str, status: int = 200, **context: Any) -> HTMLResponse:
    return _headers(HTMLResponse(_ENV.get_template(name).render(**context), status_code=status))  # type: ignore[return-value]


def outcome_label(code: str) -> str:
    entry = OUTCOME_CODES.get(code)
    return f"{code} ({entry.response})" if entry else code


def _pct(value: Optional[float]) -> str:
    return "–" if value is None else f"{100 * value:.1f}%"


def _secs(value: Optional[float]) -> str:
    if value is None:
        return "–"
    minutes, seconds = divmod(int(round(value)), 60)
    return f"{minutes} min {seconds:02d} s" if minutes else f"{seconds} s"


def charts(fig: dict[str, Any], baseline_rate: Optional[float]) -> dict[str, Markup]:
    """The dashboard's SVG charts (our own markup from escaped values)."""
    weeks = fig["weeks"]
    pathways = [p for p in PATHWAYS if any(fig["calls_by_week_pathway"][w].get(p) for w in weeks)]
    series = {PATHWAYS[p]: [fig["calls_by_week_pathway"][w].get(p, 0) for w in weeks] for p in pathways}
    rate = {"Police deployment rate": [r["rate"] for r in fig["deployment_rate_by_week"]]}
    reference = ("Pre-RCRP baseline", baseline_rate) if baseline_rate is not None else None
    bands = [(S136_BAND_LABELS[b[0]], fig["s136"]["bands"][b[0]]) for b in S136_BANDS]
    professional = [(CALLER_TYPE_LABELS.get(p["caller_type"], p["caller_type"]), p["calls"])
                    for p in fig["professional_callers"]]
    groups_ = [(g["group"], round(100 * g["rate"], 1) if g["rate"] is not None else 0) for g in fig["by_group"]]
    ttd = {"Median": [w["median_s"] for w in fig["time_to_decision"]["by_week"]],
           "90th percentile": [w["p90_s"] for w in fig["time_to_decision"]["by_week"]]}
    return {
        "calls": Markup(svg.stacked_bars("Calls by pathway per week", weeks, series)),
        "rate": Markup(svg.lines("Police deployment rate per week", weeks, rate, percent=True, reference=reference)),
        "s136": Markup(svg.bars("Time at the place of safety (s136 handovers)", bands)),
        "professional": Markup(svg.bars("Calls from health and care professionals, by setting", professional)),
        "groups": Markup(svg.bars("Police deployment rate by device group (%)", groups_)),
        "ttd": Markup(svg.lines("Time to decision per week (seconds)",
                                [w["iso_week"] for w in fig["time_to_decision"]["by_week"]], ttd)),
    }


def figures_csv(fig: dict[str, Any]) -> str:
    """The figures as one tidy long table: figure, iso_week, group, key, value."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["figure", "iso_week", "key", "value"])
    for week in fig["weeks"]:
        for pathway, n in sorted(fig["calls_by_week_pathway"][week].items()):
            writer.writerow(["calls_by_week_pathway", week, pathway, n])
    for row in fig["calls_by_pathway_outcome"]:
        writer.writerow(["calls_by_pathway_outcome", "", f"{row['pathway']}/{row['outcome_code']}", row["calls"]])
    for row in fig["deployment_rate_by_week"]:
        writer.writerow(["police_attended_by_week", row["iso_week"], "police", row["police"]])
        writer.writerow(["police_attended_by_week", row["iso_week"], "calls", row["calls"]])
    writer.writerow(["s136", "", "calls", fig["s136"]["calls"]])
    for band, n in fig["s136"]["bands"].items():
        writer.writerow(["s136_time_at_place_of_safety", "", band, n])
    writer.writerow(["s136", "", "past_one_hour", fig["s136"]["past_one_hour"]])
    for row in fig["professional_callers"]:
        for outcome, n in row["outcomes"].items():
            writer.writerow(["professional_callers", "", f"{row['caller_type']}/{outcome}", n])
    writer.writerow(["ambulance_involved", "", "calls", fig["ambulance"]])
    ttd = fig["time_to_decision"]
    writer.writerow(["time_to_decision_s", "", "median", "" if ttd["median_s"] is None else ttd["median_s"]])
    writer.writerow(["time_to_decision_s", "", "p90", "" if ttd["p90_s"] is None else ttd["p90_s"]])
    for key, n in fig["safety"].items():
        writer.writerow(["safety_signals", "", key, n])
    writer.writerow(["repeat_contact", "", "calls", fig["repeat_contact"]])
    for version, n in fig["schema_versions"].items():
        writer.writerow(["summary_schema_version", "", version, n])
    for row in fig["by_group"]:
        writer.writerow(["by_device_group", "", f"{row['group']}/calls", row["calls"]])
        writer.writerow(["by_device_group", "", f"{row['group']}/police", row["police"]])
    return out.getvalue()


def register_dashboard(app: FastAPI, engine: Engine, *, limits: Optional[analysts.LoginLimits] = None,
                       silent_after_hours: float = 24.0, baseline_rate: Optional[float] = None) -> Callable[..., Any]:
    """Add the dashboard routes to the collector app; returns the dependency that requires an analyst session."""
    limits = limits or analysts.LoginLimits()

    async def current(request: Request) -> Optional[analysts.Session]:
        return await run_in_threadpool(analysts.session_for, engine, request.cookies.get(SESSION_COOKIE))

    async def refuse_devices(request: Request) -> None:
        header = request.headers.get("authorization") or ""
        if header.lower().startswith("bearer "):
            if await run_in_threadpool(db.authenticate, engine, header[7:].strip()):
                raise DashboardRefused(403, "A device token cannot open the dashboard or read figures: "
                                            "sign in as an analyst.")

    async def analyst_required(request: Request) -> analysts.Session:
        """For the aggregate API: an analyst session cookie; device tokens are refused."""
        await refuse_devices(request)
        session = await current(request)
        if session is None:
            raise DashboardRefused(401, "Sign in as an analyst at /dashboard/login to read figures.")
        return session

    async def _form(request: Request) -> dict[str, str]:
        body = b""
        async for chunk in request.stream():
            body += chunk
            if len(body) > 8192:
                raise DashboardRefused(413, "The form is too large.")
        try:
            parsed = parse_qs(body.decode("utf-8"), keep_blank_values=True, max_num_fields=8)
        except (UnicodeDecodeError, ValueError):
            raise DashboardRefused(400, "The form could not be read.") from None
        return {k: v[0] for k, v in parsed.items()}

    @app.exception_handler(DashboardRefused)
    async def _refused(request: Request, exc: DashboardRefused) -> Response:
        if request.url.path.startswith("/v1/"):
            from fastapi.responses import JSONResponse

            code = {401: "unauthorized", 403: "forbidden"}.get(exc.status, "refused")
            return _headers(JSONResponse({"error": {"code": code, "message": exc.message}}, status_code=exc.status))
        return _page("refused.html", exc.status, message=exc.message)

    @app.get("/dashboard/style.css", include_in_schema=False)
    async def style() -> Response:
        css = (Path(__file__).with_name("templates") / "style.css").read_text(encoding="utf-8")
        return _headers(Response(css, media_type="text/css"))

    @app.get("/dashboard/login", include_in_schema=False)
    async def login_form(request: Request) -> Response:
        await refuse_devices(request)
        token = secrets.token_urlsafe(24)
        response = _page("login.html", csrf=token, error=None)
        response.set_cookie(LOGIN_CSRF_COOKIE, token, httponly=True, samesite="strict", secure=_secure(request),
                            path="/dashboard")
        return response

    @app.post("/dashboard/login", include_in_schema=False)
    async def login_post(request: Request) -> Response:
        await refuse_devices(request)
        form = await _form(request)
        cookie = request.cookies.get(LOGIN_CSRF_COOKIE) or ""
        if not cookie or not hmac.compare_digest(cookie, form.get("csrf", "")):
            raise DashboardRefused(403, "The form's security token is missing or wrong: open the sign-in page again.")
        client = request.client.host if request.client else "unknown"
        try:
            result = await run_in_threadpool(analysts.login, engine, form.get("name", ""), form.get("password", ""),
                                             client, limits)
        except analysts.LoginLocked as locked:
            response = _page("login.html", 429, csrf=cookie,
                             error=f"Too many wrong passwords. Sign-in is paused until "
                                   f"{locked.until.strftime('%H:%M UTC')}; ask an administrator if this was not you.")
            response.headers["Retry-After"] = str(limits.lock_s)
            return response
        if result is None:
            return _page("login.html", 401, csrf=cookie, error="That name and password do not match an analyst.")
        token, _session = result
        response = RedirectResponse("/dashboard", status_code=303)
        response.set_cookie(SESSION_COOKIE, token, httponly=True, samesite="strict", secure=_secure(request),
                            path="/", max_age=8 * 3600)
        response.delete_cookie(LOGIN_CSRF_COOKIE, path="/dashboard")
        return _headers(response)

    @app.post("/dashboard/logout", include_in_schema=False)
    async def logout(request: Request) -> Response:
        session = await current(request)
        form = await _form(request)
        if session is None:
            return _headers(RedirectResponse("/dashboard/login", status_code=303))
        if not hmac.compare_digest(session.csrf, form.get("csrf", "")):
            raise DashboardRefused(403, "The form's security token is missing or wrong: nothing was changed.")
        await run_in_threadpool(analysts.logout, engine, request.cookies.get(SESSION_COOKIE, ""))
        response = RedirectResponse("/dashboard/login", status_code=303)
        response.delete_cookie(SESSION_COOKIE, path="/")
        return _headers(response)

    def _params(request: Request) -> dict[str, Optional[str]]:
        q = request.query_params
        out: dict[str, Optional[str]] = {}
        for key, regex in (("since", _WEEK_RE), ("until", _WEEK_RE), ("group", _GROUP_RE)):
            value = (q.get(key) or "").strip() or None
            if value is not None and not regex.fullmatch(value):
                raise DashboardRefused(400, f"The {key} filter is not in the expected form.")
            out[key] = value
        return out

    @app.get("/dashboard", include_in_schema=False)
    async def dashboard(request: Request) -> Response:
        await refuse_devices(request)
        session = await current(request)
        if session is None:
            return _headers(RedirectResponse("/dashboard/login", status_code=303))
        params = _params(request)

        def work() -> tuple[dict[str, Any], list[dict[str, Any]], list[str]]:
            return (force_figures(engine, since=params["since"], until=params["until"], group=params["group"]),
                    device_health(engine, silent_after_hours=silent_after_hours), groups(engine))

        fig, health, group_names = await run_in_threadpool(work)
        return _page("dashboard.html", fig=fig, health=health, groups=group_names, params=params, session=session,
                     charts=charts(fig, baseline_rate), pct=_pct, secs=_secs, outcome_label=outcome_label,
                     pathways=PATHWAYS, caller_labels=CALLER_TYPE_LABELS, band_labels=S136_BAND_LABELS,
                     police_codes=POLICE_CODES, silent_after_hours=silent_after_hours, baseline_rate=baseline_rate,
                     query=str(request.url.query))

    @app.get("/dashboard/figures.csv", include_in_schema=False)
    async def download(request: Request) -> Response:
        await refuse_devices(request)
        if await current(request) is None:
            raise DashboardRefused(401, "Sign in as an analyst to download figures.")
        params = _params(request)
        fig = await run_in_threadpool(lambda: force_figures(engine, since=params["since"], until=params["until"],
                                                            group=params["group"]))
        return _headers(Response(figures_csv(fig), media_type="text/csv; charset=utf-8",
                                 headers={"Content-Disposition": 'attachment; filename="triage-figures.csv"'}))

    return analyst_required
