"""Logical appendix rows → the typed report record, with every gap audited.

This is the one place the normalizers are composed: text cleaning, criterion codes,
deadlines, statuses and the report metadata.  Everything here is format-agnostic: a Word,
PDF or text export of the same report gives the same findings.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from cchc.extract.appendix import Appendix
from cchc.extract.columns import Role
from cchc.extract.model import ExtractedDocument
from cchc.extract.stitching import LogicalRow
from cchc.normalize.audit import entry
from cchc.normalize.catalog import Catalog
from cchc.normalize.criteria import area_of, extract_criteria, malformed_codes
from cchc.normalize.deadlines import DeadlineParse, parse_deadline
from cchc.normalize.metadata import parse_report_meta
from cchc.normalize.repairs import finding_repairs, report_repairs
from cchc.normalize.status import StatusDecision, status_from_marks, status_from_text
from cchc.normalize.units import UnitRegistry
from cchc.record import (
    AuditEntry,
    DeadlineKind,
    Finding,
    ReportMeta,
    ReportRecord,
    Source,
    Status,
)
from cchc.text.vietnamese import clean_cell, clean_line, nfc, split_items
from cchc.vocabulary import FIELD_NAMES_IN_TEXT as FIELD_LABELS

_SEQ = re.compile(r"^\(?\s*(\d{1,4})\s*[.)]?\s*\)?\.?$")
# Record fields that can come from a vertically merged cell, in record order.
_MERGEABLE = (("shortcoming", Role.SHORTCOMING), ("criteria", Role.CRITERIA),
              ("remedy", Role.REMEDY), ("owner", Role.OWNER), ("deadline", Role.DEADLINE),
              ("progress", Role.PROGRESS), ("note", Role.NOTE))


@dataclass(frozen=True)
class Settings:
    """What the normalizers need to know about the province's index and units."""

    registry: UnitRegistry
    catalog: Catalog
    index_kind: str = "department"


def _text(row: LogicalRow, role: Role) -> str:
    """A cell's text in NFC (legacy encodings were decoded for the whole document on reading)."""
    return _decoded(row.text(role))


@lru_cache(maxsize=1024)
def _decoded(raw: str) -> str:
    """NFC once per text: a row's cells are read by several normalizers."""
    return nfc(raw)


def parse_seq(raw: str) -> int | None:
    """TT cell → integer: ``"1"``, ``"1."``, ``"(1)"`` → 1; anything else → ``None``."""
    match = _SEQ.match(raw.strip())
    return int(match.group(1)) if match else None


@dataclass
class _RowContext:
    """What a row's normalization needs from the report around it."""

    settings: Settings
    report_year: int | None
    report_day: dt.date | None
    has_marks: bool
    has_criteria_column: bool


def _criteria(row: LogicalRow, ctx: _RowContext) -> list[str]:
    if ctx.has_criteria_column:
        codes = extract_criteria(_text(row, Role.CRITERIA), bare_codes=True)
        if codes:
            return codes
    return extract_criteria(_text(row, Role.SHORTCOMING))


def _status(row: LogicalRow, ctx: _RowContext, progress: str | None) -> StatusDecision:
    if ctx.has_marks:
        return status_from_marks(_text(row, Role.DONE_MARK) or None,
                                 _text(row, Role.NOT_DONE_MARK) or None, progress)
    return status_from_text(progress)


def _finding(row: LogicalRow, ctx: _RowContext) -> tuple[Finding, list[AuditEntry]]:
    raw_seq = _text(row, Role.SEQ).strip()
    seq = parse_seq(raw_seq)
    audit: list[AuditEntry] = []
    if raw_seq and seq is None:
        audit.append(entry("seq_not_numeric", seq=None, raw=raw_seq))
    criteria = _criteria(row, ctx)
    deadline_text = clean_cell(_text(row, Role.DEADLINE))
    deadline = parse_deadline(deadline_text, default_year=ctx.report_year)
    progress = clean_cell(_text(row, Role.PROGRESS))
    decision = _status(row, ctx, progress)
    due = deadline.due_date
    overdue = bool(due and ctx.report_day and due < ctx.report_day
                   and decision.status is not Status.COMPLETED)
    remedy_items = split_items(_text(row, Role.REMEDY))  # split once: the items and the cell
    finding = Finding(
        seq=seq,
        section=clean_line(row.section) or None if row.section else None,
        shortcoming=clean_cell(_text(row, Role.SHORTCOMING)),
        criteria=criteria,
        areas=list(dict.fromkeys(area_of(c) for c in criteria)),
        remedy="\n".join(remedy_items) or None,  # clean_cell's own join
        remedy_items=remedy_items,
        owner=clean_cell(_text(row, Role.OWNER)),
        deadline=deadline_text,
        deadline_kind=deadline.kind,
        due_date=due.isoformat() if due else None,
        progress=progress,
        status=decision.status,
        status_evidence=decision.evidence,
        overdue=overdue,
        note=clean_cell(_text(row, Role.NOTE)),
        pages=list(row.pages),
        merged=[name for name, role in _MERGEABLE if role in row.cells and row.cells[role].merged],
    )
    audit.extend(_row_audit(finding, row, ctx, deadline, decision))
    return finding, audit


