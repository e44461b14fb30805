"""Stitching on hand-built fragments: each case is a page layout drawn in the docstring."""

from __future__ import annotations

from cchc.extract.columns import Role, map_columns
from cchc.extract.model import RawCell, RawRow, RawTable, VMerge
from cchc.extract.stitching import LogicalRow, stitch
from cchc.text.vietnamese import squash_spaces

HEADER = ("TT", "Tồn tại, hạn chế", "Giải pháp khắc phục", "Thời hạn hoàn thành", "Tiến độ thực hiện")
C, R = VMerge.CONTINUE, VMerge.RESTART


def txt(r: LogicalRow, role: Role) -> str:
    """A stitched cell as the record will read it (page-cut lines joined by cleaning)."""
    return squash_spaces(r.text(role))


def row(*texts: str | tuple[str, VMerge], page: int = 1) -> RawRow:
    cells = []
    for i, t in enumerate(texts):
        text, merge = (t, VMerge.NONE) if isinstance(t, str) else t
        cells.append(RawCell(text=text, col=i, v_merge=merge))
    return RawRow(cells=tuple(cells), page=page)


def table(rows: list[RawRow], index: int = 0, ruled: bool = True) -> RawTable:
    return RawTable(rows=tuple(rows), n_cols=max(len(r.cells) for r in rows), index=index, ruled=ruled)


def run(fragments: list[RawTable]) -> list[dict[str, str]]:
    columns = map_columns(fragments[0])
    assert columns is not None
    return [{role.value: txt(r, role) for role in Role if r.text(role)}
            for r in stitch(fragments, columns)]


def test_repeated_header_dropped_and_cut_row_joined_with_a_space() -> None:
    """Page 1 ends inside row 3; page 2 repeats the header, then row 3 goes on (TT empty)."""
    page1 = table([row(*HEADER),
                   row("3", "Số hóa chưa đạt (Tiêu", "Tăng cường", "Thường xuyên trong năm", "Ngay")])
    page2 = table([row(*HEADER, page=2), row("", "chí 3.2.1)", "", "2023", "từ đầu năm", page=2)], 1)
    rows = run([page1, page2])
    assert rows == [{"seq": "3", "shortcoming": "Số hóa chưa đạt (Tiêu chí 3.2.1)",
                     "remedy": "Tăng cường", "deadline": "Thường xuyên trong năm 2023",
                     "progress": "Ngay từ đầu năm"}]


def test_merge_cut_by_page_break_gives_every_row_the_whole_text() -> None:
    """Rows 6–7 share remedy/progress (ruled PDF: row 7's cells continue row 6's); the break
    cuts the merged cell, whose text goes on at the top of page 2."""
    page1 = table([row(*HEADER),
                   row("6", "A (Tiêu chí 5.4)", ("Nâng cao", R), ("Năm 2023", R), ("Trong quý", R)),
                   row("7", "B (Tiêu", ("", C), ("", C), ("", C))])
    page2 = table([row(*HEADER, page=2), row("", "chí 5.8.2.2)", "văn hóa", "", "nghiêm túc", page=2)], 1)
    columns = map_columns(page1)
    assert columns is not None
    six, seven = stitch([page1, page2], columns)
    for r in (six, seven):
        assert txt(r, Role.REMEDY) == "Nâng cao văn hóa"
        assert txt(r, Role.PROGRESS) == "Trong quý nghiêm túc"
        assert txt(r, Role.DEADLINE) == "Năm 2023"
        assert r.cells[Role.REMEDY].merged and r.cells[Role.DEADLINE].merged
        assert not r.cells[Role.SHORTCOMING].merged
    assert txt(seven, Role.SHORTCOMING) == "B (Tiêu chí 5.8.2.2)"
    assert six.pages == (1, 2) and seven.pages == (1, 2)


