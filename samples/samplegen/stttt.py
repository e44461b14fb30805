"""Sample 5 — Sở Thông tin và Truyền thông, Báo cáo số 07/BC-STTTT ngày 28/9/2023.

Layout: TT cells written "1.", "2.", … with a gap (3 then 5), a row with no criterion code, an
all-caps appendix title, deadlines "Trước ngày 30/9/2023", "Đến hết năm 2023", "Giai đoạn
2023-2025", "Thường xuyên", a deadline without a year ("Quý II"), a deadline broken by a
manual line break, a progress cell with a ``w:softHyphen`` and a non-breaking space, typed
"+" bullets and a typed "1. 2." list.  The number is written zero-padded ("07") as Decree 30
asks for numbers below 10.

Decisions (report date 2023-09-28):
 1 "Quý II" → quarter, year from the report: 2023-06-30 (deadline_year_inferred); completed
 2 "Tiếp tục thực hiện; …" → in_progress ("Tiếp tục")
 3 "Đã hoàn thành, …" → completed; "Trước ngày 30/9/2023" → date 2023-09-30
 5 seq gap (4 missing); no code → criteria_missing; "Đang phối hợp …" → in_progress
 6 "Đã xây dựng dự thảo Đề án, đang lấy ý kiến …" → in_progress first ("đang lấy");
   the circular number and date next to the code are not codes: only 7.1.4
 7 "Đã hoàn thành; …" → completed; deadline "Thường xuyên⏎trong năm 2023" → recurring 2023-12-31
 8 "Chưa thực hiện do …" → not_started; Tháng 8/2023 = 2023-08-31 < 2023-09-28 → overdue
 9 "Đã cử …; số còn lại tiếp tục cử …" → in_progress ("tiếp tục")
"""

from __future__ import annotations

from .common import CRITERIA_MISSING, OVERDUE, YEAR_INFERRED, seq_gap
from .spec import (
    Column,
    Expect,
    HeaderCell,
    Heading,
    Letterhead,
    Para,
    ReportSpec,
    Row,
    Seg,
    Signature,
    SimpleTable,
    TableSpec,
    custom,
    dashed,
    plain,
    typed_numbers,
)


