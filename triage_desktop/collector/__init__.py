"""The central collector service: receives anonymised call summaries from triage-desktop PCs."""
