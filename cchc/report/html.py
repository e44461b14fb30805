"""``cchc report``: one self-contained HTML page, in Vietnamese, for the analysts of Sở Nội vụ.

The page answers what the analysts ask each quarter: which units lag (status per unit),
which reform areas and criteria lose points across units (a heat map and a ranked table),
how the picture moves from one report period to the next, which shortcomings are overdue
or not started, and what each unit's report is missing (the audit list).

Self-contained because it is mailed around and opened on office machines without internet:
the CSS is inline, the charts are PNG ``data:`` URIs (:mod:`cchc.report.charts`), there is no
script and no link outside the page; a Content-Security-Policy says so to the browser too.

A report is input from outside, and its text must never become markup.  So every fragment
is a :class:`markupsafe.Markup` built with ``Markup(template).format(...)``, which escapes
each value that is not itself ``Markup``: report text is escaped by default, and only
fragments built here pass through whole.

The numbers come from :mod:`cchc.report.data`; the words and number formats from
:mod:`cchc.vocabulary`; this module only lays them out.
"""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import Container, Iterable, Sequence

from markupsafe import Markup, escape

from cchc.report import charts
from cchc.report.data import (
    STATUSES,
    DocumentInfo,
    ReportData,
    StatusCounts,
    report_data,
)
from cchc.vocabulary import (
    OVERDUE_LABEL,
    STATUS_LABELS,
    field_label,
    period_label,
    row_label,
    severity_label,
    status_label,
    vn_date,
    vn_int,
    vn_percent,
)
from cchc.warehouse.store import connect

TITLE = "Tổng hợp kết quả khắc phục tồn tại, hạn chế về cải cách hành chính"
SECTIONS: dict[str, str] = {
    "don-vi": "Tiến độ khắc phục theo đơn vị",
    "linh-vuc": "Tiêu chí bị trừ điểm theo lĩnh vực",
    "theo-ky": "Trạng thái qua các kỳ báo cáo",
    "cham": "Tồn tại quá hạn hoặc chưa thực hiện",
    "kiem-tra": "Danh sách cần bổ sung, chỉnh sửa",
    "tep-loi": "Tệp không đọc được, cần gửi lại",
    "bao-cao": "Các báo cáo đã nạp",
}
STATUS_COLORS: dict[str, str] = {"completed": "#43a047", "in_progress": "#fbc02d",
                                 "not_started": "#e53935", "unknown": "#b0bec5"}
OVERDUE_COLOR = "#6a1b9a"
#: Criteria rows shown before the rest is folded (a province's list runs to a hundred codes).
CRITERIA_SHOWN = 25
NO_DATA = ("Kho dữ liệu chưa có báo cáo nào. Hãy nạp báo cáo của các đơn vị vào kho "
           "rồi lập lại trang này.")
_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"


def _cell(value: object) -> Markup:
    """A value as markup: ``Markup`` passes whole, anything else is escaped; ``None`` → empty."""
    return Markup("") if value is None else escape(value)


def _doc_date(doc: DocumentInfo) -> str:
    return vn_date(doc.date) if doc.date is not None else "chưa ghi ngày"


def _number_symbol(doc: DocumentInfo) -> str:
    number = str(doc.number) if doc.number is not None else "…"
    return f"{number}/{doc.symbol}" if doc.symbol else (number if doc.number is not None else "–")


# -- building blocks -----------------------------------------------------------------------

def table(headers: Sequence[object], rows: Iterable[Sequence[object]], *,
          numeric: Container[int] = (), css: str = "",
          footer: Sequence[object] | None = None) -> Markup:
    """A table; the columns whose index is in ``numeric`` are right-aligned numbers."""
    def row_html(cells: Sequence[object], tag: str) -> Markup:
        plain, num = Markup(f"<{tag}>{{}}</{tag}>"), Markup(f'<{tag} class="num">{{}}</{tag}>')
        return Markup("<tr>{}</tr>").format(
            Markup("").join((num if i in numeric else plain).format(_cell(v))
                            for i, v in enumerate(cells)))

    body = Markup("\n").join(row_html(r, "td") for r in rows)
    foot = Markup("<tfoot>{}</tfoot>").format(row_html(footer, "td")) if footer is not None else ""
    return Markup('<div class="scroll"><table class="{}"><thead>{}</thead><tbody>\n{}\n</tbody>'
                  "{}</table></div>").format(css, row_html(headers, "th"), body, foot)


