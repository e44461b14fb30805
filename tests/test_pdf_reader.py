"""The PDF reader on real PDFs (``tests/pdf``, made by ``tests/pdf/make_fixtures.py``).

Expected values come from the fixture script's own constants (the text it wrote into
each document) and from looking at the rendered pages, never from the reader's output.
What each fixture looks like:

* ``ruled_merges.pdf`` (LibreOffice, 1 page): three head lines, a 6-column table with a
  two-level header ("Tiến độ thực hiện" spans two columns, the other header cells are
  merged over both header rows), remedy cell merged over body rows 2–4, shaded header,
  a highlighted word; "Nơi nhận" under the table.
* ``long_table.pdf`` (LibreOffice, 6 landscape pages): header repeated on every page; rows
  3, 6, 9 and 12 are cut by page breaks (row 9's criterion codes land on page 5); rows 7–8
  share remedy/deadline/progress cells, cut between pages 3 and 4.
* ``column_ruled.pdf``: two tables without row rules, the first with a rule under its
  header, the second with only its outer box.
* ``rect_rules.pdf`` (reportlab): rules as 0.6 pt filled rectangles; page 1 ends in an
  open row (no closing rule); page 2 repeats the header, then the continuation row.
* ``path_rules.pdf``: a grid stroked as polylines (pdfminer curves).
"""

from __future__ import annotations

import importlib.util
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

from cchc.errors import UnreadableDocument
from cchc.extract import pdf_grid
from cchc.extract.model import ExtractedDocument, Paragraph, RawRow, RawTable, VMerge
from cchc.extract.pdf_grid import Glyph, LayoutSettings, PageLayout, Rule
from cchc.extract.pdf_reader import (
    PdfSettings,
    glyphs_to_lines,
    layout_to_blocks,
    legacy_font_names,
    read_pdf,
)

FIXTURES = Path(__file__).parent / "pdf"
SAMPLES = Path(__file__).parent.parent / "samples"
R, C, N = VMerge.RESTART, VMerge.CONTINUE, VMerge.NONE


def _load_fixture_script(name: str = "make_fixtures") -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, FIXTURES / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


fx = _load_fixture_script()


def flat(text: str) -> str:
    """Cell text with its line breaks as spaces (where the PDF wrapped is not asserted)."""
    return " ".join(text.split())


def texts(row: RawRow) -> list[str]:
    return [flat(c.text) for c in row.cells]


def merge_at(row: RawRow, col: int) -> VMerge | None:
    cell = row.cell_at(col)
    return None if cell is None else cell.v_merge


def body(table: RawTable, header_rows: int = 1) -> tuple[RawRow, ...]:
    return table.rows[header_rows:]


@pytest.fixture(scope="module")
def ruled() -> RawTable:
    doc = read_pdf(FIXTURES / "ruled_merges.pdf")
    assert (doc.file, doc.format, doc.pages) == ("ruled_merges.pdf", "pdf", 1)
    (table,) = doc.tables
    return table


@pytest.fixture(scope="module")
def long_doc() -> ExtractedDocument:
    return read_pdf(FIXTURES / "long_table.pdf")


# -- ruling lines, merges --------------------------------------------------------------


def test_blocks_keep_reading_order_around_the_table() -> None:
    doc = read_pdf(FIXTURES / "ruled_merges.pdf")
    kinds = [b.text if isinstance(b, Paragraph) else "<table>" for b in doc.blocks]
    assert kinds == [
        "ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH",
        "PHỤ LỤC",
        "Kết quả khắc phục các tồn tại, hạn chế năm 2022",
        "<table>",
        "Nơi nhận: Sở Nội vụ",
    ]
    assert all(b.page == 1 for b in doc.paragraphs)


def test_two_level_header_spans_and_vertical_merges(ruled: RawTable) -> None:
    assert ruled.n_cols == 6 and ruled.ruled
    top, sub = ruled.rows[0], ruled.rows[1]
    assert [(c.col, c.col_span, c.v_merge) for c in top.cells] == [
        (0, 1, R), (1, 1, R), (2, 1, R), (3, 1, R), (4, 2, N)
    ]  # fmt: skip
    assert texts(top) == [*fx.HEADER[:4], "Tiến độ thực hiện"]
    assert [(c.col, c.v_merge) for c in sub.cells] == [
        (0, C), (1, C), (2, C), (3, C), (4, N), (5, N)
    ]  # fmt: skip
    assert texts(sub)[4:] == ["Đã hoàn thành", "Chưa hoàn thành"]


