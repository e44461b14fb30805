"""Deadline cells → kind and due date: the seed's cells, the record-format table, other styles."""

from __future__ import annotations

import calendar
import datetime
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cchc.normalize.deadlines import DeadlineParse, last_day_of_month, parse_deadline
from cchc.record import DeadlineKind

K = DeadlineKind
REPORT_YEAR = 2023


def D(kind: DeadlineKind | None, due: str | None = None, *, inferred: bool = False,
      invalid: bool = False) -> DeadlineParse:
    """Expected parse, due date as ISO text for readable tables."""
    date = datetime.date.fromisoformat(due) if due else None
    return DeadlineParse(kind=kind, due_date=date, year_inferred=inferred, invalid=invalid)


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


# (deadline cell, expected) with the report's year 2023 as default_year.
CASES = [
    # The seed's deadline cells (row 3 wrapped over a page break, joined with a space or not).
    ("Thường xuyên trong năm 2023", D(K.RECURRING, "2023-12-31")),
    ("Thường xuyên trong năm\n2023", D(K.RECURRING, "2023-12-31")),
    ("Thường xuyên trong năm 2023", D(K.RECURRING, "2023-12-31")),
    ("Trong năm 2023", D(K.YEAR, "2023-12-31")),
    ("Quý I/2023", D(K.QUARTER, "2023-03-31")),
    # Dates.
    ("30/6/2023", D(K.DATE, "2023-06-30")),
    ("30-6-2023", D(K.DATE, "2023-06-30")),
    ("30.6.2023", D(K.DATE, "2023-06-30")),
    ("30 / 6 / 2023", D(K.DATE, "2023-06-30")),
    ("05/01/2024", D(K.DATE, "2024-01-05")),
    ("ngày 30 tháng 6 năm 2023", D(K.DATE, "2023-06-30")),
    ("Ngày 05 tháng 01 năm 2024", D(K.DATE, "2024-01-05")),
    ("Trước ngày 30/6/2023", D(K.DATE, "2023-06-30")),
    ("trước ngày 30/6/2023.", D(K.DATE, "2023-06-30")),
    ("Hoàn thành trước 15/7/2023", D(K.DATE, "2023-07-15")),
    ("Chậm nhất ngày 31/12/2023", D(K.DATE, "2023-12-31")),
    ("Đến 31/12/2023", D(K.DATE, "2023-12-31")),
    ("29/02/2024", D(K.DATE, "2024-02-29")),
    ("30/6/23", D(K.DATE, "2023-06-30")),
    ("Trước 30/6", D(K.DATE, "2023-06-30", inferred=True)),
    ("ngày 30 tháng 6", D(K.DATE, "2023-06-30", inferred=True)),
    ("31/6/2023", D(K.DATE, invalid=True)),
    ("29/02/2023", D(K.DATE, invalid=True)),
    ("32/1/2023", D(K.DATE, invalid=True)),
    ("15/13/2023", D(K.DATE, invalid=True)),
    ("0/6/2023", D(K.DATE, invalid=True)),
    # Months.
    ("Tháng 9/2023", D(K.MONTH, "2023-09-30")),
    ("tháng 12 năm 2023", D(K.MONTH, "2023-12-31")),
    ("Trong tháng 10/2023", D(K.MONTH, "2023-10-31")),
    ("Tháng 02/2024", D(K.MONTH, "2024-02-29")),
    ("tháng 2-2023", D(K.MONTH, "2023-02-28")),
    ("Tháng 9/23", D(K.MONTH, "2023-09-30")),
    ("Tháng 6, 2023", D(K.MONTH, "2023-06-30")),
    ("6/2023", D(K.MONTH, "2023-06-30")),
    ("Tháng 11", D(K.MONTH, "2023-11-30", inferred=True)),
    ("Tháng 13/2023", D(K.MONTH, invalid=True)),
    # Quarters, Arabic and Roman.
    ("Quý I/2023", D(K.QUARTER, "2023-03-31")),
    ("quý 2 năm 2023", D(K.QUARTER, "2023-06-30")),
    ("Quý IV năm 2023", D(K.QUARTER, "2023-12-31")),
    ("trong Quý III/2023", D(K.QUARTER, "2023-09-30")),
    ("Trong quý III/2023", D(K.QUARTER, "2023-09-30")),
    ("QUÝ II/2024", D(K.QUARTER, "2024-06-30")),
    ("Quý 4/2023", D(K.QUARTER, "2023-12-31")),
    ("Quý II - 2023", D(K.QUARTER, "2023-06-30")),
    ("Quí III/2023", D(K.QUARTER, "2023-09-30")),
    ("Hết Quý II/2023", D(K.QUARTER, "2023-06-30")),
    ("Quý II", D(K.QUARTER, "2023-06-30", inferred=True)),
    ("Quý II/2023 và Quý IV/2023", D(K.QUARTER, "2023-12-31")),
    ("Quý II và Quý IV/2023", D(K.QUARTER, "2023-12-31")),
    ("Quý 5/2023", D(K.QUARTER, invalid=True)),
    # Halves.
    ("6 tháng đầu năm 2023", D(K.HALF_YEAR, "2023-06-30")),
    ("6 tháng cuối năm 2023", D(K.HALF_YEAR, "2023-12-31")),
    ("6 tháng cuối năm", D(K.HALF_YEAR, "2023-12-31", inferred=True)),
    ("Trong 6 tháng đầu năm 2024", D(K.HALF_YEAR, "2024-06-30")),
    ("06 tháng đầu năm 2023", D(K.HALF_YEAR, "2023-06-30")),
    ("Nửa đầu năm 2024", D(K.HALF_YEAR, "2024-06-30")),
    # Years.
    ("Năm 2023", D(K.YEAR, "2023-12-31")),
    ("Trong năm 2023", D(K.YEAR, "2023-12-31")),
    ("Đến hết năm 2023", D(K.YEAR, "2023-12-31")),
    ("Cuối năm 2023", D(K.YEAR, "2023-12-31")),
    ("2024", D(K.YEAR, "2024-12-31")),
    ("Trong năm", D(K.YEAR, "2023-12-31", inferred=True)),
    ("Cuối năm", D(K.YEAR, "2023-12-31", inferred=True)),
    ("Trong năm nay", D(K.YEAR, "2023-12-31", inferred=True)),
    # Year ranges.
    ("Năm 2023 - 2024", D(K.YEAR_RANGE, "2024-12-31")),
    ("2023-2025", D(K.YEAR_RANGE, "2025-12-31")),
    ("Giai đoạn 2023-2025", D(K.YEAR_RANGE, "2025-12-31")),
    ("Từ năm 2023 đến năm 2025", D(K.YEAR_RANGE, "2025-12-31")),
    ("2023 – 2025", D(K.YEAR_RANGE, "2025-12-31")),
    ("Năm 2023-2024", D(K.YEAR_RANGE, "2024-12-31")),
    ("2025-2023", D(K.YEAR_RANGE, invalid=True)),
    # Recurring.
    ("Thường xuyên", D(K.RECURRING)),
    ("Hằng quý", D(K.RECURRING)),
    ("Hàng quý", D(K.RECURRING)),
    ("Hằng năm", D(K.RECURRING)),
    ("Hàng tháng", D(K.RECURRING)),
    ("Thường xuyên, liên tục", D(K.RECURRING)),
    ("Định kỳ hằng quý", D(K.RECURRING)),
    ("THƯỜNG XUYÊN", D(K.RECURRING)),
    ("Thường xuyên trong năm", D(K.RECURRING, "2023-12-31", inferred=True)),
    ("Hằng quý năm 2024", D(K.RECURRING, "2024-12-31")),
    ("Năm 2023 và các năm tiếp theo", D(K.RECURRING, "2023-12-31")),
    ("Trước ngày 15/12 hằng năm", D(K.RECURRING, "2023-12-15", inferred=True)),
    # NFD input, tone placement, odd spacing.
    (nfd("Thường xuyên trong năm 2023"), D(K.RECURRING, "2023-12-31")),
    (nfd("Quý IV năm 2023"), D(K.QUARTER, "2023-12-31")),
    (nfd("Đến hết năm 2023"), D(K.YEAR, "2023-12-31")),
    ("Qúy I/2023", D(K.QUARTER, "2023-03-31")),
    ("QÚY IV/2023", D(K.QUARTER, "2023-12-31")),
    ("Hòan thành trước 30/6/2023", D(K.DATE, "2023-06-30")),
    ("  Quý\u00a0I/2023  ", D(K.QUARTER, "2023-03-31")),
    # Not understood: unparsed, never a guess from a cited document.
    ("Theo văn bản số 12/UBND ngày 15/3/2023", D(K.UNPARSED)),
    ("Sau khi có hướng dẫn của Bộ Nội vụ", D(K.UNPARSED)),
    ("Đầu năm 2024", D(K.UNPARSED)),
    ("Năm học 2023-2024", D(K.UNPARSED)),
    ("Tháng 10-12/2023", D(K.UNPARSED)),
    ("Trong quý", D(K.UNPARSED)),
    ("Đã hoàn thành", D(K.UNPARSED)),
    ("Ngay", D(K.UNPARSED)),
    ("x", D(K.UNPARSED)),
    # Blank.
    ("", D(None)),
    ("   \n ", D(None)),
]

