"""The collector's dashboard in a real browser (Debian's headless Chromium driven by Selenium), over a collector on
loopback filled with 10,000 summaries (versions 1 and 2) from several devices, on SQLite and PostgreSQL."""
from __future__ import annotations

import csv
import json
import random
import shutil
import statistics
import time
from pathlib import Path
from typing import Any, Iterator

import httpx
import pytest

from triage_desktop.collector import rollup
from triage_desktop.core.summary_vocab import CALLER_TYPES, PARTNER_CODES, V2_OUTCOME_CODES
from triage_desktop.sync.summary import build_summary

from screenshots import screenshot_path
from sync_support import Collector, analyst_client, make_call

N_SUMMARIES = 10_000
DEVICES = [("cr-north-01", "North"), ("cr-north-02", "North"), ("cr-south-01", "South"), ("cr-south-02", "South"),
           ("cr-hq-01", "")]
PASSWORD = "correct horse battery"


def _summaries(rng: random.Random, device_id: str, n: int) -> list[dict[str, Any]]:
    out = []
    for i in range(n):
        call = make_call(rng, started_at=f"2025-{rng.randint(1, 3):02d}-{rng.randint(1, 28):02d}T"
                                         f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:00Z")
        if i % 3 == 0:  # a third arrive as version 1 (PCs not yet upgraded)
            out.append(build_summary(call, device_id=device_id, force_code="XX", schema_version=1))
            continue
        call.update(caller_type=rng.choice(sorted(CALLER_TYPES)), first_decision_code=rng.choice(V2_OUTCOME_CODES),
                    decision_raised=int(rng.random() < 0.05), repeat_links_json=json.dumps(["x"] if rng.random() < .1 else []),
                    partners_json=json.dumps(rng.sample(PARTNER_CODES, rng.randint(0, 2))),
                    rollout_phase=rng.randint(1, 4), immediate_risk=int(rng.random() < .05),
                    overridden=int(rng.random() < .04), early_exit=int(rng.random() < .03))
        if i % 10 == 1:  # a pathway not yet under RCRP: the force procedure, no RCRP decision (not in the rate)
            call.update(outcome_code="FORCE_PROCEDURE", response=None, grade=None, police_attend=0,
                        first_decision_code="FORCE_PROCEDURE")
        minutes = rng.choice([None, 20, 45, 70, 150, 300]) if call["pathway"] == "s136" else None
        out.append(build_summary(call, device_id=device_id, force_code="XX", s136_minutes=minutes))
    return out


def _expected(collector: Collector, group_of: dict[str, str], group: str | None = None) -> dict[str, Any]:
    """The figures computed here, straight from the summaries table (latest version of each call)."""
    from sqlalchemy import text

    with collector.engine.connect() as conn:
        rows = conn.execute(text("SELECT call_uuid, call_version, payload, uploaded_by FROM summaries")).all()
    latest: dict[str, tuple[int, dict[str, Any], str]] = {}
    for call_uuid, version, payload, device in rows:
        if call_uuid not in latest or version > latest[call_uuid][0]:
            latest[call_uuid] = (version, json.loads(payload), device)
    records = [r for _v, r, d in latest.values() if group is None or (group_of.get(d) or "(no group)") == group]
    ttd = sorted(r["time_to_decision_s"] for r in records if r["time_to_decision_s"] is not None)
    return {
        "calls": len(records),
        "police": sum(r["police_attend"] for r in records),
        "decided": sum(r["outcome_code"] != "FORCE_PROCEDURE" for r in records),  # the deployment rate's denominator
        "s136": sum(r["pathway"] == "s136" for r in records),
        "past_hour": sum(r.get("s136_minutes_band") in ("60_119", "120_239", "240_plus") for r in records),
        "v1": sum(r["schema_version"] == 1 for r in records),
        "v2": sum(r["schema_version"] == 2 for r in records),
        "overridden": sum(r["overridden"] for r in records),
        "immediate": sum(r["immediate_risk"] for r in records),
        "early": sum(r["early_exit"] for r in records),
        "repeat": sum(bool(r.get("repeat_contact")) for r in records),
        "median": statistics.median(ttd) if ttd else None,
    }


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Any]:
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    chromium, driver_path = shutil.which("chromium"), shutil.which("chromedriver")
    if not chromium or not driver_path:
        pytest.fail("chromium and chromium-driver are needed (bash .ci/browser.sh installs them)")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-dev-shm-usage", "--disable-extensions", "--disable-sync", "--no-first-run",
                 "--disable-component-update", "--disable-default-apps", "--window-size=1366,768",
                 f"--user-data-dir={tmp_path / 'chrome-profile'}"):
        options.add_argument(flag)
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                              "download.prompt_for_download": False})
    driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
    driver.downloads = downloads  # type: ignore[attr-defined]
    try:
        yield driver
    finally:
        driver.quit()