def test_cell_merged_over_three_rows(ruled: RawTable) -> None:
    rows = body(ruled, header_rows=2)
    assert [r.text_at(0) for r in rows] == ["1", "2", "3", "4"]
    assert [merge_at(r, 2) for r in rows[1:]] == [R, C, C]
    assert flat(rows[1].text_at(2)) == fx.MERGED_REMEDY
    for row, (seq, shortcoming) in zip(rows[1:], fx.MERGED_ROWS, strict=True):
        assert (row.text_at(0), flat(row.text_at(1))) == (seq, shortcoming)
        assert flat(row.text_at(3)) == "Năm 2023" and row.text_at(5) == "x"


def test_shading_and_highlight_do_not_cut_cells(ruled: RawTable) -> None:
    first = body(ruled, header_rows=2)[0]
    assert len(first.cells) == 6
    assert flat(first.text_at(2)) == "Đẩy mạnh phong trào nghiên cứu sáng kiến."
    assert flat(first.text_at(1)) == "Không có sáng kiến mới trong CCHC (Tiêu chí 1.7)"


def test_text_is_nfc_with_diacritics(ruled: RawTable) -> None:
    all_text = [c.text for r in ruled.rows for c in r.cells]
    assert all(t == unicodedata.normalize("NFC", t) for t in all_text)
    assert "Tiến độ thực hiện" in all_text


# -- a table over pages ----------------------------------------------------------------


def test_one_fragment_per_page_with_repeated_header(long_doc: ExtractedDocument) -> None:
    assert long_doc.pages == 6
    tables = long_doc.tables
    assert [t.pages for t in tables] == [(p,) for p in range(1, 7)]
    assert [t.index for t in tables] == list(range(6))
    for table in tables:
        assert table.n_cols == 5 and table.ruled
        assert texts(table.rows[0]) == list(fx.HEADER)
    assert isinstance(long_doc.blocks[0], Paragraph) and long_doc.blocks[0].text == "PHỤ LỤC"
    last = long_doc.blocks[-1]
    assert isinstance(last, Paragraph) and (last.text, last.page) == ("Nơi nhận: Sở Nội vụ", 6)


def test_cut_rows_continue_on_a_row_with_empty_tt(long_doc: ExtractedDocument) -> None:
    for table in long_doc.tables[1:]:
        first = body(table)[0]
        assert first.text_at(0) == "" and first.text_at(4) != ""
    page5 = body(long_doc.tables[4])[0]
    assert flat(page5.text_at(1)).endswith("(Tiêu chí 9.2.1 và tiêu chí 7.2.5)")
    page4_row9 = body(long_doc.tables[3])[-1]
    assert page4_row9.text_at(0) == "9" and "7.2.5" not in page4_row9.text_at(1)


def test_merged_cell_cut_by_the_page_break(long_doc: ExtractedDocument) -> None:
    page3, page4 = long_doc.tables[2], long_doc.tables[3]
    row7, row8 = body(page3)[-2:]
    assert (row7.text_at(0), row8.text_at(0)) == ("7", "8")
    assert [merge_at(row7, c) for c in (2, 3, 4)] == [R, R, R]
    assert [merge_at(row8, c) for c in (2, 3, 4)] == [C, C, C]
    continued = body(page4)[0]
    assert [continued.text_at(c) for c in range(4)] == ["", "", "", ""]
    merged = fx.long_row(fx.MERGED_FROM)[4]
    assert flat(row7.text_at(4) + " " + continued.text_at(4)) == merged


def test_fragments_joined_give_back_every_row(long_doc: ExtractedDocument) -> None:
    """Appending each continuation row to the cells it continues rebuilds the source rows."""
    owners: dict[int, list[str]] = {}
    records: dict[str, list[list[str]]] = {}
    for table in long_doc.tables:
        for row in body(table):
            if row.text_at(0):
                record = records.setdefault(row.text_at(0), [[] for _ in range(5)])
                for cell in row.cells:
                    if cell.v_merge is not C:
                        owners[cell.col] = record[cell.col]
                        owners[cell.col].append(cell.text)
            else:
                for cell in row.cells:
                    owners[cell.col].append(cell.text)
            assert row.page == table.pages[0]
    assert list(records) == [str(seq) for seq in range(1, fx.LONG_ROWS + 1)]
    for seq, record in records.items():
        got = [flat(" ".join(parts)) for parts in record]
        expected = list(fx.long_row(int(seq)))
        if int(seq) == fx.MERGED_FROM + 1:
            expected[2:] = ["", "", ""]  # its own cells are the merged cell's lower part
        assert got == expected


