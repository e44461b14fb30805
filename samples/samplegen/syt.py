"""Sample 2 — Sở Y tế, Báo cáo số 45/BC-SYT ngày 20/6/2023.

Layout: a column-number row ``(1) … (7)`` under the header (both repeat on each page), group
rows per reform area spanning all seven columns (their text is the section of the rows
below), extra columns "Đơn vị chủ trì" (owner) and "Ghi chú" (note), sequence numbers that run
on across sections, criterion codes written ``TC 1.7``, ``TCTP 3.2.1``, ``(Tiêu chí 5.3; 5.5)``
and one row whose decree number and date sit next to its code.

Decisions (report date 2023-06-20):
 1 "Đã hoàn thành việc giao nhiệm vụ …" → completed; "Hằng quý" recurring, no year → due null
 2 "Đang triển khai đăng ký …" → in_progress; Quý III/2023 → 2023-09-30
 3 "Đang xây dựng dự thảo …" → in_progress; 30/6/2023 is after the report date: not overdue
 4 "Chưa thực hiện." → not_started; codes: only 2.2.3 (not 98/2021, not 08/11/2021)
 5 "Đã số hóa … còn gặp khó khăn …" → in_progress; Quý I/2023 = 2023-03-31 < 2023-06-20 → overdue
 6 progress blank → unknown, progress_blank; 6 tháng cuối năm 2023 → half_year 2023-12-31
 7 "Đã ban hành Kế hoạch …; đang kiểm tra …" → in_progress first ("đang kiểm tra")
 8 "Đã hoàn thành dự thảo, đang lấy ý kiến …" → in_progress first ("đang lấy")
 9 "Đã hoàn thành. …" → completed (Tháng 5/2023 passed, but completed: not overdue)
10 "Hoàn thành 60% khối lượng công việc." → in_progress ("Hoàn thành 60%"); ISO 9001:2015 no code
"""

from __future__ import annotations

from .common import OVERDUE, PROGRESS_BLANK
from .spec import (
    Column,
    Expect,
    Group,
    HeaderCell,
    Heading,
    Letterhead,
    ReportSpec,
    Row,
    Signature,
    SimpleTable,
    TableSpec,
    blank,
    dashed,
    plain,
)

OFFICE = "Văn phòng Sở"
PERSONNEL = "Phòng Tổ chức cán bộ"
FINANCE = "Phòng Kế hoạch - Tài chính"