def _rows() -> list[Row]:
    """Eight rows numbered 1., 2., 3., 5., … 9."""
    return [
        Row("1.", {
            "shortcoming": plain(
                "Ban hành Kế hoạch tuyên truyền CCHC năm 2022 chậm so với thời hạn của UBND "
                "tỉnh (Tiêu chí 1.4)"),
            "remedy": plain("Ban hành Kế hoạch tuyên truyền CCHC năm 2023 ngay từ đầu năm."),
            "deadline": plain("Quý II"),
            "progress": plain("Đã ban hành Kế hoạch số 18/KH-STTTT ngày 10/02/2023."),
        }, Expect(1, ["1.4"], "quarter", "2023-06-30", "completed", "Đã ban hành",
                  audit=[YEAR_INFERRED])),
        Row("2.", {
            "shortcoming": plain(
                "Tỷ lệ văn bản trao đổi giữa các cơ quan nhà nước dưới dạng điện tử chưa đạt "
                "100% (TC 7.1.1.2)"),
            "remedy": dashed([
                "Quán triệt 100% văn bản đi phải được ký số;",
                "Kiểm tra việc gửi, nhận văn bản điện tử hằng tháng.",
            ], marker="+ "),
            "deadline": plain("Thường xuyên"),
            "progress": plain(
                "Tiếp tục thực hiện; tỷ lệ văn bản điện tử 9 tháng đạt 98,6%."),
        }, Expect(2, ["7.1.1.2"], "recurring", None, "in_progress", "Tiếp tục")),
        Row("3.", {
            "shortcoming": plain(
                "Việc cung cấp dịch vụ công trực tuyến toàn trình đối với TTHC thuộc thẩm quyền "
                "của Sở chưa đạt chỉ tiêu (Tiêu chí 7.1.2.1 và 7.1.2.2)"),
            "remedy": plain(
                "Rà soát, đề xuất UBND tỉnh công bố bổ sung danh mục dịch vụ công trực tuyến "
                "toàn trình."),
            "deadline": plain("Trước ngày 30/9/2023"),
            "progress": plain(
                "Đã hoàn thành, đã trình UBND tỉnh công bố bổ sung 12 dịch vụ công trực tuyến "
                "toàn trình."),
        }, Expect(3, ["7.1.2.1", "7.1.2.2"], "date", "2023-09-30", "completed",
                  "Đã hoàn thành")),
        Row("5.", {
            "shortcoming": plain(
                "Chưa kết nối Hệ thống thông tin báo cáo của Sở với Hệ thống thông tin báo cáo "
                "của tỉnh"),
            "remedy": plain(
                "Phối hợp với đơn vị cung cấp phần mềm thực hiện kết nối, tích hợp."),
            "deadline": plain("Đến hết năm 2023"),
            "progress": plain(
                "Đang phối hợp với doanh nghiệp khảo sát, xây dựng phương án kết nối."),
        }, Expect(5, [], "year", "2023-12-31", "in_progress", "Đang phối hợp",
                  audit=[seq_gap("4"), CRITERIA_MISSING])),
        Row("6.", {
            "shortcoming": plain(
                "Hạ tầng kỹ thuật phục vụ chuyển đổi số chưa đồng bộ; an toàn thông tin mạng "
                "chưa được kiểm tra định kỳ theo Thông tư số 12/2022/TT-BTTTT ngày 12/8/2022 "
                "(Tiêu chí 7.1.4)"),
            "remedy": typed_numbers([
                "Xây dựng Đề án nâng cấp hạ tầng kỹ thuật giai đoạn 2023-2025;",
                "Tổ chức kiểm tra an toàn thông tin mạng hằng năm.",
            ]),
            "deadline": plain("Giai đoạn 2023-2025"),
            "progress": plain("Đã xây dựng dự thảo Đề án, đang lấy ý kiến các sở, ngành."),
        }, Expect(6, ["7.1.4"], "year_range", "2025-12-31", "in_progress", "đang lấy")),
        Row("7.", {
            "shortcoming": plain(
                "Tin, bài trên Cổng Thông tin điện tử của Sở cập nhật chưa thường xuyên "
                "(Tiêu chí 7.1.1.4)"),
            "remedy": plain("Phân công biên tập viên cập nhật tin, bài hằng ngày."),
            "deadline": custom(
                [Para((Seg("text", "Thường xuyên"), Seg("br"), Seg("text", "trong năm 2023")))],
                "Thường xuyên trong năm 2023"),
            "progress": custom(
                [Para((Seg("text", "Đã hoàn thành;\u00a0bình quân mỗi tháng cập nh"),
                       Seg("shy"),
                       Seg("text", "ật 25 tin, bài trên Cổng Thông tin điện tử của Sở.")))],
                "Đã hoàn thành; bình quân mỗi tháng cập nhật 25 tin, bài trên Cổng Thông tin "
                "điện tử của Sở."),
        }, Expect(7, ["7.1.1.4"], "recurring", "2023-12-31", "completed", "Đã hoàn thành")),
        Row("8.", {
            "shortcoming": plain(
                "Tỷ lệ hồ sơ TTHC trả kết quả qua dịch vụ bưu chính công ích đạt thấp (Tiêu "
                "chí 7.1.3.2)"),
            "remedy": plain(
                "Phối hợp Bưu điện tỉnh tuyên truyền, hướng dẫn tổ chức, cá nhân sử dụng dịch "
                "vụ BCCI."),
            "deadline": plain("Tháng 8/2023"),
            "progress": plain(
                "Chưa thực hiện do chưa ký kết được hợp đồng với Bưu điện tỉnh."),
        }, Expect(8, ["7.1.3.2"], "month", "2023-08-31", "not_started", "Chưa thực hiện",
                  overdue=True, audit=[OVERDUE])),
        Row("9.", {
            "shortcoming": plain(
                "Một số công chức chưa hoàn thành chương trình bồi dưỡng kỹ năng số theo kế "
                "hoạch (TC 5.6)"),
            "remedy": plain(
                "Cử công chức tham gia các lớp bồi dưỡng kỹ năng số do tỉnh tổ chức."),
            "deadline": plain("Quý IV/2023"),
            "progress": plain(
                "Đã cử 05/08 công chức tham gia bồi dưỡng; số còn lại tiếp tục cử trong quý "
                "IV."),
        }, Expect(9, ["5.6"], "quarter", "2023-12-31", "in_progress", "tiếp tục")),
    ]