# -- column rules only -------------------------------------------------------------------


def test_tables_ruling_only_columns_split_at_each_tt() -> None:
    doc = read_pdf(FIXTURES / "column_ruled.pdf")
    first, second = doc.tables
    for table in (first, second):
        assert not table.ruled and table.n_cols == 4
        assert texts(table.rows[0]) == list(fx.COLUMN_HEADER)
        assert [texts(r) for r in body(table)] == [list(r) for r in fx.COLUMN_ROWS]
        assert all(c.v_merge is N for r in table.rows for c in r.cells)
    between = doc.blocks[doc.blocks.index(first) + 1]
    assert isinstance(between, Paragraph) and between.text == "Bảng 2: chỉ có khung ngoài"


# -- other producers -------------------------------------------------------------------


def test_filled_rectangle_rules_and_an_open_last_row() -> None:
    doc = read_pdf(FIXTURES / "rect_rules.pdf")
    page1, page2 = doc.tables
    assert (page1.n_cols, page2.n_cols, page1.pages, page2.pages) == (4, 4, (1,), (2,))
    assert [texts(t.rows[0]) for t in (page1, page2)] == [list(fx.RECT_HEADER)] * 2
    seq, shortcoming, remedy, deadline = fx.RECT_PAGE1[-1]
    cut = page1.rows[-1]
    assert cut.text_at(0) == seq
    assert cut.text_at(1) == "\n".join(shortcoming)  # the open row keeps all its lines
    assert cut.text_at(2) == "\n".join(remedy)
    continuation, row3 = body(page2)
    assert texts(continuation) == ["", *(" ".join(c) for c in fx.RECT_PAGE2_CONT)]
    assert row3.text_at(0) == fx.RECT_PAGE2_ROW[0]
    lines = [(b.text, b.page) for b in doc.paragraphs]  # the fake-bold title read once
    assert lines == [("PHỤ LỤC: Kết quả khắc phục", 1), ("Trang 1", 1), ("Trang 2", 2)]


def test_page_number_follows_the_table_on_its_page() -> None:
    doc = read_pdf(FIXTURES / "rect_rules.pdf")
    order = ["T" if isinstance(b, RawTable) else b.text for b in doc.blocks]
    assert order == ["PHỤ LỤC: Kết quả khắc phục", "T", "Trang 1", "T", "Trang 2"]


def test_grid_stroked_as_polylines() -> None:
    (table,) = read_pdf(FIXTURES / "path_rules.pdf").tables
    assert table.n_cols == 2
    assert [texts(r) for r in table.rows] == [list(r) for r in fx.PATH_CELLS]


def test_page_without_rules_never_runs_the_table_finder(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*args: object) -> None:
        raise AssertionError("table finder ran on a page without rules")

    monkeypatch.setattr(pdf_grid, "rules_to_cell_boxes", boom)
    doc = read_pdf(FIXTURES / "encrypted.pdf", password=fx.PASSWORD)
    assert [b.text for b in doc.paragraphs] == ["Báo cáo cải cách hành chính"]


# -- errors ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "password", "code"),
    [
        ("encrypted.pdf", None, "encrypted"),
        ("encrypted.pdf", "sai-mat-khau", "wrong_password"),
        ("scanned.pdf", None, "no_text_layer"),
        ("damaged.pdf", None, "damaged_pdf"),
    ],
)
def test_unreadable_documents(name: str, password: str | None, code: str) -> None:
    with pytest.raises(UnreadableDocument) as caught:
        read_pdf(FIXTURES / name, password=password)
    assert (caught.value.file, caught.value.code) == (name, code)
    assert caught.value.message
    if code != "no_text_layer":
        assert caught.value.__cause__ is not None


def test_bytes_that_are_not_a_pdf(tmp_path: Path) -> None:
    path = tmp_path / "bao-cao.pdf"
    path.write_bytes(b"%PDF-1.7\n\x00\x01 not really a PDF \xff" * 10)
    with pytest.raises(UnreadableDocument) as caught:
        read_pdf(path)
    assert (caught.value.file, caught.value.code) == ("bao-cao.pdf", "damaged_pdf")