# (deadline cell, expected) with no default year: the kind stays, the due date is unknown.
NO_DEFAULT_YEAR = [
    ("Quý II", D(K.QUARTER)),
    ("6 tháng cuối năm", D(K.HALF_YEAR)),
    ("Trước 30/6", D(K.DATE)),
    ("29/2", D(K.DATE)),
    ("30/2", D(K.DATE, invalid=True)),
    ("Thường xuyên trong năm", D(K.RECURRING)),
    ("Quý I/2023", D(K.QUARTER, "2023-03-31")),
]


@pytest.mark.parametrize(("raw", "expected"), CASES)
def test_parse_deadline(raw: str, expected: DeadlineParse) -> None:
    assert parse_deadline(raw, default_year=REPORT_YEAR) == expected


@pytest.mark.parametrize(("raw", "expected"), NO_DEFAULT_YEAR)
def test_parse_deadline_without_default_year(raw: str, expected: DeadlineParse) -> None:
    assert parse_deadline(raw) == expected


def test_none_is_blank() -> None:
    assert parse_deadline(None, default_year=REPORT_YEAR) == D(None)


def test_last_day_of_month() -> None:
    assert last_day_of_month(2024, 2) == datetime.date(2024, 2, 29)
    assert last_day_of_month(2023, 13) is None


