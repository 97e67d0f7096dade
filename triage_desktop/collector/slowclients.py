"""Slow and idle connections are cut off: uvicorn's h11 protocol with a deadline for each request.

uvicorn (0.54) closes a keep-alive connection idle after a response (`timeout_keep_alive`), but not a connection
that never sends a request, nor one that sends its request head or body a byte at a time (a slowloris). Each such
connection costs the server little, but thousands of them exhaust file descriptors. This protocol gives every
request `request_timeout` seconds from its first byte (or from the connection, for a silent one) to arrive whole;
a request the application is already answering is never cut.
"""
from __future__ import annotations

import asyncio
from typing import Any, Optional

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

#: Seconds a client has to send one whole request (head and body); set by `triage-collector serve`.
REQUEST_TIMEOUT_S = 10.0


class DeadlineH11Protocol(H11Protocol):
    """H11Protocol with a per-request deadline for slow or silent clients."""

    request_timeout = REQUEST_TIMEOUT_S

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._deadline: Optional[asyncio.TimerHandle] = None

    def _arm(self) -> None:
        if self._deadline is None:
            self._deadline = self.loop.call_later(self.request_timeout, self._too_slow)

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()  # a connection that never sends anything is cut too

    def data_received(self, data: bytes) -> None:
        if self.conn.their_state is h11.IDLE:
            self._arm()
        super().data_received(data)
        if self.conn.their_state is h11.DONE:  # the whole request is in: the application answers in its own time
            self._disarm()

    def on_response_complete(self) -> None:
        self._disarm()
        super().on_response_complete()  # arms uvicorn's keep-alive (idle) timeout

    def connection_lost(self, exc: Optional[Exception]) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _too_slow(self) -> None:
        self._deadline = None
        if self.transport.is_closing() or self.conn.their_state is h11.DONE:
            return
        if self.cycle is not None and not self.cycle.response_complete and self.conn.their_state is h11.DONE:
            return
        self.transport.close()


def protocol_with_timeout(seconds: float) -> type[DeadlineH11Protocol]:
    """The protocol class with its own request timeout (uvicorn takes a class)."""
    return type("DeadlineH11Protocol", (DeadlineH11Protocol,), {"request_timeout": float(seconds)})
