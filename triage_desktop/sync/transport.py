"""HTTPS client for the collector API: batch upload, reconcile and health, with errors sorted into retry or stop."""
from __future__ import annotations

import json
import ssl
from typing import Any, Optional, Sequence
from urllib.parse import urlsplit

import httpx

from .. import __version__
from . import protocol


class TransportError(Exception):
    """The collector could not be reached or answered with a server-side error; `retryable` says whether to try again."""

    def __init__(self, message: str, *, retryable: bool = True, status: Optional[int] = None) -> None:
        super().__init__(message)
        self.retryable = retryable
        #: the HTTP status when the collector answered (e.g. 500), else None (unreachable, timed out)
        self.status = status


class AuthError(TransportError):
    """The collector refused the device token (401/403): retrying will not help until a person fixes it."""

    def __init__(self, message: str) -> None:
        super().__init__(message, retryable=False)


class BatchRejected(Exception):
    """The collector refused the whole request as malformed or too large (400/413): split it to find the culprit."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(f"HTTP {status} {code}: {message}")
        self.status, self.code, self.message = status, code, message


def _error_detail(response: httpx.Response) -> tuple[str, str]:
    try:
        error = response.json()["error"]
        return str(error["code"])[:64], str(error["message"])[:300]
    except (ValueError, KeyError, TypeError):
        return "http_error", f"HTTP {response.status_code}"


def tls_context(ca_bundle: Optional[str]) -> ssl.SSLContext | bool:
    """Certificate verification: the system's trust store, or only the given CA bundle (PEM)."""
    if not ca_bundle:
        return True
    return ssl.create_default_context(cafile=ca_bundle)


LOOPBACK_HOSTS = ("127.0.0.1", "::1", "localhost")


def check_collector_url(url: str) -> None:
    """https:// anywhere; plain http:// only to this PC (loopback). Raises ValueError naming the setting."""
    parsed = urlsplit(url)
    if parsed.scheme == "https" and parsed.hostname:
        return
    if parsed.scheme == "http" and parsed.hostname:
        host = parsed.hostname
        if host in LOOPBACK_HOSTS or host.startswith("127."):
            return
        raise ValueError(f"collector_url: plain http:// to {host} is refused (summaries would cross the network "
                         "unencrypted); use https:// (http:// is allowed only to this PC: 127.0.0.1, ::1, localhost)")
    raise ValueError("collector_url: must be an https:// URL with a host (http:// only to this PC)")


class CollectorClient:
    """One collector endpoint with one device token; always verifies TLS certificates."""

    def __init__(self, url: str, token: str, *, ca_bundle: Optional[str] = None, timeout: float = 30.0) -> None:
        check_collector_url(url)
        self.url = url.rstrip("/")
        self._http = httpx.Client(
            base_url=self.url,
            headers={"Authorization": f"Bearer {token}", "User-Agent": f"triage-desktop/{__version__}"},
            timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
            verify=tls_context(ca_bundle),
        )

    def close(self) -> None:
        """Close the connection pool."""
        self._http.close()

    def __enter__(self) -> "CollectorClient":
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def _send(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        try:
            try:
                response = self._http.request(method, path, **kwargs)
            except (httpx.ReadError, httpx.WriteError, httpx.RemoteProtocolError):
                # a kept-alive connection the server had just closed (e.g. after a 5xx): once more, on a fresh one
                # (every request here is idempotent: summaries are stored exactly once by uuid and version)
                response = self._http.request(method, path, **kwargs)
        except httpx.ConnectError as error:
            if isinstance(error.__context__, ssl.SSLCertVerificationError) or "CERTIFICATE_VERIFY_FAILED" in str(error):
                raise TransportError("TLS certificate of the collector could not be verified", retryable=False) from None
            raise TransportError("collector unreachable (connection failed)") from None
        except httpx.TimeoutException:
            raise TransportError("collector did not answer in time") from None
        except httpx.TransportError as error:
            raise TransportError(f"connection to the collector broke ({type(error).__name__})") from None
        if response.status_code in (401, 403):
            raise AuthError(f"collector refused the device token (HTTP {response.status_code})")
        if response.status_code in (400, 413, 422):
            code, message = _error_detail(response)
            raise BatchRejected(response.status_code, code, message)
        if response.status_code in (408, 429) or response.status_code >= 500:
            raise TransportError(f"collector is busy or failing (HTTP {response.status_code})",
                                 status=response.status_code)
        if response.status_code != 200:
            raise TransportError(f"unexpected answer from the collector (HTTP {response.status_code})", retryable=False)
        return response

    def push(self, payloads: Sequence[str]) -> list[dict[str, Any]]:
        """Upload canonical payload texts as one batch; one result dict per payload, in order, after the commit."""
        body = ('{"records":[' + ",".join(payloads) + "]}").encode("ascii")
        response = self._send("POST", protocol.SUMMARIES_PATH, content=body, headers={"Content-Type": "application/json"})
        try:
            results = response.json()["results"]
        except (ValueError, KeyError, TypeError):
            raise TransportError("collector answer could not be read") from None
        if not isinstance(results, list) or [r.get("index") for r in results] != list(range(len(payloads))):
            raise TransportError("collector answer does not match the batch")
        return results

    def reconcile(self, device_id: str, prefix: str = "", *, keys: bool = False) -> dict[str, Any]:
        """What the collector holds for this device under a uuid prefix: count, digest, buckets (and keys)."""
        body = json.dumps({"device_id": device_id, "prefix": prefix, "keys": keys})
        response = self._send("POST", protocol.RECONCILE_PATH, content=body, headers={"Content-Type": "application/json"})
        try:
            answer = response.json()
            int(answer["count"]), str(answer["digest"]), dict(answer["buckets"])
        except (ValueError, KeyError, TypeError):
            raise TransportError("collector reconcile answer could not be read") from None
        return answer

    def send_chain_head(self, device_id: str, event_id: int, event_hash: str) -> None:
        """Anchor this PC's audit chain: the collector keeps every head it is sent, per device."""
        body = json.dumps({"device_id": device_id, "event_id": event_id, "event_hash": event_hash})
        self._send("POST", protocol.CHAIN_HEAD_PATH, content=body, headers={"Content-Type": "application/json"})

    def chain_heads(self, device_id: str) -> list[dict[str, Any]]:
        """The chain heads the collector holds for this device (oldest first)."""
        answer = self._send("GET", protocol.CHAIN_HEAD_PATH, params={"device_id": device_id}).json()
        return list(answer["heads"])

    def health(self) -> dict[str, Any]:
        """The collector's health answer."""
        return self._send("GET", protocol.HEALTH_PATH).json()
