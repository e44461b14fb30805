"""Sample 4 — Sở Nội vụ, Báo cáo số 1856/BC-SNV ngày 05/10/2023: a long appendix (45 rows).

Layout: the header row repeats on every page (``w:tblHeader``); rows 20–22 share one remedy
cell and one deadline cell merged vertically over three rows; row 12 is followed by a row whose
STT cell is empty — text pasted from a PDF, each cell the continuation of row 12's cell (the
finding is the joined text, one space at the cut, and the code cut "(Tiêu" / "chí 2.3.2)" is
one code); the table was cut by hand after row 30 into two consecutive tables (the second
repeats the header; a page-break paragraph between); row 17's progress holds a tracked change
(``w:del`` "Đang xây dựng dự thảo" dropped, ``w:ins`` "Đã ban hành" kept — read with the
deletion the status would be in_progress, without it completed);
row 25's deadline is a date-picker content control (``w:sdt``); row 38's shortcoming holds a
hyperlink; row 27's progress is a dash list.

The rows are written from two small phrase tables, each entry decided once by hand with the
rules of docs/record-format.md: DEADLINES (text → kind, due date, audit) and PROGRESS (text →
status, evidence, audit).  ``overdue`` is written per row by hand (report date 2023-10-05:
due before it and not completed) and checked by samplegen.expected.
"""

from __future__ import annotations

from .common import (
    CRITERIA_MISSING,
    DEADLINE_BLANK,
    DEADLINE_UNPARSED,
    OVERDUE,
    PROGRESS_BLANK,
    REMEDY_BLANK,
    UNDETERMINED,
    YEAR_INFERRED,
)
from .spec import (
    Cell,
    Column,
    Expect,
    Group,
    HeaderCell,
    Heading,
    Letterhead,
    Note,
    Para,
    ReportSpec,
    Row,
    Seg,
    Signature,
    SimpleTable,
    TableSpec,
    blank,
    custom,
    dashed,
    plain,
    text_para,
)

# key → (text or None, kind, due date, audit notes)
DEADLINES: dict[str, tuple[str | None, str | None, str | None, list[Note]]] = {
    "TX": ("Thường xuyên", "recurring", None, []),
    "TXN": ("Thường xuyên trong năm 2023", "recurring", "2023-12-31", []),
    "N": ("Trong năm 2023", "year", "2023-12-31", []),
    "Q2": ("Quý II/2023", "quarter", "2023-06-30", []),
    "Q4": ("Quý IV/2023", "quarter", "2023-12-31", []),
    "T8": ("Tháng 8/2023", "month", "2023-08-31", []),
    "T11": ("Tháng 11/2023", "month", "2023-11-30", []),
    "D30/9": ("30/9/2023", "date", "2023-09-30", []),
    "TD15/12": ("Trước ngày 15/12/2023", "date", "2023-12-15", []),
    "H1": ("6 tháng đầu năm 2023", "half_year", "2023-06-30", []),
    "H2": ("6 tháng cuối năm 2023", "half_year", "2023-12-31", []),
    "R23-24": ("Năm 2023 - 2024", "year_range", "2024-12-31", []),
    "HN": ("Hằng năm", "recurring", None, []),
    "Q3?": ("Quý III", "quarter", "2023-09-30", [YEAR_INFERRED]),
    "BNV": ("Sau khi có hướng dẫn của Bộ Nội vụ", "unparsed", None, [DEADLINE_UNPARSED]),
    "BLANK": (None, None, None, [DEADLINE_BLANK]),
}

