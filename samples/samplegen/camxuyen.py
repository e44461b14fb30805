"""Sample 3 — UBND huyện Cẩm Xuyên, Báo cáo số 215/BC-UBND ngày 12/7/2023.

Layout: a two-level header — "TT", "Tồn tại, hạn chế", "Tiêu chí bị trừ điểm", "Giải pháp
khắc phục", "Thời hạn hoàn thành" and "Ghi chú" each merged vertically over both header rows,
and "Tiến độ thực hiện" spanning two columns (``w:gridSpan``) over "Đã hoàn thành" | "Chưa
hoàn thành", with ``x`` marks in the rows (no progress text column).  Criterion codes sit bare
in their own column ("3.2.1; 7.2.5").  Remedies are real Word lists (``w:numPr``): a dash
bullet list, and in row 2 a decimal list 1., 2., 3.  A statistics table in the body comes
before the appendix (a distractor: "TT | Nội dung | Số lượng | Tỷ lệ (%)").

Decisions (report date 2023-07-12; status from the marks since the table has mark columns):
 1 done mark → completed, "x (Đã hoàn thành)"
 2 not-done mark → in_progress, "x (Chưa hoàn thành)" (the note "Đang rà soát" is a note)
 3 not-done mark, 30/6/2023 < 2023-07-12 → overdue
 4 both marks → unknown, status_conflict
 5 criteria cell empty → codes from the shortcoming text "(Tiêu chí 5.6)"
 6 no mark, blank note → unknown, progress_blank
 7 done mark; "7.1.2, 7.1.3" → two codes
 8 not-done mark; "Hằng quý" → recurring, due null
"""

from __future__ import annotations

from .common import OVERDUE, PROGRESS_BLANK, STATUS_CONFLICT
from .spec import (
    Column,
    Expect,
    HeaderCell,
    Heading,
    Letterhead,
    ReportSpec,
    Row,
    Signature,
    SimpleTable,
    TableSpec,
    blank,
    listed,
    plain,
)

X = plain("x")
DONE = "x (Đã hoàn thành)"
NOT_DONE = "x (Chưa hoàn thành)"


