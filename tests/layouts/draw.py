"""Draw a random but realistic report from a seed: ``draw_report(seed) -> ReportSpec``.

What varies (all from one ``random.Random(seed)``): the unit (province registry), number and
date (either may be blank), the appendix title; columns — TT first, a criteria column before
or after the shortcoming or codes inside the shortcoming, owner, deadline, progress text OR
done / not-done mark columns under a two-level header, note, a cause column — with header
wordings units use; one- or two-level headers, an optional ``(1) (2) …`` row, header
repeated on each page or not; group rows in every style of notes/semantics.md (or none);
numbering continuous, with gaps or restarting per group; vertical merges over 2-4 rows;
bullets as Word numbering, typed ``- `` or ``+ ``; long rows; portrait or landscape; 11-14 pt;
with or without rules between rows.

Each :class:`~samplegen.spec.Row` carries an :class:`~samplegen.spec.Expect` with the truth
the generator chose (seq, codes, deadline kind and due date, status, overdue, merged fields).
"""

from __future__ import annotations

import dataclasses
import json
import random
from dataclasses import dataclass, field

from samplegen.spec import (
    Cell,
    Column,
    Expect,
    Group,
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
    blank,
    dashed,
    listed,
    plain,
    typed_numbers,
)

from . import ROOT
from .phrases import (
    AREA_TITLES,
    CAUSES,
    LETTERS,
    MARKS,
    NOTES,
    OWNERS,
    PROGRESS,
    REMEDIES,
    ROMAN,
    SHORTCOMING_TAILS,
    SHORTCOMINGS,
    Deadline,
    code_for,
    codes_in_column,
    codes_in_text,
    draw_deadline,
)

UNITS_FILE = ROOT / "cchc" / "normalize" / "data" / "units_hatinh.json"

# Header wordings per role, as units write them.  Wordings the readers do not (yet) map are
# kept on purpose, at a low weight: they are reader failures to report, not to hide.
HEADERS: dict[str, list[str]] = {
    "seq": ["TT", "TT", "STT", "Số TT"],
    "criteria": ["Tiêu chí bị trừ điểm", "Tiêu chí", "Mã tiêu chí", "TC/TCTP",
                 "Tiêu chí, tiêu chí thành phần", "Chỉ số thành phần"],
    "shortcoming": ["Tồn tại, hạn chế", "Nội dung tồn tại, hạn chế", "Hạn chế, tồn tại",
                    "Các tồn tại, hạn chế trong công tác CCHC",
                    "Nội dung bị trừ điểm", "Tồn tại, hạn chế (tiêu chí bị trừ điểm)",
                    "Những tồn tại, hạn chế, thiếu sót"],
    "cause": ["Nguyên nhân", "Nguyên nhân", "Nguyên nhân của tồn tại, hạn chế"],
    "remedy": ["Giải pháp khắc phục", "Nhiệm vụ, giải pháp khắc phục", "Biện pháp khắc phục",
               "Giải pháp, nhiệm vụ khắc phục", "Giải pháp khắc phục cụ thể",
               "Đề xuất giải pháp"],
    "owner": ["Đơn vị chủ trì", "Cơ quan, đơn vị chủ trì", "Bộ phận thực hiện", "Đơn vị thực hiện",
              "Trách nhiệm thực hiện", "Phân công thực hiện", "Người phụ trách"],
    "deadline": ["Thời hạn hoàn thành", "Thời gian hoàn thành", "Thời gian thực hiện",
                 "Hạn hoàn thành", "Thời hạn", "Thời gian khắc phục", "Lộ trình thực hiện"],
    "progress": ["Tiến độ thực hiện", "Kết quả thực hiện", "Kết quả khắc phục", "Tình hình thực hiện",
                 "Tiến độ, kết quả thực hiện", "Kết quả", "Kết quả thực hiện đến thời điểm báo cáo"],
    "note": ["Ghi chú", "Ghi chú", "Ghi chú"],
}
# Weight of each wording (same order); the last ones of a few roles are rarer.
HEADER_WEIGHTS: dict[str, list[int]] = {
    "deadline": [8, 8, 6, 4, 4, 3, 1],
    "progress": [8, 8, 4, 4, 4, 3, 1],
    "owner": [8, 4, 4, 4, 3, 3, 1],
    "remedy": [8, 4, 4, 3, 3, 1],
}
MARK_PARENTS = ["Tiến độ thực hiện", "Kết quả thực hiện", "Kết quả", "Tiến độ"]
MARK_PAIRS = [("Đã hoàn thành", "Chưa hoàn thành"), ("Hoàn thành", "Chưa hoàn thành"),
              ("Đã khắc phục", "Chưa khắc phục"), ("Đã hoàn thành", "Đang thực hiện")]