# key → (text or None, status, evidence, audit notes)
PROGRESS: dict[str, tuple[str | None, str, str | None, list[Note]]] = {
    "done": ("Đã hoàn thành.", "completed", "Đã hoàn thành", []),
    "deploying": ("Đang triển khai thực hiện.", "in_progress", "Đang triển khai", []),
    "not_started": ("Chưa thực hiện.", "not_started", "Chưa thực hiện", []),
    "drafting": ("Đang xây dựng dự thảo, dự kiến trình Giám đốc Sở ký ban hành trong tháng "
                 "10/2023.", "in_progress", "Đang xây dựng", []),
    "issued_plan": ("Đã ban hành Kế hoạch số 112/KH-SNV ngày 20/3/2023 và tổ chức triển "
                    "khai.", "completed", "Đã ban hành", []),
    "continue": ("Tiếp tục đôn đốc các phòng, đơn vị thực hiện.", "in_progress", "Tiếp tục",
                 []),
    # "hoàn thành N%" is in_progress, and the in_progress rules come before "hoàn thành".
    "pct": ("Hoàn thành 80% khối lượng công việc; phần còn lại hoàn thành trong quý IV/2023.",
            "in_progress", "Hoàn thành 80%", []),
    "unfinished": ("Chưa hoàn thành do chưa bố trí được kinh phí.", "in_progress",
                   "Chưa hoàn thành", []),
    "fixed": ("Đã khắc phục, số hồ sơ trễ hạn giảm còn 0,5%.", "completed", "Đã khắc phục",
              []),
    # "đã tổ chức" reports activity in the quarter, no status word: under way (rule 5).
    "trained": ("Trong quý, Sở đã tổ chức 02 lớp tập huấn cho công chức làm công tác CCHC.",
                "in_progress", "đã tổ chức", []),
    "waiting": ("Chưa triển khai do chưa có hướng dẫn của Bộ Nội vụ.", "not_started",
                "Chưa triển khai", []),
    "hard": ("Còn gặp khó khăn do thiếu nhân lực chuyên trách về công nghệ thông tin.",
             "in_progress", "Còn gặp khó khăn", []),
    "blank": (None, "unknown", None, [PROGRESS_BLANK]),
    "processing": ("Trong quá trình thẩm định hồ sơ, dự kiến hoàn thành trong tháng 11/2023.",
                   "in_progress", "Trong quá trình", []),
    "reviewed": ("Đã thực hiện rà soát, cập nhật đầy đủ.", "completed", "Đã thực hiện", []),
    "below": ("Chưa đạt chỉ tiêu đề ra (đạt 35%/50%).", "in_progress", "Chưa đạt", []),
    "approved": ("Kế hoạch tuyển dụng đã được UBND tỉnh phê duyệt tại Quyết định số "
                 "1520/QĐ-UBND ngày 12/7/2023.", "completed", "đã được", []),
    "fixed_link": ("Đã khắc phục, 100% hồ sơ đã đính kèm kết quả điện tử trên Cổng.",
                   "completed", "Đã khắc phục", []),
    "iso_issued": ("Đã ban hành Quyết định công bố lại Hệ thống quản lý chất lượng phù hợp "
                   "TCVN ISO 9001:2015.", "completed", "Đã ban hành", []),
}

# Remedies reused across rows (units copy their remedies from row to row).
R_PLAN = plain("Xây dựng, ban hành kế hoạch đúng thời hạn; phân công cụ thể nhiệm vụ cho "
               "từng phòng, đơn vị.")
R_CHECK = dashed(["Tăng cường kiểm tra, đôn đốc việc thực hiện nhiệm vụ;",
                  "Đưa kết quả thực hiện vào đánh giá, xếp loại cuối năm."])
R_LEGAL = dashed(["Rà soát, hệ thống hóa văn bản QPPL thuộc lĩnh vực quản lý;",
                  "Kịp thời tham mưu sửa đổi, bổ sung, thay thế văn bản không còn phù hợp."])
R_DIGITIZE = dashed(["Bố trí nhân lực và thiết bị cho công tác số hóa;",
                     "Kiểm tra, đôn đốc việc số hóa hằng tháng."])
R_ONLINE = plain("Tăng cường tuyên truyền, hướng dẫn tổ chức, cá nhân sử dụng dịch vụ công "
                 "trực tuyến và dịch vụ bưu chính công ích.")
R_TRAINING = plain("Xây dựng kế hoạch đào tạo, bồi dưỡng sát với nhu cầu vị trí việc làm.")
R_FINANCE = dashed(["Rà soát, sửa đổi Quy chế chi tiêu nội bộ;",
                    "Công khai tài chính theo quy định."])
R_CRITERIA = plain("Rà soát từng tiêu chí thành phần bị trừ điểm, phân công người phụ trách "
                   "khắc phục.")
