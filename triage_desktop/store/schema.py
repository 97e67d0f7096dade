"""The database schema, created and evolved by sqlite-utils Migrations (one small function per step).

The registry is store.connection.Migrations: sqlite-utils' table and records, read without importing sqlite-utils
(an up-to-date database opens without it); pending steps are applied by sqlite-utils itself.
The columns and triggers the steps create are defined in store/tabledefs.py."""
from __future__ import annotations

from typing import TYPE_CHECKING

from .connection import Migrations
from .tabledefs import (CALL_COLUMNS, EVENT_COLUMNS, EVENT_PURGE_COLUMNS, FOLD_EVENT_COLUMNS, MAC_EVENT_COLUMNS,
                        MUTABLE_COLUMNS, PERSONAL_COLUMNS, POSITION_EVENT_COLUMNS, POSITION_GUARDED_COLUMNS,
                        PURGE_COLUMNS, SEAL_CALL_COLUMNS, SEAL_EVENT_COLUMNS, SHARED_CALL_COLUMNS, call_triggers_sql,
                        event_triggers_sql)

if TYPE_CHECKING:
    from sqlite_utils import Database

MIGRATIONS = Migrations("triage_desktop.store")


def _create(db: Database, name: str, columns: dict[str, str], extra: str = "") -> None:
    cols = ",\n  ".join(f"[{c}] {t}" for c, t in columns.items())
    db.execute(f"CREATE TABLE [{name}] (\n  {cols}{extra}\n)")


@MIGRATIONS(name="0001_calls_events_flows_settings")
def m0001(db: Database) -> None:
    """Calls, their append-only events, the flow sources they used, and settings."""
    db.execute("CREATE TABLE flow_sets (id INTEGER PRIMARY KEY, hashes_json TEXT NOT NULL UNIQUE)")
    first = {k: v for k, v in CALL_COLUMNS.items() if k not in SHARED_CALL_COLUMNS}
    _create(db, "calls", first)
    _create(db, "call_events", EVENT_COLUMNS, ",\n  UNIQUE (call_uuid, seq)")
    # UNIQUE (call_uuid, seq) also serves per-call lookups: one index fewer to write on every answer
    db.execute("CREATE INDEX idx_calls_status ON calls (status, started_at)")
    db.execute("""CREATE TABLE flow_versions (
  hash TEXT PRIMARY KEY, flow_id TEXT NOT NULL, version TEXT NOT NULL, title TEXT NOT NULL DEFAULT '',
  pathway TEXT NOT NULL DEFAULT '', source_text TEXT NOT NULL, first_used_at TEXT NOT NULL)""")
    db.execute("CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT)")
    for sql in call_triggers_sql(first) + event_triggers_sql():
        db.execute(sql)


@MIGRATIONS(name="0002_outbox")
def m0002(db: Database) -> None:
    """The sync outbox (written by the store at finalise/addendum, read and updated by sync)."""
    db.execute("""CREATE TABLE outbox (
  id INTEGER PRIMARY KEY,
  call_uuid TEXT NOT NULL REFERENCES calls(uuid),
  call_version INTEGER NOT NULL,
  payload TEXT NOT NULL,
  payload_hash TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'synced', 'quarantined')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT,
  last_error TEXT,
  created_at TEXT NOT NULL,
  synced_at TEXT,
  UNIQUE (call_uuid, call_version))""")
    db.execute("CREATE INDEX idx_outbox_status ON outbox (status, next_attempt_at)")


@MIGRATIONS(name="0003_history_indexes_fts")
def m0003(db: Database) -> None:
    """Indexes for the History view and reports, and full-text search over notes and rationale."""
    db.execute("CREATE INDEX idx_calls_started ON calls (started_at)")
    db.execute("CREATE INDEX idx_calls_pathway ON calls (pathway, started_at)")
    db.execute("CREATE INDEX idx_calls_outcome ON calls (outcome_code, started_at)")
    db.execute("CREATE INDEX idx_calls_handler ON calls (handler_id, started_at)")
    db.execute("CREATE INDEX idx_calls_purge ON calls (started_at) WHERE personal_salt IS NOT NULL")
    db.execute("DROP INDEX idx_calls_status")
    db.execute("CREATE INDEX idx_calls_status ON calls "
               "(status, started_at, pathway, outcome_code, police_attend)")
    db.table("calls").enable_fts(["notes", "rationale"], fts_version="FTS5", create_triggers=True)
    # sqlite-utils' update trigger fires on every UPDATE of calls; narrow it to the indexed columns so the
    # per-answer position update does not touch the index (same body, same name).
    db.execute("DROP TRIGGER IF EXISTS calls_au")
    db.execute("""CREATE TRIGGER calls_au AFTER UPDATE OF notes, rationale ON calls BEGIN
  INSERT INTO calls_fts (calls_fts, rowid, notes, rationale) VALUES('delete', old.rowid, old.notes, old.rationale);
  INSERT INTO calls_fts (rowid, notes, rationale) VALUES (new.rowid, new.notes, new.rationale);
END""")


