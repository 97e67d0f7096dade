"""What one sync pass did (`SyncReport`: its counts, one-line summary and exit code), and how to tell a collector
too old for a summary's version from a record it refused."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional


@dataclass
class SyncReport:
    """What one pass did; `line()` is the one-line summary and `exit_code` the command's exit status."""

    sent: int = 0
    accepted: int = 0
    duplicate: int = 0
    quarantined: int = 0
    deferred: int = 0  # refused only because the collector is older than the summary version: kept queued
    conflicts: int = 0
    requeued: int = 0
    confirmed_by_reconcile: int = 0
    pending: int = 0
    synced_total: int = 0
    quarantined_total: int = 0
    reconciled: Optional[bool] = None
    error: Optional[str] = None
    auth_failed: bool = False
    cancelled: bool = False
    duration_s: float = 0.0
    #: the audit-chain head (call_events id) the collector now holds for this PC, if one was sent
    chain_head: Optional[int] = None

    @property
    def ok(self) -> bool:
        """True when the pass met no error and left nothing due behind."""
        return self.error is None and not self.cancelled and self.reconciled is not False

    @property
    def exit_code(self) -> int:
        """0 all done; 1 collector unreachable or failing (will retry); 3 token refused; 4 rows quarantined this pass."""
        if self.auth_failed:
            return 3
        if not self.ok or self.deferred:
            return 1
        return 4 if self.quarantined else 0

    def line(self) -> str:
        """One line for a person or a log (no personal data: counts and reasons only)."""
        text = (
            f"sync: sent {self.sent} (accepted {self.accepted}, duplicate {self.duplicate}, quarantined {self.quarantined}); "
            f"pending {self.pending}, synced {self.synced_total}, quarantined {self.quarantined_total}"
        )
        if self.deferred:
            text += f"; kept queued {self.deferred} (the collector is too old for this summary version)"
        if self.requeued or self.confirmed_by_reconcile:
            text += f"; reconcile re-sent {self.requeued}, confirmed {self.confirmed_by_reconcile}"
        if self.reconciled is not None:
            text += "; reconcile " + ("ok" if self.reconciled else "MISMATCH")
        if self.error:
            text += f"; error: {self.error}"
        if self.cancelled:
            text += "; cancelled"
        return text + f" ({self.duration_s:.1f} s)"


#: What a collector older than a summary's version answers (sync.schema.summary_problem's wording).
_UNKNOWN_VERSION = "/schema_version: unknown summary schema version"
TOO_OLD_NOTE = "the collector does not know this summary version yet (upgrade the collector); kept queued"


def collector_too_old(result: dict[str, Any]) -> bool:
    """True when a record was refused only because the collector does not know its summary schema version."""
    return _UNKNOWN_VERSION in str(result.get("error") or "")