R_SURVEY = plain("Tổ chức khảo sát, lấy ý kiến người dân, tổ chức; xử lý kịp thời các phản "
                 "ánh.")
R_DISCIPLINE = plain("Tăng cường kiểm tra công vụ, chấn chỉnh kỷ luật, kỷ cương hành chính.")
R_ISO = dashed(["Cập nhật quy trình ISO khi có TTHC mới được công bố;",
                "Tổ chức đánh giá nội bộ theo định kỳ."])
R_STAFFING = dashed([
    "Rà soát tổng thể vị trí việc làm, biên chế của cơ quan và các đơn vị trực thuộc;",
    "Bố trí, sắp xếp công chức, viên chức theo đúng vị trí việc làm được phê duyệt;",
    "Thực hiện tinh giản biên chế theo Nghị định số 29/2023/NĐ-CP.",
])

# seq → (shortcoming, criteria, remedy, deadline key, progress key, overdue)
PLAIN_ROWS: dict[int, tuple[str, list[str], Cell, str, str, bool]] = {
    1: ("Kế hoạch CCHC năm 2022 ban hành chậm so với thời gian quy định của UBND tỉnh (Tiêu "
        "chí 1.1.1)", ["1.1.1"], R_PLAN, "N", "issued_plan", False),
    2: ("Một số nhiệm vụ trong Kế hoạch CCHC năm 2022 hoàn thành chậm so với thời hạn đề ra "
        "(Tiêu chí 1.1.2)", ["1.1.2"], R_CHECK, "Q2", "unfinished", True),
    3: ("Báo cáo CCHC định kỳ gửi UBND tỉnh chưa đảm bảo thời gian quy định (TC 1.2)",
        ["1.2"], plain("Phân công công chức theo dõi, tổng hợp, tham mưu báo cáo đúng thời "
                       "hạn."), "TX", "continue", False),
    4: ("Kiểm tra công tác CCHC tại các phòng, đơn vị trực thuộc chưa đạt 30% theo kế hoạch "
        "(Tiêu chí 1.3.1)", ["1.3.1"], R_CHECK, "Q4", "deploying", False),
    5: ("Chưa xử lý dứt điểm các vấn đề phát hiện qua kiểm tra CCHC (Tiêu chí thành phần "
        "1.3.2)", ["1.3.2"], R_CHECK, "D30/9", "done", False),
    6: ("Công tác tuyên truyền CCHC chưa đa dạng về hình thức (TC 1.4)", ["1.4"],
        plain("Đa dạng hóa hình thức tuyên truyền CCHC trên Cổng Thông tin điện tử và mạng "
              "xã hội."), "TXN", "trained", False),
    7: ("Không có sáng kiến, giải pháp mới trong CCHC được công nhận (Tiêu chí 1.7)", ["1.7"],
        plain("Phát động phong trào đăng ký sáng kiến, giải pháp mới trong CCHC."), "N",
        "not_started", False),
    8: ("Tham mưu ban hành văn bản QPPL thuộc lĩnh vực nội vụ chưa đảm bảo tiến độ theo "
        "Chương trình công tác của UBND tỉnh (Tiêu chí 2.1.1)", ["2.1.1"], R_LEGAL, "H1",
        "drafting", True),
    9: ("Chất lượng góp ý dự thảo văn bản QPPL của các sở, ngành chưa cao; có văn bản góp ý "
        "chậm (TCTP 2.1.5)", ["2.1.5"],
        plain("Giao phòng chuyên môn chủ trì góp ý, lãnh đạo Sở kiểm soát chất lượng văn bản "
              "góp ý."), "TX", "reviewed", False),
    10: ("Rà soát, hệ thống hóa văn bản QPPL thuộc lĩnh vực quản lý chưa kịp thời (Tiêu chí "
         "2.2.1 và tiêu chí 2.2.2)", ["2.2.1", "2.2.2"], R_LEGAL, "T8", "done", False),
    11: ("Chưa thực hiện đầy đủ việc theo dõi thi hành pháp luật trong lĩnh vực thi đua, khen "
         "thưởng theo Luật Thi đua, khen thưởng năm 2022 (Tiêu chí 2.3.1)", ["2.3.1"],
         plain("Xây dựng kế hoạch theo dõi thi hành pháp luật trong lĩnh vực thi đua, khen "
               "thưởng."), "R23-24", "waiting", False),
    13: ("Công bố, công khai TTHC thuộc thẩm quyền giải quyết của Sở chưa kịp thời (Tiêu chí "
         "3.1.1)", ["3.1.1"],
         plain("Trình UBND tỉnh công bố TTHC trong thời hạn 05 ngày làm việc kể từ ngày văn "
               "bản QPPL có hiệu lực."), "T11", "processing", False),
    14: ("Còn có hồ sơ TTHC giải quyết quá hạn nhưng chưa có văn bản xin lỗi tổ chức, công "
         "dân (Tiêu chí 3.3.2)", ["3.3.2"],
         plain("Chỉ đạo công chức thực hiện nghiêm quy trình tiếp nhận, giải quyết TTHC, xin "
               "lỗi khi trễ hạn."), "TX", "fixed", False),
    15: ("Tỷ lệ số hóa hồ sơ, kết quả giải quyết TTHC chưa đạt 100% (Tiêu chí 3.2.1 và tiêu "
         "chí 7.2.5)", ["3.2.1", "7.2.5"], R_DIGITIZE, "TXN", "hard", False),
    16: ("Chưa rà soát, đề xuất phương án đơn giản hóa TTHC theo Kế hoạch của UBND tỉnh "
         "(TCTP 3.1.3)", ["3.1.3"],
         plain("Rà soát, đề xuất phương án đơn giản hóa ít nhất 03 TTHC lĩnh vực nội vụ."),
         "Q3?", "not_started", True),
    18: ("Chưa hoàn thành việc sửa đổi Quyết định quy định chức năng, nhiệm vụ, quyền hạn và "
         "cơ cấu tổ chức của Sở theo Nghị định số 107/2020/NĐ-CP (Tiêu chí 4.1.1)", ["4.1.1"],
         plain("Tham mưu UBND tỉnh ban hành Quyết định thay thế."), "TD15/12", "drafting",
         False),
    19: ("Số lượng cấp phó của một số phòng thuộc Sở vượt quy định tại Nghị định số "
         "120/2020/NĐ-CP (Tiêu chí 4.1.2)", ["4.1.2"],
         plain("Điều động, sắp xếp cấp phó theo lộ trình, không bổ nhiệm mới khi còn vượt."),
         "N", "pct", False),
    23: ("Tuyển dụng công chức chưa đảm bảo đúng quy trình, thời gian theo kế hoạch (Tiêu chí "
         "5.1.1)", ["5.1.1"], plain("Xây dựng kế hoạch tuyển dụng sát với nhu cầu, đúng quy "
                                    "trình."), "T8", "approved", False),
    24: ("Đánh giá, xếp loại chất lượng công chức, viên chức còn nể nang, chưa phản ánh đúng "
         "thực chất (TC 5.4)", ["5.4"], R_DISCIPLINE, "TX", "continue", False),
    26: ("Còn có công chức vi phạm kỷ luật, kỷ cương hành chính (Tiêu chí 5.8.2.2)",
         ["5.8.2.2"], R_DISCIPLINE, "HN", "trained", False),
    28: ("Việc thực hiện chế độ, chính sách đối với công chức, viên chức có lúc chưa kịp thời "
         "(Tiêu chí 5.5)", ["5.5"],
         plain("Rà soát, giải quyết kịp thời chế độ, chính sách theo quy định mới."), "BNV",
         "waiting", False),
    29: ("Chưa ban hành Quy chế chi tiêu nội bộ sửa đổi phù hợp với quy định mới (Tiêu chí "
         "6.2.1)", ["6.2.1"], R_FINANCE, "Q2", "done", False),
    30: ("Tỷ lệ giảm chi trực tiếp từ ngân sách nhà nước đối với đơn vị sự nghiệp công lập "
         "chưa đạt yêu cầu (Tiêu chí 6.5.5)", ["6.5.5"],
         plain("Thực hiện các giải pháp tăng tính tự chủ của các đơn vị sự nghiệp thuộc Sở."),
         "N", "blank", False),
    31: ("Chưa thực hiện đầy đủ việc công khai dự toán, quyết toán ngân sách theo quy định "
         "(Tiêu chí 6.1.2)", ["6.1.2"], R_FINANCE, "D30/9", "unfinished", True),
    32: ("Quản lý, sử dụng tài sản công tại đơn vị sự nghiệp chưa đúng quy định (Tiêu chí "
         "6.4)", ["6.4"], plain("Kiểm tra, chấn chỉnh việc quản lý, sử dụng tài sản công."),
         "BLANK", "deploying", False),
    33: ("Chất lượng Cổng Thông tin điện tử của Sở chỉ đạt 92% theo quy định của UBND tỉnh "
         "(Tiêu chí 7.1.1.4)", ["7.1.1.4"], R_CRITERIA, "TXN", "continue", False),
    34: ("Tỷ lệ văn bản đi được ký số, gửi nhận trên môi trường điện tử chưa đạt 100% (Tiêu "
         "chí 7.1.1.2)", ["7.1.1.2"], R_CHECK, "Q4", "below", False),
    35: ("Tỷ lệ hồ sơ TTHC được tiếp nhận và giải quyết qua dịch vụ công trực tuyến toàn "
         "trình đạt dưới 50% (Tiêu chí 7.1.2.3)", ["7.1.2.3"], R_ONLINE, "TXN", "pct", False),
    36: ("Tỷ lệ hồ sơ TTHC trả qua dịch vụ bưu chính công ích chưa đạt 40% (Tiêu chí "
         "7.1.3.2)", ["7.1.3.2"], R_ONLINE, "TXN", "hard", False),
    37: ("Kết quả phát triển chính quyền số chưa đảm bảo theo Bộ tiêu chí ban hành tại Quyết "
         "định số 2853/QĐ-UBND ngày 11/8/2021 của UBND tỉnh (Tiêu chí 7.1.1.7)", ["7.1.1.7"],
         R_CRITERIA, "N", "reviewed", False),
    39: ("Hệ thống quản lý chất lượng theo tiêu chuẩn TCVN ISO 9001:2015 chưa được cập nhật "
         "khi có TTHC mới (Tiêu chí 7.2.6)", ["7.2.6"], R_ISO, "T11", "iso_issued", False),
    40: ("Chưa kết nối, chia sẻ dữ liệu giữa phần mềm quản lý cán bộ với Cơ sở dữ liệu quốc "
         "gia về cán bộ, công chức, viên chức (Tiêu chí 7.3, 7.4)", ["7.3", "7.4"],
         plain("Phối hợp đơn vị cung cấp phần mềm thực hiện kết nối, đồng bộ dữ liệu."),
         "R23-24", "not_started", False),
    41: ("Việc lưu trữ hồ sơ điện tử tại cơ quan chưa thực hiện theo quy định", [],
         plain("Triển khai phần mềm lưu trữ điện tử, hướng dẫn công chức lập hồ sơ điện tử."),
         "N", "deploying", False),
    42: ("Mức độ hài lòng của người dân, tổ chức đối với việc giải quyết TTHC của Sở chưa "
         "cao (Chỉ số thành phần 8.1.2)", ["8.1.2"], R_SURVEY, "TX", "trained", False),
    43: ("Tỷ lệ người dân, tổ chức đánh giá hài lòng về tiếp cận dịch vụ công đạt dưới 85% "
         "(Tiêu chí 8.2)", ["8.2"], blank(), "H2", "deploying", False),
    44: ("Chưa tổ chức đối thoại với người dân, doanh nghiệp về công tác CCHC (Tiêu chí 8.3)",
         ["8.3"], plain("Tổ chức hội nghị đối thoại với người dân, doanh nghiệp."), "T8",
         "not_started", True),
    45: ("Chưa khảo sát, đánh giá tác động của CCHC đến hoạt động của cơ quan, đơn vị (Tiêu "
         "chí 8.4; 8.5)", ["8.4", "8.5"], R_SURVEY, "R23-24", "processing", False),
}


