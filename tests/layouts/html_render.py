"""A drawn or sample report as HTML, printed to PDF by Chromium (issue 9: "Chromium prints").

Why HTML and a browser: units also write reports in web editors and print them from the
browser.  Chromium lays a table out its own way — borders drawn as filled rectangles (or
paths) with doubled edges and hairline gaps, text split into glyph runs of its own, cells
centred vertically by default, the header (``thead``) repeated on each page — so the PDF
reader must be proven on those prints too, not only on LibreOffice's.

The HTML follows the :class:`~samplegen.spec.ReportSpec` as Word shows it: letterhead (two
borderless columns), title, body, signature, then on a new page (landscape unless the spec
keeps it portrait) the appendix heading, its caption and the table — vertical merges as
``rowspan``, group rows as ``colspan``, Word list items as ``ul``/``ol`` (marker not in the
text), tracked changes accepted (insertions kept, deletions dropped).  The look varies by
:class:`HtmlStyle`: font, cell alignment, rules between body rows.

Printing: one ``chromium --headless --print-to-pdf`` process per file, all of them sharing one
private user-data-dir (Chromium starts faster with a warm profile).
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup, escape
from samplegen.spec import Cell, Column, Group, HeaderCell, Heading, Para, ReportSpec, Row, SimpleTable

FONTS = ('"Times New Roman", serif', '"Liberation Serif", serif', '"DejaVu Serif", serif',
         '"Times New Roman", "Liberation Serif", "DejaVu Serif", serif')
TIMEOUT_S = 120


@dataclass(frozen=True)
class HtmlStyle:
    """How the browser-made report looks (what units vary when they write HTML)."""

    font: str = FONTS[-1]
    valign: str = "middle"  # body cells: "middle" (the browser's default) or "top"
    row_rules: bool = True  # lines between body rows (False: columns ruled only)
    border_pt: float = 0.75  # width of the table's lines
    cell_pad_pt: float = 3.0


def style_for(seed: int) -> HtmlStyle:
    """A look drawn from ``seed``: font, vertical alignment, rules between rows, line width."""
    rng = random.Random(f"html-{seed}")
    return HtmlStyle(font=rng.choice(FONTS), valign=rng.choice(["middle", "middle", "top"]),
                     row_rules=rng.random() < 0.75, border_pt=rng.choice([0.5, 0.75, 1.0, 1.5]),
                     cell_pad_pt=rng.choice([2.0, 3.0, 4.0]))


# -- HTML --------------------------------------------------------------------------------


def report_html(spec: ReportSpec, style: HtmlStyle | None = None) -> str:
    """The whole report as one HTML page (UTF-8)."""
    style = style or HtmlStyle()
    parts = [_head(spec, style), "<body>", _letterhead(spec), _title(spec), _body(spec.body),
             _signature(spec), '<section class="appendix">', _appendix_heading(spec)]
    for index, rows in enumerate(spec.table.parts):
        parts.append(_appendix_table(spec, rows, style, page_break=index > 0))
    parts += ["</section>", "</body></html>"]
    return "\n".join(parts)


def _head(spec: ReportSpec, style: HtmlStyle) -> str:
    orient = "portrait" if spec.appendix_portrait else "landscape"
    line = f"{style.border_pt}pt solid #000"
    rows = "" if style.row_rules else (
        "table.appendix tbody td { border-top: none; border-bottom: none; }\n"
        "table.appendix tbody tr:last-child td { border-bottom: " + line + "; }\n"
        "")
    css = f"""
