"""Report metadata: the header block and the caption merged, with their audit entries.

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

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from cchc.normalize.audit import entry
from cchc.normalize.casing import agency_display_name
from cchc.normalize.metadata.caption import assessed_year, parse_caption, split_caption
from cchc.normalize.metadata.header import parse_header
from cchc.normalize.metadata.parts import (
    DateParts,
    Side,
    valid_day,
)
from cchc.normalize.units import Unit, UnitRegistry, default_registry, name_key
from cchc.record import AuditEntry, ReportMeta
from cchc.text.vietnamese import fold

_TINH_TAIL = re.compile(r"(?:^| )tinh(?: .*)?$")


@dataclass(frozen=True)
class MetadataResult:
    """The report fields and their report-level audit entries (``seq`` is ``None``)."""

    meta: ReportMeta
    audit: tuple[AuditEntry, ...]


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
    if merged.day is not None and not valid_day(merged.day, merged.month, merged.year):
        return replace(merged, day=None, invalid=merged.shown())
    return merged


def _entry(code: str, message: str, field: str | None = None) -> AuditEntry:
    """A report-level entry; severity and field come from the one audit catalogue (``field``
    only where one code covers several fields)."""
    return entry(code, None, field=field, text=message)


def _number_audit(meta: ReportMeta) -> list[AuditEntry]:
    if meta.number is not None:
        return []
    if meta.symbol:
        message = f"Báo cáo chưa ghi số (Số: /{meta.symbol})"
    else:
        message = "Không tìm thấy số, ký hiệu của báo cáo"
    return [_entry("report_number_blank", message)]


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
    return [_entry("report_date_blank", message)]


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
    return [_entry("report_agency_unknown", message)]


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
    return _entry("report_metadata_mismatch", message, field)


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
    return [_entry("assessed_year_missing", message)]