def _deadline_cell(key: str) -> Cell:
    text = DEADLINES[key][0]
    return plain(text) if text else blank()


def _progress_cell(key: str) -> Cell:
    text = PROGRESS[key][0]
    return plain(text) if text else blank()


def _expect(seq: int, criteria: list[str], remedy: Cell, dkey: str, pkey: str,
            overdue: bool, merged: list[str] | None = None) -> Expect:
    """Put one row's hand-decided values together; audit notes come from the phrase tables."""
    _, kind, due, deadline_notes = DEADLINES[dkey]
    _, status, evidence, progress_notes = PROGRESS[pkey]
    notes = ([] if criteria else [CRITERIA_MISSING]) + \
        ([] if remedy.value else [REMEDY_BLANK]) + deadline_notes + progress_notes + \
        ([OVERDUE] if overdue else [])
    return Expect(seq, criteria, kind, due, status, evidence, overdue=overdue,
                  merged=merged or [], audit=notes)


def _plain_row(seq: int) -> Row:
    shortcoming, criteria, remedy, dkey, pkey, overdue = PLAIN_ROWS[seq]
    return Row(str(seq), {"shortcoming": plain(shortcoming), "remedy": remedy,
                          "deadline": _deadline_cell(dkey), "progress": _progress_cell(pkey)},
               _expect(seq, criteria, remedy, dkey, pkey, overdue))