ORG_PARENTS = ["Tổ chức thực hiện", "Phân công thực hiện"]
WIDTH = {"seq": 10, "criteria": 22, "shortcoming": 60, "cause": 38, "remedy": 62, "owner": 30,
         "deadline": 26, "progress": 50, "done": 18, "not_done": 18, "note": 24}
ALIGN = {"seq": "center", "criteria": "center", "deadline": "center", "done": "center",
         "not_done": "center", "owner": "left", "note": "left"}
FIELD_ORDER = ("shortcoming", "criteria", "remedy", "owner", "deadline", "progress", "note")
MERGEABLE = ("remedy", "owner", "deadline", "progress", "note", "cause")


@dataclass(frozen=True)
class Unit:
    code: str
    name: str
    kind: str
    symbol: str


def _units() -> list[Unit]:
    data = json.loads(UNITS_FILE.read_text(encoding="utf-8"))
    units = []
    for u in data["units"]:
        if u.get("valid_from"):  # units created by the 2025 restructuring
            continue
        units.append(Unit(u["code"], u["name"], u["kind"], u["symbols"][0]))
    return units


UNITS = _units()


def _pick(rng: random.Random, role: str) -> str:
    options = HEADERS[role]
    return rng.choices(options, weights=HEADER_WEIGHTS.get(role, [1] * len(options)))[0]


@dataclass
class Layout:
    """The choices of one appendix table, drawn before its rows."""

    columns: list[str]
    marks: bool
    criteria_column: bool
    groups: str  # none | span | tt_span | tt_next
    numeral: str  # roman | roman_dot | letter_dot | letter_paren
    caps: bool
    group_bold: bool
    numbering: str  # continuous | gaps | restart
    tt_style: str  # "1" | "1." | "(1)"
    list_style: str  # plain | word | dash | plus | mixed
    long_rows: float
    extras: dict[str, object] = field(default_factory=dict)


def _draw_layout(rng: random.Random) -> Layout:
    marks = rng.random() < 0.3
    criteria_column = rng.random() < 0.4
    cols = ["seq"]
    body = ["shortcoming"]
    if criteria_column:
        body.insert(rng.choice([0, 1]), "criteria")
    if rng.random() < 0.2:
        body.append("cause")
    body.append("remedy")
    if rng.random() < 0.6:
        body.append("owner")
    body.append("deadline")
    if rng.random() < 0.2 and "owner" in body:  # deadline before owner, as some units do
        body.remove("deadline")
        body.insert(body.index("owner"), "deadline")
    body += ["done", "not_done"] if marks else ["progress"]
    if rng.random() < 0.5 or marks and rng.random() < 0.5:
        body.append("note")
    groups = rng.choices(["none", "span", "tt_span", "tt_next"], weights=[4, 2, 2, 2])[0]
    numbering = rng.choices(["continuous", "gaps", "restart"],
                            weights=[5, 2, 0 if groups == "none" else 4])[0]
    return Layout(
        columns=cols + body, marks=marks, criteria_column=criteria_column, groups=groups,
        numeral=rng.choice(["roman", "roman", "roman_dot", "letter_dot", "letter_paren"]),
        caps=rng.random() < 0.6, group_bold=rng.random() < 0.8, numbering=numbering,
        tt_style=rng.choices(["1", "1.", "(1)"], weights=[6, 3, 1])[0],
        list_style=rng.choice(["plain", "word", "dash", "plus", "mixed"]),
        long_rows=rng.choice([0.0, 0.0, 0.15, 0.4]),
    )


