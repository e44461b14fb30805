"""Pieces shared by the sample modules: audit messages and the usual column layouts.

The messages are for the unit's officer (Vietnamese); the tests compare only severity, code,
field and seq, but a sample should read like what the program will say.
"""

from __future__ import annotations

from .spec import Note

UNDETERMINED = Note("status_undetermined",
                    "Nội dung tiến độ không thể hiện rõ đã hoàn thành hay chưa; đề nghị ghi rõ.")
PROGRESS_BLANK = Note("progress_blank", "Chưa cập nhật tiến độ thực hiện.")
OVERDUE = Note("overdue", "Đã quá thời hạn hoàn thành nhưng nhiệm vụ chưa hoàn thành.")
NUMBER_BLANK = Note("report_number_blank", "Báo cáo chưa ghi số văn bản.")
DATE_BLANK = Note("report_date_blank", "Báo cáo chưa ghi đủ ngày, tháng, năm ban hành.")
CRITERIA_MISSING = Note("criteria_missing", "Không ghi tiêu chí bị trừ điểm.")
YEAR_INFERRED = Note("deadline_year_inferred",
                     "Thời hạn không ghi năm; lấy năm của báo cáo.")
STATUS_CONFLICT = Note("status_conflict",
                       "Đánh dấu cả hai cột \"Đã hoàn thành\" và \"Chưa hoàn thành\".")
DEADLINE_BLANK = Note("deadline_blank", "Chưa ghi thời hạn hoàn thành.")
DEADLINE_UNPARSED = Note("deadline_unparsed", "Thời hạn hoàn thành không xác định được ngày.")
REMEDY_BLANK = Note("remedy_blank", "Chưa nêu giải pháp khắc phục.")


def seq_gap(missing: str) -> Note:
    """The gap note names the skipped number(s)."""
    return Note("seq_gap", f"Số thứ tự bị bỏ qua: {missing}.")

