"""Make the PDF fixtures of ``tests/test_pdf_reader.py`` (run by hand; CI uses the committed PDFs).

Two producers, because they rule tables differently:

* Word documents written with python-docx and rendered by LibreOffice
  (``soffice --headless --convert-to pdf``): stroked ruling lines, repeated header rows,
  rows cut by page breaks, merged cells.
* PDFs drawn directly with reportlab (a fixture-only tool, not a project dependency):
  borders as thin filled rectangles the way browsers print them, a row cut at the page
  foot with no closing line, an encrypted file, a page with no text layer.

Usage: ``.venv/bin/python tests/pdf/make_fixtures.py`` (needs LibreOffice and reportlab).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import Table, _Cell

HERE = Path(__file__).resolve().parent
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
PASSWORD = "cchc-2023"

HEADER = (
    "TT",
    "Các tồn tại, hạn chế trong công tác CCHC",
    "Giải pháp khắc phục",
    "Thời hạn hoàn thành",
    "Tiến độ thực hiện",
)

# -- Word helpers -------------------------------------------------------------------------


def _new_document(*, landscape: bool = False) -> DocxDocument:
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(12)
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_height, section.page_width = Cm(21.0), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2))
    return doc


def _borders(table: Table, **sides: str) -> None:
    """Set the table's ``w:tblBorders``: each side ``"single"`` or ``"nil"``."""
    tbl_pr = table._tbl.tblPr
    old = tbl_pr.find(qn("w:tblBorders"))
    if old is not None:
        tbl_pr.remove(old)
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{side}")
        val = sides.get(side, "single")
        el.set(qn("w:val"), val)
        if val != "nil":
            el.set(qn("w:sz"), "4")
            el.set(qn("w:space"), "0")
            el.set(qn("w:color"), "000000")
        borders.append(el)
    tbl_pr.append(borders)


def _cell_bottom_border(cell: _Cell) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    borders = OxmlElement("w:tcBorders")
    bottom = OxmlElement("w:bottom")
    for key, val in (("w:val", "single"), ("w:sz", "4"), ("w:space", "0"), ("w:color", "000000")):
        bottom.set(qn(key), val)
    borders.append(bottom)
    tc_pr.append(borders)


def _shade(cell: _Cell, fill: str = "D9D9D9") -> None:
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shd)


def _repeat_header(table: Table, row_index: int = 0) -> None:
    tr_pr = table.rows[row_index]._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:tblHeader"))


def _set(cell: _Cell, text: str) -> None:
    """Replace the cell's text; ``\\n`` starts a new paragraph."""
    lines = text.split("\n")
    cell.text = lines[0]
    for line in lines[1:]:
        cell.add_paragraph(line)


def _widths(table: Table, cms: tuple[float, ...]) -> None:
    """Column widths in the grid (what LibreOffice reads) and in every cell (what Word reads)."""
    table.autofit = False
    for col, width in zip(table._tbl.tblGrid.gridCol_lst, cms, strict=True):
        col.w = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, cms, strict=True):
            cell.width = Cm(width)


