"""Phrase pools whose meaning the generator knows: what a cell says and what the record keeps.

Every pool entry carries its meaning beside its words (a deadline's kind and due date, a
progress text's status), decided by reading it with the rules of docs/record-format.md, so
the truth never comes from the program under test.  Progress texts avoid words that would
make a second cue (``đang``, ``tiếp tục``, ``chưa …``) unless the entry's status says so.
"""

from __future__ import annotations

import calendar
import random
from dataclasses import dataclass

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
LETTERS = ["A", "B", "C", "D", "E", "F", "G", "H", "K", "L"]

# Reform area -> group titles (sentence case; caps are drawn with str.upper()).
AREA_TITLES: dict[int, list[str]] = {
    1: ["Công tác chỉ đạo, điều hành cải cách hành chính", "Công tác chỉ đạo, điều hành CCHC"],
    2: ["Cải cách thể chế", "Xây dựng và tổ chức thực hiện thể chế"],
    3: ["Cải cách thủ tục hành chính", "Cải cách TTHC"],
    4: ["Cải cách tổ chức bộ máy hành chính nhà nước", "Cải cách tổ chức bộ máy"],
    5: ["Cải cách chế độ công vụ", "Xây dựng đội ngũ cán bộ, công chức, viên chức"],
    6: ["Cải cách tài chính công", "Cải cách quản lý tài chính công"],
    7: ["Xây dựng và phát triển Chính quyền điện tử, Chính quyền số",
        "Hiện đại hóa hành chính"],
    8: ["Tác động của cải cách hành chính đến người dân, tổ chức",
        "Sự hài lòng của người dân, tổ chức"],
}

# Reform area -> shortcoming sentences (no criterion code, no final period).
SHORTCOMINGS: dict[int, list[str]] = {
    1: [
        "Kế hoạch CCHC năm {a} ban hành chậm so với thời hạn quy định",
        "Chưa xác định đầy đủ sản phẩm, thời hạn hoàn thành của một số nhiệm vụ trong Kế hoạch CCHC",
        "Việc kiểm tra công tác CCHC tại các đơn vị trực thuộc chưa đạt tỷ lệ theo kế hoạch",
        "Báo cáo định kỳ về CCHC gửi chậm, nội dung chưa đầy đủ theo đề cương hướng dẫn",
        "Công tác tuyên truyền CCHC chưa đa dạng về hình thức, hiệu quả chưa cao",
        "Chưa có sáng kiến, giải pháp mới trong triển khai nhiệm vụ CCHC được công nhận",
        "Việc khắc phục những tồn tại, hạn chế sau kiểm tra CCHC chưa kịp thời",
    ],
    2: [
        "Một số văn bản quy phạm pháp luật chưa được tự kiểm tra sau khi ban hành",
        "Việc rà soát, hệ thống hóa văn bản quy phạm pháp luật chưa đúng thời hạn",
        "Công tác theo dõi thi hành pháp luật trong lĩnh vực quản lý còn hạn chế",
        "Tỷ lệ văn bản được lấy ý kiến đối tượng chịu sự tác động chưa đạt yêu cầu",
        "Chưa xử lý kịp thời các văn bản có nội dung trái pháp luật sau kiểm tra",
        "Việc tham mưu ban hành văn bản quy định chi tiết còn chậm so với kế hoạch",
    ],
    3: [
        "Tỷ lệ hồ sơ thủ tục hành chính giải quyết quá hạn còn cao",
        "Chưa công khai đầy đủ thủ tục hành chính trên Cổng Dịch vụ công của tỉnh",
        "Việc số hóa hồ sơ, kết quả giải quyết thủ tục hành chính chưa đạt chỉ tiêu",
        "Chưa thực hiện xin lỗi người dân, tổ chức đối với hồ sơ trễ hạn",
        "Việc rà soát, đơn giản hóa thủ tục hành chính chưa đạt kế hoạch",
        "Tỷ lệ hồ sơ tiếp nhận trực tuyến toàn trình đạt thấp",
        "Việc tiếp nhận, xử lý phản ánh, kiến nghị của cá nhân, tổ chức chưa đúng thời hạn",
    ],
    4: [
        "Việc sắp xếp, kiện toàn các phòng chuyên môn chưa hoàn thành theo lộ trình",
        "Chưa ban hành đầy đủ quy chế làm việc của các đơn vị trực thuộc",
        "Việc thực hiện phân cấp, ủy quyền quản lý chưa được kiểm tra định kỳ",
        "Số lượng cấp phó của một số đơn vị vượt quy định",
        "Chưa cập nhật vị trí việc làm sau khi kiện toàn tổ chức bộ máy",
    ],
    5: [
        "Tỷ lệ công chức được bồi dưỡng kiến thức, kỹ năng theo vị trí việc làm chưa đạt",
        "Việc đánh giá, xếp loại công chức, viên chức chưa gắn với kết quả thực hiện nhiệm vụ",
        "Một số công chức chưa đáp ứng tiêu chuẩn ngạch theo quy định",
        "Việc thực hiện kỷ luật, kỷ cương hành chính tại một số đơn vị chưa nghiêm",
        "Cơ sở dữ liệu cán bộ, công chức, viên chức chưa được cập nhật thường xuyên",
    ],
    6: [
        "Tiến độ giải ngân vốn đầu tư công đạt thấp so với kế hoạch giao",
        "Quy chế chi tiêu nội bộ chưa được sửa đổi, bổ sung kịp thời",
        "Chưa thực hiện công khai tài chính đúng thời hạn theo quy định",
        "Việc thực hiện cơ chế tự chủ tài chính tại đơn vị sự nghiệp còn hạn chế",
        "Việc quản lý, sử dụng tài sản công chưa được kiểm tra định kỳ",
    ],
    7: [
        "Tỷ lệ văn bản đi được ký số chưa đạt 100%",
        "Hệ thống thông tin báo cáo chưa được kết nối, tích hợp với hệ thống của tỉnh",
        "Tin, bài trên Trang thông tin điện tử cập nhật chưa thường xuyên",
        "Việc áp dụng hệ thống quản lý chất lượng theo tiêu chuẩn quốc gia chưa đầy đủ",
        "Hạ tầng kỹ thuật công nghệ thông tin chưa đồng bộ, một số thiết bị đã xuống cấp",
        "Chưa khai thác, sử dụng hiệu quả nền tảng chia sẻ, tích hợp dữ liệu của tỉnh",
    ],
    8: [
        "Mức độ hài lòng của người dân đối với việc giải quyết thủ tục hành chính giảm",
        "Tỷ lệ người dân đánh giá chất lượng phục vụ qua Cổng Dịch vụ công còn thấp",
        "Việc tiếp nhận ý kiến góp ý của người dân về chất lượng dịch vụ chưa thường xuyên",
        "Một số chỉ tiêu về tác động của CCHC đến phát triển kinh tế - xã hội chưa đạt",
    ],
}