def _rows() -> list[Row | Group]:
    """Ten rows in six area groups, numbered 1–10 straight through."""
    return [
        Group("I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC"),
        Row("1", {
            "shortcoming": plain(
                "Chưa hoàn thành 100% nhiệm vụ đề ra trong Kế hoạch CCHC năm 2022 của Sở "
                "(TC 1.2)"),
            "remedy": dashed([
                "Rà soát, giao nhiệm vụ cụ thể cho từng phòng, đơn vị;",
                "Kiểm tra, đôn đốc tiến độ thực hiện hằng tháng.",
            ]),
            "owner": plain(OFFICE),
            "deadline": plain("Hằng quý"),
            "progress": plain(
                "Đã hoàn thành việc giao nhiệm vụ tại Kế hoạch số 12/KH-SYT ngày 10/01/2023."),
        }, Expect(1, ["1.2"], "recurring", None, "completed", "Đã hoàn thành")),
        Row("2", {
            "shortcoming": plain(
                "Không có sáng kiến, giải pháp mới về CCHC được cấp có thẩm quyền công nhận "
                "(TC 1.7)"),
            "remedy": plain(
                "Phát động phong trào thi đua đăng ký sáng kiến CCHC trong toàn ngành y tế."),
            "owner": plain(PERSONNEL),
            "deadline": plain("Quý III/2023"),
            "progress": plain("Đang triển khai đăng ký sáng kiến tại các đơn vị trực thuộc."),
        }, Expect(2, ["1.7"], "quarter", "2023-09-30", "in_progress", "Đang triển khai")),
        Group("II. CẢI CÁCH THỂ CHẾ"),
        Row("3", {
            "shortcoming": plain(
                "Tham mưu ban hành văn bản quy phạm pháp luật còn chậm so với Chương trình xây "
                "dựng văn bản QPPL của UBND tỉnh năm 2022 (TCTP 2.1.1)"),
            "remedy": plain(
                "Xây dựng lộ trình soạn thảo chi tiết cho từng dự thảo, gắn trách nhiệm người "
                "đứng đầu phòng chủ trì."),
            "owner": plain("Phòng Nghiệp vụ Y"),
            "deadline": plain("30/6/2023"),
            "progress": plain(
                "Đang xây dựng dự thảo Quyết định quy định chức năng, nhiệm vụ, quyền hạn và cơ "
                "cấu tổ chức của Sở Y tế, dự kiến trình UBND tỉnh trong tháng 6/2023."),
        }, Expect(3, ["2.1.1"], "date", "2023-06-30", "in_progress", "Đang xây dựng")),
        Row("4", {
            "shortcoming": plain(
                "Chưa kịp thời rà soát, đề nghị sửa đổi văn bản hướng dẫn về quản lý trang "
                "thiết bị y tế theo Nghị định số 98/2021/NĐ-CP ngày 08/11/2021 (TC 2.2.3)"),
            "remedy": plain(
                "Rà soát, tham mưu sửa đổi, bổ sung các văn bản không còn phù hợp."),
            "owner": plain(FINANCE),
            "deadline": plain("Tháng 9/2023"),
            "progress": plain("Chưa thực hiện."),
        }, Expect(4, ["2.2.3"], "month", "2023-09-30", "not_started", "Chưa thực hiện")),
        Group("III. CẢI CÁCH THỦ TỤC HÀNH CHÍNH"),
        Row("5", {
            "shortcoming": plain(
                "Tỷ lệ số hóa hồ sơ, kết quả giải quyết TTHC đạt thấp (TCTP 3.2.1)"),
            "remedy": dashed([
                "Bố trí 02 công chức chuyên trách số hóa tại Bộ phận Một cửa;",
                "Đề nghị bổ sung máy quét tài liệu.",
            ]),
            "owner": plain(OFFICE),
            "deadline": plain("Quý I/2023"),
            "progress": plain(
                "Đã số hóa được khoảng 70% hồ sơ phát sinh; còn gặp khó khăn do thiếu thiết "
                "bị."),
            "note": plain("Thiếu máy quét chuyên dụng"),
        }, Expect(5, ["3.2.1"], "quarter", "2023-03-31", "in_progress", "còn gặp khó khăn",
                  overdue=True, audit=[OVERDUE])),
        Row("6", {
            "shortcoming": plain(
                "Công khai thủ tục hành chính trên Cổng Dịch vụ công của tỉnh chưa đầy đủ, kịp "
                "thời (TC 3.1.2)"),
            "remedy": plain(
                "Phân công công chức rà soát, cập nhật TTHC ngay sau khi có quyết định công "
                "bố."),
            "owner": plain(OFFICE),
            "deadline": plain("6 tháng cuối năm 2023"),
            "progress": blank(),
        }, Expect(6, ["3.1.2"], "half_year", "2023-12-31", "unknown", None,
                  audit=[PROGRESS_BLANK])),
        Group("IV. CẢI CÁCH CHẾ ĐỘ CÔNG VỤ"),
        Row("7", {
            "shortcoming": plain(
                "Tỷ lệ công chức, viên chức được đánh giá hoàn thành tốt nhiệm vụ trở lên chưa "
                "đạt yêu cầu; còn có viên chức bị xử lý kỷ luật (Tiêu chí 5.3; 5.5)"),
            "remedy": plain(
                "Tăng cường kiểm tra công vụ, chấn chỉnh kỷ luật, kỷ cương hành chính tại các "
                "đơn vị trực thuộc."),
            "owner": plain("Thanh tra Sở"),
            "deadline": plain("Năm 2023 - 2024"),
            "progress": plain(
                "Đã ban hành Kế hoạch kiểm tra công vụ năm 2023; đang kiểm tra tại 05 đơn "
                "vị."),
        }, Expect(7, ["5.3", "5.5"], "year_range", "2024-12-31", "in_progress",
                  "đang kiểm tra")),
        Group("V. CẢI CÁCH TÀI CHÍNH CÔNG"),
        Row("8", {
            "shortcoming": plain(
                "Chưa ban hành định mức kinh tế - kỹ thuật dịch vụ sự nghiệp công trong lĩnh "
                "vực y tế (Tiêu chí 6.5.2)"),
            "remedy": plain(
                "Phối hợp Sở Tài chính tham mưu UBND tỉnh ban hành định mức kinh tế - kỹ "
                "thuật."),
            "owner": plain(FINANCE),
            "deadline": plain("Quý III/2023"),
            "progress": plain("Đã hoàn thành dự thảo, đang lấy ý kiến các sở, ngành."),
        }, Expect(8, ["6.5.2"], "quarter", "2023-09-30", "in_progress", "đang lấy")),
        Group("VI. XÂY DỰNG VÀ PHÁT TRIỂN CHÍNH QUYỀN ĐIỆN TỬ, CHÍNH QUYỀN SỐ"),
        Row("9", {
            "shortcoming": plain(
                "Tỷ lệ hồ sơ TTHC được giải quyết trực tuyến toàn trình đạt thấp (Tiêu chí "
                "7.1.2.3)"),
            "remedy": plain(
                "Hướng dẫn tổ chức, cá nhân nộp hồ sơ trực tuyến tại Bộ phận Một cửa."),
            "owner": plain(OFFICE),
            "deadline": plain("Tháng 5/2023"),
            "progress": plain(
                "Đã hoàn thành. Tỷ lệ hồ sơ trực tuyến toàn trình 5 tháng đầu năm đạt 52%."),
            "note": plain("Vượt chỉ tiêu"),
        }, Expect(9, ["7.1.2.3"], "month", "2023-05-31", "completed", "Đã hoàn thành")),
        Row("10", {
            "shortcoming": plain(
                "Hệ thống quản lý chất lượng theo tiêu chuẩn ISO 9001:2015 chưa được duy trì, "
                "cập nhật thường xuyên (TC 7.2.6)"),
            "remedy": dashed([
                "Rà soát, cập nhật quy trình ISO theo danh mục TTHC mới công bố;",
                "Tổ chức đánh giá nội bộ.",
            ]),
            "owner": plain(OFFICE),
            "deadline": plain("Thường xuyên"),
            "progress": plain("Hoàn thành 60% khối lượng công việc."),
        }, Expect(10, ["7.2.6"], "recurring", None, "in_progress", "Hoàn thành 60%")),
    ]