def _header(rng: random.Random, lay: Layout) -> list[list[HeaderCell]]:
    """One or two header rows (marks always under a two-level parent) and a number row."""
    names = {role: _pick(rng, role) for role in lay.columns if role not in ("done", "not_done")}
    org = ("owner" in lay.columns and "deadline" in lay.columns
           and abs(lay.columns.index("owner") - lay.columns.index("deadline")) == 1
           and rng.random() < 0.3)
    two_level = lay.marks or org
    rows: list[list[HeaderCell]]
    if not two_level:
        rows = [[HeaderCell(names[r]) for r in lay.columns]]
    else:
        top: list[HeaderCell] = []
        bottom: list[HeaderCell] = []
        done, not_done = rng.choice(MARK_PAIRS)
        i = 0
        while i < len(lay.columns):
            role = lay.columns[i]
            if role == "done":
                top.append(HeaderCell(rng.choice(MARK_PARENTS), span=2))
                bottom += [HeaderCell(done), HeaderCell(not_done)]
                i += 2
                continue
            if org and role in ("owner", "deadline") and lay.columns[i + 1] in ("owner", "deadline"):
                top.append(HeaderCell(rng.choice(ORG_PARENTS), span=2))
                bottom += [HeaderCell(names[role]), HeaderCell(names[lay.columns[i + 1]])]
                i += 2
                continue
            top.append(HeaderCell(names[role], vmerge=True))
            bottom.append(HeaderCell("", vmerge=False))
            i += 1
        rows = [top, bottom]
    if rng.random() < 0.3:
        fmt = rng.choice(["({})", "{}"])
        rows.append([HeaderCell(fmt.format(i)) for i in range(1, len(lay.columns) + 1)])
    return rows


def _list_cell(rng: random.Random, items: list[str], style: str) -> Cell:
    if len(items) == 1 and style != "word":
        return plain(items[0])
    if style == "mixed":
        style = rng.choice(["word", "dash", "plus", "numbers"])
    if style == "word":
        return listed(items, kind="decimal" if rng.random() < 0.2 else "bullet")
    if style == "dash":
        return dashed(items, marker="- ")
    if style == "plus":
        return dashed(items, marker="+ ")
    if style == "numbers":
        return typed_numbers(items)
    return plain(" ".join(items))


@dataclass
class _Ctx:
    rng: random.Random
    year: int
    ref: str  # the date overdue compares with
    unit: Unit
    lay: Layout

    def fill(self, text: str) -> str:
        r = self.rng
        return text.format(a=self.year - 1, y=self.year, y1=self.year + 1, n=r.randint(10, 480),
                           s=self.unit.symbol, d=r.randint(1, 28), m=r.randint(1, 12),
                           q=ROMAN[r.randint(0, 3)], k=r.randint(12, 95))


def _shortcoming_cells(ctx: _Ctx, area: int, cells: dict[str, Cell]) -> list[str]:
    """The shortcoming (and criteria) cells; the codes the row gives, in order."""
    rng, lay = ctx.rng, ctx.lay
    n_codes = rng.choices([0, 1, 2], weights=[1, 7, 2])[0]
    codes: list[str] = []
    while len(codes) < n_codes:
        code = code_for(rng, area)
        if code not in codes:
            codes.append(code)
    text = ctx.fill(rng.choice(SHORTCOMINGS[area]))
    if rng.random() < lay.long_rows:
        text += ". " + ". ".join(rng.sample(SHORTCOMING_TAILS, rng.randint(2, 4)))
    in_column = lay.criteria_column and codes and rng.random() < 0.85
    if lay.criteria_column:
        if in_column:
            paras = codes_in_column(rng, codes)
            cells["criteria"] = Cell(tuple(Para((Seg("text", p),)) for p in paras),
                                     " ".join(paras), tuple(paras))
        else:
            cells["criteria"] = blank()
    if codes and not in_column:
        written, where = codes_in_text(rng, codes)
        text = f"{written} {text}" if where == "prefix" else f"{text} {written}"
    cells["shortcoming"] = plain(text)
    return codes


