"""Loading files into reports: documents in, reports rebuilt from their preferred rendition.

:meth:`Warehouse.load_many <cchc.warehouse.store.Warehouse.load_many>` calls
:func:`load_group` inside one transaction.  Each file becomes a ``documents`` row (keyed by
content hash *and* path, so the same bytes under two names are two rows, the second a
``duplicate``) and its record is kept in ``document_records``.  Every report a file touched
is then *rebuilt* from its documents alone (:func:`rebuild_report`): the rules of
:mod:`cchc.warehouse.identity` choose the preferred rendition and the superseded ones, and the
report's row, findings, criteria and audit entries are written from the preferred record.
Rebuilding from the stored documents, never from the order files arrived in, is what makes a
rerun change nothing and a load in any order give the same warehouse.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cchc.normalize.audit import entry
from cchc.normalize.catalog import AreaCatalog, AreaInfo, Catalog
from cchc.record import (
    AuditEntry,
    DeadlineKind,
    Finding,
    ReportMeta,
    ReportRecord,
    Severity,
    Source,
    Status,
)
from cchc.warehouse import identity as ident
from cchc.warehouse import rows as rows_of
from cchc.warehouse.tables import (
    AUDIT_ENTRIES,
    CRITERIA,
    DOCUMENT_RECORDS,
    DOCUMENTS,
    FINDING_CRITERIA,
    FINDING_LINKS,
    FINDINGS,
    LINKED_REPORTS,
    REPORT_CHILDREN,
    REPORTS,
)

if TYPE_CHECKING:
    from cchc.warehouse.store import Warehouse

#: A unit kind → the index it is assessed by; every other kind: the department index.
INDEX_OF_UNIT_KIND = {"district": "district"}
#: Outcomes of a document whose record may speak for its report.
CANDIDATE_OUTCOMES = ("loaded", "superseded")
_FORMAT_NAMES = {"docx": "Word", "doc": "Word 97", "pdf": "PDF", "txt": "văn bản (.txt)"}


def index_kind_of(unit_kind: str | None) -> str:
    """The catalog index a unit of this kind is assessed by (the loader and the report agree)."""
    return INDEX_OF_UNIT_KIND.get(unit_kind or "", "department")


@dataclass(frozen=True)
class Incoming:
    """One file to load: its record, where it was read and when the file was last changed."""

    record: ReportRecord
    source_path: str
    modified_at: dt.datetime | None = None
    run_id: str | None = None


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)  # TIMESTAMP columns hold UTC


def file_modified_at(path: str) -> dt.datetime | None:
    """The file's modification time (UTC), ``None`` when it is not there to ask."""
    try:
        stamp = Path(path).stat().st_mtime
    except (OSError, ValueError):
        return None
    return dt.datetime.fromtimestamp(stamp, dt.UTC).replace(tzinfo=None, microsecond=0)


def record_from_dict(data: Mapping[str, Any]) -> ReportRecord:
    """A record back from its JSON dict (as :meth:`ReportRecord.to_dict` wrote it)."""
    findings = []
    for f in data["findings"]:
        kind = f.get("deadline_kind")
        findings.append(Finding(**{**f, "status": Status(f["status"]),
                                   "deadline_kind": DeadlineKind(kind) if kind else None}))
    audit = [AuditEntry(**{**a, "severity": Severity(a["severity"])}) for a in data["audit"]]
    return ReportRecord(source=Source(**data["source"]), report=ReportMeta(**data["report"]),
                        findings=findings, audit=audit,
                        schema_version=int(data.get("schema_version", 1)))


# -- reference data the load needs ------------------------------------------------------------

