"""Report metadata from the document head and the appendix caption, with its audit.

A report says who issued it, its number, symbol and date twice: in the header block of
Nghị định 30/2020 (``SỞ TƯ PHÁP`` / ``Số: 15/BC-STP`` / ``Hà Tĩnh, ngày 15 tháng 6 năm
2023``) and in the appendix caption (``(Kèm theo Báo cáo số 15/BC-STP ngày 15/6/2023 của
Sở Tư pháp)``).  The header wins; the caption fills what the header lacks (a bare
appendix export has no header at all); a disagreement between them is audited, not
silently resolved.  The appendix title gives the assessed year (``… năm 2022``), which is
not the report's year.

Decisions (the record format leaves them open):

* parts are merged one by one: header value, else caption value; a part blank on one
  side is not a disagreement (Nghị định 30 lets the caption stay blank on e-documents);
* an impossible date (``ngày 31 tháng 6``) gives ``date`` null, keeps a valid month and
  year, and is audited as ``report_date_blank`` with a message that says it is invalid
  (the contract has no ``report_date_invalid`` code);
* the agency code comes from the agency's name; only when no name is written anywhere
  is the unit taken from the symbol (``BC-STP``) — a written name that the registry does
  not know (another province's ``Sở Ngoại vụ``) is never replaced by a symbol guess —
  and either way ``report_agency_unknown`` is raised;
* only the header block is read in ``head_lines``: the lines before the title
  (``BÁO CÁO``), at most :data:`HEADER_MAX_LINES`; body text cites other documents'
  numbers and dates.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace

import regex

from cchc.normalize.audit import entry
from cchc.normalize.casing import agency_display_name
from cchc.normalize.record import AuditEntry, ReportMeta
from cchc.normalize.units import Unit, UnitRegistry, default_registry, name_key
from cchc.text.vietnamese import clean_line, fold

HEADER_MAX_LINES = 20
#: A ``(… kèm theo …)`` caption that never closes its parenthesis stops after this many lines.
CAPTION_MAX_LINES = 3

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
#: Folded starts of the caption line under the appendix title.
CAPTION_STARTS: tuple[str, ...] = ("ban hanh kem theo", "kem theo")
#: Leader titles before the agency in a caption (``của Giám đốc Sở Tư pháp``).
LEADER_TITLES: tuple[str, ...] = (
    "pho giam doc", "giam doc", "chu tich", "chanh thanh tra", "chanh van phong", "truong ban",
)
#: Assessed-year patterns on the folded title, first match wins: an assessment or
#: shortcoming word, then ``năm YYYY`` in the same clause; or ``PAR INDEX 2022``.
ASSESSED_YEAR_RULES: tuple[regex.Pattern[str], ...] = (
    regex.compile(
        r"(?:chi so|par\s*index|tham dinh|danh gia|xac dinh|han che|ton tai|tru diem)"
        r"[^()]*?\bnam\s+((?:19|20)\d{2})\b"
    ),
    regex.compile(r"(?:chi so cchc|chi so cai cach hanh chinh|par\s*index)\s*((?:19|20)\d{2})\b"),
)

_BLANK = r"[\s.…_]*"
_SYMBOL = regex.compile(
    rf"\bsố\s*:?\s*(?P<num>\d+)?{_BLANK}/\s*"
    r"(?P<sym>[A-Za-zĐđ&]+(?!\w)(?:\s*[-–]\s*[A-Za-zĐđ&.]+(?!\w))*)",
    regex.IGNORECASE,
)
_DATE_PATTERNS: tuple[regex.Pattern[str], ...] = (
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
_PLACE_BEFORE_DATE = regex.compile(r"(?:(?:TP|TX)\.?\s*)?(?:\p{Lu}\p{Ll}+\s*)+,\s*$")
_DASH = regex.compile(r"\s*[-–]\s*")
_TINH_TAIL = regex.compile(r"(?:^| )tinh(?: .*)?$")
_LOWER = regex.compile(r"\p{Ll}")
_LETTER = regex.compile(r"\p{L}")
_CAPTION_AGENCY = regex.compile(r".*\bcủa\s+(?P<agency>[^()]+?)[\s.]*\)?[\s.]*$", regex.IGNORECASE)
_APPENDIX_NUMBER = r"\s+(?:so\s*)?[0-9ivxlc]+(?!\w)"
_APPENDIX_LABEL = regex.compile(
    rf"^(?:phu luc(?:{_APPENDIX_NUMBER})?|(?:bieu|bang)(?:{_APPENDIX_NUMBER}))\s*[:.\-–]?\s*"
)
_MIN_YEAR, _MAX_YEAR = 1990, 2100


@dataclass(frozen=True)
class MetadataResult:
    """The report fields and their report-level audit entries (``seq`` is ``None``)."""

    meta: ReportMeta
    audit: tuple[AuditEntry, ...]


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


def parse_report_meta(
    head_lines: Sequence[str],
    caption_lines: Sequence[str],
    *,
    registry: UnitRegistry | None = None,
) -> MetadataResult:
    """Report fields from the head of the document and the appendix caption.

    ``registry=None`` uses the packaged Hà Tĩnh registry.
    Example: caption ``(Ban hành kèm theo Báo cáo số /BC-STP ngày /3/2023 của Sở Tư pháp)``
    → agency ``Sở Tư pháp``, code ``STP``, number ``None``, month 3, year 2023, with audit
    ``report_number_blank`` and ``report_date_blank``.
    """
    units = registry if registry is not None else default_registry()
    header = parse_header(head_lines, units)
    title, caption_text = split_caption(caption_lines)
    caption = parse_caption(caption_text)
    meta, unit_by_symbol = _merge(header, caption, title, units)
    audit = [
        *_number_audit(meta),
        *_date_audit(header, caption, meta),
        *_agency_audit(meta, unit_by_symbol),
        *_mismatch_audit(header, caption, units),
        *_assessed_year_audit(meta),
    ]
    return MetadataResult(meta=meta, audit=tuple(audit))


# --- header block -------------------------------------------------------------------


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


def find_symbol(lines: Sequence[str]) -> tuple[int | None, str | None]:
    """Number and symbol of the first ``Số: …/…`` in ``lines``.

    Example: ``["Số:    /BC - STP Hà Tĩnh, ngày …"]`` → ``(None, "BC-STP")``.
    """
    for line in lines:
        match = _SYMBOL.search(line)
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
        for pattern in _DATE_PATTERNS:
            match = pattern.search(line)
            if not match or not (match["m"] or match["y"]):
                continue
            if not placed or _PLACE_BEFORE_DATE.search(line[: match.start()]):
                return date_parts(match["d"], match["m"], match["y"])
    return None


def date_parts(day: str | None, month: str | None, year: str | None) -> DateParts:
    """Checked parts; an impossible date keeps its valid month and year.

    Example: ``("31", "6", "2023")`` → ``DateParts(None, 6, 2023, invalid="31/6/2023")``.
    """
    d, m, y = (int(p) if p else None for p in (day, month, year))
    y = y if y is not None and _MIN_YEAR <= y <= _MAX_YEAR else None
    m = m if m is not None and 1 <= m <= 12 else None
    if d is not None and not _valid_day(d, m, y):
        shown = "/".join(p or "…" for p in (day, month, year))
        return DateParts(None, m, y, invalid=shown)
    return DateParts(d, m, y)


def _valid_day(day: int, month: int | None, year: int | None) -> bool:
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
    symbol = _SYMBOL.search(text)
    if symbol:
        text = text[: symbol.start()] + " " + text[symbol.end() :]
    for pattern in _DATE_PATTERNS:
        date = pattern.search(text)
        if date:
            before = _PLACE_BEFORE_DATE.sub("", text[: date.start()])
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


def fold_same_length(text: str) -> str:
    """:func:`fold` character by character, so spans in the result index into ``text``.

    Example: ``"Độc lập"`` → ``"doc lap"``.
    """
    chars = []
    for ch in text:
        folded = " " if ch.isspace() else fold(ch)
        chars.append(folded if len(folded) == 1 else (ch.lower() + " ")[0])
    return "".join(chars)


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


# --- merge and audit ----------------------------------------------------------------


def _merge(
    header: Side, caption: Side, title: str | None, registry: UnitRegistry
) -> tuple[ReportMeta, Unit | None]:
    """The record's fields; also the unit when it was only inferred from the symbol."""
    symbol = header.symbol or caption.symbol
    date = _merge_dates(header.date, caption.date)
    unit = _find_unit(registry, header.agency, caption.agency)
    by_symbol = None
    if unit is None and not (header.agency or caption.agency) and symbol:
        unit = by_symbol = registry.find_by_symbol(symbol)
    raw_agency = header.agency or caption.agency
    agency = unit.name if unit else None
    if agency is None and raw_agency:
        agency = agency_display_name(raw_agency, registry)
    meta = ReportMeta(
        agency=agency,
        agency_code=unit.code if unit else None,
        symbol=symbol,
        number=header.number if header.number is not None else caption.number,
        date=date.iso(),
        month=date.month,
        year=date.year,
        assessed_year=assessed_year(title),
        title=title,
    )
    return meta, by_symbol


