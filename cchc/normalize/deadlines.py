"""Deadline cells (``Quý I/2023``, ``Trước ngày 30/6/2023``) → kind and last day that satisfies it.

Why a small grammar instead of "find a date anywhere": a deadline cell may also cite a
document (``theo Văn bản số 12/UBND ngày 15/3/2023``), and a due date taken from it makes
a false ``overdue``.  So the cell parses only when, once its period expressions are taken
out, nothing is left but known filler words (:data:`FILLER_WORDS`: ``trước``, ``ngày``,
``chậm nhất``, ``hoàn thành``, ``trong``, ``đến hết``, ``giai đoạn`` …) and punctuation;
otherwise it is ``unparsed`` and a person reads it.  Matching runs on :func:`fold` text.

Decisions where ``docs/record-format.md`` is silent:

- Several periods (``Quý II/2023 và Quý IV/2023``): kind and due date come from the *last*
  one written, ``year_inferred`` too.
- Recurring words (``Thường xuyên``, ``Hằng quý``, ``liên tục``, ``các năm tiếp theo`` …)
  make the kind ``recurring``; a period written with them gives the due date
  (``Thường xuyên trong năm 2023`` → 2023-12-31, ``Năm 2023 và các năm tiếp theo`` → 2023-12-31).
- A two-digit year after a slash or dot is 20yy (``30/6/23``, ``Quý II/23``); four-digit
  years are 1900–2099.  ``6/2023`` with no word is a month; ``30/6`` is a date.
- ``Cuối năm``, ``Trong năm``, ``Đến hết năm``, ``năm nay`` without a number: a year, inferred.
- Impossible values keep their kind with ``invalid=True`` and no due date: ``31/6/2023``
  (date), ``Tháng 13/2023`` (month), ``Quý 5/2023`` (quarter), ``2025-2023`` (year range).
  A date whose year is unknown is invalid only if no year allows it (``30/2``; not ``29/2``).
- A missing year uses ``default_year`` (``year_inferred=True``); with no default the kind is
  kept and the due date is ``None``.
- Not supported (→ ``unparsed``): month ranges ``Tháng 10-12/2023``, ``Đầu năm 2024``,
  school years ``Năm học 2023-2024``, ``Trong quý`` with no quarter number.
"""

from __future__ import annotations

import calendar
import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass

from cchc.record import DeadlineKind
from cchc.text.vietnamese import fold

# Data: words of periods and of recurrence (folded), and the filler a deadline cell may carry.
QUARTERS: dict[str, int] = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
QUARTER_WORDS: tuple[str, ...] = ("quy", "qui")
HALVES: dict[str, int] = {"dau": 6, "cuoi": 12}  # last month of the half
RECURRING_PHRASES: tuple[str, ...] = (
    r"thuong\s+xuyen",
    r"lien\s+tuc",
    r"dinh\s+ky",
    r"hang\s+(?:ngay|tuan|thang|quy|nam)",
    r"(?:cac|nhung)\s+nam\s+(?:tiep\s+theo|sau)",
)
FILLER_WORDS: frozenset[str] = frozenset(
    "truoc ngay cham nhat muon thoi han hoan thanh trong den toi het cuoi tu va hoac "
    "giai doan thuc hien trien khai tiep tuc theo ke hoach lo trinh du kien".split()
)

