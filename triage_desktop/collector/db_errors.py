"""A database error said in one line for the command line: which database (its password hidden) and what the
driver said (its first line: never the statement or its parameters)."""
from __future__ import annotations

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError


def where(target: str) -> str:
    """The database as a person would name it: the file path, or the URL without its password."""
    from .db import database_url

    url = database_url(target)
    if url.startswith("sqlite"):
        return target
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "the database URL given"


def describe_error(target: str, error: SQLAlchemyError) -> str:
    said = str(getattr(error, "orig", None) or "").strip().splitlines()
    what = said[0] if said else type(error).__name__
    return f"database error in {where(target)}: {what}"
