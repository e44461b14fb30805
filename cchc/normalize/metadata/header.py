"""The letterhead block of Nghị định 30/2020: issuer, ``Số: …/…`` and ``…, ngày … tháng … năm …``.

Only the lines before the document title (``BÁO CÁO``) are read, at most
:data:`HEADER_MAX_LINES`: body text cites other documents' numbers and dates.
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

from cchc.normalize.metadata.parts import (
    DATE_PATTERNS,
    PLACE_BEFORE_DATE,
    SYMBOL,
    Side,
    find_date,
    find_symbol,
    fold_same_length,
)
from cchc.normalize.units import UnitRegistry
from cchc.text.vietnamese import clean_line, fold

HEADER_MAX_LINES = 20


#: Document titles that end the header block (exact capitals, as Nghị định 30 prints them).
DOCUMENT_TITLES: tuple[str, ...] = (
    "BÁO CÁO", "KẾ HOẠCH", "TỜ TRÌNH", "THÔNG BÁO", "CHƯƠNG TRÌNH", "QUYẾT ĐỊNH", "CÔNG VĂN",
)
#: Folded starts of lines that come after the header block (body openers, the appendix).
HEADER_END_STARTS: tuple[str, ...] = ("kinh gui", "can cu", "thuc hien", "phu luc")
#: Folded patterns of header text that is never the issuer (the national motto, rules).
HEADER_NOISE: tuple[str, ...] = (
    r"cong\s*hoa\s*xa\s*hoi\s*chu\s*nghia\s*viet\s*nam",
    r"doc\s*lap\s*[-–—]*\s*tu\s*do\s*[-–—]*\s*hanh\s*phuc",
)
#: Folded starts of the line naming the superior body (chủ quản) above the issuer.
OWNER_STARTS: tuple[str, ...] = ("ubnd tinh", "uy ban nhan dan tinh")
#: Folded starts of an issuer line.
ISSUER_STARTS: tuple[str, ...] = (
    "so ", "ban ", "thanh tra", "van phong",
    "ubnd huyen", "ubnd thi xa", "ubnd thanh pho", "ubnd tx", "ubnd tp",
    "uy ban nhan dan huyen", "uy ban nhan dan thi xa", "uy ban nhan dan thanh pho",
)
#: A bare committee line that the next line completes (``ỦY BAN NHÂN DÂN`` / ``HUYỆN …``).
COMMITTEE_LINES: tuple[str, ...] = ("ubnd", "uy ban nhan dan")
PLACE_STARTS: tuple[str, ...] = ("tinh ", "huyen ", "thi xa ", "thanh pho ", "tp", "tx ")
#: Urgency and secrecy stamps printed in capitals near the header (never a name part).
STAMPS: tuple[str, ...] = (
    "khan", "thuong khan", "hoa toc", "mat", "toi mat", "tuyet mat", "du thao",
)


_LOWER = regex.compile(r"\p{Ll}")
_LETTER = regex.compile(r"\p{L}")


def parse_header(head_lines: Sequence[str], registry: UnitRegistry) -> Side:
    """Issuer, symbol, number and date from the header block.

    Example: ``["UBND TỈNH HÀ TĨNH", "SỞ TƯ PHÁP", "Số: 15/BC-STP", …]`` →
    ``Side(agency="SỞ TƯ PHÁP", symbol="BC-STP", number=15, …)``.
    """
    lines = header_block(head_lines)
    number, symbol = find_symbol(lines)
    return Side(
        agency=find_issuer(lines, registry),
        symbol=symbol,
        number=number,
        date=find_date(lines, placed=True) or find_date(lines),
    )


def header_block(head_lines: Sequence[str]) -> list[str]:
    """Cleaned non-blank lines before the document title (or a body opener such as
    ``Kính gửi:``), at most ``HEADER_MAX_LINES``."""
    block: list[str] = []
    for raw in head_lines:
        line = clean_line(raw)
        if not line:
            continue
        if _ends_header(line) or len(block) >= HEADER_MAX_LINES:
            break
        block.append(line)
    return block


def _ends_header(line: str) -> bool:
    """Example: ``"BÁO CÁO"`` → ``True``; ``"Kính gửi: Sở Nội vụ"`` → ``True``."""
    return _is_document_title(line) or fold(line).startswith(HEADER_END_STARTS)


def _is_document_title(line: str) -> bool:
    """Example: ``"BÁO CÁO"`` → ``True``; ``"Báo cáo số 15"`` → ``False``."""
    return any(
        line.startswith(title) and not _LETTER.match(line[len(title) : len(title) + 1])
        for title in DOCUMENT_TITLES
    )


def find_issuer(lines: Sequence[str], registry: UnitRegistry) -> str | None:
    """The issuer line (with its continuation line), as written.

    Tried in order: a line that starts like an issuer (``SỞ``, ``BAN``, ``UBND HUYỆN`` …);
    the line after the chủ quản ``UBND TỈNH HÀ TĨNH``; the chủ quản line itself (the
    province's committee issued the report).
    Example: ``["UBND TỈNH HÀ TĨNH", "SỞ TƯ PHÁP", "Số: 15/BC-STP"]`` → ``"SỞ TƯ PHÁP"``.
    """
    candidates = _join_committee_lines([c for c in map(name_candidate, lines) if c])
    keys = [fold(c) for c in candidates]
    start = next((i for i, k in enumerate(keys) if k.startswith(ISSUER_STARTS)), None)
    owner = next((i for i, k in enumerate(keys) if k.startswith(OWNER_STARTS)), None)
    if start is None and owner is not None:
        after = owner + 1
        start = after if after < len(candidates) and _is_caps_name(candidates[after]) else owner
    if start is None:
        return None
    return _with_continuation(candidates, start, registry)


def name_candidate(line: str) -> str:
    """The line without the motto, the ``Số: …`` part and the place-and-date part.

    Example: ``"SỞ TƯ PHÁP Độc lập - Tự do - Hạnh phúc"`` → ``"SỞ TƯ PHÁP"``;
    ``"Số: /BC-STP Hà Tĩnh, ngày tháng 3 năm 2023"`` → ``""``.
    """
    text = _remove_folded(line, HEADER_NOISE)
    symbol = SYMBOL.search(text)
    if symbol:
        text = text[: symbol.start()] + " " + text[symbol.end() :]
    for pattern in DATE_PATTERNS:
        date = pattern.search(text)
        if date:
            before = PLACE_BEFORE_DATE.sub("", text[: date.start()])
            text = before + " " + text[date.end() :]
    text = clean_line(text).strip(" -–—_*")
    return text if _LETTER.search(text) else ""


def _remove_folded(line: str, patterns: Sequence[str]) -> str:
    """Cut the spans that match ``patterns`` on the folded text out of the original.

    Example: ``("UBND TỈNH HÀ TĨNH CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", HEADER_NOISE)`` →
    ``"UBND TỈNH HÀ TĨNH"``.
    """
    folded = fold_same_length(line)
    spans = [m.span() for p in patterns for m in regex.finditer(p, folded)]
    for start, end in sorted(spans, reverse=True):
        line = line[:start] + " " + line[end:]
    return clean_line(line)


def _join_committee_lines(candidates: list[str]) -> list[str]:
    """``ỦY BAN NHÂN DÂN`` + ``HUYỆN CẨM XUYÊN`` → one line (a 2-line district header)."""
    joined: list[str] = []
    index = 0
    while index < len(candidates):
        line = candidates[index]
        following = candidates[index + 1] if index + 1 < len(candidates) else ""
        if fold(line) in COMMITTEE_LINES and fold(following).startswith(PLACE_STARTS):
            joined.append(f"{line} {following}")
            index += 2
            continue
        joined.append(line)
        index += 1
    return joined


def _with_continuation(candidates: list[str], start: int, registry: UnitRegistry) -> str:
    """The issuer line, joined with the next line when that continues the name.

    Example: ``["SỞ NÔNG NGHIỆP VÀ PHÁT TRIỂN", "NÔNG THÔN"]`` → the joined name.
    """
    line = candidates[start]
    following = candidates[start + 1] if start + 1 < len(candidates) else ""
    if not _continues(line, following):
        return line
    joined = f"{line} {following}"
    if registry.find(line) is not None and registry.find(joined) is None:
        return line
    return joined


def _continues(line: str, following: str) -> bool:
    """A capitals line that is not a stamp, an owner line or another issuer line."""
    key = fold(following)
    return (
        bool(following)
        and _is_caps_name(line)
        and _is_caps_name(following)
        and key not in STAMPS
        and not key.startswith(OWNER_STARTS + ISSUER_STARTS)
    )


def _is_caps_name(text: str) -> bool:
    """Example: ``"SỞ TƯ PHÁP"`` → ``True``; ``"Số: 15"`` → ``False``."""
    return bool(_LETTER.search(text)) and not _LOWER.search(text)