def _row_12_and_continuation() -> list[Row]:
    """Row 12 and the empty-STT row under it: each cell continues row 12's cell."""
    shortcoming = ("Việc kiểm tra tình hình thi hành văn bản QPPL tại các cơ quan, đơn vị "
                   "trên địa bàn tỉnh còn ít, chưa phát hiện kịp thời sai sót (Tiêu chí 2.3.2)")
    items = ["Xây dựng kế hoạch kiểm tra sát với thực tiễn;",
             "Phối hợp với các sở, ngành kiểm tra liên ngành tại các địa phương."]
    progress = ("Đang tiếp tục đôn đốc các phòng chuyên môn xây dựng kế hoạch kiểm tra năm "
                "2023.")
    first = Row("12", {
        "shortcoming": custom([text_para(
            "Việc kiểm tra tình hình thi hành văn bản QPPL tại các cơ quan, đơn vị trên địa "
            "bàn tỉnh còn ít, chưa phát hiện kịp thời sai sót (Tiêu")], None),
        "remedy": custom([text_para("- " + items[0]),
                          text_para("- Phối hợp với các sở, ngành kiểm tra liên")], None),
        "deadline": custom([text_para("Thường xuyên trong năm")], None),
        "progress": custom([text_para(
            "Đang tiếp tục đôn đốc các phòng chuyên môn xây dựng kế hoạch kiểm tra")], None),
    }, Expect(12, ["2.3.2"], "recurring", "2023-12-31", "in_progress", "Đang tiếp tục",
              text={"shortcoming": shortcoming, "remedy": "\n".join(items),
                    "deadline": "Thường xuyên trong năm 2023", "progress": progress},
              items=items))
    continuation = Row("", {
        "shortcoming": custom([text_para("chí 2.3.2)")], None),
        "remedy": custom([text_para("ngành tại các địa phương.")], None),
        "deadline": custom([text_para("2023")], None),
        "progress": custom([text_para("năm 2023.")], None),
    }, None)
    return [first, continuation]


