"""`triage-desktop enrol --from-csv FILE`: load this PC's collector token from IT's add-devices CSV (no typing)."""
from __future__ import annotations

import argparse
import csv
import socket
import sys
from pathlib import Path
from typing import Any, Optional


def add_commands(sub: Any) -> None:
    p = sub.add_parser("enrol", help="load this PC's collector token from the CSV of 'triage-collector add-devices'")
    p.add_argument("--from-csv", required=True, dest="csv", help="the CSV (name,token) IT made for these PCs")
    p.add_argument("--device", help="this PC's device name in the CSV (default: the computer name)")
    p.set_defaults(func=cmd_enrol)


def token_for(csv_path: Path, device: str) -> Optional[str]:
    """The token of `device` (case-insensitive) in an add-devices CSV; raises ValueError for a malformed file."""
    with csv_path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        if reader.fieldnames is None or not {"name", "token"} <= set(reader.fieldnames):
            raise ValueError(f"{csv_path} is not an add-devices CSV (it needs the columns name,token)")
        for row in reader:
            if (row.get("name") or "").strip().lower() == device.strip().lower():
                return (row.get("token") or "").strip() or None
    return None


def cmd_enrol(args: argparse.Namespace) -> int:
    from .sync import credentials

    device = args.device or socket.gethostname().split(".")[0]
    path = Path(args.csv)
    try:
        token = token_for(path, device)
    except (OSError, UnicodeDecodeError, ValueError, csv.Error) as exc:
        print(f"enrol: {exc}", file=sys.stderr)
        return 2
    if not token:
        print(f"enrol: no token for device '{device}' in {path} (use --device NAME)", file=sys.stderr)
        return 1
    where = credentials.save_token(token)
    print(f"enrol: the collector token for {device} is stored ({where}); the token itself is not shown.")
    return 0