@MIGRATIONS(name="0004_shared_call_columns")
def m0004(db: Database) -> None:
    """Columns several features share (caller type, decision, repeat links, partners, phase, CAD number, language)."""
    for name, decl in SHARED_CALL_COLUMNS.items():
        db.execute(f"ALTER TABLE calls ADD COLUMN [{name}] {decl}")
    for sql in call_triggers_sql():  # the frozen-column lists now include the new columns
        db.execute(sql)


def table_columns(db: Database, table: str) -> dict[str, str]:
    """The columns a table has now (name -> declared type): later migrations rebuild triggers from these."""
    return {r[1]: r[2] for r in db.execute(f"PRAGMA table_info([{table}])").fetchall()}


@MIGRATIONS(name="0005_rel_hash_versions")
def m0005_rel(db: Database) -> None:
    """The hash version each closed call and each event was sealed with (existing rows: version 1).

    Only adds columns with DEFAULT 1: no hashed row is rewritten. The immutability triggers are rebuilt from the
    tables' real columns so the new columns are frozen too.
    """
    for name, decl in SEAL_CALL_COLUMNS.items():
        db.execute(f"ALTER TABLE calls ADD COLUMN [{name}] {decl}")
    for name, decl in SEAL_EVENT_COLUMNS.items():
        db.execute(f"ALTER TABLE call_events ADD COLUMN [{name}] {decl}")
    for sql in call_triggers_sql(table_columns(db, "calls")) + event_triggers_sql(table_columns(db, "call_events")):
        db.execute(sql)


@MIGRATIONS(name="0006_figures_s136_minutes_index")
def m0006_figures(db: Database) -> None:
    """A small partial index: the s136 minutes answers, for the summary's time band and the Reports window."""
    db.execute("CREATE INDEX IF NOT EXISTS idx_events_s136_minutes ON call_events (call_uuid, id) "
               "WHERE node = 'minutes_at_pos'")


@MIGRATIONS(name="0010_arch_sync_settings")
def m0010_arch(db: Database) -> None:
    """The sync settings (collector URL, CA bundle) become declared settings: values the old sync command saved are
    kept, trimmed; blank ones are dropped so the declared default applies."""
    for key in ("sync_collector_url", "sync_ca_bundle"):
        db.execute("UPDATE settings SET value = trim(value) WHERE key = ?", (key,))
        db.execute("DELETE FROM settings WHERE key = ? AND value = ''", (key,))


def migrate(db: Database) -> list[str]:
    """Apply every pending migration; returns the names applied."""
    names = [m.name for m in MIGRATIONS.pending(db)]
    MIGRATIONS.apply(db)
    return names


def unknown_migrations(db: Database) -> list[str]:
    """Migrations recorded in the database that this version of the app does not know (a newer app wrote it)."""
    known = {m.name for m in MIGRATIONS._migrations}
    return [m.name for m in MIGRATIONS.applied(db) if m.name not in known]


@MIGRATIONS(name="0006_callers_repeat_keys")
def m0006_callers(db: Database) -> None:
    """Repeat contact (issue 8): salted hashes of a caller's phone number or the person's name, per call, so a later
    call on this PC can be linked to earlier ones without keeping or comparing the personal data itself. Rows are
    deleted with the call's personal data at the end of the retention period."""
    db.execute("CREATE TABLE repeat_secret (id INTEGER PRIMARY KEY CHECK (id = 1), secret TEXT NOT NULL)")
    db.execute("CREATE TABLE repeat_keys (id INTEGER PRIMARY KEY, call_uuid TEXT NOT NULL REFERENCES calls(uuid), "
               "kind TEXT NOT NULL CHECK (kind IN ('phone', 'name')), key_hash TEXT NOT NULL, "
               "started_at TEXT NOT NULL, UNIQUE (call_uuid, kind, key_hash))")
    db.execute("CREATE INDEX repeat_keys_hash ON repeat_keys (key_hash, started_at)")


@MIGRATIONS(name="0007_rel_legal_holds")
def m0007_rel_holds(db: Database) -> None:
    """Legal holds are audit events ('legal_hold' / 'hold_lifted' on the call's chain); this index finds them."""
    db.execute("CREATE INDEX idx_call_events_holds ON call_events (call_uuid, id) "
               "WHERE kind IN ('legal_hold', 'hold_lifted')")