def _row_17_tracked_change() -> Row:
    """Progress edited with Track Changes on: the deletion is not text, the insertion is."""
    progress = custom([Para((
        Seg("del", "Đang xây dựng dự thảo"), Seg("ins", "Đã ban hành"),
        Seg("text", " Quy chế tiếp nhận, xử lý phản ánh, kiến nghị tại Quyết định số "
                    "45/QĐ-SNV ngày 15/3/2023."),
    ))], "Đã ban hành Quy chế tiếp nhận, xử lý phản ánh, kiến nghị tại Quyết định số "
         "45/QĐ-SNV ngày 15/3/2023.")
    remedy = plain("Ban hành quy chế tiếp nhận, xử lý phản ánh, kiến nghị; công khai địa chỉ "
                   "tiếp nhận.")
    return Row("17", {
        "shortcoming": plain(
            "Việc tiếp nhận, xử lý phản ánh, kiến nghị của cá nhân, tổ chức về quy định hành "
            "chính chưa đúng thời hạn (Tiêu chí 3.4)"),
        "remedy": remedy, "deadline": _deadline_cell("N"), "progress": progress,
    }, Expect(17, ["3.4"], "year", "2023-12-31", "completed", "Đã ban hành"))


def _rows_20_to_22() -> list[Row]:
    """Three rows sharing one remedy and one deadline cell (vertical merge over 3 rows)."""
    merged = ["remedy", "deadline"]
    specs = [
        (20, "Sử dụng biên chế công chức chưa đúng vị trí việc làm được phê duyệt (Tiêu chí "
             "4.2.1)", ["4.2.1"], "deploying"),
        (21, "Chưa hoàn thành rà soát, điều chỉnh Đề án vị trí việc làm của các đơn vị sự "
             "nghiệp thuộc Sở (Tiêu chí 4.2.2)", ["4.2.2"], "unfinished"),
        (22, "Chưa thực hiện tinh giản biên chế đạt tỷ lệ theo lộ trình đề ra (Tiêu chí "
             "4.2.3)", ["4.2.3"], "below"),
    ]
    rows = []
    for seq, shortcoming, criteria, pkey in specs:
        first = seq == 20
        cells = {"shortcoming": plain(shortcoming), "progress": _progress_cell(pkey)}
        if first:
            cells |= {"remedy": R_STAFFING, "deadline": _deadline_cell("Q4")}
        rows.append(Row(str(seq), cells,
                        _expect(seq, criteria, R_STAFFING, "Q4", pkey, False, merged),
                        vmerge={"remedy": first, "deadline": first}))
    return rows