# -- the layout stage on hand-built pages ---------------------------------------------------


def words(*items: tuple[str, float, float]) -> list[Glyph]:
    """OCR-style glyphs: (text, x0, top), 6 pt high, 5 pt per letter."""
    return [Glyph(t, x, y, x + 5 * len(t), y + 6) for t, x, y in items]


def box_rules(xs: list[float], ys: list[float], top: float, bottom: float) -> tuple[Rule, ...]:
    return (
        *(Rule(True, x, top, bottom) for x in xs),
        *(Rule(False, y, xs[0], xs[-1]) for y in ys),
    )


def test_column_only_body_under_a_ruled_header_keeps_a_continuation_row() -> None:
    """Columns 0–20–100, rules at y=0 (top), 10 (under the header), 100 (bottom)::

    | TT | Nội dung   |
    |----|------------|
    |    | tiếp theo  |   ← text continued from the previous page
    | 1  | Dòng một   |
    | 2  | Dòng hai   |
    """
    glyphs = words(
        ("TT", 2, 2), ("Nội dung", 22, 2), ("tiếp theo", 22, 12),
        ("1", 2, 30), ("Dòng một", 22, 30), ("2", 2, 50), ("Dòng hai", 22, 50),
    )  # fmt: skip
    layout = PageLayout(3, box_rules([0, 20, 100], [0, 10, 100], 0, 100), tuple(glyphs))
    (table,) = layout_to_blocks(layout, LayoutSettings(), first_index=4)
    assert isinstance(table, RawTable) and not table.ruled and table.index == 4
    assert [texts(r) for r in table.rows] == [
        ["TT", "Nội dung"], ["", "tiếp theo"], ["1", "Dòng một"], ["2", "Dòng hai"]
    ]  # fmt: skip
    assert {r.page for r in table.rows} == {3}


def test_column_only_box_without_header_rule_joins_leading_lines_to_the_first_row() -> None:
    glyphs = words(("Nội", 22, 2), ("TT", 2, 12), ("dung", 22, 12), ("1", 2, 30), ("A", 22, 30))
    layout = PageLayout(1, box_rules([0, 20, 100], [0, 100], 0, 100), tuple(glyphs))
    (table,) = layout_to_blocks(layout, LayoutSettings())
    assert isinstance(table, RawTable)
    assert [[c.text for c in r.cells] for r in table.rows] == [["TT", "Nội\ndung"], ["1", "A"]]


def test_open_ends_are_closed_around_text_that_straddles_them() -> None:
    """Column rules run from y=0 to y=100 with rules across only at y=20 and y=50; text
    crosses both open ends (y=0 and y=100), and a page number sits below the rules."""
    rules = box_rules([0, 50, 100], [20, 50], 0, 100)
    glyphs = words(
        ("đầu", 2, -3), ("A", 2, 25), ("B", 52, 25), ("dòng", 2, 60), ("cuối", 52, 97),
        ("Trang", 40, 120),
    )  # fmt: skip
    blocks = layout_to_blocks(PageLayout(1, rules, tuple(glyphs)), LayoutSettings())
    table, page_number = blocks
    assert isinstance(table, RawTable) and table.ruled
    assert [[c.text for c in r.cells] for r in table.rows] == [
        ["đầu", ""], ["A", "B"], ["dòng", "cuối"]
    ]  # fmt: skip
    assert page_number == Paragraph("Trang", page=1)


def test_legacy_font_names() -> None:
    chars = [{"fontname": "ABCDEF+.VnTime"}, {"fontname": "VNI-Times"}, {"fontname": "TimesNewRoman"},
             {"fontname": "BCDEFG+VnArialH"}]  # fmt: skip
    assert legacy_font_names(chars) == {".VnTime", "VNI-Times", "VnArialH"}


def test_lines_split_side_by_side_blocks_and_compose_accents() -> None:
    glyphs = [
        *words(("SỞ", 0, 0), ("TƯ", 15, 0), ("PHÁP", 28, 0), ("Độc", 200, 0), ("lập", 218, 0)),
        Glyph("Vie", 0, 20, 15, 26),
        Glyph("\u0302\u0323", 13, 20, 15, 26),  # decomposed accents, as some PDFs map them
        Glyph("t", 15, 20, 18, 26),
    ]  # fmt: skip
    lines = glyphs_to_lines(glyphs, LayoutSettings(), split_columns=True)
    assert [line.text for line in lines] == ["SỞ TƯ PHÁP", "Độc lập", "Việt"]
    assert [line.text for line in glyphs_to_lines(glyphs[:5], LayoutSettings())] == ["SỞ TƯ PHÁP Độc lập"]


