"""``cchc report``: one self-contained HTML page, in Vietnamese, for the analysts of Sở Nội vụ.

The page answers what the analysts ask each quarter: which units lag (status per unit),
which reform areas and criteria lose points across units (a heat map and a ranked table),
how the picture moves from one report period to the next, which shortcomings are overdue
or not started, and what each unit's report is missing (the audit list).

Self-contained because it is mailed around and opened on office machines without internet:
the CSS is inline, the charts are PNG ``data:`` URIs (:mod:`cchc.output.charts`), there is no
script and no link outside the page; a Content-Security-Policy says so to the browser too.
Every text from a report passes through :func:`html.escape` (via :func:`_cell` and
:func:`_t`): a report is input from outside, and its text must never become markup.

The numbers come from :mod:`cchc.output.report_data`; this module only lays them out.
"""

from __future__ import annotations

import argparse
import base64
import datetime as dt
import html
import sys
from collections.abc import Container, Iterable, Sequence
from pathlib import Path

from cchc.errors import CchcError
from cchc.output import charts
from cchc.output.audit_text import field_label, row_label, severity_label, vn_date
from cchc.output.files import write_atomic
from cchc.output.report_data import (
    STATUSES,
    DocumentInfo,
    ReportData,
    StatusCounts,
    report_data,
)
from cchc.output.warehouse import DEFAULT_TARGET, connect, is_postgres_url

TITLE = "Tổng hợp kết quả khắc phục tồn tại, hạn chế về cải cách hành chính"
SECTIONS: dict[str, str] = {
    "don-vi": "Tiến độ khắc phục theo đơn vị",
    "linh-vuc": "Tiêu chí bị trừ điểm theo lĩnh vực",
    "theo-ky": "Trạng thái qua các kỳ báo cáo",
    "cham": "Tồn tại quá hạn hoặc chưa thực hiện",
    "kiem-tra": "Danh sách cần bổ sung, chỉnh sửa",
    "bao-cao": "Các báo cáo đã nạp",
}
STATUS_LABELS: dict[str, str] = {"completed": "Đã hoàn thành", "in_progress": "Đang thực hiện",
                                 "not_started": "Chưa thực hiện", "unknown": "Chưa rõ"}
STATUS_COLORS: dict[str, str] = {"completed": "#43a047", "in_progress": "#fbc02d",
                                 "not_started": "#e53935", "unknown": "#b0bec5"}
OVERDUE_LABEL, OVERDUE_COLOR = "Quá hạn", "#6a1b9a"
#: Criteria rows shown before the rest is folded (a province's list runs to a hundred codes).
CRITERIA_SHOWN = 25
NO_DATA = ("Kho dữ liệu chưa có báo cáo nào. Hãy nạp báo cáo của các đơn vị vào kho "
           "rồi lập lại trang này.")
_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"


class Html(str):
    """A fragment that is already safe markup (built here, never from report text)."""


def _t(value: object) -> str:
    """Text of any value, escaped for HTML; ``None`` → an empty string."""
    return "" if value is None else html.escape(str(value), quote=True)


def _cell(value: object) -> str:
    return str(value) if isinstance(value, Html) else _t(value)


def _num(value: int) -> str:
    """Vietnamese thousands separator.  Example: ``10000`` → ``"10.000"``."""
    return f"{value:,}".replace(",", ".")


def _percent(share: float | None) -> str:
    """Vietnamese decimal comma.  Example: ``0.945`` → ``"94,5%"``; ``None`` → ``"–"``."""
    return "–" if share is None else f"{share * 100:.1f}".replace(".", ",") + "%"


def period_label(year: int | None, month: int | None, *, short: bool = False) -> str:
    """Example: ``(2023, 3)`` → ``"tháng 3/2023"`` (``short``: ``"T3/2023"``)."""
    if year is None:
        return "không rõ kỳ"
    if month is None:
        return f"năm {year}"
    return f"T{month}/{year}" if short else f"tháng {month}/{year}"