def test_text_export_infers_the_merge_from_empty_cells() -> None:
    """The seed's rows 6–7 as a text export: no borders, row 7's follow-up cells empty."""
    page1 = table([row(*HEADER), row("6", "A", "Nâng cao", "Năm 2023", "Trong quý"),
                   row("7", "B (Tiêu", "", "", "")], ruled=False)
    page2 = table([row(*HEADER, page=2), row("", "chí 5.8.2.2)", "văn hóa", "", "nghiêm", page=2)],
                  1, ruled=False)
    columns = map_columns(page1)
    assert columns is not None
    six, seven = stitch([page1, page2], columns)
    assert txt(seven, Role.REMEDY) == txt(six, Role.REMEDY) == "Nâng cao văn hóa"
    assert txt(seven, Role.DEADLINE) == "Năm 2023"
    assert seven.cells[Role.DEADLINE].inferred and seven.cells[Role.REMEDY].merged


def test_unruled_row_with_its_own_text_is_not_merged() -> None:
    page = table([row(*HEADER), row("1", "A", "Giải pháp 1", "Năm 2023", "Đang"),
                  row("2", "B", "Giải pháp 2", "", "Đã xong")], ruled=False)
    rows = run([page])
    assert "deadline" not in rows[1]  # a blank deadline stays blank: row 2 has follow-up text


def test_unruled_run_of_empty_cells_is_a_merge_and_one_empty_cell_is_not() -> None:
    """Rule 5(c): rows 2-3 leave the remedy empty under row 1's (a merged cell, as a text
    export shows it); row 5 alone leaves its deadline empty (a finding without one)."""
    page = table([row(*HEADER), row("1", "A", "Giải pháp chung", "Năm 2023", "Đang"),
                  row("2", "B", "", "Quý I", "Đã xong"), row("3", "C", "", "Quý II", "Đang"),
                  row("4", "D", "Giải pháp 4", "Quý III", "Đang"),
                  row("5", "E", "Giải pháp 5", "", "Đang")], ruled=False)
    rows = run([page])
    assert [r["remedy"] for r in rows[:3]] == ["Giải pháp chung"] * 3
    assert rows[3]["remedy"] == "Giải pháp 4" and "deadline" not in rows[4]


def test_run_of_empty_cells_does_not_cross_a_group_row() -> None:
    page = table([row(*HEADER), row("1", "A", "Giải pháp 1", "Năm 2023", "Đang"),
                  RawRow(cells=(RawCell("II. CẢI CÁCH THỂ CHẾ", 0, col_span=5),)),
                  row("2", "B", "", "Quý I", "Đang"), row("3", "C", "", "Quý II", "Đang")], ruled=False)
    rows = run([page])
    assert "remedy" not in rows[1] and "remedy" not in rows[2]


def test_group_rows_become_sections_and_column_numbers_are_skipped() -> None:
    rows = [row(*HEADER), row("(1)", "(2)", "(3)", "(4)", "(5)"),
            RawRow(cells=(RawCell("I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH", 0, col_span=5),)),
            row("1", "A", "a", "Quý I/2023", "x"),
            RawRow(cells=(RawCell("II. CẢI CÁCH THỂ CHẾ", 0, col_span=5),)),
            row("2", "B", "b", "Quý II/2023", "y")]
    columns = map_columns(table(rows))
    assert columns is not None and columns.header_rows == 2
    out = stitch([table(rows)], columns)
    assert [(txt(r, Role.SEQ), r.section) for r in out] == [
        ("1", "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH"), ("2", "II. CẢI CÁCH THỂ CHẾ")]


def test_two_row_header_repeated_on_the_next_page() -> None:
    """Parent 'Tiến độ thực hiện' spans two mark columns; both header rows repeat on page 2."""
    top = RawRow(cells=(RawCell("TT", 0, v_merge=R), RawCell("Tồn tại, hạn chế", 1, v_merge=R),
                        RawCell("Giải pháp", 2, v_merge=R),
                        RawCell("Tiến độ thực hiện", 3, col_span=2)))
    sub = RawRow(cells=(RawCell("", 0, v_merge=C), RawCell("", 1, v_merge=C),
                        RawCell("", 2, v_merge=C),
                        RawCell("Đã hoàn thành", 3), RawCell("Chưa hoàn thành", 4)))
    page1 = table([top, sub, row("1", "A", "a", "x", "")])
    page2 = table([RawRow(cells=top.cells, page=2), RawRow(cells=sub.cells, page=2),
                   row("2", "B", "b", "", "x", page=2)], 1)
    columns = map_columns(page1)
    assert columns is not None
    assert columns.roles == {0: Role.SEQ, 1: Role.SHORTCOMING, 2: Role.REMEDY,
                             3: Role.DONE_MARK, 4: Role.NOT_DONE_MARK}
    out = stitch([page1, page2], columns)
    marks = [(txt(r, Role.SEQ), txt(r, Role.DONE_MARK), txt(r, Role.NOT_DONE_MARK)) for r in out]
    assert marks == [("1", "x", ""), ("2", "", "x")]