def figure(png: bytes, alt: str, caption: str) -> Markup:
    data = base64.b64encode(png).decode("ascii")
    return Markup('<figure><img src="data:image/png;base64,{}" alt="{}">'
                  "<figcaption>{}</figcaption></figure>").format(data, alt, caption)


def note(text: str, *, css: str = "note") -> Markup:
    return Markup('<p class="{}">{}</p>').format(css, text)


def badge(text: str, kind: str) -> Markup:
    return Markup('<span class="badge {}">{}</span>').format(kind, text)


def status_badge(status: str) -> Markup:
    return badge(status_label(status), status)


def section(anchor: str, *parts: Markup) -> Markup:
    return Markup('<section id="{}"><h2>{}</h2>\n{}\n</section>').format(
        anchor, SECTIONS[anchor], Markup("\n").join(parts))


def _status_series(counts: Sequence[StatusCounts]) -> list[charts.Series]:
    return [charts.Series(STATUS_LABELS[s], STATUS_COLORS[s], [c.get(s) for c in counts])
            for s in STATUSES]


# -- sections ------------------------------------------------------------------------------

def units_section(data: ReportData) -> Markup:
    """Status counts per unit (latest report), most lagging first: chart and table."""
    names = [u.name for u in data.units]
    counts = [u.counts for u in data.units]
    png = charts.horizontal_stacked_bars(
        names, _status_series(counts), title="Số tồn tại, hạn chế theo trạng thái",
        xlabel="Số tồn tại, hạn chế",
        notes=[f"{OVERDUE_LABEL.lower()}: {c.overdue}" if c.overdue else "" for c in counts],
        note_color=OVERDUE_COLOR)
    rows = [[u.name, Markup("{}<br><small>{}</small>").format(
                u.document.file, period_label(u.document.year, u.document.month)),
             u.counts.total, *(u.counts.get(s) for s in STATUSES),
             Markup('<b class="overdue">{}</b>').format(u.counts.overdue) if u.counts.overdue else 0,
             vn_percent(u.counts.share_completed)] for u in data.units]
    total = sum(counts, StatusCounts())
    footer = ["Tổng cộng", "", total.total, *(total.get(s) for s in STATUSES), total.overdue,
              vn_percent(total.share_completed)]
    headers = ["Đơn vị", "Báo cáo dùng để tổng hợp", "Tổng số", *STATUS_LABELS.values(),
               OVERDUE_LABEL, "Tỷ lệ hoàn thành"]
    return section(
        "don-vi",
        note("Mỗi đơn vị tính theo báo cáo mới nhất đã nạp. Đơn vị chậm nhất (tỷ lệ hoàn thành "
             "thấp nhất, nhiều tồn tại quá hạn nhất) đứng đầu. «Quá hạn»: đã qua thời hạn ghi "
             "trong phụ lục mà chưa hoàn thành, tính đến ngày báo cáo."),
        figure(png, "Biểu đồ cột chồng: số tồn tại, hạn chế theo trạng thái của từng đơn vị",
               "Hình 1. Trạng thái khắc phục tồn tại, hạn chế của từng đơn vị."),
        table(headers, rows, numeric=range(2, 9), footer=footer))


