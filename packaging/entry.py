"""Frozen-app entry point (PyInstaller): the same `main` as the `triage-desktop` console script."""
import sys

from triage_desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
