"""Assemble the expected record of a sample from its hand-decided data, and check it.

Nothing is *derived* here that a reader has to decide (codes, deadline kinds, due dates,
statuses, audit entries are all written by hand in the sample modules); this module only puts
the pieces in the record's shape and refuses data that contradicts the rules of
``docs/record-format.md`` (an ``overdue`` flag that does not match the dates, an evidence
string that is not in the progress text, an audit entry out of order...).  Those checks catch
slips in the hand-written data; they are not a second implementation of the program.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Any

from .spec import Cell, Expect, Group, Note, ReportSpec, Row

SCHEMA_VERSION = 1

# The audit code table of docs/record-format.md, in its order (the order within a row).
AUDIT_CODES: dict[str, tuple[str, str]] = {
    "report_number_blank": ("warning", "report.number"),
    "report_date_blank": ("warning", "report.date"),
    "report_agency_unknown": ("warning", "report.agency"),
    "report_metadata_mismatch": ("warning", "report.symbol"),
    "assessed_year_missing": ("warning", "report.assessed_year"),
    "seq_gap": ("warning", "seq"),
    "seq_repeat": ("warning", "seq"),
    "seq_not_numeric": ("warning", "seq"),
    "shortcoming_blank": ("error", "shortcoming"),
    "criteria_missing": ("warning", "criteria"),
    "criteria_unknown_area": ("warning", "criteria"),
    "remedy_blank": ("warning", "remedy"),
    "deadline_blank": ("warning", "deadline"),
    "deadline_unparsed": ("warning", "deadline"),
    "deadline_invalid": ("error", "deadline"),
    "deadline_year_inferred": ("info", "deadline"),
    "progress_blank": ("warning", "progress"),
    "status_conflict": ("warning", "status"),
    "status_undetermined": ("info", "status"),
    "overdue": ("warning", "due_date"),
    "merge_inferred": ("info", "merged"),
}
CODE_ORDER = list(AUDIT_CODES)
MARK_EVIDENCE = ("x (Đã hoàn thành)", "x (Chưa hoàn thành)")


def audit_entry(note: Note, seq: int | None) -> dict[str, Any]:
    """One audit entry in the record's shape."""
    severity, field = AUDIT_CODES[note.code]
    return {"severity": severity, "code": note.code, "field": field, "seq": seq,
            "message": note.message}


def _value(cell: Cell | None) -> str | None:
    return None if cell is None else cell.value


class _Walker:
    """Walks the table parts in reading order, tracking the section and open vertical merges."""

    def __init__(self) -> None:
        self.section: str | None = None
        self.open_merges: dict[str, Cell] = {}

    def cell_for(self, row: Row, role: str) -> Cell | None:
        """The cell that gives ``role`` its value: the row's own, or the merge it continues."""
        if role in row.vmerge:
            if row.vmerge[role]:
                self.open_merges[role] = row.cells[role]
            return self.open_merges[role]
        return row.cells.get(role)


