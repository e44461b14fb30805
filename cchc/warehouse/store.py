"""The warehouse: records loaded into a DuckDB file (default) or a PostgreSQL database.

Analysts load a quarter's reports from every unit and query across units; the data team
points the same code at the provincial PostgreSQL server.  One schema serves both
(:mod:`cchc.warehouse.tables`); the only engine differences — how to connect, the
parameter marker (DuckDB ``?``, psycopg ``%s``) and how a transaction is opened — live in
:mod:`cchc.warehouse.engines`, and every SQL text is built from the table declarations
with the engine's marker.  The other warehouse modules (threads, queries, export) use the
public methods :meth:`Warehouse.query`, :meth:`Warehouse.execute`,
:meth:`Warehouse.transaction` and :meth:`Warehouse.insert_rows`, never the engine itself.

Loads are idempotent and whole: a document is keyed on the SHA-256 of its file, so the
same file twice changes nothing, and a new version of a file at the same ``source_path``
replaces the old one's rows.  Either happens in one transaction; a failure leaves the
warehouse as it was.

Example::

    with connect("cchc.duckdb") as wh:
        wh.ensure_schema()
        wh.load_reference(UnitRegistry.load(), load_catalog())
        wh.load(record, source_path=str(path.resolve()))
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
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
from cchc.warehouse.engines import DuckDBEngine, Engine, PostgresEngine, Row, is_postgres_url, redact
from cchc.warehouse.tables import (
    AUDIT_ENTRIES,
    BOOLEAN,
    CRITERIA,
    DOCUMENT_CHILDREN,
    DOCUMENTS,
    FINDING_CRITERIA,
    FINDINGS,
    INTEGER,
    SCHEMA_META,
    TABLES,
    TEXT,
    TIMESTAMP,
    UNITS,
    WAREHOUSE_SCHEMA_VERSION,
    Table,
    ddl,
    table,
)

if TYPE_CHECKING:
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
    """What one load did; ``replaced`` names the documents whose rows were deleted."""

    document_id: str
    action: LoadAction
    replaced: tuple[str, ...] = ()


def connect(target: str | Path = DEFAULT_TARGET, *, read_only: bool = False) -> Warehouse:
    """Open a warehouse: a ``postgresql://`` URL, else the path of a DuckDB file.

    The file (and its folder) is created when missing; call :meth:`Warehouse.ensure_schema`
    before loading.  ``read_only`` is for readers such as the export: it never creates a
    file, works with a PostgreSQL account that may only read, and cannot write by mistake.
    """
    try:
        if is_postgres_url(target):
            engine: Engine = PostgresEngine(str(target), read_only=read_only)
        else:
            engine = DuckDBEngine(Path(target), read_only=read_only)
    except ImportError as exc:
        raise WarehouseError(f"thiếu thư viện cơ sở dữ liệu (missing driver): {exc}") from exc
    except Exception as exc:  # each driver has its own error tree; say which target failed
        raise WarehouseError(f"không mở được kho dữ liệu {redact(target)} "
                             f"(cannot open warehouse): {exc}") from exc
    return Warehouse(engine, redact(target))


class Warehouse:
    """A connection to one warehouse; use it as a context manager so it is closed."""

    def __init__(self, engine: Engine, label: str) -> None:
        self._engine = engine
        self.label = label

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

    # -- SQL for the other warehouse modules (threads, queries) --------------------------

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
        """Create the tables that are missing and check the layout version.

        Raises :class:`WarehouseError` when the warehouse was made by a cchc with another
        layout: loading into it would mix layouts silently.
        """
        with self._engine.transaction():
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
                f"kho dữ liệu {self.label} có phiên bản cấu trúc {found}, chương trình cần "
                f"{WAREHOUSE_SCHEMA_VERSION} (warehouse layout version mismatch)")

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
        """The tables cchc owns, in export order."""
        return [t.name for t in TABLES]

    # -- loading ------------------------------------------------------------------------

    def has_document(self, sha256: str) -> bool:
        return bool(self._ids_where("id", sha256))

    def load(self, record: ReportRecord, *, source_path: str) -> LoadResult:
        """Load one record in one transaction.

        Same SHA-256 as a loaded document → nothing changes (``unchanged``), whatever the
        path.  Otherwise the documents loaded from ``source_path`` are deleted with all their
        rows (``replaced``) and the record is inserted (``inserted`` when there were none).
        ``source_path`` should be stable across runs, e.g. ``str(path.resolve())``.
        """
        self._check_id(record)
        try:
            with self._engine.transaction():
                return self._load_in_transaction(record, source_path)
        except self._engine.errors as exc:  # e.g. another process loaded it at the same moment
            raise WarehouseError(f"{record.source.file}: không nạp được vào kho {self.label} "
                                 f"(load rolled back): {exc}") from exc

    def load_many(self, items: Sequence[tuple[ReportRecord, str]]) -> list[LoadResult]:
        """Load several ``(record, source_path)`` in ONE transaction, each as :meth:`load` would.

        A batch commits a group of files at a time (a commit per file costs more than the
        inserts).  All or none of the group is committed; when the group fails, the caller
        loads its files one by one to find the bad one.
        """
        for record, _ in items:
            self._check_id(record)
        try:
            with self._engine.transaction():
                return self._load_group(items)
        except self._engine.errors as exc:
            raise WarehouseError(f"không nạp được nhóm {len(items)} báo cáo vào kho {self.label} "
                                 f"(group load rolled back): {exc}") from exc

    @staticmethod
    def _check_id(record: ReportRecord) -> None:
        if not _SHA256.fullmatch(record.source.sha256):
            raise WarehouseError(f"{record.source.file}: sha256 không hợp lệ (not a SHA-256 "
                                 f"hex digest): {record.source.sha256!r}")

    def _load_group(self, items: Sequence[tuple[ReportRecord, str]]) -> list[LoadResult]:
        """:meth:`_load_in_transaction` for many records with a handful of statements:
        two look-ups for the whole group, then one insert per table."""
        known = set(self._ids_in("id", [r.source.sha256 for r, _ in items]))
        by_path: dict[str, list[str]] = {}
        for doc_id, path in self._engine.query(*self._in_query("id, source_path", "source_path",
                                                                [p for _, p in items])):
            by_path.setdefault(str(path), []).append(str(doc_id))
        results: list[LoadResult] = []
        fresh: list[tuple[ReportRecord, str]] = []
        for record, path in items:
            doc_id = record.source.sha256
            if doc_id in known:
                results.append(LoadResult(doc_id, LoadAction.UNCHANGED))
                continue
            old = tuple(by_path.pop(path, ()))
            for old_id in old:
                self._delete_document(old_id)
            known.add(doc_id)
            fresh.append((record, path))
            results.append(LoadResult(doc_id, LoadAction.REPLACED if old else LoadAction.INSERTED, old))
        self._insert_records(fresh)
        return results

    def _in_query(self, select: str, column: str, values: Sequence[str]) -> tuple[str, list[str]]:
        markers = self._engine.markers(len(values)) if values else "NULL"
        return f"SELECT {select} FROM {DOCUMENTS.name} WHERE {column} IN ({markers})", list(values)

    def _ids_in(self, column: str, values: Sequence[str]) -> list[str]:
        return [str(r[0]) for r in self._engine.query(*self._in_query("id", column, values))]

    def _load_in_transaction(self, record: ReportRecord, source_path: str) -> LoadResult:
        doc_id = record.source.sha256
        if self._ids_where("id", doc_id):
            return LoadResult(doc_id, LoadAction.UNCHANGED)
        old = tuple(self._ids_where("source_path", source_path))
        for old_id in old:
            self._delete_document(old_id)
        self._insert_record(record, source_path)
        return LoadResult(doc_id, LoadAction.REPLACED if old else LoadAction.INSERTED, old)

    def load_reference(self, registry: UnitRegistry, catalog: Catalog) -> None:
        """Upsert the unit registry and the criteria catalog (one transaction).

        Rows are updated in place, never deleted: a unit or area dropped from the files stays,
        so findings of older reports still join to it.
        """
        with self._engine.transaction():
            self._upsert(UNITS, rows_of.unit_rows(registry))
            self._upsert(CRITERIA, rows_of.criteria_rows(catalog))

    def _ids_where(self, column: str, value: str) -> list[str]:
        rows = self._engine.query(
            f"SELECT id FROM {DOCUMENTS.name} WHERE {column} = {self._engine.marker}", (value,))
        return [str(r[0]) for r in rows]

    def _delete_document(self, doc_id: str) -> None:
        """Children first, then the document (the order a foreign key would need)."""
        for child in DOCUMENT_CHILDREN:
            self._engine.execute(
                f"DELETE FROM {child.name} WHERE document_id = {self._engine.marker}", (doc_id,))
        self._engine.execute(
            f"DELETE FROM {DOCUMENTS.name} WHERE id = {self._engine.marker}", (doc_id,))

    def _insert_record(self, record: ReportRecord, source_path: str) -> None:
        self._insert_records([(record, source_path)])

    def _insert_records(self, items: Sequence[tuple[ReportRecord, str]]) -> None:
        """Every row of ``items``, one insert per table."""
        loaded_at = dt.datetime.now(dt.UTC).replace(tzinfo=None)  # TIMESTAMP holds UTC
        if not items:
            return
        self.insert_rows(DOCUMENTS, [rows_of.document_row(record, source_path=path,
                                                           loaded_at=loaded_at)
                                      for record, path in items])
        children: tuple[tuple[Table, Callable[[ReportRecord], list[Row]]], ...] = (
            (FINDINGS, rows_of.finding_rows), (FINDING_CRITERIA, rows_of.finding_criteria_rows),
            (AUDIT_ENTRIES, rows_of.audit_rows))
        for child, rows_for in children:
            self.insert_rows(child, [row for record, _ in items for row in rows_for(record)])

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

    def rows(self, name: str) -> list[dict[str, Any]]:
        """A whole table as plain Python rows (column → value), ordered by its primary key.

        Sorted in Python, not SQL: PostgreSQL orders text by its locale and DuckDB by bytes,
        and the same warehouse must give the same rows on both.  Values are what both
        drivers return: ``str``, ``int``, ``bool``, ``datetime.date``, ``datetime.datetime``
        or ``None``.
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
        ``datetime.date`` objects.
        """
        import pandas as pd  # only where a DataFrame is the product: not for loads or the report

        t = table(name)
        frame = pd.DataFrame.from_records([tuple(r.values()) for r in self.rows(name)],
                                          columns=list(t.column_names))
        for column in t.columns:
            dtype = _PANDAS_DTYPES.get(column.type)
            if dtype is not None:
                frame[column.name] = frame[column.name].astype(dtype)
        return frame
