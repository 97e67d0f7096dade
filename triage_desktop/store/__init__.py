"""The durable local store: calls, audit chain, backups, retention, history and reports on SQLite (no Qt)."""