def _doc_date(doc: DocumentInfo) -> str:
    return vn_date(doc.date) if doc.date is not None else "chưa ghi ngày"


def _number_symbol(doc: DocumentInfo) -> str:
    number = str(doc.number) if doc.number is not None else "…"
    return f"{number}/{doc.symbol}" if doc.symbol else (number if doc.number is not None else "–")


# -- building blocks -----------------------------------------------------------------------

def table(headers: Sequence[object], rows: Iterable[Sequence[object]], *,
          numeric: Container[int] = (), css: str = "",
          footer: Sequence[object] | None = None) -> Html:
    """A table; the columns whose index is in ``numeric`` are right-aligned numbers."""
    def row_html(cells: Sequence[object], tag: str) -> str:
        parts = []
        for i, value in enumerate(cells):
            cls = ' class="num"' if i in numeric else ""
            parts.append(f"<{tag}{cls}>{_cell(value)}</{tag}>")
        return "<tr>" + "".join(parts) + "</tr>"

    body = "\n".join(row_html(r, "td") for r in rows)
    foot = f"<tfoot>{row_html(footer, 'td')}</tfoot>" if footer is not None else ""
    return Html(f'<div class="scroll"><table class="{_t(css)}"><thead>{row_html(headers, "th")}'
                f"</thead><tbody>\n{body}\n</tbody>{foot}</table></div>")


def figure(png: bytes, alt: str, caption: str) -> Html:
    data = base64.b64encode(png).decode("ascii")
    return Html(f'<figure><img src="data:image/png;base64,{data}" alt="{_t(alt)}">'
                f"<figcaption>{_t(caption)}</figcaption></figure>")


def note(text: str, *, css: str = "note") -> Html:
    return Html(f'<p class="{_t(css)}">{_t(text)}</p>')


def badge(text: str, kind: str) -> Html:
    return Html(f'<span class="badge {_t(kind)}">{_t(text)}</span>')


def status_badge(status: str) -> Html:
    return badge(STATUS_LABELS.get(status, status), status)


def section(anchor: str, *parts: str) -> Html:
    body = "\n".join(parts)
    return Html(f'<section id="{_t(anchor)}"><h2>{_t(SECTIONS[anchor])}</h2>\n{body}\n</section>')


def _status_series(counts: Sequence[StatusCounts]) -> list[charts.Series]:
    return [charts.Series(STATUS_LABELS[s], STATUS_COLORS[s], [c.get(s) for c in counts])
            for s in STATUSES]


# -- sections ------------------------------------------------------------------------------

def units_section(data: ReportData) -> Html:
    """Status counts per unit (latest report), most lagging first: chart and table."""
    names = [u.name for u in data.units]
    counts = [u.counts for u in data.units]
    png = charts.horizontal_stacked_bars(
        names, _status_series(counts), title="Số tồn tại, hạn chế theo trạng thái",
        xlabel="Số tồn tại, hạn chế",
        notes=[f"{OVERDUE_LABEL.lower()}: {c.overdue}" if c.overdue else "" for c in counts],
        note_color=OVERDUE_COLOR)
    rows = [[u.name, Html(f"{_t(u.document.file)}<br><small>"
                          f"{_t(period_label(u.document.year, u.document.month))}</small>"),
             u.counts.total, *(u.counts.get(s) for s in STATUSES),
             Html(f'<b class="overdue">{u.counts.overdue}</b>') if u.counts.overdue else 0,
             _percent(u.counts.share_completed)] for u in data.units]
    total = sum(counts, StatusCounts())
    footer = ["Tổng cộng", "", total.total, *(total.get(s) for s in STATUSES), total.overdue,
              _percent(total.share_completed)]
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