def _add_event_columns(db: Database, columns: dict[str, str]) -> None:
    """New columns on call_events (NULL in every row already there: no hashed row changes), then the append-only
    triggers rebuilt from the table's real columns, so the new ones are frozen too."""
    for name, decl in columns.items():
        db.execute(f"ALTER TABLE call_events ADD COLUMN [{name}] {decl}")
    for sql in event_triggers_sql(table_columns(db, "call_events")):
        db.execute(sql)


@MIGRATIONS(name="0008_rel_event_mac")
def m0008_rel_mac(db: Database) -> None:
    """A per-event HMAC signature (store/auditkey.py); frozen like every other event column."""
    _add_event_columns(db, MAC_EVENT_COLUMNS)


@MIGRATIONS(name="0030_training_results_reviews")
def m0030(db: Database) -> None:
    """Training results (scored mock calls) and supervisors' reviews of live calls (the call stays immutable)."""
    db.execute("""CREATE TABLE training_results (
  id INTEGER PRIMARY KEY,
  result_uid TEXT NOT NULL UNIQUE,
  call_uuid TEXT REFERENCES calls(uuid),
  taken_at TEXT NOT NULL,
  trainee TEXT NOT NULL,
  trainer TEXT NOT NULL DEFAULT '',
  session_id TEXT NOT NULL DEFAULT '',
  scenario_id TEXT NOT NULL,
  scenario_version TEXT NOT NULL DEFAULT '',
  scenario_title TEXT NOT NULL DEFAULT '',
  pathway TEXT NOT NULL,
  difficulty TEXT NOT NULL DEFAULT '',
  score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 100),
  passed INTEGER NOT NULL CHECK (passed IN (0, 1)),
  critical INTEGER NOT NULL DEFAULT 0,
  major INTEGER NOT NULL DEFAULT 0,
  minor INTEGER NOT NULL DEFAULT 0,
  decision_offset_s REAL,
  outcome_code TEXT NOT NULL DEFAULT '',
  expected_codes TEXT NOT NULL DEFAULT '',
  escalated INTEGER NOT NULL DEFAULT 0,
  deviations TEXT NOT NULL DEFAULT '[]',
  source_device TEXT NOT NULL DEFAULT '',
  imported INTEGER NOT NULL DEFAULT 0)""")
    db.execute("CREATE INDEX idx_training_results_trainee ON training_results (trainee, taken_at)")
    db.execute("""CREATE TABLE training_calls (
  call_uuid TEXT PRIMARY KEY REFERENCES calls(uuid),
  scenario_id TEXT NOT NULL,
  scenario_version TEXT NOT NULL DEFAULT '',
  trainee TEXT NOT NULL,
  trainer TEXT NOT NULL DEFAULT '',
  session_id TEXT NOT NULL DEFAULT '',
  started_at TEXT NOT NULL)""")
    db.execute("""CREATE TABLE call_reviews (
  id INTEGER PRIMARY KEY,
  call_uuid TEXT NOT NULL REFERENCES calls(uuid),
  handler_id TEXT NOT NULL DEFAULT '',
  reviewer TEXT NOT NULL,
  verdict TEXT NOT NULL CHECK (verdict IN ('ratified', 'queried')),
  comment TEXT NOT NULL DEFAULT '',
  week TEXT NOT NULL,
  sampled_why TEXT NOT NULL DEFAULT '',
  score INTEGER NOT NULL,
  critical INTEGER NOT NULL DEFAULT 0,
  major INTEGER NOT NULL DEFAULT 0,
  minor INTEGER NOT NULL DEFAULT 0,
  deviations TEXT NOT NULL DEFAULT '[]',
  created_at TEXT NOT NULL,
  acknowledged_at TEXT,
  acknowledged_by TEXT)""")
    db.execute("CREATE INDEX idx_call_reviews_call ON call_reviews (call_uuid, id)")
    db.execute("CREATE INDEX idx_call_reviews_handler ON call_reviews (handler_id, created_at)")


@MIGRATIONS(name="0012_forcepack_staff_passphrases")
def m0012_forcepack(db: Database) -> None:
    """Passphrases (argon2 hashes) of staff acting as supervisor or trainer, with failed-attempt counters."""
    db.execute("""CREATE TABLE staff_passphrases (
  staff_id TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('supervisor', 'trainer')),
  hash TEXT NOT NULL,
  created_at TEXT NOT NULL,
  failures INTEGER NOT NULL DEFAULT 0,
  locked_until TEXT,
  PRIMARY KEY (staff_id, role))""")


