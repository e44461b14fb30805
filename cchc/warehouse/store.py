"""The warehouse: reports loaded into a DuckDB file (default) or a PostgreSQL database.

Analysts load a quarter's reports from every unit and query across units; the data team
points the same code at the provincial PostgreSQL server.  One schema serves both
(:mod:`cchc.warehouse.tables`); the only engine differences — how to connect, the
parameter marker (DuckDB ``?``, psycopg ``%s``) and how a transaction is opened — live in
:mod:`cchc.warehouse.engines`, and every SQL text is built from the table declarations
with the engine's marker.  The other warehouse modules (loading, threads, queries, export)
use the public methods :meth:`Warehouse.query`, :meth:`Warehouse.execute`,
:meth:`Warehouse.transaction` and :meth:`Warehouse.insert_rows`, never the engine itself.

Loads are idempotent and whole: a file is known by the SHA-256 of its bytes and its path,
so the same file twice changes nothing; every report a load touches is rebuilt from its
documents in the same transaction (:mod:`cchc.warehouse.loading`); a failure leaves the
warehouse as it was.

Example (the Python API; ``cchc.Warehouse`` is this class)::

    wh = Warehouse("cchc.duckdb")            # or "postgresql://user@host/kho"
    frame = wh.current_findings()            # each unit's latest report, findings once
    wh.close()
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from cchc.errors import CchcError
from cchc.normalize.catalog import Catalog
from cchc.normalize.units import UnitRegistry
from cchc.record import ReportRecord
from cchc.warehouse import rows as rows_of
from cchc.warehouse.engines import (
    DuckDBEngine,
    Engine,
    PgTimeouts,
    PostgresEngine,
    Row,
    is_postgres_url,
    redact,
)
from cchc.warehouse.tables import (
    AREAS,
    BOOLEAN,
    INTEGER,
    SCHEMA_META,
    STATUSES,
    TABLES,
    TEXT,
    TIMESTAMP,
    UNITS,
    VIEWS,
    WAREHOUSE_SCHEMA_VERSION,
    Table,
    ddl,
    table,
)

if TYPE_CHECKING:
    import datetime as dt

    import pandas as pd

DEFAULT_TARGET = "cchc.duckdb"
_SHA256 = re.compile(r"[0-9a-f]{64}")
_PANDAS_DTYPES = {TEXT: "string", INTEGER: "Int64", BOOLEAN: "boolean",
                  TIMESTAMP: "datetime64[us]"}
__all__ = ["DEFAULT_TARGET", "LoadAction", "LoadResult", "Row", "Warehouse", "WarehouseError",
           "connect", "is_postgres_url", "redact"]


class WarehouseError(CchcError):
    """The warehouse cannot be opened, has another layout version, or refused a load."""


class LoadAction(StrEnum):
    INSERTED = "inserted"
    REPLACED = "replaced"
    UNCHANGED = "unchanged"


@dataclass(frozen=True)
class LoadResult:
    """What one load did; ``replaced`` names the documents another content at the same path
    replaced (they stay in ``documents`` with the outcome ``replaced``)."""

    document_id: str
    action: LoadAction
    replaced: tuple[str, ...] = ()


def _open_engine(target: str | Path, read_only: bool, pg_timeouts: PgTimeouts | None) -> Engine:
    try:
        if is_postgres_url(target):
            return PostgresEngine(str(target), read_only=read_only, timeouts=pg_timeouts)
        return DuckDBEngine(Path(target), read_only=read_only)
    except ImportError as exc:
        raise WarehouseError(f"thiếu thư viện cơ sở dữ liệu (missing driver): {exc}") from exc
    except CchcError:
        raise
    except Exception as exc:  # each driver has its own error tree; say which target failed
        raise WarehouseError(f"không mở được kho dữ liệu {redact(target)} "
                             f"(cannot open warehouse): {exc}") from exc


def connect(target: str | Path = DEFAULT_TARGET, *, read_only: bool = False,
            pg_timeouts: PgTimeouts | None = None) -> Warehouse:
    """Open a warehouse: a ``postgresql://`` URL, else the path of a DuckDB file.

    The file (and its folder) is created when missing; call :meth:`Warehouse.ensure_schema`
    before loading.  ``read_only`` is for readers such as the export: it never creates a
    file, works with a PostgreSQL account that may only read, and cannot write by mistake.
    """
    return Warehouse(target, read_only=read_only, pg_timeouts=pg_timeouts)


class Warehouse:
    """A connection to one warehouse; use it as a context manager so it is closed.

    ``Warehouse("cchc.duckdb")`` or ``Warehouse("postgresql://…")`` opens it (an engine
    object is accepted too, for the tests).
    """

    def __init__(self, target: str | Path | Engine = DEFAULT_TARGET, label: str | None = None, *,
                 read_only: bool = False, pg_timeouts: PgTimeouts | None = None) -> None:
        if isinstance(target, Engine):
            self._engine = target
            self.label = label or target.name
        else:
            self._engine = _open_engine(target, read_only, pg_timeouts)
            self.label = label or redact(target)

    def __enter__(self) -> Warehouse:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Warehouse({self._engine.name}: {self.label})"

    @property
    def engine(self) -> str:
        """``"duckdb"`` or ``"postgresql"``."""
        return self._engine.name

    def close(self) -> None:
        self._engine.close()

    # -- SQL for the other warehouse modules (loading, threads, queries) ----------------

    @property
    def marker(self) -> str:
        """The engine's positional parameter marker: ``?`` (DuckDB) or ``%s`` (psycopg)."""
        return self._engine.marker

    def markers(self, count: int) -> str:
        """``count`` markers joined by commas, for ``VALUES (…)`` and ``IN (…)``."""
        return self._engine.markers(count)

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        """Rows of a SELECT written with :attr:`marker` for its parameters."""
        return self._engine.query(sql, params)

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        self._engine.execute(sql, params)

    def transaction(self) -> AbstractContextManager[None]:
        """Commit when the block ends, roll back when it raises."""
        return self._engine.transaction()

    def insert_rows(self, t: Table, rows: Sequence[Row]) -> None:
        """Insert rows (tuples in ``t``'s column order) the fastest way the engine has."""
        self._engine.insert_many(t.name, t.column_names, rows)

    # -- schema -------------------------------------------------------------------------

    def ensure_schema(self) -> None:
        """Create the tables and views that are missing and check the layout version.

        Raises :class:`WarehouseError` when the warehouse was made by a cchc with another
        layout (before touching it): loading into it would mix layouts silently.
        """
        if self.schema_version() is not None:
            self.check_schema()
        with self._engine.transaction():
            self._engine.lock_schema()  # concurrent first runs on PostgreSQL wait here
            for statement in ddl():
                self._engine.execute(statement)
            self._engine.execute(
                f"INSERT INTO {SCHEMA_META.name} (key, value) VALUES ({self._engine.markers(2)})"
                " ON CONFLICT (key) DO NOTHING",
                ("schema_version", str(WAREHOUSE_SCHEMA_VERSION)))
        self.check_schema()

    def check_schema(self) -> None:
        """Raise :class:`WarehouseError` unless the tables exist with this cchc's layout.

        Reads only, so an export can check a warehouse it may not write to.
        """
        found = self.schema_version()
        if found is None:
            raise WarehouseError(f"kho dữ liệu {self.label} chưa có bảng của cchc "
                                 "(warehouse has no cchc tables: load reports first)")
        if found != WAREHOUSE_SCHEMA_VERSION:
            raise WarehouseError(
                f"kho dữ liệu {self.label} được tạo bởi phiên bản cchc cũ (cấu trúc {found}, "
                f"cần {WAREHOUSE_SCHEMA_VERSION}); hãy nạp lại báo cáo vào một kho mới "
                f"(warehouse layout {found} is not {WAREHOUSE_SCHEMA_VERSION}: "
                "reload the reports into a new warehouse)")

    def schema_version(self) -> int | None:
        """The layout version recorded in ``schema_meta``; ``None`` when there is none."""
        m = self._engine.marker
        exists = self._engine.query(
            "SELECT COUNT(*) FROM information_schema.tables"
            f" WHERE table_schema = current_schema() AND table_name = {m}", (SCHEMA_META.name,))
        if not exists[0][0]:
            return None
        rows = self._engine.query(
            f"SELECT value FROM {SCHEMA_META.name} WHERE key = {m}", ("schema_version",))
        return int(rows[0][0]) if rows else None

    def table_names(self) -> list[str]:
        """The tables an export writes (every table cchc owns but its internal ones)."""
        return [t.name for t in TABLES if t.exported]

    # -- loading ------------------------------------------------------------------------

    def has_document(self, sha256: str) -> bool:
        """Whether a file with these bytes gave a report already (a failed one did not)."""
        return bool(self._engine.query(
            f"SELECT 1 FROM documents WHERE id = {self.marker} AND outcome <> 'failed'"
            " AND outcome <> 'skipped'", (sha256,)))

    def load(self, record: ReportRecord, *, source_path: str, modified_at: dt.datetime | None = None,
             run_id: str | None = None) -> LoadResult:
        """Load one file's record in one transaction (see :meth:`load_many`)."""
        return self.load_many([(record, source_path)], modified_at={source_path: modified_at},
                              run_id=run_id)[0]

    def load_many(self, items: Sequence[tuple[ReportRecord, str]], *,
                  modified_at: dict[str, dt.datetime | None] | None = None,
                  run_id: str | None = None) -> list[LoadResult]:
        """Load several ``(record, source_path)`` in ONE transaction.

        Same bytes at the same path as before → ``unchanged``.  Otherwise the file becomes a
        ``documents`` row and every report it touches is rebuilt (docs/warehouse.md).  The
        file's modification time (``modified_at``, else asked of the file system) decides
        which of two differing renditions is a corrected re-send.  ``source_path`` should be
        stable across runs, e.g. ``str(path.resolve())``.  All or nothing: when the group
        fails, a batch loads its files one by one to find the bad one.
        """
        from cchc.warehouse.loading import Incoming, file_modified_at, load_group

        times = modified_at or {}
        incoming = []
        for record, path in items:
            self._check_id(record)
            when = times[path] if path in times and times[path] is not None else file_modified_at(path)
            incoming.append(Incoming(record, path, when, run_id))
        try:
            with self._engine.transaction():
                done = load_group(self, incoming)
        except self._engine.errors as exc:
            names = ", ".join(r.source.file for r, _ in items[:3])
            raise WarehouseError(f"{names}: không nạp được vào kho {self.label} "
                                 f"(load rolled back): {exc}") from exc
        return [LoadResult(doc_id, LoadAction(action), replaced) for doc_id, action, replaced in done]

    def note_file(self, *, source_path: str, sha256: str | None, outcome: str,
                  error_code: str | None, message: str | None, run_id: str | None = None,
                  file_format: str | None = None) -> None:
        """Keep a file that gave no record (``failed``, ``skipped``) in ``documents``."""
        from cchc.warehouse.loading import note_file

        note_file(self, source_path=source_path, sha256=sha256, outcome=outcome,
                  error_code=error_code, message=message, run_id=run_id, file_format=file_format)

    def note_copy(self, *, sha256: str, source_path: str, run_id: str | None = None) -> bool:
        """Keep a file whose bytes are loaded already under another path (``duplicate``)."""
        from cchc.warehouse.loading import note_copy

        return note_copy(self, sha256=sha256, source_path=source_path, run_id=run_id)

    @staticmethod
    def _check_id(record: ReportRecord) -> None:
        if not _SHA256.fullmatch(record.source.sha256):
            raise WarehouseError(f"{record.source.file}: sha256 không hợp lệ (not a SHA-256 "
                                 f"hex digest): {record.source.sha256!r}")

    def load_reference(self, registry: UnitRegistry, catalog: Catalog) -> None:
        """Upsert the unit registry, the catalog's areas and the status labels.

        Rows are updated in place, never deleted: a unit or area dropped from the files stays,
        so findings of older reports still join to it.
        """
        with self._engine.transaction():
            self._upsert(UNITS, rows_of.unit_rows(registry))
            self._upsert(AREAS, rows_of.area_rows(catalog))
            self._upsert(STATUSES, rows_of.status_rows())

    def _upsert(self, t: Table, rows: Sequence[Row]) -> None:
        updates = ", ".join(f"{c} = EXCLUDED.{c}" for c in t.value_columns)
        self._engine.executemany(
            f"INSERT INTO {t.name} ({', '.join(t.column_names)}) "
            f"VALUES ({self._engine.markers(len(t.columns))}) "
            f"ON CONFLICT ({', '.join(t.primary_key)}) DO UPDATE SET {updates}", rows)

    # -- reading ------------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        """Rows per table, every table cchc owns."""
        return {t.name: int(self._engine.query(f"SELECT COUNT(*) FROM {t.name}")[0][0])
                for t in TABLES}

    def totals(self) -> dict[str, int]:
        """What the warehouse holds, counted as people count it: ``reports`` (distinct
        reports, not files), ``units`` (units with a report), ``current_findings`` (each
        unit's latest report per assessed year, findings once) and ``failed_files``."""
        reports, units = self._engine.query("SELECT COUNT(*), COUNT(DISTINCT unit_key) FROM reports")[0]
        (current,) = self._engine.query("SELECT COUNT(*) FROM current_findings")[0]
        (failed,) = self._engine.query(
            "SELECT COUNT(*) FROM documents WHERE outcome IN ('failed', 'skipped')")[0]
        return {"reports": int(reports), "units": int(units), "current_findings": int(current),
                "failed_files": int(failed)}

    def rows(self, name: str) -> list[dict[str, Any]]:
        """A whole table as plain Python rows (column → value), ordered by its primary key.

        Sorted in Python, not SQL: PostgreSQL orders text by its locale and DuckDB by bytes,
        and the same warehouse must give the same rows on both.  Values are what both
        drivers return: ``str``, ``int``, ``bool``, ``datetime.date``, ``datetime.datetime``,
        lists, or ``None``.
        """
        t = table(name)
        found = self._engine.query(f"SELECT {', '.join(t.column_names)} FROM {t.name}")
        keys = [t.column_names.index(k) for k in t.primary_key]
        found.sort(key=lambda r: tuple(r[i] for i in keys))
        return [dict(zip(t.column_names, r, strict=True)) for r in found]

    def read_table(self, name: str) -> pd.DataFrame:
        """A whole table as a DataFrame (the Python API and the exports), same on both engines.

        Rows as :meth:`rows` orders them.  Dtypes come from the schema, not from the values
        (an all-NULL column keeps its type): TEXT → ``string``, INTEGER → ``Int64``, BOOLEAN →
        ``boolean`` (all with ``pd.NA``), TIMESTAMP → ``datetime64[us]``, DATE →
        ``datetime.date`` objects, lists → Python lists.
        """
        import pandas as pd  # only where a DataFrame is the product: not for loads or the report

        t = table(name)
        frame = pd.DataFrame.from_records([tuple(r.values()) for r in self.rows(name)],
                                          columns=list(t.column_names))
        for column in t.columns:
            dtype = _PANDAS_DTYPES.get(column.type)
            if dtype is not None:
                frame[column.name] = frame[column.name].astype(dtype)
            elif column.type.endswith("[]"):
                frame[column.name] = frame[column.name].map(lambda v: list(v) if v is not None else [])
        return frame

    def view(self, name: str, order: Sequence[str] = ()) -> pd.DataFrame:
        """A view (``current_reports``, ``current_findings``, ``unit_summary``,
        ``area_summary``) as a DataFrame, sorted in Python by ``order`` (NULLs last)."""
        import pandas as pd

        if name not in VIEWS:
            raise ValueError(f"unknown view {name!r}; known: {', '.join(VIEWS)}")
        columns = self._view_columns(name)
        frame = pd.DataFrame([tuple(r) for r in self._engine.query(
            f"SELECT {', '.join(c for c, _ in columns)} FROM {name}")],
            columns=[c for c, _ in columns], dtype=object)
        for column, sql_type in columns:
            kind = sql_type.upper()
            if "[]" in kind or "ARRAY" in kind:
                frame[column] = frame[column].map(lambda v: list(v) if v is not None else [])
            elif "BOOL" in kind:
                frame[column] = frame[column].astype("boolean")
            elif "INT" in kind or kind in ("NUMERIC", "DECIMAL"):
                frame[column] = frame[column].astype("Int64")
            elif "CHAR" in kind or "TEXT" in kind:
                frame[column] = frame[column].astype("string")
        if order:
            frame = frame.sort_values(list(order), na_position="last", kind="stable")
        return frame.reset_index(drop=True)

    def _view_columns(self, name: str) -> list[tuple[str, str]]:
        """A view's columns and SQL types (PostgreSQL says ``ARRAY`` for any array)."""
        rows = self._engine.query(
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema ="
            f" current_schema() AND table_name = {self.marker} ORDER BY ordinal_position", (name,))
        return [(str(r[0]), str(r[1])) for r in rows]

    def current_findings(self) -> pd.DataFrame:
        """Each unit's latest report per assessed year, its findings once: the view
        ``current_findings`` as a DataFrame (one row per finding; ``criteria`` and
        ``areas`` are lists; ``status_label`` is the status in Vietnamese)."""
        return self.view("current_findings", ("unit_key", "assessed_year", "position"))

    def unit_summary(self) -> pd.DataFrame:
        """Per unit and assessed year: findings, completed, in progress, not started,
        unknown, overdue (the view ``unit_summary``)."""
        return self.view("unit_summary", ("unit_key", "assessed_year"))

    def area_summary(self) -> pd.DataFrame:
        """Per unit × reform area: criteria lost, findings, open, overdue (``area_summary``)."""
        return self.view("area_summary", ("unit_key", "assessed_year", "area"))
