"""The Decree 30/2020 layout of a report, written with python-docx plus the raw pieces of ooxml.

Why a whole report and not a bare table: the reader must find the appendix among the tables
of a real document (the borderless letterhead and signature tables, statistics tables in the
body) and take the report's metadata from the letterhead and the appendix caption.
"""

from __future__ import annotations

from docx.document import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from . import ooxml
from .spec import (
    Cell,
    Column,
    Group,
    HeaderCell,
    Heading,
    Letterhead,
    Para,
    Row,
    Seg,
    Signature,
    SimpleTable,
)

FONT = "Times New Roman"
BODY_PT = 13
TWIPS_PER_MM = 1440 / 25.4

ALIGN = {"both": WD_ALIGN_PARAGRAPH.JUSTIFY, "center": WD_ALIGN_PARAGRAPH.CENTER,
         "left": WD_ALIGN_PARAGRAPH.LEFT}


class Ids:
    """Counters for revision and content-control ids: fixed order, so fixed bytes."""

    def __init__(self) -> None:
        self.revision = 100
        self.sdt = 501_000

    def next_revision(self) -> int:
        self.revision += 1
        return self.revision

    def next_sdt(self) -> int:
        self.sdt += 1
        return self.sdt


def twips(mm: float) -> int:
    """Millimetres to twips, rounded (Word stores widths as integers)."""
    return round(mm * TWIPS_PER_MM)


def setup_document(doc: Document) -> None:
    """A4 portrait, Decree 30 margins, Times New Roman 13 pt everywhere (Unicode, NFC text)."""
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)
    rfonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for slot in ("w:eastAsia", "w:cs"):
        rfonts.set(qn(slot), FONT)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.space_before = Pt(0)
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        for fonts in defaults.iter(qn("w:rFonts")):
            for attr in list(fonts.attrib):
                del fonts.attrib[attr]
            for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
                fonts.set(qn(f"w:{slot}"), FONT)


def _para(container: Document | _Cell, text: str = "", *, bold: bool = False,
          italic: bool = False, size: float = BODY_PT, align: str = "center",
          reuse: Paragraph | None = None) -> Paragraph:
    p = reuse if reuse is not None else container.add_paragraph()
    if text:
        run = p.add_run(text)
        run.font.size = Pt(size)
        if bold:
            run.bold = True
        if italic:
            run.italic = True
    p.alignment = ALIGN[align]
    return p


def _short_rule(p: Paragraph, indent_mm: float) -> None:
    """The short line under the issuer and under the motto: a top border on an empty paragraph."""
    ppr = p._p.get_or_add_pPr()
    borders = ooxml.w_el("w:pBdr")
    borders.append(ooxml.w_el("w:top", val="single", sz="6", space="1", color="000000"))
    ppr.insert(0, borders)
    p.paragraph_format.left_indent = Mm(indent_mm)
    p.paragraph_format.right_indent = Mm(indent_mm)


def _borderless_table(doc: Document, widths_mm: list[float], rows: int) -> Table:
    table: Table = doc.add_table(rows=rows, cols=len(widths_mm))
    ooxml.set_fixed_layout(table._tbl, [twips(w) for w in widths_mm])
    ooxml.set_table_borders(table._tbl, visible=False)
    for row in table.rows:
        for tc, width in zip(row._tr.tc_lst, widths_mm, strict=True):
            ooxml.set_cell_width(tc, twips(width))
    return table


def add_letterhead(doc: Document, head: Letterhead, widths_mm: tuple[float, float]) -> None:
    """The two-column borderless letterhead: issuer + number left, motto + place-date right."""
    table = _borderless_table(doc, list(widths_mm), rows=2)
    left, right = table.cell(0, 0), table.cell(0, 1)
    first = left.paragraphs[0]
    if head.parent:
        _para(left, head.parent, size=13, reuse=first)
        _para(left, head.issuer, bold=True, size=13)
    else:
        _para(left, head.issuer, bold=True, size=13, reuse=first)
    _short_rule(_para(left), indent_mm=22)
    _para(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, size=12,
          reuse=right.paragraphs[0])
    _para(right, "Độc lập - Tự do - Hạnh phúc", bold=True, size=13)
    _short_rule(_para(right), indent_mm=25)
    _para(table.cell(1, 0), head.number_line, size=13, reuse=table.cell(1, 0).paragraphs[0])
    _para(table.cell(1, 1), head.place_date, italic=True, size=13,
          reuse=table.cell(1, 1).paragraphs[0])


def add_title(doc: Document, doc_type: str, subject: str) -> None:
    """``BÁO CÁO`` and its subject line, centred and bold, with the short rule under them."""
    title = _para(doc, doc_type, bold=True, size=14)
    title.paragraph_format.space_before = Pt(18)
    _para(doc, subject, bold=True, size=14)
    _short_rule(_para(doc), indent_mm=60)