def _text(driver: Any, element_id: str) -> str:
    from selenium.webdriver.common.by import By

    return driver.find_element(By.ID, element_id).text.strip()


def _sign_in(driver: Any, url: str, name: str, password: str) -> None:
    from selenium.webdriver.common.by import By

    driver.get(url + "/dashboard/login")
    driver.find_element(By.ID, "name").send_keys(name)
    driver.find_element(By.ID, "password").send_keys(password)
    # Mark the login document, then wait for a document without the mark: the answer page has loaded.
    # (Waiting for the button to go stale asks Chrome about a node of the old page, which it sometimes
    # answers with "Node with given id does not belong to the document" instead of "stale".)
    driver.execute_script("window.__tdLoginPage = true;")
    driver.find_element(By.ID, "sign-in").click()
    _wait(lambda: _script(driver, "return !window.__tdLoginPage && document.readyState === 'complete';"))


def _script(driver: Any, script: str) -> Any:
    """Run a script, reading a page that is being replaced as 'not yet'."""
    from selenium.common.exceptions import WebDriverException

    try:
        return driver.execute_script(script)
    except WebDriverException:
        return None


def _wait(condition: Any, timeout: float = 20.0) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError("condition not met in time")


def test_dashboard_in_a_real_browser(backend: str, tmp_path: Path, browser: Any) -> None:
    from selenium.webdriver.common.by import By

    collector = Collector(backend, tmp_path, extra=("--login-max-failures", "3", "--login-lock-seconds", "600",
                                                    "--silent-after-hours", "24", "--baseline-rate", "69")).start()
    try:
        rng = random.Random(2025)
        tokens, group_of = {}, {}
        for name, group in DEVICES:
            tokens[name] = collector.add_device(name)
            group_of[name] = group
            if group:
                rollup.set_device_group(collector.engine, name, group)
        collector.add_device("cr-silent-01")
        from sqlalchemy import text

        with collector.engine.begin() as conn:  # registered three days ago, never synced since
            conn.execute(text("UPDATE devices SET created_at = '2020-01-01T00:00:00.000000Z' WHERE name = 'cr-silent-01'"))
        per_device = N_SUMMARIES // len(DEVICES)
        for name, _group in DEVICES:
            records = _summaries(rng, str(__import__("uuid").UUID(int=rng.getrandbits(128), version=4)), per_device)
            for start in range(0, len(records), 5000):
                answer = httpx.post(collector.url + "/v1/summaries", json={"records": records[start:start + 5000]},
                                    headers={"Authorization": f"Bearer {tokens[name]}"}, timeout=120)
                assert answer.status_code == 200 and answer.json()["counts"]["accepted"] == len(records[start:start + 5000])
        assert collector.count() == N_SUMMARIES

        # a device token opens neither the dashboard nor any aggregate; an analyst cannot upload
        device = {"Authorization": f"Bearer {tokens['cr-north-01']}"}
        assert httpx.get(collector.url + "/dashboard", headers=device).status_code == 403
        assert httpx.get(collector.url + "/dashboard/figures.csv", headers=device).status_code == 403
        assert httpx.get(collector.url + "/v1/aggregate", headers=device).status_code == 403
        from triage_desktop.collector import analysts

        analysts.add_analyst(collector.engine, "ana", PASSWORD)
        other = analyst_client(collector, "bea", PASSWORD)
        upload = other.post("/v1/summaries", json={"records": _summaries(rng, "0b8f6f7e-2f55-4d5f-9a3e-0c6a1b2c3d4e", 1)})
        assert upload.status_code == 401 and collector.count() == N_SUMMARIES

        # not signed in: the dashboard sends the browser to the sign-in page; a wrong password is refused
        browser.get(collector.url + "/dashboard")
        assert browser.current_url.endswith("/dashboard/login")
        _sign_in(browser, collector.url, "ana", "wrong password here")
        assert "do not match" in _text(browser, "login-error")

        # signed in: every headline figure equals what the database holds
        _sign_in(browser, collector.url, "ana", PASSWORD)
        _wait(lambda: browser.current_url.endswith("/dashboard"))
        expected = _expected(collector, group_of)
        assert _text(browser, "analyst") == "ana"
        assert int(_text(browser, "kpi-calls")) == expected["calls"] == N_SUMMARIES
        assert expected["decided"] < expected["calls"]  # some calls took the force procedure
        assert int(_text(browser, "kpi-police")) == expected["police"]
        assert _text(browser, "kpi-rate") == f"{100 * expected['police'] / expected['decided']:.1f}%"
        assert int(_text(browser, "kpi-s136")) == expected["s136"]
        assert int(_text(browser, "kpi-v1")) == expected["v1"] and int(_text(browser, "kpi-v2")) == expected["v2"]
        assert expected["v1"] > 3000 and expected["v2"] > 6000  # both versions counted together
        assert int(_text(browser, "s136-past-hour")) == expected["past_hour"] > 0
        assert int(_text(browser, "v-overridden")) == expected["overridden"]
        assert int(_text(browser, "v-immediate")) == expected["immediate"]
        assert int(_text(browser, "v-early")) == expected["early"]
        assert int(_text(browser, "v-repeat")) == expected["repeat"]
        median_text = _text(browser, "v-median")  # e.g. "2 min 35 s", to 5 s
        minutes, _, rest = median_text.partition(" min ")
        shown = int(minutes) * 60 + int(rest.rstrip(" s")) if rest else int(median_text.rstrip(" s"))
        assert 0 <= shown - expected["median"] <= 5
        health = browser.find_element(By.ID, "t-health").text
        assert "cr-silent-01" in health and "SILENT" in health and "cr-north-01" in health
        svg_count = len(browser.find_elements(By.CSS_SELECTOR, "svg"))
        assert svg_count >= 6
        resources = browser.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
        assert all(r.startswith(collector.url) for r in resources)  # nothing is fetched from anywhere else
        if backend.endswith(".sqlite") or "postgresql" not in backend:
            browser.set_window_size(1366, 768)
            screenshot_path("dashboard.png").write_bytes(browser.get_screenshot_as_png())  # raises if it fails
            height = browser.execute_script("return document.body.scrollHeight")
            browser.set_window_size(1366, min(int(height) + 40, 6000))
            screenshot_path("dashboard-full.png").write_bytes(browser.get_screenshot_as_png())
            browser.set_window_size(1366, 768)
            for name in ("dashboard.png", "dashboard-full.png"):  # real images, not blank pages
                assert screenshot_path(name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
                assert screenshot_path(name).stat().st_size > 20_000, name

        # the CSV download holds the same figures
        browser.find_element(By.ID, "csv").click()
        path = _wait(lambda: next((p for p in browser.downloads.glob("*.csv")), None))
        _wait(lambda: not list(browser.downloads.glob("*.crdownload")))
        rows = list(csv.DictReader(path.open(encoding="utf-8")))
        by_week = sum(int(r["value"]) for r in rows if r["figure"] == "calls_by_week_pathway")
        assert by_week == expected["calls"]
        versions = {r["key"]: int(r["value"]) for r in rows if r["figure"] == "summary_schema_version"}
        assert versions == {"1": expected["v1"], "2": expected["v2"]}

        # by device group
        from selenium.webdriver.support.ui import Select

        Select(browser.find_element(By.ID, "group")).select_by_value("North")
        browser.find_element(By.ID, "apply").click()
        _wait(lambda: "group=North" in browser.current_url)
        north = _expected(collector, group_of, "North")
        assert int(_text(browser, "kpi-calls")) == north["calls"] == 2 * per_device
        assert int(_text(browser, "kpi-police")) == north["police"]

        # a form post without its CSRF token is refused and changes nothing (the session stays signed in)
        cookie = browser.get_cookie("tdc_session")["value"]
        forged = httpx.post(collector.url + "/dashboard/logout", data={}, cookies={"tdc_session": cookie})
        assert forged.status_code == 403
        assert httpx.get(collector.url + "/dashboard", cookies={"tdc_session": cookie}).status_code == 200
        login_forged = httpx.post(collector.url + "/dashboard/login", data={"name": "ana", "password": PASSWORD})
        assert login_forged.status_code == 403 and "tdc_session" not in login_forged.cookies

        # logout ends the session: the old cookie opens nothing
        browser.find_element(By.ID, "logout").click()
        _wait(lambda: browser.current_url.endswith("/dashboard/login"))
        assert httpx.get(collector.url + "/dashboard", cookies={"tdc_session": cookie}).status_code == 303
        assert httpx.get(collector.url + "/v1/aggregate", cookies={"tdc_session": cookie}).status_code == 401

        # wrong passwords are rate-limited: after 3, even the right password is refused for a while
        for _ in range(3):
            _sign_in(browser, collector.url, "ana", "not the password")
        _sign_in(browser, collector.url, "ana", PASSWORD)
        assert "Too many wrong passwords" in _text(browser, "login-error")
        assert not browser.current_url.endswith("/dashboard")
    finally:
        collector.stop()
