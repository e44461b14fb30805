"""Report metadata: the seed's caption, Word and PDF header blocks, mismatches, casing."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cchc.normalize.casing import agency_display_name, recase_upper
from cchc.normalize.metadata import parse_report_meta
from cchc.normalize.metadata.caption import assessed_year, split_caption, strip_phu_luc
from cchc.normalize.metadata.parts import DateParts, date_parts, find_date, find_symbol
from cchc.normalize.units import UnitRegistry
from cchc.record import ReportMeta, Severity

SEED = Path(__file__).parents[1] / "samples" / "seed_stp_2023_q1.txt"
SEED_TITLE = (
    "Kết quả khắc phục các tồn tại, hạn chế trong công tác cải cách hành chính, "
    "các tiêu chí bị trừ điểm trong đợt thẩm định, đánh giá cải cách hành chính của tỉnh năm 2022"
)


def seed_caption() -> list[str]:
    """The seed's lines from ``PHỤ LỤC`` down to the table's header row."""
    lines = SEED.read_text(encoding="utf-8").splitlines()
    return lines[: next(i for i, line in enumerate(lines) if line.startswith("TT\t"))]


def codes(result: Any) -> list[str]:
    return [entry.code for entry in result.audit]


SEED_META = ReportMeta(
    agency="Sở Tư pháp", agency_code="STP", symbol="BC-STP", number=None, date=None,
    month=3, year=2023, assessed_year=2022, title=SEED_TITLE,
)  # fmt: skip

# --- the seed -----------------------------------------------------------------------


def test_seed_caption_alone() -> None:
    result = parse_report_meta([], seed_caption())
    assert result.meta == SEED_META
    assert codes(result) == ["report_number_blank", "report_date_blank"]
    number, date = result.audit
    assert number.field == "report.number" and number.message == (
        "Báo cáo chưa ghi số (Số: /BC-STP) (the report number is blank)")
    assert date.field == "report.date" and "tháng 3 năm 2023" in date.message
    assert all(e.seq is None and e.severity is Severity.WARNING for e in result.audit)


SEED_HEADER_WORD = [
    "UBND TỈNH HÀ TĨNH",
    "SỞ TƯ PHÁP",
    "Số:      /BC-STP",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Hà Tĩnh, ngày      tháng 3 năm 2023",
    "BÁO CÁO",
    "Kết quả thực hiện công tác cải cách hành chính quý I năm 2023",
    "Thực hiện Công văn số 123/SNV-CCHC ngày 10/3/2023 của Sở Nội vụ, Sở Tư pháp báo cáo:",
    "Số: 99/KH-UBND ngày 01 tháng 01 năm 2020",  # body text: never read
    "Nơi nhận:",
    "- Sở Nội vụ;",
    "- Lưu: VT, VP.",
    "KT. GIÁM ĐỐC",
    "PHÓ GIÁM ĐỐC",
]
SEED_HEADER_PDF = [
    "UBND TỈNH HÀ TĨNH CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "SỞ TƯ PHÁP Độc lập - Tự do - Hạnh phúc",
    "Số: /BC-STP Hà Tĩnh, ngày tháng 3 năm 2023",
    "BÁO CÁO",
    "Kết quả thực hiện công tác cải cách hành chính quý I năm 2023",
]
SEED_HEADER_ROWWISE = [  # a 2-column Word table read row by row
    "UBND TỈNH HÀ TĨNH", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "SỞ TƯ PHÁP", "Độc lập - Tự do - Hạnh phúc",
    "――――――――", "――――――――――――――――",
    "Số:    /BC-STP", "Hà Tĩnh, ngày    tháng 3 năm 2023",
    "BÁO CÁO",
]  # fmt: skip


@pytest.mark.parametrize("head", [SEED_HEADER_WORD, SEED_HEADER_PDF, SEED_HEADER_ROWWISE])
def test_seed_with_its_header(head: list[str]) -> None:
    result = parse_report_meta(head, seed_caption())
    assert result.meta == SEED_META
    assert codes(result) == ["report_number_blank", "report_date_blank"]


# --- full headers ---------------------------------------------------------------------

SYT_CAPTION = [
    "PHỤ LỤC",
    "KẾT QUẢ KHẮC PHỤC CÁC TỒN TẠI, HẠN CHẾ, CÁC TIÊU CHÍ BỊ TRỪ ĐIỂM",
    "CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2022",
    "(Kèm theo Báo cáo số 15/BC-SYT ngày 20/6/2023 của Sở Y tế)",
]
SYT_TITLE = (
    "KẾT QUẢ KHẮC PHỤC CÁC TỒN TẠI, HẠN CHẾ, CÁC TIÊU CHÍ BỊ TRỪ ĐIỂM "
    "CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2022"
)
CAMXUYEN_CAPTION = [
    "Phụ lục 01",
    "**Kết quả khắc phục hạn chế, tồn tại qua xác định Chỉ số CCHC năm 2023**",
    "(Kèm theo Báo cáo số 05/BC-UBND ngày 05/01/2024 của UBND huyện Cẩm Xuyên)",
]

CASES: dict[str, tuple[list[str], list[str], dict[str, Any], list[str]]] = {
    "department, Word order": (
        [
            "UBND TỈNH HÀ TĨNH", "SỞ Y TẾ", "Số: 15/BC-SYT",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
            "Hà Tĩnh, ngày 20 tháng 6 năm 2023", "BÁO CÁO", "Tình hình thực hiện …",
        ],
        SYT_CAPTION,
        {"agency": "Sở Y tế", "agency_code": "SYT", "symbol": "BC-SYT", "number": 15,
         "date": "2023-06-20", "month": 6, "year": 2023, "assessed_year": 2022,
         "title": SYT_TITLE},
        [],
    ),
    "department, PDF interleaved": (
        [
            "UBND TỈNH HÀ TĨNH CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "SỞ Y TẾ Độc lập - Tự do - Hạnh phúc",
            "Số: 15/BC-SYT Hà Tĩnh, ngày 20 tháng 6 năm 2023",
            "BÁO CÁO",
        ],
        SYT_CAPTION,
        {"agency": "Sở Y tế", "agency_code": "SYT", "number": 15, "date": "2023-06-20"},
        [],
    ),
    "department split over two lines": (
        [
            "UBND TỈNH HÀ TĨNH", "SỞ LAO ĐỘNG - THƯƠNG BINH", "VÀ XÃ HỘI",
            "Số: 7/BC-SLĐTBXH", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc", "Hà Tĩnh, ngày 05 tháng 01 năm 2023", "BÁO CÁO",
        ],
        ["PHỤ LỤC", "Kết quả khắc phục hạn chế Chỉ số CCHC năm 2022",
         "(Kèm theo Báo cáo số 07/BC-SLĐTBXH ngày 05/01/2023 của Sở Lao động - Thương binh "
         "và Xã hội)"],
        {"agency": "Sở Lao động - Thương binh và Xã hội", "agency_code": "SLDTBXH",
         "symbol": "BC-SLĐTBXH", "number": 7, "date": "2023-01-05"},
        [],
    ),
    "department, PDF interleaved, name continued": (
        [
            "UBND TỈNH HÀ TĨNH CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "SỞ NÔNG NGHIỆP VÀ PHÁT TRIỂN Độc lập - Tự do - Hạnh phúc",
            "NÔNG THÔN",
            "Số: 21/BC-SNN Hà Tĩnh, ngày 30 tháng 3 năm 2023",
            "BÁO CÁO",
        ],
        [],
        {"agency": "Sở Nông nghiệp và Phát triển nông thôn", "agency_code": "SNNPTNT",
         "symbol": "BC-SNN", "number": 21, "date": "2023-03-30", "title": None,
         "assessed_year": None},
        ["assessed_year_missing"],
    ),
    "district, Word order, two-line committee": (
        [
            "ỦY BAN NHÂN DÂN", "HUYỆN CẨM XUYÊN", "Số: 05/BC-UBND",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
            "Cẩm Xuyên, ngày 05 tháng 01 năm 2024", "BÁO CÁO",
        ],
        CAMXUYEN_CAPTION,
        {"agency": "UBND huyện Cẩm Xuyên", "agency_code": "CAMXUYEN", "symbol": "BC-UBND",
         "number": 5, "date": "2024-01-05", "month": 1, "year": 2024, "assessed_year": 2023,
         "title": "Kết quả khắc phục hạn chế, tồn tại qua xác định Chỉ số CCHC năm 2023"},
        [],
    ),
    "district, PDF interleaved": (
        [
            "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "HUYỆN CẨM XUYÊN Độc lập - Tự do - Hạnh phúc",
            "Số: 05/BC-UBND Cẩm Xuyên, ngày 05 tháng 01 năm 2024",
            "BÁO CÁO",
        ],
        CAMXUYEN_CAPTION,
        {"agency": "UBND huyện Cẩm Xuyên", "agency_code": "CAMXUYEN", "number": 5,
         "date": "2024-01-05"},
        [],
    ),
    "town, one line, spaced symbol": (
        [
            "UBND THỊ XÃ HỒNG LĨNH", "Số: 12/BC - UBND", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc", "Hồng Lĩnh, ngày 15/6/2023", "BÁO CÁO",
        ],
        ["PHỤ LỤC", "Kết quả khắc phục PAR INDEX 2022"],
        {"agency": "UBND thị xã Hồng Lĩnh", "agency_code": "TXHONGLINH", "symbol": "BC-UBND",
         "number": 12, "date": "2023-06-15", "assessed_year": 2022},
        [],
    ),
    "provincial office, urgency stamp": (
        [
            "UBND TỈNH HÀ TĨNH", "THANH TRA TỈNH", "KHẨN", "Số: 3/BC-TTr",
            "Hà Tĩnh, ngày 2 tháng 4 năm 2023", "BÁO CÁO",
        ],
        [],
        {"agency": "Thanh tra tỉnh", "agency_code": "TTR", "symbol": "BC-TTr", "number": 3,
         "date": "2023-04-02"},
        ["assessed_year_missing"],
    ),
    "lowercase type code kept": (
        ["UBND TỈNH HÀ TĨNH", "SỞ NỘI VỤ", "Số: 101/TTr-SNV", "Hà Tĩnh, ngày 9 tháng 5 năm 2023"],
        [],
        {"agency": "Sở Nội vụ", "agency_code": "SNV", "symbol": "TTr-SNV", "number": 101},
        ["assessed_year_missing"],
    ),
    "caption over two lines, no header": (
        [],
        ["PHỤ LỤC", "Kết quả khắc phục hạn chế Chỉ số CCHC năm 2022",
         "(Kèm theo Báo cáo số 15/BC-SYT", "ngày 20/6/2023 của Sở Y tế)", "Đơn vị tính: nhiệm vụ"],
        {"agency": "Sở Y tế", "agency_code": "SYT", "symbol": "BC-SYT", "number": 15,
         "date": "2023-06-20", "title": "Kết quả khắc phục hạn chế Chỉ số CCHC năm 2022"},
        [],
    ),
    "caption with leader title and dotted blanks": (
        [],
        ["PHỤ LỤC II: KẾT QUẢ KHẮC PHỤC TỒN TẠI, HẠN CHẾ NĂM 2022",
         "(Kèm theo Báo cáo số ……/BC-SXD ngày …/…/2023 của Giám đốc Sở Xây dựng)"],
        {"agency": "Sở Xây dựng", "agency_code": "SXD", "symbol": "BC-SXD", "number": None,
         "date": None, "month": None, "year": 2023, "assessed_year": 2022,
         "title": "KẾT QUẢ KHẮC PHỤC TỒN TẠI, HẠN CHẾ NĂM 2022"},
        ["report_number_blank", "report_date_blank"],
    ),
    "header number, blank caption number (e-document)": (
        ["UBND TỈNH HÀ TĨNH", "SỞ TƯ PHÁP", "Số: 15/BC-STP", "Hà Tĩnh, ngày 15 tháng 3 năm 2023"],
        seed_caption(),
        {"number": 15, "date": "2023-03-15", "agency_code": "STP", "assessed_year": 2022},
        [],
    ),
    "agency only in the symbol": (
        [],
        ["PHỤ LỤC", "Kết quả khắc phục Chỉ số CCHC năm 2022",
         "(Kèm theo Báo cáo số 15/BC-STP ngày 15/3/2023)"],
        {"agency": "Sở Tư pháp", "agency_code": "STP", "symbol": "BC-STP", "number": 15},
        ["report_agency_unknown"],
    ),
    "owner over two lines, draft stamp": (
        ["ỦY BAN NHÂN DÂN", "TỈNH HÀ TĨNH", "SỞ Y TẾ", "DỰ THẢO", "Số: 15/BC-SYT",
         "Hà Tĩnh, ngày 20 tháng 6 năm 2023", "BÁO CÁO"],
        SYT_CAPTION,
        {"agency": "Sở Y tế", "agency_code": "SYT", "number": 15, "date": "2023-06-20"},
        [],
    ),
    "công văn: no title, the header ends at Kính gửi": (
        ["UBND TỈNH HÀ TĨNH", "SỞ TÀI CHÍNH", "Số: 812/STC-HCSN",
         "V/v báo cáo theo Công văn số 12/SNV-CCHC ngày 10/3/2023",
         "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
         "Hà Tĩnh, ngày 12 tháng 4 năm 2023", "Kính gửi: Sở Nội vụ",
         "Sở Kế hoạch và Đầu tư đề nghị … Số: 99/KH-UBND ngày 1 tháng 1 năm 2020"],
        ["Biểu số 01", "Kết quả khắc phục hạn chế Chỉ số CCHC năm 2022",
         "(Số liệu tính đến ngày 31/3/2023)"],
        {"agency": "Sở Tài chính", "agency_code": "STC", "symbol": "STC-HCSN", "number": 812,
         "date": "2023-04-12", "title": "Kết quả khắc phục hạn chế Chỉ số CCHC năm 2022"},
        [],
    ),
    "old-style tone marks and decomposed text": (
        ["UỶ BAN NHÂN DÂN TỈNH HÀ TĨNH", "SỞ TƯ PHA\u0301P", "Số: 15/BC-STP",
         "Hà Tĩnh, ngày 15 tháng 3 năm 2023"],
        [],
        {"agency": "Sở Tư pháp", "agency_code": "STP"},
        ["assessed_year_missing"],
    ),
}  # fmt: skip


@pytest.mark.parametrize("case", list(CASES), ids=list(CASES))
def test_headers(case: str) -> None:
    head, caption, expected, audit = CASES[case]
    result = parse_report_meta(head, caption)
    got = asdict(result.meta)
    assert {key: got[key] for key in expected} == expected
    assert codes(result) == audit


# --- audit ------------------------------------------------------------------------------


def test_mismatch_between_header_and_caption() -> None:
    head = [
        "UBND TỈNH HÀ TĨNH", "SỞ Y TẾ", "Số: 15/BC-SYT", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc", "Hà Tĩnh, ngày 20 tháng 6 năm 2023", "BÁO CÁO",
    ]  # fmt: skip
    caption = [  # a caption copied from another unit's template and not updated
        "PHỤ LỤC",
        "Kết quả khắc phục hạn chế Chỉ số CCHC năm 2022",
        "(Kèm theo Báo cáo số 16/BC-STP ngày 21/6/2023 của Sở Tư pháp)",
    ]
    result = parse_report_meta(head, caption)
    assert result.meta.agency == "Sở Y tế" and result.meta.agency_code == "SYT"
    meta = result.meta
    assert (meta.number, meta.symbol, meta.date) == (15, "BC-SYT", "2023-06-20")
    mismatches = [e for e in result.audit if e.code == "report_metadata_mismatch"]
    assert codes(result) == ["report_metadata_mismatch"] * 4
    assert [e.field for e in mismatches] == [
        "report.symbol", "report.number", "report.date", "report.agency",
    ]  # fmt: skip
    assert mismatches[1].message == ("Số ở đầu báo cáo (15) khác với phụ lục (16) "
                                    "(the report head and the appendix disagree)")
    assert mismatches[3].message == (
        "Cơ quan ban hành ở đầu báo cáo (Sở Y tế) khác với phụ lục (Sở Tư pháp) "
        "(the report head and the appendix disagree)"
    )


@pytest.mark.parametrize(
    ("header_agency", "caption_agency"),
    [
        ("SỞ TƯ PHÁP", "Sở Tư pháp"),
        ("SỞ TƯ PHÁP", "Sở Tư pháp tỉnh Hà Tĩnh"),
        ("UBND HUYỆN CẨM XUYÊN", "Ủy ban nhân dân huyện Cẩm Xuyên"),
        ("SỞ NGOẠI VỤ TỈNH QUẢNG TRỊ", "Sở Ngoại vụ"),  # unknown to the registry: folded names
    ],
)
def test_same_agency_written_differently_is_no_mismatch(
    header_agency: str, caption_agency: str
) -> None:
    head = ["UBND TỈNH", header_agency, "Số: 1/BC-X", "ngày 2 tháng 3 năm 2023"]
    caption = [
        "PHỤ LỤC",
        "Chỉ số CCHC năm 2022",
        f"(Kèm theo Báo cáo số 1/BC-X ngày 2/3/2023 của {caption_agency})",
    ]
    assert "report_metadata_mismatch" not in codes(parse_report_meta(head, caption))


def test_day_blank_in_caption_only_is_no_mismatch() -> None:
    head = ["UBND TỈNH HÀ TĨNH", "SỞ TƯ PHÁP", "Số: 15/BC-STP", "Hà Tĩnh, ngày 15 tháng 3 năm 2023"]
    assert codes(parse_report_meta(head, seed_caption())) == []


def test_unknown_agency_another_province() -> None:
    head = [
        "UBND TỈNH QUẢNG TRỊ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "SỞ NGOẠI VỤ TỈNH QUẢNG TRỊ Độc lập - Tự do - Hạnh phúc",
        "Số: 40/BC-SNgV Quảng Trị, ngày 10 tháng 4 năm 2023",
        "BÁO CÁO",
    ]
    caption = ["PHỤ LỤC", "Kết quả khắc phục Chỉ số CCHC năm 2022"]
    result = parse_report_meta(head, caption)
    # The written name wins over the symbol: BC-SNgV is also Hà Tĩnh's Sở Ngoại vụ.
    assert result.meta.agency == "Sở Ngoại vụ tỉnh Quảng Trị"
    assert result.meta.agency_code is None
    meta = result.meta
    assert (meta.symbol, meta.number, meta.date) == ("BC-SNgV", 40, "2023-04-10")
    assert codes(result) == ["report_agency_unknown"]
    assert "Sở Ngoại vụ tỉnh Quảng Trị" in result.audit[0].message
    assert result.audit[0].field == "report.agency"


def test_unknown_agency_known_with_the_provinces_registry(tmp_path: Path) -> None:
    path = tmp_path / "units_quangtri.json"
    units = [{"code": "SNGV", "name": "Sở Ngoại vụ", "kind": "department", "symbols": ["SNgV"]}]
    path.write_text(json.dumps({"province": "Quảng Trị", "units": units}), encoding="utf-8")
    head = ["UBND TỈNH QUẢNG TRỊ", "SỞ NGOẠI VỤ TỈNH QUẢNG TRỊ", "Số: 40/BC-SNgV",
            "Quảng Trị, ngày 10 tháng 4 năm 2023", "BÁO CÁO"]  # fmt: skip
    caption = ["PHỤ LỤC", "Chỉ số CCHC năm 2022"]
    result = parse_report_meta(head, caption, registry=UnitRegistry.load(path))
    assert (result.meta.agency, result.meta.agency_code) == ("Sở Ngoại vụ", "SNGV")
    assert codes(result) == []


def test_made_up_unit() -> None:
    head = [
        "UBND TỈNH HÀ TĨNH", "SỞ DU LỊCH VŨ TRỤ", "Số: 1/BC-SDLVT",
        "Hà Tĩnh, ngày 1 tháng 2 năm 2023",
    ]  # fmt: skip
    result = parse_report_meta(head, [])
    assert result.meta.agency == "Sở Du lịch vũ trụ"
    assert result.meta.agency_code is None
    assert codes(result) == ["report_agency_unknown", "assessed_year_missing"]


def test_nothing_found() -> None:
    result = parse_report_meta([], [])
    assert result.meta == ReportMeta()
    assert codes(result) == [
        "report_number_blank", "report_date_blank", "report_agency_unknown",
        "assessed_year_missing",
    ]  # fmt: skip
    assert [e.field for e in result.audit] == [
        "report.number", "report.date", "report.agency", "report.assessed_year",
    ]  # fmt: skip


def test_impossible_header_date() -> None:
    head = ["UBND TỈNH HÀ TĨNH", "SỞ TƯ PHÁP", "Số: 15/BC-STP", "Hà Tĩnh, ngày 31 tháng 6 năm 2023"]
    result = parse_report_meta(head, [])
    assert (result.meta.date, result.meta.month, result.meta.year) == (None, 6, 2023)
    date_entries = [e for e in result.audit if e.code == "report_date_blank"]
    assert len(date_entries) == 1
    assert date_entries[0].message.startswith("Ngày ban hành báo cáo không hợp lệ (31/6/2023) (")


def test_header_wins_and_caption_fills_the_day() -> None:
    head = ["UBND TỈNH HÀ TĨNH", "SỞ TƯ PHÁP", "Số: /BC-STP", "Hà Tĩnh, ngày   tháng 3 năm 2023"]
    caption = [
        "PHỤ LỤC",
        "Chỉ số CCHC năm 2022",
        "(Kèm theo Báo cáo số 15/BC-STP ngày 20/3/2023 của Sở Tư pháp)",
    ]
    result = parse_report_meta(head, caption)
    assert (result.meta.number, result.meta.date) == (15, "2023-03-20")
    assert codes(result) == []


# --- pieces -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Số: 15/BC-STP", (15, "BC-STP")),
        ("Số:    /BC-STP", (None, "BC-STP")),
        ("Số: 05/BC - STP", (5, "BC-STP")),
        ("SỐ: 15/BC-STP", (15, "BC-STP")),
        ("Số 15/BC-STP", (15, "BC-STP")),
        ("Số: 15/TTr-SNV", (15, "TTr-SNV")),
        ("Số: 12/UBND-VX", (12, "UBND-VX")),
        ("Số: 3/TTr - NN&PTNT", (3, "TTr-NN&PTNT")),
        ("Số: ……/BC-SKHĐT", (None, "BC-SKHĐT")),
        ("Số: /BC-STP Hà Tĩnh, ngày tháng 3 năm 2023", (None, "BC-STP")),
        ("Số: 15/BC-STP - Hà Tĩnh", (15, "BC-STP")),
        ("Báo cáo số /BC-STP ngày /3/2023", (None, "BC-STP")),
        ("Độc lập - Tự do - Hạnh phúc", (None, None)),
        ("Căn cứ Nghị định số 30/2020/NĐ-CP", (None, None)),
    ],
)
def test_find_symbol(line: str, expected: tuple[int | None, str | None]) -> None:
    assert find_symbol([line]) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Hà Tĩnh, ngày 15 tháng 6 năm 2023", DateParts(15, 6, 2023)),
        ("Hà Tĩnh, ngày 05 tháng 01 năm 2020", DateParts(5, 1, 2020)),
        ("Hà Tĩnh, ngày      tháng 3 năm 2023", DateParts(None, 3, 2023)),
        ("Hà Tĩnh, ngày … tháng … năm 2023", DateParts(None, None, 2023)),
        ("ngày 15/6/2023", DateParts(15, 6, 2023)),
        ("ngày /3/2023", DateParts(None, 3, 2023)),
        ("NGÀY 1 THÁNG 12 NĂM 2024", DateParts(1, 12, 2024)),
        ("ngày 29 tháng 2 năm 2023", DateParts(None, 2, 2023, invalid="29/2/2023")),
        ("ngày 15 tháng 13 năm 2023", DateParts(15, None, 2023)),
        ("Độc lập - Tự do - Hạnh phúc", None),
    ],
)
def test_find_date(line: str, expected: DateParts | None) -> None:
    assert find_date([line]) == expected


def test_date_parts_leap_day() -> None:
    assert date_parts("29", "2", "2024").iso() == "2024-02-29"


@pytest.mark.parametrize(
    ("title", "year"),
    [
        (SEED_TITLE, 2022),
        ("Kết quả khắc phục các hạn chế trong xác định Chỉ số CCHC năm 2022", 2022),
        ("KẾT QUẢ KHẮC PHỤC HẠN CHẾ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2023", 2023),
        ("Kết quả khắc phục PAR INDEX 2022 (cập nhật đến quý I/2023)", 2022),
        ("Báo cáo quý I/2023: khắc phục hạn chế theo kết quả Chỉ số CCHC năm 2022", 2022),
        ("Kết quả khắc phục tồn tại, hạn chế năm 2022 đến tháng 6 năm 2023", 2022),
        ("Kết quả thực hiện nhiệm vụ", None),
        ("Kết quả thực hiện nhiệm vụ quý I/2023", None),
        (None, None),
    ],
)
def test_assessed_year(title: str | None, year: int | None) -> None:
    assert assessed_year(title) == year


@pytest.mark.parametrize(
    ("line", "rest"),
    [
        ("PHỤ LỤC", ""),
        ("Phụ lục 01", ""),
        ("PHỤ LỤC II: KẾT QUẢ KHẮC PHỤC", "KẾT QUẢ KHẮC PHỤC"),
        ("Phụ lục số 2. Kết quả", "Kết quả"),
        ("BIỂU SỐ 01", ""),
        ("Bảng tổng hợp kết quả khắc phục", "Bảng tổng hợp kết quả khắc phục"),
        ("Kết quả khắc phục", "Kết quả khắc phục"),
    ],
)
def test_strip_phu_luc(line: str, rest: str) -> None:
    assert strip_phu_luc(line) == rest


def test_split_caption_seed() -> None:
    title, caption = split_caption(seed_caption())
    assert title == SEED_TITLE
    assert caption == "(Ban hành kèm theo Báo cáo số /BC-STP ngày /3/2023 của Sở Tư pháp)"


# --- casing -----------------------------------------------------------------------------

CASING = [
    ("SỞ Y TẾ", "Sở Y tế"),
    ("SỞ TƯ PHÁP", "Sở Tư pháp"),
    ("SỞ NỘI VỤ", "Sở Nội vụ"),
    ("UBND HUYỆN CẨM XUYÊN", "UBND huyện Cẩm Xuyên"),
    ("SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "Sở Thông tin và Truyền thông"),
    ("SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", "Sở Lao động - Thương binh và Xã hội"),
    ("SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH", "Sở Văn hóa, Thể thao và Du lịch"),
    ("SỞ KẾ HOẠCH VÀ ĐẦU TƯ", "Sở Kế hoạch và Đầu tư"),
    ("SỞ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN", "Sở Nông nghiệp và Phát triển nông thôn"),
    ("SỞ GIAO THÔNG VẬN TẢI", "Sở Giao thông vận tải"),
    ("SỞ CÔNG THƯƠNG", "Sở Công Thương"),
    ("SỞ GIÁO DỤC VÀ ĐÀO TẠO", "Sở Giáo dục và Đào tạo"),
    ("SỞ KHOA HỌC VÀ CÔNG NGHỆ", "Sở Khoa học và Công nghệ"),
    ("SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG", "Sở Tài nguyên và Môi trường"),
    ("ỦY BAN NHÂN DÂN THỊ XÃ HỒNG LĨNH", "Ủy ban nhân dân thị xã Hồng Lĩnh"),
    ("UBND THÀNH PHỐ HÀ TĨNH", "UBND thành phố Hà Tĩnh"),
    ("UBND TX KỲ ANH", "UBND TX Kỳ Anh"),
    ("UBND H. CẨM XUYÊN", "UBND H. Cẩm Xuyên"),
    ("VĂN PHÒNG UBND TỈNH", "Văn phòng UBND tỉnh"),
    ("THANH TRA TỈNH", "Thanh tra tỉnh"),
    ("BAN QUẢN LÝ KHU KINH TẾ TỈNH", "Ban Quản lý Khu kinh tế tỉnh"),
    ("SỞ NGOẠI VỤ TỈNH QUẢNG TRỊ", "Sở Ngoại vụ tỉnh Quảng Trị"),
    ("UBND HUYỆN CẨM XUYÊN, TỈNH HÀ TĨNH", "UBND huyện Cẩm Xuyên, tỉnh Hà Tĩnh"),
    ("SỞ KH&ĐT", "Sở KH&ĐT"),
    ("TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG TỈNH", "Trung tâm Phục vụ hành chính công tỉnh"),
    ("UBND TỈNH HÀ TĨNH", "UBND tỉnh Hà Tĩnh"),
    ("  SỞ   Y\u00a0TẾ ", "Sở Y tế"),
    ("Sở Tư Pháp", "Sở Tư Pháp"),  # not all capitals: the writer's casing is kept
    ("Sở Y tế", "Sở Y tế"),
]


@pytest.mark.parametrize(("raw", "expected"), CASING)
def test_casing_rule(raw: str, expected: str) -> None:
    assert agency_display_name(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("SỞ TƯ PHÁP TỈNH HÀ TĨNH", "Sở Tư pháp"),
        ("Sở Tư Pháp", "Sở Tư pháp"),
        ("UBND H. CẨM XUYÊN", "UBND huyện Cẩm Xuyên"),
        ("ỦY BAN NHÂN DÂN THỊ XÃ HỒNG LĨNH", "UBND thị xã Hồng Lĩnh"),
        ("SỞ LAO ĐỘNG, THƯƠNG BINH VÀ XÃ HỘI", "Sở Lao động - Thương binh và Xã hội"),
        ("SỞ KH&ĐT", "Sở Kế hoạch và Đầu tư"),
        ("SỞ NGOẠI VỤ TỈNH QUẢNG TRỊ", "Sở Ngoại vụ tỉnh Quảng Trị"),  # unknown: the rule
        ("SỞ DU LỊCH HÀ TĨNH", "Sở Du lịch Hà Tĩnh"),  # the registry's province is a proper name
    ],
)
def test_casing_prefers_the_registry(raw: str, expected: str) -> None:
    assert agency_display_name(raw, UnitRegistry.load()) == expected


def test_recase_keeps_proper_names() -> None:
    assert recase_upper("BAN QUẢN LÝ CẢNG VIỆT NAM") == "Ban Quản lý cảng Việt Nam"


# --- robustness ---------------------------------------------------------------------------

_VIETNAMESE = st.text(
    alphabet=st.sampled_from(list("SỐốởƯưĐđÀàáÁạẠHNGTYÊ/:-– ,.()0123456789…\u00a0\u0301")),
    max_size=40,
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_VIETNAMESE, max_size=6), st.lists(_VIETNAMESE, max_size=4))
def test_never_raises(head: list[str], caption: list[str]) -> None:
    result = parse_report_meta(head, caption)
    assert all(e.seq is None for e in result.audit)
    if result.meta.date is not None:
        assert result.meta.date[:4] == str(result.meta.year)


@settings(max_examples=200, deadline=None)
@given(_VIETNAMESE)
def test_display_name_never_raises(raw: str) -> None:
    agency_display_name(raw)