def _to_pdf(doc: DocxDocument, name: str) -> Path:
    """Save ``doc`` and render it with LibreOffice to ``tests/pdf/<name>.pdf``."""
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / f"{name}.docx"
        doc.save(str(src))
        profile = (Path(tmp) / "profile").as_uri()  # a LibreOffice of its own
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation={profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                tmp,
                str(src),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        target = HERE / f"{name}.pdf"
        shutil.copyfile(Path(tmp) / f"{name}.pdf", target)
    return target


# -- the Word fixtures ----------------------------------------------------------------------

MERGED_REMEDY = "Tăng cường kiểm tra, đôn đốc việc thực hiện nhiệm vụ được giao."
MERGED_ROWS = (
    ("2", "Tỷ lệ số hóa hồ sơ đạt dưới 50% (Tiêu chí 3.2.1)"),
    ("3", "Chưa công khai đầy đủ thủ tục hành chính (Tiêu chí 3.1.2)"),
    ("4", "Cổng Thông tin điện tử chỉ đạt 94,5% (Tiêu chí 7.1.1.4)"),
)


def ruled_merges() -> Path:
    """One page: head paragraphs, a two-level header (gridSpan 2 over two columns, the other
    header cells merged vertically over both header rows), a remedy cell merged over three
    body rows, a shaded header and a highlighted word (filled areas that are not rules)."""
    doc = _new_document()
    doc.add_paragraph("ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH")
    doc.add_paragraph("PHỤ LỤC")
    doc.add_paragraph("Kết quả khắc phục các tồn tại, hạn chế năm 2022")
    table = doc.add_table(rows=6, cols=6)
    _borders(table)
    _widths(table, (1.2, 4.6, 4.0, 2.6, 2.3, 2.3))
    top, sub = table.rows[0].cells, table.rows[1].cells
    for i, text in enumerate(HEADER[:4]):
        merged = top[i].merge(sub[i])
        _set(merged, text)
    spanned = top[4].merge(top[5])
    _set(spanned, "Tiến độ thực hiện")
    _set(sub[4], "Đã hoàn thành")
    _set(sub[5], "Chưa hoàn thành")
    for cell in table.rows[0].cells:
        _shade(cell)
    body = table.rows[2].cells
    _set(body[0], "1")
    _set(body[1], "Không có sáng kiến mới trong CCHC (Tiêu chí 1.7)")
    body[2].text = ""
    par = body[2].paragraphs[0]
    par.add_run("Đẩy mạnh phong trào ")
    hl = par.add_run("nghiên cứu")
    hl.font.highlight_color = WD_COLOR_INDEX.YELLOW
    par.add_run(" sáng kiến.")
    _set(body[3], "Quý I/2023")
    _set(body[4], "x")
    remedy = table.cell(3, 2).merge(table.cell(5, 2))
    _set(remedy, MERGED_REMEDY)
    for r, (seq, text) in enumerate(MERGED_ROWS, start=3):
        _set(table.cell(r, 0), seq)
        _set(table.cell(r, 1), text)
        _set(table.cell(r, 3), "Năm 2023")
        _set(table.cell(r, 5), "x")
    doc.add_paragraph("Nơi nhận: Sở Nội vụ")
    return _to_pdf(doc, "ruled_merges")


LONG_ROWS = 12
LONG_SENTENCES = 18  # rows 3, 6, 9, 12 hold this many sentences of progress: too tall to fit
MERGED_FROM = 7  # rows 7 and 8 share one remedy, deadline and progress cell …
MERGED_SENTENCES = 30  # … long enough that a page break cuts it


def _sentences(seq: int, count: int) -> str:
    return " ".join(f"Câu {k} về tiến độ của hàng {seq}, đã tăng cường chỉ đạo." for k in range(1, count + 1))


def long_row(seq: int) -> tuple[str, str, str, str, str]:
    """Row ``seq`` of the long table; the fixture and the tests both read it from here.

    For the rows under a merged cell (``MERGED_FROM + 1``) the last three values are the
    merged cell's, as for the row that starts it."""
    shortcoming = f"Tồn tại số {seq}: việc thực hiện chưa đảm bảo tỷ lệ (Tiêu chí {seq}.2.1)"
    progress = f"Đang thực hiện nhiệm vụ số {seq}."
    if seq % 3 == 0:
        progress = _sentences(seq, LONG_SENTENCES)
        detail = " ".join(
            f"Nội dung {k} của tồn tại số {seq} chưa đạt yêu cầu." for k in range(1, LONG_SENTENCES // 2 + 1)
        )
        shortcoming = (
            f"Tồn tại số {seq}: việc số hóa kết quả giải quyết thủ tục hành chính "
            f"chưa đảm bảo tỷ lệ. {detail} (Tiêu chí {seq}.2.1 và tiêu chí 7.2.5)"
        )
    if seq in (MERGED_FROM, MERGED_FROM + 1):
        return (
            str(seq),
            shortcoming,
            "Giải pháp chung cho hai hàng.",
            "Trong năm 2023",
            _sentences(MERGED_FROM, MERGED_SENTENCES),
        )
    return (
        str(seq),
        shortcoming,
        f"Giải pháp khắc phục số {seq}.",
        "Thường xuyên trong năm 2023",
        progress,
    )


def long_table() -> Path:
    """A table over several pages: header row repeated (``w:tblHeader``), rows allowed to
    break across pages, so page 2 starts with a continuation row whose TT cell is empty."""
    doc = _new_document(landscape=True)
    doc.add_paragraph("PHỤ LỤC")
    doc.add_paragraph("(Ban hành kèm theo Báo cáo số /BC-STP ngày /3/2023 của Sở Tư pháp)")
    table = doc.add_table(rows=1 + LONG_ROWS, cols=5)
    _borders(table)
    _widths(table, (1.2, 7.0, 6.0, 3.5, 8.0))
    _repeat_header(table)
    for cell, text in zip(table.rows[0].cells, HEADER, strict=True):
        _set(cell, text)
    for seq in range(1, LONG_ROWS + 1):
        if seq == MERGED_FROM + 1:
            continue
        for cell, text in zip(table.rows[seq].cells, long_row(seq), strict=True):
            _set(cell, text)
    below = long_row(MERGED_FROM + 1)
    _set(table.cell(MERGED_FROM + 1, 0), below[0])
    _set(table.cell(MERGED_FROM + 1, 1), below[1])
    for col in (2, 3, 4):
        merged = table.cell(MERGED_FROM, col).merge(table.cell(MERGED_FROM + 1, col))
        _set(merged, below[col])
    doc.add_paragraph("Nơi nhận: Sở Nội vụ")
    return _to_pdf(doc, "long_table")


COLUMN_ROWS = (
    ("1", "Chưa ban hành kế hoạch kiểm tra (Tiêu chí 1.3)", "Ban hành kế hoạch", "Quý I/2023"),
    (
        "2",
        "Tỷ lệ văn bản góp ý đạt dưới 90% (Tiêu chí 2.1.5)",
        "Kiểm soát tiến độ góp ý",
        "Năm 2023",
    ),
    ("3", "Chưa đăng tải đầy đủ thông tin", "Rà soát Cổng thông tin", "Tháng 9/2023"),
)
COLUMN_HEADER = ("TT", "Tồn tại, hạn chế", "Giải pháp", "Thời hạn")


def column_ruled() -> Path:
    """Two tables that rule only their columns: the first has a line under its header, the
    second only its outer box.  Each body cell holds two lines, so rows must be found from
    where text starts in the TT column."""
    doc = _new_document()
    doc.add_paragraph("Bảng 1: có đường kẻ dưới tiêu đề")
    first = doc.add_table(rows=1 + len(COLUMN_ROWS), cols=4)
    _borders(first, insideH="nil")
    _widths(first, (1.2, 6.5, 5.0, 3.3))
    for cell, text in zip(first.rows[0].cells, COLUMN_HEADER, strict=True):
        _set(cell, text)
        _cell_bottom_border(cell)
    for row, values in zip(first.rows[1:], COLUMN_ROWS, strict=True):
        for cell, text in zip(row.cells, values, strict=True):
            _set(cell, text)
    doc.add_paragraph("Bảng 2: chỉ có khung ngoài")
    second = doc.add_table(rows=1 + len(COLUMN_ROWS), cols=4)
    _borders(second, insideH="nil")
    _widths(second, (1.2, 6.5, 5.0, 3.3))
    for row, values in zip(second.rows, (COLUMN_HEADER, *COLUMN_ROWS), strict=True):
        for cell, text in zip(row.cells, values, strict=True):
            _set(cell, text)
    return _to_pdf(doc, "column_ruled")


# -- PDFs drawn directly --------------------------------------------------------------------

RECT_COLS = (40.0, 70.0, 270.0, 420.0, 555.0)  # x of the vertical rules
RECT_HEADER = ("TT", "Tồn tại, hạn chế", "Giải pháp", "Thời hạn")
RECT_PAGE1 = (
    (
        "1",
        ("Chưa có sáng kiến được công nhận", "(Tiêu chí 1.7)"),
        ("Đẩy mạnh phong trào",),
        ("Quý I/2023",),
    ),
    (
        "2",
        ("Việc số hóa kết quả giải quyết", "thủ tục hành chính chưa đạt", "(Tiêu chí 3.2.1 và"),
        ("- Tăng cường chỉ đạo;", "- Bố trí nhân lực"),
        ("Thường xuyên",),
    ),
)
RECT_PAGE2_CONT = (("tiêu chí 7.2.5)",), ("và cơ sở vật chất.",), ("trong năm 2023",))
RECT_PAGE2_ROW = (
    "3",
    ("Chất lượng Cổng thông tin", "đạt 94,5% (Tiêu chí 7.1.1.4)"),
    ("Rà soát định kỳ",),
    ("Năm 2023",),
)
LINE = 14.0
RULE = 0.6  # browsers draw a 1px border as a filled rectangle this thick


def _canvas(path: Path, **kwargs: Any) -> Any:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("DejaVu", str(FONT_DIR / "DejaVuSans.ttf")))
    return canvas.Canvas(str(path), pagesize=(595.0, 842.0), invariant=1, **kwargs)


def _hrule(c: Any, y: float) -> None:
    c.rect(RECT_COLS[0], y - RULE / 2, RECT_COLS[-1] - RECT_COLS[0], RULE, stroke=0, fill=1)


def _vrules(c: Any, y_top: float, y_bottom: float) -> None:
    for x in RECT_COLS:
        c.rect(x - RULE / 2, y_bottom, RULE, y_top - y_bottom, stroke=0, fill=1)


def _row_text(c: Any, y_top: float, cells: tuple[tuple[str, ...], ...]) -> float:
    """Write cell lines under ``y_top``; return the y of the row's bottom."""
    height = 0.0
    for x, lines in zip(RECT_COLS, cells, strict=False):
        for k, line in enumerate(lines):
            c.drawString(x + 4, y_top - 12 - k * LINE, line)
        height = max(height, len(lines) * LINE + 6)
    return y_top - height


def rect_rules() -> Path:
    """Borders drawn as thin filled rectangles (how browsers print tables).  Page 1 ends in a
    row cut by the page foot with no closing line; page 2 repeats the header and starts with
    the continuation row.  Page numbers sit under the tables."""
    path = HERE / "rect_rules.pdf"
    c = _canvas(path)
    c.setFont("DejaVu", 10)
    for page, rows, continuation in (
        (1, RECT_PAGE1, None),
        (2, (RECT_PAGE2_ROW,), RECT_PAGE2_CONT),
    ):
        c.setFont("DejaVu", 10)
        y = 800.0
        if page == 1:
            for dx in (0.0, 0.3):  # fake bold: the title drawn twice, a hair apart
                c.drawString(40 + dx, y, "PHỤ LỤC: Kết quả khắc phục")
            y -= 20
        top = y
        _hrule(c, y)
        y = _row_text(c, y, tuple((h,) for h in RECT_HEADER))
        _hrule(c, y)
        if continuation is not None:
            y = _row_text(c, y, ((),) + continuation)
            _hrule(c, y)
        for seq, *cells in rows:
            y = _row_text(c, y, ((seq,), *cells))
            if page == 1 and seq == rows[-1][0]:
                break  # the last row of page 1 is cut by the page foot: no closing rule
            _hrule(c, y)
        bottom = y if page == 2 else 60.0
        _vrules(c, top, bottom)
        c.drawString(290, 30, f"Trang {page}")
        c.showPage()
    c.save()
    return path


PATH_CELLS = (("Mã", "Nội dung"), ("7.2.5", "Số hóa hồ sơ"), ("7.2.6", "Lưu trữ điện tử"))


def path_rules() -> Path:
    """A grid stroked as open polylines (no rectangles, no single lines): pdfminer reports
    them as curves."""
    path = HERE / "path_rules.pdf"
    c = _canvas(path)
    c.setFont("DejaVu", 11)
    xs, top, row_h = (100.0, 180.0, 400.0), 700.0, 24.0
    ys = [top - k * row_h for k in range(len(PATH_CELLS) + 1)]
    for k, y in enumerate(ys):  # each horizontal rule turns down the right edge a little
        p = c.beginPath()
        p.moveTo(xs[0], y)
        p.lineTo(xs[-1], y)
        p.lineTo(xs[-1], y - (row_h if k < len(PATH_CELLS) else 0.0))
        c.drawPath(p, stroke=1, fill=0)
    for x in xs[:-1]:
        p = c.beginPath()
        p.moveTo(x, ys[0])
        p.lineTo(x, ys[-1])
        p.lineTo(x + 5, ys[-1] - 5)  # a tail that is neither vertical nor horizontal
        c.drawPath(p, stroke=1, fill=0)
    for k, cells in enumerate(PATH_CELLS):
        for x, text in zip(xs, cells, strict=False):
            c.drawString(x + 4, ys[k] - 16, text)
    c.showPage()
    c.save()
    return path


def encrypted() -> Path:
    """A one-page PDF that needs the user password ``PASSWORD`` to open."""
    from reportlab.lib import pdfencrypt

    path = HERE / "encrypted.pdf"
    enc = pdfencrypt.StandardEncryption(PASSWORD, canPrint=1)
    c = _canvas(path, encrypt=enc)
    c.setFont("DejaVu", 12)
    c.drawString(72, 770, "Báo cáo cải cách hành chính")
    c.showPage()
    c.save()
    return path


def scanned() -> Path:
    """A page with an image and a frame but no characters: what a scanner produces."""
    from PIL import Image, ImageDraw

    path = HERE / "scanned.pdf"
    image = Image.new("L", (300, 200), 255)
    draw = ImageDraw.Draw(image)
    for y in range(20, 200, 30):
        draw.line((20, y, 280, y), fill=0, width=2)
    with tempfile.TemporaryDirectory() as tmp:
        png = Path(tmp) / "scan.png"
        image.save(png)
        c = _canvas(path)
        c.drawImage(str(png), 72, 400, width=450, height=300)
        c.rect(60, 390, 474, 320, stroke=1, fill=0)
        c.showPage()
        c.save()
    return path


def damaged() -> Path:
    """The first half of a real PDF, cut mid-stream: a transfer that broke off."""
    source = (HERE / "ruled_merges.pdf").read_bytes()
    path = HERE / "damaged.pdf"
    path.write_bytes(source[: len(source) // 3])
    return path


def main() -> int:
    made = [
        ruled_merges(),
        long_table(),
        column_ruled(),
        rect_rules(),
        path_rules(),
        encrypted(),
        scanned(),
        damaged(),
    ]
    for path in made:
        print(path.relative_to(HERE.parent.parent))
    return 0


if __name__ == "__main__":
    sys.exit(main())
