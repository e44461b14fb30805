"""The command line as a user meets it: exit codes, one-line errors, files written."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest

from cchc.cli.main import main

SEED = Path(__file__).parent.parent / "samples" / "seed_stp_2023_q1.txt"


def _no_appendix_docx(path: Path) -> Path:
    document = docx.Document()
    document.add_paragraph("GIẤY MỜI họp giao ban tháng 4")
    table = document.add_table(rows=2, cols=3)
    for i, text in enumerate(("TT", "Nội dung", "Số lượng")):
        table.cell(0, i).text = text
    document.save(str(path))
    return path


def test_one_file_prints_its_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(SEED)]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["schema_version"] == 1 and len(doc["findings"]) == 15


def test_bad_files_fail_one_line_each_and_the_batch_goes_on(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    junk = tmp_path / "rac.pdf"
    junk.write_bytes(bytes(range(256)) * 4)
    plain = _no_appendix_docx(tmp_path / "giay_moi.docx")
    code = main(["extract", str(junk), str(plain), str(SEED), "-o", str(tmp_path / "out")])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 1
    failures = [line for line in err if ": " in line and "extracted into" not in line]
    assert len(failures) == 2
    assert "rac.pdf" in failures[0] and "unknown_format" in failures[0]
    assert "giay_moi.docx" in failures[1] and "no_appendix" in failures[1]
    assert "Traceback" not in "\n".join(err)
    assert (tmp_path / "out" / "seed_stp_2023_q1.json").is_file()


def test_formats_are_written_beside_each_other(tmp_path: Path) -> None:
    assert main(["extract", str(SEED), "-o", str(tmp_path), "--format", "json,csv,jsonl"]) == 0
    csv_text = (tmp_path / "seed_stp_2023_q1.csv").read_text(encoding="utf-8")
    assert csv_text.startswith("\ufeff") and len(csv_text.strip().splitlines()) >= 16
    lines = (tmp_path / "seed_stp_2023_q1.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 15 and json.loads(lines[0])["agency_code"] == "STP"


def test_missing_file_and_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(tmp_path / "khong_co.docx")]) == 1
    assert "not_found" in capsys.readouterr().err
    with pytest.raises(SystemExit) as info:
        main(["extract", str(SEED), "--format", "xml"])
    assert info.value.code == 2


def test_inputs_with_the_same_name_in_two_folders_keep_both_records(tmp_path: Path) -> None:
    """Regression: a/bc.txt and b/BC.txt were both written as bc_txt.json, the second over the first."""
    first, second = tmp_path / "a" / "bc.txt", tmp_path / "b" / "BC.txt"
    for path in (first, second):
        path.parent.mkdir()
        path.write_bytes(SEED.read_bytes())
    assert main(["extract", str(first), str(second), "-o", str(tmp_path / "out")]) == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a_bc_txt.json", "b_BC_txt.json"]
