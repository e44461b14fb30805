"""Sample 1 — Sở Tư pháp, March 2023: the seed appendix reproduced as a whole Word report.

Source: ``shared/seed/000_21caff40ca806bb2.txt`` (a real appendix exported page by page from a
PDF).  In Word the rows the PDF cut across pages are whole; rows 6–7 share one vertically
merged remedy / deadline / progress cell holding the full text of both PDF pages; bullets are
separate paragraphs with the dash typed in the text; the converter's HTML debris is gone.
The number and the day of the report are blank, as in the seed.

Status decisions (rules of docs/record-format.md, first match wins, read row by row):
Rule 5 (activity in the period, no status word → in_progress) decides rows 1, 2, 6, 7, 9–12.
 1 "đã đăng ký xây dựng … Ban hành Đề án" — activity ("đăng ký" is not "đang") → in_progress
 2 "được phân công …; 100% văn bản được góp ý đúng hạn" — activity → in_progress
 3 "… còn gặp nhiều khó khăn …" — the "còn gặp khó khăn" rule with "nhiều" inside → in_progress
 4 "Đã thực hiện các giải pháp …" → completed
 5 "Đang thực hiện theo lộ trình …" → in_progress
 6,7 "… Sở Tư pháp đã thường xuyên quán triệt …" — activity → in_progress
 8 "Hiện nay, Sở đang triển khai xây dựng …" → in_progress
 9 "… đã sửa đổi, bổ sung Quy chế …" — activity; nothing claims the remedy done → in_progress
10 "Thường xuyên rà soát …" — activity → in_progress
11 "Đã phân công … để khắc phục" — activity (not "đã khắc phục") → in_progress
12 "Đã áp dụng đồng thời nhiều giải pháp …" — activity → in_progress
13 "… tiếp tục tăng cường … chưa đạt tỷ lệ …" → in_progress ("tiếp tục")
14 same text as row 3 → in_progress
15 "Đang tiếp tục triển khai thực hiện." → in_progress
"""

from __future__ import annotations

from .common import DATE_BLANK, NUMBER_BLANK, UNDETERMINED
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
    dashed,
    plain,
)

ALL_YEAR = "Thường xuyên trong năm 2023"
IN_YEAR = "Trong năm 2023"
DIGITIZE_REMEDY = [
    "Tăng cường chỉ đạo việc thực hiện công tác này;",
    "Bố trí nhân lực và cơ sở vật chất cần thiết để đảm bảo việc triển khai thực hiện.",
]
DIGITIZE_PROGRESS = (
    "Ngay từ đầu năm, đã tăng cường chỉ đạo thực hiện nhiệm vụ chuyển đổi số của ngành, tập "
    "trung đẩy mạnh số hóa thành phần hồ sơ và kết quả giải quyết TTHC. Tuy nhiên, công tác này "
    "còn gặp nhiều khó khăn do hạn chế về biên chế, số lượng hồ sơ phát sinh lớn."
)
CIVIL_SERVICE_REMEDY = (
    "Nâng cao trách nhiệm của công chức, viên chức, người lao động thuộc Sở trong thực hiện "
    "nhiệm vụ được giao; chấp hành nghiêm chủ trương, chính sách của Đảng, pháp luật của nhà "
    "nước, kỷ luật, kỷ cương hành chính, nội quy, quy chế làm việc của cơ quan, văn minh, văn "
    "hóa công sở."
)
CIVIL_SERVICE_PROGRESS = (
    "Trong quý, thông qua Lễ Chào cờ, sinh hoạt cơ quan, sinh hoạt Chi bộ,... và qua ban hành "
    "các văn bản chỉ đạo, điều hành, Sở Tư pháp đã thường xuyên quán triệt cho công chức, viên "
    "chức, người lao động tăng cường trách nhiệm trong thực hiện công vụ, nhiệm vụ, thực hiện "
    "nghiêm nội quy, quy chế làm việc của cơ quan, kỷ luật, kỷ cương hành chính và văn minh, "
    "văn hóa công sở."
)
MERGED = ["remedy", "deadline", "progress"]