def _rows() -> list[Row]:
    """Eight rows; the marks and the criteria column are what a reader looks at first."""
    return [
        Row("1", {
            "shortcoming": plain(
                "Kế hoạch CCHC năm 2022 của huyện chưa xác định đầy đủ nhiệm vụ, sản phẩm và "
                "thời hạn hoàn thành"),
            "criteria": plain("1.1"),
            "remedy": listed([
                "Rà soát, bổ sung nhiệm vụ, sản phẩm cụ thể vào Kế hoạch CCHC năm 2023;",
                "Giao Phòng Nội vụ theo dõi, đôn đốc hằng quý.",
            ]),
            "deadline": plain("Quý I/2023"),
            "done": X,
            "note": plain("Kế hoạch số 25/KH-UBND ngày 18/01/2023"),
        }, Expect(1, ["1.1"], "quarter", "2023-03-31", "completed", DONE)),
        Row("2", {
            "shortcoming": plain(
                "Một số văn bản quy phạm pháp luật do UBND huyện ban hành chưa được tự kiểm "
                "tra kịp thời"),
            "criteria": plain("2.2.1; 2.2.2"),
            "remedy": listed([
                "Rà soát toàn bộ văn bản QPPL do HĐND, UBND huyện ban hành từ năm 2018 đến "
                "nay;",
                "Xử lý các văn bản có nội dung không còn phù hợp;",
                "Công bố danh mục văn bản hết hiệu lực.",
            ], kind="decimal"),
            "deadline": plain("Tháng 9/2023"),
            "not_done": X,
            "note": plain("Đang rà soát"),
        }, Expect(2, ["2.2.1", "2.2.2"], "month", "2023-09-30", "in_progress", NOT_DONE)),
        Row("3", {
            "shortcoming": plain(
                "Tỷ lệ số hóa hồ sơ, kết quả giải quyết TTHC tại Bộ phận Một cửa huyện chưa "
                "đạt yêu cầu"),
            "criteria": plain("3.2.1; 7.2.5"),
            "remedy": listed([
                "Bố trí đủ máy quét, máy tính cho Bộ phận Một cửa;",
                "Tập huấn kỹ năng số hóa cho công chức tiếp nhận hồ sơ.",
            ]),
            "deadline": plain("30/6/2023"),
            "not_done": X,
            "note": plain("Thiếu thiết bị"),
        }, Expect(3, ["3.2.1", "7.2.5"], "date", "2023-06-30", "in_progress", NOT_DONE,
                  overdue=True, audit=[OVERDUE])),
        Row("4", {
            "shortcoming": plain(
                "Số lượng cấp phó tại một số phòng chuyên môn thuộc UBND huyện vượt quy định"),
            "criteria": plain("4.1.2"),
            "remedy": plain(
                "Sắp xếp, điều động cấp phó dôi dư theo lộ trình đến hết năm 2023."),
            "deadline": plain("Trong năm 2023"),
            "done": X,
            "not_done": X,
        }, Expect(4, ["4.1.2"], "year", "2023-12-31", "unknown", None,
                  audit=[STATUS_CONFLICT])),
        Row("5", {
            "shortcoming": plain(
                "Tỷ lệ cán bộ, công chức cấp xã đạt chuẩn theo quy định còn thấp (Tiêu chí "
                "5.6)"),
            "criteria": blank(),
            "remedy": listed([
                "Cử cán bộ, công chức cấp xã đi đào tạo, bồi dưỡng;",
                "Tuyển dụng công chức cấp xã đủ tiêu chuẩn.",
            ]),
            "deadline": plain("Năm 2023 - 2024"),
            "not_done": X,
            "note": plain("Đã cử 12 công chức đi học"),
        }, Expect(5, ["5.6"], "year_range", "2024-12-31", "in_progress", NOT_DONE)),
        Row("6", {
            "shortcoming": plain(
                "Chưa giao quyền tự chủ tài chính cho một số đơn vị sự nghiệp công lập thuộc "
                "huyện"),
            "criteria": plain("6.3"),
            "remedy": plain(
                "Hướng dẫn các đơn vị xây dựng phương án tự chủ, trình UBND huyện phê "
                "duyệt."),
            "deadline": plain("6 tháng cuối năm 2023"),
        }, Expect(6, ["6.3"], "half_year", "2023-12-31", "unknown", None,
                  audit=[PROGRESS_BLANK])),
        Row("7", {
            "shortcoming": plain(
                "Tỷ lệ hồ sơ TTHC được tiếp nhận và giải quyết trực tuyến toàn trình, trả kết "
                "quả qua dịch vụ bưu chính công ích còn thấp"),
            "criteria": plain("7.1.2, 7.1.3"),
            "remedy": listed([
                "Tuyên truyền, hướng dẫn người dân sử dụng dịch vụ công trực tuyến;",
                "Phối hợp Bưu điện huyện đặt điểm tiếp nhận tại các xã.",
            ]),
            "deadline": plain("Thường xuyên"),
            "done": X,
        }, Expect(7, ["7.1.2", "7.1.3"], "recurring", None, "completed", DONE)),
        Row("8", {
            "shortcoming": plain(
                "Mức độ hài lòng của người dân đối với sự phục vụ của cơ quan hành chính chưa "
                "cao"),
            "criteria": plain("8.1; 8.2"),
            "remedy": plain(
                "Thực hiện khảo sát, lấy ý kiến người dân tại Bộ phận Một cửa huyện, xã hằng "
                "quý."),
            "deadline": plain("Hằng quý"),
            "not_done": X,
        }, Expect(8, ["8.1", "8.2"], "recurring", None, "in_progress", NOT_DONE)),
    ]


TITLE = ["Kết quả khắc phục các tồn tại, hạn chế, các tiêu chí bị trừ điểm qua xác định Chỉ "
         "số cải cách hành chính năm 2022 của UBND huyện Cẩm Xuyên"]