def areas_section(data: ReportData) -> Html:
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
        "<h3>Số đơn vị bị trừ điểm theo lĩnh vực</h3>",
        table(["Lĩnh vực", "Tên lĩnh vực", "Số đơn vị bị trừ điểm", "Số tiêu chí bị trừ điểm"],
              area_rows, numeric=(2, 3)),
        "<h3>Tiêu chí bị trừ điểm, xếp theo số đơn vị</h3>",
        table(crit_headers, crit_rows[:CRITERIA_SHOWN], numeric=(2,), css="criteria")
        if crit_rows else note("Chưa có mã tiêu chí nào."),
    ]
    if len(crit_rows) > CRITERIA_SHOWN:
        rest = table(crit_headers, crit_rows[CRITERIA_SHOWN:], numeric=(2,), css="criteria")
        parts.append(f"<details><summary>Xem thêm {len(crit_rows) - CRITERIA_SHOWN} tiêu chí "
                     f"khác</summary>\n{rest}\n</details>")
    if data.missing_codes:
        parts.append(note(f"{data.missing_codes} tồn tại, hạn chế không ghi mã tiêu chí nên không "
                          "được tính ở mục này (xem danh sách cần bổ sung).", css="note warn"))
    return section("linh-vuc", *parts)


def time_section(data: ReportData) -> Html:
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


def lagging_section(data: ReportData) -> Html:
    if not data.lagging:
        return section("cham", note("Không có tồn tại nào quá hạn hoặc chưa thực hiện."))
    rows = [[f.unit_name, f.seq if f.seq is not None else "–", f.shortcoming or "(trống)",
             ", ".join(f.codes) or "–", f.deadline or "(trống)",
             Html(status_badge(f.status) + (" " + badge(OVERDUE_LABEL, "overdue") if f.overdue
                                            else ""))]
            for f in data.lagging]
    return section("cham", note("Theo báo cáo mới nhất của mỗi đơn vị."),
                   table(["Đơn vị", "Dòng", "Tồn tại, hạn chế", "Tiêu chí", "Thời hạn",
                          "Trạng thái"], rows, css="texts"))


def audit_section(data: ReportData) -> Html:
    """The audit entries of each unit's latest report, grouped by unit (one file each)."""
    blocks = []
    for group in data.audits:
        errors, warnings, infos = (group.count(s) for s in ("error", "warning", "info"))
        summary = (f"{_t(group.unit_name)} <span class='counts'>· {_t(group.file)} · {errors} lỗi, "
                   f"{warnings} cảnh báo, {infos} lưu ý</span>")
        if group.lines:
            body = table(["Dòng", "Mức độ", "Mục", "Nội dung"],
                         [[row_label(line.seq), badge(severity_label(line.severity), line.severity),
                           field_label(line.field), line.message] for line in group.lines],
                         css="audit")
        else:
            body = note("Không có mục nào cần bổ sung.")
        is_open = " open" if errors or warnings else ""
        blocks.append(f"<details{is_open}><summary>{summary}</summary>\n{body}\n</details>")
    return section("kiem-tra", note("Những gì còn thiếu, để trống hoặc không khớp trong báo cáo mới "
                                    "nhất của mỗi đơn vị; đơn vị có nhiều lỗi nhất đứng đầu. "
                                    "«Lỗi» cần đơn vị sửa và gửi lại; «Cảnh báo» nên xem lại."),
                   *blocks)


def documents_section(data: ReportData) -> Html:
    rows = [[d.document.unit_name, d.document.file, _number_symbol(d.document), _doc_date(d.document),
             period_label(d.document.year, d.document.month),
             d.document.assessed_year if d.document.assessed_year is not None else "–",
             d.findings, d.severities.get("error", 0), d.severities.get("warning", 0),
             badge("Có", "completed") if d.used else badge("Không (đã có báo cáo sau)", "unknown")]
            for d in data.documents]
    return section("bao-cao", table(
        ["Đơn vị", "Tệp", "Số/ký hiệu", "Ngày", "Kỳ báo cáo", "Năm đánh giá", "Số tồn tại", "Lỗi",
         "Cảnh báo", "Dùng để tổng hợp"], rows, numeric=range(5, 9), css="docs"))


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