TITLE = ["Kết quả khắc phục các tồn tại, hạn chế qua kết quả xác định Chỉ số cải cách hành "
         "chính năm 2022 của Sở Y tế"]

HEADERS = ["TT", "Tồn tại, hạn chế", "Giải pháp khắc phục", "Đơn vị chủ trì",
           "Thời hạn hoàn thành", "Tiến độ thực hiện", "Ghi chú"]

BODY: list[str | Heading | SimpleTable] = [
    "Thực hiện Công văn của Sở Nội vụ về việc báo cáo kết quả công tác cải cách hành chính 6 "
    "tháng đầu năm 2023, Sở Y tế báo cáo như sau:",
    Heading("I. KẾT QUẢ THỰC HIỆN"),
    "Sở đã ban hành Kế hoạch cải cách hành chính năm 2023 và các văn bản chỉ đạo, đôn đốc các "
    "phòng, đơn vị trực thuộc thực hiện. Tỷ lệ hồ sơ thủ tục hành chính giải quyết đúng hạn "
    "đạt 99,2%; tỷ lệ hồ sơ nộp trực tuyến đạt 52%.",
    "Kết quả khắc phục các tồn tại, hạn chế qua xác định Chỉ số cải cách hành chính năm 2022 "
    "có Phụ lục kèm theo.",
    Heading("II. NHIỆM VỤ 6 THÁNG CUỐI NĂM 2023"),
    "Tiếp tục đẩy mạnh số hóa hồ sơ, kết quả giải quyết thủ tục hành chính; hoàn thành các "
    "nhiệm vụ khắc phục còn chậm tiến độ.",
    "Sở Y tế báo cáo để Sở Nội vụ tổng hợp./.",
]

SPEC = ReportSpec(
    stem="syt_2023_q2",
    letterhead=Letterhead("UBND TỈNH HÀ TĨNH", "SỞ Y TẾ", "Số: 45/BC-SYT",
                          "Hà Tĩnh, ngày 20 tháng 6 năm 2023"),
    doc_type="BÁO CÁO",
    subject="Kết quả công tác cải cách hành chính 6 tháng đầu năm 2023",
    body=BODY,
    signature=Signature(["- Sở Nội vụ;", "- Giám đốc Sở;", "- Lưu: VT, VP."],
                        ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"], "Trần Thị Bình"),
    appendix_label="PHỤ LỤC",
    appendix_title=TITLE,
    caption="(Kèm theo Báo cáo số 45/BC-SYT ngày 20/6/2023 của Sở Y tế)",
    table=TableSpec(
        columns=[Column("seq", 10, "center"), Column("shortcoming", 62), Column("remedy", 62),
                 Column("owner", 28, "center"), Column("deadline", 25, "center"),
                 Column("progress", 52), Column("note", 23, "center")],
        header=[[HeaderCell(h) for h in HEADERS],
                [HeaderCell(f"({i})") for i in range(1, len(HEADERS) + 1)]],
        parts=[_rows()],
    ),
    report={"agency": "Sở Y tế", "agency_code": "SYT", "symbol": "BC-SYT", "number": 45,
            "date": "2023-06-20", "month": 6, "year": 2023, "assessed_year": 2022,
            "title": " ".join(TITLE)},
    report_audit=[],
    core_title="Báo cáo CCHC 6 tháng đầu năm 2023",
    author="Sở Y tế Hà Tĩnh",
    created="2023-06-20T07:30:00",
)
