"""``cchc audit FILE``: the unit officer's checklist before sending a report.

What the officer relies on: the report head as the program read it, every missing or
inconsistent item with its row, grouped Lỗi / Cảnh báo / Lưu ý, a verdict on the last line,
and an exit status a script can test (1 when there is an error or the file cannot be read).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cchc.cli.main import main
from cchc.read import Options, load_settings, process_file
from cchc.report.checklist import checklist_text
from cchc.vocabulary import row_label

SAMPLES = Path(__file__).parent.parent / "samples"
SEED = SAMPLES / "seed_stp_2023_q1.txt"


def audit(*argv: str) -> int:
    """``cchc audit …`` as the command line runs it."""
    return main(["audit", *argv])


def report_with_an_error(tmp_path: Path) -> Path:
    """The seed with an impossible deadline in row 8 (``31/6/2023``): audit ``deadline_invalid``.

    No sample carries an error-severity entry (their expected JSON has warnings and infos
    only), so the test makes one from the real seed by changing one cell.
    """
    text = SEED.read_text(encoding="utf-8")
    assert text.count("\tQuý I/2023\t") == 1
    path = tmp_path / "bc_stp_loi.txt"
    path.write_text(text.replace("\tQuý I/2023\t", "\t31/6/2023\t"), encoding="utf-8")
    return path


def test_blank_number_and_date_are_warnings_and_exit_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert audit(str(SAMPLES / "stp_2023_q1.docx")) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0] == "Kiểm tra báo cáo trước khi gửi: stp_2023_q1.docx"
    assert "  Cơ quan:       Sở Tư pháp (mã STP)" in lines
    assert "  Số/ký hiệu:    …/BC-STP (chưa ghi số)" in lines
    assert "  Ngày:          chưa ghi ngày (tháng 3/2023)" in lines
    assert "  Năm đánh giá:  2022" in lines
    assert "Cảnh báo (2):" in lines and "Lỗi" not in out
    assert "  [ ] Thông tin chung: Báo cáo chưa ghi số (Số: /BC-STP) (the report number is blank)" in lines
    assert any(line.startswith("  [ ] Thông tin chung: Báo cáo chưa ghi ngày") for line in lines)
    assert lines[-1] == ("Kết luận: Không có lỗi; có 2 cảnh báo nên xem lại trước khi gửi "
                         "(no error; 2 warning(s) to review).")


def test_rows_are_named_and_groups_ordered(capsys: pytest.CaptureFixture[str]) -> None:
    assert audit(str(SAMPLES / "snv_2023_long.docx")) == 0
    out = capsys.readouterr().out
    assert "  Số/ký hiệu:    1856/BC-SNV" in out and "  Ngày:          05/10/2023" in out
    assert "  [ ] Dòng 30: Dòng chưa cập nhật tiến độ thực hiện (the progress is blank)." in out
    assert out.index("Cảnh báo (10):") < out.index("Lưu ý (1):")
    assert "  [ ] Dòng 16: Thời hạn «Quý III» không ghi năm" in out


def test_an_error_entry_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert audit(str(report_with_an_error(tmp_path))) == 1
    out = capsys.readouterr().out
    assert ("Lỗi (1):\n  [ ] Dòng 8: Thời hạn «31/6/2023» không phải là ngày có thật "
            "(not a real date).\n") in out
    assert out.index("Lỗi (1):") < out.index("Cảnh báo (2):") < out.index("Lưu ý (2):")
    assert out.splitlines()[-1] == ("Kết luận: CHƯA ĐẠT — có 1 lỗi cần sửa trước khi gửi "
                                    "và 2 cảnh báo (fail: 1 error(s) to fix before sending, "
                                    "2 warning(s)).")


def test_json_lists_the_entries(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert audit(str(report_with_an_error(tmp_path)), "--json") == 1
    payload = json.loads(capsys.readouterr().out)
    assert payload["file"] == "bc_stp_loi.txt" and payload["report"]["agency_code"] == "STP"
    assert payload["counts"] == {"error": 1, "warning": 2, "info": 2}
    assert {"severity": "error", "code": "deadline_invalid", "field": "deadline", "seq": 8,
            "message": "Thời hạn «31/6/2023» không phải là ngày có thật (not a real date)."
            } in payload["audit"]


def test_unreadable_file_is_one_line_and_exit_1(capsys: pytest.CaptureFixture[str]) -> None:
    assert audit(str(SAMPLES / "not_a_report.docx")) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1
    assert "not_a_report.docx" in lines[0] and "no_appendix" in lines[0]


def test_missing_file_is_one_line_and_exit_1(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    assert audit(str(tmp_path / "khong_co.docx"), "--json") == 1
    captured = capsys.readouterr()
    assert captured.out == "" and len(captured.err.strip().splitlines()) == 1
    assert "not_found" in captured.err


def test_a_clean_report_passes() -> None:
    record = process_file(SEED, load_settings(Options()))
    clean = type(record)(source=record.source, report=record.report, findings=record.findings,
                         audit=[])
    text = checklist_text(clean)
    assert "Không phát hiện mục nào cần bổ sung hoặc chỉnh sửa" in text
    assert text.rstrip().endswith("Kết luận: ĐẠT — không phát hiện thiếu sót cần sửa (pass: nothing to fix).")
    assert row_label(None) == "Thông tin chung" and row_label(7) == "Dòng 7"


def test_dates_in_messages_read_day_first(capsys: pytest.CaptureFixture[str]) -> None:
    """The record keeps ISO dates (data); the officer reads dd/mm/yyyy (docs/language.md)."""
    expected = json.loads((SAMPLES / "expected" / "syt_2023_q2.json").read_text(encoding="utf-8"))
    seq = next(a["seq"] for a in expected["audit"] if a["code"] == "overdue")
    due = next(f["due_date"] for f in expected["findings"] if f["seq"] == seq)
    record = process_file(SAMPLES / "syt_2023_q2.docx", load_settings(Options()))
    message = next(e.message for e in record.audit if e.code == "overdue")
    year, month, day = due.split("-")
    assert f"{day}/{month}/{year}" in message and due not in message


def test_several_files_and_folders(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "quy2"
    folder.mkdir()
    for name in ("stp_2023_q1.docx", "syt_2023_q2.txt"):
        (folder / name).write_bytes((SAMPLES / name).read_bytes())
    (folder / "~$stp_2023_q1.docx").write_bytes(b"lock")  # Word's lock file: left out
    assert audit(str(folder), str(report_with_an_error(tmp_path))) == 1
    out = capsys.readouterr().out
    assert out.count("Kiểm tra báo cáo trước khi gửi: ") == 3
    assert "stp_2023_q1.docx" in out and "syt_2023_q2.txt" in out and "~$" not in out
    assert out.splitlines()[-1].startswith("Tổng hợp: 3 báo cáo — 0 đạt, 2 chỉ có cảnh báo, 1 chưa đạt (")


def test_several_files_quiet_and_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = [str(SAMPLES / "stp_2023_q1.docx"), str(SAMPLES / "syt_2023_q2.docx")]
    assert audit(*files, "-q") == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2 and all(": Kết luận: " in line for line in lines)
    assert audit(*files, "--json") == 0
    payload = json.loads(capsys.readouterr().out)
    assert [p["file"] for p in payload] == ["stp_2023_q1.docx", "syt_2023_q2.docx"]


def test_an_empty_folder_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert audit(str(tmp_path)) == 1
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "no_report_in_folder" in err


def test_a_file_the_system_cannot_read_is_file_error_not_internal_error(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """An OSError while reading (an I/O error, a vanished mount) is the file's problem, named as
    `cchc extract` names it; the other files are still audited."""
    import sys

    reading = sys.modules["cchc.read"]  # the module (cchc.read is also the API function's name)

    real = reading.process_file

    def failing(path: Path, *args: object, **kwargs: object) -> object:
        if path.name == "stp_2023_q1.docx":
            raise OSError(5, "Input/output error")
        return real(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(reading, "process_file", failing)
    assert audit(str(SAMPLES / "stp_2023_q1.docx"), str(SAMPLES / "syt_2023_q2.docx"), "-q") == 1
    err = capsys.readouterr().err
    assert "stp_2023_q1.docx: file_error:" in err and "Input/output error" in err
    assert "internal_error" not in err