# Extra sentences that make a row long (and break it across pages).
SHORTCOMING_TAILS = [
    "Nguyên nhân chủ yếu do công tác phối hợp giữa các bộ phận chưa chặt chẽ, việc theo dõi, "
    "đôn đốc chưa thường xuyên",
    "Một số cán bộ, công chức được giao nhiệm vụ còn kiêm nhiệm nhiều việc, chưa dành thời "
    "gian thỏa đáng cho công tác này",
    "Hạn chế này đã được nêu trong kết luận kiểm tra của Đoàn kiểm tra CCHC của tỉnh nhưng "
    "việc khắc phục còn chậm",
    "Điểm đánh giá của tiêu chí thấp hơn mức bình quân của các sở, ban, ngành và địa phương",
    "Đây là nội dung bị trừ điểm nhiều nhất trong lĩnh vực, ảnh hưởng trực tiếp đến kết quả "
    "xếp hạng chung của đơn vị",
]

REMEDIES = [
    "Rà soát, bổ sung nhiệm vụ, sản phẩm cụ thể vào Kế hoạch CCHC năm {y}",
    "Phân công lãnh đạo phụ trách, theo dõi, đôn đốc việc thực hiện hằng tháng",
    "Tổ chức kiểm tra đột xuất việc thực hiện nhiệm vụ tại các đơn vị trực thuộc",
    "Tăng cường công tác tuyên truyền bằng nhiều hình thức phù hợp",
    "Cập nhật, công khai đầy đủ thông tin trên Trang thông tin điện tử của đơn vị",
    "Thực hiện nghiêm việc xin lỗi người dân, tổ chức khi giải quyết hồ sơ trễ hạn",
    "Đẩy mạnh số hóa hồ sơ, kết quả giải quyết thủ tục hành chính",
    "Bố trí kinh phí nâng cấp hạ tầng kỹ thuật công nghệ thông tin",
    "Cử công chức tham gia các lớp bồi dưỡng do tỉnh tổ chức",
    "Sửa đổi, bổ sung Quy chế chi tiêu nội bộ cho phù hợp với quy định hiện hành",
    "Xây dựng Kế hoạch kiểm tra, tự kiểm tra văn bản quy phạm pháp luật",
    "Phối hợp với đơn vị cung cấp phần mềm thực hiện kết nối, tích hợp dữ liệu",
    "Đưa kết quả thực hiện vào tiêu chí đánh giá, xếp loại cuối năm",
    "Quán triệt cán bộ, công chức thực hiện nghiêm kỷ luật, kỷ cương hành chính",
    "Rà soát, đề xuất cấp có thẩm quyền đơn giản hóa thủ tục hành chính",
    "Báo cáo kết quả khắc phục về Sở Nội vụ trước ngày 15 của tháng cuối quý",
    "Hướng dẫn người dân sử dụng dịch vụ công trực tuyến tại Bộ phận Một cửa",
    "Kiện toàn tổ chức bộ máy theo đúng quy định về số lượng cấp phó",
    "Áp dụng, duy trì hệ thống quản lý chất lượng theo tiêu chuẩn quốc gia",
    "Tổ chức khảo sát mức độ hài lòng của người dân, tổ chức hằng năm",
]

