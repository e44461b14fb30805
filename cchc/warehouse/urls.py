"""What a ``--db`` target names, and the target as it may be shown to people.

A target is a PostgreSQL URL (``postgresql://``, ``postgres://``, or SQLAlchemy's
``postgresql+psycopg://`` that data teams copy from their other tools), a libpq
*conninfo* string (``host=db dbname=kho user=u password=…``), or the path of a DuckDB
file.  Anything else that looks like a URL (``mysql://…``, ``postgresq://…``) is a usage
error: taking it for a file name would silently create a local DuckDB file named after the
URL — password included.

Passwords reach a target in three places (the URL's user info, a ``?password=`` query
parameter, a conninfo ``password=`` pair); :func:`redact` hides every one, and
:func:`redact_text` also hides them inside a driver's error message that quotes them.
This module imports no driver.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from cchc.errors import CchcError

#: URL schemes taken as PostgreSQL; the ``+driver`` forms are SQLAlchemy's.
PG_SCHEMES = ("postgresql", "postgres", "postgresql+psycopg", "postgresql+psycopg2",
              "postgres+psycopg")
_URL = re.compile(r"^(?P<scheme>[A-Za-z][A-Za-z0-9+.\-]*)://(?P<rest>.*)$", re.DOTALL)
#: libpq's connection keywords: a target starting with one of them followed by ``=`` is conninfo.
_CONNINFO_KEYS = ("host", "hostaddr", "port", "dbname", "user", "password", "passfile", "service",
                  "sslmode", "options", "connect_timeout", "application_name", "sslpassword",
                  "target_session_attrs", "channel_binding", "gssencmode", "sslrootcert")
_CONNINFO = re.compile(r"^\s*(?:" + "|".join(_CONNINFO_KEYS) + r")\s*=")
_QUERY_SECRET = re.compile(r"(?i)([?&](?:ssl)?password=)[^&#]*")
_CONNINFO_SECRET = re.compile(r"(?i)(\b(?:ssl)?password\s*=\s*)('(?:[^'\\]|\\.)*'|[^\s'][^\s']*)")
MASK = "***"


class TargetError(CchcError, ValueError):
    """A ``--db`` target of no kind cchc knows: a usage error (exit status 2)."""


@dataclass(frozen=True)
class PgTimeouts:
    """Seconds a PostgreSQL connection may wait: for the connection itself, for one SQL
    statement, and for a lock another session holds.  ``None``: no limit.

    The defaults let the slowest real work finish (a group load, relinking a large unit)
    while a server that accepts and never answers, or a run stuck behind another run's
    lock, ends with one line instead of a hang.
    """

    connect: float | None = 10.0
    statement: float | None = 600.0
    lock: float | None = 60.0


def target_kind(target: str | Path) -> Literal["postgresql", "duckdb"]:
    """``postgresql`` for a PostgreSQL URL or conninfo, ``duckdb`` for a file path.

    >>> target_kind("postgresql+psycopg://u@db/kho"), target_kind("host=db dbname=kho")
    ('postgresql', 'postgresql')
    >>> target_kind("out/cchc.duckdb")
    'duckdb'
    >>> target_kind("mysql://u@db/kho")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    cchc.warehouse.urls.TargetError: không hiểu địa chỉ kho dữ liệu mysql://u@db/kho: ...
    """
    text = str(target)
    match = _URL.match(text)
    if match:
        if match["scheme"].lower() in PG_SCHEMES:
            return "postgresql"
        raise TargetError(f"không hiểu địa chỉ kho dữ liệu {redact(text)}: chỉ nhận postgresql:// "
                          "hoặc đường dẫn tệp DuckDB (unknown URL scheme "
                          f"{match['scheme']!r}; use postgresql://… or a DuckDB file path)")
    if _CONNINFO.match(text):
        return "postgresql"
    return "duckdb"


def is_postgres(target: str | Path) -> bool:
    """A PostgreSQL URL or conninfo string (raises :class:`TargetError` for unknown schemes)."""
    return target_kind(target) == "postgresql"


def libpq_target(target: str) -> str:
    """The target as libpq reads it: SQLAlchemy's ``postgresql+psycopg://`` becomes
    ``postgresql://`` (libpq knows only the plain schemes).

    >>> libpq_target("postgresql+psycopg://u@db/kho")
    'postgresql://u@db/kho'
    """
    match = _URL.match(target)
    if match and "+" in match["scheme"]:
        return f"postgresql://{match['rest']}"
    return target


def redact(target: str | Path) -> str:
    """The target fit for messages, logs and reports: every password hidden.

    >>> redact("postgresql://cchc:secret@db/cchc")
    'postgresql://cchc:***@db/cchc'
    >>> redact("postgres://db/kho?user=u&password=secret&sslmode=require")
    'postgres://db/kho?user=u&password=***&sslmode=require'
    >>> redact("host=db user=u password='s e' dbname=kho")
    'host=db user=u password=*** dbname=kho'
    """
    text = str(target)
    match = _URL.match(text)
    if match:
        rest = match["rest"]
        end = min((i for i in (rest.find("/"), rest.find("?"), rest.find("#")) if i >= 0),
                  default=len(rest))
        authority, tail = rest[:end], rest[end:]
        if "@" in authority:
            userinfo, _, hosts = authority.rpartition("@")
            if ":" in userinfo:
                userinfo = userinfo.split(":", 1)[0] + ":" + MASK
            authority = f"{userinfo}@{hosts}"
        text = f"{match['scheme']}://{authority}{tail}"
        return _QUERY_SECRET.sub(rf"\g<1>{MASK}", text)
    if _CONNINFO.match(text):
        return _CONNINFO_SECRET.sub(rf"\g<1>{MASK}", text)
    return text


def _secrets(target: str) -> list[str]:
    """The password strings a target carries (for :func:`redact_text`)."""
    from urllib.parse import unquote

    found: list[str] = []
    match = _URL.match(target)
    if match:
        authority = re.split(r"[/?#]", match["rest"], maxsplit=1)[0]
        userinfo = authority.rpartition("@")[0]
        if ":" in userinfo:
            found.append(userinfo.split(":", 1)[1])
        found += [m.group(0).split("=", 1)[1] for m in _QUERY_SECRET.finditer(target)]
    else:
        found += [m.group(2).strip("'") for m in _CONNINFO_SECRET.finditer(target)]
    found += [unquote(s) for s in found]
    return sorted({s for s in found if s}, key=len, reverse=True)


def redact_text(text: str, target: str | Path) -> str:
    """``text`` (a driver's error message) with the target and its passwords hidden.

    >>> redact_text("bad conninfo 'host=db password=hunter2'", "host=db password=hunter2")
    "bad conninfo 'host=db password=***'"
    """
    target = str(target)
    text = text.replace(target, redact(target))
    for secret in _secrets(target):
        text = text.replace(secret, MASK)
    return _CONNINFO_SECRET.sub(rf"\g<1>{MASK}", _QUERY_SECRET.sub(rf"\g<1>{MASK}", text))