def _row_25_date_control() -> Row:
    """The deadline is a date-picker content control showing 31/12/2023."""
    deadline = custom([Para((Seg("date", "31/12/2023", iso="2023-12-31"),))], "31/12/2023")
    return Row("25", {
        "shortcoming": plain("Đào tạo, bồi dưỡng công chức chưa đạt kế hoạch năm 2022 (Tiêu "
                             "chí 5.6.1)"),
        "remedy": R_TRAINING, "deadline": deadline, "progress": _progress_cell("deploying"),
    }, Expect(25, ["5.6.1"], "date", "2023-12-31", "in_progress", "Đang triển khai"))


def _row_27_list_progress() -> Row:
    """Progress written as a dash list: one item done, one under way → in_progress."""
    progress = dashed(["Đã xây dựng phần mềm quản lý hồ sơ cán bộ;",
                       "Đang nhập dữ liệu cho các đơn vị trực thuộc."])
    return Row("27", {
        "shortcoming": plain(
            "Chưa thực hiện đầy đủ việc cập nhật cơ sở dữ liệu cán bộ, công chức, viên chức "
            "vào phần mềm quản lý (Tiêu chí 5.7)"),
        "remedy": plain("Cập nhật đầy đủ, kịp thời dữ liệu cán bộ, công chức, viên chức."),
        "deadline": _deadline_cell("H2"), "progress": progress,
    }, Expect(27, ["5.7"], "half_year", "2023-12-31", "in_progress", "Đang nhập"))


def _row_38_hyperlink() -> Row:
    """The portal address in the shortcoming is a hyperlink; its text belongs to the cell."""
    shortcoming = custom([Para((
        Seg("text", "Chỉ có từ 80% đến dưới 100% hồ sơ có đính kèm kết quả giải quyết TTHC "
                    "điện tử trên Cổng "),
        Seg("link", "dichvucong.hatinh.gov.vn", url="https://dichvucong.hatinh.gov.vn/"),
        Seg("text", " (Tiêu chí 7.2.5)"),
    ))], "Chỉ có từ 80% đến dưới 100% hồ sơ có đính kèm kết quả giải quyết TTHC điện tử trên "
         "Cổng dichvucong.hatinh.gov.vn (Tiêu chí 7.2.5)")
    return Row("38", {"shortcoming": shortcoming, "remedy": R_DIGITIZE,
                      "deadline": _deadline_cell("TX"), "progress": _progress_cell("fixed_link")},
               _expect(38, ["7.2.5"], R_DIGITIZE, "TX", "fixed_link", False))