STATISTICS = SimpleTable(
    header=["TT", "Nội dung", "Số lượng", "Tỷ lệ (%)"],
    rows=[
        ["1", "Tổng số hồ sơ TTHC tiếp nhận", "12.546", "100"],
        ["2", "Hồ sơ giải quyết đúng hạn", "12.310", "98,1"],
        ["3", "Hồ sơ tiếp nhận trực tuyến toàn trình", "4.032", "32,1"],
        ["4", "Hồ sơ trả kết quả qua dịch vụ bưu chính công ích", "1.015", "8,1"],
    ],
    widths_mm=[12, 95, 30, 28],
    caption="Bảng 1. Kết quả giải quyết TTHC 6 tháng đầu năm 2023",
)

BODY: list[str | Heading | SimpleTable] = [
    "Thực hiện chỉ đạo của UBND tỉnh về chế độ báo cáo định kỳ công tác cải cách hành chính, "
    "UBND huyện Cẩm Xuyên báo cáo kết quả 6 tháng đầu năm 2023 như sau:",
    Heading("I. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH"),
    "UBND huyện đã ban hành Kế hoạch CCHC năm 2023, Kế hoạch tuyên truyền và Kế hoạch kiểm "
    "tra CCHC; chỉ đạo các phòng, ban, UBND các xã, thị trấn triển khai thực hiện.",
    "Kết quả giải quyết thủ tục hành chính tại Bộ phận Một cửa huyện như sau:",
    STATISTICS,
    Heading("II. KẾT QUẢ KHẮC PHỤC TỒN TẠI, HẠN CHẾ"),
    "Kết quả khắc phục các tồn tại, hạn chế, các tiêu chí bị trừ điểm năm 2022 có Phụ lục "
    "kèm theo.",
    "UBND huyện Cẩm Xuyên báo cáo để Sở Nội vụ tổng hợp./.",
]

HEADER = [
    [HeaderCell("TT", vmerge=True), HeaderCell("Tồn tại, hạn chế", vmerge=True),
     HeaderCell("Tiêu chí bị trừ điểm", vmerge=True),
     HeaderCell("Giải pháp khắc phục", vmerge=True),
     HeaderCell("Thời hạn hoàn thành", vmerge=True),
     HeaderCell("Tiến độ thực hiện", span=2), HeaderCell("Ghi chú", vmerge=True)],
    [HeaderCell("", vmerge=False), HeaderCell("", vmerge=False), HeaderCell("", vmerge=False),
     HeaderCell("", vmerge=False), HeaderCell("", vmerge=False),
     HeaderCell("Đã hoàn thành"), HeaderCell("Chưa hoàn thành"),
     HeaderCell("", vmerge=False)],
]

SPEC = ReportSpec(
    stem="ubnd_camxuyen_2023",
    letterhead=Letterhead(None, "UBND HUYỆN CẨM XUYÊN", "Số: 215/BC-UBND",
                          "Cẩm Xuyên, ngày 12 tháng 7 năm 2023"),
    doc_type="BÁO CÁO",
    subject="Kết quả công tác cải cách hành chính 6 tháng đầu năm 2023",
    body=BODY,
    signature=Signature(["- Sở Nội vụ;", "- TT Huyện ủy, TT HĐND huyện;",
                         "- Chủ tịch, các PCT UBND huyện;", "- Lưu: VT, NV."],
                        ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
                        "Hoàng Văn Dũng"),
    appendix_label="PHỤ LỤC",
    appendix_title=TITLE,
    caption="(Ban hành kèm theo Báo cáo số 215/BC-UBND ngày 12/7/2023 của UBND huyện Cẩm "
            "Xuyên)",
    table=TableSpec(
        columns=[Column("seq", 10, "center"), Column("shortcoming", 60),
                 Column("criteria", 25, "center"), Column("remedy", 65),
                 Column("deadline", 25, "center"), Column("done", 20, "center"),
                 Column("not_done", 20, "center"), Column("note", 37, "center")],
        header=HEADER,
        parts=[list(_rows())],
    ),
    report={"agency": "UBND huyện Cẩm Xuyên", "agency_code": "CAMXUYEN",
            "symbol": "BC-UBND", "number": 215, "date": "2023-07-12", "month": 7,
            "year": 2023, "assessed_year": 2022, "title": " ".join(TITLE)},
    report_audit=[],
    core_title="Báo cáo CCHC 6 tháng đầu năm 2023",
    author="UBND huyện Cẩm Xuyên",
    created="2023-07-12T07:30:00",
)