_Y4 = r"(?:19|20)\d{2}"
_Y = rf"(?:{_Y4}|\d{{2}})"  # after a slash or dot only
_END = r"(?![\d/.\-]?\d)"
_QUARTER_NUMBER = "|".join(sorted(QUARTERS, key=len, reverse=True)) + r"|\d"
# Each group name is written once (the standard ``re`` has no repeated names); a value that
# two alternatives can give (a date's year after a slash, or after "năm") is read by
# :func:`_first` from whichever took part.
_PATTERNS: dict[str, str] = {
    "date": rf"(?<![\d/.\-])(?P<dd>\d{{1,2}})\s*(?P<sep>[/.\-])\s*(?P<dm>\d{{1,2}})"
    rf"(?:\s*(?P=sep)\s*(?P<dy>{_Y})|\s+nam\s+(?P<dy_word>{_Y4}))?{_END}",
    "date_words": rf"(?<!\d)(?P<wd>\d{{1,2}})\s+thang\s+(?P<wm>\d{{1,2}})"
    rf"(?:\s*,?\s*nam\s+(?P<wy>{_Y4}))?{_END}",
    "month": rf"thang\s+(?P<mm>\d{{1,2}})(?:\s*/\s*(?P<my>{_Y})|\s*-\s*(?P<my_dash>{_Y4})"
    rf"|\s*,?\s*(?:nam\s+)?(?P<my_word>{_Y4}))?{_END}",
    "month_bare": rf"(?<![\d/.\-])(?P<bm>\d{{1,2}})\s*/\s*(?P<by>{_Y4}){_END}",
    "quarter": rf"(?:{'|'.join(QUARTER_WORDS)})\s*(?P<q>{_QUARTER_NUMBER})(?![a-z0-9])"
    rf"(?:\s*[/\-]\s*(?P<qy>{_Y})|\s*,?\s*(?:nam\s+)?(?P<qy_word>{_Y4}))?{_END}",
    "half": rf"(?:0?6\s+thang|nua)\s+(?P<h>{'|'.join(HALVES)})\s+nam(?:\s+(?P<hy>{_Y4}))?{_END}",
    "year_range": rf"(?<![\d/.\-])(?:nam\s+)?(?P<r1>{_Y4})\s*(?:-|–|den(?:\s+het)?|toi)\s*"
    rf"(?:nam\s+)?(?P<r2>{_Y4}){_END}",
    "year": rf"(?<![\d/.\-])(?:nam\s+)?(?P<y>{_Y4}){_END}",
    "year_word": r"(?:(?:trong|cuoi|het)\s+nam(?:\s+nay)?|nam\s+nay)(?!\s*[\d\-–])",
    "recurring": "|".join(RECURRING_PHRASES),
}
_EXPRESSION = re.compile(
    "|".join(rf"(?<![a-z0-9])(?P<{name}>{p})(?![a-z])" for name, p in _PATTERNS.items())
)
_LEFTOVER = re.compile(r"[a-z]+|\d")


@dataclass(frozen=True)
class DeadlineParse:
    """A deadline cell read: its kind and due date, with the flags the audit reports."""

    kind: DeadlineKind | None  # None only for blank input
    due_date: datetime.date | None
    year_inferred: bool = False  # the year came from default_year
    invalid: bool = False  # an impossible date like 31/6/2023


@dataclass(frozen=True)
class _Period:
    """One period expression: its kind, its written year, and its last day for a given year."""

    kind: DeadlineKind
    year: int | None
    last_day: Callable[[int], datetime.date | None]


BLANK = DeadlineParse(kind=None, due_date=None)
UNPARSED = DeadlineParse(kind=DeadlineKind.UNPARSED, due_date=None)


def parse_deadline(text: str | None, default_year: int | None = None) -> DeadlineParse:
    """Kind and due date (the last day that satisfies the deadline) of a deadline cell.

    Example: ``parse_deadline("Quý I/2023")`` → quarter, ``date(2023, 3, 31)``.
    """
    folded = fold(text or "")
    if not folded:
        return BLANK
    matches = list(_EXPRESSION.finditer(folded))
    if not matches or not _only_filler_left(folded, matches):
        return UNPARSED
    periods = [_period(m) for m in matches if m["recurring"] is None]
    recurring = len(periods) < len(matches)
    if not periods:
        return DeadlineParse(kind=DeadlineKind.RECURRING, due_date=None)
    return _resolve(periods[-1], default_year, recurring=recurring)