class Reference:
    """Unit kinds and area names as loaded in the warehouse (read once per group)."""

    def __init__(self, wh: Warehouse) -> None:
        self.kinds = {str(code): str(kind) for code, kind in wh.query("SELECT code, kind FROM units")}
        grouped: dict[tuple[str, int | None, int | None], dict[int, str | None]] = {}
        for kind, start, end, area, name in wh.query(
                "SELECT index_kind, year_from, year_to, area, name FROM areas"):
            grouped.setdefault((str(kind), start, end), {})[int(area)] = name
        self._names = grouped
        self._catalog = Catalog(tuple(
            AreaCatalog(kind, start, end, "", {a: AreaInfo(a, n or "", True, "")
                                               for a, n in names.items()})
            for (kind, start, end), names in grouped.items()))

    def index_kind(self, agency_code: str | None) -> str:
        return index_kind_of(self.kinds.get(agency_code or ""))

    def area_name(self, index_kind: str, year: int | None, area: int) -> str | None:
        entry_ = self._catalog.index_for(index_kind, year)
        if entry_ is None:
            return None
        names = self._names[(entry_.index_kind, entry_.year_from, entry_.year_to)]
        return names.get(area)


# -- documents ----------------------------------------------------------------------------------

def _document_row(item: Incoming, report: str, read_at: dt.datetime) -> rows_of.Row:
    record, meta = item.record, item.record.report
    return rows_of.ordered(DOCUMENTS, {
        "id": record.source.sha256, "source_path": item.source_path, "file": record.source.file,
        "format": rendition_format(record), "pages": record.source.pages, "outcome": "loaded",
        "error_code": None, "error_message": None, "report_id": report,
        "content_key": ident.content_key(record), "fingerprint": ident.fingerprint_text(record),
        "agency": meta.agency, "agency_code": meta.agency_code, "symbol": meta.symbol,
        "number": meta.number, "date": rows_of.iso_date(meta.date), "month": meta.month,
        "year": meta.year, "assessed_year": meta.assessed_year, "findings": len(record.findings),
        "modified_at": item.modified_at, "read_at": read_at, "run_id": item.run_id,
    })


def rendition_format(record: ReportRecord) -> str:
    """The file's format, or ``scan`` for a PDF whose findings were read by OCR (the least
    preferred rendition: OCR misreads letters that a text layer has right)."""
    if any(getattr(f, "ocr", None) is not None for f in record.findings):
        return "scan"
    return record.source.format


def _in(wh: Warehouse, sql: str, column: str, values: Sequence[Any]) -> list[tuple[Any, ...]]:
    if not values:
        return []
    return wh.query(f"{sql} WHERE {column} IN ({wh.markers(len(values))})", list(values))


Result = tuple[str, str, tuple[str, ...]]


def _known(wh: Warehouse, items: Sequence[Incoming]) -> tuple[
        dict[str, list[tuple[str, str, str | None]]], dict[str, list[tuple[str, str | None]]]]:
    """What the warehouse holds already: the documents with these contents
    (``sha → [(path, outcome, report)]``) and the loaded ones at these paths."""
    known: dict[str, list[tuple[str, str, str | None]]] = {}
    for doc_id, path, outcome, report in _in(
            wh, "SELECT id, source_path, outcome, report_id FROM documents", "id",
            sorted({i.record.source.sha256 for i in items})):
        known.setdefault(str(doc_id), []).append((str(path), str(outcome), report))
    at_path: dict[str, list[tuple[str, str | None]]] = {}
    for doc_id, path, outcome, report in _in(
            wh, "SELECT id, source_path, outcome, report_id FROM documents", "source_path",
            sorted({i.source_path for i in items})):
        if outcome in CANDIDATE_OUTCOMES:
            at_path.setdefault(str(path), []).append((str(doc_id), report))
    return known, at_path


def _mark_replaced(wh: Warehouse, path: str, sha: str, touched: set[str]) -> None:
    """The other contents loaded from ``path`` become ``replaced``; their reports are touched."""
    m = wh.marker
    wh.execute(f"UPDATE documents SET outcome = 'replaced' WHERE source_path = {m}"
               f" AND id <> {m} AND outcome IN ('loaded', 'superseded')", (path, sha))
    for (report,) in wh.query(f"SELECT DISTINCT report_id FROM documents WHERE"
                              f" source_path = {m} AND outcome = 'replaced'", (path,)):
        if report is not None:
            touched.add(str(report))


