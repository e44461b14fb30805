"""Audit entries: one stable code per kind of gap, with its severity, field and message.

The catalogue is data (:data:`AUDIT_CODES`); messages are for the unit's CCHC officer who
fixes the report, Vietnamese first with a short English gloss in brackets (docs/language.md),
and take the row's values through ``str.format``.  Values are shown as people read them
(:func:`cchc.vocabulary.human_value`): a date as dd/mm/yyyy, never the ISO text of the data.
See docs/record-format.md for when each code is raised.
"""

from __future__ import annotations

from typing import Any

from cchc.record import AuditEntry, Severity
from cchc.vocabulary import human_value

_E, _W, _I = Severity.ERROR, Severity.WARNING, Severity.INFO
#: Values quoted as the report wrote them (``«{raw}»``): never reformatted.
_AS_WRITTEN = frozenset({"raw", "text", "words"})

# code -> (severity, field, message template)
AUDIT_CODES: dict[str, tuple[Severity, str, str]] = {
    # report level: metadata.py writes the Vietnamese sentence (it knows what was written
    # where); the catalogue adds the gloss
    "report_number_blank": (_W, "report.number", "{text} (the report number is blank)"),
    "report_date_blank": (_W, "report.date", "{text} (the report date is blank or incomplete)"),
    "report_agency_unknown": (_W, "report.agency", "{text} (the issuing unit is not identified)"),
    "report_metadata_mismatch": (_W, "report.symbol",
                                 "{text} (the report head and the appendix disagree)"),
    "assessed_year_missing": (_W, "report.assessed_year", "{text} (the assessed year is not found)"),
    "seq_gap": (_W, "seq", "Số thứ tự bị bỏ qua: sau {prev} là {seq} (a numbering gap)."),
    "seq_repeat": (_W, "seq", "Số thứ tự {seq} bị lặp lại (a repeated number)."),
    "seq_not_numeric": (_W, "seq", "Ô số thứ tự không phải là số: «{raw}» (not a number)."),
    "shortcoming_blank": (_E, "shortcoming",
                          "Dòng chưa ghi nội dung tồn tại, hạn chế (the shortcoming is blank)."),
    "criteria_missing": (_W, "criteria",
                         "Dòng chưa ghi mã tiêu chí bị trừ điểm (no criterion code)."),
    "criteria_unknown_area": (_W, "criteria",
                              "Mã tiêu chí {criterion} thuộc lĩnh vực {area} không có trong bộ chỉ số "
                              "(the code's area is not in the index)."),
    "criteria_malformed": (_W, "criteria",
                           "Mã tiêu chí viết không đúng dạng: «{raw}» (a malformed criterion code)."),
    "remedy_blank": (_W, "remedy", "Dòng chưa ghi giải pháp khắc phục (the remedy is blank)."),
    "deadline_blank": (_W, "deadline", "Dòng chưa ghi thời hạn hoàn thành (the deadline is blank)."),
    "deadline_unparsed": (_W, "deadline",
                          "Không hiểu được thời hạn «{raw}» (the deadline cannot be read)."),
    "deadline_invalid": (_E, "deadline",
                         "Thời hạn «{raw}» không phải là ngày có thật (not a real date)."),
    "deadline_year_inferred": (_I, "deadline",
                               "Thời hạn «{raw}» không ghi năm; lấy năm {year} của báo cáo "
                               "(no year written: the report's year is taken)."),
    "progress_blank": (_W, "progress",
                       "Dòng chưa cập nhật tiến độ thực hiện (the progress is blank)."),
    "status_conflict": (_W, "status", "Đánh dấu cả «Đã hoàn thành» và «Chưa hoàn thành» "
                                      "(marked both done and not done)."),
    "status_undetermined": (_I, "status",
                            "Không xác định được trạng thái (đã/đang/chưa thực hiện) từ tiến độ "
                            "(the status cannot be told from the progress)."),
    "overdue": (_W, "due_date", "Quá hạn: thời hạn {due} đã qua mà chưa hoàn thành "
                                "(overdue: the deadline has passed)."),
    "merge_inferred": (_I, "merged",
                       "Các ô {fields} được coi là ô gộp với dòng trên vì bản xuất văn bản không có "
                       "đường kẻ (cells taken as merged with the row above: a text export has no rules)."),
    "ocr_low_confidence": (_W, "shortcoming",
                           "Ô {label} đọc từ bản quét (OCR) với độ tin cậy thấp ({confidence}%), cần đối "
                           "chiếu với bản quét (read by OCR with low confidence: check the scan)."),
    "ocr_unreadable": (_W, "shortcoming",
                       "Không đọc chắc chắn được từ bản quét (OCR): {words} (words OCR could not read "
                       "surely)."),
    "ocr_seq_repaired": (_I, "seq",
                         "Ô số thứ tự đọc từ bản quét là «{raw}»; theo các dòng liền kề lấy số {seq} "
                         "(seq read from its neighbours)."),
    "ocr_text_repaired": (_I, "section",
                          "Chữ hoa đọc từ bản quét (OCR) được sửa theo từ ngữ của chính báo cáo: {words} "
                          "(capital words OCR misread, put right from the report's own words)."),
    "text_repaired": (_I, "shortcoming",
                      "Đã khôi phục chữ «ư» bị mất khi đọc văn bản mã TCVN3: {words} "
                      "(letters lost in TCVN3 restored)."),
    # written by the warehouse, which alone sees the several files of one report
    "renditions_differ": (_W, "source",
                          "Các bản của cùng một báo cáo không khớp nhau: bản {other} khác bản "
                          "{preferred} (bản được dùng) ở: {fields} (renditions of one report "
                          "disagree)."),
}


def entry(code: str, seq: int | None = None, *, field: str | None = None, **values: Any) -> AuditEntry:
    """An audit entry from the catalogue; ``values`` fill the message, as people read them.

    ``field`` overrides the catalogue's field where one code covers several fields (a
    header/caption mismatch names the field that disagrees).

    >>> entry("progress_blank", seq=4).field
    'progress'
    >>> entry("overdue", seq=2, due="2023-06-30").message
    'Quá hạn: thời hạn 30/06/2023 đã qua mà chưa hoàn thành (overdue: the deadline has passed).'
    """
    severity, default_field, template = AUDIT_CODES[code]
    shown = {name: value if name in _AS_WRITTEN else human_value(value) for name, value in values.items()}
    return AuditEntry(severity=severity, code=code, field=field or default_field, seq=seq,
                      message=template.format(seq=seq, **shown))
