"""The unit officer's checklist: what is missing or inconsistent in one report, in Vietnamese.

A unit's CCHC officer runs ``cchc audit FILE`` before sending a report to Sở Nội vụ.  They
need the report's head as the program read it (so a wrong agency or year shows at once),
then every audit entry sorted by how much it matters — errors first, because those make the
report unusable — each with the row it concerns, and a one-line verdict at the end.  The exit
status (1 when there is an error) lets a unit script the check.

The vocabulary (severity and field names, "Dòng 7" / "Thông tin chung") lives here and is
reused by the HTML report, so the officer and the analyst read the same words.

Reading the file is the pipeline's job (``process_file``); output may not import pipeline
(DESIGN: a stage imports only the stages before it), so :func:`run_audit` takes the reader
as an argument and the command line passes it in.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path

from cchc.errors import DocumentError
from cchc.record import AuditEntry, ReportMeta, ReportRecord, Severity

#: Reads one report file into its record; raises ``DocumentError`` for a bad file.
RecordReader = Callable[[Path], ReportRecord]

SEVERITY_ORDER: tuple[str, ...] = (Severity.ERROR.value, Severity.WARNING.value, Severity.INFO.value)
SEVERITY_LABELS: dict[str, str] = {"error": "Lỗi", "warning": "Cảnh báo", "info": "Lưu ý"}
FIELD_LABELS: dict[str, str] = {
    "report.number": "Số báo cáo", "report.date": "Ngày báo cáo",
    "report.agency": "Cơ quan báo cáo", "report.symbol": "Ký hiệu văn bản",
    "report.assessed_year": "Năm đánh giá", "seq": "Số thứ tự", "shortcoming": "Tồn tại, hạn chế",
    "criteria": "Tiêu chí", "remedy": "Giải pháp khắc phục", "owner": "Đơn vị chủ trì",
    "deadline": "Thời hạn", "due_date": "Thời hạn", "progress": "Tiến độ",
    "status": "Trạng thái", "merged": "Ô gộp", "note": "Ghi chú",
}
_NOT_FOUND = "không tìm thấy"


def severity_label(severity: str) -> str:
    """Example: ``"warning"`` → ``"Cảnh báo"``; an unknown value is shown as written."""
    return SEVERITY_LABELS.get(severity, severity)


def field_label(field: str) -> str:
    """Example: ``"deadline"`` → ``"Thời hạn"``; an unknown field is shown as written."""
    return FIELD_LABELS.get(field, field)


def row_label(seq: int | None) -> str:
    """Where an entry points: ``7`` → ``"Dòng 7"``; ``None`` (the whole report) → ``"Thông tin chung"``."""
    return "Thông tin chung" if seq is None else f"Dòng {seq}"


def vn_date(value: dt.date) -> str:
    """Vietnamese day-first date.  Example: ``date(2023, 6, 5)`` → ``"05/06/2023"``."""
    return value.strftime("%d/%m/%Y")


# -- the checklist -------------------------------------------------------------------------

def number_symbol_text(report: ReportMeta) -> str:
    """``15/BC-STP``; a blank number shows where it is missing: ``…/BC-STP (chưa ghi số)``."""
    if report.symbol is None:
        return str(report.number) if report.number is not None else _NOT_FOUND
    if report.number is None:
        return f"…/{report.symbol} (chưa ghi số)"
    return f"{report.number}/{report.symbol}"


def date_text(report: ReportMeta) -> str:
    """The report date, or what part of it was written: ``chưa ghi ngày (tháng 3/2023)``."""
    if report.date is not None:
        return vn_date(dt.date.fromisoformat(report.date))
    if report.month is not None and report.year is not None:
        return f"chưa ghi ngày (tháng {report.month}/{report.year})"
    if report.year is not None:
        return f"chưa ghi ngày (năm {report.year})"
    return _NOT_FOUND


def metadata_lines(record: ReportRecord) -> list[str]:
    """The report head as read, so the officer sees at once a wrong agency or year."""
    report = record.report
    agency = report.agency or _NOT_FOUND
    if report.agency_code:
        agency = f"{agency} (mã {report.agency_code})"
    assessed = str(report.assessed_year) if report.assessed_year is not None else _NOT_FOUND
    return [
        f"  Cơ quan:       {agency}",
        f"  Số/ký hiệu:    {number_symbol_text(report)}",
        f"  Ngày:          {date_text(report)}",
        f"  Năm đánh giá:  {assessed}",
        f"  Phụ lục:       {len(record.findings)} tồn tại, hạn chế",
    ]


def entry_line(entry: AuditEntry) -> str:
    """Example: ``"  [ ] Dòng 8: Thời hạn «31/6/2023» không phải là ngày có thật."``."""
    return f"  [ ] {row_label(entry.seq)}: {entry.message}"


def severity_counts(entries: Sequence[AuditEntry]) -> dict[str, int]:
    """Entries per severity value, every severity present (zero when none)."""
    return {s: sum(1 for e in entries if e.severity.value == s) for s in SEVERITY_ORDER}


def verdict(entries: Sequence[AuditEntry]) -> str:
    """The last line: whether the report can be sent as it is."""
    counts = severity_counts(entries)
    errors, warnings = counts["error"], counts["warning"]
    if errors:
        tail = f" và {warnings} cảnh báo" if warnings else ""
        return f"Kết luận: CHƯA ĐẠT — có {errors} lỗi cần sửa trước khi gửi{tail}."
    if warnings:
        return f"Kết luận: Không có lỗi; có {warnings} cảnh báo nên xem lại trước khi gửi."
    return "Kết luận: ĐẠT — không phát hiện thiếu sót cần sửa."


def checklist_text(record: ReportRecord) -> str:
    """The whole checklist: head, entries grouped Lỗi / Cảnh báo / Lưu ý, verdict."""
    lines = [f"Kiểm tra báo cáo trước khi gửi: {record.source.file}", *metadata_lines(record), ""]
    counts = severity_counts(record.audit)
    for severity in SEVERITY_ORDER:
        group = [e for e in record.audit if e.severity.value == severity]
        if group:
            lines.append(f"{severity_label(severity)} ({counts[severity]}):")
            lines.extend(entry_line(e) for e in group)
            lines.append("")
    if not record.audit:
        lines.extend(["Không phát hiện mục nào cần bổ sung hoặc chỉnh sửa.", ""])
    lines.append(verdict(record.audit))
    return "\n".join(lines) + "\n"


def audit_json(record: ReportRecord) -> str:
    """The audit entries (and the head they belong to) as JSON, for scripts."""
    payload = {
        "file": record.source.file,
        "report": record.to_dict()["report"],
        "counts": severity_counts(record.audit),
        "audit": record.to_dict()["audit"],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def has_errors(record: ReportRecord) -> bool:
    return any(e.severity is Severity.ERROR for e in record.audit)


# -- the command ---------------------------------------------------------------------------

def add_audit_command(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
) -> None:
    """Register ``cchc audit FILE``; the caller dispatches ``args.command == "audit"`` to
    :func:`run_audit` with a reader (see the module docstring for why)."""
    cmd = subparsers.add_parser(
        "audit", help="kiểm tra một báo cáo trước khi gửi (checklist for the unit's officer)")
    cmd.add_argument("file", type=Path, metavar="FILE")
    cmd.add_argument("--json", action="store_true", help="print the audit entries as JSON")
    cmd.add_argument("--password", help="password of an encrypted PDF")
    cmd.add_argument("--units", type=Path, help="units registry JSON of another province")
    cmd.add_argument("--catalog", type=Path, help="criteria catalog JSON")
    cmd.add_argument("--debug", action="store_true", help="show tracebacks of internal errors")


def run_audit(args: argparse.Namespace, read: RecordReader) -> int:
    """``cchc audit``: 0 no error entry, 1 an error entry or a file that cannot be read.

    A bad file gives one line on stderr — file, code, reason — as ``cchc extract`` does.
    """
    path: Path = args.file
    try:
        if not path.is_file():
            raise DocumentError(path.name, "not_found", "không tìm thấy tệp (file not found)")
        record = read(path)
    except DocumentError as e:
        print(f"cchc audit: {path}: {e.code}: {e.message}", file=sys.stderr)
        return 1
    except Exception as e:  # our defect, not the officer's: still one line
        if args.debug:
            traceback.print_exc()
        print(f"cchc audit: {path}: internal_error: {type(e).__name__}: {e} "
              "(lỗi nội bộ; chạy lại với --debug để xem chi tiết)", file=sys.stderr)
        return 1
    sys.stdout.write(audit_json(record) if args.json else checklist_text(record))
    return 1 if has_errors(record) else 0