def load_group(wh: Warehouse, items: Sequence[Incoming]) -> list[Result]:
    """Load files (inside the caller's transaction): ``[(document_id, action, replaced)]``.

    ``action`` is ``inserted``, ``replaced`` (another content was loaded from the same path
    before: that document is now ``replaced``) or ``unchanged`` (this content is known).
    """
    read_at = utc_now()
    known, at_path = _known(wh, items)
    touched: set[str] = set()
    in_hand: dict[str, ReportRecord] = {}
    new_docs: list[rows_of.Row] = []
    new_records: list[rows_of.Row] = []
    results: list[Result] = []
    m = wh.marker
    for item in items:
        sha, path = item.record.source.sha256, item.source_path
        seen = known.get(sha, [])
        here = next((s for s in seen if s[0] == path), None)
        if here is not None and here[1] != "failed":
            results.append((sha, "unchanged", ()))
            continue
        if here is not None:  # failed before, read now: the failure row goes
            wh.execute(f"DELETE FROM documents WHERE id = {m} AND source_path = {m}", (sha, path))
        loaded_elsewhere = next((s for s in seen if s[1] != "failed" and s[2] is not None), None)
        if loaded_elsewhere is not None:  # the same bytes under another name
            row = _document_row(item, str(loaded_elsewhere[2]), read_at)
            new_docs.append(_with(row, outcome="duplicate"))
            known.setdefault(sha, []).append((path, "duplicate", loaded_elsewhere[2]))
            results.append((sha, "unchanged", ()))
            continue
        replaced = tuple(d for d, _ in at_path.pop(path, []) if d != sha)
        if replaced:
            _mark_replaced(wh, path, sha, touched)
        report = ident.report_id(ident.identity(item.record))
        new_docs.append(_document_row(item, report, read_at))
        new_records.append((sha, json.dumps(item.record.to_dict(), ensure_ascii=False)))
        known.setdefault(sha, []).append((path, "loaded", report))
        in_hand[sha] = item.record
        touched.add(report)
        results.append((sha, "replaced" if replaced else "inserted", replaced))
    wh.insert_rows(DOCUMENTS, new_docs)
    fresh_records = [r for r in new_records if not _has_record(wh, r[0])]
    wh.insert_rows(DOCUMENT_RECORDS, _unique(fresh_records))
    if touched:
        reference = Reference(wh)
        for report in sorted(touched):
            rebuild_report(wh, report, reference, in_hand)
        refresh_criteria(wh)
    return results


def _unique(rows: list[rows_of.Row]) -> list[rows_of.Row]:
    seen: dict[Any, rows_of.Row] = {}
    for row in rows:
        seen.setdefault(row[0], row)
    return list(seen.values())


def _has_record(wh: Warehouse, doc_id: str) -> bool:
    return bool(wh.query(f"SELECT 1 FROM document_records WHERE document_id = {wh.marker}",
                         (doc_id,)))


def _with(row: rows_of.Row, **changes: Any) -> rows_of.Row:
    names = DOCUMENTS.column_names
    return tuple(changes.get(n, v) for n, v in zip(names, row, strict=True))


def note_file(wh: Warehouse, *, source_path: str, sha256: str | None, outcome: str,
              error_code: str | None, message: str | None, run_id: str | None,
              file_format: str | None = None) -> None:
    """A file that gave no record (``failed``, ``skipped``): one ``documents`` row.

    A file that cannot even be hashed gets the id ``path:<hash of its path>``.  The same
    failure seen again changes nothing (a rerun leaves the table as it was); another
    failure of the same file updates the row.
    """
    import hashlib

    doc_id = sha256 or "path:" + hashlib.sha256(source_path.encode("utf-8", "surrogateescape")).hexdigest()
    m = wh.marker
    with wh.transaction():
        found = wh.query(f"SELECT outcome, error_code, error_message FROM documents"
                         f" WHERE id = {m} AND source_path = {m}", (doc_id, source_path))
        if found and tuple(found[0]) == (outcome, error_code, message):
            return
        if found and found[0][0] not in ("failed", "skipped"):
            return  # loaded before: a later failure to re-read does not unload it
        wh.execute(f"DELETE FROM documents WHERE id = {m} AND source_path = {m}", (doc_id, source_path))
        wh.insert_rows(DOCUMENTS, [rows_of.ordered(DOCUMENTS, {
            "id": doc_id, "source_path": source_path, "file": Path(source_path).name,
            "format": file_format, "pages": None, "outcome": outcome, "error_code": error_code,
            "error_message": message, "report_id": None, "content_key": None, "fingerprint": None,
            "agency": None, "agency_code": None, "symbol": None, "number": None, "date": None,
            "month": None, "year": None, "assessed_year": None, "findings": None,
            "modified_at": file_modified_at(source_path), "read_at": utc_now(), "run_id": run_id,
        })])