TITLE = ["KẾT QUẢ KHẮC PHỤC CÁC TỒN TẠI, HẠN CHẾ, CÁC TIÊU CHÍ BỊ TRỪ ĐIỂM",
         "TRONG ĐÁNH GIÁ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2022"]

BODY: list[str | Heading | SimpleTable] = [
    "Thực hiện yêu cầu của Sở Nội vụ về báo cáo công tác cải cách hành chính quý III năm "
    "2023, Sở Thông tin và Truyền thông báo cáo như sau:",
    Heading("I. KẾT QUẢ ĐẠT ĐƯỢC"),
    "Trong quý, Sở đã tham mưu UBND tỉnh ban hành Kế hoạch chuyển đổi số năm 2023; duy trì "
    "vận hành ổn định Hệ thống thông tin giải quyết thủ tục hành chính của tỉnh.",
    "Kết quả khắc phục các tồn tại, hạn chế trong đánh giá Chỉ số cải cách hành chính năm "
    "2022 tại Phụ lục kèm theo.",
    Heading("II. NHIỆM VỤ QUÝ IV NĂM 2023"),
    "Hoàn thành các nhiệm vụ còn lại của Kế hoạch cải cách hành chính năm 2023./.",
]

SPEC = ReportSpec(
    stem="stttt_2023_q3",
    letterhead=Letterhead("UBND TỈNH HÀ TĨNH", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG",
                          "Số: 07/BC-STTTT", "Hà Tĩnh, ngày 28 tháng 9 năm 2023"),
    doc_type="BÁO CÁO",
    subject="Kết quả công tác cải cách hành chính quý III năm 2023",
    body=BODY,
    signature=Signature(["- Sở Nội vụ;", "- Giám đốc Sở;", "- Lưu: VT, VP."],
                        ["GIÁM ĐỐC"], "Lê Thị Hoa"),
    appendix_label="PHỤ LỤC",
    appendix_title=TITLE,
    caption="(Ban hành kèm theo Báo cáo số 07/BC-STTTT ngày 28/9/2023 của Sở Thông tin và "
            "Truyền thông)",
    table=TableSpec(
        columns=[Column("seq", 12, "center"), Column("shortcoming", 75), Column("remedy", 70),
                 Column("deadline", 30, "center"), Column("progress", 75)],
        header=[[HeaderCell("TT"), HeaderCell("Nội dung tồn tại, hạn chế"),
                 HeaderCell("Giải pháp khắc phục"), HeaderCell("Thời gian hoàn thành"),
                 HeaderCell("Kết quả thực hiện")]],
        parts=[list(_rows())],
    ),
    report={"agency": "Sở Thông tin và Truyền thông", "agency_code": "STTTT",
            "symbol": "BC-STTTT", "number": 7, "date": "2023-09-28", "month": 9, "year": 2023,
            "assessed_year": 2022, "title": " ".join(TITLE)},
    report_audit=[],
    core_title="Báo cáo CCHC quý III năm 2023",
    author="Sở Thông tin và Truyền thông Hà Tĩnh",
    created="2023-09-28T08:00:00",
)
