"""The warehouse tables and views, declared once as data and rendered as DDL for DuckDB and PostgreSQL.

Why data and not SQL files: the loader, the exporters and the DataFrame types all read the
same column lists, so a column added here reaches every one of them.  Only types both engines
spell the same way are used: TEXT, INTEGER, BOOLEAN, DATE, TIMESTAMP and the arrays
``TEXT[]`` and ``INTEGER[]`` (a DuckDB ``LIST``, a PostgreSQL array, a Parquet list).

The layout (docs/warehouse.md): ``documents`` holds one row per file seen (loaded, failed,
duplicate, superseded, replaced), ``reports`` one row per distinct report, and a report's
``findings``, ``finding_criteria`` and ``audit_entries`` hang off the report, not off a file:
a report sent as .docx, .pdf and .txt has its findings once.  ``document_records`` keeps
each loaded rendition's record (JSON) so a report can be rebuilt from another rendition
without reading files again; it is internal and never exported.

There are no FOREIGN KEY clauses: DuckDB refuses to delete a referenced row in the same
transaction that deleted its children, which is exactly what rebuilding a report does.
The loader keeps the references whole instead (one transaction per group of files).
"""

from __future__ import annotations

from dataclasses import dataclass

#: Version of the warehouse layout (not of the record: that is the record's schema_version).
#: 2: reports apart from documents, native lists, reference tables and views (issue 11).
WAREHOUSE_SCHEMA_VERSION = 2

TEXT, INTEGER, BOOLEAN, DATE, TIMESTAMP = "TEXT", "INTEGER", "BOOLEAN", "DATE", "TIMESTAMP"
TEXT_LIST, INTEGER_LIST = "TEXT[]", "INTEGER[]"
SQL_TYPES = (TEXT, INTEGER, BOOLEAN, DATE, TIMESTAMP, TEXT_LIST, INTEGER_LIST)


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    nullable: bool = True


@dataclass(frozen=True)
class Table:
    """One table: its columns in order, its primary key, and whether exports show it."""

    name: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    exported: bool = True

    def __post_init__(self) -> None:
        names = self.column_names
        unknown = [k for k in self.primary_key if k not in names]
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
    _cols("id TEXT!, source_path TEXT!, file TEXT!, format TEXT, pages INTEGER, outcome TEXT!,"
          " error_code TEXT, error_message TEXT, report_id TEXT, content_key TEXT,"
          " fingerprint TEXT, agency TEXT, agency_code TEXT, symbol TEXT, number INTEGER,"
          " date DATE, month INTEGER, year INTEGER, assessed_year INTEGER, findings INTEGER,"
          " modified_at TIMESTAMP, read_at TIMESTAMP!, run_id TEXT"),
    primary_key=("id", "source_path"),
)
DOCUMENT_RECORDS = Table(
    "document_records", _cols("document_id TEXT!, record TEXT!"), primary_key=("document_id",),
    exported=False,
)
REPORTS = Table(
    "reports",
    _cols("id TEXT!, identity TEXT!, unit_key TEXT!, agency TEXT, agency_code TEXT,"
          " index_kind TEXT!, symbol TEXT, number INTEGER, date DATE, month INTEGER,"
          " year INTEGER, assessed_year INTEGER, title TEXT, preferred_document_id TEXT!,"
          " preferred_format TEXT!, renditions TEXT[]!, findings INTEGER!,"
          " received_at TIMESTAMP, schema_version INTEGER!"),
    primary_key=("id",),
)
FINDINGS = Table(
    "findings",
    _cols("report_id TEXT!, position INTEGER!, seq INTEGER, section TEXT, shortcoming TEXT,"
          " criteria TEXT[]!, areas INTEGER[]!, remedy TEXT, remedy_items TEXT[]!, owner TEXT,"
          " deadline TEXT, deadline_kind TEXT, due_date DATE, progress TEXT, status TEXT!,"
          " status_evidence TEXT, overdue BOOLEAN!, note TEXT, pages INTEGER[]!,"
          " merged TEXT[]!"),
    primary_key=("report_id", "position"),
)
FINDING_CRITERIA = Table(
    "finding_criteria",
    _cols("report_id TEXT!, position INTEGER!, ordinal INTEGER!, code TEXT!, area INTEGER,"
          " area_name TEXT"),
    primary_key=("report_id", "position", "ordinal"),
)
AUDIT_ENTRIES = Table(
    "audit_entries",
    _cols("report_id TEXT!, position INTEGER!, document_id TEXT!, severity TEXT!, code TEXT!,"
          " field TEXT!, seq INTEGER, message TEXT!"),
    primary_key=("report_id", "position"),
)
UNITS = Table(
    "units",
    _cols("code TEXT!, name TEXT!, kind TEXT!, province TEXT, aliases TEXT[]!, symbols TEXT[]!,"
          " valid_from INTEGER, valid_to INTEGER, successor TEXT, verified BOOLEAN!"),
    primary_key=("code",),
)
AREAS = Table(
    "areas",
    _cols("id TEXT!, index_kind TEXT!, year_from INTEGER, year_to INTEGER, area INTEGER!,"
          " name TEXT, name_inferred BOOLEAN!"),
    primary_key=("id",),
)
CRITERIA = Table(
    "criteria",
    _cols("code TEXT!, area INTEGER, area_name TEXT, name TEXT, reports INTEGER!"),
    primary_key=("code",),
)
STATUSES = Table(
    "statuses", _cols("status TEXT!, label TEXT!, rank INTEGER!"), primary_key=("status",))