def _status_cells(ctx: _Ctx, cells: dict[str, Cell]) -> str:
    """Progress text or done / not-done marks; the status they state."""
    rng = ctx.rng
    if ctx.lay.marks:
        which = rng.choices(["done", "not_done", "none", "both"], weights=[10, 10, 2, 1])[0]
        if which in ("done", "both"):
            cells["done"] = plain(rng.choice(MARKS))
        if which in ("not_done", "both"):
            cells["not_done"] = plain(rng.choice(MARKS))
        return {"done": "completed", "not_done": "in_progress"}.get(which, "unknown")
    if rng.random() < 0.08:
        cells["progress"] = blank()
        return "unknown"
    words, status = rng.choice(PROGRESS)
    cells["progress"] = plain(ctx.fill(words))
    return status


def _finding_cells(ctx: _Ctx, area: int) -> tuple[dict[str, Cell], list[str], Deadline, str]:
    """The cells of one finding; its codes, deadline and status."""
    rng, lay = ctx.rng, ctx.lay
    cells: dict[str, Cell] = {}
    codes = _shortcoming_cells(ctx, area, cells)
    if "cause" in lay.columns:
        cells["cause"] = plain(rng.choice(CAUSES)) if rng.random() < 0.8 else blank()
    n_items = rng.choices([1, 2, 3, 4, 6], weights=[4, 4, 3, 1, 1 + 3 * lay.long_rows])[0]
    items = [ctx.fill(t) for t in rng.sample(REMEDIES, n_items)]
    punct = rng.choice(["", ";", "."])
    items = [t + (punct if i < len(items) - 1 else ".") for i, t in enumerate(items)]
    cells["remedy"] = _list_cell(rng, items, lay.list_style) if rng.random() < 0.97 else blank()
    if "owner" in lay.columns:
        kind = ctx.unit.kind if ctx.unit.kind in OWNERS else "department"
        cells["owner"] = plain(rng.choice(OWNERS[kind])) if rng.random() < 0.9 else blank()
    deadline = draw_deadline(rng, ctx.year)
    cells["deadline"] = plain(deadline.text) if deadline.text else blank()
    status = _status_cells(ctx, cells)
    if "note" in lay.columns:
        cells["note"] = plain(ctx.fill(rng.choice(NOTES))) if rng.random() < 0.35 else blank()
    return cells, codes, deadline, status


def _overdue(due: str | None, status: str, ref: str) -> bool:
    return due is not None and due < ref and status != "completed"


def _group_row(ctx: _Ctx, index: int, area: int) -> Group:
    lay, rng = ctx.lay, ctx.rng
    title = rng.choice(AREA_TITLES[area])
    if lay.caps:
        title = title.upper()
    if lay.numeral in ("roman", "roman_dot"):
        mark = ROMAN[index]
    else:
        mark = LETTERS[index]
    punct = {"roman": "", "roman_dot": ".", "letter_dot": ".", "letter_paren": ")"}[lay.numeral]
    if lay.groups == "span":
        sep = " " if punct else ". "
        return Group(f"{mark}{punct}{sep}{title}", bold=lay.group_bold)
    return Group(title, numeral=mark + punct, style=lay.groups,  # type: ignore[arg-type]
                 bold=lay.group_bold)


def _tt(style: str, n: int) -> str:
    return {"1": str(n), "1.": f"{n}.", "(1)": f"({n})"}[style]


def _body(ctx: _Ctx) -> list[Row | Group]:
    rng, lay = ctx.rng, ctx.lay
    n_groups = rng.randint(2, 6) if lay.groups != "none" else 1
    areas = sorted(rng.sample(range(1, 9), n_groups))
    out: list[Row | Group] = []
    seq = 0
    for gi, area in enumerate(areas):
        if lay.groups != "none":
            out.append(_group_row(ctx, gi, area))
            if lay.numbering == "restart":
                seq = 0
        n_rows = rng.randint(1, 4) if lay.groups != "none" else rng.randint(4, 16)
        rows: list[tuple[dict[str, Cell], int, Expect]] = []
        for _ in range(n_rows):
            row_area = area if lay.groups != "none" else rng.randint(1, 8)
            seq += 1 + (1 if lay.numbering == "gaps" and rng.random() < 0.15 else 0)
            cells, codes, deadline, status = _finding_cells(ctx, row_area)
            expect = Expect(seq, codes, deadline.kind, deadline.due, status, None,
                            overdue=_overdue(deadline.due, status, ctx.ref))
            rows.append((cells, seq, expect))
        out += _with_merges(ctx, rows)
    return out


