"""The unit officer's checklist: what is missing or inconsistent in one report, in Vietnamese.

A unit's CCHC officer runs ``cchc audit FILE`` before sending a report to Sở Nội vụ.  They
need the report's head as the program read it (so a wrong agency or year shows at once),
then every audit entry sorted by how much it matters — errors first, because those make the
report unusable — each with the row it concerns, and a one-line verdict at the end.  The exit
status (1 when there is an error) lets a unit script the check.

The words (severity and field names, "Dòng 7" / "Thông tin chung") are
:mod:`cchc.vocabulary`'s, shared with the HTML report, so the officer and the analyst read
the same words.  The command itself (arguments, reading the file, the exit status) is
:mod:`cchc.cli.audit`.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import Any

from cchc.record import AuditEntry, ReportMeta, ReportRecord, Severity
from cchc.vocabulary import row_label, severity_label, vn_date

SEVERITY_ORDER: tuple[str, ...] = (Severity.ERROR.value, Severity.WARNING.value, Severity.INFO.value)
_NOT_FOUND = "không tìm thấy"


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
    """The last line: whether the report can be sent as it is.

    >>> verdict([])
    'Kết luận: ĐẠT — không phát hiện thiếu sót cần sửa (pass: nothing to fix).'
    """
    counts = severity_counts(entries)
    errors, warnings = counts["error"], counts["warning"]
    if errors:
        tail, gloss = (f" và {warnings} cảnh báo", f", {warnings} warning(s)") if warnings else ("", "")
        return (f"Kết luận: CHƯA ĐẠT — có {errors} lỗi cần sửa trước khi gửi{tail} "
                f"(fail: {errors} error(s) to fix before sending{gloss}).")
    if warnings:
        return (f"Kết luận: Không có lỗi; có {warnings} cảnh báo nên xem lại trước khi gửi "
                f"(no error; {warnings} warning(s) to review).")
    return "Kết luận: ĐẠT — không phát hiện thiếu sót cần sửa (pass: nothing to fix)."


def checklist_text(record: ReportRecord, shown_name: str | None = None) -> str:
    """The whole checklist: head, entries grouped Lỗi / Cảnh báo / Lưu ý, verdict.

    ``shown_name`` names the file in the head (the path the officer gave, when several
    files are checked at once); the record's file name by default.
    """
    lines = [f"Kiểm tra báo cáo trước khi gửi: {shown_name or record.source.file}",
             *metadata_lines(record), ""]
    counts = severity_counts(record.audit)
    for severity in SEVERITY_ORDER:
        group = [e for e in record.audit if e.severity.value == severity]
        if group:
            lines.append(f"{severity_label(severity)} ({counts[severity]}):")
            lines.extend(entry_line(e) for e in group)
            lines.append("")
    if not record.audit:
        lines.extend(["Không phát hiện mục nào cần bổ sung hoặc chỉnh sửa (nothing missing or "
                      "inconsistent).", ""])
    lines.append(verdict(record.audit))
    return "\n".join(lines) + "\n"


def audit_payload(record: ReportRecord) -> dict[str, Any]:
    """The audit entries and the head they belong to, as plain data (dates ISO)."""
    data = record.to_dict()
    return {"file": record.source.file, "report": data["report"],
            "counts": severity_counts(record.audit), "audit": data["audit"]}


def audit_json(record: ReportRecord) -> str:
    """The audit entries (and the head they belong to) as JSON, for scripts."""
    return json.dumps(audit_payload(record), ensure_ascii=False, indent=2) + "\n"


def verdict_line(record: ReportRecord, shown_name: str | None = None) -> str:
    """One line per report (``cchc audit -q``): the file and the verdict.

    Example: ``"bc_stp.docx: Kết luận: ĐẠT — không phát hiện thiếu sót cần sửa."``
    """
    return f"{shown_name or record.source.file}: {verdict(record.audit)}"


def run_summary(passed: int, warned: int, failed: int, unreadable: int) -> str:
    r"""The closing line when several reports are checked at once.

    >>> print(run_summary(2, 1, 1, 0).replace(" (", "\n("))
    Tổng hợp: 4 báo cáo — 2 đạt, 1 chỉ có cảnh báo, 1 chưa đạt
    (4 reports: 2 pass, 1 with warnings, 1 fail).
    """
    total = passed + warned + failed + unreadable
    vi = [f"{passed} đạt", f"{warned} chỉ có cảnh báo", f"{failed} chưa đạt"]
    en = [f"{passed} pass", f"{warned} with warnings", f"{failed} fail"]
    if unreadable:
        vi.append(f"{unreadable} không đọc được")
        en.append(f"{unreadable} unreadable")
    return (f"Tổng hợp: {total} báo cáo — {', '.join(vi)} "
            f"({total} reports: {', '.join(en)}).")


def has_errors(record: ReportRecord) -> bool:
    return any(e.severity is Severity.ERROR for e in record.audit)