def note_copy(wh: Warehouse, *, sha256: str, source_path: str, run_id: str | None) -> bool:
    """A file whose bytes are already loaded under another path: a ``duplicate`` row pointing
    to the same report.  Returns whether a row was added (``False``: known already)."""
    m = wh.marker
    with wh.transaction():
        rows = wh.query(f"SELECT source_path, outcome, report_id, file, format, pages, content_key,"
                        f" fingerprint, agency, agency_code, symbol, number, date, month, year,"
                        f" assessed_year, findings FROM documents WHERE id = {m}", (sha256,))
        if any(str(r[0]) == source_path for r in rows):
            return False
        source = next((r for r in rows if r[1] in ("loaded", "superseded", "duplicate")), None)
        if source is None:
            return False
        names = ("file", "format", "pages", "content_key", "fingerprint", "agency", "agency_code",
                 "symbol", "number", "date", "month", "year", "assessed_year", "findings")
        values = dict(zip(names, source[3:], strict=True))
        values.update(id=sha256, source_path=source_path, outcome="duplicate", error_code=None,
                      error_message=None, report_id=source[2], file=Path(source_path).name,
                      modified_at=file_modified_at(source_path), read_at=utc_now(), run_id=run_id)
        wh.insert_rows(DOCUMENTS, [rows_of.ordered(DOCUMENTS, values)])
    return True


# -- reports ------------------------------------------------------------------------------------

def _renditions(wh: Warehouse, report: str) -> list[tuple[ident.Rendition, dict[str, str], str, str]]:
    rows = wh.query(
        "SELECT id, source_path, format, content_key, modified_at, read_at, fingerprint, file,"
        f" outcome FROM documents WHERE report_id = {wh.marker} AND outcome IN"
        " ('loaded', 'superseded')", (report,))
    return [(ident.Rendition(str(r[0]), str(r[1]), str(r[2]), str(r[3]), r[4], r[5]),
             json.loads(r[6]), str(r[7]), str(r[8])) for r in rows]


def delete_report(wh: Warehouse, report: str) -> None:
    """The report's own rows and its links (the documents stay)."""
    m = wh.marker
    for child in (*REPORT_CHILDREN, LINKED_REPORTS, FINDING_LINKS):
        wh.execute(f"DELETE FROM {child.name} WHERE report_id = {m}", (report,))
    wh.execute(f"DELETE FROM {REPORTS.name} WHERE id = {m}", (report,))


def _record_of(wh: Warehouse, doc_id: str, in_hand: Mapping[str, ReportRecord]) -> ReportRecord:
    if doc_id in in_hand:
        return in_hand[doc_id]
    rows = wh.query(f"SELECT record FROM document_records WHERE document_id = {wh.marker}", (doc_id,))
    return record_from_dict(json.loads(rows[0][0]))


def _label(rendition: ident.Rendition, file: str) -> str:
    return f"{_FORMAT_NAMES.get(rendition.format, rendition.format)} «{file}»"