def _find_unit(registry: UnitRegistry, *names: str | None) -> Unit | None:
    for name in names:
        unit = registry.find(name) if name else None
        if unit is not None:
            return unit
    return None


def _merge_dates(header: DateParts | None, caption: DateParts | None) -> DateParts:
    """Part by part: the header's, else the caption's.  An invalid header date stays invalid."""
    if header is None or caption is None:
        return header or caption or DateParts()
    if header.invalid:
        return header
    merged = DateParts(
        day=header.day if header.day is not None else caption.day,
        month=header.month if header.month is not None else caption.month,
        year=header.year if header.year is not None else caption.year,
    )
    if merged.day is not None and not _valid_day(merged.day, merged.month, merged.year):
        return replace(merged, day=None, invalid=merged.shown())
    return merged


def _entry(code: str, field: str, message: str) -> AuditEntry:
    """A report-level entry; severity comes from the one audit catalogue."""
    return entry(code, None, field=field, text=message)


def _number_audit(meta: ReportMeta) -> list[AuditEntry]:
    if meta.number is not None:
        return []
    if meta.symbol:
        message = f"Báo cáo chưa ghi số (Số: /{meta.symbol})"
    else:
        message = "Không tìm thấy số, ký hiệu của báo cáo"
    return [_entry("report_number_blank", "report.number", message)]