def areas_section(data: ReportData) -> Markup:
    """Units × areas heat map, the areas table and the criteria ranked by units."""
    if not data.areas:  # no catalog entry fits and no report names a code
        return section("linh-vuc", note("Chưa có mã tiêu chí nào và danh mục tiêu chí không có "
                                        "lĩnh vực cho các đơn vị này.", css="note warn"))
    png = charts.heatmap(
        [u.name for u in data.units], [f"LV {a.number}" for a in data.areas], data.heat(),
        title="Số tiêu chí bị trừ điểm theo đơn vị và lĩnh vực",
        colorbar_label="Số tiêu chí bị trừ điểm")
    area_rows = [[f"LV {a.number}", a.name, a.units_lost, a.codes] for a in data.areas]
    crit_rows = [[c.code, f"LV {c.area}" if c.area is not None else "–", len(c.units),
                  ", ".join(c.units)] for c in data.criteria]
    crit_headers = ["Mã tiêu chí", "Lĩnh vực", "Số đơn vị", "Các đơn vị"]
    parts = [
        note("Ô ghi số mã tiêu chí khác nhau mà đơn vị bị trừ điểm trong lĩnh vực (theo báo cáo "
             "mới nhất); «–»: lĩnh vực không có trong bộ chỉ số của đơn vị. Tên lĩnh vực lấy từ "
             "danh mục tiêu chí."),
        figure(png, "Bản đồ nhiệt: đơn vị theo hàng, lĩnh vực theo cột, số tiêu chí bị trừ điểm",
               "Hình 2. Số tiêu chí bị trừ điểm của từng đơn vị trong từng lĩnh vực."),
        Markup("<h3>Số đơn vị bị trừ điểm theo lĩnh vực</h3>"),
        table(["Lĩnh vực", "Tên lĩnh vực", "Số đơn vị bị trừ điểm", "Số tiêu chí bị trừ điểm"],
              area_rows, numeric=(2, 3)),
        Markup("<h3>Tiêu chí bị trừ điểm, xếp theo số đơn vị</h3>"),
        table(crit_headers, crit_rows[:CRITERIA_SHOWN], numeric=(2,), css="criteria")
        if crit_rows else note("Chưa có mã tiêu chí nào."),
    ]
    if len(crit_rows) > CRITERIA_SHOWN:
        rest = table(crit_headers, crit_rows[CRITERIA_SHOWN:], numeric=(2,), css="criteria")
        parts.append(Markup("<details><summary>Xem thêm {} tiêu chí khác</summary>\n{}\n</details>")
                     .format(len(crit_rows) - CRITERIA_SHOWN, rest))
    if data.missing_codes:
        parts.append(note(f"{data.missing_codes} tồn tại, hạn chế không ghi mã tiêu chí nên không "
                          "được tính ở mục này (xem danh sách cần bổ sung).", css="note warn"))
    return section("linh-vuc", *parts)


def time_section(data: ReportData) -> Markup:
    """Counts by status as of each report period; says so when there is only one."""
    if not data.periods:
        return section("theo-ky", note("Chưa có báo cáo nào ghi rõ tháng, năm báo cáo.",
                                        css="note warn"))
    periods = data.periods
    png = charts.vertical_stacked_bars(
        [period_label(p.year, p.month, short=True) for p in periods],
        _status_series([p.counts for p in periods]),
        title="Trạng thái mới nhất tính đến từng kỳ báo cáo", ylabel="Số tồn tại, hạn chế",
        tops=[f"{p.units} đơn vị" for p in periods],
        line=charts.Series(OVERDUE_LABEL, OVERDUE_COLOR, [p.counts.overdue for p in periods]))
    rows = [[period_label(p.year, p.month), p.reporting, p.units, p.counts.total,
             *(p.counts.get(s) for s in STATUSES), p.counts.overdue] for p in periods]
    parts = [note("Tại mỗi kỳ (tháng/năm của báo cáo), mỗi đơn vị được tính theo báo cáo mới nhất "
                  "của đơn vị đến kỳ đó; đơn vị chưa báo cáo thì chưa được tính.")]
    if len(periods) == 1:
        parts.append(note(f"Mới có một kỳ báo cáo ({period_label(periods[0].year, periods[0].month)})"
                          ": chưa so sánh được qua các kỳ.", css="note warn"))
    if data.undated:
        parts.append(note(f"{data.undated} báo cáo không ghi rõ tháng, năm nên không có trên "
                          "biểu đồ này.", css="note warn"))
    parts += [figure(png, "Biểu đồ cột chồng theo kỳ báo cáo: số tồn tại theo trạng thái",
                     "Hình 3. Trạng thái tồn tại, hạn chế qua các kỳ báo cáo."),
              table(["Kỳ báo cáo", "Đơn vị báo cáo trong kỳ", "Đơn vị tính đến kỳ", "Tổng số",
                     *STATUS_LABELS.values(), OVERDUE_LABEL], rows, numeric=range(1, 9))]
    return section("theo-ky", *parts)