def _with_merges(ctx: _Ctx, rows: list[tuple[dict[str, Cell], int, Expect]]) -> list[Row | Group]:
    """Rows of one group, with up to two vertical merges of 2-4 rows in body columns."""
    rng, lay = ctx.rng, ctx.lay
    vmerges: list[dict[str, bool]] = [{} for _ in rows]
    candidates = [r for r in MERGEABLE if r in lay.columns]
    if len(rows) >= 2 and rng.random() < 0.35:
        for role in rng.sample(candidates, min(len(candidates), rng.choice([1, 1, 2]))):
            length = rng.randint(2, min(4, len(rows)))
            start = rng.randint(0, len(rows) - length)
            if any(role in vm for vm in vmerges[start:start + length]):
                continue
            for k in range(start, start + length):
                vmerges[k][role] = k == start
    out: list[Row | Group] = []
    first_cells: dict[str, Cell] = {}
    first_expect: dict[str, Expect] = {}
    for (cells, seq, exp), vm in zip(rows, vmerges, strict=True):
        for role, starts in vm.items():
            if starts:
                first_cells[role], first_expect[role] = cells[role], exp
            else:
                cells[role] = first_cells[role]
        exp = _merged_expect(ctx, exp, vm, first_expect)
        merged = [f for f in FIELD_ORDER if f in vm]
        out.append(Row(_tt(lay.tt_style, seq), cells, dataclasses.replace(exp, merged=merged), vmerge=vm))
    return out


def _merged_expect(ctx: _Ctx, exp: Expect, vm: dict[str, bool], first: dict[str, Expect]) -> Expect:
    """A row continuing a merge takes the merged cell's meaning (deadline, status, codes)."""
    for role, starts in vm.items():
        if starts:
            continue
        src = first[role]
        if role == "deadline":
            exp = dataclasses.replace(exp, deadline_kind=src.deadline_kind, due_date=src.due_date)
        elif role == "progress":
            exp = dataclasses.replace(exp, status=src.status)
    return dataclasses.replace(exp, overdue=_overdue(exp.due_date, exp.status, ctx.ref))


TITLES = [
    ["KẾT QUẢ KHẮC PHỤC CÁC TỒN TẠI, HẠN CHẾ, CÁC TIÊU CHÍ BỊ TRỪ ĐIỂM",
     "TRONG ĐÁNH GIÁ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM {a}"],
    ["Kết quả khắc phục những hạn chế, tồn tại trong", "xác định Chỉ số cải cách hành chính năm {a}"],
    ["TỔNG HỢP TỒN TẠI, HẠN CHẾ QUA KẾT QUẢ CHẤM ĐIỂM CHỈ SỐ CCHC NĂM {a}",
     "VÀ GIẢI PHÁP KHẮC PHỤC"],
    ["DANH MỤC CÁC TIÊU CHÍ, TIÊU CHÍ THÀNH PHẦN BỊ TRỪ ĐIỂM", "TRONG CHỈ SỐ CCHC NĂM {a}"],
    ["Nhiệm vụ, giải pháp khắc phục tồn tại, hạn chế của Chỉ số CCHC năm {a}"],
]
PERIODS = {3: "quý I", 6: "6 tháng đầu", 9: "quý III", 12: ""}