def _date_audit(header: Side, caption: Side, meta: ReportMeta) -> list[AuditEntry]:
    if meta.date is not None:
        return []
    invalid = next((s.date.invalid for s in (header, caption) if s.date and s.date.invalid), None)
    if invalid:
        message = f"Ngày ban hành báo cáo không hợp lệ ({invalid})"
    elif meta.month is not None or meta.year is not None:
        month = meta.month if meta.month is not None else "…"
        year = meta.year if meta.year is not None else "…"
        message = f"Báo cáo chưa ghi ngày ban hành (ngày … tháng {month} năm {year})"
    else:
        message = "Không tìm thấy ngày, tháng, năm ban hành báo cáo"
    return [_entry("report_date_blank", "report.date", message)]


def _agency_audit(meta: ReportMeta, by_symbol: Unit | None) -> list[AuditEntry]:
    if by_symbol is not None:
        message = (
            f"Không tìm thấy tên cơ quan ban hành; xác định theo ký hiệu {meta.symbol}: "
            f"{by_symbol.name}"
        )
    elif meta.agency is None:
        message = "Không tìm thấy tên cơ quan ban hành báo cáo"
    elif meta.agency_code is None:
        message = f"Cơ quan ban hành «{meta.agency}» không có trong danh mục đơn vị"
    else:
        return []
    return [_entry("report_agency_unknown", "report.agency", message)]


def _mismatch_audit(header: Side, caption: Side, registry: UnitRegistry) -> list[AuditEntry]:
    """One entry per field on which the header block and the caption disagree."""
    entries: list[AuditEntry] = []
    if header.symbol and caption.symbol and _symbol_key(header.symbol) != _symbol_key(
        caption.symbol
    ):
        entries.append(_mismatch("report.symbol", "Ký hiệu", header.symbol, caption.symbol))
    if header.number is not None and caption.number is not None and header.number != caption.number:
        entries.append(_mismatch("report.number", "Số", str(header.number), str(caption.number)))
    if header.date and caption.date and _dates_differ(header.date, caption.date):
        entries.append(
            _mismatch("report.date", "Ngày", header.date.shown(), caption.date.shown())
        )
    if header.agency and caption.agency and _agencies_differ(
        header.agency, caption.agency, registry
    ):
        shown = agency_display_name(header.agency, registry)
        entries.append(_mismatch("report.agency", "Cơ quan ban hành", shown, caption.agency))
    return entries


def _mismatch(field: str, label: str, in_header: str, in_caption: str) -> AuditEntry:
    message = f"{label} ở đầu báo cáo ({in_header}) khác với phụ lục ({in_caption})"
    return _entry("report_metadata_mismatch", field, message)


def _symbol_key(symbol: str) -> str:
    return fold(symbol).replace(" ", "")


def _dates_differ(header: DateParts, caption: DateParts) -> bool:
    """Only parts written on both sides count.  Example: 15/6/2023 vs …/6/2023 → ``False``."""
    pairs = ((header.day, caption.day), (header.month, caption.month), (header.year, caption.year))
    return any(a is not None and b is not None and a != b for a, b in pairs)


def _agencies_differ(header: str, caption: str, registry: UnitRegistry) -> bool:
    """Same unit when the registry knows both; else folded names, any ``tỉnh …`` tail ignored.

    Example: ``"SỞ NGOẠI VỤ TỈNH QUẢNG TRỊ"`` vs ``"Sở Ngoại vụ"`` → ``False``.
    """
    units = (registry.find(header), registry.find(caption))
    if units[0] is not None and units[1] is not None:
        return units[0].code != units[1].code
    keys: list[str] = [_TINH_TAIL.sub("", name_key(name)) for name in (header, caption)]
    return keys[0] != keys[1]


def _assessed_year_audit(meta: ReportMeta) -> list[AuditEntry]:
    if meta.assessed_year is not None:
        return []
    if meta.title:
        message = "Tên phụ lục không ghi năm đánh giá (ví dụ: Chỉ số CCHC năm 2022)"
    else:
        message = "Không tìm thấy tên phụ lục nên không xác định được năm đánh giá"
    return [_entry("assessed_year_missing", "report.assessed_year", message)]
