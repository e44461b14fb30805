"""Vietnamese text cleaning, one (raw, expected) per line, expected read off the phrase."""

from __future__ import annotations

import unicodedata

import pytest

from cchc.text.vietnamese import clean_cell, fold, split_items, squash_spaces


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Kế hoạch số 112/KH-\nSNV ngày 20/3", "Kế hoạch số 112/KH-SNV ngày 20/3"),  # wrapped in a symbol
        ("giai đoạn 2023-\n2025", "giai đoạn 2023-2025"),
        ("kinh tế-\nxã hội", "kinh tế-xã hội"),
        ("Kế hoạch số 18/KH- STTTT ngày 10/02/2023", "Kế hoạch số 18/KH-STTTT ngày 10/02/2023"),  # flattened
        ("Nghị định số 107/2020/NĐ- CP", "Nghị định số 107/2020/NĐ-CP"),
        ("Tờ trình TTr - NN&PTNT", "Tờ trình TTr - NN&PTNT"),  # spaces on both sides: as written
        ("Phòng Kế hoạch -\nTài chính", "Phòng Kế hoạch - Tài chính"),  # a spaced dash keeps its space
        ("Thường xuyên trong năm\n2023", "Thường xuyên trong năm 2023"),
        ("Thường\u00a0xuyên  \t trong năm", "Thường xuyên trong năm"),
        ("T\u00adư pháp", "Tư pháp"),  # soft hyphen
        ("  \n ", ""),
        # a symbol or a date cut by a narrow column, flattened or over a line break
        ("Theo Văn bản số 373/UB ND-VP", "Theo Văn bản số 373/UBND-VP"),
        ("Kế hoạch số 77/K H- VPU BND ngày 12/10 /2023", "Kế hoạch số 77/KH-VPUBND ngày 12/10/2023"),
        ("Văn bản số 286/STN\nMT-VP", "Văn bản số 286/STNMT-VP"),
        ("báo cáo tại Văn bản số 248/VPUBN D.", "báo cáo tại Văn bản số 248/VPUBND."),
        ("Trước ngày 4/10/202\n4", "Trước ngày 4/10/2024"),
        ("số 12/SNV-VP Sở Nội vụ, 12/SNV-VP UBND tỉnh", "số 12/SNV-VP Sở Nội vụ, 12/SNV-VP UBND tỉnh"),
        ("ngày 5/6/20 2", "ngày 5/6/20 2"),  # no four-digit year: as written
    ],
)
def test_squash_spaces(raw: str, expected: str) -> None:
    assert squash_spaces(raw) == expected


@pytest.mark.parametrize(
    ("raw", "items"),
    [
        ("- Tăng cường chỉ đạo; - Bố trí nhân lực", ["Tăng cường chỉ đạo;", "Bố trí nhân lực"]),
        ('<ul style="list-style-type: none"> - Thực hiện A; - Thực hiện B. ',
         ["Thực hiện A;", "Thực hiện B."]),
        ("- Tăng cường;\n- Bố trí", ["Tăng cường;", "Bố trí"]),
        ("• Rà soát\n• Cập nhật", ["Rà soát", "Cập nhật"]),
        ("1. Xây dựng kế hoạch;\n2. Ban hành quy chế", ["Xây dựng kế hoạch;", "Ban hành quy chế"]),
        ("+ Tuyên truyền; + Hướng dẫn", ["Tuyên truyền;", "Hướng dẫn"]),
        ("Chỉ có từ 80% - dưới 100% có đính kèm", ["Chỉ có từ 80% - dưới 100% có đính kèm"]),
        ("Đẩy mạnh phong trào; xây dựng tiêu chí.", ["Đẩy mạnh phong trào; xây dựng tiêu chí."]),
        ("- Một mục duy nhất", ["Một mục duy nhất"]),
        ("1. Rà soát văn bản; 2. Xử lý văn bản; 3. Công bố.",
         ["Rà soát văn bản;", "Xử lý văn bản;", "Công bố."]),
        ("a) Rà soát; b) Xử lý; d) ghi sai", ["Rà soát;", "Xử lý; d) ghi sai"]),  # the count must go on
        # a flattened numbered list: the next number of the count before a capital is an item,
        # even with no ; . : before it (the text export of "1. …" / "2. …" on two lines)
        ("1. Tăng tỷ lệ lên 2. Số liệu", ["Tăng tỷ lệ lên", "Số liệu"]),
        ("1. Tăng tỷ lệ lên 3. Số liệu", ["Tăng tỷ lệ lên 3. Số liệu"]),  # not the next number
        ("1. Tăng lên 2. số liệu", ["Tăng lên 2. số liệu"]),  # no capital after it
        # a flattened bullet list: the cell's own marker before a capital starts an item, but not
        # inside a name or a compound written with a dash
        ("- Quán triệt kỷ cương hành chính - Tổ chức khảo sát - Rà soát",
         ["Quán triệt kỷ cương hành chính", "Tổ chức khảo sát", "Rà soát"]),
        ("+ Báo cáo trước ngày 15 + Sửa đổi Quy chế", ["Báo cáo trước ngày 15", "Sửa đổi Quy chế"]),
        ("- Giao Phòng Kế hoạch - Tài chính chủ trì - Rà soát kinh tế - kỹ thuật",
         ["Giao Phòng Kế hoạch - Tài chính chủ trì", "Rà soát kinh tế - kỹ thuật"]),
        ("Giai đoạn 2023 - Tổ chức", ["Giai đoạn 2023 - Tổ chức"]),  # not a list: no split
        # a text export's cell cut by a page break: each line flattened on its own
        ("- Quán triệt kỷ cương - Tổ chức khảo sát\n- Tổ chức kiểm tra.",
         ["Quán triệt kỷ cương", "Tổ chức khảo sát", "Tổ chức kiểm tra."]),
        ("", []),
    ],
)
def test_split_items(raw: str, items: list[str]) -> None:
    assert split_items(raw) == items


def test_clean_cell_joins_items_with_newlines_and_composes_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", "- Tăng cường;\n- Bố trí")
    assert clean_cell(decomposed) == "Tăng cường;\nBố trí"
    assert clean_cell("   ") is None and clean_cell(None) is None


@pytest.mark.parametrize(("a", "b"), [("hoà", "hòa"), ("Thời hạn HOÀN THÀNH", "thoi han hoan thanh"),
                                      ("Đơn vị chủ trì", "don vi chu tri")])
def test_fold_is_accent_and_case_insensitive(a: str, b: str) -> None:
    assert fold(a) == fold(b)
