"""The two SQL engines of the warehouse: DuckDB (an embedded file) and PostgreSQL.

The only differences between them — how to connect, the parameter marker (DuckDB ``?``,
psycopg ``%s``), how a transaction is opened and how many rows go in at once — live here,
so :class:`cchc.warehouse.store.Warehouse` and its queries write one SQL text for both.
Each driver is imported when its engine is opened, not before.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from cchc.errors import CchcError
from cchc.warehouse.urls import PgTimeouts, is_postgres, libpq_target, redact, redact_text

if TYPE_CHECKING:
    import duckdb
    import psycopg

Row = tuple[Any, ...]
#: The advisory lock key of schema creation: ``hashtext`` of this and the schema's name.
SCHEMA_LOCK = "cchc.ensure_schema."
__all__ = ["DuckDBEngine", "Engine", "PgConnectError", "PgTimeouts", "PostgresEngine", "Row",
           "is_postgres_url", "redact"]


class PgConnectError(CchcError):
    """The PostgreSQL server cannot be reached or refused us; the message holds no password."""


class Engine(ABC):
    """The DB-API differences between DuckDB and psycopg, and nothing else."""

    name: ClassVar[str]
    marker: ClassVar[str]  # the positional parameter marker of the driver
    errors: tuple[type[Exception], ...]  # the driver's error classes

    @abstractmethod
    def execute(self, sql: str, params: Sequence[Any] = ()) -> None: ...

    @abstractmethod
    def executemany(self, sql: str, rows: Sequence[Row]) -> None: ...

    @abstractmethod
    def query(self, sql: str, params: Sequence[Any] = ()) -> list[Row]: ...

    @abstractmethod
    def transaction(self) -> AbstractContextManager[None]:
        """Commit when the block ends, roll back when it raises."""

    @abstractmethod
    def close(self) -> None: ...

    def lock_schema(self) -> None:
        """Inside a transaction: wait until no other session is creating the tables.

        Only PostgreSQL needs it (a DuckDB file has one writer): concurrent ``CREATE TABLE IF
        NOT EXISTS`` race there and fail with ``UniqueViolation`` on ``pg_type``.
        """
        return None

    def markers(self, count: int) -> str:
        """Example (DuckDB): ``markers(3)`` → ``"?, ?, ?"``."""
        return ", ".join([self.marker] * count)

    def insert_many(self, table: str, columns: Sequence[str], rows: Sequence[Row]) -> None:
        """Insert ``rows``; engines override this where one statement per row is slow."""
        self.executemany(f"INSERT INTO {table} ({', '.join(columns)}) "
                         f"VALUES ({self.markers(len(columns))})", rows)


class DuckDBEngine(Engine):
    name = "duckdb"
    marker = "?"

    def __init__(self, path: Path, *, read_only: bool = False) -> None:
        import duckdb

        if read_only and not path.is_file():
            raise FileNotFoundError(f"không có tệp (no such file) {path}")
        if not read_only:
            path.parent.mkdir(parents=True, exist_ok=True)
        self._conn: duckdb.DuckDBPyConnection = duckdb.connect(str(path), read_only=read_only)
        self.errors = (duckdb.Error,)

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        self._conn.execute(sql, list(params))

    def executemany(self, sql: str, rows: Sequence[Row]) -> None:
        if rows:  # DuckDB rejects an empty parameter list
            self._conn.executemany(sql, [list(r) for r in rows])

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        return self._conn.execute(sql, list(params)).fetchall()

    def insert_many(self, table: str, columns: Sequence[str], rows: Sequence[Row]) -> None:
        """Rows handed to DuckDB as one Arrow table: its executemany runs one statement per
        row, and binding many parameters is slow too (measured: ~0.2 ms a row with multi-row
        VALUES, a quarter of that through Arrow), which made loading a report cost as much
        as reading it."""
        import pyarrow as pa

        if not rows:
            return
        batch = pa.table({f"c{i}": [row[i] for row in rows] for i in range(len(columns))})
        self._conn.register("_cchc_rows", batch)
        try:
            self._conn.execute(f"INSERT INTO {table} ({', '.join(columns)}) SELECT * FROM _cchc_rows")
        finally:
            self._conn.unregister("_cchc_rows")

    @contextmanager
    def transaction(self) -> Iterator[None]:
        self._conn.begin()
        try:
            yield
        except BaseException:
            self._conn.rollback()
            raise
        self._conn.commit()

    def close(self) -> None:
        self._conn.close()


class PostgresEngine(Engine):
    name = "postgresql"
    marker = "%s"

    def __init__(self, url: str, *, read_only: bool = False,
                 timeouts: PgTimeouts | None = None) -> None:
        """Connect within ``timeouts.connect`` and set the session's statement and lock
        timeouts, so a silent server or a stuck lock ends in an error, never a hang."""
        import psycopg

        timeouts = timeouts or PgTimeouts()
        extra: dict[str, Any] = {}
        if timeouts.connect is not None:  # libpq's minimum is 2 s
            extra["connect_timeout"] = max(2, round(timeouts.connect))
        try:
            # autocommit: a read outside ``transaction()`` leaves no idle transaction open.
            self._conn: psycopg.Connection[Row] = psycopg.connect(libpq_target(url),
                                                                  autocommit=True, **extra)
            for setting, seconds in (("statement_timeout", timeouts.statement),
                                     ("lock_timeout", timeouts.lock)):
                milliseconds = 0 if seconds is None else max(1, round(seconds * 1000))
                self._conn.execute(f"SET {setting} = {milliseconds:d}")
        except psycopg.Error as exc:  # its message may quote the conninfo: redacted here
            raise PgConnectError(redact_text(" ".join(str(exc).split()), url)) from None
        self.errors = (psycopg.Error,)
        if read_only:
            self._conn.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        self._conn.execute(sql, list(params) or None)

    def executemany(self, sql: str, rows: Sequence[Row]) -> None:
        if rows:
            with self._conn.cursor() as cur:
                cur.executemany(sql, rows)

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        return self._conn.execute(sql, list(params) or None).fetchall()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self._conn.transaction():
            yield

    def lock_schema(self) -> None:
        """A transaction-level advisory lock per database schema, released at commit."""
        self._conn.execute("SELECT pg_advisory_xact_lock(hashtext(%s || current_schema()))",
                           [SCHEMA_LOCK])

    def close(self) -> None:
        self._conn.close()


def is_postgres_url(target: str | Path) -> bool:
    """A PostgreSQL URL (``postgresql://``, ``postgres://``, ``postgresql+psycopg://``) or a
    libpq conninfo string; raises :class:`~cchc.warehouse.urls.TargetError` for a URL
    scheme cchc does not know (never a DuckDB file name)."""
    return is_postgres(target)

