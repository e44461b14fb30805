"""Audit entries: one stable code per kind of gap, with its severity, field and message.

The catalogue is data (:data:`AUDIT_CODES`); messages are Vietnamese, for the unit's CCHC
officer who fixes the report, and take the row's values through ``str.format``.
See docs/record-format.md for when each code is raised.
"""

from __future__ import annotations

from typing import Any

from cchc.record import AuditEntry, Severity

_E, _W, _I = Severity.ERROR, Severity.WARNING, Severity.INFO

# code -> (severity, field, message template)
AUDIT_CODES: dict[str, tuple[Severity, str, str]] = {
    # report level: metadata.py writes the whole sentence (it knows what was written where)
    "report_number_blank": (_W, "report.number", "{text}"),
    "report_date_blank": (_W, "report.date", "{text}"),
    "report_agency_unknown": (_W, "report.agency", "{text}"),
    "report_metadata_mismatch": (_W, "report.symbol", "{text}"),
    "assessed_year_missing": (_W, "report.assessed_year", "{text}"),
    "seq_gap": (_W, "seq", "Số thứ tự bị bỏ qua: sau {prev} là {seq}."),
    "seq_repeat": (_W, "seq", "Số thứ tự {seq} bị lặp lại."),
    "seq_not_numeric": (_W, "seq", "Ô số thứ tự không phải là số: «{raw}»."),
    "shortcoming_blank": (_E, "shortcoming", "Dòng chưa ghi nội dung tồn tại, hạn chế."),
    "criteria_missing": (_W, "criteria", "Dòng chưa ghi tiêu chí bị trừ điểm (mã tiêu chí)."),
    "criteria_unknown_area": (_W, "criteria",
                              "Mã tiêu chí {criterion} thuộc lĩnh vực {area} không có trong bộ chỉ số."),
    "criteria_malformed": (_W, "criteria", "Mã tiêu chí viết không đúng dạng: «{raw}»."),
    "remedy_blank": (_W, "remedy", "Dòng chưa ghi giải pháp khắc phục."),
    "deadline_blank": (_W, "deadline", "Dòng chưa ghi thời hạn hoàn thành."),
    "deadline_unparsed": (_W, "deadline", "Không hiểu được thời hạn «{raw}»."),
    "deadline_invalid": (_E, "deadline", "Thời hạn «{raw}» không phải là ngày có thật."),
    "deadline_year_inferred": (_I, "deadline",
                               "Thời hạn «{raw}» không ghi năm; lấy năm {year} của báo cáo."),
    "progress_blank": (_W, "progress", "Dòng chưa cập nhật tiến độ thực hiện."),
    "status_conflict": (_W, "status", "Đánh dấu cả «Đã hoàn thành» và «Chưa hoàn thành»."),
    "status_undetermined": (_I, "status",
                            "Không xác định được trạng thái (đã/đang/chưa thực hiện) từ tiến độ."),
    "overdue": (_W, "due_date", "Quá hạn: thời hạn {due} đã qua mà chưa hoàn thành."),
    "merge_inferred": (_I, "merged",
                       "Các ô {fields} được coi là ô gộp với dòng trên "
                       "(bản xuất văn bản không có đường kẻ)."),
    "ocr_low_confidence": (_W, "shortcoming",
                           "Ô {label} đọc từ bản quét (OCR) với độ tin cậy thấp ({confidence}%), cần đối "
                           "chiếu với bản quét (read by OCR with low confidence: check the scan)."),
    "ocr_unreadable": (_W, "shortcoming",
                       "Không đọc chắc chắn được từ bản quét (OCR): {words} (words OCR could not read "
                       "surely)."),
    "ocr_seq_repaired": (_I, "seq",
                         "Ô số thứ tự đọc từ bản quét là «{raw}»; theo các dòng liền kề lấy số {seq} "
                         "(seq read from its neighbours)."),
    "text_repaired": (_I, "shortcoming",
                      "Đã khôi phục chữ «ư» bị mất khi đọc văn bản mã TCVN3: {words}."),
}



def entry(code: str, seq: int | None = None, *, field: str | None = None, **values: Any) -> AuditEntry:
    """An audit entry from the catalogue; ``values`` fill the message.

    ``field`` overrides the catalogue's field where one code covers several fields (a
    header/caption mismatch names the field that disagrees).
    Example: ``entry("progress_blank", seq=4).field`` → ``"progress"``.
    """
    severity, default_field, template = AUDIT_CODES[code]
    return AuditEntry(severity=severity, code=code, field=field or default_field, seq=seq,
                      message=template.format(seq=seq, **values))
