"""The Word reader on small hand-made XML: the grid exactly as WordprocessingML defines it."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from lxml import etree

from cchc.extract.docx_reader import read_docx
from cchc.extract.model import Paragraph, RawTable, VMerge

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

NUMBERING = f"""<w:numbering xmlns:w="{W_NS}">
  <w:abstractNum w:abstractNumId="1">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="-"/></w:lvl>
  </w:abstractNum>
  <w:abstractNum w:abstractNumId="2">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
    <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2)"/></w:lvl>
  </w:abstractNum>
  <w:num w:numId="5"><w:abstractNumId w:val="1"/></w:num>
  <w:num w:numId="6"><w:abstractNumId w:val="2"/></w:num>
</w:numbering>"""


def p(text: str, extra: str = "") -> str:
    return f"<w:p>{extra}<w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>"


def tc(content: str, props: str = "") -> str:
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{content}</w:tc>"


def tbl(rows: str, cols: int) -> str:
    grid = "".join("<w:gridCol w:w=\"1000\"/>" for _ in range(cols))
    return f"<w:tbl><w:tblPr/><w:tblGrid>{grid}</w:tblGrid>{rows}</w:tbl>"


def make_docx(tmp_path: Path, body_xml: str, numbering: str | None = None) -> Path:
    """A real .docx whose body is ``body_xml`` (python-docx writes the package)."""
    document = docx.Document()
    body = document.element.body
    for child in list(body):
        if not child.tag.endswith("sectPr"):
            body.remove(child)
    wrapper = etree.fromstring(f'<w:body xmlns:w="{W_NS}">{body_xml}</w:body>')
    for child in list(wrapper):
        body.insert(len(body) - 1, child)
    if numbering is not None:
        part = document.part.numbering_part
        part._element = etree.fromstring(numbering)  # replace the default numbering definitions
    path = tmp_path / "case.docx"
    document.save(str(path))
    return path


def only_table(path: Path) -> RawTable:
    tables = read_docx(path).tables
    assert len(tables) == 1
    return tables[0]


def test_vmerge_over_three_rows(tmp_path: Path) -> None:
    rows = "".join(
        f"<w:tr>{tc(p(str(i)))}{tc(p('Giải pháp chung') if i == 1 else '<w:p/>', vm)}</w:tr>"
        for i, vm in ((1, '<w:vMerge w:val="restart"/>'), (2, "<w:vMerge/>"),
                      (3, '<w:vMerge w:val="continue"/>'))
    )
    table = only_table(make_docx(tmp_path, tbl(rows, 2)))
    merges = [r.cells[1].v_merge for r in table.rows]
    assert merges == [VMerge.RESTART, VMerge.CONTINUE, VMerge.CONTINUE]
    assert table.rows[0].text_at(1) == "Giải pháp chung"
    assert table.rows[2].text_at(1) == ""  # a continuation carries no text of its own


def test_grid_span_in_header_shifts_the_following_cells(tmp_path: Path) -> None:
    span2 = '<w:gridSpan w:val="2"/>'
    rows = (f"<w:tr>{tc(p('TT'))}{tc(p('Tiến độ thực hiện'), span2)}"
            f"{tc(p('Ghi chú'))}</w:tr>"
            f"<w:tr>{tc(p('1'))}{tc(p('x'))}{tc('<w:p/>')}{tc(p('Xong'))}</w:tr>")
    table = only_table(make_docx(tmp_path, tbl(rows, 4)))
    header, body = table.rows
    assert [(c.col, c.col_span) for c in header.cells] == [(0, 1), (1, 2), (3, 1)]
    assert header.text_at(2) == "Tiến độ thực hiện"
    assert body.text_at(3) == "Xong" and header.text_at(3) == "Ghi chú"
    assert table.n_cols == 4


def test_grid_before_starts_a_row_late(tmp_path: Path) -> None:
    rows = (f"<w:tr>{tc(p('a'))}{tc(p('b'))}{tc(p('c'))}</w:tr>"
            f"<w:tr><w:trPr><w:gridBefore w:val='1'/></w:trPr>{tc(p('B'))}{tc(p('C'))}</w:tr>")
    table = only_table(make_docx(tmp_path, tbl(rows, 3)))
    assert table.rows[1].cell_at(0) is None
    assert table.rows[1].text_at(1) == "B" and table.rows[1].text_at(2) == "C"


def test_empty_cells_are_empty_strings(tmp_path: Path) -> None:
    rows = f"<w:tr>{tc('<w:p/>')}{tc(p(' '))}{tc(p('x'))}</w:tr>"
    table = only_table(make_docx(tmp_path, tbl(rows, 3)))
    assert [c.text for c in table.rows[0].cells] == ["", "", "x"]


def test_tracked_changes_keep_insertions_and_drop_deletions(tmp_path: Path) -> None:
    para = ('<w:p><w:r><w:t xml:space="preserve">Hoàn thành </w:t></w:r>'
            '<w:del w:id="1" w:author="a"><w:r><w:delText>quý II</w:delText></w:r></w:del>'
            '<w:ins w:id="2" w:author="a"><w:r><w:t>quý III</w:t></w:r></w:ins>'
            '<w:r><w:t xml:space="preserve">/2023</w:t></w:r></w:p>')
    table = only_table(make_docx(tmp_path, tbl(f"<w:tr>{tc(para)}</w:tr>", 1)))
    assert table.rows[0].text_at(0) == "Hoàn thành quý III/2023"


def test_deleted_row_is_dropped(tmp_path: Path) -> None:
    rows = (f"<w:tr>{tc(p('giữ'))}</w:tr>"
            f"<w:tr><w:trPr><w:del w:id='3' w:author='a'/></w:trPr>{tc(p('bỏ'))}</w:tr>")
    table = only_table(make_docx(tmp_path, tbl(rows, 1)))
    assert [r.text_at(0) for r in table.rows] == ["giữ"]


def test_content_control_and_hyperlink_text_is_kept(tmp_path: Path) -> None:
    para = ('<w:p><w:sdt><w:sdtPr/><w:sdtContent><w:r><w:t xml:space="preserve">Cổng </w:t></w:r>'
            '</w:sdtContent></w:sdt><w:hyperlink w:anchor="x"><w:r><w:t>dichvucong.hatinh.gov.vn</w:t>'
            '</w:r></w:hyperlink></w:p>')
    table = only_table(make_docx(tmp_path, tbl(f"<w:tr>{tc(para)}</w:tr>", 1)))
    assert table.rows[0].text_at(0) == "Cổng dichvucong.hatinh.gov.vn"


def test_numbering_markers_are_printed(tmp_path: Path) -> None:
    def item(text: str, num: int, lvl: int = 0) -> str:
        return p(text, f'<w:pPr><w:numPr><w:ilvl w:val="{lvl}"/><w:numId w:val="{num}"/></w:numPr></w:pPr>')

    cell = (item("Tăng cường chỉ đạo;", 5) + item("Bố trí nhân lực.", 5)
            + item("Rà soát", 6) + item("Ban hành", 6) + item("chi tiết", 6, 1))
    table = only_table(make_docx(tmp_path, tbl(f"<w:tr>{tc(cell)}</w:tr>", 1), NUMBERING))
    assert table.rows[0].text_at(0).split("\n") == [
        "- Tăng cường chỉ đạo;", "- Bố trí nhân lực.", "1. Rà soát", "2. Ban hành", "a) chi tiết"]


def test_header_rows_and_paragraph_order(tmp_path: Path) -> None:
    rows = (f"<w:tr><w:trPr><w:tblHeader/></w:trPr>{tc(p('TT'))}</w:tr>"
            f"<w:tr>{tc(p('1'))}</w:tr>")
    document = read_docx(make_docx(tmp_path, p("PHỤ LỤC") + tbl(rows, 1) + p("Nơi nhận:")))
    kinds = [type(b).__name__ for b in document.blocks]
    assert kinds == ["Paragraph", "RawTable", "Paragraph"]
    table = document.tables[0]
    assert [r.is_header for r in table.rows] == [True, False]
    assert isinstance(document.blocks[0], Paragraph) and document.blocks[0].text == "PHỤ LỤC"


def test_damaged_docx_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "hong.docx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(Exception) as info:
        read_docx(path)
    assert "hong.docx" in str(info.value)


def test_tt_column_numbered_by_word_prints_its_numbers(tmp_path: Path) -> None:
    """Regression: a TT cell holding only an auto-numbered empty paragraph read as blank, so
    every row looked like the continuation of the first."""
    numbered = '<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="6"/></w:numPr></w:pPr></w:p>'
    rows = "".join(f"<w:tr>{tc(numbered)}{tc(p(text))}</w:tr>" for text in ("A", "B", "C"))
    table = only_table(make_docx(tmp_path, tbl(rows, 2), NUMBERING))
    assert [r.text_at(0) for r in table.rows] == ["1.", "2.", "3."]