@page {{ size: A4 portrait; margin: 20mm 15mm 20mm 30mm; }}
@page appendix {{ size: A4 {orient}; margin: 20mm 15mm 20mm 20mm; }}
body {{ font-family: {style.font}; font-size: 13pt; margin: 0; }}
p {{ margin: 0; }}
.center {{ text-align: center; }}
.rule {{ border-top: 0.75pt solid #000; margin: 1pt auto 0; height: 0; }}
table.plain {{ border-collapse: collapse; width: 100%; }}
table.plain td {{ vertical-align: top; padding: 0; }}
h1 {{ font-size: 14pt; text-align: center; margin: 18pt 0 0; }}
h2 {{ font-size: 14pt; text-align: center; margin: 0; }}
.body p {{ font-size: 14pt; text-align: justify; text-indent: 1.27cm; margin-top: 6pt; }}
.body p.heading {{ font-weight: bold; }}
table.simple {{ border-collapse: collapse; margin: 6pt auto; }}
table.simple td {{ border: 0.75pt solid #000; padding: 2pt 4pt; text-align: center; }}
.appendix {{ page: appendix; break-before: page; }}
.appendix h3 {{ font-size: 14pt; text-align: center; margin: 0; }}
table.appendix {{ border-collapse: collapse; table-layout: fixed; margin: 0 auto;
  font-size: {spec.table_pt}pt; }}
table.appendix.cont {{ break-before: page; }}
table.appendix td, table.appendix th {{ border: {line}; padding: 2pt {style.cell_pad_pt}pt;
  vertical-align: {style.valign}; overflow-wrap: break-word; }}
table.appendix th {{ vertical-align: middle; text-align: center; }}
table.appendix tr {{ break-inside: auto; }}
table.appendix td p {{ margin: 0; }}
table.appendix ul {{ list-style-type: "- "; margin: 0; padding-left: 1.2em; }}
table.appendix ol {{ margin: 0; padding-left: 1.6em; }}
.left {{ text-align: left; }} .both {{ text-align: justify; }}
{rows}"""
    return (f'<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8">'
            f"<title>{escape(spec.core_title)}</title><style>{css}</style></head>")


def _p(text: str, *, cls: str = "", bold: bool = False, italic: bool = False, size: float = 13) -> str:
    inner: Markup | str = escape(text)
    if bold:
        inner = Markup("<b>{}</b>").format(inner)
    if italic:
        inner = Markup("<i>{}</i>").format(inner)
    return str(Markup('<p class="{}" style="font-size: {}pt">{}</p>').format(cls, size, inner))


def _letterhead(spec: ReportSpec) -> str:
    head = spec.letterhead
    left = [_p(head.parent, cls="center")] if head.parent else []
    left += [_p(head.issuer, cls="center", bold=True), '<div class="rule" style="width: 40%"></div>']
    right = [_p("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", cls="center", bold=True, size=12),
             _p("Độc lập - Tự do - Hạnh phúc", cls="center", bold=True),
             '<div class="rule" style="width: 52%"></div>']
    return ('<table class="plain"><colgroup><col style="width: 42%"><col></colgroup><tr>'
            f'<td>{"".join(left)}</td><td>{"".join(right)}</td></tr><tr>'
            f'<td>{_p(head.number_line, cls="center")}</td>'
            f'<td>{_p(head.place_date, cls="center", italic=True)}</td></tr></table>')


def _title(spec: ReportSpec) -> str:
    return (str(Markup("<h1>{}</h1><h2>{}</h2>").format(spec.doc_type, spec.subject))
            + '<div class="rule" style="width: 25%"></div>')


def _body(blocks: Sequence[str | Heading | SimpleTable]) -> str:
    out = ['<div class="body">']
    for block in blocks:
        if isinstance(block, SimpleTable):
            out.append(_simple_table(block))
        elif isinstance(block, Heading):
            out.append(str(Markup('<p class="heading">{}</p>').format(block.text)))
        else:
            out.append(str(Markup("<p>{}</p>").format(block)))
    out.append("</div>")
    return "\n".join(out)


def _simple_table(spec: SimpleTable) -> str:
    out = [_p(spec.caption, cls="center", italic=True)] if spec.caption else []
    out.append('<table class="simple"><colgroup>'
               + "".join(f'<col style="width: {w}mm">' for w in spec.widths_mm) + "</colgroup>")
    for r, texts in enumerate([spec.header, *spec.rows]):
        cells = "".join(str(Markup("<td>{}</td>").format(Markup("<b>{}</b>").format(t) if r == 0 else t))
                        for t in texts)
        out.append(f"<tr>{cells}</tr>")
    out.append("</table>")
    return "".join(out)


def _signature(spec: ReportSpec) -> str:
    sign = spec.signature
    left = [_p("Nơi nhận:", bold=True, italic=True, size=12)]
    left += [_p(line, size=11) for line in sign.recipients]
    right = [_p(line, cls="center", bold=True) for line in sign.authority]
    right += ["<p>&nbsp;</p>"] * 4 + [_p(sign.name, cls="center", bold=True)]
    return ('<table class="plain" style="margin-top: 12pt"><colgroup><col style="width: 48%"><col>'
            f'</colgroup><tr><td>{"".join(left)}</td><td>{"".join(right)}</td></tr></table>')


def _appendix_heading(spec: ReportSpec) -> str:
    title = Markup("<br>").join(escape(line) for line in spec.appendix_title)
    return (str(Markup("<h3>{}</h3>").format(spec.appendix_label))
            + str(Markup('<h3 style="margin-top: 6pt">{}</h3>').format(title))
            + _p(spec.caption, cls="center", italic=True) + "<p>&nbsp;</p>")


# -- the appendix table ----------------------------------------------------------------


def _appendix_table(spec: ReportSpec, rows: Sequence[Row | Group], style: HtmlStyle,
                    page_break: bool) -> str:
    columns = spec.table.columns
    cls = "appendix cont" if page_break else "appendix"
    out = [f'<table class="{cls}"><colgroup>'
           + "".join(f'<col style="width: {c.width_mm}mm">' for c in columns) + "</colgroup>"]
    header = "".join(_header_row(row, i, spec.table.header) for i, row in enumerate(spec.table.header))
    if spec.repeat_header:
        out.append(f"<thead>{header}</thead><tbody>")
    else:
        out.append(f"<tbody>{header}")
    spans = _row_spans(rows, columns)
    for index, row in enumerate(rows):
        out.append(_group_row(row, len(columns)) if isinstance(row, Group)
                   else _body_row(row, columns, spans[index]))
    out.append("</tbody></table>")
    return "\n".join(out)


def _header_row(cells: Sequence[HeaderCell], r: int, header: Sequence[Sequence[HeaderCell]]) -> str:
    """A header row; a cell starting a vertical merge spans the rows that continue it."""
    out: list[str] = []
    col = 0
    for cell in cells:
        here = col
        col += cell.span
        if cell.vmerge is False:
            continue
        rowspan = 1
        if cell.vmerge:
            rowspan += sum(1 for _ in _continuing_header(header, r, here))
        out.append(str(Markup('<th colspan="{}" rowspan="{}">{}</th>').format(cell.span, rowspan, cell.text)))
    return f"<tr>{''.join(out)}</tr>"


def _continuing_header(header: Sequence[Sequence[HeaderCell]], r: int, col: int) -> Iterable[int]:
    for below in header[r + 1:]:
        at = 0
        found = None
        for cell in below:
            if at == col:
                found = cell
                break
            at += cell.span
        if found is None or found.vmerge is not False:
            return
        yield 1


def _row_spans(rows: Sequence[Row | Group], columns: Sequence[Column]) -> list[dict[str, int]]:
    """Per row, the roles whose merge starts there and how many rows it covers."""
    spans: list[dict[str, int]] = [{} for _ in rows]
    for i, row in enumerate(rows):
        if isinstance(row, Group):
            continue
        for role, starts in row.vmerge.items():
            if not starts:
                continue
            n = 1
            for below in rows[i + 1:]:
                if isinstance(below, Group) or below.vmerge.get(role) is not False:
                    break
                n += 1
            spans[i][role] = n
    del columns
    return spans


def _group_row(group: Group, n: int) -> str:
    def text(t: str) -> Markup:
        return Markup("<b>{}</b>").format(t) if group.bold else escape(t)

    if group.style == "span":
        cells = Markup('<td class="left" colspan="{}">{}</td>').format(n, text(group.text))
    elif group.style == "tt_span":
        cells = Markup('<td class="center">{}</td><td class="left" colspan="{}">{}</td>').format(
            text(group.numeral), n - 1, text(group.text))
    else:
        cells = Markup('<td class="center">{}</td><td class="left">{}</td>').format(
            text(group.numeral), text(group.text)) + Markup("<td></td>") * (n - 2)
    return f'<tr class="group">{cells}</tr>'


def _body_row(row: Row, columns: Sequence[Column], spans: dict[str, int]) -> str:
    out: list[str] = []
    for column in columns:
        if row.vmerge.get(column.role) is False:
            continue  # covered by the rowspan of the cell above
        rowspan = spans.get(column.role, 1)
        attr = f' rowspan="{rowspan}"' if rowspan > 1 else ""
        if column.role == "seq":
            inner = escape(row.tt)
            align = "center"
        else:
            inner = _cell_html(row.cells.get(column.role))
            align = column.align
        out.append(f'<td class="{align}"{attr}>{inner}</td>')
    return f"<tr>{''.join(out)}</tr>"


def _cell_html(cell: Cell | None) -> Markup:
    """The cell's paragraphs; runs of Word list items become one ``ul``/``ol``."""
    if cell is None:
        return Markup("")
    out: list[Markup] = []
    run: list[Para] = []

    def flush() -> None:
        if run:
            tag = "ol" if run[0].numbering == "decimal" else "ul"
            items = Markup("").join(Markup("<li>{}</li>").format(_segs(p)) for p in run)
            out.append(Markup("<{0}>{1}</{0}>").format(Markup(tag), items))
            run.clear()

    for para in cell.paras:
        if para.numbering is not None:
            if run and run[0].numbering != para.numbering:
                flush()
            run.append(para)
            continue
        flush()
        out.append(Markup("<p>{}</p>").format(_segs(para)))
    flush()
    return Markup("").join(out)


def _segs(para: Para) -> Markup:
    out: list[Markup] = []
    for seg in para.segs:
        if seg.kind in ("text", "ins", "date"):
            out.append(escape(seg.text))
        elif seg.kind == "link":
            out.append(Markup('<a href="{}">{}</a>').format(seg.url, seg.text))
        elif seg.kind == "shy":
            out.append(Markup("&shy;"))
        elif seg.kind == "br":
            out.append(Markup("<br>"))
        # "del": a tracked deletion; the browser-made report shows the accepted text
    inner = Markup("").join(out)
    return Markup("<b>{}</b>").format(inner) if para.bold else inner


# -- printing ----------------------------------------------------------------------------


def find_chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def print_pdf(html_path: Path, pdf_path: Path, profile: Path, chromium: str | None = None) -> None:
    """One headless Chromium process: ``html_path`` → ``pdf_path`` (raises when none is made)."""
    exe = chromium or find_chromium()
    if exe is None:
        raise RuntimeError("Chromium is not installed")
    part = pdf_path.with_name(pdf_path.name + ".part.pdf")
    cmd = [exe, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           f"--user-data-dir={profile}", "--no-pdf-header-footer", f"--print-to-pdf={part}",
           html_path.resolve().as_uri()]
    env = {**os.environ, "LANG": "C.UTF-8"}
    subprocess.run(cmd, capture_output=True, timeout=TIMEOUT_S, check=False, env=env)
    if not part.exists() or part.stat().st_size == 0:
        raise RuntimeError(f"Chromium made no PDF of {html_path.name}")
    part.replace(pdf_path)


def render_pdfs(items: Iterable[tuple[str, ReportSpec, HtmlStyle]], folder: Path) -> dict[str, Path]:
    """Print each ``(name, spec, style)`` to ``folder/name.pdf`` (kept if already there)."""
    folder.mkdir(parents=True, exist_ok=True)
    out: dict[str, Path] = {}
    with tempfile.TemporaryDirectory(prefix="cchc-chromium-") as tmp:
        profile = Path(tmp) / "profile"
        for name, spec, style in items:
            pdf = folder / f"{name}.pdf"
            if not pdf.exists():
                html = Path(tmp) / f"{name}.html"
                html.write_text(report_html(spec, style), encoding="utf-8")
                print_pdf(html, pdf, profile)
            out[name] = pdf
    return out


__all__ = ["FONTS", "HtmlStyle", "find_chromium", "print_pdf", "render_pdfs", "report_html", "style_for"]
