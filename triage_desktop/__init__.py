"""triage-desktop: Right Care, Right Person triage assistant."""

__version__ = "0.1.0"