def last_day_of_month(year: int, month: int) -> datetime.date | None:
    """The month's last day, or ``None`` for a month that does not exist.

    Example: ``last_day_of_month(2024, 2)`` → ``date(2024, 2, 29)``.
    """
    if not 1 <= month <= 12:
        return None
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def _only_filler_left(folded: str, matches: list[re.Match[str]]) -> bool:
    """Whether the text outside the period expressions is only filler words and punctuation."""
    gaps, start = [], 0
    for match in matches:
        gaps.append(folded[start : match.start()])
        start = match.end()
    gaps.append(folded[start:])
    leftover = _LEFTOVER.findall(" ".join(gaps))
    return all(word in FILLER_WORDS for word in leftover)


def _resolve(period: _Period, default_year: int | None, *, recurring: bool) -> DeadlineParse:
    kind = DeadlineKind.RECURRING if recurring else period.kind
    year = period.year if period.year is not None else default_year
    inferred = period.year is None and default_year is not None
    if year is None:
        possible = period.last_day(2000) is not None  # a leap year allows the most dates
        return DeadlineParse(kind=kind, due_date=None, invalid=not possible)
    due = period.last_day(year)
    return DeadlineParse(kind=kind, due_date=due, year_inferred=inferred, invalid=due is None)


def _period(match: re.Match[str]) -> _Period:
    name = next(name for name in _BUILDERS if match[name] is not None)
    return _BUILDERS[name](match)


def _year(text: str | None) -> int | None:
    if text is None:
        return None
    return 2000 + int(text) if len(text) == 2 else int(text)


def _first(match: re.Match[str], *names: str) -> str | None:
    """The first of the groups ``names`` that took part in the match."""
    return next((match[name] for name in names if match[name] is not None), None)


def _date(match: re.Match[str]) -> _Period:
    day, month = int(_first(match, "dd", "wd") or 0), int(_first(match, "dm", "wm") or 0)

    def last_day(year: int) -> datetime.date | None:
        try:
            return datetime.date(year, month, day)
        except ValueError:
            return None

    return _Period(DeadlineKind.DATE, _year(_first(match, "dy", "dy_word", "wy")), last_day)


def _month(match: re.Match[str]) -> _Period:
    month = int(_first(match, "mm", "bm") or 0)
    year = _year(_first(match, "my", "my_dash", "my_word", "by"))
    return _Period(DeadlineKind.MONTH, year, lambda y: last_day_of_month(y, month))


def _quarter(match: re.Match[str]) -> _Period:
    written = match["q"]
    quarter = QUARTERS[written] if written in QUARTERS else int(written)
    month = 3 * quarter if 1 <= quarter <= 4 else 0
    year = _year(_first(match, "qy", "qy_word"))
    return _Period(DeadlineKind.QUARTER, year, lambda y: last_day_of_month(y, month))


def _half(match: re.Match[str]) -> _Period:
    month = HALVES[match["h"]]
    year = _year(match["hy"])
    return _Period(DeadlineKind.HALF_YEAR, year, lambda y: last_day_of_month(y, month))


def _year_range(match: re.Match[str]) -> _Period:
    first, last = int(match["r1"]), int(match["r2"])

    def last_day(year: int) -> datetime.date | None:
        return datetime.date(year, 12, 31) if first <= last else None

    return _Period(DeadlineKind.YEAR_RANGE, last, last_day)


def _year_period(match: re.Match[str]) -> _Period:
    return _Period(DeadlineKind.YEAR, _year(match["y"]), lambda y: datetime.date(y, 12, 31))


_BUILDERS: dict[str, Callable[[re.Match[str]], _Period]] = {
    "date": _date,
    "date_words": _date,
    "month": _month,
    "month_bare": _month,
    "quarter": _quarter,
    "half": _half,
    "year_range": _year_range,
    "year": _year_period,
    "year_word": _year_period,
}