def _rows() -> list[Row]:
    """The 15 rows of the seed, whole, with what a reader decides for each."""
    return [
        Row("1", {
            "shortcoming": plain(
                "Không có sáng kiến/giải pháp mới trong CCHC được Hội đồng thẩm định chỉ số "
                "CCHC Trung ương công nhận trong năm liền kề (Tiêu chí 1.7)"),
            "remedy": plain(
                "Đẩy mạnh phong trào nghiên cứu đề tài, sáng kiến khoa học về CCHC; xây dựng "
                "thành tiêu chí đánh giá, xếp loại và bình xét thi đua hàng năm."),
            "deadline": plain(ALL_YEAR),
            "progress": plain(
                "Trong quý, Sở đã đăng ký xây dựng các mô hình, sáng kiến, cách làm hay trong "
                "cải cách hành chính năm 2023 với tỉnh và Sở Nội vụ với nội dung: Ban hành Đề "
                "án hoàn thiện hệ thống văn bản QPPL của địa phương."),
        }, Expect(1, ["1.7"], "recurring", "2023-12-31", "in_progress", "đã đăng ký")),
        Row("2", {
            "shortcoming": plain(
                "Công tác tham gia góp ý các dự thảo văn bản quy phạm pháp luật được lấy ý "
                "kiến: Đạt từ 80% đến dưới 90% văn bản thực hiện kịp thời, đầy đủ và có nội "
                "dung góp ý chất lượng (Tiêu chí 2.1.5)"),
            "remedy": plain(
                "Kiểm soát chặt chẽ tiến độ, chất lượng văn bản góp ý các dự thảo văn bản quy "
                "phạm pháp luật của các Phòng, Trung tâm thuộc Sở."),
            "deadline": plain(ALL_YEAR),
            "progress": plain(
                "Nhiệm vụ góp ý dự thảo văn bản QPPL được phân công cho 01 Phó Giám đốc Sở "
                "phụ trách; 100% văn bản được góp ý đúng hạn, ý kiến góp ý chất lượng."),
        }, Expect(2, ["2.1.5"], "recurring", "2023-12-31", "in_progress", "được phân công")),
        Row("3", {
            "shortcoming": plain(
                "Việc thực hiện số hóa kết quả giải quyết thủ tục hành chính chưa đảm bảo tỷ "
                "lệ theo yêu cầu (Tiêu chí 3.2.1 và tiêu chí 7.2.5)"),
            "remedy": dashed(DIGITIZE_REMEDY),
            "deadline": plain(ALL_YEAR),
            "progress": plain(DIGITIZE_PROGRESS),
        }, Expect(3, ["3.2.1", "7.2.5"], "recurring", "2023-12-31", "in_progress",
                  "còn gặp nhiều khó khăn")),
        Row("4", {
            "shortcoming": plain(
                "Chưa đảm bảo cơ cấu tổ chức bộ máy của đơn vị sự nghiệp thuộc Sở (Trung tâm "
                "Dịch vụ đấu giá tài sản) theo quy định tại Nghị định số 107/2020/NĐ-CP "
                "(Tiêu chí 4.1.1)"),
            "remedy": dashed([
                "Thực hiện các giải pháp tăng tỷ lệ tự chủ;",
                "Thực hiện phương án sắp xếp cơ cấu tổ chức bộ máy các đơn vị sự nghiệp "
                "thuộc Sở.",
            ]),
            "deadline": plain(IN_YEAR),
            "progress": plain(
                "Đã thực hiện các giải pháp nhằm tăng tỷ lệ tự chủ của Trung tâm Dịch vụ đấu "
                "giá tài sản tỉnh, trong năm 2023, Trung tâm DVĐGTS tỉnh giảm 01 biên chế "
                "ngân sách Nhà nước, nâng tổng số biên chế đơn vị tự đảm bảo kinh phí là 05 "
                "biên chế."),
        }, Expect(4, ["4.1.1"], "year", "2023-12-31", "completed", "Đã thực hiện")),
        Row("5", {
            "shortcoming": plain(
                "Chưa đảm bảo quy định về cơ cấu số lượng cấp Phó theo quy định tại Nghị định "
                "số 120/2020/NĐ-CP tại Phòng Hành chính và Bộ trợ tư pháp (Tiêu chí 4.1.2)"),
            "remedy": plain(
                "Điều động, bổ nhiệm 01 Phó Trưởng phòng làm cấp Phó ở đơn vị sự nghiệp thuộc "
                "Sở. Trường hợp không thực hiện được phương án trên thì thực hiện quy trình "
                "xem xét không bổ nhiệm lại trong năm 2023."),
            "deadline": plain(IN_YEAR),
            "progress": plain("Đang thực hiện theo lộ trình Kế hoạch đã xây dựng."),
        }, Expect(5, ["4.1.2"], "year", "2023-12-31", "in_progress", "Đang thực hiện")),
        Row("6", {
            "shortcoming": plain(
                "Có 93% công chức, viên chức (thuộc thẩm quyền quản lý) được đánh giá hoàn "
                "thành tốt nhiệm vụ trở lên (Tiêu chí 5.4)"),
            "remedy": plain(CIVIL_SERVICE_REMEDY),
            "deadline": plain(IN_YEAR),
            "progress": plain(CIVIL_SERVICE_PROGRESS),
        }, Expect(6, ["5.4"], "year", "2023-12-31", "in_progress",
                  "đã thường xuyên quán triệt", merged=MERGED),
            vmerge={"remedy": True, "deadline": True, "progress": True}),
        Row("7", {
            "shortcoming": plain(
                "Trong năm có cán bộ, công chức, viên chức thuộc đơn vị bị kiểm điểm, xem xét "
                "xử lý kỷ luật hoặc bị kỷ luật (Tiêu chí 5.8.2.2)"),
        }, Expect(7, ["5.8.2.2"], "year", "2023-12-31", "in_progress",
                  "đã thường xuyên quán triệt", merged=MERGED),
            vmerge={"remedy": False, "deadline": False, "progress": False}),
        Row("8", {
            "shortcoming": plain(
                "Chưa tham mưu, xây dựng ban hành định mức kinh tế kỹ thuật, giá dịch vụ sự "
                "nghiệp công sử dụng ngân sách nhà nước trong lĩnh vực quản lý (theo phân "
                "cấp, thuộc phạm vi quản lý của địa phương) (Tiêu chí 6.5.2)"),
            "remedy": plain(
                "Triển khai xây dựng, tham mưu UBND tỉnh ban hành định mức kinh tế kỹ thuật, "
                "giá dịch vụ sự nghiệp công sử dụng ngân sách nhà nước trong ngành Tư pháp "
                "theo quy định."),
            "deadline": plain("Quý I/2023"),
            "progress": plain(
                "Hiện nay, Sở đang triển khai xây dựng định mức kinh tế kỹ thuật, giá dịch vụ "
                "sự nghiệp công sử dụng ngân sách nhà nước trong lĩnh vực tư pháp."),
        }, Expect(8, ["6.5.2"], "quarter", "2023-03-31", "in_progress", "đang triển khai")),
        Row("9", {
            "shortcoming": plain(
                "Tỷ lệ giảm chi trực tiếp từ ngân sách nhà nước đối với đơn vị sự nghiệp công "
                "lập so với năm đầu thời kỳ ổn định ngân sách 2017 (Tiêu chí 6.5.5)"),
            "remedy": dashed([
                "Xây dựng Quy chế chi tiêu nội bộ và quản lý tài sản công đúng quy định, phù "
                "hợp với thực tiễn và giám sát chặt chẽ việc thực hiện;",
                "Thực hiện các giải pháp tăng tính tự chủ của các đơn vị sự nghiệp thuộc Sở.",
            ]),
            "deadline": plain(IN_YEAR),
            "progress": plain(
                "Trong quý, cơ quan Sở và các đơn vị sự nghiệp đã sửa đổi, bổ sung Quy chế "
                "chi tiêu nội bộ và quản lý tài sản công của đơn vị."),
        }, Expect(9, ["6.5.5"], "year", "2023-12-31", "in_progress", "đã sửa đổi")),
        Row("10", {
            "shortcoming": plain(
                "Chất lượng Cổng Thông tin điện tử chỉ đạt 94,5% theo quy định của UBND tỉnh "
                "(Tiêu chí 7.1.1.4)"),
            "remedy": dashed([
                "Thường xuyên rà soát, bám sát các tiêu chí theo Quyết định của UBND tỉnh để "
                "hoàn thiện từng mục. Thực hiện kiểm tra các nội dung trên Cổng định kỳ 01 "
                "tháng/lần;",
                "Liên hệ Sở Thông tin và Truyền thông để thống nhất các nội dung cần công khai "
                "nhưng trong năm không phát sinh nội dung.",
            ]),
            "deadline": plain(ALL_YEAR),
            "progress": plain(
                "Thường xuyên rà soát các nội dung trên Cổng Thông tin điện tử của Sở, đặc biệt "
                "là cập nhật nội dung tin, bài, các nội dung cần công khai theo quy định."),
        }, Expect(10, ["7.1.1.4"], "recurring", "2023-12-31", "in_progress", "Thường xuyên")),
        Row("11", {
            "shortcoming": plain(
                "Kết quả phát triển chính quyền số chưa đảm bảo theo Bộ tiêu chí đánh giá được "
                "UBND tỉnh ban hành tại Quyết định số 2853/QĐ-UBND ngày 11/8/2021 của UBND "
                "tỉnh (Tiêu chí 7.1.1.7)"),
            "remedy": plain(
                "Chỉ đạo bộ phận Công nghệ thông tin phối hợp với các Phòng, Trung tâm thuộc "
                "Sở thực hiện rà soát từng tiêu chí theo Quyết định 2853/QĐ-UBND để đề ra biện "
                "pháp khắc phục."),
            "deadline": plain(IN_YEAR),
            "progress": plain(
                "Đã phân công 01 đồng chí lãnh đạo Sở trực tiếp chỉ đạo thực hiện các nhiệm "
                "vụ liên quan đến chính quyền số; Xác định các nội dung bị trừ điểm và quán "
                "triệt các cá nhân, tập thể có liên quan thực hiện các giải pháp để khắc "
                "phục."),
        }, Expect(11, ["7.1.1.7"], "year", "2023-12-31", "in_progress", "Đã phân công")),
        Row("12", {
            "shortcoming": plain(
                "Tỷ lệ số hồ sơ TTHC được tiếp nhận và giải quyết qua dịch vụ công trực tuyến "
                "toàn trình đạt dưới 50% (Tiêu chí 7.1.2.3)"),
            "remedy": dashed([
                "Tăng cường truyền thông về những lợi ích của việc thực hiện dịch vụ công trực "
                "tuyến trên môi trường điện tử;",
                "Tăng cường hướng dẫn khi tổ chức, cá nhân đến giao dịch tại Trung tâm phục vụ "
                "hành chính công tỉnh.",
            ]),
            "deadline": plain(ALL_YEAR),
            "progress": plain(
                "Đã áp dụng đồng thời nhiều giải pháp, theo đó, tỷ lệ dịch vụ công trực tuyến "
                "phát sinh trong quý I/2023 tăng 7 lần so với cùng kỳ năm 2022."),
        }, Expect(12, ["7.1.2.3"], "recurring", "2023-12-31", "in_progress", "Đã áp dụng")),
        Row("13", {
            "shortcoming": plain(
                "Tỷ lệ số hồ sơ TTHC được trả qua dịch vụ bưu chính công ích chưa đạt tỷ lệ "
                "(40% trở lên) theo quy định của UBND tỉnh (Tiêu chí 7.1.3.2)"),
            "remedy": plain(
                "Tăng cường truyền thông về những lợi ích của việc thực hiện gửi hồ sơ, nhận "
                "kết quả giải quyết TTHC qua dịch vụ BCCI."),
            "deadline": plain(ALL_YEAR),
            "progress": plain(
                "Trong quý, Sở Tư pháp tiếp tục tăng cường truyền thông về những lợi ích của "
                "việc gửi hồ sơ, nhận kết quả giải quyết TTHC qua dịch vụ BCCI. Số lượng hồ sơ "
                "sử dụng dịch vụ BCCI là khá lớn nhưng chưa đạt tỷ lệ theo quy định do số "
                "lượng hồ sơ phát sinh trong quý lớn (gần 10.000 hồ sơ)."),
        }, Expect(13, ["7.1.3.2"], "recurring", "2023-12-31", "in_progress", "tiếp tục")),
        Row("14", {
            "shortcoming": plain(
                "Chỉ có từ 80% - dưới 100% có đính kèm kết quả giải quyết TTHC theo quy trình "
                "điện tử trên Trang dichvucong.hatinh.gov.vn của tỉnh (Tiêu chí 7.2.5)"),
            "remedy": dashed(DIGITIZE_REMEDY),
            "deadline": plain(ALL_YEAR),
            "progress": plain(DIGITIZE_PROGRESS),
        }, Expect(14, ["7.2.5"], "recurring", "2023-12-31", "in_progress",
                  "còn gặp nhiều khó khăn")),
        Row("15", {
            "shortcoming": plain(
                "Việc sắp xếp và lưu trữ tài liệu, hồ sơ trong cơ quan chưa đảm bảo theo tiêu "
                "chuẩn của ISO hành chính (Tiêu chí 7.2.6)"),
            "remedy": plain(
                "Sắp xếp và lưu trữ tài liệu hồ sơ theo đúng quy trình kiểm soát thông tin đã "
                "được công bố."),
            "deadline": plain(IN_YEAR),
            "progress": plain("Đang tiếp tục triển khai thực hiện."),
        }, Expect(15, ["7.2.6"], "year", "2023-12-31", "in_progress", "Đang tiếp tục")),
    ]