def lagging_section(data: ReportData) -> Markup:
    if not data.lagging:
        return section("cham", note("Không có tồn tại nào quá hạn hoặc chưa thực hiện."))
    rows = [[f.unit_name, f.seq if f.seq is not None else "–", f.shortcoming or "(trống)",
             ", ".join(f.codes) or "–", f.deadline or "(trống)",
             status_badge(f.status) + (Markup(" ") + badge(OVERDUE_LABEL, "overdue") if f.overdue
                                       else "")]
            for f in data.lagging]
    return section("cham", note("Theo báo cáo mới nhất của mỗi đơn vị."),
                   table(["Đơn vị", "Dòng", "Tồn tại, hạn chế", "Tiêu chí", "Thời hạn",
                          "Trạng thái"], rows, css="texts"))


def audit_section(data: ReportData) -> Markup:
    """The audit entries of each unit's latest report, grouped by unit (one file each)."""
    blocks = []
    for group in data.audits:
        errors, warnings, infos = (group.count(s) for s in ("error", "warning", "info"))
        summary = Markup("{} <span class='counts'>· {} · {} lỗi, {} cảnh báo, {} lưu ý</span>").format(
            group.unit_name, group.file, errors, warnings, infos)
        if group.lines:
            body = table(["Dòng", "Mức độ", "Mục", "Nội dung"],
                         [[row_label(line.seq), badge(severity_label(line.severity), line.severity),
                           field_label(line.field), line.message] for line in group.lines],
                         css="audit")
        else:
            body = note("Không có mục nào cần bổ sung.")
        is_open = Markup(" open") if errors or warnings else ""
        blocks.append(Markup("<details{}><summary>{}</summary>\n{}\n</details>").format(
            is_open, summary, body))
    return section("kiem-tra", note("Những gì còn thiếu, để trống hoặc không khớp trong báo cáo mới "
                                    "nhất của mỗi đơn vị; đơn vị có nhiều lỗi nhất đứng đầu. "
                                    "«Lỗi» cần đơn vị sửa và gửi lại; «Cảnh báo» nên xem lại."),
                   *blocks)


def failed_section(data: ReportData) -> Markup:
    """The files that gave no report, grouped by unit (guessed from the file's name)."""
    if not data.failed:
        return section("tep-loi", note("Mọi tệp đều đọc được."))
    rows = [[f.unit_name or "Chưa rõ đơn vị", f.file, f.error_code or "–", f.message or "",
             Markup("<small>{}</small>").format(f.path)] for f in data.failed]
    return section("tep-loi", note("Những tệp này không thành báo cáo (tệp hỏng, rỗng, không phải "
                                   "báo cáo…): đề nghị đơn vị gửi lại. Đơn vị được đoán theo tên "
                                   "tệp hoặc thư mục."),
                   table(["Đơn vị", "Tệp", "Mã lỗi", "Lý do", "Đường dẫn"], rows, css="texts"))


def documents_section(data: ReportData) -> Markup:
    rows = [[d.document.unit_name, Markup("{}<br><small>{}</small>").format(
                d.document.file, ", ".join(d.document.renditions)),
             _number_symbol(d.document), _doc_date(d.document),
             period_label(d.document.year, d.document.month),
             d.document.assessed_year if d.document.assessed_year is not None else "–",
             d.findings, d.severities.get("error", 0), d.severities.get("warning", 0),
             badge("Có", "completed") if d.used else badge("Không (đã có báo cáo sau)", "unknown")]
            for d in data.documents]
    return section("bao-cao", table(
        ["Đơn vị", "Tệp (bản được dùng; các bản đã nhận)", "Số/ký hiệu", "Ngày", "Kỳ báo cáo",
         "Năm đánh giá", "Số tồn tại", "Lỗi", "Cảnh báo", "Dùng để tổng hợp"], rows,
        numeric=range(5, 9), css="docs"))


