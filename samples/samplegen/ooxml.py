"""Raw WordprocessingML pieces that python-docx has no API for.

Why raw XML: the reader under test must handle the grid and the text exactly as Word stores
them — ``w:vMerge``, ``w:gridSpan``, ``w:tblHeader``, list numbering (``w:numPr``, marker not in
the text), tracked changes (``w:ins`` / ``w:del``), content controls (``w:sdt``), hyperlinks,
``w:softHyphen`` — so the samples write those elements themselves instead of imitating them
with typed characters.  Every id written here is fixed, so two runs give the same bytes.
"""

from __future__ import annotations

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.table import CT_Row, CT_Tbl, CT_Tc
from docx.oxml.text.paragraph import CT_P
from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FIXED_REVISION_DATE = "2023-10-03T08:15:00Z"


def w_el(tag: str, **attrs: str) -> etree._Element:
    """A ``w:`` element with ``w:`` attributes (``w_el("w:sz", val="4")``)."""
    element = OxmlElement(tag)
    for name, value in attrs.items():
        element.set(qn(f"w:{name}"), value)
    return element


def _tc_pr(tc: CT_Tc) -> etree._Element:
    return tc.get_or_add_tcPr()


def set_cell_width(tc: CT_Tc, twips: int) -> None:
    """Give a cell its width in twips (Word needs ``w:tcW`` to lay out a fixed table)."""
    tc_pr = _tc_pr(tc)
    for old in tc_pr.findall(qn("w:tcW")):
        tc_pr.remove(old)
    tc_pr.insert(0, w_el("w:tcW", w=str(twips), type="dxa"))


def set_grid_span(tc: CT_Tc, span: int) -> None:
    """Let one cell cover ``span`` grid columns (the caller removes the covered ``w:tc``)."""
    tc_pr = _tc_pr(tc)
    grid_span = w_el("w:gridSpan", val=str(span))
    width = tc_pr.find(qn("w:tcW"))
    if width is not None:
        width.addnext(grid_span)
    else:
        tc_pr.insert(0, grid_span)


def set_vmerge(tc: CT_Tc, restart: bool) -> None:
    """Start (``restart``) or continue a vertical merge, the way Word writes it.

    A continuing cell carries ``<w:vMerge/>`` without a value and holds one empty paragraph.
    """
    tc_pr = _tc_pr(tc)
    vmerge = w_el("w:vMerge", val="restart") if restart else w_el("w:vMerge")
    anchor = tc_pr.find(qn("w:gridSpan"))
    if anchor is None:
        anchor = tc_pr.find(qn("w:tcW"))
    if anchor is not None:
        anchor.addnext(vmerge)
    else:
        tc_pr.insert(0, vmerge)


def set_cell_valign(tc: CT_Tc, value: str) -> None:
    """Vertical alignment of a cell (``center`` for headers and short cells)."""
    _tc_pr(tc).append(w_el("w:vAlign", val=value))


def mark_header_row(tr: CT_Row) -> None:
    """``w:tblHeader``: Word repeats this row at the top of every page the table reaches."""
    tr_pr = tr.get_or_add_trPr()
    tr_pr.append(w_el("w:tblHeader"))