TITLE = [
    "Kết quả khắc phục các tồn tại, hạn chế trong công tác cải cách hành chính,",
    "các tiêu chí bị trừ điểm trong đợt thẩm định, đánh giá cải cách hành chính của tỉnh năm "
    "2022",
]

BODY: list[str | Heading | SimpleTable] = [
    "Thực hiện Kế hoạch cải cách hành chính nhà nước năm 2023 của UBND tỉnh và hướng dẫn của "
    "Sở Nội vụ về chế độ báo cáo định kỳ, Sở Tư pháp báo cáo kết quả thực hiện công tác cải "
    "cách hành chính quý I năm 2023 như sau:",
    Heading("I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH"),
    "Ngay từ đầu năm, Sở đã ban hành Kế hoạch cải cách hành chính năm 2023, Kế hoạch tuyên "
    "truyền cải cách hành chính và Kế hoạch kiểm tra công tác cải cách hành chính, phân công "
    "nhiệm vụ cụ thể cho từng Phòng, Trung tâm thuộc Sở.",
    "Trong quý, Sở đã tiếp nhận 9.874 hồ sơ thủ tục hành chính, giải quyết đúng hạn 9.861 hồ "
    "sơ, đạt 99,87%; không có hồ sơ phải xin lỗi tổ chức, công dân.",
    Heading("II. KẾT QUẢ KHẮC PHỤC CÁC TỒN TẠI, HẠN CHẾ"),
    "Kết quả khắc phục các tồn tại, hạn chế, các tiêu chí bị trừ điểm qua thẩm định, đánh giá "
    "cải cách hành chính năm 2022 có Phụ lục chi tiết kèm theo.",
    Heading("III. NHIỆM VỤ TRỌNG TÂM QUÝ II NĂM 2023"),
    "Tiếp tục triển khai các nhiệm vụ theo Kế hoạch cải cách hành chính năm 2023; tập trung "
    "khắc phục các tiêu chí bị trừ điểm trong lĩnh vực hiện đại hóa hành chính.",
    "Trên đây là báo cáo kết quả công tác cải cách hành chính quý I năm 2023 của Sở Tư pháp./.",
]