def findings_and_audit(spec: ReportSpec) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The findings in table order and the row-level audit entries, in row order."""
    walker = _Walker()
    findings: list[dict[str, Any]] = []
    audit: list[dict[str, Any]] = []
    for part in spec.table.parts:
        for row in part:
            if isinstance(row, Group):
                walker.section = row.section
                continue
            if row.expect is None:
                assert row.tt == "", "only a row with an empty TT cell continues the row above"
                continue
            finding = _finding(row, row.expect, walker)
            findings.append(finding)
            audit.extend(audit_entry(note, row.expect.seq) for note in row.expect.audit)
    return findings, audit


def _finding(row: Row, exp: Expect, walker: _Walker) -> dict[str, Any]:
    texts = {role: _value(walker.cell_for(row, role))
             for role in ("shortcoming", "remedy", "owner", "deadline", "progress", "note")}
    texts.update(exp.text)
    remedy_cell = walker.cell_for(row, "remedy")
    items = exp.items if exp.items is not None else (
        list(remedy_cell.items) if remedy_cell is not None else [])
    return {
        "seq": exp.seq,
        "section": walker.section,
        "shortcoming": texts["shortcoming"],
        "criteria": list(exp.criteria),
        "areas": _areas(exp.criteria),
        "remedy": texts["remedy"],
        "remedy_items": items,
        "owner": texts["owner"],
        "deadline": texts["deadline"],
        "deadline_kind": exp.deadline_kind,
        "due_date": exp.due_date,
        "progress": texts["progress"],
        "status": exp.status,
        "status_evidence": exp.evidence,
        "overdue": exp.overdue,
        "note": texts["note"],
        "pages": [],
        "merged": list(exp.merged),
    }


def _areas(criteria: list[str]) -> list[int]:
    """The first number of each code, in order, without repeats (the record's rule)."""
    areas: list[int] = []
    for code in criteria:
        area = int(code.split(".")[0])
        if area not in areas:
            areas.append(area)
    return areas


def build_record(spec: ReportSpec, sha256: str | None) -> dict[str, Any]:
    """The expected record of a sample, checked against the rules before it is returned."""
    findings, row_audit = findings_and_audit(spec)
    report_audit = [audit_entry(note, None) for note in spec.report_audit]
    record = {
        "schema_version": SCHEMA_VERSION,
        "source": {"file": f"{spec.stem}.docx", "sha256": sha256, "format": "docx",
                   "pages": None},
        "report": dict(spec.report),
        "findings": findings,
        "audit": report_audit + row_audit,
    }
    check_record(record, spec)
    return record


def reference_date(report: dict[str, Any]) -> str:
    """The date ``overdue`` compares with: the report date, else the 1st of its month."""
    if report["date"]:
        return str(report["date"])
    return f"{report['year']:04d}-{report['month']:02d}-01"


def check_record(record: dict[str, Any], spec: ReportSpec) -> None:
    """Refuse hand-written data that contradicts the record rules (catches typing slips)."""
    _check_strings(record)
    ref = reference_date(record["report"])
    codes_by_seq: dict[int | None, list[str]] = {}
    for entry in record["audit"]:
        codes_by_seq.setdefault(entry["seq"], []).append(entry["code"])
    for codes in codes_by_seq.values():
        assert codes == sorted(codes, key=CODE_ORDER.index), f"audit order {codes}"
    seqs = [f["seq"] for f in record["findings"]]
    assert [e["seq"] for e in record["audit"] if e["seq"] is not None] == sorted(
        (e["seq"] for e in record["audit"] if e["seq"] is not None), key=seqs.index)
    has_marks = any(c.role in ("done", "not_done") for c in spec.table.columns)
    for finding in record["findings"]:
        _check_finding(finding, codes_by_seq.get(finding["seq"], []), ref, has_marks)


def _check_strings(value: Any) -> None:
    if isinstance(value, str):
        assert unicodedata.is_normalized("NFC", value), value
    elif isinstance(value, dict):
        for item in value.values():
            _check_strings(item)
    elif isinstance(value, list):
        for item in value:
            _check_strings(item)


def _check_finding(f: dict[str, Any], codes: list[str], ref: str, has_marks: bool) -> None:
    where = f"seq {f['seq']}"
    assert f["shortcoming"], where
    assert (not f["criteria"]) == ("criteria_missing" in codes), where
    assert (f["remedy"] is None) == ("remedy_blank" in codes) == (f["remedy_items"] == []), where
    if f["remedy"] is not None:
        assert f["remedy"] == "\n".join(f["remedy_items"]), where
    assert (f["deadline"] is None) == ("deadline_blank" in codes) == (f["deadline_kind"] is None)
    assert (f["deadline_kind"] == "unparsed") == ("deadline_unparsed" in codes), where
    if f["due_date"] is not None:
        dt.date.fromisoformat(f["due_date"])
    _check_status(f, codes, has_marks)
    late = f["due_date"] is not None and f["due_date"] < ref and f["status"] != "completed"
    assert f["overdue"] == late == ("overdue" in codes), where


def _check_status(f: dict[str, Any], codes: list[str], has_marks: bool) -> None:
    where = f"seq {f['seq']}"
    if f["status"] == "unknown":
        assert f["status_evidence"] is None, where
        reasons = {"status_undetermined", "progress_blank", "status_conflict"} & set(codes)
        assert len(reasons) == 1, f"{where}: unknown needs exactly one reason, got {codes}"
        if "progress_blank" in codes and not has_marks:
            assert f["progress"] is None, where
        if "status_undetermined" in codes:
            assert f["progress"] is not None, where
        return
    evidence = f["status_evidence"]
    assert evidence, where
    if evidence not in MARK_EVIDENCE:
        assert f["progress"] is not None and evidence in f["progress"], f"{where}: {evidence}"
