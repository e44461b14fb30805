"""Column roles from the header words units really write, one (header, role) per line."""

from __future__ import annotations

import pytest

from cchc.extract.appendix import find_appendix
from cchc.extract.columns import Role, role_of_label
from cchc.extract.model import ExtractedDocument, Paragraph, RawCell, RawRow, RawTable


@pytest.mark.parametrize(
    ("label", "role"),
    [
        ("TT", Role.SEQ),
        ("Lộ trình thực hiện", Role.DEADLINE),
        ("Hoàn thàn h", Role.DONE_MARK),
        ("Chư a hoàn thàn h", Role.NOT_DONE_MARK),
        ("Thời điểm hoàn thành", Role.DEADLINE),
        ("Kết quả thực hiện đến thời điểm báo cáo", Role.PROGRESS),
        ("STT", Role.SEQ),
        ("Số TT", Role.SEQ),
        ("Các tồn tại, hạn chế trong công tác CCHC, các tiêu chí bị trừ điểm", Role.SHORTCOMING),
        ("Nội dung tồn tại, hạn chế", Role.SHORTCOMING),
        ("Nội dung bị trừ điểm", Role.SHORTCOMING),
        ("Tồn tại, hạn chế", Role.SHORTCOMING),
        ("Tiêu chí bị trừ điểm", Role.CRITERIA),
        ("Tiêu chí, tiêu chí thành phần bị trừ điểm", Role.CRITERIA),
        ("Mã tiêu chí", Role.CRITERIA),
        ("TC/TCTP", Role.CRITERIA),
        ("Tham mưu giải pháp khắc phục cụ thể", Role.REMEDY),
        ("Giải pháp khắc phục", Role.REMEDY),
        ("Nhiệm vụ, giải pháp", Role.REMEDY),
        ("Biện pháp khắc phục", Role.REMEDY),
        ("Đơn vị chủ trì", Role.OWNER),
        ("Cơ quan, đơn vị thực hiện", Role.OWNER),
        ("Bộ phận thực hiện", Role.OWNER),
        ("Phân công thực hiện", Role.OWNER),
        ("Thời hạn hoàn thành", Role.DEADLINE),
        ("Thời gian hoàn thành", Role.DEADLINE),
        ("Thời gian thực hiện", Role.DEADLINE),
        ("Thời gian", Role.DEADLINE),
        ("Tiến độ thực hiện (Đã hoàn thành hoặc chưa hoàn thành thì cập nhật rõ tiến độ)", Role.PROGRESS),
        ("Kết quả thực hiện", Role.PROGRESS),
        ("Kết quả khắc phục", Role.PROGRESS),
        ("Tình hình thực hiện", Role.PROGRESS),
        ("Mức độ hoàn thành", Role.PROGRESS),
        ("Đã hoàn thành", Role.DONE_MARK),
        ("Hoàn thành", Role.DONE_MARK),
        ("Chưa hoàn thành", Role.NOT_DONE_MARK),
        ("Đang thực hiện", Role.NOT_DONE_MARK),
        ("Ghi chú", Role.NOTE),
        ("GHI CHÚ", Role.NOTE),
        ("Nguyên nhân", None),
        ("Điểm tối đa", None),
        ("Số lượng", None),
    ],
)
def test_role_of_label(label: str, role: Role | None) -> None:
    assert role_of_label(label) is role


def _table(index: int, header: tuple[str, ...], *rows: tuple[str, ...]) -> RawTable:
    raw = [RawRow(cells=tuple(RawCell(t, i) for i, t in enumerate(r))) for r in (header, *rows)]
    return RawTable(rows=tuple(raw), n_cols=len(header), index=index)


def test_two_appendix_tables_are_both_kept_in_order() -> None:
    """A report with Phụ lục I and Phụ lục II, each its own table with its own header."""
    header = ("TT", "Tồn tại, hạn chế", "Giải pháp khắc phục", "Thời hạn hoàn thành")
    stats = _table(0, ("TT", "Nội dung", "Số lượng"), ("1", "Hồ sơ", "10"))
    first = _table(1, header, ("1", "A (Tiêu chí 1.7)", "a", "Năm 2023"))
    second = _table(2, header + ("Ghi chú",), ("1", "B (Tiêu chí 2.1)", "b", "Năm 2024", "n"))
    doc = ExtractedDocument(file="x.docx", format="docx", blocks=(
        Paragraph("BÁO CÁO"), stats, Paragraph("PHỤ LỤC I"), first, Paragraph("PHỤ LỤC II"), second))
    appendix = find_appendix(doc)
    assert [r.text(Role.SHORTCOMING) for r in appendix.rows] == ["A (Tiêu chí 1.7)", "B (Tiêu chí 2.1)"]
    assert Role.NOTE in appendix.roles and appendix.caption_lines == ("PHỤ LỤC I",)