def rebuild_report(wh: Warehouse, report: str, reference: Reference,
                   in_hand: Mapping[str, ReportRecord]) -> None:
    """Write one report again from its documents: the preferred rendition's record, the
    superseded renditions marked, disagreements audited (``renditions_differ``)."""
    from cchc.vocabulary import FIELD_NAMES_IN_TEXT

    delete_report(wh, report)
    found = _renditions(wh, report)
    resolution = ident.resolve(r for r, *_ in found)
    m = wh.marker
    for rendition, _, _, outcome in found:
        wanted = "superseded" if rendition.key in resolution.superseded else "loaded"
        if wanted != outcome:
            wh.execute(f"UPDATE documents SET outcome = {m} WHERE id = {m} AND source_path = {m}",
                       (wanted, rendition.document_id, rendition.source_path))
    preferred = resolution.preferred
    if preferred is None:
        return
    record = _record_of(wh, preferred.document_id, in_hand)
    meta = record.report
    current = [(r, fp, file) for r, fp, file, _ in found if r.key not in resolution.superseded]
    preferred_fp, preferred_file = next((fp, file) for r, fp, file in current if r.key == preferred.key)
    index_kind = reference.index_kind(meta.agency_code)
    formats = sorted({r.format for r, _, _ in current}, key=lambda f: (ident.FORMAT_RANK.get(f, 9), f))
    wh.insert_rows(REPORTS, [rows_of.ordered(REPORTS, {
        "id": report, "identity": ident.identity(record),
        "unit_key": ident.unit_key(meta.agency_code, meta.agency) or f"report:{report}",
        "agency": meta.agency, "agency_code": meta.agency_code, "index_kind": index_kind,
        "symbol": meta.symbol, "number": meta.number, "date": rows_of.iso_date(meta.date),
        "month": meta.month, "year": meta.year, "assessed_year": meta.assessed_year,
        "title": meta.title, "preferred_document_id": preferred.document_id,
        "preferred_format": preferred.format, "renditions": formats,
        "findings": len(record.findings),
        "received_at": max((r.modified_at or r.read_at) for r, _, _ in current),
        "schema_version": record.schema_version})])
    wh.insert_rows(FINDINGS, rows_of.finding_rows(record, report))
    wh.insert_rows(FINDING_CRITERIA, rows_of.finding_criteria_rows(
        record, report, index_kind, reference.area_name))
    audit = rows_of.audit_rows(record, report)
    others = sorted(((r, fp, file) for r, fp, file in current
                     if r.document_id != preferred.document_id), key=lambda x: x[0].newness())
    seen_docs: set[str] = set()
    for rendition, fp, file in others:
        fields = ident.differing_fields(preferred_fp, fp)
        if not fields or rendition.document_id in seen_docs:
            continue
        seen_docs.add(rendition.document_id)
        names = ", ".join(FIELD_NAMES_IN_TEXT.get(f, "số tồn tại" if f == "findings" else f)
                          for f in fields)
        note = entry("renditions_differ", None, other=_label(rendition, file),
                     preferred=_label(preferred, preferred_file), fields=names)
        audit.append(rows_of.ordered(AUDIT_ENTRIES, {
            "report_id": report, "position": len(audit), "document_id": rendition.document_id,
            "severity": note.severity.value, "code": note.code, "field": ",".join(fields),
            "seq": None, "message": note.message}))
    wh.insert_rows(AUDIT_ENTRIES, audit)


def refresh_criteria(wh: Warehouse) -> None:
    """The ``criteria`` table again from the codes of every report: each code once, with its
    area, the area's name in the index of the newest assessed year that cites it, and
    ``name`` NULL (the catalog names areas, not single criteria)."""
    rows = wh.query("SELECT fc.code, fc.area, fc.area_name, r.assessed_year, fc.report_id"
                    " FROM finding_criteria fc JOIN reports r ON r.id = fc.report_id")
    best: dict[str, tuple[Any, ...]] = {}
    reports: dict[str, set[str]] = {}
    for code, area, name, year, report in rows:
        reports.setdefault(code, set()).add(report)
        key = (year if year is not None else -1, name or "")
        if code not in best or key > best[code][0]:
            best[code] = (key, area, name)
    wanted = sorted((code, area, name, None, len(reports[code]))
                    for code, (_, area, name) in best.items())
    have = sorted(tuple(r) for r in wh.query(
        f"SELECT {', '.join(CRITERIA.column_names)} FROM {CRITERIA.name}"))
    if have != wanted:
        wh.execute(f"DELETE FROM {CRITERIA.name}")
        wh.insert_rows(CRITERIA, wanted)
