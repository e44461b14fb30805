"""The warehouse tables, declared once as data and rendered as DDL for DuckDB and PostgreSQL.

Why data and not SQL files: the loader, the exporter and the DataFrame types all read the
same column lists, so a column added here reaches every one of them.  Only portable SQL
types are used (TEXT, INTEGER, BOOLEAN, DATE, TIMESTAMP), so one DDL text serves both
engines.

Lists are stored two ways.  Criterion codes, the list analysts count and join on, get a
child table (``finding_criteria``, one row per finding and code, with its area).  The other
lists (``areas``, ``remedy_items``, ``pages``, ``merged``, a unit's ``aliases`` and
``symbols``) are TEXT holding a JSON array: they are read whole, never joined on, and both
engines can still open them (``CAST(pages AS JSON)`` in DuckDB, ``pages::jsonb`` in PostgreSQL).

There are no FOREIGN KEY clauses: DuckDB refuses to delete a referenced row in the same
transaction that deleted its children, which is exactly what replacing a document does.
The loader keeps the references whole instead (one transaction per document).
"""

from __future__ import annotations

from dataclasses import dataclass

#: Version of the warehouse layout (not of the record: that is ``documents.schema_version``).
WAREHOUSE_SCHEMA_VERSION = 1

TEXT, INTEGER, BOOLEAN, DATE, TIMESTAMP = "TEXT", "INTEGER", "BOOLEAN", "DATE", "TIMESTAMP"
SQL_TYPES = (TEXT, INTEGER, BOOLEAN, DATE, TIMESTAMP)


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    nullable: bool = True


@dataclass(frozen=True)
class Table:
    """One table: its columns in order, its primary key, and its other unique keys."""

    name: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    unique: tuple[tuple[str, ...], ...] = ()

    def __post_init__(self) -> None:
        names = self.column_names
        keys = [*self.primary_key, *(c for u in self.unique for c in u)]
        unknown = [k for k in keys if k not in names]
        bad_types = [c.name for c in self.columns if c.type not in SQL_TYPES]
        if unknown or bad_types or len(set(names)) != len(names):
            raise ValueError(f"bad table {self.name}: keys {unknown}, types {bad_types}")

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    @property
    def value_columns(self) -> tuple[str, ...]:
        """The columns outside the primary key (what an upsert updates)."""
        return tuple(n for n in self.column_names if n not in self.primary_key)


def _cols(spec: str) -> tuple[Column, ...]:
    """``"id TEXT!, pages INTEGER"`` → columns; a trailing ``!`` means NOT NULL."""
    columns = []
    for item in spec.split(","):
        name, sql_type = item.split()
        columns.append(Column(name, sql_type.rstrip("!"), nullable=not sql_type.endswith("!")))
    return tuple(columns)


DOCUMENTS = Table(
    "documents",
    _cols("id TEXT!, source_path TEXT!, file TEXT!, format TEXT!, pages INTEGER,"
          " agency TEXT, agency_code TEXT, symbol TEXT, number INTEGER, date DATE,"
          " month INTEGER, year INTEGER, assessed_year INTEGER, title TEXT,"
          " schema_version INTEGER!, loaded_at TIMESTAMP!"),
    primary_key=("id",),
    unique=(("source_path",),),
)
FINDINGS = Table(
    "findings",
    _cols("document_id TEXT!, position INTEGER!, seq INTEGER, section TEXT, shortcoming TEXT,"
          " criteria TEXT!, areas TEXT!, remedy TEXT, remedy_items TEXT!, owner TEXT,"
          " deadline TEXT, deadline_kind TEXT, due_date DATE, progress TEXT, status TEXT!,"
          " status_evidence TEXT, overdue BOOLEAN!, note TEXT, pages TEXT!, merged TEXT!"),
    primary_key=("document_id", "position"),
)
FINDING_CRITERIA = Table(
    "finding_criteria",
    _cols("document_id TEXT!, position INTEGER!, ordinal INTEGER!, code TEXT!, area INTEGER"),
    primary_key=("document_id", "position", "ordinal"),
)
AUDIT_ENTRIES = Table(
    "audit_entries",
    _cols("document_id TEXT!, position INTEGER!, severity TEXT!, code TEXT!, field TEXT!,"
          " seq INTEGER, message TEXT!"),
    primary_key=("document_id", "position"),
)
UNITS = Table(
    "units",
    _cols("code TEXT!, name TEXT!, kind TEXT!, province TEXT, aliases TEXT!, symbols TEXT!,"
          " valid_from INTEGER, valid_to INTEGER, successor TEXT, verified BOOLEAN!"),
    primary_key=("code",),
)
CRITERIA = Table(
    "criteria",
    _cols("id TEXT!, index_kind TEXT!, year_from INTEGER, year_to INTEGER, area INTEGER!,"
          " name TEXT!, inferred BOOLEAN!, source TEXT, note TEXT"),
    primary_key=("id",),
)
#: Shortcoming threads across reports (derived; written by cchc.warehouse.threads).
LINKED_REPORTS = Table(
    "linked_reports",
    (Column("document_id", TEXT, False), Column("group_key", TEXT, False),
     Column("agency_code", TEXT), Column("assessed_year", INTEGER),
     Column("report_order", INTEGER, False)),
    primary_key=("document_id",),
)
FINDING_LINKS = Table(
    "finding_links",
    (Column("document_id", TEXT, False), Column("position", INTEGER, False),
     Column("group_key", TEXT, False), Column("shortcoming_id", TEXT, False),
     Column("report_order", INTEGER, False), Column("previous_document_id", TEXT),
     Column("previous_position", INTEGER), Column("similarity_pct", INTEGER)),
    primary_key=("document_id", "position"),
)
SCHEMA_META = Table("schema_meta", _cols("key TEXT!, value TEXT!"), primary_key=("key",))

#: Every table cchc owns, in the order they are exported (facts, then reference, then meta).
TABLES: tuple[Table, ...] = (DOCUMENTS, FINDINGS, FINDING_CRITERIA, AUDIT_ENTRIES, UNITS,
                             CRITERIA, LINKED_REPORTS, FINDING_LINKS, SCHEMA_META)
TABLES_BY_NAME: dict[str, Table] = {t.name: t for t in TABLES}
#: The tables that hold one document's rows (deleted together when it is replaced).
DOCUMENT_CHILDREN: tuple[Table, ...] = (FINDINGS, FINDING_CRITERIA, AUDIT_ENTRIES)


def table(name: str) -> Table:
    """The table called ``name``; ``ValueError`` for a name cchc does not own (keeps SQL safe)."""
    try:
        return TABLES_BY_NAME[name]
    except KeyError:
        raise ValueError(f"unknown warehouse table {name!r}; "
                         f"known: {', '.join(TABLES_BY_NAME)}") from None


def create_table_sql(t: Table) -> str:
    """``CREATE TABLE IF NOT EXISTS`` in the SQL both engines accept."""
    lines = [f"    {c.name} {c.type}{'' if c.nullable else ' NOT NULL'}" for c in t.columns]
    lines.append(f"    PRIMARY KEY ({', '.join(t.primary_key)})")
    lines.extend(f"    UNIQUE ({', '.join(u)})" for u in t.unique)
    return f"CREATE TABLE IF NOT EXISTS {t.name} (\n" + ",\n".join(lines) + "\n)"


def ddl() -> list[str]:
    """Every statement that creates the warehouse, in order."""
    return [create_table_sql(t) for t in TABLES]