# --- properties: every due date is a real date and the last day of what was written ---------

_YEARS = st.integers(1990, 2099)


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 35), st.integers(0, 14), _YEARS, st.sampled_from(["/", "-", "."]))
def test_numeric_dates(day: int, month: int, year: int, sep: str) -> None:
    parsed = parse_deadline(f"{day}{sep}{month}{sep}{year}")
    assert parsed.kind is K.DATE
    possible = 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]
    if possible:
        assert parsed == D(K.DATE, datetime.date(year, month, day).isoformat())
    else:
        assert parsed.invalid and parsed.due_date is None


@settings(max_examples=150, deadline=None)
@given(st.integers(1, 4), _YEARS, st.booleans(), st.sampled_from(["Quý {q}/{y}", "quý {q} năm {y}",
                                                                   "Trong Quý {q}/{y}"]))
def test_quarters(quarter: int, year: int, roman: bool, template: str) -> None:
    written = ["I", "II", "III", "IV"][quarter - 1] if roman else str(quarter)
    parsed = parse_deadline(template.format(q=written, y=year))
    month = 3 * quarter
    expected = datetime.date(year, month, calendar.monthrange(year, month)[1])
    assert parsed == D(K.QUARTER, expected.isoformat())


@settings(max_examples=150, deadline=None)
@given(st.integers(1, 12), _YEARS, st.sampled_from(["Tháng {m}/{y}", "tháng {m} năm {y}",
                                                     "Trong tháng {m:02d}/{y}"]))
def test_months(month: int, year: int, template: str) -> None:
    parsed = parse_deadline(template.format(m=month, y=year))
    expected = datetime.date(year, month, calendar.monthrange(year, month)[1])
    assert parsed == D(K.MONTH, expected.isoformat())


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="0123456789/.- QuýIVTháng năm", max_size=24), st.integers(2000, 2030))
def test_any_due_date_is_a_real_date(text: str, default_year: int) -> None:
    parsed = parse_deadline(text, default_year=default_year)
    if parsed.due_date is not None:
        assert isinstance(parsed.due_date, datetime.date)
        assert not parsed.invalid
    assert parsed.kind is not None or not text.strip()