SPEC = ReportSpec(
    stem="stp_2023_q1",
    letterhead=Letterhead("UBND TỈNH HÀ TĨNH", "SỞ TƯ PHÁP", "Số:      /BC-STP",
                          "Hà Tĩnh, ngày      tháng 3 năm 2023"),
    doc_type="BÁO CÁO",
    subject="Kết quả thực hiện công tác cải cách hành chính quý I năm 2023",
    body=BODY,
    signature=Signature(["- Sở Nội vụ;", "- Giám đốc, các PGĐ Sở;", "- Lưu: VT, VP."],
                        ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"], "Nguyễn Văn An"),
    appendix_label="PHỤ LỤC",
    appendix_title=TITLE,
    caption="(Ban hành kèm theo Báo cáo số /BC-STP ngày /3/2023 của Sở Tư pháp)",
    table=TableSpec(
        columns=[Column("seq", 12, "center"), Column("shortcoming", 70),
                 Column("remedy", 75), Column("deadline", 30, "center"),
                 Column("progress", 75)],
        header=[[HeaderCell("TT"),
                 HeaderCell("Các tồn tại, hạn chế trong công tác CCHC, các tiêu chí bị trừ "
                            "điểm"),
                 HeaderCell("Tham mưu giải pháp khắc phục cụ thể"),
                 HeaderCell("Thời hạn hoàn thành"),
                 HeaderCell("Tiến độ thực hiện (Đã hoàn thành hoặc chưa hoàn thành thì cập "
                            "nhật rõ tiến độ)")]],
        parts=[list(_rows())],
    ),
    report={"agency": "Sở Tư pháp", "agency_code": "STP", "symbol": "BC-STP", "number": None,
            "date": None, "month": 3, "year": 2023, "assessed_year": 2022,
            "title": " ".join(TITLE)},
    report_audit=[NUMBER_BLANK, DATE_BLANK],
    core_title="Báo cáo kết quả CCHC quý I năm 2023",
    author="Sở Tư pháp Hà Tĩnh",
    created="2023-03-24T08:00:00",
)