@MIGRATIONS(name="0040_figures_reports_index")
def m0040_figures(db: Database) -> None:
    """Indexes for the Reports window's figures, all partial (finalised calls only: a call being answered is in none
    of them, so answering writes nothing more; finalising writes three entries).

    - idx_calls_figures covers the weekly counts, rates, hours and safety signals: a period's calls are read from
      the index alone, with no lookup into the calls rows (status is listed too: SQLite covers a query only when
      the index names every column it uses);
    - idx_calls_decision_week and idx_calls_decision hold decision times in order within each week and overall, so
      a median or 90th percentile is ORDER BY ... LIMIT 2 OFFSET j along the index, never a sort of the period.
    The week expression is the one store/figures.py uses (_WEEK_NUMBER), character for character."""
    db.execute("CREATE INDEX IF NOT EXISTS idx_calls_figures ON calls (mode, started_at, pathway, outcome_code, "
               "police_attend, decision_offset_s, overridden, early_exit, immediate_risk, caller_type, rollout_phase, "
               "status) WHERE status = 'final'")
    db.execute("CREATE INDEX IF NOT EXISTS idx_calls_decision_week ON calls (mode, "
               "(CAST(julianday(substr(started_at, 1, 10)) + 0.5 AS INTEGER) / 7), decision_offset_s, started_at, "
               "status) WHERE status = 'final' AND decision_offset_s IS NOT NULL")
    db.execute("CREATE INDEX IF NOT EXISTS idx_calls_decision ON calls (mode, decision_offset_s, started_at, status) "
               "WHERE status = 'final' AND decision_offset_s IS NOT NULL")


@MIGRATIONS(name="0041_report_phase_index")
def m0041_report(db: Database) -> None:
    """The month report reads its rollout-phase split in the same pass as its pathway and outcome counts
    (store/report.py REPORT_SQL): idx_calls_status covers rollout_phase too, so a month's calls are read from the
    index alone (the phase split was a second pass with a lookup into every call row: 1.6x the query)."""
    db.execute("DROP INDEX IF EXISTS idx_calls_status")
    db.execute("CREATE INDEX idx_calls_status ON calls "
               "(status, started_at, pathway, outcome_code, police_attend, rollout_phase)")


@MIGRATIONS(name="0042_durable_shown_folded")
def m0042_durable(db: Database) -> None:
    """The 'question shown' event an answer led to is stored in the answer's row (call_events.shown_json) instead of
    a row of its own: one row, one index entry and one hash fewer per answer. Only adds a NULL column: no hashed row
    is rewritten; rows that carry a 'shown' are hashed with chain version 2, every other row stays version 1. The
    append-only trigger is rebuilt from the table's real columns so the new column is frozen too."""
    _add_event_columns(db, FOLD_EVENT_COLUMNS)


@MIGRATIONS(name="0043_durable_position_guard")
def m0043_durable(db: Database) -> None:
    """The closed-call guards fire only for an UPDATE naming one of their columns, the position columns an answer
    writes guarded by a small trigger of their own (call_triggers_sql, POSITION_GUARDED_COLUMNS): every answer's
    position UPDATE costs a third less. Triggers only: no row is read or written."""
    for sql in call_triggers_sql(table_columns(db, "calls")):
        db.execute(sql)


@MIGRATIONS(name="0044_durable_position_in_row")
def m0044_durable(db: Database) -> None:
    """An open call's position after each answer is kept in the answer's own row (POSITION_EVENT_COLUMNS) instead of
    an UPDATE of the calls row: one statement and one page fewer per answer. The calls row gets the position when
    the call closes (and with the rare actions that rewrite it anyway: a new pathway, caller type or note). Only
    adds NULL columns: no hashed row changes; the append-only trigger is rebuilt so the new columns are frozen."""
    _add_event_columns(db, POSITION_EVENT_COLUMNS)


# The column and trigger definitions live in store/tabledefs.py; these names are still importable from here.
__all__ = ["CALL_COLUMNS", "EVENT_COLUMNS", "EVENT_PURGE_COLUMNS", "FOLD_EVENT_COLUMNS", "MAC_EVENT_COLUMNS", "MIGRATIONS",
           "MUTABLE_COLUMNS", "PERSONAL_COLUMNS", "POSITION_EVENT_COLUMNS", "POSITION_GUARDED_COLUMNS", "PURGE_COLUMNS",
           "SEAL_CALL_COLUMNS", "SEAL_EVENT_COLUMNS", "SHARED_CALL_COLUMNS", "call_triggers_sql", "event_triggers_sql",
           "migrate", "table_columns", "unknown_migrations"]