@pytest.mark.parametrize(
    "make",
    [
        lambda: LayoutSettings(snap_tolerance=-1),
        lambda: LayoutSettings(line_tolerance=float("nan")),
        lambda: LayoutSettings(lead_column_max_share=1.5),
        lambda: PdfSettings(rule_max_thickness=float("inf")),
        lambda: PdfSettings(dedupe_tolerance=-0.1),
    ],
)
def test_settings_are_validated(make: Callable[[], object]) -> None:
    with pytest.raises(ValueError):
        make()


# -- tables without row rules (tests/pdf/unruled, made by tests/pdf/make_unruled.py) ------

UNRULED = sorted((FIXTURES / "unruled").glob("*.pdf"))
# Merges that no geometry shows: a remedy merged over three rows whose items each start
# with a capital, in a table without row rules (12 fields of snv's findings 20-22).
UNRULED_KNOWN_WRONG = {"snv_2023_long_unruled.pdf": 12}


@pytest.mark.parametrize("pdf", UNRULED, ids=[p.name for p in UNRULED])
def test_unruled_tables_read_like_the_generator_wrote_them(pdf: Path) -> None:
    import json

    from cchc.read import Options, load_settings, process_file

    score_record = _load_fixture_script("score").score_record

    expected = json.loads(pdf.with_suffix(".json").read_text(encoding="utf-8"))
    actual = process_file(pdf, load_settings(Options())).to_dict()
    score = score_record(actual, expected)
    assert (score.found, score.expected) == (score.expected, score.expected)
    want = [(f["section"], f["seq"]) for f in expected["findings"]]
    assert [(f["section"], f["seq"]) for f in actual["findings"]] == want
    assert score.total - score.right <= UNRULED_KNOWN_WRONG.get(pdf.name, 0), score.wrong


def test_unruled_fixtures_exist() -> None:
    assert len(UNRULED) == 5


# -- page triage --------------------------------------------------------------------------


def test_triage_reads_page_one_and_the_appendix_only() -> None:
    from cchc.extract.pdf_triage import triage

    plan = triage(FIXTURES / "unruled" / "stp_2023_q1_unruled.pdf")
    assert plan is not None and plan.n_pages == 8
    assert plan.geometry == (1, 3, 4, 5, 6, 7, 8)  # page 2 is prose and signature: text only
    assert "- Lưu: VT, VP." in plan.text_lines[2]  # the end of the signature block


def test_triage_and_full_read_give_the_same_tables() -> None:
    pdf = FIXTURES / "unruled" / "stp_2023_q1_unruled.pdf"
    fast, full = read_pdf(pdf), read_pdf(pdf, use_triage=False)
    assert fast.tables == full.tables
    def head(doc: ExtractedDocument) -> list[str]:
        return [b.text for b in doc.paragraphs if b.page != 2]

    assert head(fast) == head(full)
    assert {b.page for b in fast.paragraphs} == {b.page for b in full.paragraphs}
    assert fast.pages == full.pages == 8


def test_triage_that_finds_nothing_falls_back_to_every_page(monkeypatch: pytest.MonkeyPatch) -> None:
    from cchc.extract import pdf_reader

    monkeypatch.setattr(pdf_reader, "triage", lambda path, password, pages=None: None)
    pdf = SAMPLES / "ubnd_camxuyen_2023.pdf"
    assert read_pdf(pdf).tables == read_pdf(pdf, use_triage=False).tables


def test_triage_pages_without_the_appendix_fall_back(monkeypatch: pytest.MonkeyPatch) -> None:
    from cchc.extract import pdf_reader
    from cchc.extract.pdf_triage import Triage

    wrong = Triage((1,), {2: ("x",), 3: ("y",), 4: ("z",)}, 4)  # only page 1: no appendix table
    monkeypatch.setattr(pdf_reader, "triage", lambda path, password, pages=None: wrong)
    pdf = SAMPLES / "ubnd_camxuyen_2023.pdf"
    assert read_pdf(pdf).tables == read_pdf(pdf, use_triage=False).tables


def test_triage_finds_no_appendix_in_a_letter() -> None:
    from cchc.extract.pdf_triage import triage

    assert triage(SAMPLES / "not_a_report.pdf") is None