# -- the page ------------------------------------------------------------------------------

CSS = """
:root { --ink:#263238; --muted:#607d8b; --line:#dfe5e8; --bg:#f5f7f8; --accent:#1565c0; }
* { box-sizing: border-box; }
body { margin:0; background:var(--bg); color:var(--ink);
  font: 15px/1.5 "DejaVu Sans", "Segoe UI", Arial, sans-serif; }
header { background:#0d47a1; color:#fff; padding:24px 32px 20px; }
header h1 { margin:0 0 6px; font-size:24px; }
header p { margin:2px 0; color:#e3f2fd; font-size:14px; }
main { max-width:1200px; margin:0 auto; padding:20px 24px 40px; }
nav { background:#fff; border:1px solid var(--line); border-radius:8px; padding:10px 16px;
  margin-bottom:18px; font-size:14px; display:flex; flex-wrap:wrap; gap:4px 20px; }
nav a { color:var(--accent); text-decoration:none; white-space:nowrap; }
.cards { display:grid; grid-template-columns:repeat(auto-fit, minmax(160px, 1fr)); gap:12px;
  margin-bottom:18px; }
.card { background:#fff; border:1px solid var(--line); border-radius:8px; padding:12px 16px; }
.card b { display:block; font-size:26px; line-height:1.2; }
.card span { color:var(--muted); font-size:13px; }
.card.bad b { color:#c62828; }
section { background:#fff; border:1px solid var(--line); border-radius:8px; padding:18px 22px;
  margin-bottom:18px; }
h2 { margin:0 0 10px; font-size:20px; color:#0d47a1; }
h3 { margin:18px 0 8px; font-size:16px; }
figure { margin:12px 0; text-align:center; }
figure img { max-width:100%; height:auto; }
figcaption { color:var(--muted); font-size:13px; font-style:italic; }
.scroll { overflow-x:auto; }
table { border-collapse:collapse; width:100%; font-size:13.5px; margin:6px 0 4px; }
th, td { border-bottom:1px solid var(--line); padding:6px 8px; text-align:left; vertical-align:top; }
th { background:#eceff1; font-weight:600; }
tbody tr:nth-child(even) { background:#fafbfc; }
tfoot td { font-weight:700; border-top:2px solid #b0bec5; }
td.num, th.num { text-align:right; white-space:nowrap; }
table.texts td:nth-child(3), table.criteria td:last-child { min-width:260px; }
table.audit { table-layout:fixed; }
table.audit th:nth-child(1) { width:16%; } table.audit th:nth-child(2) { width:12%; }
table.audit th:nth-child(3) { width:17%; }
table.texts td:nth-child(2), table.docs td:nth-child(n+3) { white-space:nowrap; }
small { color:var(--muted); }
.note { color:var(--muted); font-size:13.5px; margin:4px 0 8px; }
.note.warn { color:#8d6e00; background:#fff8e1; border-left:4px solid #fbc02d; padding:6px 10px; }
.empty { font-size:17px; padding:28px; text-align:center; color:var(--muted); }
.badge { display:inline-block; padding:1px 8px; border-radius:10px; font-size:12px;
  white-space:nowrap; border:1px solid transparent; }
.badge.error { background:#ffebee; color:#b71c1c; border-color:#ef9a9a; }
.badge.warning { background:#fff8e1; color:#8d6e00; border-color:#ffe082; }
.badge.info { background:#e3f2fd; color:#0d47a1; border-color:#90caf9; }
.badge.completed { background:#e8f5e9; color:#1b5e20; }
.badge.in_progress { background:#fff8e1; color:#8d6e00; }
.badge.not_started { background:#ffebee; color:#b71c1c; }
.badge.unknown { background:#eceff1; color:#455a64; }
.badge.overdue { background:#f3e5f5; color:#6a1b9a; border-color:#ce93d8; }
b.overdue { color:#6a1b9a; }
details { border:1px solid var(--line); border-radius:6px; margin:8px 0; padding:4px 12px; }
summary { cursor:pointer; font-weight:600; padding:4px 0; }
summary .counts { font-weight:400; color:var(--muted); }
footer { color:var(--muted); font-size:12.5px; text-align:center; padding:0 0 24px; }
@media print { body { background:#fff; } section, nav { break-inside:avoid-page; } nav { display:none; } }
"""