OWNERS = {
    "department": ["Văn phòng Sở", "Thanh tra Sở", "Phòng Kế hoạch - Tài chính",
                   "Các phòng, đơn vị thuộc Sở", "Phòng Tổ chức cán bộ",
                   "Văn phòng Sở chủ trì, các phòng phối hợp", "Lãnh đạo Sở phụ trách"],
    "province_office": ["Phòng Hành chính - Tổ chức", "Phòng Tổng hợp", "Các phòng chuyên môn",
                        "Trung tâm Phục vụ hành chính công", "Lãnh đạo Văn phòng phụ trách"],
    "district": ["Phòng Nội vụ", "Văn phòng HĐND và UBND huyện", "Phòng Tư pháp",
                 "UBND các xã, thị trấn", "Bộ phận Một cửa huyện", "Phòng Tài chính - Kế hoạch",
                 "Phòng Văn hóa và Thông tin"],
}

NOTES = ["Kế hoạch số {n}/KH-{s} ngày {d}/{m}/{y}", "Chuyển sang năm {y1}",
         "Báo cáo UBND tỉnh", "Phối hợp Sở Nội vụ", "Theo Văn bản số {n}/{s}-VP",
         "Nhiệm vụ trọng tâm", "Giao Văn phòng theo dõi"]

CAUSES = ["Chưa bố trí được kinh phí", "Công chức phụ trách thay đổi vị trí công tác",
          "Phần mềm chưa hoàn thiện", "Khối lượng công việc lớn, nhân lực mỏng",
          "Văn bản hướng dẫn của cấp trên ban hành chậm", "Ý thức chấp hành của một số công chức chưa cao"]

# (text, status) — status decided by the record rules (cue tables of record-format.md).
PROGRESS: list[tuple[str, str]] = [
    ("Đã hoàn thành.", "completed"),
    ("Đã hoàn thành; đã ban hành Kế hoạch số {n}/KH-{s} ngày {d}/{m}/{y}.", "completed"),
    ("Đã ban hành Quyết định số {n}/QĐ-{s} ngày {d}/{m}/{y}.", "completed"),
    ("Hoàn thành 100%.", "completed"),
    ("Đã khắc phục xong, kết quả được báo cáo tại Văn bản số {n}/{s}.", "completed"),
    ("Đã thực hiện đầy đủ các giải pháp đề ra.", "completed"),
    ("Hoàn tất việc cập nhật, công khai thủ tục hành chính trên Cổng Dịch vụ công.", "completed"),
    ("Đang triển khai thực hiện.", "in_progress"),
    ("Đang phối hợp với các cơ quan liên quan rà soát, hoàn thiện.", "in_progress"),
    ("Tiếp tục thực hiện trong quý {q}/{y}.", "in_progress"),
    ("Chưa hoàn thành, dự kiến xong trong tháng 12/{y}.", "in_progress"),
    ("Đã hoàn thành 70% khối lượng công việc.", "in_progress"),
    ("Đã xây dựng dự thảo, chưa ban hành.", "in_progress"),
    ("Trong quá trình thực hiện.", "in_progress"),
    ("Đang chờ hướng dẫn của Sở Nội vụ.", "in_progress"),
    ("Thường xuyên rà soát, cập nhật.", "in_progress"),
    ("Đã phân công công chức theo dõi, đôn đốc.", "in_progress"),
    ("Đã tổ chức 02 lớp tập huấn cho {k} công chức.", "in_progress"),
    ("Chưa đạt chỉ tiêu đề ra; tỷ lệ đến nay là {k}%.", "in_progress"),
    ("Chưa thực hiện.", "not_started"),
    ("Chưa triển khai do chưa bố trí được kinh phí.", "not_started"),
    ("Chưa xây dựng được phần mềm quản lý.", "not_started"),
    ("Không thực hiện được do thay đổi quy định của Trung ương.", "not_started"),
    ("Theo kế hoạch của UBND tỉnh.", "unknown"),
    ("Sở Nội vụ theo dõi chung.", "unknown"),
]