def draw_report(seed: int) -> ReportSpec:
    """A random but realistic report and, in its rows' :class:`Expect`, its truth."""
    rng = random.Random(seed)
    year = rng.choice([2022, 2023, 2023, 2024])
    unit = rng.choice([u for u in UNITS if u.kind != "district" or year <= 2024])
    month = rng.randint(1, 12)
    day = rng.randint(1, 28) if rng.random() < 0.8 else None
    number = rng.randint(1, 350) if rng.random() < 0.75 else None
    symbol = f"BC-{unit.symbol}"
    ref = f"{year:04d}-{month:02d}-{day or 1:02d}"
    lay = _draw_layout(rng)
    ctx = _Ctx(rng, year, ref, unit, lay)
    district = unit.kind == "district"
    place = unit.name.split(" ", 2)[-1] if district else "Hà Tĩnh"
    pad = rng.random() < 0.5
    num_text = (f"{number:02d}" if pad else str(number)) if number is not None else "      "
    mon_text = f"{month:02d}" if pad and month < 3 else str(month)
    day_text = str(day) if day is not None else "     "
    place_date = f"{place}, ngày {day_text} tháng {mon_text} năm {year}"
    date_short = f"{day}/{month}/{year}" if day is not None else f"    /{month}/{year}"
    issuer = unit.name.upper()
    letterhead = Letterhead(None if district else "UBND TỈNH HÀ TĨNH", issuer,
                            f"Số: {num_text}/{symbol}", place_date)
    title_lines = [line.format(a=year - 1) for line in rng.choice(TITLES)]
    caption = rng.choice([
        f"(Kèm theo Báo cáo số {num_text}/{symbol} ngày {date_short} của {unit.name})",
        f"(Ban hành kèm theo Báo cáo số {num_text}/{symbol} ngày {date_short} của {unit.name})",
    ])
    period = " ".join(filter(None, [PERIODS[min(p for p in PERIODS if p >= month)], "năm"]))
    body: list[str | Heading | SimpleTable] = [
        f"Thực hiện chế độ báo cáo định kỳ về công tác cải cách hành chính, {unit.name} báo cáo "
        f"kết quả thực hiện {period} năm {year} như sau:",
        Heading("I. KẾT QUẢ THỰC HIỆN"),
        "Đơn vị đã ban hành Kế hoạch CCHC năm và triển khai các nhiệm vụ theo kế hoạch; kết quả "
        "khắc phục tồn tại, hạn chế tại Phụ lục kèm theo.",
    ]
    if rng.random() < 0.25:
        body.append(SimpleTable(["TT", "Nội dung", "Số lượng", "Tỷ lệ (%)"],
                                [["1", "Hồ sơ tiếp nhận", str(rng.randint(500, 9000)), "100"],
                                 ["2", "Hồ sơ giải quyết đúng hạn", str(rng.randint(400, 500)), "98,2"]],
                                [12, 95, 30, 28]))
    body += [Heading("II. PHƯƠNG HƯỚNG, NHIỆM VỤ"), "Tiếp tục triển khai các nhiệm vụ CCHC./."]
    portrait = rng.random() < 0.35
    avail = 175.0 if portrait else 262.0
    total = sum(WIDTH[r] for r in lay.columns if r != "seq")
    rest = avail - WIDTH["seq"] - 2
    columns = [Column(r, WIDTH[r] + 2.0 if r == "seq" else round(WIDTH[r] * rest / total, 1),
                      ALIGN.get(r, "both")) for r in lay.columns]
    table = TableSpec(columns=columns, header=_header(rng, lay), parts=[_body(ctx)])
    label = rng.choice(["PHỤ LỤC", "PHỤ LỤC", "Phụ lục", "PHỤ LỤC 01"])
    report = {"agency": unit.name, "agency_code": unit.code, "symbol": symbol, "number": number,
              "date": ref if day is not None else None, "month": month, "year": year,
              "assessed_year": year - 1, "title": " ".join(title_lines)}
    authority = (["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"] if district
                 else rng.choice([["GIÁM ĐỐC"], ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"], ["THỦ TRƯỞNG"]]))
    return ReportSpec(
        stem=f"gen_{seed:05d}",
        letterhead=letterhead,
        doc_type="BÁO CÁO",
        subject=f"Kết quả công tác cải cách hành chính {period} năm {year}",
        body=body,
        signature=Signature(["- Sở Nội vụ;", "- Lưu: VT."], authority,
                            rng.choice(["Nguyễn Văn An", "Trần Thị Bình", "Lê Minh Châu", "Phan Đức Dũng"])),
        appendix_label=label,
        appendix_title=title_lines,
        caption=caption,
        table=table,
        report=report,
        report_audit=[],
        core_title=f"Báo cáo CCHC {period} năm {year}",
        author=unit.name,
        created=f"{year:04d}-{month:02d}-{day or 1:02d}T08:00:00",
        row_rules=True,
        appendix_portrait=portrait,
        table_pt=rng.choice([11, 12, 13, 13, 14]),
        repeat_header=rng.random() < 0.7,
    )