def _cards(data: ReportData) -> Html:
    total = sum((u.counts for u in data.units), StatusCounts())
    errors = sum(g.count("error") for g in data.audits)
    items = [(len(data.units), "đơn vị", ""), (len(data.documents), "báo cáo đã nạp", ""),
             (total.total, "tồn tại, hạn chế (báo cáo mới nhất)", ""),
             (_percent(total.share_completed), "đã hoàn thành", ""),
             (total.overdue, "tồn tại quá hạn", " bad" if total.overdue else ""),
             (errors, "lỗi trong báo cáo cần sửa", " bad" if errors else "")]
    cards = "".join(f'<div class="card{cls}"><b>{_cell(v)}</b><span>{_t(label)}</span></div>'
                    for v, label, cls in items)
    return Html(f'<div class="cards">{cards}</div>')


def _header(data: ReportData, generated_at: dt.datetime, source: str) -> Html:
    when = f"{generated_at:%H:%M} ngày {vn_date(generated_at.date())}"
    offset = generated_at.strftime("%z")
    if offset:
        when += f" (UTC{offset[:3]}:{offset[3:]})"
    counts = (f"{_num(len(data.documents))} báo cáo, {_num(data.findings_total)} tồn tại, hạn chế "
              "trong kho")
    return Html(f"<header><h1>{_t(TITLE)}</h1>"
                f"<p>Lập lúc {_t(when)} · Nguồn dữ liệu: {_t(source)}</p>"
                f"<p>{_t(counts)}</p></header>")


def _nav() -> Html:
    links = "".join(f'<a href="#{_t(anchor)}">{_t(title)}</a>' for anchor, title in SECTIONS.items())
    return Html(f"<nav>{links}</nav>")


def render_report(data: ReportData, *, generated_at: dt.datetime, source: str) -> str:
    """The whole page as text.  An empty warehouse gives the header and a no-data notice."""
    if data.is_empty:
        body = f'<section><p class="empty">{_t(NO_DATA)}</p></section>'
    else:
        body = "\n".join([_nav(), _cards(data), units_section(data), areas_section(data),
                          time_section(data), lagging_section(data), audit_section(data),
                          documents_section(data)])
    return (f'<!DOCTYPE html>\n<html lang="vi">\n<head>\n<meta charset="utf-8">\n'
            f'<meta http-equiv="Content-Security-Policy" content="{_t(_CSP)}">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{_t(TITLE)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
            f"{_header(data, generated_at, source)}\n<main>\n{body}\n</main>\n"
            f"<footer>Trang do cchc lập từ kho dữ liệu; không cần kết nối mạng để xem.</footer>\n"
            f"</body>\n</html>\n")


# -- the command ---------------------------------------------------------------------------

def add_report_command(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
) -> None:
    """Register ``cchc report``; the caller dispatches ``args.command == "report"`` to
    :func:`run_report`."""
    cmd = subparsers.add_parser(
        "report", help="write the Vietnamese HTML summary across units (self-contained page)")
    cmd.add_argument("--db", default=DEFAULT_TARGET, metavar="TARGET",
                     help=f"DuckDB file or postgresql:// URL (default {DEFAULT_TARGET})")
    cmd.add_argument("-o", "--output", type=Path, default=Path("report.html"), metavar="FILE",
                     help="the HTML file to write (default report.html)")


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


def run_report(args: argparse.Namespace) -> int:
    """``cchc report``: 0 written, 1 the warehouse cannot be read or the file not written."""
    target = str(args.db)
    if not is_postgres_url(target) and not Path(target).is_file():
        print(f"cchc report: không tìm thấy kho dữ liệu {target} (no such warehouse file)",
              file=sys.stderr)
        return 1
    try:
        page, data = build_report(target)
        write_atomic(args.output, page)
    except (CchcError, OSError) as exc:
        print(f"cchc report: {exc}", file=sys.stderr)
        return 1
    print(f"cchc: đã ghi {args.output} ({len(data.documents)} báo cáo, {len(data.units)} đơn vị)",
          file=sys.stderr)
    return 0