def add_body(doc: Document, blocks: list[str | Heading | SimpleTable]) -> None:
    """Justified body paragraphs with a first-line indent, headings, and plain tables."""
    for block in blocks:
        if isinstance(block, SimpleTable):
            add_simple_table(doc, block)
            continue
        is_heading = isinstance(block, Heading)
        text = block.text if isinstance(block, Heading) else block
        p = _para(doc, text, bold=is_heading, size=14, align="both")
        p.paragraph_format.first_line_indent = Cm(1.27)
        p.paragraph_format.space_before = Pt(6)


def add_simple_table(doc: Document, spec: SimpleTable) -> None:
    """A ruled table in the body (not the appendix): bold header row, plain cells."""
    if spec.caption:
        p = _para(doc, spec.caption, italic=True, size=13, align="center")
        p.paragraph_format.space_before = Pt(6)
    table = doc.add_table(rows=1 + len(spec.rows), cols=len(spec.header))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    ooxml.set_fixed_layout(table._tbl, [twips(w) for w in spec.widths_mm])
    ooxml.set_table_borders(table._tbl, visible=True)
    ooxml.set_cell_margins(table._tbl)
    for r, texts in enumerate([spec.header, *spec.rows]):
        for c, text in enumerate(texts):
            cell = table.cell(r, c)
            ooxml.set_cell_width(cell._tc, twips(spec.widths_mm[c]))
            align = "left" if c == 1 and r > 0 else "center"
            p = _para(cell, text, bold=r == 0, size=13, align=align, reuse=cell.paragraphs[0])
            _cell_spacing(p)
    _para(doc)


def add_signature(doc: Document, sign: Signature) -> None:
    """``Nơi nhận:`` and its list on the left, the signing authority and name on the right."""
    table = _borderless_table(doc, [80, 85], rows=1)
    left, right = table.cell(0, 0), table.cell(0, 1)
    p = _para(left, "Nơi nhận:", bold=True, italic=True, size=12, align="left",
              reuse=left.paragraphs[0])
    p.paragraph_format.space_before = Pt(12)
    for line in sign.recipients:
        _para(left, line, size=11, align="left")
    first = right.paragraphs[0]
    first.paragraph_format.space_before = Pt(12)
    for index, line in enumerate(sign.authority):
        _para(right, line, bold=True, size=13, reuse=first if index == 0 else None)
    for _ in range(4):
        _para(right)
    _para(right, sign.name, bold=True, size=13)


def start_landscape_section(doc: Document) -> None:
    """A new section on a new page, A4 landscape: where the appendix table lives."""
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(20), Mm(15)


def start_portrait_section(doc: Document) -> None:
    """A new section on a new page, A4 portrait: an appendix kept upright by some units."""
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(20), Mm(15)


def add_appendix_heading(doc: Document, label: str, title_lines: list[str],
                         caption: str) -> None:
    """``PHỤ LỤC``, the bold title (its lines separated by manual breaks), the italic caption."""
    _para(doc, label, bold=True, size=14)
    title = _para(doc)
    for index, line in enumerate(title_lines):
        if index:
            ooxml.append_line_break(title._p, ooxml.run_properties(14, bold=True))
        run = title.add_run(line)
        run.bold, run.font.size = True, Pt(14)
    title.paragraph_format.space_before = Pt(6)
    _para(doc, caption, italic=True, size=13)
    _para(doc)