def _all_rows() -> list[Row]:
    special = {12: _row_12_and_continuation(), 17: [_row_17_tracked_change()],
               20: _rows_20_to_22(), 25: [_row_25_date_control()],
               27: [_row_27_list_progress()], 38: [_row_38_hyperlink()]}
    rows: list[Row] = []
    for seq in range(1, 46):
        if seq in special:
            rows.extend(special[seq])
        elif seq in PLAIN_ROWS:
            rows.append(_plain_row(seq))
    assert [r.expect.seq for r in rows if r.expect] == list(range(1, 46))
    return rows


def _parts() -> list[list[Row | Group]]:
    """Cut by hand after row 30: two consecutive tables."""
    rows = _all_rows()
    cut = next(i for i, r in enumerate(rows) if r.expect and r.expect.seq == 31)
    first: list[Row | Group] = list(rows[:cut])
    second: list[Row | Group] = list(rows[cut:])
    return [first, second]


TITLE = ["Kết quả khắc phục các tồn tại, hạn chế trong công tác cải cách hành chính",
         "qua kết quả xác định Chỉ số cải cách hành chính năm 2022"]

BODY: list[str | Heading | SimpleTable] = [
    "Thực hiện Kế hoạch cải cách hành chính nhà nước năm 2023 của UBND tỉnh, Sở Nội vụ báo "
    "cáo kết quả thực hiện công tác cải cách hành chính của cơ quan quý III năm 2023 như sau:",
    Heading("I. KẾT QUẢ THỰC HIỆN"),
    "Sở đã tập trung chỉ đạo khắc phục các tồn tại, hạn chế được chỉ ra qua xác định Chỉ số "
    "cải cách hành chính năm 2022; đến nay đã hoàn thành một số nhiệm vụ, các nhiệm vụ còn "
    "lại đang được triển khai theo lộ trình.",
    "Chi tiết kết quả khắc phục từng tồn tại, hạn chế tại Phụ lục kèm theo.",
    Heading("II. ĐỀ XUẤT, KIẾN NGHỊ"),
    "Đề nghị Bộ Nội vụ sớm ban hành hướng dẫn thực hiện chế độ, chính sách đối với cán bộ, "
    "công chức, viên chức theo quy định mới./.",
]

SPEC = ReportSpec(
    stem="snv_2023_long",
    letterhead=Letterhead("UBND TỈNH HÀ TĨNH", "SỞ NỘI VỤ", "Số: 1856/BC-SNV",
                          "Hà Tĩnh, ngày 05 tháng 10 năm 2023"),
    doc_type="BÁO CÁO",
    subject="Kết quả công tác cải cách hành chính quý III năm 2023",
    body=BODY,
    signature=Signature(["- UBND tỉnh (b/c);", "- Giám đốc, các PGĐ Sở;", "- Lưu: VT, CCHC."],
                        ["GIÁM ĐỐC"], "Phạm Văn Cường"),
    appendix_label="PHỤ LỤC",
    appendix_title=TITLE,
    caption="(Ban hành kèm theo Báo cáo số 1856/BC-SNV ngày 05/10/2023 của Sở Nội vụ)",
    table=TableSpec(
        columns=[Column("seq", 12, "center"), Column("shortcoming", 80), Column("remedy", 70),
                 Column("deadline", 30, "center"), Column("progress", 70)],
        header=[[HeaderCell("STT"), HeaderCell("Tồn tại, hạn chế"),
                 HeaderCell("Giải pháp khắc phục"), HeaderCell("Thời gian hoàn thành"),
                 HeaderCell("Tiến độ, kết quả thực hiện")]],
        parts=_parts(),
    ),
    report={"agency": "Sở Nội vụ", "agency_code": "SNV", "symbol": "BC-SNV", "number": 1856,
            "date": "2023-10-05", "month": 10, "year": 2023, "assessed_year": 2022,
            "title": " ".join(TITLE)},
    report_audit=[],
    core_title="Báo cáo CCHC quý III năm 2023",
    author="Sở Nội vụ Hà Tĩnh",
    created="2023-10-05T08:00:00",
)
