"""The appendix title and its ``(… kèm theo Báo cáo số … của …)`` caption; the assessed year.

The title names the assessed year (``… năm 2022``), which is not the report's year.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from cchc.normalize.metadata.parts import (
    Side,
    find_date,
    find_symbol,
    fold_same_length,
)
from cchc.text.vietnamese import clean_line, fold

#: A ``(… kèm theo …)`` caption that never closes its parenthesis stops after this many lines.
CAPTION_MAX_LINES = 3


#: Folded starts of the caption line under the appendix title.
CAPTION_STARTS: tuple[str, ...] = ("ban hanh kem theo", "kem theo")
#: Leader titles before the agency in a caption (``của Giám đốc Sở Tư pháp``).
LEADER_TITLES: tuple[str, ...] = (
    "pho giam doc", "giam doc", "chu tich", "chanh thanh tra", "chanh van phong", "truong ban",
)
#: Assessed-year patterns on the folded title, first match wins: an assessment or
#: shortcoming word, then ``năm YYYY`` in the same clause; or ``PAR INDEX 2022``.
ASSESSED_YEAR_RULES: tuple[re.Pattern[str], ...] = (
    re.compile(
        r"(?:chi so|par\s*index|tham dinh|danh gia|xac dinh|han che|ton tai|tru diem)"
        r"[^()]*?\bnam\s+((?:19|20)\d{2})\b"
    ),
    re.compile(r"(?:chi so cchc|chi so cai cach hanh chinh|par\s*index)\s*((?:19|20)\d{2})\b"),
)


_CAPTION_AGENCY = re.compile(r".*\bcủa\s+(?P<agency>[^()]+?)[\s.]*\)?[\s.]*$", re.IGNORECASE)
_APPENDIX_NUMBER = r"\s+(?:so\s*)?[0-9ivxlc]+(?!\w)"
_APPENDIX_LABEL = re.compile(
    rf"^(?:phu luc(?:{_APPENDIX_NUMBER})?|(?:bieu|bang)(?:{_APPENDIX_NUMBER}))\s*[:.\-–]?\s*"
)


# --- appendix caption ---------------------------------------------------------------


def split_caption(caption_lines: Sequence[str]) -> tuple[str | None, str | None]:
    """The appendix title and the ``(… kèm theo …)`` caption, each cleaned and joined.

    Example: ``["PHỤ LỤC", "**Kết quả …", "… năm 2022**", "(Ban hành kèm theo …)"]`` →
    ``("Kết quả … … năm 2022", "(Ban hành kèm theo …)")``.
    """
    title: list[str] = []
    caption: list[str] = []
    for line in filter(None, map(clean_line, caption_lines)):
        if caption:
            if caption[-1].endswith(")") or len(caption) >= CAPTION_MAX_LINES:
                break
            caption.append(line)
        elif _is_caption_start(line):
            caption.append(line)
        elif line.startswith("("):
            continue  # a note under the title, e.g. "(Số liệu tính đến ngày 15/6/2023)"
        else:
            rest = strip_phu_luc(line) if not title else line
            if rest:
                title.append(rest)
    return (" ".join(title) or None), (" ".join(caption) or None)


def _is_caption_start(line: str) -> bool:
    """Example: ``"(Kèm theo Báo cáo số 15/BC-SYT …"`` → ``True``."""
    return fold(line).lstrip("( ").startswith(CAPTION_STARTS)


def strip_phu_luc(line: str) -> str:
    """The line without a leading appendix label (``PHỤ LỤC``, ``Biểu số 01``, ``Bảng 2``).

    Example: ``"PHỤ LỤC II: KẾT QUẢ KHẮC PHỤC"`` → ``"KẾT QUẢ KHẮC PHỤC"``; ``"Phụ lục"`` → ``""``;
    ``"Bảng tổng hợp kết quả"`` stays (a title, not a label).
    """
    match = _APPENDIX_LABEL.match(fold_same_length(line))
    return line[match.end() :].strip() if match else line


def parse_caption(caption: str | None) -> Side:
    """Agency, symbol, number and date from the ``(… kèm theo …)`` caption.

    Example: ``"(Kèm theo Báo cáo số 15/BC-SYT ngày 20/6/2023 của Sở Y tế)"`` →
    ``Side("Sở Y tế", "BC-SYT", 15, DateParts(20, 6, 2023))``.
    """
    if not caption:
        return Side()
    number, symbol = find_symbol([caption])
    agency = _CAPTION_AGENCY.match(caption)
    return Side(
        agency=_strip_leader_title(agency["agency"]) if agency else None,
        symbol=symbol,
        number=number,
        date=find_date([caption]),
    )


def _strip_leader_title(agency: str) -> str | None:
    """Example: ``"Giám đốc Sở Tư pháp"`` → ``"Sở Tư pháp"``."""
    folded = fold_same_length(agency)
    for title in LEADER_TITLES:
        if folded.startswith(title + " "):
            agency = agency[len(title) + 1 :]
            break
    return clean_line(agency) or None


def assessed_year(title: str | None) -> int | None:
    """The assessment year named in the appendix title.

    Example: ``"… đánh giá cải cách hành chính của tỉnh năm 2022"`` → ``2022``;
    ``"Kết quả khắc phục hạn chế Chỉ số CCHC 2022 (quý I/2023)"`` → ``2022``.
    """
    if not title:
        return None
    folded = fold(title)
    for rule in ASSESSED_YEAR_RULES:
        match = rule.search(folded)
        if match:
            return int(match[1])
    return None
