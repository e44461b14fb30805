"""Sample 6 — a meeting invitation (Giấy mời) of Sở Nội vụ: a real Word document, no appendix.

It talks about administrative reform and even about "khắc phục tồn tại, hạn chế", and it has
one ruled table (the meeting schedule), but no appendix of shortcomings: the program must
fail with ``no_appendix``.  There is no expected record for it.
"""

from __future__ import annotations

import datetime as dt

from docx.document import Document

from . import layout, pack
from .build import new_document
from .spec import Heading, Letterhead, Signature, SimpleTable

STEM = "not_a_report"

SCHEDULE = SimpleTable(
    header=["Thời gian", "Nội dung", "Thành phần", "Chủ trì"],
    rows=[
        ["7h30 - 8h00", "Đón tiếp đại biểu", "Ban Tổ chức", "Văn phòng Sở"],
        ["8h00 - 9h30", "Quán triệt Kế hoạch cải cách hành chính năm 2023 của UBND tỉnh",
         "Công chức phụ trách CCHC các sở, ngành, địa phương", "Lãnh đạo Sở Nội vụ"],
        ["9h30 - 11h00", "Hướng dẫn khắc phục các tồn tại, hạn chế qua xác định Chỉ số CCHC "
         "năm 2022", "Như trên", "Phòng CCHC"],
        ["11h00 - 11h30", "Trao đổi, thảo luận", "Các đại biểu", "Lãnh đạo Sở Nội vụ"],
    ],
    widths_mm=[28, 62, 45, 30],
    caption="Chương trình Hội nghị",
)

BODY: list[str | Heading | SimpleTable] = [
    "Thực hiện Kế hoạch cải cách hành chính nhà nước năm 2023 của UBND tỉnh, Sở Nội vụ tổ "
    "chức Hội nghị tập huấn nghiệp vụ cải cách hành chính năm 2023.",
    "Thời gian: 01 buổi, bắt đầu từ 7 giờ 30 phút, ngày 20 tháng 4 năm 2023 (thứ Năm).",
    "Địa điểm: Hội trường tầng 3, Sở Nội vụ, số 02 đường Nguyễn Chí Thanh, thành phố Hà Tĩnh.",
    "Thành phần: Công chức phụ trách công tác cải cách hành chính của các sở, ban, ngành cấp "
    "tỉnh; UBND các huyện, thành phố, thị xã.",
    SCHEDULE,
    "Đề nghị các cơ quan, đơn vị cử đúng thành phần tham dự Hội nghị./.",
]


def invitation_document() -> Document:
    """Letterhead, "GIẤY MỜI", body with the schedule table, signature; portrait only."""
    doc = new_document()
    layout.add_letterhead(doc, Letterhead("UBND TỈNH HÀ TĨNH", "SỞ NỘI VỤ", "Số: 215/GM-SNV",
                                          "Hà Tĩnh, ngày 14 tháng 4 năm 2023"), (70, 95))
    layout.add_title(doc, "GIẤY MỜI",
                     "Dự Hội nghị tập huấn nghiệp vụ cải cách hành chính năm 2023")
    layout.add_body(doc, BODY)
    layout.add_signature(doc, Signature(["- Như thành phần mời;", "- Lưu: VT, CCHC."],
                                        ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"], "Phạm Văn Cường"))
    created = dt.datetime(2023, 4, 14, 8, 0, tzinfo=dt.UTC)
    pack.set_core_properties(doc, "Giấy mời Hội nghị tập huấn CCHC năm 2023",
                             "Sở Nội vụ Hà Tĩnh", created)
    return doc


def invitation_bytes(_: object = None) -> bytes:
    """The invitation as deterministic .docx bytes."""
    return pack.to_bytes(invitation_document())
