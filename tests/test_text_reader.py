"""Text exports: words a narrow column cut, flattened by the converter, are made whole."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from cchc.extract.appendix import find_appendix
from cchc.extract.columns import Role
from cchc.extract.text_reader import read_text, rejoin_cut_words


@pytest.mark.parametrize(("flat", "whole"), [
    ("Hoà n thàn h", "Hoàn thành"),
    ("Thán g 9/2023", "Tháng 9/2023"),
    ("Chư a hoàn thàn h", "Chưa hoàn thành"),  # the a of ưa: one word (a mark column's header)
    ("điểm a, khoản a", "điểm a, khoản a"),  # a lone a after no u or i: a word
    ("Ch ưa khắ c phụ c", "Chưa khắc phục"),  # a fragment before a syllable
    ("Văn phòng Sở chủ trì", "Văn phòng Sở chủ trì"),
    ("465/UBN D-VP", "465/UBN D-VP"),  # no letters-only pieces: not guessed
    ("Tháng 6/202 3", "Tháng 6/2023"),
    ("18/8/2 023", "18/8/2023"),
    ("Trước ngày 13/10/ 2023", "Trước ngày 13/10/2023"),
    ("3.4 3.1.2 .5", "3.4 3.1.2.5"),
    ("Tiêu chí 1.3.4. 4", "Tiêu chí 1.3.4.4"),
    ("Quý 2/2023 và 10 năm", "Quý 2/2023 và 10 năm"),
    ("ngày 5/6 2023", "ngày 5/6 2023"),  # not a year's pieces
    ("D. CẢI CÁCH TÀI CHÍN H CÔNG", "D. CẢI CÁCH TÀI CHÍNH CÔNG"),  # a title in capitals
    ("ĐẾN NGƯ ỜI DÂN, CHÍNH QUY ỀN SỐ", "ĐẾN NGƯỜI DÂN, CHÍNH QUYỀN SỐ"),  # vowel-led pieces
    ("Chuy ển sang năm 2024", "Chuyển sang năm 2024"),
    ("của anh, đi ăn, ngày ấy, thu ế", "của anh, đi ăn, ngày ấy, thu ế"),  # words, not pieces
    ("Quý IV/202 4", "Quý IV/2024"),
    ("CÔNG CHỨ C, VIÊN CHỨC", "CÔNG CHỨC, VIÊN CHỨC"),  # the piece before its comma
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


def test_a_small_export_reads_under_a_memory_limit_far_below_the_size_limit(tmp_path: Path) -> None:
    """The reader reserves what the file holds, not the 100 MB size limit (issue 13, item 11):
    with 60 MB of address space left, reading a one-line export must not ask for 100 MB."""
    path = tmp_path / "bc.txt"
    path.write_text("PHỤ LỤC\nTT\tTồn tại\n", encoding="utf-8")
    script = ("import resource, sys\n"
              "from cchc.extract.text_reader import read_text\n"
              "from cchc.extract.limits import Limits\n"
              "limits = Limits(max_file_size=100 * 2**20)\n"
              "size = next(int(line.split()[1]) for line in open('/proc/self/status')\n"
              "            if line.startswith('VmSize:')) * 1024\n"
              "resource.setrlimit(resource.RLIMIT_AS, (size + 60 * 2**20,) * 2)\n"
              "print(len(read_text(sys.argv[1], limits=limits).blocks))\n")
    done = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True, text=True,
                          timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert int(done.stdout) >= 1  # the export was read, not only survived
