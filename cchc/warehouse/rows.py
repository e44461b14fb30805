"""Records and reference data → warehouse rows (tuples in the column order of each table).

Pure functions, no database: the loader (:mod:`cchc.warehouse.loading`) only sends what these
return, so what lands in each column can be tested without an engine.  Values are the Python
types both DB-API drivers bind the same way (``str``, ``int``, ``bool``, ``datetime.date``,
``datetime.datetime``, ``None``) and lists, which become DuckDB lists and PostgreSQL arrays.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from cchc.normalize.catalog import AreaInfo, Catalog
from cchc.normalize.criteria import area_of
from cchc.normalize.units import UnitRegistry
from cchc.record import ReportRecord
from cchc.vocabulary import STATUS_LABELS
from cchc.warehouse.tables import (
    AREAS,
    AUDIT_ENTRIES,
    FINDING_CRITERIA,
    FINDINGS,
    STATUSES,
    UNITS,
    Table,
)

Row = tuple[Any, ...]
#: An area's name for a report: ``(index_kind, assessed_year, area) → name or None``.
AreaNamer = Callable[[str, int | None, int], str | None]


def iso_date(value: str | None) -> dt.date | None:
    """The record's ISO date text → a date; ``None`` stays ``None``.

    Raises ``ValueError`` for text that is not an ISO date: a record that says
    ``"2023-02-30"`` is a defect upstream, not something to store as NULL silently.
    """
    return dt.date.fromisoformat(value) if value is not None else None


def ordered(t: Table, values: Mapping[str, Any]) -> Row:
    """A dict keyed by column → the tuple the INSERT expects (every column, in order)."""
    return tuple(values[name] for name in t.column_names)


def finding_rows(record: ReportRecord, report_id: str) -> list[Row]:
    """One ``findings`` row per finding; ``position`` is its index in the record (section and
    seq are not unique: numbering restarts per section)."""
    return [ordered(FINDINGS, {
        "report_id": report_id, "position": position, "seq": f.seq, "section": f.section,
        "shortcoming": f.shortcoming, "criteria": list(f.criteria), "areas": list(f.areas),
        "remedy": f.remedy, "remedy_items": list(f.remedy_items), "owner": f.owner,
        "deadline": f.deadline,
        "deadline_kind": f.deadline_kind.value if f.deadline_kind is not None else None,
        "due_date": iso_date(f.due_date), "progress": f.progress, "status": f.status.value,
        "status_evidence": f.status_evidence, "overdue": f.overdue, "note": f.note,
        "pages": list(f.pages), "merged": list(f.merged),
    }) for position, f in enumerate(record.findings)]


def code_area(code: str) -> int | None:
    """The code's area, or NULL for a code that is not canonical (a hand-edited record)."""
    try:
        return area_of(code)
    except ValueError:
        return None


def finding_criteria_rows(record: ReportRecord, report_id: str, index_kind: str,
                          area_name: AreaNamer) -> list[Row]:
    """One row per finding and criterion code, in the finding's order, with the code's area
    and the area's name in the report's index for its assessed year (NULL when unknown)."""
    year = record.report.assessed_year
    rows = []
    for position, f in enumerate(record.findings):
        for ordinal, code in enumerate(f.criteria):
            area = code_area(code)
            rows.append(ordered(FINDING_CRITERIA, {
                "report_id": report_id, "position": position, "ordinal": ordinal, "code": code,
                "area": area,
                "area_name": area_name(index_kind, year, area) if area is not None else None}))
    return rows


def audit_rows(record: ReportRecord, report_id: str) -> list[Row]:
    """One row per audit entry of the preferred rendition, keeping the record's order."""
    doc_id = record.source.sha256
    return [ordered(AUDIT_ENTRIES, {
        "report_id": report_id, "position": position, "document_id": doc_id,
        "severity": a.severity.value, "code": a.code, "field": a.field, "seq": a.seq,
        "message": a.message}) for position, a in enumerate(record.audit)]


def unit_rows(registry: UnitRegistry) -> list[Row]:
    """The registry's units."""
    return [ordered(UNITS, {
        "code": u.code, "name": u.name, "kind": u.kind, "province": registry.province,
        "aliases": list(u.aliases), "symbols": list(u.symbols), "valid_from": u.valid_from,
        "valid_to": u.valid_to, "successor": u.successor, "verified": u.verified})
        for u in registry.units]


def area_id(index_kind: str, year_from: int | None, year_to: int | None, area: int) -> str:
    """A stable key for one area of one catalog entry (open year ends left empty).

    A text key because PostgreSQL forbids NULL in a primary key and the year range may be
    open.

    >>> area_id("province", None, 2021, 3)
    'province:-2021:3'
    """
    start = "" if year_from is None else str(year_from)
    end = "" if year_to is None else str(year_to)
    return f"{index_kind}:{start}-{end}:{area}"


def shown_name(info: AreaInfo) -> str | None:
    """The area's name as people may see it: ``None`` when the catalog marks it unverified.

    The catalog keeps a placeholder for an area whose name no source gives, with a note
    starting ``UNVERIFIED``; a placeholder must never pass for a name (the report says
    "chưa có tên" instead).
    """
    note = (info.note or "").lstrip().upper()
    return None if note.startswith("UNVERIFIED") else info.name


def area_rows(catalog: Catalog) -> list[Row]:
    """One row per area of each index kind and year range of the catalog."""
    return [ordered(AREAS, {
        "id": area_id(entry.index_kind, entry.year_from, entry.year_to, number),
        "index_kind": entry.index_kind, "year_from": entry.year_from,
        "year_to": entry.year_to, "area": number, "name": shown_name(info),
        "name_inferred": info.inferred})
        for entry in catalog.indexes for number, info in sorted(entry.areas.items())]


def status_rows() -> list[Row]:
    """The statuses with their Vietnamese labels, in the order a table shows them."""
    return [ordered(STATUSES, {"status": s, "label": label, "rank": rank})
            for rank, (s, label) in enumerate(STATUS_LABELS.items())]