def _cards(data: ReportData) -> Markup:
    total = sum((u.counts for u in data.units), StatusCounts())
    errors = sum(g.count("error") for g in data.audits)
    items = [(len(data.units), "đơn vị", ""), (len(data.documents), "báo cáo đã nạp", ""),
             (len(data.failed), "tệp không đọc được", " bad" if data.failed else ""),
             (total.total, "tồn tại, hạn chế (báo cáo mới nhất)", ""),
             (vn_percent(total.share_completed), "đã hoàn thành", ""),
             (total.overdue, "tồn tại quá hạn", " bad" if total.overdue else ""),
             (errors, "lỗi trong báo cáo cần sửa", " bad" if errors else "")]
    cards = Markup("").join(Markup('<div class="card{}"><b>{}</b><span>{}</span></div>').format(
        cls, v, label) for v, label, cls in items)
    return Markup('<div class="cards">{}</div>').format(cards)


def _header(data: ReportData, generated_at: dt.datetime, source: str) -> Markup:
    when = f"{generated_at:%H:%M} ngày {vn_date(generated_at.date())}"
    offset = generated_at.strftime("%z")
    if offset:
        when += f" (UTC{offset[:3]}:{offset[3:]})"
    counts = (f"{vn_int(len(data.documents))} báo cáo, {vn_int(data.findings_total)} tồn tại, hạn chế "
              "trong kho")
    return Markup("<header><h1>{}</h1><p>Lập lúc {} · Nguồn dữ liệu: {}</p><p>{}</p></header>").format(
        TITLE, when, source, counts)


def _nav() -> Markup:
    links = Markup("").join(Markup('<a href="#{}">{}</a>').format(anchor, title)
                            for anchor, title in SECTIONS.items())
    return Markup("<nav>{}</nav>").format(links)


def render_report(data: ReportData, *, generated_at: dt.datetime, source: str) -> str:
    """The whole page as text.  An empty warehouse gives the header and a no-data notice."""
    if not data.documents:
        body = Markup('<section><p class="empty">{}</p></section>\n{}').format(
            NO_DATA, failed_section(data) if data.failed else "")
    else:
        body = Markup("\n").join([_nav(), _cards(data), units_section(data), areas_section(data),
                          time_section(data), lagging_section(data), audit_section(data),
                          failed_section(data), documents_section(data)])
    page = Markup('<!DOCTYPE html>\n<html lang="vi">\n<head>\n<meta charset="utf-8">\n'
                  '<meta http-equiv="Content-Security-Policy" content="{}">\n'
                  '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
                  "<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n"
                  "{}\n<main>\n{}\n</main>\n"
                  "<footer>Trang do cchc lập từ kho dữ liệu; không cần kết nối mạng để xem.</footer>\n"
                  "</body>\n</html>\n").format(_CSP, TITLE, Markup(CSS),
                                                 _header(data, generated_at, source), body)
    return str(page)


# -- from a warehouse ----------------------------------------------------------------------

def build_report(target: str) -> tuple[str, ReportData]:
    """Read the warehouse at ``target`` and render the page; a warehouse with no cchc
    tables yet is reported as empty, one of another layout raises ``WarehouseError``."""
    with connect(target, read_only=True) as warehouse:
        if warehouse.schema_version() is None:
            data = ReportData()
        else:
            warehouse.check_schema()
            data = report_data(warehouse)
        source = warehouse.label
    now = dt.datetime.now().astimezone()
    return render_report(data, generated_at=now, source=source), data