def _row_audit(f: Finding, row: LogicalRow, ctx: _RowContext, deadline: DeadlineParse,
               decision: StatusDecision) -> Iterator[AuditEntry]:
    seq = f.seq
    if f.shortcoming is None:
        yield entry("shortcoming_blank", seq)
    if not f.criteria:
        yield entry("criteria_missing", seq)
    for raw in malformed_codes(_text(row, Role.CRITERIA) or _text(row, Role.SHORTCOMING)):
        yield entry("criteria_malformed", seq, raw=raw)
    for code in f.criteria:
        area = area_of(code)
        if not ctx.settings.catalog.knows_area(area, index_kind=ctx.settings.index_kind,
                                               year=ctx.report_year):
            yield entry("criteria_unknown_area", seq, criterion=code, area=area)
    if f.remedy is None:
        yield entry("remedy_blank", seq)
    yield from _deadline_audit(f, deadline, ctx, seq)
    yield from _status_audit(f, decision, seq)
    inferred = [name for name, role in _MERGEABLE if role in row.cells and row.cells[role].inferred]
    if inferred:
        yield entry("merge_inferred", seq, fields=", ".join(FIELD_LABELS[name] for name in inferred))


def _deadline_audit(f: Finding, deadline: DeadlineParse, ctx: _RowContext, seq: int | None
                    ) -> Iterator[AuditEntry]:
    if f.deadline is None:
        yield entry("deadline_blank", seq)
    elif deadline.invalid:
        yield entry("deadline_invalid", seq, raw=f.deadline)
    elif deadline.kind is DeadlineKind.UNPARSED:
        yield entry("deadline_unparsed", seq, raw=f.deadline)
    elif deadline.year_inferred:
        yield entry("deadline_year_inferred", seq, raw=f.deadline, year=ctx.report_year)


def _status_audit(f: Finding, decision: StatusDecision, seq: int | None) -> Iterator[AuditEntry]:
    if decision.conflict:
        yield entry("status_conflict", seq)
    elif f.status is Status.UNKNOWN and f.progress is None:
        yield entry("progress_blank", seq)
    elif f.status is Status.UNKNOWN:
        yield entry("status_undetermined", seq)
    if f.overdue:
        yield entry("overdue", seq, due=f.due_date)


def seq_audit(findings: list[Finding]) -> list[tuple[int, AuditEntry]]:
    """Gaps and repeats in the TT numbers, each with the position of the row it concerns.

    Numbering may restart under a new group row (I: 1, 2; II: 1, 2, 3): a number that does
    not go on from the previous section's starts a new count, so a restart is no repeat; a
    number repeated within one section is.
    """
    out: list[tuple[int, AuditEntry]] = []
    prev: int | None = None
    seen: set[int] = set()
    section: object = object()
    for position, f in enumerate(findings):
        if f.seq is None:
            continue
        if f.section != section:
            section = f.section
            if prev is not None and f.seq <= prev:
                prev, seen = None, set()
        if f.seq in seen:
            out.append((position, entry("seq_repeat", f.seq)))
        elif prev is not None and f.seq != prev + 1:
            out.append((position, entry("seq_gap", f.seq, prev=prev)))
        seen.add(f.seq)
        prev = f.seq
    return out


def _report_day(meta: ReportMeta) -> dt.date | None:
    """The report's date, or the first day of its month when the day is blank."""
    if meta.date:
        return dt.date.fromisoformat(meta.date)
    if meta.year and meta.month:
        return dt.date(meta.year, meta.month, 1)
    return None


def appendix_to_record(document: ExtractedDocument, appendix: Appendix, sha256: str,
                       settings: Settings) -> ReportRecord:
    """Build the report record: metadata, one finding per row, and the audit."""
    head = [nfc(line) for line in appendix.head_lines]
    caption = [nfc(line) for line in appendix.caption_lines]
    meta_result = parse_report_meta(head, caption, registry=settings.registry)
    meta = meta_result.meta
    roles = appendix.roles
    ctx = _RowContext(settings=settings, report_year=meta.year, report_day=_report_day(meta),
                      has_marks=Role.DONE_MARK in roles or Role.NOT_DONE_MARK in roles,
                      has_criteria_column=Role.CRITERIA in roles)
    findings: list[Finding] = []
    row_audit: list[tuple[int, AuditEntry]] = []
    for position, row in enumerate(appendix.rows):
        finding, audit = _finding(row, ctx)
        findings.append(finding)
        row_audit.extend((position, e) for e in audit)
    if document.ocr is not None:  # a scan: the OCR review (and its word tables) is imported only then
        from cchc.normalize.ocr_review import review_ocr

        findings, row_audit = review_ocr(document, appendix, findings, row_audit)
    ordered = _order_row_audit(row_audit + seq_audit(findings)
                               + finding_repairs(document, appendix, findings))
    source = Source(file=document.file, sha256=sha256, format=document.format, pages=document.pages)
    return ReportRecord(source=source, report=meta, findings=findings,
                        audit=list(meta_result.audit) + report_repairs(document, appendix, meta) + ordered)


def _order_row_audit(audit: list[tuple[int, AuditEntry]]) -> list[AuditEntry]:
    """Row entries in the table's order (seq entries first within their row).

    Ordered by the row's position, not its seq: numbering that restarts in each section
    gives several rows the same seq.
    """
    def key(item: tuple[int, tuple[int, AuditEntry]]) -> tuple[int, int, int]:
        index, (position, e) = item
        return (position, 0 if e.field == "seq" else 1, index)
    return [e for _, (_, e) in sorted(enumerate(audit), key=key)]
