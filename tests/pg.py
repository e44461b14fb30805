"""PostgreSQL for the tests: the server's URL from the environment, and a fresh schema per use.

``CCHC_TEST_PG_URL`` names a database the tests may create schemas in (``bash
scripts/start_postgres.sh`` starts the local cluster and prints one).  Without it the
PostgreSQL tests are skipped on a developer's machine but *fail* under CI (env ``CI`` set),
so CI cannot pass while testing DuckDB alone.

Each use gets its own randomly named schema, put first on ``search_path`` through the URL
(libpq's ``options``), and dropped afterwards: reruns, and several people's runs against one
server, never see each other's tables.

Usage in a test module::

    @pytest.fixture
    def pg_url() -> Iterator[str]:
        with pg.fresh_schema(pg.base_url()) as url:
            yield url
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import quote

import psycopg
import pytest
from psycopg import sql

ENV_URL = "CCHC_TEST_PG_URL"


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def base_url() -> str:
    """The server URL; skips the test (fails it under CI) when the variable is not set."""
    url = os.environ.get(ENV_URL, "").strip()
    if url:
        return url
    message = (f"{ENV_URL} is not set; start PostgreSQL with "
               f'`export {ENV_URL}="$(bash scripts/start_postgres.sh)"`')
    if _in_ci():
        pytest.fail(f"{message} — CI must test the PostgreSQL warehouse", pytrace=False)
    pytest.skip(message)


def with_search_path(url: str, schema: str) -> str:
    """The URL with ``search_path`` set to ``schema`` for every connection made from it.

    Example: ``("postgresql://u@h/db", "s1")`` → ``"postgresql://u@h/db?options=-csearch_path%3Ds1"``.
    """
    option = "options=" + quote(f"-csearch_path={schema}", safe="")
    return f"{url}{'&' if '?' in url else '?'}{option}"


@contextmanager
def fresh_schema(url: str) -> Iterator[str]:
    """A new empty schema on the server; yields a URL that uses it, then drops it."""
    name = f"cchc_test_{secrets.token_hex(6)}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(name)))
    try:
        yield with_search_path(url, name)
    finally:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(name)))