class AppendixWriter:
    """Writes the appendix table(s): header rows, group rows, body rows with merges and lists."""

    def __init__(self, doc: Document, columns: list[Column], lists: ooxml.ListDefinitions,
                 ids: Ids, row_rules: bool = True, font_pt: float = BODY_PT,
                 repeat_header: bool = True) -> None:
        self._row_rules = row_rules
        self._font_pt = font_pt
        self._repeat_header = repeat_header
        self._doc = doc
        self._columns = columns
        self._lists = lists
        self._ids = ids
        self._widths = [twips(c.width_mm) for c in columns]

    def write(self, header: list[list[HeaderCell]], parts: list[list[Row | Group]]) -> None:
        """One table per part; a page-break paragraph between parts (a table cut by hand)."""
        for index, rows in enumerate(parts):
            if index:
                p = self._doc.add_paragraph()
                ooxml.append_line_break(p._p, None, page=True)
            self._write_table(header, rows)

    def _write_table(self, header: list[list[HeaderCell]], rows: list[Row | Group]) -> None:
        table = self._doc.add_table(rows=0, cols=len(self._columns))
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        ooxml.set_fixed_layout(table._tbl, self._widths)
        ooxml.set_table_borders(table._tbl, visible=True, row_rules=self._row_rules)
        ooxml.set_cell_margins(table._tbl)
        for header_row in header:
            self._header_row(table, header_row)
        if not self._row_rules:  # keep the rule under the header: only the body is unruled
            for tc in table.rows[-1]._tr.tc_lst:
                ooxml.set_bottom_border(tc)
        for row in rows:
            if isinstance(row, Group):
                self._group_row(table, row)
            else:
                self._body_row(table, row)

    def _new_row(self, table: Table, spans: list[int]) -> list[_Cell]:
        """A row whose cells cover ``spans`` grid columns each (covered ``w:tc`` removed)."""
        tr = table.add_row()._tr  # type: ignore[no-untyped-call]
        tcs = list(tr.tc_lst)
        kept: list[_Cell] = []
        column = 0
        for span in spans:
            tc = tcs[column]
            for covered in tcs[column + 1: column + span]:
                tr.remove(covered)
            ooxml.set_cell_width(tc, sum(self._widths[column: column + span]))
            if span > 1:
                ooxml.set_grid_span(tc, span)
            kept.append(_Cell(tc, table))
            column += span
        assert column == len(self._columns), "spans must cover the grid"
        return kept

    def _header_row(self, table: Table, cells: list[HeaderCell]) -> None:
        row_cells = self._new_row(table, [c.span for c in cells])
        if self._repeat_header:
            ooxml.mark_header_row(row_cells[0]._tc.getparent())
        for cell, spec in zip(row_cells, cells, strict=True):
            if spec.vmerge is not None:
                ooxml.set_vmerge(cell._tc, restart=spec.vmerge)
            ooxml.set_cell_valign(cell._tc, "center")
            p = _para(cell, spec.text, bold=True, size=self._font_pt, reuse=cell.paragraphs[0])
            _cell_spacing(p)

    def _group_row(self, table: Table, group: Group) -> None:
        n = len(self._columns)
        if group.style == "span":
            cells, texts = self._new_row(table, [n]), [group.text]
        elif group.style == "tt_span":
            cells, texts = self._new_row(table, [1, n - 1]), [group.numeral, group.text]
        else:  # tt_next: numeral, title in the next cell, the other cells empty
            cells = self._new_row(table, [1] * n)
            texts = [group.numeral, group.text] + [""] * (n - 2)
        for index, (cell, text) in enumerate(zip(cells, texts, strict=True)):
            align = "center" if index == 0 and group.style != "span" else "left"
            p = _para(cell, text, bold=group.bold, size=self._font_pt, align=align,
                      reuse=cell.paragraphs[0])
            _cell_spacing(p)

    def _body_row(self, table: Table, row: Row) -> None:
        row_cells = self._new_row(table, [1] * len(self._columns))
        for cell, column in zip(row_cells, self._columns, strict=True):
            if column.role in row.vmerge:
                ooxml.set_vmerge(cell._tc, restart=row.vmerge[column.role])
                if not row.vmerge[column.role]:
                    _cell_spacing(cell.paragraphs[0])
                    continue
            if column.role == "seq":
                content = _tt_cell(row.tt)
            else:
                content = row.cells.get(column.role) or _blank_cell()
            self._fill(cell, content, column.align)

    def _fill(self, cell: _Cell, content: Cell, align: str) -> None:
        decimal_id = None
        if any(p.numbering == "decimal" for p in content.paras):
            decimal_id = self._lists.new_decimal_list()
        for index, para in enumerate(content.paras):
            p = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
            p.alignment = ALIGN[align]
            _cell_spacing(p)
            if para.numbering == "bullet":
                ooxml.set_numbering(p._p, ooxml.ListDefinitions.BULLET_NUM_ID)
            elif para.numbering == "decimal":
                assert decimal_id is not None
                ooxml.set_numbering(p._p, decimal_id)
            self._write_segments(p, para)

    def _write_segments(self, p: Paragraph, para: Para) -> None:
        part = self._doc.part
        for seg in para.segs:
            if seg.kind == "text":
                run = p.add_run(seg.text)
                if para.bold:
                    run.bold = True
                if self._font_pt != BODY_PT:
                    run.font.size = Pt(self._font_pt)
            elif seg.kind == "ins":
                ooxml.append_inserted(p._p, seg.text, None, self._ids.next_revision())
            elif seg.kind == "del":
                ooxml.append_deleted(p._p, seg.text, None, self._ids.next_revision())
            elif seg.kind == "link":
                ooxml.append_hyperlink(p._p, part, seg.text, seg.url, None)
            elif seg.kind == "date":
                ooxml.append_date_control(p._p, seg.text, seg.iso, self._ids.next_sdt(), None)
            elif seg.kind == "shy":
                ooxml.append_soft_hyphen(p._p, None)
            elif seg.kind == "br":
                ooxml.append_line_break(p._p, None)


def _tt_cell(tt: str) -> Cell:
    return Cell((Para((Seg("text", tt),) if tt else ()),), tt or None, ())


def _blank_cell() -> Cell:
    return Cell((Para(()),), None, ())


def _cell_spacing(p: Paragraph) -> None:
    """Table paragraphs: 2 pt before and after, single line spacing (what units use)."""
    p.paragraph_format.space_before = Pt(2)
    p.paragraph_format.space_after = Pt(2)
