"""Criterion codes: real seed rows, the styles other units write, and numbers that are not codes."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cchc.normalize.criteria import area_of, canonical_code, extract_criteria, malformed_codes


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


# (raw shortcoming / cell text, expected codes) — in running text a code needs a prefix.
PREFIXED = [
    # The 15 shortcoming texts of the seed (rows 3 and 7 joined at their page breaks).
    ("Không có sáng kiến/giải pháp mới trong CCHC được Hội đồng thẩm định chỉ số CCHC Trung ương "
     "công nhận trong năm liền kề (Tiêu chí 1.7)", ["1.7"]),
    ("Công tác tham gia góp ý các dự thảo văn bản quy phạm pháp luật được lấy ý kiến: Đạt từ 80% "
     "đến dưới 90% văn bản thực hiện kịp thời, đầy đủ và có nội dung góp ý chất lượng "
     "(Tiêu chí 2.1.5)", ["2.1.5"]),
    ("Việc thực hiện số hóa kết quả giải quyết thủ tục hành chính chưa đảm bảo tỷ lệ theo yêu cầu "
     "(Tiêu chí 3.2.1 và tiêu chí 7.2.5)", ["3.2.1", "7.2.5"]),
    ("Chưa đảm bảo cơ cấu tổ chức bộ máy của đơn vị sự nghiệp thuộc Sở (Trung tâm Dịch vụ đấu giá "
     "tài sản) theo quy định tại Nghị định số 107/2020/NĐ-CP (Tiêu chí 4.1.1)", ["4.1.1"]),
    ("Chưa đảm bảo quy định về cơ cấu số lượng cấp Phó theo quy định tại Nghị định số "
     "120/2020/NĐ-CP tại Phòng Hành chính và Bộ trợ tư pháp (Tiêu chí 4.1.2)", ["4.1.2"]),
    ("Có 93% công chức, viên chức (thuộc thẩm quyền quản lý) được đánh giá hoàn thành tốt nhiệm vụ "
     "trở lên (Tiêu chí 5.4)", ["5.4"]),
    ("Trong năm có cán bộ, công chức, viên chức thuộc đơn vị bị kiểm điểm, xem xét xử lý kỷ luật "
     "hoặc bị kỷ luật (Tiêu chí 5.8.2.2)", ["5.8.2.2"]),
    ("Chưa tham mưu, xây dựng ban hành định mức kinh tế kỹ thuật, giá dịch vụ sự nghiệp công sử "
     "dụng ngân sách nhà nước trong lĩnh vực quản lý (theo phân cấp, thuộc phạm vi quản lý của địa "
     "phương) (Tiêu chí 6.5.2)", ["6.5.2"]),
    ("Tỷ lệ giảm chi trực tiếp từ ngân sách nhà nước đối với đơn vị sự nghiệp công lập so với năm "
     "đầu thời kỳ ổn định ngân sách 2017 (Tiêu chí 6.5.5)", ["6.5.5"]),
    ("Chất lượng Cổng Thông tin điện tử chỉ đạt 94,5% theo quy định của UBND tỉnh "
     "(Tiêu chí 7.1.1.4)", ["7.1.1.4"]),
    ("Kết quả phát triển chính quyền số chưa đảm bảo theo Bộ tiêu chí đánh giá được UBND tỉnh ban "
     "hành tại Quyết định số 2853/QĐ-UBND ngày 11/8/2021 của UBND tỉnh (Tiêu chí 7.1.1.7)",
     ["7.1.1.7"]),
    ("Tỷ lệ số hồ sơ TTHC được tiếp nhận và giải quyết qua dịch vụ công trực tuyến toàn trình đạt "
     "dưới 50% (Tiêu chí 7.1.2.3)", ["7.1.2.3"]),
    ("Tỷ lệ số hồ sơ TTHC được trả qua dịch vụ bưu chính công ích chưa đạt tỷ lệ (40% trở lên) "
     "theo quy định của UBND tỉnh (Tiêu chí 7.1.3.2)", ["7.1.3.2"]),
    ("Chỉ có từ 80% - dưới 100% có đính kèm kết quả giải quyết TTHC theo quy trình điện tử trên "
     "Trang dichvucong.hatinh.gov.vn của tỉnh (Tiêu chí 7.2.5)", ["7.2.5"]),
    ("Việc sắp xếp và lưu trữ tài liệu, hồ sơ trong cơ quan chưa đảm bảo theo tiêu chuẩn của ISO "
     "hành chính (Tiêu chí 7.2.6)", ["7.2.6"]),
    # Page breaks inside a reference, as the stitcher or a converter leaves them.
    ("(Tiêu chí 3.2.1 và\ntiêu chí 7.2.5)", ["3.2.1", "7.2.5"]),
    ("bị kỷ luật (Tiêu\nchí 5.8.2.2)", ["5.8.2.2"]),
    ("bị kỷ luật (Tiêu chí 5.8.2.2)", ["5.8.2.2"]),
    ("bị kỷ luật (Tiêu \n chí 5.8.2.2)", ["5.8.2.2"]),
    ("(Tiêu\u00adchí 5.8.2.2)", ["5.8.2.2"]),
    ("(Tiêu chí\u00a01.7)", ["1.7"]),
    # Prefix variants and punctuation.
    ("TC 1.7", ["1.7"]),
    ("TC: 2.1.5", ["2.1.5"]),
    ("TC:1.7", ["1.7"]),
    ("(TC 6.5.2)", ["6.5.2"]),
    ("TCTP 3.2.1", ["3.2.1"]),
    ("TCTP. 3.2.1", ["3.2.1"]),
    ("tctp 7.1.2.3", ["7.1.2.3"]),
    ("tiêu chí thành phần 2.3.1", ["2.3.1"]),
    ("Tiêu chí thành phần: 5.8.2.2", ["5.8.2.2"]),
    ("Chỉ số 1.1", ["1.1"]),
    ("Chỉ số thành phần 1.2", ["1.2"]),
    ("CHỈ SỐ THÀNH PHẦN 8.1", ["8.1"]),
    ("TIÊU CHÍ 4.1.1", ["4.1.1"]),
    ("tieu chi 4.1.1 (go khong dau)", ["4.1.1"]),
    ("Tiêu chí số 5.4", ["5.4"]),
    ("Tiêu chí 1.7.", ["1.7"]),
    ("(Tiêu chí 1.7.)", ["1.7"]),
    ("Tiêu chí 5", ["5"]),
    ("(Tiêu chí 8)", ["8"]),
    ("Tiêu chí 01.2", ["1.2"]),
    ("Tiêu chí 7.01.1", ["7.1.1"]),
    ("Tiêu chí 2.10", ["2.10"]),
    ("Tiêu chí 1.2.3.4.5", ["1.2.3.4.5"]),
    # Lists.
    ("(Tiêu chí 5.3; 5.5)", ["5.3", "5.5"]),
    ("Tiêu chí 7.2.5, 7.2.6", ["7.2.5", "7.2.6"]),
    ("các tiêu chí 2.1, 2.3 và 2.4", ["2.1", "2.3", "2.4"]),
    ("Các tiêu chí 2.1, 2.3 và tiêu chí 2.4", ["2.1", "2.3", "2.4"]),
    ("Tiêu chí 7.1.1.4 và 7.1.1.7", ["7.1.1.4", "7.1.1.7"]),
    ("Tiêu chí 3.2.1 hoặc 3.2.2", ["3.2.1", "3.2.2"]),
    ("tiêu chí 2.1,2.3", ["2.1", "2.3"]),
    ("TC 1.7; TCTP 2.1.5", ["1.7", "2.1.5"]),
    ("Tiêu chí 5 và tiêu chí 6", ["5", "6"]),
    ("Tiêu chí 7.1.1 - 7.1.3", ["7.1.1", "7.1.3"]),
    ("Tiêu chí 7.1.1 đến 7.1.3", ["7.1.1", "7.1.3"]),
    ("(Tiêu chí 1.7) và (Tiêu chí 1.7)", ["1.7"]),
    ("Tiêu chí 7.2.5 (TC 3.2.1; Tiêu chí 7.2.5)", ["7.2.5", "3.2.1"]),
    # Case, NFD, tone placement.
    (nfd("(Tiêu chí 3.2.1 và tiêu chí 7.2.5)"), ["3.2.1", "7.2.5"]),
    (nfd("Chỉ số thành phần 1.2"), ["1.2"]),
    ("Số hoá hồ sơ (Tiêu chí 3.2.1)", ["3.2.1"]),
    ("Số hóa hồ sơ (TIÊU CHÍ 3.2.1)", ["3.2.1"]),
    # Numbers that are not codes, alone and beside real codes.
    ("theo Nghị định số 107/2020/NĐ-CP", []),
    ("Quyết định số 2853/QĐ-UBND ngày 11/8/2021", []),
    ("Nghị định số 120/2020", []),
    ("ngày 30.6.2023", []),
    ("Cổng đạt 94,5%", []),
    ("gần 10.000 hồ sơ", []),
    ("bị trừ 0,5 điểm", []),
    ("áp dụng TCVN ISO 9001:2015", []),
    ("ISO 9001:2008", []),
    ("phiên bản 2.1 của phần mềm", []),
    ("Điện thoại 0239.3855.123", []),
    ("kinh phí 1.500.000 đồng", []),
    ("các tiêu chí bị trừ điểm", []),
    ("Chỉ số CCHC năm 2022 đạt 85,95 điểm", []),
    ("Chỉ số 85,95", []),
    ("Chỉ số 2022", []),
    ("TC 2 hồ sơ", []),
    ("Tiêu chí 1.7 - 5 hồ sơ", ["1.7"]),
    ("Tiêu chí 1.1 hồ sơ TTHC trực tuyến", ["1.1"]),
    ("Tiêu chí 7.1.1 đồng bộ dữ liệu", ["7.1.1"]),
    ("Tiêu chí 5.4 tỷ lệ 93%", ["5.4"]),
    ("Tiêu chí 2.1, 94,5%", ["2.1"]),
    ("Tiêu chí 1.7; 30.6.2023", ["1.7"]),
    ("Tiêu chí 4.1.1 - 107/2020/NĐ-CP", ["4.1.1"]),
    ("Tiêu chí 7..2", []),
    ("Tiêu chí 0.1", []),
    ("Tiêu chí 12.1", []),
    ("Tiêu chí 7.100", []),
    ("1.7 và 2.1.5 không có tiền tố", []),
    ("", []),
    ("   ", []),
]

# (criteria-column cell, expected codes) — bare dotted codes count.
BARE = [
    ("3.2.1, 7.2.5", ["3.2.1", "7.2.5"]),
    ("3.2.1; 7.2.5", ["3.2.1", "7.2.5"]),
    ("1.7", ["1.7"]),
    ("7.1.1.4 và 7.1.1.7", ["7.1.1.4", "7.1.1.7"]),
    ("TC 2.1.5", ["2.1.5"]),
    ("Tiêu chí 5", ["5"]),
    ("5.8.2.2\n7.2.6", ["5.8.2.2", "7.2.6"]),
    ("- 2.1.5\n- 1.7", ["2.1.5", "1.7"]),
    ("1.7 (0,5 điểm)", ["1.7"]),
    ("1.7, 1.7", ["1.7"]),
    ("01.7", ["1.7"]),
    ("5", []),
    ("ngày 30.6.2023", []),
    ("ngày 5.6", []),
    ("11/8/2021", []),
    ("107/2020/NĐ-CP", []),
    ("2853/QĐ-UBND", []),
    ("94,5%", []),
    ("10.000", []),
    ("1.500.000 đồng", []),
    ("ISO 9001:2008", []),
    ("phiên bản 2.1", []),
    ("v2.1", []),
    ("1.5 điểm", []),
    ("192.168.1.1", []),
    ("12.3", []),
    ("", []),
]

MALFORMED = [
    ("Tiêu chí 7..2", ["7..2"]),
    ("Tiêu chí 0.1", ["0.1"]),
    ("Tiêu chí 1.0", ["1.0"]),
    ("Tiêu chí 12.1", ["12.1"]),
    ("TC 7.100", ["7.100"]),
    ("Tiêu chí 0", ["0"]),
    ("Tiêu chí 1.2.3.4.5.6", ["1.2.3.4.5.6"]),
    ("Tiêu chí 7..2; Tiêu chí 1.7", ["7..2"]),
    ("Tiêu chí 1.7", []),
    ("Chỉ số 2022", []),
    ("chỉ số 85,95 điểm", []),
    ("Tiêu chí 94,5%", []),
    ("Tiêu chí 1.7, 10.000 hồ sơ", []),
    ("Nghị định số 107/2020/NĐ-CP", []),
    (None, []),
]


@pytest.mark.parametrize(("raw", "expected"), PREFIXED)
def test_extract_criteria_from_running_text(raw: str, expected: list[str]) -> None:
    assert extract_criteria(raw) == expected


@pytest.mark.parametrize(("raw", "expected"), BARE)
def test_extract_criteria_from_a_criteria_column(raw: str, expected: list[str]) -> None:
    assert extract_criteria(raw, bare_codes=True) == expected


@pytest.mark.parametrize(("raw", "expected"), MALFORMED)
def test_malformed_codes(raw: str | None, expected: list[str]) -> None:
    assert malformed_codes(raw) == expected


def test_none_gives_no_codes() -> None:
    assert extract_criteria(None) == []
    assert extract_criteria(None, bare_codes=True) == []


@pytest.mark.parametrize(
    ("code", "area"), [("7.1.1.4", 7), ("1.7", 1), ("5", 5), ("3.2.1", 3), ("01.2", 1)]
)
def test_area_of(code: str, area: int) -> None:
    assert area_of(code) == area


@pytest.mark.parametrize("bad", ["", "0.1", "12.1", "7..2", "abc", "107/2020"])
def test_area_of_rejects_non_codes(bad: str) -> None:
    with pytest.raises(ValueError):
        area_of(bad)


@pytest.mark.parametrize(
    ("raw", "expected"), [("1.7", "1.7"), ("01.02", "1.2"), ("10.000", None), ("9.99", "9.99")]
)
def test_canonical_code(raw: str, expected: str | None) -> None:
    assert canonical_code(raw) == expected


# --- properties: other numbers never become codes, even next to a real one -------------------

_WORDS = st.sampled_from(
    ["Sở", "đã", "thực hiện", "theo", "quy định", "tại", "của", "UBND tỉnh", "hồ sơ", "năm",
     "đạt", "tỷ lệ", "và", "các", "tiêu chuẩn", "kết quả", "(", ")", ";", ",", "-", "ngày"]
)
_YEAR = st.integers(1990, 2035)
_NOISE = st.one_of(
    st.builds(lambda d, m, y: f"{d}/{m}/{y}", st.integers(1, 31), st.integers(1, 12), _YEAR),
    st.builds(lambda d, m, y: f"ngày {d}.{m}.{y}", st.integers(1, 31), st.integers(1, 12), _YEAR),
    st.builds(lambda n, y: f"{n}/{y}/NĐ-CP", st.integers(1, 999), _YEAR),
    st.builds(lambda n: f"{n}/QĐ-UBND", st.integers(1, 9999)),
    st.builds(lambda n, y: f"Nghị định số {n}/{y}", st.integers(1, 999), _YEAR),
    st.builds(lambda x, y: f"{x},{y}%", st.integers(0, 100), st.integers(0, 99)),
    st.builds(lambda x, y: f"{x}.{y:03d}", st.integers(1, 999), st.integers(0, 999)),
    st.builds(lambda x, y, z: f"{x}.{y:03d}.{z:03d} đồng", st.integers(1, 99), st.integers(0, 999),
              st.integers(0, 999)),
    st.builds(lambda y: f"ISO 9001:{y}", _YEAR),
    st.builds(lambda y: f"TCVN ISO 9001:{y}", _YEAR),
    st.builds(lambda x, y: f"{x},{y} điểm", st.integers(0, 10), st.integers(0, 99)),
)
_CODE = st.lists(st.integers(1, 20), min_size=1, max_size=4).flatmap(
    lambda rest: st.integers(1, 9).map(lambda area: ".".join(map(str, [area, *rest])))
)
_PREFIX = st.sampled_from(["Tiêu chí", "tiêu chí", "TC", "TCTP", "Chỉ số thành phần", "TIÊU CHÍ"])


def _sentence(parts: list[str]) -> str:
    return " ".join(parts)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(_WORDS, _NOISE), min_size=1, max_size=12))
def test_no_code_from_dates_decrees_percentages_and_amounts(parts: list[str]) -> None:
    text = _sentence(parts)
    assert extract_criteria(text) == []
    assert extract_criteria(text, bare_codes=True) == []


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.one_of(_WORDS, _NOISE), max_size=6),
    _PREFIX,
    _CODE,
    st.lists(st.one_of(_WORDS, _NOISE), max_size=6),
)
def test_real_code_found_among_noise(
    before: list[str], prefix: str, code: str, after: list[str]
) -> None:
    text = _sentence([*before, f"({prefix} {code})", *after])
    assert extract_criteria(text) == [code]
    assert extract_criteria(text, bare_codes=True) == [code]


@settings(max_examples=100, deadline=None)
@given(_CODE, st.sampled_from(["\n", " \n", "\u00ad", "  "]))
def test_code_cut_inside_the_prefix_is_one_code(code: str, cut: str) -> None:
    assert extract_criteria(f"(Tiêu{cut}chí {code})") == [code]