def set_table_borders(tbl: CT_Tbl, visible: bool, row_rules: bool = True) -> None:
    """Single 1/2-pt lines on every edge (appendix) or none at all (header/signature blocks).

    ``row_rules=False`` leaves out the lines between rows (``insideH``): a table ruled only
    by its columns, as some units draw it.
    """
    borders = w_el("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        if visible and (row_rules or edge != "insideH"):
            borders.append(w_el(f"w:{edge}", val="single", sz="4", space="0", color="000000"))
        else:
            borders.append(w_el(f"w:{edge}", val="nil"))
    tbl_pr = tbl.tblPr
    for old in tbl_pr.findall(qn("w:tblBorders")):
        tbl_pr.remove(old)
    _insert_in_tbl_pr(tbl_pr, borders)


def set_bottom_border(tc: CT_Tc) -> None:
    """A line under one cell (the header of a table without row rules)."""
    borders = w_el("w:tcBorders")
    borders.append(w_el("w:bottom", val="single", sz="4", space="0", color="000000"))
    tc_pr = _tc_pr(tc)
    tc_pr.append(borders)


def set_fixed_layout(tbl: CT_Tbl, widths: list[int]) -> None:
    """Fixed column widths (twips): ``w:tblW``, ``w:tblLayout`` and the ``w:tblGrid`` columns."""
    tbl_pr = tbl.tblPr
    for tag in ("w:tblW", "w:tblLayout"):
        for old in tbl_pr.findall(qn(tag)):
            tbl_pr.remove(old)
    _insert_in_tbl_pr(tbl_pr, w_el("w:tblW", w=str(sum(widths)), type="dxa"))
    _insert_in_tbl_pr(tbl_pr, w_el("w:tblLayout", type="fixed"))
    grid = tbl.tblGrid
    for col in list(grid):
        grid.remove(col)
    for width in widths:
        grid.append(w_el("w:gridCol", w=str(width)))


_TBL_PR_ORDER = [
    "tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize",
    "tblStyleColBandSize", "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd",
    "tblLayout", "tblCellMar", "tblLook",
]


def _insert_in_tbl_pr(tbl_pr: etree._Element, child: etree._Element) -> None:
    """Insert a ``w:tblPr`` child at its schema position (Word rejects misordered children)."""
    rank = _TBL_PR_ORDER.index(etree.QName(child).localname)
    for index, existing in enumerate(tbl_pr):
        name = etree.QName(existing).localname
        if name in _TBL_PR_ORDER and _TBL_PR_ORDER.index(name) > rank:
            tbl_pr.insert(index, child)
            return
    tbl_pr.append(child)


def set_cell_margins(tbl: CT_Tbl, left: int = 85, right: int = 85) -> None:
    """Default cell margins, so text does not touch the ruling lines."""
    margins = w_el("w:tblCellMar")
    margins.append(w_el("w:left", w=str(left), type="dxa"))
    margins.append(w_el("w:right", w=str(right), type="dxa"))
    _insert_in_tbl_pr(tbl.tblPr, margins)


def set_numbering(p: CT_P, num_id: int, level: int = 0) -> None:
    """Attach a paragraph to a Word list: Word prints the marker, the text does not hold it."""
    num_pr = p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = level
    num_pr.get_or_add_numId().val = num_id


def _run(text: str, rpr: etree._Element | None, deleted: bool = False) -> etree._Element:
    run = w_el("w:r")
    if rpr is not None:
        run.append(_copy(rpr))
    tag = "w:delText" if deleted else "w:t"
    t = w_el(tag)
    t.text = text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    run.append(t)
    return run


def _copy(element: etree._Element) -> etree._Element:
    return etree.fromstring(etree.tostring(element))


def append_inserted(p: CT_P, text: str, rpr: etree._Element | None, rev_id: int) -> None:
    """A tracked insertion: shown and kept by Word (and by a reader that honours revisions)."""
    ins = w_el("w:ins", id=str(rev_id), author="Nguyễn Thị Hà", date=FIXED_REVISION_DATE)
    ins.append(_run(text, rpr))
    p.append(ins)


def append_deleted(p: CT_P, text: str, rpr: etree._Element | None, rev_id: int) -> None:
    """A tracked deletion: its text sits in ``w:delText`` and is not part of the document."""
    deletion = w_el("w:del", id=str(rev_id), author="Nguyễn Thị Hà", date=FIXED_REVISION_DATE)
    deletion.append(_run(text, rpr, deleted=True))
    p.append(deletion)


def append_hyperlink(p: CT_P, part: Part, text: str, url: str,
                     rpr: etree._Element | None) -> None:
    """An external hyperlink whose visible text is part of the cell text."""
    r_id = part.relate_to(url, RT.HYPERLINK, is_external=True)
    link = w_el("w:hyperlink")
    link.set(qn("r:id"), r_id)
    run_pr = _copy(rpr) if rpr is not None else w_el("w:rPr")
    run_pr.append(w_el("w:color", val="0563C1"))
    run_pr.append(w_el("w:u", val="single"))
    link.append(_run(text, run_pr))
    p.append(link)


def append_date_control(p: CT_P, text: str, iso_date: str, sdt_id: int,
                        rpr: etree._Element | None) -> None:
    """A date-picker content control (``w:sdt``) whose shown text is ``text``.

    Templates sent to units often carry such controls in the deadline column; a reader that
    only walks ``w:r`` children of the paragraph loses the date.
    """
    sdt = w_el("w:sdt")
    sdt_pr = w_el("w:sdtPr")
    if rpr is not None:
        sdt_pr.append(_copy(rpr))
    sdt_pr.append(w_el("w:alias", val="Thời hạn hoàn thành"))
    sdt_pr.append(w_el("w:tag", val="thoi_han"))
    sdt_pr.append(w_el("w:id", val=str(sdt_id)))
    date = w_el("w:date", fullDate=f"{iso_date}T00:00:00Z")
    date.append(w_el("w:dateFormat", val="dd/MM/yyyy"))
    date.append(w_el("w:lid", val="vi-VN"))
    date.append(w_el("w:storeMappedDataAs", val="dateTime"))
    date.append(w_el("w:calendar", val="gregorian"))
    sdt_pr.append(date)
    sdt.append(sdt_pr)
    content = w_el("w:sdtContent")
    content.append(_run(text, rpr))
    sdt.append(content)
    p.append(sdt)


def append_soft_hyphen(p: CT_P, rpr: etree._Element | None) -> None:
    """Word's optional hyphen (``w:softHyphen``), as left by text pasted from a hyphenated PDF."""
    run = w_el("w:r")
    if rpr is not None:
        run.append(_copy(rpr))
    run.append(w_el("w:softHyphen"))
    p.append(run)


def append_line_break(p: CT_P, rpr: etree._Element | None, page: bool = False) -> None:
    """A manual line break (``w:br``) or, with ``page``, a page break."""
    run = w_el("w:r")
    if rpr is not None:
        run.append(_copy(rpr))
    run.append(w_el("w:br", type="page") if page else w_el("w:br"))
    p.append(run)


def run_properties(size_pt: float, bold: bool = False, italic: bool = False) -> etree._Element:
    """``w:rPr`` for Times New Roman at ``size_pt`` (all four font slots, so no fallback font)."""
    rpr = w_el("w:rPr")
    rpr.append(w_el("w:rFonts", ascii="Times New Roman", hAnsi="Times New Roman",
                    cs="Times New Roman", eastAsia="Times New Roman"))
    if bold:
        rpr.append(w_el("w:b"))
    if italic:
        rpr.append(w_el("w:i"))
    half_points = str(int(size_pt * 2))
    rpr.append(w_el("w:sz", val=half_points))
    rpr.append(w_el("w:szCs", val=half_points))
    return rpr


class ListDefinitions:
    """Our own list definitions appended to ``word/numbering.xml``.

    The dash list is one ``w:num`` shared by every bulleted cell (bullets have no counter to
    continue).  Each decimal list gets its own ``w:num`` restarting at 1: Word continues a
    counter across cells that share a ``w:num``, which would print ``3.``, ``4.`` in the next cell.
    """

    BULLET_ABSTRACT_ID = 20
    DECIMAL_ABSTRACT_ID = 21
    BULLET_NUM_ID = 20

    def __init__(self, numbering: etree._Element) -> None:
        self._numbering = numbering
        self._next_num_id = self.BULLET_NUM_ID + 1
        last_abstract = numbering.findall(qn("w:abstractNum"))[-1]
        decimal = self._abstract(self.DECIMAL_ABSTRACT_ID, "decimal", "%1.", "7B3F1A21")
        bullet = self._abstract(self.BULLET_ABSTRACT_ID, "bullet", "-", "5C2E0B14")
        last_abstract.addnext(decimal)
        last_abstract.addnext(bullet)
        self._numbering.append(self._num(self.BULLET_NUM_ID, self.BULLET_ABSTRACT_ID))

    @staticmethod
    def _abstract(abstract_id: int, fmt: str, text: str, nsid: str) -> etree._Element:
        abstract = w_el("w:abstractNum", abstractNumId=str(abstract_id))
        abstract.append(w_el("w:nsid", val=nsid))
        abstract.append(w_el("w:multiLevelType", val="singleLevel"))
        lvl = w_el("w:lvl", ilvl="0")
        lvl.append(w_el("w:start", val="1"))
        lvl.append(w_el("w:numFmt", val=fmt))
        lvl.append(w_el("w:suff", val="space"))
        lvl.append(w_el("w:lvlText", val=text))
        lvl.append(w_el("w:lvlJc", val="left"))
        ppr = w_el("w:pPr")
        ppr.append(w_el("w:ind", left="0", firstLine="0"))
        lvl.append(ppr)
        rpr = w_el("w:rPr")
        rpr.append(w_el("w:rFonts", ascii="Times New Roman", hAnsi="Times New Roman",
                        cs="Times New Roman", hint="default"))
        lvl.append(rpr)
        abstract.append(lvl)
        return abstract

    @staticmethod
    def _num(num_id: int, abstract_id: int) -> etree._Element:
        num = w_el("w:num", numId=str(num_id))
        num.append(w_el("w:abstractNumId", val=str(abstract_id)))
        return num

    def new_decimal_list(self) -> int:
        """A fresh ``w:num`` for one decimal list, restarting at 1."""
        num_id = self._next_num_id
        self._next_num_id += 1
        num = self._num(num_id, self.DECIMAL_ABSTRACT_ID)
        override = w_el("w:lvlOverride", ilvl="0")
        override.append(w_el("w:startOverride", val="1"))
        num.append(override)
        self._numbering.append(num)
        return num_id