MARKS = ["x", "x", "X", "✓"]


@dataclass(frozen=True)
class Deadline:
    """A deadline cell and its meaning."""

    text: str | None
    kind: str | None
    due: str | None


def _last_day(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"


def draw_deadline(rng: random.Random, year: int) -> Deadline:
    """One deadline from the table of docs/record-format.md, for a report of ``year``."""
    y = year + (1 if rng.random() < 0.15 else 0)
    kind = rng.choices(
        ["date", "month", "quarter", "half", "year", "range", "recurring", "inferred", "blank",
         "unparsed"],
        weights=[16, 8, 12, 6, 14, 6, 12, 4, 4, 2])[0]
    if kind == "date":
        m = rng.randint(1, 12)
        d = rng.randint(1, calendar.monthrange(y, m)[1])
        pad = rng.random() < 0.3
        ds, ms = (f"{d:02d}", f"{m:02d}") if pad else (str(d), str(m))
        text = rng.choice([f"{ds}/{ms}/{y}", f"Trước ngày {ds}/{ms}/{y}",
                           f"ngày {d} tháng {m} năm {y}", f"Trước ngày {d} tháng {m} năm {y}"])
        return Deadline(text, "date", f"{y:04d}-{m:02d}-{d:02d}")
    if kind == "month":
        m = rng.randint(1, 12)
        return Deadline(f"Tháng {m}/{y}", "month", _last_day(y, m))
    if kind == "quarter":
        q = rng.randint(1, 4)
        text = rng.choice([f"Quý {ROMAN[q - 1]}/{y}", f"quý {q} năm {y}", f"Quý {ROMAN[q - 1]} năm {y}"])
        return Deadline(text, "quarter", _last_day(y, q * 3))
    if kind == "half":
        first = rng.random() < 0.5
        text = f"6 tháng {'đầu' if first else 'cuối'} năm {y}"
        return Deadline(text, "half_year", _last_day(y, 6 if first else 12))
    if kind == "year":
        text = rng.choice([f"Trong năm {y}", f"Năm {y}", f"Đến hết năm {y}"])
        return Deadline(text, "year", f"{y}-12-31")
    if kind == "range":
        end = y + rng.choice([1, 2])
        text = rng.choice([f"Năm {y} - {end}", f"Giai đoạn {y}-{end}", f"Giai đoạn {y} - {end}"])
        return Deadline(text, "year_range", f"{end}-12-31")
    if kind == "recurring":
        if rng.random() < 0.3:
            return Deadline(f"Thường xuyên trong năm {year}", "recurring", f"{year}-12-31")
        return Deadline(rng.choice(["Thường xuyên", "Hằng quý", "Hằng năm"]), "recurring", None)
    if kind == "inferred":  # no year written: the report's year
        if rng.random() < 0.5:
            q = rng.randint(1, 4)
            return Deadline(f"Quý {ROMAN[q - 1]}", "quarter", _last_day(year, q * 3))
        return Deadline("6 tháng cuối năm", "half_year", f"{year}-12-31")
    if kind == "blank":
        return Deadline(None, None, None)
    return Deadline(rng.choice(["Theo chỉ đạo của UBND tỉnh", "Khi có hướng dẫn của Bộ"]),
                    "unparsed", None)


def code_for(rng: random.Random, area: int) -> str:
    """A plausible criterion code of ``area``: 1 to 4 levels."""
    depth = rng.choices([2, 3, 4], weights=[4, 4, 2])[0]
    parts = [area, rng.randint(1, 6)] + [rng.randint(1, 5) for _ in range(depth - 2)]
    return ".".join(str(p) for p in parts)


def codes_in_text(rng: random.Random, codes: list[str]) -> tuple[str, str]:
    """Codes written inside the shortcoming: (text, 'prefix' or 'suffix')."""
    prefix = rng.choice(["Tiêu chí", "TC", "TCTP", "tiêu chí thành phần", "Chỉ số thành phần",
                         "Tiêu chí thành phần"])
    joined = codes[0]
    if len(codes) > 1:
        joined = rng.choice([" và ", ", ", "; "]).join(codes)
    if rng.random() < 0.15:
        return f"{prefix} {joined}:", "prefix"
    return f"({prefix} {joined})", "suffix"


def codes_in_column(rng: random.Random, codes: list[str]) -> list[str]:
    """A criteria column's paragraphs for ``codes`` (bare codes or with a prefix)."""
    if len(codes) > 1 and rng.random() < 0.25:
        return codes  # one paragraph per code
    sep = rng.choice(["; ", ", ", " và "])
    text = sep.join(codes)
    if rng.random() < 0.3:
        text = f"{rng.choice(['Tiêu chí', 'TC', 'TCTP'])} {text}"
    return [text]
