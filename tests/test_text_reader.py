"""Text exports: words a narrow column cut, flattened by the converter, are made whole."""

from __future__ import annotations

from pathlib import Path

import pytest

from cchc.extract.appendix import find_appendix
from cchc.extract.columns import Role
from cchc.extract.text_reader import read_text, rejoin_cut_words


@pytest.mark.parametrize(("flat", "whole"), [
    ("Hoà n thàn h", "Hoàn thành"),
    ("Thán g 9/2023", "Tháng 9/2023"),
    ("Chư a hoàn thàn h", "Chư a hoàn thành"),  # two syllables: left as written
    ("Văn phòng Sở chủ trì", "Văn phòng Sở chủ trì"),
    ("465/UBN D-VP", "465/UBN D-VP"),  # no letters-only pieces: not guessed
    ("Tháng 6/202 3", "Tháng 6/2023"),
    ("18/8/2 023", "18/8/2023"),
    ("Trước ngày 13/10/ 2023", "Trước ngày 13/10/2023"),
    ("3.4 3.1.2 .5", "3.4 3.1.2.5"),
    ("Tiêu chí 1.3.4. 4", "Tiêu chí 1.3.4.4"),
    ("Quý 2/2023 và 10 năm", "Quý 2/2023 và 10 năm"),
    ("ngày 5/6 2023", "ngày 5/6 2023"),  # not a year's pieces
])
def test_rejoin_cut_words(flat: str, whole: str) -> None:
    assert rejoin_cut_words(flat) == whole


def test_a_two_level_header_with_cut_words_maps_its_mark_columns(tmp_path: Path) -> None:
    """'Hoàn thành' / 'Chưa hoàn thành' cut in narrow mark columns still name them."""
    lines = ["PHỤ LỤC",
             "TT\tTồn tại, hạn chế\tGiải pháp khắc phục\tThời hạn\tKết quả thực hiện\t",
             "\t\t\t\tHoà n thàn h\tChư a hoàn thàn h",
             "1\tChưa ban hành kế hoạch (TC 1.1)\tBan hành kế hoạch\tQuý I/2023\tx\t",
             "2\tChưa kiểm tra (TC 1.4)\tTổ chức kiểm tra\tQuý II/2023\t\tx"]
    path = tmp_path / "bc.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    appendix = find_appendix(read_text(path))
    assert {Role.DONE_MARK, Role.NOT_DONE_MARK} <= appendix.roles
    assert [(r.text(Role.DONE_MARK), r.text(Role.NOT_DONE_MARK)) for r in appendix.rows] == [
        ("x", ""), ("", "x")]
