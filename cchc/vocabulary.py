"""The words and number formats people read: one place for every Vietnamese label.

The officer's checklist (``cchc audit``), the analysts' HTML page (``cchc report``), the
batch summary and the audit messages of the record all name the same fields, severities
and statuses, so they take the words from here and say the same thing.  Numbers follow the
Vietnamese convention (also Windows' Vietnamese regional format): a dot between thousands
and a decimal comma.

Pure Python with no imports from cchc: every layer may use it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from types import MappingProxyType

#: Record fields (and report fields as ``report.<name>``) → their Vietnamese name, capitalized
#: as a heading or table cell shows it.
FIELD_LABELS: Mapping[str, str] = MappingProxyType({
    "report.number": "Số báo cáo", "report.date": "Ngày báo cáo",
    "report.agency": "Cơ quan báo cáo", "report.symbol": "Ký hiệu văn bản",
    "report.assessed_year": "Năm đánh giá", "seq": "Số thứ tự", "shortcoming": "Tồn tại, hạn chế",
    "criteria": "Tiêu chí", "remedy": "Giải pháp khắc phục", "owner": "Đơn vị chủ trì",
    "deadline": "Thời hạn", "due_date": "Thời hạn", "progress": "Tiến độ",
    "status": "Trạng thái", "merged": "Ô gộp", "note": "Ghi chú",
})
#: The same names as they read inside a sentence (first letter lower-cased), for messages
#: that list fields: ``"Các ô tiến độ, ghi chú được coi là ô gộp …"``.
FIELD_NAMES_IN_TEXT: Mapping[str, str] = MappingProxyType(
    {k: v[:1].lower() + v[1:] for k, v in FIELD_LABELS.items()})
SEVERITY_LABELS: Mapping[str, str] = MappingProxyType(
    {"error": "Lỗi", "warning": "Cảnh báo", "info": "Lưu ý"})
STATUS_LABELS: Mapping[str, str] = MappingProxyType(
    {"completed": "Đã hoàn thành", "in_progress": "Đang thực hiện",
     "not_started": "Chưa thực hiện", "unknown": "Chưa rõ"})
OVERDUE_LABEL = "Quá hạn"
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def field_label(field: str) -> str:
    """A field's Vietnamese name; an unknown field is shown as written.

    >>> field_label("deadline")
    'Thời hạn'
    >>> field_label("something_new")
    'something_new'
    """
    return FIELD_LABELS.get(field, field)


def severity_label(severity: str) -> str:
    """A severity's Vietnamese name.

    >>> severity_label("warning")
    'Cảnh báo'
    """
    return SEVERITY_LABELS.get(severity, severity)


def status_label(status: str) -> str:
    """A status's Vietnamese name.

    >>> status_label("in_progress")
    'Đang thực hiện'
    """
    return STATUS_LABELS.get(status, status)


def row_label(seq: int | None) -> str:
    """Where an audit entry points: a row of the appendix, or the whole report.

    >>> row_label(7)
    'Dòng 7'
    >>> row_label(None)
    'Thông tin chung'
    """
    return "Thông tin chung" if seq is None else f"Dòng {seq}"


def period_label(year: int | None, month: int | None, *, short: bool = False) -> str:
    """A report period.

    >>> period_label(2023, 3)
    'tháng 3/2023'
    >>> period_label(2023, 3, short=True)
    'T3/2023'
    >>> period_label(2023, None)
    'năm 2023'
    """
    if year is None:
        return "không rõ kỳ"
    if month is None:
        return f"năm {year}"
    return f"T{month}/{year}" if short else f"tháng {month}/{year}"


# -- numbers and dates -----------------------------------------------------------------------

def vn_int(value: int) -> str:
    """A whole number with a dot between thousands.

    >>> vn_int(10000)
    '10.000'
    >>> vn_int(-1234567)
    '-1.234.567'
    """
    return f"{value:,}".replace(",", ".")


def vn_decimal(value: float, digits: int = 1) -> str:
    """A decimal number with a decimal comma (and dots between thousands).

    >>> vn_decimal(2.45)
    '2,5'
    >>> vn_decimal(12345.678, 2)
    '12.345,68'
    """
    return f"{value:,.{digits}f}".replace(",", "\0").replace(".", ",").replace("\0", ".")


def vn_percent(share: float | None, digits: int = 1) -> str:
    """A share as a percentage; ``None`` (nothing to divide) is a dash.

    >>> vn_percent(0.945)
    '94,5%'
    >>> vn_percent(None)
    '–'
    """
    return "–" if share is None else vn_decimal(share * 100, digits) + "%"


def vn_date(value: dt.date) -> str:
    """Day first, as Vietnamese documents write dates.

    >>> vn_date(dt.date(2023, 6, 5))
    '05/06/2023'
    """
    return value.strftime("%d/%m/%Y")


def human_value(value: object) -> str:
    """A value inside a sentence for people: dates day first (an ISO date text too, as the
    record's data holds them), everything else as ``str`` shows it (a year stays ``2023``).

    >>> human_value("2023-06-30"), human_value(dt.date(2024, 1, 5)), human_value(2023)
    ('30/06/2023', '05/01/2024', '2023')
    >>> human_value("Quý I/2023"), human_value(None)
    ('Quý I/2023', '')
    """
    if isinstance(value, dt.date):
        return vn_date(value)
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:
            return vn_date(dt.date.fromisoformat(value))
        except ValueError:
            return value
    return "" if value is None else str(value)


def clock(seconds: float) -> str:
    """A duration as a clock.

    >>> clock(75)
    '1:15'
    >>> clock(3700)
    '1:01:40'
    """
    minutes, secs = divmod(int(round(seconds)), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
