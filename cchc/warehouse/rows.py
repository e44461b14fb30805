"""Records and reference data → warehouse rows (tuples in the column order of each table).

Pure functions, no database: the loader in :mod:`cchc.warehouse.store` only sends what
these return, so what lands in each column can be tested without an engine.  Values are
the Python types both DB-API drivers bind the same way (``str``, ``int``, ``bool``,
``datetime.date``, ``datetime.datetime``, ``None``); lists become JSON text.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import Any

from cchc.normalize.catalog import Catalog
from cchc.normalize.criteria import area_of
from cchc.normalize.units import UnitRegistry
from cchc.record import ReportRecord
from cchc.warehouse.tables import (
    AUDIT_ENTRIES,
    CRITERIA,
    DOCUMENTS,
    FINDING_CRITERIA,
    FINDINGS,
    UNITS,
    Table,
)

Row = tuple[Any, ...]


def json_list(values: Sequence[Any]) -> str:
    """A list as JSON text, Vietnamese left readable.

    >>> json_list(["Sở Tư pháp", 3])
    '["Sở Tư pháp", 3]'
    """
    return json.dumps(list(values), ensure_ascii=False)


def iso_date(value: str | None) -> dt.date | None:
    """The record's ISO date text → a date; ``None`` stays ``None``.

    Raises ``ValueError`` for text that is not an ISO date: a record that says
    ``"2023-02-30"`` is a defect upstream, not something to store as NULL silently.
    """
    return dt.date.fromisoformat(value) if value is not None else None


def _ordered(t: Table, values: dict[str, Any]) -> Row:
    """A dict keyed by column → the tuple the INSERT expects (every column, in order)."""
    return tuple(values[name] for name in t.column_names)


def document_row(record: ReportRecord, *, source_path: str, loaded_at: dt.datetime) -> Row:
    """The ``documents`` row: the file, every report field, the record's schema version."""
    source, report = record.source, record.report
    return _ordered(DOCUMENTS, {
        "id": source.sha256, "source_path": source_path, "file": source.file,
        "format": source.format, "pages": source.pages,
        "agency": report.agency, "agency_code": report.agency_code, "symbol": report.symbol,
        "number": report.number, "date": iso_date(report.date), "month": report.month,
        "year": report.year, "assessed_year": report.assessed_year, "title": report.title,
        "schema_version": record.schema_version, "loaded_at": loaded_at,
    })


def finding_rows(record: ReportRecord) -> list[Row]:
    """One ``findings`` row per finding; ``position`` is its index in the record."""
    doc_id = record.source.sha256
    rows = []
    for position, f in enumerate(record.findings):
        rows.append(_ordered(FINDINGS, {
            "document_id": doc_id, "position": position, "seq": f.seq, "section": f.section,
            "shortcoming": f.shortcoming, "criteria": json_list(f.criteria),
            "areas": json_list(f.areas), "remedy": f.remedy,
            "remedy_items": json_list(f.remedy_items), "owner": f.owner,
            "deadline": f.deadline,
            "deadline_kind": f.deadline_kind.value if f.deadline_kind is not None else None,
            "due_date": iso_date(f.due_date), "progress": f.progress, "status": f.status.value,
            "status_evidence": f.status_evidence, "overdue": f.overdue, "note": f.note,
            "pages": json_list(f.pages), "merged": json_list(f.merged),
        }))
    return rows


def _area(code: str) -> int | None:
    """The code's area, or NULL for a code that is not canonical (a hand-edited record)."""
    try:
        return area_of(code)
    except ValueError:
        return None


def finding_criteria_rows(record: ReportRecord) -> list[Row]:
    """One row per finding and criterion code, in the finding's order, with the code's area."""
    doc_id = record.source.sha256
    return [
        _ordered(FINDING_CRITERIA, {"document_id": doc_id, "position": position,
                                    "ordinal": ordinal, "code": code, "area": _area(code)})
        for position, f in enumerate(record.findings)
        for ordinal, code in enumerate(f.criteria)
    ]


def audit_rows(record: ReportRecord) -> list[Row]:
    """One row per audit entry, keeping the record's order in ``position``."""
    doc_id = record.source.sha256
    return [
        _ordered(AUDIT_ENTRIES, {"document_id": doc_id, "position": position,
                                 "severity": a.severity.value, "code": a.code, "field": a.field,
                                 "seq": a.seq, "message": a.message})
        for position, a in enumerate(record.audit)
    ]


def unit_rows(registry: UnitRegistry) -> list[Row]:
    """The registry's units (aliases and symbols as JSON text)."""
    return [
        _ordered(UNITS, {"code": u.code, "name": u.name, "kind": u.kind,
                         "province": registry.province, "aliases": json_list(u.aliases),
                         "symbols": json_list(u.symbols), "valid_from": u.valid_from,
                         "valid_to": u.valid_to, "successor": u.successor,
                         "verified": u.verified})
        for u in registry.units
    ]


def criteria_id(index_kind: str, year_from: int | None, year_to: int | None, area: int) -> str:
    """A stable key for one area of one catalog entry (open year ends left empty).

    A text key because PostgreSQL forbids NULL in a primary key and the year range may be
    open.

    >>> criteria_id("province", None, 2021, 3)
    'province:-2021:3'
    """
    start = "" if year_from is None else str(year_from)
    end = "" if year_to is None else str(year_to)
    return f"{index_kind}:{start}-{end}:{area}"


def criteria_rows(catalog: Catalog) -> list[Row]:
    """One row per area of each index kind and year range of the catalog."""
    return [
        _ordered(CRITERIA, {
            "id": criteria_id(entry.index_kind, entry.year_from, entry.year_to, number),
            "index_kind": entry.index_kind, "year_from": entry.year_from,
            "year_to": entry.year_to, "area": number, "name": info.name,
            "inferred": info.inferred, "source": info.source, "note": info.note,
        })
        for entry in catalog.indexes
        for number, info in sorted(entry.areas.items())
    ]