#: Shortcoming threads across reports (derived; written by cchc.warehouse.threads).
LINKED_REPORTS = Table(
    "linked_reports",
    _cols("report_id TEXT!, group_key TEXT!, unit_key TEXT, assessed_year INTEGER,"
          " report_order INTEGER!"),
    primary_key=("report_id",),
)
FINDING_LINKS = Table(
    "finding_links",
    _cols("report_id TEXT!, position INTEGER!, group_key TEXT!, shortcoming_id TEXT!,"
          " report_order INTEGER!, previous_report_id TEXT, previous_position INTEGER,"
          " similarity_pct INTEGER"),
    primary_key=("report_id", "position"),
)
SCHEMA_META = Table("schema_meta", _cols("key TEXT!, value TEXT!"), primary_key=("key",))

#: Every table cchc owns, in the order they are exported (facts, reference, derived, meta).
TABLES: tuple[Table, ...] = (REPORTS, FINDINGS, FINDING_CRITERIA, AUDIT_ENTRIES, DOCUMENTS,
                             DOCUMENT_RECORDS, UNITS, AREAS, CRITERIA, STATUSES, LINKED_REPORTS,
                             FINDING_LINKS, SCHEMA_META)
TABLES_BY_NAME: dict[str, Table] = {t.name: t for t in TABLES}
#: The tables that hold one report's rows (deleted together when it is rebuilt).
REPORT_CHILDREN: tuple[Table, ...] = (FINDINGS, FINDING_CRITERIA, AUDIT_ENTRIES)


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
    return f"CREATE TABLE IF NOT EXISTS {t.name} (\n" + ",\n".join(lines) + "\n)"


# -- views: the usual questions, in SQL both engines run --------------------------------------

_CURRENT_REPORTS = """
SELECT r.id AS report_id, r.unit_key, COALESCE(u.name, r.agency, r.unit_key) AS unit_name,
       r.agency_code, r.assessed_year, r.symbol, r.number, r.date, r.year, r.month,
       r.findings, r.preferred_format
FROM (SELECT reports.*, ROW_NUMBER() OVER (
        PARTITION BY unit_key, assessed_year
        ORDER BY year DESC NULLS LAST, month DESC NULLS LAST, date DESC NULLS LAST,
                 number DESC NULLS LAST, received_at DESC NULLS LAST, id DESC) AS newest
      FROM reports) r
LEFT JOIN units u ON u.code = r.agency_code
WHERE r.newest = 1
"""
_CURRENT_FINDINGS = """
SELECT c.unit_key, c.unit_name, c.agency_code, c.assessed_year, c.report_id, c.symbol,
       c.number, c.date AS report_date, c.year AS report_year, c.month AS report_month,
       f.position, f.seq, f.section, f.shortcoming, f.criteria, f.areas, f.remedy, f.owner,
       f.deadline, f.due_date, f.progress, f.status, s.label AS status_label, f.overdue, f.note
FROM current_reports c
JOIN findings f ON f.report_id = c.report_id
LEFT JOIN statuses s ON s.status = f.status
"""
_UNIT_SUMMARY = """
SELECT c.unit_key, c.unit_name, c.agency_code, c.assessed_year, c.report_id,
       COUNT(f.position) AS findings,
       SUM(CASE WHEN f.status = 'completed' THEN 1 ELSE 0 END) AS completed,
       SUM(CASE WHEN f.status = 'in_progress' THEN 1 ELSE 0 END) AS in_progress,
       SUM(CASE WHEN f.status = 'not_started' THEN 1 ELSE 0 END) AS not_started,
       SUM(CASE WHEN f.status = 'unknown' THEN 1 ELSE 0 END) AS unknown,
       SUM(CASE WHEN f.overdue THEN 1 ELSE 0 END) AS overdue
FROM current_reports c
LEFT JOIN findings f ON f.report_id = c.report_id
GROUP BY c.unit_key, c.unit_name, c.agency_code, c.assessed_year, c.report_id
"""
_AREA_SUMMARY = """
SELECT c.unit_key, c.unit_name, c.assessed_year, fc.area, MAX(fc.area_name) AS area_name,
       COUNT(DISTINCT fc.code) AS criteria_lost, COUNT(DISTINCT fc.position) AS findings,
       COUNT(DISTINCT CASE WHEN f.status <> 'completed' THEN fc.position END) AS open_findings,
       COUNT(DISTINCT CASE WHEN f.overdue THEN fc.position END) AS overdue
FROM current_reports c
JOIN finding_criteria fc ON fc.report_id = c.report_id
JOIN findings f ON f.report_id = fc.report_id AND f.position = fc.position
GROUP BY c.unit_key, c.unit_name, c.assessed_year, fc.area
"""
#: View name → its SELECT, in creation order (a view may use the ones before it).
VIEWS: dict[str, str] = {"current_reports": _CURRENT_REPORTS,
                         "current_findings": _CURRENT_FINDINGS,
                         "unit_summary": _UNIT_SUMMARY, "area_summary": _AREA_SUMMARY}


def ddl() -> list[str]:
    """Every statement that creates the warehouse, in order: tables, then views."""
    return ([create_table_sql(t) for t in TABLES]
            + [f"CREATE OR REPLACE VIEW {name} AS {sql.strip()}" for name, sql in VIEWS.items()])
