"""What the header block and the caption both write: a symbol ``Số: 15/BC-STP`` and a date.

Shared by :mod:`.header` and :mod:`.caption`; :class:`Side` is what one place says.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import regex

from cchc.text.vietnamese import fold

_BLANK = r"[\s.…_]*"
SYMBOL = regex.compile(
    rf"\bsố\s*:?\s*(?P<num>\d+)?{_BLANK}/\s*"
    r"(?P<sym>[A-Za-zĐđ&]+(?!\w)(?:\s*[-–]\s*[A-Za-zĐđ&.]+(?!\w))*)",
    regex.IGNORECASE,
)
DATE_PATTERNS: tuple[regex.Pattern[str], ...] = (
    regex.compile(
        rf"\bngày{_BLANK}(?P<d>\d{{1,2}})?{_BLANK}tháng{_BLANK}(?P<m>\d{{1,2}})?{_BLANK}"
        rf"năm{_BLANK}(?P<y>\d{{4}})?",
        regex.IGNORECASE,
    ),
    regex.compile(
        rf"\bngày{_BLANK}(?P<d>\d{{1,2}})?{_BLANK}[/-]{_BLANK}(?P<m>\d{{1,2}})?{_BLANK}[/-]"
        rf"{_BLANK}(?P<y>\d{{4}})",
        regex.IGNORECASE,
    ),
)


PLACE_BEFORE_DATE = regex.compile(r"(?:(?:TP|TX)\.?\s*)?(?:\p{Lu}\p{Ll}+\s*)+,\s*$")
_MIN_YEAR, _MAX_YEAR = 1990, 2100
_DASH = regex.compile(r"\s*[-–]\s*")





@dataclass(frozen=True)
class DateParts:
    """A written date; a blank or impossible part is ``None``.

    Example: ``ngày /3/2023`` → ``DateParts(None, 3, 2023)``.
    """

    day: int | None = None
    month: int | None = None
    year: int | None = None
    invalid: str | None = None  # the text of an impossible date, e.g. "31/6/2023"

    def iso(self) -> str | None:
        """Example: ``DateParts(5, 1, 2024).iso()`` → ``"2024-01-05"``."""
        if self.day is None or self.month is None or self.year is None:
            return None
        return dt.date(self.year, self.month, self.day).isoformat()

    def shown(self) -> str:
        """Example: ``DateParts(None, 3, 2023).shown()`` → ``"…/3/2023"``."""
        return "/".join("…" if p is None else str(p) for p in (self.day, self.month, self.year))


@dataclass(frozen=True)
class Side:
    """What one place (header block or caption) says about the report."""

    agency: str | None = None
    symbol: str | None = None
    number: int | None = None
    date: DateParts | None = None


def find_symbol(lines: Sequence[str]) -> tuple[int | None, str | None]:
    """Number and symbol of the first ``Số: …/…`` in ``lines``.

    Example: ``["Số:    /BC - STP Hà Tĩnh, ngày …"]`` → ``(None, "BC-STP")``.
    """
    for line in lines:
        match = SYMBOL.search(line)
        if match:
            number = int(match["num"]) if match["num"] else None
            return number, normalize_symbol(match["sym"])
    return None, None


def normalize_symbol(symbol: str) -> str:
    """No spaces around dashes, no trailing dot; letters as written (``TTr`` stays).

    Example: ``"BC - STP"`` → ``"BC-STP"``.
    """
    joined: str = _DASH.sub("-", symbol.strip())
    return joined.rstrip(".")


def find_date(lines: Sequence[str], *, placed: bool = False) -> DateParts | None:
    """The first written date (``ngày 15 tháng 6 năm 2023`` or ``ngày 15/6/2023``).

    ``placed`` takes only a date after a place name (``Hà Tĩnh, ngày …``): the header's
    own date, not one cited in a ``V/v …`` subject line.
    Example: ``["Hà Tĩnh, ngày tháng 3 năm 2023"]`` → ``DateParts(None, 3, 2023)``.
    """
    for line in lines:
        for pattern in DATE_PATTERNS:
            match = pattern.search(line)
            if not match or not (match["m"] or match["y"]):
                continue
            if not placed or PLACE_BEFORE_DATE.search(line[: match.start()]):
                return date_parts(match["d"], match["m"], match["y"])
    return None


def date_parts(day: str | None, month: str | None, year: str | None) -> DateParts:
    """Checked parts; an impossible date keeps its valid month and year.

    Example: ``("31", "6", "2023")`` → ``DateParts(None, 6, 2023, invalid="31/6/2023")``.
    """
    d, m, y = (int(p) if p else None for p in (day, month, year))
    y = y if y is not None and _MIN_YEAR <= y <= _MAX_YEAR else None
    m = m if m is not None and 1 <= m <= 12 else None
    if d is not None and not valid_day(d, m, y):
        shown = "/".join(p or "…" for p in (day, month, year))
        return DateParts(None, m, y, invalid=shown)
    return DateParts(d, m, y)


def valid_day(day: int, month: int | None, year: int | None) -> bool:
    """Example: ``(29, 2, 2023)`` → ``False``; ``(31, None, None)`` → ``True``."""
    if day < 1 or day > 31:
        return False
    if month is None:
        return True
    try:
        dt.date(year if year is not None else 2000, month, day)
    except ValueError:
        return False
    return True


def fold_same_length(text: str) -> str:
    """:func:`fold` character by character, so spans in the result index into ``text``.

    Example: ``"Độc lập"`` → ``"doc lap"``.
    """
    chars = []
    for ch in text:
        folded = " " if ch.isspace() else fold(ch)
        chars.append(folded if len(folded) == 1 else (ch.lower() + " ")[0])
    return "".join(chars)