def test_header_not_repeated_on_the_next_page() -> None:
    page1 = table([row(*HEADER), row("1", "A", "a", "Năm 2023", "Đang")])
    page2 = table([row("2", "B", "b", "Năm 2023", "Đã", page=2)], 1)
    assert [r["seq"] for r in run([page1, page2])] == ["1", "2"]


def test_word_vmerge_over_three_rows_is_listed_on_each() -> None:
    rows = [row(*HEADER), row("1", "A", ("Chung", R), "Năm 2023", "x"),
            row("2", "B", ("", C), "Năm 2023", "y"), row("3", "C", ("", C), "Năm 2023", "z")]
    columns = map_columns(table(rows))
    assert columns is not None
    out = stitch([table(rows)], columns)
    assert [txt(r, Role.REMEDY) for r in out] == ["Chung"] * 3
    assert all(r.cells[Role.REMEDY].merged for r in out)
    assert not any(r.cells[Role.DEADLINE].merged for r in out)


def _sections(fragments: list[RawTable]) -> list[tuple[str | None, str]]:
    columns = map_columns(fragments[0])
    assert columns is not None
    return [(r.section, r.text(Role.SEQ)) for r in stitch(fragments, columns)]


def spanning(tt: str, title: str, n_cols: int = len(HEADER)) -> RawRow:
    """A group row: the numeral in the TT cell, the title in one cell spanning the rest."""
    return RawRow(cells=(RawCell(text=tt, col=0), RawCell(text=title, col=1, col_span=n_cols - 1)))


def test_numeral_in_tt_cell_with_spanning_title_is_a_group_not_a_finding() -> None:
    """| I | CẢI CÁCH THỂ CHẾ (spanning) | then rows 1, 2; | II | … | then 1 again (restart)."""
    rows = [row(*HEADER), spanning("I", "CẢI CÁCH THỂ CHẾ"), row("1", "A (TC 2.1)", "x", "2023", "y"),
            row("2", "B (TC 2.2)", "x", "2023", "y"), spanning("II.", "Cải cách thủ tục hành chính"),
            row("1", "C (TC 3.1)", "x", "2023", "y")]
    assert _sections([table(rows)]) == [("I. CẢI CÁCH THỂ CHẾ", "1"), ("I. CẢI CÁCH THỂ CHẾ", "2"),
                                        ("II. Cải cách thủ tục hành chính", "1")]


def test_numeral_in_tt_cell_with_title_in_next_cell_only_is_a_group() -> None:
    """| A | Công tác chỉ đạo | (empty) | (empty) | (empty) |: letters work like numerals."""
    rows = [row(*HEADER), row("A", "Công tác chỉ đạo", "", "", ""), row("1", "A (TC 1.1)", "x", "2023", "y"),
            row("B)", "CẢI CÁCH TỔ CHỨC BỘ MÁY", "", "", ""), row("2", "B (TC 4.1)", "x", "2023", "y")]
    assert _sections([table(rows)]) == [("A. Công tác chỉ đạo", "1"), ("B) CẢI CÁCH TỔ CHỨC BỘ MÁY", "2")]


def test_a_finding_with_only_its_shortcoming_filled_is_still_a_finding() -> None:
    """A digit or a lower-case letter in the TT cell is a finding's seq, never a group numeral."""
    rows = [row(*HEADER), row("1", "Chưa ban hành kế hoạch (TC 1.1)", "", "", ""),
            row("a)", "Chưa kiểm tra", "", "", "")]
    assert _sections([table(rows)]) == [(None, "1"), (None, "a)")]
