"""`python -m triage_desktop.collector` runs the triage-collector command."""
import sys

from .cli import main

sys.exit(main())
